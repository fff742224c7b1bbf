"""The Dask backend of ``evolve reuse`` (``--backend dask``): the same candidates, on arrays.

``match_units_dask`` returns exactly what ``match.match_units`` returns (the same pairs, scores and
candidate count), so the report code is shared. The graph is made of ``dask.delayed`` tasks that
pass numpy arrays, never a Python object per unit or per row (``docs/distributed.md``):

1. on the client, identical keys are collapsed (``match.collapse``) and the distinct keys cut into
   chunks of ``partition_units``;
2. per chunk: MinHash signatures and band keys with the numpy code of ``candidates.py``
   (``signatures``, ``band_keys``; the seed fixes the hash family, so every worker computes the
   same functions), each row ``(band, band key, key index)`` routed to one of ``P`` buckets by
   a hash of ``(band, band key)`` — **the shuffle**, as arrays;
3. per bucket: the rows of every chunk for it, candidate pairs within runs of equal band keys
   (``candidates._bucket_pairs``, band by band), routed by pair code to ``P`` candidate parts;
4. per candidate part: distinct pairs (so the count is the local one), verified with
   ``verify.verify`` (the definition of the score);
5. on the client: the verified key pairs expanded to unit pairs in different documents
   (``match.expand``, the local rule).

Dask is optional (``pip install evolve[dask]``; ``evolve[distributed]`` for a cluster). The
scheduler is ``threads`` unless told: ``sync``, ``processes``, ``distributed`` (the
``dask.distributed.Client`` already created in this process) or an address ``tcp://host:8786``.
"""

from __future__ import annotations

import contextlib
import itertools
from collections.abc import Iterator, Sequence
from typing import Any

import numpy as np

from ..errors import EvolveError, MissingDependencyError
from .candidates import LSHParams, _bucket_pairs, _distinct, band_keys, keep_likely, signatures, sketch
from .match import collapse, expand
from .verify import verify

#: Distinct keys per chunk (one signature task each).
PARTITION_UNITS = 20_000
SCHEDULERS = ("threads", "processes", "sync", "distributed")

_MIX = np.uint64(0x9E3779B97F4A7C15)


def require_dask() -> Any:
    """The ``dask`` module, or a one-line error saying how to install it."""
    try:
        import dask
        import dask.delayed
    except ImportError as exc:
        raise MissingDependencyError("install evolve[dask] for --backend dask") from exc
    return dask


def _route(values: np.ndarray, parts: int) -> np.ndarray:
    """A well-mixed part number for each uint64 value."""
    return ((values * _MIX) >> np.uint64(40)).astype(np.int64) % parts


def _chunk_rows(keys: list[str], lo: int, params: LSHParams, parts: int
                ) -> tuple[list[tuple[np.ndarray, np.ndarray, np.ndarray]], np.ndarray]:
    """One chunk: (band, band key, key index) arrays for each of ``parts`` buckets, and the
    chunk's signature sketch (``candidates.sketch``)."""
    sig = signatures(keys, params, workers=1)
    idx = np.arange(lo, lo + len(keys), dtype=np.int64)
    band = np.repeat(np.arange(params.bands, dtype=np.int16), len(keys))
    bkey = np.concatenate([band_keys(sig, params, b) for b in range(params.bands)])
    idx = np.tile(idx, params.bands)
    dest = _route(bkey ^ (band.astype(np.uint64) * np.uint64(0x51ED27)), parts)
    order = np.argsort(dest, kind="stable")
    cuts = np.searchsorted(dest[order], np.arange(parts + 1))
    band, bkey, idx = band[order], bkey[order], idx[order]
    return [(band[a:b], bkey[a:b], idx[a:b]) for a, b in itertools.pairwise(cuts)], sketch(sig)


def _sketches(*chunks: tuple[Any, np.ndarray]) -> np.ndarray:
    """All chunks' sketches, in key order (one graph node the verification tasks share)."""
    return np.concatenate([c[1] for c in chunks])


def _bucket_candidates(part: int, n: int, parts: int, *chunks: tuple[list[tuple[np.ndarray, ...]], Any]
                       ) -> list[np.ndarray]:
    """One bucket: candidate pair codes (i * n + j, i < j) routed to ``parts`` candidate parts."""
    band = np.concatenate([c[0][part][0] for c in chunks])
    bkey = np.concatenate([c[0][part][1] for c in chunks])
    idx = np.concatenate([c[0][part][2] for c in chunks])
    codes = []
    for b in np.unique(band).tolist():
        sel = band == b
        i, j = _bucket_pairs(bkey[sel])
        ki, kj = idx[sel][i], idx[sel][j]
        codes.append(np.minimum(ki, kj) * n + np.maximum(ki, kj))
    flat = _distinct(np.concatenate(codes)) if codes else np.empty(0, dtype=np.int64)
    dest = flat % parts
    return [flat[dest == q] for q in range(parts)]


def _verify_part(q: int, n: int, keys: list[str], sk: np.ndarray, params: LSHParams,
                 min_score: float, *buckets: list[np.ndarray]
                 ) -> tuple[np.ndarray, np.ndarray, int, int]:
    """One candidate part: distinct collisions, the likely ones verified;
    (key pairs, scores, candidates, collisions)."""
    flat = _distinct(np.concatenate([b[q] for b in buckets]))
    collisions = len(flat)
    flat = keep_likely(flat, n, sk, params)
    cand = np.stack((flat // n, flat % n), axis=1)
    kept, scores = verify(keys, cand, min_score=min_score, workers=1)
    return kept, scores, len(cand), collisions


def check_scheduler(scheduler: str | None) -> None:
    """An error for a scheduler name that is neither known nor an address."""
    if scheduler and scheduler not in (*SCHEDULERS, "synchronous") and "://" not in scheduler:
        raise EvolveError(f"unknown dask scheduler {scheduler!r} (use one of "
                          f"{', '.join(SCHEDULERS)} or a scheduler address tcp://host:port)")


@contextlib.contextmanager
def scheduler_context(scheduler: str | None) -> Iterator[None]:
    """Run the enclosed dask computations on ``scheduler`` (see the module docstring)."""
    import dask

    check_scheduler(scheduler)
    scheduler = scheduler or "threads"
    if scheduler in ("threads", "processes", "sync", "synchronous"):
        with dask.config.set(scheduler=scheduler):
            yield
    elif "://" in scheduler:
        try:
            from dask.distributed import Client
        except ImportError as exc:
            raise MissingDependencyError(
                "install evolve[distributed] to run on a scheduler address") from exc
        with Client(scheduler):
            yield
    else:  # a Client created by the caller is dask's default scheduler already
        yield


def match_keys_dask(uniq: Sequence[str], *, min_score: float = 0.7, params: LSHParams | None = None,
                    scheduler: str | None = None, partition_units: int = PARTITION_UNITS,
                    counts: dict[str, int] | None = None) -> tuple[np.ndarray, np.ndarray, int]:
    """``match.match_keys`` as a Dask graph: (key pairs (k, 2) in the local order, scores,
    candidates)."""
    dask = require_dask()
    from dask import delayed

    params = params or LSHParams()
    uniq = list(uniq)
    n = len(uniq)
    if n < 2:
        if counts is not None:
            counts["collisions"] = 0
        return np.empty((0, 2), dtype=np.int64), np.empty(0, np.float32), 0
    bounds = [*range(0, n, partition_units), n]
    parts = max(1, len(bounds) - 1)
    chunks = [delayed(_chunk_rows, pure=True)(uniq[lo:hi], lo, params, parts)
              for lo, hi in itertools.pairwise(bounds)]
    buckets = [delayed(_bucket_candidates, pure=True)(p, n, parts, *chunks) for p in range(parts)]
    keys_d = delayed(uniq, pure=True, traverse=False)
    sk = delayed(_sketches, pure=True)(*chunks)
    verified = [delayed(_verify_part, pure=True)(q, n, keys_d, sk, params, min_score, *buckets)
                for q in range(parts)]
    with scheduler_context(scheduler):
        results = dask.compute(*verified)
    kept = np.concatenate([r[0] for r in results])
    scores = np.concatenate([r[1] for r in results]).astype(np.float32)
    order = np.lexsort((kept[:, 1], kept[:, 0]))  # the local order: by key pair
    if counts is not None:
        counts["collisions"] = int(sum(r[3] for r in results))
    return kept[order], scores[order], int(sum(r[2] for r in results))


def match_units_dask(keys: Sequence[str], docs: Sequence[object] | np.ndarray, *,
                     min_score: float = 0.7, params: LSHParams | None = None,
                     scheduler: str | None = None, partition_units: int = PARTITION_UNITS,
                     counts: dict[str, int] | None = None) -> tuple[np.ndarray, np.ndarray, int]:
    """``match_units`` as a Dask graph: (pairs (k, 2) with i < j, scores, candidates)."""
    doc_codes = np.unique(np.asarray(docs), return_inverse=True)[1].ravel()
    uniq, inverse = collapse(keys)
    kept, scores, n_cand = match_keys_dask(uniq, min_score=min_score, params=params,
                                           scheduler=scheduler, partition_units=partition_units,
                                           counts=counts)
    pairs, s = expand(kept, scores, inverse, doc_codes)
    return pairs, s, n_cand


__all__ = ["PARTITION_UNITS", "SCHEDULERS", "check_scheduler", "match_keys_dask", "match_units_dask",
           "require_dask", "scheduler_context"]
