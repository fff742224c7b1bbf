"""Goal or reported result, and for which year: read from the words around a number.

A work report says both 国内生产总值增长7.8% (last year's result, in its review) and
国内生产总值增长7.5%左右 (this year's target). The nearest cue before the number in its sentence
decides (今年, 预期目标, 力争, 到2025年 … against 去年, 过去一年, 已, an earlier year …); then the
sentence's other cues; then the provision's earlier sentences, the lead-in paragraph that ends
with a colon (今年经济社会发展的主要预期目标是：), and the headings above it (一、2009年工作回顾,
二、2010年主要任务). A plan with no cue at all states goals.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..dataclass_code import dataclass
from ..lazy_pattern import lazy

#: Cues of a goal. 要 only as a verb (not 主要, 重要, 需要, 要求 …).
TARGET_CUE = lazy(
    r"今年|本年度|明年|预期|目标|计划|拟|力争|争取|确保|力求|努力|(?<![主重需只纲概摘提必纪])要(?![求素点])|"
    r"将(?!近)|年底前|年内|到(?:19|20)\d\d年|今后[一二三四五六七八九十]年|五年内")
#: Cues of a reported result.
OUTCOME_CUE = lazy(
    r"去年|上一年|过去|一年来|预计|[两三四五几]年来|近年来|近[两三四五几]年|已经|(?<![而])已(?!有)|取得了|完成了|"
    r"(?:完成|实现|超过|达到|超额完成)了?(?:全年)?(?:主要)?(?:预期|计划)?目标|实现了|达到了|超额完成|上年末|年末|全年(?:共|累计)|截至|截止|连续[一二两三四五六七八九十\d]+年")
#: Baseline of a comparison (比上年增长8.7%): a result unless the sentence names a goal.
BASELINE_CUE = lazy(r"比上年|比去年|同比|较上年|较去年|比[一二三四五六七八九十\d]+年")
#: Headings of a review (回顾, 成就, 发展基础 …) or a plan's situation section.
REVIEW_HEADING = lazy(r"回顾|过去|成就|成效|发展基础|现状|进展情况|总结|一年来|[两三四五]年来|基本情况|形势")
#: Time phrases: their year is the target year.
#: A year in Arabic digits (2025) or Chinese ones (一九八五, 二〇二五, 一九八○ with a circle for zero).
_YEAR = r"(?:(?:19|20)\d\d|[一二][九〇○零][一二三四五六七八九〇○零]{2})"
HORIZON = lazy(
    rf"到(?P<to>{_YEAR})年(?:底|末)?|(?P<by>{_YEAR})年(?:底|末)?(?:前|以前)|"
    rf"(?P<bare>{_YEAR})年(?![\d\-—–至到])|(?P<this>今年|本年度|年底前|年内|当年)|(?P<next>明年)|"
    r"(?P<last>(?<![比较])(?:去年|上年|过去一年|过去的一年))|"
    r"(?P<five>今后五年|未来五年|五年内)|“(?P<fyp>十[一二三四五]五|[六七八九]五|十五)”(?:期间|时期|末|规划|计划)?|"
    r"(?P<fyp2>十[一二三四五]五|[六七八九]五)(?:期间|时期|末|规划|计划)")
_CN_DIGIT = {c: str(k) for k, c in enumerate("〇一二三四五六七八九")} | {"○": "0", "零": "0"}


def _to_year(text: str) -> int:
    return int(text) if text.isdigit() and text.isascii() else int("".join(_CN_DIGIT[c] for c in text))


_FYP_END = {"六五": 1985, "七五": 1990, "八五": 1995, "九五": 2000, "十五": 2005, "十一五": 2010,
            "十二五": 2015, "十三五": 2020, "十四五": 2025, "十五五": 2030}


@dataclass(frozen=True)
class Cue:
    kind: str | None  #: "target" | "outcome" | None (no cue)
    horizon: str  #: the time phrase as written, or ""
    year: int | None  #: its year


def _year(m: re.Match[str], doc_year: int | None) -> int | None:
    for g in ("to", "by", "bare"):
        if m.group(g):
            return _to_year(m.group(g))
    if m.group("fyp") or m.group("fyp2"):
        return _FYP_END.get(m.group("fyp") or m.group("fyp2"))
    if doc_year is None:
        return None
    if m.group("this"):
        return doc_year
    if m.group("next"):
        return doc_year + 1
    if m.group("last"):
        return doc_year - 1
    if m.group("five"):
        return doc_year + 4
    return None


def horizon(text: str, pos: int, doc_year: int | None, *, future: bool = False,
            past: bool = False) -> tuple[str, int | None]:
    """The time phrase nearest before ``pos`` in ``text`` (or else after it), with its year;
    with ``future``, only phrases of the document's year or later (a goal's context), with
    ``past`` only earlier ones (a result's context)."""
    found = _horizons(text)
    if future and doc_year is not None:
        found = [m for m in found if (_year(m, doc_year) or doc_year) >= doc_year]
    if past and doc_year is not None:
        found = [m for m in found if (_year(m, doc_year) or doc_year) < doc_year]
    before = [m for m in found if m.start() < pos]
    after = [m for m in found if m.start() >= pos]
    for m in ([before[-1]] if before else []) + after[:1]:
        return m.group(0).replace("“", "").replace("”", ""), _year(m, doc_year)
    return "", None


#: A plan period that opens with this year (“十五五”开局之年) is no horizon of its own.
_OPENS = lazy(r"(?:时期)?(?:的)?(?:开局|第一年|首年|起步|开好局)")


@lru_cache(maxsize=1024)
def _horizons(text: str) -> list[re.Match[str]]:
    return [m for m in HORIZON.finditer(text)
            if not ((m.group("fyp") or m.group("fyp2")) and _OPENS.match(text, m.end()))]


def clause_horizon(text: str, pos: int, doc_year: int | None, *, future: bool = False,
                   past: bool = False) -> tuple[str, int | None]:
    """Like ``horizon``, but a time phrase after ``pos`` counts only in the number's own clause
    (…增长5%左右，为实现“十五五”规划目标打基础: 十五五 dates another clause)."""
    end = pos
    while end < len(text) and text[end] not in "，,；;。：:":
        end += 1
    return horizon(text[:end], pos, doc_year, future=future, past=past)


@lru_cache(maxsize=1024)
def _cues(text: str, doc_year: int | None) -> list[tuple[int, str]]:
    outcome = [m.span() for m in OUTCOME_CUE.finditer(text)]
    # 完成预期目标 is a result: the 目标 inside it is no goal
    cues = [(m.start(), "target") for m in TARGET_CUE.finditer(text)
            if not any(a <= m.start() < b for a, b in outcome)]
    cues += [(a, "outcome") for a, _ in outcome]
    if doc_year is not None:
        for m in _horizons(text):
            y = _year(m, doc_year)
            if y is not None and (m.group("to") or m.group("by") or m.group("bare") or m.group("fyp")
                                  or m.group("fyp2")):
                cues.append((m.start(), "outcome" if y < doc_year else "target"))
    return sorted(cues)


def sentence_kind(text: str, pos: int, doc_year: int | None) -> str | None:
    """What the cues of one sentence say about the number at ``pos``: nearest cue before it,
    else nearest after it, else a comparison baseline; None without any cue."""
    if "的基础上" in text[pos:pos + 12]:
        return "outcome"  # 在连续两年增长百分之十三的基础上: a baseline
    cues = _cues(text, doc_year)
    before = [k for p, k in cues if p < pos]
    if before:
        return before[-1]
    if any(m.start() < pos for m in BASELINE_CUE.finditer(text)):
        return "outcome"  # 国内生产总值比上年增长7.8%，虽然略低于8%的预定目标
    after = [k for p, k in cues if p >= pos]
    if after:
        return after[0]
    if BASELINE_CUE.search(text):
        return "outcome"
    return None


def text_kind(text: str, doc_year: int | None) -> str | None:
    """The last cue of a stretch of text (an earlier sentence, a lead-in): what it sets up."""
    cues = _cues(text, doc_year)
    return cues[-1][1] if cues else None


def heading_kind(path: tuple[str, ...], doc_year: int | None) -> str | None:
    """What the headings above a provision say: a review (outcome) or a year's tasks (target)."""
    for heading in reversed(path):
        if REVIEW_HEADING.search(heading):
            return "outcome"
        for m in HORIZON.finditer(heading):
            y = _year(m, doc_year)
            if y is not None and doc_year is not None:
                return "outcome" if y < doc_year else "target"
        if TARGET_CUE.search(heading) or "任务" in heading:
            return "target"
    return None
