"""The two charts only the report draws: emerging/fading words, and what became of provisions.

Like ``charts.py``: Agg canvas, a CJK font, PNG or SVG by the path's suffix.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .charts import Paths, _figure, finish_barh, save, stacked_barh

EMERGING = "#1a7f37"
FADING = "#b35900"


def keyness_bars(emerging: Any, fading: Any, path: Paths, *, a_label: str, b_label: str,
                 title: str = "") -> Path:
    """Horizontal bars of the log ratio: emerging words (key to the newer plans, B) to the right,
    fading words (key to the older plans, A) to the left; raw counts A/B beside each bar.

    ``emerging`` and ``fading``: rows of ``KeynessTable.rows`` (side "b" and side "a").
    """
    rows = [(r["feature"], float(r["log_ratio"]), int(r["a"]), int(r["b"]))
            for _, r in emerging.iterrows()]
    rows += [(r["feature"], float(r["log_ratio"]), int(r["a"]), int(r["b"]))
             for _, r in fading.iterrows()]
    rows.sort(key=lambda x: x[1])
    fig = _figure(9, 0.3 * max(4, len(rows)) + 1.6)
    ax = fig.add_subplot(1, 1, 1)
    ys = range(len(rows))
    vals = [v for _, v, _, _ in rows]
    ax.barh(ys, vals, color=[EMERGING if v > 0 else FADING for v in vals], height=0.7)
    ax.set_yticks(list(ys))
    ax.set_yticklabels([w for w, *_ in rows], fontsize=10)
    span = max([abs(v) for v in vals] or [1.0])
    for y, (_, v, a, b) in zip(ys, rows, strict=True):
        ax.text(v + (0.04 if v >= 0 else -0.04) * span, y, f"{a}→{b}", va="center",
                ha="left" if v >= 0 else "right", fontsize=8, color="#444444")
    ax.set_xlim(-span * 1.35, span * 1.35)
    ax.axvline(0, color="#333333", linewidth=0.8)
    ax.set_xlabel(f"log2 频率比  ← 旧规划 ({a_label}) 多用 · 新规划 ({b_label}) 多用 →",
                  fontsize=10)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.grid(axis="x", alpha=0.25)
    ax.set_title(title or "新兴词与衰退词 (数字为旧→新出现次数)", fontsize=13, loc="left")
    fig.tight_layout()
    return save(fig, path)


def comparison_bars(rows: Sequence[dict[str, Any]], path: Paths, *, title: str = "") -> Path:
    """One stacked bar per compared pair: the older plan's provisions (matched 1:1, merged,
    split, dropped) and the newer plan's new ones.

    ``rows``: the summaries of the alignments (``Alignment.to_dict()["summary"]`` with source
    and target ids).
    """
    parts = (("matched_1to1", "一一对应", "#0b5cad"), ("merged", "合并 n:1", "#5a9bd5"),
             ("split", "拆分 1:n", "#9cc3e6"), ("dropped", "删去", "#c0504d"),
             ("new", "新增", "#1a7f37"))
    fig = _figure(10, 0.75 * len(rows) + 1.8)
    ax = fig.add_subplot(1, 1, 1)
    series = [(label, [float(r[key]) for r in rows], color) for key, label, color in parts]
    stacked_barh(ax, series, height=0.6, label_min=2, fmt="{:.0f}", fontsize=8.5)
    return finish_barh(fig, ax, path, ylabels=[f"{r['source']}\n→ {r['target']}" for r in rows], ylabel_size=9,
                       xlabel="对应关系数 (一一对应、合并、拆分) 与未对应条目数 (删去、新增)",
                       title=title or "相邻规划的条目对应", legend_cols=5, legend_size=9, legend_y=-0.22)
