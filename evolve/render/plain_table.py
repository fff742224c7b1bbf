"""The lines rich prints for a table, laid out directly when no style can show.

``compare`` prints a handful of tables (the plans' metadata, the parts of B, dropped and new
provisions, the lexical succession, the targets). rich renders every cell through a ``Padding``
inside ``render_lines``, splitting and cropping its lines twice: some 0.05 s for a few dozen
rows. On a console that shows no styles, ``table_lines`` takes rich's own column widths
(``Table._calculate_column_widths``) and cells (``Table._get_cells``), wraps each text cell once
(``plain_layout.text_lines``) and draws the rules itself; a table or cell it does not know (footers,
lines between rows, leading, cells that are not text, no-wrap columns) goes to rich. The
characters are rich's (tests/test_fast_paths.py compares them on the tables of real comparisons).
"""

from __future__ import annotations

from typing import Any

from rich.cells import cell_len
from rich.console import Group
from rich.padding import Padding
from rich.segment import Segment
from rich.table import Table
from rich.text import Text

from .plain_layout import shows_no_style, text_lines


def _annotation(console: Any, text: Any, options: Any, justify: Any) -> list[str]:
    """A title or caption as rich prints it above or below a table (rich's own rendering)."""
    rendered = text if not isinstance(text, str) else console.render_str(text, highlight=False)
    joined = "".join(s.text for s in console.render(rendered, options.update(justify=justify)))
    return joined.split("\n")[:-1] if joined.endswith("\n") else joined.split("\n")


def _cell_lines(console: Any, renderable: Any, width: int, column: Any, options: Any) -> list[str]:
    """A cell's lines at its column's width (padding included), as rich's table renders them."""
    left = right = 0
    inner = renderable
    if isinstance(renderable, Padding) and not renderable.top and not renderable.bottom and renderable.expand:
        left, right, inner = renderable.left, renderable.right, renderable.renderable
    if isinstance(inner, str):
        inner = console.render_str(inner, highlight=False, markup=options.markup)
    lines = None
    if isinstance(inner, Text) and not column.no_wrap and width - left - right > 0:
        lines = text_lines(console, inner, width - left - right, justify=column.justify, overflow=column.overflow)
    elif type(inner) is Table and width - left - right > 0:  # a table in a cell: as wide as the cell
        inner_width = width - left - right
        lines = table_lines(console, inner, options.update(width=inner_width, justify=column.justify,
                                                           no_wrap=column.no_wrap, overflow=column.overflow,
                                                           height=None, highlight=column.highlight))
        cells = None if lines is None else [cell_len(line) for line in lines]
        lines = None if lines is None or max(cells or [0]) > inner_width else \
            [line + " " * (inner_width - n) for line, n in zip(lines, cells or [], strict=True)]  # else rich crops
    if lines is None:
        cell_options = options.update(width=width, justify=column.justify, no_wrap=column.no_wrap,
                                      overflow=column.overflow, height=None, highlight=column.highlight)
        return ["".join(s.text for s in line) for line in console.render_lines(renderable, cell_options, pad=True)]
    return [" " * left + line + " " * right for line in lines]


def _direct(table: Table) -> bool:
    top, _, bottom, _ = table.padding
    return bool(table.columns) and not (table.show_footer or table.show_lines or table.leading or top or bottom
                                        or any(row.end_section or row.style for row in table.rows)
                                        or table.row_styles)


def table_lines(console: Any, table: Table, options: Any) -> list[str] | None:
    """The lines rich prints for ``table`` (each as wide as the table), without styles; None for
    a table this does not lay out."""
    if not _direct(table):
        return None
    max_width = options.max_width if table.width is None else table.width
    extra = table._extra_width
    widths = table._calculate_column_widths(console, options.update_width(max_width - extra))
    table_width = sum(widths) + extra
    render_options = options.update(width=table_width, highlight=table.highlight, height=None)
    out: list[str] = []
    if table.title:
        out += _annotation(console, table.title, render_options, table.title_justify)
    columns = table.columns
    rows = list(zip(*(table._get_cells(console, i, c) for i, c in enumerate(columns)), strict=True))
    box = table.box.substitute(render_options, safe=console.safe_box if table.safe_box is None else table.safe_box) \
        if table.box else None
    if box and not table.show_header:
        box = box.get_plain_headed_box()
    edge = table.show_edge
    if box and edge:
        out.append(box.get_top(widths))
    for index, row in enumerate(rows):
        first, last = index == 0, index == len(rows) - 1
        header = first and table.show_header
        cells = [_cell_lines(console, cell.renderable, width, column, render_options)
                 for width, cell, column in zip(widths, row, columns, strict=True)]
        height = max(len(lines) for lines in cells)
        for k, (width, cell) in enumerate(zip(widths, row, strict=True)):
            lines, missing = cells[k], height - len(cells[k])
            if missing:
                blank = [" " * width]
                vertical = "bottom" if header else cell.vertical
                above = missing if vertical == "bottom" else missing // 2 if vertical == "middle" else 0
                cells[k] = blank * above + lines + blank * (missing - above)
        if box:
            left, right, divider = ((box.head_left, box.head_right, box.head_vertical) if first else
                                    (box.foot_left, box.foot_right, box.foot_vertical) if last else
                                    (box.mid_left, box.mid_right, box.mid_vertical))
            for line_no in range(height):
                body = divider.join(lines[line_no] for lines in cells)
                out.append(f"{left}{body}{right}" if edge else body)
        else:
            out += ["".join(lines[line_no] for lines in cells) for line_no in range(height)]
        if box and header:
            out.append(box.get_row(widths, "head", edge=edge))
    if box and edge:
        out.append(box.get_bottom(widths))
    if table.caption:
        out += _annotation(console, table.caption, render_options, table.caption_justify)
    return out


class PlainGroup(Group):
    """A ``Group`` whose tables lay out their lines directly on a console that shows no styles."""

    def __rich_console__(self, console: Any, options: Any) -> Any:
        if not shows_no_style(console):
            yield from super().__rich_console__(console, options)
            return
        for part in self.renderables:
            lines = table_lines(console, part, options) if type(part) is Table else None
            if lines is None:
                yield from console.render(part, options)
            else:
                yield Segment("\n".join(lines) + "\n")
