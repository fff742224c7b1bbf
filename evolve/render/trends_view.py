"""Terminal views of the trends records: the trend table, keyness tables, keyword in context."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

from rich.cells import cell_len
from rich.console import Group
from rich.table import Table
from rich.text import Text

from ..dataclass_code import dataclass
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
    if not count:  # no count: no rate, and a share of 0 %
        return Text("·", style="dim")
    t = Text(str(count), style="bold")
    t.append(f" {rate:.1f}", style="dim")
    if share:
        t.append(f" {share}", style="cyan")
    return t


@dataclass(frozen=True)
class _Matrix:
    """The trend table before layout: row labels (terms), column heads (documents or groups),
    cells, and the per-term and per-column figures shown at the edges."""

    what: str  #: "term" or "theme"
    rows: list[str]  #: terms, in report order
    labels: dict[str, str]  #: term -> label shown
    cols: list[Any]  #: column keys
    heads: list[list[str]]  #: lines of each column's head ("place 云南省", "1 plans")
    cell: dict[tuple[str, Any], tuple[int, float, str]]
    chars: dict[Any, int]
    tail: dict[str, list[str]]  #: term -> [docs, first, last]
    title: str
    by: str | None = None  #: the grouping column, None for one column per document


#: Characters a column costs beside its content in rich's default box: padding and a border.
_EDGE = 3


def trend_view(table: TrendTable, span: Any, groups: Any = None, by: str | None = None, *,
               width: int | None = None) -> Group:
    """Rows: terms (or themes) in report order; columns: documents (or groups), each cell
    "count rate-per-10k" (and, for groups, the share of the group's plans that mention it); then
    the plans that mention it of all plans, first and last year seen.

    ``width``: the terminal's columns (None: as wide as the table needs). No term, name or
    figure is ever folded: when the columns do not fit, the table turns (documents or groups as
    rows, terms as columns), and when that does not fit either it is cut into parts, each
    repeating its row labels."""
    m = _matrix(table, span, groups, by)
    label_w = max([cell_len(m.what), *(cell_len(m.labels.get(t, t)) for t in m.rows)])
    wide_cols = [*m.cols, _DOCS, _FIRST, _LAST]
    wide_min = [_col_width(m, c) for c in m.cols] + [
        max([len(name), *(len(m.tail[t][k]) for t in m.rows)])
        for k, name in enumerate(("docs", "first", "last"))]
    if width is None or _fits(label_w, wide_min, width):
        return Group(_wide(m, list(range(len(wide_cols))), label_w, wide_min, width))
    head_w = max(cell_len(x) for c in m.cols for x in _row_head(m, c))
    turned_min = [max(cell_len(m.labels.get(t, t)),
                      *(_token_width(m.cell.get((t, c))) for c in m.cols), 5) for t in m.rows]
    pages_turned = _pages(head_w, turned_min, width)
    pages_wide = _pages(label_w, wide_min, width)
    turn = len(pages_turned) <= len(pages_wide)
    pages = pages_turned if turn else pages_wide
    if len(pages) == 1:
        return Group(_turned(m, pages[0], head_w, turned_min, width) if turn else
                     _wide(m, pages[0], label_w, wide_min, width))
    parts: list[Any] = [Text(m.title, style="bold")]
    for k, page in enumerate(pages):
        part = (k + 1, len(pages))
        parts.append(_turned(m, page, head_w, turned_min, width, part) if turn else
                     _wide(m, page, label_w, wide_min, width, part))
    return Group(*parts)


_DOCS, _FIRST, _LAST = "\0docs", "\0first", "\0last"


def _row_head(m: _Matrix, c: Any) -> list[str]:
    """A document's or group's label as a row of the turned table: its name, then its plans (or
    year) and characters."""
    head = m.heads[m.cols.index(c)]
    return [head[0], " · ".join([*head[1:], f"{m.chars[c]:,} chars"])]


def _level_widths(mins: Sequence[int], mids: Sequence[int], naturals: Sequence[int],
                  room: int) -> list[int]:
    """Column widths, the same layout in every column: each cell on one line when all fit in
    ``room``, else count and rate on one line and the share under them, else one figure a
    line (never narrower than ``mins``)."""
    for level in (naturals, mids):
        widths = [max(w, m) for w, m in zip(level, mins, strict=True)]
        if sum(w + _EDGE for w in widths) <= room:
            return widths
    return list(mins)


def _mid(c: tuple[int, float, str] | None) -> int:
    """Width of a cell's count and rate on one line."""
    return len(f"{c[0]} {c[1]:.1f}") if c and c[0] else 1


def _matrix(table: TrendTable, span: Any, groups: Any, by: str | None) -> _Matrix:
    df = table.counts
    what = "theme" if table.kind == "theme" else "term"
    if groups is not None and by:
        cols = list(dict.fromkeys(groups[by]))
        per = groups.drop_duplicates(by).set_index(by)
        n = {c: int(per.at[c, "documents"]) for c in cols}
        heads = [[str(c), f"{n[c]} plan" + ("s" if n[c] != 1 else "")] for c in cols]
        cell = {
            (t, k): (int(c), float(r), f"{w / d:.0%}" if d else "")
            for t, k, c, r, w, d in zip(
                groups["term"], groups[by], groups["count"], groups["per_10k"],
                groups["docs_with"], groups["documents"], strict=True)
        }
        chars = {c: int(per.at[c, "chars"]) for c in cols}
    else:
        docs = df.drop_duplicates("id").copy()
        docs["_y"] = docs["year"].fillna(9999)
        docs = docs.sort_values(["_y", "id"])
        cols = list(docs["id"])
        heads = [[str(r["place"] if r["place"] is not None and not _isna(r["place"]) else r["id"]),
                  _year(r["year"])] for _, r in docs.iterrows()]
        cell = {
            (t, i): (int(n), float(r), "")
            for t, i, n, r in zip(df["term"], df["id"], df["count"], df["per_10k"], strict=True)
        }
        chars = {r["id"]: int(r["chars"]) for _, r in docs.iterrows()}
    n_docs = df["id"].nunique()
    sp = span.set_index("term")
    tail = {}
    for term in table.terms:
        first, last = sp.at[term, "first_year"], sp.at[term, "last_year"]
        tail[term] = [f"{int(sp.at[term, 'documents'])}/{n_docs}",
                      "—" if _isna(first) else str(first), "—" if _isna(last) else str(last)]
    cells = "count, rate per 10,000 characters" + (
        " and share of the group's plans that mention it" if by else "")
    kind = "groups" if by else "documents"
    title = f"{len(table.terms)} {what}s × {len(cols)} {kind}: {cells}"
    return _Matrix(what, list(table.terms), dict(zip(df["term"], df["label"], strict=False)),
                   cols, heads, cell, chars, tail, title, by if groups is not None else None)


def _token_width(c: tuple[int, float, str] | None) -> int:
    """The widest piece of a cell (count, rate, share): the cell may wrap between them."""
    if not c or not c[0]:
        return 1
    return max(len(str(c[0])), len(f"{c[1]:.1f}"), len(c[2]))


def _col_head(m: _Matrix, i: int) -> list[str]:
    """A column's head in the wide table: "year 2016" / "3 plans", or a plan's place and year."""
    head = m.heads[i]
    return [f"{m.by} {head[0]}", *head[1:]] if m.by else head


def _col_width(m: _Matrix, c: Any) -> int:
    tokens = [_token_width(m.cell.get((t, c))) for t in m.rows]
    return max([*(cell_len(h) for h in _col_head(m, m.cols.index(c))), *tokens,
                len(f"{m.chars[c]:,}"), 4])


def _fits(first: int, widths: Sequence[int], width: int) -> bool:
    return first + _EDGE + sum(w + _EDGE for w in widths) + 1 <= width


def _pages(first: int, widths: Sequence[int], width: int) -> list[list[int]]:
    """Column indexes cut into runs that fit beside the first column (at least one each)."""
    pages: list[list[int]] = [[]]
    used = first + _EDGE + 1
    for i, w in enumerate(widths):
        if pages[-1] and used + w + _EDGE > width:
            pages.append([])
            used = first + _EDGE + 1
        pages[-1].append(i)
        used += w + _EDGE
    return pages


def _part(title: str, part: tuple[int, int] | None) -> str:
    return title if part is None else f"part {part[0]} of {part[1]}"


def _cell_natural(c: tuple[int, float, str] | None) -> int:
    return _cell(*(c or (0, 0.0, ""))).cell_len


def _wide(m: _Matrix, page: list[int], label_w: int, mins: Sequence[int], width: int | None,
          part: tuple[int, int] | None = None) -> Table:
    """Terms as rows, documents or groups as columns (``page``: indexes into the columns, then
    docs, first and last)."""
    n = len(m.cols)
    t = Table(title=_part(m.title, part), title_justify="left")
    t.add_column(m.what, no_wrap=True, width=label_w)
    naturals = [max(_cell_natural(m.cell.get((r, m.cols[i]))) for r in m.rows) if i < n
                else mins[i] for i in page]
    mids = [max(_mid(m.cell.get((r, m.cols[i]))) for r in m.rows) if i < n else mins[i]
            for i in page]
    room = (width - label_w - _EDGE - 1) if width else 10**6
    widths = _level_widths([mins[i] for i in page], mids, naturals, room)
    for i, w in zip(page, widths, strict=True):
        if i < n:  # may wrap between count, rate and share; never inside one, nor inside a name
            t.add_column(lit("\n".join(_col_head(m, i))), justify="right", width=w)
        else:
            t.add_column(("docs", "first", "last")[i - n], justify="right", no_wrap=True, width=w)
    for term in m.rows:
        t.add_row(lit(m.labels.get(term, term)),
                  *[_cell(*m.cell.get((term, m.cols[i]), (0, 0.0, ""))) if i < n
                    else m.tail[term][i - n] for i in page])
    t.add_row(Text("characters", style="dim"),
              *[Text(f"{m.chars[m.cols[i]]:,}", style="dim") if i < n else "" for i in page])
    return t


def _turned(m: _Matrix, page: list[int], head_w: int, mins: Sequence[int], width: int,
            part: tuple[int, int] | None = None) -> Table:
    """Documents or groups as rows (name, then plans and characters), terms as columns
    (``page``: indexes into the terms); the terms' plans and years at the foot."""
    k = len(m.rows)
    t = Table(title=_part(m.title, part), title_justify="left")
    t.add_column(m.by or "", no_wrap=True, width=head_w)
    naturals = [max(_cell_natural(m.cell.get((m.rows[i], c))) for c in m.cols) for i in page]
    mids = [max(_mid(m.cell.get((m.rows[i], c))) for c in m.cols) for i in page]
    widths = _level_widths([mins[i] for i in page], mids, naturals, width - head_w - _EDGE - 1)
    for i, w in zip(page, widths, strict=True):
        if i < k:
            t.add_column(lit(m.labels.get(m.rows[i], m.rows[i])), justify="right", width=w)
        else:
            t.add_column("characters", justify="right", no_wrap=True, width=w)
    for c in m.cols:
        t.add_row(lit("\n".join(_row_head(m, c))),
                  *[_cell(*m.cell.get((m.rows[i], c), (0, 0.0, ""))) if i < k
                    else Text(f"{m.chars[c]:,}", style="dim") for i in page])
    t.add_section()
    for j, name in enumerate(("docs", "first", "last")):
        t.add_row(Text(name, style="dim"), *[m.tail[m.rows[i]][j] if i < k else "" for i in page])
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
