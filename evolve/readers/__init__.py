"""Readers: a plan file in any of the formats it is published in, to text with a change log.

One small module per format: ``text`` (.txt and anything that decodes), ``markdown`` (.md),
``html`` (.html/.htm, and MHTML "single file web pages"), ``pdf`` (a PDF's text layer), ``docx``
(Word 2007+, also when its relationships name parts the archive lacks), ``doc`` (Word 97–2003 and
WPS binaries, from the piece table), ``wordxml`` (Word 2003 XML and Flat OPC) and ``rtf``. The
reader is chosen by the file's content (``sniff``): its first bytes where they identify a container
(``%PDF``, an OLE compound file, a ZIP holding ``word/document.xml``, ``{\\rtf``), an XML or HTML
head, and only then the extension, so a ``.doc`` that is really a DOCX, a web page saved as
``.pdf`` or a Word XML file saved as ``.doc`` is read as what it is. Formats that cannot be read
(Word 6/95 and encrypted files, a PDF without a text layer, images, other archives) raise an
``InputError`` that says what to do with the file.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import InputError
from ..lazy_pattern import lazy
from ..load import read_bytes
from ..records import ReadText

#: Extensions read as plans when a folder is imported (anything else in a folder is ignored).
SUFFIXES = frozenset({".txt", ".text", ".md", ".markdown", ".html", ".htm", ".xhtml", ".shtml",
                      ".mht", ".mhtml", ".pdf", ".docx", ".doc", ".wps", ".rtf", ".xml"})
#: Extensions recognised but not readable: the file is named with what to do instead.
REFUSED = frozenset({".odt", ".pages", ".et", ".xls", ".ppt", ".pptx",
                     ".jpg", ".jpeg", ".png", ".tif", ".tiff", ".zip", ".rar", ".7z"})
#: Every rule a reader may report in the normalisation log, with what it does.
RULES: dict[str, str] = {
    "pdf": "a PDF's text layer read (the count is its pages)",
    "pdf_pages_without_text": "PDF pages without a text layer (scanned pages: OCR them)",
    "pdf_running_lines": "running headers and footers repeated at the pages' edges are dropped",
    "pdf_page_numbers": "page numbers (— 3 —, 第3页 …) at the pages' edges are dropped",
    "pdf_print_margins": "a browser's print header and footer (date and time, page title, address, 1/12) are dropped",
    "pdf_line_joins": "lines of one paragraph joined (no space between Chinese characters)",
    "pdf_radicals": "Kangxi radicals and compatibility ideographs become ordinary characters",
    "docx": "a Word document's body paragraphs read (the count is the paragraphs)",
    "docx_numbering": "Word's automatic list numbers written out as labels (一、 (一) 1. …)",
    "docx_table_rows": "table rows written as lines, cells separated by ' | '",
    "docx_missing_parts": "relationships to parts missing from the .docx archive ignored (the rest is read)",
    "doc": "a Word 97–2003 (.doc/.wps) main text read from its piece table (the count is its paragraphs)",
    "doc_numbering": "Word's automatic list numbers of a .doc written out as labels (第四章, （一） …)",
    "doc_fields": "Word fields resolved: the result kept, the instruction (PAGE, HYPERLINK, TOC …) dropped",
    "doc_table_rows": "table rows written as lines, cells separated by ' | '",
    "wordxml": "a Word 2003 XML document's paragraphs read",
    "rtf": "an RTF document's text read (control words and groups removed)",
    "mhtml": "the web page inside an MHTML (single file web page) archive read",
    "markdown": "Markdown markup removed (headings, emphasis, links, bullets, front matter)",
}
_MARKDOWN = frozenset({".md", ".markdown"})
_HTML = frozenset({".html", ".htm", ".xhtml", ".shtml"})

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_SAVE_AS = "open it in Word or WPS and save it as .docx (or as plain text), then read that file"
_OCR = "it is an image; run OCR on it (e.g. ocrmypdf -l chi_sim) and read the result"


def sniff(data: bytes, suffix: str) -> str:
    """The reader for these bytes (pdf, doc, docx, flatopc, wordxml, rtf, mhtml, html, markdown or
    text), decided by content first and by the extension last; raise for what cannot be read."""
    head = data[:8]
    if data[:1024].lstrip().startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(_OLE):
        return _ole_kind(data, suffix)
    if head.startswith(b"PK\x03\x04"):
        return _zip_kind(data, suffix)
    start = data[:4096].lstrip(b"\xef\xbb\xbf\xff\xfe \t\r\n")
    if start.startswith(b"{\\rtf"):
        return "rtf"
    if head.startswith((b"\x89PNG", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*", b"GIF8")):
        raise InputError(_OCR)
    if head.startswith((b"Rar!", b"7z\xbc\xaf", b"\x1f\x8b")):
        raise InputError("an archive, not a plan; unpack it and read the files inside")
    lowered = start.replace(b"\x00", b"").lower()
    if lowered.startswith(b"<?xml"):
        from .wordxml import xml_kind

        kind = xml_kind(data[:4096])
        if kind:
            return kind
    if _MHTML.match(lowered) and b"multipart/related" in lowered:
        return "mhtml"
    if suffix not in _MARKDOWN and (lowered.startswith((b"<!doctype html", b"<html"))
                                    or (lowered.startswith(b"<") and b"<html" in lowered[:2048])):
        return "html"
    if suffix == ".xml":
        raise InputError("an XML file that is not a Word document (Word 2003 XML or Flat OPC); not read")
    if suffix in _MARKDOWN:
        return "markdown"
    if suffix in _HTML:
        return "html"
    return "text"


_MHTML = lazy(rb"(?:[a-z-]+:[^\n]*\r?\n)*mime-version:")


def _ole_kind(data: bytes, suffix: str) -> str:
    """An OLE compound file: a Word 97–2003 document (also WPS's .wps) or what else it holds."""
    from .doc import word_stream_names

    streams = set(word_stream_names(data))
    if "WordDocument" in streams:
        return "doc"
    if "EncryptedPackage" in streams:
        raise InputError("an encrypted (password-protected) Office document; remove the password first")
    kind = ("a damaged OLE file (no Word text stream)" if not streams else
            "an Excel 97 workbook" if streams & {"Workbook", "Book"} else
            "a PowerPoint 97 file" if "PowerPoint Document" in streams else
            "a Works or WPS document of an older kind" if suffix == ".wps" or "CONTENTS" in streams else
            "an OLE file without a Word text stream (damaged, or not a Word document)")
    raise InputError(f"{kind} cannot be read; {_SAVE_AS}")


def _zip_kind(data: bytes, suffix: str) -> str:
    import io
    import zipfile

    try:
        names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        raise InputError("a damaged ZIP container (a .docx cut short?); cannot be read") from None
    if "word/document.xml" in names:
        return "docx"
    if "content.xml" in names:
        raise InputError(f"an OpenDocument (.odt) file cannot be read; {_SAVE_AS}")
    if any(n.startswith("xl/") for n in names):
        raise InputError("a spreadsheet; import it with `evolve import FILE.xlsx --out DIR`")
    raise InputError("a ZIP archive, not a plan; unpack it and read the files inside")


def read_document(path: str | Path) -> ReadText:
    """Read a plan file with the reader its bytes and extension call for."""
    p = Path(path)
    data = read_bytes(p)
    try:
        kind = sniff(data, p.suffix.lower())
    except InputError as exc:
        raise InputError(f"{p}: {exc}") from None
    return read_data(data, kind=kind, name=str(p))


def read_data(data: bytes, *, kind: str, name: str = "input") -> ReadText:
    """Read bytes with the named reader (``sniff`` tells which)."""
    if kind == "pdf":
        from .pdf import read_pdf

        return read_pdf(data, name=name)
    if kind == "docx":
        from .docx import read_docx

        return read_docx(data, name=name)
    if kind == "doc":
        from .doc import read_doc

        return read_doc(data, name=name)
    if kind == "flatopc":
        from .wordxml import read_flat_opc

        return read_flat_opc(data, name=name)
    if kind == "wordxml":
        from .wordxml import read_word2003

        return read_word2003(data, name=name)
    if kind == "rtf":
        from .rtf import read_rtf

        return read_rtf(data, name=name)
    if kind == "mhtml":
        from .html import read_mhtml

        return read_mhtml(data, name=name)
    if kind == "markdown":
        from .markdown import read_markdown

        return read_markdown(data, name=name)
    if kind == "html":
        from .html import read_html

        return read_html(data, name=name)
    from .text import read_plain

    return read_plain(data, name=name)


__all__ = ["REFUSED", "RULES", "SUFFIXES", "read_data", "read_document", "sniff"]
