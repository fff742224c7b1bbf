"""One comparison of two plans on a page of its own (``compare/A--B.html``): counts, inheritance
and innovation by part, lexical succession, every correspondence with its clause diff (collapsed),
dropped and new provisions, and its CSV tables."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..align.confidence import SHOWN_CONFIDENCE
from ..records import Alignment, Document, Provision, ReportSection, Unmatched
from . import html as h
from .context import ReportContext

KIND = {"1:1": "1:1", "merge": "merged n:1", "split": "split 1:n", "n:m": "n:m"}
SUCCESSION_ROWS = 15


def slug(al: Alignment) -> str:
    return f"{al.source.id}--{al.target.id}"


def doc_title(d: Document) -> str:
    return f"{d.meta.place or d.id} {d.meta.year or '—'} {d.meta.title or ''}".strip()


def summary(al: Alignment) -> dict[str, Any]:
    """The row of ``tables/comparisons.csv``: ids, counts, inheritance, innovation."""
    s = al.to_dict()["summary"]
    return {"source": al.source.id, "target": al.target.id, **s,
            "inheritance": al.rates["inheritance"], "innovation": al.rates["innovation"],
            "matched_share": al.rates["matched_share"]}


def summary_cards(al: Alignment) -> str:
    s = summary(al)
    return h.cards([
        ("provisions A → B", f"{s['source_provisions']} → {s['target_provisions']}"),
        ("matched 1:1", s["matched_1to1"]), ("merged n:1", s["merged"]), ("split 1:n", s["split"]),
        ("dropped", s["dropped"]), ("new", s["new"]),
        ("inheritance", f"{al.rates['inheritance']:.1%}"),
        ("innovation", f"{al.rates['innovation']:.1%}"),
    ])


def _name(p: Provision) -> str:
    own = f"{p.label}{p.heading}" if (p.label or p.heading) else p.text[:24] + "…"
    path = " › ".join(p.path)
    return f'<span class="dim">{h.esc(path + " › " if path else "")}</span>{h.esc(own)}'


def _unmatched_table(items: Sequence[Unmatched]) -> str:
    rows = []
    for u in items:
        b = u.best
        best = "—" if b is None else h.esc(f"{b.label}{b.heading or b.text[:16]}")
        rows.append([_name(u.provision), best, u.best_score, f"{u.confidence:.0%}"])
    return h.table(rows, ["provision", "closest on the other side", "score", "sure"], digits=2,
                   raw=(0, 1))


def _match_html(m: Any) -> str:
    head = (f'<div class="head"><span class="tag">{h.esc(KIND.get(m.kind, m.kind))}</span> '
            f"score {m.score:.2f} · {h.esc(m.inheritance)} ({m.inherited:.0%} kept)"
            + (" · linked: " + h.esc(", ".join(f"{lk.source}→{lk.target}" for lk in m.links
                                               if lk.confidence >= SHOWN_CONFIDENCE))
               if m.links and not m.links_every_pair else "") + "</div>")
    sides = "".join(f'<p class="side"><b style="color:#b31d28">A</b> {_name(p)}</p>'
                    for p in m.source)
    sides += "".join(f'<p class="side"><b style="color:#116329">B</b> {_name(p)}</p>'
                     for p in m.target)
    clauses = "".join(f'<p class="clause">{h.diff_html(cp.diff)}</p>' for cp in m.clauses)
    return f'<div class="match">{head}{sides}{clauses}</div>'


def _tables(ctx: ReportContext, al: Alignment) -> list[str]:
    name = slug(al)
    return [
        ctx.table(f"compare-{name}-matches", [
            {"source": " ".join(p.id for p in m.source), "target": " ".join(p.id for p in m.target),
             "kind": m.kind, "score": round(m.score, 4), "inheritance": m.inheritance,
             "inherited": round(m.inherited, 4),
             "source_text": "\n".join(p.full_text for p in m.source),
             "target_text": "\n".join(p.full_text for p in m.target)} for m in al.matches],
            ["source", "target", "kind", "score", "inheritance", "inherited", "source_text",
             "target_text"]),
        ctx.table(f"compare-{name}-unmatched",
                  [{"doc": (al.source if u.status == "dropped" else al.target).id,
                    **u.to_dict(), "path": " › ".join(u.provision.path),
                    "best": u.best.id if u.best else None}
                   for u in (*al.unmatched_source, *al.unmatched_target)],
                  ["status", "doc", "id", "path", "label", "heading", "text", "best", "best_score",
                   "confidence"]),
        ctx.table(f"compare-{name}-succession", [s_.to_dict() for s_ in al.succession],
                  ["old", "new", "count"]),
    ]


def comparison_page(ctx: ReportContext, al: Alignment, *, title: str) -> tuple[str, list[str]]:
    """Write the page of one comparison and its tables; returns the page's path (relative to the
    report folder) and every file written."""
    files = _tables(ctx, al)
    up = "../"  # the page lives in compare/, the tables in tables/
    body = (f'<p class="dim">A: {h.esc(doc_title(al.source))}<br>'
            f"B: {h.esc(doc_title(al.target))}</p>")
    body += summary_cards(al)
    body += h.paragraph(
        "Inheritance is the share of B's clause text kept from A in the word-level diffs of "
        "matched provisions; innovation is the rest (unmatched provisions count as wholly new). "
        f"Matched provisions hold {al.rates['matched_share']:.0%} of B's clause text.",
        cls="dim small")
    parts = al.rates.get("by_part", [])
    if parts:
        body += "<h3>By part of B</h3>" + h.table(
            [[p["part"], p["chars"], f"{p['inheritance']:.1%}", f"{p['innovation']:.1%}"]
             for p in parts], ["part", "characters", "inheritance", "innovation"])
    if al.succession:
        body += "<h3>Lexical succession (words replaced inside matched clauses)</h3>" + h.table(
            [[f"<del>{h.esc(x.old)}</del>", "→", f"<ins>{h.esc(x.new)}</ins>", x.count]
             for x in al.succession[:SUCCESSION_ROWS]], ["older", "", "newer", "n"], raw=(0, 2))
    body += "<h3>Correspondences</h3>" + h.details(h.esc(
        f"Matched provisions with their clause diffs ({len(al.matches)}): deletions struck "
        "through in red, insertions in green"),
        "".join(_match_html(m) for m in al.matches))
    body += h.details(h.esc(f"Dropped: in A only ({len(al.unmatched_source)})"),
                      _unmatched_table(al.unmatched_source) if al.unmatched_source
                      else "<p>None.</p>")
    body += h.details(h.esc(f"New: in B only ({len(al.unmatched_target)})"),
                      _unmatched_table(al.unmatched_target) if al.unmatched_target
                      else "<p>None.</p>")
    links = " · ".join(h.link(up + f, f.split("/")[-1]) for f in files)
    body += f'<p class="small">Tables: {links}</p>'
    heading = f"{al.source.id} → {al.target.id}"
    section = ReportSection("comparison", "Provision by provision", body, tuple(files))
    html = h.page(f"{heading} · {title}", "Comparison of two plans, provision by provision",
                  [section], back="../index.html",
                  footer="Part of an evolve report; the main page lists every comparison.")
    rel = ctx.page(slug(al), html)
    return rel, [rel, *files]
