"""PDFs with a text layer: text lines in reading order, joined back into paragraphs.

Uses pypdfium2 (PDFium, the engine of Chrome's viewer: binary wheels, fast, handles the CID
fonts Chinese PDFs are written in). PDFium gives text runs with their boxes; from them:

- lines: runs that share a baseline band, left to right, top to bottom (one column: government
  plans are set in one; a two-column page would be read row by row);
- running headers and footers: lines at a page's top or bottom edge, set apart from the text
  block, that recur (digits aside) on at least two pages and 40 % of them, and page numbers
  (``- 3 -``, ``— 3 —``, ``第3页``, ``3/12``, ``3``) at an edge, are dropped;
- a browser's print margins (the date and time with the page's title above the text, the
  address and ``1/12`` below it) are dropped at any edge, recurring or not;
- paragraphs: a line is joined to the one before it (across a page break too) unless there is a
  gap above it, it is indented, or the line before stopped short of the right margin. Chinese
  characters and numbers join without a space, Latin words with one, and a word hyphenated at a line's end
  joins without its hyphen;
- Kangxi radicals and compatibility ideographs that PDF text layers often hold for ordinary
  characters (⾏ for 行, ⼀ for 一) become the ordinary characters.

A PDF without a text layer (a scan) and one whose text layer is garbled (fonts without a
character map) raise an ``InputError`` that says to run OCR.
"""

from __future__ import annotations

import re
import statistics
import unicodedata
from collections import Counter
from itertools import pairwise

from ..dataclass_code import dataclass
from ..errors import InputError
from ..lazy_pattern import lazy
from ..records import ReadText
from .lines import join

#: Share of a page's height, at the top and at the bottom, where page numbers and running
#: headers and footers live (GB/T 9704 sets the page number 28 mm from the bottom: 9.4 %).
EDGE = 0.15
#: A running header or footer stands apart from the text block: its gap to the next line is
#: larger than this many times the usual gap between lines.
APART = 1.2
#: A line recurring at an edge on this share of the pages (and on two at least) is furniture.
RUNNING_SHARE = 0.4
_OCR_HINT = "run OCR on it (e.g. ocrmypdf -l chi_sim in.pdf out.pdf) and read the result"
_PAGE_NUMBER = lazy(
    r"[-—–─_~·•\s]*(?:第\s*)?\d{1,4}\s*(?:页)?(?:\s*[/／]\s*\d{1,4}|\s*共\s*\d{1,4}\s*页)?[-—–─_~·•\s]*"
    r"|[-—–─\s]*[ivxlcdmIVXLCDM]{1,6}[-—–─\s]*|(?:page|Page|PAGE)\s*\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?"
)
#: What a browser prints in the page margins: the date and time (with the page's title beside
#: it) at the top, the address and "1/12" at the bottom.
_PRINT_MARGIN = lazy(
    r"(?:\d{4}[/.-]\d{1,2}[/.-]\d{1,2}|\d{1,2}/\d{1,2}/\d{2,4}),?\s*(?:上午|下午|AM|PM)?\s*\d{1,2}:\d{2}(?::\d{2})?"
    r"(?:\s*(?:上午|下午|AM|PM))?(?:\s.*)?"
    r"|(?:https?://|file:///|www\.)\S+(?:\s+\d{1,4}\s*/\s*\d{1,4})?"
    r"|.{0,120}\s\d{1,4}\s*/\s*\d{1,4}",
    re.I,
)
_CJK = lazy(r"[\u2e80-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef“”‘’]")
_CONTROL = lazy(r"[\x00\x01\x03-\x08\x0b\x0c\x0e-\x1f\uffff]")
#: PDFium's marks for a hyphen it takes for a soft one at a line's end: a hyphen again, which
#: ``lines.join`` removes only inside a Latin word ("inter-" + "national"), not in "2021-2025".
_SOFT_HYPHEN = lazy("[\x02\ufffe]")


@dataclass
class _Line:
    text: str
    x0: float
    x1: float
    top: float  #: distance from the page's top edge (grows downwards)
    bottom: float
    page: int
    page_height: float

    @property
    def height(self) -> float:
        return self.bottom - self.top


def read_pdf(data: bytes, *, name: str = "input") -> ReadText:
    """The text of a PDF's text layer, as paragraphs, with what was dropped and joined counted."""
    pages = _page_lines(data, name=name)
    counts: Counter[str] = Counter()
    counts["pdf"] = len(pages)
    empty = sum(1 for lines in pages if not lines)
    if empty:
        counts["pdf_pages_without_text"] = empty
    all_text = "".join(line.text for lines in pages for line in lines)
    han = sum(1 for c in all_text if "\u4e00" <= c <= "\u9fff" or "\u2e80" <= c <= "\u2fdf")
    if han < 10:
        raise InputError(f"{name}: a PDF without a text layer (a scan?); {_OCR_HINT}")
    odd = sum(1 for c in all_text if "\ue000" <= c <= "\uf8ff" or c == "\ufffd")
    if odd > 0.3 * len(all_text):
        raise InputError(f"{name}: the PDF's text layer is garbled (fonts without a character map); {_OCR_HINT}")
    body = _drop_furniture(pages, counts)
    paragraphs = _paragraphs(body, counts)
    text = "\n".join(paragraphs)
    text, n = _ordinary_characters(text)
    if n:
        counts["pdf_radicals"] = n
    return ReadText(text=text + "\n", reader="pdf", encoding="pdf", counts=dict(counts), meta=pdf_info(data))


def _page_lines(data: bytes, *, name: str) -> list[list[_Line]]:
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        msg = str(exc)
        if "password" in msg.lower():
            raise InputError(f"{name}: the PDF is password-protected; save an unprotected copy") from None
        raise InputError(f"{name}: not a readable PDF ({msg})") from None
    try:
        return [_lines(pdf[i], i) for i in range(len(pdf))]
    except pdfium.PdfiumError as exc:
        raise InputError(f"{name}: a damaged PDF ({exc})") from None
    finally:
        pdf.close()


def _lines(page: object, number: int) -> list[_Line]:
    """The text lines of one page, top to bottom."""
    height = page.get_height()  # type: ignore[attr-defined]
    textpage = page.get_textpage()  # type: ignore[attr-defined]
    runs = []
    for i in range(textpage.count_rects()):
        left, bottom, right, top = textpage.get_rect(i)
        text = _CONTROL.sub("", textpage.get_text_bounded(left, bottom, right, top)).replace("\r", "")
        text = _SOFT_HYPHEN.sub("-", text)
        text = text.replace("\n", "").strip()
        if text:
            runs.append((height - top, height - bottom, left, right, text))
    width = page.get_width()  # type: ignore[attr-defined]
    runs = _put_back_displaced(textpage, runs, width, height)
    runs.sort(key=lambda r: (round(r[0], 1), r[2]))
    lines: list[list[tuple[float, float, float, float, str]]] = []
    for run in runs:
        if lines:
            cur = lines[-1]
            top, bottom = min(r[0] for r in cur), max(r[1] for r in cur)
            overlap = min(bottom, run[1]) - max(top, run[0])
            if overlap >= 0.5 * min(bottom - top, run[1] - run[0]):
                cur.append(run)
                continue
        lines.append([run])
    out = []
    for parts in lines:
        parts.sort(key=lambda r: r[2])
        size = _line_size(parts)
        text = parts[0][4]
        for prev, run in pairwise(parts):
            gap = run[2] - prev[3]
            # a run apart by more than a character's width is a new word or a table cell; the
            # width is the line's, not the run's: a "一", "。" or "—" has a box only a few
            # points high, and a gap of one stroke's width beside it is no word break
            text += (" " if gap > 1.0 * size and not _hugs_punctuation(prev[4], run[4]) else "") + run[4]
        out.append(_Line(text=text, x0=parts[0][2], x1=max(r[3] for r in parts),
                         top=min(r[0] for r in parts), bottom=max(r[1] for r in parts),
                         page=number, page_height=height))
    return out


_Run = tuple[float, float, float, float, str]  #: top, bottom, left, right, text (top down)


def _put_back_displaced(textpage: object, runs: list[_Run], width: float, height: float) -> list[_Run]:
    """The page's runs, with displaced glyphs put back where the content stream has them.

    A web page's text layer printed by a browser (a plan shown in the page by a PDF viewer)
    can set a few glyphs of another font with a wrong matrix: "一" or "革" lands off the page or
    over another line, three times too large. The content stream keeps them in reading order,
    so a glyph whose neighbours in the stream stand side by side on one line, while it stands
    elsewhere, goes back between them. Only pages with a run off the page or of an odd height
    are read this way, glyph by glyph (a displaced glyph's box overlaps other glyphs, so the
    text of a box is no longer the text of a run); any glyph still off the page is dropped.
    """
    def off(r: _Run) -> bool:
        return r[3] <= 0 or r[2] >= width or r[1] <= 0 or r[0] >= height

    heights = sorted(r[1] - r[0] for r in runs)
    usual = heights[len(heights) // 2] if heights else 0.0
    if not any(off(r) or r[1] - r[0] > 2.5 * usual for r in runs):
        return runs
    tp = textpage
    n = tp.count_chars()  # type: ignore[attr-defined]
    text = tp.get_text_range()  # type: ignore[attr-defined]
    if len(text) != n:  # characters beyond the BMP: read one by one
        text = "".join(tp.get_text_range(i, 1)[:1] or " " for i in range(n))  # type: ignore[attr-defined]
    boxes = [tp.get_charbox(i) for i in range(n)]  # type: ignore[attr-defined]

    def on_page(box: tuple[float, float, float, float]) -> bool:
        return 0 < box[0] < width and 0 < box[1] < height and box[3] > box[1]

    chars = [_SOFT_HYPHEN.sub("-", _CONTROL.sub("", c)).strip() for c in text]
    sizes = sorted(b[3] - b[1] for b, c in zip(boxes, chars, strict=True) if c)
    size = sizes[len(sizes) // 2] if sizes else 0.0
    # displaced: off the page, far too tall, or away from its neighbours when they share a line
    moved = [bool(c) and (not on_page(b) or b[3] - b[1] > 2.2 * size) for b, c in zip(boxes, chars, strict=True)]
    for i in range(1, n - 1):
        if not chars[i] or moved[i] or moved[i - 1] or moved[i + 1]:
            continue
        (_, pb, pr, pt), (nl, nb, _, nt), (_, bottom, _, top) = boxes[i - 1], boxes[i + 1], boxes[i]
        if abs((pb + pt) - (nb + nt)) / 2 < 0.5 * size and nl > pr and abs((bottom + top) - (pb + pt)) / 2 >= size:
            moved[i] = True
    out: list[_Run] = []
    anchor: tuple[float, float, float] | None = None  # bottom, top, right of the last glyph in place
    for i in range(n):
        if not chars[i]:
            continue
        left, bottom, right, top = boxes[i]
        if moved[i]:
            if anchor is None:
                continue
            # after the last glyph in place, before the next one if it is on the same line
            bottom, top, left = anchor
            following = next((boxes[k] for k in range(i + 1, n) if chars[k] and not moved[k]), None)
            room = following[0] - left if following and abs(following[1] - bottom) < 0.5 * size else size
            right = left + max(min(room, size), 0.1)
        anchor = (bottom, top, right)
        out.append((height - top, height - bottom, left, right, chars[i]))
    return [r for r in out if not off(r)]


#: Full-width punctuation carries its own blank half: a gap beside it is no word break.
_CJK_PUNCTUATION = frozenset("。，、；：？！“”‘’（）《》〈〉【】〔〕—…·")


def _hugs_punctuation(before: str, after: str) -> bool:
    return before[-1:] in _CJK_PUNCTUATION or after[:1] in _CJK_PUNCTUATION


def _line_size(parts: list[tuple[float, float, float, float, str]]) -> float:
    """The height of a line's characters: the median of its runs that hold a letter, a digit or
    an ideograph (punctuation and strokes such as "一" have low boxes)."""
    heights = [r[1] - r[0] for r in parts if re.search(r"[^\W_一]", r[4]) and not set(r[4]) <= _CJK_PUNCTUATION]
    return statistics.median(heights) if heights else max(r[1] - r[0] for r in parts)


def _key(line: _Line) -> str:
    return re.sub(r"\d+", "#", re.sub(r"\s+", "", line.text))


def _edge(line: _Line) -> str | None:
    if line.bottom <= line.page_height * EDGE:
        return "top"
    if line.top >= line.page_height * (1 - EDGE):
        return "bottom"
    return None


def _drop_furniture(pages: list[list[_Line]], counts: Counter[str]) -> list[_Line]:
    """Lines without running headers, footers and page numbers.

    Only the outermost two lines at each edge can be furniture: a page number by its form; a
    header or footer by recurring (digits aside) on at least two pages and ``RUNNING_SHARE`` of
    them while standing apart from the text block, so a body line that happens to open two pages
    stays.
    """
    gaps = [b.top - a.bottom for lines in pages for a, b in pairwise(lines)]
    usual = statistics.median(gaps) if gaps else 0.0
    edge_lines: list[tuple[int, _Line, str, bool]] = []
    for p, lines in enumerate(pages):
        for i, line in enumerate(lines):
            zone = _edge(line)
            if zone == "top" and i < 2:
                apart = i + 1 == len(lines) or lines[i + 1].top - line.bottom > APART * usual
            elif zone == "bottom" and i >= len(lines) - 2:
                apart = i == 0 or line.top - lines[i - 1].bottom > APART * usual
            else:
                continue
            edge_lines.append((p, line, zone, apart))
    pages_with: dict[tuple[str, str], set[int]] = {}
    for p, line, zone, apart in edge_lines:
        if apart:
            pages_with.setdefault((zone, _key(line)), set()).add(p)
    threshold = max(2, RUNNING_SHARE * len(pages))
    drop: set[int] = set()
    for _, line, zone, apart in edge_lines:
        if _PAGE_NUMBER.fullmatch(line.text):
            counts["pdf_page_numbers"] += 1
            drop.add(id(line))
        elif apart and _PRINT_MARGIN.fullmatch(line.text.strip()):
            counts["pdf_print_margins"] += 1
            drop.add(id(line))
        elif apart and len(pages_with[(zone, _key(line))]) >= threshold:
            counts["pdf_running_lines"] += 1
            drop.add(id(line))
    return [line for lines in pages for line in lines if id(line) not in drop]


def _paragraphs(lines: list[_Line], counts: Counter[str]) -> list[str]:
    if not lines:
        return []
    size = statistics.median(line.height for line in lines) or 10.0
    # the text block's left edge: where unindented lines start (a low percentile, not the most
    # common start, which is the indent when most paragraphs are one line long)
    starts = sorted(line.x0 for line in lines)
    left = starts[int(0.05 * (len(starts) - 1))]
    ends = sorted(line.x1 for line in lines)
    right = ends[int(0.9 * (len(ends) - 1))]
    # line spacing measured bottom to bottom (near the baseline): a line of small marks ("。",
    # "——") has its ink low, so its top would make a gap where there is none
    pitches = [b.bottom - a.bottom for a, b in pairwise(lines) if a.page == b.page]
    usual_pitch = statistics.median(pitches) if pitches else 2 * size
    paragraphs = [lines[0].text]
    for prev, line in pairwise(lines):
        new = (
            (line.page == prev.page and line.bottom - prev.bottom > usual_pitch + 0.6 * size)
            # a sentence ended and the line opens with an article's or a chapter's label
            or (prev.text[-1:] in _SENTENCE_END and _LABEL_START.match(line.text) is not None)
            or line.x0 > left + 0.8 * size  # indented first line, or a centred heading
            # the line before stopped short, though this line's first word would have fit: it
            # ended a paragraph (left-aligned text also stops short before a long Latin word)
            or prev.x1 < right - max(1.5 * size + _ink_offset(prev.text, size),
                                     _first_word_width(line.text, size) + 0.5 * size)
            or prev.x0 > left + 3.5 * size  # a centred heading or a signature line stands alone
        )
        if new:
            paragraphs.append(line.text)
            continue
        counts["pdf_line_joins"] += 1
        paragraphs[-1] = join(paragraphs[-1], line.text)
    return paragraphs


_SENTENCE_END = frozenset("。；;：:！？!?")
_LABEL_START = lazy(r"第\s*[一二三四五六七八九十百零〇\d]{1,6}\s*[条章节编]")


#: Marks inside a sentence whose ink sits at the left of their em box: a line ending in one
#: looks shorter than it is. (A sentence's end, 。, is not among them: a line that stops short
#: after it is taken for a paragraph's end.)
_MID_SENTENCE = frozenset("、，,“‘《（(")


def _ink_offset(text: str, size: float) -> float:
    return 0.7 * size if text[-1:] in _MID_SENTENCE else 0.0


_LATIN_WORD = lazy(r"[A-Za-z0-9.,%+\-/:“”\"'()]+")


def _first_word_width(text: str, size: float) -> float:
    """About how wide a line's first word is: a Chinese character is one em, a Latin word or a
    number about half an em per character."""
    m = _LATIN_WORD.match(text)
    return 0.55 * size * len(m.group(0)) if m else size


def _ordinary_characters(text: str) -> tuple[str, int]:
    """Kangxi radicals and CJK compatibility ideographs to the ordinary (unified) characters."""
    n = 0

    def fix(m: re.Match[str]) -> str:
        nonlocal n
        c = unicodedata.normalize("NFKC", m.group(0))
        if len(c) == 1 and "\u4e00" <= c <= "\u9fff":
            n += 1
            return c
        return m.group(0)

    return re.sub("[\u2e80-\u2fdf\uf900-\ufaff]", fix, text), n


def pdf_info(data: bytes) -> dict[str, str]:
    """The PDF's own info dictionary as metadata hints: ``pdf_title``, ``pdf_created`` (a PDF
    date, ``D:20241017085828``) and ``pdf_creator`` (the application that wrote it: a browser's
    printout is dated when it was printed, which ``metadata`` does not take for the document's)."""
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError:
        return {}
    try:
        info = pdf.get_metadata_dict(skip_empty=True)
    finally:
        pdf.close()
    creator = " ".join(v for v in (info.get("Creator"), info.get("Producer")) if v)
    hints = {"pdf_title": info.get("Title", ""), "pdf_created": info.get("CreationDate", ""),
             "pdf_creator": creator}
    return {k: v.strip() for k, v in hints.items() if v and v.strip()}
