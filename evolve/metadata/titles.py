"""A plan's title as its page states it.

In order: a site's info table (``标题:…`` beside ``发文字号`` / ``成文日期``; a standard's
``中文标准名称``); the title written with its adoption line (``中华人民共和国数据安全法(2021年6月10日
…通过)``, ``国务院关于…的意见(2020年3月30日)``); the title block at the top of the page, its lines
joined (``国务院关于印发`` + ``“十三五”国家信息化规划的通知``; ``互联网信息服务深度`` + ``合成管理规定``).
Site lines, dates, document numbers and signatures are never titles; a collector's note and
issuer after the title (``…的意见(国务院版),国务院``) are taken off.
"""

from __future__ import annotations

import re

from ..lazy_pattern import lazy
from . import dates

#: Words a title ends with (before a qualifier such as "(试行)" or "(2021-2025年)").
_ENDS = (r"(?:计划|方案|规划|要点|意见|办法|通知|纲要|条例|规定|细则|措施|决定|指南|行动|报告|决议|公报|清单|"
         r"指引|法|规则|规范|公告|通告|批复|函|制度|标准|协定|章程|守则|准则|目录|战略|政策|建议|说明|令)")
_QUALIFIER = r"(?:[(（][^()（）]{1,20}[)）])"
_TITLE_END = lazy(rf"{_ENDS}》?{_QUALIFIER}?$")
#: A qualifier that belongs to the title ("(试行)", "(征求意见稿)", "(2021-2025年)"); any other
#: bracket after the title is a collector's note ("(国务院版)", "(修订)") and is taken off.
_OWN_QUALIFIER = lazy(r"试行|暂行|征求意见|草案|送审稿|报批稿|修正案|\d{4}")
_NOTE = lazy(r"[(（]([^()（）]{1,20})[)）]$")
_ISSUER_TAIL = lazy(r"[,，]\s*([^,，。]{2,40})$")
#: A collector's issuer after a title: organs, "等4部门", "/国标委".
_ISSUER_ONLY = lazy(
    r"(?:[\u4e00-\u9fff]{1,20}?(?:办公厅|办公室|委员会|人民政府|总局|中央|国务院|部|局|署|银行|委)[\s/、]*)+"
    r"(?:等\s*\d*\s*部门?)?")
#: A sentence, a salutation or an addressee ("各位代表:"), or a clause list: never a title line.
_SENTENCE = lazy(r"[。;；!！?？:：]|[,，][^,，]*[,，]")
_FURNITURE = lazy(
    r"来源|字号|首页|位置|Toggle|版权|浏览|登录|责任编辑|>|\||www\.|https?:|"
    r"^\s*(?:第?\s*\d+\s*号|令)\s*$|^[\sA-Za-z0-9.,:/’'&()-]+$"
)
_HEADING = lazy(r"[一二三四五六七八九十]{1,3}\s*[、.．]|[(（][一二三四五六七八九十]{1,3}[)）]"
                      r"|第[一二三四五六七八九十百]+[章节条编]|\d{4}年(?:政府)?工作(?:回顾|总结|安排)")
_DATE_LIKE = lazy(r"\d{4}\s*[-年./]\s*\d{1,2}\s*[-月./]\s*\d{1,2}|^\s*\d{4}\s*年?\s*$")
_DOC_NUMBER = lazy(r"[〔\[]\s*\d{4}\s*[〕\]]\s*\d{1,4}\s*号|第\s*\d+\s*号$")
_INFO_TITLE = lazy(
    r"(?:标\s*题|中文标准名称)\s*[:：]\s*(.+?)\s*(?=索\s*引\s*号|发文字号|主题分类|发文机关|成文日期|发布日期|公布日期|"
    r"文\s*号\s*[:：]|英文标准名称|标准状态|时\s*效\s*[:：]|分\s*类\s*[:：]|发\s*文\s*$|$)"
)
_INFO_KEYS = lazy(r"索\s*引\s*号|发文字号|主题分类|发文机关|成文日期|发布日期|公布日期|标准号|英文标准名称")
# The adoption line or date in brackets after a title: "(2021年6月10日…", "(2020年3月30日)".
_ADOPTION_OPEN = lazy(r"[(（]\s*(?:\d{4}|[一二三四五六七八九〇零]{4})\s*年\s*[\d一二三四五六七八九十]{1,2}\s*月")
_BOUNDARY = lazy(r"[\s。;；:：,，)）》】]")
_ENDS_HERE = lazy(rf"{_ENDS}$")
#: A red header's issuer line ("国家发展和改革委员会文件"): the issuer's, not the title's.
_RED_HEADER = lazy(r"文件$")
#: A clause that ends like a title but is a sentence's verb and object ("制定本方案(2021年10月修订)").
_NOT_A_TITLE = lazy(r"本|制定|印发|根据|按照|依据|参照|修订|编制|出台|发布|实施")
_ATTACHMENT = lazy(r"附件|目录|^\d+$")
#: What runs into a title on a news page or under a signature: "新华社北京11月5日电", "习近平2019年10月26日".
_RUN_IN = lazy(r"\d{1,2}\s*日\s*电|(?:\d{4}|[一二三四五六七八九〇零]{4})\s*年[^年]{1,6}?日")
#: Lines of the title block looked at.
TOP_LINES = 12


def clean(title: str) -> str:
    """A title without the collector's issuer after it (``…的意见,国务院``) and without a note in
    brackets that is not the title's own (``(国务院版)``, ``(修订)``; ``(试行)`` stays)."""
    t = title.strip()
    m = _ISSUER_TAIL.search(t)
    if m and not _TITLE_END.search(m.group(1)) and (_TITLE_END.search(t[: m.start()].strip())
                                                   or _ISSUER_ONLY.fullmatch(m.group(1))):
        t = t[: m.start()].strip()
    n = _NOTE.search(t)
    if n and not _OWN_QUALIFIER.search(n.group(1)) and _TITLE_END.search(t[: n.start()]):
        t = t[: n.start()].strip()
    return t


def collector_issuer(line: str) -> str | None:
    """The organs a collector wrote after a title on its first line ("…的意见,中共中央办公厅/国务院
    办公厅", "…管理办法(试行),国家互联网信息办公室等7部门"), or None."""
    m = _ISSUER_TAIL.search(line.strip())
    if not m or not _TITLE_END.search(line[: m.start()].strip()) or not _ISSUER_ONLY.fullmatch(m.group(1)):
        return None
    return re.sub(r"\s*/\s*", "、", m.group(1).strip())


def ends_title(text: str) -> bool:
    return bool(_TITLE_END.search(clean(text)))


def info_table(text: str) -> str | None:
    """``标题:…`` of a site's info table (a line that also holds another of its keys, or one of
    the lines around it does)."""
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if "题" not in line and "中文标准名称" not in line:
            continue
        for m in _INFO_TITLE.finditer(line):
            near = " ".join(lines[max(0, i - 2): i + 3])
            value = m.group(1).strip()
            if _INFO_KEYS.search(near.replace(m.group(0), "")) and 4 <= len(value) <= 100:
                return value
    return None


def adopted(text: str, head: int = 3000) -> str | None:
    """The title written just before the document's adoption line or date in brackets
    (``…数据安全法(2021年6月10日…通过)``, ``…的意见(2020年3月30日)``); an organ on the line
    before is the title's first words (``中共中央办公厅`` / ``国务院办公厅关于…``)."""
    part = text[:head]
    for m in _ADOPTION_OPEN.finditer(part):
        if not dates.is_adoption(part, m.start()):
            continue
        window = part[max(0, m.start() - 80): m.start()].rstrip()
        cut = max((b.end() for b in _BOUNDARY.finditer(window)), default=0)
        if not _ENDS_HERE.search(window[cut:]):
            continue
        title = _RUN_IN.split(window[cut:])[-1]
        if len(title) < 4 or "《" in title or "关于印发" in title or _NOT_A_TITLE.match(title):
            continue
        start = len(part[: m.start()].rstrip()) - len(title)
        line_start = part.rfind("\n", 0, start) + 1
        if start == line_start and line_start > 0:
            # the title's first words on the line before: "云南省创建生态文明建设排头兵" / "促进条例(…",
            # an organ after a news agency's dateline ("…电中共中央办公厅" / "国务院办公厅关于…")
            prev = part[part.rfind("\n", 0, line_start - 1) + 1: line_start - 1]
            head = re.split(r"[。;；:：,，)）】]|\d日电", prev)[-1].strip()
            # (the whole line, or what follows the dateline; not a collector's note after a comma,
            # nor an organ the title already opens with)
            whole = head == prev.strip() or re.search(r"\d日电\s*$", prev.rstrip()[: -len(head)])
            if _plain(head) and not ends_title(head) and not _ATTACHMENT.match(head) and len(head) >= 2 \
                    and not title.startswith(head) and whole:
                title = head + title
        return title
    return None


def _plain(line: str) -> bool:
    """A line that may be part of a title: no sentence, no site furniture, date, number or
    numbered heading."""
    s = line.strip()
    return (0 < len(s) <= 80 and not _SENTENCE.search(s) and not _FURNITURE.search(s) and not _RED_HEADER.search(s)
            and not _DATE_LIKE.search(s) and not _DOC_NUMBER.search(s) and not _HEADING.match(s))


def title_block(text: str) -> str | None:
    """The title at the top of the page, its lines joined: the first run of up to three plain
    lines that ends like a title; else a short first line (a news headline)."""
    lines = [line.strip() for line in text.split("\n")[:TOP_LINES] if line.strip()]
    for i, line in enumerate(lines):
        if not _plain(line):
            continue
        joined = ""
        for part in lines[i: i + 3]:
            if not _plain(part) and joined:
                break
            joined += part
            if ends_title(joined):
                return clean(joined)
        if i == 0 and len(line) <= 40 and not _RED_HEADER.search(line) and not dates.organs(line):
            return clean(line)
    return None
