"""``evolve parse`` and ``evolve corpus``: one plan's structure, a corpus's documents."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from ._common import (
    console,
    corpus_option,
    emit_csv,
    emit_json,
    handle_errors,
)

if TYPE_CHECKING:
    from ..records import Failure


@click.command()
@click.argument("file")
@corpus_option
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object (meta, provisions, normalisation).")
@click.option("--text", "show_text", is_flag=True, help="Print the normalised text instead of the tree.")
@handle_errors
def parse(file: str, corpus_dir: str | None, as_json: bool, show_text: bool) -> None:
    """Parse FILE (a path or a corpus id) and show its structure, metadata and agencies."""
    from ..corpus import BUNDLED, resolve

    doc = resolve(file, corpus=corpus_dir or BUNDLED)
    if as_json:
        emit_json(doc.to_dict())
    elif show_text:
        click.echo(doc.text, nl=False)
    else:
        from ..render.parse_view import parse_view

        console().print(parse_view(doc))


@click.command(name="corpus")
@click.argument("sources", nargs=-1)
@corpus_option
@click.option("--json", "as_json", is_flag=True, help="Print the rows as JSON.")
@click.option("--csv", "as_csv", is_flag=True, help="Print the rows as CSV.")
@handle_errors
def corpus_cmd(sources: tuple[str, ...], corpus_dir: str | None, as_json: bool, as_csv: bool) -> None:
    """List the documents of a corpus (the bundled one by default) with their structure."""
    from ..api.sources import Corpus, documents_of

    failed: list[Failure] = []
    corpus = Corpus.of(documents_of(list(sources), corpus=corpus_dir, failed=failed), failed=failed)
    if as_json:
        emit_json(corpus.to_dict())
    elif as_csv:
        emit_csv(corpus.to_dict()["documents"])
    else:
        console().print(corpus)
