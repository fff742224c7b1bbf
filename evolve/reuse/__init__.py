"""Provision reuse across a corpus: which provisions travel between cities and years.

``find_reuse`` brings the corpus index up to date, takes every provision (or clause) of at least
``min_chars`` characters, finds candidate pairs with MinHash-LSH (``candidates``), verifies them
with the Indel similarity (``verify``), and reports pairs old -> new with the administrative
relation, document pairs by shared text, and each document's reuse share (``report``).
"""

from __future__ import annotations

import sqlite3
import time
from collections import defaultdict
from pathlib import Path

import numpy as np

from ..corpus import BUNDLED
from ..errors import EvolveError
from ..progress import Progress, silent
from ..records import ReuseReport
from . import cache
from .candidates import LSHParams, candidate_pairs, signatures
from .report import build_pairs, summarise
from .verify import key, verify

#: Where candidates are generated and verified: ``find_reuse(backend=...)``, ``--backend``.
BACKENDS = ("local", "dask")

#: Units shorter than this (in characters of their key) are not compared: "加强组织领导" is everywhere.
MIN_CHARS = 15


def find_reuse(corpus: str | Path = BUNDLED, *, min_score: float = 0.7, level: str = "provision",
               min_chars: int = MIN_CHARS, params: LSHParams | None = None,
               progress: Progress = silent, sync_index: bool = True, backend: str = "local",
               scheduler: str | None = None) -> ReuseReport:
    """Similar provisions (or clauses) across the documents of a corpus directory.

    ``backend``: ``"local"`` (numpy, one machine) or ``"dask"`` (a dask.bag pipeline, see
    ``distributed.py``; same pairs and scores). ``scheduler``: the dask scheduler (``threads``,
    ``processes``, ``sync``, ``distributed`` or an address ``tcp://host:port``).
    """
    from .. import index

    if not 0.0 < min_score <= 1.0:
        raise EvolveError(f"--min-score must be in (0, 1], not {min_score}")
    if backend not in BACKENDS:
        raise EvolveError(f"--backend must be one of {', '.join(BACKENDS)}, not {backend!r}")
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
    all_units = index.units(corpus, level=level)
    all_keys = [key(u[2]) for u in all_units]
    kept = [i for i, k in enumerate(all_keys) if len(k) >= min_chars]
    units = [all_units[i] for i in kept]
    fp = cache.fingerprint(corpus, level=level, min_score=min_score, min_chars=min_chars,
                           params=params)
    hit = cache.load_run(corpus, fp)
    if hit is not None:
        idx, scores, n_candidates = hit
        matches = list(zip(idx[:, 0].tolist(), idx[:, 1].tolist(), scores.tolist(), strict=True))
    elif backend == "dask":
        from .distributed import match_units_dask

        matches, n_candidates = match_units_dask([all_keys[i] for i in kept], [u[0] for u in units],
                                                 min_score=min_score, params=params,
                                                 scheduler=scheduler)
    else:
        sig = _signatures(corpus, all_units, all_keys, level=level, params=params,
                          progress=progress, notices=stats)
        matches, n_candidates = match_units([all_keys[i] for i in kept], [u[0] for u in units],
                                            min_score=min_score, params=params,
                                            sigs=sig[kept], progress=progress)
    if hit is None:  # either backend: the same pairs, so one cache
        try:
            cache.store_run(corpus, fp, np.array([(i, j) for i, j, _ in matches], dtype=np.int64),
                            np.array([m[2] for m in matches], dtype=np.float64), n_candidates)
        except sqlite3.Error as exc:
            _notice(stats, f"reuse cache not written ({exc})")
    t2 = time.perf_counter()
    pairs = build_pairs(matches, units, docs)
    doc_pairs, documents, relations = summarise(pairs, units, docs)
    t3 = time.perf_counter()
    stats.update(units=len(units), candidates=n_candidates, pairs=len(pairs),
                 cached=hit is not None, backend=backend,
                 seconds={"index": round(t1 - t0, 2), "match": round(t2 - t1, 2),
                          "report": round(t3 - t2, 2)})
    return ReuseReport(level=level, min_score=min_score, pairs=tuple(pairs),
                       doc_pairs=tuple(doc_pairs), documents=tuple(documents),
                       relations=relations, stats=stats)


def _notice(stats: dict[str, object], msg: str) -> None:
    notices = stats.setdefault("notices", [])
    assert isinstance(notices, list)
    notices.append(msg)


def _signatures(corpus: str | Path, units: list[tuple[str, str, str]], keys: list[str], *,
                level: str, params: LSHParams, progress: Progress,
                notices: dict[str, object]) -> np.ndarray:
    """Every unit's MinHash signature: cached per document in the index, computed if missing."""
    spans: dict[str, tuple[int, int]] = {}
    for i, (doc, _, _) in enumerate(units):  # units come grouped by document
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
        sig[rows] = signatures([keys[i] for i in rows], params, progress=progress)
        try:
            cache.store_signatures(corpus, level=level, params=params,
                                   sigs={d: sig[slice(*spans[d])] for d in todo})
        except sqlite3.Error as exc:
            _notice(notices, f"signature cache not written ({exc})")
    return sig


def match_units(keys: list[str], docs: list[str], *, min_score: float = 0.7,
                params: LSHParams | None = None, sigs: np.ndarray | None = None,
                progress: Progress = silent) -> tuple[list[tuple[int, int, float]], int]:
    """Pairs (i, j, score) of keys from different documents with similarity >= min_score.

    Identical keys are collapsed first (boilerplate repeated in hundreds of plans is hashed and
    verified once), then expanded back to every pair of their units in different documents.
    ``sigs``: the keys' MinHash signatures, if known (row i for keys[i]).
    """
    params = params or LSHParams()
    members: dict[str, list[int]] = defaultdict(list)
    for i, k in enumerate(keys):
        members[k].append(i)
    uniq = list(members)
    usig = None if sigs is None else sigs[[members[k][0] for k in uniq]]
    cand = candidate_pairs(uniq, np.arange(len(uniq)), params, sig=usig, progress=progress)
    kept, scores = verify(uniq, cand, min_score=min_score, progress=progress)
    out: list[tuple[int, int, float]] = []
    for (ui, uj), s in zip(kept.tolist(), scores.tolist(), strict=True):
        for i in members[uniq[ui]]:
            for j in members[uniq[uj]]:
                if docs[i] != docs[j]:
                    out.append((min(i, j), max(i, j), s))
    for same in members.values():
        for x, i in enumerate(same):
            for j in same[x + 1 :]:
                if docs[i] != docs[j]:
                    out.append((i, j, 1.0))
    return out, len(cand)


__all__ = ["BACKENDS", "LSHParams", "find_reuse", "match_units"]
