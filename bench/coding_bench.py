"""Benchmark of the rule coder (not a test): this checkout against another commit, beside a fixed
baseline, in the same run.

    python bench/coding_bench.py                        # 1,000 generated plans, against 2ff1098
    python bench/coding_bench.py --against main --runs 5 --section --keep /tmp/b

The plans are ``bench/trends_report_bench.py``'s (generated and parsed once, not timed). Each
round runs three processes, in turn: the baseline (one pass of the cue words' prefix-tree regular
expression over every clause the coder reads: a fixed piece of work that shows how fast the
machine is at that moment), ``code_documents`` of every plan with the other commit's evolve
(``git archive``; given this checkout's codebook, ``evolve/data/instruments.toml``, so that only
the code differs), and the same with this checkout. ``--section`` times the report's
policy-instruments section instead (coding, tables, CSV files and chart). Seconds are
``perf_counter`` inside each process, after loading; the figures are medians over the rounds,
and each is also given as a multiple of its round's baseline, which moves less with the load of
the machine than the seconds do; each process's CPU seconds are given too (they move less still:
time spent waiting for the other jobs is not counted). Every process also prints a hash of its codings (category, tool,
categories, tools, evidence, score of every unit), so the two checkouts are seen to agree.
"""

from __future__ import annotations

import argparse
import json
import os
import pickle
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
#: the last commit before the coder's speed work (the default to compare against)
BEFORE = "2ff1098"

WORKER = r"""
import hashlib, json, pickle, re, resource, sys, tempfile, time
from pathlib import Path
mode, docs_file = sys.argv[1], sys.argv[2]
docs = pickle.load(open(docs_file, "rb"))
from evolve.instruments.codebook import load_codebook
from evolve.instruments.coding import _clause_texts, code_documents
cb = load_codebook()
rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
out = {"mode": mode}
if mode == "baseline":
    from evolve.trie import trie_pattern
    words = [c.text for t in cb.tools for c in t.cues if not c.regex]
    rx = re.compile(trie_pattern(words))
    texts = [t for d in docs for p in d.provisions for t in _clause_texts(p)]
    t0, c0 = time.perf_counter(), time.process_time()
    n = sum(len(rx.findall(t)) for t in texts)
    out.update(seconds=time.perf_counter() - t0, cpu=time.process_time() - c0, clauses=len(texts), found=n)
elif mode == "section":
    from evolve.report.context import ReportContext
    from evolve.report.instruments import instruments_section
    from evolve.trends.lexicon import load_lexicon
    lex = load_lexicon()
    with tempfile.TemporaryDirectory() as tmp:
        ctx = ReportContext(docs=docs, lexicon=lex, out=Path(tmp))
        t0, c0 = time.perf_counter(), time.process_time()
        instruments_section(ctx)
        out.update(seconds=time.perf_counter() - t0, cpu=time.process_time() - c0)
        units = Path(tmp, "tables", "instruments_units.csv").read_bytes()
    out["units_sha"] = hashlib.sha256(units).hexdigest()[:16]
else:
    t0, c0 = time.perf_counter(), time.process_time()
    df = code_documents(docs, codebook=cb)
    out.update(seconds=time.perf_counter() - t0, cpu=time.process_time() - c0)
    cols = ["id", "unit", "category", "tool", "categories", "tools", "evidence", "score"]
    out["units"] = len(df)
    out["units_sha"] = hashlib.sha256(df[cols].to_csv(index=False).encode()).hexdigest()[:16]
out["peak_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
out["grew_mb"] = round(out["peak_mb"] - rss0)
print(json.dumps(out))
"""


def _corpus(n: int, seed: int, root: Path) -> Path:
    corpus = root / f"corpus-{n}"
    if not corpus.exists():
        cmd = [sys.executable, str(ROOT / "bench" / "trends_report_bench.py"), "--make", str(n),
               "--seed", str(seed), "--keep", str(root)]
        subprocess.run(cmd, check=True, cwd=ROOT)
    return corpus


def _run(checkout: Path, mode: str, docs_file: Path, cwd: Path) -> dict[str, object]:
    env = {**os.environ, "PYTHONPATH": str(checkout), "OPENBLAS_NUM_THREADS": "1"}
    proc = subprocess.run([sys.executable, "-c", WORKER, mode, str(docs_file)], capture_output=True,
                          text=True, env=env, cwd=cwd)
    if proc.returncode != 0:
        raise SystemExit(f"{checkout} {mode} failed:\n{proc.stderr[-3000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--plans", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--corpus", help="a corpus folder to code instead of generated plans")
    ap.add_argument("--against", default=BEFORE, help=f"the commit to compare with (default {BEFORE})")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--section", action="store_true", help="time the report's instruments section")
    ap.add_argument("--keep", help="keep the corpus here (reused next time)")
    args = ap.parse_args()
    root = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="coding-bench-"))
    root.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="coding-bench-run-"))
    try:
        sys.path.insert(0, str(ROOT))
        from evolve.corpus import load_corpus

        corpus = Path(args.corpus) if args.corpus else _corpus(args.plans, args.seed, root)
        docs_file = work / "docs.pkl"
        docs_file.write_bytes(pickle.dumps(load_corpus(corpus)))
        old = work / "old"
        old.mkdir()
        archive = subprocess.run(["git", "archive", args.against, "evolve"], cwd=ROOT, check=True,
                                 capture_output=True).stdout
        subprocess.run(["tar", "-x", "-C", str(old)], input=archive, check=True)
        # the same cues on both sides: the figure is about the code, not a codebook edited since
        shutil.copy(ROOT / "evolve" / "data" / "instruments.toml", old / "evolve" / "data" / "instruments.toml")
        mode = "section" if args.section else "coding"
        rows: dict[str, list[dict[str, object]]] = {"baseline": [], "old": [], "new": []}
        for r in range(args.runs):
            order = [("baseline", ROOT, "baseline"), ("old", old, mode), ("new", ROOT, mode)]
            for name, checkout, m in order[r % 3:] + order[: r % 3]:
                rows[name].append(_run(checkout, m, docs_file, work))
                print(name, json.dumps(rows[name][-1]), file=sys.stderr, flush=True)
        summary: dict[str, object] = {"corpus": str(corpus), "against": args.against, "what": mode, "runs": args.runs}
        for name, got in rows.items():
            secs = [float(g["seconds"]) for g in got]  # type: ignore[arg-type]
            base = [float(b["seconds"]) for b in rows["baseline"]]  # type: ignore[arg-type]
            summary[name] = {
                "seconds": round(statistics.median(secs), 2),
                "cpu seconds": round(statistics.median(float(g["cpu"]) for g in got), 2),  # type: ignore[arg-type]
                "x baseline": round(statistics.median(s / b for s, b in zip(secs, base, strict=True)), 2),
                "peak_mb": max(int(g["peak_mb"]) for g in got),  # type: ignore[call-overload]
                "grew_mb": max(int(g["grew_mb"]) for g in got),  # type: ignore[call-overload]
            }
        summary["speed-up (old / new, per round)"] = round(statistics.median(
            float(o["seconds"]) / float(n["seconds"])  # type: ignore[arg-type]
            for o, n in zip(rows["old"], rows["new"], strict=True)), 2)
        summary["speed-up in CPU seconds (per round)"] = round(statistics.median(
            float(o["cpu"]) / float(n["cpu"])  # type: ignore[arg-type]
            for o, n in zip(rows["old"], rows["new"], strict=True)), 2)
        summary["same codings"] = len({g["units_sha"] for g in rows["old"] + rows["new"]}) == 1
        summary["units"] = rows["new"][0].get("units")
        print(json.dumps(summary, ensure_ascii=False, indent=1))
    finally:
        shutil.rmtree(work, ignore_errors=True)
        if not args.keep:
            shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
