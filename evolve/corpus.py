"""A corpus: a directory of plan files with a manifest (``manifest.csv``) of their metadata.

The manifest has one row per document with at least ``id`` and ``file``; the columns ``place``,
``province``, ``level``, ``year``, ``date``, ``title``, ``doc_number`` and ``issuer`` override what
is read from the text, and any other column is kept as metadata (``Document.extra``).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from .errors import CorpusError, InputError
from .manifest import MANIFEST, REQUIRED, Entry, entry_for_file, read_manifest
from .parse import parse_file
from .records import Document

#: The corpus bundled with evolve: the five seed plans.
BUNDLED = Path(__file__).resolve().parent.parent / "corpus"

__all__ = ["BUNDLED", "MANIFEST", "REQUIRED", "Entry", "iter_corpus", "load_corpus", "load_many",
           "read_manifest", "resolve"]


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


def resolve(ref: str, *, corpus: str | Path | None = BUNDLED) -> Document:
    """A document from a file path or a corpus id (of ``corpus``, the bundled corpus by default).

    A file inside a corpus folder (``CORPUS/docs/x.txt``) keeps its manifest row: id, title,
    place, year. An id is looked up in ``corpus``; a corpus given that cannot be read is an error.
    """
    base = Path(corpus) if corpus is not None else BUNDLED
    p = Path(ref)
    if p.is_file() or (p.exists() and not p.is_dir()):
        entry = entry_for_file(p, corpus=base if base != BUNDLED and (base / MANIFEST).is_file() else None)
        if entry is not None:
            return parse_file(p, id=entry.id, meta=entry.meta)
        return parse_file(p)
    if p.is_dir():
        raise InputError(f"{ref}: is a directory; name a plan file or a corpus id")
    try:
        entries = read_manifest(base)
    except CorpusError:
        if base != BUNDLED:
            raise
        entries = []
    for e in entries:
        if e.id == ref or e.path.name == ref:
            return parse_file(e.path, id=e.id, meta=e.meta)
    ids = ", ".join(e.id for e in entries[:20]) + (f" … ({len(entries)} in all)" if len(entries) > 20 else "")
    where = "" if base == BUNDLED else f" in {base}"
    raise InputError(f"{ref}: no such file or corpus id{where}" + (f" (corpus ids: {ids})" if ids else ""))


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
