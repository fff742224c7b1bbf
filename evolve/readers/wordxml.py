"""Word documents saved as one XML file: Word 2003 XML (``<w:wordDocument>``) and Flat OPC
(``<pkg:package>``, Word 2007+'s "XML document"), whatever the file's extension says.

A Flat OPC package is the parts of a .docx in one XML file: they are put back into a ZIP in
memory and read by the DOCX reader (numbering included). Word 2003 XML has the same paragraphs,
runs and tables as DOCX under an older namespace; its text is read here (paragraphs as lines,
table rows with cells separated by `` | ``). Its list numbers (``w:lists``) are not computed.
"""

from __future__ import annotations

import base64
import io
import zipfile
from collections import Counter
from typing import Any

from ..errors import InputError
from ..records import ReadText

_W2003 = "http://schemas.microsoft.com/office/word/2003/wordml"
_AUX = "http://schemas.microsoft.com/office/word/2003/auxHint"
_PKG = "http://schemas.microsoft.com/office/2006/xmlPackage"


def _q(tag: str, ns: str = _W2003) -> str:
    return f"{{{ns}}}{tag}"


def xml_kind(head: bytes) -> str | None:
    """``"wordxml"`` or ``"flatopc"`` when an XML file's head is one of Word's, else None."""
    text = head.decode("utf-8", errors="ignore")
    if b"\x00" in head[:200]:  # UTF-16 XML
        text = head.decode("utf-16", errors="ignore")
    if _PKG in text or "<pkg:package" in text:
        return "flatopc"
    if _W2003 in text or "<w:wordDocument" in text:
        return "wordxml"
    return None


def _parse(data: bytes, name: str) -> Any:
    from lxml import etree

    try:
        parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True, recover=False)
        return etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise InputError(f"{name}: a damaged Word XML document ({exc.msg})") from None


def read_flat_opc(data: bytes, *, name: str = "input") -> ReadText:
    """A Flat OPC package: its parts zipped back into a .docx and read as one."""
    from lxml import etree

    from .docx import read_docx

    root = _parse(data, name)
    buffer = io.BytesIO()
    types = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?>',
             '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">']
    with zipfile.ZipFile(buffer, "w") as z:
        for part in root.iter(_q("part", _PKG)):
            part_name = part.get(_q("name", _PKG), "")
            if not part_name.startswith("/"):
                continue
            xml = part.find(_q("xmlData", _PKG))
            binary = part.find(_q("binaryData", _PKG))
            if xml is not None and len(xml):
                body = etree.tostring(xml[0], xml_declaration=True, encoding="UTF-8", standalone=True)
            elif binary is not None:
                try:
                    body = base64.b64decode("".join((binary.text or "").split()))
                except ValueError:
                    continue
            else:
                continue
            z.writestr(part_name.lstrip("/"), body)
            content_type = part.get(_q("contentType", _PKG), "application/octet-stream")
            types.append(f'<Override PartName="{part_name}" ContentType="{content_type}"/>')
        types.append("</Types>")
        z.writestr("[Content_Types].xml", "".join(types))
    read = read_docx(buffer.getvalue(), name=name)
    return ReadText(text=read.text, reader="flatopc", encoding="xml", counts=read.counts, meta=read.meta)


def read_word2003(data: bytes, *, name: str = "input") -> ReadText:
    """A Word 2003 XML document's body: paragraphs as lines, tables as rows."""
    root = _parse(data, name)
    body = root.find(_q("body"))
    if body is None:
        raise InputError(f"{name}: a Word 2003 XML document without a body")
    counts: Counter[str] = Counter()
    lines: list[str] = []
    for block in _blocks(body):
        if block.tag == _q("p"):
            lines.append(_paragraph_text(block))
            counts["wordxml"] += 1
        else:
            rows = _table_rows(block)
            counts["doc_table_rows"] += len(rows)
            lines.extend(rows)
    text = "\n".join(lines)
    if not text.strip():
        raise InputError(f"{name}: the Word document has no text")
    return ReadText(text=text.rstrip("\n") + "\n", reader="wordxml", encoding="xml", counts=dict(counts))


def _blocks(parent: Any) -> list[Any]:
    """Paragraphs and tables in order, inside sections (wx:sect, wx:sub-section) too."""
    out = []
    for child in parent.iterchildren():
        if child.tag in (_q("p"), _q("tbl")):
            out.append(child)
        elif isinstance(child.tag, str) and child.tag != _q("sectPr"):
            out.extend(_blocks(child))
    return out


def _paragraph_text(p: Any) -> str:
    parts: list[str] = []
    for el in p.iter(_q("t"), _q("tab"), _q("br"), _q("cr"), _q("noBreakHyphen"), _q("sym")):
        if el.tag == _q("t"):
            parts.append(el.text or "")
        elif el.tag == _q("tab"):
            if el.getparent().tag != _q("tabs"):
                parts.append("\t")
        elif el.tag in (_q("br"), _q("cr")):
            if el.get(_q("type")) in (None, "text-wrapping", "textWrapping"):
                parts.append("\n")
        elif el.tag == _q("noBreakHyphen"):
            parts.append("-")
    return "".join(parts)


def _table_rows(tbl: Any) -> list[str]:
    rows = []
    for tr in tbl.iterchildren(_q("tr")):
        cells = []
        for tc in tr.iterchildren(_q("tc")):
            texts = [_paragraph_text(p).strip() for p in tc.iter(_q("p"))]
            cells.append(" ".join(t for t in texts if t))
        while cells and not cells[-1]:
            cells.pop()
        if any(cells):
            rows.append(" | ".join(cells))
    return rows
