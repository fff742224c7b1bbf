"""What every command shares: error handling, output helpers, the ``--corpus`` option, loading.

Commands are thin: parse options, call one library function, render. A library error becomes one
line on stderr and exit 2 (``handle_errors``); a bug is one line and exit 70, never a traceback.
"""

from __future__ import annotations

import functools
import json
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from ..errors import EvolveError

if TYPE_CHECKING:
    from rich.console import Console

    from ..records import Document

F = TypeVar("F", bound=Callable[..., Any])

#: Width used when output is piped or redirected: wide enough that tables are not cut (rich would
#: otherwise assume 80 columns); ``COLUMNS`` overrides it.
PIPED_WIDTH = 200


def console(*, width: int | None = None, plain: bool = False) -> Console:
    """A stdout console: the terminal's width, or ``PIPED_WIDTH`` (or ``$COLUMNS``) when piped."""
    from rich.console import Console

    piped = not sys.stdout.isatty()
    if width is None and piped:
        width = int(os.environ["COLUMNS"]) if os.environ.get("COLUMNS", "").isdigit() else PIPED_WIDTH
    return Console(highlight=False, soft_wrap=False, width=width, no_color=plain or None,
                   force_terminal=False if (plain or piped) else None)


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
            click.echo(f"evolve: error: {exc}", err=True)
            sys.exit(exc.exit_code)
        except (OSError, UnicodeError) as exc:
            click.echo(f"evolve: error: {exc}", err=True)
            sys.exit(2)
        except KeyboardInterrupt:
            click.echo("evolve: interrupted", err=True)
            sys.exit(130)
        except Exception as exc:  # a bug: say so in one line; EVOLVE_DEBUG=1 shows the traceback
            if os.environ.get("EVOLVE_DEBUG"):
                raise
            click.echo(
                f"evolve: internal error: {type(exc).__name__}: {exc} (set EVOLVE_DEBUG=1 for details)", err=True
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


#: ``--corpus DIR``: where corpus ids are looked up (default: the bundled corpus). The same option
#: on every command that takes documents.
corpus_option = click.option(
    "--corpus",
    "corpus_dir",
    type=click.Path(file_okay=False),
    default=None,
    help="Corpus directory whose ids the documents name (default: the bundled corpus/).",
)


def load_documents(refs: tuple[str, ...] | list[str], *, corpus: str | None = None) -> list[Document]:
    """Documents from corpus directories, files and corpus ids (none: the whole corpus), with a
    progress bar on stderr when loading takes more than a second."""
    from ..corpus import BUNDLED, read_manifest, resolve
    from ..parse import parse_file

    base = Path(corpus) if corpus else BUNDLED
    jobs: list[Callable[[], Document]] = []
    for ref in refs or (str(base),):
        p = Path(ref)
        if p.is_dir():
            jobs += [lambda e=e: parse_file(e.path, id=e.id, meta=e.meta) for e in read_manifest(p)]
        else:
            jobs.append(lambda ref=ref: resolve(ref, corpus=base))
    docs: list[Document] = []
    start = time.monotonic()
    progress = None
    task = None
    try:
        for i, job in enumerate(jobs):
            docs.append(job())
            if progress is None and time.monotonic() - start > 1.0 and i + 1 < len(jobs):
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
    # a plan named twice (a corpus and its id) counts once
    unique = {d.id: d for d in reversed(docs)}
    return [d for d in docs if unique.pop(d.id, None) is not None]
