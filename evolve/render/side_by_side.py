"""Old | new clauses in two columns of equal share: a rich ``Table`` that lays itself out directly.

``compare`` prints hundreds of such rows. rich's table renders every cell through a ``Padding``
inside ``render_lines`` inside ``render_lines``, which cost the command more than the alignment
itself. This table, in the one layout it is used with (no box, no edge padding, two ratio
columns, wrapped text, no row styles or title), wraps each cell once and joins the lines itself;
any other layout goes to rich. The output is rich's, segment for segment (tests/test_fast_paths.py
compares them on real clause pairs, in plain text and in colour).
"""

from __future__ import annotations

from typing import Any

from rich.segment import Segment
from rich.table import Table
from rich.text import Text


class SideBySide(Table):
    """A table whose columns all share its width by ratio (old | new)."""

    def _calculate_column_widths(self, console: Any, options: Any) -> list[int]:
        # ratio columns take their share whatever they hold: their widths are worked out
        # without measuring every cell (the same widths; any other case is left to rich)
        from rich._ratio import ratio_distribute

        columns = self.columns
        if not (self.expand and columns and all(c.ratio for c in columns)):
            return super()._calculate_column_widths(console, options)
        widths = ratio_distribute(options.max_width, [c.ratio or 0 for c in columns],
                                  [(c.width or 1) + self._get_padding_width(c._index) for c in columns])
        if sum(widths) != options.max_width:
            return super()._calculate_column_widths(console, options)
        return widths

    def _direct(self) -> bool:
        """Whether this table has the layout the direct rendering knows."""
        top, right, bottom, left = self.padding
        return (self.box is None and not self.pad_edge and not self.collapse_padding and top == bottom == 0
                and self.expand and self.width is None and not self.title and not self.caption
                and not self.show_footer and not self.row_styles and not self.leading and not self.show_lines
                and len(self.columns) == 2 and all(c.ratio and not c.no_wrap and not c.style and c.vertical == "top"
                                                   and c.justify == "left" and not c.header_style
                                                   for c in self.columns)
                and not any(r.style or r.end_section for r in self.rows)
                and left == right and (self.style or "none") == "none")

    def plain_lines(self, console: Any, options: Any) -> list[str] | None:
        """The lines (padded to the width) rich prints for this table on a console that shows no
        styles; None when its layout is not the direct one."""
        from .plain_layout import text_lines

        if not self._direct():
            return None
        widths = self._calculate_column_widths(console, options.update_width(options.max_width))
        gap = " " * self.padding[1]
        rows: list[tuple[bool, list[Any]]] = []
        if self.show_header:
            rows.append((True, [c.header for c in self.columns]))
        cells = [c._cells for c in self.columns]
        rows += [(False, [column[i] for column in cells]) for i in range(len(self.rows))]
        out: list[str] = []
        for header, row in rows:
            rendered = []
            for k, (width, cell) in enumerate(zip(widths, row, strict=True)):
                inner = width - len(gap)
                text = console.render_str(cell, highlight=False) if isinstance(cell, str) else cell
                lines = text_lines(console, text, inner, justify="left", overflow=self.columns[k].overflow) \
                    if isinstance(text, Text) else None
                if lines is None:
                    return None
                rendered.append([line + gap if k == 0 else gap + line for line in lines])
            height = max(len(lines) for lines in rendered)
            for k, lines in enumerate(rendered):
                if len(lines) < height:  # cells top-aligned, headers bottom-aligned
                    blanks = [" " * widths[k]] * (height - len(lines))
                    rendered[k] = blanks + lines if header else lines + blanks
            out += ["".join(parts) for parts in zip(*rendered, strict=True)]
        return out

    def __rich_console__(self, console: Any, options: Any) -> Any:
        if not self._direct():
            yield from super().__rich_console__(console, options)
            return
        widths = self._calculate_column_widths(console, options.update_width(options.max_width))
        gap = self.padding[1]
        header_style = console.get_style(self.header_style or "")
        rows: list[tuple[bool, Any, list[Any]]] = []
        if self.show_header:
            rows.append((True, header_style, [c.header for c in self.columns]))
        cells = [c._cells for c in self.columns]
        rows += [(False, None, [column[i] for column in cells]) for i in range(len(self.rows))]
        new_line = Segment.line()
        for header, style, row in rows:
            rendered = []
            for k, (width, cell) in enumerate(zip(widths, row, strict=True)):
                inner = width - gap
                renderable = console.render_str(cell, highlight=False) if isinstance(cell, str) else cell
                lines = console.render_lines(
                    renderable,
                    options.update(width=inner, justify="left", no_wrap=False, overflow=self.columns[k].overflow,
                                   height=None, highlight=self.highlight),
                    style=style, pad=True)
                pad = Segment(" " * gap, style)
                rendered.append([[*line, pad] if k == 0 else [pad, *line] for line in lines])
            height = max(len(lines) for lines in rendered)
            for k, lines in enumerate(rendered):
                if len(lines) < height:  # cells top-aligned, headers bottom-aligned
                    blanks = [[Segment(" " * widths[k], style)]] * (height - len(lines))
                    rendered[k] = blanks + lines if header else lines + blanks
            for line_no in range(height):
                for lines in rendered:
                    yield from lines[line_no]
                yield new_line
