"""Learn a researcher's own coding from hand-coded sentences, and apply it.

A linear model (logistic regression fitted by scikit-learn's SGDClassifier, log loss: as good as
the exact solver on the hand-coded set and ten times faster) on character 1–4-grams and word
1–2-grams (TF-IDF) plus the codebook's view of each sentence (``features.py``: each tool's cue
score, the rule coder's family for the sentence and for its first clause), so a small hand-coded
set starts from what the codebook knows and learns the researcher's boundaries on top. Any label
set works: the three families, the subtypes, or a researcher's own codes. When the labels are the
codebook's, the shipped hand-coded sentences are added at a lower weight (``prior.py``).

Scores are cross-validated (``validate.py``); given a document column, folds are grouped by
document (GroupKFold), so sentences of one policy are never both trained on and scored. Model
files: ``model_file.py``. scikit-learn is imported only here and there, and only for training
and applying models.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import field
from typing import TYPE_CHECKING, Any

from ..dataclass_code import dataclass
from ..errors import InputError, MissingDependencyError
from .codebook import Codebook, load_codebook
from .features import PLAIN_NGRAMS, RICH_NGRAMS, codebook_features, word_grams
from .prior import PRIOR_WEIGHT, Prior, build_prior, no_prior

if TYPE_CHECKING:
    import numpy as np

#: L2 regularisation of the logistic regression: 3e-5 … 3e-4 score within 0.01 of each other on
#: the hand-coded set (grouped 5-fold), so a fixed value rather than an inner search
ALPHA = 1e-4
MIN_PER_LABEL = 2


def _sklearn() -> Any:
    try:
        import sklearn
    except ImportError:  # pragma: no cover - a dependency of evolve
        raise MissingDependencyError("learning a model needs scikit-learn: pip install scikit-learn") from None
    return sklearn


def _char_vectorizer(ngrams: tuple[int, int], vocabulary: dict[str, int] | None = None) -> Any:
    import numpy as np
    from sklearn.feature_extraction.text import TfidfVectorizer

    return TfidfVectorizer(
        analyzer="char", ngram_range=ngrams, sublinear_tf=True, vocabulary=vocabulary, dtype=np.float64
    )


def _word_vectorizer(vocabulary: dict[str, int] | None = None) -> Any:
    import numpy as np
    from sklearn.feature_extraction.text import TfidfVectorizer

    return TfidfVectorizer(analyzer=word_grams, sublinear_tf=True, vocabulary=vocabulary, dtype=np.float64)


@dataclass
class Model:
    """A trained model: the TF-IDF vocabularies and weights, the linear model's coefficients."""

    labels: list[str]
    vocabulary: dict[str, int]  #: character n-grams
    idf: np.ndarray
    coef: np.ndarray  #: labels × features (char n-grams, word n-grams, then codebook features)
    intercept: np.ndarray
    codebook: Codebook | None  #: the codebook whose matches are features (None: plain n-grams)
    meta: dict[str, Any] = field(default_factory=dict)
    ngrams: tuple[int, int] = RICH_NGRAMS
    word_vocabulary: dict[str, int] = field(default_factory=dict)  #: word 1–2-grams (empty: none)
    word_idf: Any = None
    #: probabilities are softmax(z / temperature): fitted on out-of-fold predictions by ``train``
    #: so that they are calibrated (1.0: as the linear model gives them)
    temperature: float = 1.0

    def features(self, texts: Sequence[str], extra: np.ndarray | None = None) -> Any:
        from scipy.sparse import csr_matrix, hstack

        _sklearn()
        texts = list(texts)
        vec = _char_vectorizer(self.ngrams, self.vocabulary)
        vec.idf_ = self.idf
        parts = [vec.transform(texts)]
        if self.word_vocabulary:
            wv = _word_vectorizer(self.word_vocabulary)
            wv.idf_ = self.word_idf
            parts.append(wv.transform(texts))
        if self.codebook is not None:
            parts.append(csr_matrix(codebook_features(texts, self.codebook) if extra is None else extra))
        return hstack(parts).tocsr() if len(parts) > 1 else parts[0]

    def predict_proba(self, texts: Sequence[str], extra: np.ndarray | None = None) -> np.ndarray:
        import numpy as np

        if not texts:
            return np.zeros((0, len(self.labels)))
        return probabilities(self.features(texts, extra), self.coef, self.intercept, self.temperature)

    def predict(self, texts: Sequence[str], extra: np.ndarray | None = None) -> tuple[list[str], list[float]]:
        p = self.predict_proba(texts, extra)
        best = p.argmax(axis=1) if len(p) else []
        return [self.labels[i] for i in best], [float(p[r, i]) for r, i in enumerate(best)]

    def family(self, label: str, codebook: Codebook) -> str | None:
        """The codebook family a label names (a family key or name, or a tool key or name)."""
        for c in codebook.categories:
            if label in (c.key, c.name):
                return c.key
        for t in codebook.tools:
            if label in (t.key, t.name):
                return t.category
        return None


def probabilities(x: Any, coef: np.ndarray, intercept: np.ndarray, temperature: float = 1.0) -> np.ndarray:
    """Label probabilities of feature rows ``x``: softmax(z / T) of the linear scores (a sigmoid
    with two labels)."""
    import numpy as np

    z = np.asarray(x @ coef.T + intercept) / temperature
    if z.shape[1] == 1:
        p1 = 1.0 / (1.0 + np.exp(-z[:, 0]))
        return np.column_stack([1.0 - p1, p1])
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


def fit_linear(
    x: Any, y: Sequence[str], *, alpha: float = ALPHA, sample_weight: Sequence[float] | None = None, seed: int = 0
) -> Any:
    """The logistic regression (SGD, log loss) on feature rows ``x``; ``seed``: the solver's
    shuffling (one fit scored on a hundred sentences moves by a few points with it)."""
    import warnings

    import numpy as np
    from sklearn.exceptions import ConvergenceWarning
    from sklearn.linear_model import SGDClassifier

    clf = SGDClassifier(loss="log_loss", alpha=alpha, max_iter=50, tol=1e-4, random_state=seed)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        sw = None if sample_weight is None else np.asarray(sample_weight, dtype=np.float64)
        clf.fit(x, list(y), sample_weight=sw)
    return clf


def fit_model(
    texts: Sequence[str],
    y: Sequence[str],
    codebook: Codebook | None,
    *,
    alpha: float = ALPHA,
    extra: np.ndarray | None = None,
    sample_weight: Sequence[float] | None = None,
    seed: int = 0,
) -> Model:
    """Fit on ``texts``: a rich model with a codebook, a plain char n-gram one without;
    ``extra``: their codebook features when already computed; ``sample_weight``: each sentence's
    weight (default 1: the prior's sentences weigh less than the researcher's own)."""
    _sklearn()
    import numpy as np
    from scipy.sparse import csr_matrix, hstack

    texts = list(texts)
    ngrams = PLAIN_NGRAMS if codebook is None else RICH_NGRAMS
    vec = _char_vectorizer(ngrams)
    parts = [vec.fit_transform(texts)]
    wvocab: dict[str, int] = {}
    widf = np.zeros(0)
    if codebook is not None:
        wv = _word_vectorizer()
        parts.append(wv.fit_transform(texts))
        wvocab = {str(k): int(v) for k, v in wv.vocabulary_.items()}
        widf = np.asarray(wv.idf_, dtype=np.float64)
        parts.append(csr_matrix(codebook_features(texts, codebook) if extra is None else extra))
    x = hstack(parts).tocsr() if len(parts) > 1 else parts[0]
    clf = fit_linear(x, y, alpha=alpha, sample_weight=sample_weight, seed=seed)
    return Model(
        labels=[str(v) for v in clf.classes_],
        vocabulary={str(k): int(v) for k, v in vec.vocabulary_.items()},
        idf=np.asarray(vec.idf_, dtype=np.float64),
        coef=np.asarray(clf.coef_),
        intercept=np.asarray(clf.intercept_),
        codebook=codebook,
        ngrams=ngrams,
        word_vocabulary=wvocab,
        word_idf=widf,
    )


@dataclass(frozen=True)
class TrainResult:
    """A trained model and its cross-validated scores."""

    model: Model
    n: int  #: sentences trained on
    labels: dict[str, int]  #: label -> sentences
    folds: int
    grouped: bool  #: folds grouped by document
    accuracy: float  #: cross-validated
    per_label: list[dict[str, Any]]  #: label, precision, recall, f1, support
    macro_f1: float
    baseline: dict[str, Any] | None = None  #: the same scores for plain char n-grams
    seconds: float = 0.0
    temperature: float = 1.0  #: the calibration of the model's probabilities (``validate.calibrate``)
    confidence: float = 0.0  #: mean out-of-fold probability of the predicted label, calibrated
    confidence_uncalibrated: float = 0.0  #: the same before calibration
    #: the shipped hand-coded sentences added to the training (``prior.py``); none when the
    #: labels are the researcher's own codes or the prior is switched off (its note says which)
    prior: Prior = field(default_factory=lambda: no_prior("no prior"))

    def to_dict(self) -> dict[str, Any]:
        return {
            "n": self.n,
            "n_user": self.n,
            "n_prior": len(self.prior),
            "prior": self.prior.to_dict(),
            "labels": self.labels,
            "folds": self.folds,
            "grouped_by_document": self.grouped,
            "accuracy": round(self.accuracy, 4),
            "macro_f1": round(self.macro_f1, 4),
            "per_label": self.per_label,
            "baseline": self.baseline,
            "seconds": round(self.seconds, 2),
            "temperature": self.temperature,
            "confidence": round(self.confidence, 4),
            "confidence_uncalibrated": round(self.confidence_uncalibrated, 4),
        }


def train(
    texts: Sequence[str],
    labels: Sequence[str],
    *,
    groups: Sequence[str] | None = None,
    codebook: Codebook | None = None,
    use_codebook: bool = True,
    folds: int = 5,
    baseline: bool = True,
    prior: bool | Prior = True,
    prior_weight: float = PRIOR_WEIGHT,
) -> TrainResult:
    """Cross-validate, then fit on all sentences. ``baseline`` also scores plain char n-grams
    (no words, no codebook features, no prior) in the same folds, for comparison. ``prior``: add
    the shipped hand-coded sentences when the labels are the codebook's (``prior.build_prior``,
    at ``prior_weight``), or this ``Prior``, or nothing (False). Scores are over the user's
    sentences only, each fold trained with the prior added."""
    from .validate import calibrate, cross_validate, fold_training, scores

    start = time.monotonic()
    texts = ["" if t is None else str(t) for t in texts]
    y = [str(v).strip() for v in labels]
    keep = [i for i, (t, v) in enumerate(zip(texts, y, strict=True)) if t.strip() and v]
    texts = [texts[i] for i in keep]
    y = [y[i] for i in keep]
    g = [str(groups[i]) for i in keep] if groups is not None else None
    counts = {v: y.count(v) for v in sorted(set(y))}
    if len(counts) < 2:
        raise InputError("training needs at least two different labels")
    rare = [v for v, n in counts.items() if n < MIN_PER_LABEL]
    if rare:
        raise InputError(f"label(s) with fewer than {MIN_PER_LABEL} sentences: {', '.join(rare[:5])}")
    cb = (codebook or load_codebook()) if use_codebook else None
    if isinstance(prior, Prior):
        pri = prior
    elif prior:
        pri = build_prior(y, texts, codebook=codebook or load_codebook(), weight=prior_weight)
    else:
        pri = no_prior("prior switched off")
    feats = codebook_features(texts, cb) if cb is not None else None
    pfeats = codebook_features(pri.texts, cb) if cb is not None and len(pri) else None
    oof: dict[int, dict[str, float]] = {}
    pred, k, grouped = cross_validate(
        texts, y, groups=g, codebook=cb, folds=folds, features=feats, probabilities=oof, prior=pri,
        prior_features=pfeats,
    )
    acc, per, macro = scores(y, pred)
    temperature, conf_raw, conf = calibrate(y, oof)
    base = None
    if baseline and cb is not None:
        bpred, _, _ = cross_validate(texts, y, groups=g, codebook=None, folds=folds)
        bacc, bper, bmacro = scores(y, bpred)
        base = {
            "model": "char 1-3-gram TF-IDF + logistic regression (no codebook features)",
            "accuracy": round(bacc, 4),
            "macro_f1": round(bmacro, 4),
            "per_label": bper,
        }
    import numpy as np

    all_t, all_y, weights = fold_training(texts, y, range(len(texts)), pri)
    extra = feats if feats is None or weights is None else np.vstack([feats, pfeats])
    model = fit_model(all_t, all_y, cb, extra=extra, sample_weight=weights)
    model.temperature = temperature
    model.meta = {
        "trained": time.strftime("%Y-%m-%d"),
        "n": len(texts),
        "labels": counts,
        "cv_accuracy": round(acc, 4),
        "cv_macro_f1": round(macro, 4),
        "grouped_by_document": grouped,
        "temperature": temperature,
        "prior": pri.to_dict(),
    }
    return TrainResult(
        model, len(texts), counts, k, grouped, acc, per, macro, base, time.monotonic() - start,
        temperature=temperature, confidence=conf, confidence_uncalibrated=conf_raw, prior=pri,
    )


# the model file and the validation helpers, where callers have always found them
from .model_file import load_model, save_model  # noqa: E402
from .validate import calibrate, cross_validate, halves, scores  # noqa: E402

__all__ = [
    "ALPHA", "Model", "TrainResult", "calibrate", "cross_validate", "fit_model", "halves", "load_model", "save_model",
    "scores", "train",
]
