"""``evolve targets`` and ``evolve lineage``: a plan series through time."""

from __future__ import annotations

import sys

import click

from ._common import console, corpus_option, emit_csv, emit_json, handle_errors


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
    from ..api.plans import targets as run

    result = run(list(docs), corpus=corpus_dir)
    if as_csv:
        emit_csv(result.rows())
        return
    if as_json:
        emit_json(result.to_dict())
        return
    from ..render.targets_view import targets_view

    console().print(targets_view(result.documents, result.targets, result.indicators,
                                 limit=limit or sys.maxsize, kind=kind))


@click.command()
@click.argument("docs", nargs=-1, required=True)
@corpus_option
@click.option("--as-given", is_flag=True, help="Keep the documents in the order given (default: by year).")
@click.option("--no-skip", is_flag=True, help="Do not align each document with the one after next "
              "(faster; a provision dropped once then back starts a new chain).")
@click.option("--limit", type=click.IntRange(0), default=30, show_default=True, help="Chains shown (0: all).")
@click.option("--single", is_flag=True, help="Also list provisions found in one document only.")
@click.option("--changes-only", is_flag=True, help="Leave out (of the table and chart) the chains present "
              "in every document, one provision each, unchanged.")
@click.option("--chart", "chart", type=click.Path(dir_okay=False), default=None,
              help="Write a swimlane chart of the chains (.png, .svg or .pdf, by suffix).")
@click.option("--json", "as_json", is_flag=True, help="Print {documents, chains: [{links, first, last, added, "
              "removed}]} as JSON.")
@handle_errors
def lineage(docs: tuple[str, ...], corpus_dir: str | None, as_given: bool, no_skip: bool, limit: int,
            single: bool, changes_only: bool, chart: str | None, as_json: bool) -> None:
    """Chains of corresponding provisions through DOCS in time order: which commitments persist,
    which are dropped and come back, how their words change.

    DOCS are files, corpus ids or corpus directories (at least two documents).
    """
    from ..api.plans import lineage as run
    from ..progress import rich_progress

    if chart is not None:
        from ..output import chart_file

        chart_file(chart)
    with rich_progress(enabled=sys.stderr.isatty()) as progress:
        result = run(list(docs), as_given=as_given, no_skip=no_skip, corpus=corpus_dir, progress=progress)
    if chart:
        result.chart(chart, changes_only=changes_only)
    if as_json:
        emit_json(result.to_dict())
        return
    from ..render.lineage_view import lineage_view

    out = console()
    out.print(lineage_view(result.lineage, limit=limit, single=single, changes_only=changes_only))
    if chart:
        out.print(f"chart: {chart}", markup=False)
