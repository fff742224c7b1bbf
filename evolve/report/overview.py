"""The report's first and last sections: the documents, and the methods note."""

from __future__ import annotations

from collections import Counter
from typing import Any

from ..records import ReportSection
from ..render.chart_rows import DETAIL_MAX
from ..render.corpus_view import corpus_rows
from . import html as h
from .context import ReportContext

#: Above DETAIL_MAX documents the page lists at most this many (all are in documents.csv).
LIST_MAX = 300
COLUMNS = ("id", "place", "year", "title", "chars", "provisions", "items", "with_lead",
           "normalisation")
HEADER = ["id", "place", "year", "title", "characters", "provisions", "numbered items",
          "items with a lead agency", "normalisation changes"]


def _by_year(rows: list[dict[str, Any]]) -> str:
    """Plans, places, characters and provisions per year (undated last)."""
    years: dict[Any, list[dict[str, Any]]] = {}
    for r in rows:
        years.setdefault(r["year"], []).append(r)
    order = sorted(years, key=lambda y: (y is None, y or 0))
    return h.table([["—" if y is None else str(y), len(years[y]),
                     len({r["place"] for r in years[y] if r["place"]}),
                     sum(r["chars"] for r in years[y]), sum(r["provisions"] for r in years[y])]
                    for y in order], ["year", "plans", "places", "characters", "provisions"])


def overview_section(ctx: ReportContext) -> ReportSection:
    """The documents: place, year, title, length and provisions, with key figures on top."""
    rows = corpus_rows(ctx.docs)
    for r, d in zip(rows, ctx.docs, strict=True):
        r["doc_number"] = d.meta.doc_number
        r["period"] = d.extra.get("period") or None
        r["with_lead"] = sum(1 for p in d.provisions if p.lead)
    rel = ctx.table("documents", rows, [
        "id", "place", "province", "level", "year", "date", "period", "title", "doc_number",
        "chars", "provisions", "items", "with_agencies", "with_lead", "normalisation"])
    years = [d.meta.year for d in ctx.dated]
    span = (str(years[0]) if years and years[0] == years[-1]
            else f"{years[0]}–{years[-1]}" if years else "—")
    body = h.cards([
        ("documents", len(ctx.docs)),
        ("places", len({d.meta.place for d in ctx.docs if d.meta.place}) or "not known"),
        ("years", span),
        ("characters", sum(d.chars for d in ctx.docs)),
        ("provisions", sum(len(d.provisions) for d in ctx.docs)),
    ])
    order = sorted(range(len(rows)), key=lambda i: (rows[i]["year"] or 9999, rows[i]["id"]))
    listed = h.table([[rows[i][c] for c in COLUMNS] for i in order[:LIST_MAX]], HEADER)
    if len(rows) <= DETAIL_MAX:
        body += listed
    else:
        places = Counter(r["place"] or "(not known)" for r in rows)
        body += "<h3>Plans per year</h3>" + _by_year(rows)
        body += "<h3>Places with most plans</h3>" + h.table(
            [[p, n] for p, n in places.most_common(15)], ["place", "plans"])
        more = (f" (the first {LIST_MAX:,} of {len(rows):,}, oldest first; all in the table "
                "below)" if len(rows) > LIST_MAX else "")
        body += h.details(h.esc(f"Every plan{more}"), listed)
    body += h.paragraph(
        "Characters are counted in the normalised text, whitespace excluded. Provisions are the "
        "numbered items and unnumbered paragraphs evolve segments each plan into. A document "
        "without a year is kept everywhere except in the charts over time.", cls="dim small")
    body += f'<p class="small">Table: <a href="{h.esc(rel)}">{h.esc(rel)}</a></p>'
    undated = [d.id for d in ctx.docs if d.meta.year is None]
    if len(undated) <= 3:
        notices = tuple(f"{i}: no year known; kept, but left out of the charts over time"
                        for i in undated)
    else:
        from .trends import ids_text

        notices = (f"{len(undated):,} plans without a year ({ids_text(undated)}): kept, but left "
                   "out of the charts over time",)
    return ReportSection("overview", "Documents", body, (rel,), notices)


def methods_section(ctx: ReportContext) -> ReportSection:
    """How the numbers were made: normalisation per document, counting rule, thresholds."""
    rules = sorted({r for d in ctx.docs for r in d.normalisation})
    rows = [{"rule": r, **{d.id: d.normalisation.get(r, 0) for d in ctx.docs}} for r in rules]
    rel = ctx.table("normalisation", rows, ["rule", *[d.id for d in ctx.docs]])
    from ..normalize import RULES

    body = "<h3>Normalisation</h3>" + h.paragraph(
        "Every plan is normalised before anything is counted or compared: Traditional characters "
        "and Taiwan vocabulary to Simplified, pinyin glosses and web furniture removed, full-width "
        "letters and punctuation unified. The changes each rule made in each document:")
    if len(ctx.docs) <= DETAIL_MAX:
        body += h.table([[r["rule"], *[r[d.id] for d in ctx.docs], RULES.get(r["rule"], "")]
                         for r in rows], ["rule", *[d.id for d in ctx.docs], "what it does"])
    else:  # one column per document stops being readable: totals per rule
        body += h.table([[r["rule"], sum(1 for d in ctx.docs if r[d.id]),
                          sum(r[d.id] for d in ctx.docs), max(r[d.id] for d in ctx.docs),
                          RULES.get(r["rule"], "")] for r in rows],
                        ["rule", "plans changed", "changes", "most in one plan", "what it does"])
    body += "<h3>Settings</h3>" + h.table(ctx.methods, ["setting", "value"])
    body += h.paragraph(
        "Counting rule: a term matches the whole normalised text, headings included, longest "
        "spelling first and without overlap (数据 does not count inside 数据要素 when both are "
        "asked for). Rates are per 10,000 characters. The lexicon of themes and terms is the "
        "project's own selection following the national documents it names; it is not an "
        "official classification.")
    body += f'<p class="small">Table: <a href="{h.esc(rel)}">{h.esc(rel)}</a></p>'
    return ReportSection("methods", "Methods", body, (rel,))
