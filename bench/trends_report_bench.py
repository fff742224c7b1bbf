"""Benchmark of ``evolve trends`` (with charts) and ``evolve report`` on synthetic corpora (not a test).

The plans come from ``bench/reuse_bench.py``'s generator (clauses of the bundled plans, mutated and
copied between places and years; years 2013-2024, a few hundred places), with one more provision
per plan naming the policy terms of its era (4G and 三网融合 early, 5G and 算力 later, 数据要素 and
低空经济 last, each with a probability), so that the trend lines have something to show.

    python bench/trends_report_bench.py                    # 1000 documents
    python bench/trends_report_bench.py --sizes 100,1000   # pick sizes
    python bench/trends_report_bench.py --keep /tmp/b      # keep the corpora and outputs there

Each size is imported once (not timed), then each command runs in its own process, and its wall
time and peak memory (max RSS of that process) are printed. The baseline in the same run is
``evolve trends --no-chart``: loading (parsing) the corpus and counting the terms, which every
command does, so that the chart and report costs can be read against the machine's noise.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from _timing import timed  # noqa: E402

#: (first year, last year, terms): a plan of a year in the span names each term with probability 0.5.
ERAS = (
    (2013, 2017, ("4G", "三网融合", "无线城市", "WiFi")),
    (2013, 2020, ("云计算", "电子政务", "IPv6")),
    (2018, 2024, ("5G", "一网通办", "人工智能")),
    (2020, 2024, ("算力", "千兆光网", "一网统管", "公共数据")),
    (2022, 2024, ("数据要素", "授权运营", "低空经济", "信创")),
)


def era_provision(rng: random.Random, year: int) -> str:
    terms = [t for lo, hi, ts in ERAS if lo <= year <= hi for t in ts if rng.random() < 0.5]
    if not terms:
        return "统筹推进信息化建设,提升城市治理水平。"
    return f"加快推进{'、'.join(terms)}等建设,形成示范应用。"


def make_corpus(n: int, seed: int, root: Path) -> Path:
    """Generate ``n`` plans and import them into ``root/corpus-N`` (reused when it exists)."""
    from reuse_bench import Generator, write_csv

    from evolve.importer import import_sources

    corpus = root / f"corpus-{n}"
    if (corpus / "manifest.csv").exists():
        return corpus
    t0 = time.perf_counter()
    docs = Generator(seed).corpus(n)
    rng = random.Random(seed)
    for d in docs:
        d["provisions"].append(era_provision(rng, int(d["year"])))  # type: ignore[union-attr]
    write_csv(docs, root / f"plans-{n}.csv")
    import_sources([root / f"plans-{n}.csv"], corpus)
    print(f"{n} documents generated and imported in {time.perf_counter() - t0:.0f} s",
          file=sys.stderr, flush=True)
    return corpus


def run_size(n: int, *, seed: int, root: Path, evolve: str) -> dict[str, object]:
    # Generated in a process of its own: a command started from a process that grew large would
    # report that size as its own peak (Linux keeps a forked child's inherited high-water mark).
    subprocess.run([sys.executable, __file__, "--make", str(n), "--seed", str(seed), "--keep",
                    str(root)], check=True, cwd=ROOT)
    corpus = root / f"corpus-{n}"
    out = root / f"out-{n}"
    shutil.rmtree(out, ignore_errors=True)
    res: dict[str, object] = {"documents": n}
    res["baseline: trends --no-chart"] = timed([evolve, "trends", str(corpus), "--no-chart"])
    res["trends (charts)"] = timed([evolve, "trends", str(corpus), "--chart", str(out / "trends")])
    res["report"] = timed([evolve, "report", str(corpus), "--out", str(out / "report")])
    page = out / "report" / "index.html"
    res["page_mb"] = round(page.stat().st_size / 1e6, 2)
    res["comparison_pages"] = len(list((out / "report").glob("compare/*.html")))
    return res


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", default="1000", help="comma-separated document counts")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--keep", help="keep corpora and outputs in this folder (reused next time)")
    ap.add_argument("--evolve", default=str(ROOT / ".venv" / "bin" / "evolve"))
    ap.add_argument("--make", type=int, help=argparse.SUPPRESS)
    args = ap.parse_args()
    root = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="trends-bench-"))
    root.mkdir(parents=True, exist_ok=True)
    if args.make:
        make_corpus(args.make, args.seed, root)
        return
    rows = []
    try:
        for n in [int(s) for s in args.sizes.split(",")]:
            res = run_size(n, seed=args.seed, root=root, evolve=args.evolve)
            rows.append(res)
            print(json.dumps(res, ensure_ascii=False), flush=True)
    finally:
        if not args.keep:
            shutil.rmtree(root, ignore_errors=True)
    print()
    print(f"{'docs':>6}  {'step':<28} {'seconds':>8} {'peak MB':>8}")
    for r in rows:
        for k, v in r.items():
            if isinstance(v, dict):
                print(f"{r['documents']:>6}  {k:<28} {v['seconds']:>8} {v['peak_mb']:>8}")
        print(f"{r['documents']:>6}  report page {r['page_mb']} MB, "
              f"{r['comparison_pages']} comparison pages")


if __name__ == "__main__":
    main()
