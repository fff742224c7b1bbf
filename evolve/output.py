"""Writing files evolve names after data, safely: one safe-name function and atomic writes.

Every file whose name comes from data (a document id, a pair of ids, a title) goes through
``safe_name``: no path separators, no leading dots (``..`` cannot climb, nothing is hidden), no
control characters or characters Windows refuses, a bounded length in UTF-8 bytes (file systems
count bytes: 42 Chinese characters are 126 bytes), and collisions (after those changes, or
case-insensitive ones on macOS and Windows) resolved with a counter.

Every single file evolve writes at a path the user gave (``compare --html``, ``trends --chart``,
``reuse --out``, manifests) is written to a hidden temporary name in the same folder and renamed
over the target only when it is complete (``atomic_path``, ``write_text``): an interruption or a
full disk leaves the old file or none, never half of one.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import tempfile
import unicodedata
from collections.abc import Iterator
from pathlib import Path

from .lazy_pattern import lazy

#: File names are bounded in bytes (255 on ext4, APFS, NTFS in UTF-16 units); leave room for a
#: suffix, a counter and a temporary prefix.
MAX_NAME_BYTES = 120

_UNSAFE = lazy(r'[\x00-\x1f\x7f-\x9f/\\:*?"<>|\u2028\u2029\u200b-\u200f\u202a-\u202e\u2066-\u2069]+')
_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)), *(f"lpt{i}" for i in range(10))}


def _cut(text: str, limit: int) -> str:
    """``text`` cut to at most ``limit`` UTF-8 bytes, on a character boundary."""
    data = text.encode("utf-8")
    if len(data) <= limit:
        return text
    return data[:limit].decode("utf-8", "ignore")


def safe_name(text: str, *, suffix: str = "", taken: set[str] | None = None,
              max_bytes: int = MAX_NAME_BYTES) -> str:
    """A file name for ``text`` (plus ``suffix``, such as ``.html``) that stays in its folder.

    Separators, control and reserved characters become ``-``; leading dots and dashes go; a name
    longer than ``max_bytes`` (UTF-8) is cut and given a short hash of the whole so that two long
    names with one beginning stay apart; an empty result is ``_``. With ``taken`` (names already
    used in the folder, compared case-insensitively) a clash gets ``-2``, ``-3`` … and the name
    chosen is added to ``taken``."""
    name = unicodedata.normalize("NFC", str(text))
    name = _UNSAFE.sub("-", name)
    name = re.sub(r"\s+", " ", name)
    name = re.sub(r"-{2,}", lambda m: "--" if len(m.group(0)) == 2 else "-", name)
    name = name.strip(" .-") or "_"
    if name.split(".")[0].lower() in _RESERVED:
        name = "_" + name
    room = max(16, max_bytes - len(suffix.encode("utf-8")))
    if len(name.encode("utf-8")) > room:
        digest = hashlib.sha1(str(text).encode("utf-8", "surrogatepass")).hexdigest()[:8]
        name = _cut(name, room - 9).rstrip(" .-") + "-" + digest
    if taken is None:
        return name + suffix
    lowered = {t.lower() for t in taken}
    chosen, n = name + suffix, 1
    while chosen.lower() in lowered:
        n += 1
        tail = f"-{n}"
        chosen = _cut(name, room - len(tail)).rstrip(" .-") + tail + suffix
    taken.add(chosen)
    return chosen


#: The file formats a chart is written in, chosen by the file's suffix.
CHART_SUFFIXES = (".png", ".svg", ".pdf")


def chart_file(path: str, *, option: str = "--chart", folder_ok: bool = False) -> str:
    """Check a chart path the user gave before any work is done: a .png, .svg or .pdf file (or,
    with ``folder_ok``, a folder: an existing one or a name without a suffix). Raises
    ``InputError`` with one line otherwise (``x.gif`` is refused, not written as PNG bytes)."""
    from .errors import InputError

    if not path.strip():
        raise InputError(f"{option} is empty; name a .png, .svg or .pdf file" + (" or a folder" if folder_ok else ""))
    p = Path(path)
    suffix = p.suffix.lower()
    if suffix in CHART_SUFFIXES or (folder_ok and (p.is_dir() or not suffix)):
        return path
    if p.is_dir():
        raise InputError(f"{option} {path}: is a folder; name a .png, .svg or .pdf file")
    raise InputError(f"{option} {path}: charts are written as .png, .svg or .pdf"
                     + (", or into a folder" if folder_ok else "") + f", not {suffix or 'a file without a suffix'}")


def inside(path: str | Path, folder: str | Path) -> bool:
    """Whether ``path`` (resolved, symlinks followed) lies inside ``folder``."""
    try:
        Path(path).resolve().relative_to(Path(folder).resolve())
    except ValueError:
        return False
    return True


@contextlib.contextmanager
def atomic_path(path: str | Path) -> Iterator[Path]:
    """A temporary path beside ``path`` to write to; renamed over ``path`` when the block ends
    without an error, removed otherwise. The temporary name keeps the suffix (writers that pick
    the format from it, such as matplotlib, still see ``.svg``)."""
    target = Path(path)
    parent = target.parent if str(target.parent) else Path(".")
    fd, tmp_name = tempfile.mkstemp(prefix=f".{_cut(target.stem, 60)}.", suffix=f".tmp{target.suffix}",
                                    dir=parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        yield tmp
        if not tmp.exists():  # the writer chose to write nothing
            return
        if target.is_dir() and not target.is_symlink():
            raise IsADirectoryError(21, "Is a directory", str(target))
        with contextlib.suppress(OSError):
            os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_text(path: str | Path, text: str, *, encoding: str = "utf-8") -> Path:
    """Write ``text`` to ``path`` through a temporary file (``atomic_path``)."""
    with atomic_path(path) as tmp:
        tmp.write_text(text, encoding=encoding)
    return Path(path)


def write_bytes(path: str | Path, data: bytes) -> Path:
    with atomic_path(path) as tmp:
        tmp.write_bytes(data)
    return Path(path)
