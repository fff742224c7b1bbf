"""Metadata read from a plan's text: title, document number, date, year, place, issuer.

Each value records where it came from (``Meta.sources``); what the text does not say stays None.
Where the text is silent, the file's name (``2015.txt``, ``2024-03-05_xxx.pdf``,
``政府工作报告2016.docx``) and what the file itself states (a Markdown front matter) fill in.
A document of the State Council, the Party Centre, the NPC or a ministry is placed at the
national level (place 全国, level ``national``), above every province.
"""

from __future__ import annotations

import re
from collections import Counter

from .places import Place, find_places, lookup
from .records import Meta

_DOC_NUMBER = re.compile(r"[\u4e00-\u9fff]{1,12}[〔\[(]\s*(\d{4})\s*[〕\])]\s*第?\s*\d{1,4}\s*号")
_DATE = re.compile(
    r"(\d{4}|[一二三四五六七八九〇零]{4})\s*年\s*([\d一二三四五六七八九十〇]{1,3})\s*月\s*"
    r"([\d一二三四五六七八九十〇]{1,3})\s*日"
)
_ISO_DATE = re.compile(r"(\d{4})[-./](\d{1,2})[-./](\d{1,2})")
_QUOTED = re.compile(r"《([^《》]{4,80})》")
_KV = re.compile(r"^[•·●▪【]?\s*(?P<key>[^:】]{1,8})\s*[:】]\s*(?P<value>.+)$")
_TITLE_KEYS = {"中文名", "标题", "名称", "文件名称"}
_DATE_KEYS = {"颁布时间", "发布日期", "成文日期", "发布时间", "印发日期", "公布日期"}
_ISSUER_KEYS = {"发布单位", "发文机关", "发布部门", "发布机构", "制定机关"}
_NUMBER_KEYS = {"发文字号", "文号"}
_TITLE_YEAR = re.compile(r"(20\d{2}|19\d{2})\s*(?:年|[-—–~至])")
# The plan a notice issues: "《X》已经市人民政府同意" or "关于印发《X》的通知" (not a citation).
_ISSUED = re.compile(r"^《([^《》]{4,80})》(?:已经|已|经|现)|关于印发《([^《》]{4,80})》的通知")


def _digits(s: str) -> int | None:
    if s.isdigit():
        return int(s)
    from .segment.numbering import numeral_value

    if len(s) == 4 and all(c in "一二三四五六七八九〇零" for c in s):
        return int("".join(str("〇一二三四五六七八九".index(c.replace("零", "〇"))) for c in s))
    return numeral_value(s)


def parse_date(text: str) -> str | None:
    """ "2016年3月30日" or "二〇一六年三月三十日" -> "2016-03-30"; None when not a valid date."""
    m = _DATE.search(text) or _ISO_DATE.search(text)
    if not m:
        return None
    y, mo, d = (_digits(g) for g in m.groups())
    if not (y and mo and d and 1900 < y < 2100 and 1 <= mo <= 12 and 1 <= d <= 31):
        return None
    return f"{y:04d}-{mo:02d}-{d:02d}"


# A speech's or law's date line: "——2024年3月5日在第十四届全国人民代表大会第二次会议上",
# "(2016年3月16日第十二届全国人民代表大会第四次会议通过)".
_DATE_LINE = re.compile(r"^\s*(?:[-—─–]{1,3}|[(（])\s*(?:\d{4}|[一二三四五六七八九〇零]{4})\s*年")
_NAME_DATE = re.compile(r"(?<!\d)((?:19|20)\d{2})[-_.年]?(0[1-9]|1[0-2]|[1-9](?=\D))[-_.月]?"
                        r"(0[1-9]|[12]\d|3[01]|[1-9](?!\d))(?:日)?(?!\d)")
_NAME_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")
_NAME_NOISE = re.compile(r"^[\s_\-.()（）\[\]【】]+|[\s_\-.()（）\[\]【】]+$")


def date_line(lines: list[str]) -> str | None:
    """The first line that dates the text as a speech or an adopted law ("——2024年3月5日在…")."""
    for line in lines:
        if _DATE_LINE.match(line) and parse_date(line):
            return line.strip()
    return None


def from_file_name(name: str) -> dict[str, str]:
    """Date, year and title read from a file's name: ``2024-03-05_xxx.pdf`` -> date 2024-03-05,
    ``政府工作报告2016.docx`` -> year 2016, ``2015.txt`` -> year 2015; a name of Chinese words
    (with its date taken off) is a title."""
    from pathlib import PurePath

    stem = PurePath(name).stem
    out: dict[str, str] = {}
    m = _NAME_DATE.search(stem)
    if m:
        y, mo, d = (int(g) for g in m.groups())
        try:
            import datetime

            out["date"] = datetime.date(y, mo, d).isoformat()
            out["year"] = str(y)
        except ValueError:
            m = None
    if "year" not in out:
        years = _NAME_YEAR.findall(stem)
        if years:
            out["year"] = years[0]
    title = _NAME_NOISE.sub("", stem[m.end():] if m and m.start() == 0 else stem)
    if sum(1 for c in title if "\u4e00" <= c <= "\u9fff") >= 4:
        out["title"] = title
    return out


_YEAR_FORMS = re.compile(
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


_FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
_ZERO = str.maketrans("零○ＯO", "〇〇〇〇")


def _header_fields(removed: list[str]) -> dict[str, str]:
    fields: dict[str, str] = {}
    for line in removed:
        m = _KV.match(line.strip())
        if m:
            fields.setdefault(m.group("key").strip(), m.group("value").strip())
    return fields


def extract(letterhead: list[str], text: str, removed: list[str], *, file_name: str | None = None,
            hints: dict[str, str] | None = None) -> Meta:
    """Read metadata from the letterhead lines, the text and the removed header/infobox lines.

    ``file_name`` (a path's name) and ``hints`` (title, date a reader found in the file) fill in
    what the text does not say.
    """
    fields = _header_fields(removed)
    hints = dict(hints or {})
    named = from_file_name(file_name) if file_name else {}
    notice: str | None = None  # "XX关于印发《…》的通知": names the issuer of the plan it prints
    sources: dict[str, str] = {}
    head = text[:1500]

    title = next((fields[k] for k in _TITLE_KEYS if k in fields), None)
    if title:
        sources["title"] = "header"
    if title is None:
        from .segment import classify_preamble_line

        candidates = [line for line in letterhead if classify_preamble_line(line) == "title"]
        # The plan's own title line beats the notice's "关于印发《…》的通知".
        own = [c for c in candidates if not c.startswith("关于") and "关于印发" not in c]
        if own:
            title, sources["title"] = own[0], "title line"
        else:
            for line in head.split("\n")[:12]:
                q = _ISSUED.search(line)
                if q:
                    title, sources["title"] = q.group(1) or q.group(2), "notice"
                    notice = line
                    break
            if title is None and candidates:
                title, sources["title"] = candidates[0], "title line"
    if title is None and hints.get("title"):
        title, sources["title"] = hints["title"], "file"
    if title is None and named.get("title"):
        title, sources["title"] = named["title"], "file name"

    doc_number = next((fields[k] for k in _NUMBER_KEYS if k in fields), None)
    if doc_number:
        sources["doc_number"] = "header"
    else:
        for line in letterhead + head.split("\n")[:3]:
            m = _DOC_NUMBER.fullmatch(line.strip())
            if m:
                doc_number, sources["doc_number"] = m.group(0).replace(" ", ""), "letterhead"
                break

    date = next((parse_date(fields[k]) for k in _DATE_KEYS if k in fields and parse_date(fields[k])), None)
    if date:
        sources["date"] = "header"
    else:
        for line in letterhead:
            d = parse_date(line)
            if d and _DATE.fullmatch(line.strip()):
                date, sources["date"] = d, "date line"
                break
    speech = date_line(letterhead + head.split("\n")[:15])
    if date is None and speech:
        date, sources["date"] = parse_date(speech), "date line"
    if date is None and hints.get("date") and parse_date(hints["date"]):
        date, sources["date"] = parse_date(hints["date"]), "file"
    if date is None and named.get("date"):
        date, sources["date"] = named["date"], "file name"

    year: int | None = None
    if date:
        year, sources["year"] = int(date[:4]), "date"
    elif doc_number and (m := re.search(r"[〔\[(](\d{4})", doc_number)):
        year, sources["year"] = int(m.group(1)), "doc_number"
    elif hints.get("date") and parse_year(hints["date"]):  # front matter "date: 2016年3月"
        year, sources["year"] = parse_year(hints["date"]), "file"
    elif named.get("year"):
        year, sources["year"] = int(named["year"]), "file name"
    elif title and (m := _TITLE_YEAR.search(title)):
        year, sources["year"] = int(m.group(1)), "title"

    issuer = next((fields[k] for k in _ISSUER_KEYS if k in fields), None)
    if issuer:
        sources["issuer"] = "header"
    else:
        from .segment import classify_preamble_line

        issuers = [line for line in letterhead if classify_preamble_line(line) == "issuer"]
        if issuers:
            issuer, sources["issuer"] = issuers[-1], "signature"

    place, how = _place(title, issuer, speech, text, notice=notice)
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
    )


#: The nation's own organs: a document they issue (or a title naming them as its author) is national.
_NATIONAL = re.compile(
    r"国务院|中共中央|党中央|中央(?:委员会|办公厅|军委)|全国人民代表大会|全国人大|全国政协|中华人民共和国|"
    r"国家(?:发展和改革委员会|发展改革委|[\u4e00-\u9fff]{1,10}(?:委员会|局|署|总局|办公室|中心))|"
    r"(?:工业和信息化|教育|科学技术|科技|财政|商务|农业农村|自然资源|生态环境|住房和城乡建设|住房城乡建设|"
    r"交通运输|水利|文化和旅游|人力资源和社会保障|人力资源社会保障|民政|司法|公安|外交|国防|退役军人事务|"
    r"应急管理|卫生健康)部|审计署|中国人民银行|^全国"
)
# The State Council's work report opens "我代表国务院,向大会作政府工作报告" (or "我受国务院的委托,
# 向全国人民代表大会报告政府工作").
_SPEAKS_FOR_STATE_COUNCIL = re.compile(
    r"代表国务院|受国务院的?委托|国务院总理|向(?:第[一二三四五六七八九十]{1,3}届)?全国人民代表大会")
NATIONAL = Place(name="全国", short="全国", province="", level="national")


def _national(value: str | None) -> bool:
    """Whether a title, issuer or date line names a national organ as its own (a cited
    《国务院关于…》 inside a local title does not count)."""
    if not value:
        return False
    return bool(_NATIONAL.search(_QUOTED.sub("", value)))


def _place(title: str | None, issuer: str | None, speech: str | None, text: str, *,
           notice: str | None = None) -> tuple[Place | None, str]:
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
    # The body: the place named far more often than any other ("数字锦州", "锦州市").
    counts = Counter(p.name for p in find_places(text))
    if counts:
        (top, n), *rest = [*counts.most_common(2), ("", 0)]
        second = rest[0][1] if rest else 0
        if n >= 3 and n >= 2 * second:
            return lookup(top), "body mentions"
    return None, ""
