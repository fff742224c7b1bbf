"""The terminal view of a comparison: metadata, summary, correspondences with diffs, leftovers."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import groupby

from rich.console import Group, RenderableType
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from ..align.confidence import SHOWN_CONFIDENCE
from ..diff import kept_share
from ..records import Alignment, ClausePair, DiffOp, Match, Provision, Unmatched
from .cells import NUM, TEXT, lit
from .parse_view import meta_table
from .plain_layout import BodyPanel
from .plain_table import PlainGroup
from .side_by_side import SideBySide

KIND_LABEL = {"1:1": "1:1", "merge": "merge n:1", "split": "split 1:n", "n:m": "n:m"}


def diff_text(diff: tuple[DiffOp, ...] | list[DiffOp], *, plain: bool = False) -> Text:
    """Deletions red and struck through, insertions green, kept text plain.

    ``plain`` marks them as [-deleted-] and {+inserted+} instead, for output without styles.
    """
    if plain:  # one run of text: styles would not show, and spans cost rendering time
        return Text("".join(f"[-{chunk}-]" if op == -1 else f"{{+{chunk}+}}" if op == 1 else chunk
                            for op, chunk in diff))
    t = Text()
    for op, chunk in diff:
        if op == -1:
            t.append(chunk, style="red strike")
        elif op == 1:
            t.append(chunk, style="bold green")
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
    t.add_row("matched", f"{d['matched_1to1']} one-to-one, {d['merged']} merged (n:1), {d['split']} split (1:n)"
              + (f", {d['n_to_m']} n:m" if d.get("n_to_m") else ""))
    t.add_row("dropped / new", f"{d['dropped']} dropped, {d['new']} new")
    closest = sum(1 for m in al.matches if m.closest)
    if closest:
        t.add_row("closest, not matched", f"{closest} correspondences below the confidence shown as a match, "
                                          "or sharing a policy domain but almost no words (listed apart)")
    t.add_row("sentences", f"{d.get('clause_links', 0)} near-verbatim pairs linked, "
                           f"{d.get('moved_clauses', 0)} of them moved to a part that does not correspond")
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


#: A clause pair keeping at least this share of the newer clause reads best as one line of
#: word diff (a light edit); below it, old and new side by side.
INLINE_KEPT = 0.5


def _shared_words(a: str, b: str) -> set[str]:
    """Content words (two characters or more, or Latin) that both texts contain."""
    from ..tokenize import content_words

    wa = {w for w in content_words(a) if len(w) > 1 or w.isascii()}
    return {w for w in content_words(b) if w in wa}


def shared_text(text: str, shared: set[str], *, style: str = "bold cyan") -> Text:
    """The text with the words it shares with the other side highlighted."""
    from ..tokenize import words

    t = Text()
    # consecutive words alike (shared or not) make one span, not one each
    for is_shared, run in groupby(words(text), key=shared.__contains__):
        t.append("".join(run), style=style if is_shared else "")
    return t


def _inline(cp: ClausePair) -> bool:
    return cp.source is not None and cp.target is not None and (cp.near_verbatim or kept_share(cp.diff) >= INLINE_KEPT)


def _moved_note(cp: ClausePair, al: Alignment | None) -> Text:
    if cp.target is not None:
        where = cp.source_provision or "?"
        p = al.source.provision(where) if al is not None and cp.source_provision else None
        return Text(f"↪ moved here from A {where}" + (f" {_place(p)}" if p else ""), style="magenta")
    where = cp.target_provision or "?"
    q = al.target.provision(where) if al is not None and cp.target_provision else None
    return Text(f"↪ moved to B {where}" + (f" {_place(q)}" if q else ""), style="magenta")


def _place(p: Provision) -> str:
    return " › ".join([*p.path[:1], f"{p.label}{p.heading}".strip()]).strip(" ›")


def clause_rows(m: Match, *, plain: bool = False, al: Alignment | None = None) -> list[RenderableType]:
    """The clause pairs of a correspondence: light edits as one line of word diff, rewritten and
    unpaired clauses in two columns (old | new) with their shared words highlighted, moved
    sentences marked."""
    out: list[RenderableType] = []
    table: Table | None = None
    for cp in m.clauses:
        if _inline(cp):
            table = None
            line = diff_text(cp.diff, plain=plain)
            if cp.moved:
                line = Text.assemble(_moved_note(cp, al), " ", line)
            out.append(line)
            continue
        if table is None:
            table = SideBySide(box=None, pad_edge=False, expand=True, padding=(0, 2), header_style="dim")
            table.add_column("A (older)", ratio=1, overflow="fold")
            table.add_column("B (newer)", ratio=1, overflow="fold")
            out.append(table)
        if plain:  # no styles to show: the shared words are not looked for
            left, right = Text(cp.source or ""), Text(cp.target or "")
        else:
            shared = _shared_words(cp.source or "", cp.target or "") if cp.source and cp.target else set()
            left = shared_text(cp.source, shared) if cp.source else Text("")
            right = shared_text(cp.target, shared) if cp.target else Text("")
        if cp.source and not cp.target:
            left.stylize("red")
        if cp.target and not cp.source:
            right.stylize("green")
        if cp.moved:
            note = _moved_note(cp, al)
            if cp.target is None:
                left = Text.assemble(left, "\n", note)
            else:
                right = Text.assemble(right, "\n", note)
        table.add_row(left, right)
    return out


def match_panel(m: Match, *, explain: bool = False, min_score: float | None = None,
                plain: bool = False, al: Alignment | None = None) -> BodyPanel:
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
    if m.figures:
        body.append(Text("figures: " + "; ".join(f"{c} {o} → {n}" for c, o, n in m.figures), style="yellow"))
    if m.links and not m.links_every_pair:
        sure = [lk for lk in m.links if lk.confidence >= SHOWN_CONFIDENCE]
        body.append(Text("linked pairs (not every A with every B): "
                         + ", ".join(f"{lk.source}→{lk.target}" for lk in sure), style="cyan"))
    weak = [lk for lk in m.links if lk.confidence < SHOWN_CONFIDENCE]
    if weak and len(weak) < len(m.links):
        body.append(Text("closest, not matched inside it: " + ", ".join(f"{lk.source}→{lk.target}" for lk in weak),
                         style="dim"))
    body += clause_rows(m, plain=plain, al=al)
    moved = sum(1 for cp in m.clauses if cp.moved)
    title = Text(f"{KIND_LABEL.get(m.kind, m.kind)}  score {m.score:.2f}  {m.inheritance} "
                 f"({m.inherited:.0%} kept)" + (f"  {moved} moved" if moved else ""))
    return BodyPanel(*body, title=title, title_align="left", border_style="blue")


def closest_table(items: Sequence[Match]) -> Table:
    """Correspondences not confident enough to be shown as matches: closest, not matched."""
    t = Table(title=f"closest, not matched: below the confidence of a match, or same policy domain with "
                    f"almost no shared words ({len(items)})",
              title_justify="left")
    t.add_column("A", **TEXT)
    t.add_column("B", **TEXT)
    t.add_column("score", **NUM)
    t.add_column("kept", **NUM)
    for m in items:
        t.add_row(Text("\n").join(_name(p) for p in m.source), Text("\n").join(_name(p) for p in m.target),
                  f"{m.score:.2f}", f"{m.inherited:.0%}")
    return t


def moved_table(al: Alignment, *, limit: int | None = None, plain: bool = False) -> Table:
    """Near-verbatim sentences whose provisions do not correspond: where each one went."""
    t = Table(title=f"moved sentences: near-verbatim, in provisions that do not correspond ({len(al.moved)})",
              title_justify="left")
    t.add_column("from A", overflow="fold")
    t.add_column("to B", overflow="fold")
    t.add_column("sentence (word diff)", overflow="fold", ratio=2)
    for cp in al.moved[:limit] if limit else al.moved:
        a = al.source.provision(cp.source_provision) if cp.source_provision else None
        b = al.target.provision(cp.target_provision) if cp.target_provision else None
        t.add_row(Text(f"{cp.source_provision} {_place(a)}" if a else "?"),
                  Text(f"{cp.target_provision} {_place(b)}" if b else "?"), diff_text(cp.diff, plain=plain))
    return t


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
    t = Table(title="lexical succession (words replaced inside paired clauses: policy terms, or recurring "
                    "in light edits)", title_justify="left")
    t.add_column("older", **TEXT)
    t.add_column("")
    t.add_column("newer", **TEXT)
    t.add_column("n", **NUM)
    t.add_column("examples (A → B)", style="dim", **TEXT)
    for s in al.succession[:limit]:
        t.add_row(Text(s.old, style="red"), "→", Text(s.new, style="green"), str(s.count),
                  ", ".join(f"{x}→{y}" for x, y in s.examples))
    return t


def shown_matches(al: Alignment, *, limit: int | None = None, min_display: float = 0.0,
                  sort: str = "order") -> list[Match]:
    """The correspondences a view shows: not the "closest, not matched" ones, at least ``min_display``, the
    ``limit`` strongest, in document order of plan B (``sort="order"``) or by score."""
    shown = [m for m in al.matches if m.score >= min_display and not m.closest]
    if limit is not None:
        keep = {id(m) for m in sorted(shown, key=_strength)[:limit]}
        shown = [m for m in shown if id(m) in keep]
    if sort == "score":
        shown.sort(key=_strength)
    return shown


def _strength(m: Match) -> tuple[float, int]:
    """Sort key, strongest first: the score, then (among equal scores: a formula such as 各位代表!
    kept word for word in both) the more text the correspondence carries."""
    return -round(m.score, 4), -sum(len(p.full_text) for p in m.target)


def compare_view(al: Alignment, *, limit: int | None = None, min_display: float = 0.0,
                 explain: bool = False, plain: bool = False, sort: str = "order") -> Group:
    parts: list[RenderableType] = []
    metas = Table.grid(padding=(0, 4))
    metas.add_column()
    metas.add_column()
    metas.add_row(meta_table(al.source.meta, title=lit(f"A  {al.source.id}")),
                  meta_table(al.target.meta, title=lit(f"B  {al.target.id}")))
    parts += [metas, Rule("summary"), summary_table(al), parts_table(al)]
    shown = shown_matches(al, limit=limit, min_display=min_display, sort=sort)
    real = [m for m in al.matches if not m.closest]
    order = "strongest first" if sort == "score" else "in the order of B"
    parts.append(Rule(f"correspondences ({len(shown)} of {len(real)}, {order})"))
    min_score = al.params.get("min_score")
    parts += [match_panel(m, explain=explain, min_score=min_score, plain=plain, al=al) for m in shown]
    closest = [m for m in al.matches if m.closest]
    if closest:
        parts.append(closest_table(closest[:limit] if limit else closest))
    if al.moved:
        parts.append(moved_table(al, limit=limit, plain=plain))
    if al.succession:
        parts.append(succession_table(al))
    if al.unmatched_source:
        parts.append(unmatched_table(al.unmatched_source[:limit] if limit else al.unmatched_source,
                                     f"dropped: in A only ({len(al.unmatched_source)})", explain=explain))
    if al.unmatched_target:
        parts.append(unmatched_table(al.unmatched_target[:limit] if limit else al.unmatched_target,
                                     f"new: in B only ({len(al.unmatched_target)})", explain=explain))
    return PlainGroup(*parts)
