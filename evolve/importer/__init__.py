"""Importing collections of plans: spreadsheets, tables and folders of plan files to a corpus.

A corpus directory is what ``evolve.corpus`` reads: ``manifest.csv`` (id, file, metadata columns)
and one UTF-8 ``.txt`` per document under ``docs/``. Folders are read recursively, each plan file
through its reader (text, Markdown, HTML, PDF, DOCX: ``evolve.readers``); the importer guesses
the text, title, date and place columns from common names (正文, 标题, 发布日期, "Policy Content",
"Release Time" …), keeps every other column as metadata, takes database-export header lines (【法宝引证码】, 原文链接 …)
out of the text into manifest columns, flags XLSX cells cut at Excel's 32,767-character limit and
documents whose text is already in the corpus, and skips files it cannot decode (named in the
summary). The directory is written to a temporary sibling and renamed (``evolve.publish``), so an
interrupted import leaves either the old corpus or the new one, never half of one, and
``--overwrite`` never deletes a file the import did not write.
"""

from __future__ import annotations

__all__ = ["EXCEL_CELL_LIMIT", "TABLE_SUFFIXES", "ImportSummary", "RawDocument", "_make_id", "_read_all",
           "guess_columns", "import_sources", "read_folder_documents", "read_table_documents",
           "split_export_header"]

import csv
import json
import os
import re
from collections.abc import Callable
from pathlib import Path

from ..errors import ImportSourceError
from ..han import count_han
from ..manifest import canonical_level
from ..metadata import parse_year
from ..output import safe_name
from ..publish import clean_stale, import_lock, own_files, publish, temporary

# the names scripts and tests import from evolve.importer
from .folders import _file_document, _read_all, read_folder_documents
from .ids import _make_id, _year, body_hash
from .raw import ImportSummary, RawDocument, display_name
from .tables import (
    EXCEL_CELL_LIMIT,
    TABLE_SUFFIXES,
    guess_columns,
    read_table_documents,
    split_export_header,
    table_or_skip,
)


def import_sources(sources: list[str | Path], out: str | Path, *, sheet: str | None = None,
                   columns: dict[str, str | None] | None = None, overwrite: bool = False,
                   progress: Callable[[int], None] | None = None,
                   read_progress: Callable[[int], None] | None = None) -> ImportSummary:
    """Import tables, plan files and folders of them into the corpus directory ``out``;
    ``read_progress`` advances per file read, ``progress`` per document written."""
    if not str(out).strip():
        raise ImportSourceError("--out is empty; name the corpus folder to write")
    out = Path(out)
    if out.name in ("", ".", ".."):  # "." or "x/..": the folder they resolve to
        out = Path(os.path.abspath(out))
    with import_lock(out):  # a second import into the same --out is refused, not raced
        return _import(sources, out, sheet=sheet, columns=columns, overwrite=overwrite,
                       progress=progress, read_progress=read_progress)


def _import(sources: list[str | Path], out: Path, *, sheet: str | None,
            columns: dict[str, str | None] | None, overwrite: bool,
            progress: Callable[[int], None] | None,
            read_progress: Callable[[int], None] | None) -> ImportSummary:
    notices = clean_stale(out)  # first: an interrupted swap may have moved the old corpus aside
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        if not (out / "manifest.csv").exists():
            raise ImportSourceError(f"{out}: exists and is not a corpus directory; choose another --out")
        if not overwrite:
            raise ImportSourceError(f"{out}: already holds a corpus; pass --overwrite to replace it")
        if own_files(out) is None:
            raise ImportSourceError(f"{out}: holds a corpus that evolve import did not write (no import.json); "
                                    "--overwrite replaces only imported corpora; choose another --out")
    summary = ImportSummary(out=str(out), notices=notices)
    raws: list[RawDocument] = []
    for src in sources:
        p = Path(src)
        summary.sources.append(str(p))
        if not p.exists():
            raise ImportSourceError(f"{p}: no such file or directory")
        if p.is_dir():
            raws.extend(read_folder_documents(p, summary.skipped, read_progress, sheet=sheet,
                                              columns=columns, used=summary.columns, exclude=out))
        elif p.suffix.lower() not in TABLE_SUFFIXES:
            raws.extend(_file_document(p, display_name(p.name), summary.skipped))
        elif len(sources) > 1:  # one table among several: skipped and named if it cannot be read
            raws.extend(table_or_skip(p, display_name(str(p)), summary.skipped, sheet=sheet,
                                      columns=columns, used=summary.columns))
        else:
            used: dict[str, str | None] = {}
            raws.extend(read_table_documents(p, sheet=sheet, columns=columns, used=used))
            summary.columns.update(used)
    if not raws and not summary.skipped:
        raise ImportSourceError("no documents found in " + ", ".join(map(str, sources)))

    with temporary(out) as (tmp, guard):
        rows = _write_documents(raws, tmp, summary, progress)
        _write_manifest(tmp / "manifest.csv", rows)
        record = {**summary.to_dict(), "written_files": ["manifest.csv", "import.json",
                                                         *(r["file"] for r in rows)]}
        (tmp / "import.json").write_text(json.dumps(record, ensure_ascii=False, indent=2), encoding="utf-8")
        summary.notices += publish(tmp, out, guard=guard)
    return summary


def _write_documents(raws: list[RawDocument], root: Path, summary: ImportSummary,
                     progress: Callable[[int], None] | None) -> list[dict[str, str]]:
    (root / "docs").mkdir()
    rows: list[dict[str, str]] = []
    seen: dict[tuple[str, str], str] = {}
    ids: set[str] = set()
    for n, raw in enumerate(raws, start=1):
        if progress:
            progress(1)
        body, meta = manifest_row(raw)
        if count_han(body) < 10:
            summary.empty.append(raw.origin)
            continue
        h = body_hash(body)
        key = (h, meta.get("title", ""))
        rid = _make_id(meta, n, ids, name=raw.name)
        if key in seen:
            summary.duplicates.append({"origin": raw.origin, "duplicate_of": seen[key]})
            continue
        seen[key] = rid
        ids.add(rid)
        file = f"docs/{safe_name(rid, suffix='.txt')}"
        (root / file).write_text(body + "\n", encoding="utf-8")
        if raw.truncated:
            summary.truncated.append(rid)
        rows.append({"id": rid, "file": file, **meta, "content_hash": h,
                     "truncated": "yes" if raw.truncated else "", "origin": raw.origin})
        summary.written += 1
        summary.by_year[meta["year"]] = summary.by_year.get(meta["year"], 0) + 1
    summary.by_year = dict(sorted(summary.by_year.items()))
    return rows


def manifest_row(raw: RawDocument) -> tuple[str, dict[str, str]]:
    """A document's text without its export header, and its metadata as its manifest row holds
    it: the table's columns (one line each), the header's fields, the level and year read."""
    body, header = split_export_header(raw.text)
    # one line per value: a manifest row is one line (a line break in a cell is a space)
    meta = _user_columns({k: _one_line(v) for k, v in raw.meta.items()})
    for k, v in header.items():
        if v and not meta.get(k):
            meta[k] = _one_line(v)
    if meta.get("level"):
        meta["level"] = canonical_level(meta["level"])
    year = parse_year(meta.get("year", ""))
    meta["year"] = str(year) if year else _year(meta)
    return body, meta


#: Columns evolve writes for itself in a manifest (besides the metadata ``_FIRST`` names).
OWN_COLUMNS = ("id", "file", "content_hash", "truncated", "origin")


def _user_columns(meta: dict[str, str]) -> dict[str, str]:
    """The metadata with a table's columns kept whatever their names: a column that would read
    back as one of evolve's own (``File``, ``origin``, a second ``Year`` beside ``year``; compared
    as the manifest reader compares names) is kept as ``source_NAME``, never overwritten and never
    overwriting."""
    from ..manifest import column_key

    own = [k for k in meta if k in _FIRST or not _from_table(k)]
    taken = {column_key(c) for c in (*OWN_COLUMNS, *_FIRST)}
    out: dict[str, str] = {k: meta[k] for k in own if k not in OWN_COLUMNS}
    taken |= {column_key(k) for k in out}
    for k, v in meta.items():
        if k in out:
            continue
        name = k
        while column_key(name) in taken:
            name = "source_" + name
        taken.add(column_key(name))
        out[name] = v
    return out


#: Metadata keys evolve sets itself when it reads a file (not a table's columns).
_READ_KEYS = {"source_file", "encoding", "format", "source_url", "pages_without_text", "source_id",
              "citation_code"}


def _from_table(key: str) -> bool:
    return key not in _READ_KEYS


def _one_line(value: str) -> str:
    return re.sub(r"\s*[\r\n]+\s*", " ", value) if "\n" in value or "\r" in value else value


_FIRST = ["id", "file", "title", "date", "year", "place", "province", "level", "issuer", "doc_number"]


def _write_manifest(path: Path, rows: list[dict[str, str]]) -> None:
    columns = list(_FIRST)
    for r in rows:
        for k in r:
            if k not in columns:
                columns.append(k)
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=columns, extrasaction="ignore")
        w.writeheader()
        for r in rows:
            w.writerow({c: (r.get(c) or "") for c in columns})
