"""Evaluation of alignments against a gold set of judged correspondences (tests/gold/).

The gold CSV has ``source_doc, target_doc, source, target, confidence, note``; a provision is
named by its key (label + heading, see ``provision_key``); an empty side means "no counterpart".
"""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import field
from pathlib import Path
from typing import Any

from ..dataclass_code import dataclass
from ..lazy_pattern import lazy
from ..records import Alignment, Document, Provision
from .confidence import SHOWN_CONFIDENCE

_JUDGED = frozenset({"item", "paragraph"})


def _base(p: Provision) -> str:
    if p.kind == "paragraph":
        # The gold set judges items: a paragraph of an item that holds several stands for it.
        return re.sub(r"^(第\S{1,6}?(?:部分|篇|章|编|节|条)) ", r"\1", p.item)
    return p.label + (p.heading or p.text[:12])


def provision_key(p: Provision, doc: Document) -> str:
    """Label and heading (or the first 12 characters of the text), unique within ``doc``; a
    paragraph of an item is keyed by its item."""
    base = _base(p)
    clash = {q.item for q in doc.provisions if q.kind in _JUDGED and _base(q) == base}
    if len(clash) > 1 and p.path:
        return f"{p.path[0]}|{base}"
    return base


@dataclass
class GoldPair:
    source_doc: str
    target_doc: str
    links: set[tuple[str, str]] = field(default_factory=set)
    sure: set[tuple[str, str]] = field(default_factory=set)  #: the links judged "sure"
    sources: set[str] = field(default_factory=set)  #: every judged source item
    targets: set[str] = field(default_factory=set)  #: every judged target item


def read_gold(path: str | Path) -> dict[tuple[str, str], GoldPair]:
    pairs: dict[tuple[str, str], GoldPair] = {}
    with open(path, encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            key = (row["source_doc"], row["target_doc"])
            g = pairs.setdefault(key, GoldPair(*key))
            s, t = row["source"].strip(), row["target"].strip()
            if s:
                g.sources.add(s)
            if t:
                g.targets.add(t)
            if s and t:
                g.links.add((s, t))
                if row.get("confidence", "").strip() == "sure":
                    g.sure.add((s, t))
    return pairs


@dataclass(frozen=True)
class Scores:
    precision: float  #: share of predicted links that the gold set has
    recall: float  #: share of gold links predicted
    counterpart_accuracy: float  #: provisions with a gold counterpart whose predicted one is right
    no_counterpart_accuracy: float  #: provisions without one that were left unmatched
    counts: dict[str, int]


#: A prediction: the links, and each judged provision's answer (side 0 source, 1 target).
Prediction = tuple[set[tuple[str, str]], dict[tuple[int, str], set[str]]]


def _answers_from_links(links: set[tuple[str, str]]) -> dict[tuple[int, str], set[str]]:
    answers: dict[tuple[int, str], set[str]] = defaultdict(set)
    for s, t in links:
        answers[(0, s)].add(t)
        answers[(1, t)].add(s)
    return answers


def predicted(al: Alignment, *, shown_only: bool = True) -> Prediction:
    """evolve's links: every source-target pair shown as a correspondence (confident enough, see
    ``align.confidence``), or with ``shown_only=False`` every pair inside every correspondence,
    "closest, not matched" included."""
    links = set()
    for m in al.matches:
        for lk in m.links:
            if shown_only and (m.topic_only or lk.confidence < SHOWN_CONFIDENCE):
                continue
            links.add((provision_key(al.source.provision(lk.source), al.source),
                       provision_key(al.target.provision(lk.target), al.target)))
    return links, _answers_from_links(links)


def evaluate(prediction: Prediction, gold: GoldPair, *, sure_only: bool = False) -> Scores:
    """Link precision and recall, and per-provision agreement, over judged items only.

    A provision with a gold counterpart agrees when its answer is not empty and at least half of
    it is right; one without agrees when its answer is empty. ``sure_only`` judges against the
    links marked "sure" (provisions whose only links are "likely" are left out).
    """
    links, answers = prediction
    gold_links = gold.sure if sure_only else gold.links
    links = {(s, t) for s, t in links if s in gold.sources and t in gold.targets}
    tp = len(links & gold_links)
    precision = tp / len(links) if links else 1.0
    recall = len(links & gold_links) / len(gold_links) if gold_links else 1.0
    gold_by = _answers_from_links(gold_links)
    all_by = _answers_from_links(gold.links)
    items = [(0, s) for s in gold.sources] + [(1, t) for t in gold.targets]
    with_cp = [k for k in items if gold_by.get(k)]
    without = [k for k in items if not all_by.get(k)]

    def agrees(k: tuple[int, str]) -> bool:
        ans = answers.get(k, set())
        good = ans & all_by.get(k, set())
        return bool(good) and len(ans - good) <= len(good)

    right = sum(1 for k in with_cp if agrees(k))
    left_alone = sum(1 for k in without if not answers.get(k))
    return Scores(
        precision, recall,
        right / len(with_cp) if with_cp else 1.0,
        left_alone / len(without) if without else 1.0,
        {"links": len(gold_links), "predicted": len(links), "true_positive": tp,
         "with_counterpart": len(with_cp), "without_counterpart": len(without)},
    )


def baseline(a: Document, b: Document) -> Prediction:
    """Character 2-3-gram TF-IDF cosine, best match per provision (both directions); short
    items of several paragraphs count as one provision, as in ``align``."""
    from .blocks import as_blocks
    from .features import build_space, char_features, vectors

    a, b = as_blocks(a)[0], as_blocks(b)[0]
    src = [p for p in a.provisions if p.kind in _JUDGED]
    tgt = [p for p in b.provisions if p.kind in _JUDGED]
    feats = [char_features(p.full_text) for p in [*src, *tgt]]
    v = vectors(feats, build_space(feats))
    s = v[: len(src)] @ v[len(src) :].T
    links = set()
    answers: dict[tuple[int, str], set[str]] = {}
    for i, p in enumerate(src):
        k, best = provision_key(p, a), provision_key(tgt[int(s[i].argmax())], b)
        links.add((k, best))
        answers[(0, k)] = {best}
    for j, q in enumerate(tgt):
        k, best = provision_key(q, b), provision_key(src[int(s[:, j].argmax())], a)
        links.add((best, k))
        answers[(1, k)] = {best}
    return links, answers


def evaluate_all(gold: dict[tuple[str, str], GoldPair], docs: dict[str, Document],
                 predict: Callable[[Document, Document], Prediction], *,
                 sure_only: bool = False) -> dict[str, Any]:
    """Scores per gold pair and micro-averaged over all pairs."""
    per: dict[str, Scores] = {}
    total = GoldPair("*", "*")
    all_links: set[tuple[str, str]] = set()
    all_answers: dict[tuple[int, str], set[str]] = {}
    for (sa, sb), g in sorted(gold.items()):
        links, answers = predict(docs[sa], docs[sb])
        per[f"{sa}→{sb}"] = evaluate((links, answers), g, sure_only=sure_only)
        tag = f"{sa}>{sb}:"  # keys are per pair: a plan is a source in one pair, a target in another
        total.links |= {(tag + s, tag + t) for s, t in g.links}
        total.sure |= {(tag + s, tag + t) for s, t in g.sure}
        total.sources |= {tag + s for s in g.sources}
        total.targets |= {tag + t for t in g.targets}
        all_links |= {(tag + s, tag + t) for s, t in links}
        all_answers.update({(side, tag + k): {tag + v for v in vals} for (side, k), vals in answers.items()})
    return {"pairs": per, "overall": evaluate((all_links, all_answers), total, sure_only=sure_only)}


def keys(docs: Sequence[Document]) -> dict[str, set[str]]:
    return {d.id: {provision_key(p, d) for p in d.provisions if p.kind in _JUDGED} for d in docs}


# --- paragraphs named by a quote of their opening words (tests/gold/work_report_links.csv) ------

_NOT_TEXT = lazy(r"[^\u4e00-\u9fffA-Za-z0-9]")


def _bare(text: str) -> str:
    import unicodedata

    return _NOT_TEXT.sub("", unicodedata.normalize("NFKC", text))


def find_quoted(doc: Document, quote: str) -> Provision:
    """The one paragraph of ``doc`` that opens with ``quote`` (or whose body does, after an item's
    title; punctuation, width and spaces aside; formulas and the second and later pieces of a long
    paragraph are not candidates)."""
    q = _bare(quote)
    # an item of one paragraph opens with its title, then the paragraph
    found = [p for p in doc.provisions if p.piece <= 1 and p.kind != "formula"
             and (_bare(p.full_text).startswith(q) or _bare(p.text).startswith(q))]
    if len(found) != 1:
        raise ValueError(f"{doc.id}: {len(found)} paragraphs open with {quote!r}")
    return found[0]


def read_quote_gold(path: str | Path, docs: dict[str, Document]) -> dict[tuple[str, str], GoldPair]:
    """A gold file whose ``source`` and ``target`` quote the opening words of paragraphs (as in
    ``alignment.csv`` otherwise), resolved to provision ids of ``docs``."""
    pairs: dict[tuple[str, str], GoldPair] = {}
    with open(path, encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            key = (row["source_doc"], row["target_doc"])
            if key[0] not in docs or key[1] not in docs:
                continue
            g = pairs.setdefault(key, GoldPair(*key))
            s = find_quoted(docs[key[0]], row["source"]).id if row["source"].strip() else ""
            t = find_quoted(docs[key[1]], row["target"]).id if row["target"].strip() else ""
            if s:
                g.sources.add(s)
            if t:
                g.targets.add(t)
            if s and t:
                g.links.add((s, t))
                if row.get("confidence", "").strip() == "sure":
                    g.sure.add((s, t))
    return pairs


def predicted_ids(al: Alignment, *, shown_only: bool = True) -> Prediction:
    """evolve's links by provision id: every source-target pair inside each correspondence shown
    as one (``shown_only``), or inside every correspondence, the "closest, not matched" too."""
    links = {(lk.source, lk.target) for m in al.matches for lk in m.links
             if not (shown_only and (m.topic_only or lk.confidence < SHOWN_CONFIDENCE))}
    return links, _answers_from_links(links)
