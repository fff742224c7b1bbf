"""Paragraphs that continue an enumeration go with the paragraph that opened it.

A work report states a task in a paragraph that opens with its topic sentence and its first point
("继续实施积极的财政政策。……一是……"), then gives the next points a paragraph each ("二是继续实施结构
性减税政策。……", "三是优化财政支出结构。……"). Next year the points are often folded back into one
paragraph, or split otherwise: each continuation then shares a few words with its successor,
too few to stand out among a hundred candidates, though a reader sees at once where it went.
A continuation left without a counterpart joins the correspondence of the paragraph its
enumeration opened in, when its similarity to that paragraph's counterpart is above chance.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..lazy_pattern import lazy
from ..records import Provision
from .group import Group

#: A paragraph opening with the second or a later point of an enumeration: 二是, 三要, 第四，, 其次.
CONTINUATION = lazy(r"^(?:[二三四五六七八九十]{1,2}(?:是|要|则)|第[二三四五六七八九十]{1,2}[，,、]|其次|再次)")
#: How far a continuation's similarity to its opener's counterpart must stand above the mean of
#: its candidates, in standard deviations (``score.relative_scores``): above chance, not
#: the ``group.MIN_RELATIVE`` a counterpart found on its own needs.
CONTINUATION_RELATIVE = 1.0


def openers(provisions: Sequence[Provision]) -> dict[int, int]:
    """For each continuation paragraph (by position), the position of the paragraph its
    enumeration opened in: the nearest one before it in the same part that is no continuation."""
    out: dict[int, int] = {}
    head: int | None = None
    for n, p in enumerate(provisions):
        if head is not None and provisions[head].path[:1] != p.path[:1]:
            head = None
        if CONTINUATION.match(p.full_text.lstrip()):
            if head is not None:
                out[n] = head
        else:
            head = n
    return out


def join_continuations(groups: Sequence[Group], s: Sequence[Sequence[float]], relative: Sequence[Sequence[float]],
                       source: Sequence[Provision], target: Sequence[Provision], *, min_score: float,
                       min_relative: float = CONTINUATION_RELATIVE) -> list[Group]:
    """``groups`` with each ungrouped continuation (either side) joined to its opener's group,
    when that group has one member on the other side and the continuation's similarity to it
    passes ``min_score`` and ``min_relative``."""
    members = [(list(g.source), list(g.target)) for g in groups]
    group_of: tuple[dict[int, int], dict[int, int]] = ({}, {})
    for n, (gi, gj) in enumerate(members):
        group_of[0].update({i: n for i in gi})
        group_of[1].update({j: n for j in gj})
    for side, provisions in ((0, source), (1, target)):
        other = 1 - side
        for k, head in openers(provisions).items():
            g = group_of[side].get(head)
            if k in group_of[side] or g is None or len(members[g][other]) != 1:
                continue
            c = members[g][other][0]
            i, j = (k, c) if side == 0 else (c, k)
            if s[i][j] >= min_score and relative[i][j] >= min_relative:
                members[g][side].append(k)
                group_of[side][k] = g
    return [Group(tuple(sorted(a)), tuple(sorted(b))) for a, b in members]


__all__ = ["CONTINUATION", "join_continuations", "openers"]
