"""``evolve report``: one HTML page with the charts and tables of a trend study."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import click

from ..errors import InputError
from ._common import console, corpus_option, emit_json, handle_errors

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
                   "Default: see --pairs.")
@click.option("--pairs", "max_pairs", type=click.IntRange(min=0), default=5, show_default=True,
              help="Without --pair: compare this many pairs of consecutive plans of one place, "
                   "the most informative (the smaller plan has the most provisions; one per "
                   "place first). 0: no comparisons.")
@click.option("--force", is_flag=True, help="Overwrite an existing report folder.")
@click.option("--lexicon", "lexicon_path", type=click.Path(dir_okay=False),
              help="A theme lexicon TOML file (default: the shipped one, used only where it "
                   "fits the corpus).")
@click.option("--terms", help="Comma-separated terms to follow (each counted exactly as written; "
                              "5G|第五代移动通信 counts both under 5G) instead of the lexicon's "
                              "story terms: the key findings and the term trends are about them.")
@click.option("--title", default="", help="The page title.")
@click.option("--no-svg", is_flag=True, help="Write the charts as PNG only (faster).")
@click.option("--json", "as_json", is_flag=True,
              help="Print JSON: {out, page, files, pages (one per comparison), sections, "
                   "seconds (building), "
                   "total_seconds (with parsing), notices}.")
@handle_errors
def report(sources: tuple[str, ...], corpus_dir: str | None, out: str, pairs: tuple[str, ...],
           max_pairs: int, force: bool, lexicon_path: str | None, terms: str | None, title: str,
           no_svg: bool, as_json: bool) -> None:
    """Write a report on a corpus: a self-contained HTML page, a page per comparison, and the
    charts and CSV tables behind them.

    SOURCES are corpus directories, plan files or corpus ids (default: the bundled corpus). The
    main page opens with the key findings (the terms asked for, or the lexicon's story terms that
    rose and fell most, with counts; on a corpus the lexicon does not fit, the words that rose and
    fell most by keyness), then
    the documents, term and theme trends, emerging and fading vocabulary in context, the
    comparisons (each linked to its own page with every clause diff), the agencies leading each
    theme and a methods note. It opens offline in any browser.
    """
    from ..api.collection import report as run
    from ..progress import rich_progress
    from ._common import split_list

    start = time.monotonic()
    chosen = _pairs(pairs)
    with rich_progress(enabled=sys.stderr.isatty() and not as_json) as progress:
        result = run(list(sources), out=out, pairs=chosen or None, max_pairs=max_pairs, force=force,
                     lexicon=lexicon_path, terms=split_list(terms) or None, title=title, svg=not no_svg,
                     corpus_dir=corpus_dir, progress=progress)
    seconds = time.monotonic() - start
    if as_json:
        emit_json({**result.to_dict(), "total_seconds": round(seconds, 2)})
        return
    from ..render.report_view import report_note

    console().print(report_note(result.result, seconds))
