"""The terminal view of a parsed plan: metadata, normalisation log and the provision tree."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from rich.tree import Tree

from ..normalize import RULES
from ..records import Document, Meta
from .cells import lit


def meta_table(meta: Meta, *, title: str | Text | None = None) -> Table:
    shown_title = lit(title) if isinstance(title, str) else title
    table = Table(show_header=False, box=None, title=shown_title, title_justify="left",
                  pad_edge=False)
    table.add_column(style="bold cyan", no_wrap=True)
    table.add_column(overflow="fold")
    for name in ("title", "place", "province", "level", "year", "date", "doc_number", "issuer"):
        value = getattr(meta, name)
        source = meta.sources.get(name)
        shown = Text("unknown", style="dim italic") if value is None else Text(str(value))
        if source and value is not None:
            shown.append(f"  ({source})", style="dim")
        table.add_row(name, shown)
    return table


def normalisation_table(counts: dict[str, int]) -> Table:
    table = Table(title="normalisation", title_justify="left", show_edge=False)
    table.add_column("rule")
    table.add_column("changes", justify="right")
    table.add_column("what it does", style="dim")
    for rule, n in counts.items():
        table.add_row(lit(rule), str(n), RULES.get(rule, ""))
    return table


def _agencies(lead: tuple[str, ...], responsible: tuple[str, ...], guide: tuple[str, ...]) -> Text:
    t = Text()
    if lead:
        t.append(" 牵头 ", style="black on yellow")
        t.append(" " + "、".join(lead) + " ")
    if responsible:
        t.append(" 责任 ", style="black on cyan")
        t.append(" " + "、".join(responsible[:6]) + (" …" if len(responsible) > 6 else "") + " ")
    if guide:
        t.append(" 指导 ", style="black on magenta")
        t.append(" " + "、".join(guide) + " ")
    return t


def document_tree(doc: Document, *, width: int = 60) -> Tree:
    """The heading hierarchy with each provision's label, title, start of text and agencies."""
    label = doc.meta.title or doc.id
    root = Tree(Text(label, style="bold"))
    nodes: dict[tuple[int, tuple[str, ...]], Tree] = {}

    def node_for(part: int, path: tuple[str, ...]) -> Tree:
        if not path:
            if part == 0:
                return root
            key = (part, ())
            if key not in nodes:
                nodes[key] = root.add(Text(f"document {part + 1} of the file", style="bold magenta"))
            return nodes[key]
        key = (part, path)
        if key not in nodes:
            nodes[key] = node_for(part, path[:-1]).add(Text(path[-1], style="bold blue"))
        return nodes[key]

    for p in doc.provisions:
        parent = node_for(p.part, p.path)
        line = Text()
        line.append(f"{p.id} ", style="dim")
        if p.piece > 1:
            line.append(f"(¶{p.paragraph} cont.) ", style="dim")
        if p.label:
            line.append(p.label, style="bold green")
        if p.heading:
            line.append(p.heading, style="bold")
            line.append(" ")
        body = p.text.replace("\n", " ")
        if body:
            dim = "" if p.kind in {"item", "paragraph"} else "dim"
            line.append(body[:width] + ("…" if len(body) > width else ""), style=dim)
        line.append(f" [{len(p.clauses)} clauses]", style="dim")
        branch = parent.add(line)
        if p.lead or p.responsible or p.guide:
            branch.add(_agencies(p.lead, p.responsible, p.guide))
    return root


def parse_view(doc: Document) -> RenderableType:
    items = sum(1 for p in doc.provisions if p.kind == "item" and p.piece <= 1)
    paragraphs = sum(1 for p in doc.provisions if p.kind == "paragraph" and p.piece <= 1)
    of_items = f", {paragraphs} paragraphs of items holding several" if paragraphs else ""
    summary = Text(
        f"{doc.id}: {len(doc.provisions)} provisions ({items} numbered items{of_items}), "
        f"{doc.chars} characters, read as {doc.reader}"
        + (f" ({doc.encoding})" if doc.encoding != doc.reader else ""),
        style="bold",
    )
    return Group(summary, meta_table(doc.meta), normalisation_table(doc.normalisation), document_tree(doc))
