"""Writing the PDF and DOCX files the reader tests read: made here, never downloaded.

PDFs are laid out like a government plan (GB/T 9704): A4, one column, 12-point text with a
two-character first-line indent, a running header and ``— N —`` page numbers, with reportlab's
STSong-Light CID font (its Unicode CMap gives the text layer; no font file needed). DOCX files
are written with python-docx, with real Word list numbering (``numbering.xml``) for the items.
"""

from __future__ import annotations

import re
from pathlib import Path

PAGE_W, PAGE_H = 595.0, 842.0
MARGIN = 72.0
SIZE = 12.0
PITCH = 20.0


def make_pdf(path: Path, paragraphs: list[str], *, header: str | None = None, page_numbers: bool = True,
             lines_per_page: int = 30, headings: frozenset[int] = frozenset(), size: float = SIZE,
             pitch: float = PITCH, margin: float = MARGIN, number_format: str = "— {n} —",
             number_y: float = 36.0, number_size: float = 10.0) -> Path:
    """A PDF of ``paragraphs``, wrapped at the margins; paragraph numbers in ``headings`` are set
    unindented (a heading line)."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    if "STSong-Light" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    width = PAGE_W - 2 * margin
    lines: list[tuple[float, str]] = []
    for i, para in enumerate(paragraphs):
        indent = 0.0 if i in headings else 2 * size
        current, x = "", indent
        # like a word processor: Chinese breaks between any two characters, a Latin word or a
        # number is kept whole
        for word in re.findall(r"[A-Za-z0-9.%]+|.", para):
            w = pdfmetrics.stringWidth(word, "STSong-Light", size)
            if x + w > width and current:
                lines.append((indent, current))
                current, x, indent = "", 0.0, 0.0
            current += word
            x += w
        lines.append((indent, current))
    c = canvas.Canvas(str(path), pagesize=(PAGE_W, PAGE_H))
    pages = [lines[i:i + lines_per_page] for i in range(0, len(lines), lines_per_page)] or [[]]
    for n, page in enumerate(pages, start=1):
        if header:
            c.setFont("STSong-Light", 9)
            c.drawCentredString(PAGE_W / 2, PAGE_H - 40, header)
        if page_numbers:
            c.setFont("STSong-Light", number_size)
            c.drawCentredString(PAGE_W / 2, number_y, number_format.format(n=n, total=len(pages)))
        c.setFont("STSong-Light", size)
        y = PAGE_H - margin - size
        for indent, text in page:
            c.drawString(margin + indent, y, text)
            y -= pitch
        c.showPage()
    c.save()
    return path


def make_scanned_pdf(path: Path) -> Path:
    """A PDF whose page is only a drawing (no text layer), like a scan."""
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=(PAGE_W, PAGE_H))
    for k in range(20):
        c.rect(MARGIN, PAGE_H - MARGIN - 20 * k, 300, 8, fill=1)
    c.showPage()
    c.save()
    return path


_LEVELS = (("chineseCounting", "%1、"), ("chineseCounting", "(%2)"), ("decimal", "%3."))


def make_docx(path: Path, blocks: list[tuple[str, object]]) -> Path:
    """A DOCX of blocks: ("p", text), ("item", (level, text)) for an auto-numbered list paragraph
    (一、 / (一) / 1. by level, the label not in the text), ("table", rows), ("heading", text)."""
    import docx
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    document = docx.Document()
    numbering = document.part.numbering_part.element
    levels = "".join(
        f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
        f'<w:lvlText w:val="{text}"/><w:suff w:val="nothing"/></w:lvl>'
        for i, (fmt, text) in enumerate(_LEVELS)
    )
    numbering.append(parse_xml(f'<w:abstractNum {nsdecls("w")} w:abstractNumId="90">{levels}</w:abstractNum>'))
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))
    for kind, value in blocks:
        if kind == "p":
            document.add_paragraph(str(value))
        elif kind == "heading":
            document.add_heading(str(value), level=1)
        elif kind == "item":
            level, text = value  # type: ignore[misc]
            p = document.add_paragraph(text)
            ppr = p._p.get_or_add_pPr()
            ppr.append(parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/>'
                                 f'<w:numId w:val="90"/></w:numPr>'))
        elif kind == "table":
            rows = value  # type: ignore[assignment]
            table = document.add_table(rows=len(rows), cols=len(rows[0]))  # type: ignore[arg-type]
            for r, row in enumerate(rows):  # type: ignore[arg-type]
                for k, cell in enumerate(row):
                    table.cell(r, k).text = cell
    document.sections[0].header.paragraphs[0].text = "页眉：不属于正文"
    document.save(str(path))
    return path


def make_embedded_pdf(path: Path, pages: list[list[str]], *, header: str, size: float = 11.0) -> Path:
    """A PDF from another producer: matplotlib's PDF backend with the system CJK font embedded
    (TrueType subset, fonttype 42), one text object per line; a line starting with two spaces
    is indented."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.backends.backend_pdf import PdfPages

    from evolve.render.fonts import use_cjk_font

    use_cjk_font()
    with matplotlib.rc_context({"pdf.fonttype": 42}), PdfPages(path) as pdf:
        for n, lines in enumerate(pages, start=1):
            fig = plt.figure(figsize=(8.27, 11.69))
            fig.text(0.5, 0.965, header, ha="center", fontsize=8)
            y = 0.9
            for line in lines:
                indent = 0.1 + (0.04 if line.startswith("  ") else 0.0)
                fig.text(indent, y, line.strip(), fontsize=size)
                y -= 0.022
            fig.text(0.5, 0.03, f"第 {n} 页", ha="center", fontsize=9)
            pdf.savefig(fig)
            plt.close(fig)
    return path
