"""Provision texts as TF-IDF vectors of words and character n-grams.

Weights come from how many provisions of the compared plans (and of a background corpus, when
given) contain a feature, so formulaic words common to every plan (加强, 推进, 建设, 统筹推进 …)
count for little and the words that name what a provision is about count for much.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import Any

from ..dataclass_code import dataclass
from ..lazy_pattern import lazy
from ..places import gazetteer
from ..records import Provision
from ..shipped import data_toml
from ..tokenize import content_words
from .matrix import Matrix, zeros

_HAN_ALNUM = lazy(r"[^\u4e00-\u9fffA-Za-z0-9+]")
#: Place names say where a plan is from, not what a provision is about.
_PLACE_SUFFIX = ("市", "省", "区", "县")


@lru_cache(maxsize=1)
def _place_words() -> frozenset[str]:
    names: set[str] = set()
    for p in gazetteer():
        names.update({p.name, p.short})
        names.update(p.short + s for s in _PLACE_SUFFIX)
    return frozenset(names)


def word_features(text: str) -> list[str]:
    """Content words of a text, without place names and single Han characters."""
    return list(_word_features(text))


@lru_cache(maxsize=4096)
def _word_features(text: str) -> tuple[str, ...]:
    places = _place_words()
    return tuple(w for w in content_words(text) if w not in places and not (len(w) == 1 and not w.isascii()))


def char_features(text: str, *, n: tuple[int, ...] = (2, 3)) -> list[str]:
    """Character n-grams of the text's Han letters and digits (punctuation removed)."""
    s = _HAN_ALNUM.sub("", text)
    return [s[i : i + k] for k in n for i in range(len(s) - k + 1)]


@dataclass(frozen=True)
class Space:
    """A shared feature space: vocabulary and inverse document frequencies."""

    index: dict[str, int]
    idf: list[float]  #: one weight per feature, in the order of ``index``


def build_space(feature_lists: Sequence[Sequence[str]], *, background: Counter[str] | None = None,
                background_docs: int = 0) -> Space:
    """IDF over the given provisions, plus background document frequencies if given."""
    df: Counter[str] = Counter()
    for feats in feature_lists:
        df.update(set(feats))
    n_docs = len(feature_lists) + background_docs
    index = {f: i for i, f in enumerate(sorted(df))}
    if background:
        idf = [math.log((1 + n_docs) / (1 + df[f] + background[f])) + 1.0 for f in index]
    else:  # one logarithm per document frequency, not per feature
        by_df = {d: math.log((1 + n_docs) / (1 + d)) + 1.0 for d in set(df.values())}
        idf = [by_df[df[f]] for f in index]
    return Space(index, idf)


#: 1 + log(count), the sublinear term frequency, for the counts most features have.
_TF = [0.0] + [1.0 + math.log(c) for c in range(1, 64)]


def sparse_vectors(feature_lists: Sequence[Sequence[str]], space: Space, *,
                   columns: Sequence[str] | None = None) -> list[dict[int, float]]:
    """L2-normalised TF-IDF rows (sublinear term frequency) in ``space``, each a dict from
    column to weight holding the row's non-zero weights.

    With ``columns``, only those features get a column, but each row is still normalised over
    all its features: cosines between rows stay exact as long as every feature that two compared
    rows share is among the columns.
    """
    cols = {f: k for k, f in enumerate(columns if columns is not None else space.index)}
    idf = space.idf
    # each feature's IDF and column (None: no column), looked up once per occurrence
    info = {f: (idf[j], cols.get(f)) for f, j in space.index.items()}
    out: list[dict[int, float]] = []
    for feats in feature_lists:
        norm = 0.0
        row: list[tuple[int, float]] = []
        for f, c in Counter(feats).items():
            found = info.get(f)
            if found is None:
                continue
            weight, k = found
            if c != 1:  # (1 + log 1) * idf is idf
                weight = (_TF[c] if c < len(_TF) else 1.0 + math.log(c)) * weight
            norm += weight * weight
            if k is not None:
                row.append((k, weight))
        # a row without features is left as it is (divided by 1)
        length = math.sqrt(norm) if norm else 1.0
        out.append({k: weight / length for k, weight in row})
    return out


def vectors(feature_lists: Sequence[Sequence[str]], space: Space, *,
            columns: Sequence[str] | None = None) -> Any:
    """``sparse_vectors`` as a dense numpy matrix (rows: the feature lists), for the baselines
    of the gold-set benchmarks; the alignment itself needs no numpy (``cross_cosines``)."""
    import numpy as np

    m = np.zeros((len(feature_lists), len(columns if columns is not None else space.index)), dtype=np.float64)
    for row, weights in enumerate(sparse_vectors(feature_lists, space, columns=columns)):
        for k, weight in weights.items():
            m[row, k] = weight
    return m


def cross_cosines(source: Sequence[Sequence[str]], target: Sequence[Sequence[str]]) -> Matrix:
    """Cosine similarity of every source row to every target row, IDF over both sides.

    The weights are ``sparse_vectors``'s in ``build_space`` (sublinear TF times IDF, each row
    normalised over all its features), computed here without the sorted vocabulary: only
    features present on both sides can contribute to a cross product, so the rows hold just
    those columns, and each source row meets only the target rows that share a feature with it
    (an inverted index): the products of each pair are summed in column order.
    """
    counts = [Counter(feats) for feats in (*source, *target)]
    n = len(source)
    df: Counter[str] = Counter()
    for c in counts:
        df.update(c.keys())
    n_docs = len(counts)
    by_df = {d: math.log((1 + n_docs) / (1 + d)) + 1.0 for d in set(df.values())}  # build_space's IDF
    shared = sorted(set().union(*counts[:n]) & set().union(*counts[n:])) if source and target else []
    column = {f: k for k, f in enumerate(shared)}
    rows: list[dict[int, float]] = []
    for c in counts:  # as sparse_vectors, in the same order of operations
        norm = 0.0
        row: list[tuple[int, float]] = []
        for f, times in c.items():
            weight = by_df[df[f]]
            if times != 1:
                weight = (_TF[times] if times < len(_TF) else 1.0 + math.log(times)) * weight
            norm += weight * weight
            k = column.get(f)
            if k is not None:
                row.append((k, weight))
        length = math.sqrt(norm) if norm else 1.0
        rows.append({k: weight / length for k, weight in row})
    postings: list[list[tuple[int, float]]] = [[] for _ in shared]
    for j, row_j in enumerate(rows[n:]):
        for k, weight in row_j.items():
            postings[k].append((j, weight))
    out = zeros(n, len(target))
    for i, row_i in enumerate(rows[:n]):
        acc = out[i]
        for k, weight in sorted(row_i.items()):
            for j, other in postings[k]:
                acc[j] += weight * other
    return out


@lru_cache(maxsize=1)
def _domains() -> tuple[tuple[str, tuple[str, ...]], ...]:
    data = data_toml("topics.toml")
    return tuple((name, tuple(words)) for name, words in data["domains"].items())


@lru_cache(maxsize=1)
def _domain_words() -> dict[str, tuple[tuple[int, str], ...]]:
    """The domains' words by their first two characters (the character, for a one-character word):
    a text is searched only for the words whose start it contains."""
    by_start: dict[str, list[tuple[int, str]]] = {}
    for d, (_, words) in enumerate(_domains()):
        for w in words:
            by_start.setdefault(w[:2], []).append((d, w))
    return {k: tuple(v) for k, v in by_start.items()}


def topic_features(text: str) -> list[str]:
    """One feature per mention of a policy domain's word (data/topics.toml): 教学 -> education."""
    by_start = _domain_words()
    counts = [0] * len(_domains())
    for start in {text[i:i + 2] for i in range(len(text) - 1)}.union(text) & by_start.keys():
        for d, w in by_start[start]:
            counts[d] += text.count(w)
    out: list[str] = []
    for (name, _), n in zip(_domains(), counts, strict=True):
        out.extend([name] * n)
    return out


#: How many times a provision's heading counts against its body in the heading-weighted signals.
HEADING_BOOST = 3


def boosted(p: Provision, featurize: Callable[[str], list[str]]) -> list[str]:
    """Features of the whole provision with its heading's features counted again."""
    from .figures import mask_figures

    return featurize(mask_figures(p.full_text)) + featurize(mask_figures(p.heading)) * HEADING_BOOST
