"""The feature matrices of cross-validation folds, counted once for all folds.

A fold's model reads TF-IDF over the n-grams of its training sentences. Counting the n-grams of
every sentence (the user's and the prior's) once and, per fold, keeping the columns its training
rows use and weighting them (``TfidfTransformer``) gives the very matrices a ``TfidfVectorizer``
fitted on the fold would (the same counts, the same sorted vocabulary, the same IDF), at a
fraction of the cost: the shipped prior's sentences are no longer counted again in every fold.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from .features import PLAIN_NGRAMS, RICH_NGRAMS, word_grams

if TYPE_CHECKING:
    import numpy as np


class FoldMatrices:
    """N-gram counts of ``texts`` (and their codebook features, ``extra``), for a rich model
    (char 1–4-grams, word 1–2-grams, codebook features) or a plain one (char 1–3-grams)."""

    def __init__(self, texts: Sequence[str], *, rich: bool, extra: np.ndarray | None = None) -> None:
        import numpy as np
        from sklearn.feature_extraction.text import CountVectorizer

        texts = list(texts)
        ngrams = RICH_NGRAMS if rich else PLAIN_NGRAMS
        self.counts = [CountVectorizer(analyzer="char", ngram_range=ngrams, dtype=np.float64).fit_transform(texts)]
        if rich:
            self.counts.append(CountVectorizer(analyzer=word_grams, dtype=np.float64).fit_transform(texts))
        self.extra = extra if rich else None

    def pair(self, train_rows: Sequence[int], test_rows: Sequence[int]) -> tuple[Any, Any]:
        """The feature rows of a fold's training sentences and of its test sentences."""
        import numpy as np
        from scipy.sparse import csr_matrix, hstack
        from sklearn.feature_extraction.text import TfidfTransformer

        tr, te = np.asarray(train_rows, dtype=np.int64), np.asarray(test_rows, dtype=np.int64)
        xtr: list[Any] = []
        xte: list[Any] = []
        for counts in self.counts:
            ctr = counts[tr]
            keep = np.flatnonzero(ctr.getnnz(axis=0))  # the n-grams the training rows hold
            tfidf = TfidfTransformer(sublinear_tf=True)
            xtr.append(tfidf.fit_transform(ctr[:, keep]))
            xte.append(tfidf.transform(counts[te][:, keep]))
        if self.extra is not None:
            xtr.append(csr_matrix(self.extra[tr]))
            xte.append(csr_matrix(self.extra[te]))
        if len(xtr) == 1:
            return xtr[0].tocsr(), xte[0].tocsr()
        return hstack(xtr).tocsr(), hstack(xte).tocsr()
