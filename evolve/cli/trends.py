"""``evolve trends``, ``keyness`` and ``kwic``: how the vocabulary moves across plans."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from ._common import (
    Number,
    console,
    corpus_option,
    emit_csv,
    emit_json,
    failure_json,
    handle_errors,
    load_documents,
    records,
    split_list,
)

if TYPE_CHECKING:
    from ..records import Failure

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
    help="Write the charts here: a .png/.svg file "
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
    from ..errors import InputError
    from ..progress import rich_progress
    from ..trends.adoption import adoption, drift
    from ..trends.lexicon import load_lexicon, resolve_terms
    from ..trends.measures import documents_json, group_table, term_span, term_table, theme_table

    lexicon = load_lexicon(lexicon_path)
    failed: list[Failure] = []
    docs = load_documents(sources, corpus=corpus_dir, failed=failed)
    with rich_progress(enabled=sys.stderr.isatty() and not (as_json or as_csv)) as progress:
        themes = theme_table(docs, lexicon, progress=progress)
        if use_themes:
            table = themes
        else:
            names = split_list(terms) or list(lexicon.default_terms) or [t.name for t in lexicon.terms]
            table = term_table(
                docs, resolve_terms(names, lexicon, variants=variants), progress=progress
            )
        span = term_span(table.counts)
        groups = group_table(table, by) if by else None
        try:
            dr = drift(themes)
        except InputError:  # fewer than two periods: no drift figure
            dr = None
        charts: list[tuple[str, str]] = []
        if chart or not (no_chart or as_json or as_csv):
            from ..render.charts import trend_charts

            charts = trend_charts(
                table,
                themes,
                chart or DEFAULT_CHARTS,
                milestones=() if no_milestones else lexicon.milestones,
                by=by,
                progress=progress,
            )
    if as_json:
        adopt = adoption(table)
        emit_json(
            {
                "kind": table.kind,
                "documents": documents_json(table),
                "terms": _span_rows(span, table),
                **({"by": by, "groups": records(groups)} if groups is not None else {}),
                "drift": None
                if dr is None
                else {
                    "by": dr.by,
                    "a": dr.a,
                    "b": dr.b,
                    "jsd": round(dr.jsd, 4),
                    "shares": records(dr.shares),
                },
                "adoption": {"first": records(adopt.first), "curve": records(adopt.curve)},
                "charts": [{"file": f, "shows": w} for f, w in charts],
                "lexicon": lexicon.source,
                "failed": failure_json(failed)["failed"],
                "notices": failure_json(failed)["notices"] + list(table.notices),
            }
        )
    elif as_csv:
        counted = _spelling_lists(table)
        if groups is not None:
            rows = records(groups)
        else:
            cols = [
                "id",
                "place",
                "province",
                "year",
                "period",
                "chars",
                "term",
                "theme",
                "count",
                "per_10k",
            ]
            rows = records(table.counts[cols + (["paired"] if table.kind == "term" else [])])
        if counted:
            for r in rows:
                r["spellings"] = "|".join(counted.get(r["term"], []))
        emit_csv(rows)
    else:
        from ..render.chart_rows import DETAIL_MAX
        from ..render.trends_view import closing_note, spelling_note, trend_view

        notices = list(table.notices)
        shown, shown_by = groups, by
        n_docs = table.counts["id"].nunique()
        if groups is None and n_docs > DETAIL_MAX:
            # One column per plan stops being readable after a few dozen: show years.
            shown, shown_by = group_table(table, "year"), "year"
            notices.insert(
                0,
                f"{n_docs:,} documents, so the table shows years; --by COLUMN groups otherwise, "
                "--csv or --json gives every document",
            )
        con = console()
        con.print(trend_view(table, span, shown, shown_by, width=con.width))
        con.print(spelling_note(table, variants=variants))
        con.print(closing_note(charts, notices, dr))


def _spelling_lists(table: Any) -> dict[str, list[str]]:
    """Term -> the spellings counted under it (terms only; empty for themes)."""
    if table.spellings is None:
        return {}
    out: dict[str, list[str]] = {}
    for t, s in zip(table.spellings["term"], table.spellings["spelling"], strict=True):
        out.setdefault(t, []).append(s)
    return out


def _span_rows(span: Any, table: Any) -> list[dict[str, Any]]:
    rows = records(span)
    order = {t: i for i, t in enumerate(table.terms)}
    rows.sort(key=lambda r: order.get(r["term"], 0))
    themes = dict(zip(table.counts["term"], table.counts["theme"], strict=False))
    lists = _spelling_lists(table)
    sp = table.spellings
    paired = table.counts.groupby("term")["paired"].sum() if table.kind == "term" else None
    for r in rows:
        r["theme"] = themes.get(r["term"])
        if table.kind == "term":
            r["spellings"] = lists.get(r["term"], [r["term"]])
            mine = sp[sp["term"] == r["term"]]
            r["spelling_counts"] = {
                s: int(n) for s, n in zip(mine["spelling"], mine["count"], strict=True)
            }
            r["paired"] = int(paired.get(r["term"], 0))
    return rows


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
    from ..trends.keyness import keyness as run
    from ..trends.keyness import split_by_year, split_where
    from ..trends.lexicon import load_lexicon
    from ..trends.stopwords import load_stopwords

    lexicon = load_lexicon(lexicon_path)
    stops = frozenset() if keep_stopwords else load_stopwords(stopwords_path)
    if where and (before is not None or after is not None):
        from ..errors import InputError

        raise InputError(
            "--where chooses the groups by a column, --before/--after by year: give one or the other"
        )
    failed: list[Failure] = []
    docs = load_documents(sources, corpus=corpus_dir, failed=failed)
    if where:
        a, b, label = split_where(docs, where)
        a_label, b_label, notices = "rest", label, []
    else:
        a, b, notices = split_by_year(docs, before=before, after=after)
        a_label = f"<{before}" if before is not None else f"≤{after}"
        b_label = f">{after}" if after is not None else f"≥{before}"
    kinds = ("word", "ngram") if kind == "all" else (kind,)
    k = run(
        a,
        b,
        a_label=a_label,
        b_label=b_label,
        kinds=kinds,
        min_freq=min_freq,
        keep_places=keep_places,
        lexicon=lexicon,
        notices=notices,
        stopwords=stops,
    )
    if unlisted:
        from dataclasses import replace

        k = replace(k, rows=k.rows[~k.rows["in_lexicon"]].reset_index(drop=True))
    if as_json:
        emit_json(
            {
                "a": {"label": k.a_label, "documents": list(k.a_docs), "chars": k.a_chars},
                "b": {"label": k.b_label, "documents": list(k.b_docs), "chars": k.b_chars},
                "rows": records(k.rows),
                "failed": failure_json(failed)["failed"],
                "notices": failure_json(failed)["notices"] + list(k.notices),
            }
        )
    elif as_csv:
        emit_csv(records(k.rows))
    else:
        from ..render.trends_view import keyness_view

        console().print(keyness_view(k, top=top))


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
    from ..errors import InputError
    from ..trends.kwic import compile_pattern, sort_hits
    from ..trends.kwic import kwic as run
    from ..trends.lexicon import load_lexicon, resolve_terms

    lexicon = load_lexicon(lexicon_path)
    if not term:
        raise InputError("empty TERM")
    pattern = compile_pattern(term) if is_regex else None
    found = [] if is_regex else resolve_terms([term], lexicon, variants=variants)
    if not is_regex and not found:
        raise InputError("empty TERM")
    failed: list[Failure] = []
    docs = load_documents(sources, corpus=corpus_dir, failed=failed)
    hits = sort_hits(run(docs, found[0] if found else None, width=width, pattern=pattern),
                     sort_by)
    name = found[0].name if found else term
    if as_json:
        emit_json(
            {
                "term": name,
                "spellings": list(found[0].spellings) if found else [],
                **({"regex": term} if is_regex else {}),
                "sort": sort_by,
                "hits": [h.to_dict() for h in hits],
                **failure_json(failed),
            }
        )
    elif as_csv:
        emit_csv([{**h.to_dict(), "path": " › ".join(h.path)} for h in hits])
    else:
        from ..render.trends_view import kwic_view

        console().print(kwic_view(hits, name))
