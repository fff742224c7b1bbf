"""Removal of pinyin glosses injected after characters: 發(fā), 區(qū), 關(guan) 於(yu) ."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from ..lazy_pattern import lazy

_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ"
# A Han character, then a parenthesised run of pinyin letters (toned or not), then for the
# toneless form an optional single space that was part of the gloss.
_GLOSS = lazy(rf"([\u3400-\u9fff])[(（]([a-z{_TONED}]{{1,6}})[)）]( ?)")


def _strip_tones(syllable: str) -> str:
    decomposed = unicodedata.normalize("NFD", syllable)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).replace("ü", "v")


@lru_cache(maxsize=8192)
def _readings(char: str) -> frozenset[str]:
    from pypinyin import Style, pinyin

    toned = pinyin(char, style=Style.TONE, heteronym=True, errors="ignore")
    plain = {_strip_tones(r) for group in toned for r in group}
    toned_set = {r for group in toned for r in group}
    # The gloss may write ü as u or v; accept each spelling.
    plain |= {p.replace("v", "u") for p in plain}
    return frozenset(toned_set | plain)


def is_reading(char: str, gloss: str) -> bool:
    """Whether ``gloss`` is a pinyin reading of ``char`` (with or without tone marks)."""
    readings = _readings(char)
    return gloss in readings or _strip_tones(gloss) in readings


def remove_glosses(text: str) -> tuple[str, int]:
    """Drop a parenthesised pinyin gloss only where it is a reading of the character before it.

    ``(B2C)``, ``(ETC)`` or ``(青岛节点)`` are not readings and stay.
    """
    count = 0

    def repl(m: re.Match[str]) -> str:
        nonlocal count
        char, gloss, space = m.group(1), m.group(2), m.group(3)
        if not is_reading(char, gloss):
            return m.group(0)
        count += 1
        # The toneless form is written "關(guan) 於(yu) ": its space belongs to the gloss unless
        # Latin text follows, where the space separates words.
        nxt = m.string[m.end() : m.end() + 1]
        keep_space = space and nxt.isascii() and nxt.isalnum()
        return char + (space if keep_space else "")

    return _GLOSS.sub(repl, text), count
