"""End-to-end time of `evolve compare` on two seed plans, next to plain difflib comparisons.

    .venv/bin/python bench/compare_bench.py [--runs 11] [A B]

Every row is timed as a whole process (start to exit), so imports count. The baseline of the
ratio (issue 20: at most 8x) is a plain difflib comparison in the same Python: the two files'
lines, then the characters of the changed lines. A heavier difflib row (unified diff plus the
closest line of B for every line of A, the nearest difflib gets to an alignment) is shown too.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EVOLVE = ROOT / ".venv" / "bin" / "evolve"

DIFFLIB = """
import difflib, sys
a = open(sys.argv[1], encoding="utf-8").read().splitlines()
b = open(sys.argv[2], encoding="utf-8").read().splitlines()
out = list(difflib.unified_diff(a, b, lineterm=""))
for line_a in a:  # and a per-line best match, the closest difflib gets to an alignment
    difflib.get_close_matches(line_a, b, n=1, cutoff=0.0)
print(len(out))
"""


PLAIN = """
import difflib, sys
a = open(sys.argv[1], encoding="utf-8").read().splitlines()
b = open(sys.argv[2], encoding="utf-8").read().splitlines()
changed = 0
for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
    if op == "replace":  # the characters of the changed lines, line by line as ndiff pairs them
        for la, lb in zip(a[i1:i2], b[j1:j2]):
            changed += sum(1 for o in difflib.SequenceMatcher(None, la, lb).get_opcodes() if o[0] != "equal")
print(changed)
"""


def timed(cmd: list[str], runs: int) -> tuple[list[float], list[float]]:
    """Wall seconds and process seconds (user + system of the child) of each run."""
    walls, cpus = [], []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t = time.perf_counter()
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        walls.append(time.perf_counter() - t)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return walls, cpus


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("a", nargs="?", default="xianning-2016")
    ap.add_argument("b", nargs="?", default="zhaoqing-2024")
    ap.add_argument("--runs", type=int, default=11)
    args = ap.parse_args()
    fa, fb = ROOT / "corpus" / f"{args.a}.txt", ROOT / "corpus" / f"{args.b}.txt"
    # Warm the file cache and let Python write evolve's bytecode (__pycache__), as any install
    # does: with PYTHONDONTWRITEBYTECODE set (this sandbox sets it) every run would recompile
    # ~80 modules from source (0.2 s), a cost the difflib rows, whose standard library ships
    # compiled, never pay.
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    for cmd in ("compare", "align"):
        subprocess.run([str(EVOLVE), cmd, args.a, args.b], check=True, stdout=subprocess.DEVNULL, env=env)
    rows = [
        ("evolve compare (terminal report)", [str(EVOLVE), "compare", args.a, args.b, "--plain"]),
        ("evolve align --json", [str(EVOLVE), "align", args.a, args.b]),
        ("python difflib (lines, then changed characters)", [sys.executable, "-c", PLAIN, str(fa), str(fb)]),
        ("python difflib (unified diff + close matches)", [sys.executable, "-c", DIFFLIB, str(fa), str(fb)]),
        ("python -c pass (interpreter start)", [sys.executable, "-c", "pass"]),
    ]
    print(f"{args.a} vs {args.b}, {args.runs} runs each, interleaved; process seconds (user + sys) and "
          "wall seconds (process start to exit)")
    cpus: dict[str, list[float]] = {name: [] for name, _ in rows}
    walls: dict[str, list[float]] = {name: [] for name, _ in rows}
    for _ in range(args.runs):  # interleaved, so a burst of load on the machine hits every row
        for name, cmd in rows:
            wall, cpu = timed(cmd, 1)
            walls[name] += wall
            cpus[name] += cpu
    for name, _ in rows:
        cpu, wall = cpus[name], walls[name]
        print(f"  {name:<48} process median {statistics.median(cpu):.3f} min {min(cpu):.3f}"
              f"   wall median {statistics.median(wall):.3f} min {min(wall):.3f}")
    base = statistics.median(cpus[rows[2][0]])
    for name, _ in rows[:2]:
        print(f"ratio {name} / plain difflib: {statistics.median(cpus[name]) / base:.1f}x (goal: at most 8x)")


if __name__ == "__main__":
    main()
