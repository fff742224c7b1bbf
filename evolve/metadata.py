"""Metadata read from a plan's text: title, document number, date, year, place, issuer.

Each value records where it came from (``Meta.sources``); what the text does not say stays None.
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


def _header_fields(removed: list[str]) -> dict[str, str]:
    fields: dict[str, str] = {}
    for line in removed:
        m = _KV.match(line.strip())
        if m:
            fields.setdefault(m.group("key").strip(), m.group("value").strip())
    return fields


def extract(letterhead: list[str], text: str, removed: list[str]) -> Meta:
    """Read metadata from the letterhead lines, the text and the removed header/infobox lines."""
    fields = _header_fields(removed)
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
                    break
            if title is None and candidates:
                title, sources["title"] = candidates[0], "title line"

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

    year: int | None = None
    if date:
        year, sources["year"] = int(date[:4]), "date"
    elif doc_number and (m := re.search(r"[〔\[(](\d{4})", doc_number)):
        year, sources["year"] = int(m.group(1)), "doc_number"
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

    place, how = _place(title, issuer, text)
    if place is not None:
        sources["place"] = how
    return Meta(
        title=title,
        year=year,
        date=date,
        doc_number=doc_number,
        place=place.short if place else None,
        province=place.province if place else None,
        level=place.level if place else None,
        issuer=issuer,
        sources=sources,
    )


def _place(title: str | None, issuer: str | None, text: str) -> tuple[Place | None, str]:
    for value, how in ((title, "title"), (issuer, "issuer")):
        if value:
            found = find_places(value)
            if found:
                return found[0], how
    # The body: the place named far more often than any other ("数字锦州", "锦州市").
    counts = Counter(p.name for p in find_places(text))
    if counts:
        (top, n), *rest = [*counts.most_common(2), ("", 0)]
        second = rest[0][1] if rest else 0
        if n >= 3 and n >= 2 * second:
            return lookup(top), "body mentions"
    return None, ""
