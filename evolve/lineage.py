"""Lineage: chains of corresponding provisions through a series of plans in time order.

Each document is aligned with the next (``evolve.align.align``) and with the one after next. A
consecutive correspondence links two provisions; a skip-one correspondence links a provision
that has no successor in the next document to one that has no predecessor there (dropped, then
back). Each provision continues its best predecessor, so a chain is a tree: a split puts several
provisions of one document in it, a merge ends the other sources' chains ("merged into"). For
each chain: its links in document order, the first and last document it appears in, and for
each step the words the later provision adds and the earlier one loses (the lexical succession
along the chain).
"""

from __future__ import annotations

import math
import re
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace

from .align.confidence import SHOWN_CONFIDENCE
from .dataclass_code import dataclass
from .lazy_pattern import lazy
from .progress import Progress, silent
from .records import Alignment, Chain, Document, Lineage, LineageLink, LineageStep, Provision
from .series import document_year, in_time_order

#: A word of the lexical succession: at least two characters, or a term such as 5G; no numbers.
_NUMBERISH = lazy(r"^[\d.%％,，]+$")


@dataclass(frozen=True)
class _Edge:
    a: tuple[int, str]  #: (document index, provision id) of the earlier provision
    b: tuple[int, str]
    score: float  #: the correspondence's score (a moved sentence's: its clause similarity)
    kind: str  #: "1:1" | "merge" | "split" | "moved" | "skip"
    #: how surely b continues a: 1 for a 1:1 or a merge into b; inside a split or a block of
    #: several provisions on both sides, and for a moved sentence, the share of b's text in
    #: clauses paired with a's (weighted by their similarity)
    strength: float = 0.0
    pair: float = 0.0  #: how alike the two texts are (bigram cosine), the last tie-breaker


def _bigrams(text: str) -> Counter[str]:
    chars = "".join(c for c in text if c.isalnum())
    return Counter(chars[k:k + 2] for k in range(len(chars) - 1))


def _cosine(a: Counter[str], b: Counter[str]) -> float:
    num = sum(v * b[k] for k, v in a.items() if k in b)
    den = math.sqrt(sum(v * v for v in a.values()) * sum(v * v for v in b.values()))
    return num / den if den else 0.0


def _edges(al: Alignment, i: int, j: int) -> list[_Edge]:
    """The links one alignment gives, each with the evidence for it.

    Every pair of a correspondence is a candidate. A 1:1 correspondence and a merge into one
    provision link surely; inside a split or a block of several provisions on both sides, the
    clause pairs say how much of each newer provision's text comes from each older one; a
    near-verbatim sentence that moved between two provisions that do not correspond links them
    by the same measure, so a provision whose text comes from elsewhere continues that."""
    kind = "skip" if j - i > 1 else ""
    evidence: Counter[tuple[str, str]] = Counter()
    for m in al.matches:
        for cp in m.clauses:
            if cp.source and cp.target and cp.source_provision and cp.target_provision and not cp.moved:
                evidence[(cp.source_provision, cp.target_provision)] += cp.score * len(cp.target)
    lengths = {p.id: max(len(p.full_text), 1) for p in al.target.provisions}
    out: list[_Edge] = []
    for m in al.matches:
        several = len(m.source) > 1 or len(m.target) > 1
        # the link's kind from the correspondence's shape: a whole item matched with the
        # paragraphs of another is a split, whatever the aligner calls it
        shape = {(False, False): "1:1", (True, False): "merge", (False, True): "split"}.get(
            (len(m.source) > 1, len(m.target) > 1), "block")
        grams = {p.id: _bigrams(p.full_text) for p in (*m.source, *m.target)} if several else {}
        # a chain continues only through links shown as correspondences (``align.confidence``)
        sure = {(lk.source, lk.target) for lk in m.links if lk.confidence >= SHOWN_CONFIDENCE}
        if m.topic_only:
            continue
        for s in m.source:
            for t in m.target:
                if m.links and (s.id, t.id) not in sure:
                    continue
                # in a merge into one provision of a sentence or two the clause pairing says
                # little: which source it continues is told by how alike the texts are (pair)
                strength = 1.0 if len(m.target) == 1 else evidence[(s.id, t.id)] / lengths[t.id]
                out.append(_Edge((i, s.id), (j, t.id), m.score, kind or shape, strength,
                                 _cosine(grams[s.id], grams[t.id]) if several else 0.0))
    moved: Counter[tuple[str, str]] = Counter()
    best: dict[tuple[str, str], float] = {}
    for cp in al.moved:
        if cp.source_provision and cp.target_provision and cp.target:
            key = (cp.source_provision, cp.target_provision)
            moved[key] += cp.score * len(cp.target)
            best[key] = max(best.get(key, 0.0), cp.score)
    out += [_Edge((i, sp), (j, tp), best[(sp, tp)], kind or "moved", w / lengths[tp])
            for (sp, tp), w in moved.items() if tp in lengths]
    return out


def _words(p: Provision) -> list[str]:
    from .tokenize import content_words

    out: dict[str, None] = {}
    for w in content_words(p.full_text):
        if (len(w) >= 2 or re.search(r"[A-Za-z]", w)) and not _NUMBERISH.match(w):
            out[w] = None
    return list(out)


#: Words of a topic sentence found in fewer than this share of the series' provisions name its topic.
SALIENT_SHARE = 0.05
#: Two provisions neither of whose topics the other mentions, sharing less than this share of their
#: words (Jaccard), are about different things: a link between them is drift.
DRIFT_OVERLAP = 0.1


def _head(p: Provision) -> str:
    """A provision's topic: its heading, or its first sentence."""
    return p.heading or re.split(r"[。;!?]", p.text, maxsplit=1)[0]


def _salient_heads(series: Sequence[Document], provisions: dict[tuple[int, str], Provision],
                   cache: dict[tuple[str, str], list[str]]) -> dict[tuple[int, str], set[str]]:
    """For each provision, the words of its topic that are rare in the series (its topic words)."""
    from .tokenize import content_words

    df: Counter[str] = Counter()
    for (i, pid), p in provisions.items():
        df.update(set(cache.setdefault((series[i].id, pid), _words(p))))
    limit = max(2.0, SALIENT_SHARE * len(provisions))
    return {key: {w for w in content_words(_head(p)) if len(w) >= 2 and 0 < df[w] < limit}
            for key, p in provisions.items()}


def _step(a: Provision, b: Provision, source: str, target: str,
          cache: dict[tuple[str, str], list[str]], da: str, db: str) -> LineageStep:
    wa = cache.setdefault((da, a.id), _words(a))
    wb = cache.setdefault((db, b.id), _words(b))
    sa, sb = set(wa), set(wb)
    return LineageStep(source, target, tuple(w for w in wb if w not in sa), tuple(w for w in wa if w not in sb))


def build_lineage(docs: Sequence[Document], *, keep_order: bool = False, skip: bool = True,
                  progress: Progress = silent, align_kwargs: dict | None = None) -> Lineage:  # type: ignore[type-arg]
    """The chains of ``docs`` (put in time order unless ``keep_order``), longest-lived first.

    ``skip`` also aligns each document with the one after next, so that a provision dropped in
    one document and back in the next continues its chain."""
    from .align import FORMULA_KINDS, align

    start = time.perf_counter()
    series = list(docs) if keep_order else in_time_order(docs)
    n = len(series)
    pairs = [(i, i + 1) for i in range(n - 1)] + ([(i, i + 2) for i in range(n - 2)] if skip else [])
    advance = progress("aligning documents", len(pairs))
    consecutive: list[_Edge] = []
    skipped: list[_Edge] = []
    for i, j in pairs:
        edges = _edges(align(series[i], series[j], **(align_kwargs or {})), i, j)
        (consecutive if j == i + 1 else skipped).extend(edges)
        advance(1)
    # formulas (salutations, thanks) are no commitments: they make no chain and continue none
    formulas = {(i, p.id) for i, d in enumerate(series) for p in d.provisions if p.kind in FORMULA_KINDS}
    consecutive = [e for e in consecutive if e.a not in formulas and e.b not in formulas]
    skipped = [e for e in skipped if e.a not in formulas and e.b not in formulas]
    has_next = {e.a for e in consecutive}
    has_prev = {e.b for e in consecutive}
    # a skip link only where the next document lacks the provision: dropped, then back
    edges = consecutive + [e for e in skipped if e.a not in has_next and e.b not in has_prev]

    provisions = {(i, p.id): p for i, d in enumerate(series) for p in d.provisions}
    order = {(i, p.id): k for i, d in enumerate(series) for k, p in enumerate(d.provisions)
             if (i, p.id) not in formulas}
    cache: dict[tuple[str, str], list[str]] = {}

    def overlap(e: _Edge) -> float:
        wa = set(cache.setdefault((series[e.a[0]].id, e.a[1]), _words(provisions[e.a])))
        wb = set(cache.setdefault((series[e.b[0]].id, e.b[1]), _words(provisions[e.b])))
        return len(wa & wb) / len(wa | wb) if wa | wb else 0.0

    # Each provision continues its best predecessor: the closer document first, then the surer
    # link (strength), the higher score, the more alike text (inside one merge, where every pair
    # has the group's score) and the more shared words.
    # A merge's other sources end their chain there ("merged into"); a split's targets all
    # continue the one source, so a chain holds several provisions of one document.
    best_in: dict[tuple[int, str], _Edge] = {}
    # a link whose two provisions name different topics is drift, not continuation
    # (加强廉政建设 → 规范收入分配秩序): the chain breaks there
    salient = _salient_heads(series, provisions, cache)

    def drifts(e: _Edge) -> bool:
        wa = set(cache[(series[e.a[0]].id, e.a[1])])
        wb = set(cache[(series[e.b[0]].id, e.b[1])])
        if salient[e.a] & wb or salient[e.b] & wa:
            return False
        return overlap(e) < (DRIFT_OVERLAP if salient[e.a] or salient[e.b] else DRIFT_OVERLAP / 2)

    edges = [e for e in edges if not drifts(e)]
    ranked = sorted(edges, key=lambda e: (e.b[0] - e.a[0], -e.strength, -e.score, -e.pair, -overlap(e)))
    for e in ranked:
        best_in.setdefault(e.b, e)
    # a provision that no later one continues, though it corresponds to one, ends its chain by
    # merging into its surest counterpart
    continued = {e.a for e in best_in.values()}
    merged_into: dict[tuple[int, str], list[str]] = {}
    for e in ranked:
        if e.a not in continued and e.a not in merged_into:
            merged_into[e.a] = [f"{series[e.b[0]].id}:{e.b[1]}"]

    def root(x: tuple[int, str]) -> tuple[int, str]:
        while x in best_in:
            x = best_in[x].a
        return x

    groups: dict[tuple[int, str], list[tuple[int, str]]] = {}
    for node in order:
        groups.setdefault(root(node), []).append(node)
    years = [document_year(d) for d in series]
    chains: list[Chain] = []
    for members in groups.values():
        members.sort(key=lambda x: (x[0], order[x]))
        links: list[LineageLink] = []
        steps: list[LineageStep] = []
        for node in members:
            p = provisions[node]
            e = best_in.get(node)
            prev = None if e is None else f"{series[e.a[0]].id}:{e.a[1]}"
            links.append(LineageLink(series[node[0]].id, p.id, p.heading, p.text, None if e is None else e.score,
                                     years[node[0]], prev, "" if e is None else e.kind))
            if e is not None and prev is not None:
                steps.append(_step(provisions[e.a], p, prev, f"{series[node[0]].id}:{p.id}", cache,
                                   series[e.a[0]].id, series[node[0]].id))
        present = len({m[0] for m in members})
        first, last = members[0][0], members[-1][0]
        into = tuple(t for m in members for t in merged_into.get(m, ()))
        chains.append(Chain(tuple(links), series[first].id, series[last].id, tuple(steps),
                            last - first + 1, present, into))
    ids = [d.id for d in series]
    chains = [replace(c, changes=chain_changes(ids, c), unchanged=c.present == n and not chain_changes(ids, c))
              for c in chains]
    position = {d.id: i for i, d in enumerate(series)}
    chains.sort(key=lambda c: (-c.span, -c.present, position[c.first],
                               order[(position[c.links[0].doc], c.links[0].id)]))
    undated = [d.id for d in series if document_year(d) is None]
    stats = {"alignments": len(pairs), "links": len(best_in), "candidates": len(edges), "undated": undated,
             "skip_links": sum(1 for e in best_in.values() if e.b[0] - e.a[0] > 1),
             "seconds": round(time.perf_counter() - start, 2)}
    return Lineage(tuple(series), tuple(chains), stats)


def chain_changes(docs: Sequence[str], chain: Chain) -> tuple[tuple[str, str], ...]:
    """What happens to a chain, as (document id, change) in time order: "new" (it starts after the
    first document), "split" (several provisions of one document continue it), "return" (back after
    a document that lacked it), "merge" (it ends merging into another chain's provision) or "drop"
    (it ends before the last document)."""
    pos = {d: i for i, d in enumerate(docs)}
    counts = Counter(link.doc for link in chain.links)
    present = sorted({pos[link.doc] for link in chain.links})
    out: list[tuple[str, str]] = []
    if present[0] > 0:
        out.append((docs[present[0]], "new"))
    prev = None
    for i in present:
        if prev is not None and i - prev > 1:
            out.append((docs[i], "return"))
        if counts[docs[i]] > 1:
            out.append((docs[i], "split"))
        prev = i
    if chain.merged_into:
        out.append((chain.merged_into[0].split(":", 1)[0], "merge"))
    elif present[-1] < len(docs) - 1:
        out.append((docs[present[-1] + 1], "drop"))
    return tuple(out)


def chain_of(lineage: Lineage, doc: str, pid: str) -> Chain | None:
    """The chain a provision belongs to, or None."""
    for c in lineage.chains:
        if any(link.doc == doc and link.id == pid for link in c.links):
            return c
    return None
