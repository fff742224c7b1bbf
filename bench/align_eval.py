"""Alignment quality on the gold set: evolve against the plain baseline, and a parameter sweep.

    .venv/bin/python bench/align_eval.py            # scores with the defaults
    .venv/bin/python bench/align_eval.py --sweep    # try thresholds and weights

Prints, per seed pair and overall: link precision and recall (of the links shown as
correspondences, and of every correspondence, "closest, not matched" included), the share of provisions with a
counterpart whose predicted counterpart is right, and the share of provisions without one that
were left unmatched.
"""

from __future__ import annotations

import argparse
import itertools
import sys
from pathlib import Path

# Measure the checkout this script is in, not whichever evolve the venv has installed.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from evolve.align import align
from evolve.align.gold import baseline, evaluate_all, predicted, read_gold
from evolve.corpus import load_corpus

GOLD = Path(__file__).resolve().parent.parent / "tests" / "gold" / "alignment.csv"


def show(name: str, result: dict) -> None:  # type: ignore[type-arg]
    o = result["overall"]
    print(
        f"{name:<34} P {o.precision:.3f}  R {o.recall:.3f}  counterpart-acc {o.counterpart_accuracy:.3f}"
        f"  no-counterpart-acc {o.no_counterpart_accuracy:.3f}  {o.counts}"
    )


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sweep", action="store_true")
    ap.add_argument("--pairs", action="store_true", help="print each pair's scores")
    args = ap.parse_args()
    gold = read_gold(GOLD)
    docs = {d.id: d for d in load_corpus()}
    alignments = {}

    def aligned(a, b):  # type: ignore[no-untyped-def]
        if (a.id, b.id) not in alignments:
            alignments[(a.id, b.id)] = align(a, b)
        return alignments[(a.id, b.id)]

    for sure in (False, True):
        tag = " [sure links]" if sure else ""
        show("baseline char 2-3gram best match" + tag, evaluate_all(gold, docs, baseline, sure_only=sure))

        res = evaluate_all(gold, docs, lambda a, b: predicted(aligned(a, b)), sure_only=sure)
        show("evolve (shown as matches)" + tag, res)
        show("evolve (closest included)" + tag,
             evaluate_all(gold, docs, lambda a, b: predicted(aligned(a, b), shown_only=False), sure_only=sure))
    if args.pairs:
        for name, sc in res["pairs"].items():
            print(
                f"  {name:<32} P {sc.precision:.3f} R {sc.recall:.3f} cp {sc.counterpart_accuracy:.3f} "
                f"none {sc.no_counterpart_accuracy:.3f} {sc.counts}"
            )
    if args.sweep:
        for ms, mr in itertools.product((1.5, 2.0, 2.5, 3.0), (0.6, 0.75, 0.9)):
            r = evaluate_all(
                gold, docs, lambda a, b, ms=ms, mr=mr: predicted(align(a, b, min_score=ms, merge_ratio=mr))
            )
            show(f"min_score={ms} merge_ratio={mr}", r)


if __name__ == "__main__":
    main()
