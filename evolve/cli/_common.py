"""What every command shares: error handling, output helpers, the ``--corpus`` option, loading.

Commands are thin: parse options, call one library function, render. A library error becomes one
line on stderr and exit 2 (``handle_errors``); a bug is one line and exit 70, never a traceback.
"""

from __future__ import annotations

import functools
import json
import math
import os
import sqlite3
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from ..errors import EvolveError, InputError

if TYPE_CHECKING:
    from rich.console import Console

    from ..records import Document, Failure

F = TypeVar("F", bound=Callable[..., Any])

#: Width used when output is piped or redirected: wide enough that tables are not cut (rich would
#: otherwise assume 80 columns); ``COLUMNS`` overrides it.
PIPED_WIDTH = 200


#: ``COLUMNS`` values outside this range (0, a typo's 999999999) are ignored.
WIDTHS = (20, 10_000)


def console(*, width: int | None = None, plain: bool = False) -> Console:
    """A stdout console: the terminal's width, or ``PIPED_WIDTH`` (or ``$COLUMNS``) when piped.
    Escape sequences and other control characters in data (a manifest value holding ``\x1b[2J``
    or a terminal title) are removed from what it prints."""
    from rich.console import Console

    _strip_terminal_controls()
    piped = not sys.stdout.isatty()
    env = os.environ.get("COLUMNS", "").strip()
    columns = int(env) if env.isdigit() and WIDTHS[0] <= int(env) <= WIDTHS[1] else None
    if width is None:
        if columns is not None:
            width = columns
        elif piped:
            width = PIPED_WIDTH
        elif env:  # COLUMNS=0 or junk on a terminal: ask the terminal (rich would take the 0)
            import shutil

            width = max(WIDTHS[0], shutil.get_terminal_size((100, 24)).columns)
    # emoji=False: ":smile:" in a plan is text, not an emoji code (views pass data as Text, which
    # rich never reads as markup; escaped strings still meet the emoji pass without this)
    return Console(highlight=False, soft_wrap=False, width=width, no_color=plain or None,
                   force_terminal=False if (plain or piped) else None, emoji=False)


#: C0 and C1 control characters other than tab and line feed, as data must never send them.
_CONTROLS = [c for c in (*range(0x00, 0x20), 0x7F, *range(0x80, 0xA0)) if c not in (0x09, 0x0A)]


def _strip_terminal_controls() -> None:
    """Make rich drop every control character from text it is given (it drops only BEL, BS, VT,
    FF and CR itself), so that ESC sequences in data never reach the terminal; rich's own
    styling is added when rendering and is not affected."""
    try:
        from rich import control

        table = control._CONTROL_STRIP_TRANSLATE  # the table rich's Text strips with
        for code in _CONTROLS:
            table.setdefault(code, None)
    except (ImportError, AttributeError):  # another rich: data is still escaped as markup
        pass


def one_line(message: object) -> str:
    """A message on one line: line breaks (a pandas or rich message spans several) become
    spaces, control characters (an escape sequence in a file name) are dropped."""
    return " ".join(str(message).translate(_ONE_LINE).split())


_ONE_LINE = {**dict.fromkeys(_CONTROLS), **dict.fromkeys((0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x85, 0x2028, 0x2029), " ")}


class Terminated(KeyboardInterrupt):
    """SIGTERM, raised like Ctrl-C so that the cleanup of half-written output runs
    (``finally`` blocks, the report's staging folder) before evolve exits."""


def _terminate(signum: int, frame: Any) -> None:
    raise Terminated


def handle_errors(func: F) -> F:
    """Turn library errors (and stray I/O errors) into one clear line and a non-zero exit."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        import signal
        import threading

        main = threading.current_thread() is threading.main_thread()
        old = signal.signal(signal.SIGTERM, _terminate) if main else None
        try:
            return func(*args, **kwargs)
        except Terminated:
            click.echo("evolve: terminated", err=True)
            sys.exit(143)
        except BrokenPipeError:
            # the reader went away (``| head``): stop quietly, and keep Python from complaining
            # about the closed stdout at exit
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            sys.exit(0)
        except EvolveError as exc:
            click.echo(f"evolve: error: {one_line(exc)}", err=True)
            sys.exit(exc.exit_code)
        except (OSError, UnicodeError) as exc:
            click.echo(f"evolve: error: {one_line(exc)}", err=True)
            sys.exit(2)
        except sqlite3.Error as exc:  # the corpus index on a full disk, a locked database
            click.echo(f"evolve: error: the corpus index: {one_line(exc)}", err=True)
            sys.exit(2)
        except KeyboardInterrupt:
            click.echo("evolve: interrupted", err=True)
            sys.exit(130)
        except Exception as exc:  # a bug: say so in one line; EVOLVE_DEBUG=1 shows the traceback
            if os.environ.get("EVOLVE_DEBUG"):
                raise
            click.echo(
                f"evolve: internal error: {type(exc).__name__}: {one_line(exc)} (set EVOLVE_DEBUG=1 for details)",
                err=True
            )
            sys.exit(70)
        finally:
            if main:
                signal.signal(signal.SIGTERM, signal.SIG_DFL if old is None else old)

    return wrapper  # type: ignore[return-value]


def emit_json(obj: Any) -> None:
    click.echo(json.dumps(obj, ensure_ascii=False, indent=2))


def emit_csv(rows: list[dict[str, Any]]) -> None:
    import csv

    if not rows:
        return
    writer = csv.DictWriter(sys.stdout, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)


def records(df: Any) -> list[dict[str, Any]]:
    """DataFrame rows as plain JSON-ready dicts (NaN/NA -> None, numpy -> Python)."""
    return json.loads(df.to_json(orient="records", force_ascii=False, double_precision=4))


def split_list(value: str | None) -> list[str]:
    """``a,b，c`` -> ``["a", "b", "c"]`` (ASCII or full-width commas)."""
    if not value:
        return []
    return [t.strip() for t in value.replace("，", ",").split(",") if t.strip()]


class Number(click.ParamType):
    """A finite number in a range: ``--min-score nan``, ``inf`` or ``-1`` is refused with the
    range in the message (click's FloatRange lets nan through: every comparison with it fails).
    ``open_min``: the lower bound itself is refused too."""

    name = "number"

    def __init__(self, lo: float | None = None, hi: float | None = None, *,
                 open_min: bool = False, integer: bool = False) -> None:
        self.lo, self.hi, self.open_min, self.integer = lo, hi, open_min, integer
        self.name = "integer" if integer else "number"

    def _range(self) -> str:
        if self.lo is not None and self.hi is not None:
            return f"{'(' if self.open_min else '['}{self.lo:g}, {self.hi:g}]"
        if self.lo is not None:
            return f"{'>' if self.open_min else '≥'} {self.lo:g}"
        return f"≤ {self.hi:g}"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if isinstance(value, int | float) and not isinstance(value, bool):
            number = value
        else:
            text = str(value).strip()
            try:
                number = int(text) if self.integer else float(text)
            except ValueError:
                what = "a whole number" if self.integer else "a number"
                self.fail(f"{value!r} is not {what}", param, ctx)
        if isinstance(number, float) and not math.isfinite(number):
            self.fail(f"{value!r} is not a finite number (must be {self._range()})", param, ctx)
        low = self.lo is not None and (number <= self.lo if self.open_min else number < self.lo)
        if low or (self.hi is not None and number > self.hi):
            self.fail(f"{value} is out of range (must be {self._range()})", param, ctx)
        return number


class Group(click.Group):
    """The ``evolve`` group: a usage error (unknown option, bad value, missing argument) is one
    line on stderr and exit 2, like every other error."""

    def main(self, args: Any = None, prog_name: str | None = None, complete_var: str | None = None,
             standalone_mode: bool = True, **extra: Any) -> Any:
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode, **extra)
        import warnings

        warnings.showwarning = _warning_line  # a library's warning: one line, not its source line
        if sys.stdout is None or not _open(sys.stdout):  # started with stdout closed (>&-)
            click.echo("evolve: error: standard output is closed; send it to a file or /dev/null",
                       err=True)
            sys.exit(2)
        try:
            code = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except click.UsageError as exc:
            if type(exc).__name__ == "NoArgsIsHelpError":  # bare ``evolve``: the help, as click does
                click.echo(exc.format_message(), err=True)
                sys.exit(2)
            where = exc.ctx.command_path if exc.ctx is not None else "evolve"
            click.echo(f"evolve: error: {one_line(exc.format_message())} (see '{where} --help')", err=True)
            sys.exit(2)
        except click.ClickException as exc:
            click.echo(f"evolve: error: {one_line(exc.format_message())}", err=True)
            sys.exit(exc.exit_code)
        except click.Abort:
            click.echo("evolve: interrupted", err=True)
            sys.exit(130)
        sys.exit(code if isinstance(code, int) else 0)


#: Library warnings that say nothing a user can act on (matplotlib laying out a crowded chart).
_QUIET_WARNINGS = ("Tight layout not applied", "tight_layout", "Glyph", "findfont")


def _warning_line(message: Warning | str, category: type[Warning], filename: str, lineno: int,
                  file: Any = None, line: str | None = None) -> None:
    text = one_line(message)
    if any(q in text for q in _QUIET_WARNINGS) or sys.stderr is None:
        return
    click.echo(f"evolve: warning: {text}", err=True)


def _open(stream: Any) -> bool:
    try:
        os.fstat(stream.fileno())
    except (OSError, ValueError, AttributeError):
        return not hasattr(stream, "fileno") or _no_fd(stream)
    return True


def _no_fd(stream: Any) -> bool:
    """A stream without a file descriptor (a test runner's buffer) counts as open."""
    try:
        stream.fileno()
    except (OSError, ValueError, AttributeError):
        return True
    return False


#: ``--corpus DIR``: where corpus ids are looked up (default: the bundled corpus). The same option
#: on every command that takes documents.
corpus_option = click.option(
    "--corpus",
    "corpus_dir",
    type=click.Path(file_okay=False),
    default=None,
    help="Corpus directory whose ids the documents name (default: the bundled corpus/).",
)


def load_documents(refs: tuple[str, ...] | list[str], *, corpus: str | None = None,
                   failed: list[Failure] | None = None) -> list[Document]:
    """Documents from corpus directories, files and corpus ids (none: the whole corpus), with a
    progress bar on stderr when loading takes more than a second.

    A document that cannot be read or parsed is skipped: named in a notice on stderr and
    appended to ``failed`` (for --json). A name that is neither a file nor a corpus id is an
    error, and so is a corpus of which no document could be read.
    """
    from ..corpus import BUNDLED, isolated, read_manifest, resolve, try_parse
    from ..records import Failure

    base = Path(corpus) if corpus else BUNDLED
    jobs: list[Callable[[], Document | Failure]] = []
    folders: list[str] = []  #: the corpus folder each job's document comes from ("" for files)
    for ref in refs or (str(base),):
        p = Path(ref)
        if p.is_dir():
            entries = read_manifest(p)
            jobs += [lambda e=e: try_parse(e) for e in entries]
            folders += [p.resolve().name or str(p)] * len(entries)
        else:
            jobs.append(lambda ref=ref: isolated(lambda: resolve(ref, corpus=base),
                                                 id=Path(ref).stem or ref, source=ref))
            folders.append("")
    docs: list[Document] = []
    skipped: list[Failure] = []
    start = time.monotonic()
    progress = None
    task = None
    origin: dict[int, str] = {}
    try:
        for i, job in enumerate(jobs):
            result = job()
            if isinstance(result, Failure):
                skipped.append(result)
            else:
                origin[len(docs)] = folders[i]
                docs.append(result)
            if (progress is None and time.monotonic() - start > 1.0 and i + 1 < len(jobs)
                    and sys.stderr is not None and sys.stderr.isatty()):  # no bar (nor its "\n") in a log
                from rich.console import Console
                from rich.progress import Progress

                progress = Progress(console=Console(stderr=True), transient=True)
                progress.start()
                task = progress.add_task("parsing plans", total=len(jobs), completed=i + 1)
            elif progress is not None and task is not None:
                progress.update(task, completed=i + 1)
    finally:
        if progress is not None:
            progress.stop()
    if not docs and len(skipped) == 1:  # the one document named: its reason is the error
        raise InputError(f"{skipped[0].source}: {skipped[0].reason}")
    if skipped:
        notice_failures(skipped)
        if failed is not None:
            failed.extend(skipped)
    if not docs and skipped:
        raise InputError(f"none of the {len(skipped)} documents could be read (see above)")
    return _distinct(docs, origin)


def _distinct(docs: list[Document], origin: dict[int, str]) -> list[Document]:
    """A plan named twice (a corpus and its id, one file twice) counts once; two different plans
    with one id (``corpus A B`` where both hold ``doc-00001``) are both kept, the later one under
    ``FOLDER/ID``, with a notice: neither hides the other."""
    from dataclasses import replace

    out: list[Document] = []
    by_id: dict[str, Document] = {}
    renamed: list[str] = []
    for i, d in enumerate(docs):
        first = by_id.get(d.id)
        if first is not None and _same_file(first.source, d.source):
            continue
        if first is not None:
            prefix = origin.get(i) or Path(d.source).parent.name or "doc"
            new, k = f"{prefix}/{d.id}", 1
            while new in by_id:
                k += 1
                new = f"{prefix}/{d.id}-{k}"
            renamed.append(f"{d.id} -> {new}")
            d = replace(d, id=new)
        by_id[d.id] = d
        out.append(d)
    if renamed:
        click.echo(f"evolve: notice: {len(renamed)} id(s) appear in more than one corpus; both "
                   f"kept, the later renamed: {', '.join(renamed[:5])}"
                   + (f" and {len(renamed) - 5} more" if len(renamed) > 5 else ""), err=True)
    return out


def _same_file(a: str, b: str) -> bool:
    try:
        return os.path.samefile(a, b)
    except (OSError, ValueError):
        return a == b


#: Failures listed one per line on stderr; the rest are counted.
SHOWN_FAILURES = 10


def notice_failures(failed: list[Failure]) -> None:
    """Name the documents that were skipped, on stderr (stdout stays machine-readable)."""
    click.echo(f"evolve: notice: {len(failed)} document(s) skipped, they could not be read:",
               err=True)
    for f in failed[:SHOWN_FAILURES]:
        name = f.source if Path(f.source).stem == f.id else f"{f.id} ({f.source})"
        click.echo(f"  {name}: {f.reason}", err=True)
    if len(failed) > SHOWN_FAILURES:
        click.echo(f"  … and {len(failed) - SHOWN_FAILURES} more", err=True)


def failure_json(failed: list[Failure]) -> dict[str, Any]:
    """``failed`` and a ``notices`` line for --json output (stable keys: add, never rename)."""
    notices = ([f"{len(failed)} document(s) skipped, they could not be read: "
                + ", ".join(f.id for f in failed[:SHOWN_FAILURES])
                + (f" and {len(failed) - SHOWN_FAILURES} more" if len(failed) > SHOWN_FAILURES
                   else "")] if failed else [])
    return {"failed": [f.to_dict() for f in failed], "notices": notices}
