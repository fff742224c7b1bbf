"""The report's comparisons: consecutive plans (or chosen pairs) aligned provision by provision."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise
from typing import Any

from ..records import Alignment, Document, Provision, ReportSection, Unmatched
from . import html as h
from .context import ReportContext

KIND = {"1:1": "1:1", "merge": "merged n:1", "split": "split 1:n"}
SUCCESSION_ROWS = 15


def consecutive_pairs(docs: Sequence[Document]) -> tuple[list[tuple[Document, Document]], str]:
    """Pairs of consecutive dated plans of the same place; when no place has two, consecutive
    plans of the whole corpus in time order. Returns the pairs and how they were chosen."""
    dated = sorted((d for d in docs if d.meta.year is not None), key=lambda d: (d.meta.year, d.id))
    by_place: dict[str, list[Document]] = {}
    for d in dated:
        by_place.setdefault(d.meta.place or d.id, []).append(d)
    same = [pair for ds in by_place.values() for pair in pairwise(ds)]
    if same:
        return same, "consecutive plans of the same place"
    return list(pairwise(dated)), (
        "no place has two dated plans, so consecutive plans of the corpus in time order are "
        "compared (different places: read inheritance as shared wording, not succession)")


def _name(p: Provision) -> str:
    own = f"{p.label}{p.heading}" if (p.label or p.heading) else p.text[:24] + "…"
    path = " › ".join(p.path)
    return f'<span class="dim">{h.esc(path + " › " if path else "")}</span>{h.esc(own)}'


def _doc_title(d: Document) -> str:
    return f"{d.meta.place or d.id} {d.meta.year or '—'} {d.meta.title or ''}".strip()


def _slug(al: Alignment) -> str:
    return f"{al.source.id}--{al.target.id}"


def _summary(al: Alignment) -> dict[str, Any]:
    s = al.to_dict()["summary"]
    return {"source": al.source.id, "target": al.target.id, **s,
            "inheritance": al.rates["inheritance"], "innovation": al.rates["innovation"],
            "matched_share": al.rates["matched_share"]}


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
            f"score {m.score:.2f} · {h.esc(m.inheritance)} ({m.inherited:.0%} kept)</div>")
    sides = "".join(f'<p class="side"><b style="color:#b31d28">A</b> {_name(p)}</p>'
                    for p in m.source)
    sides += "".join(f'<p class="side"><b style="color:#116329">B</b> {_name(p)}</p>'
                     for p in m.target)
    clauses = "".join(f'<p class="clause">{h.diff_html(cp.diff)}</p>' for cp in m.clauses)
    return f'<div class="match">{head}{sides}{clauses}</div>'


def _one(ctx: ReportContext, al: Alignment) -> tuple[str, list[str]]:
    slug = _slug(al)
    s = _summary(al)
    files = [
        ctx.table(f"compare-{slug}-matches", [
            {"source": " ".join(p.id for p in m.source), "target": " ".join(p.id for p in m.target),
             "kind": m.kind, "score": round(m.score, 4), "inheritance": m.inheritance,
             "inherited": round(m.inherited, 4),
             "source_text": "\n".join(p.full_text for p in m.source),
             "target_text": "\n".join(p.full_text for p in m.target)} for m in al.matches],
            ["source", "target", "kind", "score", "inheritance", "inherited", "source_text",
             "target_text"]),
        ctx.table(f"compare-{slug}-unmatched",
                  [{"doc": (al.source if u.status == "dropped" else al.target).id,
                    **u.to_dict(), "path": " › ".join(u.provision.path),
                    "best": u.best.id if u.best else None}
                   for u in (*al.unmatched_source, *al.unmatched_target)],
                  ["status", "doc", "id", "path", "label", "heading", "text", "best", "best_score",
                   "confidence"]),
        ctx.table(f"compare-{slug}-succession", [s_.to_dict() for s_ in al.succession],
                  ["old", "new", "count"]),
    ]
    body = (f'<h3 id="{h.esc(slug)}">{h.esc(al.source.id)} → {h.esc(al.target.id)}</h3>'
            f'<p class="dim">A: {h.esc(_doc_title(al.source))}<br>B: {h.esc(_doc_title(al.target))}'
            "</p>")
    body += h.cards([
        ("provisions A → B", f"{s['source_provisions']} → {s['target_provisions']}"),
        ("matched 1:1", s["matched_1to1"]), ("merged n:1", s["merged"]), ("split 1:n", s["split"]),
        ("dropped", s["dropped"]), ("new", s["new"]),
        ("inheritance", f"{al.rates['inheritance']:.1%}"),
        ("innovation", f"{al.rates['innovation']:.1%}"),
    ])
    body += h.paragraph(
        "Inheritance is the share of B's clause text kept from A in the word-level diffs of "
        "matched provisions; innovation is the rest (unmatched provisions count as wholly new). "
        f"Matched provisions hold {al.rates['matched_share']:.0%} of B's clause text.",
        cls="dim small")
    parts = al.rates.get("by_part", [])
    if parts:
        body += "<h4>By part of B</h4>" + h.table(
            [[p["part"], p["chars"], f"{p['inheritance']:.1%}", f"{p['innovation']:.1%}"]
             for p in parts], ["part", "characters", "inheritance", "innovation"])
    if al.succession:
        body += "<h4>Lexical succession (words replaced inside matched clauses)</h4>" + h.table(
            [[f"<del>{h.esc(x.old)}</del>", "→", f"<ins>{h.esc(x.new)}</ins>", x.count]
             for x in al.succession[:SUCCESSION_ROWS]], ["older", "", "newer", "n"], raw=(0, 2))
    body += (f"<details open><summary>Matched provisions with their clause diffs "
             f"({len(al.matches)})</summary>"
             + "".join(_match_html(m) for m in al.matches) + "</details>")
    body += f"<h4>Dropped: in A only ({len(al.unmatched_source)})</h4>"
    body += _unmatched_table(al.unmatched_source) if al.unmatched_source else "<p>None.</p>"
    body += f"<h4>New: in B only ({len(al.unmatched_target)})</h4>"
    body += _unmatched_table(al.unmatched_target) if al.unmatched_target else "<p>None.</p>"
    links = " · ".join(f'<a href="{h.esc(f)}">{h.esc(f.split("/")[-1])}</a>' for f in files)
    body += f'<p class="small">Tables: {links}</p>'
    return body, files


def comparisons_section(ctx: ReportContext) -> ReportSection:
    """Each pair: counts, inheritance and innovation, lexical succession, diffs, dropped and new."""
    from ..align import align
    from ..render.report_charts import comparison_bars

    title = "Comparisons of plans"
    if ctx.pairs:
        pairs, how = list(ctx.pairs), "the pairs asked for"
    else:
        pairs, how = consecutive_pairs(ctx.docs)
    usable = [(a, b) for a, b in pairs if a.provisions and b.provisions]
    notices = [f"{a.id} → {b.id}: left out, a plan without provisions"
               for a, b in pairs if (a, b) not in usable]
    if not usable:
        notices.append("no two plans to compare (comparisons need two dated plans or --pair A:B)")
        return ReportSection("comparisons", title, "", (), tuple(notices))
    alignments = [align(a, b) for a, b in usable]
    rows = [_summary(al) for al in alignments]
    files = [ctx.table("comparisons", rows)]
    body = h.paragraph(f"Compared: {how}. Provisions are matched one to one, merged (several "
                       "older provisions into one newer) or split; the clause diffs show deletions "
                       "struck through in red and insertions in green.")
    charts = ctx.chart("comparisons", lambda p: comparison_bars(rows, p))
    files += charts
    body += h.figure(ctx.out / charts[0], "What became of each plan's provisions in the next",
                     links=charts)
    body += h.table([[f"{r['source']} → {r['target']}", r["source_provisions"],
                      r["target_provisions"], r["matched_1to1"], r["merged"], r["split"],
                      r["dropped"], r["new"], f"{r['inheritance']:.1%}", f"{r['innovation']:.1%}"]
                     for r in rows],
                    ["pair", "A", "B", "1:1", "merged", "split", "dropped", "new", "inheritance",
                     "innovation"])
    for al in alignments:
        part, written = _one(ctx, al)
        body += part
        files += written
    p = alignments[0].params
    ctx.method("comparisons", how)
    ctx.method("alignment thresholds", f"min score {p['min_score']}, min relative "
               f"{p['min_relative']}, merge ratio {p['merge_ratio']}; weights "
               + ", ".join(f"{k} {v}" for k, v in p["weights"].items()))
    return ReportSection("comparisons", title, body, tuple(files), tuple(notices))
