"""From a score matrix to correspondences: 1:1, merges (n:1), splits (1:n), and the unmatched.

Mutual best pairs come first; a leftover provision then joins its best candidate's group when it
is nearly as close as the group's own pair (``merge_ratio``) or stands out clearly from its other
candidates (``STANDOUT``). Both thresholds, on the raw similarity and on how far it stands out
from the other candidates, must be passed; the floor on the raw similarity rises with how
similar the two plans' provisions typically are (``TYPICAL_FLOOR``). The procedure treats both
sides alike, so comparing B with A mirrors comparing A with B. Between plans that share their
wording, ``across`` then joins two stars into one n:m correspondence where a pair between them is
one provision's clear best match.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..dataclass_code import dataclass

#: Defaults chosen on the gold set (bench/align_eval.py; held-out check: bench/align_lopo.py).
MIN_SCORE = 0.05  #: absolute floor on the combined similarity (see also TYPICAL_FLOOR)
MIN_RELATIVE = 2.0  #: how many standard deviations a pair must stand above its row and column
MERGE_RATIO = 0.7  #: a second provision joins a group at 70 % of the group's best score
#: A pair this similar corresponds whatever the other candidates: the relative test needs many
#: candidates to mean anything, and near-identical text needs no comparison.
STRONG_SCORE = 0.6
#: The floor on the combined similarity is also this share of the plans' typical best score (the
#: median, over every provision of both sides, of its best candidate's score). Raw similarities
#: depend on how alike two plans are written as a whole (0.22-0.26 typical best on the seed
#: pairs); a pair well below what most provisions reach with their best candidate is a weak
#: overlap however much it stands out. Fitted on the gold set together with STANDOUT and the
#: leftover order; leave-one-pair-out in bench/README.md.
TYPICAL_FLOOR = 0.75
#: A leftover provision whose best candidate stands out this many standard deviations joins the
#: candidate's group even below ``merge_ratio``: one item that sums up several (公共服务 listing
#: health, education, transport …) scores low against each of them, but each of them still
#: singles it out.
STANDOUT = 2.5
#: A leftover whose best candidate stands out this many standard deviations joins the
#: candidate's group even below the floor (``TYPICAL_FLOOR``), as long as the pair passes
#: ``min_score``: between plans that share their wording the floor is raised by the paragraphs
#: carried over nearly verbatim, and the second half of a paragraph split in two shares far fewer
#: words with the successor, yet singles it out. Founding a new pair still needs the floor.
#: Checked on the work reports' gold (tests/gold/work_report_links.csv) and the seeds' (kept).
JOIN_STANDOUT = 3.0


@dataclass(frozen=True)
class Group:
    source: tuple[int, ...]
    target: tuple[int, ...]


def _best(row: Sequence[float], position: float) -> int:
    """argmax; among equal scores (an item repeated word for word in several sections) the
    candidate at the nearest relative position, then the lowest index: keeps A/B symmetric."""
    top_score = max(row)
    top = [k for k, x in enumerate(row) if x == top_score]
    if len(top) == 1:
        return top[0]
    return min(top, key=lambda k: abs(k / len(row) - position))  # the first of the nearest


def typical_best(s: Sequence[Sequence[float]]) -> float:
    """The median, over the provisions of both sides, of the score of each one's best candidate."""
    if len(s) == 0 or len(s[0]) == 0:
        return 0.0
    # the median as np.median computes it: the middle value, or the mean of the two middle values
    best = sorted(float(x) for x in [*(max(row) for row in s), *(max(col) for col in zip(*s, strict=True))])
    mid = len(best) // 2
    return float(best[mid] if len(best) % 2 else (best[mid - 1] + best[mid]) / 2)


#: The adaptive floor never rises above this: when two plans are near copies (typical best 0.9),
#: their few rewritten provisions (0.3) must still be able to correspond.
FLOOR_CAP = 0.25


def floor(s: Sequence[Sequence[float]], min_score: float = MIN_SCORE, typical_floor: float = TYPICAL_FLOOR) -> float:
    """The floor on the combined similarity for this score matrix: ``min_score``, or
    ``typical_floor`` times the typical best score if that is higher (symmetric in the sides)."""
    return max(min_score, min(FLOOR_CAP, typical_floor * typical_best(s)))


def find_groups(s: Sequence[Sequence[float]], relative: Sequence[Sequence[float]], *, min_score: float = MIN_SCORE,
                min_relative: float = MIN_RELATIVE, merge_ratio: float = MERGE_RATIO,
                typical_floor: float = TYPICAL_FLOOR, standout: float = STANDOUT,
                leftovers_by: str = "relative", seeds: Sequence[Group] = (),
                join_standout: float = JOIN_STANDOUT) -> list[Group]:
    """Groups of source and target indices that correspond.

    ``s`` holds the similarities, ``relative`` how far each stands out from its row and column.
    First every mutual best pair that passes both thresholds becomes a 1:1 group. Then each
    provision left over joins the group of its best candidate when that pair passes the
    thresholds, scores at least ``merge_ratio`` of the candidate's own best or stands out by at
    least ``standout`` standard deviations, and the group stays a star (n:1 or 1:n, never n:m);
    or pairs with its best candidate if that one is free too. The floor on the similarity is
    ``floor(s, min_score, typical_floor)``; a join standing out by ``join_standout`` needs only
    ``min_score``. Leftovers are processed most distinct first (by
    ``relative``; ``leftovers_by="score"``: most similar first), from both sides at once, so the
    result does not depend on which plan is A.

    ``seeds`` are groups settled beforehand (provisions sharing near-verbatim sentences,
    ``anchors.seed_groups``): their members take part in no mutual-best pair, but a leftover may
    still join them as a merge or split.
    """
    n = len(s)
    m = len(s[0]) if n else 0
    if n == 0 or m == 0:
        return []
    best_t = [_best(s[i], i / n) for i in range(n)]
    best_s = [_best(col, j / m) for j, col in enumerate(zip(*s, strict=True))]

    lowest = floor(s, min_score, typical_floor)

    def passes(i: int, j: int) -> bool:
        return bool(s[i][j] >= STRONG_SCORE or (s[i][j] >= lowest and relative[i][j] >= min_relative))

    # group_of[side][index] -> group number; groups[g][side] -> members on that side
    group_of: tuple[dict[int, int], dict[int, int]] = ({}, {})
    groups: list[tuple[list[int], list[int]]] = []

    def new_group(i: int, j: int) -> None:
        group_of[0][i] = group_of[1][j] = len(groups)
        groups.append(([i], [j]))

    for seed in seeds:
        for i in seed.source:
            group_of[0][i] = len(groups)
        for j in seed.target:
            group_of[1][j] = len(groups)
        groups.append((list(seed.source), list(seed.target)))

    for i in range(n):
        j = best_t[i]
        if best_s[j] == i and i not in group_of[0] and j not in group_of[1] and passes(i, j):
            new_group(i, j)

    # Leftovers from both sides, the candidate pair that stands out most first (a provision that
    # resembles everything has high raw scores but is not thereby surer); side 0 is A, side 1 is B.
    best = (best_t, best_s)
    key = relative if leftovers_by == "relative" else s
    pending = [(float(key[i][best_t[i]]), 0, i) for i in range(n) if i not in group_of[0]]
    pending += [(float(key[best_s[j]][j]), 1, j) for j in range(m) if j not in group_of[1]]
    pending.sort(key=lambda t: (-t[0], t[1], t[2]))
    for _, side, k in pending:
        other = 1 - side
        c = best[side][k]
        i, j = (k, c) if side == 0 else (c, k)
        g = group_of[other].get(c)
        # joining a group found already may go below the floor if the pair stands out clearly
        joins = g is not None and s[i][j] >= min_score and relative[i][j] >= join_standout
        if k in group_of[side] or not (passes(i, j) or joins):
            continue
        if g is None:
            new_group(i, j)
            continue
        members = groups[g]
        # Joining must keep the group a star: its candidate's side holds only the candidate.
        group_best = max(float(s[x][j]) if side == 0 else float(s[i][x]) for x in members[side])
        close = s[i][j] >= merge_ratio * group_best or relative[i][j] >= standout
        if len(members[other]) == 1 and close:
            members[side].append(k)
            group_of[side][k] = g
    out = [Group(tuple(sorted(a)), tuple(sorted(b))) for a, b in groups]
    return sorted(out, key=lambda g: (min(g.target), min(g.source)))
