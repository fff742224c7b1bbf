"""Scores of a learned instrument model: out-of-fold predictions and the split-half protocol.

``cross_validate``: each sentence predicted by a model that never saw it, nor, given documents,
any sentence of its document (GroupKFold). ``halves``: the issue's protocol, a model learned from
the labels of half of the documents and applied to the other half, over several random halvings.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from ..errors import InputError
from .codebook import Codebook
from .features import codebook_features
from .prior import Prior

if TYPE_CHECKING:
    import numpy as np


def splits(
    texts: Sequence[str], y: Sequence[str], *, groups: Sequence[str] | None = None, folds: int = 5
) -> tuple[list[tuple[list[int], list[int]]], int, bool]:
    """The cross-validation folds as (training indices, test indices); returns (folds, their
    number, grouped): grouped by document (GroupKFold) given ``groups``, else stratified."""
    from sklearn.model_selection import GroupKFold, StratifiedKFold

    if groups is not None:
        k = min(folds, len(set(groups)))
        if k < 2:
            raise InputError("cross-validation by document needs sentences of at least two documents")
        parts = GroupKFold(n_splits=k).split(texts, y, groups)
        grouped = True
    else:
        smallest = min(list(y).count(v) for v in set(y))
        k = max(2, min(folds, smallest))
        parts = StratifiedKFold(n_splits=k, shuffle=True, random_state=0).split(texts, y)
        grouped = False
    return [([int(i) for i in a], [int(i) for i in b]) for a, b in parts], k, grouped


def fold_training(
    texts: Sequence[str], y: Sequence[str], train_idx: Sequence[int], prior: Prior | None = None
) -> tuple[list[str], list[str], list[float] | None]:
    """What a fold trains on: its training sentences, then every sentence of the prior at the
    prior's weight (texts, labels, weights; weights None without a prior). The prior holds no
    sentence of the user's set (``build_prior`` leaves them out), so no test sentence is in it."""
    tt = [texts[i] for i in train_idx]
    ty = [y[i] for i in train_idx]
    if prior is None or not len(prior):
        return tt, ty, None
    return tt + list(prior.texts), ty + list(prior.labels), [1.0] * len(tt) + [prior.weight] * len(prior)


def cross_validate(
    texts: Sequence[str],
    y: Sequence[str],
    *,
    groups: Sequence[str] | None = None,
    codebook: Codebook | None,
    folds: int = 5,
    alpha: float | None = None,
    features: np.ndarray | None = None,
    probabilities: dict[int, dict[str, float]] | None = None,
    prior: Prior | None = None,
    prior_features: np.ndarray | None = None,
) -> tuple[list[str], int, bool]:
    """Out-of-fold predictions; returns (predictions, folds, grouped). Given a dict as
    ``probabilities``, it receives each sentence's out-of-fold probabilities (label -> p). Given
    a ``prior``, every training fold adds it (``fold_training``); only the user's sentences are
    scored."""
    import numpy as np

    from .fold_matrices import FoldMatrices
    from .learn import ALPHA, fit_linear
    from .learn import probabilities as label_probabilities

    n = len(texts)
    pred = [""] * n
    # a sentence's n-gram counts and codebook features do not depend on the fold: computed once,
    # for the user's sentences and then the prior's (rows n, n + 1, …)
    feats = None if codebook is None else features if features is not None else codebook_features(texts, codebook)
    with_prior = prior is not None and len(prior) > 0
    if feats is not None and with_prior:
        if prior_features is None:
            prior_features = codebook_features(prior.texts, codebook)  # type: ignore[arg-type, union-attr]
        feats = np.vstack([feats, prior_features])
    everything = list(texts) + (list(prior.texts) if with_prior else [])  # type: ignore[union-attr]
    matrices = FoldMatrices(everything, rich=codebook is not None, extra=feats)
    prior_rows = list(range(n, len(everything)))
    parts, k, grouped = splits(texts, y, groups=groups, folds=folds)
    for train_idx, test_idx in parts:
        _, ys, weights = fold_training(texts, y, train_idx, prior)
        if len(set(ys)) < 2:  # a fold with one label only: predict it
            for i in test_idx:
                pred[i] = ys[0]
                if probabilities is not None:
                    probabilities[int(i)] = {ys[0]: 1.0}
            continue
        xtr, xte = matrices.pair(list(train_idx) + (prior_rows if weights is not None else []), test_idx)
        # one SGD fit per fold: the scores average the folds already, and ``FITS`` fits per fold
        # would triple the training time (5,000 sentences: 86 s against 28 s)
        clf = fit_linear(xtr, ys, alpha=ALPHA if alpha is None else alpha, sample_weight=weights, fits=1)
        labels = [str(v) for v in clf.classes_]
        proba = label_probabilities(xte, np.asarray(clf.coef_), np.asarray(clf.intercept_))
        for row, i in enumerate(test_idx):
            pred[i] = labels[int(proba[row].argmax())]
            if probabilities is not None:
                probabilities[int(i)] = {lab: float(proba[row, j]) for j, lab in enumerate(labels)}
    return pred, k, grouped


#: the temperatures tried when calibrating a model's probabilities on its out-of-fold predictions
TEMPERATURES = (0.5, 0.75, 1.0, 1.25, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 8.0)


def calibrate(y: Sequence[str], probabilities: dict[int, dict[str, float]]) -> tuple[float, float, float]:
    """The temperature T that makes out-of-fold probabilities honest (softmax(z / T), i.e. p^(1/T)
    renormalised, with the least log loss on the true labels); returns (T, mean probability of the
    predicted label before, after). Scaling keeps every prediction: only its probability changes."""
    import math

    rows = [(y[i], p) for i, p in sorted(probabilities.items()) if p]

    def scaled(p: dict[str, float], t: float) -> dict[str, float]:
        w = {k: math.exp(math.log(max(v, 1e-12)) / t) for k, v in p.items()}
        total = sum(w.values())
        return {k: v / total for k, v in w.items()}

    def loss(t: float) -> float:
        return -sum(math.log(max(scaled(p, t).get(lab, 0.0), 1e-12)) for lab, p in rows)

    if not rows:
        return 1.0, 0.0, 0.0
    best = min(TEMPERATURES, key=loss)
    before = sum(max(p.values()) for _, p in rows) / len(rows)
    after = sum(max(scaled(p, best).values()) for _, p in rows) / len(rows)
    return best, before, after


def scores(y: Sequence[str], pred: Sequence[str]) -> tuple[float, list[dict[str, Any]], float]:
    """Accuracy, per-label precision/recall/F1/support, macro F1."""
    from sklearn.metrics import accuracy_score, precision_recall_fscore_support

    labels = sorted(set(y))
    p, r, f, s = precision_recall_fscore_support(y, pred, labels=labels, zero_division=0)
    per = [
        {
            "label": lab,
            "precision": round(float(p[i]), 4),
            "recall": round(float(r[i]), 4),
            "f1": round(float(f[i]), 4),
            "support": int(s[i]),
        }
        for i, lab in enumerate(labels)
    ]
    return float(accuracy_score(y, pred)), per, float(sum(f) / len(f)) if len(f) else 0.0


def halves(
    texts: Sequence[str],
    y: Sequence[str],
    groups: Sequence[str],
    *,
    codebook: Codebook | None,
    rounds: int = 5,
    seed: int = 0,
    prior: Prior | None = None,
) -> dict[str, Any]:
    """Learn from half of the documents, score on the other half (and the other way round), for
    ``rounds`` random halvings: the mean accuracy and per-label F1 over the 2 × rounds runs, and
    their spread (``accuracy_sd``, ``f1_sd``), and the mean probability of the predicted labels
    (``confidence``: beside ``accuracy``, how well the model's probabilities are calibrated).
    A ``prior`` is added to each half trained on (``fold_training``)."""
    import numpy as np

    from .learn import fit_model

    docs = sorted(set(groups))
    if len(docs) < 2:
        raise InputError("a split by halves needs sentences of at least two documents")
    feats = None if codebook is None else codebook_features(texts, codebook)
    pfeats = None if feats is None or prior is None or not len(prior) else codebook_features(prior.texts, codebook)  # type: ignore[arg-type]
    accs: list[float] = []
    confs: list[float] = []  # the mean probability of the predicted label: calibration beside accuracy
    f1: dict[str, list[float]] = {}
    for r in range(rounds):
        order = docs[:]
        random.Random(seed + r).shuffle(order)
        first = set(order[: len(order) // 2])
        a = [i for i, g in enumerate(groups) if g in first]
        b = [i for i, g in enumerate(groups) if g not in first]
        for tr, te in ((a, b), (b, a)):
            tt, ys, weights = fold_training(texts, y, tr, prior)
            if len(set(ys)) < 2 or not te:
                continue
            extra = None
            if feats is not None:
                extra = feats[tr] if pfeats is None else np.vstack([feats[tr], pfeats])
            m = fit_model(tt, ys, codebook, extra=extra, sample_weight=weights)
            pred, prob = m.predict([texts[i] for i in te], None if feats is None else feats[te])
            acc, per, _ = scores([y[i] for i in te], pred)
            accs.append(acc)
            confs.append(sum(prob) / len(prob))
            for p in per:
                f1.setdefault(p["label"], []).append(p["f1"])
    return {
        "runs": len(accs),
        "accuracy": round(sum(accs) / len(accs), 4) if accs else 0.0,
        "f1": {k: round(sum(v) / len(v), 4) for k, v in sorted(f1.items())},
        # the spread over the runs (population standard deviation): how much one halving can differ
        "accuracy_sd": round(_sd(accs), 4),
        "f1_sd": {k: round(_sd(v), 4) for k, v in sorted(f1.items())},
        # mean probability the model gave its own label: above accuracy, it is overconfident
        "confidence": round(sum(confs) / len(confs), 4) if confs else 0.0,
    }


def _sd(values: Sequence[float]) -> float:
    if not values:
        return 0.0
    m = sum(values) / len(values)
    return (sum((v - m) ** 2 for v in values) / len(values)) ** 0.5
