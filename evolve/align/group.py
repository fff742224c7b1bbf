"""From a score matrix to correspondences: 1:1, merges (n:1), splits (1:n), and the unmatched.

Mutual best pairs come first; a leftover provision then joins its best candidate's group when it
is nearly as close as the group's own pair (``merge_ratio``). Both thresholds, on the raw
similarity and on how far it stands out from the other candidates, must be passed. The
procedure treats both sides alike, so comparing B with A mirrors comparing A with B.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

#: Defaults chosen on the gold set (bench/align_eval.py).
MIN_SCORE = 0.05  #: floor on the combined similarity
MIN_RELATIVE = 2.0  #: how many standard deviations a pair must stand above its row and column
MERGE_RATIO = 0.7  #: a second provision joins a group at 70 % of the group's best score
#: A pair this similar corresponds whatever the other candidates: the relative test needs many
#: candidates to mean anything, and near-identical text needs no comparison.
STRONG_SCORE = 0.6


@dataclass(frozen=True)
class Group:
    source: tuple[int, ...]
    target: tuple[int, ...]


def _best(row: Any) -> int:
    # argmax that prefers the lowest index on ties, whatever the side: keeps A/B symmetric
    return int(row.argmax())


def find_groups(s: Any, relative: Any, *, min_score: float = MIN_SCORE,
                min_relative: float = MIN_RELATIVE, merge_ratio: float = MERGE_RATIO) -> list[Group]:
    """Groups of source and target indices that correspond.

    ``s`` holds the similarities, ``relative`` how far each stands out from its row and column.
    First every mutual best pair that passes both thresholds becomes a 1:1 group. Then each
    provision left over joins the group of its best candidate when that pair passes the
    thresholds, scores at least ``merge_ratio`` of the candidate's own best, and the group stays
    a star (n:1 or 1:n, never n:m); or pairs with its best candidate if that one is free too.
    Leftovers are processed strongest first, from both sides at once, so the result does not
    depend on which plan is A.
    """
    n, m = s.shape
    if n == 0 or m == 0:
        return []
    best_t = [_best(s[i]) for i in range(n)]
    best_s = [_best(s[:, j]) for j in range(m)]

    def passes(i: int, j: int) -> bool:
        return bool(s[i, j] >= STRONG_SCORE or (s[i, j] >= min_score and relative[i, j] >= min_relative))

    group_of_s: dict[int, int] = {}
    group_of_t: dict[int, int] = {}
    groups: list[tuple[list[int], list[int]]] = []
    for i in range(n):
        j = best_t[i]
        if best_s[j] == i and passes(i, j):
            group_of_s[i] = group_of_t[j] = len(groups)
            groups.append(([i], [j]))

    # Leftovers from both sides, strongest candidate pair first.
    pending = [(float(s[i, best_t[i]]), 0, i) for i in range(n) if i not in group_of_s]
    pending += [(float(s[best_s[j], j]), 1, j) for j in range(m) if j not in group_of_t]
    pending.sort(key=lambda t: (-t[0], t[1], t[2]))
    for _, side, k in pending:
        i, j = (k, best_t[k]) if side == 0 else (best_s[k], k)
        if (side == 0 and i in group_of_s) or (side == 1 and j in group_of_t) or not passes(i, j):
            continue
        if side == 0:
            g = group_of_t.get(j)
            if g is None:
                if i not in group_of_s:
                    group_of_s[i] = group_of_t[j] = len(groups)
                    groups.append(([i], [j]))
                continue
            src, tgt = groups[g]
            partner_best = max(float(s[x, j]) for x in src)
            if len(tgt) == 1 and s[i, j] >= merge_ratio * partner_best:
                src.append(i)
                group_of_s[i] = g
        else:
            g = group_of_s.get(i)
            if g is None:
                if j not in group_of_t:
                    group_of_s[i] = group_of_t[j] = len(groups)
                    groups.append(([i], [j]))
                continue
            src, tgt = groups[g]
            partner_best = max(float(s[i, y]) for y in tgt)
            if len(src) == 1 and s[i, j] >= merge_ratio * partner_best:
                tgt.append(j)
                group_of_t[j] = g
    out = [Group(tuple(sorted(a)), tuple(sorted(b))) for a, b in groups]
    return sorted(out, key=lambda g: (min(g.target), min(g.source)))
