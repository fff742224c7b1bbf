"""A corpus: a directory of plan files with a manifest (``manifest.csv``) of their metadata.

The manifest has one row per document with at least ``id`` and ``file``; the columns ``place``,
``province``, ``level``, ``year``, ``date``, ``title``, ``doc_number`` and ``issuer`` override what
is read from the text, and any other column is kept as metadata (``Document.extra``).
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from .errors import CorpusError, InputError
from .parse import parse_file
from .records import Document

#: The corpus bundled with evolve: the five seed plans.
BUNDLED = Path(__file__).resolve().parent.parent / "corpus"
MANIFEST = "manifest.csv"
REQUIRED = ("id", "file")


@dataclass(frozen=True)
class Entry:
    """One manifest row."""

    id: str
    path: Path
    meta: dict[str, str]


def read_manifest(directory: str | Path) -> list[Entry]:
    """Read a corpus directory's manifest; a clear error for what is missing or malformed."""
    d = Path(directory)
    m = d / MANIFEST
    if not d.is_dir():
        raise CorpusError(f"{d}: not a corpus directory")
    if not m.exists():
        raise CorpusError(f"{d}: no {MANIFEST} in this directory")
    try:
        with m.open(encoding="utf-8-sig", newline="") as fh:
            reader = csv.DictReader(fh)
            columns = reader.fieldnames or []
            missing = [c for c in REQUIRED if c not in columns]
            if missing:
                raise CorpusError(f"{m}: missing column(s) {', '.join(missing)}; has {', '.join(columns) or 'none'}")
            rows = list(reader)
    except UnicodeDecodeError:
        raise CorpusError(f"{m}: not UTF-8 text") from None
    entries = []
    seen: set[str] = set()
    for i, row in enumerate(rows, start=2):
        rid = (row.get("id") or "").strip()
        file = (row.get("file") or "").strip()
        if not rid or not file:
            raise CorpusError(f"{m}, line {i}: empty id or file")
        if rid in seen:
            raise CorpusError(f"{m}, line {i}: duplicate id {rid!r}")
        seen.add(rid)
        meta = {k: (v or "").strip() for k, v in row.items() if k not in REQUIRED and k is not None}
        entries.append(Entry(rid, d / file, meta))
    return entries


def load_corpus(directory: str | Path = BUNDLED, *, ids: list[str] | None = None) -> list[Document]:
    """Parse every document of a corpus directory (or those named in ``ids``)."""
    entries = read_manifest(directory)
    if ids is not None:
        known = {e.id for e in entries}
        unknown = [i for i in ids if i not in known]
        if unknown:
            raise CorpusError(f"unknown corpus id(s): {', '.join(unknown)}")
        entries = [e for e in entries if e.id in ids]
    return [parse_file(e.path, id=e.id, meta=e.meta) for e in entries]


def iter_corpus(directory: str | Path = BUNDLED) -> Iterator[Document]:
    for e in read_manifest(directory):
        yield parse_file(e.path, id=e.id, meta=e.meta)


def resolve(ref: str, *, corpus: str | Path = BUNDLED) -> Document:
    """A document from a file path, or from a corpus id of the manifest (bundled corpus by default)."""
    p = Path(ref)
    if p.exists():
        return parse_file(p)
    try:
        entries = read_manifest(corpus)
    except CorpusError:
        entries = []
    for e in entries:
        if e.id == ref or e.path.name == ref:
            return parse_file(e.path, id=e.id, meta=e.meta)
    ids = ", ".join(e.id for e in entries)
    raise InputError(f"{ref}: no such file or corpus id" + (f" (corpus ids: {ids})" if ids else ""))


def load_many(refs: list[str], *, corpus: str | Path = BUNDLED) -> list[Document]:
    """Documents from a mix of corpus directories, files and corpus ids; none means the bundled corpus."""
    if not refs:
        return load_corpus(corpus)
    docs: list[Document] = []
    for ref in refs:
        p = Path(ref)
        if p.is_dir():
            docs.extend(load_corpus(p))
        else:
            docs.append(resolve(ref, corpus=corpus))
    return docs
