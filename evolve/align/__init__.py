"""Alignment: which provisions of plan A correspond to which of plan B, and how the text changed.

``align(a, b)`` scores every provision pair (``score``), groups them into 1:1, merge and split
correspondences (``group``), aligns and diffs the clauses inside each group (``clauses``), and
sums up inheritance, innovation and the lexical succession (4G -> 5G) of the pair.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import field
from typing import Any

from ..dataclass_code import dataclass
from ..diff import word_diff
from ..records import Alignment, ClausePair, Document, Link, Match, Provision, Unmatched
from .across import link_across
from .anchors import (
    ANCHOR_SHARE,
    HEADING,
    NEAR_VERBATIM,
    ClauseLink,
    anchor_shares,
    link_clauses,
    seed_groups,
    sentence,
)
from .blocks import as_blocks, expand
from .classes import FORMULA_KINDS, ITEM_KINDS
from .classes import classes as split_classes
from .clauses import Fixed, align_clauses, clause_similarity
from .confidence import SHOWN_CONFIDENCE, link_confidence
from .continuations import join_continuations
from .figures import figure_changes
from .formulas import pair_formulas
from .group import MERGE_RATIO, MIN_RELATIVE, MIN_SCORE, STRONG_SCORE, TYPICAL_FLOOR, Group, find_groups, floor
from .matrix import argmax, column, zeros
from .recurring import recurring_pairs
from .score import WEIGHTS, Scores, relative_scores, score
from .succession import lexical_succession

#: A correspondence whose word signals stay below this (and that keeps less than this share of
#: text) rests on the policy-domain signal alone: shown as "closest, not matched".
TOPIC_ONLY_WORDS = 0.05
#: Inheritance labels by the share of the target text kept from the source.
VERBATIM = 0.95
LIGHT_EDIT = 0.5


def inheritance_label(kept: float) -> str:
    if kept >= VERBATIM:
        return "verbatim"
    if kept >= LIGHT_EDIT:
        return "light edit"
    return "rewrite"


@dataclass
class _Anchors:
    """The near-verbatim clause links of two plans, looked up by clause."""

    links: list[ClauseLink]
    by_source: dict[tuple[int, int], list[ClauseLink]] = field(default_factory=dict)
    by_target: dict[tuple[int, int], list[ClauseLink]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for link in self.links:
            self.by_source.setdefault(link.source, []).append(link)
            self.by_target.setdefault(link.target, []).append(link)


def _group_clauses(a: Document, b: Document, gi: Sequence[int], gj: Sequence[int],
                   anchors: _Anchors) -> tuple[ClausePair, ...]:
    """The clause pairs of one correspondence: near-verbatim links first (those reaching outside
    the group are moved sentences), then the free pairing of the rest (``align_clauses``)."""
    # a heading takes part when it is linked (a topic sentence kept or moved); otherwise the
    # correspondence's header shows it
    src = [(i, k) for i in gi for k in ([HEADING] if (i, HEADING) in anchors.by_source else [])
           + list(range(len(a.provisions[i].clauses)))]
    tgt = [(j, k) for j in gj for k in ([HEADING] if (j, HEADING) in anchors.by_target else [])
           + list(range(len(b.provisions[j].clauses)))]
    src_pos = {ref: n for n, ref in enumerate(src)}
    in_group_a, in_group_b = set(gi), set(gj)
    fixed: dict[int, Fixed] = {}
    for n, ref in enumerate(tgt):
        links = anchors.by_target.get(ref, [])
        # prefer a link inside the group; otherwise the sentence came from elsewhere
        inside = [lk for lk in links if lk.source[0] in in_group_a]
        if inside or links:
            lk = (inside or links)[0]
            i, k = lk.source
            fixed[n] = Fixed(sentence(a.provisions[i], k), lk.score, src_pos.get(lk.source),
                             a.provisions[i].id)
    moved_out: dict[int, str] = {}
    for n, ref in enumerate(src):
        links = anchors.by_source.get(ref, [])
        if links and not any(lk.target[0] in in_group_b for lk in links):
            moved_out[n] = b.provisions[links[0].target[0]].id
    return tuple(align_clauses(
        [sentence(a.provisions[i], k) for i, k in src], [sentence(b.provisions[j], k) for j, k in tgt],
        fixed=fixed, moved_out=moved_out, source_ids=[a.provisions[i].id for i, _ in src],
        target_ids=[b.provisions[j].id for j, _ in tgt]))


def _kept(pairs: Sequence[ClausePair]) -> dict[str, list[int]]:
    """For each target provision, [characters its clause diffs keep, characters of its clauses]."""
    out: dict[str, list[int]] = {}
    for cp in pairs:
        if cp.target is None or cp.target_provision is None or cp.secondary:
            continue
        acc = out.setdefault(cp.target_provision, [0, 0])
        acc[0] += sum(len(t) for op, t in cp.diff if op == 0)
        acc[1] += len(cp.target)
    return out


def _match(a: Document, b: Document, sc: Scores, gi: Sequence[int], gj: Sequence[int],
           local: tuple[Sequence[int], Sequence[int]], anchors: _Anchors,
           recurring: frozenset[tuple[int, int]] = frozenset(),
           clear: frozenset[tuple[int, int]] = frozenset(), linked: frozenset[tuple[int, int]] = frozenset()
           ) -> tuple[Match, dict[str, tuple[int, int]]]:
    """One correspondence (``gi``, ``gj``: provision indices in the plans; ``local``: the same in
    the score matrix), and for each of its target provisions (kept, total) characters."""
    li, lj = local
    pairs = [(i, j) for i in li for j in lj]
    mean = sum(float(sc.combined[i][j]) for i, j in pairs) / len(pairs)
    kind = ("1:1" if len(gi) == len(gj) == 1 else "n:m" if len(gi) > 1 and len(gj) > 1
            else "merge" if len(gi) > 1 else "split")
    sources = tuple(a.provisions[i] for i in gi)
    targets = tuple(b.provisions[j] for j in gj)
    clause_pairs = _group_clauses(a, b, gi, gj, anchors)
    # Inheritance is read off the clause diffs: the target characters they keep.
    # (a linked heading counts as text of its provision, as it is listed among the pairs)
    kept_by = {p.id: [0, sum(len(c) for c in p.clauses)] for p in targets}
    kept_by.update({pid: [k, t] for pid, (k, t) in _kept(clause_pairs).items()})
    kept = sum(v[0] for v in kept_by.values())
    total = sum(v[1] for v in kept_by.values())
    inherited = kept / total if total else 1.0
    best = max(pairs, key=lambda e: float(sc.combined[e[0]][e[1]]))
    signals = sc.signals(*best)
    topic_only = (max(signals.get("words", 0.0), signals.get("heading_words", 0.0)) < TOPIC_ONLY_WORDS
                  and not signals.get("anchors") and inherited < TOPIC_ONLY_WORDS)
    top = max(float(sc.combined[i][j]) for i, j in pairs)
    formula = all(p.kind in FORMULA_KINDS for p in (*sources, *targets))
    links = []
    # a correspondence made n:m across stars links the pairs of its stars and those linked across
    restricted = any((p, q) in linked for p in gi for q in gj)
    for x, i in enumerate(li):
        for y, j in enumerate(lj):
            if restricted and (gi[x], gj[y]) not in linked:
                continue
            sid, target = a.provisions[gi[x]].id, b.provisions[gj[y]]
            kept_share = _pair_kept(clause_pairs, sid, target)
            # in an n:m correspondence a link is weighed against the links it shares a provision
            # with (its own star), not against the best pair of another star
            best = top if not restricted else max(
                float(sc.combined[li[u]][lj[v]]) for u in range(len(li)) for v in range(len(lj))
                if (u == x or v == y) and (gi[u], gj[v]) in linked)
            conf = link_confidence(score=float(sc.combined[i][j]), relative=float(sc.relative[i][j]),
                                   kept=kept_share, best=best,
                                   recurring=formula or (gi[x], gj[y]) in recurring,
                                   clear_best=(gi[x], gj[y]) in clear)
            links.append(Link(sid, target.id, float(sc.combined[i][j]), float(sc.relative[i][j]), kept_share,
                              conf))
    match = Match(sources, targets, mean, kind, inheritance_label(inherited), inherited, clause_pairs,
                  signals, topic_only, links=tuple(links), confidence=max(lk.confidence for lk in links),
                  closest=topic_only or max(lk.confidence for lk in links) < SHOWN_CONFIDENCE,
                  figures=figure_changes(*_closest_first(sc, gi, gj, local, a, b)))
    return match, {k: (v[0], v[1]) for k, v in kept_by.items()}


def _closest_first(sc: Scores, gi: Sequence[int], gj: Sequence[int], local: tuple[Sequence[int], Sequence[int]],
                   a: Document, b: Document) -> tuple[list[str], list[str]]:
    """The texts of a correspondence's sources and targets, each side's closest pair first: a
    figure is compared with the figure of the same name in the closest provision (a merge of the
    main-targets paragraph with one reviewing last year's growth shows 8%左右 -> 7.5%, not 10.3%)."""
    li, lj = local
    src = sorted(range(len(gi)), key=lambda x: -max(float(sc.combined[li[x]][j]) for j in lj))
    tgt = sorted(range(len(gj)), key=lambda y: -max(float(sc.combined[i][lj[y]]) for i in li))
    return [a.provisions[gi[x]].full_text for x in src], [b.provisions[gj[y]].full_text for y in tgt]


def _pair_kept(pairs: Sequence[ClausePair], source: str, target: Provision) -> float:
    """Share of ``target``'s clause text that its clause diffs keep from ``source``."""
    total = sum(len(c) for c in target.clauses) + (len(target.heading) if target.heading else 0)
    kept = sum(sum(len(t) for op, t in cp.diff if op == 0) for cp in pairs
               if cp.source_provision == source and cp.target_provision == target.id and cp.target
               and not cp.moved)
    return min(1.0, kept / total) if total else 0.0


def _unmatched(p: Provision, status: str, row: Sequence[float], rel: Sequence[float], others: list[Provision],
               min_score: float, min_relative: float) -> Unmatched:
    if len(others) == 0:
        return Unmatched(p, status, None, 0.0, 1.0, reason="nothing of its kind on the other side")
    k = argmax(row)
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


def _moved(a: Document, b: Document, anchors: _Anchors, groups: Sequence[tuple[Sequence[int], Sequence[int]]]
           ) -> list[ClausePair]:
    """The near-verbatim links whose two provisions are not in one correspondence."""
    group_a: dict[int, int] = {}
    group_b: dict[int, int] = {}
    for g, (gi, gj) in enumerate(groups):
        group_a.update({i: g for i in gi})
        group_b.update({j: g for j in gj})
    out = []
    for lk in anchors.links:
        (i, ki), (j, kj) = lk.source, lk.target
        ga = group_a.get(i)
        if ga is not None and ga == group_b.get(j):
            continue
        s, t = sentence(a.provisions[i], ki), sentence(b.provisions[j], kj)
        out.append(ClausePair(s, t, clause_similarity(s, t), tuple(word_diff(s, t)), moved=True,
                              source_provision=a.provisions[i].id, target_provision=b.provisions[j].id,
                              near_verbatim=True))
    return out


def _with_anchors(sc: Scores, rows: Sequence[int], cols: Sequence[int],
                  shares: dict[tuple[int, int], float]) -> Scores:
    """The scores with the anchors' signal added: a pair whose near-verbatim sentences cover a
    share of it scores at least that share (``anchors.anchor_shares``)."""
    pos_r = {i: n for n, i in enumerate(rows)}
    pos_c = {j: n for n, j in enumerate(cols)}
    at = {(pos_r[i], pos_c[j]): v for (i, j), v in shares.items() if i in pos_r and j in pos_c and v}
    if not at:
        return sc
    m = zeros(len(rows), len(cols))
    combined = [row[:] for row in sc.combined]
    for (r, c), v in at.items():
        m[r][c] = v
        combined[r][c] = max(combined[r][c], v)
    return Scores({**sc.signals_, "anchors": m}, combined, relative_scores(combined))


def align(a: Document, b: Document, *, min_score: float = MIN_SCORE,
          min_relative: float = MIN_RELATIVE, merge_ratio: float = MERGE_RATIO,
          weights: dict[str, float] | None = None, typical_floor: float = TYPICAL_FLOOR) -> Alignment:
    """Compare plan ``a`` (source, older) with plan ``b`` (target, newer).

    Near-verbatim clauses are linked across both plans first (``anchors``); provision pairs that
    these links cover settle first (``anchors.seed_groups``), and the scores and thresholds of
    ``group`` place the rest, items with items and paragraphs with paragraphs (``classes``); a
    paragraph continuing an enumeration goes with the paragraph that opened it
    (``continuations``). The paragraphs of a short item move together (``blocks``).
    """
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
    # a formula shares its words with formulas only: a salutation is no anchor for policy
    formula_a = {i for i, p in enumerate(a.provisions) if p.kind in FORMULA_KINDS}
    formula_b = {j for j, p in enumerate(b.provisions) if p.kind in FORMULA_KINDS}
    anchors = _Anchors([lk for lk in link_clauses(a, b)
                        if (lk.source[0] in formula_a) == (lk.target[0] in formula_b)])
    seeds = seed_groups(a, b, anchors.links)
    # paragraphs carried over (the same topic sentence, the same wording with other figures)
    # correspond too, wherever each sits, unless the anchors placed them already
    in_seed_a = {i for gi, _ in seeds for i in gi}
    in_seed_b = {j for _, gj in seeds for j in gj}
    carried = frozenset((i, j) for i, j, _ in recurring_pairs(a, b, formula=FORMULA_KINDS))
    seeds += [([i], [j]) for i, j in sorted(carried) if i not in in_seed_a and j not in in_seed_b]
    shares = anchor_shares(a, b, anchors.links)
    all_groups: list[tuple[Sequence[int], Sequence[int]]] = []
    clear: set[tuple[int, int]] = set()  # sure pairs: one provision's clear best match (``across``)
    linked: set[tuple[int, int]] = set()  # the links of the correspondences made n:m across stars
    classes = split_classes(a, b)
    class_of_a = {i: c for c, (src, _) in enumerate(classes) for i in src}
    class_of_b = {j: c for c, (_, tgt) in enumerate(classes) for j in tgt}
    # Seeds across classes (a paragraph taken into an item word for word) are settled on their
    # own; their members take no part in the class-by-class grouping.
    crossing = [g for g in seeds if len({class_of_a[i] for i in g[0]} | {class_of_b[j] for j in g[1]}) > 1]
    taken_a = {i for g in crossing for i in g[0]}
    taken_b = {j for g in crossing for j in g[1]}
    for gi, gj in crossing:
        sc = score([a.provisions[i] for i in gi], [b.provisions[j] for j in gj], weights=weights)
        match, kept = _match(a, b, sc, gi, gj, (range(len(gi)), range(len(gj))), anchors, carried)
        matches.append(match)
        kept_chars.update(kept)
        all_groups.append((gi, gj))
    for c, (src_all, tgt_all) in enumerate(classes):
        src_i = [i for i in src_all if i not in taken_a]
        tgt_j = [j for j in tgt_all if j not in taken_b]
        src = [a.provisions[i] for i in src_i]
        tgt = [b.provisions[j] for j in tgt_j]
        if not src and not tgt:
            continue
        if not src or not tgt:
            alone = "nothing of its kind on the other side"
            unmatched_a += [Unmatched(p, "dropped", None, 0.0, 1.0, reason=alone) for p in src]
            unmatched_b += [Unmatched(p, "new", None, 0.0, 1.0, reason=alone) for p in tgt]
            continue
        pos_a = {i: n for n, i in enumerate(src_i)}
        pos_b = {j: n for n, j in enumerate(tgt_j)}
        local_seeds = [Group(tuple(pos_a[i] for i in gi), tuple(pos_b[j] for j in gj))
                       for gi, gj in seeds if class_of_a[gi[0]] == c and (gi, gj) not in crossing]
        sc = _with_anchors(score(src, tgt, weights=weights), src_i, tgt_j, shares)
        if all(p.kind in FORMULA_KINDS for p in src + tgt):
            groups = [Group((i,), (j,)) for i, j in pair_formulas(src, tgt)]
        else:
            groups = find_groups(sc.combined, sc.relative, min_score=min_score, min_relative=min_relative,
                                 merge_ratio=merge_ratio, typical_floor=typical_floor, seeds=local_seeds)
            groups = join_continuations(groups, sc.combined, sc.relative, src, tgt, min_score=min_score)
            groups, linked_pairs, sure_pairs = link_across(groups, sc.combined, sc.relative,
                                                           sc.signals_["chars"], min_score=min_score)
            clear |= {(src_i[i], tgt_j[j]) for i, j in sure_pairs}
            linked |= {(src_i[i], tgt_j[j]) for i, j in linked_pairs}
        # the floor the groups were held to: min_score, or higher between plans alike as a whole
        lowest = floor(sc.combined, min_score, typical_floor)
        matched_i = {i for g in groups for i in g.source}
        matched_j = {j for g in groups for j in g.target}
        for g in groups:
            gi, gj = [src_i[i] for i in g.source], [tgt_j[j] for j in g.target]
            match, kept = _match(a, b, sc, gi, gj, (g.source, g.target), anchors, carried, frozenset(clear),
                                 frozenset(linked))
            matches.append(match)
            kept_chars.update(kept)
            all_groups.append((gi, gj))
        unmatched_a += [_unmatched(p, "dropped", sc.combined[i], sc.relative[i], tgt, lowest, min_relative)
                        for i, p in enumerate(src) if i not in matched_i]
        unmatched_b += [_unmatched(p, "new", column(sc.combined, j), column(sc.relative, j), src, lowest,
                                   min_relative) for j, p in enumerate(tgt) if j not in matched_j]
    moved = _moved(a, b, anchors, all_groups)
    # A sentence that moved into a provision without counterpart is still inherited text.
    matched_b = {p.id for m in matches for p in m.target}
    for pid, (kept, _) in _kept([cp for cp in moved if cp.target_provision not in matched_b]).items():
        q = b.provision(pid)
        total = sum(len(c) for c in q.clauses) + sum(len(cp.target or "") for cp in moved
                                                    if cp.target_provision == pid and cp.target == q.heading)
        prev = kept_chars.get(pid, (0, total))
        kept_chars[pid] = (prev[0] + kept, total)
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
                "weights": {**WEIGHTS, **(weights or {})}, "typical_floor": typical_floor,
                "near_verbatim": NEAR_VERBATIM / 100, "anchor_share": ANCHOR_SHARE,
                "shown_confidence": SHOWN_CONFIDENCE},
        moved=tuple(moved), clause_links=len(anchors.links),
    )


def rates(target: Document, kept_chars: dict[str, tuple[int, int]]) -> dict[str, Any]:
    """Share of the target's clause text inherited from the source and share that is new, by part.

    ``kept_chars`` maps each matched target provision to (characters its clause diffs keep,
    characters of its clauses); unmatched provisions count as wholly new.
    """
    parts: dict[str, list[float]] = {}
    for p in target.provisions:
        if p.kind in FORMULA_KINDS:
            continue  # a salutation or the thanks are not policy: neither inherited nor new
        key = p.top or "(preamble)"
        acc = parts.setdefault(key, [0.0, 0.0])
        kept, total = kept_chars.get(p.id, (0, sum(len(c) for c in p.clauses)))
        acc[0] += kept
        acc[1] += total
    total_kept = sum(v[0] for v in parts.values())
    total = sum(v[1] for v in parts.values())
    inherited = total_kept / total if total else 0.0
    formulas = {p.id for p in target.provisions if p.kind in FORMULA_KINDS}
    matched = sum(t for pid, (_, t) in kept_chars.items() if pid not in formulas)
    return {
        "inheritance": round(inherited, 4),
        "innovation": round(1 - inherited, 4),
        "matched_share": round(matched / total, 4) if total else 0.0,
        "by_part": [{"part": k, "chars": int(v[1]), "inheritance": round(v[0] / v[1], 4) if v[1] else 0.0,
                     "innovation": round(1 - v[0] / v[1], 4) if v[1] else 0.0} for k, v in parts.items()],
    }


__all__ = ["FORMULA_KINDS", "ITEM_KINDS", "MERGE_RATIO", "MIN_RELATIVE", "MIN_SCORE", "SHOWN_CONFIDENCE",
           "TYPICAL_FLOOR", "align", "inheritance_label", "lexical_succession", "rates"]
