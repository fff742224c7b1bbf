"""Quantitative commitments in a plan's sentences: indicator, value or range, unit, qualifier.

``数据中心标准机柜数达到4万个`` gives indicator 数据中心标准机柜数, value 4, unit 万个, qualifier
达到; ``推动230家规上工业企业实施数字化转型``, where the count comes before what it counts, gives
推动规上工业企业实施数字化转型, 230, 家. A number counts when a unit follows it (%, 个百分点, 万人,
家, 亿元 …): years (2025年), versions (2.0), generations (5G), hotlines (12345), ordinals (第三)
and enumeration totals (等9条) do not. A single Chinese numeral before a measure word (一个平台,
三项制度) is a phrase, not a count; 百分之六, 二十个 and 九百万人 are counts.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..dataclass_code import dataclass
from ..lazy_pattern import lazy
from .numbers import CN_DIGITS, parse_number, to_half_width

_AR = r"\d+(?:\.\d+)?"
#: A Chinese numeral; 亿 inside one (二亿一千七百万吨) when more digits follow it.
_CN = f"[{CN_DIGITS}][{CN_DIGITS}点]*(?:亿[{CN_DIGITS}]+)?"
_NUM = f"(?:{_AR}|{_CN})"
_MULT = "(?:万亿|亿亿|亿|万)"
#: Measure words and units after a number, longest first where one is the start of another.
UNITS = (
    "个百分点|百分点|平方公里|平方千米|万平方米|平方米|立方米|公里|千米|千瓦时|千瓦|兆瓦|吨标准煤|公斤|吨|斤|"
    "美元|元|人次|人|个工作日|工作日|个|家|户|台|座|亩|公顷|套|项|条|所|张|件|场|辆|倍|部|名|间|栋|处|类|款|"
    "种|门|标准机架|标准机柜|机架|架|艘|册|篇|株|棵|头|只|标准箱|标箱|床|次"
)
_RANGE = r"(?:至|到|-|~|—|–|－|~)"
NUMBER = lazy(
    rf"百分之(?P<pc1>{_NUM})(?:{_RANGE}(?:百分之)?(?P<pc2>{_NUM}))?"
    rf"|(?<![\dA-Za-z.+#])(?P<n1>{_NUM})(?:(?P<u1>%|‰)?{_RANGE}(?P<n2>{_NUM}))?(?P<approx>多|余)?"
    rf"(?P<unit>{_MULT}?(?:{UNITS}|%|‰)|{_MULT}(?![万亿]))(?![A-Za-z])"
)
#: Bounds written after the unit.
POST_QUALIFIER = lazy(r"^(左右|以上|以内|以下|上下|之内|之上)")
#: Comparators and aspirations written before the number, strongest first.
PRE_QUALIFIERS = ("不少于", "不低于", "不超过", "不高于", "超过", "低于", "高于", "力争", "争取", "突破",
                  "控制在", "保持在", "稳定在", "达到", "达")
_BOUNDS = {"左右", "以上", "以内", "以下", "上下", "之内", "之上", "不少于", "不低于", "不超过", "不高于",
           "超过", "低于", "高于"}
#: Words that end a stretch of indicator on the left or right.
_STOP = "，,；;：:。!?！？\n"
#: What a stretch of indicator starts with that is no part of it: time, lead-ins, connectives.
_LEAD = lazy(
    r"^(?:(?:到|在)?(?:(?:19|20)\d\d|[一二][九〇○零][一二三四五六七八九〇○零]{2})年(?:底|末)?(?:前)?|今年|明年|全年|年底前|年内|今后五年|同时|其中|并且?|"
    r"预计|力争|争取|确保|努力|要|将|使|还要|进一步|提出|主要预期目标(?:是|为)?|预期目标(?:是|为)?|"
    r"目标(?:是|为)?|计划|拟|实现|累计|共|全市|全省|全区|全国|和|及|以及|的|、|“|”)+"
)
_TRAIL = lazy(
    r"(?:的?(?:宏观)?(?:调控|预期|主要)?目标(?:定为|确定为|为|是)?|预期为?|定为|确定为|"
    r"不少于|不低于|不超过|不高于|超过|低于|高于|力争|争取|突破|控制在|保持在|稳定在|保持|达到|达|为|是|在|"
    r"提高到|提高至|提升到|提升至|增加到|增加至|降低到|降低至|降到|降至|下降到|下降至|至|到|由|从|按)+$"
)
#: An indicator that continues the previous one's subject (…，比上年增长8.7%).
_CONTINUES = lazy(r"^(?:比上年|比去年|同比|较上年|较去年|年均|增长|提高|下降|降低|增加|减少)")
#: A verb that, ending the words before a count, makes it "verb N unit object" (推动230家企业…).
_VERB_BEFORE = lazy(
    r"(?:^|推动|推进|建设|建成|新建|培育|打造|引进|实施|完成|新增|创建|认定|认证|培养|接入|改造|应用|细化|发展|"
    r"开展|支持|扶持|上线|推广|部署|招引|吸引|引入|引育|带动|帮助|安排|开工|启动|举办|设立|培训|安置|惠及|覆盖|帮扶|"
    r"组织|落实|制定|出台|编制|形成|孵化|遴选|评选|创成|争创|申报|入选|落地|布局|布设|开设|开通|建立|搭建|构建)$")


@dataclass(frozen=True)
class Quantity:
    """A number found in a sentence, with the words around it."""

    start: int
    end: int  #: end of the unit (and of a bound after it)
    value: float
    value_max: float | None
    unit: str
    qualifier: str
    indicator: str
    phrase: str
    stretch: bool = False  #: a 力争 figure beside a base one (增长5.5%、力争6%以上: 6)


#: An indicator is read from at most this many characters before its number (and its object
#: from this many after the unit): enough for any real one, and a sentence of thousands of
#: characters without a stop stays linear.
MAX_LEFT = 80
MAX_RIGHT = 40


def _left_stretch(text: str, start: int) -> int:
    """Where the indicator of a number at ``start`` may begin: after the last stop, or after a
    list comma that ends an earlier quantity (光纤通达率、4G覆盖率 stays whole)."""
    i = start
    while i > 0 and start - i < MAX_LEFT and text[i - 1] not in _STOP:
        i -= 1
    k = text.rfind("、", i, start)
    while k != -1:
        if re.search(r"\d|[%‰]", text[i:k]):
            return k + 1
        k = text.rfind("、", i, k)
    return i


def _right_stretch(text: str, end: int) -> str:
    j = end
    while j < len(text) and j - end < MAX_RIGHT and text[j] not in _STOP + "、":
        j += 1
    return text[end:j]


_FROM_CLAUSE = lazy(r"(?<=[\u4e00-\u9fff])(?:将|要|已)?(?:由|从)[^由从]*$")
_NUMBER_SPACES = lazy(r"(?<=[\d０-９])[ 　]+(?=[\d０-９%％.．])")


def _clean(words: str) -> str:
    words = words.strip(" 　\"'()（）")
    if words.count("“") != words.count("”"):
        words = words.replace("“", "").replace("”", "")
    for _ in range(3):
        words = _LEAD.sub("", words)
        words = _TRAIL.sub("", words)
        # 吞吐能力将由一九八○年的二亿吨增加到…: what grows is named before 由 / 从
        words = _FROM_CLAUSE.sub("", words)
    words = words.strip(" 　\"'、")
    if words.count("“") != words.count("”"):
        words = words.replace("“", "").replace("”", "")
    return words


def compact(sentence: str) -> str:
    """A sentence with the spaces inside numbers removed (``1 0 %`` -> ``10%``, as some
    transcriptions write them)."""
    return _NUMBER_SPACES.sub("", sentence)


#: The words between a base figure and a 力争 figure of the same indicator (…增长5.5%、力争6%以上,
#: …5%以上，在实际工作中力争6%).
_STRETCH_LEAD = lazy(r"^(?:在实际工作中)?(?:力争|争取|力求|奋力|努力)(?:实现|达到|达|增长|突破)?$")
#: 增速“保8争9”: a base growth figure and a stretch one, the percent sign left out.
_KEEP_AIM = lazy(rf"(?P<ind>[^{_STOP}]{{0,30}}?)“?保(?P<base>{_AR})(?:%)?争(?P<aim>{_AR})%?”?")


def _keep_aim(text: str, sentence: str) -> Iterator[Quantity]:
    for m in _KEEP_AIM.finditer(text):
        indicator = _clean(m.group("ind"))
        if not re.search(r"增长|增速", indicator):
            continue
        for value, stretch in ((m.group("base"), False), (m.group("aim"), True)):
            yield Quantity(m.start("base"), m.end(), float(value), None, "%", "", indicator,
                           sentence[m.start("ind"):m.end()].strip(), stretch)


def quantities(sentence: str) -> Iterator[Quantity]:
    """Every number with a unit in one sentence, with its indicator and qualifier."""
    text = to_half_width(sentence)
    if "保" in text and "争" in text:
        yield from _keep_aim(text, sentence)
    previous = ""
    last: Quantity | None = None
    for m in NUMBER.finditer(text):
        if m.group("pc1"):
            first, second, unit = m.group("pc1"), m.group("pc2"), "%"
        else:
            first, second, unit = m.group("n1"), m.group("n2"), m.group("unit")
            chinese = not re.match(r"\d", first)
            if chinese and len(first) < 2 and not re.match(_MULT, unit):
                continue  # 一个平台, 三项制度: a phrase, not a count
        before = text[max(0, m.start() - 1):m.start()]
        if before in ("第", "等", "每", "前") or (before.isascii() and before.isalpha()):
            continue
        if "亿" in first and unit.startswith("万"):
            # 二亿一千七百万吨 is 21700 of 万吨: the whole numeral, read in units of 万
            whole = parse_number(f"{first}万")
            value = whole / 10_000 if whole is not None else None
        else:
            value = parse_number(first)
        if value is None:
            continue
        value_max = parse_number(second) if second else None
        end = m.end()
        post = POST_QUALIFIER.match(text[end:])
        qualifier = ""
        if post:
            qualifier = post.group(1)
            end += len(qualifier)
        elif m.group("approx"):
            qualifier = m.group("approx")
        left = _left_stretch(text, m.start())
        lead = text[left:m.start()]
        if not qualifier or qualifier not in _BOUNDS:
            found = [q for q in PRE_QUALIFIERS if q in lead]
            if found:
                qualifier = found[0]
        indicator = _clean(lead)
        after = _right_stretch(text, end).lstrip("的")
        phrase_end = end
        if after and len(indicator) <= 12 and _VERB_BEFORE.search(indicator):
            # 推动230家规上工业企业实施数字化转型: what is counted comes after the count
            tail = _clean(re.split(r"[,，。;；]", after)[0]) if after else ""
            if tail and not re.match(r"[\d%‰]", tail):
                indicator = f"{indicator}{tail}"
                phrase_end = text.find(tail, end) + len(tail)
        stretch = False
        if last is not None and last.unit == unit and _STRETCH_LEAD.match(lead.strip(" 、，,")):
            # 增长5.5%、力争6%以上: the same indicator, its stretch figure
            indicator, stretch = last.indicator, True
        elif previous and _CONTINUES.match(indicator):
            indicator = f"{previous}{indicator}"  # 国内生产总值达到33.5万亿元，比上年增长8.7%
        if not indicator:
            indicator = previous or _clean(text[max(0, left - MAX_LEFT):left].rstrip(_STOP)
                                           .split("，")[-1].split(",")[-1])
        previous = re.sub(r"(?:达到|达|为|是|增长|提高|近|约)+$", "", indicator) or previous
        last = Quantity(m.start(), end, value, value_max, unit, qualifier, indicator,
                        sentence[left:phrase_end].strip(), stretch)
        yield last
