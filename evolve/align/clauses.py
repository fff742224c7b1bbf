"""Aligning the clauses (sentences) inside a matched group, and diffing each pair."""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..diff import word_diff
from ..records import ClausePair

#: Two clauses pair up when their similarity reaches this and each is the other's best, or
#: when it reaches ``SURE_CLAUSE_SCORE``. Rewritten clauses of plans eight years apart share
#: little text ("实现4G网络乡镇和行政村全覆盖" vs "推动5G网络在城郊、乡镇和行政村等区域广度覆盖"
#: scores 0.22), so the floor is low and mutual preference does the rest.
MIN_CLAUSE_SCORE = 0.12
SURE_CLAUSE_SCORE = 0.3
_STRIP = re.compile(r"[^\u4e00-\u9fffA-Za-z0-9]")


def _bigrams(text: str) -> set[str]:
    s = _STRIP.sub("", text)
    return {s[i : i + 2] for i in range(len(s) - 1)} or ({s} if s else set())


def clause_similarity(a: str, b: str) -> float:
    """Dice coefficient of character bigrams, mixed with rapidfuzz's normalised Indel ratio."""
    from rapidfuzz.distance import Indel

    ba, bb = _bigrams(a), _bigrams(b)
    dice = 2 * len(ba & bb) / (len(ba) + len(bb)) if ba and bb else 0.0
    ratio = Indel.normalized_similarity(_STRIP.sub("", a), _STRIP.sub("", b))
    return 0.5 * dice + 0.5 * ratio


def align_clauses(source: Sequence[str], target: Sequence[str], *,
                  min_score: float = MIN_CLAUSE_SCORE, sure_score: float = SURE_CLAUSE_SCORE) -> list[ClausePair]:
    """Pair clauses greedily by similarity; unpaired clauses are deletions or insertions.

    The result follows the target's order, with each unpaired source clause placed after the
    target clause that follows its nearest paired predecessor.
    """
    sim = [[clause_similarity(a, b) for b in target] for a in source]
    best_for_source = [max(row, default=0.0) for row in sim]
    best_for_target = [max((sim[i][j] for i in range(len(source))), default=0.0) for j in range(len(target))]
    scored = sorted(
        ((sim[i][j], i, j) for i in range(len(source)) for j in range(len(target))),
        key=lambda t: (-t[0], t[1], t[2]),
    )
    pair_of_target: dict[int, tuple[int, float]] = {}
    used_source: set[int] = set()
    for sc, i, j in scored:
        if sc < min_score:
            break
        if i in used_source or j in pair_of_target:
            continue
        mutual = sc >= best_for_source[i] and sc >= best_for_target[j]
        if not mutual and sc < sure_score:
            continue
        used_source.add(i)
        pair_of_target[j] = (i, sc)

    out: list[ClausePair] = []
    placed: set[int] = set()

    def flush_source_before(limit: int) -> None:
        for i in range(limit):
            if i not in used_source and i not in placed:
                placed.add(i)
                out.append(ClausePair(source[i], None, 0.0, ((-1, source[i]),)))

    for j, b in enumerate(target):
        if j in pair_of_target:
            i, sc = pair_of_target[j]
            flush_source_before(i)
            out.append(ClausePair(source[i], b, sc, tuple(word_diff(source[i], b))))
        else:
            out.append(ClausePair(None, b, 0.0, ((1, b),)))
    flush_source_before(len(source))
    return out
