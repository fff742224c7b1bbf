"""The ``evolve`` command line: a thin layer that parses options, calls the library, renders.

Every command has a ``--json`` (or CSV) form; a library error becomes one line on stderr and a
non-zero exit, never a traceback.
"""

from __future__ import annotations

import functools
import json
import os
import sys
from collections.abc import Callable
from typing import Any, TypeVar

import click

from .errors import EvolveError

F = TypeVar("F", bound=Callable[..., Any])


def _console():  # type: ignore[no-untyped-def]
    from rich.console import Console

    return Console(highlight=False, soft_wrap=False)


def handle_errors(func: F) -> F:
    """Turn library errors (and stray I/O errors) into one clear line and a non-zero exit."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
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

    return wrapper  # type: ignore[return-value]


def emit_json(obj: Any) -> None:
    click.echo(json.dumps(obj, ensure_ascii=False, indent=2))


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(package_name="evolve")
def cli() -> None:
    """Compare Chinese government plans and measure how their vocabulary evolves."""


@cli.command()
@click.argument("file")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object (meta, provisions, normalisation).")
@click.option("--text", "show_text", is_flag=True, help="Print the normalised text instead of the tree.")
@handle_errors
def parse(file: str, as_json: bool, show_text: bool) -> None:
    """Parse FILE (a path or a corpus id) and show its structure, metadata and agencies."""
    from .corpus import resolve

    doc = resolve(file)
    if as_json:
        emit_json(doc.to_dict())
    elif show_text:
        click.echo(doc.text, nl=False)
    else:
        from .render.parse_view import parse_view

        _console().print(parse_view(doc))


@cli.command(name="corpus")
@click.argument("sources", nargs=-1)
@click.option("--json", "as_json", is_flag=True, help="Print the rows as JSON.")
@click.option("--csv", "as_csv", is_flag=True, help="Print the rows as CSV.")
@handle_errors
def corpus_cmd(sources: tuple[str, ...], as_json: bool, as_csv: bool) -> None:
    """List the documents of a corpus (the bundled one by default) with their structure."""
    from .corpus import load_many
    from .render.corpus_view import corpus_rows, corpus_table

    docs = load_many(list(sources))
    if as_json:
        emit_json({"documents": corpus_rows(docs)})
    elif as_csv:
        emit_csv(corpus_rows(docs))
    else:
        _console().print(corpus_table(docs))


def emit_csv(rows: list[dict[str, Any]]) -> None:
    import csv

    if not rows:
        return
    writer = csv.DictWriter(sys.stdout, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)


# Commands of other stages live in their own modules and register on ``cli`` when imported.
# One line each (keep this block at the end of the module's definitions).
from . import cli_compare  # noqa: F401
from . import cli_report  # noqa: F401
from . import cli_reuse  # noqa: F401
from . import cli_trends  # noqa: F401


def main() -> None:
    cli()


if __name__ == "__main__":
    main()
