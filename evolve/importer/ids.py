"""Corpus ids that read well: the year once, the place, the title cut at a word; never two alike."""

from __future__ import annotations

import hashlib
import re

from ..lazy_pattern import lazy
from ..metadata import parse_date

_SLUG = lazy(r"[^0-9A-Za-z\u4e00-\u9fff]+")


def body_hash(text: str) -> str:
    """A hash of the text's words only (spacing and punctuation ignored), for duplicates."""
    core = "".join(ch for ch in text if ch.isalnum())
    return hashlib.sha256(core.encode("utf-8")).hexdigest()[:16]


def _slug(text: str, limit: int = 24) -> str:
    s = _SLUG.sub("-", text).strip("-")
    return s[:limit].strip("-")


def _year(meta: dict[str, str]) -> str:
    date = meta.get("date", "")
    if re.fullmatch(r"\d{4}", date):
        return date
    iso = parse_date(date) if date else None
    if iso:
        meta["date"] = iso
        return iso[:4]
    m = re.search(r"(19|20)\d{2}", date)
    return m.group(0) if m else ""


#: Characters of the title kept in an id (cut at a word boundary, never inside a word).
ID_TITLE_CHARS = 20


_LEADING_YEAR = lazy(r"^\s*(?:(?:19|20)\d{2}\s*(?:[-—~至到]\s*(?:19|20)?\d{2,4})?\s*年?度?)\s*")


_BREAK = lazy(r"[（(【\[「『:：—]")


def _short_title(title: str, *, place: str = "", year: str = "") -> str:
    """The title for an id: no leading year (the id starts with it) or place, cut at a natural
    break (a bracket, a colon, a dash) or a word boundary (jieba's words, via rjieba) within
    ``ID_TITLE_CHARS`` characters."""
    t = _LEADING_YEAR.sub("", title.strip()) if year else title.strip()
    for p in sorted({place, place.rstrip("市省县区")} - {""}, key=len, reverse=True):
        if t.startswith(p) and len(t) > len(p) + 1:
            t = t[len(p):]
            break
    t = re.sub(r"[《》〈〉“”\"'‘’]", "", t)  # quotation marks around a plan's name: not a break
    m = _BREAK.search(t)
    if m and m.start() >= 4:
        t = t[:m.start()]
    t = _SLUG.sub("-", t).strip("-")
    if len(t) <= ID_TITLE_CHARS:
        return t
    import rjieba

    kept = ""
    for word in rjieba.cut(t):
        if len(kept) + len(word) > ID_TITLE_CHARS:
            break
        kept += word
    return (kept or t[:ID_TITLE_CHARS]).strip("-")


def _make_id(meta: dict[str, str], n: int, taken: set[str], *, name: str = "") -> str:
    """A stable, readable id: year-place-title (the file's name without a title), the title cut
    at a word; ``-2``, ``-3`` … when an earlier document took it (compared case-insensitively:
    the id names a file)."""
    year = meta.get("year", "")
    place = _slug(meta.get("place", ""), 8)
    parts = [year, place, _short_title(meta.get("title", "") or name, place=meta.get("place", ""), year=year)]
    base = "-".join(p for p in parts if p) or "doc"
    if base == "doc":
        base = f"doc-{n:05d}"
    lowered = {t.lower() for t in taken}
    rid, k = base, 1
    while rid.lower() in lowered:
        k += 1
        rid = f"{base}-{k}"
    return rid
