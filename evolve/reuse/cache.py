"""What a second ``evolve reuse`` needs, kept in the corpus index (``index.py``'s SQLite file).

Two tables, both written in transactions (an interrupted run leaves the previous state):

- ``signatures``: one row per document and level, the MinHash signatures of all its units
  (uint32, units x perms) with the document's content hash and the LSH settings. A row is used
  only if the hash still matches the document's row in ``documents``; ``index._delete`` drops it
  with the document, so a changed document's signatures are recomputed and the others reused.
- ``reuse_runs``: the verified pairs of the last ``KEEP_RUNS`` runs, keyed by a fingerprint of
  every indexed document's hash, the level, ``min_score``, ``min_chars`` and the LSH settings.
  Any change to any of those misses the cache, so a hit returns exactly what the run would find.
"""

from __future__ import annotations

import hashlib
import json
import time
from pathlib import Path

import numpy as np

from .candidates import LSHParams

#: Bump when signatures or matching change what they compute: older cache rows are then ignored.
VERSION = "4"
KEEP_RUNS = 4


def params_tag(params: LSHParams) -> str:
    return f"v{VERSION}:k{params.shingle}:b{params.bands}:r{params.rows}:s{params.seed}"


def fingerprint(corpus: str | Path, *, level: str, min_score: float, min_chars: int,
                params: LSHParams) -> str:
    """A digest of everything a run's pairs depend on: document hashes and settings."""
    from ..index import open_index

    con = open_index(corpus, check=False)
    try:
        docs = con.execute("SELECT id, hash FROM documents ORDER BY id").fetchall()
    finally:
        con.close()
    h = hashlib.sha256(json.dumps([params_tag(params), repr(float(params.min_jaccard)), level,
                                   repr(float(min_score)), min_chars],
                                  ensure_ascii=False).encode("utf-8"))
    for rid, hash_ in docs:
        h.update(f"\x00{rid}\x01{hash_}".encode())
    return h.hexdigest()


def load_signatures(corpus: str | Path, *, level: str, params: LSHParams,
                    counts: dict[str, int]) -> dict[str, np.ndarray]:
    """Cached signatures by document, for documents unchanged since they were stored.

    ``counts``: the number of units each document has now at this level (a mismatch is a miss).
    """
    from ..index import open_index

    con = open_index(corpus, check=False)
    try:
        rows = con.execute(
            "SELECT s.doc, s.units, s.sig FROM signatures s JOIN documents d "
            "ON d.id = s.doc AND d.hash = s.hash WHERE s.level = ? AND s.params = ?",
            (level, params_tag(params))).fetchall()
    finally:
        con.close()
    out: dict[str, np.ndarray] = {}
    for doc, n, blob in rows:
        if counts.get(doc) == n and len(blob) == 4 * n * params.perms:
            out[doc] = np.frombuffer(blob, dtype=np.uint32).reshape(n, params.perms)
    return out


def store_signatures(corpus: str | Path, *, level: str, params: LSHParams,
                     sigs: dict[str, np.ndarray]) -> None:
    """Store documents' signatures (with each document's current hash), one transaction."""
    from ..index import open_index

    if not sigs:
        return
    tag = params_tag(params)
    con = open_index(corpus, check=False)
    try:
        with con:
            con.execute("DELETE FROM signatures WHERE level = ? AND params != ?", (level, tag))
            con.executemany(
                "INSERT OR REPLACE INTO signatures "
                "SELECT id, ?, ?, hash, ?, ? FROM documents WHERE id = ?",
                [(level, tag, len(s), np.ascontiguousarray(s, dtype=np.uint32).tobytes(), doc)
                 for doc, s in sigs.items()])
    finally:
        con.close()


def load_run(corpus: str | Path, fp: str) -> tuple[np.ndarray, np.ndarray, int] | None:
    """(pairs (k, 2) of unit indices, scores, candidates) of an identical earlier run, or None."""
    from ..index import open_index

    con = open_index(corpus, check=False)
    try:
        row = con.execute("SELECT candidates, pairs, scores FROM reuse_runs WHERE fingerprint = ?",
                          (fp,)).fetchone()
    finally:
        con.close()
    if row is None:
        return None
    cand, pairs, scores = row
    p = np.frombuffer(pairs, dtype=np.int64).reshape(-1, 2)
    s = np.frombuffer(scores, dtype=np.float64)
    if len(p) != len(s):
        return None
    return p, s, int(cand)


def store_run(corpus: str | Path, fp: str, pairs: np.ndarray, scores: np.ndarray,
              candidates: int) -> None:
    """Remember a run's pairs; keep only the newest ``KEEP_RUNS`` runs."""
    from ..index import open_index

    con = open_index(corpus, check=False)
    try:
        with con:
            con.execute("INSERT OR REPLACE INTO reuse_runs VALUES (?, ?, ?, ?, ?)",
                        (fp, time.time(), int(candidates),
                         np.ascontiguousarray(pairs, dtype=np.int64).tobytes(),
                         np.ascontiguousarray(scores, dtype=np.float64).tobytes()))
            con.execute("DELETE FROM reuse_runs WHERE fingerprint NOT IN (SELECT fingerprint "
                        "FROM reuse_runs ORDER BY created DESC LIMIT ?)", (KEEP_RUNS,))
    finally:
        con.close()


__all__ = ["fingerprint", "load_run", "load_signatures", "params_tag", "store_run",
           "store_signatures"]
