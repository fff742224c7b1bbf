"""Terminal tables for ``evolve tools``: the instrument mix by group, the instrument × theme
table, coded sentences and a model's cross-validated scores (rich renderables, no computing)."""

from __future__ import annotations

from typing import Any

from rich.table import Table
from rich.text import Text


def shares_table(shares: Any, by: str | None) -> Table:
    col = by or "group"
    cats = list(dict.fromkeys(shares["category"]))
    names = dict(zip(shares["category"], shares["name"], strict=False))
    t = Table(title="Instrument mix (share of instrument units; none = share of all units)", title_justify="left")
    t.add_column(by or "corpus")
    t.add_column("docs", justify="right")
    t.add_column("units", justify="right")
    for c in cats:
        t.add_column(f"{names[c]} {c}", justify="right")
    for g, part in shares.groupby(col, sort=False):
        row = [Text(str(g)), str(int(part["documents"].max())), str(int(part["units"].sum()))]
        for c in cats:
            r = part[part["category"] == c].iloc[0]
            v = r["share"] if c == "none" else r["instrument_share"]
            row.append(f"{int(r['units'])} ({v:.0%})")
        t.add_row(*row)
    return t


def matrix_table(matrix: Any, title: str) -> Table:
    t = Table(title=title, title_justify="left")
    t.add_column("")
    for c in matrix.columns:
        t.add_column(Text(str(c)), justify="right")
    for idx, row in matrix.iterrows():
        t.add_row(Text(str(idx)), *[str(int(v)) for v in row])
    return t


def sentences_table(df: Any, *, limit: int | None = None) -> Table:
    t = Table(title=f"{len(df)} sentences", title_justify="left")
    for c in ("#", "category", "tool", "label", "evidence", "text"):
        t.add_column(c, overflow="fold")
    shown = df if limit is None else df.head(limit)
    for i, r in enumerate(shown.itertuples(index=False), start=1):
        t.add_row(str(i), r.category, r.tool, r.label, Text(r.evidence), Text(r.text))
    return t


def training_table(result: Any) -> Table:
    d = result.to_dict()
    how = "grouped by document" if d["grouped_by_document"] else "stratified"
    t = Table(
        title=f"{d['n']} sentences, {d['folds']}-fold cross-validation ({how}): accuracy "
        f"{d['accuracy']:.3f}, macro F1 {d['macro_f1']:.3f}"
        + (
            f"; char n-grams alone: accuracy {d['baseline']['accuracy']:.3f}, macro F1 {d['baseline']['macro_f1']:.3f}"
            if d["baseline"]
            else ""
        ),
        title_justify="left",
        caption=f"probabilities calibrated on the out-of-fold predictions (temperature {d['temperature']:g}): "
        f"mean probability of the predicted label {d['confidence']:.3f} (uncalibrated "
        f"{d['confidence_uncalibrated']:.3f}) beside accuracy {d['accuracy']:.3f}",
        caption_justify="left",
    )
    for c in ("label", "support", "precision", "recall", "F1", "F1 n-grams alone"):
        t.add_column(c, justify="left" if c == "label" else "right")
    base = {p["label"]: p for p in (d["baseline"] or {}).get("per_label", [])}
    for p in d["per_label"]:
        b = base.get(p["label"])
        t.add_row(
            Text(p["label"]),
            str(p["support"]),
            f"{p['precision']:.3f}",
            f"{p['recall']:.3f}",
            f"{p['f1']:.3f}",
            f"{b['f1']:.3f}" if b else "",
        )
    return t
