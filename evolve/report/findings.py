"""Key findings, at the top of the report: the story terms that rose and fell most between the
older and the newer plans (with their counts and the share of plans that use them), the most
emerging and fading words, and the range of inheritance in the comparisons.

It runs after the other sections and reads what they computed (``ctx.shared``), so nothing is
counted twice; the page puts it first.
"""

from __future__ import annotations

from typing import Any

from ..records import ReportSection, TrendTable
from . import html as h
from .context import ReportContext

#: Terms listed as rising and as falling.
TOP_TERMS = 5


def term_changes(table: TrendTable, older: set[str], newer: set[str]) -> Any:
    """Per term: count, rate per 10,000 characters, plans and share of plans that mention it, in
    the ``older`` and ``newer`` documents (ids), and the change of rate.

    Columns: term, label, count_a, count_b, per_10k_a, per_10k_b, plans_a, plans_b (plans that
    mention the term), docs_a, docs_b (plans on each side), share_a, share_b, change (per_10k_b −
    per_10k_a), in ``table.terms`` order.
    """
    from dataclasses import replace

    import pandas as pd

    from ..trends.measures import group_table

    df = table.counts
    side = df["id"].map(lambda i: "a" if i in older else "b" if i in newer else None)
    g = group_table(replace(table, counts=df.assign(side=side).dropna(subset=["side"])), "side")
    terms = list(table.terms)
    labels = dict(zip(df["term"], df["label"], strict=False))
    out = pd.DataFrame({"term": terms, "label": [labels.get(t, t) for t in terms]})
    for s in ("a", "b"):
        one = g[g["side"] == s].set_index("term").reindex(terms)
        out[f"count_{s}"] = one["count"].fillna(0).astype(int).to_numpy()
        out[f"per_10k_{s}"] = one["per_10k"].fillna(0.0).to_numpy()
        out[f"plans_{s}"] = one["docs_with"].fillna(0).astype(int).to_numpy()
        out[f"docs_{s}"] = one["documents"].fillna(0).astype(int).to_numpy()
        out[f"share_{s}"] = one["doc_share"].fillna(0.0).to_numpy()
    out["change"] = out["per_10k_b"] - out["per_10k_a"]
    return out


def _term_rows(rows: Any, cls: str) -> list[list[Any]]:
    return [[h.esc(r["label"]), f'{r["count_a"]:,} → {r["count_b"]:,}',
             f'{r["per_10k_a"]:.2f} → {r["per_10k_b"]:.2f}',
             f'<span class="{cls}">{r["change"]:+.2f}</span>',
             f'{r["share_a"]:.0%} → {r["share_b"]:.0%}'] for _, r in rows.iterrows()]


def _words(rows: Any) -> str:
    return ", ".join(f'{h.esc(r["feature"])} ({int(r["a"]):,} → {int(r["b"]):,})'
                     for _, r in rows.head(TOP_TERMS).iterrows())


def _term_findings(ctx: ReportContext, cut: int, older: list[Any], newer: list[Any],
                   files: list[str]) -> str:
    """The terms asked for (all of them), or the story terms that rose and fell most."""
    from .trends import span_label, term_counts

    a_label, b_label = span_label(older), span_label(newer)
    ch = term_changes(term_counts(ctx), {d.id for d in older}, {d.id for d in newer})
    files.append(ctx.table("term_changes", ch))
    which = "the terms asked for (--terms)" if ctx.terms else "the story terms"
    body = h.paragraph(
        f"Older plans ({a_label}, {len(older):,} plans) against newer plans ({b_label}, "
        f"{len(newer):,} plans), cut before {cut}. Counts are occurrences of {which}, "
        "each counted as written (what Ctrl-F finds), as in Term trends; the rate is per 10,000 "
        "characters; the last column is the share of plans that mention the term at least once "
        "(document frequency).")
    header = ["term", f"count {a_label} → {b_label}", "per 10,000 characters", "change",
              "plans mentioning it"]
    if ctx.terms:
        rows = ch.sort_values("change", ascending=False, kind="stable")
        body += "<h3>The terms asked for, most risen first</h3>" + h.table(
            [*_term_rows(rows[rows["change"] >= 0], "up"),
             *_term_rows(rows[rows["change"] < 0], "down")], header, raw=(0, 1, 2, 3, 4))
        return body
    rose = ch[ch["change"] > 0].sort_values("change", ascending=False).head(TOP_TERMS)
    fell = ch[ch["change"] < 0].sort_values("change").head(TOP_TERMS)
    for rows, what, cls in ((rose, "Terms that rose most", "up"),
                            (fell, "Terms that fell most", "down")):
        body += f"<h3>{h.esc(what)}</h3>"
        body += (h.table(_term_rows(rows, cls), header, raw=(0, 1, 2, 3, 4)) if len(rows)
                 else h.paragraph("None.", cls="dim"))
    return body


def _one_year_findings(ctx: ReportContext, title: str) -> ReportSection:
    """Plans of one year (or undated): the terms, how often and in how many plans, and where
    most (rate per 10,000 characters)."""
    from .trends import term_counts

    table = term_counts(ctx)
    df = table.counts
    n_docs = df["id"].nunique()
    chars = int(df.drop_duplicates("id")["chars"].sum())
    labels = dict(zip(df["term"], df["label"], strict=False))
    rows = []
    for term in table.terms:
        g = df[df["term"] == term]
        total = int(g["count"].sum())
        top = g[g["count"] > 0].sort_values(["per_10k", "id"], ascending=[False, True]).head(3)
        where = "; ".join(f"{_where(r)} {r['per_10k']:.1f}" for _, r in top.iterrows()) or "—"
        rows.append((total, [h.esc(labels.get(term, term)), f"{total:,}",
                             f"{total * 10_000 / chars:.2f}" if chars else "0",
                             f"{int((g['count'] > 0).sum())}/{n_docs}", h.esc(where)]))
    rows.sort(key=lambda r: -r[0])
    if not ctx.terms:
        rows = rows[:2 * TOP_TERMS]
    which = "The terms asked for (--terms)" if ctx.terms else "The lexicon's story terms used most"
    body = h.paragraph(
        f"{which} in the {n_docs:,} plans, which are all of one year (or undated), so nothing "
        "is compared over time: occurrences as written (what Ctrl-F finds), the rate per 10,000 "
        "characters of all the plans, the plans that mention the term, and the plans that use "
        "it most (their rate).")
    body += h.table([r for _, r in rows], ["term", "count", "per 10,000 characters",
                                           "plans mentioning it", "most in (rate)"],
                    raw=(0, 1, 2, 3, 4))
    return ReportSection("findings", title, body, ())


def _where(r: Any) -> str:
    place = r["place"] if isinstance(r["place"], str) and r["place"] else None
    return place or str(r["id"])


def findings_section(ctx: ReportContext) -> ReportSection:
    """Terms that rose and fell most (with counts), emerging and fading words, inheritance."""
    from .fit import lexicon_fit
    from .trends import span_label, split_for_keyness

    title = "Key findings"
    split = split_for_keyness(list(ctx.docs))
    if split is None:
        if len(ctx.docs) > 1 and (ctx.terms or lexicon_fit(ctx).fits):
            return _one_year_findings(ctx, title)
        return ReportSection("findings", title, "", (), (
            "key findings compare older and newer plans, or follow terms: give --terms A,B,… "
            "for plans of one year",))
    cut, older, newer = split
    a_label, b_label = span_label(older), span_label(newer)
    fit = lexicon_fit(ctx)
    files: list[str] = []
    picked = ctx.cache.get("vocabulary_picked")
    if ctx.terms or fit.fits:
        body = _term_findings(ctx, cut, older, newer, files)
    else:  # the corpus's own vocabulary: the lexicon's terms would say nothing here
        body = h.paragraph(
            f"Older plans ({a_label}, {len(older):,} plans) against newer plans ({b_label}, "
            f"{len(newer):,} plans), cut before {cut}. The findings come from the corpus's own "
            f"vocabulary (keyness): the lexicon ({fit.source}) does not fit it ({fit.sentence()}), "
            "so its story terms and themes are left out; name terms to follow with --terms.")
        if picked is not None:
            header = ["word", f"count {a_label} → {b_label}", "per 10,000 characters",
                      "plans (older/newer)", "G²"]
            for side, what, cls in (("b", "Words that rose most (emerging)", "up"),
                                    ("a", "Words that fell most (fading)", "down")):
                rows = picked[side].head(TOP_TERMS)
                body += f"<h3>{h.esc(what)}</h3>"
                body += (h.table([[h.esc(r["feature"]), f'{int(r["a"]):,} → {int(r["b"]):,}',
                                   f'{r["per_10k_a"]:.2f} → {r["per_10k_b"]:.2f}',
                                   f'<span class="{cls}">{int(r["docs_a"])}/{int(r["docs_b"])}'
                                   "</span>", f'{r["g2"]:.1f}'] for _, r in rows.iterrows()],
                                 header, raw=(0, 1, 2, 3, 4)) if len(rows)
                         else h.paragraph("None.", cls="dim"))
            body += '<p class="small"><a href="#vocabulary">More words, in context</a></p>'
            picked = None  # listed above already
    if picked is not None:
        body += "<h3>Words</h3><ul>"
        if len(picked["b"]):
            body += (f'<li><b class="up">Emerging</b> (key to {h.esc(b_label)}; count older → '
                     f"newer): {_words(picked['b'])}</li>")
        if len(picked["a"]):
            body += (f'<li><b class="down">Fading</b> (key to {h.esc(a_label)}): '
                     f"{_words(picked['a'])}</li>")
        body += '</ul><p class="small"><a href="#vocabulary">More words, in context</a></p>'
    done = ctx.cache.get("alignments") or []
    if done:
        ranked = sorted(done, key=lambda al: al.rates["inheritance"])
        lo, hi = ranked[0], ranked[-1]
        body += "<h3>Comparisons</h3>" + h.paragraph(
            f"{len(done)} pairs of plans compared. Inheritance (share of the newer plan's clause "
            f"text kept from the older) ranges from {lo.rates['inheritance']:.1%} "
            f"({lo.source.id} → {lo.target.id}) to {hi.rates['inheritance']:.1%} "
            f"({hi.source.id} → {hi.target.id}).")
        body += '<p class="small"><a href="#comparisons">Every comparison, with its page</a></p>'
    return ReportSection("findings", title, body, tuple(files))
