"""Formulas paired with formulas in reading order: a report's salutations, opening sentence,
thanks and closing call are said at the same places every year, so the k-th ``各位代表!`` of one
report answers the k-th of the next, not whichever the similarity happens to rank first."""

from __future__ import annotations

from collections.abc import Sequence

from ..records import Provision
from ..segment.formulas import formula_reason

#: A formula pairs with one of another kind of formula only above this similarity (rapidfuzz
#: ratio / 100): a thanks paragraph is no salutation.
OTHER_REASON = 0.8


def _similarity(p: Provision, q: Provision) -> float:
    from rapidfuzz import fuzz

    sim = fuzz.ratio(p.full_text, q.full_text) / 100.0
    if formula_reason(p.full_text) == formula_reason(q.full_text):
        return 0.5 + 0.5 * sim
    return sim if sim >= OTHER_REASON else 0.0


def pair_formulas(source: Sequence[Provision], target: Sequence[Provision]) -> list[tuple[int, int]]:
    """Index pairs (source, target) of corresponding formulas: the order-keeping pairing with the
    largest total similarity (a Needleman-Wunsch alignment without gap costs)."""
    n, m = len(source), len(target)
    sim = [[_similarity(p, q) for q in target] for p in source]
    best = [[0.0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            take = sim[i][j] + best[i + 1][j + 1] if sim[i][j] > 0 else 0.0
            best[i][j] = max(take, best[i + 1][j], best[i][j + 1])
    out: list[tuple[int, int]] = []
    i = j = 0
    while i < n and j < m:
        if sim[i][j] > 0 and best[i][j] == sim[i][j] + best[i + 1][j + 1]:
            out.append((i, j))
            i, j = i + 1, j + 1
        elif best[i][j] == best[i + 1][j]:
            i += 1
        else:
            j += 1
    return out


__all__ = ["pair_formulas"]
