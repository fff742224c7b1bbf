"""Find a codebook's cues in a text: the words by walking a trie of them (longest first, without
overlap, as Ctrl-F would count them one at a time), the "re:" cues beside it, each run only on a
text holding the literal strings it cannot match without (``evolve.needles``); the codebook's
other patterns (body names, task and deciding patterns) are screened the same way.

Both once were regular expressions run on every text: the words as one prefix-tree pattern (a
plain alternation of several hundred words tries every branch at every character), and each
"re:" cue. Coding 1,000 plans scans some 90,000 clauses; the trie walk takes about half the time
of the pattern, and the literal test spares most cues most texts (bench/coding_bench.py).
"""

from __future__ import annotations

import re

from ..dataclass_code import dataclass
from ..needles import PatternSet
from ..trie import longest_words, word_trie
from .codebook import Codebook, Cue

#: One cue found: where it starts, and (the words as they appear, its tool, its weight).
Found = tuple[int, tuple[str, str, float]]


@dataclass(frozen=True)
class Hit:
    """One cue found in a text."""

    text: str  #: the words as they appear
    tool: str
    weight: float
    start: int


class Matcher:
    """The cues and patterns of one codebook, compiled and screened once."""

    def __init__(self, codebook: Codebook) -> None:
        self.words: dict[str, Cue] = {}
        self.regexes: list[tuple[re.Pattern[str], Cue]] = []
        for tool in codebook.tools:
            for cue in tool.cues:
                if cue.regex:
                    self.regexes.append((re.compile(cue.text), cue))
                else:
                    self.words[cue.text] = cue
        self._trie = word_trie({w: (w, c.tool, c.weight) for w, c in self.words.items()})
        self._cues = PatternSet([rx for rx, _ in self.regexes])
        self.body = PatternSet(codebook.body_patterns)
        self.tasks = PatternSet(codebook.task_patterns)
        self._deciding = PatternSet([p for _, ps in codebook.deciding for p in ps])
        self._deciding_tool = [tool for tool, ps in codebook.deciding for _ in ps]

    def found(self, text: str) -> list[Found]:
        """Every cue in ``text``: the words left to right, then each "re:" cue's matches in
        codebook order (the order the coder sums scores and lists evidence in)."""
        out: list[Found] = longest_words(self._trie, text)
        for i in self._cues.candidates(text):
            rx, cue = self.regexes[i]
            for m in rx.finditer(text):
                if m.end() > m.start():
                    out.append((m.start(), (m.group(), cue.tool, cue.weight)))
        return out

    def hits(self, text: str) -> list[Hit]:
        """``found`` as records."""
        return [Hit(w, tool, weight, start) for start, (w, tool, weight) in self.found(text)]

    def names(self, text: str) -> list[tuple[int, int]]:
        """The spans of the body names' qualifiers (each body pattern's first group), in order."""
        return [m.span(1) for i in self.body.candidates(text) for m in self.body.patterns[i].finditer(text)]

    def is_task(self, text: str) -> bool:
        """Whether a task pattern matches ``text``."""
        return any(self.tasks.patterns[i].search(text) for i in self.tasks.candidates(text))

    def deciding(self, text: str) -> tuple[str, str] | None:
        """The first deciding pattern matching ``text`` (codebook order): its tool and match."""
        for i in self._deciding.candidates(text):
            m = self._deciding.patterns[i].search(text)
            if m:
                return self._deciding_tool[i], m.group(0)
        return None


_CACHE: dict[int, tuple[Codebook, Matcher]] = {}


def matcher_for(codebook: Codebook) -> Matcher:
    """The compiled matcher of a codebook (kept while the codebook lives)."""
    got = _CACHE.get(id(codebook))
    if got is None or got[0] is not codebook:
        got = (codebook, Matcher(codebook))
        _CACHE[id(codebook)] = got
    return got[1]
