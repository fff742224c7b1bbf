"""Variants of the learned instrument model on held-out batches (not a test).

    python bench/instruments_variants.py                       # choose: batches 1, 2, 3 one by one
    python bench/instruments_variants.py --sets 4,5,6,4-6      # confirm on the held-out batches
    python bench/instruments_variants.py --variants shipped,balanced --seed 5

The protocol of ``bench/instruments_eval.py``'s prior section: a set of batches of the shipped
hand-coded gold split by document into halves (5 random halvings, both ways), learned from one
half plus the prior (the other batches' sentences, without the set's documents, at weight 0.5),
scored on the other half. Settings are chosen on batches 1, 2 and 3 (each held out in turn, the
prior from the others) and only then looked at on 4, 5, 6 and 4–6. Each half's feature matrices
are counted once (``FoldMatrices``, as cross-validation does) and every variant is fitted on
them; every variant is the mean of the coefficients of 5 SGD fits (seeds ``--seed`` … + 4), as
the shipped model. Printed: accuracy over the four labels / F1 supply / F1 environment, mean over
the 10 runs, per set and over the sets. The variants (``--list``):
- class weights: ``balanced`` (weighted label counts), ``sqrt-balanced``, ``supply-x1.5``;
- regularisation and convergence: ``alpha-5e-5``, ``alpha-2e-4``, ``iter-200`` (tol 1e-5);
- losses: ``hinge``, ``modified-huber``;
- the codebook features weighted: ``codebook-x0.5``, ``codebook-x1.5``, ``codebook-x2``;
- more or other n-grams: ``+head`` and ``+tail`` (char 1–3-grams of the leading and of the last
  clause, a block of their own), ``+char5`` (char 5-grams), ``-words`` (no word n-grams),
  ``binary`` (0/1 counts), ``+family-cues`` (each family's cue score, sentence and leading clause);
- ``label-shift``: the intercepts moved by log(share of a label in the user's half / its share in
  the weighted training), the prior being coded on other kinds of documents;
- ``domain-weights``: each prior sentence weighted by the odds (square root) that a classifier of
  user against prior sentences gives it (out-of-fold), their mean kept at 0.5;
- ``tools-sum``, ``tools-best``: learned from the tools (the gold's subtypes, user and prior),
  the family by the summed probabilities of its tools, or the family of the best tool (what a
  researcher training on subtypes gets).
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402
from _held_out import batch_set, halvings, leave_out, user_and_prior  # noqa: E402

from evolve.instruments.codebook import Codebook, load_codebook  # noqa: E402
from evolve.instruments.coder import _lead_clause, code_text  # noqa: E402
from evolve.instruments.features import FEATURE_SCALE, codebook_features  # noqa: E402
from evolve.instruments.fold_matrices import FoldMatrices  # noqa: E402
from evolve.instruments.learn import ALPHA, FITS, probabilities, scores  # noqa: E402
from evolve.instruments.prior import PRIOR_WEIGHT  # noqa: E402

_CLAUSE = re.compile(r"[，,；;。：:！？!?]")


class Half:
    """One half trained on and the other scored: feature rows, labels, weights."""

    def __init__(self, xtr: Any, xte: Any, ys: list[str], tools: list[str], w: np.ndarray, n_cb: int,
                 family: dict[str, str], seed: int) -> None:
        self.xtr, self.xte, self.ys, self.tools, self.w = xtr, xte, ys, tools, w
        self.n_cb, self.family, self.seed = n_cb, family, seed

    def fit(self, y: list[str] | None = None, w: np.ndarray | None = None, *, alpha: float = ALPHA,
            max_iter: int = 50, tol: float = 1e-4, loss: str = "log_loss", scale_cb: float = 1.0,
            ) -> tuple[list[str], np.ndarray, np.ndarray, np.ndarray]:
        """Mean coefficients of FITS SGD fits; returns labels, coef, intercept, test rows' scaled x."""
        from scipy.sparse import diags
        from sklearn.linear_model import SGDClassifier

        xtr, xte = self.xtr, self.xte
        if scale_cb != 1.0:
            d = np.ones(xtr.shape[1])
            d[-self.n_cb:] = scale_cb
            xtr, xte = (xtr @ diags(d)).tocsr(), (xte @ diags(d)).tocsr()
        fits = []
        for s in range(self.seed, self.seed + FITS):
            clf = SGDClassifier(loss=loss, alpha=alpha, max_iter=max_iter, tol=tol, random_state=s)
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                clf.fit(xtr, self.ys if y is None else y, sample_weight=self.w if w is None else w)
            fits.append(clf)
        coef = np.mean([c.coef_ for c in fits], axis=0)
        icpt = np.mean([c.intercept_ for c in fits], axis=0)
        return [str(v) for v in fits[0].classes_], coef, icpt, xte

    def proba(self, **kw: Any) -> tuple[list[str], np.ndarray]:
        labels, coef, icpt, xte = self.fit(**kw)
        return labels, probabilities(xte, coef, icpt)


def _weights(h: Half, per_label: dict[str, float]) -> np.ndarray:
    return h.w * np.array([per_label.get(v, 1.0) for v in h.ys])


def _balanced(h: Half, power: float = 1.0) -> np.ndarray:
    tot: dict[str, float] = {}
    for v, w in zip(h.ys, h.w, strict=True):
        tot[v] = tot.get(v, 0.0) + w
    n = sum(tot.values())
    return _weights(h, {v: (n / (len(tot) * t)) ** power for v, t in tot.items()})


def _label_shift(h: Half) -> tuple[list[str], np.ndarray]:
    labels, coef, icpt, xte = h.fit()
    ys, user = np.array(h.ys), h.w == 1.0
    own = np.array([(ys[user] == c).sum() + 1.0 for c in labels])
    mixed = np.array([h.w[ys == c].sum() + 1.0 for c in labels])
    return labels, probabilities(xte, coef, icpt + np.log(own / own.sum()) - np.log(mixed / mixed.sum()))


def _domain_weights(h: Half) -> tuple[list[str], np.ndarray]:
    from sklearn.linear_model import SGDClassifier
    from sklearn.model_selection import cross_val_predict

    user = h.w == 1.0
    clf = SGDClassifier(loss="log_loss", alpha=1e-3, max_iter=50, tol=1e-4, random_state=0, class_weight="balanced")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        p = np.clip(cross_val_predict(clf, h.xtr, user.astype(int), cv=5, method="predict_proba")[:, 1], 0.02, 0.98)
    odds = np.clip((p / (1 - p)) ** 0.5, 0.05, 20)
    w = h.w.copy()
    w[~user] = h.w[~user] * odds[~user] / odds[~user].mean()
    return h.proba(w=w)


def _tools(h: Half, summed: bool) -> tuple[list[str], np.ndarray]:
    labels, coef, icpt, xte = h.fit(y=h.tools)
    p = probabilities(xte, coef, icpt)
    fams = sorted(set(h.family.values()))
    q = np.zeros((p.shape[0], len(fams)))
    if summed:
        for j, lab in enumerate(labels):
            q[:, fams.index(h.family[lab])] += p[:, j]
    else:
        for r, j in enumerate(p.argmax(axis=1)):
            q[r, fams.index(h.family[labels[int(j)]])] = 1.0
    return fams, q


#: variant -> (extra feature blocks, how a half is fitted and scored)
VARIANTS: dict[str, tuple[tuple[str, ...], Callable[[Half], tuple[list[str], np.ndarray]]]] = {
    "shipped": ((), lambda h: h.proba()),
    "balanced": ((), lambda h: h.proba(w=_balanced(h))),
    "sqrt-balanced": ((), lambda h: h.proba(w=_balanced(h, 0.5))),
    "supply-x1.5": ((), lambda h: h.proba(w=_weights(h, {"supply": 1.5}))),
    "alpha-5e-5": ((), lambda h: h.proba(alpha=5e-5)),
    "alpha-2e-4": ((), lambda h: h.proba(alpha=2e-4)),
    "iter-200": ((), lambda h: h.proba(max_iter=200, tol=1e-5)),
    "hinge": ((), lambda h: h.proba(loss="hinge")),
    "modified-huber": ((), lambda h: h.proba(loss="modified_huber")),
    "codebook-x0.5": ((), lambda h: h.proba(scale_cb=0.5)),
    "codebook-x1.5": ((), lambda h: h.proba(scale_cb=1.5)),
    "codebook-x2": ((), lambda h: h.proba(scale_cb=2.0)),
    "+head": (("head",), lambda h: h.proba()),
    "+tail": (("tail",), lambda h: h.proba()),
    "+char5": (("char5",), lambda h: h.proba()),
    "-words": (("-words",), lambda h: h.proba()),
    "binary": (("binary",), lambda h: h.proba()),
    "+family-cues": (("family-cues",), lambda h: h.proba()),
    "label-shift": ((), _label_shift),
    "domain-weights": ((), _domain_weights),
    "tools-sum": ((), lambda h: _tools(h, True)),
    "tools-best": ((), lambda h: _tools(h, False)),
}


def _head(text: str) -> str:
    lo, hi = _lead_clause(text)
    return text[lo:hi]


def _tail(text: str) -> str:
    parts = [p for p in _CLAUSE.split(text) if p.strip()]
    return parts[-1] if parts else text


def _family_cues(texts: list[str], cb: Codebook) -> np.ndarray:
    cats = [c.key for c in cb.categories]
    out = np.zeros((len(texts), 2 * len(cats)))
    for r, t in enumerate(texts):
        for col, part in ((0, t), (len(cats), _head(t))):
            for k, v in code_text(part, cb).scores.items():
                out[r, col + cats.index(cb.category_of(k))] += v / FEATURE_SCALE
    return out


def matrices(texts: list[str], feats: np.ndarray, blocks: tuple[str, ...], cb: Codebook) -> FoldMatrices:
    """The shipped model's counts (char 1–4-grams, word 1–2-grams, codebook features) with
    ``blocks`` changed or added."""
    from sklearn.feature_extraction.text import CountVectorizer

    fm = FoldMatrices(texts, rich=True, extra=feats)
    extra = [feats]
    for b in blocks:
        if b in ("head", "tail"):
            part = _head if b == "head" else _tail
            fm.counts.append(CountVectorizer(analyzer="char", ngram_range=(1, 3), dtype=np.float64)
                             .fit_transform([part(t) for t in texts]))
        elif b == "char5":
            five = CountVectorizer(analyzer="char", ngram_range=(5, 5), dtype=np.float64)
            fm.counts.append(five.fit_transform(texts))
        elif b == "-words":
            fm.counts.pop(1)
        elif b == "binary":
            fm.counts = [(c > 0).astype(np.float64) for c in fm.counts]
        elif b == "family-cues":
            extra.append(_family_cues(texts, cb))
    fm.extra = np.hstack(extra)
    return fm


def run(rows: list[dict[str, str]], name: str, names: list[str], rounds: int, seed: int) -> dict[str, np.ndarray]:
    cb = load_codebook()
    batches = batch_set(name)
    user, other, t, y, d, prior = user_and_prior(rows, batches, codebook=cb, weight=PRIOR_WEIGHT)
    udocs = set(d)
    tool_of = {g.text: g.tool for g in other}
    family = {r["tool"]: r["category"] for r in rows}
    everything = t + list(prior.texts)
    feats = codebook_features(everything, cb)
    built = {k: matrices(everything, feats, k, cb) for k in dict.fromkeys(VARIANTS[v][0] for v in names)}
    prior_rows = list(range(len(t), len(everything)))
    out: dict[str, list[tuple[float, float, float]]] = {v: [] for v in names}
    for tr, te in halvings(d, rounds):
        ys = [y[i] for i in tr] + list(prior.labels)
        tools = [user[i]["tool"] for i in tr] + [tool_of[x] for x in prior.texts]
        w = np.array([1.0] * len(tr) + [prior.weight] * len(prior))
        halves = {}
        for k, fm in built.items():
            xtr, xte = fm.pair(tr + prior_rows, te)
            halves[k] = Half(xtr, xte, ys, tools, w, fm.extra.shape[1], family, seed)
        for v in names:
            blocks, score = VARIANTS[v]
            labels, p = score(halves[blocks])
            pred = [labels[int(j)] for j in p.argmax(axis=1)]
            acc, per, _ = scores([y[i] for i in te], pred)
            f1 = {q["label"]: q["f1"] for q in per}
            out[v].append((acc, f1.get("supply", 0.0), f1.get("environment", 0.0)))
    print(f"set {name}: {len(t)} sentences of {len(udocs)} documents; prior {len(prior)}", flush=True)
    means = {v: np.mean(np.array(res), axis=0) for v, res in out.items()}
    for v, m in means.items():
        print(f"  {v:<16} {m[0]:.3f} / {m[1]:.3f} / {m[2]:.3f}", flush=True)
    return means


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--gold", default=str(ROOT / "evolve" / "data" / "instruments_gold.csv"))
    ap.add_argument("--sets", default="1,2,3", help="comma-separated batches or ranges of batches: 1,2,3; 4-6")
    ap.add_argument("--leave-out", default="", metavar="BATCHES",
                    help="batches (comma-separated, ranges allowed) dropped before anything: neither scored nor "
                         "in the prior (--leave-out 7: the figures without batch 7)")
    ap.add_argument("--variants", default=",".join(VARIANTS), help="comma-separated (--list)")
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--seed", type=int, default=0, help="SGD seeds seed … seed + 4")
    ap.add_argument("--list", action="store_true", help="list the variants and exit")
    args = ap.parse_args()
    if args.list:
        print("\n".join(VARIANTS))
        return
    names = [v for v in args.variants.split(",") if v]
    sets = [s for s in args.sets.split(",") if s]
    bad = [v for v in names if v not in VARIANTS]
    for s in [*sets, *args.leave_out.split(",")]:
        try:
            batch_set(s) if s else None
        except ValueError:
            bad.append(s)
    if bad:
        sys.exit(f"unknown variant or set: {', '.join(bad)}")
    with open(args.gold, encoding="utf-8") as fh:
        rows = leave_out(list(csv.DictReader(fh)), args.leave_out)
    res = {s: run(rows, s, names, args.rounds, args.seed) for s in sets}
    if len(res) > 1:
        print("mean over the sets (accuracy / F1 supply / F1 environment; their mean):")
        for v in names:
            m = np.mean([r[v] for r in res.values()], axis=0)
            print(f"  {v:<16} {m[0]:.3f} / {m[1]:.3f} / {m[2]:.3f}   {m.mean():.4f}")


if __name__ == "__main__":
    main()
