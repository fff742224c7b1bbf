"""From a file or a string to a parsed ``Document``: load, normalise, segment, read metadata."""

from __future__ import annotations

from dataclasses import fields, replace
from pathlib import Path
from typing import Any

from . import metadata
from .errors import NoTextError
from .load import decode, read_bytes
from .normalize import normalise
from .records import Document, Meta
from .segment import segment

#: A text with fewer Han characters than this is not a Chinese plan.
MIN_HAN = 10


def parse_text(text: str, *, id: str = "text", source: str = "<text>", encoding: str = "utf-8",
               meta: dict[str, Any] | None = None) -> Document:
    """Parse an already decoded plan. ``meta`` (e.g. a manifest row) overrides extracted values."""
    han = sum(1 for c in text if "\u4e00" <= c <= "\u9fff")
    if han < MIN_HAN:
        raise NoTextError(f"{source}: no Chinese text found ({han} Han characters); is this a plan?")
    norm = normalise(text)
    structure = segment(norm.text)
    removed = [line for _, line in norm.removed]
    extracted = metadata.extract(list(structure.letterhead), norm.text, removed)
    final_meta, extra = _override(extracted, meta or {})
    return Document(
        id=id, source=source, encoding=encoding, meta=final_meta, text=norm.text,
        provisions=structure.provisions, normalisation=dict(norm.counts),
        headings=structure.headings, extra=extra,
    )


def parse_file(path: str | Path, *, id: str | None = None, meta: dict[str, Any] | None = None) -> Document:
    """Read, decode and parse a plan file."""
    p = Path(path)
    text, encoding = decode(read_bytes(p), name=str(p))
    return parse_text(text, id=id or p.stem, source=str(p), encoding=encoding, meta=meta)


def _override(meta: Meta, given: dict[str, Any]) -> tuple[Meta, dict[str, Any]]:
    names = {f.name for f in fields(Meta)} - {"sources"}
    changes: dict[str, Any] = {}
    sources = dict(meta.sources)
    extra: dict[str, Any] = {}
    for key, value in given.items():
        if value is None or value == "":
            continue
        if key in names:
            if key == "year":
                value = int(value)
            changes[key] = value
            sources[key] = "manifest"
        else:
            extra[key] = value
    return replace(meta, **changes, sources=sources), extra
