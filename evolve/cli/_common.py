"""What every command shares: error handling, output helpers, the ``--corpus`` option (loading is ``evolve.loading``).

Commands are thin: parse options, call one library function, render. A library error becomes one
line on stderr and exit 2 (``handle_errors``); a bug is one line and exit 70, never a traceback.
"""

from __future__ import annotations

import functools
import json
import math
import os
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

import click

from ..errors import EvolveError

# loading lives in the library: the API loads through the same code (re-exported for commands)
from ..loading import SHOWN_FAILURES, failure_json, load_documents, notice_failures  # noqa: F401

if TYPE_CHECKING:
    from rich.console import Console


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


def _database_error() -> type[Exception]:
    """sqlite3's error class, imported when an error reaches the handler (an except clause
    evaluates its class only then): most commands never open the corpus index."""
    import sqlite3

    return sqlite3.Error


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
        except _database_error() as exc:  # the corpus index on a full disk, a locked database
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

