"""The learned instrument model averages several SGD fits, so it hardly moves with the seed."""

from __future__ import annotations

import numpy as np
import pytest

from evolve.instruments.codebook import load_codebook
from evolve.instruments.features import codebook_features
from evolve.instruments.fold_matrices import FoldMatrices
from evolve.instruments.learn import FITS, fit_linear, fit_model
from evolve.instruments.prior import shipped_gold


@pytest.fixture(scope="module")
def matrices():  # type: ignore[no-untyped-def]
    gold = shipped_gold()
    docs = sorted({g.doc for g in gold})
    train = [i for i, g in enumerate(gold) if docs.index(g.doc) % 2 == 0]
    test = [i for i, g in enumerate(gold) if docs.index(g.doc) % 2 == 1]
    texts = [g.text for g in gold]
    xtr, xte = FoldMatrices(texts, rich=True, extra=codebook_features(texts, load_codebook())).pair(train, test)
    return xtr, xte, [gold[i].category for i in train]


def test_fit_linear_is_the_mean_of_its_seeds(matrices) -> None:  # type: ignore[no-untyped-def]
    xtr, _, y = matrices
    one = [fit_linear(xtr, y, seed=s, fits=1) for s in (4, 5, 6)]
    mean = fit_linear(xtr, y, seed=4, fits=3)
    assert list(mean.classes_) == list(one[0].classes_)
    assert np.allclose(mean.coef_, np.mean([c.coef_ for c in one], axis=0))
    assert np.allclose(mean.intercept_, np.mean([c.intercept_ for c in one], axis=0))
    assert not np.allclose(one[0].coef_, one[1].coef_)  # the seeds do differ
    with pytest.raises(ValueError):
        fit_linear(xtr, y, fits=0)


def test_averaged_fits_move_less_with_the_seed(matrices) -> None:  # type: ignore[no-untyped-def]
    """Two models of FITS fits each, seeds 0… and FITS…, differ much less (coefficients and
    labels of held-out documents) than two single fits with seeds 0 and FITS."""
    xtr, xte, y = matrices
    single = [fit_linear(xtr, y, seed=s, fits=1) for s in (0, FITS)]
    mean = [fit_linear(xtr, y, seed=s) for s in (0, FITS)]
    gap_single = np.linalg.norm(single[0].coef_ - single[1].coef_)
    gap_mean = np.linalg.norm(mean[0].coef_ - mean[1].coef_)
    assert gap_mean < 0.6 * gap_single, (gap_mean, gap_single)
    differ_single = int((single[0].predict(xte) != single[1].predict(xte)).sum())
    differ_mean = int((mean[0].predict(xte) != mean[1].predict(xte)).sum())
    assert differ_mean < differ_single, (differ_mean, differ_single)


def test_fit_model_averages_by_default() -> None:
    gold = shipped_gold()[:200]
    texts, y = [g.text for g in gold], [g.category for g in gold]
    cb = load_codebook()
    feats = codebook_features(texts, cb)
    default = fit_model(texts, y, cb, extra=feats)
    assert FITS > 1
    assert np.allclose(default.coef, fit_model(texts, y, cb, extra=feats, fits=FITS).coef)
    assert not np.allclose(default.coef, fit_model(texts, y, cb, extra=feats, fits=1).coef)
