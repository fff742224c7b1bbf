"""Provision reuse across a corpus: which passages travel between cities and years.

``find_reuse`` brings the corpus index up to date, takes every provision (with its paragraphs, the
notice text around a plan included) or clause of at least ``min_chars`` characters (``units``),
finds candidate pairs with MinHash-LSH (``candidates``), verifies them with the Indel similarity
(``verify``; both in ``match``), groups the pairs into families of one passage and its variants
(``families``, boilerplate flagged by ``boilerplate``), and reports pairs old -> new with the
administrative relation, document pairs by shared text and each document's reuse share
(``report``). Every row stays in numpy arrays (``tables``); records are made for the first
``limit`` rows only, and ``report.tables.write(dir)`` streams all of them to Parquet and CSV.
"""

from __future__ import annotations

import sqlite3
import time
from dataclasses import replace
from pathlib import Path

import numpy as np

from ..corpus import BUNDLED
from ..errors import EvolveError
from ..progress import Progress, silent
from ..records import DocReuse, ReuseReport
from . import boilerplate, cache, templates
from .candidates import LSHParams, signatures
from .families import build_families, key_families, spanning_edges
from .match import collapse, expand, first_units, match_keys, match_units
from .report import RELATIONS, DocArrays, doc_pairs, doc_shares, orient_pairs
from .tables import PairArrays, ReuseTables
from .units import UnitTable, load_units

#: Where candidates are generated and verified: ``find_reuse(backend=...)``, ``--backend``.
BACKENDS = ("local", "dask")

#: Units shorter than this (in characters of their key) are not compared: "加强组织领导" is everywhere.
MIN_CHARS = 15
#: Records made by default for pairs, families (and members per family) and document pairs.
LIMIT = 1000


def find_reuse(corpus: str | Path = BUNDLED, *, min_score: float = 0.7, level: str = "provision",
               min_chars: int = MIN_CHARS, params: LSHParams | None = None,
               progress: Progress = silent, sync_index: bool = True, backend: str = "local",
               scheduler: str | None = None, limit: int | None = LIMIT,
               include_boilerplate: bool = False, paragraphs: bool = True,
               boilerplate_share: float = boilerplate.BOILERPLATE_SHARE) -> ReuseReport:
    """Similar provisions (or clauses) across the documents of a corpus directory.

    ``limit``: records made for the best pairs, families (members per family too) and document
    pairs (None: all); the full counts are in ``stats`` and every row in ``report.tables``.
    ``include_boilerplate``: count boilerplate families (formulas, passages in a large share of
    the documents) in document pairs, shares and relations. ``paragraphs``: also compare each
    paragraph of a provision of several paragraphs.
    ``backend``: ``"local"`` (numpy, one machine) or ``"dask"`` (``distributed.py``; same pairs
    and scores). ``scheduler``: the dask scheduler (``threads``, ``processes``, ``sync``,
    ``distributed`` or an address ``tcp://host:port``).
    """
    from .. import index

    if not 0.0 < min_score <= 1.0:
        raise EvolveError(f"--min-score must be in (0, 1], not {min_score}")
    if backend not in BACKENDS:
        raise EvolveError(f"--backend must be one of {', '.join(BACKENDS)}, not {backend!r}")
    if limit is not None and limit < 0:
        raise EvolveError(f"--limit must be 0 or more, not {limit}")
    if backend == "dask":
        from .distributed import check_scheduler, require_dask

        require_dask()  # before indexing: fail fast with the install hint
        check_scheduler(scheduler)
    params = params or LSHParams()
    t0 = time.perf_counter()
    stats: dict[str, object] = {}
    if sync_index:
        s = index.sync(corpus, progress=progress)
        stats.update(documents=s.documents, parsed=s.parsed, unchanged=s.unchanged,
                     failed=s.failed, notices=s.notices)
    t1 = time.perf_counter()
    docs = index.documents(corpus)
    units = load_units(corpus, level=level, doc_ids=tuple(docs), min_chars=min_chars,
                       paragraphs=paragraphs)
    tag = level + ("+paragraphs" if paragraphs and level == "provision" else "")
    fp = cache.fingerprint(corpus, level=tag, min_score=min_score, min_chars=min_chars,
                           params=params)
    hit = cache.load_run(corpus, fp)
    counts: dict[str, int] = {}
    uniq, inverse = collapse(units.keys)
    if hit is not None:
        key_pairs, scores, n_candidates = hit
        scores = scores.astype(np.float32)
    elif backend == "dask":
        from .distributed import match_keys_dask

        key_pairs, scores, n_candidates = match_keys_dask(uniq, min_score=min_score, params=params,
                                                          scheduler=scheduler, counts=counts)
    else:
        sig = _signatures(corpus, units, level=tag, params=params, progress=progress,
                          notices=stats)
        usig = sig[first_units(inverse, len(uniq))] if len(uniq) else sig[:0]
        key_pairs, scores, n_candidates = match_keys(uniq, min_score=min_score, params=params,
                                                     sigs=usig, progress=progress, counts=counts)
    if hit is None:  # either backend: the same pairs, so one cache
        try:
            cache.store_run(corpus, fp, key_pairs, scores.astype(np.float64), n_candidates)
        except sqlite3.Error as exc:
            _notice(stats, f"reuse cache not written ({exc})")
    t2 = time.perf_counter()
    tables, listed = assemble(units, tuple(docs.values()), inverse, key_pairs, scores,
                              include_boilerplate=include_boilerplate,
                              boilerplate_share=boilerplate_share)
    report = ReuseReport(
        level=level, min_score=min_score, pairs=tuple(tables.pair_records(limit)),
        doc_pairs=tuple(tables.doc_pair_records(limit)), documents=tables.documents,
        relations=_relations(tables, include_boilerplate), stats=stats,
        families=tuple(tables.family_records(limit, members=limit)), tables=tables)
    t3 = time.perf_counter()
    fams = tables.families
    stats.update(units=int(np.sum(units.top == np.arange(len(units)))),
                 paragraph_units=int(np.sum(units.top != np.arange(len(units)))),
                 preamble_units=int(np.sum(units.kind == 2)), candidates=int(n_candidates),
                 collisions=counts.get("collisions"),
                 pairs=len(tables.pairs), boilerplate_pairs_listed=listed, families=len(fams),
                 boilerplate_families=int(fams.boilerplate.sum()),
                 template_pairs=int(tables.pairs.template.sum()),
                 template_families=int(fams.template.sum()),
                 doc_pairs=len(tables.doc_pairs.a), limit=limit,
                 include_boilerplate=include_boilerplate, cached=hit is not None, backend=backend,
                 seconds={"index": round(t1 - t0, 2), "match": round(t2 - t1, 2),
                          "report": round(t3 - t2, 2)})
    return report


def _relations(tables: ReuseTables, include_boilerplate: bool) -> dict[str, int]:
    p = tables.pairs
    rel = p.relation
    if not include_boilerplate and len(p):
        rel = rel[~tables.families.boilerplate[p.family]]
    counts = np.bincount(rel.astype(np.int64), minlength=len(RELATIONS))
    return {RELATIONS[k]: int(n) for k, n in sorted(enumerate(counts.tolist()),
                                                    key=lambda kv: RELATIONS[kv[0]]) if n}


def drop_paragraph_echoes(pairs: np.ndarray, scores: np.ndarray, top: np.ndarray
                          ) -> tuple[np.ndarray, np.ndarray]:
    """Pairs of paragraphs (or a paragraph and a provision) whose provisions also match: the
    provisions' pair says it already, so the paragraphs' pairs are dropped."""
    if not len(pairs):
        return pairs, scores
    n = len(top)
    ta, tb = top[pairs[:, 0]].astype(np.int64), top[pairs[:, 1]].astype(np.int64)
    whole = (ta == pairs[:, 0]) & (tb == pairs[:, 1])
    code = np.minimum(ta, tb) * n + np.maximum(ta, tb)
    echo = ~whole & np.isin(code, code[whole])
    return pairs[~echo], scores[~echo]


def assemble(units: UnitTable, docs: tuple, inverse: np.ndarray, key_pairs: np.ndarray,  # type: ignore[type-arg]
             key_scores: np.ndarray, *, include_boilerplate: bool = False,
             boilerplate_share: float = boilerplate.BOILERPLATE_SHARE) -> tuple[ReuseTables, bool]:
    """Verified key pairs -> unit pairs, families, document pairs and shares (arrays).

    Boilerplate is decided on the families of distinct texts (``families.key_families``) before
    any unit pair exists: unless ``include_boilerplate``, the pairs of boilerplate families are
    never listed (a formula in 2,000 documents would give 2 million pairs that say one thing),
    and their families are built from spanning edges. Returns (tables, whether boilerplate
    pairs are listed).
    """
    d = DocArrays.of(list(docs))
    n_docs = len(docs)
    n_keys = int(inverse.max()) + 1 if len(inverse) else 0
    unit_doc = units.doc.astype(np.int64)
    comp, comp_docs, links = key_families(key_pairs, inverse, unit_doc, n_docs)
    # Boilerplate components: the formula test on the key with the most units, and the share.
    size = np.bincount(inverse, minlength=n_keys)
    valid = comp >= 0
    order = np.lexsort((np.arange(n_keys), -size, comp))
    order = order[valid[order]]
    firsts = order[np.concatenate(([True], comp[order][1:] != comp[order][:-1]))] if len(order) else order
    fu = first_units(inverse, n_keys)
    comp_reason = {int(comp[k]): boilerplate.reason(units.keys[int(fu[k])], int(comp_docs[comp[k]]),
                                                    n_docs, share=boilerplate_share,
                                                    text=units.texts[int(fu[k])])
                   for k in firsts.tolist()}
    bp_comp = np.zeros(len(comp_docs), dtype=bool)
    for c, r in comp_reason.items():
        bp_comp[c] = bool(r)
    bp_key = valid & bp_comp[np.maximum(comp, 0)] if len(bp_comp) else np.zeros(n_keys, dtype=bool)
    listed = include_boilerplate or not bp_key.any()
    kp, ks = key_pairs, key_scores
    mask = None
    if not listed:
        keep = ~bp_key[kp[:, 0]]
        kp, ks, mask = kp[keep], ks[keep], ~bp_key
    pairs, scores = expand(kp, ks, inverse, unit_doc, keys_mask=mask)
    pairs, scores = drop_paragraph_echoes(pairs, scores, units.top)
    swap, direction, rel = orient_pairs(unit_doc[pairs[:, 0]], unit_doc[pairs[:, 1]], d)
    ua = np.where(swap, pairs[:, 1], pairs[:, 0])
    ub = np.where(swap, pairs[:, 0], pairs[:, 1])
    edges = np.stack((ua, ub), axis=1)
    forced: dict[int, str] = {}
    if not listed:
        sel = np.flatnonzero(bp_key)
        span = spanning_edges(sel, key_pairs[links], inverse, unit_doc)
        edges = np.concatenate((edges, span))
        # every unit of a boilerplate key carries its family's reason
        forced = {int(u): comp_reason[int(comp[inverse[u]])]
                  for u in np.flatnonzero(bp_key[inverse]).tolist()}
    fams = build_families(edges, n_units=len(units), unit_doc=units.doc, key_id=inverse,
                          keys=units.keys, doc_age=d.age, n_docs=n_docs,
                          boilerplate_share=boilerplate_share, forced=forced, texts=units.texts)
    # Templates: keys that differ only in their figures (city A's 110万, city B's 18万).
    masked = templates.masked_ids([units.keys[int(u)] for u in fu.tolist()])
    member_fam = np.repeat(np.arange(len(fams)), np.diff(fams.start))
    fams = replace(fams, template=templates.template_families(
        member_fam, inverse[fams.member_unit], masked, len(fams)))
    fam = fams.of_unit[ua] if len(ua) else np.empty(0, dtype=np.int32)
    bp = fams.boilerplate[fam] if len(ua) else np.empty(0, dtype=bool)
    order = np.lexsort((ub, ua, units.doc[ub], units.doc[ua], -scores, bp))
    ua, ub, scores, direction, rel, fam, bp = (x[order] for x in (ua, ub, scores, direction, rel, fam, bp))
    tpl = templates.template_pairs(inverse[ua], inverse[ub], masked)
    keep = slice(None) if include_boilerplate else ~bp
    own = units.top == np.arange(len(units))
    doc_chars = np.bincount(units.doc[own], weights=units.chars[own], minlength=n_docs)
    kw = {"unit_doc": units.doc, "top": units.top, "chars": units.chars, "doc_chars": doc_chars}
    dp = doc_pairs(ua[keep], ub[keep], direction[keep], rel[keep], **kw)
    matched, reuse, borrowed = doc_shares(ua[keep], ub[keep], direction[keep], **kw)
    n_units = np.bincount(units.doc[own], minlength=n_docs)
    documents = tuple(
        DocReuse(doc=info.id, year=info.year, place=info.place, level=info.level,
                 units=int(n_units[k]), matched=int(matched[k]), reuse_share=float(reuse[k]),
                 borrowed_share=float(borrowed[k]))
        for k, info in sorted(enumerate(docs), key=lambda kd: (kd[1].year or 0, kd[1].id)))
    tables = ReuseTables(units=units, docs=docs,
                         pairs=PairArrays(ua, ub, scores, direction, rel, fam, tpl),
                         families=fams, doc_pairs=dp, documents=documents, doc_arrays=d,
                         key_id=inverse, masked=masked)
    return tables, listed


def _notice(stats: dict[str, object], msg: str) -> None:
    notices = stats.setdefault("notices", [])
    assert isinstance(notices, list)
    notices.append(msg)


def _signatures(corpus: str | Path, units: UnitTable, *, level: str, params: LSHParams,
                progress: Progress, notices: dict[str, object]) -> np.ndarray:
    """Every unit's MinHash signature: cached per document in the index, computed if missing."""
    spans: dict[str, tuple[int, int]] = {}
    for i, d in enumerate(units.doc.tolist()):  # units come grouped by document
        doc = units.doc_ids[d]
        lo, _hi = spans.get(doc, (i, i))
        spans[doc] = (lo, i + 1)
    counts = {doc: hi - lo for doc, (lo, hi) in spans.items()}
    cached = cache.load_signatures(corpus, level=level, params=params, counts=counts)
    sig = np.empty((len(units), params.perms), dtype=np.uint32)
    todo = [doc for doc in spans if doc not in cached]
    for doc, s in cached.items():
        lo, hi = spans[doc]
        sig[lo:hi] = s
    rows = np.concatenate([np.arange(*spans[d]) for d in todo]) if todo else np.empty(0, np.int64)
    if len(rows):
        sig[rows] = signatures([units.keys[i] for i in rows], params, progress=progress)
        try:
            cache.store_signatures(corpus, level=level, params=params,
                                   sigs={d: sig[slice(*spans[d])] for d in todo})
        except sqlite3.Error as exc:
            _notice(notices, f"signature cache not written ({exc})")
    return sig


__all__ = ["BACKENDS", "LIMIT", "LSHParams", "assemble", "find_reuse", "match_units"]
