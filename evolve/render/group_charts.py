"""The trend chart of ``evolve trends --by COLUMN`` (a column other than the year): small
multiples, one panel per term, one bar per group (its rate per 10,000 characters over all its
plans, the count at the bar's end), the groups in the same order in every panel.

Trend lines over the years say nothing about provinces or levels, and a plan series of one year
has no line at all; so ``--by place`` draws the places side by side, as the table does.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

from .chart_rows import ChartRows, pivot

#: At most this many groups (those with most plans) in the chart; the title says how many more.
MAX_BARS = 24


def term_groups_figure(rows: ChartRows, terms: Sequence[str], *, title: str = "") -> Any:
    """Small multiples of ``terms`` (panels) × the groups of ``rows`` (bars)."""
    from .charts import _figure

    keys = list(rows.keys[:MAX_BARS])
    labels = list(rows.labels[:MAX_BARS])
    left_out = len(rows.keys) - len(keys) + rows.left_out
    rate = pivot(rows, "per_10k", terms).reindex(columns=keys).fillna(0.0)
    count = pivot(rows, "count", terms).reindex(columns=keys).fillna(0).astype(int)
    names = dict(zip(rows.frame["term"], rows.frame["label"], strict=False))
    n = max(1, len(terms))
    cols = min(4, n)
    n_rows = math.ceil(n / cols)
    panel_h = 0.24 * len(keys) + 0.9
    widest = max((len(lab) for lab in labels), default=2)
    fig = _figure(2.7 * cols + 0.16 * widest + 0.6, panel_h * n_rows + 1.0)
    axes = [fig.add_subplot(n_rows, cols, k + 1) for k in range(len(terms))]
    top = max(1.0, float(rate.to_numpy().max()) * 1.3) if rate.size else 1.0
    y = list(range(len(keys)))
    for k, (ax, term) in enumerate(zip(axes, terms, strict=True)):
        r = rate.loc[term].to_numpy(dtype=float)
        c = count.loc[term].to_numpy()
        ax.barh(y, r, color="#d9822b", height=0.7)
        for yi, (ri, ci) in enumerate(zip(r, c, strict=True)):
            ax.text(ri + top * 0.02, yi, f"{ci:,}" if ci else "·", va="center", fontsize=7,
                    color="#333333" if ci else "#aaaaaa")
        ax.set_xlim(0, top)
        ax.set_ylim(len(keys) - 0.5, -0.5)
        ax.set_yticks(y)
        ax.set_yticklabels(labels if k % cols == 0 else [], fontsize=8)
        ax.tick_params(axis="x", labelsize=7)
        ax.grid(axis="x", alpha=0.25)
        total = int(c.sum())
        ax.set_title(f"{names.get(term, term)}  ({total:,} 次)", fontsize=9.5, loc="left")
        for side in ("top", "right"):
            ax.spines[side].set_visible(False)
    total = len(keys) + left_out
    what = rows.what.split(",")[0]  # "按地区分组" without the cut of the other charts
    more = (f", 括号内为规划数; 显示规划最多的 {len(keys)} 组 (共 {total} 组)" if left_out > 0
            else ", 括号内为规划数")
    fig.suptitle(title or f"各组的术语频率: 每万字次数 (条末数字为次数); {what}{more}",
                 fontsize=12, x=0.01, ha="left")
    fig.tight_layout(rect=(0, 0, 1, 0.97))
    return fig


__all__ = ["MAX_BARS", "term_groups_figure"]
