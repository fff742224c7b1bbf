"""`evolve compare` and `evolve align` of two plans run without numpy (issue 20: importing it costs
more CPU than a plain difflib comparison of the two files), and the plain-Python computations
that replaced numpy's give the numbers numpy gave, bit for bit where a threshold compares them.

Each one is checked against the numpy or ``rapidfuzz.process.cdist`` code it replaced, kept here
as the reference, on real plans: the seeds and consecutive State Council work reports.
"""

from __future__ import annotations

import math
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from rapidfuzz import fuzz, process

from evolve.align.anchors import _clauses, near_pairs
from evolve.align.blocks import as_blocks
from evolve.align.clauses import MIN_PHRASE_RATIO, _phrases, phrase_similarities
from evolve.align.features import build_space, char_features, cross_cosines, sparse_vectors, vectors, word_features
from evolve.align.figures import mask_figures
from evolve.align.matrix import argmax, column_mean_std, pairwise_sum, row_mean_std, single
from evolve.align.recurring import _carried
from evolve.align.score import FEW_CANDIDATES, FEW_CANDIDATES_Z, relative_scores, score
from evolve.parse import parse_file
from evolve.records import Document

TESTS = Path(__file__).parent
REPORTS = TESTS / "data" / "work_reports"


@pytest.fixture(scope="module")
def reports() -> tuple[Document, Document]:
    return parse_file(REPORTS / "2010.txt"), parse_file(REPORTS / "2011.txt")


@pytest.mark.parametrize("command", [["align"], ["compare", "--plain"]])
def test_compare_and_align_of_two_seeds_do_not_import_numpy(command: list[str]) -> None:
    code = ("import sys\nfrom evolve.cli import cli\n"
            f"cli.main({[command[0], 'xianning-2016', 'zhaoqing-2024', *command[1:]]!r}, standalone_mode=False)\n"
            "print('numpy' in sys.modules, 'pandas' in sys.modules, file=sys.stderr)")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "咸宁" in r.stdout or "xianning" in r.stdout  # the command ran and printed its result
    assert r.stderr.strip().splitlines()[-1] == "False False"


# --- numpy's sums, means and standard deviations --------------------------------------------


@pytest.mark.parametrize("shape", [(6, 6), (7, 9), (9, 7), (8, 8), (17, 3), (3, 17), (1, 40), (40, 1),
                                   (2, 200), (200, 2), (127, 129), (129, 127), (12, 3000)])
def test_row_and_column_statistics_equal_numpy(shape: tuple[int, int]) -> None:
    m = np.random.default_rng(sum(shape)).random(shape) ** 3
    rows = m.tolist()
    assert [pairwise_sum(r) for r in rows] == np.add.reduce(m, axis=1).tolist()
    assert [row_mean_std(r) for r in rows] == list(zip(m.mean(axis=1).tolist(), m.std(axis=1).tolist(),
                                                       strict=True))
    assert column_mean_std(rows) == list(zip(m.mean(axis=0).tolist(), m.std(axis=0).tolist(), strict=True))


def test_argmax_and_single_precision_as_numpy() -> None:
    values = [0.3, 0.7, 0.1, 0.7, 0.2]
    assert argmax(values) == int(np.argmax(values)) == 1  # the first of equals
    ratios = [100 * 2 * 7 / 17, 85.71428571428572, 1 / 3, 80.0]
    assert single(ratios) == np.array(ratios, dtype=np.float32).tolist()
    assert single(ratios) != ratios


def _numpy_relative(s: np.ndarray) -> np.ndarray:
    """``score.relative_scores`` as it was written with numpy."""
    def z(m: np.ndarray, axis: int) -> np.ndarray:
        if m.shape[axis] < FEW_CANDIDATES:
            best = m == m.max(axis=axis, keepdims=True)
            return np.where(best & (m > 0), FEW_CANDIDATES_Z, 0.0)
        mu = m.mean(axis=axis, keepdims=True)
        sd = m.std(axis=axis, keepdims=True)
        sd[sd == 0] = 1.0
        return (m - mu) / sd

    return 0.5 * (z(s, 1) + z(s, 0))


@pytest.mark.parametrize("shape", [(1, 1), (3, 10), (10, 3), (5, 5), (6, 6), (9, 1), (1, 9), (40, 130)])
def test_relative_scores_equal_numpy_bit_for_bit(shape: tuple[int, int]) -> None:
    m = np.random.default_rng(7 * sum(shape)).random(shape) ** 3
    m[m < 0.05] = 0.0  # pairs sharing nothing, and ties among them
    assert relative_scores(m.tolist()) == _numpy_relative(m).tolist()


def test_relative_scores_of_real_plans_equal_numpy(xianning: Document, zhaoqing: Document,
                                                   reports: tuple[Document, Document]) -> None:
    for a, b in ((xianning, zhaoqing), reports):
        sc = score(as_blocks(a)[0].provisions, as_blocks(b)[0].provisions)
        assert sc.relative == _numpy_relative(np.array(sc.combined)).tolist()
        # the mix of the signals, as the matrices computed it
        w = {"words": 0.3, "heading_words": 0.3, "chars": 0.15, "topics": 0.25}
        assert all(0.0 <= x <= 1.0 + 1e-12 for row in sc.combined for x in row)
        assert set(sc.signals_) == set(w)


# --- rapidfuzz without cdist -----------------------------------------------------------------


def _cdist_pairs(source: list[str], target: list[str], cutoff: float) -> list[tuple[int, int, float]]:
    m = process.cdist(source, target, scorer=fuzz.ratio, score_cutoff=cutoff, dtype=np.float32, workers=1)
    r, c = np.nonzero(m >= cutoff)
    return sorted(zip(r.tolist(), c.tolist(), m[r, c].tolist(), strict=True))


def test_near_pairs_equal_cdist_on_real_clauses(xianning: Document, zhaoqing: Document,
                                                reports: tuple[Document, Document]) -> None:
    for a, b in ((xianning, zhaoqing), reports):
        ca = [mask_figures(c) for _, _, c in _clauses(a)]
        cb = [mask_figures(c) for _, _, c in _clauses(b)]
        for cutoff in (80.0, 55.00000000000001, 28.0):
            found = sorted(near_pairs(ca, cb, cutoff))
            assert found == _cdist_pairs(ca, cb, cutoff)
    assert len(near_pairs(ca, cb, 80.0)) > 5  # the reports share sentences word for word


def test_phrase_similarities_equal_cdist(reports: tuple[Document, Document]) -> None:
    a, b = reports
    source = [c for p in a.provisions[10:30] for c in p.clauses]
    target = [c for p in b.provisions[10:30] for c in p.clauses]
    ps = [(i, x) for i, c in enumerate(source) for x in _phrases(c)]
    pt = [(j, x) for j, c in enumerate(target) for x in _phrases(c)]
    m = process.cdist([x for _, x in ps], [x for _, x in pt], scorer=fuzz.ratio,
                      score_cutoff=MIN_PHRASE_RATIO * 100, workers=1)
    want = [[0.0] * len(target) for _ in source]
    for x, (i, _) in enumerate(ps):
        for y, (j, _) in enumerate(pt):
            want[i][j] = max(want[i][j], float(m[x, y]) / 100)
    got = phrase_similarities(source, target)
    assert got == want
    assert sum(v > 0 for row in got for v in row) > 10


def _numpy_carried(source: list[str], target: list[str]) -> list[tuple[int, int]]:
    """``recurring``'s carried-over paragraphs as they were found on the whole matrix of ratios."""
    m = process.cdist(source, target, scorer=fuzz.ratio, dtype=np.float32, workers=1)
    best_c, best_r = m.argmax(axis=1), m.argmax(axis=0)
    srt_r, srt_c = np.sort(m, axis=1), np.sort(m, axis=0)
    out = []
    for r, c in enumerate(best_c):
        if best_r[c] != r:
            continue
        s = float(m[r, c])
        second = max(float(srt_r[r, -2]), float(srt_c[-2, c]), 1.0)
        if s >= 40.0 and s >= 1.4 * second:
            out.append((r, int(c)))
    return out


def test_carried_paragraphs_equal_the_whole_matrix(xianning: Document, zhaoqing: Document,
                                                   reports: tuple[Document, Document]) -> None:
    for a, b in ((xianning, zhaoqing), reports):
        pa = [mask_figures(p.full_text) for p in a.provisions if len(p.full_text) >= 40]
        pb = [mask_figures(p.full_text) for p in b.provisions if len(p.full_text) >= 40]
        assert _carried(pa, pb) == _numpy_carried(pa, pb)
    assert len(_carried(pa, pb)) > 10  # consecutive reports carry many paragraphs over
    # ties: a paragraph said twice in the target pairs with the first copy, as argmax did
    assert _carried(pa[:5], pa[:5] + pa[:5]) == _numpy_carried(pa[:5], pa[:5] + pa[:5]) == []
    assert _carried(pa[:5], pa[:5] + pb[:5]) == _numpy_carried(pa[:5], pa[:5] + pb[:5])


# --- TF-IDF cosines through an inverted index -------------------------------------------------


def test_cross_cosines_equal_the_pairwise_sums(reports: tuple[Document, Document]) -> None:
    """Each cosine is the sum of the products of the two rows' shared weights, in column order
    (the obvious loop over all pairs), and agrees with numpy's matrix product to rounding."""
    a, b = reports
    for featurize in (word_features, char_features):
        fa = [featurize(p.full_text) for p in a.provisions]
        fb = [featurize(p.full_text) for p in b.provisions]
        got = cross_cosines(fa, fb)
        both = fa + fb
        space = build_space(both)
        shared = sorted(set().union(*fa) & set().union(*fb))
        rows = sparse_vectors(both, space, columns=shared)
        n = len(fa)
        for i in range(n):
            for j in range(len(fb)):
                want = 0.0
                for k in sorted(rows[i].keys() & rows[n + j].keys()):
                    want += rows[i][k] * rows[n + j][k]
                assert got[i][j] == want
        dense = vectors(both, space, columns=shared)
        assert np.allclose(np.array(got), dense[:n] @ dense[n:].T, rtol=1e-13, atol=1e-15)
        # rows of unit length over all their features
        full = sparse_vectors(both, space)
        assert all(math.isclose(sum(v * v for v in r.values()), 1.0) for r in full if r)
