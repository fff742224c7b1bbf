"""Vocabulary studies through the API: ``trends``, ``keyness`` and ``kwic``.

Each function computes exactly what its command does and returns a result whose ``to_dict()``
is the command's ``--json`` (``evolve trends … --json`` and ``evolve.trends(…).to_dict()`` are
equal; tested).
"""

from __future__ import annotations

from dataclasses import field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..dataclass_code import dataclass
from .result import Result, records
from .sources import Source, documents_of

if TYPE_CHECKING:
    import pandas as pd

    from ..progress import Progress
    from ..records import Document, Drift, Failure, KeynessTable, KwicHit, Lexicon, TrendTable


def _lexicon(lexicon: Lexicon | str | Path | None) -> Lexicon:
    from ..records import Lexicon
    from ..trends.lexicon import load_lexicon

    return lexicon if isinstance(lexicon, Lexicon) else load_lexicon(lexicon)


def _failure_json(failed: list[Failure]) -> dict[str, Any]:
    from ..loading import failure_json

    return failure_json(failed)


@dataclass(repr=False)
class Trends(Result):
    """Term (or theme) counts per document and group: the result of ``evolve.trends``.

    ``table`` is the ``TrendTable`` (``table.counts``: one row per document and term), ``span``
    the first and last year of each term, ``groups`` the table by ``by`` (or None), ``drift``
    the theme drift between two periods (or None), ``charts`` the files written.
    """

    table: TrendTable
    themes: TrendTable
    span: Any
    groups: Any
    by: str | None
    drift: Drift | None
    lexicon: Lexicon
    charts: list[tuple[str, str]] = field(default_factory=list)
    failed: list[Failure] = field(default_factory=list)
    variants: bool = False
    _frames = ("frame", "documents_frame")

    def frame(self) -> pd.DataFrame:
        """The table a study quotes: by group when ``by`` was given, else per term (total,
        documents, first and last year)."""
        return self.groups if self.groups is not None else self.span

    def documents_frame(self) -> pd.DataFrame:
        """One row per (document, term): count, rate per 10,000 characters, theme."""
        return self.table.counts

    def adoption(self) -> Any:
        """When each place first mentions each term (``first``: term, place, first_year) and the
        diffusion curve (``curve``: term, year, adopters, places): an ``Adoption`` record."""
        from ..trends.adoption import adoption

        return adoption(self.table)

    def _summary(self) -> str:
        return (f"{len(self.table.terms)} {self.table.kind}s in "
                f"{self.table.counts['id'].nunique()} documents" + (f" by {self.by}" if self.by else ""))

    def to_dict(self) -> dict[str, Any]:
        from ..trends.adoption import adoption
        from ..trends.measures import documents_json

        table, dr = self.table, self.drift
        adopt = adoption(table)
        fj = _failure_json(self.failed)
        return {
            "kind": table.kind,
            "documents": documents_json(table),
            "terms": _span_rows(self.span, table),
            **({"by": self.by, "groups": records(self.groups)} if self.groups is not None else {}),
            "drift": None if dr is None else {"by": dr.by, "a": dr.a, "b": dr.b, "jsd": round(dr.jsd, 4),
                                              "shares": records(dr.shares)},
            "adoption": {"first": records(adopt.first), "curve": records(adopt.curve)},
            "charts": [{"file": f, "shows": w} for f, w in self.charts],
            "lexicon": self.lexicon.source,
            "failed": fj["failed"],
            "notices": fj["notices"] + list(table.notices),
        }

    def view(self, *, width: int | None = None) -> Any:
        """The terminal view of ``evolve trends`` (what ``print`` shows under rich): the table per
        document or group, the spellings counted and the closing notes. Above ``DETAIL_MAX``
        documents without ``by``, the table shows years (one column per plan stops being readable),
        with a notice saying so."""
        from rich.console import Group

        from ..render.chart_rows import DETAIL_MAX
        from ..render.trends_view import closing_note, spelling_note, trend_view
        from ..trends.measures import group_table

        table = self.table
        notices = list(table.notices)
        shown, shown_by = self.groups, self.by
        n_docs = table.counts["id"].nunique()
        if shown is None and n_docs > DETAIL_MAX:
            shown, shown_by = group_table(table, "year"), "year"
            notices.insert(0, f"{n_docs:,} documents, so the table shows years; --by COLUMN groups otherwise, "
                              "--csv or --json gives every document")
        return Group(trend_view(table, self.span, shown, shown_by, width=width),
                     spelling_note(table, variants=self.variants),
                     closing_note(self.charts, notices, self.drift))

    def csv_rows(self) -> list[dict[str, Any]]:
        """The rows of ``evolve trends --csv``: one per group and term with ``by``, else one per
        document and term (count, rate), with the spellings counted under each term."""
        table = self.table
        if self.groups is not None:
            rows = records(self.groups)
        else:
            cols = ["id", "place", "province", "year", "period", "chars", "term", "theme", "count", "per_10k"]
            rows = records(table.counts[cols + (["paired"] if table.kind == "term" else [])])
        counted = spelling_lists(table)
        if counted:
            for r in rows:
                r["spellings"] = "|".join(counted.get(r["term"], []))
        return rows

    def __rich__(self) -> Any:
        return self.view()


def spelling_lists(table: TrendTable) -> dict[str, list[str]]:
    """Term -> the spellings counted under it (terms only; empty for themes)."""
    if table.spellings is None:
        return {}
    out: dict[str, list[str]] = {}
    for t, s in zip(table.spellings["term"], table.spellings["spelling"], strict=True):
        out.setdefault(t, []).append(s)
    return out


def _span_rows(span: Any, table: TrendTable) -> list[dict[str, Any]]:
    rows = records(span)
    order = {t: i for i, t in enumerate(table.terms)}
    rows.sort(key=lambda r: order.get(r["term"], 0))
    themes = dict(zip(table.counts["term"], table.counts["theme"], strict=False))
    lists = spelling_lists(table)
    sp = table.spellings
    paired = table.counts.groupby("term")["paired"].sum() if table.kind == "term" else None
    for r in rows:
        r["theme"] = themes.get(r["term"])
        if table.kind == "term":
            r["spellings"] = lists.get(r["term"], [r["term"]])
            mine = sp[sp["term"] == r["term"]]
            r["spelling_counts"] = {s: int(n) for s, n in zip(mine["spelling"], mine["count"], strict=True)}
            r["paired"] = int(paired.get(r["term"], 0))  # type: ignore[union-attr]
    return rows


def trends(corpus: Source = None, *, terms: list[str] | str | None = None, by: str | None = None,
           variants: bool = False, themes: bool = False, lexicon: Lexicon | str | Path | None = None,
           chart: str | Path | None = None, milestones: bool = True, corpus_dir: str | Path | None = None,
           progress: Progress | None = None) -> Trends:
    """Count policy terms (or the lexicon's themes) in every document: ``evolve trends``.

    >>> import evolve
    >>> t = evolve.trends(terms=["5G", "4G"], by="year")
    >>> t.frame()[["year", "term", "count"]].head(2).to_dict("records")
    [{'year': '2016', 'term': '4G', 'count': 2}, {'year': '2016', 'term': '5G', 'count': 0}]

    ``terms``: the terms to count, each exactly as written (``"5G|第五代移动通信"`` counts both
    spellings under 5G); default the lexicon's story terms. ``variants``: a lexicon term counts
    its variant spellings too. ``themes``: count themes instead of terms. ``by``: group by a
    column (year, place, province, level, period or any manifest column). ``chart``: also draw
    the charts into this file or folder. ``to_dict()`` is ``evolve trends --json``.
    """
    from ..errors import InputError
    from ..progress import silent
    from ..trends.adoption import drift
    from ..trends.lexicon import resolve_terms
    from ..trends.measures import group_table, term_span, term_table, theme_table

    lex = _lexicon(lexicon)
    failed: list[Failure] = []
    docs = documents_of(corpus, corpus=corpus_dir, failed=failed)
    progress = progress or silent
    theme_counts = theme_table(docs, lex, progress=progress)
    if themes:
        table = theme_counts
    else:
        names = _split(terms) or list(lex.default_terms) or [t.name for t in lex.terms]
        table = term_table(docs, resolve_terms(names, lex, variants=variants), progress=progress)
    groups = group_table(table, by) if by else None
    try:
        dr = drift(theme_counts)
    except InputError:  # fewer than two periods: no drift figure
        dr = None
    charts: list[tuple[str, str]] = []
    if chart:
        from ..render.trend_charts import trend_charts

        charts = trend_charts(table, theme_counts, chart, milestones=lex.milestones if milestones else (),
                              by=by, progress=progress)
    return Trends(table=table, themes=theme_counts, span=term_span(table.counts), groups=groups, by=by,
                  drift=dr, lexicon=lex, charts=charts, failed=failed, variants=variants)


def _split(value: list[str] | str | None) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [t.strip() for t in value.replace("，", ",").split(",") if t.strip()]
    return [t for t in value if t]


@dataclass(repr=False)
class Keyness(Result):
    """Features key to one group of plans against another: the result of ``evolve.keyness``."""

    table: KeynessTable
    failed: list[Failure] = field(default_factory=list)
    top: int = 15

    def frame(self) -> pd.DataFrame:
        """Every feature: counts and rates on both sides, G², log ratio, side, in_lexicon."""
        return self.table.rows

    def _summary(self) -> str:
        k = self.table
        return f"{k.a_label} ({len(k.a_docs)} documents) against {k.b_label} ({len(k.b_docs)})"

    def to_dict(self) -> dict[str, Any]:
        k, fj = self.table, _failure_json(self.failed)
        return {
            "a": {"label": k.a_label, "documents": list(k.a_docs), "chars": k.a_chars},
            "b": {"label": k.b_label, "documents": list(k.b_docs), "chars": k.b_chars},
            "rows": records(k.rows),
            "failed": fj["failed"],
            "notices": fj["notices"] + list(k.notices),
        }

    def __rich__(self) -> Any:
        from ..render.trends_view import keyness_view

        return keyness_view(self.table, top=self.top)


def keyness(corpus: Source = None, *, before: int | None = None, after: int | None = None,
            where: str | None = None, kind: str = "word", min_freq: int = 3, unlisted: bool = False,
            keep_places: bool = False, stopwords: str | Path | None = None, keep_stopwords: bool = False,
            lexicon: Lexicon | str | Path | None = None, corpus_dir: str | Path | None = None) -> Keyness:
    """Words (``kind="word"``), character n-grams (``"ngram"``) or both (``"all"``) that one
    group of plans uses more than the other: ``evolve keyness``.

    >>> import evolve
    >>> k = evolve.keyness(before=2018, after=2021)
    >>> k.table.a_label, k.table.b_label
    ('<2018', '>2021')

    Groups: ``before``/``after`` (years) or ``where="place=肇庆"`` (those plans against the rest).
    The log ratio is positive for what is key to B (newer, or the ``where`` plans). Stop words
    (the shipped Chinese list, or the file ``stopwords``) are left out unless ``keep_stopwords``.
    """
    from ..errors import InputError
    from ..trends.keyness import keyness as run
    from ..trends.keyness import split_by_year, split_where
    from ..trends.stopwords import load_stopwords

    lex = _lexicon(lexicon)
    stops = frozenset() if keep_stopwords else load_stopwords(stopwords)
    if where and (before is not None or after is not None):
        raise InputError("--where chooses the groups by a column, --before/--after by year: give one or the other")
    if kind not in ("word", "ngram", "all"):
        raise InputError(f"kind must be word, ngram or all, not {kind!r}")
    failed: list[Failure] = []
    docs = documents_of(corpus, corpus=corpus_dir, failed=failed)
    if where:
        a, b, label = split_where(docs, where)
        a_label, b_label, notices = "rest", label, []
    else:
        a, b, notices = split_by_year(docs, before=before, after=after)
        a_label = f"<{before}" if before is not None else f"≤{after}"
        b_label = f">{after}" if after is not None else f"≥{before}"
    kinds = ("word", "ngram") if kind == "all" else (kind,)
    k = run(a, b, a_label=a_label, b_label=b_label, kinds=kinds, min_freq=min_freq,
            keep_places=keep_places, lexicon=lex, notices=notices, stopwords=stops)
    if unlisted:
        k = replace(k, rows=k.rows[~k.rows["in_lexicon"]].reset_index(drop=True))
    return Keyness(table=k, failed=failed)


@dataclass(repr=False)
class Kwic(Result):
    """Every occurrence of a term with its context: the result of ``evolve.kwic``."""

    term: str
    spellings: tuple[str, ...]
    hits: list[KwicHit]
    failed: list[Failure] = field(default_factory=list)
    regex: str | None = None
    sort: str = "doc"

    def frame(self) -> pd.DataFrame:
        """One row per occurrence: doc, year, place, left, match, right, path, start."""
        import pandas as pd

        cols = ["doc", "year", "place", "left", "match", "right", "path", "start", "term"]
        return pd.DataFrame([{**h.to_dict(), "path": " › ".join(h.path)} for h in self.hits], columns=cols)

    def _summary(self) -> str:
        return f"{self.term}: {len(self.hits)} occurrences"

    def to_dict(self) -> dict[str, Any]:
        return {"term": self.term, "spellings": list(self.spellings),
                **({"regex": self.regex} if self.regex is not None else {}), "sort": self.sort,
                "hits": [h.to_dict() for h in self.hits], **_failure_json(self.failed)}

    def __rich__(self) -> Any:
        from ..render.trends_view import kwic_view

        return kwic_view(self.hits, self.term)


def kwic(corpus: Source = None, term: str = "", *, width: int = 14, variants: bool = False, regex: bool = False,
         sort: str = "doc", lexicon: Lexicon | str | Path | None = None,
         corpus_dir: str | Path | None = None) -> Kwic:
    """Every occurrence of ``term`` with ``width`` characters of context each side, its
    document, year and provision path: ``evolve kwic``.

    >>> import evolve
    >>> hits = evolve.kwic(term="数据要素")
    >>> sorted({h.doc for h in hits.hits})
    ['qingdao-2022', 'zhaoqing-2024']

    ``regex``: ``term`` is a regular expression. ``sort``: ``"doc"`` (as found), ``"left"`` (by
    the left context read leftwards) or ``"right"`` (by the term and its right context).
    """
    from ..errors import InputError
    from ..trends.kwic import compile_pattern, sort_hits
    from ..trends.kwic import kwic as run
    from ..trends.lexicon import resolve_terms

    lex = _lexicon(lexicon)
    if not term:
        raise InputError("empty TERM")
    if sort not in ("doc", "left", "right"):
        raise InputError(f"sort must be doc, left or right, not {sort!r}")
    pattern = compile_pattern(term) if regex else None
    found = [] if regex else resolve_terms([term], lex, variants=variants)
    if not regex and not found:
        raise InputError("empty TERM")
    failed: list[Failure] = []
    docs: list[Document] = documents_of(corpus, corpus=corpus_dir, failed=failed)
    hits = sort_hits(run(docs, found[0] if found else None, width=width, pattern=pattern), sort)
    return Kwic(term=found[0].name if found else term, spellings=tuple(found[0].spellings) if found else (),
                hits=hits, failed=failed, regex=term if regex else None, sort=sort)
