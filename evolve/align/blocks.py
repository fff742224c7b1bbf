"""Items of one-line points aligned whole: the paragraphs of such an item move together.

Segmentation gives each paragraph of an item that holds several a provision of its own. When
every paragraph is short (a plan's "基本原则" as four one-line principles, "一是…二是…" points),
each shares too few words with anything to be aligned on its own, and a reader takes the item as
one list: its paragraphs are aligned as one block, and the correspondence lists them all.
Discursive paragraphs (a work report's) are aligned paragraph by paragraph.
"""

from __future__ import annotations

from dataclasses import replace

from ..records import Alignment, ClausePair, Document, Link, Match, Provision, Unmatched
from ..segment.numbering import match_numbering
from ..segment.units import MAX_UNIT
from .confidence import SHOWN_CONFIDENCE

#: An item's paragraphs move together when none is longer than this: one-line points (a list of
#: principles, "一是…二是…") share too few words with anything to be aligned one by one.
SHORT_PARAGRAPH = 150


def as_blocks(doc: Document) -> tuple[Document, dict[str, tuple[Provision, ...]]]:
    """``doc`` with each item of short paragraphs (none over ``SHORT_PARAGRAPH`` characters, all
    together at most ``MAX_UNIT``) as one provision, and each such block's member provisions by
    the block's id (the id of its first paragraph)."""
    runs: list[list[Provision]] = []
    for p in doc.provisions:
        last = runs[-1][-1] if runs else None
        if (last is not None and p.kind == "paragraph" and last.kind == "paragraph"
                and (p.part, p.path, p.item) == (last.part, last.path, last.item)):
            runs[-1].append(p)
        else:
            runs.append([p])
    provisions: list[Provision] = []
    members: dict[str, tuple[Provision, ...]] = {}
    for run in runs:
        if (len(run) == 1 or sum(len(p.full_text) for p in run) > MAX_UNIT
                or max(len(p.full_text) for p in run) > SHORT_PARAGRAPH):
            provisions += run
            continue
        first = run[0]
        label, title = _label_title(first.item)
        block = replace(first, path=first.path[:-1], label=label, heading=title, kind="item",
                        text="\n".join(p.full_text for p in run),
                        clauses=tuple(c for p in run for c in _clauses(p)),
                        lead=_union(p.lead for p in run), responsible=_union(p.responsible for p in run),
                        guide=_union(p.guide for p in run))
        provisions.append(block)
        members[block.id] = tuple(run)
    if not members:
        return doc, {}
    return replace(doc, provisions=tuple(provisions)), members


def expand(al: Alignment, a: Document, b: Document, members_a: dict[str, tuple[Provision, ...]],
           members_b: dict[str, tuple[Provision, ...]]) -> Alignment:
    """The alignment of the blocked documents, stated in the provisions of ``a`` and ``b``."""
    if not members_a and not members_b:
        return al

    def out(ps: tuple[Provision, ...], members: dict[str, tuple[Provision, ...]]) -> tuple[Provision, ...]:
        return tuple(q for p in ps for q in members.get(p.id, (p,)))

    def alone(us: tuple[Unmatched, ...], members: dict[str, tuple[Provision, ...]],
              others: dict[str, tuple[Provision, ...]]) -> tuple[Unmatched, ...]:
        res = []
        for u in us:
            best = None if u.best is None else others.get(u.best.id, (u.best,))[0]
            res += [replace(u, provision=q, best=best) for q in members.get(u.provision.id, (u.provision,))]
        return tuple(res)

    def owner(pid: str | None, clause: str | None, members: dict[str, tuple[Provision, ...]]) -> str | None:
        # the paragraph of a block that holds the clause
        if pid is None or pid not in members:
            return pid
        for q in members[pid]:
            if clause is not None and clause in _clauses(q):
                return q.id
        return pid

    def clause_pair(cp: ClausePair) -> ClausePair:
        return replace(cp, source_provision=owner(cp.source_provision, cp.source, members_a),
                       target_provision=owner(cp.target_provision, cp.target, members_b))

    def links(m: Match) -> tuple[Link, ...]:
        # a block's link stands for each pair of its paragraphs, as sure as the block's only where
        # the two share text (a clause pair keeps some of the newer one); otherwise half as sure:
        # sixteen paragraphs on the government's own work are not each a counterpart of 廉政
        pairs = [clause_pair(cp) for cp in m.clauses]
        out = []
        for lk in m.links:
            block = lk.source in members_a or lk.target in members_b
            for q in members_a.get(lk.source, (a.provision(lk.source),)):
                for r in members_b.get(lk.target, (b.provision(lk.target),)):
                    kept = _member_kept(pairs, q.id, r) if block else lk.kept
                    conf = lk.confidence if not block or kept >= MEMBER_KEPT else lk.confidence * 0.5
                    out.append(replace(lk, source=q.id, target=r.id, kept=kept, confidence=conf))
        return tuple(out)

    def kind(m: Match) -> str:
        n, k = len(out(m.source, members_a)), len(out(m.target, members_b))
        return "1:1" if n == k == 1 else "n:m" if n > 1 and k > 1 else "merge" if n > 1 else "split"

    def expanded(m: Match) -> Match:
        ls = links(m)
        conf = max((lk.confidence for lk in ls), default=m.confidence)
        return replace(m, source=out(m.source, members_a), target=out(m.target, members_b),
                       clauses=tuple(clause_pair(cp) for cp in m.clauses), links=ls, kind=kind(m),
                       confidence=conf, closest=m.topic_only or conf < SHOWN_CONFIDENCE)

    matches = tuple(expanded(m) for m in al.matches)
    return replace(al, source=a, target=b, matches=matches,
                   unmatched_source=alone(al.unmatched_source, members_a, members_b),
                   unmatched_target=alone(al.unmatched_target, members_b, members_a),
                   moved=tuple(clause_pair(cp) for cp in al.moved))


#: A paragraph pair of two aligned blocks counts as sharing text from this share of the newer one kept.
MEMBER_KEPT = 0.01


def _member_kept(pairs: list[ClausePair], source: str, target: Provision) -> float:
    total = sum(len(c) for c in _clauses(target))
    kept = sum(sum(len(t) for op, t in cp.diff if op == 0) for cp in pairs
               if cp.source_provision == source and cp.target_provision == target.id and cp.target and not cp.moved)
    return min(1.0, kept / total) if total else 0.0


def _label_title(item: str) -> tuple[str, str]:
    found = match_numbering(item)
    if found is None:
        return "", item
    return found[0].label, found[1].strip()


def _clauses(p: Provision) -> tuple[str, ...]:
    return ((p.heading + "。",) if p.heading and p.text else ()) + p.clauses


def _union(lists: object) -> tuple[str, ...]:
    out: list[str] = []
    for names in lists:  # type: ignore[attr-defined]
        out += [n for n in names if n not in out]
    return tuple(out)


__all__ = ["as_blocks", "expand"]
