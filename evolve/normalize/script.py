"""Traditional to Simplified characters, then the reversal of Taiwan vocabulary.

Characters are converted with OpenCC's ``t2s`` (characters and the phrases needed to pick the
right character, no vocabulary). Taiwan vocabulary (數位化, 網際網路, 套用 …) is reversed with the
project's own phrase table ``data/taiwan_vocab.tsv``, only in documents that show Taiwan-style
conversion, and never inside a protected mainland term (``data/protected_terms.txt``): OpenCC's
``tw2sp`` would also turn 智慧城市 into 智能城市 and 整合 into 集成.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

#: Distinct Taiwan phrases needed to call a Simplified-script document Taiwan-converted.
MIN_MARKERS = 3
#: Share of Han characters that t2s changed above which the source counts as Traditional script.
TRADITIONAL_SHARE = 0.05


@lru_cache(maxsize=1)
def _t2s():  # type: ignore[no-untyped-def]
    import opencc

    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> tuple[str, int]:
    """Traditional characters become Simplified; returns the number of characters changed."""
    out = _t2s().convert(text)
    if len(out) != len(text):  # t2s is length-preserving for characters; be safe otherwise
        return out, sum(1 for a, b in zip(text, out, strict=False) if a != b)
    return out, sum(1 for a, b in zip(text, out, strict=True) if a != b)


@dataclass(frozen=True)
class VocabularyTable:
    """Taiwan phrase (in Simplified script) -> mainland phrase, and the protected terms."""

    mapping: dict[str, str]
    protected: tuple[str, ...]
    pattern: re.Pattern[str]
    protected_pattern: re.Pattern[str] | None


def _data_lines(name: str) -> list[str]:
    return resources.files("evolve.data").joinpath(name).read_text("utf-8").splitlines()


@lru_cache(maxsize=1)
def vocabulary() -> VocabularyTable:
    """The shipped Taiwan-vocabulary table, keyed in Simplified script."""
    mapping: dict[str, str] = {}
    for line in _data_lines("taiwan_vocab.tsv")[1:]:
        if not line.strip() or line.startswith("#"):
            continue
        taiwan, mainland = line.split("\t")[:2]
        key = _t2s().convert(taiwan.strip())
        if key != mainland.strip():
            mapping[key] = mainland.strip()
    protected = tuple(
        t.strip() for t in _data_lines("protected_terms.txt") if t.strip() and not t.startswith("#")
    )
    keys = sorted(mapping, key=len, reverse=True)
    pattern = re.compile("|".join(map(re.escape, keys)))
    prot = sorted(protected, key=len, reverse=True)
    prot_pattern = re.compile("(?=(" + "|".join(map(re.escape, prot)) + "))") if prot else None
    return VocabularyTable(mapping, protected, pattern, prot_pattern)


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


def reverse_taiwan_vocabulary(text: str) -> tuple[str, int]:
    """Replace Taiwan phrases with mainland ones, leaving protected mainland terms intact."""
    table = vocabulary()
    spans = _protected_spans(text, table)
    count = 0

    def repl(m: re.Match[str]) -> str:
        nonlocal count
        s, e = m.span()
        for ps, pe in spans:
            # A protected term that overlaps the match and reaches beyond it (多数位于 around
            # 数位) forbids the change; one inside the match (智慧 in 智慧型) does not.
            if ps < e and s < pe and (ps < s or pe > e):
                return m.group(0)
        count += 1
        return table.mapping[m.group(0)]

    return table.pattern.sub(repl, text), count


def shows_taiwan_conversion(text: str, *, traditional_share: float) -> bool:
    """Whether a (Simplified-script) text bears the marks of Taiwan-style conversion."""
    markers = taiwan_markers(text)
    # A Traditional-script source needs fewer distinct phrases to convince: Hong Kong or
    # character-converted plans share the script but not the vocabulary.
    if traditional_share >= TRADITIONAL_SHARE:
        return len(markers) >= 2
    return len(markers) >= MIN_MARKERS
