"""Keyword in context: every occurrence of a term with its document, provision path and year."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence

from ..records import Document, KwicHit, Term
from .counting import find_terms


def _anchors(doc: Document) -> tuple[list[int], list[tuple[str, ...]]]:
    """Start offsets of the document's headings and provisions, each with its path."""
    text = doc.text
    found: list[tuple[int, tuple[str, ...]]] = []
    cur = 0
    for path, h in doc.headings:
        probe = h.title or h.label
        k = text.find(probe, cur) if probe else -1
        if k >= 0:
            found.append((text.rfind("\n", 0, k) + 1, (*path, h.text)))
            cur = k
    cur = 0
    for p in doc.provisions:
        probe = (p.heading or p.text)[:16]
        k = text.find(probe, cur) if probe else -1
        if k < 0:
            continue
        own = f"{p.label}{p.heading}".strip()
        found.append((text.rfind("\n", 0, k) + 1, (*p.path, own) if own else p.path))
        cur = k
    found.sort(key=lambda x: x[0])
    return [f[0] for f in found], [f[1] for f in found]


def kwic(docs: Sequence[Document], term: Term, *, width: int = 20) -> list[KwicHit]:
    """Occurrences of ``term`` (any of its spellings, counted by the trends rule) in context."""
    hits: list[KwicHit] = []
    for d in docs:
        matches = [m for m in find_terms(d.text, [term])]
        if not matches:
            continue
        starts, paths = _anchors(d)
        for m in matches:
            i = bisect_right(starts, m.start) - 1
            path = paths[i] if i >= 0 else ()
            left = d.text[max(0, m.start - width) : m.start].replace("\n", " ")
            right = d.text[m.end : m.end + width].replace("\n", " ")
            hits.append(
                KwicHit(
                    d.id, d.meta.year, d.meta.place, path, left, m.spelling, right, m.start, m.term
                )
            )
    return hits
