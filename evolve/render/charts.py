"""Trend charts: term trend lines over years, theme shares, a terms × documents (or groups) heatmap.

Each function takes the DataFrames of ``evolve.trends`` (no counting here), draws one figure with
the Agg canvas (no pyplot, no display needed) in a CJK font (``render/fonts.py``) and saves that
figure to every path given: PNG, SVG or PDF by the suffix. Above ``DETAIL_MAX`` documents
the theme and heatmap charts show groups of documents (years, or ``by``), each labelled with its
number of documents (``render/chart_rows.py``).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from rich.cells import cell_len

from ..errors import OutputError
from ..records import Milestone
from .chart_rows import DETAIL_MAX, ChartRows, chart_rows, pivot
from .fonts import use_cjk_font

__all__ = ["DETAIL_MAX", "heatmap_figure", "save", "term_heatmap", "term_trends",
           "term_trends_figure", "theme_shares"]

_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮"
#: Panels share one y-scale when their highest values differ by at most this factor.
SHARED_Y_RATIO = 4.0
Paths = str | Path | Sequence[str | Path]


def _figure(width: float, height: float) -> Any:
    import matplotlib
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    use_cjk_font()
    # labels are data (places, titles, terms): "US$5" or "青岛$5$" must not be read as math
    matplotlib.rcParams["text.parse_math"] = False
    fig = Figure(figsize=(width, height), dpi=110)
    FigureCanvasAgg(fig)
    return fig


def save(fig: Any, path: Paths) -> Path:
    """Save one drawn figure to each path (the format follows the suffix: .png, .svg or .pdf); returns
    the first path."""
    from ..output import CHART_SUFFIXES, atomic_path

    paths = [Path(path)] if isinstance(path, str | Path) else [Path(x) for x in path]
    for p in paths:
        if p.suffix.lower() not in CHART_SUFFIXES:
            raise OutputError(f"{p}: charts are written as .png, .svg or .pdf, "
                              f"not {p.suffix or 'a file without a suffix'}")
    for p in paths:
        try:
            p.parent.mkdir(parents=True, exist_ok=True)
            with atomic_path(p) as tmp:  # a full disk or an interruption leaves no half chart
                fig.savefig(tmp, format=p.suffix.lower()[1:], bbox_inches="tight")
        except OSError as exc:
            raise OutputError(f"{p}: cannot write the chart ({exc.strerror or exc})") from None
    return paths[0]




def _year_ticks(years: Sequence[int]) -> list[int]:
    """At most about seven labelled years, evenly spaced and ending on the last year."""
    step = max(1, math.ceil(len(years) / 7))
    return list(years[::-1][::step])[::-1]


def term_trends(by_year: Any, terms: Sequence[str], path: Paths, *,
                milestones: Sequence[Milestone] = (), title: str = "",
                shared_y: bool | None = None) -> Path:
    """``term_trends_figure`` saved to ``path`` (one path or several, one per format)."""
    return save(term_trends_figure(by_year, terms, milestones=milestones, title=title,
                                   shared_y=shared_y), path)


def term_trends_figure(
    by_year: Any,
    terms: Sequence[str],
    *,
    milestones: Sequence[Milestone] = (),
    title: str = "",
    shared_y: bool | None = None,
) -> Any:
    """Small multiples: one panel per term (in ``terms`` order), its rate per 10,000 characters
    over the years; panels coloured by the year the term is first seen; milestones as dashed lines;
    below, the number of documents of each year.

    A year without documents is a gap (no line drawn across it; a year between two gaps is a
    marker). Panels share one y-scale when their highest rates are within ``SHARED_Y_RATIO`` of
    each other (or as ``shared_y`` says); otherwise each has its own, and the chart says so.

    ``by_year``: the year rows of ``group_table(table, "year")`` (no "unknown" row).
    """
    import numpy as np
    from matplotlib import colormaps

    df = by_year.copy()
    df["year"] = df["year"].astype(int)
    seen_years = sorted(df["year"].unique())
    years = list(range(seen_years[0], seen_years[-1] + 1))
    docs_per_year = df.drop_duplicates("year").set_index("year")["documents"].reindex(years)
    lo, hi = years[0] - 0.8, years[-1] + 0.8
    marks = [m for m in milestones if lo <= m.year <= hi]
    rate = (df.pivot_table(index="year", columns="term", values="per_10k", aggfunc="sum")
            .reindex(index=years, columns=list(terms)))  # NaN: a year without documents
    count = (df.pivot_table(index="year", columns="term", values="count", aggfunc="sum")
             .reindex(index=years, columns=list(terms)).fillna(0))
    peaks = rate.max().fillna(0.0)
    positive = peaks[peaks > 0]
    if shared_y is None:
        shared_y = not len(positive) or float(positive.max()) <= SHARED_Y_RATIO * float(
            positive.min())  # no term found anywhere: every panel 0-1, one scale
    top = max(1.0, float(peaks.max()) * 1.25)
    n = len(terms)
    cols = min(5, max(1, n))
    rows = math.ceil(n / cols)
    fig = _figure(2.6 * cols, 1.9 * rows + 2.0)
    grid = fig.add_gridspec(rows + 1, cols, height_ratios=[*([1.0] * rows), 0.42])
    axes = [fig.add_subplot(grid[k // cols, k % cols]) for k in range(n)]
    labels = dict(zip(df["term"], df["label"], strict=False))
    cmap = colormaps["plasma"]
    span = max(1, years[-1] - years[0])
    ticks = _year_ticks(years)
    x = np.array(years)
    for k, ax in enumerate(axes):
        t = terms[k]
        y = rate[t].to_numpy(dtype=float)
        seen = count[t].to_numpy() > 0
        fy = int(x[seen][0]) if seen.any() else None
        color = "#9a9a9a" if fy is None else cmap(0.05 + 0.8 * (fy - years[0]) / span)
        ax.fill_between(x, np.nan_to_num(y), where=~np.isnan(y), color=color, alpha=0.18,
                        linewidth=0, step=None, interpolate=False)
        ax.plot(x, y, marker="o", markersize=3.5, color=color, linewidth=1.8)  # NaN breaks it
        for i, m in enumerate(marks):
            ax.axvline(m.year, color="#555555", linestyle=(0, (3, 3)), linewidth=0.7, alpha=0.6)
            if k < cols:  # number the milestones on the top row of panels
                ax.annotate(_CIRCLED[i % len(_CIRCLED)], (m.year, 1.0),
                            xycoords=("data", "axes fraction"), ha="center", va="bottom",
                            fontsize=8, color="#444444")
        total = int(count[t].sum())
        when = "未出现" if fy is None else f"始于 {fy}"
        name = labels.get(t, t)
        ax.set_title(
            f"{name}\n({when}, {total:,} 次)" if len(name) > 6 else f"{name}  ({when}, {total:,} 次)",
            fontsize=9.5, loc="left", pad=13 if k < cols else 4)
        ax.set_xlim(lo, hi)
        ax.set_ylim(0, top if shared_y else max(1.0, float(np.nanmax(y)) * 1.25))
        ax.set_xticks(ticks)
        last_row = k + cols >= n
        ax.set_xticklabels([f"{v % 100:02d}年" for v in ticks] if last_row else [], fontsize=7.5)
        ax.tick_params(axis="y", labelsize=7.5)
        ax.grid(axis="y", alpha=0.25)
        for side in ("top", "right"):
            ax.spines[side].set_visible(False)
    strip = fig.add_subplot(grid[rows, :])
    n_docs = docs_per_year.fillna(0).astype(int).to_numpy()
    strip.bar(x, n_docs, color="#8c959f", width=0.7)
    for xi, v in zip(x, n_docs, strict=True):
        strip.text(xi, v, f"{v:,}" if v else "无", ha="center", va="bottom", fontsize=7.5,
                   color="#333333" if v else "#b35900")
    strip.set_xlim(lo, hi)
    strip.set_ylim(0, max(1, int(n_docs.max())) * 1.45)
    strip.set_xticks(ticks)
    strip.set_xticklabels([str(v) for v in ticks], fontsize=8)
    strip.set_yticks([])
    strip.set_title("每年规划数 (无: 该年没有规划, 趋势线在此断开)", fontsize=9, loc="left", pad=3)
    for side in ("top", "right", "left"):
        strip.spines[side].set_visible(False)
    scale = "各面板纵轴刻度相同" if shared_y else "各面板纵轴刻度不同 (各自缩放)"
    fig.suptitle(
        (title or "政策术语的更替: 每万字出现次数, 按年份 (无年份的规划不计)") + f"; {scale}",
        fontsize=13, x=0.01, ha="left")
    note = "  ".join(
        f"{_CIRCLED[i % len(_CIRCLED)]} {_when(m.year)} {m.label}" for i, m in enumerate(marks))
    fig.text(0.01, 0.005, ("虚线为里程碑: " + note) if note else "", fontsize=8.5, ha="left",
             va="bottom", color="#333333")
    fig.tight_layout(rect=(0, 0.03, 1, 0.97))
    return fig


def _when(year: float) -> str:
    y = int(year)
    month = round((year - y) * 12) + 1
    return f"{y}-{month:02d}" if year != y else str(y)


def theme_shares(themes: Any, path: Paths, *, by: str | None = None, title: str = "") -> Path:
    """One horizontal bar per document (oldest at the top) or, above ``DETAIL_MAX`` documents or
    with ``by``, per group of documents (years in order; the number of documents in brackets),
    split into its theme shares.

    ``themes``: a theme ``TrendTable`` (or ``ChartRows`` of one).
    """
    from matplotlib import colormaps

    rows = themes if isinstance(themes, ChartRows) else chart_rows(themes, by=by)
    terms = list(dict.fromkeys(rows.frame["term"]))
    labels = dict(zip(rows.frame["term"], rows.frame["label"], strict=False))
    shares = pivot(rows, "share", terms) * 100
    cmap = colormaps["tab10"]
    n = len(rows.keys)
    row = 0.62 if n <= 12 else 0.42
    fig = _figure(11, row * n + 2.2)
    ax = fig.add_subplot(1, 1, 1)
    series = [(labels[t], list(shares.loc[t]), cmap(j % 10)) for j, t in enumerate(terms)]
    stacked_barh(ax, series, height=0.7, label_min=7, fmt="{:.0f}%", fontsize=8)
    ax.set_xlim(0, 100)
    default = ("各规划的主题构成 (主题词次数占比, 按年份排列)" if rows.by is None
               else f"主题构成 (主题词次数占比); {rows.what}")
    return finish_barh(fig, ax, path, ylabels=list(rows.labels), ylabel_size=10,
                       xlabel="主题占主题词次数的百分比 (%)", title=title or default,
                       legend_cols=4, legend_size=8.5,
                       legend_y=-1.0 / (row * n + 0.4))  # about 1 inch below the bars


def finish_barh(fig: Any, ax: Any, path: Paths, *, ylabels: Sequence[str], ylabel_size: float,
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
    return save(fig, path)


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


def term_heatmap(counts: Any, terms: Sequence[str], path: Paths, *, by: str | None = None,
                 title: str = "") -> Path:
    """``heatmap_figure`` saved to ``path`` (one path or several, one per format)."""
    return save(heatmap_figure(counts, terms, by=by, title=title), path)


def heatmap_figure(counts: Any, terms: Sequence[str], *, by: str | None = None,
                   title: str = "") -> Any:
    """Terms (rows, in ``terms`` order) × documents, or above ``DETAIL_MAX`` documents (or with
    ``by``) × groups of documents (years in order, documents per group under each label):
    colour = rate per 10,000 characters, number = raw count; a dot where the term is absent.

    ``counts``: a ``TrendTable`` (or ``ChartRows`` of one).
    """
    import numpy as np
    from matplotlib.colors import PowerNorm

    rows = counts if isinstance(counts, ChartRows) else chart_rows(counts, by=by)
    rate = pivot(rows, "per_10k", terms).to_numpy(dtype=float)
    cnt = pivot(rows, "count", terms).to_numpy(dtype=float).astype(int)
    data = np.ma.masked_where(cnt == 0, rate)
    n_cols = len(rows.keys)
    widest = max((len(str(c)) for c in cnt.flat), default=1)
    label_size = 9.5 if rows.by is None else 8.5
    cell = max(0.62 if rows.by else 0.5 if n_cols > 12 else 1.25, 0.13 * widest + 0.3)
    # Labels stand upright above the columns when they would not fit side by side (plans above a
    # dozen, or group names such as 新疆维吾尔自治区 wider than a cell): never overlapping.
    label_in = max((cell_len(line) for lab in rows.labels for line in lab.replace(" (", "\n(")
                    .split("\n")), default=1) * 0.5 * label_size / 72
    rotated = (rows.by is None and n_cols > 12) or label_in + 0.1 > cell
    if rotated and rows.by is None:
        cell = max(0.5, 0.13 * widest + 0.3)
    fig = _figure(cell * n_cols + 3.0, 0.36 * len(terms) + 2.3)
    ax = fig.add_subplot(1, 1, 1)
    vmax = max(1.0, float(rate.max()) if rate.size else 1.0)
    im = ax.imshow(data, aspect="auto", cmap="YlOrRd", norm=PowerNorm(0.5, vmin=0, vmax=vmax))
    size = 8.5 if widest <= 3 else 7.5
    for (i, j), c in np.ndenumerate(cnt):
        ax.text(j, i, f"{c:,}" if c else "·", ha="center", va="center", fontsize=size,
                color="white" if c and rate[i, j] > vmax * 0.45 else ("#222222" if c else "#bbbbbb"))
    ax.set_xticks(range(n_cols))
    xlabels = (list(rows.labels) if rows.by is None or rotated
               else [lab.replace(" (", "\n(") for lab in rows.labels])
    ax.set_xticklabels(xlabels, fontsize=label_size, rotation=90 if rotated else 0)
    ax.xaxis.tick_top()
    ax.set_yticks(range(len(terms)))
    labels = dict(zip(rows.frame["term"], rows.frame["label"], strict=False))
    ax.set_yticklabels([labels.get(t, t) for t in terms], fontsize=9.5)
    ax.set_xticks(np.arange(-0.5, n_cols), minor=True)
    ax.set_yticks(np.arange(-0.5, len(terms)), minor=True)
    ax.grid(which="minor", color="white", linewidth=1.5)
    ax.tick_params(which="minor", length=0)
    for side in ax.spines.values():
        side.set_visible(False)
    bar = fig.colorbar(im, ax=ax, fraction=0.04, pad=0.02)
    bar.set_label("每万字次数", fontsize=9)
    default = ("术语 × 规划: 数字为出现次数, 颜色为每万字频率" if rows.by is None
               else f"术语 × 分组: 数字为出现次数, 颜色为每万字频率; {rows.what}")
    ax.set_title(title or default, fontsize=12.5, loc="left", pad=36 if rows.by else 28)
    fig.tight_layout()
    return fig
