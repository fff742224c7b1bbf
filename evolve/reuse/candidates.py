"""Candidate pairs without comparing every pair: MinHash-LSH over character shingles, in numpy.

Each unit's key (its text with punctuation and spaces removed, see ``verify.key``) becomes the set
of its character k-grams; ``perms`` multiply-shift hashes give a MinHash signature; units that
agree on all ``rows`` values of any of the ``bands`` bands become candidates. The probability that
a pair with shingle Jaccard ``s`` becomes a candidate is ``1 - (1 - s**rows)**bands``.

Written in numpy rather than with datasketch: datasketch hashes every shingle in Python (SHA-1),
which is the dominant cost at a few million shingles; here one vectorised pass per permutation
over all shingles does it, and the band buckets are found by sorting, not dictionaries.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from ..dataclass_code import dataclass
from ..progress import Progress, silent
from ..workers import can_fork, fork_map

_MASK61 = np.uint64((1 << 61) - 1)


@dataclass(frozen=True)
class LSHParams:
    """MinHash-LSH settings; the defaults were chosen with ``bench/reuse_bench.py``."""

    shingle: int = 2  #: characters per shingle (bigrams survive scattered edits better)
    bands: int = 35
    rows: int = 5
    seed: int = 1
    #: Band collisions whose signatures agree on fewer than this share of all ``perms`` values
    #: (an estimate of their shingle Jaccard) are dropped before verification: pairs that share
    #: one clause of several collide in a band now and then, and their number grows with the
    #: square of the corpus (0 keeps every collision).
    min_jaccard: float = 0.4

    @property
    def perms(self) -> int:
        return self.bands * self.rows

    def probability(self, jaccard: float) -> float:
        """Chance that a pair of this shingle Jaccard similarity becomes a candidate."""
        return 1.0 - (1.0 - jaccard**self.rows) ** self.bands


def _shingle_hashes(keys: Sequence[str], k: int) -> tuple[np.ndarray, np.ndarray]:
    """All shingle hashes, concatenated, and each unit's start offset (units shorter than k: one)."""
    text = "\x00".join(keys)
    codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    lengths = np.fromiter((len(s) for s in keys), dtype=np.int64, count=len(keys))
    starts = np.concatenate(([0], np.cumsum(lengths + 1)[:-1]))
    # Rolling polynomial hash of each k-gram starting at every position.
    h = np.zeros(len(codes), dtype=np.uint64)
    for j in range(k):
        shifted = np.zeros(len(codes), dtype=np.uint64)
        shifted[: len(codes) - j] = codes[j:]
        h = h * np.uint64(1_000_003) + shifted
    # Keep positions whose k-gram lies inside one unit; a unit shorter than k keeps its start.
    n_sh = np.maximum(lengths - k + 1, 1)
    offsets = np.concatenate(([0], np.cumsum(n_sh)[:-1]))
    idx = np.repeat(starts - offsets, n_sh) + np.arange(n_sh.sum())
    return h[idx], offsets


_CHUNK = 20_000


def _signature_block(args: tuple[Sequence[str], LSHParams]) -> np.ndarray:
    keys, params = args
    rng = np.random.default_rng(params.seed)
    a = rng.integers(1, 2**63, size=params.perms, dtype=np.uint64) | np.uint64(1)
    b = rng.integers(0, 2**63, size=params.perms, dtype=np.uint64)
    sig = np.empty((len(keys), params.perms), dtype=np.uint32)
    hashes, offsets = _shingle_hashes(keys, params.shingle)
    mixed = hashes ^ (hashes >> np.uint64(29))
    for j in range(params.perms):
        v = ((mixed * a[j] + b[j]) >> np.uint64(32)).astype(np.uint32)
        sig[:, j] = np.minimum.reduceat(v, offsets)
    return sig


def signatures(keys: Sequence[str], params: LSHParams = LSHParams(), *, workers: int = 2,
               progress: Progress = silent) -> np.ndarray:
    """MinHash signatures, shape (len(keys), perms), uint32 (blocks of 20,000 keys in parallel)."""
    n = len(keys)
    sig = np.empty((n, params.perms), dtype=np.uint32)
    if n == 0:
        return sig
    advance = progress("minhash", n)
    blocks = [(list(keys[lo : lo + _CHUNK]), params) for lo in range(0, n, _CHUNK)]
    if workers > 1 and len(blocks) > 1 and can_fork():
        for k, block in enumerate(fork_map(_signature_block, blocks, workers=min(workers, len(blocks)))):
            sig[k * _CHUNK : k * _CHUNK + len(block)] = block
            advance(len(block))
    else:
        for k, args in enumerate(blocks):
            block = _signature_block(args)
            sig[k * _CHUNK : k * _CHUNK + len(block)] = block
            advance(len(block))
    return sig


def band_keys(sig: np.ndarray, params: LSHParams, band: int) -> np.ndarray:
    """One band's bucket key for every signature row (uint64): equal rows, equal keys.

    Shared by the local banding below and the Dask backend (``distributed.py``), so both put
    the same units in the same buckets.
    """
    mult = np.random.default_rng(params.seed + 7).integers(1, 2**63, size=params.rows,
                                                           dtype=np.uint64) | np.uint64(1)
    cols = sig[:, band * params.rows : (band + 1) * params.rows].astype(np.uint64)
    return (cols * mult).sum(axis=1, dtype=np.uint64) ^ (cols[:, 0] << np.uint64(17))


def _bucket_pairs(keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """All (i, j), i < j, with keys[i] == keys[j]; work proportional to the pairs found."""
    order = np.argsort(keys, kind="stable")
    sk = keys[order]
    out_i: list[np.ndarray] = []
    out_j: list[np.ndarray] = []
    active = np.arange(len(sk) - 1)
    d = 1
    while active.size:
        same = sk[active] == sk[active + d]
        active = active[same]
        if not active.size:
            break
        out_i.append(order[active])
        out_j.append(order[active + d])
        d += 1
        active = active[active + d < len(sk)]
    if not out_i:
        empty = np.empty(0, dtype=np.int64)
        return empty, empty
    i = np.concatenate(out_i)
    j = np.concatenate(out_j)
    return np.minimum(i, j), np.maximum(i, j)


def sketch(sig: np.ndarray) -> np.ndarray:
    """The low byte of every MinHash value (uint8, units x perms): enough to estimate Jaccard
    (two values agree by chance with probability 1/256), a quarter of the signature's size."""
    return (sig & np.uint32(0xFF)).astype(np.uint8)


def agreement(sk: np.ndarray, i: np.ndarray, j: np.ndarray, *, block: int = 100_000) -> np.ndarray:
    """Share of sketch values on which units i and j agree (float32; the Jaccard estimate)."""
    out = np.empty(len(i), dtype=np.float32)
    for lo in range(0, len(i), block):
        a, b = sk[i[lo : lo + block]], sk[j[lo : lo + block]]
        out[lo : lo + block] = (a == b).mean(axis=1)
    return out


def keep_likely(codes: np.ndarray, n: int, sk: np.ndarray, params: LSHParams) -> np.ndarray:
    """Pair codes (i * n + j) whose sketches agree on at least ``params.min_jaccard``."""
    if params.min_jaccard <= 0 or not len(codes):
        return codes
    return codes[agreement(sk, codes // n, codes % n) >= params.min_jaccard]


def candidate_pairs(keys: Sequence[str], groups: np.ndarray, params: LSHParams = LSHParams(), *,
                    sig: np.ndarray | None = None, progress: Progress = silent,
                    counts: dict[str, int] | None = None) -> np.ndarray:
    """Candidate pairs (k, 2) of unit indices in different groups (documents), i < j, unique.

    ``sig``: the keys' signatures if already known (e.g. from the index's cache). ``counts``, if
    given, receives ``collisions``: the distinct band collisions before ``keep_likely``.
    """
    n = len(keys)
    if n < 2:
        if counts is not None:
            counts["collisions"] = 0
        return np.empty((0, 2), dtype=np.int64)
    if sig is None:
        sig = signatures(keys, params, progress=progress)
    flat = np.empty(0, dtype=np.int64)
    pending: list[np.ndarray] = []
    advance = progress("LSH bands", params.bands)
    for band in range(params.bands):
        i, j = _bucket_pairs(band_keys(sig, params, band))
        keep = groups[i] != groups[j]
        pending.append(i[keep].astype(np.int64) * n + j[keep])
        # Merge every few bands so memory holds the distinct candidates, not bands x candidates.
        if len(pending) == 5 or band == params.bands - 1:
            flat = _distinct(np.concatenate([flat, *pending]))
            pending = []
        advance(1)
    if counts is not None:
        counts["collisions"] = len(flat)
    flat = keep_likely(flat, n, sketch(sig), params)
    return np.stack((flat // n, flat % n), axis=1)


def _distinct(codes: np.ndarray) -> np.ndarray:
    """Sorted distinct values (a sort and a mask: faster than np.unique's hash path here)."""
    if codes.size == 0:
        return codes
    codes = np.sort(codes)
    return codes[np.concatenate(([True], codes[1:] != codes[:-1]))]
