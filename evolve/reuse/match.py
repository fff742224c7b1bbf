"""From unit keys to verified unit pairs, in numpy arrays: collapse, candidates, verify, expand.

Identical keys are collapsed first (boilerplate repeated in hundreds of plans is hashed and
verified once), candidates are found among the distinct keys (``candidates``), verified
(``verify``), and expanded back to every pair of their units in different documents. Both
backends share this module: the Dask backend distributes the candidates and verification only.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from ..progress import Progress, silent
from .candidates import LSHParams, candidate_pairs
from .verify import verify


def collapse(keys: Sequence[str]) -> tuple[list[str], np.ndarray]:
    """The distinct keys (in order of first appearance) and each key's row among them."""
    ids: dict[str, int] = {}
    inverse = np.fromiter((ids.setdefault(k, len(ids)) for k in keys), dtype=np.int64,
                          count=len(keys))
    return list(ids), inverse


def _groups(inverse: np.ndarray, n_keys: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Units sorted by key (``order``), and each key's start and size in that order."""
    order = np.argsort(inverse, kind="stable")
    size = np.bincount(inverse, minlength=n_keys)
    start = np.cumsum(size) - size
    return order, start, size


def _ranges(counts: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For counts c: (owner, offset) with owner repeated c times and offset 0..c-1 for each."""
    owner = np.repeat(np.arange(len(counts)), counts)
    counts = counts.astype(np.int64)
    first = np.cumsum(counts) - counts
    offset = np.arange(int(counts.sum()), dtype=np.int64) - np.repeat(first, counts)
    return owner, offset


def expand(key_pairs: np.ndarray, key_scores: np.ndarray, inverse: np.ndarray,
           docs: np.ndarray, *, keys_mask: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Unit pairs (k, 2), i < j, in different documents, and scores, from distinct-key pairs.

    Every unit of key a is paired with every unit of key b; the units sharing one key are paired
    with each other at score 1.0 (only for the keys in ``keys_mask``, if given).
    """
    n_keys = int(inverse.max()) + 1 if len(inverse) else 0
    order, start, size = _groups(inverse, n_keys)
    ka, kb = key_pairs[:, 0], key_pairs[:, 1]
    owner, t = _ranges(size[ka] * size[kb])
    nb = size[kb][owner]
    i = order[start[ka][owner] + t // nb]
    j = order[start[kb][owner] + t % nb]
    s = key_scores[owner]
    # Units of one key: each with every later one of its group.
    pos = np.arange(len(order))
    end = np.repeat(start + size, size)  # the group end of every sorted position
    later = end - pos - 1
    if keys_mask is not None:
        later = np.where(keys_mask[inverse[order]], later, 0)
    owner2, t2 = _ranges(later)
    ii = order[owner2]
    jj = order[owner2 + 1 + t2]
    i = np.concatenate((i, ii))
    j = np.concatenate((j, jj))
    s = np.concatenate((s.astype(np.float32), np.ones(len(ii), dtype=np.float32)))
    keep = docs[i] != docs[j]
    i, j, s = i[keep], j[keep], s[keep]
    return np.stack((np.minimum(i, j), np.maximum(i, j)), axis=1), s


def match_keys(uniq: Sequence[str], *, min_score: float = 0.7, params: LSHParams | None = None,
               sigs: np.ndarray | None = None, progress: Progress = silent,
               counts: dict[str, int] | None = None) -> tuple[np.ndarray, np.ndarray, int]:
    """Verified pairs of distinct keys: (key pairs (k, 2), scores float32, candidates).

    ``sigs``: the keys' MinHash signatures, if known. ``counts`` receives ``collisions`` (the
    band collisions before the signature-agreement filter, see ``candidates.keep_likely``).
    """
    params = params or LSHParams()
    cand = candidate_pairs(uniq, np.arange(len(uniq)), params, sig=sigs, progress=progress,
                           counts=counts)
    kept, scores = verify(list(uniq), cand, min_score=min_score, progress=progress)
    return kept, scores.astype(np.float32), len(cand)


def first_units(inverse: np.ndarray, n_keys: int) -> np.ndarray:
    """The first unit of each key."""
    first = np.full(n_keys, -1, dtype=np.int64)
    first[inverse[::-1]] = np.arange(len(inverse))[::-1]
    return first


def match_units(keys: Sequence[str], docs: Sequence[object] | np.ndarray, *, min_score: float = 0.7,
                params: LSHParams | None = None, sigs: np.ndarray | None = None,
                progress: Progress = silent, counts: dict[str, int] | None = None
                ) -> tuple[np.ndarray, np.ndarray, int]:
    """Pairs of keys from different documents with similarity >= min_score.

    Returns ``(pairs, scores, candidates)``: unit indices (k, 2) with i < j, their scores
    (float32) and the number of distinct-key candidates verified. ``sigs``: the keys' MinHash
    signatures, if known (row i for keys[i]).
    """
    doc_codes = np.unique(np.asarray(docs), return_inverse=True)[1].ravel()
    uniq, inverse = collapse(keys)
    if not uniq:
        if counts is not None:
            counts["collisions"] = 0
        return np.empty((0, 2), dtype=np.int64), np.empty(0, dtype=np.float32), 0
    usig = None if sigs is None else sigs[first_units(inverse, len(uniq))]
    kept, scores, n_cand = match_keys(uniq, min_score=min_score, params=params, sigs=usig,
                                      progress=progress, counts=counts)
    pairs, s = expand(kept, scores, inverse, doc_codes)
    return pairs, s, n_cand


__all__ = ["collapse", "expand", "first_units", "match_keys", "match_units"]
