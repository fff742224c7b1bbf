"""Leave-one-pair-out check of the grouping parameters fitted on the gold set.

    .venv/bin/python bench/align_lopo.py

For each of the four seed pairs, picks (typical_floor, standout, leftovers_by, min_relative,
merge_ratio) on the other three: the highest counterpart agreement among the settings no worse
than the defaults of before (no typical floor, no standout joins, leftovers strongest first, 2.0,
0.7) on sure-link agreement, precision and no-counterpart accuracy; then scores the held-out
pair with it. Prints the in-sample scores of
the defaults and the micro-averaged held-out scores. Refit by changing the grid below.
"""

from __future__ import annotations

import itertools
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from evolve.align import group
from evolve.align.gold import GoldPair, evaluate, provision_key, read_gold
from evolve.align.score import score as score_pairs
from evolve.corpus import load_corpus

GOLD = Path(__file__).resolve().parent.parent / "tests" / "gold" / "alignment.csv"
GRID = list(itertools.product((0.0, 0.5, 0.6, 0.65, 0.7, 0.75, 0.8), (99.0, 2.5, 3.0), ("score", "relative"),
                              (1.75, 2.0, 2.25), (0.6, 0.7, 0.8)))
OLD = (0.0, 99.0, "score", 2.0, 0.7)  # before: no typical floor, no standout joins, strongest first
NEW = (group.TYPICAL_FLOOR, group.STANDOUT, "relative", group.MIN_RELATIVE, group.MERGE_RATIO)


def main() -> None:
    gold = read_gold(GOLD)
    docs = {d.id: d for d in load_corpus()}
    pairs = []
    for (sa, sb), g in sorted(gold.items()):
        src = [p for p in docs[sa].provisions if p.kind == "item"]
        tgt = [p for p in docs[sb].provisions if p.kind == "item"]
        sc = score_pairs(src, tgt)
        pairs.append((f"{sa}>{sb}:", g, sc, [provision_key(p, docs[sa]) for p in src],
                      [provision_key(p, docs[sb]) for p in tgt]))
    links = {}
    for setting in [*GRID, NEW]:
        f, z, by, mr, ratio = setting
        links[setting] = [
            {(ka[i], kb[j]) for gr in group.find_groups(sc.combined, sc.relative, min_relative=mr, merge_ratio=ratio,
                                                      typical_floor=f, standout=z, leftovers_by=by)
             for i in gr.source for j in gr.target}
            for _, _, sc, ka, kb in pairs]

    def scores(preds: list[set[tuple[str, str]]], which: set[int]) -> tuple[float, ...]:
        total, got = GoldPair("*", "*"), set()
        for k, (tag, g, *_rest) in enumerate(pairs):
            if k not in which:
                continue
            total.links |= {(tag + s, tag + t) for s, t in g.links}
            total.sure |= {(tag + s, tag + t) for s, t in g.sure}
            total.sources |= {tag + s for s in g.sources}
            total.targets |= {tag + t for t in g.targets}
            got |= {(tag + s, tag + t) for s, t in preds[k]}
        answers: dict[tuple[int, str], set[str]] = {}
        for s, t in got:
            answers.setdefault((0, s), set()).add(t)
            answers.setdefault((1, t), set()).add(s)
        a, b = evaluate((got, answers), total), evaluate((got, answers), total, sure_only=True)
        return a.counterpart_accuracy, b.counterpart_accuracy, a.precision, a.no_counterpart_accuracy

    every = set(range(len(pairs)))
    fmt = "agreement {:.3f}  sure-link agreement {:.3f}  precision {:.3f}  no-counterpart {:.3f}"
    print("old defaults, in sample:", fmt.format(*scores(links[OLD], every)))
    print("new defaults, in sample:", fmt.format(*scores(links[NEW], every)))
    held_out: list[set[tuple[str, str]]] = [set() for _ in pairs]
    for t in range(len(pairs)):
        train = every - {t}
        ref = scores(links[OLD], train)
        ok = [(scores(links[s], train), s) for s in GRID]
        ok = [(r, s) for r, s in ok if r[1] >= ref[1] and r[2] >= ref[2] and r[3] >= ref[3]]
        _, best = max(ok, key=lambda x: x[0][0])
        held_out[t] = links[best][t]
        print(f"  held out {pairs[t][0][:-1]:<28} chosen {best}  ", fmt.format(*scores(links[best], {t})))
    print("leave-one-pair-out:     ", fmt.format(*scores(held_out, every)))


if __name__ == "__main__":
    main()
