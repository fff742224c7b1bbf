"""A corpus: a directory of plan files with a manifest (``manifest.csv``) of their metadata.

The manifest has one row per document with at least ``id`` and ``file``; the columns ``place``,
``province``, ``level``, ``year``, ``date``, ``title``, ``doc_number`` and ``issuer`` override what
is read from the text, and any other column is kept as metadata (``Document.extra``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path

from .errors import CorpusError, EvolveError, InputError, UnknownReferenceError
from .manifest import MANIFEST, REQUIRED, Entry, entry_for_file, read_manifest
from .parse import parse_file
from .records import Document, Failure

#: The corpus bundled with evolve: the five seed plans.
BUNDLED = Path(__file__).resolve().parent.parent / "corpus"

__all__ = ["BUNDLED", "MANIFEST", "REQUIRED", "Entry", "iter_corpus", "load_corpus", "load_many",
           "read_manifest", "resolve"]


def load_corpus(directory: str | Path = BUNDLED, *, ids: list[str] | None = None,
                failed: list[Failure] | None = None) -> list[Document]:
    """Parse every document of a corpus directory (or those named in ``ids``).

    With ``failed`` (a list), a document that cannot be read or parsed is appended there as a
    ``Failure`` and the others are still returned; without it, the first such error is raised.
    """
    entries = read_manifest(directory)
    if ids is not None:
        known = {e.id for e in entries}
        unknown = [i for i in ids if i not in known]
        if unknown:
            raise CorpusError(f"unknown corpus id(s): {', '.join(unknown)}")
        entries = [e for e in entries if e.id in ids]
    if failed is None:
        return [parse_file(e.path, id=e.id, meta=e.meta) for e in entries]
    docs = []
    for e in entries:
        doc = try_parse(e)
        if isinstance(doc, Failure):
            failed.append(doc)
        else:
            docs.append(doc)
    return docs


def iter_corpus(directory: str | Path = BUNDLED) -> Iterator[Document]:
    for e in read_manifest(directory):
        yield parse_file(e.path, id=e.id, meta=e.meta)


def try_parse(entry: Entry) -> Document | Failure:
    """Parse one manifest entry; what cannot be read or parsed comes back as a ``Failure``."""
    return isolated(lambda: parse_file(entry.path, id=entry.id, meta=entry.meta),
                    id=entry.id, source=str(entry.path))


def isolated(load: Callable[[], Document], *, id: str, source: str) -> Document | Failure:
    """Run ``load``; an error in one document becomes its ``Failure`` instead of stopping a
    corpus. A bug (anything but an ``EvolveError``) is named as one too, with its type. A name
    that is neither a file nor a corpus id (``UnknownReferenceError``) is still raised."""
    try:
        return load()
    except UnknownReferenceError:
        raise
    except EvolveError as exc:  # its message names the file already: keep only the reason
        return Failure(id, source, _one_line(str(exc).removeprefix(f"{source}: ")))
    except RecursionError:
        return Failure(id, source, "could not be parsed (nesting too deep); please report this "
                                   "file as an evolve bug")
    except Exception as exc:
        return Failure(id, source, _one_line(f"could not be parsed ({type(exc).__name__}: {exc}); "
                                             "please report this file as an evolve bug"))


def _one_line(text: str, limit: int = 300) -> str:
    text = re.sub(r"\s+", " ", text).strip()
    return text if len(text) <= limit else text[: limit - 1] + "…"


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
    raise UnknownReferenceError(f"{ref}: no such file or corpus id{where}" + (f" (corpus ids: {ids})" if ids else ""))


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
