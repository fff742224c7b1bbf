"""Putting an imported corpus in its folder so that no interruption leaves damage behind.

The import writes into a hidden temporary sibling (``.NAME.xxxx``, marked with the writing
process's id) and swaps it in with two renames. What can go wrong, and what happens:

- SIGTERM (or SIGHUP) while writing: a handler ends the import and the temporary folder is
  removed; during the swap itself the signal waits until the swap is done.
- SIGKILL or a power cut: the temporary folder stays; the next import into the same place
  removes it (only a folder with the marker, whose process is gone) and, if the swap was cut
  between its two renames, puts the previous corpus back first.
- ``--overwrite`` replaces only what an import wrote (``manifest.csv``, ``import.json``, the
  ``docs/`` files it lists); every other file in the folder is moved into the new corpus as it
  was, and the index is carried over (it is updated per changed document). A folder holding a
  corpus that no import wrote is refused, and so is an import that would write over a file of
  the user's.
"""

from __future__ import annotations

import contextlib
import csv
import json
import os
import shutil
import signal
import socket
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from .errors import ImportSourceError

#: The file marking a temporary folder as an import's, with the writer's pid and host.
MARKER = ".evolve-import"
#: Files an import writes at the top of a corpus folder.
OWN_TOP = ("manifest.csv", "import.json", MARKER)


class Terminated(SystemExit):
    """The import was asked to stop (SIGTERM, SIGHUP); its temporary folder is removed."""

    def __init__(self, signum: int) -> None:
        super().__init__(128 + signum)
        self.signum = signum


def _old(out: Path) -> Path:
    return out.with_name(f".{out.name}.old")


def new_temp(out: Path) -> Path:
    """A fresh marked temporary folder next to ``out`` (stale ones of earlier imports removed)."""
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.", dir=out.parent))
    (tmp / MARKER).write_text(json.dumps({"pid": os.getpid(), "host": socket.gethostname()}), encoding="utf-8")
    return tmp


def _alive(marker: Path) -> bool:
    """Whether the import that wrote this marker may still be running."""
    try:
        info = json.loads(marker.read_text(encoding="utf-8"))
        pid, host = int(info["pid"]), str(info["host"])
    except (OSError, ValueError, KeyError, TypeError):
        return False
    if host != socket.gethostname():
        return True  # another machine's import (a shared disk): not ours to judge
    if pid == os.getpid():
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def clean_stale(out: Path) -> list[str]:
    """Remove what interrupted imports into ``out`` left; return notices of what was done."""
    notices: list[str] = []
    old = _old(out)
    if old.is_dir() and not out.exists():
        old.rename(out)  # the swap was cut between its renames: the previous corpus comes back
        notices.append(f"an interrupted import had moved {out} aside; it is back")
    elif old.is_dir():
        notices += _finish_old(old, out)
    if not out.parent.is_dir():
        return notices
    for p in out.parent.glob(f".{out.name}.*"):
        if p == old or not p.is_dir() or p.is_symlink():
            continue
        marker = p / MARKER
        if marker.is_file() and not _alive(marker):
            shutil.rmtree(p, ignore_errors=True)
            notices.append(f"removed {p.name}, left by an interrupted import")
    return notices


def own_files(corpus: Path) -> set[str] | None:
    """The files (relative paths) an import wrote in ``corpus``; None if no import wrote it."""
    info = corpus / "import.json"
    if not info.is_file():
        return None
    try:
        data: Any = json.loads(info.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        data = {}
    own = set(OWN_TOP)
    written = data.get("written_files") if isinstance(data, dict) else None
    if isinstance(written, list):
        own.update(str(f) for f in written)
        return own
    # an import.json of an earlier version: the manifest's docs/ files, if the importer wrote it
    from .manifest import _raise_field_limit

    _raise_field_limit()
    try:
        with (corpus / "manifest.csv").open(encoding="utf-8", newline="") as fh:
            reader = csv.DictReader(fh)
            if "content_hash" not in (reader.fieldnames or []):
                return None
            own.update(r["file"] for r in reader if (r.get("file") or "").startswith("docs/"))
    except (OSError, UnicodeDecodeError, csv.Error):
        return None
    return own


def _files(root: Path) -> list[str]:
    """Every file (and symlink) under ``root``, as relative posix paths."""
    out = []
    for dirpath, dirnames, filenames in os.walk(root):
        base = Path(dirpath)
        for name in filenames + [d for d in dirnames if (base / d).is_symlink()]:
            out.append((base / name).relative_to(root).as_posix())
    return sorted(out)


def publish(tmp: Path, out: Path, *, guard: _Guard | None = None) -> list[str]:
    """Swap the finished temporary folder ``tmp`` in as ``out``; return notices."""
    (tmp / MARKER).unlink(missing_ok=True)
    if not out.exists():
        tmp.rename(out)
        return []
    if out.is_dir() and not out.is_symlink() and not any(out.iterdir()):
        os.replace(tmp, out)  # an empty folder made for the corpus: taken, as the check before said
        return []
    own = own_files(out)
    if own is None:
        raise ImportSourceError(f"{out}: holds a corpus that evolve import did not write (no import.json); "
                                "--overwrite replaces only imported corpora; choose another --out")
    # the user's files and the index (updated per document afterwards) move into the new corpus
    carried = [rel for rel in _files(out) if rel not in own]
    clash = [rel for rel in carried if (tmp / rel).exists()]
    if clash:
        raise ImportSourceError(f"{out / clash[0]}: a file evolve did not write, and the import would write "
                                "over it; move it away or choose another --out")
    old = _old(out)
    with guard.critical() if guard else contextlib.nullcontext():
        out.rename(old)
        tmp.rename(out)
        notices = _finish_old(old, out)
    return notices


def _finish_old(old: Path, out: Path) -> list[str]:
    """Move the user's files (and the index) from the previous corpus into the new one, then
    delete what the previous import wrote; what cannot be moved stays in ``old``, named."""
    own = own_files(old) or set(OWN_TOP)
    kept = []
    for rel in _files(old):
        src, dst = old / rel, out / rel
        if rel in own:
            src.unlink(missing_ok=True)
        elif not dst.exists() and not dst.is_symlink():
            dst.parent.mkdir(parents=True, exist_ok=True)
            src.rename(dst)
        else:
            kept.append(rel)
    for dirpath, _, _ in sorted(os.walk(old), key=lambda t: -len(t[0])):
        with contextlib.suppress(OSError):
            Path(dirpath).rmdir()  # only empty folders go
    if kept:
        return [f"kept {len(kept)} file(s) of the previous corpus in {old} ({', '.join(kept[:3])}): "
                "they clash with the new import's"]
    return []


class _Guard:
    """SIGTERM and SIGHUP end the import (cleanly), except inside ``critical()``, where they wait."""

    def __init__(self) -> None:
        self.deferred: int | None = None
        self.depth = 0

    def handler(self, signum: int, frame: object) -> None:
        if self.depth:
            self.deferred = signum
            return
        raise Terminated(signum)

    @contextlib.contextmanager
    def critical(self) -> Iterator[None]:
        self.depth += 1
        try:
            yield
        finally:
            self.depth -= 1
        if not self.depth and self.deferred is not None:
            raise Terminated(self.deferred)


@contextlib.contextmanager
def temporary(out: Path) -> Iterator[tuple[Path, _Guard]]:
    """A marked temporary folder for writing ``out``, removed whatever happens (SIGTERM too);
    yields (folder, guard for the swap). Run ``clean_stale`` first."""
    guard = _Guard()
    signals = [s for s in (signal.SIGTERM, getattr(signal, "SIGHUP", None)) if s is not None]
    previous = {}
    try:
        for s in signals:
            previous[s] = signal.signal(s, guard.handler)
    except ValueError:  # not the main thread: signals stay as they are
        previous = {}
    tmp = new_temp(out)
    try:
        yield tmp, guard
    finally:
        try:
            if tmp.exists():
                shutil.rmtree(tmp, ignore_errors=True)
        finally:
            for s, h in previous.items():
                signal.signal(s, h)


@contextlib.contextmanager
def import_lock(out: Path) -> Iterator[None]:
    """Hold the lock of imports into ``out``: a second import into the same folder while one runs
    is refused at once (both would report success and one set would vanish). The lock is a hidden
    file beside ``out`` (``.NAME-import.lock``), removed when the import ends."""
    try:
        import fcntl
    except ImportError:  # not POSIX: no lock (the swap still never leaves half a corpus)
        yield
        return
    out.parent.mkdir(parents=True, exist_ok=True)
    lock = out.with_name(f".{out.name}-import.lock")
    try:
        fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        raise ImportSourceError(f"{out}: cannot write beside it ({exc.strerror or exc})") from None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            raise ImportSourceError(f"{out}: another import into this folder is running; wait for it "
                                    "to finish or choose another --out") from None
        try:
            yield
        finally:
            with contextlib.suppress(OSError):
                lock.unlink()
    finally:
        os.close(fd)
