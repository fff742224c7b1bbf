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

if TYPE_CHECKING:
    import numpy as np


def cross_validate(
    texts: Sequence[str],
    y: Sequence[str],
    *,
    groups: Sequence[str] | None = None,
    codebook: Codebook | None,
    folds: int = 5,
    alpha: float | None = None,
    features: np.ndarray | None = None,
) -> tuple[list[str], int, bool]:
    """Out-of-fold predictions; returns (predictions, folds, grouped)."""
    from sklearn.model_selection import GroupKFold, StratifiedKFold

    from .learn import ALPHA, fit_model

    n = len(texts)
    pred = [""] * n
    # a sentence's codebook features do not depend on the fold: computed once
    feats = None if codebook is None else features if features is not None else codebook_features(texts, codebook)
    if groups is not None:
        k = min(folds, len(set(groups)))
        if k < 2:
            raise InputError("cross-validation by document needs sentences of at least two documents")
        splits = GroupKFold(n_splits=k).split(texts, y, groups)
        grouped = True
    else:
        smallest = min(list(y).count(v) for v in set(y))
        k = max(2, min(folds, smallest))
        splits = StratifiedKFold(n_splits=k, shuffle=True, random_state=0).split(texts, y)
        grouped = False
    for train_idx, test_idx in splits:
        ys = [y[i] for i in train_idx]
        if len(set(ys)) < 2:  # a fold with one label only: predict it
            for i in test_idx:
                pred[i] = ys[0]
            continue
        m = fit_model(
            [texts[i] for i in train_idx],
            ys,
            codebook,
            alpha=ALPHA if alpha is None else alpha,
            extra=None if feats is None else feats[train_idx],
        )
        labels, _ = m.predict([texts[i] for i in test_idx], None if feats is None else feats[test_idx])
        for i, lab in zip(test_idx, labels, strict=True):
            pred[i] = lab
    return pred, k, grouped


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
) -> dict[str, Any]:
    """Learn from half of the documents, score on the other half (and the other way round), for
    ``rounds`` random halvings: the mean accuracy and per-label F1 over the 2 × rounds runs, and
    their spread (``accuracy_sd``, ``f1_sd``)."""
    from .learn import fit_model

    docs = sorted(set(groups))
    if len(docs) < 2:
        raise InputError("a split by halves needs sentences of at least two documents")
    feats = None if codebook is None else codebook_features(texts, codebook)
    accs: list[float] = []
    f1: dict[str, list[float]] = {}
    for r in range(rounds):
        order = docs[:]
        random.Random(seed + r).shuffle(order)
        first = set(order[: len(order) // 2])
        a = [i for i, g in enumerate(groups) if g in first]
        b = [i for i, g in enumerate(groups) if g not in first]
        for tr, te in ((a, b), (b, a)):
            ys = [y[i] for i in tr]
            if len(set(ys)) < 2 or not te:
                continue
            m = fit_model([texts[i] for i in tr], ys, codebook, extra=None if feats is None else feats[tr])
            pred, _ = m.predict([texts[i] for i in te], None if feats is None else feats[te])
            acc, per, _ = scores([y[i] for i in te], pred)
            accs.append(acc)
            for p in per:
                f1.setdefault(p["label"], []).append(p["f1"])
    return {
        "runs": len(accs),
        "accuracy": round(sum(accs) / len(accs), 4) if accs else 0.0,
        "f1": {k: round(sum(v) / len(v), 4) for k, v in sorted(f1.items())},
        # the spread over the runs (population standard deviation): how much one halving can differ
        "accuracy_sd": round(_sd(accs), 4),
        "f1_sd": {k: round(_sd(v), 4) for k, v in sorted(f1.items())},
    }


def _sd(values: Sequence[float]) -> float:
    if not values:
        return 0.0
    m = sum(values) / len(values)
    return (sum((v - m) ** 2 for v in values) / len(values)) ** 0.5
