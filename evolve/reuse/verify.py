"""Verifying candidates: the similarity evolve reports, defined once.

``similarity(a, b)`` is rapidfuzz's Indel normalised similarity (1 - insertions and deletions
needed / total length, 0..1, i.e. ``fuzz.ratio / 100``) of the two texts' *keys*: the text with
punctuation, spaces and symbols removed. It is computed on the raw strings; rapidfuzz's default
processor is never used, because it turns Chinese punctuation into spaces. The benchmark's exact
all-pairs ground truth uses this same function.
"""

from __future__ import annotations

import numpy as np
from rapidfuzz.distance import Indel

from ..lazy_pattern import lazy
from ..progress import Progress, silent
from ..workers import can_fork, fork_map

_NOT_WORD = lazy(r"[^0-9A-Za-z\u3400-\u9fff\uf900-\ufaff]+")


def key(text: str) -> str:
    """The text compared: Han characters, Latin letters and digits only."""
    return _NOT_WORD.sub("", text)


def similarity(a: str, b: str) -> float:
    """Indel normalised similarity of two keys, 0..1."""
    return float(Indel.normalized_similarity(a, b))


_KEYS: list[str] = []  # the keys, inherited by forked verification workers


def _verify_block(args: tuple[int, np.ndarray, np.ndarray, float]) -> tuple[int, list[int], list[float]]:
    lo, block, ok, min_score = args
    scorer = Indel.normalized_similarity
    keys = _KEYS
    kept: list[int] = []
    scores: list[float] = []
    for n, ((i, j), p) in enumerate(zip(block.tolist(), ok.tolist(), strict=True)):
        if p:
            s = scorer(keys[i], keys[j], score_cutoff=min_score)
            if s:
                kept.append(lo + n)
                scores.append(s)
    return len(block), kept, scores


def verify(keys: list[str], pairs: np.ndarray, *, min_score: float, workers: int = 2,
           progress: Progress = silent) -> tuple[np.ndarray, np.ndarray]:
    """Keep candidate pairs whose similarity is at least ``min_score``; return (pairs, scores).

    Above 200,000 candidates the blocks are shared among ``workers`` forked processes.
    """
    global _KEYS
    advance = progress("verifying", len(pairs))
    lengths = np.fromiter((len(k) for k in keys), dtype=np.int64, count=len(keys))
    if len(pairs):
        # Indel similarity cannot reach min_score when 2*min/(la+lb) < min_score: skip those.
        la, lb = lengths[pairs[:, 0]], lengths[pairs[:, 1]]
        possible = 2 * np.minimum(la, lb) >= min_score * (la + lb)
    else:
        possible = np.zeros(0, dtype=bool)
    kept: list[int] = []
    scores: list[float] = []
    step = 50_000
    blocks = [(lo, pairs[lo : lo + step], possible[lo : lo + step], min_score)
              for lo in range(0, len(pairs), step)]
    _KEYS = keys
    try:
        if workers > 1 and len(pairs) > 200_000 and can_fork():
            results = list(_track(fork_map(_verify_block, blocks, workers=workers), advance))
        else:
            results = list(_track(map(_verify_block, blocks), advance))
    finally:
        _KEYS = []
    for _, k, s in results:
        kept.extend(k)
        scores.extend(s)
    idx = np.asarray(kept, dtype=np.int64)
    return (pairs[idx] if len(pairs) else pairs), np.asarray(scores, dtype=np.float64)


def _track(results, advance):  # type: ignore[no-untyped-def]
    for r in results:
        advance(r[0])
        yield r


def all_pairs(keys: list[str], groups: np.ndarray, *, min_score: float,
              workers: int = 2) -> tuple[np.ndarray, np.ndarray]:
    """Exact ground truth: every pair in different groups with similarity >= min_score (slow)."""
    from rapidfuzz.process import cdist

    out_i: list[np.ndarray] = []
    out_j: list[np.ndarray] = []
    out_s: list[np.ndarray] = []
    step = max(1, 2_000_000 // max(len(keys), 1))
    for lo in range(0, len(keys), step):
        m = cdist(keys[lo : lo + step], keys, scorer=Indel.normalized_similarity,
                  score_cutoff=min_score, dtype=np.float32, workers=workers)
        r, c = np.nonzero(m)
        r = r + lo
        keep = (r < c) & (groups[r] != groups[c])
        out_i.append(r[keep])
        out_j.append(c[keep])
        out_s.append(m[r[keep] - lo, c[keep]])
    if not out_i:
        return np.empty((0, 2), dtype=np.int64), np.empty(0)
    return (np.stack((np.concatenate(out_i), np.concatenate(out_j)), axis=1).astype(np.int64),
            np.concatenate(out_s).astype(np.float64))
