"""Folders in: every plan file of a folder, read recursively (on two cores from a few dozen files)."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

from ..errors import InputError
from ..han import count_han
from ..metadata import from_file_name, parse_date, spoken_date
from ..normalize.webpage import check_policy_page
from ..readers import REFUSED, SUFFIXES, read_document
from .raw import RawDocument, _reason, display_name
from .tables import TABLE_SUFFIXES, table_or_skip


def read_folder_documents(folder: Path, skipped: list[dict[str, str]],
                          progress: Callable[[int], None] | None = None, *, sheet: str | None = None,
                          columns: dict[str, str | None] | None = None,
                          used: dict[str, str | None] | None = None,
                          exclude: Path | None = None) -> Iterator[RawDocument]:
    """Documents from the plan files and tables of a folder and its subfolders (text, Markdown,
    HTML, PDF, DOCX; CSV, XLSX, Parquet, JSON Lines); a file that cannot be read (a table without
    a text column, a scraper's log of failures) goes to ``skipped`` with the reason, never
    stopping the rest. Hidden files and files of other kinds are not looked at."""
    todo, tables = [], []
    skip = exclude.resolve() if exclude is not None else None
    for p in sorted(folder.rglob("*")):
        rel = p.relative_to(folder)
        if any(part.startswith(".") for part in rel.parts) or not p.is_file():
            continue
        if skip is not None and (skip == p.resolve() or skip in p.resolve().parents):
            continue  # the corpus being written inside the folder read: not read back into itself
        suffix = p.suffix.lower()
        if suffix in SUFFIXES or suffix in REFUSED:
            todo.append((p, display_name(str(rel))))
        elif suffix in TABLE_SUFFIXES:
            tables.append((p, display_name(str(rel))))
    for p, origin in tables:
        yield from table_or_skip(p, origin, skipped, sheet=sheet, columns=columns, used=used)
        if progress:
            progress(1)
    for docs, skips in _read_all(todo):
        skipped.extend(skips)
        if progress:
            progress(1)
        yield from docs


#: Files read in worker processes when a folder holds at least this many (PDFs take ~0.1 s each).
PARALLEL_FROM = 40


def _read_one(job: tuple[Path, str]) -> tuple[list[RawDocument], list[dict[str, str]]]:
    skipped: list[dict[str, str]] = []
    return list(_file_document(job[0], job[1], skipped)), skipped


def _read_all(todo: list[tuple[Path, str]]) -> Iterator[tuple[list[RawDocument], list[dict[str, str]]]]:
    """Each file's documents and skips, in order; on the machine's cores (two at most, as the
    index does) when there are many."""

    workers = min(2, os.cpu_count() or 1)
    if workers > 1 and len(todo) >= PARALLEL_FROM and hasattr(os, "fork"):
        from ..workers import fork_map  # workers with the default SIGTERM: no "Terminated" tracebacks

        yield from fork_map(_read_one, todo, workers=workers, chunksize=8)
    else:
        yield from map(_read_one, todo)


def _file_document(p: Path, origin: str, skipped: list[dict[str, str]]) -> Iterator[RawDocument]:
    """The document of one plan file, or its entry in ``skipped``."""
    if p.name.startswith("~$"):
        skipped.append({"file": origin, "reason": "a Word lock file (left while the document was open), not a plan"})
        return
    try:
        read = read_document(p)
    except InputError as exc:
        skipped.append({"file": origin, "reason": _reason(exc, p)})
        return
    except Exception as exc:  # a reader's library failing on a damaged file must not stop the folder
        skipped.append({"file": origin, "reason": f"cannot be read ({type(exc).__name__}: {exc})"[:300]})
        return
    if count_han(read.text[:5000]) < 10:
        skipped.append({"file": origin, "reason": "no Chinese text"})
        return
    try:  # a printout of a landing or search page: site chrome, no policy
        check_policy_page(read.text, name=str(p))
    except InputError as exc:
        skipped.append({"file": origin, "reason": _reason(exc, p)})
        return
    named = from_file_name(display_name(p.name))
    # No title from the file's name here: the manifest's title would override the text's own
    # title line; parse falls back to the name (source_file) when the text has none.
    meta = {"source_file": origin, "encoding": read.encoding, "format": read.reader,
            "title": read.meta.get("title", "")}
    date = spoken_date(read.text) or parse_date(read.meta.get("date", "")) or named.get("date")
    if date:
        meta["date"] = date
    elif named.get("year"):
        meta["year"] = named["year"]
    if read.meta.get("source_url"):
        meta["source_url"] = read.meta["source_url"]
    if read.counts.get("pdf_pages_without_text"):  # partly scanned: those pages need OCR
        meta["pages_without_text"] = str(read.counts["pdf_pages_without_text"])
    yield RawDocument(origin=origin, text=read.text, meta=meta, name=display_name(p.stem))


