"""From a file or a string to a parsed ``Document``: load, normalise, segment, read metadata."""

from __future__ import annotations

from dataclasses import fields, replace
from pathlib import Path
from typing import Any

from . import metadata
from .errors import CorpusError, InputError, NoTextError
from .han import count_han
from .load import TABLE_SUFFIXES
from .normalize import normalise
from .normalize.webpage import CHROME_RULES, check_policy_page
from .readers import read_document
from .records import Document, Meta
from .segment import segment

#: A text with fewer Han characters than this is not a Chinese plan.
MIN_HAN = 10


def parse_text(text: str, *, id: str = "text", source: str = "<text>", encoding: str = "utf-8",
               meta: dict[str, Any] | None = None, reader: str = "text",
               read_log: dict[str, int] | None = None, hints: dict[str, str] | None = None,
               file_name: str | None = None, meta_source: str = "manifest") -> Document:
    """Parse an already decoded plan. ``meta`` (e.g. a manifest row) overrides extracted values;
    ``meta_source`` names where it came from in ``Meta.sources`` ("manifest", "table").

    ``read_log`` (the reader's changes) opens the normalisation log; ``hints`` (what the file
    states, such as a front matter title) and ``file_name`` fill in what the text does not say.
    """
    han = count_han(text)
    if han < MIN_HAN:
        raise NoTextError(f"{source}: no Chinese text found ({han} Han characters); is this a plan?")
    norm = normalise(text)
    check_policy_page(norm.text, name=source, chrome=sum(norm.counts.get(rule, 0) for rule in CHROME_RULES))
    structure = segment(norm.text)
    removed = [line for _, line in norm.removed]
    extracted = metadata.extract(list(structure.letterhead), norm.text, removed, file_name=file_name,
                                 hints=hints)
    final_meta, extra = _override(extracted, meta or {}, source=meta_source)
    log = dict(read_log or {})
    for rule, n in norm.counts.items():
        log[rule] = log.get(rule, 0) + n
    return Document(
        id=id, source=source, encoding=encoding, meta=final_meta, text=norm.text,
        provisions=structure.provisions, normalisation=log,
        headings=structure.headings, extra=extra, reader=reader,
    )


def parse_file(path: str | Path, *, id: str | None = None, meta: dict[str, Any] | None = None) -> Document:
    """Read (PDF, DOCX, Markdown, HTML or text: ``evolve.readers``) and parse a plan file.

    A table (CSV, TSV, XLSX, Parquet, JSON Lines) holding one document is read as ``evolve import``
    reads it: its text column is the plan, its other columns (title, year, place, date …) the
    metadata. A table of several documents is refused: import it as a corpus."""
    p = Path(path)
    if p.suffix.lower() in TABLE_SUFFIXES:
        return _parse_table(p, id=id, meta=meta)
    read = read_document(p)
    # an imported document's own name is its id; the name it arrived under says more
    name = str((meta or {}).get("source_file") or p.name)
    return parse_text(read.text, id=id or p.stem, source=str(p), encoding=read.encoding, meta=meta,
                      reader=read.reader, read_log=read.counts, hints=read.meta, file_name=name)


def _parse_table(path: Path, *, id: str | None, meta: dict[str, Any] | None) -> Document:
    from itertools import islice

    from .importer import manifest_row
    from .importer.tables import read_table_documents

    rows = list(islice(read_table_documents(path), 2))
    if not rows:
        raise InputError(f"{path}: a table without documents")
    if len(rows) > 1:
        raise InputError(f"{path}: a table of several documents; import it as a corpus first "
                         f"(evolve import {path} --out DIR) and name its documents by id")
    body, given = manifest_row(rows[0])
    given = {k: v for k, v in given.items() if v}
    # a table's date is mostly when a site published the text: the text's own date line (a
    # report's "——2026年1月28日在…会议上") wins, the column fills in where the text has none
    hints = {"date": given.pop("date")} if "date" in given else {}
    return parse_text(body, id=id or path.stem, source=str(path), meta={**given, **(meta or {})},
                      reader="table", file_name=path.name, hints=hints, meta_source="table")


def id_of(given: dict[str, Any]) -> str:
    return str(given.get("id") or given.get("title") or "manifest row")


def _override(meta: Meta, given: dict[str, Any], *, source: str = "manifest") -> tuple[Meta, dict[str, Any]]:
    names = {f.name for f in fields(Meta)} - {"sources"}
    changes: dict[str, Any] = {}
    sources = dict(meta.sources)
    extra: dict[str, Any] = {}
    for key, value in given.items():
        if value is None or value == "":
            continue
        if key in names:
            if key == "year":
                year = metadata.parse_year(str(value))
                if year is None:
                    raise CorpusError(f"{id_of(given)}: year {value!r} is not a year")
                value = year
            changes[key] = value
            sources[key] = source
        else:
            extra[key] = value
    return replace(meta, **changes, sources=sources), extra
