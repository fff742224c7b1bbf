"""The Dask backend of ``evolve reuse`` (``--backend dask``): the same candidates, as a dask.bag.

``match_units_dask`` returns exactly what ``match_units`` returns (the same pairs, scores and
candidate count), so the report code is shared. The pipeline follows ``docs/distributed.md``:

1. units ``(index, doc, key)``, **partitioned by document** (a partition ends at a document
   boundary once it holds ``partition_units`` units);
2. per partition: identical keys collapsed, MinHash signatures and band keys with the numpy code
   of ``candidates.py`` (``signatures``, ``band_keys``; the seed fixes the hash family, so every
   worker computes the same functions);
3. flattened to ``((band, band key), (key, members))`` rows;
4. **shuffled by band key** (``groupby``, task-based shuffle); in each bucket the members of a key
   are merged (identical keys share every bucket, so a bucket holds all of a key's units);
   buckets of one key are skipped; each pair of different keys is a candidate, and band 0's
   buckets also give the pairs of identical texts (score 1.0);
5. candidates deduplicated by a second shuffle, on the key pair;
6. verified with ``verify.verify`` (the definition of the score) per partition, and expanded to
   unit pairs in different documents, the same rule as the local path.

Dask is optional (``pip install evolve[dask]``). The scheduler is ``threads`` unless told:
``sync``, ``processes``, ``distributed`` (the ``dask.distributed.Client`` already created in this
process) or a scheduler address such as ``tcp://10.0.0.5:8786``.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Iterator
from operator import itemgetter
from typing import Any

import numpy as np

from ..errors import EvolveError, MissingDependencyError
from .candidates import LSHParams, band_keys, signatures
from .verify import verify

#: Units per partition (partitions end at document boundaries, so they may hold a few more).
PARTITION_UNITS = 5_000
SCHEDULERS = ("threads", "processes", "sync", "distributed")

Members = tuple[tuple[int, str], ...]  # (unit index, document) of every unit with one key


def require_dask() -> Any:
    """The ``dask.bag`` module, or a one-line error saying how to install it."""
    try:
        import dask.bag as bag
    except ImportError as exc:
        raise MissingDependencyError("install evolve[dask] for --backend dask") from exc
    return bag


def _partitions(docs: list[str], size: int) -> list[tuple[int, int]]:
    """(lo, hi) ranges of about ``size`` units that never split a document (docs are grouped)."""
    out: list[tuple[int, int]] = []
    lo = 0
    for i in range(1, len(docs) + 1):
        if i == len(docs) or (i - lo >= size and docs[i] != docs[i - 1]):
            out.append((lo, i))
            lo = i
    return out


def _band_rows(units: Iterable[tuple[int, str, str]], params: LSHParams
               ) -> list[tuple[tuple[int, int], tuple[str, Members]]]:
    """One partition: ((band, band key), (key, members)) for every distinct key and band."""
    members: dict[str, list[tuple[int, str]]] = {}
    for i, doc, k in units:
        members.setdefault(k, []).append((i, doc))
    uniq = list(members)
    if not uniq:
        return []
    sig = signatures(uniq, params, workers=1)
    rows = []
    for band in range(params.bands):
        for k, bk in zip(uniq, band_keys(sig, params, band).tolist(), strict=True):
            rows.append(((band, bk), (k, tuple(members[k]))))
    return rows


def _merge(rows: Iterable[tuple[Any, tuple[str, Members]]]) -> dict[str, Members]:
    """A bucket's keys and all their units (a key may arrive from several partitions)."""
    merged: dict[str, list[tuple[int, str]]] = {}
    for _, (k, mem) in rows:
        merged.setdefault(k, []).extend(mem)
    return {k: tuple(sorted(m)) for k, m in sorted(merged.items())}


def _key_pairs(buckets: Iterable[tuple[tuple[int, int], list[Any]]]
               ) -> list[tuple[tuple[str, str], tuple[Members, Members]]]:
    """Candidate key pairs (a < b) with their units, from buckets of two or more keys."""
    out = []
    for _, rows in buckets:
        if len(rows) < 2:  # one key (from one partition): no candidate
            continue
        merged = _merge(rows)
        ks = list(merged)
        for x, a in enumerate(ks):
            for b in ks[x + 1 :]:
                out.append(((a, b), (merged[a], merged[b])))
    return out  # a list, not a generator: partitions are pickled between processes


def _identical_pairs(buckets: Iterable[tuple[tuple[int, int], list[Any]]]
                     ) -> list[tuple[int, int, float]]:
    """Units with identical keys in different documents (from band 0 only: each key once)."""
    out = []
    for (band, _), rows in buckets:
        if band != 0:
            continue
        for mem in _merge(rows).values():
            for x, (i, di) in enumerate(mem):
                for j, dj in mem[x + 1 :]:
                    if di != dj:
                        out.append((i, j, 1.0))
    return out


def _first(group: tuple[Any, list[Any]]) -> Any:
    """One of a group's identical candidates (a key pair's units are the same in every band)."""
    return group[1][0]


def _verify_partition(cands: Iterable[tuple[tuple[str, str], tuple[Members, Members]]],
                      min_score: float) -> list[tuple[int, int, float]]:
    """Verify one partition's candidates with ``verify`` and expand them to unit pairs."""
    cands = list(cands)
    if not cands:
        return []
    keys: list[str] = []
    for (a, b), _ in cands:
        keys += [a, b]
    pairs = np.arange(len(keys), dtype=np.int64).reshape(-1, 2)
    kept, scores = verify(keys, pairs, min_score=min_score, workers=1)
    out: list[tuple[int, int, float]] = []
    for row, s in zip((kept[:, 0] // 2).tolist(), scores.tolist(), strict=True):
        mem_a, mem_b = cands[row][1]
        for i, di in mem_a:
            for j, dj in mem_b:
                if di != dj:
                    out.append((min(i, j), max(i, j), s))
    return out


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
                "install dask[distributed] to run on a scheduler address") from exc
        with Client(scheduler):
            yield
    else:  # a Client created by the caller is dask's default scheduler already
        yield


def match_units_dask(keys: list[str], docs: list[str], *, min_score: float = 0.7,
                     params: LSHParams | None = None, scheduler: str | None = None,
                     partition_units: int = PARTITION_UNITS) -> tuple[list[tuple[int, int, float]], int]:
    """``match_units`` as a dask.bag pipeline: pairs (i, j, score), i < j, and the candidate count.

    ``docs`` must come grouped by document (as ``index.units`` gives them).
    """
    bag = require_dask()
    import dask

    params = params or LSHParams()
    if len(keys) < 2:
        return [], 0
    parts = [[(i, docs[i], keys[i]) for i in range(lo, hi)]
             for lo, hi in _partitions(docs, partition_units)]
    units = bag.from_sequence(parts, partition_size=1).flatten()
    rows = units.map_partitions(_band_rows, params)
    buckets = rows.groupby(itemgetter(0), shuffle="tasks", npartitions=rows.npartitions)
    cands = (buckets.map_partitions(_key_pairs)
             .groupby(itemgetter(0), shuffle="tasks", npartitions=rows.npartitions)
             .map(_first))
    matched = cands.map_partitions(_verify_partition, min_score)
    identical = buckets.map_partitions(_identical_pairs)
    with scheduler_context(scheduler):
        found, same, n_candidates = dask.compute(matched, identical, cands.count())
    return list(found) + list(same), int(n_candidates)


__all__ = ["PARTITION_UNITS", "SCHEDULERS", "check_scheduler", "match_units_dask", "require_dask", "scheduler_context"]
