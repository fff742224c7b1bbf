"""The policy-instrument mix as a chart: one horizontal bar per group (year, place, level or any
column), split into the shares of supply, environment and demand among the group's instrument
units, with the group's number of documents and units beside it; a second panel shows the share of
each tool (subtype).

Takes the DataFrames of ``evolve.instruments.tables`` (no coding here). Above ``MAX_GROUPS``
groups only the largest are drawn, and the title says so; bar height and font shrink with the
number of groups so that the chart stays readable from 5 to 1,000 documents.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .charts import Paths, _figure, save

#: family colours: supply blue, environment green, demand orange (colour-blind safe, Okabe–Ito)
COLOURS = {"supply": "#0072B2", "environment": "#009E73", "demand": "#E69F00"}
EXTRA = ["#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#999999"]
MAX_GROUPS = 40
BY_NAMES = {"year": "年份", "place": "地区", "province": "省份", "level": "层级", "period": "五年规划期", "id": "文件"}


def instrument_chart(shares: Any, tools: Any, path: Paths, *, by: str | None = None, title: str = "") -> Path:
    """Save the chart of ``tables.shares`` and ``tables.tool_table`` (same ``by``) to ``path``."""
    return save(instrument_figure(shares, tools, by=by, title=title), path)


def instrument_figure(shares: Any, tools: Any, *, by: str | None = None, title: str = "") -> Any:
    col = by or "group"
    inst = shares[shares["category"] != "none"]
    groups = list(dict.fromkeys(inst[col]))
    sizes = {g: int(shares.loc[shares[col] == g, "units"].sum()) for g in groups}
    docs = {g: int(shares.loc[shares[col] == g, "documents"].max()) for g in groups}
    cut = len(groups) > MAX_GROUPS
    if cut:
        keep = set(sorted(groups, key=lambda g: -sizes[g])[:MAX_GROUPS])
        groups = [g for g in groups if g in keep]
    cats = list(dict.fromkeys(inst["category"]))
    colour = {c: COLOURS.get(c, EXTRA[i % len(EXTRA)]) for i, c in enumerate(cats)}
    names = dict(zip(inst["category"], inst["name"], strict=False))
    n = len(groups)
    row_h = 0.42 if n <= 12 else 0.3 if n <= 25 else 0.24
    n_tools = int(tools["tool"].nunique()) if len(tools) else 0
    # tall enough for the bars of the groups and for the tool panel's labels
    height = max(3.2, 1.6 + row_h * n, 1.4 + 0.26 * n_tools)
    fig = _figure(12.5, height)
    ax, ax2 = fig.subplots(1, 2, gridspec_kw={"width_ratios": [1.15, 1]})
    label_size = 9 if n <= 25 else 7.5
    ys = list(range(n))[::-1]
    left = [0.0] * n
    for c in cats:
        vals = []
        for g in groups:
            row = inst[(inst[col] == g) & (inst["category"] == c)]
            vals.append(float(row["instrument_share"].iloc[0]) if len(row) else 0.0)
        ax.barh(
            ys, vals, left=left, color=colour[c], height=0.72, label=names.get(c, c), edgecolor="white", linewidth=0.5
        )
        for y, v, lft in zip(ys, vals, left, strict=True):
            if v >= 0.09 and n <= 60:
                ax.text(lft + v / 2, y, f"{v:.0%}", ha="center", va="center", color="white", fontsize=label_size - 0.5)
        left = [a + b for a, b in zip(left, vals, strict=True)]
    labels = [f"{g}  ({docs[g]}篇, {sizes[g]}条)" for g in groups]
    ax.set_yticks(ys, labels, fontsize=label_size)
    ax.set_xlim(0, 1)
    ax.xaxis.set_major_formatter(_percent())
    ax.set_xlabel("政策工具类型占比 (不含非工具条款)", fontsize=9)
    ax.legend(loc="lower center", bbox_to_anchor=(0.5, 1.0), ncol=len(cats), frameon=False, fontsize=9)
    for s in ("top", "right"):
        ax.spines[s].set_visible(False)
    units = int(inst.loc[inst[col].isin(groups), "units"].sum())
    _tool_panel(ax2, tools, groups, col, colour, label_size, units)
    head = title or "政策工具结构" + (f" (按{BY_NAMES.get(by, by)})" if by else "")
    if cut:
        head += f" — 条款最多的{MAX_GROUPS}组"
    fig.suptitle(head, fontsize=12, y=0.995)
    fig.tight_layout()
    return fig


def _tool_panel(
    ax: Any, tools: Any, groups: list[str], col: str, colour: dict[str, str], label_size: float, units: int
) -> None:
    """Each tool's share of instrument units, over all the groups drawn (a unit with two tools
    counts for both, so the bars need not add up to 100 %)."""
    t = tools[tools[col].isin(groups)]
    tot = t.groupby(["category", "tool", "name"], sort=False)["units"].sum().reset_index()
    tot["share"] = tot["units"] / units if units else 0.0
    tot = tot[::-1]
    ys = list(range(len(tot)))
    ax.barh(ys, tot["share"], color=[colour.get(c, "#999999") for c in tot["category"]], height=0.7)
    ax.set_yticks(ys, list(tot["name"]), fontsize=8.5)
    for y, v in zip(ys, tot["share"], strict=True):
        ax.text(v + 0.005, y, f"{v:.0%}", va="center", fontsize=7.5)
    ax.xaxis.set_major_formatter(_percent())
    ax.set_xlabel("各工具占工具条款的比例 (一条可用多种工具)", fontsize=9)
    ax.set_xlim(0, max(0.1, float(tot["share"].max()) * 1.18) if len(tot) else 1)
    for s in ("top", "right"):
        ax.spines[s].set_visible(False)


def _percent() -> Any:
    from matplotlib.ticker import PercentFormatter

    return PercentFormatter(1.0, decimals=0)
