"""Benchmark of ``evolve tools`` (not a test): coding 1,000 plans, and training on 5,000 sentences.

    python bench/instruments_bench.py                 # 1000 plans, 5000 sentences
    python bench/instruments_bench.py --sizes 100,1000 --sentences 5000 --keep /tmp/b

Coding: the plans of ``bench/trends_report_bench.py``'s generator (imported once, not timed);
``evolve tools CORPUS --by year --chart …`` and ``--csv`` each run in their own process, beside
the baseline ``evolve trends CORPUS --no-chart`` (loading the corpus and counting terms, which
every command does) in the same run.

Training: 5,000 real sentences sampled from the generated plans' clauses, labelled by the rule
coder (a speed test, not an accuracy test: bench/instruments_eval.py scores the coders on the
hand-coded set), timed in this process for ``train`` (5-fold cross-validation of the model plus the
final fit; with the shipped prior, since the labels are the codebook's families, and without)
beside the plain char n-gram logistic regression alone (the same folds, no codebook
features) as the baseline.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")  # as the command line sets it
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from _timing import timed  # noqa: E402


def coding(n: int, *, seed: int, root: Path, evolve: str) -> dict[str, object]:
    subprocess.run(
        [
            sys.executable,
            str(ROOT / "bench" / "trends_report_bench.py"),
            "--make",
            str(n),
            "--seed",
            str(seed),
            "--keep",
            str(root),
        ],
        check=True,
        cwd=ROOT,
    )
    corpus = root / f"corpus-{n}"
    out = root / f"tools-{n}"
    out.mkdir(exist_ok=True)
    res: dict[str, object] = {"documents": n}
    res["baseline: trends --no-chart"] = timed([evolve, "trends", str(corpus), "--no-chart"])
    res["tools --by year --chart"] = timed(
        [evolve, "tools", str(corpus), "--by", "year", "--chart", str(out / "mix.png")]
    )
    res["tools --csv"] = timed([evolve, "tools", str(corpus), "--csv"], out / "units.csv")
    with (out / "units.csv").open(encoding="utf-8") as fh:
        res["units"] = sum(1 for _ in fh) - 1
    return res


def training(n: int, *, root: Path, seed: int) -> dict[str, object]:
    from evolve.corpus import load_corpus
    from evolve.instruments import code_sentences
    from evolve.instruments.learn import cross_validate, train

    corpus = next(p for p in sorted(root.glob("corpus-*")))
    docs = load_corpus(corpus)
    pool = [(d.id, c) for d in docs for p in d.provisions for c in p.clauses if 10 <= len(c) <= 200]
    rng = random.Random(seed)
    rng.shuffle(pool)
    pool = pool[:n]
    texts = [t for _, t in pool]
    groups = [g for g, _ in pool]
    labels = list(code_sentences(texts)["category"])
    t0 = time.perf_counter()
    cross_validate(texts, labels, groups=groups, codebook=None)
    base = time.perf_counter() - t0
    t0 = time.perf_counter()
    res = train(texts, labels, groups=groups, baseline=False)
    full = time.perf_counter() - t0
    t0 = time.perf_counter()
    train(texts, labels, groups=groups, baseline=False, prior=False)
    alone = time.perf_counter() - t0
    return {
        "sentences": len(texts),
        "labels": res.labels,
        "prior sentences": len(res.prior),
        "baseline: char n-gram LR, 5-fold CV (s)": round(base, 1),
        "train: 5-fold CV + final fit, with the prior (s)": round(full, 1),
        "train --no-prior (s)": round(alone, 1),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", default="1000", help="comma-separated document counts")
    ap.add_argument("--sentences", type=int, default=5000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--keep", help="keep corpora and outputs in this folder (reused next time)")
    ap.add_argument("--evolve", default=str(ROOT / ".venv" / "bin" / "evolve"))
    args = ap.parse_args()
    root = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="tools-bench-"))
    root.mkdir(parents=True, exist_ok=True)
    try:
        for n in [int(s) for s in args.sizes.split(",")]:
            print(json.dumps(coding(n, seed=args.seed, root=root, evolve=args.evolve), ensure_ascii=False), flush=True)
        print(json.dumps(training(args.sentences, root=root, seed=args.seed), ensure_ascii=False), flush=True)
    finally:
        if not args.keep:
            shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
