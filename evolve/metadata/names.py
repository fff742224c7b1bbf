"""Date, year and title read from a file's name: the last resort, when the text does not say."""

from __future__ import annotations

import datetime
from pathlib import PurePath

from ..han import count_han
from ..lazy_pattern import lazy

_NAME_DATE = lazy(r"(?<!\d)((?:19|20)\d{2})[-_.年]?(0[1-9]|1[0-2]|[1-9](?=\D))[-_.月]?"
                        r"(0[1-9]|[12]\d|3[01]|[1-9](?!\d))(?:日)?(?!\d)")
_NAME_YEAR = lazy(r"(?<!\d)((?:19|20)\d{2})(?!\d)")
_NAME_NOISE = lazy(r"^[\s_\-.]+|[\s_\-.]+$")
# A collector's running number or a year before the name: "P020_…", "2020_云南省…条例".
_NAME_PREFIX = lazy(r"^(?:[A-Za-z]{1,3}\d{1,5}|(?:19|20)\d{2})[_\s]+(?=\D)")


def from_file_name(name: str) -> dict[str, str]:
    """Date, year and title read from a file's name: ``2024-03-05_xxx.pdf`` -> date 2024-03-05,
    ``政府工作报告2016.docx`` -> year 2016, ``2015.txt`` -> year 2015; a name of Chinese words
    (with its date, a running number ``P020_`` or a year ``2020_`` before it taken off) is a title."""
    stem = PurePath(name).stem
    out: dict[str, str] = {}
    m = _NAME_DATE.search(stem)
    if m:
        y, mo, d = (int(g) for g in m.groups())
        try:
            out["date"] = datetime.date(y, mo, d).isoformat()
            out["year"] = str(y)
        except ValueError:
            m = None
    if "year" not in out:
        years = _NAME_YEAR.findall(stem)
        if years:
            out["year"] = years[0]
    title = _NAME_NOISE.sub("", stem[m.end():] if m and m.start() == 0 else stem)
    title = _NAME_PREFIX.sub("", title)
    if count_han(title) >= 4:
        out["title"] = title
    return out
