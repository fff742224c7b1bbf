"""The terminal view of a corpus: one row per document."""

from __future__ import annotations

from collections.abc import Sequence

from rich.table import Table

from ..records import Document
from .cells import ID, NUM, TEXT, lit


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
    table.add_column("id", **ID)
    table.add_column("place", **TEXT)
    table.add_column("year", **NUM)
    table.add_column("title", **TEXT)
    for col in ("chars", "items", "with agencies", "changes"):
        table.add_column(col, **NUM)
    for r in corpus_rows(docs):
        table.add_row(
            lit(r["id"]), lit(r["place"] or "?"), lit(r["year"] or "?"), lit(r["title"] or "—"),
            f"{r['chars']:,}", str(r["items"]), str(r["with_agencies"]), str(r["normalisation"]),
        )
    return table
