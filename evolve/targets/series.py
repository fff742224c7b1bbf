"""Targets across documents: one table per indicator, and two plans side by side."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from ..records import Target, TargetPair

#: The main expected targets of a work report (主要预期目标).
MAIN_KEYS = ("gdp_growth", "cpi", "urban_jobs")
#: Two indicators written differently are one when this similar (rapidfuzz ratio, 0..100).
SAME_INDICATOR = 75.0


def value_text(t: Target) -> str:
    """6.5%–7%, 4万个, 900万人以上: a target as a reader writes it."""
    from .numbers import tidy

    value = f"{tidy(t.value)}"
    if t.value_max is not None:
        unit = t.unit if t.unit in ("%", "‰") else ""
        value = f"{value}{unit}–{tidy(t.value_max)}"
    prefix = t.qualifier if t.qualifier and t.qualifier not in ("左右", "以上", "以内", "以下", "上下", "之内",
                                                               "之上", "多", "余") else ""
    suffix = t.qualifier if t.qualifier and not prefix else ""
    return f"{prefix}{value}{t.unit}{suffix}"


def main_targets(targets: Iterable[Target], *, year: int | None = None) -> dict[str, Target]:
    """The first target of each main indicator (GDP growth, consumer prices, new urban jobs) set
    for ``year`` (or for no stated year), by key."""
    out: dict[str, Target] = {}
    for t in targets:
        if t.kind != "target" or t.key not in MAIN_KEYS or t.key in out or t.stretch:
            continue
        if year is not None and t.target_year not in (None, year):
            continue
        out[t.key] = t
    return out


def _group_key(t: Target) -> str:
    return t.key or f"{t.indicator}|{t.unit}"


def indicator_table(targets: Iterable[Target], *, documents: Sequence[str] | None = None,
                    min_documents: int = 2) -> Any:
    """One row per (indicator, document) for the targets of indicators set in at least
    ``min_documents`` documents: how a target moved year by year.

    Columns: indicator, key, unit, doc, year, value, value_max, qualifier, target_year, shown
    (the value as written: ``8%左右``), provision. Within a document the first target of an
    indicator counts (a work report repeats its targets when it explains them).
    """
    import pandas as pd

    from .indicators import indicators

    rank = {key: i for i, (key, _, _) in enumerate(indicators())}
    rows: dict[tuple[str, str], dict[str, Any]] = {}
    for t in targets:
        if t.kind != "target" or not t.indicator or t.stretch:
            continue  # a 力争 figure stands beside its base figure, which the table shows
        g = _group_key(t)
        # the first target of the document's own year (or of no stated year): a five-year goal
        # stated in the same report does not replace this year's
        own = t.target_year in (None, t.year)
        if (g, t.doc) in rows and (rows[(g, t.doc)]["_own"] or not own):
            continue
        rows[(g, t.doc)] = {"group": g, "indicator": t.indicator, "key": t.key, "unit": t.unit, "doc": t.doc,
                            "year": t.year, "value": t.value, "value_max": t.value_max,
                            "qualifier": t.qualifier, "target_year": t.target_year, "shown": value_text(t),
                            "provision": t.provision, "_own": own}
    columns = ["group", "indicator", "key", "unit", "doc", "year", "value", "value_max", "qualifier",
               "target_year", "shown", "provision"]
    df = pd.DataFrame([{c: r[c] for c in columns} for r in rows.values()], columns=columns)
    if df.empty:
        return df.drop(columns="group")
    docs_per = df.groupby("group")["doc"].transform("nunique")
    df = df[docs_per >= min_documents]
    order = {d: i for i, d in enumerate(documents)} if documents else {}
    # canonical indicators in file order (GDP growth, prices, jobs …), then the others by name
    df = df.assign(_o=df["doc"].map(order) if order else 0,
                   _k=df["key"].map(lambda k: rank.get(k, len(rank)) if isinstance(k, str) else len(rank)))
    df = df.sort_values(["_k", "group", "_o", "year"]).drop(columns=["_o", "_k", "group"])
    return df.reset_index(drop=True)


def compare_targets(a: Sequence[Target], b: Sequence[Target]) -> list[TargetPair]:
    """The targets of plan ``a`` and plan ``b`` side by side: the same indicator (canonical key,
    or words at least ``SAME_INDICATOR`` alike with the same unit) with its value in each."""
    from rapidfuzz import fuzz

    def firsts(ts: Sequence[Target]) -> list[Target]:
        # per indicator the first target of the plan's own year (or of no stated year), else the first
        chosen: dict[str, Target] = {}
        for t in ts:
            if t.kind != "target" or t.stretch:
                continue
            g = _group_key(t)
            own = t.target_year in (None, t.year)
            if g not in chosen or (own and chosen[g].target_year not in (None, chosen[g].year)):
                chosen[g] = t
        return list(chosen.values())

    ta, tb = firsts(a), firsts(b)
    used: set[int] = set()
    pairs: list[TargetPair] = []
    for x in ta:
        best, best_score = None, 0.0
        for j, y in enumerate(tb):
            if j in used:
                continue
            if x.key or y.key:
                s = 100.0 if x.key == y.key else 0.0
            else:
                s = fuzz.ratio(x.indicator, y.indicator, processor=None) if x.unit == y.unit else 0.0
            if s > best_score:
                best, best_score = j, s
        if best is not None and best_score >= SAME_INDICATOR:
            used.add(best)
            y = tb[best]
            same = (x.value, x.value_max, x.unit) == (y.value, y.value_max, y.unit)
            pairs.append(TargetPair(y.indicator, y.key, x, y, "same" if same else "changed"))
        else:
            pairs.append(TargetPair(x.indicator, x.key, x, None, "dropped"))
    pairs += [TargetPair(y.indicator, y.key, None, y, "new") for j, y in enumerate(tb) if j not in used]
    return pairs
