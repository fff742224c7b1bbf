"""The terminal view of a corpus: one row per document."""

from __future__ import annotations

from collections.abc import Sequence

from rich.table import Table

from ..records import Document


def corpus_rows(docs: Sequence[Document]) -> list[dict[str, object]]:
    """One plain row per document, for the table and for --json/--csv."""
    rows = []
    for d in docs:
        items = [p for p in d.provisions if p.kind == "item"]
        rows.append({
            "id": d.id,
            "place": d.meta.place,
            "province": d.meta.province,
            "level": d.meta.level,
            "year": d.meta.year,
            "date": d.meta.date,
            "title": d.meta.title,
            "chars": d.chars,
            "provisions": len(d.provisions),
            "items": len(items),
            "with_agencies": sum(1 for p in items if p.lead or p.responsible or p.guide),
            "normalisation": sum(d.normalisation.values()),
        })
    return rows


def corpus_table(docs: Sequence[Document]) -> Table:
    table = Table(title=f"{len(docs)} documents", title_justify="left")
    for col, justify in (("id", "left"), ("place", "left"), ("year", "right"), ("title", "left"),
                         ("chars", "right"), ("items", "right"), ("with agencies", "right"),
                         ("changes", "right")):
        table.add_column(col, justify=justify, no_wrap=col == "id")  # type: ignore[arg-type]
    for r in corpus_rows(docs):
        table.add_row(
            str(r["id"]), str(r["place"] or "?"), str(r["year"] or "?"), str(r["title"] or "—"),
            f"{r['chars']:,}", str(r["items"]), str(r["with_agencies"]), str(r["normalisation"]),
        )
    return table
