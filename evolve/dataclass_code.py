"""``dataclasses.dataclass`` with the methods it writes compiled once and kept between runs.

``dataclasses`` writes each class's ``__init__``, ``__repr__``, ``__eq__``, ``__hash__`` and (frozen)
``__setattr__`` and ``__delattr__`` as source text and compiles it with ``exec`` every time the
class is defined: about 1.5 ms a class on CPython 3.11, some 0.06 s of every command, which loads
about 45 of evolve's records. ``dataclass`` here is ``dataclasses.dataclass`` itself, except that
while it runs, the ``exec`` it calls compiles each text only once (``compile(text, "<string>",
"exec")``, which is what ``exec`` does with a text) and the code is kept in
``evolve/__pycache__`` next to the bytecode, keyed by the text. The class is the one
``dataclasses`` makes; only the compiling is skipped.

As with bytecode and ``pattern_cache``, nothing is written when Python is told not to write
bytecode, a store from another Python is ignored, and ``python -m evolve.warm`` writes it on
purpose.
"""

from __future__ import annotations

import atexit
import builtins
import dataclasses
import sys
import threading
from importlib._bootstrap_external import MAGIC_NUMBER  # type: ignore[attr-defined]
from pathlib import Path
from typing import Any

from .pattern_cache import may_write, read_store, store_path, write_store

#: A store holding more texts than this is rewritten with only the texts of the run that writes it.
MAX_ENTRIES = 5_000

_store_dir: Path | None = Path(__file__).resolve().parent / "__pycache__"
_codes: dict[str, Any] | None = None  # text -> code, loaded on first use
_used: dict[str, Any] = {}
_fresh = False  # a text compiled in this run: something to write at exit
_lock = threading.RLock()


def _stamp() -> str:
    return f"{sys.version}|{MAGIC_NUMBER.hex()}"


def _path() -> Path | None:
    return store_path(_store_dir, "dataclasses")


def _exec(source: Any, globals: Any = None, locals: Any = None) -> Any:
    """``exec``, with a text compiled once and kept."""
    global _codes, _fresh
    if isinstance(source, str):
        if _codes is None:
            _codes = read_store(_path(), _stamp())
        code = _codes.get(source)
        if code is None:
            code = _codes[source] = compile(source, "<string>", "exec")
            if not _fresh:
                _fresh = True
                atexit.register(save)
        _used[source] = code
        source = code
    return builtins.exec(source, globals, locals)


def dataclass(cls: Any = None, /, **options: Any) -> Any:
    """``dataclasses.dataclass(cls, **options)`` (the same class), its methods' code kept between runs."""

    def wrap(c: Any) -> Any:
        with _lock:  # dataclasses calls ``exec`` by its module's global name: served from here meanwhile
            dataclasses.exec = _exec  # type: ignore[attr-defined]
            try:
                return dataclasses.dataclass(c, **options)
            finally:
                del dataclasses.exec  # type: ignore[attr-defined]

    return wrap if cls is None else wrap(cls)


def save(*, force: bool = False) -> None:
    """Write the code compiled or used in this run to the store (at exit; ``force``: even when
    Python is told not to write bytecode)."""
    global _fresh
    path = _path()
    if path is None or not may_write(_fresh, force):
        return
    _fresh = False
    write_store(path, _stamp(), dict(_used), max_entries=MAX_ENTRIES)
