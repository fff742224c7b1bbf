"""Trend charts: term trend lines over years, theme shares per document, a term × document heatmap.

Each function takes the DataFrames of ``evolve.trends`` (no counting here), draws with the Agg
canvas (no pyplot, no display needed), uses a CJK font (``render/fonts.py``) and writes PNG, or
SVG when the path ends with .svg.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ..errors import OutputError
from ..records import Milestone
from .fonts import use_cjk_font

_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮"


def _figure(width: float, height: float) -> Any:
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    use_cjk_font()
    fig = Figure(figsize=(width, height), dpi=110)
    FigureCanvasAgg(fig)
    return fig


def _save(fig: Any, path: str | Path) -> Path:
    p = Path(path)
    try:
        p.parent.mkdir(parents=True, exist_ok=True)
        fig.savefig(p, format="svg" if p.suffix.lower() == ".svg" else "png", bbox_inches="tight")
    except OSError as exc:
        raise OutputError(f"{p}: cannot write the chart ({exc.strerror or exc})") from None
    return p


def _doc_label(row: Any) -> str:
    year = (
        "年份不详"
        if row["year"] is None or (isinstance(row["year"], float) and math.isnan(row["year"]))
        else int(row["year"])
    )
    return f"{row['place']} {year}"


def term_trends(
    by_year: Any,
    terms: Sequence[str],
    path: str | Path,
    *,
    milestones: Sequence[Milestone] = (),
    title: str = "",
) -> Path:
    """Small multiples: one panel per term (in ``terms`` order), its rate per 10,000 characters
    over the years; panels coloured by the year the term is first seen; milestones as dashed lines.

    ``by_year``: the year rows of ``group_table(table, "year")`` (no "unknown" row).
    """
    from matplotlib import colormaps

    df = by_year.copy()
    df["year"] = df["year"].astype(int)
    years = sorted(df["year"].unique())
    lo, hi = years[0] - 0.8, years[-1] + 0.8
    marks = [m for m in milestones if lo <= m.year <= hi]
    n = len(terms)
    cols = min(5, max(1, n))
    rows = math.ceil(n / cols)
    fig = _figure(2.6 * cols, 1.9 * rows + 1.1)
    axes = fig.subplots(rows, cols, sharex=True, squeeze=False)
    first_years = {}
    for t in terms:
        seen = df[(df["term"] == t) & (df["count"] > 0)]
        first_years[t] = int(seen["year"].min()) if len(seen) else None
    labels = dict(zip(df["term"], df["label"], strict=False))
    cmap = colormaps["plasma"]
    span = max(1, years[-1] - years[0])
    for k, ax in enumerate(axes.flat):
        if k >= n:
            ax.set_visible(False)
            continue
        t = terms[k]
        d = df[df["term"] == t].sort_values("year")
        fy = first_years[t]
        color = "#9a9a9a" if fy is None else cmap(0.05 + 0.8 * (fy - years[0]) / span)
        ax.fill_between(d["year"], d["per_10k"], color=color, alpha=0.18, linewidth=0)
        ax.plot(d["year"], d["per_10k"], marker="o", markersize=3.5, color=color, linewidth=1.8)
        for i, m in enumerate(marks):
            ax.axvline(m.year, color="#555555", linestyle=(0, (3, 3)), linewidth=0.7, alpha=0.6)
            if k < cols:  # number the milestones on the top row of panels
                ax.annotate(
                    _CIRCLED[i % len(_CIRCLED)],
                    (m.year, 1.0),
                    xycoords=("data", "axes fraction"),
                    ha="center",
                    va="bottom",
                    fontsize=8,
                    color="#444444",
                )
        total = int(d["count"].sum())
        when = "未出现" if fy is None else f"始于 {fy}"
        name = labels.get(t, t)
        ax.set_title(
            f"{name}\n({when}, {total} 次)" if len(name) > 6 else f"{name}  ({when}, {total} 次)",
            fontsize=9.5,
            loc="left",
            pad=13 if k < cols else 4,
        )
        ax.set_xlim(lo, hi)
        ax.set_ylim(0, max(1.0, float(d["per_10k"].max()) * 1.25))
        ax.set_xticks(years)
        ax.set_xticklabels([f"{y % 100:02d}年" for y in years], fontsize=7.5)
        ax.tick_params(axis="y", labelsize=7.5)
        ax.grid(axis="y", alpha=0.25)
        for side in ("top", "right"):
            ax.spines[side].set_visible(False)
    fig.suptitle(
        title or "政策术语的更替: 每万字出现次数, 按年份 (无年份的规划不计)",
        fontsize=13,
        x=0.01,
        ha="left",
    )
    note = "  ".join(
        f"{_CIRCLED[i % len(_CIRCLED)]} {_when(m.year)} {m.label}" for i, m in enumerate(marks)
    )
    fig.text(
        0.01,
        0.005,
        ("虚线为里程碑: " + note) if note else "",
        fontsize=8.5,
        ha="left",
        va="bottom",
        color="#333333",
    )
    fig.tight_layout(rect=(0, 0.04, 1, 0.97))
    return _save(fig, path)


def _when(year: float) -> str:
    y = int(year)
    month = round((year - y) * 12) + 1
    return f"{y}-{month:02d}" if year != y else str(y)


def theme_shares(themes: Any, path: str | Path, *, title: str = "") -> Path:
    """One horizontal bar per document (oldest at the top), split into its theme shares.

    ``themes``: ``theme_table(...).counts``.
    """
    from matplotlib import colormaps

    df = themes.copy()
    docs = df.drop_duplicates("id")[["id", "place", "year"]].copy()
    docs["_y"] = docs["year"].fillna(9999)
    docs = docs.sort_values(["_y", "id"])
    keys = list(dict.fromkeys(df["term"]))
    labels = dict(zip(df["term"], df["label"], strict=False))
    cmap = colormaps["tab10"]
    fig = _figure(11, 0.62 * len(docs) + 2.2)
    ax = fig.add_subplot(1, 1, 1)
    ylabels = [_doc_label(r) for _, r in docs.iterrows()]
    series = []
    for j, key in enumerate(keys):
        vals = []
        for _, r in docs.iterrows():
            row = df[(df["id"] == r["id"]) & (df["term"] == key)]
            vals.append(float(row["share"].iloc[0]) * 100 if len(row) else 0.0)
        series.append((labels[key], vals, cmap(j % 10)))
    stacked_barh(ax, series, height=0.7, label_min=7, fmt="{:.0f}%", fontsize=8)
    ax.set_xlim(0, 100)
    return finish_barh(fig, ax, path, ylabels=ylabels, ylabel_size=10, xlabel="主题占本文主题词次数的百分比 (%)",
                       title=title or "各规划的主题构成 (主题词次数占比, 按年份排列)", legend_cols=4,
                       legend_size=8.5, legend_y=-0.16)


def finish_barh(fig: Any, ax: Any, path: str | Path, *, ylabels: Sequence[str], ylabel_size: float,
                xlabel: str, title: str, legend_cols: int, legend_size: float, legend_y: float) -> Path:
    """Labels, legend below, title and file for a horizontal bar chart read top to bottom."""
    ax.set_yticks(range(len(ylabels)))
    ax.set_yticklabels(ylabels, fontsize=ylabel_size)
    ax.invert_yaxis()
    ax.set_xlabel(xlabel)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.legend(ncol=legend_cols, fontsize=legend_size, loc="upper center", bbox_to_anchor=(0.5, legend_y),
              frameon=False)
    ax.set_title(title, fontsize=13, loc="left")
    fig.tight_layout()
    return _save(fig, path)


def stacked_barh(ax: Any, series: Sequence[tuple[str, Sequence[float], Any]], *, height: float,
                 label_min: float, fmt: str, fontsize: float) -> None:
    """Horizontal stacked bars, one segment per (label, values, colour), each segment of at
    least ``label_min`` labelled with its value."""
    left = [0.0] * len(series[0][1]) if series else []
    for label, vals, color in series:
        ax.barh(range(len(vals)), vals, left=left, color=color, label=label, height=height,
                edgecolor="white", linewidth=0.6)
        for i, v in enumerate(vals):
            if v >= label_min:
                ax.text(left[i] + v / 2, i, fmt.format(v), ha="center", va="center", fontsize=fontsize,
                        color="white")
        left = [a + b for a, b in zip(left, vals, strict=True)]


def term_heatmap(counts: Any, terms: Sequence[str], path: str | Path, *, title: str = "") -> Path:
    """Terms (rows, in ``terms`` order) × documents (columns, by year): colour = rate per 10,000
    characters, number = raw count; blank where the term is absent.

    ``counts``: ``term_table(...).counts``.
    """
    import numpy as np
    from matplotlib.colors import PowerNorm

    df = counts.copy()
    docs = df.drop_duplicates("id")[["id", "place", "year"]].copy()
    docs["_y"] = docs["year"].fillna(9999)
    docs = docs.sort_values(["_y", "id"])
    ids = list(docs["id"])
    rate = df.pivot_table(index="term", columns="id", values="per_10k", aggfunc="sum").reindex(
        index=list(terms), columns=ids
    )
    cnt = df.pivot_table(index="term", columns="id", values="count", aggfunc="sum").reindex(
        index=list(terms), columns=ids
    )
    data = np.ma.masked_where(cnt.to_numpy() == 0, rate.to_numpy())
    fig = _figure(1.25 * len(ids) + 3.0, 0.36 * len(terms) + 1.9)
    ax = fig.add_subplot(1, 1, 1)
    vmax = max(1.0, float(rate.to_numpy().max()))
    im = ax.imshow(data, aspect="auto", cmap="YlOrRd", norm=PowerNorm(0.5, vmin=0, vmax=vmax))
    for i in range(len(terms)):
        for j in range(len(ids)):
            c = int(cnt.iat[i, j])
            r = float(rate.iat[i, j])
            ax.text(
                j,
                i,
                str(c) if c else "·",
                ha="center",
                va="center",
                fontsize=8.5,
                color="white" if c and r > vmax * 0.45 else ("#222222" if c else "#bbbbbb"),
            )
    ax.set_xticks(range(len(ids)))
    ax.set_xticklabels([_doc_label(r) for _, r in docs.iterrows()], fontsize=9.5)
    ax.xaxis.tick_top()
    ax.set_yticks(range(len(terms)))
    labels = dict(zip(df["term"], df["label"], strict=False))
    ax.set_yticklabels([labels.get(t, t) for t in terms], fontsize=9.5)
    ax.set_xticks(np.arange(-0.5, len(ids)), minor=True)
    ax.set_yticks(np.arange(-0.5, len(terms)), minor=True)
    ax.grid(which="minor", color="white", linewidth=1.5)
    ax.tick_params(which="minor", length=0)
    for side in ax.spines.values():
        side.set_visible(False)
    bar = fig.colorbar(im, ax=ax, fraction=0.04, pad=0.02)
    bar.set_label("每万字次数", fontsize=9)
    ax.set_title(
        title or "术语 × 规划: 数字为出现次数, 颜色为每万字频率", fontsize=12.5, loc="left", pad=28
    )
    fig.tight_layout()
    return _save(fig, path)


def trend_charts(
    table: Any, themes: Any, out: str | Path, *, milestones: Sequence[Milestone] = ()
) -> list[tuple[str, str]]:
    """The three trend charts of ``evolve trends``; returns (file, what it shows) for each.

    ``out`` is a directory (terms.png, or theme-trends.png for themes, themes.png, heatmap.png
    inside) or a file for the trend lines, with the other two beside it (NAME-themes.png,
    NAME-heatmap.png). ``table`` is a term (or theme) ``TrendTable``, ``themes`` the theme
    ``TrendTable``.
    """
    from ..trends.measures import UNKNOWN, group_table

    o = Path(out)
    # The theme counts' trend lines get a name of their own: `trends --themes` must not write
    # over the terms' chart of an earlier run.
    lines = "terms" if table.kind == "term" else "theme-trends"
    if o.suffix.lower() in {".png", ".svg"}:
        paths = (
            o,
            o.with_name(f"{o.stem}-themes{o.suffix}"),
            o.with_name(f"{o.stem}-heatmap{o.suffix}"),
        )
    else:
        paths = (o / f"{lines}.png", o / "themes.png", o / "heatmap.png")
    written: list[tuple[str, str]] = []
    what = "themes" if table.kind == "theme" else "terms"
    by_year = group_table(table, "year")
    by_year = by_year[by_year["year"] != UNKNOWN]
    if len(by_year):
        title = ""
        if table.kind == "theme":
            title = "主题的消长: 每万字主题词次数, 按年份 (无年份的规划不计)"
        term_trends(by_year, table.terms, paths[0], milestones=milestones, title=title)
        written.append(
            (
                str(paths[0]),
                f"trend lines: each of the {len(table.terms)} {what}' rate per "
                "10,000 characters by year, coloured by first year, milestones dashed",
            )
        )
    theme_shares(themes.counts, paths[1])
    written.append((str(paths[1]), "theme shares per document, oldest first"))
    term_heatmap(table.counts, table.terms, paths[2])
    written.append(
        (
            str(paths[2]),
            f"{what} × documents heatmap: counts, coloured by rate per 10,000 characters",
        )
    )
    return written
