"""Term and theme counts per document, rates per 10,000 characters, grouped by any manifest column.

Every function returns pandas DataFrames (inside ``TrendTable``); pandas is imported here, never
by the command line's start-up.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd

from ..errors import InputError
from ..progress import Progress, silent
from ..records import Document, Lexicon, Term, TrendTable
from .counting import count_spellings, count_terms

PER = 10_000
UNKNOWN = "unknown"
DOC_COLUMNS = ("id", "place", "province", "level", "year", "period", "chars")
#: Five-Year Plan periods, for documents whose manifest has no ``period`` column.
PERIODS = (
    (2011, 2015, "十二五"),
    (2016, 2020, "十三五"),
    (2021, 2025, "十四五"),
    (2026, 2030, "十五五"),
)


def period_of(year: int | None) -> str | None:
    if year is None:
        return None
    for lo, hi, name in PERIODS:
        if lo <= year <= hi:
            return name
    return None


def doc_row(doc: Document) -> dict[str, Any]:
    """The columns that describe a document: id, place, province, level, year, period, chars and
    any other manifest column."""
    row: dict[str, Any] = {
        "id": doc.id,
        "place": doc.meta.place,  # None when not known: an id is no place
        "province": doc.meta.province,
        "level": doc.meta.level,
        "year": doc.meta.year,
        "period": (doc.extra.get("period") or None) or period_of(doc.meta.year),
        "chars": doc.chars,
    }
    for k, v in doc.extra.items():
        if k not in row and k != "source_note":
            row[k] = v or None
    return row


def _notices(docs: Sequence[Document]) -> tuple[str, ...]:
    undated = [d.id for d in docs if d.meta.year is None]
    if not undated:
        return ()
    return (
        f"{len(undated)} document(s) without a year ({', '.join(undated)}): kept, shown as "
        f"{UNKNOWN}, left out of the year charts and first/last years",
    )


def _check(docs: Sequence[Document]) -> None:
    if not docs:
        raise InputError("no documents to count (empty corpus)")


def term_table(
    docs: Sequence[Document], terms: Sequence[Term], *, progress: Progress = silent
) -> TrendTable:
    """Counts and rates of ``terms`` in each document (all terms matched together), with the
    occurrences of each spelling counted under them."""
    _check(docs)
    if not terms:
        raise InputError("no term to count (--terms names none)")
    rows = []
    spelled: dict[tuple[str, str], list[int]] = {
        (t.name, s): [0, 0] for t in terms for s in t.spellings
    }
    advance = progress("counting terms", len(docs))
    for d in docs:
        advance(1)
        base = doc_row(d)
        counts = count_spellings(d.text, terms)
        for t in terms:
            c = counts[t.name]
            rows.append(
                {
                    **base,
                    "term": t.name,
                    "label": t.name,
                    "theme": t.theme,
                    "count": c.mentions,
                    "per_10k": c.mentions * PER / base["chars"] if base["chars"] else 0.0,
                    "paired": c.paired,
                }
            )
            for s, n in c.spellings.items():
                if n:
                    acc = spelled.setdefault((t.name, s), [0, 0])
                    acc[0] += n
                    acc[1] += 1
    df = pd.DataFrame(rows)
    order = order_by_first_year(df, [t.name for t in terms])
    spellings = pd.DataFrame(
        [(t, s, n, k) for (t, s), (n, k) in spelled.items()],
        columns=["term", "spelling", "count", "documents"],
    )
    notices = list(_notices(docs))
    paired = int(df["paired"].sum())
    if paired:
        notices.append(
            f"{paired} mention(s) written as a spelling followed by another in brackets "
            "(第五代移动通信(5G)) counted once each"
        )
    return TrendTable(df, tuple(order), "term", tuple(notices), spellings)


def theme_table(docs: Sequence[Document], lexicon: Lexicon, *,
                progress: Progress = silent) -> TrendTable:
    """Counts, rates and shares of each lexicon theme per document (all lexicon terms matched
    together, so a spelling inside a longer one of another theme counts once)."""
    _check(docs)
    terms = lexicon.terms
    rows = []
    advance = progress("counting themes", len(docs))
    for d in docs:
        advance(1)
        base = doc_row(d)
        counts = count_terms(d.text, terms)
        per_theme = {th.key: sum(counts[t.name] for t in th.terms) for th in lexicon.themes}
        total = sum(per_theme.values())
        for th in lexicon.themes:
            n = per_theme[th.key]
            rows.append(
                {
                    **base,
                    "term": th.key,
                    "label": th.name,
                    "theme": th.key,
                    "count": n,
                    "per_10k": n * PER / base["chars"] if base["chars"] else 0.0,
                    "share": n / total if total else 0.0,
                }
            )
    df = pd.DataFrame(rows)
    return TrendTable(df, tuple(th.key for th in lexicon.themes), "theme", _notices(docs))


def order_by_first_year(df: pd.DataFrame, terms: Sequence[str]) -> list[str]:
    """Terms ordered by the first year they are seen (unseen last), given order on ties."""
    span = term_span(df)
    first = dict(zip(span["term"], span["first_year"], strict=True))
    rank = {t: i for i, t in enumerate(terms)}
    big = 10_000
    return sorted(terms, key=lambda t: (big if pd.isna(first.get(t)) else first[t], rank[t]))


def term_span(df: pd.DataFrame) -> pd.DataFrame:
    """Per term: total count, documents mentioning it, first and last year seen (dated documents).

    Columns: term, label, total, documents (documents that mention it), doc_share (their share of
    all documents), first_year, last_year (<NA> when never seen in a dated document).
    """
    seen = df[df["count"] > 0]
    dated = seen[seen["year"].notna()]
    out = (
        df.groupby("term", sort=False)
        .agg(label=("label", "first"), total=("count", "sum"))
        .reset_index()
    )
    out["documents"] = out["term"].map(seen.groupby("term")["id"].nunique()).fillna(0).astype(int)
    n_docs = df["id"].nunique()
    out["doc_share"] = out["documents"] / n_docs if n_docs else 0.0
    first = dated.groupby("term")["year"].min()
    last = dated.groupby("term")["year"].max()
    out["first_year"] = out["term"].map(first).astype("Int64")
    out["last_year"] = out["term"].map(last).astype("Int64")
    return out


def group_table(table: TrendTable, by: str) -> pd.DataFrame:
    """Counts summed over the documents of each value of ``by`` (year, place, province, period or
    any manifest column); rate = summed count per 10,000 summed characters; beside it, how many
    of the group's documents mention the term at all (document frequency, the adoption count of
    diffusion studies). Documents with no value are grouped as "unknown".

    Columns: <by>, term, label, documents, chars, count, per_10k, docs_with (documents of the
    group that mention the term), doc_share (docs_with / documents), and share for themes.
    """
    df = table.counts
    # the group table's own columns (chars, documents …) cannot also be what it groups by
    measured = {"term", "label", "theme", "count", "per_10k", "share", "paired", "chars",
                "documents", "docs_with", "doc_share"}
    if by not in df.columns or by in measured:
        cols = ", ".join(c for c in df.columns if c not in measured)
        raise InputError(f"cannot group by {by!r}: the columns are {cols}")
    df = df.copy()
    key = df[by].astype(object).where(df[by].notna(), UNKNOWN)
    if by == "year":
        key = key.map(lambda v: int(v) if v != UNKNOWN else v)
    df["_key"] = key.astype(str)
    df["_with"] = (df["count"] > 0).astype(int)
    docs = (
        df.drop_duplicates("id")
        .groupby("_key")
        .agg(documents=("id", "count"), chars=("chars", "sum"))
    )
    counts = df.groupby(["_key", "term"], sort=False).agg(
        label=("label", "first"), count=("count", "sum"), docs_with=("_with", "sum")
    )
    out = counts.reset_index().merge(docs.reset_index(), on="_key")
    out["per_10k"] = out["count"] * PER / out["chars"]
    out["doc_share"] = out["docs_with"] / out["documents"]
    if table.kind == "theme":
        tot = out.groupby("_key")["count"].transform("sum")
        out["share"] = (out["count"] / tot).fillna(0.0)
    out = out.rename(columns={"_key": by})
    order = {t: i for i, t in enumerate(table.terms)}
    out["_o"] = out["term"].map(order)
    out["_k"] = out[by].map(lambda v: (v == UNKNOWN, v))
    out = out.sort_values(["_k", "_o"]).drop(columns=["_o", "_k"]).reset_index(drop=True)
    cols = [by, "term", "label", "documents", "chars", "count", "per_10k", "docs_with", "doc_share"]
    return out[cols + (["share"] if table.kind == "theme" else [])]


def doc_frequency(table: TrendTable, by: str = "year") -> pd.DataFrame:
    """The share of plans of each group (year, province or any column) that mention each term:
    how diffusion studies count adoption, beside the rates of ``group_table``.

    Columns: <by>, term, label, documents, docs_with, doc_share.
    """
    g = group_table(table, by)
    return g[[by, "term", "label", "documents", "docs_with", "doc_share"]]


def documents_json(table: TrendTable) -> list[dict[str, Any]]:
    """The --json ``documents`` list: id, year, place, province, period, chars, counts, per_10k."""
    df = table.counts
    out = []
    for doc_id, g in df.groupby("id", sort=False):
        first = g.iloc[0]
        row = {
            "id": doc_id,
            "year": None if pd.isna(first["year"]) else int(first["year"]),
            "place": first["place"],
            "province": first["province"],
            "period": first["period"],
            "chars": int(first["chars"]),
            "counts": {t: int(n) for t, n in zip(g["term"], g["count"], strict=True)},
            "per_10k": {
                t: round(float(x), 3) for t, x in zip(g["term"], g["per_10k"], strict=True)
            },
        }
        if "share" in g.columns:
            row["share"] = {
                t: round(float(x), 4) for t, x in zip(g["term"], g["share"], strict=True)
            }
        out.append(row)
    return out
