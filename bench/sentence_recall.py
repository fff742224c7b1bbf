"""How many of the near-verbatim sentence pairs of two texts `evolve align` links.

    .venv/bin/python bench/sentence_recall.py                  # consecutive State Council reports
    .venv/bin/python bench/sentence_recall.py A.txt B.txt ...  # consecutive pairs of these files

Brute force: every sentence (each provision's heading, such as a paragraph's topic sentence, and
its clauses) of A against every sentence of B (rapidfuzz ratio on the clauses as
written, a pair counts at 80 or above). A pair is linked when `align()` pairs those two clauses,
inside a correspondence or as a moved sentence. Prints per pair the provisions, clauses, brute
force pairs, linked pairs, recall and the seconds `align()` took, with the totals.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from evolve.align import align
from evolve.parse import parse_file
from evolve.records import Alignment, Document

REPORTS = Path("/work/shared/corpora/work-reports")
PAIRS = [(2008, 2009), (2009, 2010), (2010, 2011), (2011, 2012), (1998, 1999), (2003, 2004),
         (1987, 1988), (1993, 1994)]
NEAR_VERBATIM = 80


def brute_force(a: Document, b: Document, *, cutoff: float = NEAR_VERBATIM) -> set[tuple[str, str]]:
    """Every (clause of A, clause of B) pair at ``cutoff`` or above, one rapidfuzz call per pair."""
    from rapidfuzz import fuzz

    ca = [c for p in a.provisions for c in (p.heading, *p.clauses) if c]
    cb = [c for p in b.provisions for c in (p.heading, *p.clauses) if c]
    return {(_bare(x), _bare(y)) for x in ca for y in cb if fuzz.ratio(x, y) >= cutoff}


_TRAILING = re.compile(r"[。;;,, ]+$")


def _bare(sentence: str) -> str:
    # a heading listed as a sentence of its item carries a full stop ("推进财税体制改革。")
    return _TRAILING.sub("", sentence)


def linked(al: Alignment) -> set[tuple[str, str]]:
    """The clause pairs an alignment links: in its correspondences and among moved sentences."""
    pairs = [(cp.source, cp.target) for m in al.matches for cp in m.clauses if cp.source and cp.target]
    pairs += [(cp.source, cp.target) for cp in al.moved if cp.source and cp.target]
    return {(_bare(x), _bare(y)) for x, y in pairs}


def measure(a: Document, b: Document) -> dict[str, float]:
    brute = brute_force(a, b)
    t = time.process_time()
    al = align(a, b)
    seconds = time.process_time() - t
    found = brute & linked(al)
    return {"provisions_a": len(a.provisions), "provisions_b": len(b.provisions),
            "clauses_a": sum(len(p.clauses) for p in a.provisions),
            "clauses_b": sum(len(p.clauses) for p in b.provisions),
            "brute": len(brute), "linked": len(found), "moved": len(al.moved),
            "recall": len(found) / len(brute) if brute else 1.0, "seconds": seconds}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("files", nargs="*")
    args = ap.parse_args()
    if args.files:
        pairs = list(zip(args.files, args.files[1:], strict=False))
    else:
        pairs = [(str(REPORTS / f"{x}.txt"), str(REPORTS / f"{y}.txt")) for x, y in PAIRS]
    total_b = total_l = 0
    print(f"{'pair':<24} {'prov':>9} {'clauses':>9} {'brute':>6} {'linked':>6} {'moved':>5}"
          f" {'recall':>7} {'align s':>7}")
    for fa, fb in pairs:
        r = measure(parse_file(fa), parse_file(fb))
        total_b += int(r["brute"])
        total_l += int(r["linked"])
        name = f"{Path(fa).stem}→{Path(fb).stem}"
        print(f"{name:<24} {r['provisions_a']:>4}→{r['provisions_b']:<4} {r['clauses_a']:>4}→{r['clauses_b']:<4}"
              f" {r['brute']:>6} {r['linked']:>6} {r['moved']:>5} {r['recall']:>7.3f} {r['seconds']:>7.2f}")
    print(f"{'all pairs':<24} {'':>9} {'':>9} {total_b:>6} {total_l:>6} {'':>5} {total_l / max(1, total_b):>7.3f}")


if __name__ == "__main__":
    main()
