"""Compiled regular expressions kept between runs, the way Python keeps bytecode.

Compiling evolve's patterns cost every command about 0.15 s of CPU, most of it in character
classes holding ranges of Han characters (``[\\u4e00-\\u9fff]``), which the standard compiler
expands one character at a time. What the compiler produces (the engine's program, a list of
integers) depends only on the pattern, its flags and the Python that compiled it. So the first
run stores the programs next to evolve's bytecode (``evolve/__pycache__``), and later runs hand
them to the engine directly, which takes microseconds.

The result is the same ``re.Pattern`` either way: an entry is stored only after the pattern it
builds compares equal (``==``: flags, pattern and program) to ``re.compile``'s, a store written by
another Python is ignored, and any failure of the interface (it is CPython's private one:
``re._parser``, ``re._compiler``, ``_sre``) falls back to ``re.compile`` for the rest of the run.
Nothing is written when Python is told not to write bytecode (``PYTHONDONTWRITEBYTECODE``,
``-B``) or the folder is read-only. Patterns a user types (KWIC, ``--where``) are compiled with
``re.compile`` by their callers, not stored.
"""

from __future__ import annotations

import atexit
import contextlib
import marshal
import os
import re
import sys
from pathlib import Path
from typing import Any

#: A store holding more entries than this is rewritten with only the entries of the run that
#: writes it (patterns built from a corpus's own names would otherwise pile up).
MAX_ENTRIES = 2_000

_Key = tuple[str, int]

_store_dir: Path | None = Path(__file__).resolve().parent / "__pycache__"
_entries: dict[_Key, tuple[Any, ...]] | None = None  # loaded on first use
_used: dict[_Key, tuple[Any, ...]] = {}
_fresh = False  # something new to write at exit
_broken = False  # the private interface failed once: re.compile from now on


def _stamp() -> str:
    import _sre

    return f"{sys.version}|{_sre.MAGIC}|{getattr(_sre, 'CODESIZE', '')}"


def store_path(folder: Path | None, kind: str) -> Path | None:
    """The store file of ``kind`` in ``folder`` for this Python (None: no folder, or a Python
    without a bytecode cache tag)."""
    tag = sys.implementation.cache_tag
    return None if folder is None or tag is None else folder / f"evolve-{kind}.{tag}.bin"


def may_write(fresh: bool, force: bool) -> bool:
    """Whether a store is written: something new this run (or ``force``), and Python not told
    to write no bytecode (unless ``force``)."""
    return force or (fresh and not sys.dont_write_bytecode)


def _path() -> Path | None:
    return store_path(_store_dir, "patterns")


def read_store(path: Path | None, stamp: str) -> dict[Any, Any]:
    """The entries of a store file written under ``stamp`` (empty: missing, damaged or another stamp)."""
    if path is None:
        return {}
    try:
        found, entries = marshal.loads(path.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return {}
    return entries if found == stamp and isinstance(entries, dict) else {}


def write_store(path: Path, stamp: str, used: dict[Any, Any], *, max_entries: int) -> None:
    """Add ``used`` to the store file at ``path`` (atomically; another run may have stored more
    meanwhile). A store grown past ``max_entries`` keeps only ``used``. Failures are ignored: a
    store is only ever a shortcut."""
    entries = {**read_store(path, stamp), **used}
    if len(entries) > max_entries:
        entries = dict(used)
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(exist_ok=True)
        tmp.write_bytes(marshal.dumps((stamp, entries)))
        os.replace(tmp, path)
    except (OSError, ValueError):
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)


def _read(path: Path | None) -> dict[_Key, tuple[Any, ...]]:
    return read_store(path, _stamp())


def _program(pattern: str, flags: int) -> tuple[re.Pattern[str], tuple[Any, ...] | None]:
    """Compile ``pattern`` and return it with its storable program (None if it cannot be stored)."""
    compiled = re.compile(pattern, flags)
    import _sre
    from re import _compiler, _parser  # type: ignore[attr-defined]

    parsed = _parser.parse(pattern, flags)
    groupindex = dict(parsed.state.groupdict)
    indexgroup: list[str | None] = [None] * parsed.state.groups
    for name, i in groupindex.items():
        indexgroup[i] = name
    code = [int(op) for op in _compiler._code(parsed, flags)]  # named constants are ints to marshal
    entry = (flags | parsed.state.flags, code, parsed.state.groups - 1,
             groupindex, tuple(indexgroup))
    return compiled, (entry if _sre.compile(pattern, *entry) == compiled else None)


def compile(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile(pattern, flags)``, from the stored program when there is one."""
    global _entries, _fresh, _broken
    flags = int(flags)
    if _broken or not isinstance(pattern, str):
        return re.compile(pattern, flags)
    key = (pattern, flags)
    try:
        if _entries is None:
            _entries = _read(_path())
        entry = _entries.get(key)
        if entry is not None:
            import _sre

            _used[key] = entry
            return _sre.compile(pattern, *entry)
        compiled, entry = _program(pattern, flags)
    except re.error:
        raise
    except Exception:  # the private interface changed: the standard path, for the whole run
        _broken = True
        return re.compile(pattern, flags)
    if entry is not None:
        _entries[key] = _used[key] = entry
        if not _fresh:
            _fresh = True
            atexit.register(save)
    return compiled


def save(*, force: bool = False) -> None:
    """Write the programs compiled in this run to the store (at exit; safe to call twice;
    ``force``: even when Python is told not to write bytecode, and the programs only read)."""
    global _fresh
    path = _path()
    if path is None or not may_write(_fresh, force):
        return
    _fresh = False
    write_store(path, _stamp(), _used, max_entries=MAX_ENTRIES)
