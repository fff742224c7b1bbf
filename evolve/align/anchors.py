"""Near-verbatim sentences linked across the whole of two plans, wherever each one sits.

Collation tools align two witnesses by first fixing the passages they share word for word and
then aligning what lies between. Here every clause of plan A is compared with every clause of
plan B (rapidfuzz's Indel ratio on the clauses as written, Chinese punctuation included); pairs
at ``NEAR_VERBATIM`` or above are linked one to one, most similar first and, among equally
similar candidates, the one at the nearest relative position in its document first, so that an
item repeated word for word in five sections pairs with the repeats of the other plan in order.
The links then anchor the provision alignment (``seed_groups``) and the clause pairing inside
each correspondence; a link whose two provisions do not correspond is a sentence that moved.
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Sequence

from ..dataclass_code import dataclass
from ..records import Document, Provision
from .matrix import single

#: A clause pair at least this similar (rapidfuzz ratio, 0..100) is near-verbatim.
NEAR_VERBATIM = 80.0
#: A provision pair whose linked clauses make up at least this share of both sides' clause text
#: corresponds, whatever the other signals say (see ``seed_groups``) ...
ANCHOR_SHARE = 0.5
#: ... and so does one where they make up this share of one side (taken whole into the other:
#: a merge or a split). One sentence of two that moves elsewhere stays a moved sentence.
ANCHOR_WHOLE = 0.8


@dataclass(frozen=True)
class ClauseLink:
    """A near-verbatim clause pair: indices into the documents' provisions and their clauses."""

    source: tuple[int, int]  #: (provision index in plan A, clause index in it; HEADING: its heading)
    target: tuple[int, int]  #: (provision index in plan B, clause index)
    score: float  #: rapidfuzz ratio / 100


#: The clause index that stands for a provision's heading: a paragraph's topic sentence
#: ("推动产业链供应链优化升级。") is a sentence that moves like the others.
HEADING = -1


def sentence(p: Provision, k: int) -> str:
    """Clause ``k`` of a provision, or its heading for ``HEADING``."""
    return p.heading if k == HEADING else p.clauses[k]


def _clauses(doc: Document) -> list[tuple[int, int, str]]:
    out = []
    for i, p in enumerate(doc.provisions):
        if p.heading.strip():
            out.append((i, HEADING, p.heading))
        out += [(i, k, c) for k, c in enumerate(p.clauses) if c.strip()]
    return out


def link_clauses(a: Document, b: Document, *, min_ratio: float = NEAR_VERBATIM) -> list[ClauseLink]:
    """Every near-verbatim clause pair of the two plans, linked one to one.

    All pairs are scored (``near_pairs``); the pairs at ``min_ratio`` or above are taken greedily, most
    similar first, ties broken by the distance between their relative positions in the documents.
    A clause left without a partner whose best candidate was taken by another (a sentence said
    twice in one plan, once in the other) is then linked to it too, so both copies count as kept.
    """
    ca, cb = _clauses(a), _clauses(b)
    if not ca or not cb:
        return []
    from .figures import mask_figures

    # figures masked: a sentence carried over with new figures is near-verbatim
    found = near_pairs([mask_figures(c) for _, _, c in ca], [mask_figures(c) for _, _, c in cb], min_ratio)
    if not found:
        return []
    # most similar first, then the nearest relative positions, then document order
    order = sorted(found, key=lambda t: (-t[2], abs(t[0] / len(ca) - t[1] / len(cb)), t[0], t[1]))
    used_a: set[int] = set()
    used_b: set[int] = set()
    chosen: list[tuple[int, int, float]] = []
    for i, j, score in order:
        if i in used_a or j in used_b:
            continue
        used_a.add(i)
        used_b.add(j)
        chosen.append((i, j, score))
    # Repeats: a clause still alone takes its best candidate even if that one is linked already.
    for i, j, score in order:
        if i not in used_a:
            used_a.add(i)
            chosen.append((i, j, score))
        elif j not in used_b:
            used_b.add(j)
            chosen.append((i, j, score))
    return sorted((ClauseLink(ca[i][:2], cb[j][:2], s / 100.0) for i, j, s in chosen),
                  key=lambda lk: (lk.source, lk.target))


def near_pairs(source: Sequence[str], target: Sequence[str], min_ratio: float) -> list[tuple[int, int, float]]:
    """(source index, target index, ratio) of every pair of texts at least ``min_ratio`` alike
    (rapidfuzz's Indel ratio, 0..100, no processor: Chinese punctuation is kept, not turned into
    spaces), the ratio in single precision, as ``rapidfuzz.process.cdist`` returns it.

    Each source text is compared at once (``process.extract``, which needs no numpy) with the
    targets whose length allows the ratio: it is at most 200 * shorter / (both lengths), so a
    text of 30 characters is compared with those of 20 to 45 for a ratio of 80."""
    from rapidfuzz import fuzz, process

    order = sorted(range(len(target)), key=lambda j: len(target[j]))
    texts = [target[j] for j in order]
    lengths = [len(t) for t in texts]
    out: list[tuple[int, int, float]] = []
    for i, text in enumerate(source):
        lo, hi = _length_window(len(text), min_ratio, lengths)
        if lo >= hi:
            continue
        hits = process.extract(text, texts[lo:hi], scorer=fuzz.ratio, processor=None, score_cutoff=min_ratio,
                               limit=None)
        out += zip([i] * len(hits), [order[lo + k] for _, _, k in hits], single(s for _, s, _ in hits), strict=True)
    return out


def _length_window(n: int, min_ratio: float, lengths: Sequence[int]) -> tuple[int, int]:
    """The slice of ``lengths`` (ascending) a text of ``n`` characters can reach ``min_ratio``
    with, one character wider on each side than the bound, against rounding."""
    if min_ratio <= 0:
        return 0, len(lengths)
    shortest = math.floor(n * min_ratio / (200 - min_ratio)) - 1 if min_ratio < 200 else n - 1
    longest = math.ceil(n * (200 - min_ratio) / min_ratio) + 1
    return bisect_left(lengths, shortest), bisect_right(lengths, longest)


def shared_chars(a: Document, b: Document, links: Sequence[ClauseLink]) -> dict[tuple[int, int], tuple[int, int]]:
    """For each provision pair (i, j) the links join: characters of i's and of j's linked clauses."""
    out: dict[tuple[int, int], list[int]] = defaultdict(lambda: [0, 0])
    for link in links:
        (i, ki), (j, kj) = link.source, link.target
        acc = out[(i, j)]
        acc[0] += len(sentence(a.provisions[i], ki))
        acc[1] += len(sentence(b.provisions[j], kj))
    return {k: (v[0], v[1]) for k, v in out.items()}


def _clause_chars(doc: Document) -> list[int]:
    return [len(p.heading) + sum(len(c) for c in p.clauses) for p in doc.provisions]


def anchor_shares(a: Document, b: Document, links: Sequence[ClauseLink]) -> dict[tuple[int, int], float]:
    """How much of each linked provision pair the links cover: the larger of the two shares
    (linked characters over the provision's clause characters), so that a provision taken whole
    into a longer one (a merge) counts as covered."""
    len_a, len_b = _clause_chars(a), _clause_chars(b)
    out = {}
    for (i, j), (ca, cb) in shared_chars(a, b, links).items():
        out[(i, j)] = max(ca / len_a[i] if len_a[i] else 0.0, cb / len_b[j] if len_b[j] else 0.0)
    return out


def seed_groups(a: Document, b: Document, links: Sequence[ClauseLink], *,
                min_share: float = ANCHOR_SHARE) -> list[tuple[list[int], list[int]]]:
    """Provision groups the anchors settle before any other signal is looked at.

    Pairs whose shared text covers at least ``min_share`` of both sides, or ``ANCHOR_WHOLE`` of
    one, are taken most covered first; a pair joins an existing group only as a merge or split
    that keeps the group a star (n:1 or 1:n), as ``group.find_groups`` builds them. Returns
    (source indices, target indices)
    per group.
    """
    len_a, len_b = _clause_chars(a), _clause_chars(b)
    ranked = []
    for (i, j), (ca, cb) in shared_chars(a, b, links).items():
        sa = ca / len_a[i] if len_a[i] else 0.0
        sb = cb / len_b[j] if len_b[j] else 0.0
        if min(sa, sb) >= min_share or max(sa, sb) >= ANCHOR_WHOLE:
            ranked.append((max(sa, sb), i, j))
    ranked.sort(key=lambda t: (-t[0], t[1], t[2]))
    group_of: tuple[dict[int, int], dict[int, int]] = ({}, {})
    groups: list[tuple[list[int], list[int]]] = []
    for _, i, j in ranked:
        gi, gj = group_of[0].get(i), group_of[1].get(j)
        if gi is None and gj is None:
            group_of[0][i] = group_of[1][j] = len(groups)
            groups.append(([i], [j]))
        elif gi is not None and gj is None and len(groups[gi][0]) == 1:
            groups[gi][1].append(j)  # a split: i's text went into several provisions
            group_of[1][j] = gi
        elif gj is not None and gi is None and len(groups[gj][1]) == 1:
            groups[gj][0].append(i)  # a merge
            group_of[0][i] = gj
    return [(sorted(s), sorted(t)) for s, t in groups]
