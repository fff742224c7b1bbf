"""Tables of contents: a 目录 block, a chapter list repeated before the body, dot leaders.

A table of contents repeats the headings of the body (``目录`` then ``第一章 总则 … 第六章 附则``
before the real ``第一章 总则``), often with dot leaders and page numbers (``一、发展回顾 . . . . 1``).
Left in, its entries become empty provisions and the body looks like a second document.
"""

from __future__ import annotations

import re

from ..lazy_pattern import lazy

_CN = "一二三四五六七八九十百零〇两"
_CONTENTS_MARK = lazy(r"^(?:目\s*录|目\s*次|contents)\s*[:：]?$", re.I)
#: Dot leaders (of any dot or dash), with or without the page number after them.
LEADER = lazy(r"(?:(?:\.\s*){4,}|(?:…\s*){2,}|(?:⋯\s*){2,}|(?:·\s*){4,}|(?:-\s*){6,}|(?:_\s*){6,})\s*\d{0,4}$")
_LEADER_LINE = lazy(rf"^.{{1,80}}?{LEADER.pattern}")
_HEADING_LABEL = lazy(
    rf"^(?:第\s*[{_CN}\d]{{1,6}}\s*(?:编|章|节|部分|篇)|[{_CN}]{{1,3}}\s*、|\(\s*[{_CN}]{{1,3}}\s*\)|"
    r"附\s*件|附\s*录|附\s*则|前\s*言|序\s*言|总\s*则|结束语|后\s*记|参考文献|说明)"
)
_CHAPTER = lazy(rf"^第\s*[{_CN}\d]{{1,6}}\s*(?:编|章|节|部分|篇)")
_PAGE_TAIL = lazy(r"\s*\d{1,3}$")
_SENTENCE = lazy(r"[。;!?]")
#: A contents entry is a short line.
MAX_ENTRY = 60
#: A chapter list without a 目录 line needs this many headings in a row.
MIN_LIST = 3


def _key(line: str) -> str:
    return re.sub(r"\s+", "", _PAGE_TAIL.sub("", LEADER.sub("", line)))


def _is_entry(line: str) -> bool:
    if len(line) > MAX_ENTRY or _SENTENCE.search(line):
        return False
    return bool(_LEADER_LINE.match(line) or _HEADING_LABEL.match(line))


def contents_lines(lines: list[str]) -> set[int]:
    """Indices of the lines that are a table of contents (stripped lines in, in order)."""
    drop: set[int] = set()
    n = len(lines)
    later_keys = [_key(line) for line in lines]
    for i, line in enumerate(lines):
        if i in drop:
            continue
        if _LEADER_LINE.match(line) and len(line) <= 100 and not _SENTENCE.search(LEADER.sub("", line)):
            drop.add(i)
            continue
        if _CONTENTS_MARK.match(line) and i < max(40, 0.4 * n):
            drop.add(i)
            seen: set[str] = set()
            for j in range(i + 1, n):
                entry = lines[j]
                key = later_keys[j]
                if not _is_entry(entry) or key in seen:
                    break  # the body starts: its first heading repeats the first entry
                seen.add(key)
                drop.add(j)
            continue
        # a chapter list before the body, without a 目录 line: three bare chapter headings in a
        # row, the first of which comes again later
        if _CHAPTER.match(line) and len(line) <= 40 and not _SENTENCE.search(line):
            j = i
            while j < n and _CHAPTER.match(lines[j]) and len(lines[j]) <= 40 and not _SENTENCE.search(lines[j]):
                j += 1
            if later_keys[i] in later_keys[i + 1 : j]:  # the list runs into the body's first heading
                j = later_keys.index(later_keys[i], i + 1)
            keys = later_keys[i:j]
            if j - i >= MIN_LIST and len(set(keys)) == len(keys) and later_keys[i] in later_keys[j:]:
                drop.update(range(i, j))
    return drop


_INLINE = lazy(rf"^目\s*录\s*[:：]?\s*(?=第\s*[{_CN}\d]{{1,6}}\s*(?:编|章|部分))")
_LABEL = lazy(rf"第\s*[{_CN}\d]{{1,6}}\s*(?:编|章|部分)")


def inline_contents(line: str) -> tuple[str, str] | None:
    """A contents list run into one line ("目录第一章总则第二章…第七章附则第一章总则第一条…"):
    return (the contents, what follows it), or None."""
    m = _INLINE.match(line)
    if not m:
        return None
    labels = list(_LABEL.finditer(line, m.end()))
    if len(labels) < 2:
        return None
    first = re.sub(r"\s+", "", labels[0].group(0))
    again = next((lab for lab in labels[1:] if re.sub(r"\s+", "", lab.group(0)) == first), None)
    if again is None:
        return (line, "") if not _SENTENCE.search(line) else None
    return line[: again.start()].strip(), line[again.start():].strip()
