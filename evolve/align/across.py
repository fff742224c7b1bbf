"""Links across stars: a paragraph split two ways while its neighbours merged.

``group`` builds stars: a correspondence is 1:1, n:1 or 1:n, never n:m. Consecutive work
reports regroup their tasks freely: 2010's paragraphs on culture and on civic morality become
2011's on civic morality and on culture with the parts redistributed, 2010's health reform of six
paragraphs becomes one of 2011 while the paragraph on rural services moves into 2011's industry.
A star keeps one side of each such crossing and loses the other, though the lost pair is often
plainly the paragraph's best match.

Only between plans that share their wording (the typical best character n-gram similarity at
least ``score.SHARED_WORDING``'s upper bound, 0.12: consecutive reports of one government, not two
cities' plans on one subject, where a clear best by characters is often a shared phrase).

A pair is linked across when its character n-gram similarity is clearly the best of one of its
two provisions (``CLEAR_MARGIN`` times the runner-up: one clear successor, not one of several
close ones) and its combined similarity stands out from the other candidates of both
(``ACROSS_RELATIVE`` standard deviations) and passes ``min_score``. The two provisions' groups
then become one correspondence, n:m when both sides have several; its links are the pairs of the
stars it joined and the pairs linked across, each with its own confidence. A pair linked across is
sure; so is a pair inside one correspondence that is one of its provisions' best match by
characters and stands out as much (the points of 2010's fiscal paragraph folded into 2011's,
whose words are too few to stand out by the combined similarity's spread alone).

Chosen on the hand-judged links of the work reports 2010→2011 and 2011→2012
(tests/gold/work_report_links.csv); 1998→1999 and 2005→2006 held out (bench/work_report_links.py).
"""

from __future__ import annotations

from collections.abc import Sequence

from .group import Group, typical_best
from .score import SHARED_WORDING

#: The pair's character n-gram similarity is at least this many times the provision's runner-up.
CLEAR_MARGIN = 1.5
#: How far the pair's combined similarity stands out from the other candidates of both provisions
#: (standard deviations, ``score.relative_scores``).
ACROSS_RELATIVE = 2.0
#: A merge across stars is not made when the correspondence would hold more provisions than this
#: on either side: the crossing of two tasks, not a chain through a whole part.
MAX_SIDE = 12


def _clear_best(values: Sequence[float], k: int, margin: float) -> bool:
    """``values[k]`` is the largest and at least ``margin`` times the second largest."""
    x = values[k]
    if x <= 0:
        return False
    second = max((v for n, v in enumerate(values) if n != k), default=0.0)
    return x >= second * margin and x > second


def link_across(groups: Sequence[Group], s: Sequence[Sequence[float]], relative: Sequence[Sequence[float]],
                chars: Sequence[Sequence[float]], *, min_score: float, margin: float | None = None,
                min_relative: float | None = None, max_side: int | None = None
                ) -> tuple[list[Group], set[tuple[int, int]], set[tuple[int, int]]]:
    """``groups`` with the groups of each pair linked across merged (a provision in no group
    joins the other's), and the linked pairs of the merged groups: the pairs of the stars they
    joined and the pairs linked across (source index, target index); and the sure pairs: those
    linked across, and those inside a group that are one provision's best match by characters and
    stand out by ``min_relative``."""
    margin = CLEAR_MARGIN if margin is None else margin
    min_relative = ACROSS_RELATIVE if min_relative is None else min_relative
    max_side = MAX_SIDE if max_side is None else max_side
    n = len(s)
    m = len(s[0]) if n else 0
    if n == 0 or m == 0 or typical_best(chars) < SHARED_WORDING[1]:
        return list(groups), set(), set()
    members = [(set(g.source), set(g.target)) for g in groups]
    group_of: tuple[dict[int, int], dict[int, int]] = ({}, {})
    for k, (gi, gj) in enumerate(members):
        group_of[0].update({i: k for i in gi})
        group_of[1].update({j: k for j in gj})
    columns = [list(col) for col in zip(*chars, strict=True)]
    candidates = []
    for i in range(n):
        row = chars[i]
        for j in range(m):
            if relative[i][j] < min_relative or s[i][j] < min_score:
                continue
            if _clear_best(row, j, margin) or _clear_best(columns[j], i, margin):
                candidates.append((-float(relative[i][j]), i, j))
    across: set[tuple[int, int]] = set()
    stars = [{(i, j) for i in gi for j in gj} for gi, gj in members]
    for _, i, j in sorted(candidates):
        gi, gj = group_of[0].get(i), group_of[1].get(j)
        if gi is not None and gi == gj:
            continue
        size_a = size_b = 1
        if gi is not None and gj is not None:
            size_a, size_b = len(members[gi][0] | members[gj][0]), len(members[gi][1] | members[gj][1])
        elif gi is not None:
            size_a, size_b = len(members[gi][0]), len(members[gi][1]) + 1
        elif gj is not None:
            size_a, size_b = len(members[gj][0]) + 1, len(members[gj][1])
        if min(size_a, size_b) > 1 and max(size_a, size_b) > max_side:
            continue
        across.add((i, j))
        if gi is None and gj is None:
            members.append(({i}, {j}))
            group_of[0][i] = group_of[1][j] = len(members) - 1
        elif gi is None:
            members[gj][0].add(i)
            group_of[0][i] = gj
        elif gj is None:
            members[gi][1].add(j)
            group_of[1][j] = gi
        else:  # the two groups become one; the later one is left empty
            src, tgt = members[gj]
            members[gi][0].update(src)
            members[gi][1].update(tgt)
            for x in src:
                group_of[0][x] = gi
            for y in tgt:
                group_of[1][y] = gi
            members[gj] = (set(), set())
    out = [Group(tuple(sorted(a)), tuple(sorted(b))) for a, b in members if a]
    sure = set(across)
    for gi, gj in members:
        sure |= {(i, j) for i in gi for j in gj if relative[i][j] >= min_relative and s[i][j] >= min_score
                 and (_clear_best(chars[i], j, 1.0) or _clear_best(columns[j], i, 1.0))}
    linked = set(across)
    touched = {group_of[0][i] for i, _ in across}
    for star in stars:
        if any(group_of[0][i] in touched for i, _ in star):
            linked |= star
    return sorted(out, key=lambda g: (min(g.target), min(g.source))), linked, sure


__all__ = ["ACROSS_RELATIVE", "CLEAR_MARGIN", "link_across"]
