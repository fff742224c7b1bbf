"""Word 97–2003 list numbering: the labels Word shows before numbered paragraphs (第一章, （一）,
1.), which the text stream does not hold, computed from the table stream's list tables.

A numbered paragraph names a list override (``sprmPIlfo``, 1-based into the PlfLfo) and a level
(``sprmPIlvl``); the override names a list (PlfLst, by its lsid) and may restart a level's count
or replace its format. Each level (LVL) has a start, a number format (nfc) and a number text in
which the characters 0–8 stand for the counts of levels 1–9 ([MS-DOC] 2.9.131, 2.9.150). Counts
run per list, a level's count restarting when a higher level advances, as in the DOCX reader.
Bullets and unnumbered levels show no label.
"""

from __future__ import annotations

import contextlib
import struct
from typing import Any

from .numbering import format_number

#: [MS-DOC] 2.9.328 MSONFC: number formats by code, named as DOCX names them (``numbering``).
_NFC = {0: "decimal", 1: "upperRoman", 2: "lowerRoman", 3: "upperLetter", 4: "lowerLetter",
        5: "ordinal", 10: "ideographDigital", 11: "japaneseCounting", 14: "decimalFullWidth",
        18: "decimalEnclosedCircle", 19: "decimalFullWidth2", 22: "decimalZero", 23: "bullet",
        27: "decimalEnclosedParen", 28: "decimalEnclosedCircleChinese", 29: "ideographEnclosedCircle",
        30: "ideographTraditional", 31: "ideographZodiac", 33: "taiwaneseCounting",
        34: "ideographLegalTraditional", 35: "taiwaneseCountingThousand", 37: "chineseCounting",
        38: "chineseLegalSimplified", 39: "chineseCountingThousand", 255: "none"}


def _level(table: bytes, pos: int) -> tuple[dict[str, Any], int]:
    """One LVL at ``pos``: its spec and where the next one starts."""
    start, nfc, flags = struct.unpack_from("<iBB", table, pos)
    cb_chpx, cb_papx = table[pos + 24], table[pos + 25]
    at = pos + 28 + cb_papx + cb_chpx
    cch = struct.unpack_from("<H", table, at)[0]
    text = table[at + 2: at + 2 + 2 * cch].decode("utf-16-le", errors="replace")
    spec = {"start": start, "fmt": _NFC.get(nfc, "decimal"), "legal": bool(flags & 0x04), "text": text}
    return spec, at + 2 + 2 * cch


class DocLists:
    """The list tables of one document, and the counts so far as its paragraphs are numbered."""

    def __init__(self, table: bytes, fc_lst: int, lcb_lst: int, fc_lfo: int, lcb_lfo: int) -> None:
        self.lists: dict[int, list[dict[str, Any]]] = {}
        #: per override (ilfo - 1): its list's lsid and, per level, a start or a whole level spec
        self.overrides: list[tuple[int, dict[int, dict[str, Any]]]] = []
        self.counts: dict[int, list[int | None]] = {}
        self.restarted: set[tuple[int, int]] = set()
        if not lcb_lst or not lcb_lfo:
            return
        with contextlib.suppress(struct.error, IndexError):  # a damaged table: number what was read
            self._read(table, fc_lst, fc_lfo)

    def _read(self, table: bytes, fc_lst: int, fc_lfo: int) -> None:
        count = struct.unpack_from("<h", table, fc_lst)[0]
        heads = []
        for i in range(max(count, 0)):
            at = fc_lst + 2 + 28 * i
            lsid = struct.unpack_from("<i", table, at)[0]
            heads.append((lsid, 1 if table[at + 26] & 0x01 else 9))  # fSimpleList: one level
        pos = fc_lst + 2 + 28 * max(count, 0)
        for lsid, levels in heads:  # the LVLs follow the PlfLst, list by list
            specs = []
            for _ in range(levels):
                spec, pos = _level(table, pos)
                specs.append(spec)
            self.lists[lsid] = specs
        n = struct.unpack_from("<i", table, fc_lfo)[0]
        lfos = [(struct.unpack_from("<i", table, fc_lfo + 4 + 16 * i)[0], table[fc_lfo + 4 + 16 * i + 12])
                for i in range(max(n, 0))]
        pos = fc_lfo + 4 + 16 * max(n, 0)
        for lsid, levels in lfos:  # LFOData: a CP, then the level overrides
            pos += 4
            changed: dict[int, dict[str, Any]] = {}
            for _ in range(levels):
                start, flags = struct.unpack_from("<iI", table, pos)
                pos += 8
                ilvl = flags & 0x0F
                override: dict[str, Any] = {}
                if flags & 0x20:  # fFormatting: a whole level follows
                    override, pos = _level(table, pos)
                if flags & 0x10:  # fStartAt
                    override["restart"] = start
                changed[ilvl] = override
            self.overrides.append((lsid, changed))

    def label(self, ilfo: int, ilvl: int) -> str:
        """The label of the next paragraph numbered with this override and level ("" for none)."""
        if not 0 < ilfo <= len(self.overrides):
            return ""
        lsid, changed = self.overrides[ilfo - 1]
        levels = self.lists.get(lsid)
        if not levels:
            return ""
        ilvl = min(max(ilvl, 0), len(levels) - 1)

        def spec_of(level: int) -> dict[str, Any]:
            return {**levels[level], **{k: v for k, v in changed.get(level, {}).items() if k != "restart"}}

        spec = spec_of(ilvl)
        counts = self.counts.setdefault(lsid, [None] * 9)
        restart = changed.get(ilvl, {}).get("restart")
        if restart is not None and (ilfo, ilvl) not in self.restarted:
            self.restarted.add((ilfo, ilvl))
            counts[ilvl] = restart
        else:
            current = counts[ilvl]
            counts[ilvl] = spec["start"] if current is None else current + 1
        for deeper in range(ilvl + 1, 9):
            counts[deeper] = None
        if spec["fmt"] in ("bullet", "none"):
            return ""
        out = []
        for ch in spec["text"]:
            level = ord(ch)
            if level < 9:
                lspec = spec_of(min(level, len(levels) - 1))
                n = counts[level] if counts[level] is not None else lspec["start"]
                out.append(format_number(n, "decimal" if spec["legal"] else lspec["fmt"]))
            else:
                out.append(ch)
        return "".join(out).strip()


def style_lists(stsh: bytes, sprms: Any) -> dict[int, tuple[int | None, int | None]]:
    """The list override and level each paragraph style sets (its own or a base style's), from
    the stylesheet (STSH, [MS-DOC] 2.9.271): a heading numbered by its style (标题 1 linked to a
    第一章 list) holds no list of its own. ``sprms`` reads a property list."""
    own: dict[int, tuple[int, int | None, int | None]] = {}  # istd -> (base, ilfo, ilvl)
    try:
        cb_stshi = struct.unpack_from("<H", stsh, 0)[0]
        count, cb_base = struct.unpack_from("<HH", stsh, 2)
        pos = 2 + cb_stshi
        for istd in range(count):
            cb_std = struct.unpack_from("<H", stsh, pos)[0]
            std = stsh[pos + 2: pos + 2 + cb_std]
            pos += 2 + cb_std
            if len(std) < cb_base + 2:
                continue
            word1 = struct.unpack_from("<H", std, 2)[0]
            if word1 & 0x0F != 1:  # not a paragraph style
                continue
            cch = struct.unpack_from("<H", std, cb_base)[0]
            at = cb_base + 2 + 2 * cch + 2  # past the name and its terminating zero
            cb_upx = struct.unpack_from("<H", std, at)[0]
            ilfo = ilvl = None
            for sprm, operand in sprms(std[at + 4: at + 2 + cb_upx]):  # after the UPX's istd
                if sprm == 0x460B and len(operand) == 2:
                    ilfo = struct.unpack("<h", operand)[0]
                elif sprm == 0x260A and operand:
                    ilvl = operand[0]
            own[istd] = (word1 >> 4, ilfo, ilvl)
    except struct.error:  # a damaged stylesheet: the styles read so far
        pass
    out: dict[int, tuple[int | None, int | None]] = {}
    for istd in own:
        ilfo = ilvl = None
        seen: set[int] = set()
        cur: int | None = istd
        while cur in own and cur not in seen and (ilfo is None or ilvl is None):
            seen.add(cur)
            base, f, v = own[cur]
            ilfo = f if ilfo is None else ilfo
            ilvl = v if ilvl is None else ilvl
            cur = base
        if ilfo:
            out[istd] = (ilfo, ilvl)
    return out
