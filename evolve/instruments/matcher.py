"""Find a codebook's cues in a text: one prefix-tree regular expression for the words (longest
first, without overlap, as Ctrl-F would count them one at a time), the "re:" cues beside it.

A plain alternation of several hundred words makes Python's regex engine try every branch at
every character; the same words folded into a prefix tree are tried one character at a time,
which is what keeps coding 1,000 plans within the benchmark (bench/instruments_bench.py).
"""

from __future__ import annotations

import re

from ..dataclass_code import dataclass
from ..trie import trie_pattern
from .codebook import Codebook, Cue


@dataclass(frozen=True)
class Hit:
    """One cue found in a text."""

    text: str  #: the words as they appear
    tool: str
    weight: float
    start: int


class Matcher:
    """The cues of one codebook, compiled once."""

    def __init__(self, codebook: Codebook) -> None:
        self.words: dict[str, Cue] = {}
        self.regexes: list[tuple[re.Pattern[str], Cue]] = []
        for tool in codebook.tools:
            for cue in tool.cues:
                if cue.regex:
                    self.regexes.append((re.compile(cue.text), cue))
                else:
                    self.words[cue.text] = cue
        self.pattern = re.compile(trie_pattern(self.words)) if self.words else None

    def hits(self, text: str) -> list[Hit]:
        out: list[Hit] = []
        if self.pattern is not None:
            for m in self.pattern.finditer(text):
                if m.end() > m.start():
                    cue = self.words[m.group()]
                    out.append(Hit(m.group(), cue.tool, cue.weight, m.start()))
        for rx, cue in self.regexes:
            for m in rx.finditer(text):
                if m.end() > m.start():
                    out.append(Hit(m.group(), cue.tool, cue.weight, m.start()))
        return out


_CACHE: dict[int, tuple[Codebook, Matcher]] = {}


def matcher_for(codebook: Codebook) -> Matcher:
    """The compiled matcher of a codebook (kept while the codebook lives)."""
    got = _CACHE.get(id(codebook))
    if got is None or got[0] is not codebook:
        got = (codebook, Matcher(codebook))
        _CACHE[id(codebook)] = got
    return got[1]
