"""``evolve targets`` and ``evolve lineage``: a plan series through time."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

import click

from ._common import (
    console,
    corpus_option,
    emit_csv,
    emit_json,
    failure_json,
    handle_errors,
    load_documents,
)

if TYPE_CHECKING:
    from ..records import Failure

#: Columns of ``evolve targets --csv`` (and the keys of each ``--json`` target), in order.
TARGET_COLUMNS = ("doc", "provision", "indicator", "value", "value_max", "unit", "qualifier", "target_year",
                  "kind", "text", "horizon", "key", "phrase", "year", "stretch")


@click.command()
@click.argument("docs", nargs=-1)
@corpus_option
@click.option("--kind", type=click.Choice(["target", "outcome", "all"]), default="target", show_default=True,
              help="Which figures the terminal lists per document (JSON and CSV hold all, with their kind).")
@click.option("--limit", type=click.IntRange(0), default=20, show_default=True,
              help="Rows per document and indicator tables shown (0: all).")
@click.option("--json", "as_json", is_flag=True, help="Print {targets: [...], indicators: [...]} as JSON.")
@click.option("--csv", "as_csv", is_flag=True, help="Print the targets as CSV.")
@handle_errors
def targets(docs: tuple[str, ...], corpus_dir: str | None, kind: str, limit: int, as_json: bool,
            as_csv: bool) -> None:
    """Quantitative targets of DOCS: indicator, value or range, unit, qualifier, year, kind.

    DOCS are files, corpus ids or corpus directories (none: the corpus). Over several documents,
    one table per indicator shows how its target moved from document to document.
    """
    from ..series import in_time_order
    from ..targets import indicator_table, targets_of
    from ._common import records

    failed: list[Failure] = []
    documents = in_time_order(load_documents(docs, corpus=corpus_dir, failed=failed))
    found = targets_of(documents)
    if as_csv:
        emit_csv([{c: t.to_dict()[c] for c in TARGET_COLUMNS} for t in found])
        return
    table = indicator_table(found, documents=[d.id for d in documents])
    if as_json:
        emit_json({"documents": [d.id for d in documents],
                   "targets": [{c: t.to_dict()[c] for c in TARGET_COLUMNS} for t in found],
                   "indicators": records(table), **failure_json(failed)})
        return
    from ..render.targets_view import targets_view

    console().print(targets_view(documents, found, table, limit=limit or sys.maxsize, kind=kind))


@click.command()
@click.argument("docs", nargs=-1, required=True)
@corpus_option
@click.option("--as-given", is_flag=True, help="Keep the documents in the order given (default: by year).")
@click.option("--no-skip", is_flag=True, help="Do not align each document with the one after next "
              "(faster; a provision dropped once then back starts a new chain).")
@click.option("--limit", type=click.IntRange(0), default=30, show_default=True, help="Chains shown (0: all).")
@click.option("--single", is_flag=True, help="Also list provisions found in one document only.")
@click.option("--chart", "chart", type=click.Path(dir_okay=False), default=None,
              help="Write a swimlane chart of the chains (PNG, or SVG by suffix).")
@click.option("--json", "as_json", is_flag=True, help="Print {documents, chains: [{links, first, last, added, "
              "removed}]} as JSON.")
@handle_errors
def lineage(docs: tuple[str, ...], corpus_dir: str | None, as_given: bool, no_skip: bool, limit: int,
            single: bool, chart: str | None, as_json: bool) -> None:
    """Chains of corresponding provisions through DOCS in time order: which commitments persist,
    which are dropped and come back, how their words change.

    DOCS are files, corpus ids or corpus directories (at least two documents).
    """
    from ..errors import InputError
    from ..lineage import build_lineage
    from ..progress import rich_progress

    failed: list[Failure] = []
    documents = load_documents(docs, corpus=corpus_dir, failed=failed)
    if len(documents) < 2:
        raise InputError("lineage needs at least two documents")
    empty = [d.id for d in documents if not d.provisions]
    if empty:
        raise InputError(f"{empty[0]}: no provisions found")
    with rich_progress(enabled=sys.stderr.isatty()) as progress:
        result = build_lineage(documents, keep_order=as_given, skip=not no_skip, progress=progress)
    if chart:
        from ..render.lineage_chart import lineage_chart

        lineage_chart(result, chart)
    if as_json:
        emit_json({**result.to_dict(), "failed": failure_json(failed)["failed"]})
        return
    from ..render.lineage_view import lineage_view

    out = console()
    out.print(lineage_view(result, limit=limit, single=single))
    if chart:
        out.print(f"chart: {chart}", markup=False)
