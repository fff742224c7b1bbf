"""The lines rich prints for a panel of wrapped text, laid out directly when no style can show.

Piped or ``--plain``, ``evolve compare`` prints hundreds of lines of clauses inside one panel per
correspondence. rich renders every one through a ``Panel``, a ``Padding``, a ``Group`` and the
renderable itself, each splitting, cropping and padding the lines of the one inside it: more CPU
than the alignment. When the console shows no styles (no colour system, not recording), a
``BodyPanel`` wraps each part once (rich's own ``Text.wrap``) and frames the lines itself; with
styles, or for a part it does not know, rich renders as usual. The characters are rich's
(tests/test_fast_paths.py compares whole reports on real plans at several widths).
"""

from __future__ import annotations

from typing import Any

from rich.cells import cell_len
from rich.console import Group
from rich.panel import Panel
from rich.segment import Segment
from rich.table import Table
from rich.text import Text


def shows_no_style(console: Any) -> bool:
    """Whether nothing but the characters of what ``console`` prints reaches its output."""
    return console.color_system is None and not console.record


def _padded(line: str, width: int) -> str:
    gap = width - cell_len(line)
    return line + " " * gap if gap > 0 else line


def text_lines(console: Any, text: Text, width: int, *, justify: Any = None,
               overflow: Any = None) -> list[str] | None:
    """The lines (padded to ``width``) rich prints for ``text`` at ``width``, without styles;
    None for a text this does not lay out (tabs, no wrapping, another justification or end)."""
    plain = text.plain
    justify = text.justify or justify or "default"
    overflow = text.overflow or overflow or "fold"
    if text.no_wrap or text.end != "\n" or "\t" in plain or justify not in ("default", "left") \
            or overflow not in ("fold", "ellipsis"):
        return None
    if plain and "\n" not in plain and cell_len(plain) <= width:
        return [_padded(plain, width)]  # one line: nothing to wrap
    return [_padded(line.plain, width) for line in text.wrap(console, width, justify=justify, overflow=overflow)]


def column_lines(console: Any, table: Table, width: int) -> list[str] | None:
    """The lines (padded to ``width``) rich prints for a one-column grid of texts (rows one under
    the other, each wrapped as its column says), without styles; None for any other table."""
    if len(table.columns) != 1 or type(table) is not Table:
        return None
    column = table.columns[0]
    if (table.box is not None or table.show_header or table.show_footer or table.title or table.caption
            or table.pad_edge or table.expand or table.width is not None or table.row_styles or table.leading
            or table.show_lines or (table.style or "none") != "none" or column.no_wrap or column.ratio
            or column.width is not None or column.min_width is not None or column.max_width is not None
            or column.style or column.vertical != "top" or any(r.style or r.end_section for r in table.rows)
            or table.padding[0] or table.padding[2]):
        return None
    out: list[str] = []
    for cell in column._cells:
        # the column is as wide as its longest line, at most ``width``: wrapping at ``width`` and
        # padding gives the same lines
        lines = text_lines(console, cell, width, justify=column.justify, overflow=column.overflow) \
            if isinstance(cell, Text) else None
        if lines is None:
            return None
        out += lines
    return out


def plain_lines(console: Any, renderable: Any, options: Any) -> list[str]:
    """The lines (padded to the width of ``options``) rich prints for ``renderable``, without styles."""
    width = options.max_width
    lines: list[str] | None = None
    if isinstance(renderable, Text):
        lines = text_lines(console, renderable, width, justify=options.justify, overflow=options.overflow)
    elif hasattr(renderable, "plain_lines"):
        lines = renderable.plain_lines(console, options)
    elif isinstance(renderable, Table):
        lines = column_lines(console, renderable, width)
    if lines is None:
        lines = ["".join(s.text for s in line) for line in console.render_lines(renderable, options, pad=True)]
    return lines


class BodyPanel(Panel):
    """A ``Panel`` around a group of parts (rendered one under the other) that frames their lines
    itself on a console that shows no styles."""

    def __init__(self, *parts: Any, **kwargs: Any) -> None:
        super().__init__(Group(*parts), **kwargs)
        self.parts = parts

    def _direct(self, console: Any, options: Any) -> bool:
        return (shows_no_style(console) and self.expand and self.width is None and self.height is None
                and options.height is None and not self.subtitle
                and self.padding in ((0, 1), (0, 1, 0, 1)) and options.max_width > 4)

    def __rich_console__(self, console: Any, options: Any) -> Any:
        if not self._direct(console, options):
            yield from super().__rich_console__(console, options)
            return
        width = options.max_width
        box = self.box.substitute(options, safe=console.safe_box if self.safe_box is None else self.safe_box)
        title = self._title
        top = None
        if title is None:
            top = box.get_top([width - 2])
        elif cell_len(title.plain) <= width - 4:
            top = box.top_left + box.top + title.plain + box.top * (width - 4 - cell_len(title.plain)) \
                + box.top + box.top_right
        if top is None:  # a title wider than the panel: rich crops it
            yield from super().__rich_console__(console, options)
            return
        inner = options.update(width=width - 4, height=None, highlight=self.highlight)
        out = [top]
        for part in self.parts:
            out += [f"{box.mid_left} {line} {box.mid_right}" for line in plain_lines(console, part, inner)]
        out.append(box.get_bottom([width - 2]))
        yield Segment("\n".join(out) + "\n")
