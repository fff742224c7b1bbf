"""Splitting provision text into clauses (sentences)."""

from __future__ import annotations

import re

from ..lazy_pattern import lazy

_ENDS = "。;!?"
_OPEN = {"《": "》", "“": "”", "(": ")", "‘": "’", "「": "」", "【": "】", "[": "]"}
_CLOSE = {v: k for k, v in _OPEN.items()}
#: The characters the splitter acts on: only these are visited, not every character
_MARKS = lazy("[" + re.escape("".join(_OPEN) + "".join(_CLOSE) + _ENDS) + "\n]")


def split_clauses(text: str) -> list[str]:
    """Split on 。;!? outside 《》, quotes and parentheses; keep the end mark with its clause."""
    clauses: list[str] = []
    depth: dict[str, int] = {}
    start = 0
    for m in _MARKS.finditer(text):
        i, ch = m.start(), m.group()
        if ch in _OPEN:
            depth[ch] = depth.get(ch, 0) + 1
        elif ch in _CLOSE:
            opener = _CLOSE[ch]
            if depth.get(opener):
                depth[opener] -= 1
        elif ch == "\n" or (ch in _ENDS and not any(depth.values())):
            piece = text[start : i + 1].strip()
            if piece and piece != ch:
                clauses.append(piece)
            start = i + 1
            if ch == "\n":
                depth.clear()  # a paragraph break closes whatever the text left open
    tail = text[start:].strip()
    if tail:
        clauses.append(tail)
    return clauses
