"""A report's sub-headings written as ordinals on lines of their own: "第一,进一步稳定和加强农业"
… "第八,推进祖国和平统一大业" inside a part (State Council reports of 1978, 1987, 1998, 2005).

Such a line heads the paragraphs after it, as (一) would. Short lines with no sentence inside
count, and long phrases with no sentence end (1980: "第一,实行能源的开发和节约并重,近期要把节能
放在优先的地位,…"); a short topic sentence that opens its paragraph counts too (1985: "第二、既要
搞活经济,又要加强管理。我们正在进行的是……"), in a run that also holds a line of its own. Only runs
numbered from 第一 on (第一, 第二, …) count, so that a paragraph opening with "第一,要……;" (an
enumeration inside the text) and a lone "第三," stay text.
"""

from __future__ import annotations

from ..lazy_pattern import lazy
from ..records import Heading
from .numbering import RANK, match_numbering, small_cn_numeral

#: The numbering style of these headings: under 一、, over (一) (1978 puts (一)…(九) under 第一,).
STYLE = "ordinal"
RANK_ORDINAL = RANK[STYLE]
#: A line longer than this is a sentence of the text, not a heading (1987's longest is 39) …
MAX_LINE = 40
#: … unless it holds no sentence end at all: 1980's and 1985's sub-headings are long phrases on
#: lines of their own ("第一，实行能源的开发和节约并重，近期要把节能放在优先的地位，…").
MAX_PHRASE_LINE = 80

_LINE = lazy(r"^(第([一二三四五六七八九十]{1,3})\s*[,、])\s*([^。;:!?,、].*)$")
_SENTENCE_INSIDE = lazy(r"[。;:!?]")


def _candidate(line: str) -> tuple[str, int, str, str] | None:
    """(label, number, title, rest) of a line that could be an ordinal sub-heading: a line of its
    own (rest empty), or a topic sentence that opens a paragraph ("第二、既要搞活经济,又要加强
    管理。我们正在进行的是……", rest the paragraph after it)."""
    m = _LINE.match(line)
    if m is None:
        return None
    title, rest = m.group(3).strip(), ""
    topic, end, after = title.partition("。")
    if end and after.strip():  # a topic sentence, then its paragraph
        if len(m.group(1)) + len(topic) >= MAX_LINE:
            return None
        title, rest = topic, after.strip()
    elif len(line) > MAX_LINE and (len(line) > MAX_PHRASE_LINE or line.rstrip()[-1:] in "。;；:：!?！？"):
        return None
    if title.endswith("。"):  # 2005: "第一,深化政府机构改革。"
        title = title[:-1]
    if not title or _SENTENCE_INSIDE.search(title) or title[-1] in ",、":
        return None
    number = small_cn_numeral(m.group(2))
    if number is None:
        return None
    return m.group(1).replace(" ", ""), number, title, rest


def after_title(line: str, title: str) -> str:
    """The paragraph after an ordinal sub-heading's topic sentence on its line ("第二、既要搞活经济,
    又要加强管理。我们正在进行的是……" -> "我们正在进行的是……"); empty for a heading line."""
    m = _LINE.match(line)
    after = m.group(3).strip() if m else ""
    return after[len(title):].lstrip("。").strip() if after.startswith(title) else ""


def ordinal_lines(lines: list[str]) -> dict[int, tuple[Heading, str]]:
    """The indexes of ``lines`` that are ordinal sub-headings, with their Heading and the rest
    (empty: the paragraph after a topic sentence is ``after_title`` of the piece being read): runs
    of candidates numbered 1, 2, … (at least two), not broken by a part heading."""
    found: dict[int, tuple[Heading, str]] = {}
    run: list[tuple[int, str, int, str, str]] = []

    def close() -> None:
        # a run needs one line of its own: topic sentences alone are an enumeration in the text
        if len(run) >= 2 and any(not rest for *_, rest in run):
            for i, label, number, title, _ in run:
                found[i] = (Heading(label, title, STYLE, number), "")
        run.clear()

    for i, line in enumerate(lines):
        cand = _candidate(line) if line.startswith("第") else None
        if cand is None:
            numbered = match_numbering(line)
            if numbered is not None and RANK[numbered[0].style] < RANK_ORDINAL:
                close()  # a new part: a run does not go on across it
            continue
        number = cand[1]
        if number == 1:
            close()
            run.append((i, *cand))
        elif run and number == run[-1][2] + 1:
            run.append((i, *cand))
        else:
            close()
    close()
    return found
