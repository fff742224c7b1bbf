"""Benchmark and check of the counting side of ``evolve trends`` and ``evolve keyness`` (not a test).

The corpus is ``bench/trends_report_bench.py``'s: synthetic plans from the bundled plans' clauses,
copied and mutated between places and years 2013–2024, each with a provision naming the policy
terms of its era, imported (duplicates removed) into one corpus directory.

Checked: for every term of a set of lexicon terms of which none holds or overlaps another,
``evolve trends --by year --json`` gives, per year, the sum of ``str.count`` over that year's
normalised texts (computed here without evolve's counting or pandas), and the number of plans
that mention it (``docs_with``). Timed, each in its own process (wall time, peak RSS):
``evolve trends --no-chart`` (the table), ``--json``, ``evolve keyness --before --after`` (words)
and, as the baseline of the same run, reading the plan files and counting the terms with
``str.count`` in a bare Python process (no parsing, no normalisation).

    python bench/trends_counts_bench.py                 # 1000 documents
    python bench/trends_counts_bench.py --sizes 100,1000 --keep /tmp/b
    python bench/trends_counts_bench.py --ngrams       # also keyness over character n-grams
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from _timing import timed  # noqa: E402

BASELINE = r"""
import csv, sys, time
from pathlib import Path
corpus, terms = Path(sys.argv[1]), sys.argv[2].split(",")
t0 = time.perf_counter()
n = 0
with (corpus / "manifest.csv").open(encoding="utf-8") as fh:
    for row in csv.DictReader(fh):
        text = (corpus / row["file"]).read_text("utf-8")
        n += sum(text.count(t) for t in terms)
print(n)
"""


def flat_terms() -> list[str]:
    """Lexicon terms of which none holds or overlaps another (so counted together, each is
    exactly its ``str.count``)."""
    from evolve.trends.lexicon import load_lexicon

    names = [t.name for t in load_lexicon().terms]

    def clash(a: str, b: str) -> bool:
        return a != b and (a in b or any(a[-k:] == b[:k] for k in range(1, min(len(a), len(b)))))

    return [n for n in names if not any(clash(n, m) or clash(m, n) for m in names)]


def check(corpus: Path, result: Path, terms: list[str]) -> dict[str, object]:
    """Compare the --by year JSON with str.count over the parsed (normalised) texts."""
    from evolve.corpus import load_corpus

    expected: dict[tuple[str, str], list[int]] = {}
    for d in load_corpus(corpus):
        year = str(d.meta.year) if d.meta.year is not None else "unknown"
        for t in terms:
            n = d.text.count(t)
            acc = expected.setdefault((year, t), [0, 0, 0])
            acc[0] += n
            acc[1] += 1 if n else 0
            acc[2] += 1
    groups = json.loads(result.read_text("utf-8"))["groups"]
    got = {(g["year"], g["term"]): [g["count"], g["docs_with"], g["documents"]] for g in groups}
    wrong = [k for k in expected if got.get(k) != expected[k]]
    return {"cells": len(expected), "wrong": len(wrong), "first_wrong": wrong[:5],
            "occurrences": sum(v[0] for v in expected.values())}


def run_size(n: int, *, seed: int, root: Path, evolve: str, ngrams: bool = False) -> dict[str, object]:
    from trends_report_bench import make_corpus

    corpus = make_corpus(n, seed, root)
    terms = flat_terms()
    res: dict[str, object] = {"documents": n, "terms checked": len(terms)}
    res["baseline: read files + str.count"] = timed(
        [sys.executable, "-c", BASELINE, str(corpus), ",".join(terms)])
    res["trends --no-chart (table)"] = timed([evolve, "trends", str(corpus), "--no-chart"])
    res["trends --json"] = timed([evolve, "trends", str(corpus), "--json"])
    out = root / f"by-year-{n}.json"
    res["trends --terms (flat set) --by year --json"] = timed(
        [evolve, "trends", str(corpus), "--terms", ",".join(terms), "--by", "year", "--json"], out)
    res["keyness --before 2018 --after 2020 (words)"] = timed(
        [evolve, "keyness", str(corpus), "--before", "2018", "--after", "2020", "--json"])
    if ngrams:
        res["keyness --kind ngram"] = timed([evolve, "keyness", str(corpus), "--before", "2018",
                                             "--after", "2020", "--kind", "ngram", "--json"])
    res["check: by-year counts and docs_with against str.count"] = check(corpus, out, terms)
    return res


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", default="1000")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--keep", type=Path, help="keep corpora and outputs here (reused if present)")
    ap.add_argument("--ngrams", action="store_true", help="also time keyness over character n-grams")
    args = ap.parse_args()
    root = args.keep or Path(tempfile.mkdtemp(prefix="trends-counts-bench-"))
    root.mkdir(parents=True, exist_ok=True)
    evolve = str(Path(sys.executable).with_name("evolve"))
    for n in [int(s) for s in args.sizes.split(",")]:
        res = run_size(n, seed=args.seed, root=root, evolve=evolve, ngrams=args.ngrams)
        print(json.dumps(res, ensure_ascii=False, indent=1), flush=True)


if __name__ == "__main__":
    main()
