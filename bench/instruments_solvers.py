"""Solver variance of the learned instrument model on held-out batches (not a test).

    python bench/instruments_solvers.py                  # batches 4, 5, 6, 4-6 (the prior protocol)
    python bench/instruments_solvers.py --batches 1-3    # pick C on batches 1-3 only

The protocol of ``bench/instruments_eval.py``'s prior section: each held-out batch split by
document into halves (5 random halvings, both ways), learned from one half plus the prior (the
other batches, without the batch's documents, at weight 0.5), scored on the other half. The
feature matrices of a half are built once (``FoldMatrices``: the same as ``fit_model``'s) and
every variant is fitted on them:
- SGD with one seed (0 … 4): the shipped model, and its spread;
- the mean of the probabilities of k SGD fits with seeds 0 … k-1 (k = 3, 5), with T = 1 and T = 3;
- the mean of the coefficients of the same k fits (one linear model: the file format unchanged);
- exact logistic regression (lbfgs, multinomial) at several C.
Accuracy over the four labels / F1 supply / F1 environment, mean over the 10 runs.
"""

from __future__ import annotations

import argparse
import csv
import sys
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402
from _held_out import halvings, user_and_prior  # noqa: E402

from evolve.instruments.codebook import load_codebook  # noqa: E402
from evolve.instruments.features import codebook_features  # noqa: E402
from evolve.instruments.fold_matrices import FoldMatrices  # noqa: E402
from evolve.instruments.learn import fit_linear, probabilities, scores  # noqa: E402

SETS = {"4": {"4"}, "5": {"5"}, "6": {"6"}, "4-6": {"4", "5", "6"}, "1-3": {"1", "2", "3"}}


def lr_fit(x, y, w, c):  # type: ignore[no-untyped-def]
    from sklearn.exceptions import ConvergenceWarning
    from sklearn.linear_model import LogisticRegression

    clf = LogisticRegression(C=c, solver="lbfgs", max_iter=1000, tol=1e-4)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        clf.fit(x, y, sample_weight=w)
    return clf


def sgd_average(x, y, w, seed):  # type: ignore[no-untyped-def]
    from sklearn.exceptions import ConvergenceWarning
    from sklearn.linear_model import SGDClassifier

    clf = SGDClassifier(loss="log_loss", alpha=1e-4, max_iter=50, tol=1e-4, random_state=seed, average=True)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        clf.fit(x, y, sample_weight=w)
    return clf


def run(rows: list[dict[str, str]], name: str, cs: list[float], rounds: int, kmax: int,
        asgd: bool = False, first_seed: int = 0) -> dict[str, list]:
    cb = load_codebook()
    batches = SETS[name]
    _, _, t, y, d, prior = user_and_prior(rows, batches, codebook=cb, weight=0.5)
    udocs = set(d)
    everything = t + list(prior.texts)
    feats = codebook_features(everything, cb)
    fm = FoldMatrices(everything, rich=True, extra=feats)
    prior_rows = list(range(len(t), len(everything)))
    out: dict[str, list] = {}
    times: dict[str, float] = {}

    def record(key: str, labels: list[str], proba: np.ndarray, te: list[int]) -> None:
        pred = [labels[int(i)] for i in proba.argmax(axis=1)]
        acc, per, _ = scores([y[i] for i in te], pred)
        f1 = {p["label"]: p["f1"] for p in per}
        out.setdefault(key, []).append((acc, f1.get("supply", 0.0), f1.get("environment", 0.0)))

    for tr, te in halvings(d, rounds):
        xtr, xte = fm.pair(tr + prior_rows, te)
        ys = [y[i] for i in tr] + list(prior.labels)
        w = [1.0] * len(tr) + [prior.weight] * len(prior)
        fits = []
        for s in range(kmax):
            t0 = time.perf_counter()
            clf = fit_linear(xtr, ys, sample_weight=w, seed=first_seed + s)
            times["sgd"] = times.get("sgd", 0.0) + time.perf_counter() - t0
            fits.append(clf)
        labels = [str(v) for v in fits[0].classes_]
        for s, clf in enumerate(fits):
            record(f"sgd seed {first_seed + s}", labels, probabilities(xte, clf.coef_, clf.intercept_), te)
        for k in (3, 5):
            if k > kmax:
                continue
            for temp in (1.0, 3.0):
                p = np.mean([probabilities(xte, c.coef_, c.intercept_, temp) for c in fits[:k]], axis=0)
                record(f"mean prob k={k} T={temp:g}", labels, p, te)
            coef = np.mean([c.coef_ for c in fits[:k]], axis=0)
            icpt = np.mean([c.intercept_ for c in fits[:k]], axis=0)
            record(f"mean coef k={k}", labels, probabilities(xte, coef, icpt), te)
        for s in range(kmax if asgd else 0):
            t0 = time.perf_counter()
            clf = sgd_average(xtr, ys, np.asarray(w), s)
            times["asgd"] = times.get("asgd", 0.0) + time.perf_counter() - t0
            record(f"asgd seed {s}", labels, probabilities(xte, clf.coef_, clf.intercept_), te)
        for c in cs:
            t0 = time.perf_counter()
            clf = lr_fit(xtr, ys, np.asarray(w), c)
            times[f"lr C={c:g}"] = times.get(f"lr C={c:g}", 0.0) + time.perf_counter() - t0
            record(f"lbfgs C={c:g}", [str(v) for v in clf.classes_],
                   probabilities(xte, clf.coef_, clf.intercept_), te)
    print(f"batch {name}: {len(t)} sentences, {len(udocs)} documents; prior {len(prior)}; "
          f"fit seconds per fit: " + ", ".join(f"{k} {v / (2 * rounds) / (kmax if k in ('sgd', 'asgd') else 1):.2f}"
                                                for k, v in times.items()), flush=True)
    for key, res in out.items():
        m = np.mean(np.array(res), axis=0)
        print(f"  {key:<22} {m[0]:.3f} / {m[1]:.3f} / {m[2]:.3f}", flush=True)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--gold", default=str(ROOT / "tests" / "gold" / "instruments.csv"))
    ap.add_argument("--batches", default="4,5,6,4-6")
    ap.add_argument("--cs", default="1,3,10,30,100")
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--asgd", action="store_true", help="also averaged SGD (average=True), seeds 0 … k-1")
    ap.add_argument("--first-seed", type=int, default=0, help="SGD seeds first … first + k - 1")
    ap.add_argument("--k", type=int, default=5, help="SGD seeds fitted per half")
    args = ap.parse_args()
    with open(args.gold, encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    cs = [float(c) for c in args.cs.split(",") if c]
    allres: dict[str, dict[str, list]] = {}
    for name in args.batches.split(","):
        allres[name] = run(rows, name, cs, args.rounds, args.k, args.asgd, args.first_seed)
    if len(allres) > 1:
        print("mean over the sets:")
        keys = next(iter(allres.values())).keys()
        for key in keys:
            m = np.mean([np.mean(np.array(v[key]), axis=0) for v in allres.values()], axis=0)
            print(f"  {key:<22} {m[0]:.3f} / {m[1]:.3f} / {m[2]:.3f}")


if __name__ == "__main__":
    main()
