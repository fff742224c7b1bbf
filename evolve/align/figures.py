"""Figures in recurring paragraphs: masked for matching, shown when they change.

A work report repeats its main-targets paragraph every year with new figures (国内生产总值增长8%左右
→ 增长7.5%); the fiscal and monetary paragraphs too. The figures say nothing about which paragraph
carries on which: every number is masked (``#``) before texts are compared, and the change of
figures inside a correspondence is listed (``figure_changes``: 国内生产总值增长 8%左右 → 7.5%).
"""

from __future__ import annotations

from collections.abc import Iterable

from ..lazy_pattern import lazy

#: A figure: digits (with a decimal point or thousands commas), a unit of magnitude or measure, and
#: a qualifier ("8%左右", "9000亿元", "4.6%以内", "1.09万亿斤").
FIGURE = lazy(
    r"\d+(?:[.,]\d+)*\s*(?:%|％|个百分点|万亿|亿|万|千)?(?:元|美元|人|户|套|吨|斤|公里|千瓦|座|所|个|项|家|年)?"
    r"(?:左右|以上|以内|以下|上下)?")
_DIGITS = lazy(r"\d+(?:[.,]\d+)*")
#: Context that names a figure: the characters just before it, at least this many, Han only.
CONTEXT = 10
MIN_CONTEXT = 3
_HAN = lazy(r"[\u4e00-\u9fff]+$")


def mask_figures(text: str) -> str:
    """The text with every run of digits replaced by ``#`` (units and qualifiers kept)."""
    return _DIGITS.sub("#", text)


def _figures(text: str) -> list[tuple[str, str]]:
    """(context, figure) for each figure whose context (the Han characters just before it, up to
    ``CONTEXT``) is at least ``MIN_CONTEXT`` long."""
    out = []
    for m in FIGURE.finditer(text):
        before = _HAN.search(text[max(0, m.start() - CONTEXT):m.start()])
        if before and len(before.group()) >= MIN_CONTEXT and text[m.end():m.end() + 1] != "年":
            out.append((before.group(), m.group().strip()))
    return out


def _suffix(a: str, b: str) -> int:
    n = 0
    while n < min(len(a), len(b)) and a[-1 - n] == b[-1 - n]:
        n += 1
    return n


def figure_changes(source: Iterable[str], target: Iterable[str]) -> tuple[tuple[str, str, str], ...]:
    """(context, old, new) for each figure of the target whose context (the words just before it)
    ends like the context of exactly one figure of the source, best first, with another value:
    国内生产总值增长 8%左右 → 7.5%; 居民消费价格总水平涨幅控制在 4% → 居民消费价格涨幅控制在 3%.
    Contexts must share at least ``MIN_CONTEXT`` characters; years are left out."""
    a = [f for t in source for f in _figures(t)]
    b = [f for t in target for f in _figures(t)]
    pairs = []
    for j, (cb, _) in enumerate(b):
        for i, (ca, _) in enumerate(a):
            n = _suffix(ca, cb)
            if n >= MIN_CONTEXT:
                pairs.append((-n, i, j))
    pairs.sort()
    used_a: set[int] = set()
    used_b: set[int] = set()
    out = []
    for _, i, j in pairs:
        if i in used_a or j in used_b:
            continue
        used_a.add(i)
        used_b.add(j)
        if a[i][1] != b[j][1]:
            out.append((j, b[j][0], a[i][1], b[j][1]))
    return tuple((c, old, new) for _, c, old, new in sorted(out))


__all__ = ["figure_changes", "mask_figures"]
