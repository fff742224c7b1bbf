"""Score ``evolve targets`` on the gold lists of tests/gold/: the seed plans' commitments
(precision, recall) and the work reports' main expected targets per year (accuracy).

    .venv/bin/python bench/targets_eval.py [WORK_REPORT_DIR …]

Work reports default to /work/shared/corpora/work-reports (1978–2012) and the excerpts in
tests/data/work_reports_later (2016–2024, written for the tests). Then the provincial (2026) and
city (2024) work reports of /work/shared/corpora against tests/gold/provincial_targets.csv and
city_targets.csv: per indicator, the reports whose target of their own year is right (kind
target, target_year, value, range and unit; no other value for it; none found where none is set).

    .venv/bin/python bench/targets_eval.py --reports   # only the provincial and city reports
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from evolve.corpus import resolve
from evolve.parse import parse_file
from evolve.series import document_year
from evolve.targets import extract_targets
from evolve.targets.gold import (
    read_report_gold,
    read_seed_gold,
    read_year_gold,
    report_error,
    score_seed_targets,
    year_errors,
)

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ("xianning-2016", "ningxia-2017", "qingdao-2022", "zhaoqing-2024", "jinzhou-14th-fyp")
SHARED = Path("/work/shared/corpora")
#: (name, gold file, folder, file pattern) of the real provincial and city work reports
REPORTS = (("provincial", "provincial_targets.csv", SHARED / "provincial-2026", "2026_*.csv"),
           ("city", "city_targets.csv", SHARED / "city-reports-2024", "*.txt"))


def score_reports(verbose: bool = True, folder: Path | None = None) -> dict[str, dict[str, tuple[int, int]]]:
    """{collection: {key: (right, reports)}} on the real provincial and city reports (or on their
    excerpts in ``folder``: tests/data/report_targets)."""
    out: dict[str, dict[str, tuple[int, int]]] = {}
    for name, gold_file, whole, pattern in REPORTS:
        folder_ = folder or whole
        gold = read_report_gold(ROOT / "tests/gold" / gold_file)
        found = {f.stem: extract_targets(parse_file(f)) for f in sorted(folder_.glob(pattern))}
        scores: dict[str, list[int]] = {}
        qualifiers = [0, 0]
        for g in gold:
            error = report_error(found.get(g.doc, []), g) if g.doc in found else f"{g.doc}: no such file"
            right = scores.setdefault(g.key, [0, 0])
            right[0] += not error
            right[1] += 1
            if not error and g.value is not None:
                t = next(t for t in found[g.doc] if t.key == g.key and t.kind == "target"
                         and t.target_year == g.year and not t.stretch)
                qualifiers[0] += t.qualifier == g.qualifier
                qualifiers[1] += 1
            if error and verbose:
                print(f"  {name} {g.doc}: {error}")
        out[name] = {k: (a, b) for k, (a, b) in scores.items()}
        shown = ", ".join(f"{k} {a}/{b} ({a / b:.0%})" for k, (a, b) in scores.items())
        print(f"{name} reports ({len(found)}): {shown}"
              f"; qualifier as written for {qualifiers[0]} of {qualifiers[1]} right values")
    return out


def show_errors(score) -> None:  # type: ignore[no-untyped-def]
    """The gold targets missed and the targets found that no gold target supports."""
    for g in score.missed:
        print(f"  missed   {g.doc} {g.value:g}{g.unit} {g.indicator}")
    for t in score.spurious:
        print(f"  spurious {t.doc} {t.value:g}{t.unit} {t.indicator} | {t.phrase}")


def main(argv: list[str]) -> None:
    start = time.perf_counter()
    if argv[:1] == ["--reports"]:
        score_reports(folder=Path(argv[1]) if argv[1:] else None)
        print(f"{time.perf_counter() - start:.1f} s")
        return
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
    print(f"work reports: {right}/{total} years right ({right / total:.1%})")
    score_reports()
    print(f"{time.perf_counter() - start:.1f} s in all")


if __name__ == "__main__":
    main(sys.argv[1:])
