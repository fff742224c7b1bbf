"""The terminal view of a comparison: metadata, summary, correspondences with diffs, leftovers."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from ..records import Alignment, DiffOp, Match, Provision, Unmatched
from .cells import NUM, TEXT, lit
from .parse_view import meta_table

KIND_LABEL = {"1:1": "1:1", "merge": "merge n:1", "split": "split 1:n"}


def diff_text(diff: tuple[DiffOp, ...] | list[DiffOp], *, plain: bool = False) -> Text:
    """Deletions red and struck through, insertions green, kept text plain.

    ``plain`` marks them as [-deleted-] and {+inserted+} instead, for output without styles.
    """
    t = Text()
    for op, chunk in diff:
        if op == -1:
            t.append(f"[-{chunk}-]" if plain else chunk, style="red strike")
        elif op == 1:
            t.append(f"{{+{chunk}+}}" if plain else chunk, style="bold green")
        else:
            t.append(chunk)
    return t


def _name(p: Provision) -> Text:
    t = Text()
    if p.path:
        t.append(" › ".join(p.path) + " › ", style="dim")
    t.append(p.label or p.id, style="bold")
    if p.heading:
        t.append(p.heading, style="bold")
    elif not p.label:
        t.append(" " + p.text[:24] + "…", style="italic")
    return t


def summary_table(al: Alignment) -> Table:
    d = al.to_dict()["summary"]
    r = al.rates
    t = Table(show_header=False, box=None, pad_edge=False)
    t.add_column(style="bold cyan", no_wrap=True)
    t.add_column()
    t.add_row("provisions", f"{d['source_provisions']} → {d['target_provisions']}")
    t.add_row("matched", f"{d['matched_1to1']} one-to-one, {d['merged']} merged (n:1), {d['split']} split (1:n)")
    t.add_row("dropped / new", f"{d['dropped']} dropped, {d['new']} new")
    t.add_row("mean similarity", "—" if d["mean_score"] is None else f"{d['mean_score']:.2f}")
    t.add_row("inheritance", f"{r['inheritance']:.0%} of the newer text kept from the older; "
                             f"{r['innovation']:.0%} new")
    return t


def parts_table(al: Alignment) -> Table:
    """Inheritance and innovation for each part (top-level heading) of plan B."""
    t = Table(title="by part of B", title_justify="left", show_edge=False)
    t.add_column("part", **TEXT)
    t.add_column("characters", **NUM)
    t.add_column("inherited", **NUM)
    t.add_column("new", **NUM)
    for row in al.rates.get("by_part", []):
        t.add_row(lit(row["part"]), f"{row['chars']:,}", f"{row['inheritance']:.0%}", f"{row['innovation']:.0%}")
    return t


def match_panel(m: Match, *, explain: bool = False, min_score: float | None = None,
                plain: bool = False) -> Panel:
    head = Table.grid(padding=(0, 1))
    head.add_column(no_wrap=False)
    for p in m.source:
        head.add_row(Text("A ", style="red bold") + _name(p))
    for p in m.target:
        head.add_row(Text("B ", style="green bold") + _name(p))
    body: list[RenderableType] = [head]
    if explain:
        sig = ", ".join(f"{k} {v:.2f}" for k, v in m.signals.items())
        why = f"signals: {sig}"
        if min_score is not None:
            why += ("; matched: each is the other's best candidate, similarity ≥ the floor "
                    f"{min_score:.2f} and standing out from the other candidates" if m.kind == "1:1"
                    else f"; grouped ({m.kind}): each member's best candidate, close to the group's best pair")
        body.append(Text(why, style="dim"))
    for cp in m.clauses:
        body.append(diff_text(cp.diff, plain=plain))
    title = Text(f"{KIND_LABEL.get(m.kind, m.kind)}  score {m.score:.2f}  {m.inheritance} "
                 f"({m.inherited:.0%} kept)")
    return Panel(Group(*body), title=title, title_align="left", border_style="blue")


def unmatched_table(items: tuple[Unmatched, ...], title: str, *, explain: bool = False) -> Table:
    t = Table(title=title, title_justify="left", show_lines=False)
    t.add_column("provision", **TEXT)
    t.add_column("closest on the other side", style="dim", **TEXT)
    t.add_column("score", **NUM)
    t.add_column("sure", **NUM)
    if explain:
        t.add_column("why not matched", style="dim", **TEXT)
    for u in items:
        best = Text("—") if u.best is None else Text(f"{u.best.label}{u.best.heading or u.best.text[:16]}")
        row = [_name(u.provision), best, f"{u.best_score:.2f}", f"{u.confidence:.0%}"]
        t.add_row(*row, *([lit(u.reason)] if explain else []))
    t.caption = "sure: how confident evolve is that nothing corresponds (the closest candidate does not stand out)"
    return t


def succession_table(al: Alignment, *, limit: int = 15) -> Table:
    t = Table(title="lexical succession (words replaced inside matched clauses)", title_justify="left")
    t.add_column("older", **TEXT)
    t.add_column("")
    t.add_column("newer", **TEXT)
    t.add_column("n", **NUM)
    for s in al.succession[:limit]:
        t.add_row(Text(s.old, style="red"), "→", Text(s.new, style="green"), str(s.count))
    return t


def compare_view(al: Alignment, *, limit: int | None = None, min_display: float = 0.0,
                 explain: bool = False, plain: bool = False) -> Group:
    parts: list[RenderableType] = []
    metas = Table.grid(padding=(0, 4))
    metas.add_column()
    metas.add_column()
    metas.add_row(meta_table(al.source.meta, title=lit(f"A  {al.source.id}")),
                  meta_table(al.target.meta, title=lit(f"B  {al.target.id}")))
    parts += [metas, Rule("summary"), summary_table(al), parts_table(al)]
    shown = [m for m in al.matches if m.score >= min_display]
    if limit is not None:
        shown = shown[:limit]
    parts.append(Rule(f"correspondences ({len(shown)} of {len(al.matches)})"))
    min_score = al.params.get("min_score")
    parts += [match_panel(m, explain=explain, min_score=min_score, plain=plain) for m in shown]
    if al.succession:
        parts.append(succession_table(al))
    if al.unmatched_source:
        parts.append(unmatched_table(al.unmatched_source[:limit] if limit else al.unmatched_source,
                                     f"dropped: in A only ({len(al.unmatched_source)})", explain=explain))
    if al.unmatched_target:
        parts.append(unmatched_table(al.unmatched_target[:limit] if limit else al.unmatched_target,
                                     f"new: in B only ({len(al.unmatched_target)})", explain=explain))
    return Group(*parts)
