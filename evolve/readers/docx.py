"""Word documents (.docx): paragraphs in order, numbering as Word shows it, tables as text.

Uses python-docx for the package and the body's XML. Each paragraph becomes one line; a
paragraph that Word numbers automatically (a list level in ``numbering.xml``, set on the
paragraph or its style) gets the label Word would show (一、 (一) 1. ① …), computed here from
the level's format and counter, because the label is not in the text; tables become one line per
row, cells separated by `` | ``. Headers, footers and comments are not body text and are left out.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections import Counter
from typing import Any

from ..errors import InputError
from ..records import ReadText
from .numbering import format_number

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_NS = {"w": _W}


def _q(tag: str) -> str:
    return f"{{{_W}}}{tag}"


def read_docx(data: bytes, *, name: str = "input") -> ReadText:
    """The body text of a .docx file, with numbering labels and table rows counted."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    counts: Counter[str] = Counter()
    try:
        try:
            document = docx.Document(io.BytesIO(data))
        except KeyError:
            # a relationship names a part the archive lacks (WPS's userCustomization/customUI.xml):
            # drop such relationships and read the rest
            repaired, dropped = without_missing_parts(data)
            if not dropped:
                raise
            document = docx.Document(io.BytesIO(repaired))
            counts["docx_missing_parts"] = dropped
    except (PackageNotFoundError, KeyError, ValueError, OSError) as exc:
        raise InputError(f"{name}: not a readable Word document ({exc})") from None
    except Exception as exc:  # lxml's XMLSyntaxError and the like: a damaged file
        raise InputError(f"{name}: a damaged Word document ({type(exc).__name__})") from None
    numbering = _Numbering(document)
    lines: list[str] = []
    for block in _blocks(document.element.body):
        if block.tag == _q("p"):
            text = _paragraph_text(block)
            label = numbering.label(block) if text.strip() else ""
            if label:
                counts["docx_numbering"] += 1
                text = label + ("" if re.search(r"[、.)）:：]$", label) else " ") + text.lstrip()
            lines.append(text)
            counts["docx"] += 1
        else:
            rows = _table_rows(block)
            counts["docx_table_rows"] += len(rows)
            lines.extend(rows)
    text = "\n".join(lines)
    if not text.strip():
        raise InputError(f"{name}: the Word document has no text")
    return ReadText(text=text + "\n", reader="docx", encoding="docx", counts=dict(counts))


def without_missing_parts(data: bytes) -> tuple[bytes, int]:
    """The package with every internal relationship to a part it does not hold removed, and how
    many were removed (python-docx refuses such a package as a whole)."""
    import posixpath

    from lxml import etree

    source = zipfile.ZipFile(io.BytesIO(data))
    names = set(source.namelist())
    out = io.BytesIO()
    dropped = 0
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in source.infolist():
            body = source.read(info)
            if info.filename.endswith(".rels"):
                # word/_rels/document.xml.rels holds the relationships of word/document.xml
                base = posixpath.dirname(posixpath.dirname(info.filename))
                try:
                    root = etree.fromstring(body)
                except etree.XMLSyntaxError:
                    root = None
                if root is not None:
                    for rel in list(root):
                        target = rel.get("Target", "")
                        if rel.get("TargetMode") == "External" or not target:
                            continue
                        path = target.lstrip("/") if target.startswith("/") else posixpath.normpath(
                            posixpath.join(base, target))
                        if path not in names:
                            root.remove(rel)
                            dropped += 1
                    body = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
            z.writestr(info, body)
    return out.getvalue(), dropped


def _blocks(parent: Any) -> list[Any]:
    """Paragraphs and tables in document order, looking inside content controls (w:sdt)."""
    out = []
    for child in parent.iterchildren():
        if child.tag in (_q("p"), _q("tbl")):
            out.append(child)
        elif child.tag in (_q("sdt"), _q("sdtContent"), _q("customXml")):
            out.extend(_blocks(child))
    return out


_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"


def _paragraph_text(p: Any) -> str:
    """A paragraph's visible text: runs, hyperlinks, text boxes, tabs and breaks; deleted
    revisions and the fallback copy Word keeps of a text box left out."""
    parts: list[str] = []
    kept = [el for fb in p.iter(_MC_FALLBACK) for el in fb.iter()]  # alive, so ids stay theirs
    fallback = {id(el) for el in kept}
    for el in p.iter(_q("t"), _q("tab"), _q("br"), _q("cr"), _q("noBreakHyphen")):
        if fallback and id(el) in fallback:
            continue
        if el.tag == _q("t"):
            parts.append(el.text or "")
        elif el.tag == _q("tab"):
            # a tab stop definition in the paragraph properties is not a tab in the text
            if el.getparent().tag != _q("tabs"):
                parts.append("\t")
        elif el.tag in (_q("br"), _q("cr")):
            if el.get(_q("type")) in (None, "textWrapping"):
                parts.append("\n")
        elif el.tag == _q("noBreakHyphen"):
            parts.append("-")
    return "".join(parts)


def _table_rows(tbl: Any) -> list[str]:
    """One line per table row, cells joined by " | " (a merged cell counted once)."""
    rows = []
    for tr in tbl.iterchildren(_q("tr")):
        cells = []
        for tc in tr.iterchildren(_q("tc")):
            paragraphs = [_paragraph_text(p) for p in tc.iter(_q("p"))]
            cell = " ".join(t.strip() for t in paragraphs if t.strip())
            merged = tc.find(f"{_q('tcPr')}/{_q('vMerge')}")
            if merged is not None and merged.get(_q("val")) != "restart":
                cell = ""  # the continuation of a vertically merged cell holds no text of its own
            cells.append(cell)
        while cells and not cells[-1]:
            cells.pop()
        if any(cells):
            rows.append(" | ".join(cells))
    return rows


class _Numbering:
    """Word's list numbering: which label each numbered paragraph shows."""

    def __init__(self, document: Any) -> None:
        self.levels: dict[tuple[str, int], dict[str, Any]] = {}  # (numId, ilvl) -> level spec
        self.abstract_of: dict[str, str] = {}
        self.counters: dict[str, list[int | None]] = {}  # abstractNum -> counter per level
        self.style_num: dict[str, tuple[str, int]] = {}
        try:
            root = document.part.numbering_part.element
        except (NotImplementedError, KeyError, AttributeError):
            return
        abstracts = {}
        for a in root.iterchildren(_q("abstractNum")):
            levels = {}
            for lvl in a.iterchildren(_q("lvl")):
                levels[int(lvl.get(_q("ilvl"), "0"))] = _level_spec(lvl)
            abstracts[a.get(_q("abstractNumId"))] = levels
        for num in root.iterchildren(_q("num")):
            nid = num.get(_q("numId"))
            ref = num.find(_q("abstractNumId"))
            aid = ref.get(_q("val")) if ref is not None else None
            if aid not in abstracts:
                continue
            self.abstract_of[nid] = aid
            for ilvl, spec in abstracts[aid].items():
                self.levels[(nid, ilvl)] = dict(spec)
            for override in num.iterchildren(_q("lvlOverride")):
                ilvl = int(override.get(_q("ilvl"), "0"))
                start = override.find(_q("startOverride"))
                lvl = override.find(_q("lvl"))
                spec = self.levels.setdefault((nid, ilvl), {"fmt": "decimal", "text": f"%{ilvl + 1}.", "start": 1})
                if lvl is not None:
                    spec.update(_level_spec(lvl))
                if start is not None:
                    spec["start"] = int(start.get(_q("val"), "1"))
        self._styles(document)

    def _styles(self, document: Any) -> None:
        """Numbering set on paragraph styles (List Number, a 标题 style …), following basedOn."""
        try:
            styles = document.styles.element
        except (KeyError, AttributeError, NotImplementedError):
            return
        by_id = {s.get(_q("styleId")): s for s in styles.iterchildren(_q("style"))}
        for sid in by_id:
            seen: set[str] = set()
            cur = sid
            while cur in by_id and cur not in seen:
                seen.add(cur)
                num_pr = by_id[cur].find(f"{_q('pPr')}/{_q('numPr')}")
                if num_pr is not None:
                    ref = _num_ref(num_pr)
                    if ref is not None and ref[0] != "0":
                        self.style_num[sid] = ref
                    break
                based = by_id[cur].find(_q("basedOn"))
                cur = based.get(_q("val")) if based is not None else None

    def label(self, p: Any) -> str:
        """The label Word shows before this paragraph ("" for none), advancing the counters."""
        ppr = p.find(_q("pPr"))
        ref = None
        if ppr is not None:
            num_pr = ppr.find(_q("numPr"))
            if num_pr is not None:
                ref = _num_ref(num_pr)
                if ref is not None and ref[0] == "0":
                    return ""  # numbering switched off for this paragraph
            if ref is None:
                style = ppr.find(_q("pStyle"))
                if style is not None:
                    ref = self.style_num.get(style.get(_q("val")))
        if ref is None:
            return ""
        nid, ilvl = ref
        if (nid, ilvl) not in self.levels:
            return ""
        key = self.abstract_of.get(nid, nid)
        counters = self.counters.setdefault(key, [None] * 9)
        ilvl = min(ilvl, 8)
        spec = self.levels[(nid, ilvl)]
        current = counters[ilvl]
        counters[ilvl] = spec["start"] if current is None else current + 1
        for deeper in range(ilvl + 1, 9):
            counters[deeper] = None
        if spec["fmt"] in ("bullet", "none"):
            return ""

        def value(m: re.Match[str]) -> str:
            level = int(m.group(1)) - 1
            lspec = self.levels.get((nid, level), spec)
            n = counters[level] if 0 <= level < 9 and counters[level] is not None else lspec["start"]
            return format_number(n, "decimal" if spec.get("legal") else lspec["fmt"])

        return re.sub(r"%([1-9])", value, spec["text"]).strip()


def _num_ref(num_pr: Any) -> tuple[str, int] | None:
    nid = num_pr.find(_q("numId"))
    if nid is None:
        return None
    ilvl = num_pr.find(_q("ilvl"))
    return nid.get(_q("val"), "0"), int(ilvl.get(_q("val"), "0")) if ilvl is not None else 0


def _level_spec(lvl: Any) -> dict[str, Any]:
    def val(tag: str, default: str) -> str:
        el = lvl.find(_q(tag))
        return el.get(_q("val"), default) if el is not None else default

    return {"fmt": val("numFmt", "decimal"), "text": val("lvlText", ""),
            "start": int(val("start", "1") or 1), "legal": lvl.find(_q("isLgl")) is not None}
