"""Keyword in context: every occurrence of a term with its document, provision path and year."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence

from ..errors import InputError
from ..records import Document, KwicHit, Term
from .counting import find_terms

#: How ``sort_hits`` orders the lines: as found (document, then position), by the context just
#: left of the match (read leftwards, as a concordance does), or by the context right of it.
SORTS = ("doc", "left", "right")


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


def compile_pattern(pattern: str) -> re.Pattern[str]:
    """A user's regular expression, or a one-line error naming what is wrong with it."""
    try:
        rx = re.compile(pattern)
    except re.error as exc:
        raise InputError(f"--regex {pattern!r}: not a regular expression ({exc})") from None
    if rx.search("") is not None:
        raise InputError(f"--regex {pattern!r} matches empty text; give a pattern that needs "
                         "at least one character")
    return rx


def kwic(docs: Sequence[Document], term: Term | None = None, *, width: int = 20,
         pattern: re.Pattern[str] | None = None) -> list[KwicHit]:
    """Occurrences of ``term`` (any of its spellings, counted by the trends rule), or of the
    regular expression ``pattern`` (non-overlapping matches, ``match`` = the text matched), in
    context."""
    if (term is None) == (pattern is None):
        raise InputError("kwic wants a term or a pattern")
    hits: list[KwicHit] = []
    for d in docs:
        if pattern is not None:
            spans = [(m.start(), m.end(), m.group(0), pattern.pattern)
                     for m in pattern.finditer(d.text) if m.end() > m.start()]
        else:
            spans = [(m.start, m.end, m.spelling, m.term) for m in find_terms(d.text, [term])]  # type: ignore[list-item]
        if not spans:
            continue
        starts, paths = _anchors(d)
        for start, end, found, name in spans:
            i = bisect_right(starts, start) - 1
            path = paths[i] if i >= 0 else ()
            left = d.text[max(0, start - width) : start].replace("\n", " ")
            right = d.text[end : end + width].replace("\n", " ")
            hits.append(KwicHit(d.id, d.meta.year, d.meta.place, path, left,
                                found.replace("\n", " "), right, start, name))
    return hits


def sort_hits(hits: Sequence[KwicHit], by: str = "doc") -> list[KwicHit]:
    """Hits in concordance order: ``left`` by the context read leftwards from the match (the
    word just before it first), ``right`` by the match and the context after it, ``doc`` as
    found. Ties keep the document order."""
    if by not in SORTS:
        raise InputError(f"--sort must be one of {', '.join(SORTS)}, not {by!r}")
    if by == "left":
        return sorted(hits, key=lambda h: h.left[::-1].lstrip())
    if by == "right":
        return sorted(hits, key=lambda h: (h.match, h.right))
    return list(hits)
