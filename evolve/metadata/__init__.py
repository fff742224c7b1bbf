"""Metadata read from a plan's text: title, document number, date, year, place, issuer.

Each value records where it came from (``Meta.sources``); what the text does not say stays None.
Titles come from the page (``titles``), dates and years from what the text states (``dates``);
where the text is silent, what the file itself states (a Markdown front matter, a PDF's info
dictionary) and last the file's name (``names``: ``2015.txt``, ``2024-03-05_xxx.pdf``) fill in.
A document of the State Council, the Party Centre, the NPC or a ministry is placed at the
national level (place 全国, level ``national``), above every province.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import PurePath

from ..lazy_pattern import lazy
from ..places import Place, find_places, lookup
from ..records import Meta
from . import dates, titles
from .dates import Found, date_line, parse_date, parse_year, spoken_date
from .names import from_file_name

__all__ = ["date_line", "extract", "from_file_name", "parse_date", "parse_year", "spoken_date"]

_DOC_NUMBER = lazy(r"[\u4e00-\u9fff]{1,12}[〔\[(]\s*(\d{4})\s*[〕\])]\s*第?\s*\d{1,4}\s*号")
_QUOTED = lazy(r"《([^《》]{4,80})》")
_KV = lazy(r"^[•·●▪【]?\s*(?P<key>[^:】]{1,8})\s*[:】]\s*(?P<value>.+)$")
_TITLE_KEYS = {"中文名", "标题", "名称", "文件名称"}
#: In this order: when it was signed before when it was published.
_DATE_KEYS = ("成文日期", "印发日期", "公布日期", "颁布时间", "发布日期", "发布时间")
#: The issuer's keys, the author's before the site's: 发布机构 on a ministry's page is often the
#: ministry that posted a joint regulation, not the organs that issued it.
_ISSUER_KEYS = ("发文机关", "制定机关", "发布单位", "发布部门")
_SITE_ISSUER_KEYS = ("发布机构",)
_NUMBER_KEYS = {"发文字号", "文号"}
_TITLE_YEAR = lazy(r"(20\d{2}|19\d{2})\s*(?:年|[-—–~至])")
# The plan a notice issues: "《X》已经市人民政府同意" or "关于印发《X》的通知" (not a citation).
_ISSUED = lazy(r"^《([^《》]{4,80})》(?:已经|已|经|现)|关于印发《([^《》]{4,80})》的通知")
# gov.cn's info table: "发文机关:国务院成文日期:…" (the issuer runs on into the next key).
_TABLE_ISSUER = lazy(r"发文机关\s*[:：]\s*(.+?)\s*(?=标\s*题|成文日期|发文字号|发布日期|索\s*引\s*号|主题分类|$)")
_TITLE_ISSUER = lazy(r"(.{2,60}?)关于")
_ORDER = lazy(rf"([\u4e00-\u9fff]{{2,30}}?{dates.ORGAN_END})令\s*第?\s*\d{{1,4}}\s*号")
_NEXT_KEY = lazy(r"(?:[\u4e00-\u9fff][\s\u3000]+[\u4e00-\u9fff]\s*[:：]|成文日期|发文字号|"
                       r"标\s*题\s*[:：]|发布日期|公布日期|索\s*引\s*号|主题分类).*$")
# A work report: its title, or the deputies it is read to.
_REPORT = lazy(r"政府工作报告|各位代表|向大会报告|报告政府工作|工作回顾")


def _header_fields(removed: list[str]) -> dict[str, str]:
    fields: dict[str, str] = {}
    for line in removed:
        m = _KV.match(line.strip())
        if m:
            fields.setdefault(m.group("key").strip(), m.group("value").strip())
    return fields


def _letterhead_title(letterhead: list[str], head: str) -> tuple[str | None, str, str | None]:
    """The title the letterhead's lines give (the plan's own title line before a notice's
    ``关于印发《…》的通知``), with its source and the notice line."""
    from ..segment import classify_preamble_line

    candidates = [line for line in letterhead if classify_preamble_line(line) == "title"]
    own = [c for c in candidates if not c.startswith("关于") and "关于印发" not in c]
    if own:
        return own[0], "title line", None
    for line in head.split("\n")[:12]:
        q = _ISSUED.search(line)
        if q:
            return q.group(1) or q.group(2), "notice", line
    if candidates:
        return candidates[0], "title line", None
    return None, "", None


def _title(fields: dict[str, str], letterhead: list[str], text: str, hints: dict[str, str],
           named: dict[str, str]) -> tuple[str | None, str, str | None]:
    head = text[:1500]
    old, old_source, notice = _letterhead_title(letterhead, head)
    if title := next((fields[k] for k in _TITLE_KEYS if k in fields), None):
        return title, "header", notice
    if title := titles.info_table(text):
        return title, "info table", notice
    if title := titles.adopted(text):
        return title, "adoption line", notice
    block = titles.title_block(text)
    if (block and old and not block.endswith(old)
            and (f"《{old}》" in block or f"印发{old}" in block)):
        return old, old_source, notice  # the plan's own title line, not the notice that prints it
    if block:
        return block, "title lines", notice
    if old:
        return old, old_source, notice
    if hints.get("title"):
        return hints["title"], "file", notice
    pdf_title = re.split(r"_|\s[-|]\s", hints.get("pdf_title", ""))[0].strip()
    if pdf_title and titles.ends_title(pdf_title):
        return titles.clean(pdf_title), "pdf metadata", notice
    if named.get("title"):
        return titles.clean(named["title"]), "file name", notice
    return None, "", notice


def _date(fields: dict[str, str], letterhead: list[str], text: str, hints: dict[str, str],
          named: dict[str, str], removed: list[str]) -> tuple[Found | None, str | None]:
    """The document's date (see ``dates``) and the speech's date line, for the place; a site's
    info table and publication line are also read from the lines normalisation removed as
    furniture (``2016-07-27 18:52`` / ``来源: 新华社``)."""
    head = text[:1500]
    speech = date_line(letterhead + head.split("\n")[:15])
    if found := dates.adoption(text):
        return found, speech
    if speech and (d := parse_date(speech)):
        return Found("date line", int(d[:4]), d, speech), speech
    if found := dates.signature(text):
        return found, speech
    d = next((parse_date(fields[k]) for k in _DATE_KEYS if k in fields and parse_date(fields[k])), None)
    if d:
        return Found("header", int(d[:4]), d), speech
    site = "\n".join(removed)
    for find in (dates.info_table, dates.page_date):
        if found := find(text) or find(site):
            return found, speech
    if hints.get("date") and (d := parse_date(hints["date"])):
        return Found("file", int(d[:4]), d), speech
    if named.get("date"):
        return Found("file name", int(named["date"][:4]), named["date"]), speech
    return None, speech


def _year(text: str, title: str | None, doc_number: str | None, named: dict[str, str],
          hints: dict[str, str]) -> Found | None:
    """The year where no date is known: a document number, a work report's parts, the date a
    rule takes effect, a cover's year, then the file's name, a title's year and last the PDF's
    creation date (by an authoring application only)."""
    if doc_number and (m := re.search(r"[〔\[(](\d{4})", doc_number)):
        return Found("doc_number", int(m.group(1)))
    finders = []
    if _REPORT.search(text[:600]) or (title and "工作报告" in title):
        finders.append(dates.report_year)
    finders += [dates.number_year, dates.effective, dates.cover_year]
    for find in finders:
        if found := find(text):
            return found
    if hints.get("date") and (y := parse_year(hints["date"])):  # front matter "date: 2016年3月"
        return Found("file", y)
    if named.get("year"):
        return Found("file name", int(named["year"]))
    if title and (m := _TITLE_YEAR.search(title)):
        return Found("title", int(m.group(1)))
    return dates.pdf_created(hints.get("pdf_created"), hints.get("pdf_creator"))


def _issuer(fields: dict[str, str], letterhead: list[str], text: str, found: Found | None,
            title: str | None) -> tuple[str | None, str]:
    """Who issued it: a header or info table (发文机关), the body an adoption line names, the
    organs signing above the date, the organs a title opens with (``国务院关于…``), an order's
    number (``国家互联网信息办公室令第16号``), a letterhead line naming an organ."""
    # the next key of a table written on one line runs on: "工业和信息化部分　类:网络安全管理"
    if issuer := next((fields[k] for k in _ISSUER_KEYS if k in fields), None):
        return _NEXT_KEY.sub("", issuer), "header"
    m = _TABLE_ISSUER.search(text)
    if m and 2 <= len(m.group(1)) <= 200:
        return m.group(1), "info table"
    if issuer := next((fields[k] for k in _SITE_ISSUER_KEYS if k in fields), None):
        return _NEXT_KEY.sub("", issuer), "header"
    for find in (dates.adoption, dates.signature):
        f = found if found and found.source in {"adoption line", "signature"} and found.issuer else find(text)
        if f and f.issuer and f.source == ("adoption line" if find is dates.adoption else "signature"):
            return f.issuer, f.source
    if title and (m := _TITLE_ISSUER.match(title)) and (organ := dates.organs(m.group(1))):
        return organ, "title"
    if m := _ORDER.search(text[:dates.NUMBER_HEAD]):
        return m.group(1), "order"
    from ..segment import classify_preamble_line

    issuers = [line for line in letterhead if classify_preamble_line(line) == "issuer"
               and not re.search(r"[:：]|版权|主办|来源|电(?=[\u4e00-\u9fff])|网站", line)]
    if issuers:
        return issuers[-1], "signature"
    if issuer := titles.collector_issuer(text[:300].split("\n", 1)[0]):
        return issuer, "title line"
    return None, ""


def extract(letterhead: list[str], text: str, removed: list[str], *, file_name: str | None = None,
            hints: dict[str, str] | None = None) -> Meta:
    """Read metadata from the letterhead lines, the text and the removed header/infobox lines.

    ``file_name`` (a path's name) and ``hints`` (what the file states: a front matter's title
    and date, a PDF's ``pdf_title``, ``pdf_created`` and ``pdf_creator``) fill in what the text
    does not say.
    """
    fields = _header_fields(removed)
    hints = dict(hints or {})
    named = from_file_name(file_name) if file_name else {}
    sources: dict[str, str] = {}
    head = text[:1500]

    title, how, notice = _title(fields, letterhead, text, hints, named)
    if title:
        sources["title"] = how

    doc_number = next((fields[k] for k in _NUMBER_KEYS if k in fields), None)
    if doc_number:
        sources["doc_number"] = "header"
    else:
        for line in letterhead + head.split("\n")[:3]:
            m = _DOC_NUMBER.fullmatch(line.strip())
            if m:
                doc_number, sources["doc_number"] = m.group(0).replace(" ", ""), "letterhead"
                break

    found, speech = _date(fields, letterhead, text, hints, named, removed)
    date = found.date if found else None
    first_date = found.first if found else None
    if found:
        sources["date"] = found.source
        year: int | None = found.year
        sources["year"] = "date"
        if first_date:
            sources["first_date"] = found.source
    else:
        by = _year(text, title, doc_number, named, hints)
        year = by.year if by else None
        if by:
            sources["year"] = by.source

    issuer, how = _issuer(fields, letterhead, text, found, title)
    if issuer:
        sources["issuer"] = how

    place, how = _place(title, issuer, speech, text, notice=notice, file_name=file_name)
    if place is not None:
        sources["place"] = how
    return Meta(
        title=title,
        year=year,
        date=date,
        doc_number=doc_number,
        place=place.short if place else None,
        province=place.province or None if place else None,
        level=place.level if place else None,
        issuer=issuer,
        sources=sources,
        first_date=first_date,
    )

#: The nation's own organs: a document they issue (or a title naming them as its author) is national.
_NATIONAL = lazy(
    r"国务院|中共中央|党中央|中央(?:委员会|办公厅|军委)|全国人民代表大会|全国人大|全国政协|中华人民共和国|"
    r"国家(?:发展和改革委员会|发展改革委|[\u4e00-\u9fff]{1,10}(?:委员会|局|署|总局|办公室|中心))|"
    r"(?:工业和信息化|教育|科学技术|科技|财政|商务|农业农村|自然资源|生态环境|住房和城乡建设|住房城乡建设|"
    r"交通运输|水利|文化和旅游|人力资源和社会保障|人力资源社会保障|民政|司法|公安|外交|国防|退役军人事务|"
    r"应急管理|卫生健康)部|审计署|(?:中国)?人民银行(?![\u4e00-\u9fff]{0,8}(?:分行|支行|中心支))|"
    r"银保监会|证监会|银监会|保监会|外汇局|中央网信办|^全国"
)
# The State Council's work report opens "我代表国务院,向大会作政府工作报告" (or "我受国务院的委托,
# 向全国人民代表大会报告政府工作").
_SPEAKS_FOR_STATE_COUNCIL = lazy(
    r"代表国务院|受国务院的?委托|国务院总理|向(?:第[一二三四五六七八九十]{1,3}届)?全国人民代表大会")
NATIONAL = Place(name="全国", short="全国", province="", level="national")


def _national(value: str | None) -> bool:
    """Whether a title, issuer or date line names a national organ as its own (a cited
    《国务院关于…》 inside a local title does not count)."""
    if not value:
        return False
    return bool(_NATIONAL.search(_QUOTED.sub("", value)))


# A report speaks of its own country as 我国 and of its own province or city as 我省, 我市 …
_OUR_PLACE = lazy(r"我(?:省|市|区|州|县|盟)")
#: A text that says 我国 this often, and far more often than 我省/我市, speaks for the nation.
NATIONAL_VOICE = 10


def _place(title: str | None, issuer: str | None, speech: str | None, text: str, *,
           notice: str | None = None, file_name: str | None = None) -> tuple[Place | None, str]:
    for value, how in ((title, "title"), (notice, "notice"), (issuer, "issuer"), (speech, "date line")):
        if value:
            found = find_places(_QUOTED.sub("", value))
            if found:
                return found[0], how
    for value, how in ((issuer, "issuer"), (title, "title"), (notice, "notice"), (speech, "date line")):
        if _national(value):
            return NATIONAL, how
    if _SPEAKS_FOR_STATE_COUNCIL.search(text[:300]):
        return NATIONAL, "text"
    # The State Council's report of 1985 names no organ at its head, but speaks as the nation does.
    ours = text.count("我国")
    if ours >= NATIONAL_VOICE and ours > 3 * len(_OUR_PLACE.findall(text)):
        return NATIONAL, "text"
    # The body: the place named far more often than any other ("数字锦州", "锦州市").
    # A city's report names its own province too ("贵州" 12 times in 六盘水's, "广西" 42 in 贺州's):
    # that is no rival to the city.
    counts = Counter(p.name for p in find_places(text))
    if counts:
        (top, n), *rest = counts.most_common()
        home = lookup(top)
        own = home.province if home is not None and home.level != "province" else None
        second = next((k for name, k in rest if name != own), 0)
        if n >= 3 and n >= 2 * second:
            return home, "body mentions"
    # Last, a file named by its place alone, as collections of city reports are ("鄂州.txt"):
    # 鄂州's report names 鄂州 22 times and its neighbour 武汉 15.
    stem = PurePath(file_name).stem.strip(" _-.0123456789") if file_name else ""
    if stem and (named := lookup(stem)) is not None:
        return named, "file name"
    return None, ""
