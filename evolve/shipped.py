"""The data files shipped in ``evolve/data`` (lexicons, tables, the word index).

They are read as files beside the package: ``importlib.resources`` would bring in tempfile,
shutil and the compression modules on every command for nothing (evolve is never imported
from a zip archive).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

DATA = Path(__file__).resolve().parent / "data"
#: Parsed TOML files kept between runs, like bytecode (``data_toml``).
_store_dir: Path | None = Path(__file__).resolve().parent / "__pycache__"
_parsed: dict[Any, Any] | None = None
_fresh = False


def data_text(name: str) -> str:
    """The text of ``evolve/data/<name>`` (UTF-8)."""
    return (DATA / name).read_text("utf-8")


def data_bytes(name: str) -> bytes:
    """The bytes of ``evolve/data/<name>``."""
    return (DATA / name).read_bytes()


def data_map(name: str) -> memoryview:
    """The bytes of ``evolve/data/<name>`` mapped into memory, read only: pages are read when
    touched (a lookup in a large index touches a few), and are shared by the processes of a
    corpus run. Falls back to reading the file where it cannot be mapped."""
    import mmap

    with open(DATA / name, "rb") as f:
        try:
            return memoryview(mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ))
        except (OSError, ValueError):  # an empty file, or a file system without mapping
            return memoryview(f.read())


def _toml_store() -> Path | None:
    from .pattern_cache import store_path

    return store_path(_store_dir, "data")


def data_toml(name: str) -> dict[str, Any]:
    """The parsed TOML of ``evolve/data/<name>``, kept between runs in ``evolve/__pycache__``
    (keyed by the file's name, size and modification time; written at exit like bytecode): the
    codebooks and lexicons are read by most commands, and tomllib with its parsing cost some
    0.01 s each time."""
    global _parsed, _fresh
    from .pattern_cache import read_store

    path = DATA / name
    info = path.stat()
    key = (name, info.st_size, info.st_mtime_ns)
    if _parsed is None:
        _parsed = read_store(_toml_store(), sys.version)
    data = _parsed.get(key)
    if data is None:
        import tomllib

        data = _parsed[key] = tomllib.loads(path.read_text("utf-8"))
        if not _fresh:
            import atexit

            _fresh = True
            atexit.register(save_toml)
    return data


def save_toml(*, force: bool = False) -> None:
    """Write the parsed files to the store (at exit; ``force``: even when Python is told not to
    write bytecode). Data marshal cannot hold (TOML dates) is not kept."""
    global _fresh
    import marshal

    from .pattern_cache import may_write, write_store

    path = _toml_store()
    if path is None or _parsed is None or not may_write(_fresh, force):
        return
    _fresh = False
    keep = {}
    for key, data in _parsed.items():
        try:
            marshal.dumps(data)
        except ValueError:
            continue
        keep[key] = data
    write_store(path, sys.version, keep, max_entries=64)
