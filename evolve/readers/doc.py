"""Word 97–2003 documents (.doc, and WPS's .wps, which is the same binary format): the main text.

The file is an OLE compound file (read with ``olefile``). Its ``WordDocument`` stream opens with
the FIB, which gives the length of the main text (``ccpText``: headers, footers, footnotes,
comments and text boxes follow it as sub-documents and are left out) and where the CLX lies in
the table stream (``0Table`` or ``1Table``). The CLX's piece table (PlcPcd) maps runs of
character positions to byte offsets in ``WordDocument``, each piece either 8-bit (cp1252, two
positions per byte offset unit) or UTF-16LE. Special characters are then resolved: a field
(``\\x13`` instruction ``\\x14`` result ``\\x15``) keeps its result and drops its instruction;
table cells (``\\x07``) become one line per row with cells separated by `` | `` (a row ends where
the paragraph properties mark the row's end, see ``_row_ends``); paragraph marks, line, page and
section breaks become line ends; pictures, drawn objects and footnote marks are dropped.

Word's automatic list numbers are not in the text stream: the paragraph properties name a list
and a level, and the label Word shows (第四章, （一）) is computed from the list tables
(``doc_lists``) and written before the paragraph. Word 6/95 files (an older FIB) and encrypted
files are named and refused.
"""

from __future__ import annotations

import io
import struct
from collections import Counter
from collections.abc import Iterator

from ..errors import InputError
from ..records import ReadText
from .doc_lists import DocLists, style_lists

#: FIB versions: Word 97 and later write 193 (0xC1) and up; Word 6 and 95 wrote 101–105.
_WORD97 = 0xC1

_FIELD_BEGIN, _FIELD_SEP, _FIELD_END = "\x13", "\x14", "\x15"
_CELL = "\x07"
#: Characters Word keeps in the text stream for objects, not text: pictures (\x01), footnote and
#: comment references (\x02, \x05), drawn objects (\x08), the separators of footnote sub-documents
#: (\x03, \x04), an optional hyphen (\x1f) and NUL.
_DROP = dict.fromkeys(map(ord, "\x00\x01\x02\x03\x04\x05\x06\x08\x1f"), None)
#: Paragraph marks and breaks (line \x0b, page and section \x0c, column \x0e) end a line; a
#: non-breaking hyphen (\x1e) is a hyphen.
_LINE_ENDS = {ord("\r"): "\n", ord("\x0b"): "\n", ord("\x0c"): "\n", ord("\x0e"): "\n", ord("\x1e"): "-"}


def read_doc(data: bytes, *, name: str = "input") -> ReadText:
    """The main text of a Word 97–2003 (.doc/.wps) file, fields resolved and tables as rows."""
    raw, labels = _main_text(data, name)
    counts: Counter[str] = Counter()
    if labels:
        counts["doc_numbering"] = labels
    text = _fields(raw, counts)
    lines = _lines(text, counts)
    out = "\n".join(lines).translate(_DROP)
    if not out.strip():
        raise InputError(f"{name}: the Word document has no text")
    counts["doc"] = sum(1 for line in lines if line.strip())
    return ReadText(text=out.rstrip("\n") + "\n", reader="doc", encoding="doc", counts=dict(counts))


def word_stream_names(data: bytes) -> list[str]:
    """The top-level stream names of an OLE compound file ([] if it cannot be opened)."""
    import olefile

    try:
        with olefile.OleFileIO(io.BytesIO(data)) as ole:
            return ["/".join(entry) for entry in ole.listdir(streams=True, storages=False)]
    except Exception:  # olefile raises OSError, struct.error, IndexError … on a damaged container
        return []


def _main_text(data: bytes, name: str) -> tuple[str, int]:
    """The main document's text (CPs 0 … ccpText), its paragraph marks told apart and Word's list
    labels written before the paragraphs they number (``_marks``), and how many labels."""
    import olefile

    try:
        ole = olefile.OleFileIO(io.BytesIO(data))
    except Exception:
        raise InputError(f"{name}: a damaged OLE container (a .doc cut short?); cannot be read") from None
    with ole:
        if not ole.exists("WordDocument"):
            raise InputError(f"{name}: an OLE file without a Word document stream; cannot be read")
        word = _stream(ole, "WordDocument", name)
        fib = _fib(word, name)
        table_name = "1Table" if fib["which_table"] else "0Table"
        if not ole.exists(table_name):
            raise InputError(f"{name}: a damaged Word document (no {table_name} stream)")
        table = _stream(ole, table_name, name)
    clx = table[fib["fc_clx"]: fib["fc_clx"] + fib["lcb_clx"]]
    pieces = _pieces(clx, name)
    raw, offsets = _read_pieces(word, pieces, fib["ccp_text"])
    lists = DocLists(table, fib["fc_lst"], fib["lcb_lst"], fib["fc_lfo"], fib["lcb_lfo"])
    if _CELL not in raw and not lists.overrides:
        return raw, 0
    styles = style_lists(table[fib["fc_stsh"]: fib["fc_stsh"] + fib["lcb_stsh"]], sprms) if lists.overrides else {}
    try:
        runs = _paragraph_runs(word, table[fib["fc_papx"]: fib["fc_papx"] + fib["lcb_papx"]], styles)
    except (struct.error, IndexError, ValueError):
        runs = []
    return _marks(raw, offsets, runs, lists)


def _stream(ole: object, stream: str, name: str) -> bytes:
    try:
        return ole.openstream(stream).read()  # type: ignore[attr-defined]
    except Exception:  # olefile on a container cut short or with a broken sector chain
        raise InputError(f"{name}: a damaged Word document (its {stream} stream cannot be read)") from None


def _fib(word: bytes, name: str) -> dict[str, int]:
    """The few FIB fields the text needs ([MS-DOC] 2.5.1)."""
    if len(word) < 0x22 or struct.unpack_from("<H", word, 0)[0] != 0xA5EC:
        raise InputError(f"{name}: a damaged Word document (its header is not Word's)")
    nfib = struct.unpack_from("<H", word, 2)[0]
    flags = struct.unpack_from("<H", word, 0x0A)[0]
    if flags & 0x0100:
        raise InputError(f"{name}: an encrypted (password-protected) Word document; remove the password in Word first")
    if nfib < _WORD97:
        raise InputError(f"{name}: a Word 6/95 document (too old a format to read); "
                         "open it in Word or WPS and save it as .docx, then read that file")
    try:
        pos = 0x20
        csw = struct.unpack_from("<H", word, pos)[0]
        pos += 2 + 2 * csw
        cslw = struct.unpack_from("<H", word, pos)[0]
        lw = pos + 2
        ccp_text = struct.unpack_from("<i", word, lw + 3 * 4)[0]
        pos = lw + 4 * cslw
        cb_fc_lcb = struct.unpack_from("<H", word, pos)[0]
        fc_lcb = pos + 2
        if cb_fc_lcb <= 33:
            raise struct.error("no fcClx")
        fc_clx, lcb_clx = struct.unpack_from("<II", word, fc_lcb + 33 * 8)
        fc_stsh, lcb_stsh = struct.unpack_from("<II", word, fc_lcb + 1 * 8)
        fc_papx, lcb_papx = struct.unpack_from("<II", word, fc_lcb + 13 * 8)
        fc_lst = lcb_lst = fc_lfo = lcb_lfo = 0
        if cb_fc_lcb > 74:  # the list tables (Word 97 writes 93 pairs)
            fc_lst, lcb_lst, fc_lfo, lcb_lfo = struct.unpack_from("<IIII", word, fc_lcb + 73 * 8)
    except struct.error:
        raise InputError(f"{name}: a damaged Word document (its header is cut short)") from None
    return {"ccp_text": max(ccp_text, 0), "fc_clx": fc_clx, "lcb_clx": lcb_clx,
            "fc_stsh": fc_stsh, "lcb_stsh": lcb_stsh, "fc_papx": fc_papx, "lcb_papx": lcb_papx,
            "fc_lst": fc_lst, "lcb_lst": lcb_lst, "fc_lfo": fc_lfo, "lcb_lfo": lcb_lfo, "which_table": (flags >> 9) & 1}


def _pieces(clx: bytes, name: str) -> list[tuple[int, int, int, bool]]:
    """The piece table: (first CP, last CP, byte offset, 8-bit?) for each piece."""
    pos = 0
    try:
        while pos < len(clx) and clx[pos] == 0x01:  # Prc: property modifiers, skipped
            size = struct.unpack_from("<h", clx, pos + 1)[0]
            if size < 0:
                raise struct.error("negative Prc size")
            pos += 3 + size
        if pos >= len(clx) or clx[pos] != 0x02:
            raise struct.error("no Pcdt")
        lcb = struct.unpack_from("<I", clx, pos + 1)[0]
        plc = clx[pos + 5: pos + 5 + lcb]
        n = (len(plc) - 4) // 12
        if n < 1:
            raise struct.error("empty PlcPcd")
        cps = struct.unpack_from(f"<{n + 1}I", plc, 0)
        out = []
        for i in range(n):
            fc = struct.unpack_from("<I", plc, 4 * (n + 1) + 8 * i + 2)[0]
            compressed = bool(fc & 0x40000000)
            fc &= 0x3FFFFFFF
            out.append((cps[i], cps[i + 1], fc // 2 if compressed else fc, compressed))
    except struct.error:
        raise InputError(f"{name}: a damaged Word document (its piece table cannot be read)") from None
    return out


def _read_pieces(word: bytes, pieces: list[tuple[int, int, int, bool]],
                 end: int) -> tuple[str, list[tuple[int, int, int]]]:
    """The text of CPs 0 … end, piece by piece, and where each piece's text starts in the
    stream: (index in the text, byte offset, bytes a character)."""
    parts = []
    offsets = []
    at = 0
    for first, last, offset, compressed in pieces:
        if first >= end:
            break
        n = min(last, end) - first
        if n <= 0:
            continue
        if compressed:
            chunk = word[offset: offset + n].decode("cp1252", errors="replace")
        else:
            chunk = word[offset: offset + 2 * n].decode("utf-16-le", errors="replace")
        offsets.append((at, offset, 1 if compressed else 2))
        parts.append(chunk)
        at += len(chunk)
    return "".join(parts), offsets


#: Paragraph properties ([MS-DOC] 2.6.2): in a table (sprmPFInTable), the row's end mark
#: (sprmPFTtp), the table depth (sprmPItap), and the same two for nested tables.
_IN_TABLE, _TTP, _ITAP = 0x2416, 0x2417, 0x6649
#: A paragraph's list: the override (1-based into the PlfLfo) and the level.
_ILFO, _ILVL = 0x460B, 0x260A
#: Table definitions, whose operand size takes two bytes.
_TDEF_TABLE, _TDEF_TABLE10 = 0xD608, 0xD606
#: Operand sizes by the sprm's top three bits (spra); 6 is variable, sized by its first byte.
_OPERAND = {0: 1, 1: 1, 2: 2, 3: 4, 4: 2, 5: 2, 7: 3}


#: A run of paragraph properties: first byte, end byte, table kind, list override, list level.
Run = tuple[int, int, int, int, int]


def _paragraph_runs(word: bytes, plc: bytes, styles: dict[int, tuple[int | None, int | None]]) -> list[Run]:
    """Each run of paragraph properties in the stream (``Run``), sorted. Table kind: 0 outside
    tables, 1 a paragraph or cell in a table, 2 a row's end mark (depth-1 tables; a nested table's
    marks count as in-table paragraphs of the outer cell); list override 0 for none, the
    paragraph style's (``styles``) where the paragraph sets none of its own."""
    n = (len(plc) - 4) // 8
    runs = []
    for i in range(n):
        pn = struct.unpack_from("<I", plc, 4 * (n + 1) + 4 * i)[0] & 0x3FFFFF
        page = word[pn * 512: pn * 512 + 512]
        if len(page) < 512:
            continue
        crun = page[511]
        fcs = struct.unpack_from(f"<{crun + 1}I", page, 0)
        for j in range(crun):
            at = page[4 * (crun + 1) + 13 * j] * 2
            # PapxInFkp: a count of 2-byte words (0: the count is in the next byte), then istd + grpprl
            papx = b"" if not at else (page[at + 2: at + 2 + 2 * page[at + 1]] if page[at] == 0
                                       else page[at + 1: at + 2 * page[at]])
            kind, ilfo, ilvl = _properties(papx[2:])
            if ilfo is None and len(papx) >= 2:
                ilfo, style_ilvl = styles.get(struct.unpack_from("<H", papx, 0)[0], (0, 0))
                ilvl = ilvl if ilvl is not None else style_ilvl
            runs.append((fcs[j], fcs[j + 1], kind, ilfo or 0, ilvl or 0))
    runs.sort()
    return runs


def sprms(grpprl: bytes) -> Iterator[tuple[int, bytes]]:
    """The (sprm, operand) pairs of a property list ([MS-DOC] 2.2.5)."""
    pos = 0
    while pos + 2 <= len(grpprl):
        sprm = struct.unpack_from("<H", grpprl, pos)[0]
        pos += 2
        spra = sprm >> 13
        if sprm in (_TDEF_TABLE, _TDEF_TABLE10) and pos + 2 <= len(grpprl):
            size = 2 + struct.unpack_from("<H", grpprl, pos)[0] - 1  # a 2-byte size, counted plus one
        elif spra == 6:
            if pos >= len(grpprl):
                return
            size = grpprl[pos] + 1  # a 1-byte size, then the operand
        else:
            size = _OPERAND[spra]
        yield sprm, grpprl[pos: pos + size]
        pos += max(size, 1)


def _properties(grpprl: bytes) -> tuple[int, int | None, int | None]:
    """The table kind, list override and list level a paragraph's sprms set (None: not set)."""
    in_table = ttp = False
    depth = 1
    ilfo = ilvl = None
    for sprm, operand in sprms(grpprl):
        if sprm == _IN_TABLE and operand[:1] not in (b"", b"\x00"):
            in_table = True
        elif sprm == _TTP and operand[:1] not in (b"", b"\x00"):
            ttp = True
        elif sprm == _ITAP and len(operand) == 4:
            depth = struct.unpack("<i", operand)[0]
            in_table = in_table or depth > 0
        elif sprm == _ILFO and len(operand) == 2:
            ilfo = struct.unpack("<h", operand)[0]
        elif sprm == _ILVL and operand:
            ilvl = operand[0]
    kind = 2 if ttp and depth <= 1 else 1 if in_table else 0
    return kind, ilfo, ilvl


#: What each paragraph mark becomes once told apart: a paragraph inside a table cell, a cell's
#: end, a row's end. A plain paragraph keeps its \r.
_IN_CELL, _CELL_END, _ROW_END = "\x1c", _CELL, "\x1d"


def _marks(raw: str, offsets: list[tuple[int, int, int]], runs: list[Run], lists: DocLists) -> tuple[str, int]:
    """The text with the paragraph marks of tables told apart by their paragraph properties (the
    run holding each mark's byte) and list labels before numbered paragraphs; without properties,
    a cell mark right after another is taken for the row's end."""
    import bisect

    chars = list(raw)
    labels: dict[int, str] = {}  # paragraph start -> label
    starts = [r[0] for r in runs]
    piece_starts = [o[0] for o in offsets]
    previous_cell = False
    paragraph = 0
    for i, ch in enumerate(chars):
        if ch not in ("\r", _CELL):
            continue
        run = None
        if runs:
            k = bisect.bisect_right(piece_starts, i) - 1
            at, offset, width = offsets[k]
            fc = offset + (i - at) * width
            r = bisect.bisect_right(starts, fc) - 1
            if r >= 0 and runs[r][0] <= fc < runs[r][1]:
                run = runs[r]
        start, paragraph = paragraph, i + 1
        if run is None:  # no properties for this mark: cell marks by their neighbours
            if ch == _CELL:
                row_end = previous_cell and (i == 0 or chars[i - 1] in (_CELL_END, _ROW_END))
                chars[i] = _ROW_END if row_end else _CELL_END
            previous_cell = ch == _CELL
            continue
        kind, ilfo, ilvl = run[2], run[3], run[4]
        if ilfo > 0 and raw[start:i].strip():
            label = lists.label(ilfo, ilvl)
            if label:
                labels[start] = label + ("" if label[-1] in "、.)）:：" else " ")
        if ch == _CELL:
            chars[i] = _ROW_END if kind == 2 else _CELL_END
        elif kind:
            chars[i] = _IN_CELL
    if labels:
        for at in sorted(labels, reverse=True):
            chars.insert(at, labels[at])
    return "".join(chars), len(labels)


def _fields(text: str, counts: Counter[str]) -> str:
    """Fields resolved: the result kept (what Word shows), the instruction dropped; nested fields
    too. A field without a separator shows nothing of its own."""
    if _FIELD_BEGIN not in text:
        return text
    out: list[str] = []
    # one entry per open field: True while in its instruction (hidden), False in its result
    stack: list[bool] = []
    for ch in text:
        if ch == _FIELD_BEGIN:
            stack.append(True)
            counts["doc_fields"] += 1
        elif ch == _FIELD_SEP and stack:
            stack[-1] = False
        elif ch == _FIELD_END and stack:
            stack.pop()
        elif not any(stack):
            out.append(ch)
    return "".join(out)


def _lines(text: str, counts: Counter[str]) -> list[str]:
    """Paragraphs as lines; a table's cells as one line per row, `` | `` between cells."""
    import re

    lines: list[str] = []
    cells: list[str] = []
    cell: list[str] = []
    for para, mark in re.findall(r"([^\r\x07\x1c\x1d]*)([\r\x07\x1c\x1d]|$)", text):
        if mark == "\r" or (mark == "" and para):
            if cells or cell:
                _row([*cells, " ".join(cell)] if cell else cells, lines, counts)
                cells, cell = [], []
            lines.extend(para.translate(_LINE_ENDS).split("\n"))
        elif mark == _IN_CELL:
            cell.append(_one_line(para))
        elif mark == _CELL_END:
            cell.append(_one_line(para))
            cells.append(" ".join(c for c in cell if c))
            cell = []
        elif mark == _ROW_END:
            if para.strip() or cell:
                cells.append(" ".join(c for c in [*cell, _one_line(para)] if c))
            _row(cells, lines, counts)
            cells, cell = [], []
    if cells or cell:
        _row([*cells, " ".join(cell)] if cell else cells, lines, counts)
    return lines


def _one_line(text: str) -> str:
    return " ".join(text.translate(_LINE_ENDS).split())


def _row(cells: list[str], lines: list[str], counts: Counter[str]) -> None:
    while cells and not cells[-1]:
        cells.pop()
    if any(cells):
        lines.append(" | ".join(cells))
        counts["doc_table_rows"] += 1
