"""What an import reads and what it did: one document from a source, and the summary."""

from __future__ import annotations

import os
from dataclasses import field
from pathlib import Path
from typing import Any

from ..dataclass_code import dataclass


@dataclass(frozen=True)
class RawDocument:
    """One document as read from a source, before it is written to the corpus."""

    origin: str  #: where it came from: "file.xlsx:Sheet1:12" or a file path
    text: str
    meta: dict[str, str]  #: manifest columns (title, date, place, issuer, … and extra columns)
    truncated: bool = False  #: the text cell is exactly at the spreadsheet limit
    name: str = ""  #: a file's stem, for the id when the title is not known


@dataclass
class ImportSummary:
    """What an import did; ``to_dict`` is the ``--json`` shape."""

    out: str
    sources: list[str] = field(default_factory=list)
    columns: dict[str, str | None] = field(default_factory=dict)  #: role -> column used
    written: int = 0
    duplicates: list[dict[str, str]] = field(default_factory=list)  #: {origin, duplicate_of}
    truncated: list[str] = field(default_factory=list)  #: ids whose text was cut at 32,767
    empty: list[str] = field(default_factory=list)  #: origins of rows without text
    skipped: list[dict[str, str]] = field(default_factory=list)  #: {file, reason}
    by_year: dict[str, int] = field(default_factory=dict)  #: documents written per year ("" unknown)
    notices: list[str] = field(default_factory=list)  #: e.g. stale temporary folders removed

    def to_dict(self) -> dict[str, Any]:
        return {
            "out": self.out, "sources": self.sources, "columns": self.columns,
            "documents": self.written, "duplicates": self.duplicates,
            "truncated": self.truncated, "empty": self.empty, "skipped": self.skipped,
            "by_year": self.by_year, "notices": self.notices,
        }


def _reason(exc: Exception, p: Path) -> str:
    """The error's message without the path it starts with (the summary names the file)."""
    msg = str(exc)
    for prefix in (f"{p}: ", f"{p.name}: ", f"{display_name(str(p))}: "):
        if msg.startswith(prefix):
            return msg[len(prefix):]
    return msg


def display_name(name: str) -> str:
    """A file name as text: one whose bytes are not UTF-8 (a GBK name from a Windows zip) is
    decoded as GB18030 or Big5 where that reads, with replacement characters otherwise, never
    left holding surrogates (which no UTF-8 file, JSON or terminal takes)."""
    try:
        name.encode("utf-8")
        return name
    except UnicodeEncodeError:
        pass

    raw = os.fsencode(name)
    for enc in ("gb18030", "big5"):
        try:
            return raw.decode(enc)
        except UnicodeDecodeError:
            continue
    return raw.decode("utf-8", "replace")
