"""Timing of the series commands (not a test): ``evolve lineage`` over a series of work reports,
and target extraction over a thousand documents, each beside a simple baseline in the same run.

    .venv/bin/python bench/series_bench.py [--reports DIR] [--count 30] [--targets 1000] [--targets-only]

Lineage: the N first work reports of DIR (default the shared corpus, 1978–2012), with skip-one
alignments (the default) and without (``--no-skip``: only consecutive pairs, the baseline).
Targets: ``extract_targets`` over the seeds and the work reports repeated up to ``--targets``
documents, against a bare regular expression that finds numbers with a unit in the same texts.
"""

from __future__ import annotations

import argparse
import re
import time
from pathlib import Path

from evolve.corpus import BUNDLED, load_corpus
from evolve.lineage import build_lineage
from evolve.parse import parse_file
from evolve.targets import extract_targets

BARE = re.compile(r"\d+(?:\.\d+)?(?:万|亿)?(?:%|个|家|人|元|项|座|吨|亩)")


def _timed(fn):  # type: ignore[no-untyped-def]
    wall, cpu = time.perf_counter(), time.process_time()
    out = fn()
    return out, time.perf_counter() - wall, time.process_time() - cpu


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--reports", default="/work/shared/corpora/work-reports")
    ap.add_argument("--count", type=int, default=30)
    ap.add_argument("--targets", type=int, default=1000)
    ap.add_argument("--targets-only", action="store_true", help="Time the targets only.")
    args = ap.parse_args()
    reports = [parse_file(p) for p in sorted(Path(args.reports).glob("*.txt"))[: args.count]]
    provisions = sum(len(d.provisions) for d in reports)
    print(f"{len(reports)} work reports, {provisions} provisions")
    if not args.targets_only:
        lineage_bench(reports)
    targets_bench(reports, args.targets)


def lineage_bench(reports: list) -> None:  # type: ignore[type-arg]
    lineage, wall, cpu = _timed(lambda: build_lineage(reports))
    print(f"lineage with skip-one links: {wall:.1f} s wall, {cpu:.1f} s CPU, {lineage.stats['alignments']} "
          f"alignments, {sum(c.present > 1 for c in lineage.chains)} chains")
    base, wall, cpu = _timed(lambda: build_lineage(reports, skip=False))
    print(f"baseline, consecutive pairs only: {wall:.1f} s wall, {cpu:.1f} s CPU, "
          f"{base.stats['alignments']} alignments")


def targets_bench(reports: list, count: int) -> None:  # type: ignore[type-arg]
    pool = list(load_corpus(BUNDLED)) + reports
    docs = [pool[k % len(pool)] for k in range(count)]
    found, wall, cpu = _timed(lambda: sum(len(extract_targets(d)) for d in docs))
    print(f"targets over {len(docs)} documents: {found} figures, {wall:.1f} s wall, {cpu:.1f} s CPU "
          f"({len(docs) / wall:.0f} documents/s)")
    bare, wall, cpu = _timed(lambda: sum(len(BARE.findall(d.text)) for d in docs))
    print(f"baseline, one bare regular expression: {bare} matches, {wall:.2f} s wall")


if __name__ == "__main__":
    main()
