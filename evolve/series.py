"""A plan series: documents put in time order by their year, for lineage and targets.

A work report saved as ``2010.txt`` has no date line, so its year is read from its id or title
when the metadata has none.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from .records import Document

_YEAR = re.compile(r"(?<!\d)(19[4-9]\d|20\d\d)(?!\d)")


def document_year(doc: Document) -> int | None:
    """The document's year: its metadata, else the first year in its id, else in its title."""
    if doc.meta.year is not None:
        return doc.meta.year
    for text in (doc.id, doc.meta.title or ""):
        m = _YEAR.search(text)
        if m:
            return int(m.group(1))
    return None


def in_time_order(docs: Iterable[Document]) -> list[Document]:
    """Documents sorted by year (then date, then as given); documents without a year go last."""
    indexed = list(enumerate(docs))

    def key(item: tuple[int, Document]) -> tuple[int, int, str, int]:
        i, d = item
        year = document_year(d)
        return (year is None, year or 0, d.meta.date or "", i)

    return [d for _, d in sorted(indexed, key=key)]
