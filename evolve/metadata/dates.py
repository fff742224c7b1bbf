"""Dates and years as a plan's text states them, each with the place it was read from.

``date`` is the date the document gives itself: a law's latest adoption, revision or amendment
(the text as in force), else the signature date under the issuer, else the 成文日期 of a site's
info table, else the date the page says it was published. ``first_date`` is a revised law's
first adoption. A year without a full date comes from a document number (``国发〔2015〕40号``), a
work report's headings (``2023年工作回顾`` → 2024), the date a rule takes effect, or a cover
that prints only the year.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..dataclass_code import dataclass
from ..lazy_pattern import lazy
from ..segment.letterhead import SPEECH_LINE

_HAN_DIGITS = "一二三四五六七八九〇零○Ｏ"
DATE = lazy(
    rf"(\d{{4}}|[{_HAN_DIGITS}]{{4}})\s*年\s*([\d一二三四五六七八九十〇]{{1,3}})\s*月\s*"
    r"([\d一二三四五六七八九十〇]{1,3})\s*日"
)
ISO_DATE = lazy(r"(?<!\d)(\d{4})[-./](\d{1,2})[-./](\d{1,2})(?!\d)")
_ANY_DATE = f"(?:{DATE.pattern}|{ISO_DATE.pattern})"


def _digits(s: str) -> int | None:
    if s.isdigit():
        return int(s)
    from ..segment.numbering import numeral_value

    s = s.translate(_ZERO)
    if len(s) == 4 and all(c in "一二三四五六七八九〇" for c in s):
        return int("".join(str("〇一二三四五六七八九".index(c)) for c in s))
    return numeral_value(s)


_FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
_ZERO = str.maketrans("零○ＯO", "〇〇〇〇")
_FULLWIDTH = lazy("[０-９]")


def parse_date(text: str) -> str | None:
    """ "2016年3月30日", "二〇一六年三月三十日" or "2016-03-30" -> "2016-03-30"; None when not a
    valid date."""
    text = text.translate(_FULLWIDTH_DIGITS)
    m = DATE.search(text) or ISO_DATE.search(text)
    if not m:
        return None
    y, mo, d = (_digits(g) for g in m.groups())
    if not (y and mo and d and 1900 < y < 2100 and 1 <= mo <= 12 and 1 <= d <= 31):
        return None
    return f"{y:04d}-{mo:02d}-{d:02d}"


_YEAR_FORMS = lazy(
    r"(?P<y>\d{4}|[一二三四五六七八九〇零○Ｏ]{4})\s*(?:年(?:度)?)?"
    r"(?:\.0+|\s*[-/.年]\s*\d{1,2}(?:\s*[-/.月]\s*\d{1,2}\s*日?|\s*月)?|\s*[-/]\s*\d{1,2}\s*[-/]\s*\d{1,2}"
    r"(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?|[一二三四五六七八九十]{1,2}月(?:[一二三四五六七八九十]{1,3}日)?)?"
)


def parse_year(value: str) -> int | None:
    """A year however a spreadsheet or a hand wrote it: 2016, 2016年, 二〇一六, 2016.0, 2016-03,
    2016/3/30, 2016-03-30 00:00:00; None for anything else (a range, a two-digit year, words)."""
    v = value.strip().translate(_FULLWIDTH_DIGITS)
    m = _YEAR_FORMS.fullmatch(v)
    if not m:
        return None
    y = m.group("y")
    if not y.isdigit():
        y = "".join(str("〇一二三四五六七八九".index(c)) for c in y.translate(_ZERO))
    year = int(y)
    return year if 1800 <= year <= 2200 else None


# A speech's or law's date line: "——2024年3月5日在第十四届全国人民代表大会第二次会议上",
# "(2016年3月16日第十二届全国人民代表大会第四次会议通过)".
_DATE_LINE = lazy(rf"^\s*(?:[-—─–]{{1,3}}|[(（])\s*(?:\d{{4}}|[{_HAN_DIGITS}]{{4}})\s*年")


def date_line(lines: list[str]) -> str | None:
    """The first line that dates the text as a speech or an adopted law ("——2024年3月5日在…")."""
    for line in lines:
        if (_DATE_LINE.match(line) or SPEECH_LINE.match(line)) and parse_date(line):  # also bare
            return line.strip()
    return None


def spoken_date(text: str) -> str | None:
    """The ISO date of the text's own date line ("——2026年1月28日在…会议上"), looked for among the
    first lines of its head, after whatever page furniture a scraper kept above it."""
    line = date_line(text[:HEAD].split("\n")[:40])
    return parse_date(line) if line else None


@dataclass(frozen=True)
class Found:
    """A date or a year read from the text, with where it was read and the words it came from."""

    source: str  #: adoption line | signature | date line | info table | page date | doc_number | …
    year: int
    date: str | None = None
    quote: str = ""
    first: str | None = None  #: the first adoption, where a line also names later revisions
    issuer: str | None = None  #: who adopted or signed it, where the line says


#: How far into the text a document's own title block, adoption line and page dates are looked for.
HEAD = 3000

# "(2021年6月10日第十三届全国人民代表大会常务委员会第二十九次会议通过)", "(2000年9月25日…令第292号
# 公布 根据2011年1月8日《…》第一次修订 …)", "(2021年2月7日国务院反垄断委员会印发)", "(2020年3月30日)".
# … or "(《白城市文明行为促进条例》已由…于2019年12月26日通过,于2020年3月24日经…批准,2020年3月26日…公布)".
_PAREN = lazy(
    rf"[(（]\s*((?:{_ANY_DATE}|《[^《》()（）]{{2,60}}》[^()（）]{{0,60}}?{_ANY_DATE})[^()（）]{{0,600}}?)[)）]")
#: A bare date in brackets dates the document only right after its title ("…的意见(2020年3月30日)").
_AFTER_TITLE = lazy(r"(?:意见|决定|办法|规定|条例|方案|规划|纲要|通知|指南|法|规则|计划|要点|决议)》?\s*$")
_BARE_ADOPTION = lazy(rf"\s*{DATE.pattern}[^,，。;；]{{2,80}}?会议(?:审议)?(?:通过|批准|制定)")
_DECISION = lazy(r"通过|批准|公布|修正|修订|印发|发布|施行|颁布|制定")
_DECISION_DATE = lazy(
    rf"({_ANY_DATE})(?:[^,，;；。根]{{0,80}}?)(通过|批准|公布|修正|修订|印发|发布|颁布|制定)"
)


def adoption(text: str) -> Found | None:
    """The adoption line under a title: the latest decision it names is the text as in force,
    the first is kept as ``first``; a bare date in brackets after a title counts as a date line."""
    for m in _PAREN.finditer(text[:HEAD]):
        body = re.sub(r"\s+", "", m.group(1))  # "…会议批\n准)": a Word line wrap inside a word
        if _DECISION.search(body):
            dates = [d for d in (parse_date(x.group(1)) for x in _DECISION_DATE.finditer(body)) if d]
            if not dates:
                continue
            latest, first = max(dates), min(dates)
            return Found("adoption line", int(latest[:4]), latest, m.group(0), first if first != latest else None,
                         _adopted_by(body))
        if DATE.fullmatch(body.strip()) and parse_date(body) and _AFTER_TITLE.search(text[:m.start()]):
            d = parse_date(body)
            assert d
            return Found("date line", int(d[:4]), d, m.group(0))
    # the same line without its brackets, under the title:
    # "2020年6月30日吉林市第十六届人民代表大会常务委员会第二十八次会议审议通过2020年7月30日…批准"
    for line in text[:HEAD].split("\n")[:8]:
        if _BARE_ADOPTION.match(line):
            decided = [d for d in (parse_date(x.group(1)) for x in _DECISION_DATE.finditer(line)) if d]
            if decided:
                latest, first = max(decided), min(decided)
                return Found("adoption line", int(latest[:4]), latest, line.strip()[:200],
                             first if first != latest else None, _adopted_by(line))
    return None


_BODY = lazy(rf"{_ANY_DATE}\s*(.{{2,60}}?)\s*(?:审议)?(?:通过|批准|公布|修正|修订|印发|发布|颁布|制定)", re.S)
_SESSION = lazy(r"第[一二三四五六七八九十百\d]+届|第[一二三四五六七八九十百\d]+次(?:全体)?会议|会议$|"
                      r"令第\d+号|\s+")


def _adopted_by(body: str) -> str | None:
    """The body that took the first decision of an adoption line, without its session:
    "第十三届全国人民代表大会常务委员会第二十九次会议" → 全国人民代表大会常务委员会."""
    m = _BODY.search(body)
    if not m:
        return None
    organ = _SESSION.sub("", m.groups()[-1])
    return organ if 2 <= len(organ) <= 40 and re.fullmatch(r"[\u4e00-\u9fff]+", organ) else None


def is_adoption(text: str, at: int) -> bool:
    """Whether the bracket opening at ``at`` is an adoption line (a decision with its date) or a
    bare date, not a note that happens to open with a date ("(2021年10月修订版)")."""
    m = _PAREN.match(text, at)
    if not m:
        return False
    body = re.sub(r"\s+", "", m.group(1))
    return bool(_DECISION_DATE.search(body)) or bool(DATE.fullmatch(body))


# The issuer (an organ, or a minister's title and name) and the date under it, on one line or two:
# "国务院\n2015年7月1日", "国家广播电视总局2021年9月17日", "国家互联网信息办公室主任\n庄荣文2022年7月7日".
ORGAN_END = r"(?:国务院|中共中央|部|局|委员会|委|办公室|办公厅|人民政府|政府|总局|署|银行|中心|办|院|厅)"
_SIGNER = r"(?:主任|部长|局长|主席|总理|行长|署长|主任委员|市长|省长|书记)\s*[\u4e00-\u9fff]{2,3}"
_SIGNED_BEFORE = lazy(rf"(?:{ORGAN_END}|{_SIGNER})[ \t\u3000]*\n?[ \t\u3000]*$")
_NOT_SIGNED_AFTER = lazy(r"[起通印发批审在召以至到前后的第举开会颁公施]|\s*[,，]?\s*(?:起|通过|印发|批准|审议)")


_MONTH_DAY = lazy(r"月\s*[\d一二三四五六七八九十〇]{1,3}\s*日")


def find_dates(text: str) -> Iterator[re.Match[str]]:
    """``DATE.finditer(text)``, found from the "月…日" after each year: eighty times faster on a
    long text, as a pattern that opens with a choice is tried at every character."""
    for anchor in _MONTH_DAY.finditer(text):
        m = DATE.search(text, max(0, anchor.start() - 12), anchor.end())
        if m and m.end() == anchor.end():
            yield m


def signature(text: str) -> Found | None:
    """The first signature date: a date under or right after an issuer, or a line holding only a date."""
    for m in find_dates(text):
        line_start = text.rfind("\n", 0, m.start()) + 1
        line_end = text.find("\n", m.end())
        rest = text[m.end(): line_end if line_end >= 0 else len(text)]
        alone = not text[line_start:m.start()].strip() and not rest.strip()
        before = text[max(0, m.start() - 24): m.start()]
        if alone or (_SIGNED_BEFORE.search(before) and not _NOT_SIGNED_AFTER.match(text, m.end())):
            d = parse_date(m.group(0))
            if d:
                quote_start = text.rfind("\n", 0, max(0, line_start - 1)) + 1 if alone else m.start() - 24
                return Found("signature", int(d[:4]), d, _quote(text, quote_start, m.end()),
                             issuer=_signer(text, m.start()))
    return None


_SIGNER_NAME = lazy(r"(?<=(?:主任|部长|局长|主席|总理|行长|署长|市长|省长|书记))\s*[\u4e00-\u9fff]{2,3}$")
_SIGNER_TITLE = lazy(r"(?:主任委员|主任|部长|局长|主席|总理|行长|署长|市长|省长|书记)$")
_ISSUER_LINE = lazy(rf"[\u4e00-\u9fff、 \u3000]{{2,60}}?{ORGAN_END}")


def _signer(text: str, date_start: int) -> str | None:
    """The issuers of a signature: the organs before the date on its line (after the last
    sentence), else on the lines over it; a minister's title and name are taken off."""
    line_start = text.rfind("\n", 0, date_start) + 1
    before = text[line_start:date_start]
    if before.strip():
        return organs(re.split(r"[。;；:：,，)）]", before)[-1])
    names: list[str] = []
    pos = line_start - 1
    while pos > 0 and len(names) < 6:
        prev = text.rfind("\n", 0, pos) + 1
        organ = organs(text[prev:pos])
        if not organ:
            break
        names.insert(0, organ)
        pos = prev - 1
    return " ".join(names) or None


def organs(piece: str) -> str | None:
    """The piece when it names organs only ("国务院", "人民银行 银保监会 证监会 外汇局"), a
    minister's title and name taken off; else None."""
    piece = _SIGNER_TITLE.sub("", _SIGNER_NAME.sub("", piece.strip())).strip()
    return piece if _ISSUER_LINE.fullmatch(piece) else None


# gov.cn's info table: 发文机关 … 成文日期 … 发文字号 … 发布日期; a standard's record: 发布日期2020-03-06.
_TABLE_DATE = lazy(rf"(成文日期|印发日期|发文日期|公布日期|发布日期)\s*[:：]?\s*({_ANY_DATE})")
_TABLE_RANK = {"成文日期": 0, "印发日期": 1, "发文日期": 1, "公布日期": 2, "发布日期": 3}


def info_table(text: str) -> Found | None:
    """The info table's date: 成文日期 (when it was signed) before 公布日期 / 发布日期."""
    found = []
    for m in _TABLE_DATE.finditer(text):
        d = parse_date(m.group(2))
        if d:
            found.append((_TABLE_RANK[m.group(1)], m.start(), Found("info table", int(d[:4]), d, m.group(0))))
    return min(found, key=lambda f: f[:2])[2] if found else None


# A page's own publication line: "发布时间:2022-12-13", "2016-07-27 18:52 来源:新华社", "时间:2022-09-02".
_PAGE_DATE = lazy(
    rf"(?:发布时间|(?<![\u4e00-\u9fff])时间|(?<![\u4e00-\u9fff])日期)\s*[:：]\s*({_ANY_DATE})|({_ANY_DATE})\s*\d{{1,2}}:\d{{2}}(?::\d{{2}})?\s*(?:来源|$)",
    re.M,
)


def page_date(text: str) -> Found | None:
    m = _PAGE_DATE.search(text[:HEAD])
    if m and (d := parse_date(m.group(0))):
        return Found("page date", int(d[:4]), d, m.group(0).strip())
    return None


_NUMBER_YEAR = lazy(r"[〔\[(（]\s*(\d{4})\s*(?:年\s*)?[〕\])）]?\s*第?\s*\d{1,4}\s*号")


#: A document's own number stands in its first lines; one further down is a citation.
NUMBER_HEAD = 400


def number_year(text: str) -> Found | None:
    """The year in a document number at the top: 国发〔2015〕40号, 〔2019年 第1号〕."""
    m = _NUMBER_YEAR.search(text[:NUMBER_HEAD])
    if m and 1900 < int(m.group(1)) < 2100:
        return Found("doc_number", int(m.group(1)), None, m.group(0))
    return None


_EFFECTIVE = lazy(rf"自\s*({DATE.pattern})\s*起\s*(?:施行|执行|实施|生效)")


def effective(text: str) -> Found | None:
    """The date a rule takes effect ("本办法自2021年5月25日起施行"): the year only, and last among
    the text's own dates (it can fall in the year after the rule was issued)."""
    m = _EFFECTIVE.search(text)
    if m and (d := parse_date(m.group(1))):
        return Found("effective date", int(d[:4]), None, m.group(0))
    return None


# A work report's parts: "一、2023年工作回顾" (last year) and "二、2024年工作安排" (this year), on
# lines of their own or run into the text after a sentence ("…提出意见。一、2023年工作回顾 过去的一年").
_PART = r"\s*(?:[一二三四五六七八九十]{1,2}\s*[、.．]\s*)?(?:关于)?"
_REVIEW_LINE = lazy(rf"{_PART}(\d{{4}})年[^。\n]{{0,24}}?(?:回顾|总结)[^。\n]{{0,20}}")
_REVIEW_RUN_IN = lazy(rf"{_PART}(\d{{4}})年(?:政府)?工作(?:回顾|总结)")
_PLAN_LINE = lazy(
    rf"{_PART}(\d{{4}})年(?:的)?[^。\n]{{0,12}}?"
    r"(?:工作安排|重点工作|主要工作|工作任务|目标任务|主要目标|预期目标|总体要求|工作建议|政府工作|工作(?:思路|目标)|工作$|主要任务)"
    r"[^。\n]{0,20}")
_PLAN_RUN_IN = lazy(rf"{_PART}(\d{{4}})年(?:政府)?(?:工作安排|重点工作)")
_PAST = lazy(r"过去的\s*(\d{4})\s*年")
_LAST_YEAR = lazy(rf"{_PART}去年工作回顾")
_YEAR_START = lazy(r"\s*(\d{4})\s*年")
_SEGMENT = lazy(r"[。!！;；]")
_CLAUSE = lazy(r"[,，。;；!！:：]")


def report_year(text: str) -> Found | None:
    """A work report's year from its parts: the year it plans ("二、2024年工作安排") after the
    one it reviews ("一、2023年工作回顾"); a review alone gives the year after it, a plan alone its year.
    When the parts name other years too ("2035年远景目标"), the plan that follows its review wins."""
    if _FULLWIDTH.search(text):
        text = text.translate(_FULLWIDTH_DIGITS)
    plans: dict[int, str] = {}
    reviews: dict[int, str] = {}
    segments: list[str] = []
    for line in text.split("\n"):
        if "年" not in line:
            segments.append("")
            continue
        if not _CLAUSE.search(line):  # a heading on a line of its own
            if m := _REVIEW_LINE.fullmatch(line):
                reviews.setdefault(int(m.group(1)), line.strip())
                continue
            if m := _PLAN_LINE.fullmatch(line):
                plans.setdefault(int(m.group(1)), line.strip())
                continue
        segments.extend(_SEGMENT.split(line))
    for i, seg in enumerate(segments):
        if "年" not in seg:
            continue
        if m := _REVIEW_RUN_IN.match(seg):
            reviews.setdefault(int(m.group(1)), seg.strip()[:40])
        elif m := _PLAN_RUN_IN.match(seg):
            plans.setdefault(int(m.group(1)), seg.strip()[:40])
        elif _LAST_YEAR.fullmatch(seg) and i + 1 < len(segments) and (n := _YEAR_START.match(segments[i + 1])):
            reviews.setdefault(int(n.group(1)), f"{seg.strip()} {n.group(0).strip()}")
        elif "过去的" in seg and (m := _PAST.search(seg)):
            reviews.setdefault(int(m.group(1)), m.group(0))
    years = sorted(set(plans) | set(reviews))
    following = [y for y in years if y - 1 in years]
    if following:
        y = following[-1]
        return Found("report headings", y, None, plans.get(y) or reviews[y])
    if reviews:
        y = min(reviews)
        return Found("report headings", y + 1, None, reviews[y])
    if plans:
        y = min(plans)
        return Found("report headings", y, None, plans[y])
    return None


_COVER_YEAR = lazy(r"^\s*((?:19|20)\d{2})\s*年?\s*$", re.M)


def cover_year(text: str) -> Found | None:
    """A year printed alone on a cover, among the first lines ("中国数字贸易发展报告" / "2024")."""
    head = "\n".join(text.split("\n")[:10])
    m = _COVER_YEAR.search(head)
    return Found("cover", int(m.group(1)), None, m.group(0).strip()) if m else None


def _quote(text: str, start: int, end: int) -> str:
    return " / ".join(part.strip() for part in text[max(0, start):end].split("\n") if part.strip())[:120]


_PDF_DATE = lazy(r"D:(\d{4})(\d{2})(\d{2})")
#: Producers whose creation date is when a page was printed or a file generated, not the document's.
_PRINTERS = lazy(r"Mozilla|Chrome|Chromium|Skia|WebKit|Firefox|Safari|wkhtmltopdf|Edge|Print", re.I)


def pdf_created(created: str | None, creator: str | None) -> Found | None:
    """The PDF's own creation date, only when an authoring application (WPS, Word …) wrote the
    file: a browser's printout (HeadlessChrome, Skia) or a file without a creator was made when
    it was saved, which says nothing about the document."""
    if not created or not creator or _PRINTERS.search(creator):
        return None
    m = _PDF_DATE.match(created.strip())
    if not m:
        return None
    d = parse_date("-".join(m.groups()))
    return Found("pdf metadata", int(d[:4]), d, created) if d else None
