"""Diffusion: the first year each place mentions a term, the cumulative adopters by year, and the
drift of theme shares between plan periods (十三五 → 十四五) as one divergence figure."""

from __future__ import annotations

import math

import pandas as pd

from ..errors import InputError
from ..records import Adoption, Drift, TrendTable


def adoption(table: TrendTable) -> Adoption:
    """First year of mention per (term, place) and the diffusion curve per term.

    A place adopts a term in the year of its first dated document that mentions it. The curve
    gives, for every year of the corpus, how many places have adopted each term by then, next to
    how many places have a dated document by then. Undated documents are left out (noticed).
    """
    df = table.counts
    dated = df[df["year"].notna()].copy()
    dated["year"] = dated["year"].astype(int)
    notices = []
    undated = sorted(set(df.loc[df["year"].isna(), "id"]))
    if undated:
        notices.append(f"left out of adoption (no year): {', '.join(undated)}")
    seen = dated[dated["count"] > 0]
    first = seen.groupby(["term", "place"])["year"].min().rename("first_year").reset_index()
    order = {t: i for i, t in enumerate(table.terms)}
    first = first.sort_values(
        ["term", "first_year", "place"], key=lambda s: s.map(order) if s.name == "term" else s
    )
    years = sorted(dated["year"].unique())
    place_start = dated.groupby("place")["year"].min()
    rows = []
    for t in table.terms:
        f = first[first["term"] == t]
        for y in years:
            rows.append(
                {
                    "term": t,
                    "year": int(y),
                    "adopters": int((f["first_year"] <= y).sum()),
                    "places": int((place_start <= y).sum()),
                }
            )
    curve = pd.DataFrame(rows, columns=["term", "year", "adopters", "places"])
    return Adoption(first.reset_index(drop=True), curve, tuple(notices))


def jensen_shannon(p: list[float], q: list[float]) -> float:
    """Jensen–Shannon divergence of two distributions, base 2 (0 identical … 1 disjoint)."""
    sp, sq = sum(p), sum(q)
    if sp == 0 or sq == 0:
        return 0.0
    p = [x / sp for x in p]
    q = [x / sq for x in q]
    m = [(a + b) / 2 for a, b in zip(p, q, strict=True)]

    def kl(x: list[float]) -> float:
        return sum(a * math.log2(a / b) for a, b in zip(x, m, strict=True) if a > 0)

    return max(0.0, (kl(p) + kl(q)) / 2)


def drift(
    themes: TrendTable, *, by: str = "period", a: str | None = None, b: str | None = None
) -> Drift:
    """Theme-share drift between two values of ``by`` (default: the first two periods found)."""
    if themes.kind != "theme":
        raise InputError("drift needs a theme table")
    df = themes.counts
    if by not in df.columns:
        raise InputError(f"cannot compare by {by!r}: no such column")
    values = [v for v in pd.unique(df[by]) if isinstance(v, str) or pd.notna(v)]
    values = sorted(values, key=str)
    if a is None or b is None:
        if len(values) < 2:
            raise InputError(f"drift needs two values of {by!r}, found {len(values)}")
        a, b = values[0], values[-1]
    sums = df.groupby([by, "term"], sort=False)["count"].sum()
    keys = list(themes.terms)
    pa = [float(sums.get((a, k), 0)) for k in keys]
    pb = [float(sums.get((b, k), 0)) for k in keys]
    ta, tb = sum(pa) or 1.0, sum(pb) or 1.0
    labels = df.drop_duplicates("term").set_index("term")["label"]
    shares = pd.DataFrame(
        {
            "theme": keys,
            "label": [labels[k] for k in keys],
            "share_a": [x / ta for x in pa],
            "share_b": [x / tb for x in pb],
        }
    )
    shares["change"] = shares["share_b"] - shares["share_a"]
    return Drift(by, str(a), str(b), jensen_shannon(pa, pb), shares)
