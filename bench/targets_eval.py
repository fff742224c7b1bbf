"""Score ``evolve targets`` on the gold lists of tests/gold/: the seed plans' commitments
(precision, recall) and the work reports' main expected targets per year (accuracy).

    .venv/bin/python bench/targets_eval.py [WORK_REPORT_DIR …]

Work reports default to /work/shared/corpora/work-reports (1978–2012) and the excerpts in
tests/data/work_reports_later (2016–2024, written for the tests).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from evolve.corpus import resolve
from evolve.parse import parse_file
from evolve.series import document_year
from evolve.targets import extract_targets
from evolve.targets.gold import read_seed_gold, read_year_gold, score_seed_targets, year_errors

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ("xianning-2016", "ningxia-2017", "qingdao-2022", "zhaoqing-2024", "jinzhou-14th-fyp")


def show_errors(score) -> None:  # type: ignore[no-untyped-def]
    """The gold targets missed and the targets found that no gold target supports."""
    for g in score.missed:
        print(f"  missed   {g.doc} {g.value:g}{g.unit} {g.indicator}")
    for t in score.spurious:
        print(f"  spurious {t.doc} {t.value:g}{t.unit} {t.indicator} | {t.phrase}")


def main(argv: list[str]) -> None:
    start = time.perf_counter()
    targets = [t for d in SEEDS for t in extract_targets(resolve(d))]
    s = score_seed_targets(targets, read_seed_gold(ROOT / "tests/gold/seed_targets.csv"))
    print(f"seeds: {s.found} found, {s.gold} gold, {s.matched} matched: precision {s.precision:.3f}, "
          f"recall {s.recall:.3f}; {s.outcomes} gold targets called outcomes")
    show_errors(s)
    heldout = [t for f in sorted((ROOT / "tests/data/heldout").glob("*.txt")) for t in extract_targets(parse_file(f))]
    h = score_seed_targets(heldout, read_seed_gold(ROOT / "tests/gold/heldout_targets.csv"))
    print(f"held-out plans: {h.found} found, {h.gold} gold, {h.matched} matched: precision {h.precision:.3f}, "
          f"recall {h.recall:.3f}; kind right for {h.matched - h.wrong_kind} of {h.matched}")
    show_errors(h)
    dirs = [Path(a) for a in argv] or [Path("/work/shared/corpora/work-reports"),
                                      ROOT / "tests/data/work_reports_later"]
    gold = read_year_gold(ROOT / "tests/gold/work_report_targets.csv")
    right = total = 0
    for folder in dirs:
        for f in sorted(folder.glob("*.txt")):
            doc = parse_file(f)
            year = document_year(doc)
            if year is None:
                continue
            errors = year_errors(extract_targets(doc), year, gold.get(year, {}))
            total += 1
            right += not errors
            print(f"{year}: {'ok' if not errors else '; '.join(errors)}")
    print(f"work reports: {right}/{total} years right ({right / total:.1%}); "
          f"{time.perf_counter() - start:.1f} s in all")


if __name__ == "__main__":
    main(sys.argv[1:])
