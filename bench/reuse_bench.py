"""Benchmark of ``evolve import`` + index + ``evolve reuse`` on synthetic corpora (not a test).

Synthetic plans are made from the bundled plans' clauses: a "fresh" provision joins 2-4 random
clauses with 30% of their words replaced, so fresh provisions are new text in the plans' idiom; a
"copied" provision takes a provision of an older plan (the province's, the nation's, the same
city's previous plan or another city's) and mutates it: place names and years changed, 0-4
word insertions, deletions and substitutions, sometimes two clauses swapped. Ground truth is the
exact all-pairs comparison with the same similarity (``evolve.reuse.verify.all_pairs``), over all
units up to ``--exact-max`` units and over a random sample of units beyond that.

    python bench/reuse_bench.py                      # 100, 1000 and 5000 documents
    python bench/reuse_bench.py --sizes 100,1000     # pick sizes
    python bench/reuse_bench.py --sizes 1000 --backend dask --scheduler threads

Each size runs in a fresh process so that its peak memory (max RSS, including the parsing
workers) is its own. Wall time covers import, indexing (parsing) and reuse detection; a second
run over the same corpus (index unchanged) is timed too.
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

_CN = "一二三四五六七八九十"


def _cn(n: int) -> str:
    if n <= 10:
        return _CN[n - 1]
    if n < 20:
        return "十" + (_CN[n - 11] if n > 10 else "")
    tens, ones = divmod(n, 10)
    return _CN[tens - 1] + "十" + (_CN[ones - 1] if ones else "")


class Generator:
    def __init__(self, seed: int) -> None:
        from evolve.corpus import load_corpus
        from evolve.places import gazetteer
        from evolve.tokenize import content_words

        self.rng = random.Random(seed)
        docs = load_corpus()
        self.clauses = [c for d in docs for p in d.provisions if p.kind == "item"
                        for c in p.clauses if len(c) >= 12]
        self.vocab = sorted({w for c in self.clauses for w in content_words(c) if len(w) >= 2})
        self.words = content_words
        places = gazetteer()
        self.provinces = [p for p in places if p.level in {"province", "municipality"}]
        self.cities = [p for p in places if p.level in {"prefecture", "sub-provincial"}]
        self.place_names = sorted({p.short for p in places if len(p.short) >= 2}, key=len, reverse=True)
        self._place_re = re.compile("|".join(map(re.escape, self.place_names)))

    def _tokens(self, text: str) -> list[str]:
        from evolve.tokenize import words

        return words(text)

    def fresh(self) -> str:
        parts = []
        for c in self.rng.sample(self.clauses, self.rng.randint(2, 4)):
            toks = self._tokens(c)
            toks = [self.rng.choice(self.vocab) if len(t) >= 2 and self.rng.random() < 0.3 else t
                    for t in toks]
            s = "".join(toks)
            parts.append(s if s.endswith(("。", ";")) else s + "。")
        return "".join(parts)

    def mutate(self, text: str, place: str, year: int) -> str:
        r = self.rng
        text = self._place_re.sub(place, text)
        text = re.sub(r"20[12]\d", lambda m: str(min(2030, int(m.group(0)) + r.randint(1, 3))), text)
        if r.random() < 0.3:
            sents = re.findall(r"[^。;]+[。;]?", text)
            if len(sents) >= 2:
                i, j = r.sample(range(len(sents)), 2)
                sents[i], sents[j] = sents[j], sents[i]
                text = "".join(sents)
        toks = self._tokens(text)
        for _ in range(r.randint(0, 4)):
            op = r.choice("ids")
            k = r.randrange(len(toks)) if toks else 0
            if op == "i":
                toks.insert(k, r.choice(self.vocab))
            elif op == "d" and len(toks) > 5:
                del toks[k]
            elif toks:
                toks[k] = r.choice(self.vocab)
        return "".join(toks)

    def corpus(self, n: int) -> list[dict[str, object]]:
        r = self.rng
        docs: list[dict[str, object]] = []
        for i in range(n):
            kind = r.random()
            if kind < 0.02:
                place, province, level = "全国", "", "national"
            elif kind < 0.14:
                p = r.choice(self.provinces)
                place, province, level = p.short, p.name, p.level
            else:
                p = r.choice(self.cities)
                place, province, level = p.short, p.province, p.level
            docs.append({"i": i, "place": place, "province": province, "level": level,
                         "year": r.randint(2013, 2024), "provisions": []})
        docs.sort(key=lambda d: (d["year"], d["i"]))
        by_province: dict[str, list[dict[str, object]]] = {}
        by_place: dict[str, list[dict[str, object]]] = {}
        national: list[dict[str, object]] = []
        done: list[dict[str, object]] = []
        for d in docs:
            provs: list[str] = []
            for _ in range(r.randint(20, 40)):
                src = None
                if done and r.random() < 0.35:
                    pick = r.random()
                    pool = (by_province.get(str(d["province"])) if pick < 0.4 else
                            national if pick < 0.6 else by_place.get(str(d["place"])) if pick < 0.8
                            else done)
                    pool = [x for x in (pool or done) if x["year"] < d["year"]] or None  # type: ignore[operator]
                    if pool:
                        src = r.choice(pool)
                if src and src["provisions"]:
                    text = self.mutate(r.choice(src["provisions"]), str(d["place"]), int(d["year"]))  # type: ignore[arg-type]
                else:
                    text = self.fresh()
                provs.append(text)
            d["provisions"] = provs
            done.append(d)
            if d["level"] in {"province", "municipality"}:
                by_province.setdefault(str(d["province"]), []).append(d)
            elif d["level"] == "national":
                national.append(d)
            by_place.setdefault(str(d["place"]), []).append(d)
        return docs


def plan_text(d: dict[str, object]) -> str:
    lines = [f"{d['place']}智慧城市建设实施方案({d['year']}年)", "一、重点任务"]
    for k, text in enumerate(d["provisions"], start=1):  # type: ignore[arg-type]
        lines.append(f"({_cn(k)}){text}")
    return "\n".join(lines) + "\n"


def write_csv(docs: list[dict[str, object]], path: Path) -> None:
    import csv

    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["标题", "正文", "发布日期", "地区", "level"])
        for d in docs:
            w.writerow([f"{d['place']}智慧城市建设实施方案({d['year']}年)第{d['i']}号", plan_text(d),
                        f"{d['year']}-06-01", d["place"], d["level"]])


def _maxrss_mb() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, kids) / 1024


def run_one(n: int, *, seed: int, exact_max: int, sample: int, min_score: float,
            backend: str = "local", scheduler: str | None = None) -> dict[str, object]:
    import numpy as np

    from evolve import index
    from evolve.importer import import_sources
    from evolve.reuse import MIN_CHARS, find_reuse
    from evolve.reuse.verify import all_pairs, key

    tmp = Path(tempfile.mkdtemp(prefix=f"reuse-bench-{n}-"))
    docs = Generator(seed).corpus(n)
    write_csv(docs, tmp / "plans.csv")
    print(f"{n} documents generated", file=sys.stderr, flush=True)
    t0 = time.perf_counter()
    import_sources([tmp / "plans.csv"], tmp / "corpus")
    t1 = time.perf_counter()
    report = find_reuse(tmp / "corpus", min_score=min_score, backend=backend, scheduler=scheduler)
    t2 = time.perf_counter()
    again = find_reuse(tmp / "corpus", min_score=min_score, backend=backend, scheduler=scheduler)
    t3 = time.perf_counter()
    assert again.stats["parsed"] == 0
    peak = _maxrss_mb()  # before the ground truth, which is not part of evolve's run

    print(f"reuse: {t2 - t1:.1f} s {report.stats['seconds']}; second run {t3 - t2:.1f} s; "
          f"peak {peak:.0f} MB", file=sys.stderr, flush=True)
    units = [u for u in index.units(tmp / "corpus") if len(key(u[2])) >= MIN_CHARS]
    keys = [key(u[2]) for u in units]
    doc_ids = {d: i for i, d in enumerate(sorted({u[0] for u in units}))}
    groups = np.array([doc_ids[u[0]] for u in units])
    tab = report.tables  # every pair, as arrays (report.pairs holds the first 1,000 only)
    u = tab.units
    found = {frozenset(((u.doc_ids[u.doc[a]], u.ids[a]), (u.doc_ids[u.doc[b]], u.ids[b])))
             for a, b in zip(tab.pairs.a.tolist(), tab.pairs.b.tolist(), strict=True)}
    t4 = time.perf_counter()
    if len(keys) <= exact_max:
        truth_idx, _ = all_pairs(keys, groups, min_score=min_score)
        scope = "all pairs"
    else:
        rng = np.random.default_rng(seed)
        picked = np.sort(rng.choice(len(keys), size=sample, replace=False))
        from rapidfuzz.distance import Indel
        from rapidfuzz.process import cdist

        found_idx = []
        for lo in range(0, sample, 100):
            rows = picked[lo : lo + 100]
            m = cdist([keys[i] for i in rows], keys, scorer=Indel.normalized_similarity,
                      score_cutoff=min_score, dtype=np.float32, workers=2)
            r, c = np.nonzero(m)
            keep = groups[rows[r]] != groups[c]
            found_idx.append(np.stack((rows[r[keep]], c[keep]), axis=1))
        truth_idx = np.concatenate(found_idx)
        scope = f"pairs of {sample} sampled units"
    t5 = time.perf_counter()
    truth = {frozenset(((units[i][0], units[i][1]), (units[j][0], units[j][1]))) for i, j in truth_idx.tolist()}
    hit = len(truth & found)
    return {
        "backend": backend if backend == "local" else f"{backend} ({scheduler or 'threads'})",
        "documents": n, "units": len(units), "pairs": report.stats["pairs"],
        "candidates": report.stats["candidates"], "collisions": report.stats["collisions"],
        "seconds_import": round(t1 - t0, 1), "seconds_index_and_reuse": round(t2 - t1, 1),
        "seconds_total": round(t2 - t0, 1), "seconds_second_run": round(t3 - t2, 1),
        "steps": report.stats["seconds"], "peak_mb": round(peak),
        "recall": round(hit / len(truth), 4) if truth else None, "truth_pairs": len(truth),
        "recall_scope": scope, "seconds_ground_truth": round(t5 - t4, 1),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", default="100,1000,5000", help="comma-separated document counts")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--min-score", type=float, default=0.7)
    ap.add_argument("--exact-max", type=int, default=5_000, help="all-pairs ground truth up to this many units")
    ap.add_argument("--sample", type=int, default=1000, help="sampled units for recall beyond --exact-max")
    ap.add_argument("--backend", choices=["local", "dask"], default="local")
    ap.add_argument("--scheduler", help="--backend dask: threads, processes, sync or an address")
    ap.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.one:
        res = run_one(args.one, seed=args.seed, exact_max=args.exact_max, sample=args.sample,
                      min_score=args.min_score, backend=args.backend, scheduler=args.scheduler)
        print(json.dumps(res))
        return
    results = []
    for n in [int(s) for s in args.sizes.split(",")]:
        out = subprocess.run([sys.executable, __file__, "--one", str(n), "--seed", str(args.seed),
                              "--min-score", str(args.min_score), "--exact-max", str(args.exact_max),
                              "--sample", str(args.sample), "--backend", args.backend,
                              *(["--scheduler", args.scheduler] if args.scheduler else [])],
                             capture_output=True, text=True, check=True, cwd=ROOT)
        res = json.loads(out.stdout.strip().splitlines()[-1])
        results.append(res)
        print(json.dumps(res, ensure_ascii=False), flush=True)
    print()
    print(f"{'docs':>6} {'units':>7} {'pairs':>8} {'collisions':>10} {'cands':>9} {'c/true':>6} "
          f"{'total s':>8} {'match s':>7} {'2nd run s':>9} {'peak MB':>8} {'recall':>7}  scope")
    for r in results:
        true = r["pairs"] / r["recall"] if r["recall"] else r["pairs"]  # estimated true pairs
        print(f"{r['documents']:>6} {r['units']:>7} {r['pairs']:>8} {r['collisions']!s:>10} "
              f"{r['candidates']:>9} {r['candidates'] / max(true, 1):>6.2f} {r['seconds_total']:>8} "
              f"{r['steps']['match']:>7} {r['seconds_second_run']:>9} {r['peak_mb']:>8} "
              f"{r['recall']!s:>7}  {r['recall_scope']}")
    import math

    for a, b in itertools.pairwise(results):
        k = math.log(b["documents"] / a["documents"])
        print(f"growth {a['documents']} -> {b['documents']} documents: exponent "
              f"time {math.log(b['seconds_total'] / a['seconds_total']) / k:.2f}, "
              f"candidates {math.log(b['candidates'] / a['candidates']) / k:.2f}, "
              f"collisions {math.log(b['collisions'] / a['collisions']) / k:.2f}, "
              f"pairs {math.log(b['pairs'] / a['pairs']) / k:.2f}")


if __name__ == "__main__":
    main()
