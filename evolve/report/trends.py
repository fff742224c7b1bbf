"""Report sections on vocabulary over time: terms, themes, emerging and fading words, agencies.

Each computes with ``evolve.trends`` and draws with ``evolve.render.charts``; nothing is counted
here that the trends commands do not count the same way.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

from ..records import Document, ReportSection, Term, TrendTable
from . import html as h
from .context import ReportContext

#: Emerging / fading words: at most this many per side, key at p < 0.05 (G² ≥ 3.84).
TOP_WORDS = 12
MIN_G2 = 3.84
MIN_FREQ = 3
KWIC_TERMS = 6  # words per side shown in context
KWIC_LINES = 3  # lines per word
NONE = '<span class="dim">·</span>'  # a table cell for "not found"


def _years(docs: list[Document]) -> list[int]:
    return sorted({d.meta.year for d in docs if d.meta.year is not None})


def term_counts(ctx: ReportContext) -> TrendTable:
    """The terms asked for (``--terms``), or else the story terms of the lexicon, counted in
    every document (shared by several sections)."""
    from ..trends.lexicon import resolve_terms
    from ..trends.measures import term_table

    names = (list(ctx.terms) if ctx.terms else list(ctx.lexicon.default_terms)
             or [t.name for t in ctx.lexicon.terms])
    return ctx.shared("terms", lambda: term_table(ctx.docs, resolve_terms(names, ctx.lexicon),
                                                  progress=ctx.progress))


def theme_counts(ctx: ReportContext) -> TrendTable:
    from ..trends.measures import theme_table

    return ctx.shared("themes", lambda: theme_table(ctx.docs, ctx.lexicon, progress=ctx.progress))


def _by_year(table: TrendTable) -> Any:
    from ..trends.measures import UNKNOWN, group_table

    g = group_table(table, "year")
    return g[g["year"] != UNKNOWN]


def ids_text(ids: Sequence[str], *, limit: int = 6) -> str:
    """Document ids for a sentence: all of a few, the first ``limit`` of many and how many more."""
    ids = list(ids)
    if len(ids) <= limit:
        return ", ".join(ids)
    return ", ".join(ids[:limit]) + f" … and {len(ids) - limit:,} more"


def _matrix(table: TrendTable, *, percent: bool = False) -> str:
    """Terms (rows) × documents (columns), or × years above ``DETAIL_MAX`` documents: the count
    with its rate, or a share in percent."""
    from ..render.chart_rows import chart_rows
    from ..trends.measures import term_span

    rows_of = chart_rows(table)
    f = rows_of.frame
    share = f["share"] if "share" in f else f["per_10k"] * 0
    cell = {(t, k): (c, r, sh) for t, k, c, r, sh in zip(f["term"], f["key"], f["count"],
                                                         f["per_10k"], share, strict=True)}
    span = term_span(table.counts).set_index("term")
    labels = dict(zip(table.counts["term"], table.counts["label"], strict=False))
    rows = []
    for t in table.terms:
        cells = []
        for k in rows_of.keys:
            count, rate, share = cell.get((t, k), (0, 0.0, 0.0))
            if not count:
                cells.append(NONE)
            elif percent:
                cells.append(f"{share * 100:.0f}%")
            else:
                cells.append(f'{int(count):,} <span class="dim small">{rate:.1f}</span>')
        rows.append([labels.get(t, t), *cells, span.at[t, "first_year"], span.at[t, "last_year"]])
    raw = range(1, len(rows_of.keys) + 1)
    return h.table(rows, ["", *rows_of.labels, "first seen", "last seen"], raw=raw)


def _per(table: TrendTable) -> str:
    from ..render.chart_rows import DETAIL_MAX

    return "plan" if table.counts["id"].nunique() <= DETAIL_MAX else "year (plans in brackets)"


def _first_seen_sentence(table: TrendTable) -> str:
    import pandas as pd

    from ..trends.measures import term_span

    span = term_span(table.counts)
    by: dict[int, list[str]] = {}
    for _, r in span.iterrows():
        if not pd.isna(r["first_year"]):  # <NA> for a term never seen in a dated plan
            by.setdefault(int(r["first_year"]), []).append(str(r["label"]))
    never = [str(r["label"]) for _, r in span.iterrows() if r["total"] == 0]
    parts = [f"in {y}: {', '.join(ts)}" for y, ts in sorted(by.items())]
    if parts:
        parts[0] = "First seen " + parts[0]
    if never:
        parts.append(f"not found: {', '.join(never)}")
    return "; ".join(parts) + "." if parts else ""


def terms_section(ctx: ReportContext) -> ReportSection:
    """Story terms (4G … 低空经济), or the terms asked for, per plan: trend lines over the years,
    heatmap, table. Without ``--terms``, only when the lexicon fits the corpus."""
    from ..render.charts import term_heatmap, term_trends
    from .fit import lexicon_fit

    if not ctx.terms:
        fit = lexicon_fit(ctx)
        if not fit.fits:
            return ReportSection("terms", "Term trends", "", (), (
                f"the lexicon ({fit.source}) does not fit this corpus: {fit.sentence()}; its "
                "story terms and themes are left out. Name the terms to follow with --terms "
                "A,B,… or give a lexicon that fits with --lexicon FILE",))
    table = term_counts(ctx)
    files = [ctx.table("terms", table.counts, ["id", "place", "year", "period", "chars", "term",
                                               "theme", "count", "per_10k"])]
    which = ("Each term asked for (--terms)" if ctx.terms
             else "Each story term of the lexicon")
    body = h.paragraph(
        f"{which} counted in every plan exactly as written (what Ctrl-F "
        "finds), as a rate per 10,000 characters; terms ordered by the year they are first seen. "
        + _first_seen_sentence(table))
    notices: list[str] = []
    by_year = _by_year(table)
    if len(_years(list(ctx.docs))) >= 2:
        files.append(ctx.table("terms_by_year", by_year))
        charts = ctx.chart("terms", lambda p: term_trends(by_year, table.terms, p,
                                                          milestones=ctx.lexicon.milestones))
        files += charts
        body += h.figure(ctx.out / charts[0], "Term trends: rate per 10,000 characters by year; "
                         "dashed lines are milestones", links=charts)
    else:
        notices.append("fewer than two years in the corpus: no trend lines over time")
    charts = ctx.chart("heatmap", lambda p: term_heatmap(table, table.terms, p))
    files += charts
    body += h.figure(ctx.out / charts[0], f"Terms × {_per(table).split(' ')[0]}s: counts, "
                     "coloured by rate per 10,000 characters", links=charts)
    body += f"<h3>Counts and rates per {_per(table)}</h3>" + _matrix(table)
    body += h.paragraph("Each cell: count, then rate per 10,000 characters (grey).",
                        cls="dim small")
    ctx.method("terms asked for" if ctx.terms else "story terms", ", ".join(table.terms))
    ctx.method("lexicon", ctx.lexicon.source)
    return ReportSection("terms", "Term trends", body, tuple(files), tuple(notices))


def themes_section(ctx: ReportContext) -> ReportSection:
    """Themes of the lexicon: their rise and fall over the years and their share in each plan;
    only from a lexicon that fits the corpus (``fit``)."""
    from ..render.charts import term_trends, theme_shares
    from .fit import lexicon_fit

    fit = lexicon_fit(ctx)
    if not fit.fits:
        notice = (f"themes left out: the lexicon ({fit.source}) does not fit this corpus "
                  f"({fit.sentence()}); give one that does with --lexicon FILE")
        return ReportSection("themes", "Themes", "", (), (notice,) if ctx.terms else ())
    themes = theme_counts(ctx)
    files = [ctx.table("themes", themes.counts, ["id", "place", "year", "period", "chars", "term",
                                                 "label", "count", "per_10k", "share"])]
    body = h.paragraph(
        "All terms of a theme counted together. The share is the theme's part of all theme-term "
        "occurrences in the plan, so it compares the make-up of plans of different lengths.")
    notices: list[str] = []
    if len(_years(list(ctx.docs))) >= 2:
        by_year = _by_year(themes)
        files.append(ctx.table("themes_by_year", by_year))
        charts = ctx.chart("theme-trends", lambda p: term_trends(
            by_year, themes.terms, p, milestones=ctx.lexicon.milestones,
            title="主题的消长: 每万字主题词次数, 按年份 (无年份的规划不计)"))
        files += charts
        body += h.figure(ctx.out / charts[0], "Theme trends: theme-term rate per 10,000 characters "
                         "by year", links=charts)
    else:
        notices.append("fewer than two years in the corpus: no theme trends over time")
    charts = ctx.chart("themes", lambda p: theme_shares(themes, p))
    files += charts
    body += h.figure(ctx.out / charts[0], f"Theme shares per {_per(themes)}, oldest first",
                     links=charts)
    body += f"<h3>Theme shares per {_per(themes)}</h3>" + _matrix(themes, percent=True)
    from ..errors import InputError
    from ..trends.adoption import drift

    try:
        dr = drift(themes)
    except InputError:  # fewer than two periods: no drift figure
        dr = None
    if dr is not None:
        top = dr.shares.sort_values("change")
        down, up = top.iloc[0], top.iloc[-1]
        body += h.paragraph(
            f"Theme drift {dr.a} → {dr.b}: Jensen–Shannon divergence {dr.jsd:.3f} (0 same … 1 "
            f"disjoint). Most up: {up['label']} {up['share_a']:.0%} → {up['share_b']:.0%}; most "
            f"down: {down['label']} {down['share_a']:.0%} → {down['share_b']:.0%}.")
        files.append(ctx.table("theme_drift", dr.shares))
    body += "<h3>Themes</h3>" + h.table(
        [[th.name, th.key, len(th.terms), th.basis] for th in ctx.lexicon.themes],
        ["theme", "key", "terms", "basis"])
    return ReportSection("themes", "Themes", body, tuple(files), tuple(notices))


def _one_year(what: str, docs: Sequence[Document]) -> str:
    """Why a comparison over time is left out: the plans' one year, or their lack of one."""
    years = _years(list(docs))
    if len(years) == 1:
        return f"all dated plans are of {years[0]}: {what} over time"
    return f"the plans carry no year: {what} over time"


def split_for_keyness(docs: list[Document]) -> tuple[int, list[Document], list[Document]] | None:
    """Older and newer halves of the dated documents, cut between two years so that the halves
    are as even as possible; None when all dated documents share one year."""
    years = _years(docs)
    if len(years) < 2:
        return None
    dated = [d for d in docs if d.meta.year is not None]

    def sides(cut: int) -> tuple[list[Document], list[Document]]:
        return ([d for d in dated if d.meta.year < cut],  # type: ignore[operator]
                [d for d in dated if d.meta.year >= cut])  # type: ignore[operator]

    cut = min(years[1:], key=lambda c: (abs(len(sides(c)[0]) - len(sides(c)[1])), -c))
    older, newer = sides(cut)
    return cut, older, newer


def span_label(docs: list[Document]) -> str:
    """The years of ``docs`` as a label: 2016 or 2013–2018."""
    ys = _years(docs)
    return str(ys[0]) if len(ys) == 1 else f"{ys[0]}–{ys[-1]}"


def vocabulary_section(ctx: ReportContext) -> ReportSection:
    """Words key to the newer plans (emerging) and to the older ones (fading), with context."""
    from ..render.report_charts import keyness_bars
    from ..trends.keyness import keyness
    from ..trends.kwic import kwic

    split = split_for_keyness(list(ctx.docs))
    if split is None:
        return ReportSection("vocabulary", "Emerging and fading vocabulary", "", (), (
            _one_year("no emerging or fading vocabulary", ctx.docs),))
    cut, older, newer = split
    a_label, b_label = span_label(older), span_label(newer)
    k = ctx.step("keyness: older against newer words", lambda: keyness(
        older, newer, a_label=a_label, b_label=b_label, kinds=("word",), min_freq=MIN_FREQ,
        lexicon=ctx.lexicon))
    files = [ctx.table("keyness", k.rows)]
    rows = k.rows
    picked = {}
    for side, docs_col, n_docs in (("b", "docs_b", len(newer)), ("a", "docs_a", len(older))):
        sel = rows[(rows["side"] == side) & (rows["g2"] >= MIN_G2)
                   & (rows[docs_col] >= min(2, n_docs))]
        picked[side] = sel.head(TOP_WORDS)
    ctx.cache["vocabulary_picked"] = picked  # for the key findings
    body = h.paragraph(
        f"Older plans ({a_label}: {ids_text(k.a_docs)}; {k.a_chars:,} characters) against newer "
        f"plans ({b_label}: {ids_text(k.b_docs)}; {k.b_chars:,} characters). Words come from "
        "jieba with the policy-term dictionary; place names are left out. A word is listed when "
        f"it is key at p < 0.05 (G² ≥ {MIN_G2}) and used by at least two plans of its side, so "
        "that one plan's local vocabulary does not pass for a trend.")
    both = [picked["b"], picked["a"]]
    if any(len(x) for x in both):
        charts = ctx.chart("vocabulary", lambda p: keyness_bars(picked["b"], picked["a"], p,
                                                                a_label=a_label, b_label=b_label))
        files += charts
        body += h.figure(ctx.out / charts[0], f"Emerging (more frequent in {b_label}) and fading "
                         f"(more frequent in {a_label}) words: log ratio of their rates",
                         links=charts)
    kwic_rows: list[dict[str, Any]] = []
    for side, title, side_docs in (("b", f"Emerging: key to {b_label}", newer),
                                   ("a", f"Fading: key to {a_label}", older)):
        sel = picked[side]
        body += f"<h3>{h.esc(title)}</h3>"
        if not len(sel):
            body += h.paragraph("No word passes the thresholds.", cls="dim")
            continue
        body += h.table(
            [[r["feature"], r["a"], r["b"], r["per_10k_a"], r["per_10k_b"],
              f"{r['docs_a']}/{r['docs_b']}", r["g2"], f"{r['log_ratio']:+.2f}",
              "✓" if r["in_lexicon"] else ""] for _, r in sel.iterrows()],
            ["word", f"n {a_label}", f"n {b_label}", f"/10k {a_label}", f"/10k {b_label}",
             "plans (older/newer)", "G²", "log ratio", "in lexicon"])
        body += "<h4>In context</h4>"
        lines = []
        for word in list(sel["feature"])[:KWIC_TERMS]:
            hits = kwic(side_docs, Term(word, (word,)), width=16)
            shown = _spread(hits, KWIC_LINES)
            for hit in shown:
                kwic_rows.append({"side": side, **hit.to_dict(), "path": " › ".join(hit.path)})
                lines.append(f'<tr><td class="dim small">{h.esc(hit.doc)}</td>'
                             f'<td class="left">{h.esc(hit.left)}</td>'
                             f'<td class="hit">{h.esc(hit.match)}</td>'
                             f'<td class="right">{h.esc(hit.right)}</td>'
                             f'<td class="dim small">{h.esc(" › ".join(hit.path[-2:]))}</td></tr>')
        body += ('<div class="wide"><table class="kwic"><thead><tr><th>plan</th><th></th>'
                 '<th>word</th><th></th><th>provision</th></tr></thead><tbody>'
                 + "".join(lines) + "</tbody></table></div>")
    if kwic_rows:
        files.append(ctx.table("kwic", kwic_rows, ["side", "term", "doc", "year", "place", "left",
                                                   "match", "right", "path", "start"]))
    body += h.paragraph("G² ≥ 3.84 is p < 0.05, ≥ 10.83 is p < 0.001; log ratio +1 means twice as "
                        "frequent in the newer plans, −1 twice as frequent in the older (positive: "
                        "emerging, negative: fading).",
                        cls="dim small")
    ctx.method("keyness split", f"older = {a_label} ({len(older)} plans), newer = {b_label} "
               f"({len(newer)} plans), cut before {cut}")
    ctx.method("keyness thresholds", f"jieba words, min frequency {MIN_FREQ}, G² ≥ {MIN_G2}, "
               f"in ≥ 2 plans of its side, top {TOP_WORDS} per side")
    return ReportSection("vocabulary", "Emerging and fading vocabulary", body, tuple(files),
                         tuple(k.notices))


def _spread(hits: list[Any], n: int) -> list[Any]:
    """Up to ``n`` hits, taking one from each document in turn, so the examples show the spread."""
    by_doc: dict[str, list[Any]] = {}
    for hit in hits:
        by_doc.setdefault(hit.doc, []).append(hit)
    out: list[Any] = []
    while len(out) < n and any(by_doc.values()):
        for lst in by_doc.values():
            if lst and len(out) < n:
                out.append(lst.pop(0))
    return out


def agencies_section(ctx: ReportContext) -> ReportSection:
    """Which agencies lead the items that mention each theme's terms (``Provision.lead``)."""
    from ..trends.counting import find_terms

    counts: Counter[tuple[str, str]] = Counter()
    docs_of: dict[tuple[str, str], set[str]] = {}
    items: Counter[str] = Counter()
    with_lead = [d for d in ctx.docs if any(p.lead for p in d.provisions)]
    advance = ctx.progress("agencies of each theme", len(with_lead)) if with_lead else None
    for d in with_lead:
        if advance:
            advance(1)
        for p in d.provisions:
            if not p.lead:
                continue
            for th in ctx.lexicon.themes:
                if find_terms(p.full_text, th.terms):
                    items[th.key] += 1
                    for agency in dict.fromkeys(p.lead):
                        counts[(th.key, agency)] += 1
                        docs_of.setdefault((th.key, agency), set()).add(d.id)
    if not with_lead:  # plans that name no lead agency (work reports): nothing to say
        return ReportSection("agencies", "Agencies leading each theme", "", (), ())
    from .fit import lexicon_fit

    if not lexicon_fit(ctx).fits:  # the themes are left out: agencies by theme are too
        return ReportSection("agencies", "Agencies leading each theme", "", (), ())
    without = [d.id for d in ctx.docs if d not in with_lead]
    notices = ((f"no lead agencies (牵头) are named in: {ids_text(without, limit=5)}",)
               if without else ())
    rows = [{"theme": key, "label": ctx.lexicon.theme(key).name, "agency": agency, "items": n,
             "documents": len(docs_of[(key, agency)]),
             "ids": " ".join(sorted(docs_of[(key, agency)]))}
            for (key, agency), n in sorted(counts.items(), key=lambda kv: (kv[0][0], -kv[1],
                                                                             kv[0][1]))]
    rel = ctx.table("agencies", rows, ["theme", "label", "agency", "items", "documents", "ids"])
    table_rows = []
    for th in ctx.lexicon.themes:
        top = sorted(((a, n) for (k, a), n in counts.items() if k == th.key),
                     key=lambda x: (-x[1], x[0]))[:5]
        leaders = "；".join(f"{a} ({n})" for a, n in top) or "—"
        table_rows.append([th.name, items[th.key], leaders])
    body = h.paragraph(
        "For each theme, the items with a lead agency (牵头单位) whose text mentions one of the "
        f"theme's terms, and the agencies that lead them most often (number of items). Plans "
        f"with lead agencies: {ids_text([d.id for d in with_lead])}. Agency names as written.")
    body += h.table(table_rows, ["theme", "items with a lead agency", "leading agencies (items)"])
    body += f'<p class="small">Table: <a href="{h.esc(rel)}">{h.esc(rel)}</a></p>'
    return ReportSection("agencies", "Agencies leading each theme", body, (rel,), notices)
