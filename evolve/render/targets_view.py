"""The terminal view of targets: one table per indicator across the series, then each
document's targets; and the small side-by-side section ``evolve compare`` appends."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rich.console import Group, RenderableType
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from ..records import Document, Target, TargetPair
from ..series import document_year
from ..targets.series import value_text


def _doc_label(d: Document) -> str:
    year = document_year(d)
    return d.id if year is None or str(year) in d.id else f"{d.id} ({year})"


def indicator_tables(table: Any, docs: Sequence[Document], *, limit: int) -> list[RenderableType]:
    """One table per indicator (canonical first): its target in each document, and the change."""
    out: list[RenderableType] = []
    if table.empty:
        return out
    labels = {d.id: _doc_label(d) for d in docs}
    # one table per indicator: a canonical one (5G基站) may be counted in 万个 here, in 座 there
    keys = [k if isinstance(k, str) else f"{i}|{u}" for k, i, u in zip(table["key"], table["indicator"],
                                                                      table["unit"], strict=True)]
    table = table.assign(_g=keys)
    groups = list(dict.fromkeys(keys))
    for g in groups[:limit]:
        rows = table[table["_g"] == g]
        units = list(dict.fromkeys(rows["unit"]))
        # one key may be named per level (国内生产总值增长 / 地区生产总值增长 / 经济增长): every name
        names = " / ".join(dict.fromkeys(rows["indicator"]))
        t = Table(title=f"{escape(names)} ({escape(', '.join(units))})", title_justify="left")
        for col in ("document", "target", "change", "provision"):
            t.add_column(col, justify="right" if col == "change" else "left", overflow="fold")
        # the change from the same place's previous target (documents are in time order): two
        # provinces' reports are no series
        before: dict[str | None, tuple[float, str]] = {}
        by_doc = {r.doc: r for r in rows.itertuples()}
        for d in docs:  # every document of the series, "—" where it sets no such target
            r = by_doc.get(d.id)
            if r is None:
                t.add_row(escape(labels[d.id]), "—", "", "")
                continue
            change = ""
            last = before.get(d.meta.place)
            if last is not None and last[1] == r.unit:
                change = "=" if r.value == last[0] else f"{r.value - last[0]:+g}"
            t.add_row(escape(labels[d.id]), escape(r.shown), change, escape(r.provision))
            before[d.meta.place] = (r.value, r.unit)
        out.append(t)
    if len(groups) > limit:
        out.append(Text(f"{len(groups) - limit} more indicators set in several documents (--json or --csv for all)"))
    return out


def targets_view(docs: Sequence[Document], targets: Sequence[Target], table: Any, *,
                 limit: int = 20, kind: str = "target") -> Group:
    parts: list[RenderableType] = []
    goals = sum(t.kind == "target" for t in targets)
    parts.append(Text(f"{len(targets)} figures in {len(docs)} documents: {goals} targets, "
                      f"{len(targets) - goals} reported results"))
    if len(docs) > 1:
        tables = indicator_tables(table, docs, limit=limit)
        parts += tables or [Text("no indicator has a target in more than one document")]
    for d in docs:
        mine = [t for t in targets if t.doc == d.id and (kind == "all" or t.kind == kind)]
        if not mine:
            parts.append(Text(f"{_doc_label(d)}: no {'figures' if kind == 'all' else kind + 's'}"))
            continue
        t = Table(title=f"{escape(_doc_label(d))}: {len(mine)} {'figures' if kind == 'all' else kind + 's'}",
                  title_justify="left")
        for col in ("provision", "indicator", "value", "year", "kind", "as written"):
            t.add_column(col, overflow="fold", no_wrap=col == "provision")
        for x in mine[:limit]:
            t.add_row(escape(x.provision), escape(x.indicator), escape(value_text(x)),
                      str(x.target_year or ""), escape(x.kind), escape(x.phrase))
        parts.append(t)
        if len(mine) > limit:
            parts.append(Text(f"{len(mine) - limit} more in {d.id} (--limit 0 for all, or --json / --csv)"))
    return Group(*parts)


def target_pairs_view(pairs: Sequence[TargetPair], *, limit: int = 20) -> RenderableType:
    """The targets of two plans side by side: same indicator, changed value first."""
    order = {"changed": 0, "same": 1, "dropped": 2, "new": 3}
    shown = sorted(pairs, key=lambda p: order[p.status])
    t = Table(title="targets side by side", title_justify="left")
    for col in ("indicator", "A", "B", "status"):
        t.add_column(col, overflow="fold")
    for p in shown[:limit] if limit else shown:
        t.add_row(escape(p.indicator), escape(value_text(p.a)) if p.a else "—",
                  escape(value_text(p.b)) if p.b else "—", p.status)
    if not pairs:
        return Text("targets side by side: neither plan sets a quantitative target")
    if limit and len(shown) > limit:
        return Group(t, Text(f"{len(shown) - limit} more target pairs (--json for all)"))
    return t
