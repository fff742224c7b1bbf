"""A corpus's ``manifest.csv``: read, checked line by line, its columns and values made canonical.

Manifests are written by ``evolve import`` or by hand (in Excel, in an editor), so the reader
accepts what people write and refuses, naming the line, what it cannot read:

- columns under their Chinese or other common names (级别, 层级 -> level; 发文单位, 发布机构 ->
  issuer; 年份 -> year; 标题 -> title …) count as the canonical column when that is absent;
- years in any common form (2016, 2016年, 二〇一六, 2016.0, 2016-03, 2016/3/30) become 2016; a value
  that is not a year is an error naming its line; dates become ISO dates where they are dates;
- levels in words (省级, 地级市, 国家级 …) become evolve's (province, prefecture, national …);
- an unbalanced quote (a row that would silently swallow the rows after it), a row with more
  values than columns, an empty or duplicate id are errors naming the line;
- the file may be UTF-8 (with or without BOM) or GB18030, as Excel saves CSV on Chinese Windows.
"""

from __future__ import annotations

import csv
import io
import os
import re
from pathlib import Path

from .dataclass_code import dataclass
from .errors import CorpusError, InputError
from .lazy_pattern import lazy

MANIFEST = "manifest.csv"
REQUIRED = ("id", "file")

#: Other names of the canonical columns, compared case- and space-insensitively.
SYNONYMS: dict[str, tuple[str, ...]] = {
    "id": ("doc_id", "document id", "文档编号", "编号"),
    "file": ("path", "file path", "filename", "file name", "文件", "文件名", "文件路径", "路径"),
    "title": ("标题", "名称", "文件名称", "政策名称", "题目", "文件标题", "name"),
    "year": ("年份", "年度", "年", "发布年份"),
    "date": ("日期", "发布日期", "发布时间", "成文日期", "印发日期", "公布日期"),
    "place": ("地区", "地点", "城市", "行政区", "发布地区", "区域", "地方", "city", "region"),
    "province": ("省份", "省", "所属省份"),
    "level": ("级别", "层级", "行政级别", "层次", "行政层级", "地区级别"),
    "issuer": ("发文单位", "发布机构", "发文机关", "发布机关", "发布部门", "制定机关", "发布单位",
               "agency", "department"),
    "doc_number": ("文号", "发文字号", "文件编号", "document number"),
}
#: Level values in words -> evolve's levels (``index.RANK``).
LEVELS: dict[str, tuple[str, ...]] = {
    "national": ("国家", "国家级", "中央", "中央级", "全国", "central"),
    "province": ("省", "省级", "省份", "自治区", "provincial"),
    "municipality": ("直辖市",),
    "sub-provincial": ("副省级", "副省级市", "计划单列市"),
    "prefecture": ("市", "市级", "地级", "地级市", "地市", "地市级", "city"),
    "county": ("县", "县级", "县级市", "区县", "县区"),
    "district": ("区", "区级", "市辖区"),
}
_LEVEL_OF = {w: level for level, words in LEVELS.items() for w in (level, *words)}


@dataclass(frozen=True)
class Entry:
    """One manifest row."""

    id: str
    path: Path
    meta: dict[str, str]
    line: int = 0  #: the row's line in manifest.csv (for messages)


def _norm(name: str) -> str:
    return re.sub(r"[\s_\-]+", " ", name).strip().lower()


def column_key(name: str) -> str:
    """How the reader compares column names (``File``, ``file`` and `` FILE`` are one)."""
    return _norm(name)


def canonical_columns(columns: list[str]) -> list[str]:
    """The header with synonyms renamed to canonical columns (where the canonical one is absent).
    Two columns that would both become one canonical column (``file`` and ``File``): the first
    is it, the other keeps the name it was written with; no value overwrites another."""
    present = {_norm(c) for c in columns}
    rename: dict[str, str] = {}
    for canon, names in SYNONYMS.items():
        if canon in present:
            continue
        for name in names:
            hit = next((c for c in columns if _norm(c) == _norm(name) and c not in rename), None)
            if hit is not None:
                rename[hit] = canon
                break
    out: list[str] = []
    for c in columns:
        name = rename.get(c, _norm(c) if _norm(c) in SYNONYMS else c)
        if name in out:  # a second column of that name: kept under its own (made unique)
            name, k = c, 1
            while name in out:
                k += 1
                name = f"{c} ({k})"
        out.append(name)
    return out


def canonical_level(value: str) -> str:
    """省级 -> province, 地级市 -> prefecture …; a value evolve does not know is kept as written."""
    v = value.strip()
    return _LEVEL_OF.get(v.lower(), _LEVEL_OF.get(v, v))


def read_manifest(directory: str | Path) -> list[Entry]:
    """Read a corpus directory's manifest; a clear error, naming the line, for what is malformed."""
    d = Path(directory)
    if not d.is_dir():
        raise CorpusError(f"{d}: not a corpus directory")
    m = d / MANIFEST
    if not m.exists():
        raise CorpusError(f"{d}: no {MANIFEST} in this directory (a folder of plan files? "
                          f"import it first: evolve import {d} --out CORPUS)")
    try:
        st = m.stat()
    except OSError as exc:
        raise CorpusError(f"{m}: cannot read ({exc.strerror})") from None
    key = (str(m.resolve()), st.st_mtime_ns, st.st_size)
    cached = _CACHE.get(key)
    if cached is None:
        cached = _read(m, d)
        _CACHE.clear()  # one manifest at a time is what commands use; keep memory flat
        _CACHE[key] = cached
    # copies: a caller changing an entry's metadata must not change the next reader's
    return [Entry(e.id, e.path, dict(e.meta), e.line) for e in cached]


_CACHE: dict[tuple[str, int, int], list[Entry]] = {}


def _read(m: Path, d: Path) -> list[Entry]:
    from .load import decode, read_bytes

    try:  # read_bytes: a FIFO or device in place of the manifest is refused, not read for ever
        text, _ = decode(read_bytes(m, limit=None), name=str(m))
    except InputError as exc:
        raise CorpusError(str(exc)) from None
    except OSError as exc:
        raise CorpusError(f"{m}: cannot read ({exc.strerror})") from None
    _raise_field_limit()
    text = text.lstrip("\ufeff")
    reader = csv.reader(io.StringIO(text), strict=True, delimiter=_delimiter(text))
    rows: list[tuple[int, list[str]]] = []
    last = 0
    try:
        for row in reader:
            start, last = last + 1, reader.line_num
            if any(v.strip() for v in row):
                rows.append((start, row))
    except csv.Error as exc:
        raise CorpusError(f"{m}, line {last + 1}: a quoted value is not closed properly ({exc}); "
                          "an unbalanced quote?") from None
    if not rows:
        raise CorpusError(f"{m}: empty manifest (it needs a header with id and file, and a row per document)")
    header = rows[0][1]
    columns = canonical_columns([c.strip() for c in header])
    missing = [c for c in REQUIRED if c not in columns]
    if missing:
        raise CorpusError(f"{m}: missing column(s) {', '.join(missing)}; has {', '.join(columns) or 'none'}")
    entries: list[Entry] = []
    seen: dict[str, int] = {}
    for line, row in rows[1:]:
        if len(row) > len(columns) and any(v.strip() for v in row[len(columns):]):
            raise CorpusError(f"{m}, line {line}: {len(row)} values but {len(columns)} columns "
                              "(a comma inside a value that is not quoted?)")
        _check_swallowed(m, line, row, columns)
        values = {c: (row[i] if i < len(row) else "") for i, c in enumerate(columns)}
        values = {k: " ".join(v.split()) if "\n" in v else v.strip() for k, v in values.items()}
        rid, file = values.pop("id"), values.pop("file")
        if not rid or not file:
            raise CorpusError(f"{m}, line {line}: empty id or file")
        if rid in seen:
            raise CorpusError(f"{m}, line {line}: duplicate id {rid!r} (first on line {seen[rid]})")
        seen[rid] = line
        entries.append(Entry(rid, d / file, _values(m, line, values), line))
    return entries


def _delimiter(text: str) -> str:
    """The separator of the header line: a comma, or a semicolon or tab (Excel in some locales,
    a TSV saved as .csv) when the header holds none."""
    head = text.lstrip("\n").split("\n", 1)[0]
    if "," in head:
        return ","
    for sep in ("\t", ";", "|"):
        if sep in head:
            return sep
    return ","


def _raise_field_limit() -> None:
    """Let a cell be as long as a plan (the csv module stops at 131,072 characters and calls the
    rest "an unbalanced quote")."""
    import sys

    limit = sys.maxsize
    while True:
        try:
            csv.field_size_limit(limit)
            return
        except OverflowError:  # a C long of 32 bits (Windows)
            limit //= 2


_PLAN_FILE = lazy(r"\.(?:txt|text|md|markdown|html?|xhtml|shtml|pdf|docx?|wps)\s*$", re.I)


def _check_swallowed(m: Path, line: int, row: list[str], columns: list[str]) -> None:
    """A value running over several lines that holds what look like manifest rows (as many
    values, with a plan file where the file column is): a quote was opened and never closed where
    it should have been, and the rows after it were swallowed. A properly quoted multi-line value
    (an address, a note with commas) is not that."""
    width = len(columns)
    at = columns.index("file") if "file" in columns else 1
    for value in row:
        if "\n" not in value:
            continue
        for k, rest in enumerate(value.split("\n")[1:], start=1):
            if width < 2 or rest.count(",") < width - 1:
                continue
            try:
                fields = next(csv.reader([rest]))
            except (csv.Error, StopIteration):
                continue
            if len(fields) > at and _PLAN_FILE.search(fields[at] or ""):
                raise CorpusError(f"{m}, line {line}: a quote opened on this line runs on over line "
                                  f"{line + k} (an unbalanced quote swallows the rows after it)")


def _values(m: Path, line: int, values: dict[str, str]) -> dict[str, str]:
    from .metadata import parse_date, parse_year

    year = values.get("year", "")
    if year:
        parsed = parse_year(year)
        if parsed is None:
            raise CorpusError(f"{m}, line {line}: year {year!r} is not a year (write it as 2016)")
        values["year"] = str(parsed)
    date = values.get("date", "")
    if date:
        iso = parse_date(date)
        if iso:
            values["date"] = iso
        if not year and (iso or parse_year(date)):
            values["year"] = iso[:4] if iso else str(parse_year(date))
    if values.get("level"):
        values["level"] = canonical_level(values["level"])
    return values


def entry_for_file(path: str | Path, *, corpus: str | Path | None = None) -> Entry | None:
    """The manifest row of a file inside a corpus folder (``corpus``, or the nearest folder above
    the file holding a manifest), or None."""
    p = Path(path).resolve()
    candidates = [Path(corpus)] if corpus is not None else []
    candidates += list(p.parents)[:3]
    for d in candidates:
        if not (d / MANIFEST).is_file():
            continue
        try:
            entries = read_manifest(d)
        except CorpusError:
            if corpus is not None and d == Path(corpus):
                raise
            continue
        for e in entries:
            if os.path.normcase(str(e.path.resolve())) == os.path.normcase(str(p)):
                return e
    return None
