"""The report's comparisons: which pairs of plans to align, and their summary on the main page.

Each comparison gets a page of its own (``comparison_page.py``); the main page shows what became of
each plan's provisions, a table of the pairs with their inheritance and a link to each page, and
each pair's key figures in a collapsed block. By default a handful of pairs is compared (``--pairs
N``, default 5): at 1,000 plans there are hundreds of consecutive pairs, and putting all of them
inline made a 54 MB page.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise

from ..records import Alignment, Document, ReportSection
from . import html as h
from .comparison_page import comparison_page, doc_title, summary, summary_cards
from .context import ReportContext

Pair = tuple[Document, Document]


def consecutive_pairs(docs: Sequence[Document]) -> tuple[list[Pair], str]:
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


def pick_pairs(docs: Sequence[Document], n: int) -> tuple[list[Pair], str, int]:
    """The ``n`` most informative consecutive pairs (``consecutive_pairs``): those whose smaller
    plan has the most provisions (there is most to compare), one pair per place before a place's
    second, the longest apart in time on ties. Returns the pairs in time order, how they were
    chosen, and how many consecutive pairs there were."""
    pairs, how = consecutive_pairs(docs)
    total = len(pairs)
    if total <= n:
        return pairs, how, total

    def informative(p: Pair) -> tuple[int, int, int, str]:
        a, b = p
        return (min(len(a.provisions), len(b.provisions)),
                (b.meta.year or 0) - (a.meta.year or 0), b.meta.year or 0, b.id)

    ranked = sorted(pairs, key=informative, reverse=True)
    picked: list[Pair] = []
    places: set[str] = set()
    for p in ranked:  # one per place first …
        place = p[1].meta.place or p[1].id
        if place not in places and len(picked) < n:
            picked.append(p)
            places.add(place)
    for p in ranked:  # … then the best of the rest
        if len(picked) >= n:
            break
        if p not in picked:
            picked.append(p)
    picked.sort(key=lambda p: (p[1].meta.year or 0, p[0].meta.year or 0, p[1].id))
    return picked, (
        f"the {len(picked)} most informative of the {total} {how.split(',')[0]} (the pairs whose "
        "smaller plan has the most provisions, one per place first; --pairs N for more, "
        "--pair A:B for a particular pair)"), total


def chosen_pairs(ctx: ReportContext) -> tuple[list[Pair], str]:
    if ctx.pairs:
        return list(ctx.pairs), "the pairs asked for"
    pairs, how, _ = pick_pairs(ctx.docs, ctx.max_pairs)
    return pairs, how


def alignments(ctx: ReportContext) -> list[Alignment]:
    """The chosen pairs aligned (computed once, shared with the key findings)."""

    def run() -> list[Alignment]:
        from ..align import align

        usable = [(a, b) for a, b in chosen_pairs(ctx)[0] if a.provisions and b.provisions]
        advance = ctx.progress("aligning plan pairs", len(usable))
        out = []
        for a, b in usable:
            out.append(align(a, b))
            advance(1)
        return out

    return ctx.shared("alignments", run)


def comparisons_section(ctx: ReportContext) -> ReportSection:
    """The compared pairs: provisions kept, merged, split, dropped and new; inheritance; links to
    each comparison's page."""
    from ..render.report_charts import comparison_bars

    title = "Comparisons of plans"
    pairs, how = chosen_pairs(ctx)
    notices = [f"{a.id} → {b.id}: left out, a plan without provisions"
               for a, b in pairs if not (a.provisions and b.provisions)]
    if ctx.max_pairs == 0 and not ctx.pairs:
        return ReportSection("comparisons", title, "", (), ("no comparisons (--pairs 0)",))
    done = alignments(ctx)
    if not done:
        notices.append("no two plans to compare (comparisons need two dated plans or --pair A:B)")
        return ReportSection("comparisons", title, "", (), tuple(notices))
    rows = [summary(al) for al in done]
    files = [ctx.table("comparisons", rows)]
    body = h.paragraph(f"Compared: {how}. Provisions are matched one to one, merged (several "
                       "older provisions into one newer) or split. Each comparison has a page of "
                       "its own with every correspondence and its clause diff.")
    charts = ctx.chart("comparisons", lambda p: comparison_bars(rows, p))
    files += charts
    body += h.figure(ctx.out / charts[0], "What became of each plan's provisions in the next",
                     links=charts)
    pages = []
    for al in done:
        rel, written = comparison_page(ctx, al, title="evolve report")
        pages.append(rel)
        files += written
    body += h.table([[h.link(rel, f"{r['source']} → {r['target']}"),
                      f"{al.source.meta.year or '—'} → {al.target.meta.year or '—'}",
                      r["source_provisions"], r["target_provisions"], r["matched_1to1"],
                      r["merged"], r["split"], r["dropped"], r["new"],
                      f"{r['inheritance']:.1%}", f"{r['innovation']:.1%}"]
                     for r, al, rel in zip(rows, done, pages, strict=True)],
                    ["pair (its page)", "years", "A", "B", "1:1", "merged", "split", "dropped",
                     "new", "inheritance", "innovation"], raw=(0,))
    for al, rel in zip(done, pages, strict=True):
        inner = (f'<p class="dim small">A: {h.esc(doc_title(al.source))}<br>'
                 f"B: {h.esc(doc_title(al.target))}</p>" + summary_cards(al)
                 + "<p>" + h.link(rel, "Open the comparison: every correspondence with its clause "
                                  "diff, dropped and new provisions") + "</p>")
        body += h.details(h.esc(f"{al.source.id} → {al.target.id} · inheritance "
                                f"{al.rates['inheritance']:.1%}"), inner, cls="pair")
    p = done[0].params
    ctx.method("comparisons", how)
    ctx.method("alignment thresholds", f"min score {p['min_score']}, min relative "
               f"{p['min_relative']}, merge ratio {p['merge_ratio']}; weights "
               + ", ".join(f"{k} {v}" for k, v in p["weights"].items()))
    return ReportSection("comparisons", title, body, tuple(files), tuple(notices))
