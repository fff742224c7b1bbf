"""``evolve report``: one HTML page with the charts and tables of a trend study."""

from __future__ import annotations

import time
from pathlib import Path

import click

from ..errors import InputError
from ._common import console, corpus_option, emit_json, failure_json, handle_errors, load_documents

DEFAULT_OUT = Path("reports") / "evolve-report"


def _pairs(values: tuple[str, ...]) -> list[tuple[str, str]]:
    out = []
    for v in values:
        a, sep, b = v.partition(":")
        if not sep or not a.strip() or not b.strip():
            raise InputError(f"--pair wants OLDER:NEWER (two corpus ids or files), got {v!r}")
        out.append((a.strip(), b.strip()))
    return out


@click.command()
@click.argument("sources", nargs=-1)
@corpus_option
@click.option("--out", "out", type=click.Path(file_okay=False), default=str(DEFAULT_OUT),
              show_default=True, help="The report folder (index.html, charts/, tables/).")
@click.option("--pair", "pairs", multiple=True, metavar="A:B",
              help="Compare plan A with plan B (corpus ids or files); repeat for more pairs. "
                   "Default: consecutive plans.")
@click.option("--force", is_flag=True, help="Overwrite an existing report folder.")
@click.option("--lexicon", "lexicon_path", type=click.Path(dir_okay=False),
              help="A theme lexicon TOML file (default: the shipped one).")
@click.option("--title", default="", help="The page title.")
@click.option("--no-svg", is_flag=True, help="Write the charts as PNG only (faster).")
@click.option("--json", "as_json", is_flag=True,
              help="Print JSON: {out, page, files, sections, seconds (building), "
                   "total_seconds (with parsing), notices}.")
@handle_errors
def report(sources: tuple[str, ...], corpus_dir: str | None, out: str, pairs: tuple[str, ...], force: bool,
           lexicon_path: str | None, title: str, no_svg: bool, as_json: bool) -> None:
    """Write a report on a corpus: one self-contained HTML page plus its charts and CSV tables.

    SOURCES are corpus directories, plan files or corpus ids (default: the bundled corpus). The
    page has the documents, term and theme trends, emerging and fading vocabulary in context,
    comparisons of consecutive plans with their diffs, the agencies leading each theme and a
    methods note. It opens offline in any browser.
    """
    from rich.console import Console
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    from ..report import SECTIONS, build_report
    from ..trends.lexicon import load_lexicon

    start = time.monotonic()
    lexicon = load_lexicon(lexicon_path)
    chosen = _pairs(pairs)
    failed: list = []
    docs = load_documents(sources, corpus=corpus_dir, failed=failed)
    # The bar starts with the first section, after the output folder was checked, so that an
    # error about the folder is the only thing printed.
    progress = Progress(TextColumn("{task.description:<32}"), BarColumn(), TimeElapsedColumn(),
                        console=Console(stderr=True), transient=True, disable=as_json)
    task = progress.add_task("report", total=len(SECTIONS) + 1, start=False)
    done = iter(range(len(SECTIONS) + 2))

    def step(name: str) -> None:
        if not progress.live.is_started:
            progress.start()
            progress.start_task(task)
        progress.update(task, description=f"report: {name}", completed=next(done, 0))

    try:
        result = build_report(docs, out, pairs=chosen or None, force=force, lexicon=lexicon,
                              title=title, formats=("png",) if no_svg else ("png", "svg"),
                              progress=step, skipped=failed)
    finally:
        if progress.live.is_started:
            progress.stop()
    seconds = time.monotonic() - start
    if as_json:
        emit_json({**result.to_dict(), "total_seconds": round(seconds, 2),
                   "failed": failure_json(failed)["failed"]})
        return
    from ..render.report_view import report_note

    console().print(report_note(result, seconds))
