"""Counting terms in a plan's normalised text: longest-first, without overlap.

The rule: every spelling of every requested term is searched for in the whole normalised text
(headings included). Longer spellings claim their characters first (ties in code-point order);
a shorter spelling counts only where none of its characters is claimed. Within one spelling,
occurrences are taken left to right without overlap, as ``str.count`` does. So

* 数据 does not count inside 数据要素 when both are asked for;
* a term asked for alone counts exactly ``text.count(term)`` (plus its variant spellings, if
  the lexicon lists any, each where not inside a longer one);
* matching is case-sensitive; the lexicon lists case variants of Latin terms (IPv6, IPV6).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..records import Term


@dataclass(frozen=True)
class Match:
    """One counted occurrence: where, which spelling, and the canonical term it counts for."""

    start: int
    end: int
    spelling: str
    term: str


def _as_terms(terms: Sequence[Term | str]) -> list[Term]:
    return [t if isinstance(t, Term) else Term(t, (t,)) for t in terms]


def find_terms(text: str, terms: Sequence[Term | str]) -> list[Match]:
    """All non-overlapping occurrences of ``terms`` in ``text``, longest first, in text order."""
    owner: dict[str, str] = {}
    for t in _as_terms(terms):
        for s in t.spellings:
            if s:
                owner.setdefault(s, t.name)  # a spelling listed twice counts for the first term
    claimed = bytearray(len(text))
    found: list[Match] = []
    for spelling in sorted(owner, key=lambda s: (-len(s), s)):
        n = len(spelling)
        i = text.find(spelling)
        while i >= 0:
            if any(claimed[i : i + n]):
                i = text.find(spelling, i + 1)
                continue
            claimed[i : i + n] = b"\x01" * n
            found.append(Match(i, i + n, spelling, owner[spelling]))
            i = text.find(spelling, i + n)
    found.sort(key=lambda m: m.start)
    return found


def count_terms(text: str, terms: Sequence[Term | str]) -> dict[str, int]:
    """Occurrences of each canonical term (every requested term present, zero if absent)."""
    ts = _as_terms(terms)
    counts = {t.name: 0 for t in ts}
    for m in find_terms(text, ts):
        counts[m.term] += 1
    return counts
