"""Fast paths of `evolve compare` against the slow, obviously correct computation they replace.

Each speed-up of issue 20 must give the same numbers, bit for bit, as the plain loop it
replaced: the alignment's thresholds compare these floats, so a last-bit difference could flip a
decision.
"""

from __future__ import annotations

import math
from collections import Counter

import numpy as np
import pytest

from evolve.align.features import _domains, build_space, char_features, topic_features, vectors, word_features
from evolve.align.group import typical_best
from evolve.records import Document


def _naive_topics(text: str) -> list[str]:
    out: list[str] = []
    for name, words in _domains():
        out.extend([name] * sum(text.count(w) for w in words))
    return out


def _naive_vectors(feature_lists: list[list[str]], columns: list[str] | None = None) -> np.ndarray:
    df: Counter[str] = Counter()
    for feats in feature_lists:
        df.update(set(feats))
    index = {f: i for i, f in enumerate(sorted(df))}
    idf = np.empty(len(index))
    for f, i in index.items():
        idf[i] = math.log((1 + len(feature_lists)) / (1 + df[f])) + 1.0
    cols = {f: k for k, f in enumerate(columns if columns is not None else index)}
    m = np.zeros((len(feature_lists), len(cols)))
    for row, feats in enumerate(feature_lists):
        norm = 0.0
        for f, c in Counter(feats).items():
            weight = (1.0 + math.log(c)) * idf[index[f]]
            norm += weight * weight
            if f in cols:
                m[row, cols[f]] = weight
        if norm:
            m[row] /= math.sqrt(norm)
    return m


@pytest.mark.parametrize("text", [
    "推进5G基站、千兆光网和WiFi覆盖，建设政务云与城市大脑。",
    "教育教学、智慧教育、教育信息化",  # overlapping words of one domain each counted
    "",
    "网",  # a text shorter than any two-character start
    "IPv6 NB-IoT CIM FTTH 12345",
])
def test_topic_features_equal_naive_counts(text: str) -> None:
    assert topic_features(text) == _naive_topics(text)


def test_topic_features_and_vectors_equal_naive_on_real_plans(xianning: Document, zhaoqing: Document) -> None:
    provisions = [*xianning.provisions, *zhaoqing.provisions]
    for p in provisions:
        assert topic_features(p.full_text) == _naive_topics(p.full_text)
    for featurize in (word_features, char_features, topic_features):
        feats = [featurize(p.full_text) for p in provisions]
        fast = vectors(feats, build_space(feats))
        assert fast.tobytes() == _naive_vectors(feats).tobytes()  # bit for bit
        shared = sorted(set().union(*feats[:40]) & set().union(*feats[40:]))
        assert vectors(feats, build_space(feats), columns=shared).tobytes() == \
            _naive_vectors(feats, shared).tobytes()


@pytest.mark.parametrize("shape", [(3, 4), (4, 4), (1, 1), (7, 2)])
def test_typical_best_is_numpy_median(shape: tuple[int, int]) -> None:
    s = np.random.default_rng(sum(shape)).random(shape)
    assert typical_best(s) == float(np.median(np.concatenate([s.max(axis=1), s.max(axis=0)])))
