"""Tables in: CSV, XLSX, Parquet and JSON Lines rows as documents, their columns guessed, export headers taken out."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..errors import ImportSourceError, InputError
from ..lazy_pattern import lazy
from ..load import TABLE_SUFFIXES, decode, read_bytes, regular_file
from ..metadata import spoken_date
from .raw import RawDocument, _reason

#: Excel (and most exports made through it) cut a cell at this many characters.
EXCEL_CELL_LIMIT = 32_767




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
_HEADER_KV = lazy(
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
            if "date" in role_of.values() and not (columns or {}).get("date"):
                _prefer_spoken_date(meta, text, mapping["date"])  # type: ignore[arg-type]
            # Excel stops a cell at exactly 32,767 characters; a CSV or Parquet text may be longer
            yield RawDocument(origin=f"{label}:{i}", text=text, meta=meta,
                              truncated=excel and len(text) == EXCEL_CELL_LIMIT)


def _prefer_spoken_date(meta: dict[str, str], text: str, column: str) -> None:
    """A guessed date column mostly holds when a site published the text; the text's own date line
    (a report's "——2026年1月28日在…会议上") dates it, as when the same text is read from a file.
    The column's value is kept under the column's name. A date column the user named wins."""
    spoken = spoken_date(text)
    if not spoken or spoken == meta.get("date"):
        return
    if meta.get("date"):
        key = column
        while key in meta or key in GUESSES:
            key = "source_" + key
        meta[key] = meta["date"]
    meta["date"] = spoken
