"""The data files shipped in ``evolve/data`` (lexicons, tables, the word index).

They are read as files beside the package: ``importlib.resources`` would bring in tempfile,
shutil and the compression modules on every command for nothing (evolve is never imported
from a zip archive).
"""

from __future__ import annotations

from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"


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
