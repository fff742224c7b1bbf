"""Traditional to Simplified characters, then the reversal of Taiwan vocabulary.

Characters are converted with OpenCC's ``t2s`` (characters and the phrases needed to pick the
right character, no vocabulary). Taiwan vocabulary (數位化, 網際網路, 套用 …) is reversed with the
project's own phrase table ``data/taiwan_vocab.tsv``, only in documents that show Taiwan-style
conversion, and never inside a protected mainland term (``data/protected_terms.txt``): OpenCC's
``tw2sp`` would also turn 智慧城市 into 智能城市 and 整合 into 集成. Where a phrase and a protected
term overlap partly, the phrase wins only if it covers a protected term itself (人工智慧教育:
人工智慧 holds 智慧, so it becomes 人工智能教育 despite the protected 智慧教育).
"""

from __future__ import annotations

import re
from functools import cached_property, lru_cache

from .. import pattern_cache
from ..shipped import data_text
from ..trie import trie_pattern

#: Distinct Taiwan phrases needed to call a Simplified-script document Taiwan-converted.
MIN_MARKERS = 3
#: Share of Han characters that t2s changed above which the source counts as Traditional script.
TRADITIONAL_SHARE = 0.05


@lru_cache(maxsize=1)
def _t2s():  # type: ignore[no-untyped-def]
    import opencc

    return opencc.OpenCC("t2s")


@lru_cache(maxsize=1)
def _characters() -> tuple[frozenset[str], dict[int, str]]:
    """The characters t2s changes one by one, and their Simplified forms (``str.translate``)."""
    pairs = "\t".join(line for line in _data_lines("t2s_characters.tsv") if line and line[0] != "#").split("\t")
    traditional, simplified = "".join(pairs[0::2]), "".join(pairs[1::2])
    return frozenset(traditional), str.maketrans(traditional, simplified)


def to_simplified(text: str) -> tuple[str, int]:
    """Traditional characters become Simplified (OpenCC t2s, which picks each character by the
    phrase it is in); returns the number of characters changed.

    Only lines holding a Traditional character are converted: a line written in Simplified is
    left as written (t2s would read the district 沈北 as Traditional 沈 "sink" and write 沉北), and a
    text with no Traditional character costs no OpenCC at all.
    """
    traditional, _ = _characters()
    if traditional.isdisjoint(text):
        return text, 0
    lines = text.split("\n")
    changed = 0
    for i, line in enumerate(lines):
        if traditional.isdisjoint(line):
            continue
        out = _t2s().convert(line)
        # t2s is length-preserving for characters; be safe otherwise
        changed += sum(1 for a, b in zip(line, out, strict=len(out) == len(line)) if a != b)
        lines[i] = out
    return "\n".join(lines), changed


class VocabularyTable:
    """Taiwan phrase (in Simplified script) -> mainland phrase, and the protected terms.

    Every text is searched for the table's phrases (``pattern``); the patterns and sets that
    rewriting needs are built the first time a text bears the marks of Taiwan conversion."""

    def __init__(self, mapping: dict[str, str], protected: tuple[str, ...]) -> None:
        self.mapping = mapping
        self.protected = protected
        self.keys = sorted(mapping, key=len, reverse=True)
        self.pattern: re.Pattern[str] = pattern_cache.compile(trie_pattern(self.keys))  # as the alternation

    @cached_property
    def protected_pattern(self) -> re.Pattern[str] | None:
        prot = sorted(self.protected, key=len, reverse=True)
        return pattern_cache.compile("(?=(" + "|".join(map(re.escape, prot)) + "))") if prot else None

    @cached_property
    def covering(self) -> frozenset[str]:
        """Taiwan phrases that hold a protected term inside them (人工智慧 holds 智慧): the table
        rewrites that protected word there on purpose."""
        return frozenset(k for k in self.keys if any(p in k for p in self.protected))

    @cached_property
    def any_pattern(self) -> re.Pattern[str] | None:
        """Every Taiwan phrase, overlapping matches included (a lookahead at each position)."""
        return pattern_cache.compile("(?=(" + "|".join(map(re.escape, self.keys)) + "))") if self.keys else None


def _data_lines(name: str) -> list[str]:
    return data_text(name).splitlines()


@lru_cache(maxsize=1)
def vocabulary() -> VocabularyTable:
    """The shipped Taiwan-vocabulary table, keyed in Simplified script."""
    mapping: dict[str, str] = {}
    for line in _data_lines("taiwan_vocab.tsv")[1:]:
        if not line.strip() or line.startswith("#"):
            continue
        taiwan, mainland = line.split("\t")[:2]
        # t2s's characters one by one, which is what t2s makes of every phrase of the table
        # (tests/test_normalize.py checks it): no OpenCC for a Simplified text
        key = taiwan.strip().translate(_characters()[1])
        if key != mainland.strip():
            mapping[key] = mainland.strip()
    protected = tuple(
        t.strip() for t in _data_lines("protected_terms.txt") if t.strip() and not t.startswith("#")
    )
    return VocabularyTable(mapping, protected)


def taiwan_markers(text: str) -> dict[str, int]:
    """Occurrences of each Taiwan phrase of the table in ``text`` (Simplified script)."""
    found: dict[str, int] = {}
    for m in vocabulary().pattern.finditer(text):
        found[m.group(0)] = found.get(m.group(0), 0) + 1
    return found


def _protected_spans(text: str, table: VocabularyTable) -> list[tuple[int, int]]:
    if table.protected_pattern is None:
        return []
    return [(m.start(), m.start() + len(m.group(1))) for m in table.protected_pattern.finditer(text)]


def _blocked(s: int, e: int, phrase: str, spans: list[tuple[int, int]], table: VocabularyTable) -> bool:
    """Whether a protected term forbids rewriting the Taiwan phrase at ``[s, e)``.

    A protected term inside the phrase (智慧 in 智慧型) never does; one that holds the phrase
    does. One that overlaps it partly does (资料 against 个资 in 一个资料库, 网格 against 格线 in
    网格线), unless the phrase covers a protected term of its own (智慧 in 人工智慧, 数位 in
    数位服务): the table rewrites that word there on purpose, so the longer Taiwan phrase wins
    (人工智慧教育 becomes 人工智能教育 although 智慧教育 is protected).
    """
    for ps, pe in spans:
        if ps >= e or pe <= s or (s <= ps and pe <= e):
            continue  # apart, or inside the phrase
        if (ps <= s and e <= pe) or phrase not in table.covering:
            return True
    return False


def reverse_taiwan_vocabulary(text: str) -> tuple[str, int]:
    """Replace Taiwan phrases with mainland ones, leaving protected mainland terms intact.

    Phrases are taken left to right, the longest at each position; a phrase that a protected
    term forbids (see ``_blocked``) is left as it is and does not hide a later phrase that
    overlaps it (一个资料库: 个资 is not a phrase there, 资料库 is).
    """
    table = vocabulary()
    if table.any_pattern is None:
        return text, 0
    spans = _protected_spans(text, table)
    out: list[str] = []
    pos = count = 0
    for m in table.any_pattern.finditer(text):
        s = m.start()
        phrase = m.group(1)
        e = s + len(phrase)
        if s < pos or _blocked(s, e, phrase, spans, table):
            continue
        out.append(text[pos:s])
        out.append(table.mapping[phrase])
        pos = e
        count += 1
    out.append(text[pos:])
    return "".join(out), count


def shows_taiwan_conversion(text: str, *, traditional_share: float) -> bool:
    """Whether a (Simplified-script) text bears the marks of Taiwan-style conversion."""
    markers = taiwan_markers(text)
    # A Traditional-script source needs fewer distinct phrases to convince: Hong Kong or
    # character-converted plans share the script but not the vocabulary.
    if traditional_share >= TRADITIONAL_SHARE:
        return len(markers) >= 2
    return len(markers) >= MIN_MARKERS
