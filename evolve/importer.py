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

import csv
import hashlib
import json
import os
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import ImportSourceError, InputError
from .load import decode, read_bytes, regular_file
from .manifest import canonical_level
from .metadata import date_line, from_file_name, parse_date, parse_year
from .normalize.webpage import check_policy_page
from .output import safe_name
from .publish import clean_stale, import_lock, own_files, publish, temporary
from .readers import REFUSED, SUFFIXES, read_document

#: Excel (and most exports made through it) cut a cell at this many characters.
EXCEL_CELL_LIMIT = 32_767
TABLE_SUFFIXES = {".csv", ".tsv", ".xlsx", ".xlsm", ".parquet", ".pq", ".jsonl", ".ndjson"}

#: Guesses for each role, in order of preference; compared case- and space-insensitively.
GUESSES: dict[str, tuple[str, ...]] = {
    "text": ("正文", "全文", "内容", "文本", "政策内容", "政策全文", "正文内容", "policy content",
             "content", "full text", "fulltext", "text", "body"),
    "title": ("标题", "政策名称", "文件名称", "名称", "政策标题", "题目", "policy title", "title", "name"),
    "year": ("year", "年份", "年度", "发布年份"),
    "date": ("发布日期", "发布时间", "成文日期", "印发日期", "公布日期", "日期", "时间", "release time",
             "release date", "publish date", "date", "issued"),
    "place": ("地区", "地点", "城市", "省份", "行政区", "发布地区", "区域", "place", "city", "region",
              "province"),
    "issuer": ("发文机关", "发布机关", "发布部门", "发布机构", "发文单位", "制定机关", "issuer",
               "issuing authority", "department", "agency"),
    "doc_number": ("发文字号", "文号", "文件编号", "document number", "doc number", "doc_number"),
    "level": ("级别", "层级", "行政级别", "行政层级", "地区级别", "level"),
    "id": ("id", "编号", "序号", "doc_id", "document id"),
}

# Export header lines: 【key】value, or key: value for the usual portal keys, at the top of a file.
_HEADER_KV = re.compile(
    r"^\s*(?:【(?P<k1>[^】]{2,8})】\s*(?P<v1>.*)|"
    r"(?P<k2>法宝引证码|原文链接|原文地址|来源链接|索引号|主题分类|发文机关|成文日期|发布日期|发文字号|"
    r"发布部门|发布机构|效力级别|时效性|实施日期|信息来源|文号|生效日期)[::]\s*(?P<v2>.*))$"
)
_HEADER_FIELD = {  # header key -> manifest column
    "标题": "title", "发布部门": "issuer", "发文机关": "issuer", "发布机构": "issuer",
    "发文字号": "doc_number", "文号": "doc_number", "发布日期": "date", "成文日期": "date",
    "原文链接": "source_url", "原文地址": "source_url", "来源链接": "source_url",
    "法宝引证码": "citation_code",
}
_HEAD_LINES = 25
_SLUG = re.compile(r"[^0-9A-Za-z\u4e00-\u9fff]+")


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


def split_export_header(text: str) -> tuple[str, dict[str, str]]:
    """Take database-export header lines off the top of a text; return (body, fields)."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    fields: dict[str, str] = {}
    keep: list[str] = []
    for i, line in enumerate(lines):
        m = _HEADER_KV.match(line) if i < _HEAD_LINES or line.lstrip().startswith(("原文链接", "【法宝")) else None
        if m:
            key = (m.group("k1") or m.group("k2")).strip()
            value = (m.group("v1") if m.group("k1") else m.group("v2")) or ""
            column = _HEADER_FIELD.get(key, key)
            fields.setdefault(column, value.strip())
        else:
            keep.append(line)
    return "\n".join(keep).strip("\n"), fields


def _norm(name: str) -> str:
    return re.sub(r"[\s_\-]+", " ", str(name)).strip().lower()


def display_name(name: str) -> str:
    """A file name as text: one whose bytes are not UTF-8 (a GBK name from a Windows zip) is
    decoded as GB18030 or Big5 where that reads, with replacement characters otherwise, never
    left holding surrogates (which no UTF-8 file, JSON or terminal takes)."""
    try:
        name.encode("utf-8")
        return name
    except UnicodeEncodeError:
        pass
    import os

    raw = os.fsencode(name)
    for enc in ("gb18030", "big5"):
        try:
            return raw.decode(enc)
        except UnicodeDecodeError:
            continue
    return raw.decode("utf-8", "replace")


def guess_columns(columns: list[str], given: dict[str, str | None]) -> dict[str, str | None]:
    """Map roles (text, title, date, place, issuer, doc_number, id) to columns.

    A column named in ``given`` must exist (the error lists the available columns); the others are
    guessed from ``GUESSES``. A text column is required.
    """
    by_norm = {_norm(c): c for c in columns}
    used: set[str] = set()
    mapping: dict[str, str | None] = {}
    for role, wanted in given.items():
        if wanted is None:
            continue
        if wanted in columns:
            mapping[role] = wanted
        elif _norm(wanted) in by_norm:
            mapping[role] = by_norm[_norm(wanted)]
        else:
            raise ImportSourceError(f"no column {wanted!r} for --{role.replace('_', '-')}-column; "
                               f"available columns: {', '.join(map(str, columns)) or 'none'}")
        used.add(mapping[role])  # type: ignore[arg-type]
    for role, names in GUESSES.items():
        if role in mapping:
            continue
        mapping[role] = next((by_norm[n] for n in names if n in by_norm and by_norm[n] not in used), None)
        if mapping[role]:
            used.add(mapping[role])  # type: ignore[arg-type]
    if mapping.get("text") is None:
        raise ImportSourceError(f"cannot tell which column holds the text; use --text-column; "
                           f"available columns: {', '.join(map(str, columns)) or 'none'}")
    return mapping


def _cell(value: Any) -> str:
    if value is None:
        return ""
    try:
        import pandas as pd

        if pd.isna(value):
            return ""
        if isinstance(value, pd.Timestamp):
            return value.date().isoformat()
    except (TypeError, ValueError):
        pass
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _read_table(path: Path, *, sheet: str | None) -> Iterator[tuple[str, Any]]:
    """Yield (origin label, DataFrame) for each table in a file; every sheet unless one is named."""
    import pandas as pd

    suffix = path.suffix.lower()
    try:
        regular_file(path)  # a FIFO or device named as a table: refused, not read for ever
    except InputError as exc:
        raise ImportSourceError(str(exc)) from None
    try:
        if suffix in {".csv", ".tsv"}:
            # A table holds many plans: no per-plan size limit (load.read_bytes), same decoding.
            text, _ = decode(read_bytes(path, limit=None), name=str(path))
            import io

            yield path.name, pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False,
                                         sep="\t" if suffix == ".tsv" else ",")
        elif suffix in {".xlsx", ".xlsm"}:
            sheets = pd.read_excel(path, sheet_name=sheet if sheet else None, dtype=object)
            if isinstance(sheets, dict):
                for name, frame in sheets.items():
                    yield f"{path.name}:{name}", frame
            else:
                yield f"{path.name}:{sheet}", sheets
        elif suffix in {".parquet", ".pq"}:
            yield path.name, pd.read_parquet(path)
        elif suffix in {".jsonl", ".ndjson"}:
            yield path.name, pd.read_json(path, lines=True, dtype=False)
        else:
            known = ", ".join(sorted(TABLE_SUFFIXES))
            raise ImportSourceError(f"{path}: unknown table format {suffix!r} (use {known})")
    except ValueError as exc:
        if sheet and "not found" in str(exc).lower():
            raise ImportSourceError(f"{path}: {exc}") from None
        raise ImportSourceError(f"{path}: cannot read as a table ({exc})") from None


def table_or_skip(path: Path, origin: str, skipped: list[dict[str, str]], *, sheet: str | None = None,
                  columns: dict[str, str | None] | None = None,
                  used: dict[str, str | None] | None = None) -> list[RawDocument]:
    """The documents of one table among others; a table that cannot be read (no text column, not
    a table) goes to ``skipped`` with the reason instead of stopping the import."""
    mapping: dict[str, str | None] = {}
    try:
        docs = list(read_table_documents(path, sheet=sheet, columns=columns, used=mapping))
    except (ImportSourceError, InputError) as exc:
        skipped.append({"file": origin, "reason": _reason(exc, path)})
        return []
    if not docs:
        skipped.append({"file": origin, "reason": "a table without rows"})
    if used is not None:
        for role, column in mapping.items():
            if column and not used.get(role):
                used[role] = column
    return docs


def read_table_documents(path: Path, *, sheet: str | None = None,
                         columns: dict[str, str | None] | None = None,
                         used: dict[str, str | None] | None = None) -> Iterator[RawDocument]:
    """Documents from a CSV/XLSX/Parquet/JSONL file; ``used`` receives the column mapping."""
    excel = path.suffix.lower() in {".xlsx", ".xlsm"}
    for label, frame in _read_table(path, sheet=sheet):
        cols = [str(c) for c in frame.columns]
        frame.columns = cols
        mapping = guess_columns(cols, dict(columns or {}))  # no text column: said even when empty
        if frame.empty:
            continue
        if used is not None:
            used.update(mapping)
        role_of = {c: r for r, c in mapping.items() if c}
        for i, row in enumerate(frame.itertuples(index=False), start=2):
            values = dict(zip(cols, row, strict=True))
            raw_text = values[mapping["text"]]  # type: ignore[index]
            text = _cell(raw_text)
            meta: dict[str, str] = {}
            for c in cols:
                if c == mapping["text"]:
                    continue
                role = role_of.get(c)
                key = "source_id" if role == "id" else (role or c)
                while role is None and (key in meta or key in role_of.values() or key == "source_id"):
                    key = "source_" + key  # a column named like a role another column fills
                meta[key] = _cell(values[c])
            # Excel stops a cell at exactly 32,767 characters; a CSV or Parquet text may be longer
            yield RawDocument(origin=f"{label}:{i}", text=text, meta=meta,
                              truncated=excel and len(text) == EXCEL_CELL_LIMIT)


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
    import os

    workers = min(2, os.cpu_count() or 1)
    if workers > 1 and len(todo) >= PARALLEL_FROM and hasattr(os, "fork"):
        from .workers import fork_map  # workers with the default SIGTERM: no "Terminated" tracebacks

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
    if sum(1 for c in read.text[:5000] if "\u4e00" <= c <= "\u9fff") < 10:
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
    head = read.text[:3000].split("\n")[:15]
    spoken = date_line(head)
    date = (parse_date(spoken) if spoken else None) or parse_date(read.meta.get("date", "")) or named.get("date")
    if date:
        meta["date"] = date
    elif named.get("year"):
        meta["year"] = named["year"]
    if read.meta.get("source_url"):
        meta["source_url"] = read.meta["source_url"]
    if read.counts.get("pdf_pages_without_text"):  # partly scanned: those pages need OCR
        meta["pages_without_text"] = str(read.counts["pdf_pages_without_text"])
    yield RawDocument(origin=origin, text=read.text, meta=meta, name=display_name(p.stem))


def _reason(exc: Exception, p: Path) -> str:
    """The error's message without the path it starts with (the summary names the file)."""
    msg = str(exc)
    for prefix in (f"{p}: ", f"{p.name}: ", f"{display_name(str(p))}: "):
        if msg.startswith(prefix):
            return msg[len(prefix):]
    return msg


def body_hash(text: str) -> str:
    """A hash of the text's words only (spacing and punctuation ignored), for duplicates."""
    core = "".join(ch for ch in text if ch.isalnum())
    return hashlib.sha256(core.encode("utf-8")).hexdigest()[:16]


def _slug(text: str, limit: int = 24) -> str:
    s = _SLUG.sub("-", text).strip("-")
    return s[:limit].strip("-")


def _year(meta: dict[str, str]) -> str:
    date = meta.get("date", "")
    if re.fullmatch(r"\d{4}", date):
        return date
    iso = parse_date(date) if date else None
    if iso:
        meta["date"] = iso
        return iso[:4]
    m = re.search(r"(19|20)\d{2}", date)
    return m.group(0) if m else ""


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
        body, header = split_export_header(raw.text)
        if sum(1 for c in body if "\u4e00" <= c <= "\u9fff") < 10:
            summary.empty.append(raw.origin)
            continue
        # one line per value: a manifest row is one line (a line break in a cell is a space)
        meta = _user_columns({k: _one_line(v) for k, v in raw.meta.items()})
        for k, v in header.items():
            if v and not meta.get(k):
                meta[k] = _one_line(v)
        if meta.get("level"):
            meta["level"] = canonical_level(meta["level"])
        year = parse_year(meta.get("year", ""))
        meta["year"] = str(year) if year else _year(meta)
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


#: Columns evolve writes for itself in a manifest (besides the metadata ``_FIRST`` names).
OWN_COLUMNS = ("id", "file", "content_hash", "truncated", "origin")


def _user_columns(meta: dict[str, str]) -> dict[str, str]:
    """The metadata with a table's columns kept whatever their names: a column that would read
    back as one of evolve's own (``File``, ``origin``, a second ``Year`` beside ``year``; compared
    as the manifest reader compares names) is kept as ``source_NAME``, never overwritten and never
    overwriting."""
    from .manifest import column_key

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


#: Characters of the title kept in an id (cut at a word boundary, never inside a word).
ID_TITLE_CHARS = 20
_LEADING_YEAR = re.compile(r"^\s*(?:(?:19|20)\d{2}\s*(?:[-—~至到]\s*(?:19|20)?\d{2,4})?\s*年?度?)\s*")
_BREAK = re.compile(r"[（(【\[「『:：—]")


def _short_title(title: str, *, place: str = "", year: str = "") -> str:
    """The title for an id: no leading year (the id starts with it) or place, cut at a natural
    break (a bracket, a colon, a dash) or a word boundary (jieba's words, via rjieba) within
    ``ID_TITLE_CHARS`` characters."""
    t = _LEADING_YEAR.sub("", title.strip()) if year else title.strip()
    for p in sorted({place, place.rstrip("市省县区")} - {""}, key=len, reverse=True):
        if t.startswith(p) and len(t) > len(p) + 1:
            t = t[len(p):]
            break
    t = re.sub(r"[《》〈〉“”\"'‘’]", "", t)  # quotation marks around a plan's name: not a break
    m = _BREAK.search(t)
    if m and m.start() >= 4:
        t = t[:m.start()]
    t = _SLUG.sub("-", t).strip("-")
    if len(t) <= ID_TITLE_CHARS:
        return t
    import rjieba

    kept = ""
    for word in rjieba.cut(t):
        if len(kept) + len(word) > ID_TITLE_CHARS:
            break
        kept += word
    return (kept or t[:ID_TITLE_CHARS]).strip("-")


def _make_id(meta: dict[str, str], n: int, taken: set[str], *, name: str = "") -> str:
    """A stable, readable id: year-place-title (the file's name without a title), the title cut
    at a word; ``-2``, ``-3`` … when an earlier document took it (compared case-insensitively:
    the id names a file)."""
    year = meta.get("year", "")
    place = _slug(meta.get("place", ""), 8)
    parts = [year, place, _short_title(meta.get("title", "") or name, place=meta.get("place", ""), year=year)]
    base = "-".join(p for p in parts if p) or "doc"
    if base == "doc":
        base = f"doc-{n:05d}"
    lowered = {t.lower() for t in taken}
    rid, k = base, 1
    while rid.lower() in lowered:
        k += 1
        rid = f"{base}-{k}"
    return rid


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
