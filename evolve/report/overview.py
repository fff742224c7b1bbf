"""The report's first and last sections: the documents, and the methods note."""

from __future__ import annotations

from ..records import ReportSection
from ..render.corpus_view import corpus_rows
from . import html as h
from .context import ReportContext


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
    span = f"{years[0]}–{years[-1]}" if years else "—"
    body = h.cards([
        ("documents", len(ctx.docs)),
        ("places", len({d.meta.place or d.id for d in ctx.docs})),
        ("years", span),
        ("characters", sum(d.chars for d in ctx.docs)),
        ("provisions", sum(len(d.provisions) for d in ctx.docs)),
    ])
    order = sorted(range(len(rows)), key=lambda i: (rows[i]["year"] or 9999, rows[i]["id"]))
    body += h.table(
        [[rows[i][c] for c in ("id", "place", "year", "title", "chars", "provisions", "items",
                               "with_lead", "normalisation")] for i in order],
        ["id", "place", "year", "title", "characters", "provisions", "numbered items",
         "items with a lead agency", "normalisation changes"])
    body += h.paragraph(
        "Characters are counted in the normalised text, whitespace excluded. Provisions are the "
        "numbered items and unnumbered paragraphs evolve segments each plan into. A document "
        "without a year is kept everywhere except in the charts over time.", cls="dim small")
    body += f'<p class="small">Table: <a href="{h.esc(rel)}">{h.esc(rel)}</a></p>'
    notices = tuple(f"{d.id}: no year known; kept, but left out of the charts over time"
                    for d in ctx.docs if d.meta.year is None)
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
    body += h.table([[r["rule"], *[r[d.id] for d in ctx.docs], RULES.get(r["rule"], "")]
                     for r in rows], ["rule", *[d.id for d in ctx.docs], "what it does"])
    body += "<h3>Settings</h3>" + h.table(ctx.methods, ["setting", "value"])
    body += h.paragraph(
        "Counting rule: a term matches the whole normalised text, headings included, longest "
        "spelling first and without overlap (数据 does not count inside 数据要素 when both are "
        "asked for). Rates are per 10,000 characters. The lexicon of themes and terms is the "
        "project's own selection following the national documents it names; it is not an "
        "official classification.")
    body += f'<p class="small">Table: <a href="{h.esc(rel)}">{h.esc(rel)}</a></p>'
    return ReportSection("methods", "Methods", body, (rel,))
