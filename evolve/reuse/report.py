"""From verified unit pairs to the reuse report: direction, level relation, shares per document.

Everything here works on arrays (one row per pair or per document pair), so a corpus with
millions of pairs costs megabytes, not one Python object per pair; ``tables.ReuseTables`` turns
the rows a reader asks for into records.
"""

from __future__ import annotations

import numpy as np

from ..dataclass_code import dataclass
from ..index import RANK, DocInfo
from ..lazy_pattern import lazy

DIRECTIONS = ("forward", "both", "unknown")
RELATIONS = ("vertical-down", "vertical-up", "horizontal", "unknown")


def orient(a: DocInfo, b: DocInfo) -> tuple[bool, str]:
    """(swap, direction): whether b is the older and must come first, and the direction label.

    Years decide: a pair of different years runs from the older to the newer ("forward"); a
    same-year pair is "both" (either may have copied the other) and one with an undated side is
    "unknown"; those two put the higher administrative level first.
    """
    if a.year is None or b.year is None:
        return _higher_first(a, b), "unknown"
    if a.year == b.year:
        return _higher_first(a, b), "both"
    return a.year > b.year, "forward"


def _higher_first(a: DocInfo, b: DocInfo) -> bool:
    """For undirected pairs: put the higher administrative level first, then the smaller id."""
    ra, rb = RANK.get(a.level or "", 9), RANK.get(b.level or "", 9)
    return (rb, b.id) < (ra, a.id)


def relation(a: DocInfo, b: DocInfo) -> str:
    """vertical-down (a is higher than b), vertical-up, horizontal (same rank) or unknown."""
    ra, rb = RANK.get(a.level or ""), RANK.get(b.level or "")
    if ra is None or rb is None:
        return "unknown"
    if ra == rb:
        return "horizontal"
    return "vertical-down" if ra < rb else "vertical-up"


def day(date: str | None, year: int | None) -> int:
    """A sortable day number (yyyymmdd) of a date "2026-02-03" of the document's year; -1 when
    the date is missing, partial or of another year (the year alone then decides)."""
    m = _DATE.match(date or "")
    if m is None or (year is not None and int(m[1]) != year):
        return -1
    return int(m[1]) * 10_000 + int(m[2]) * 100 + int(m[3])


_DATE = lazy(r"^(\d{4})-(\d{1,2})-(\d{1,2})")


@dataclass(frozen=True)
class DocArrays:
    """The documents' years and ranks as arrays (row = position in the sorted document ids)."""

    year: np.ndarray  #: int64, -1 when undated
    rank: np.ndarray  #: int64 administrative rank, -1 when unknown
    #: int64, 0 for the oldest document: by year, then date within the year (a document with the
    #: year only after those with a date), undated last; higher level, then id, on a tie
    age: np.ndarray
    when: np.ndarray | None = None  #: int64 ``day`` of each document, -1 without a full date

    @classmethod
    def of(cls, docs: list[DocInfo]) -> DocArrays:
        year = np.array([d.year if d.year is not None else -1 for d in docs], dtype=np.int64)
        rank = np.array([RANK.get(d.level or "", -1) for d in docs], dtype=np.int64)
        when = np.array([day(d.date, d.year) for d in docs], dtype=np.int64)
        undated = year < 0
        order = np.lexsort((np.arange(len(docs)), np.where(rank < 0, 9, rank),
                            np.where(when < 0, 99_999_999, when),
                            np.where(undated, 0, year), undated))
        age = np.empty(len(docs), dtype=np.int64)
        age[order] = np.arange(len(docs))
        return cls(year, rank, age, when)

    def tied(self, a: int, b: int) -> bool:
        """Whether documents a and b cannot be told apart in time: same year and the same date,
        or a date missing on either side (both undated counts as a tie)."""
        if self.year[a] != self.year[b]:
            return False
        w = self.when if self.when is not None else np.full(len(self.year), -1)
        return bool(w[a] < 0 or w[b] < 0 or w[a] == w[b])


def orient_pairs(da: np.ndarray, db: np.ndarray, d: DocArrays) -> tuple[np.ndarray, np.ndarray,
                                                                         np.ndarray]:
    """``orient`` and ``relation`` for arrays of document rows: (swap, direction, relation) codes.

    Document rows are positions in the sorted ids, so comparing rows compares ids.
    """
    ya, yb = d.year[da], d.year[db]
    ra, rb = d.rank[da], d.rank[db]
    ha, hb = np.where(ra < 0, 9, ra), np.where(rb < 0, 9, rb)
    higher = (hb < ha) | ((hb == ha) & (db < da))
    known = (ya >= 0) & (yb >= 0)
    swap = np.where(known & (ya != yb), ya > yb, higher)
    direction = np.where(~known, 2, np.where(ya == yb, 1, 0)).astype(np.int8)
    ra, rb = np.where(swap, rb, ra), np.where(swap, ra, rb)
    rel = np.where((ra < 0) | (rb < 0), 3, np.where(ra == rb, 2, np.where(ra < rb, 0, 1)))
    return swap, direction, rel.astype(np.int8)


def _matched_chars(group: np.ndarray, unit: np.ndarray, top: np.ndarray, chars: np.ndarray,
                   n_groups: int) -> np.ndarray:
    """Characters matched per group: distinct units, a paragraph not counted when its whole
    provision is matched in the same group, never more than the provision's length."""
    n = len(top)
    code = np.unique(group.astype(np.int64) * n + unit)
    g, u = code // n, code % n
    t = top[u]
    sub = t != u
    drop = np.zeros(len(u), dtype=bool)
    if sub.any():
        drop[sub] = np.isin(g[sub] * n + t[sub], code)
    g, u, t = g[~drop], u[~drop], t[~drop]
    per_top = np.unique(g * n + t, return_inverse=True)
    sums = np.bincount(per_top[1].ravel(), weights=chars[u])
    tops = per_top[0] % n
    sums = np.minimum(sums, chars[tops])
    return np.bincount(per_top[0] // n, weights=sums, minlength=n_groups)


@dataclass(frozen=True)
class DocPairArrays:
    """Document pairs by shared text (boilerplate left out unless asked for), best first."""

    a: np.ndarray  #: int64 document row of the older (or first) document
    b: np.ndarray
    pairs: np.ndarray  #: int64 unit pairs between them
    a_share: np.ndarray  #: float64 share of a's characters in units matched in b
    b_share: np.ndarray
    direction: np.ndarray  #: int8 code into DIRECTIONS
    relation: np.ndarray  #: int8 code into RELATIONS


def doc_pairs(ua: np.ndarray, ub: np.ndarray, direction: np.ndarray, relation_: np.ndarray, *,
              unit_doc: np.ndarray, top: np.ndarray, chars: np.ndarray, doc_chars: np.ndarray
              ) -> DocPairArrays:
    """Aggregate oriented unit pairs (a older) into document pairs."""
    n_docs = len(doc_chars)
    da, db = unit_doc[ua].astype(np.int64), unit_doc[ub].astype(np.int64)
    codes, first, inv, counts = np.unique(da * n_docs + db, return_index=True, return_inverse=True,
                                          return_counts=True)
    inv = inv.ravel()
    a, b = codes // n_docs, codes % n_docs
    with np.errstate(invalid="ignore", divide="ignore"):
        a_share = _matched_chars(inv, ua, top, chars, len(codes)) / doc_chars[a]
        b_share = _matched_chars(inv, ub, top, chars, len(codes)) / doc_chars[b]
    a_share, b_share = np.nan_to_num(a_share), np.nan_to_num(b_share)
    order = np.lexsort((b, a, -counts, -np.maximum(a_share, b_share)))
    return DocPairArrays(a[order], b[order], counts[order], a_share[order], b_share[order],
                         direction[first][order], relation_[first][order])


def doc_shares(ua: np.ndarray, ub: np.ndarray, direction: np.ndarray, *, unit_doc: np.ndarray,
               top: np.ndarray, chars: np.ndarray, doc_chars: np.ndarray
               ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per document: provisions matched, reuse share, borrowed share (matched in an older one)."""
    n_docs = len(doc_chars)
    units = np.concatenate((ua, ub))
    docs = unit_doc[units].astype(np.int64)
    tops = np.unique(top[units])
    matched = np.bincount(unit_doc[tops], minlength=n_docs)
    fwd = ub[direction == 0]
    with np.errstate(invalid="ignore", divide="ignore"):
        reuse = _matched_chars(docs, units, top, chars, n_docs) / doc_chars
        borrowed = _matched_chars(unit_doc[fwd].astype(np.int64), fwd, top, chars, n_docs) / doc_chars
    return matched, np.nan_to_num(reuse), np.nan_to_num(borrowed)


__all__ = ["DIRECTIONS", "RELATIONS", "DocArrays", "DocPairArrays", "doc_pairs", "doc_shares",
           "orient", "orient_pairs", "relation"]
