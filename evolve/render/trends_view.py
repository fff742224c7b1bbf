"""Terminal views of the trends records: the trend table, keyness tables, keyword in context."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

from rich.console import Group
from rich.table import Table
from rich.text import Text

from ..records import Drift, KeynessTable, KwicHit, TrendTable
from .cells import ID, NUM, TEXT, lit


def _year(v: Any) -> str:
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return "unknown"
    try:
        return str(int(v))
    except (TypeError, ValueError):
        return str(v)


def _cell(count: int, rate: float, share: str = "") -> Text:
    if not count:
        return Text("·" + (f" {share}" if share else ""), style="dim")
    t = Text(str(count), style="bold")
    t.append(f" {rate:.1f}", style="dim")
    if share:
        t.append(f" {share}", style="cyan")
    return t


def trend_view(table: TrendTable, span: Any, groups: Any = None, by: str | None = None) -> Table:
    """Rows: terms (or themes) in report order; columns: documents (or groups), each cell
    "count rate-per-10k" (and, for groups, the share of the group's plans that mention it); then
    the plans that mention it of all plans, first and last year seen."""
    df = table.counts
    what = "theme" if table.kind == "theme" else "term"
    if groups is not None and by:
        cols = list(dict.fromkeys(groups[by]))
        per = groups.drop_duplicates(by).set_index(by)
        heads = [(c, lit(f"{by} {c}\n{int(per.at[c, 'documents'])} plans")) for c in cols]
        cell = {
            (t, k): (int(n), float(r), f"{w / d:.0%}" if d else "")
            for t, k, n, r, w, d in zip(
                groups["term"],
                groups[by],
                groups["count"],
                groups["per_10k"],
                groups["docs_with"],
                groups["documents"],
                strict=True,
            )
        }
        chars = {c: int(per.at[c, "chars"]) for c in cols}
    else:
        docs = df.drop_duplicates("id").copy()
        docs["_y"] = docs["year"].fillna(9999)
        docs = docs.sort_values(["_y", "id"])
        cols = list(docs["id"])
        heads = [(r["id"], lit(f"{r['place']}\n{_year(r['year'])}")) for _, r in docs.iterrows()]
        cell = {
            (t, i): (int(n), float(r), "")
            for t, i, n, r in zip(df["term"], df["id"], df["count"], df["per_10k"], strict=True)
        }
        chars = {r["id"]: int(r["chars"]) for _, r in docs.iterrows()}
    n_docs = df["id"].nunique()
    cells = "count, rate per 10,000 characters" + (
        " and share of the group's plans that mention it" if by else ""
    )
    t = Table(
        title=f"{len(table.terms)} {what}s × {len(cols)} {'groups' if by else 'documents'}: {cells}",
        title_justify="left",
    )
    t.add_column(what, **ID)
    for _, head in heads:
        # may wrap between count, rate and share (never cut)
        t.add_column(head, justify="right", overflow="fold")
    t.add_column("docs", **NUM)
    t.add_column("first", **NUM)
    t.add_column("last", **NUM)
    sp = span.set_index("term")
    labels = dict(zip(df["term"], df["label"], strict=False))
    for term in table.terms:
        first, last = sp.at[term, "first_year"], sp.at[term, "last_year"]
        t.add_row(
            lit(labels.get(term, term)),
            *[_cell(*cell.get((term, c), (0, 0.0, ""))) for c in cols],
            f"{int(sp.at[term, 'documents'])}/{n_docs}",
            "—" if _isna(first) else str(first),
            "—" if _isna(last) else str(last),
        )
    t.add_row(
        Text("characters", style="dim"),
        *[Text(f"{chars[c]:,}", style="dim") for c in cols],
        "",
        "",
        "",
    )
    return t


def spelling_note(table: TrendTable, *, variants: bool = False) -> Text:
    """Which spellings were counted under which term (terms with several), or that each term was
    counted exactly as written."""
    sp = table.spellings
    if table.kind != "term" or sp is None:
        return Text("")
    multi = sp.groupby("term", sort=False).filter(lambda g: len(g) > 1)
    if not len(multi):
        hint = "" if variants else "; --variants adds the lexicon's variant spellings"
        return Text(f"Each term counted exactly as written{hint}.", style="dim")
    paired = table.counts.groupby("term")["paired"].sum()
    out = Text("Spellings counted: ", style="bold")
    parts = []
    for term, g in multi.groupby("term", sort=False):
        pairs = list(zip(g["spelling"], g["count"], strict=True))
        inner = " + ".join(f"{s} {int(n)}" for s, n in pairs if n) or "none found"
        absent = [s for s, n in pairs if not n]
        p = int(paired.get(term, 0))
        pair = f", less {p} written with the other in brackets (counted once)" if p else ""
        also = f" (also searched: {', '.join(absent)})" if absent else ""
        parts.append(f"{term} = {inner}{pair}{also}")
    out.append("; ".join(parts) if len(parts) < 2 else "\n  " + "\n  ".join(parts))
    return out


def _isna(v: Any) -> bool:
    try:
        return bool(v is None or v != v or str(v) == "<NA>")
    except (TypeError, ValueError):
        return True


def closing_note(
    charts: Sequence[tuple[str, str]], notices: Sequence[str], drift: Drift | None
) -> Group:
    lines: list[Text] = []
    if drift is not None:
        top = drift.shares.sort_values("change")
        down, up = top.iloc[0], top.iloc[-1]
        lines.append(
            Text.assemble(
                ("Theme drift ", "bold"),
                f"{drift.a} → {drift.b}: Jensen–Shannon divergence ",
                (f"{drift.jsd:.3f}", "bold"),
                f" (0 same … 1 disjoint); most up {up['label']} "
                f"{up['share_a']:.0%}→{up['share_b']:.0%}, most down {down['label']} "
                f"{down['share_a']:.0%}→{down['share_b']:.0%}",
            )
        )
    for path, what in charts:
        lines.append(Text.assemble(("chart ", "bold"), (path, "cyan"), f"  {what}"))
    for n in notices:
        lines.append(Text(f"note: {n}", style="yellow"))
    return Group(*lines)


def keyness_view(k: KeynessTable, *, top: int = 15) -> Group:
    """Two tables: features key to A, then those key to B, each with raw counts on both sides."""
    out: list[Any] = []
    for side, label, other in (("a", k.a_label, k.b_label), ("b", k.b_label, k.a_label)):
        rows = k.rows[k.rows["side"] == side].head(top)
        t = Table(title=lit(f"Key to {label} (against {other})"), title_justify="left")
        t.add_column("feature", **TEXT)
        t.add_column("kind", **TEXT)
        for col in (f"n {k.a_label}", f"n {k.b_label}", f"/10k {k.a_label}", f"/10k {k.b_label}",
                    "docs", "G²", "log ratio"):
            t.add_column(lit(col), **NUM)
        t.add_column("lexicon", justify="center", no_wrap=True)
        for _, r in rows.iterrows():
            t.add_row(
                lit(r["feature"]),
                lit(r["kind"]),
                str(r["a"]),
                str(r["b"]),
                f"{r['per_10k_a']:.1f}",
                f"{r['per_10k_b']:.1f}",
                f"{r['docs_a']}/{r['docs_b']}",
                f"{r['g2']:.1f}",
                f"{r['log_ratio']:+.2f}",
                "✓" if r["in_lexicon"] else "",
            )
        out.append(t)
    out.append(
        Text(
            f"A = {k.a_label}: {', '.join(k.a_docs)} ({k.a_chars:,} chars); "
            f"B = {k.b_label}: {', '.join(k.b_docs)} ({k.b_chars:,} chars). "
            "G² ≥ 3.84 is p < 0.05, ≥ 10.83 is p < 0.001; log ratio +1 = twice as frequent "
            "in B as in A (positive: key to B, negative: key to A).",
            style="dim",
        )
    )
    for n in k.notices:
        out.append(Text(f"note: {n}", style="yellow"))
    return Group(*out)


def kwic_view(hits: Sequence[KwicHit], term: str) -> Table:
    t = Table(title=lit(f"{term}: {len(hits)} occurrence(s)"), title_justify="left")
    t.add_column("document", **ID)
    t.add_column("left", justify="right", overflow="fold")
    t.add_column("term", style="bold red", no_wrap=True, min_width=max(2 * len(term), 4),
                 overflow="fold")
    t.add_column("right", overflow="fold")
    t.add_column("provision", overflow="fold", min_width=12)
    for h in hits:
        t.add_row(lit(f"{h.doc}\n{_year(h.year)}"), lit(h.left), lit(h.match), lit(h.right),
                  lit(" › ".join(h.path) or "—"))
    return t
