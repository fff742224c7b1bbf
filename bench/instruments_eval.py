"""Scores of the policy-instrument coders on the hand-coded set (tests/gold/instruments.csv).

    python bench/instruments_eval.py            # the README table
    python bench/instruments_eval.py --errors   # also list the rule coder's misses
    python bench/instruments_eval.py --prior-only --sets 4,5,6,4-6 --leave-out 7   # as before batch 7

Prints, on the same sentences:
- the rule coder (shipped codebook): family accuracy over the instrument sentences (the issue's
  measure: a sentence coded supply/environment/demand by hand, put in the right family), and
  accuracy over all four labels;
- a keyword baseline: a dozen words per family, the family with most hits (none without a hit);
- the learned model (char 1-4-grams, word 1-2-grams, codebook features) and a plain char 1-3-gram
  logistic regression, both cross-validated with folds grouped by document (GroupKFold, 5 folds)
  and by the issue's protocol (learned from half of the documents, scored on the other half, 5
  random halvings both ways, with the spread over the 10 runs): accuracy over
  supply/environment/demand/none and F1 per family;
- the learned model trained on every other batch and scored on each batch coded after the cues of
  its time (4, 5, 6): the figure closest to a held-out set;
- the prior (``evolve/instruments/prior.py``) on held-out material: each set of ``--sets`` (batches
  4, 5, 6, the three together, and 7) split by document into halves, learned from one half and scored on the
  other (5 random halvings, both ways), with no prior, with the prior at each weight of
  ``--prior-weights``, and with the prior alone; the prior is built from the other batches'
  sentences only, leaving out every document of the batch scored.

``--leave-out BATCHES`` drops those batches before anything (they are neither scored nor in any
prior): ``--leave-out 7`` gives the figures as they were before batch 7 was coded.
"""

from __future__ import annotations

import argparse
import csv
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from _held_out import batch_set, leave_out  # noqa: E402

from evolve.instruments import code_sentences  # noqa: E402
from evolve.instruments.codebook import load_codebook  # noqa: E402
from evolve.instruments.learn import FITS, fit_model, halves, scores, train  # noqa: E402
from evolve.instruments.prior import GoldSentence, build_prior  # noqa: E402

FAMILIES = ("supply", "environment", "demand", "none")
SEEDS = (0, 1, 2, 3)
#: the "quick keyword list" of the issue: a few words per family, most hits wins
KEYWORDS = {
    "supply": ("人才", "培训", "资金", "补贴", "研发", "技术", "平台", "基础设施", "建设", "服务"),
    "environment": ("规划", "目标", "金融", "贷款", "税", "法规", "标准", "监管", "制度", "机制", "考核", "宣传"),
    "demand": ("采购", "外包", "出口", "外贸", "国际", "示范", "试点", "推广", "消费"),
}


def keyword_family(text: str) -> str:
    hits = {f: sum(text.count(w) for w in ws) for f, ws in KEYWORDS.items()}
    best = max(hits, key=lambda f: hits[f])
    return best if hits[best] else "none"


def family_scores(gold: list[str], pred: list[str]) -> tuple[float, float, int]:
    inst = [(g, p) for g, p in zip(gold, pred, strict=True) if g != "none"]
    fam = sum(g == p for g, p in inst) / len(inst)
    acc = sum(g == p for g, p in zip(gold, pred, strict=True)) / len(gold)
    return fam, acc, len(inst)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--gold", default=str(ROOT / "tests" / "gold" / "instruments.csv"))
    ap.add_argument("--errors", action="store_true")
    ap.add_argument("--prior-weights", default="0.3,0.5,1.0", help="the prior's weights to try (comma-separated)")
    ap.add_argument("--prior-only", action="store_true", help="only the prior's section")
    ap.add_argument("--sets", default="4,5,6,4-6,7",
                    help="the prior section's held-out sets: batches or ranges, comma-separated")
    ap.add_argument("--leave-out", default="", metavar="BATCHES",
                    help="batches (comma-separated, ranges allowed) dropped before anything: neither scored nor "
                         "in the prior (--leave-out 7: the figures without batch 7)")
    args = ap.parse_args()
    try:
        sets = [(s, batch_set(s)) for s in args.sets.split(",") if s]
        with open(args.gold, encoding="utf-8") as fh:
            rows = leave_out(list(csv.DictReader(fh)), args.leave_out)
    except ValueError as e:
        sys.exit(str(e))
    texts = [r["text"] for r in rows]
    gold = [r["category"] for r in rows]
    docs = [r["doc"] for r in rows]
    if args.prior_only:
        prior_section(rows, [float(w) for w in args.prior_weights.split(",")], sets)
        return
    print(
        f"{len(rows)} sentences from {len(set(docs))} documents; " + ", ".join(f"{f} {gold.count(f)}" for f in FAMILIES)
    )
    coded = code_sentences(texts)
    rule = list(coded["category"])
    kw = [keyword_family(t) for t in texts]
    for name, pred in (("rule coder (codebook)", rule), ("keyword baseline", kw)):
        fam, acc, n = family_scores(gold, pred)
        print(f"{name:<26} family accuracy on the {n} instrument sentences {fam:.3f}; 4-label accuracy {acc:.3f}")
    with_sections = list(code_sentences(texts, sections=[r["section"] for r in rows])["category"])
    fam, acc, n = family_scores(gold, with_sections)
    print(f"{'rule coder with sections':<26} family accuracy {fam:.3f}; 4-label accuracy {acc:.3f}")
    # batches 2 on were coded after the cues of their time were frozen (6: the local support genre)
    for batch in sorted({r.get("batch", "") for r in rows} - {"", "1"}):
        fresh = [i for i, r in enumerate(rows) if r.get("batch") == batch]
        for name, pred in ((f"rule coder, batch {batch}", rule), (f"  with sections, batch {batch}", with_sections),
                           (f"keyword baseline, batch {batch}", kw)):
            fam, acc, n = family_scores([gold[i] for i in fresh], [pred[i] for i in fresh])
            print(f"{name:<26} family accuracy on {n} instrument sentences {fam:.3f}; 4-label accuracy {acc:.3f}")
    t0 = time.perf_counter()
    res = train(texts, gold, groups=docs, folds=5, baseline=True)
    print(f"cross-validated by document ({res.folds} folds, {time.perf_counter() - t0:.1f} s); probabilities "
          f"calibrated with temperature {res.temperature:g}: mean probability of the predicted label "
          f"{res.confidence_uncalibrated:.3f} -> {res.confidence:.3f}, accuracy {res.accuracy:.3f}")
    base = {p["label"]: p for p in res.baseline["per_label"]}  # type: ignore[index]
    print(f"{'':<26} {'accuracy':>8} {'F1 supply':>10} {'F1 environment':>15} {'F1 demand':>10} {'F1 none':>8}")
    learned = {p["label"]: p for p in res.per_label}
    for name, acc, per in (
        ("learned (n-grams+codebook)", res.accuracy, learned),
        ("plain char n-gram LR", res.baseline["accuracy"], base),
    ):  # type: ignore[index]
        print(
            f"{name:<26} {acc:>8.3f} "
            + " ".join(f"{per[f]['f1']:>{w}.3f}" for f, w in zip(FAMILIES, (10, 15, 10, 8), strict=True))
        )
    # the protocol: learn from the labels of half of the documents, score the other half
    print("learned from half of the documents, scored on the other half (5 random halvings, both ways):")
    for name, cb in (("learned (n-grams+codebook)", load_codebook()), ("plain char n-gram LR", None)):
        h = halves(texts, gold, docs, codebook=cb, rounds=5)
        print(
            f"{name:<26} {h['accuracy']:>8.3f} "
            + " ".join(f"{h['f1'].get(f, 0.0):>{w}.3f}" for f, w in zip(FAMILIES, (10, 15, 10, 8), strict=True))
        )
        print(
            f"{'  spread (sd over runs)':<26} {h['accuracy_sd']:>8.3f} "
            + " ".join(f"{h['f1_sd'].get(f, 0.0):>{w}.3f}" for f, w in zip(FAMILIES, (10, 15, 10, 8), strict=True))
        )
        print(f"{'  mean top probability':<26} {h['confidence']:>8.3f} (uncalibrated fits: beside the accuracy)")
    # each batch coded after the cues of its time (4 on): learned from every other batch, scored on it
    # one fit moved by a few points with the solver's seed: the model averages FITS fits (seeds
    # s * FITS …), and the figures are the mean over SEEDS, and the range
    print(f"learned from the other batches, scored on one batch (mean over the solver's seeds {SEEDS}; "
          "accuracy range in brackets):")
    for batch in sorted({r.get("batch", "") for r in rows} - {"", "1", "2", "3"}):
        test = [i for i, r in enumerate(rows) if r.get("batch") == batch]
        rest = [i for i, r in enumerate(rows) if r.get("batch") != batch]
        for name, cb in (("learned", load_codebook()), ("plain LR", None)):
            runs = []
            for seed in SEEDS:
                m = fit_model([texts[i] for i in rest], [gold[i] for i in rest], cb, seed=seed * FITS)
                pred, _ = m.predict([texts[i] for i in test])
                acc, per, _ = scores([gold[i] for i in test], pred)
                runs.append((acc, {p["label"]: p["f1"] for p in per}))
            acc = sum(a for a, _ in runs) / len(runs)
            f1 = {f: sum(r.get(f, 0.0) for _, r in runs) / len(runs) for f in FAMILIES}
            lo, hi = min(a for a, _ in runs), max(a for a, _ in runs)
            print(
                f"{f'{name}, batch {batch}':<26} {acc:>8.3f} "
                + " ".join(f"{f1.get(f, 0.0):>{w}.3f}" for f, w in zip(FAMILIES, (10, 15, 10, 8), strict=True))
                + f"  [{lo:.3f}–{hi:.3f}]"
            )
    prior_section(rows, [float(w) for w in args.prior_weights.split(",")], sets)
    if args.errors:
        for r, p, t, ev in zip(rows, rule, coded["tool"], coded["evidence"], strict=True):
            if p != r["category"]:
                print(f"{r['id']} {r['category']}/{r['tool']} -> {p}/{t} [{ev}] {r['text'][:60]}")


def prior_section(rows: list[dict[str, str]], weights: list[float], sets: list[tuple[str, set[str]]],
                  rounds: int = 5) -> None:
    """Each held-out batch split by document into halves: no prior, the prior at each weight, the
    prior alone; the prior never holds a sentence of the batch scored, nor of its documents."""
    import random

    import numpy as np

    cb = load_codebook()
    print(f"the prior on held-out batches: learned from half of a batch's documents, scored on the other half "
          f"({rounds} random halvings, both ways); the prior from the other batches, without the batch's documents")
    print(f"{'':<30} {'accuracy':>8} {'F1 supply':>10} {'F1 environment':>15}")
    for name, batches in sets:
        user = [r for r in rows if r["batch"] in batches]
        if not user:
            print(f"batch {name}: no sentences")
            continue
        udocs = {r["doc"] for r in user}
        other = [GoldSentence(r["id"], r["doc"], r["text"], r["category"], r["tool"], r["batch"])
                 for r in rows if r["batch"] not in batches and r["doc"] not in udocs]
        t, y, d = [r["text"] for r in user], [r["category"] for r in user], [r["doc"] for r in user]
        print(f"batch {name}: {len(user)} sentences of {len(udocs)} documents; prior {len(other)} sentences")
        for w in (0.0, *weights):
            prior = build_prior(y, t, codebook=cb, gold=other, weight=w) if w else None
            h = halves(t, y, d, codebook=cb, rounds=rounds, prior=prior)
            label = "  no prior" if not w else f"  prior at weight {w:g}"
            print(f"{label:<30} {h['accuracy']:>8.3f} {h['f1'].get('supply', 0.0):>10.3f} "
                  f"{h['f1'].get('environment', 0.0):>15.3f}")
        # the prior alone, scored on the same halves
        m = fit_model([g.text for g in other], [g.category for g in other], cb)
        docs = sorted(udocs)
        res = []
        for r in range(rounds):
            order = docs[:]
            random.Random(r).shuffle(order)
            first = set(order[: len(order) // 2])
            for half in ([i for i, g in enumerate(d) if g in first], [i for i, g in enumerate(d) if g not in first]):
                pred, _ = m.predict([t[i] for i in half])
                acc, per, _ = scores([y[i] for i in half], pred)
                f1 = {p["label"]: p["f1"] for p in per}
                res.append((acc, f1.get("supply", 0.0), f1.get("environment", 0.0)))
        a = np.mean(np.array(res), axis=0)
        print(f"{'  prior alone':<30} {a[0]:>8.3f} {a[1]:>10.3f} {a[2]:>15.3f}")


if __name__ == "__main__":
    main()
