"""A swimlane chart of a lineage: documents left to right, one lane per chain, a dot where the
chain has a provision, a line where it continues (dashed across a document that lacks it), and
marks where it changes: new (+), split (a larger dot, "split"), back after a gap ("back"), merged
into another chain (▶), dropped (×). ``changes_only`` leaves out the chains present in every
document unchanged, which say little beyond their number."""

from __future__ import annotations

import itertools
import math
from pathlib import Path

from ..records import Lineage
from ..series import document_year
from .charts import Paths, _figure, save

#: Lanes drawn at most (the longest-lived chains); the title says how many are left out.
MAX_LANES = 40


#: How each change is marked: (marker, size, colour, label).
MARKS = {"new": ("P", 70, "#2ca02c", "new"), "split": ("D", 0, "#9467bd", "split"),
         "return": ("o", 0, "#1f77b4", "back"), "merge": (">", 70, "#ff7f0e", "merged"),
         "drop": ("X", 70, "#d62728", "dropped")}


def lineage_chart(lineage: Lineage, path: Paths, *, lanes: int = MAX_LANES, title: str = "",
                  changes_only: bool = False) -> Path:
    docs = lineage.documents
    index = {d.id: i for i, d in enumerate(docs)}
    lasting = [c for c in lineage.chains if c.present > 1]
    hidden = sum(1 for c in lasting if c.unchanged) if changes_only else 0
    if changes_only:
        lasting = [c for c in lasting if not c.unchanged]
    chains = lasting[:lanes]
    more = len(lasting) - len(chains)
    width = min(4 + 1.1 * len(docs), 24)
    height = min(1.6 + 0.28 * max(len(chains), 1) + 0.6, 16)
    fig = _figure(width, height)
    ax = fig.add_subplot(1, 1, 1)
    # the bar under each document: how many of its provisions continue a chain, begin one or are alone
    cmap = fig.colormaps["tab10"] if hasattr(fig, "colormaps") else None
    for lane, c in enumerate(chains):
        y = len(chains) - lane
        colour = cmap(index[c.first] % 10) if cmap else f"C{index[c.first] % 10}"
        xs = sorted({index[link.doc] for link in c.links})
        for a, b in itertools.pairwise(xs):
            ax.plot([a, b], [y, y], color=colour, lw=2.2, ls="-" if b - a == 1 else "--", alpha=0.8, zorder=1)
        counts = {x: sum(1 for link in c.links if index[link.doc] == x) for x in xs}
        ax.scatter(xs, [y] * len(xs), s=[36 + 22 * (counts[x] - 1) for x in xs], color=colour,
                   edgecolor="white", linewidth=0.6, zorder=2)
        for doc, change in c.changes:
            marker, size, mcolour, label = MARKS[change]
            x = index.get(doc)
            if x is None:
                continue
            if size:
                ax.scatter([x], [y], marker=marker, s=size, color=mcolour, zorder=3, linewidth=0.5)
            ax.text(x, y + 0.28, label, ha="center", va="bottom", fontsize=6, color=mcolour)
        first = c.links[0]
        name = first.heading or first.text.split("。")[0]
        ax.text(-0.25, y, name if len(name) <= 16 else name[:15] + "…", ha="right", va="center", fontsize=8)
    if not chains:
        ax.text(0.5, 0.5, "no provision corresponds across documents", ha="center", va="center",
                transform=ax.transAxes)
    # at most about 30 labelled documents: every k-th one beyond that (and the grid follows them)
    step = max(1, math.ceil(len(docs) / 30))
    ticks = list(range(0, len(docs), step))
    labels = []
    for k in ticks:
        d = docs[k]
        year = document_year(d)
        name = d.id if year is None or str(year) in d.id else f"{d.id}\n{year}"
        labels.append(f"{name}\n{len(d.provisions)} prov." if len(docs) <= 30 else name)
    ax.set_xticks(ticks)
    ax.set_xticklabels(labels, fontsize=8, rotation=0 if len(docs) <= 8 else 60,
                       ha="center" if len(docs) <= 8 else "right")
    ax.set_xlim(-0.4, len(docs) - 0.6)
    ax.set_ylim(0.3, len(chains) + 0.7)
    ax.set_yticks([])
    for side in ("top", "right", "left"):
        ax.spines[side].set_visible(False)
    ax.grid(axis="x", color="#dddddd", lw=0.6, zorder=0)
    note = f" (the {len(chains)} longest-lived of {len(chains) + more})" if more else ""
    if hidden:
        note += f"; {hidden} chains present unchanged throughout not drawn"
    ax.set_title(title or f"Lineage of provisions through {len(docs)} documents{note}", fontsize=10, loc="left")
    ax.text(0, -0.04 - 0.25 / max(height, 1), "dot: the chain's provision(s) in a document (larger: a split); "
            "dashed: across a document that lacks it; + new, back after a gap, "
            "▶ merged into another, × dropped", fontsize=7, color="#555555", transform=ax.transAxes,
            va="top")
    return save(fig, path)
