"""The persistent corpus index: documents, provisions and clauses in SQLite next to the manifest.

Why SQLite: it is in the standard library (no new dependency), every update is a transaction
(an interrupted run leaves the last committed state, never a torn file; WAL mode keeps readers
working while a batch is written), and rows can be replaced one document at a time, which is what
an incremental index needs. DuckDB would scan faster but adds a large dependency and whole-file
locking; Parquet cannot be updated in place.

Each document is keyed by a content hash of its file bytes and manifest row, and only documents
whose hash changed are parsed again (``SyncStats.parsed`` counts them). A file that is not a
readable SQLite index of this schema is moved aside and rebuilt, with a notice.

Two cache tables serve ``evolve reuse`` (``reuse.cache``): ``signatures`` (each document's MinHash
signatures per level, dropped with the document's rows) and ``reuse_runs`` (the verified pairs of
the last few runs, keyed by a fingerprint of every document hash and the settings).
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import field
from pathlib import Path
from typing import Any

from .corpus import BUNDLED, Entry, read_manifest
from .dataclass_code import dataclass
from .errors import CorpusIndexError, EvolveError
from .progress import Progress, silent
from .segment import VERSION as SEGMENTATION

#: The index file, next to ``manifest.csv``.
INDEX_NAME = ".evolve-index.sqlite"
SCHEMA_VERSION = "1"
_BATCH = 100

_SCHEMA = """
CREATE TABLE IF NOT EXISTS info (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS documents (
    id TEXT PRIMARY KEY, file TEXT NOT NULL, hash TEXT NOT NULL,
    title TEXT, date TEXT, year INTEGER, place TEXT, province TEXT, level TEXT, issuer TEXT,
    chars INTEGER NOT NULL, meta TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS provisions (
    doc TEXT NOT NULL, ord INTEGER NOT NULL, pid TEXT NOT NULL, path TEXT NOT NULL,
    label TEXT NOT NULL, heading TEXT NOT NULL, text TEXT NOT NULL, kind TEXT NOT NULL,
    PRIMARY KEY (doc, ord));
CREATE TABLE IF NOT EXISTS clauses (
    doc TEXT NOT NULL, ord INTEGER NOT NULL, pid TEXT NOT NULL, cid TEXT NOT NULL,
    text TEXT NOT NULL, kind TEXT NOT NULL, PRIMARY KEY (doc, ord));
CREATE TABLE IF NOT EXISTS signatures (
    doc TEXT NOT NULL, level TEXT NOT NULL, params TEXT NOT NULL, hash TEXT NOT NULL,
    units INTEGER NOT NULL, sig BLOB NOT NULL, PRIMARY KEY (doc, level));
CREATE TABLE IF NOT EXISTS failures (id TEXT PRIMARY KEY, hash TEXT NOT NULL, reason TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS reuse_runs (
    fingerprint TEXT PRIMARY KEY, created REAL NOT NULL, candidates INTEGER NOT NULL,
    pairs BLOB NOT NULL, scores BLOB NOT NULL);
"""

#: Administrative rank for vertical/horizontal reuse: smaller is higher.
RANK = {"national": 0, "province": 1, "municipality": 1, "sub-provincial": 2, "prefecture": 2,
        "county": 3, "district": 3}


@dataclass
class SyncStats:
    """What one ``sync`` did."""

    documents: int = 0  #: documents in the manifest
    parsed: int = 0  #: documents (re)parsed because their hash changed
    unchanged: int = 0
    removed: int = 0  #: documents no longer in the manifest, dropped from the index
    failed: list[dict[str, str]] = field(default_factory=list)  #: {id, source, reason}
    notices: list[str] = field(default_factory=list)  #: e.g. "index was corrupt; rebuilt"


@dataclass(frozen=True)
class DocInfo:
    """A document's row in the index."""

    id: str
    title: str | None
    date: str | None
    year: int | None
    place: str | None
    province: str | None
    level: str | None
    issuer: str | None
    chars: int


def index_path(corpus: str | Path = BUNDLED) -> Path:
    return Path(corpus) / INDEX_NAME


def _hash(entry: Entry) -> str:
    h = hashlib.sha256()
    from .load import read_bytes

    try:  # a FIFO or a device in place of a plan must not block the index: refused unread
        h.update(read_bytes(entry.path, limit=None))
    except EvolveError:
        h.update(b"<unreadable>")
    h.update(json.dumps(entry.meta, sort_keys=True, ensure_ascii=False).encode("utf-8"))
    # a document segmented by an older evolve is parsed again
    h.update(f"segmentation {SEGMENTATION}".encode())
    return h.hexdigest()[:24]


def _connect(path: Path, *, check: bool = True) -> sqlite3.Connection:
    con = sqlite3.connect(path, timeout=30)
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("PRAGMA synchronous=NORMAL")
    con.executescript(_SCHEMA)
    row = con.execute("SELECT value FROM info WHERE key='schema'").fetchone()
    if row is None:
        con.execute("INSERT INTO info VALUES ('schema', ?)", (SCHEMA_VERSION,))
        con.commit()
    elif row[0] != SCHEMA_VERSION:
        raise sqlite3.DatabaseError(f"schema version {row[0]}, expected {SCHEMA_VERSION}")
    if check:  # once per run, in sync; readers after it trust the file
        ok = con.execute("PRAGMA quick_check").fetchone()
        if not ok or ok[0] != "ok":
            raise sqlite3.DatabaseError(f"integrity check: {ok[0] if ok else 'no answer'}")
    return con


def open_index(corpus: str | Path = BUNDLED, *, notices: list[str] | None = None,
               check: bool = True) -> sqlite3.Connection:
    """Open (creating if needed) a corpus's index; a corrupt one is moved aside and rebuilt."""
    path = index_path(corpus)
    try:
        return _connect(path, check=check)
    except sqlite3.DatabaseError as exc:
        for suffix in ("", "-wal", "-shm"):
            p = Path(str(path) + suffix)
            if p.exists():
                try:
                    p.replace(Path(str(p) + ".corrupt")) if suffix == "" else p.unlink()
                except OSError as err:
                    raise CorpusIndexError(f"{path}: corrupt index cannot be moved aside ({err})") from None
        msg = f"index {path} was unreadable ({exc}); moved to {path.name}.corrupt and rebuilt"
        if notices is not None:
            notices.append(msg)
        try:
            return _connect(path)
        except sqlite3.DatabaseError as err:
            raise CorpusIndexError(f"{path}: cannot create the index ({err})") from None


def _parse(entry: Entry) -> tuple[str, Any]:
    """Parse one manifest entry (runs in a worker process); return (id, Document or the reason it
    could not be read). Any error, a parser bug included, stays with its document."""
    from .corpus import try_parse
    from .records import Failure

    doc = try_parse(entry)
    return entry.id, doc.reason if isinstance(doc, Failure) else doc


def _level(meta: Any, extra: dict[str, Any]) -> str | None:
    if meta.level:
        return str(meta.level)
    if meta.place:
        from .places import lookup

        place = lookup(meta.place)
        if place:
            return place.level
    issuer = meta.issuer or ""
    if issuer.startswith(("国务院", "中共中央", "国家")) or (issuer.endswith("部") and not meta.place):
        return "national"
    return None


def _rows(doc: Any, hash_: str, file: str) -> tuple[tuple[Any, ...], list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    m = doc.meta
    drow = (doc.id, file, hash_, m.title, m.date, m.year, m.place, m.province, _level(m, doc.extra),
            m.issuer, doc.chars, json.dumps({**m.to_dict(), "extra": doc.extra}, ensure_ascii=False))
    provs, clauses = [], []
    n = 0
    for i, p in enumerate(doc.provisions):
        provs.append((doc.id, i, p.id, " / ".join(p.path), p.label, p.heading, p.full_text, p.kind))
        for j, c in enumerate(p.clauses):
            clauses.append((doc.id, n, p.id, f"{p.id}.c{j + 1}", c, p.kind))
            n += 1
    return drow, provs, clauses


def _parsed(todo: list[Entry], workers: int) -> Iterator[tuple[str, Any]]:
    if workers > 1 and len(todo) >= 40:
        from .workers import fork_map

        yield from fork_map(_parse, todo, workers=workers, ordered=False, chunksize=8)
    else:
        for e in todo:
            yield _parse(e)


def sync(corpus: str | Path = BUNDLED, *, progress: Progress = silent, workers: int | None = None,
         parse_hook: Callable[[str], None] | None = None) -> SyncStats:
    """Bring a corpus's index up to date with its manifest; parse only changed documents."""
    corpus = Path(corpus)
    entries = read_manifest(corpus)
    stats = SyncStats(documents=len(entries))
    con = open_index(corpus, notices=stats.notices)
    try:
        known = dict(con.execute("SELECT id, hash FROM documents").fetchall())
        # documents that failed before and have not changed since: not parsed again, but named
        failures = {rid: (h, reason) for rid, h, reason in
                    con.execute("SELECT id, hash, reason FROM failures").fetchall()}
        known.update({rid: h for rid, (h, _) in failures.items()})
        hashes: dict[str, str] = {}
        advance = progress("hashing", len(entries))
        for e in entries:
            hashes[e.id] = _hash(e)
            advance(1)
        todo = [e for e in entries if known.get(e.id) != hashes[e.id]]
        stats.unchanged = len(entries) - len(todo)
        for e in entries:
            if e.id in failures and failures[e.id][0] == hashes[e.id]:
                stats.failed.append({"id": e.id, "source": str(e.path),
                                     "reason": failures[e.id][1]})
                stats.unchanged -= 1
        gone = set(known) - set(hashes)
        if gone:
            with con:
                for rid in gone:
                    _delete(con, rid)
            stats.removed = len(gone)
        by_id = {e.id: e for e in todo}
        advance = progress("parsing", len(todo))
        batch: list[tuple[str, Any]] = []
        for rid, result in _parsed(todo, workers or min(2, os.cpu_count() or 1)):
            if parse_hook:
                parse_hook(rid)
            batch.append((rid, result))
            if len(batch) >= _BATCH:
                _write(con, batch, by_id, hashes, stats)
                batch = []
            advance(1)
        _write(con, batch, by_id, hashes, stats)
    finally:
        con.close()
    return stats


def _delete(con: sqlite3.Connection, rid: str) -> None:
    """A document's rows, with its cached MinHash signatures (``reuse.cache``)."""
    for table in ("documents", "provisions", "clauses", "signatures", "failures"):
        con.execute(f"DELETE FROM {table} WHERE {'id' if table in ('documents', 'failures') else 'doc'} = ?", (rid,))


def _write(con: sqlite3.Connection, batch: list[tuple[str, Any]], by_id: dict[str, Entry],
           hashes: dict[str, str], stats: SyncStats) -> None:
    """One transaction per batch: a document's old rows and new rows change together."""
    if not batch:
        return
    with con:
        for rid, result in batch:
            _delete(con, rid)
            if isinstance(result, str):
                stats.failed.append({"id": rid, "source": str(by_id[rid].path), "reason": result})
                con.execute("INSERT INTO failures VALUES (?,?,?)", (rid, hashes[rid], result))
                continue
            entry = by_id[rid]
            file = str(entry.path.name)
            drow, provs, clauses = _rows(result, hashes[rid], file)
            con.execute("INSERT INTO documents VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", drow)
            con.executemany("INSERT INTO provisions VALUES (?,?,?,?,?,?,?,?)", provs)
            con.executemany("INSERT INTO clauses VALUES (?,?,?,?,?,?)", clauses)
            stats.parsed += 1


def documents(corpus: str | Path = BUNDLED) -> dict[str, DocInfo]:
    """The indexed documents by id (call ``sync`` first)."""
    con = open_index(corpus, check=False)
    try:
        rows = con.execute("SELECT id, title, date, year, place, province, level, issuer, chars "
                           "FROM documents ORDER BY id").fetchall()
    finally:
        con.close()
    return {r[0]: DocInfo(*r) for r in rows}


def units(corpus: str | Path = BUNDLED, *, level: str = "provision") -> list[tuple[str, str, str]]:
    """(doc, unit id, text) for every provision (or clause) in the index, in document order.

    The notice wrapping a plan (``kind == "preamble"``) is left out: its formulas ("各县市区人民政府
    …") are shared by every notice and say nothing about which provisions travel.
    """
    if level not in {"provision", "clause"}:
        raise CorpusIndexError(f"unknown level {level!r}; use provision or clause")
    con = open_index(corpus, check=False)
    try:
        if level == "provision":
            sql = "SELECT doc, pid, text FROM provisions WHERE kind != 'preamble' ORDER BY doc, ord"
        else:
            sql = "SELECT doc, cid, text FROM clauses WHERE kind != 'preamble' ORDER BY doc, ord"
        return [(d, u, t) for d, u, t in con.execute(sql)]
    finally:
        con.close()
