"""The terminal view of a reuse report: counts, top families, document pairs, pairs, shares."""

from __future__ import annotations

from rich.console import Group
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from ..records import ReuseFamily, ReuseReport
from .cells import ID, NUM, TEXT, lit


def _short(text: str, n: int = 36) -> str:
    return escape(text if len(text) <= n else text[: n - 1] + "…")


def _spread(counts: dict, n: int = 4) -> str:  # type: ignore[type-arg]
    items = list(counts.items())
    shown = ", ".join(f"{k} {v}" for k, v in items[:n])
    return shown + (f", … ({len(items) - n} more)" if len(items) > n else "")


def _families(title: str, fams: list[ReuseFamily], *, boilerplate: bool) -> Table:
    t = Table(title=title, title_justify="left")
    for col in ("#", "docs", "earliest", "years", "levels", "text") + (("why",) if boilerplate else ()):
        t.add_column(col, **(NUM if col in {"#", "docs"} else ID if col == "earliest" else TEXT))
    for f in fams:
        e = f.earliest
        lo, hi = (min(f.years), max(f.years)) if f.years else ("?", "?")
        years = str(lo) if lo == hi else f"{lo}–{hi}"
        when = e.date or e.year or "?"
        tie = f", tied with {f.earliest_tied}" if f.earliest_tied else ""
        text = _short(f.text, 40)
        if f.template:
            text += "\n" + escape("template, figures: " + _figures(f))
        row = [str(f.id), str(f.documents), escape(f"{e.doc} ({when}{tie})"), years,
               escape(_spread(f.levels)), text]
        t.add_row(*row, *((escape(f.reason),) if boilerplate else ()))
    return t


def _figures(f: ReuseFamily, n: int = 4) -> str:
    """A template family's figures, variant by variant: "110万 (3) / 18万 (1)"."""
    shown = " / ".join(f"{' '.join(fig) or '—'} ({k})" for fig, k in f.figures[:n])
    return shown + (" / …" if len(f.figures) > n else "")


def reuse_view(report: ReuseReport, *, top: int = 20) -> Group:
    s = report.stats
    n_pairs = s.get("pairs", len(report.pairs))
    head = Text(f"{n_pairs} similar {report.level} pairs (score ≥ {report.min_score}) in "
                f"{s.get('families', len(report.families))} families "
                f"({s.get('boilerplate_families', 0)} boilerplate) among {s.get('units', 0)} "
                f"{report.level}s of {len(report.documents)} documents; "
                f"{s.get('candidates', 0)} candidates verified; templates (模: the same wording "
                f"with other figures): {s.get('template_families', 0)} families, "
                f"{s.get('template_pairs', 0)} pairs")
    rel = Text("by relation" + ("" if s.get("include_boilerplate") else " (boilerplate left out)")
               + ": " + (", ".join(f"{k} {v}" for k, v in report.relations.items()) or "none"))
    parts: list[object] = [head]
    tables = report.tables
    if tables is not None and len(tables.families):
        bp = tables.families.boilerplate
        own = [int(k) for k in (~bp).nonzero()[0][:top]]
        boiler = [int(k) for k in bp.nonzero()[0][: max(top // 4, 3)]]
        fams = {k: tables.family_record(k, members=0) for k in own + boiler}
        parts.append(rel)
        if own:
            parts.append(_families("passages that travel (families, most documents first)",
                                   [fams[k] for k in own], boilerplate=False))
        if boiler:
            parts.append(_families(f"boilerplate (套话): {int(bp.sum())} families, e.g.",
                                   [fams[k] for k in boiler], boilerplate=True))

    docs = Table(title="documents that share most text"
                 + ("" if s.get("include_boilerplate") else " (boilerplate left out)"),
                 title_justify="left")
    for col in ("older / first", "newer / second", "pairs", "share a", "share b", "relation"):
        docs.add_column(col, **(NUM if col.startswith(("pairs", "share")) else ID))
    for d in report.doc_pairs[:top]:
        docs.add_row(escape(d.a), escape(d.b), str(d.pairs), f"{d.a_share:.0%}", f"{d.b_share:.0%}",
                     lit(d.relation + ("" if d.direction == "forward" else f" ({d.direction})")))

    pairs = Table(title="most similar pairs", title_justify="left")
    for col in ("score", "a", "b", "a text", "b text"):
        pairs.add_column(col, **(NUM if col == "score" else ID if col in ("a", "b") else TEXT))
    for p in report.pairs[:top]:
        a, b = _short(p.a.text), _short(p.b.text)
        if p.template:  # the same wording with other figures: the figures side by side
            a += "\n" + escape("figures: " + " ".join(p.a.figures))
            b += "\n" + escape("figures: " + " ".join(p.b.figures))
        pairs.add_row(f"{p.score:.2f}" + (" 套" if p.boilerplate else "") + (" 模" if p.template else ""),
                      escape(f"{p.a.doc}:{p.a.id}"), escape(f"{p.b.doc}:{p.b.id}"), a, b)

    shares = Table(title="reuse share per document", title_justify="left")
    for col in ("document", "year", "level", "units", "matched", "reuse share", "borrowed"):
        shares.add_column(col, **(ID if col == "document" else TEXT if col == "level" else NUM))
    ranked = sorted(report.documents, key=lambda d: (-d.reuse_share, d.doc))
    for d in ranked[:top]:
        shares.add_row(escape(d.doc), str(d.year or "?"), lit(d.level or "?"), str(d.units), str(d.matched),
                       f"{d.reuse_share:.0%}", f"{d.borrowed_share:.0%}")
    if not report.pairs:
        return Group(head, shares)
    return Group(*parts, docs, pairs, shares)
