"""A plan series: documents put in time order by their year, for lineage and targets.

A work report saved as ``2010.txt`` has no date line, so its year is read from its id or title
when the metadata has none.
"""

from __future__ import annotations

from collections.abc import Iterable

from .records import Document, document_year


def in_time_order(docs: Iterable[Document]) -> list[Document]:
    """Documents sorted by year (then date, then as given); documents without a year go last."""
    indexed = list(enumerate(docs))

    def key(item: tuple[int, Document]) -> tuple[int, int, str, int]:
        i, d = item
        year = document_year(d)
        return (year is None, year or 0, d.meta.date or "", i)

    return [d for _, d in sorted(indexed, key=key)]
