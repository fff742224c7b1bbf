"""The terminal view of a lineage: one row per chain, a cell per document (heading or —)."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from ..records import Chain, Lineage, LineageLink
from ..series import document_year
from .cells import ID, NUM

#: Above this many documents a row shows a strip with one mark per document instead of a cell each.
WIDE = 8


def _name(link: LineageLink, n: int = 18) -> str:
    words = link.heading or link.text.split("。")[0].split("\n")[0]
    return words if len(words) <= n else words[: n - 1] + "…"


def _cell(links: list[LineageLink], *, compact: bool) -> str:
    if not links:
        return "—"
    if compact:
        return " ".join(escape(x.id) for x in links)
    return "\n".join(f"{escape(x.id)} {escape(_name(x))}" + (" ↷" if x.kind == "skip" else "")
                     + (f"\n[dim]{escape(_name(_first_sentence(x), 16))}[/]" if x.heading and x.text else "")
                     for x in links)


def _changes(c: Chain) -> str:
    """The chain's changes, one word and the document each: "split 2011, drop 2012"; "—" for none."""
    return escape(", ".join(f"{k} {d}" for d, k in c.changes)) or "—"


def _first_sentence(link: LineageLink) -> LineageLink:
    """The link with its body's first sentence as heading (a generic heading such as 互联网 says
    less than 构建高速泛在宽带网络)."""
    from dataclasses import replace

    return replace(link, heading=link.text.split("。")[0].split("\n")[0].split(",")[0].split("，")[0])


def lineage_view(lineage: Lineage, *, limit: int = 30, single: bool = False,
                 changes_only: bool = False) -> RenderableType:
    """Longest-lived chains first; ``single`` also lists provisions found in one document only;
    ``changes_only`` leaves out the chains present in every document unchanged."""
    docs = lineage.documents
    compact = len(docs) > WIDE
    lasting = [c for c in lineage.chains if (c.present > 1 or single) and not (changes_only and c.unchanged)]
    alone = sum(1 for c in lineage.chains if c.present == 1)
    gaps = sum(1 for c in lineage.chains if c.gaps)
    head = Text(f"{len(docs)} documents in time order, {lineage.stats.get('alignments', 0)} alignments: "
                f"{sum(1 for c in lineage.chains if c.present > 1)} chains through two or more documents "
                f"({gaps} dropped and back), {alone} provisions in one document only; "
                f"{lineage.stats.get('seconds', 0)} s")
    t = Table(title="chains of corresponding provisions, longest-lived first", title_justify="left",
              show_lines=not compact)
    t.add_column("#", **NUM)
    t.add_column("in", **NUM)
    t.add_column("changes", overflow="fold")
    shown: list[Chain] = lasting[:limit] if limit else lasting
    if compact:
        # too many documents for a cell each: a strip with one mark per document instead
        years = [document_year(d) for d in docs]
        t.add_column("first", **ID)
        t.add_column("last", **ID)
        t.add_column("first provision", overflow="fold", ratio=1)
        t.add_column(f"documents {escape(str(years[0] or docs[0].id))} … {escape(str(years[-1] or docs[-1].id))}",
                     no_wrap=len(docs) <= 60, overflow="fold")
    else:
        for d in docs:
            year = document_year(d)
            label = d.id if year is None or str(year) in d.id else f"{d.id}\n{year}"
            t.add_column(escape(label), overflow="fold")
    position = {d.id: i for i, d in enumerate(docs)}
    for k, c in enumerate(shown, 1):
        by_doc: dict[str, list[LineageLink]] = {}
        for link in c.links:
            by_doc.setdefault(link.doc, []).append(link)
        if compact:
            a, b = position[c.first], position[c.last]
            strip = "".join("●" if d.id in by_doc else ("○" if a <= i <= b else "·") for i, d in enumerate(docs))
            first = c.links[0]
            t.add_row(str(k), f"{c.present}/{c.span}", _changes(c), escape(f"{c.first}:{first.id}"), escape(c.last),
                      escape(_name(first, 30)), strip)
        else:
            t.add_row(str(k), f"{c.present}/{c.span}", _changes(c),
                      *[_cell(by_doc.get(d.id, []), compact=False) for d in docs])
    parts: list[RenderableType] = [head]
    if changes_only:
        same = sum(1 for c in lineage.chains if c.unchanged)
        parts.append(Text(f"{same} chains present in every document unchanged are not listed (--changes-only)"))
    undated = lineage.stats.get("undated") or []
    if undated:
        parts.append(Text(f"without a year (placed as given, after the dated ones unless --as-given): "
                          f"{', '.join(undated)}"))
    parts.append(t)
    if len(lasting) > len(shown):
        parts.append(Text(f"{len(lasting) - len(shown)} more chains (--limit 0 for all, --json for every link)"))
    parts.append(Text("in: documents the chain appears in / documents from its first to its last; "
                      + ("● present, ○ missing between its first and last, · outside its life"
                         if compact else "↷ continues across a document that lacks it"), style="dim"))
    return Group(*parts)
