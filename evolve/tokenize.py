"""Word segmentation for Chinese plan text: jieba's dictionary and algorithm, via rjieba.

rjieba is the Rust port of jieba with the same dictionary. Building that dictionary costs 0.12 s
of CPU, more than the rest of `evolve compare`'s segmenting, so evolve starts rjieba empty and
gives it, before each text, only the dictionary words the text can hold (``word_index``): the cut
is jieba's, word for word. Finding those words costs a few microseconds a character, so once
``FULL_AFTER`` characters have been cut (a corpus, not two plans) the whole dictionary is built
after all and cuts the rest: the same words, at rjieba's speed. The shipped policy-term
dictionary (``data/policy_terms.txt``) keeps terms such as 数据要素 and 一网通办 whole.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from .lazy_pattern import lazy
from .shipped import data_text
from .word_index import word_index

_WORD = lazy(r"[\u4e00-\u9fffA-Za-z0-9]")
#: Characters cut with the words-of-the-text dictionary before the whole dictionary pays off.
FULL_AFTER = 100_000
#: Frequency of a policy or user term: high enough to win over the paths that split it.
TERM_FREQ = 2_000_000
#: A word no text can reach (jieba cuts only runs of Han letters, letters and digits), which
#: carries the frequency of the dictionary words not added, so the total is the full dictionary's.
_REST = "\x00\x01"


def _jieba_class() -> Any:
    """rjieba's segmenter class, without building the default segmenter rjieba's package builds on
    import (its ``__init__`` does ``Jieba()``). Falls back to the package when its layout differs."""
    import importlib.machinery
    import importlib.util
    import sys
    from pathlib import Path

    if "rjieba.rjieba" not in sys.modules:
        spec = importlib.util.find_spec("rjieba")
        folder = Path(next(iter(spec.submodule_search_locations or ()), "")) if spec else None
        found = [folder / f"rjieba{suffix}" for suffix in importlib.machinery.EXTENSION_SUFFIXES] if folder else []
        path = next((p for p in found if p.is_file()), None)
        ext = importlib.util.spec_from_file_location("rjieba.rjieba", path) if path else None
        if ext is None or ext.loader is None:
            from rjieba import Jieba

            return Jieba
        module = importlib.util.module_from_spec(ext)
        sys.modules["rjieba.rjieba"] = module
        try:
            ext.loader.exec_module(module)
        except BaseException:
            del sys.modules["rjieba.rjieba"]
            raise
    return sys.modules["rjieba.rjieba"].Jieba


class _Segmenter:
    """An rjieba segmenter fed with the dictionary words of the texts it is given."""

    def __init__(self) -> None:
        self.jieba = _jieba_class().empty()
        self.index = word_index().reader()
        self.terms: dict[str, int] = {}  # words evolve or the user set, with their frequencies
        self.added = 0  # frequencies of the dictionary words added
        self.total = self.index.total  # the total of the full dictionary with the terms
        self.full: Any = None  # rjieba with its whole dictionary, once FULL_AFTER is reached
        self.cut_chars = 0
        self._rest()

    def _rest(self) -> None:
        self.jieba.add_word(_REST, self.total - self.added - sum(self.terms.values()), None)

    def add_term(self, word: str, freq: int = TERM_FREQ) -> None:
        """As jieba's ``add_word`` on the full dictionary."""
        old = self.terms.get(word)
        if old is None:
            old = self.index.freq(word)
            if old is not None and self.index.returned(word):
                self.added -= old
        self.total += freq - (old or 0)
        self.terms[word] = freq
        self.jieba.add_word(word, freq, None)
        self._rest()
        if self.full is not None:
            self.full.add_word(word, freq, None)

    def cut(self, text: str) -> list[str]:
        if self.full is None:
            self.cut_chars += len(text)
            if self.cut_chars > FULL_AFTER:
                self.full = _jieba_class()()
                for word, freq in self.terms.items():
                    self.full.add_word(word, freq, None)
        if self.full is not None:
            return self.full.cut(text, hmm=True)
        new = self.index.new_words(text)
        if new:
            add, terms = self.jieba.add_word, self.terms
            for word, freq in new:
                if word not in terms:
                    add(word, freq, None)
                    self.added += freq
            self._rest()
        return self.jieba.cut(text, hmm=True)


@lru_cache(maxsize=1)
def _segmenter() -> _Segmenter:
    seg = _Segmenter()
    for term in policy_terms():
        seg.add_term(term)
    return seg


@lru_cache(maxsize=1)
def policy_terms() -> tuple[str, ...]:
    """The shipped policy terms, in file order."""
    text = data_text("policy_terms.txt")
    return tuple(line.split("\t")[0].strip() for line in text.splitlines()
                 if line.strip() and not line.startswith("#"))


def words(text: str) -> list[str]:
    """All tokens of ``text`` in order, punctuation and spaces included (joined they give text)."""
    return _segmenter().cut(text)


#: Tokens already judged word or not (tokens recur: a plan has some 13,000 and 3,000 distinct);
#: emptied past ``_JUDGED_MAX`` so that a corpus run does not grow it without end.
_judged: dict[str, bool] = {}
_JUDGED_MAX = 200_000


def content_words(text: str) -> list[str]:
    """Tokens that carry a word (no punctuation or spaces)."""
    judged = _judged
    if len(judged) > _JUDGED_MAX:
        judged.clear()
    out: list[str] = []
    for w in words(text):
        word = judged.get(w)
        if word is None:
            word = judged[w] = _WORD.search(w) is not None
        if word:
            out.append(w)
    return out


def add_terms(terms: list[str]) -> None:
    """Add user terms to the segmenter for this process."""
    seg = _segmenter()
    for term in terms:
        seg.add_term(term)
