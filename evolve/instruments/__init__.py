"""Policy instruments (政策工具): code provisions, clauses or sentences as supply, environment or
demand (Rothwell & Zegveld, as Chinese policy-text studies use them), learn a researcher's own
coding, and tabulate how the mix shifts across years, places and levels.

    >>> from evolve import instruments
    >>> units = instruments.code_corpus()                      # one row per provision
    >>> instruments.tables.shares(units, "year")               # the mix by year
    >>> instruments.code_sentences(["加强人才培养。"])          # a list of sentences
    >>> result = instruments.train(texts, labels, groups=docs)  # cross-validated, then fitted
    >>> result.prior.note   # the shipped hand-coded sentences added when the labels are the codebook's

The codebook is ``evolve/data/instruments.toml`` (``load_codebook(path)`` reads a user's copy).
"""

from __future__ import annotations

from typing import Any

from . import tables
from .codebook import Codebook, load_codebook
from .coder import Coding, code_text
from .coding import code_corpus, code_document, code_documents, code_sentences
from .prior import Prior, build_prior, shipped_gold

__all__ = [
    "Codebook",
    "Coding",
    "Prior",
    "build_prior",
    "code_corpus",
    "code_document",
    "code_documents",
    "code_sentences",
    "code_text",
    "load_codebook",
    "load_model",
    "save_model",
    "shipped_gold",
    "tables",
    "train",
]


def train(*args: Any, **kwargs: Any) -> Any:
    """``learn.train`` (imports scikit-learn only when called)."""
    from .learn import train as _train

    return _train(*args, **kwargs)


def load_model(*args: Any, **kwargs: Any) -> Any:
    """``learn.load_model``: read a model file written by ``save_model`` (never unpickles)."""
    from .learn import load_model as _load

    return _load(*args, **kwargs)


def save_model(*args: Any, **kwargs: Any) -> Any:
    """``learn.save_model``."""
    from .learn import save_model as _save

    return _save(*args, **kwargs)
