"""``evolve compare`` and ``evolve align``: two plans side by side."""

from __future__ import annotations

import gc
import sys
from collections.abc import Iterator
from contextlib import contextmanager

import click

from ..errors import InputError
from ._common import Number, console, corpus_option, emit_json, handle_errors
from ._exit import quick_exit


def _compare(a: str, b: str, min_score: float | None, merge_ratio: float | None,
             min_relative: float | None = None, corpus: str | None = None):  # type: ignore[no-untyped-def]
    from ..api.plans import compare as run

    return run(a, b, min_score=min_score, min_relative=min_relative, merge_ratio=merge_ratio, corpus=corpus)


@contextmanager
def _without_gc() -> Iterator[None]:
    """Two plans: what the command allocates is bounded and freed when it ends, and a cyclic
    collection would scan every object it made (some 0.02 s for nothing). Collection resumes
    after it (the command may run inside a notebook or a test)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


_min_score = click.option("--min-score", type=Number(0, 1), default=None,
                          help="Floor on the combined similarity of a correspondence (default 0.05).")
_min_relative = click.option("--min-relative", type=Number(0), default=None,
                             help="How many standard deviations a pair must stand above the other "
                                  "candidates of both provisions (default 2.0).")
_merge_ratio = click.option("--merge-ratio", type=Number(0, 1), default=None,
                            help="How close to the best a second provision must be to join a merge or split.")


@click.command()
@click.argument("a")
@click.argument("b")
@corpus_option
@_min_score
@_min_relative
@_merge_ratio
@click.option("--limit", type=click.IntRange(0), default=None,
              help="Show the N strongest correspondences (and at most N of each list).")
@click.option("--sort", type=click.Choice(["order", "score"]), default="order", show_default=True,
              help="Correspondences in the document order of B, or strongest first.")
@click.option("--html", "html_file", type=click.Path(dir_okay=False), default=None,
              help="Also write the comparison as one offline HTML page to this file.")
@click.option("--show-above", type=Number(0, 1), default=0.0,
              help="Show only correspondences scoring at least this.")
@click.option("--explain", is_flag=True, help="Say which signals and thresholds made each decision.")
@click.option("--plain", is_flag=True, help="No colours or styles (automatic when piped).")
@click.option("--width", type=click.IntRange(40), default=None, help="Output width in columns.")
@click.option("--json", "as_json", is_flag=True, help="Print the alignment as JSON (same as `evolve align`).")
@handle_errors
@quick_exit
@_without_gc()
def compare(a: str, b: str, corpus_dir: str | None, min_score: float | None, min_relative: float | None,
            merge_ratio: float | None, limit: int | None, sort: str, html_file: str | None,
            show_above: float, explain: bool, plain: bool, width: int | None, as_json: bool) -> None:
    """Compare plan A (older) with plan B (newer): correspondences, diffs, dropped and new.

    A and B are files or corpus ids (see `evolve corpus`).
    """
    if html_file is not None and not html_file.strip():
        raise InputError("--html is empty; name the page to write")
    result = _compare(a, b, min_score, merge_ratio, min_relative, corpus_dir)
    al, pairs = result.alignment, result.targets
    if html_file:
        from ..render.compare_page import write_compare_page

        write_compare_page(al, html_file)
    if as_json:
        emit_json(result.to_dict())
        return
    from ..render.compare_view import compare_view
    from ..render.plain_table import PlainGroup
    from ..render.targets_view import target_pairs_view

    plain = plain or not sys.stdout.isatty()
    view = compare_view(al, limit=limit, min_display=show_above, explain=explain, plain=plain, sort=sort)
    out = console(width=width, plain=plain)
    out.print(view, crop=False)
    out.print(PlainGroup(target_pairs_view(pairs, limit=20 if limit is None else limit)), crop=False)
    if html_file:
        out.print(f"page: {html_file}")


@click.command(name="align")
@click.argument("a")
@click.argument("b")
@corpus_option
@_min_score
@_min_relative
@_merge_ratio
@click.option("--json", "as_json", is_flag=True, default=True, show_default=True,
              help="Print JSON (the default and only form; kept for scripts that pass it).")
@handle_errors
@quick_exit
@_without_gc()
def align_cmd(a: str, b: str, corpus_dir: str | None, min_score: float | None, min_relative: float | None,
              merge_ratio: float | None, as_json: bool) -> None:
    """Align plan A with plan B and print the result as JSON for programs.

    Keys: matches [{source, target, score, kind, clauses [{source, target, score, diff}]}],
    unmatched_source, unmatched_target, summary, rates, succession, params, targets.
    """
    emit_json(_compare(a, b, min_score, merge_ratio, min_relative, corpus_dir).to_dict())

