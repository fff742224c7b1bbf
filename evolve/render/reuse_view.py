"""The terminal view of a reuse report: counts, top document pairs, top pairs, shares."""

from __future__ import annotations

from rich.console import Group
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from ..records import ReuseReport


def _short(text: str, n: int = 36) -> str:
    return escape(text if len(text) <= n else text[: n - 1] + "…")


def reuse_view(report: ReuseReport, *, top: int = 20) -> Group:
    s = report.stats
    head = Text(f"{len(report.pairs)} similar {report.level} pairs (score ≥ {report.min_score}) "
                f"among {s.get('units', 0)} {report.level}s of {len(report.documents)} documents; "
                f"{s.get('candidates', 0)} candidates verified")
    rel = Text("by relation: " + (", ".join(f"{k} {v}" for k, v in report.relations.items()) or "none"))

    docs = Table(title="documents that share most text", title_justify="left")
    for col in ("older / first", "newer / second", "pairs", "share a", "share b", "relation"):
        docs.add_column(col, justify="right" if col.startswith(("pairs", "share")) else "left")
    for d in report.doc_pairs[:top]:
        docs.add_row(escape(d.a), escape(d.b), str(d.pairs), f"{d.a_share:.0%}", f"{d.b_share:.0%}",
                     d.relation + ("" if d.direction == "forward" else f" ({d.direction})"))

    pairs = Table(title="most similar pairs", title_justify="left")
    for col in ("score", "a", "b", "a text", "b text"):
        pairs.add_column(col, justify="right" if col == "score" else "left")
    for p in report.pairs[:top]:
        pairs.add_row(f"{p.score:.2f}", escape(f"{p.a.doc}:{p.a.id}"), escape(f"{p.b.doc}:{p.b.id}"),
                      _short(p.a.text), _short(p.b.text))

    shares = Table(title="reuse share per document", title_justify="left")
    for col in ("document", "year", "level", "units", "matched", "reuse share", "borrowed"):
        shares.add_column(col, justify="left" if col in {"document", "level"} else "right")
    ranked = sorted(report.documents, key=lambda d: (-d.reuse_share, d.doc))
    for d in ranked[:top]:
        shares.add_row(escape(d.doc), str(d.year or "?"), d.level or "?", str(d.units), str(d.matched),
                       f"{d.reuse_share:.0%}", f"{d.borrowed_share:.0%}")
    if not report.pairs:
        return Group(head, shares)
    return Group(head, rel, docs, pairs, shares)
