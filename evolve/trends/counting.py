"""Counting terms in a plan's normalised text: longest-first, without overlap.

The rule: every spelling of every requested term is searched for in the whole normalised text
(headings included). Longer spellings claim their characters first (ties in code-point order);
a shorter spelling counts only where none of its characters is claimed. Within one spelling,
occurrences are taken left to right without overlap, as ``str.count`` does. So

* 数据 does not count inside 数据要素 when both are asked for;
* a term asked for alone counts exactly ``text.count(term)`` (plus its variant spellings, if
  the lexicon lists any, each where not inside a longer one);
* matching is case-sensitive; the lexicon lists case variants of Latin terms (IPv6, IPV6);
* a spelling followed by another spelling of the same term in brackets, 第五代移动通信(5G) or
  人工智能（AI）, is one mention (``Match.paired`` names the bracketed spelling). This only happens
  when several spellings of one term are counted together (``--variants``).
"""

from __future__ import annotations

from collections.abc import Sequence

from ..dataclass_code import dataclass
from ..records import Term


@dataclass(frozen=True)
class Match:
    """One counted occurrence: where, which spelling, and the canonical term it counts for."""

    start: int
    end: int
    spelling: str
    term: str
    paired: str = ""  #: the spelling in brackets right after this one, counted with it


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
    return _pair_brackets(text, found)


_OPEN = "(（"
_CLOSE = {"(": ")（）", "（": "）)"}


def _pair_brackets(text: str, found: list[Match]) -> list[Match]:
    """Fold "long form (abbreviation)" into one mention: a match right after an opening bracket
    that follows a match of another spelling of the same term, and right before the closing
    bracket, is dropped and named on the first match."""
    out: list[Match] = []
    for m in found:
        prev = out[-1] if out else None
        if (
            prev is not None
            and not prev.paired
            and prev.term == m.term
            and prev.spelling != m.spelling
            and m.start == prev.end + 1
            and text[prev.end] in _OPEN
            and text[m.end : m.end + 1] in _CLOSE[text[prev.end]]
            and m.end < len(text)
        ):
            out[-1] = Match(prev.start, prev.end, prev.spelling, prev.term, m.spelling)
            continue
        out.append(m)
    return out


def count_terms(text: str, terms: Sequence[Term | str]) -> dict[str, int]:
    """Mentions of each canonical term (every requested term present, zero if absent)."""
    ts = _as_terms(terms)
    counts = {t.name: 0 for t in ts}
    for m in find_terms(text, ts):
        counts[m.term] += 1
    return counts


@dataclass(frozen=True)
class TermCount:
    """One term in one text: mentions, occurrences of each spelling, bracket pairs."""

    mentions: int  #: what the term counts: occurrences less the bracketed second spellings
    spellings: dict[str, int]  #: occurrences of each spelling (every spelling listed, 0 if absent)
    paired: int  #: mentions written as "spelling (other spelling)", each counted once


def count_spellings(text: str, terms: Sequence[Term | str]) -> dict[str, TermCount]:
    """Per canonical term: its mentions, the occurrences of each of its spellings and the bracket
    pairs folded (mentions = sum of spellings - paired)."""
    ts = _as_terms(terms)
    sp: dict[str, dict[str, int]] = {t.name: dict.fromkeys(t.spellings, 0) for t in ts}
    mentions = dict.fromkeys(sp, 0)
    paired = dict.fromkeys(sp, 0)
    for m in find_terms(text, ts):
        mentions[m.term] += 1
        sp[m.term][m.spelling] = sp[m.term].get(m.spelling, 0) + 1
        if m.paired:
            paired[m.term] += 1
            sp[m.term][m.paired] = sp[m.term].get(m.paired, 0) + 1
    return {t: TermCount(mentions[t], sp[t], paired[t]) for t in sp}
