"""A report's sub-headings written as ordinals on lines of their own: "第一,进一步稳定和加强农业"
… "第八,推进祖国和平统一大业" inside a part (State Council reports of 1978, 1987, 1998, 2005).

Such a line heads the paragraphs after it, as (一) would. Only short lines with no sentence inside
count, and only in a run numbered from 第一 on (第一, 第二, …), so that a paragraph opening with
"第一,要……;" (an enumeration inside the text) and a lone "第三," stay text.
"""

from __future__ import annotations

from ..lazy_pattern import lazy
from ..records import Heading
from .numbering import RANK, match_numbering, small_cn_numeral

#: The numbering style of these headings: under 一、, over (一) (1978 puts (一)…(九) under 第一,).
STYLE = "ordinal"
RANK_ORDINAL = RANK[STYLE]
#: A line longer than this is a sentence of the text, not a heading (1987's longest is 39).
MAX_LINE = 40

_LINE = lazy(r"^(第([一二三四五六七八九十]{1,3})\s*[,、])\s*([^。;:!?,、].*)$")
_SENTENCE_INSIDE = lazy(r"[。;:!?]")


def _candidate(line: str) -> tuple[str, int, str] | None:
    """(label, number, title) of a line that could be an ordinal sub-heading."""
    if len(line) > MAX_LINE:
        return None
    m = _LINE.match(line)
    if m is None:
        return None
    title = m.group(3).strip()
    if title.endswith("。"):  # 2005: "第一,深化政府机构改革。"
        title = title[:-1]
    if not title or _SENTENCE_INSIDE.search(title) or title[-1] in ",、":
        return None
    number = small_cn_numeral(m.group(2))
    if number is None:
        return None
    return m.group(1).replace(" ", ""), number, title


def ordinal_lines(lines: list[str]) -> dict[int, tuple[Heading, str]]:
    """The indexes of ``lines`` that are ordinal sub-headings, with their Heading and the rest
    (empty): runs of candidates numbered 1, 2, … (at least two), not broken by a part heading."""
    found: dict[int, tuple[Heading, str]] = {}
    run: list[tuple[int, str, int, str]] = []

    def close() -> None:
        if len(run) >= 2:
            for i, label, number, title in run:
                found[i] = (Heading(label, title, STYLE, number), "")
        run.clear()

    for i, line in enumerate(lines):
        cand = _candidate(line) if line.startswith("第") else None
        if cand is None:
            numbered = match_numbering(line)
            if numbered is not None and RANK[numbered[0].style] < RANK_ORDINAL:
                close()  # a new part: a run does not go on across it
            continue
        label, number, title = cand
        if number == 1:
            close()
            run.append((i, label, number, title))
        elif run and number == run[-1][2] + 1:
            run.append((i, label, number, title))
        else:
            close()
    close()
    return found
