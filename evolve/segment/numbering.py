"""Recognising the numbering systems of Chinese official documents at the start of a line."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

from ..lazy_pattern import lazy
from ..records import Heading

_CN_DIGITS = "一二三四五六七八九十百零〇两"
_CN = f"[{_CN_DIGITS}]{{1,6}}"

# One-character labels (Unicode's enclosed numerals), grouped by the written form they stand for:
# ⑴ is "(1)", ⒈ is "1.", ㈠ is "(一)"; circled and dingbat numerals (① ❶ ➀ ⓫ ⓵ ㉑ ㊀) are
# the innermost level.
_PAREN_DIGITS = "\u2474-\u2487"  # ⑴ … ⒇
_STOP_DIGITS = "\u2488-\u249b"  # ⒈ … ⒛
_PAREN_IDEOGRAPHS = "\u3220-\u3229"  # ㈠ … ㈩
_CIRCLED = (
    "\u2460-\u2473"  # ① … ⑳
    "\u24eb-\u24f4\u24f5-\u24fe"  # ⓫ … ⓴, ⓵ … ⓾
    "\u2776-\u2793"  # ❶ … ❿, ➀ … ➉, ➊ … ➓
    "\u3251-\u325f\u32b1-\u32bf"  # ㉑ … ㉟, ㊱ … ㊿
    "\u3280-\u3289"  # ㊀ … ㊉
)

#: (style, pattern, rank). Rank orders the systems from outermost to innermost; documents almost
#: always nest them in this order (第X章 > 第X节 > 第X条, and 一、 > (一) > 1. > (1) > ①).
STYLES: tuple[tuple[str, re.Pattern[str], int], ...] = (
    ("division", lazy(rf"^(第\s*({_CN}|\d{{1,3}})\s*(?:部分|篇))\s*"), -1),
    ("chapter", lazy(rf"^(第\s*({_CN}|\d{{1,3}})\s*[章编])\s*"), 0),
    ("section", lazy(rf"^(第\s*({_CN}|\d{{1,3}})\s*节)\s*"), 1),
    ("article", lazy(rf"^(第\s*({_CN}|\d{{1,3}})\s*条)\s*"), 2),
    ("cn", lazy(rf"^(({_CN})\s*[、.])\s*"), 3),
    ("paren_cn", lazy(rf"^(\(\s*({_CN})\s*\)|([{_PAREN_IDEOGRAPHS}]))\s*"), 4),
    ("decimal", lazy(r"^((\d{1,2}\.\d{1,2}(?:\.\d{1,2})?))\s+(?=\D)"), 4),
    ("arabic", lazy(rf"^((\d{{1,3}})\s*[.、](?![\d.])|([{_STOP_DIGITS}]))\s*"), 5),
    ("paren_arabic", lazy(rf"^(\(\s*(\d{{1,3}})\s*\)|(\d{{1,3}})\)|([{_PAREN_DIGITS}]))\s*"), 6),
    ("circled", lazy(rf"^(([{_CIRCLED}]))\s*"), 7),
)
RANK: dict[str, float] = {style: rank for style, _, rank in STYLES}
#: "第一," sub-headings on lines of their own (``ordinals``): under 一、, over (一)
RANK["ordinal"] = 3.5

# A chapter or section heading followed on the same line by the next heading:
# "第一章 总则 第一条 为了……" -> two lines.
_INLINE_NEXT = lazy(
    rf"^(第\s*(?:{_CN}|\d{{1,3}})\s*[章编节]\s*[^\s。,;]{{0,20}}?)\s*(?=第\s*(?:{_CN}|\d{{1,3}})\s*[节条])"
)


_CN_DIGIT_VALUE = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6,
                   "七": 7, "八": 8, "九": 9}
_CN_UNIT_VALUE = {"十": 10, "百": 100, "千": 1000}


def small_cn_numeral(numeral: str) -> int | None:
    """The value of a Chinese numeral below 10,000 (二十六, 一百零五, 十二, 二〇一六), or None.

    Numbering labels and years need nothing more; reading them here keeps cn2an (a quarter of a
    second to import, most of it compiling its patterns) out of every parse.
    """
    if not numeral:
        return None
    if all(c in _CN_DIGIT_VALUE for c in numeral):  # digit by digit: 二〇一六
        return int("".join(str(_CN_DIGIT_VALUE[c]) for c in numeral))
    total, digit, last_unit = 0, None, 10_000
    for c in numeral:
        if c in _CN_DIGIT_VALUE:
            if digit is not None and digit != 0:
                return None  # two digits in a row inside a positional numeral
            digit = _CN_DIGIT_VALUE[c]
        elif c in _CN_UNIT_VALUE:
            unit = _CN_UNIT_VALUE[c]
            if unit >= last_unit:
                return None
            total += (1 if digit is None else digit) * unit
            digit, last_unit = None, unit
        else:
            return None
    return total + (digit or 0)


@lru_cache(maxsize=512)
def numeral_value(numeral: str) -> int | None:
    """The value of an Arabic, Chinese or enclosed numeral (二十六 -> 26, ⑫ -> 12), or None."""
    numeral = numeral.strip()
    if not numeral:
        return None
    if numeral.isdecimal():
        return int(numeral)
    if len(numeral) == 1:
        # ① ⑴ ⒈ ㈠ ㊿ …: isdigit() is true for some of them but int() refuses them all
        value = unicodedata.numeric(numeral, None)
        if value is not None:
            return int(value) if value == int(value) else None
    small = small_cn_numeral(numeral)
    if small is not None:
        return small
    import cn2an  # larger or unusual numerals only: kept out of start-up

    try:
        return int(cn2an.cn2an(numeral.replace("〇", "零").replace("两", "二"), "smart"))
    except (ValueError, KeyError, TypeError):
        return None


_ARTICLE_AT_START = lazy(rf"^第\s*({_CN}|\d{{1,3}})\s*条")
# (a private-use glyph, a Word field mark, may stand between them)
_ARTICLE_AFTER_SENTENCE = lazy(rf"(?<=[。;])[\s\ue000-\uf8ff]*第\s*({_CN}|\d{{1,3}})\s*条")


def split_inline_headings(line: str) -> list[str]:
    """Split "第一章 总则 第一条 ……" into the chapter heading and the article, and
    "第四十一条 ……。  第四十二条 ……" (two articles in one paragraph) into the two articles
    (items run on after the one before: ``next_item_at``)."""
    m = _INLINE_NEXT.match(line) if line.startswith("第") else None
    if m is None:
        return _split_articles(line)
    return [m.group(1).strip(), *split_inline_headings(line[m.end():])]


#: Where the next item of a run may start inside a line: after a sentence's end, a label of the
#: forms 一、 (一) 1. (the numbers are checked by ``next_item_at``).
_ITEM_AFTER_SENTENCE = lazy(rf"(?<=[。;!?])[\s\ue000-\uf8ff]*(?=\(\s*{_CN}\s*\)|{_CN}、|\d{{1,3}}[.、](?![\d.]))")
#: The numbering forms whose next item is looked for inside a line.
RUN_ON_STYLES = frozenset({"cn", "paren_cn", "arabic"})


def next_item_at(line: str, open_labels: Iterable[Heading]) -> re.Match[str] | None:
    """Where the next item of a run starts inside ``line``, run on after the one before ("(七)深化
    户籍制度改革。……配置。(八)畅通……": a PDF's page break joined, a report typed without the
    break): a label of the forms 一、 (一) 1. right after a sentence's end, carrying the next
    number of the line's own label or of one of ``open_labels`` (the headings still open:
    "(四)……。二十八、……" under 二十七、). Only the next number counts: "(二)……。(五)……" or a
    "2." inside a sentence stays as written. None when there is no such place."""
    if _ITEM_AFTER_SENTENCE.search(line) is None:
        return None
    own = match_numbering(line)
    labels = [*open_labels, *([own[0]] if own else [])]
    wanted = {(h.style, h.number + 1) for h in labels if h.style in RUN_ON_STYLES and h.number is not None}
    for m in _ITEM_AFTER_SENTENCE.finditer(line, 1) if wanted else ():
        nxt = match_numbering(line[m.end():])
        if nxt is not None and (nxt[0].style, nxt[0].number) in wanted:
            return m
    return None


def _split_articles(line: str) -> list[str]:
    """Cut before the next article's label when it follows a sentence's end and numbers on."""
    first = _ARTICLE_AT_START.match(line)
    if first is None:
        return [line]
    number = numeral_value(first.group(1))
    for m in _ARTICLE_AFTER_SENTENCE.finditer(line, first.end()):
        if number is not None and numeral_value(m.group(1)) == number + 1:
            rest = re.sub(r"^[\s\ue000-\uf8ff]+", "", line[m.start():])
            return [line[: m.start()].strip(), *_split_articles(rest)]
    return [line]


def match_numbering(line: str) -> tuple[Heading, str] | None:
    """If ``line`` starts with a numbering label, return its Heading (title empty) and the rest."""
    for style, pattern, _ in STYLES:
        m = pattern.match(line)
        if not m:
            continue
        label = m.group(1).replace(" ", "")
        numeral = next((g for g in m.groups()[1:] if g), "")
        if style == "decimal":
            numeral = numeral.rsplit(".", 1)[-1]
        rest = line[m.end():]
        if not rest and style in {"cn", "arabic", "paren_arabic"}:
            return None  # a bare "1." line is not a heading
        if style == "cn" and label.endswith(".") and not _looks_like_title_start(rest):
            return None
        return Heading(label=label, title="", style=style, number=numeral_value(numeral)), rest
    return None


def _looks_like_title_start(rest: str) -> bool:
    return bool(rest) and ("\u4e00" <= rest[0] <= "\u9fff" or rest[0] in "“《")
