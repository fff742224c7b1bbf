"""Alignment: which provisions of plan A correspond to which of plan B, and how the text changed.

``align(a, b)`` scores every provision pair (``score``), groups them into 1:1, merge and split
correspondences (``group``), aligns and diffs the clauses inside each group (``clauses``), and
sums up inheritance, innovation and the lexical succession (4G -> 5G) of the pair.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

from ..diff import substitutions
from ..records import Alignment, Document, Match, Provision, Succession, Unmatched
from .blocks import as_blocks, expand
from .clauses import align_clauses
from .group import MERGE_RATIO, MIN_RELATIVE, MIN_SCORE, STRONG_SCORE, TYPICAL_FLOOR, find_groups, floor
from .score import WEIGHTS, Scores, score

#: Substitutions are harvested only from clause pairs at least this similar.
SUCCESSION_MIN_CLAUSE = 0.15
#: Inheritance labels by the share of the target text kept from the source.
VERBATIM = 0.95
LIGHT_EDIT = 0.5
#: Provision kinds matched as items: an item, or one paragraph of an item holding several.
ITEM_KINDS = frozenset({"item", "paragraph"})


def inheritance_label(kept: float) -> str:
    if kept >= VERBATIM:
        return "verbatim"
    if kept >= LIGHT_EDIT:
        return "light edit"
    return "rewrite"


def _classes(doc: Document) -> dict[str, list[Provision]]:
    # Numbered items (and the paragraphs of items that hold several) are matched with items, and
    # unnumbered paragraphs (part introductions, preambles) with paragraphs, so that an
    # introduction listing every action of its part does not take the place of the action that
    # really corresponds.
    out: dict[str, list[Provision]] = {"item": [], "paragraph": []}
    for p in doc.provisions:
        out["item" if p.kind in ITEM_KINDS else "paragraph"].append(p)
    return out


def _match(src: list[Provision], tgt: list[Provision], sc: Scores, gi: Sequence[int],
           gj: Sequence[int]) -> tuple[Match, dict[str, tuple[int, int]]]:
    """One correspondence, and for each of its target provisions (kept, total) characters."""
    pairs = [(i, j) for i in gi for j in gj]
    mean = sum(float(sc.combined[i, j]) for i, j in pairs) / len(pairs)
    kind = "1:1" if len(gi) == len(gj) == 1 else ("merge" if len(gi) > 1 else "split")
    sources = tuple(src[i] for i in gi)
    targets = tuple(tgt[j] for j in gj)
    source_clauses = [c for p in sources for c in p.clauses]
    owners = [p.id for p in targets for _ in p.clauses]
    target_clauses = [c for p in targets for c in p.clauses]
    clause_pairs = tuple(align_clauses(source_clauses, target_clauses))
    # Inheritance is read off the clause diffs: the target characters they keep.
    kept_by: dict[str, list[int]] = {p.id: [0, 0] for p in targets}
    # align_clauses lists every target clause once, in order: the k-th one belongs to owners[k].
    targets_seen = 0
    for cp in clause_pairs:
        if cp.target is None:
            continue
        acc = kept_by[owners[targets_seen]]
        targets_seen += 1
        acc[0] += sum(len(t) for op, t in cp.diff if op == 0)
        acc[1] += len(cp.target)
    kept = sum(v[0] for v in kept_by.values())
    total = sum(v[1] for v in kept_by.values())
    inherited = kept / total if total else 1.0
    best = max(pairs, key=lambda e: float(sc.combined[e]))
    match = Match(sources, targets, mean, kind, inheritance_label(inherited), inherited, clause_pairs,
                  sc.signals(*best))
    return match, {k: (v[0], v[1]) for k, v in kept_by.items()}


def _unmatched(p: Provision, status: str, row: Any, rel: Any, others: list[Provision],
               min_score: float, min_relative: float) -> Unmatched:
    if len(others) == 0:
        return Unmatched(p, status, None, 0.0, 1.0, reason="nothing of its kind on the other side")
    k = int(row.argmax())
    best, r = float(row[k]), float(rel[k])
    # How sure evolve is that nothing corresponds: the less the best candidate stands out from
    # the rest, the surer. One that stands out but lost to a stronger pair leaves it unsure.
    if best >= STRONG_SCORE or (best >= min_score and r >= min_relative):
        confidence = 0.2
        reason = "its closest candidate corresponds more closely to another provision"
    else:
        confidence = (min_relative - r) / min_relative if r < min_relative else 0.0
        reason = (f"similarity {best:.3f} below the floor {min_score:.3f}" if best < min_score
                  else f"the closest candidate stands out by only {r:.1f} sd (needs {min_relative:.1f})")
    return Unmatched(p, status, others[k], best, max(0.0, min(1.0, confidence)), r, reason)


def align(a: Document, b: Document, *, min_score: float = MIN_SCORE,
          min_relative: float = MIN_RELATIVE, merge_ratio: float = MERGE_RATIO,
          weights: dict[str, float] | None = None, typical_floor: float = TYPICAL_FLOOR) -> Alignment:
    """Compare plan ``a`` (source, older) with plan ``b`` (target, newer)."""
    blocked_a, members_a = as_blocks(a)
    blocked_b, members_b = as_blocks(b)
    al = _align(blocked_a, blocked_b, min_score=min_score, min_relative=min_relative,
                merge_ratio=merge_ratio, weights=weights, typical_floor=typical_floor)
    return expand(al, a, b, members_a, members_b)


def _align(a: Document, b: Document, *, min_score: float, min_relative: float, merge_ratio: float,
           weights: dict[str, float] | None, typical_floor: float) -> Alignment:
    matches: list[Match] = []
    unmatched_a: list[Unmatched] = []
    unmatched_b: list[Unmatched] = []
    kept_chars: dict[str, tuple[int, int]] = {}
    ca, cb = _classes(a), _classes(b)
    for cls in ("item", "paragraph"):
        src, tgt = ca[cls], cb[cls]
        if not src and not tgt:
            continue
        if not src or not tgt:
            alone = "nothing of its kind on the other side"
            unmatched_a += [Unmatched(p, "dropped", None, 0.0, 1.0, reason=alone) for p in src]
            unmatched_b += [Unmatched(p, "new", None, 0.0, 1.0, reason=alone) for p in tgt]
            continue
        sc = score(src, tgt, weights=weights)
        groups = find_groups(sc.combined, sc.relative, min_score=min_score, min_relative=min_relative,
                             merge_ratio=merge_ratio, typical_floor=typical_floor)
        # the floor the groups were held to: min_score, or higher between plans alike as a whole
        lowest = floor(sc.combined, min_score, typical_floor)
        matched_i = {i for g in groups for i in g.source}
        matched_j = {j for g in groups for j in g.target}
        for g in groups:
            match, kept = _match(src, tgt, sc, g.source, g.target)
            matches.append(match)
            kept_chars.update(kept)
        unmatched_a += [_unmatched(p, "dropped", sc.combined[i], sc.relative[i], tgt, lowest, min_relative)
                        for i, p in enumerate(src) if i not in matched_i]
        unmatched_b += [_unmatched(p, "new", sc.combined[:, j], sc.relative[:, j], src, lowest, min_relative)
                        for j, p in enumerate(tgt) if j not in matched_j]
    order_b = {p.id: k for k, p in enumerate(b.provisions)}
    order_a = {p.id: k for k, p in enumerate(a.provisions)}
    matches.sort(key=lambda m: (order_b[m.target[0].id], order_a[m.source[0].id]))
    unmatched_a.sort(key=lambda u: order_a[u.provision.id])
    unmatched_b.sort(key=lambda u: order_b[u.provision.id])
    return Alignment(
        source=a, target=b, matches=tuple(matches), unmatched_source=tuple(unmatched_a),
        unmatched_target=tuple(unmatched_b), succession=tuple(lexical_succession(matches)),
        rates=rates(b, kept_chars),
        params={"min_score": min_score, "min_relative": min_relative, "merge_ratio": merge_ratio,
                "weights": {**WEIGHTS, **(weights or {})}, "typical_floor": typical_floor},
    )


def lexical_succession(matches: Sequence[Match], *, top: int = 50) -> list[Succession]:
    """Words replaced inside matched clauses, most frequent first (years and numbers left out)."""
    counts: Counter[tuple[str, str]] = Counter()
    examples: dict[tuple[str, str], list[tuple[str, str]]] = {}
    for m in matches:
        for cp in m.clauses:
            if cp.source is None or cp.target is None or cp.score < SUCCESSION_MIN_CLAUSE:
                continue
            for old, new in substitutions(cp.diff):
                if old.isdigit() or new.isdigit() or old.rstrip("年").isdigit():
                    continue
                counts[(old, new)] += 1
                ex = examples.setdefault((old, new), [])
                pair = (m.source[0].id, m.target[0].id)
                if pair not in ex and len(ex) < 3:
                    ex.append(pair)
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:top]
    return [Succession(old, new, n, tuple(examples[(old, new)])) for (old, new), n in ranked]


def rates(target: Document, kept_chars: dict[str, tuple[int, int]]) -> dict[str, Any]:
    """Share of the target's clause text inherited from the source and share that is new, by part.

    ``kept_chars`` maps each matched target provision to (characters its clause diffs keep,
    characters of its clauses); unmatched provisions count as wholly new.
    """
    parts: dict[str, list[float]] = {}
    for p in target.provisions:
        key = p.top or "(preamble)"
        acc = parts.setdefault(key, [0.0, 0.0])
        kept, total = kept_chars.get(p.id, (0, sum(len(c) for c in p.clauses)))
        acc[0] += kept
        acc[1] += total
    total_kept = sum(v[0] for v in parts.values())
    total = sum(v[1] for v in parts.values())
    inherited = total_kept / total if total else 0.0
    matched = sum(t for pid, (_, t) in kept_chars.items())
    return {
        "inheritance": round(inherited, 4),
        "innovation": round(1 - inherited, 4),
        "matched_share": round(matched / total, 4) if total else 0.0,
        "by_part": [{"part": k, "chars": int(v[1]), "inheritance": round(v[0] / v[1], 4) if v[1] else 0.0,
                     "innovation": round(1 - v[0] / v[1], 4) if v[1] else 0.0} for k, v in parts.items()],
    }


__all__ = ["MERGE_RATIO", "MIN_RELATIVE", "MIN_SCORE", "TYPICAL_FLOOR", "align", "inheritance_label",
           "lexical_succession", "rates"]
