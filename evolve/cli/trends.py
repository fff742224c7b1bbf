"""``evolve trends``, ``keyness`` and ``kwic``: how the vocabulary moves across plans."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from ._common import (
    Number,
    console,
    corpus_option,
    emit_csv,
    emit_json,
    handle_errors,
    records,
    split_list,
)

if TYPE_CHECKING:
    pass

DEFAULT_CHARTS = Path("reports") / "trends"


#: The same --lexicon option on every command of this module.
lexicon_option = click.option(
    "--lexicon",
    "lexicon_path",
    type=click.Path(dir_okay=False),
    help="A theme lexicon TOML file (default: the shipped evolve/data/lexicon.toml).",
)


@click.command()
@click.argument("sources", nargs=-1)
@corpus_option
@click.option(
    "--terms",
    help="Comma-separated terms (default: the lexicon's story terms), each counted exactly as "
    "written; 5G|第五代移动通信 counts both spellings under 5G.",
)
@click.option(
    "--variants",
    is_flag=True,
    help="A lexicon term also counts its variant spellings (5G: 五G, 第五代移动通信); the "
    "output lists them.",
)
@click.option(
    "--themes", "use_themes", is_flag=True, help="Count the lexicon's themes instead of terms."
)
@click.option(
    "--by",
    help="Group documents by a column: year, place, province, level, period or any "
    "manifest column; the theme and heatmap charts then show these groups (they show years "
    "anyway above a few dozen documents).",
)
@lexicon_option
@click.option(
    "--chart",
    "chart",
    type=click.Path(),
    help="Write the charts here: a .png/.svg/.pdf file "
    "(the trend lines; the others beside it) or a directory: terms.png (theme-trends.png with "
    f"--themes), themes.png, heatmap.png [default: {DEFAULT_CHARTS}/].",
)
@click.option("--no-chart", is_flag=True, help="Do not write charts.")
@click.option(
    "--no-milestones", is_flag=True, help="Leave the milestone lines off the trend chart."
)
@click.option(
    "--json", "as_json", is_flag=True, help="Print JSON: documents, terms, groups, drift."
)
@click.option(
    "--csv", "as_csv", is_flag=True, help="Print one CSV row per (document or group, term)."
)
@handle_errors
def trends(
    sources: tuple[str, ...],
    corpus_dir: str | None,
    terms: str | None,
    variants: bool,
    use_themes: bool,
    by: str | None,
    lexicon_path: str | None,
    chart: str | None,
    no_chart: bool,
    no_milestones: bool,
    as_json: bool,
    as_csv: bool,
) -> None:
    """Count policy terms (or themes) in every plan of a corpus and show how they rise and fade.

    SOURCES are corpus directories, plan files or corpus ids (default: the bundled corpus). Terms
    match the normalised text longest-first without overlap, so a term asked for alone counts what
    Ctrl-F finds; rates are per 10,000 characters; "docs" is how many plans mention the term.
    Charts go to reports/trends/ unless --no-chart (or --json/--csv without --chart).
    """
    from ..api.study import trends as run
    from ..progress import rich_progress

    if chart is not None:
        from ..output import chart_file

        chart_file(chart, folder_ok=True)
    draw = chart or (None if (no_chart or as_json or as_csv) else DEFAULT_CHARTS)
    with rich_progress(enabled=sys.stderr.isatty() and not (as_json or as_csv)) as progress:
        result = run(list(sources), terms=split_list(terms) or None, by=by, variants=variants, themes=use_themes,
                     lexicon=lexicon_path, chart=draw, milestones=not no_milestones, corpus_dir=corpus_dir,
                     progress=progress)
    if as_json:
        emit_json(result.to_dict())
    elif as_csv:
        emit_csv(result.csv_rows())
    else:
        con = console()
        con.print(result.view(width=con.width))


@click.command()
@click.argument("sources", nargs=-1)
@corpus_option
@click.option("--before", type=int, help="Group A (reference): plans dated before this year.")
@click.option("--after", type=int, help="Group B (focus): plans dated after this year.")
@click.option(
    "--where",
    help="Group B (focus): plans whose COLUMN=VALUE (e.g. place=肇庆); A: the rest. Not with "
    "--before/--after.",
)
@click.option(
    "--kind",
    type=click.Choice(["word", "ngram", "all"]),
    default="word",
    show_default=True,
    help="jieba words, character 2–4-grams (fragments of longer features folded), or both.",
)
@click.option(
    "--min-freq", type=Number(1, integer=True), default=3, show_default=True, help="Leave out rarer features."
)
@click.option("--top", type=Number(0, integer=True), default=15, show_default=True, help="Rows per side in the table.")
@click.option(
    "--unlisted",
    is_flag=True,
    help="Only features that are not lexicon spellings (new vocabulary).",
)
@click.option("--keep-places", is_flag=True, help="Keep place names (left out by default).")
@click.option(
    "--stopwords",
    "stopwords_path",
    type=click.Path(dir_okay=False),
    help="A stop list to use instead of the shipped Chinese one (UTF-8, one word a line).",
)
@click.option(
    "--keep-stopwords", is_flag=True, help="Keep stop words (的, 进行, 我们 …; left out by default)."
)
@lexicon_option
@click.option("--json", "as_json", is_flag=True, help="Print JSON: groups and all rows.")
@click.option("--csv", "as_csv", is_flag=True, help="Print all rows as CSV.")
@handle_errors
def keyness(
    sources: tuple[str, ...],
    corpus_dir: str | None,
    before: int | None,
    after: int | None,
    where: str | None,
    kind: str,
    min_freq: int,
    top: int,
    unlisted: bool,
    keep_places: bool,
    stopwords_path: str | None,
    keep_stopwords: bool,
    lexicon_path: str | None,
    as_json: bool,
    as_csv: bool,
) -> None:
    """Words (or character n-grams) that one group of plans uses more than another (G², log ratio).

    e.g. `evolve keyness --before 2018 --after 2021` (older A against newer B) or
    `evolve keyness --where place=肇庆` (the rest A against one city B). The log ratio is positive
    for what is key to B (the newer plans, or the --where plans) and negative for what is key to A.
    Stop words (a shipped Chinese list: 的, 进行, 我们, 必须 …) and place names are left out.
    """
    from ..api.study import keyness as run

    result = run(list(sources), before=before, after=after, where=where, kind=kind, min_freq=min_freq,
                 unlisted=unlisted, keep_places=keep_places, stopwords=stopwords_path,
                 keep_stopwords=keep_stopwords, lexicon=lexicon_path, corpus_dir=corpus_dir)
    if as_json:
        emit_json(result.to_dict())
    elif as_csv:
        emit_csv(records(result.table.rows))
    else:
        from ..render.trends_view import keyness_view

        console().print(keyness_view(result.table, top=top))


@click.command()
@click.argument("sources", nargs=-1)
@corpus_option
@click.argument("term")
@click.option(
    "--width", type=Number(0, 1000, integer=True), default=14, show_default=True,
    help="Characters of context each side."
)
@click.option(
    "--variants", is_flag=True, help="A lexicon term also finds its variant spellings."
)
@click.option(
    "--regex", "is_regex", is_flag=True,
    help="TERM is a Python regular expression (e.g. '数字\\w{2}' or '(数据|算力)中心').",
)
@click.option(
    "--sort", "sort_by", type=click.Choice(["doc", "left", "right"]), default="doc",
    show_default=True,
    help="Line order: as found, by the left context read leftwards from the term, or by the "
    "term and its right context.",
)
@lexicon_option
@click.option("--json", "as_json", is_flag=True, help="Print the occurrences as JSON.")
@click.option("--csv", "as_csv", is_flag=True, help="Print the occurrences as CSV.")
@handle_errors
def kwic(
    sources: tuple[str, ...],
    corpus_dir: str | None,
    term: str,
    width: int,
    variants: bool,
    is_regex: bool,
    sort_by: str,
    lexicon_path: str | None,
    as_json: bool,
    as_csv: bool,
) -> None:
    """Every occurrence of TERM with its context, document, year and provision path.

    SOURCES as for `evolve trends` (default: the bundled corpus). TERM is found exactly as written;
    with --variants a lexicon term brings its variant spellings (5G also finds 五G), and
    5G|五G finds both; with --regex it is a regular expression. --sort left|right orders the
    lines by their context, as a concordance does.
    """
    from ..api.study import kwic as run

    result = run(list(sources), term, width=width, variants=variants, regex=is_regex, sort=sort_by,
                 lexicon=lexicon_path, corpus_dir=corpus_dir)
    if as_json:
        emit_json(result.to_dict())
    elif as_csv:
        emit_csv([{**h.to_dict(), "path": " › ".join(h.path)} for h in result.hits])
    else:
        from ..render.trends_view import kwic_view

        console().print(kwic_view(result.hits, result.term))
