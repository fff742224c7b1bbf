"""Numbers as plans write them: 4万, 6.5, 百分之六, 一千二百万, 1.3万亿, full-width ４６.

A number is read as written before its unit: the multiplier 万 / 亿 / 万亿 stays with the unit
(4万个 is 4 of 万个), so that a table of targets shows what a reader finds in the text.
cn2an reads Chinese numerals; it is imported only when one is met (it takes 0.3 s to import).
"""

from __future__ import annotations

from functools import lru_cache

_FULL_WIDTH = str.maketrans("０１２３４５６７８９．％～－", "0123456789.%~-")

#: Characters of a Chinese numeral (without the multipliers 万 / 亿, which belong to the unit).
CN_DIGITS = "零〇○一二两三四五六七八九十百千"


def to_half_width(text: str) -> str:
    """Full-width digits, point, percent sign, tilde and hyphen to ASCII (same length)."""
    return text.translate(_FULL_WIDTH)


@lru_cache(maxsize=4096)
def _cn_value(numeral: str) -> float:
    from ..segment.numbering import small_cn_numeral

    numeral = numeral.replace("○", "〇")  # the circle some transcriptions write for zero (一九八○)
    if "点" not in numeral and "万" not in numeral and "亿" not in numeral:
        # Whole numerals of CN_DIGITS are below 10,000: read without importing cn2an (0.3 s);
        # what this reader refuses (百千 of 百千万工程) is no numeral.
        small = small_cn_numeral(numeral)
        if small is None:
            raise ValueError(numeral)
        return float(small)
    import cn2an

    return float(cn2an.cn2an(numeral.replace("〇", "零").replace("○", "零").replace("两", "二"), "smart"))


def parse_number(text: str) -> float | None:
    """The value of an Arabic or Chinese numeral (``"6.5"``, ``"十三点四"``, ``"一千二百"``);
    None when it is not one."""
    text = to_half_width(text.strip())
    if not text:
        return None
    try:
        return float(text)
    except ValueError:
        pass
    if any(c not in CN_DIGITS + "点万亿" for c in text):
        return None
    try:
        return _cn_value(text)
    except (ValueError, KeyError, IndexError):
        return None


def tidy(value: float) -> float | int:
    """6.0 -> 6 for output; other values unchanged."""
    return int(value) if value == int(value) and abs(value) < 1e15 else value
