"""The three charts of a trend study (``evolve trends --chart``, the report): trend lines, theme
shares and the heatmap, where they go (``chart_paths``) and how many terms they draw at most.

The figures themselves are drawn in ``render/charts.py``; they are called through that module so a
test that stands in for ``charts.save`` reaches every chart.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ..output import CHART_SUFFIXES
from ..progress import Progress, silent
from ..records import Milestone
from . import charts
from .chart_rows import chart_rows

#: Terms drawn at most in the trend lines (one panel each) and the heatmap (one row each):
#: ``trends --terms`` with a thousand terms would take minutes and gigabytes to draw.
MAX_CHART_TERMS = 40


def _charted_terms(table: Any) -> tuple[list[str], bool]:
    """The terms the charts show: all, or the ``MAX_CHART_TERMS`` most frequent (in the table's
    order); and whether some were left out."""
    terms = list(table.terms)
    if len(terms) <= MAX_CHART_TERMS:
        return terms, False
    totals = table.counts.groupby("term")["count"].sum()
    top = set(sorted(terms, key=lambda t: (-float(totals.get(t, 0)), terms.index(t)))[:MAX_CHART_TERMS])
    return [t for t in terms if t in top], True


def chart_paths(out: str | Path, kind: str, formats: Sequence[str] = ()) -> dict[str, list[Path]]:
    """Where ``trend_charts`` writes: in a directory, terms (theme-trends for themes), themes and
    heatmap; for a file NAME.png, NAME.png itself and NAME-themes / NAME-heatmap beside it. Each
    in the file's format, or in each of ``formats`` (e.g. png and svg)."""
    o = Path(out)
    first = "theme-trends" if kind == "theme" else "terms"
    if o.suffix.lower() in CHART_SUFFIXES:
        fmts = list(formats) or [o.suffix[1:].lower()]
        stems = {"trends": o.stem, "themes": f"{o.stem}-themes", "heatmap": f"{o.stem}-heatmap"}
        return {k: [o.with_name(f"{s}.{f}") for f in fmts] for k, s in stems.items()}
    fmts = list(formats) or ["png"]
    stems = {"trends": first, "themes": "themes", "heatmap": "heatmap"}
    return {k: [o / f"{s}.{f}" for f in fmts] for k, s in stems.items()}


def trend_charts(
    table: Any,
    themes: Any,
    out: str | Path,
    *,
    milestones: Sequence[Milestone] = (),
    by: str | None = None,
    formats: Sequence[str] = (),
    progress: Progress = silent,
) -> list[tuple[str, str]]:
    """The three trend charts of ``evolve trends``; returns (file, what it shows) for each file.

    ``out`` is a directory (terms.png — theme-trends.png when ``table`` counts themes —,
    themes.png, heatmap.png inside) or a file for the trend lines, with the other two beside it
    (NAME-themes.png, NAME-heatmap.png). ``table`` is a term (or theme) ``TrendTable``,
    ``themes`` the theme ``TrendTable``. Above ``DETAIL_MAX`` documents, or with ``by``, the
    theme and heatmap charts show groups (years, or ``by``) instead of documents.
    """
    from ..trends.measures import UNKNOWN, group_table

    paths = chart_paths(out, table.kind, formats)
    written: list[tuple[str, str]] = []
    what = "themes" if table.kind == "theme" else "terms"
    terms, capped = _charted_terms(table)
    cap = (f" (the {len(terms)} most frequent of {len(table.terms):,} {what}: a panel or row each "
           "for more would not be read; --json or --csv gives every one)") if capped else ""
    by_year = group_table(table, "year")
    by_year = by_year[by_year["year"] != UNKNOWN]
    advance = progress("drawing charts", 3)
    if by and by != "year":  # --by place, level …: the groups side by side, one panel per term
        from .group_charts import term_groups_figure

        grows = chart_rows(table, by=by)
        charts.save(term_groups_figure(grows, table.terms), paths["trends"])
        written += [(str(p), f"{what} × {grows.by} groups: rate per 10,000 characters of each "
                     "group, count at the bar's end, one panel per term") for p in paths["trends"]]
    elif len(by_year):
        title = ""
        if table.kind == "theme":
            title = "主题的消长: 每万字主题词次数, 按年份 (无年份的规划不计)"
        charts.term_trends(by_year, terms, paths["trends"], milestones=milestones, title=title)
        written += [(str(p), f"trend lines: each of the {len(terms)} {what}' rate per "
                     "10,000 characters by year, coloured by first year, milestones dashed, "
                     f"documents per year below{cap}") for p in paths["trends"]]
    advance(1)
    theme_rows = chart_rows(themes, by=by)
    charts.theme_shares(theme_rows, paths["themes"])
    per = "document, oldest first" if theme_rows.by is None else f"{theme_rows.by} group"
    written += [(str(p), f"theme shares per {per}") for p in paths["themes"]]
    advance(1)
    rows = chart_rows(table, by=by)
    charts.term_heatmap(rows, terms, paths["heatmap"])
    per = "documents" if rows.by is None else f"{rows.by} groups"
    written += [(str(p), f"{what} × {per} heatmap: counts, coloured by rate per 10,000 "
                 f"characters{cap}") for p in paths["heatmap"]]
    advance(1)
    return written
