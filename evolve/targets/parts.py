"""The parts of a government work report, read from its headings: the review of last year
(``一、2025年工作回顾``: its figures are results), this year's work (``三、2026年工作安排``,
``二、今年主要任务``: its figures are this year's targets) and the plan period
(``二、“十五五”时期主要目标任务``: its figures are goals for the plan's last year, never this year's).

A report's year comes from its metadata; else from these headings (``2024年工作安排`` is 2024,
``2023年工作回顾`` makes the report 2024's), looked for in the headings first, then in the text of a
report whose headings were not recognised (a report run together on one line).
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..dataclass_code import dataclass
from ..lazy_pattern import lazy
from ..records import Document, Provision
from ..series import document_year
from .context import _FYP_END, _YEAR, _to_year

REVIEW = "review"
THIS_YEAR = "this_year"
PLAN = "plan"

#: Words of a review heading (of last year, or of the past plan period).
_REVIEW_WORDS = lazy(r"回顾|总结|成就|成绩|过去|一年来|[两三四五]年来|执行情况|完成情况|基本情况|进展情况")
#: Words of a heading over this year's work.
_YEAR_WORDS = lazy(r"今年|本年|工作安排|主要任务|重点工作|工作任务|总体要求|工作部署|总体部署|预期目标|"
                         r"开好局|起好步|开局之年|工作的建议")
#: A five-year plan named in a heading: “十五五”, 第十一个五年规划, 五年规划 …
_PLAN_WORDS = lazy(r"“?(?P<fyp>十[一二三四五]五|[六七八九]五)”?(?:时期|期间|规划|计划|发展|主要|的)|"
                         r"第(?P<nth>[一二三四五六七八九十]+)个五年(?:规划|计划)|五年规划|五年计划|规划纲要|"
                         r"未来五年|今后五年|远景目标")
#: "2024年工作安排" (this year's part: the report's year) and "2023年工作回顾" (the year before).
_YEAR_PART = lazy(rf"(?P<y>{_YEAR})年(?:的)?(?:政府)?(?:工作安排|主要任务|重点工作|工作任务|工作总体要求|"
                        r"主要目标|主要预期目标|工作建议|工作的建议)")
_REVIEW_PART = lazy(rf"(?P<y>{_YEAR})年(?:的)?(?:政府)?(?:工作)?(?:回顾|总结)")
#: In running text: "2024年工作安排", "2024年主要任务" (a heading run into the text).
_PLAN_YEAR = lazy(rf"(?P<y>{_YEAR})年(?:工作安排|主要任务|重点工作)")
#: A plan period that opens with this year (十五五开局之年) is no horizon of its own.
_OPENING = lazy(r"^”?(?:时期)?(?:的)?(?:开局|第一年|首年|起步|开好局)")


@dataclass(frozen=True)
class Part:
    kind: str | None  #: review | this_year | plan | None (no heading says)
    year: int | None  #: the year its figures are for: last year, this year, the plan's last year


def _plan_end(heading: str) -> int | None:
    """The last year of the latest five-year plan a heading names (十四五 … 十五五: 2030)."""
    ends = [_FYP_END.get(m.group("fyp") or f"{m.group('nth')}五") for m in _PLAN_WORDS.finditer(heading)
            if m.group("fyp") or m.group("nth")]
    return max((e for e in ends if e is not None), default=None)


_A_YEAR = lazy(rf"({_YEAR})年")


@lru_cache(maxsize=4096)
def heading_part(heading: str, year: int | None) -> Part:
    """What one heading says of the figures under it (``Part(None, None)`` when nothing)."""
    years = [_to_year(m.group(1)) for m in _A_YEAR.finditer(heading)]
    plan = _PLAN_WORDS.search(heading)
    opening = plan is not None and bool(_OPENING.match(heading[plan.end():]))
    this_year = bool(_YEAR_WORDS.search(heading)) or (year is not None and year in years)
    review = bool(_REVIEW_WORDS.search(heading)) or (year is not None and any(y < year for y in years)
                                                     and not this_year)
    ended = _plan_end(heading)
    if review and ended is not None and year is not None and ended < year:
        return Part(REVIEW, year - 1)  # 一、“十四五”时期和2025年工作回顾: the past plan period
    if plan is not None and not opening and not (year is not None and year in years):
        # “十四五”时期发展成就和“十五五”时期主要目标任务: a plan's goals, the sentences tell results
        end = _plan_end(heading[plan.start():])
        if end is None and year is not None and re.search(r"今后五年|未来五年", heading):
            end = year + 4  # 今后五年的目标任务 of a report that opens a term
        return Part(PLAN, end)
    if review:
        return Part(REVIEW, year - 1 if year is not None else None)
    if this_year or opening:
        return Part(THIS_YEAR, year)
    return Part(None, None)


def report_year(doc: Document) -> int | None:
    """The report's year: its metadata's, else what its part headings say (2023年工作回顾 → 2024,
    2024年工作安排 → 2024), else the first such phrase in its opening text."""
    year = document_year(doc)
    if year is not None:
        return year
    headings = list(dict.fromkeys(h for p in doc.provisions for h in (*p.path, p.heading) if h))
    for heading in headings:
        m = _REVIEW_PART.search(heading)
        if m:
            return _to_year(m.group("y")) + 1
        m = _YEAR_PART.search(heading)
        if m:
            return _to_year(m.group("y"))
    opening = "".join(p.text for p in doc.provisions[:50])[:20_000]
    m = _REVIEW_PART.search(opening)
    if m:
        return _to_year(m.group("y")) + 1
    m = _PLAN_YEAR.search(opening)
    return _to_year(m.group("y")) if m else None


def provision_part(p: Provision, year: int | None) -> Part:
    """The part of the report ``p`` sits in: the outermost heading above it that says."""
    for heading in (*p.path, p.heading):
        if heading:
            part = heading_part(heading, year)
            if part.kind is not None:
                return part
    return Part(None, None)


#: The first sentence of a paragraph that opens a part (when no heading marks it): the review
#: (过去的一年, 2023年是…, 一年来) or this year's work (今年是…, 做好今年政府工作, 今年…主要预期目标).
_OPENS_REVIEW = lazy(rf"^(?:刚刚)?过去的?一年|^一年来|^{_YEAR}年[，,]?是|^{_YEAR}年(?:以来|，我们)")
_OPENS_YEAR = lazy(r"^(?:今年是|做好今年|今年(?:政府工作|经济社会发展|我[省市区州]|全[省市区州盟])|"
                         r".{0,30}主要预期目标(?:是|为|建议)?[:：])")
#: What only this year's part says (a review may call last year 今年 by a slip, never these).
_SURELY_YEAR = lazy(r"^(?:做好今年|今年政府工作的?总体要求)")
#: The lead-in of this year's main targets, in any sentence of a paragraph.
_MAIN_LEAD = lazy(r"^[^。]{0,60}主要预期目标(?:是|为|建议为?)?[:：]")
#: A part heading run into the text of a report transcribed on one line (…提出意见。一、2023年工作回顾
#: 2023年是…; 二、2024年工作安排).
_INLINE = lazy(rf"(?P<y>{_YEAR})年(?:的)?(?:政府)?(?:工作)?(?:(?P<review>回顾|总结)|工作安排|主要任务|重点工作)")


def surely_this_year(sentences: list[str], year: int | None) -> bool:
    """Whether a paragraph opens this year's work beyond doubt, even under a review heading: its
    first sentence (做好今年政府工作…, 2024年政府工作的总体要求是 in a 2024 report) or any of its
    sentences (…今年经济社会发展的主要预期目标是：)."""
    if any(_MAIN_LEAD.search(s) for s in sentences):
        return True
    first = sentences[0] if sentences else ""
    if _SURELY_YEAR.search(first):
        return True
    m = _A_YEAR.match(first)
    return bool(m and year is not None and _to_year(m.group(1)) == year
                and re.match(r"(?:是|，|,|政府工作|经济社会发展|全[省市区州盟])", first[m.end():]))


def opening_part(first: str, year: int | None) -> Part:
    """The part a paragraph opens by its first sentence (``Part(None, None)`` when it opens none)."""
    m = _A_YEAR.match(first)
    if m and year is not None and _to_year(m.group(1)) == year:
        return Part(THIS_YEAR, year)  # 2024年是…: this year
    if _OPENS_REVIEW.search(first):
        return Part(REVIEW, year - 1 if year is not None else None)
    if _OPENS_YEAR.search(first):
        return Part(THIS_YEAR, year)
    return Part(None, None)


_INLINE_WORDS = ("回顾", "总结", "工作安排", "主要任务", "重点工作")


def inline_parts(sentence: str, year: int | None) -> list[tuple[int, Part]]:
    """The part headings run into a sentence, with their positions."""
    if not any(w in sentence for w in _INLINE_WORDS):
        return []
    out = []
    for m in _INLINE.finditer(sentence):
        y = _to_year(m.group("y"))
        if m.group("review"):
            out.append((m.start(), Part(REVIEW, y)))
        elif year is None or y == year:
            out.append((m.start(), Part(THIS_YEAR, y)))
    return out
