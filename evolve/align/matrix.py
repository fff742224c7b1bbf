"""Score matrices as plain lists of rows, and the few operations the alignment needs on them.

Two plans' score matrices are small (hundreds of provisions a side) and importing numpy costs
more CPU than a whole ``evolve compare`` may spend (issue 20), so they are lists of Python
floats. Where numpy used to compute a value the alignment compares with a threshold, the same
operations run here in numpy's order: row sums are numpy's pairwise sums (``pairwise_sum``),
column sums run down the column, so means and standard deviations are the same doubles, bit for
bit (tests/test_matrix.py checks them against numpy). Scores from rapidfuzz are rounded to
single precision (``single``) as ``rapidfuzz.process.cdist`` returned them.
"""

from __future__ import annotations

import math
from array import array
from collections.abc import Iterable, Sequence

#: Rows of floats: ``m[i][j]`` is the score of source ``i`` and target ``j``.
Matrix = list[list[float]]

#: numpy sums at most this many numbers with eight running sums before splitting in two.
_PAIRWISE_BLOCK = 128


def zeros(n: int, m: int) -> Matrix:
    return [[0.0] * m for _ in range(n)]


def column(s: Sequence[Sequence[float]], j: int) -> list[float]:
    return [row[j] for row in s]


def argmax(values: Sequence[float]) -> int:
    """Index of the largest value, the first one among equals (as numpy's ``argmax``)."""
    best, at = values[0], 0
    for k in range(1, len(values)):
        if values[k] > best:
            best, at = values[k], k
    return at


def single(values: Iterable[float]) -> list[float]:
    """The values rounded to single precision (float32), as Python floats."""
    return array("f", values).tolist()


def pairwise_sum(a: Sequence[float], lo: int = 0, hi: int | None = None) -> float:
    """Sum of ``a[lo:hi]`` in the order of numpy's pairwise summation (``np.add.reduce`` along a
    contiguous axis): eight running sums in blocks of up to 128 numbers, halves above that."""
    hi = len(a) if hi is None else hi
    n = hi - lo
    if n < 8:
        res = 0.0
        for i in range(lo, hi):
            res += a[i]
        return res
    if n <= _PAIRWISE_BLOCK:
        r0, r1, r2, r3, r4, r5, r6, r7 = a[lo:lo + 8]
        end = hi - n % 8
        for i in range(lo + 8, end, 8):
            x0, x1, x2, x3, x4, x5, x6, x7 = a[i:i + 8]
            r0 += x0
            r1 += x1
            r2 += x2
            r3 += x3
            r4 += x4
            r5 += x5
            r6 += x6
            r7 += x7
        res = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7))
        for k in range(end, hi):
            res += a[k]
        return res
    half = n // 2
    half -= half % 8
    return pairwise_sum(a, lo, lo + half) + pairwise_sum(a, lo + half, hi)


def row_mean_std(row: Sequence[float]) -> tuple[float, float]:
    """Mean and (population) standard deviation of a row, as numpy's ``mean`` and ``std`` along
    the row's axis of a C-ordered matrix compute them."""
    n = len(row)
    mu = pairwise_sum(row) / n
    return mu, math.sqrt(pairwise_sum([(x - mu) * (x - mu) for x in row]) / n)


def column_mean_std(s: Sequence[Sequence[float]]) -> list[tuple[float, float]]:
    """Mean and standard deviation of every column, as numpy's ``mean`` and ``std`` along axis 0
    of a C-ordered matrix compute them: running sums down the column (numpy adds the rows one
    after the other), except for a matrix of one column, which numpy sums as a row."""
    if len(s) == 0:
        return []
    if len(s[0]) == 1:
        return [row_mean_std([row[0] for row in s])]
    n = len(s)
    sums = [0.0] * len(s[0])
    for row in s:
        sums = [t + x for t, x in zip(sums, row, strict=True)]
    mus = [t / n for t in sums]
    sq = [0.0] * len(mus)
    for row in s:
        sq = [t + (x - mu) * (x - mu) for t, x, mu in zip(sq, row, mus, strict=True)]
    return [(mu, math.sqrt(t / n)) for mu, t in zip(mus, sq, strict=True)]


__all__ = ["Matrix", "argmax", "column", "column_mean_std", "pairwise_sum", "row_mean_std", "single", "zeros"]
