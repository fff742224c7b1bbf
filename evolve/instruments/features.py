"""The features a learned instrument model reads: character n-grams, words and the codebook.

A rich model (the default) reads character 1–4-grams and word 1–2-grams (TF-IDF) plus the
codebook's view of the sentence: each tool's cue score, the rule coder's family for the whole
sentence and for its first clause (the leading action usually names the instrument: 对…给予…
奖励, 建立…制度). A plain model (no codebook) reads character 1–3-grams only: the issue's
baseline.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import pairwise
from typing import TYPE_CHECKING

from .codebook import NONE, Codebook
from .coder import code_text

if TYPE_CHECKING:
    import numpy as np

#: character n-grams of a rich model (with the codebook) and of a plain one
RICH_NGRAMS = (1, 4)
PLAIN_NGRAMS = (1, 3)
#: codebook features are cue scores divided by this, to sit beside TF-IDF values (0..1)
FEATURE_SCALE = 2.0

_CLAUSE = re.compile(r"[，,；;。：:！？!?]")


def word_grams(text: str) -> list[str]:
    """The words of ``text`` (evolve's segmenter) and each pair of neighbouring words."""
    from ..tokenize import content_words

    w = content_words(text)
    return w + [f"{a} {b}" for a, b in pairwise(w)]


def first_clause(text: str) -> str:
    """The text up to the first comma, semicolon or full stop."""
    for part in _CLAUSE.split(text):
        if part.strip():
            return part
    return text


def n_codebook_features(codebook: Codebook) -> int:
    return len(codebook.tools) + 2 * len(codebook.categories)


def codebook_features(texts: Sequence[str], codebook: Codebook) -> np.ndarray:
    """One row per text: each tool's cue score, a one-hot of the rule coder's family for the
    sentence, then one for its first clause."""
    import numpy as np

    tools = [t.key for t in codebook.tools]
    cats = [c.key for c in codebook.categories]
    nt, nc = len(tools), len(cats)
    out = np.zeros((len(texts), n_codebook_features(codebook)), dtype=np.float64)
    ti = {k: i for i, k in enumerate(tools)}
    ci = {k: i for i, k in enumerate(cats)}
    none_i = ci.get(NONE, 0)
    for r, t in enumerate(texts):
        c = code_text(t, codebook)
        for k, v in c.scores.items():
            if k in ti:
                out[r, ti[k]] = v / FEATURE_SCALE
        out[r, nt + ci.get(c.category, none_i)] = 1.0
        head = first_clause(t)
        fc = c if head == t else code_text(head, codebook)
        out[r, nt + nc + ci.get(fc.category, none_i)] = 1.0
    return out
