"""Recurring paragraphs of the State Council's work reports: linked from one year to the next?

    .venv/bin/python bench/work_report_links.py [FOLDER]   # default ../shared/corpora/work-reports

Prints, for consecutive reports: whether the paragraphs that set each year's main targets (hand
list: tests/gold/main_targets_paragraphs.csv) are linked by a correspondence shown as one; how
many paragraphs with the same topic sentence in both years (said once in each) are linked; and
precision and recall against the hand-judged links of tests/gold/work_report_links.csv (1998→1999,
2005→2006, 2010→2011, 2011→2012), next to the plain baseline (character 2-3-gram TF-IDF, best
match per paragraph).
"""

from __future__ import annotations

import csv
import itertools
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from evolve.align import align  # noqa: E402
from evolve.align.gold import (  # noqa: E402
    evaluate,
    find_quoted,
    predicted_ids,
    read_quote_gold,
)
from evolve.parse import parse_file  # noqa: E402

GOLD = ROOT / "tests" / "gold"


def same_topic_pairs(a, b):  # type: ignore[no-untyped-def]
    """(id in a, id in b) of paragraphs whose topic sentence is said once in each report."""
    def topics(d):  # type: ignore[no-untyped-def]
        seen: dict[str, list[str]] = {}
        for p in d.provisions:
            if p.heading and p.text and p.kind != "formula":
                seen.setdefault(p.heading, []).append(p.id)
        return {h: v[0] for h, v in seen.items() if len(v) == 1}

    ta, tb = topics(a), topics(b)
    return [(ta[h], tb[h]) for h in ta if h in tb]


def main() -> None:
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "corpora" / "work-reports"
    years = sorted(int(f.stem) for f in folder.glob("*.txt") if f.stem.isdigit() and int(f.stem) >= 1998)
    docs = {str(y): parse_file(folder / f"{y}.txt") for y in years}
    with open(GOLD / "main_targets_paragraphs.csv", encoding="utf-8", newline="") as fh:
        targets = {r["year"]: find_quoted(docs[r["year"]], r["quote"]).id for r in csv.DictReader(fh)
                   if r["year"] in docs}
    linked_targets = pairs_targets = same_total = same_linked = 0
    alignments = {}
    for a, b in itertools.pairwise(years):
        if b - a != 1:
            continue
        sa, sb = str(a), str(b)
        start = time.perf_counter()
        al = align(docs[sa], docs[sb])
        alignments[(sa, sb)] = al
        links, _ = predicted_ids(al)
        same = same_topic_pairs(docs[sa], docs[sb])
        ok_same = sum(1 for s in same if s in links)
        same_total += len(same)
        same_linked += ok_same
        line = f"{sa}→{sb}: same topic sentence {ok_same}/{len(same)}"
        if sa in targets and sb in targets:
            hit = (targets[sa], targets[sb]) in links
            pairs_targets += 1
            linked_targets += hit
            line += f"; main targets {targets[sa]}→{targets[sb]} {'linked' if hit else 'NOT linked'}"
        print(line + f" ({time.perf_counter() - start:.1f} s)")
    print(f"main-targets paragraphs linked: {linked_targets}/{pairs_targets}; "
          f"same topic sentence linked: {same_linked}/{same_total}")
    gold = read_quote_gold(GOLD / "work_report_links.csv", docs)
    for key, g in sorted(gold.items()):
        al = alignments.get(key) or align(docs[key[0]], docs[key[1]])
        for name, pred in (("evolve (shown as matches)", predicted_ids(al)),
                           ("evolve (closest included)", predicted_ids(al, shown_only=False)),
                           ("baseline", _baseline_ids(docs[key[0]], docs[key[1]]))):
            sc = evaluate(pred, g)
            sure = evaluate(pred, g, sure_only=True)
            print(f"{key[0]}→{key[1]} {name:<26} P {sc.precision:.3f}  R {sc.recall:.3f}  "
                  f"R sure {sure.recall:.3f}  counterpart {sc.counterpart_accuracy:.3f}  "
                  f"none {sc.no_counterpart_accuracy:.3f}  {sc.counts}")


def _baseline_ids(a, b, baseline=None):  # type: ignore[no-untyped-def]
    """The plain baseline by provision id: character 2-3-gram TF-IDF cosine, each paragraph's best
    match (both directions), formulas left out."""
    from evolve.align.features import build_space, char_features, vectors
    from evolve.align.gold import _answers_from_links

    src = [p for p in a.provisions if p.kind != "formula"]
    tgt = [p for p in b.provisions if p.kind != "formula"]
    feats = [char_features(p.full_text) for p in [*src, *tgt]]
    v = vectors(feats, build_space(feats))
    s = v[: len(src)] @ v[len(src):].T
    ids = {(p.id, tgt[int(s[i].argmax())].id) for i, p in enumerate(src)}
    ids |= {(src[int(s[:, j].argmax())].id, q.id) for j, q in enumerate(tgt)}
    return ids, _answers_from_links(ids)


if __name__ == "__main__":
    main()
