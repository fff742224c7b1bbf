"""Learn a researcher's own coding from hand-coded sentences, and apply it.

A linear model (logistic regression fitted by scikit-learn's SGDClassifier, log loss: as good as
the exact solver on the hand-coded set and ten times faster) on character 1–3-grams (TF-IDF) plus the
codebook's matches (each tool's cue score and the rule coder's family), so a small hand-coded set
starts from what the codebook knows and learns the researcher's boundaries on top. Any label set
works: the three families, the subtypes, or a researcher's own codes.

Scores are cross-validated; given a document column, folds are grouped by document (GroupKFold),
so sentences of one policy are never both trained on and scored.

The model file is an ``.npz`` archive of plain arrays and a JSON header, read with
``allow_pickle=False``: opening a model file never runs code. The header carries the format
version, the evolve version and the codebook's fingerprint; a file that does not fit the installed
evolve or the codebook in use is refused with one line (``ModelFileError``). scikit-learn is
imported only here, and only for training and applying models.
"""

from __future__ import annotations

import json
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import InputError, MissingDependencyError, ModelFileError
from .codebook import NONE, Codebook, load_codebook
from .coder import code_text

if TYPE_CHECKING:
    import numpy as np

FORMAT = "evolve-instruments-model"
FORMAT_VERSION = 1
NGRAMS = (1, 3)
#: codebook features are cue scores divided by this, to sit beside TF-IDF values (0..1)
FEATURE_SCALE = 4.0
#: L2 regularisation of the logistic regression (chosen on the hand-coded set, see README)
ALPHA = 1e-4
MIN_PER_LABEL = 2


def _sklearn() -> Any:
    try:
        import sklearn
    except ImportError:  # pragma: no cover - a dependency of evolve
        raise MissingDependencyError("learning a model needs scikit-learn: pip install scikit-learn") from None
    import sklearn

    return sklearn


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("evolve")
    except PackageNotFoundError:  # pragma: no cover
        return "0"


def _vtuple(v: str) -> tuple[int, ...]:
    out = []
    for part in v.split(".")[:3]:
        digits = "".join(ch for ch in part if ch.isdigit())
        out.append(int(digits) if digits else 0)
    return tuple(out)


def codebook_features(texts: Sequence[str], codebook: Codebook) -> np.ndarray:
    """One row per text: each tool's cue score, then a one-hot of the rule coder's family."""
    import numpy as np

    tools = [t.key for t in codebook.tools]
    cats = [c.key for c in codebook.categories]
    out = np.zeros((len(texts), len(tools) + len(cats)), dtype=np.float64)
    ti = {k: i for i, k in enumerate(tools)}
    ci = {k: i for i, k in enumerate(cats)}
    for r, t in enumerate(texts):
        c = code_text(t, codebook)
        for k, v in c.scores.items():
            if k in ti:
                out[r, ti[k]] = v / FEATURE_SCALE
        out[r, len(tools) + ci.get(c.category, ci.get(NONE, 0))] = 1.0
    return out


@dataclass
class Model:
    """A trained model: the TF-IDF vocabulary and weights, the linear model's coefficients."""

    labels: list[str]
    vocabulary: dict[str, int]
    idf: np.ndarray
    coef: np.ndarray  #: labels × features (char n-grams, then codebook features if used)
    intercept: np.ndarray
    codebook: Codebook | None  #: the codebook whose matches are features (None: n-grams only)
    meta: dict[str, Any] = field(default_factory=dict)

    def _vectorizer(self) -> Any:
        _sklearn()
        from sklearn.feature_extraction.text import TfidfVectorizer

        vec = TfidfVectorizer(
            analyzer="char", ngram_range=NGRAMS, sublinear_tf=True, vocabulary=self.vocabulary, dtype=_float()
        )
        vec.idf_ = self.idf
        return vec

    def features(self, texts: Sequence[str], extra: np.ndarray | None = None) -> Any:
        from scipy.sparse import csr_matrix, hstack

        x = self._vectorizer().transform(list(texts))
        if self.codebook is not None:
            feats = codebook_features(texts, self.codebook) if extra is None else extra
            x = hstack([x, csr_matrix(feats)]).tocsr()
        return x

    def predict_proba(self, texts: Sequence[str], extra: np.ndarray | None = None) -> np.ndarray:
        import numpy as np

        if not texts:
            return np.zeros((0, len(self.labels)))
        z = self.features(texts, extra) @ self.coef.T + self.intercept
        z = np.asarray(z)
        if len(self.labels) == 2 and z.shape[1] == 1:
            p1 = 1.0 / (1.0 + np.exp(-z[:, 0]))
            return np.column_stack([1.0 - p1, p1])
        z = z - z.max(axis=1, keepdims=True)
        e = np.exp(z)
        return e / e.sum(axis=1, keepdims=True)

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


def _float() -> Any:
    import numpy as np

    return np.float64


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

    def to_dict(self) -> dict[str, Any]:
        return {
            "n": self.n,
            "labels": self.labels,
            "folds": self.folds,
            "grouped_by_document": self.grouped,
            "accuracy": round(self.accuracy, 4),
            "macro_f1": round(self.macro_f1, 4),
            "per_label": self.per_label,
            "baseline": self.baseline,
            "seconds": round(self.seconds, 2),
        }


def _fit(
    texts: Sequence[str],
    y: Sequence[str],
    codebook: Codebook | None,
    *,
    alpha: float = ALPHA,
    extra: np.ndarray | None = None,
) -> Model:
    """Fit on ``texts``; ``extra``: their codebook features when already computed."""
    _sklearn()
    import numpy as np
    from scipy.sparse import csr_matrix, hstack
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import SGDClassifier

    vec = TfidfVectorizer(analyzer="char", ngram_range=NGRAMS, sublinear_tf=True, min_df=1, dtype=np.float64)
    x = vec.fit_transform(list(texts))
    if codebook is not None:
        feats = codebook_features(texts, codebook) if extra is None else extra
        x = hstack([x, csr_matrix(feats)]).tocsr()
    clf = SGDClassifier(loss="log_loss", alpha=alpha, max_iter=50, tol=1e-4, random_state=0)
    clf.fit(x, list(y))
    vocab = {str(k): int(v) for k, v in vec.vocabulary_.items()}
    return Model(
        labels=[str(x) for x in clf.classes_],
        vocabulary=vocab,
        idf=np.asarray(vec.idf_, dtype=np.float64),
        coef=np.asarray(clf.coef_),
        intercept=np.asarray(clf.intercept_),
        codebook=codebook,
    )


def cross_validate(
    texts: Sequence[str],
    y: Sequence[str],
    *,
    groups: Sequence[str] | None = None,
    codebook: Codebook | None,
    folds: int = 5,
    alpha: float = ALPHA,
    features: np.ndarray | None = None,
) -> tuple[list[str], int, bool]:
    """Out-of-fold predictions (each sentence predicted by a model that never saw it, nor — with
    ``groups`` — any sentence of its document); returns (predictions, folds, grouped)."""
    _sklearn()
    from sklearn.model_selection import GroupKFold, StratifiedKFold

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
        m = _fit(
            [texts[i] for i in train_idx], ys, codebook, alpha=alpha, extra=None if feats is None else feats[train_idx]
        )
        labels, _ = m.predict([texts[i] for i in test_idx], None if feats is None else feats[test_idx])
        for i, lab in zip(test_idx, labels, strict=True):
            pred[i] = lab
    return pred, k, grouped


def scores(y: Sequence[str], pred: Sequence[str]) -> tuple[float, list[dict[str, Any]], float]:
    """Accuracy, per-label precision/recall/F1/support, macro F1."""
    _sklearn()
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


def train(
    texts: Sequence[str],
    labels: Sequence[str],
    *,
    groups: Sequence[str] | None = None,
    codebook: Codebook | None = None,
    use_codebook: bool = True,
    folds: int = 5,
    baseline: bool = True,
) -> TrainResult:
    """Cross-validate, then fit on all sentences. ``baseline`` also scores plain char n-grams
    (no codebook features) in the same folds, for comparison."""
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
    feats = codebook_features(texts, cb) if cb is not None else None
    pred, k, grouped = cross_validate(texts, y, groups=g, codebook=cb, folds=folds, features=feats)
    acc, per, macro = scores(y, pred)
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
    model = _fit(texts, y, cb, extra=feats)
    model.meta = {
        "trained": time.strftime("%Y-%m-%d"),
        "n": len(texts),
        "labels": counts,
        "cv_accuracy": round(acc, 4),
        "cv_macro_f1": round(macro, 4),
        "grouped_by_document": grouped,
    }
    return TrainResult(model, len(texts), counts, k, grouped, acc, per, macro, base, time.monotonic() - start)


def save_model(model: Model, path: str | Path) -> Path:
    """Write the model as an .npz archive of arrays plus a JSON header (no pickle)."""
    import numpy as np

    p = Path(path)
    header = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "evolve_version": _version(),
        "ngrams": list(NGRAMS),
        "codebook": None
        if model.codebook is None
        else {"source": model.codebook.source, "fingerprint": model.codebook.fingerprint},
        "labels": model.labels,
        **model.meta,
    }
    terms = sorted(model.vocabulary, key=model.vocabulary.__getitem__)
    try:
        with p.open("wb") as fh:
            np.savez_compressed(
                fh,
                header=np.array(json.dumps(header, ensure_ascii=False)),
                vocabulary=np.array(terms, dtype=str),
                idf=model.idf,
                coef=model.coef,
                intercept=model.intercept,
                labels=np.array(model.labels, dtype=str),
            )
    except OSError as exc:
        from ..errors import OutputError

        raise OutputError(f"{p}: cannot write the model ({exc.strerror or exc})") from None
    return p


def load_model(path: str | Path, *, codebook: Codebook | None = None) -> Model:
    """Read a model written by ``save_model``; refuse, in one line, a file that is not one, that
    an older or newer evolve wrote in another format, or that needs another codebook."""
    import zipfile

    import numpy as np

    p = Path(path)
    if not p.is_file():
        raise ModelFileError(f"{p}: no such model file")
    if not zipfile.is_zipfile(p):
        raise ModelFileError(f"{p}: not an evolve instrument model (.npz written by evolve tools --save)")
    try:
        with np.load(p, allow_pickle=False) as z:
            names = set(z.files)
            if "header" not in names:
                raise ModelFileError(f"{p}: not an evolve instrument model (no header)")
            header = json.loads(str(z["header"]))
            arrays = {k: z[k] for k in ("vocabulary", "idf", "coef", "intercept", "labels") if k in names}
    except ModelFileError:
        raise
    except (ValueError, OSError, zipfile.BadZipFile, EOFError, json.JSONDecodeError, KeyError) as exc:
        reason = (
            "it holds Python objects (pickle), which evolve never loads"
            if "pickle" in str(exc)
            else "not an evolve instrument model (.npz)"
        )
        raise ModelFileError(f"{p}: {reason}") from None
    if not isinstance(header, dict) or header.get("format") != FORMAT:
        raise ModelFileError(f"{p}: not an evolve instrument model")
    fv = header.get("format_version")
    made = str(header.get("evolve_version", "?"))
    if fv != FORMAT_VERSION:
        raise ModelFileError(
            f"{p}: model format {fv} (written by evolve {made}) does not fit this "
            f"evolve {_version()} (format {FORMAT_VERSION}); retrain it with evolve tools --train"
        )
    if _vtuple(made) > _vtuple(_version()):
        raise ModelFileError(
            f"{p}: written by evolve {made}, newer than this evolve {_version()}; upgrade evolve or retrain"
        )
    missing = {"vocabulary", "idf", "coef", "intercept", "labels"} - set(arrays)
    if missing:
        raise ModelFileError(f"{p}: incomplete model (missing {', '.join(sorted(missing))})")
    labels = [str(x) for x in arrays["labels"]]
    vocab = {str(t): i for i, t in enumerate(arrays["vocabulary"])}
    cbinfo = header.get("codebook")
    cb: Codebook | None = None
    n_extra = 0
    if cbinfo is not None:
        cb = codebook or load_codebook()
        if cbinfo.get("fingerprint") != cb.fingerprint:
            raise ModelFileError(
                f"{p}: the model was trained with another codebook ({cbinfo.get('source')}); "
                f"pass that one with --codebook, or retrain"
            )
        n_extra = len(cb.tools) + len(cb.categories)
    coef = np.asarray(arrays["coef"], dtype=np.float64)
    if coef.ndim != 2 or coef.shape[1] != len(vocab) + n_extra or len(arrays["idf"]) != len(vocab):
        raise ModelFileError(f"{p}: the model's arrays do not fit together (a damaged file?)")
    return Model(
        labels,
        vocab,
        np.asarray(arrays["idf"], dtype=np.float64),
        coef,
        np.asarray(arrays["intercept"], dtype=np.float64),
        cb,
        header,
    )
