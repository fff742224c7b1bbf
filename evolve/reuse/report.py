"""From verified unit pairs to the reuse report: direction, level relation, shares per document."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence

from ..index import RANK, DocInfo
from ..records import DocPairReuse, DocReuse, ReusePair, ReuseSide


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


def _side(doc: DocInfo, uid: str, text: str) -> ReuseSide:
    return ReuseSide(doc=doc.id, id=uid, text=text, year=doc.year, date=doc.date, place=doc.place,
                     level=doc.level)


def build_pairs(matches: Iterable[tuple[int, int, float]], units: Sequence[tuple[str, str, str]],
                docs: dict[str, DocInfo]) -> list[ReusePair]:
    """ReusePairs from (unit index, unit index, score), oriented old -> new, best first."""
    out: list[ReusePair] = []
    for i, j, score in matches:
        (da, ua, ta), (db, ub, tb) = units[i], units[j]
        a, b = docs[da], docs[db]
        swap, direction = orient(a, b)
        if swap:
            a, b, ua, ub, ta, tb = b, a, ub, ua, tb, ta
        out.append(ReusePair(a=_side(a, ua, ta), b=_side(b, ub, tb), score=score,
                             direction=direction, relation=relation(a, b)))
    out.sort(key=lambda p: (-p.score, p.a.doc, p.b.doc, p.a.id, p.b.id))
    return out


def summarise(pairs: Sequence[ReusePair], units: Sequence[tuple[str, str, str]],
              docs: dict[str, DocInfo]) -> tuple[list[DocPairReuse], list[DocReuse], dict[str, int]]:
    """Document pairs by shared text, per-document reuse shares, and pair counts by relation."""
    size: dict[tuple[str, str], int] = {}
    total: dict[str, int] = defaultdict(int)
    count: dict[str, int] = defaultdict(int)
    for d, u, t in units:
        size[(d, u)] = len(t)
        total[d] += len(t)
        count[d] += 1

    by_docs: dict[tuple[str, str], list[ReusePair]] = defaultdict(list)
    matched: dict[str, set[str]] = defaultdict(set)
    borrowed: dict[str, set[str]] = defaultdict(set)
    relations: dict[str, int] = defaultdict(int)
    for p in pairs:
        by_docs[(p.a.doc, p.b.doc)].append(p)
        matched[p.a.doc].add(p.a.id)
        matched[p.b.doc].add(p.b.id)
        if p.direction == "forward":
            borrowed[p.b.doc].add(p.b.id)
        relations[p.relation] += 1

    def share(doc: str, ids: set[str]) -> float:
        return sum(size.get((doc, u), 0) for u in ids) / total[doc] if total[doc] else 0.0

    doc_pairs = []
    for (a, b), ps in by_docs.items():
        doc_pairs.append(DocPairReuse(
            a=a, b=b, pairs=len(ps), a_share=share(a, {p.a.id for p in ps}),
            b_share=share(b, {p.b.id for p in ps}), direction=ps[0].direction, relation=ps[0].relation))
    doc_pairs.sort(key=lambda d: (-max(d.a_share, d.b_share), -d.pairs, d.a, d.b))

    documents = []
    for d in sorted(docs.values(), key=lambda d: (d.year or 0, d.id)):
        documents.append(DocReuse(
            doc=d.id, year=d.year, place=d.place, level=d.level, units=count.get(d.id, 0),
            matched=len(matched.get(d.id, ())), reuse_share=share(d.id, matched.get(d.id, set())),
            borrowed_share=share(d.id, borrowed.get(d.id, set()))))
    return doc_pairs, documents, dict(sorted(relations.items()))
