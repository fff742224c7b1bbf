"""The lines rich prints for wrapped text and panels, laid out directly when no style can show.

Piped or ``--plain``, ``evolve compare`` prints hundreds of lines of clauses inside one panel per
correspondence. rich renders every one through a ``Panel``, a ``Padding``, a ``Group`` and the
renderable itself, each splitting, cropping and padding the lines of the one inside it: more CPU
than the alignment. When the console shows no styles (no colour system, not recording), a
``BodyPanel`` lays out each part once and frames the lines itself. Text whose characters are one
or two cells wide is wrapped on the string (``wrap_plain``: rich's ``divide_line``, ``rstrip_end``
and folding, with each character's cells from rich's own table); any other text goes to rich's
``Text.wrap``, and any other part, or a console that shows styles, to rich. The characters are
rich's (tests/test_fast_paths.py compares them on real plans at several widths, and the wrap
with hypothesis). Tables: ``plain_table``.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache
from itertools import accumulate
from typing import Any

from rich.cells import cell_len
from rich.console import Group
from rich.panel import Panel
from rich.segment import Segment
from rich.table import Table
from rich.text import Text

from .. import pattern_cache


@lru_cache(maxsize=1)
def _width_classes() -> tuple[Any, Any] | None:
    """Patterns of the characters rich counts two cells wide, and of those it gives no width or
    treats apart (zero-width, controls, tabs, joiners), from rich's own cell table; None when
    this rich keeps its table elsewhere."""
    try:
        from rich._unicode_data import load
    except ImportError:
        return None

    def char_class(ranges: list[tuple[int, int]]) -> str:
        return "[" + "".join(f"\\U{a:08x}-\\U{b:08x}" for a, b in ranges) + "]"

    widths = load("auto").widths
    wide = char_class([(a, b) for a, b, w in widths if w == 2])
    apart = char_class([(a, b) for a, b, w in widths if w == 0] + [(0, 0x1F), (0x7F, 0x9F), (0x200D, 0x200D),
                                                                    (0xFE0F, 0xFE0F)])
    return pattern_cache.compile(wide), pattern_cache.compile(apart)


def _cumulative_cells(line: str) -> list[int] | None:
    """Cells of ``line[:i]`` for every i, when each of its characters is one or two cells wide."""
    classes = _width_classes()
    if classes is None or classes[1].search(line):
        return None
    marks = _NOT_TWO.sub("\x01", classes[0].sub("\x02", line))
    return list(accumulate(marks.encode("latin-1"), initial=0))


_NOT_TWO = re.compile("[^\x02]")
_WORD = re.compile(r"\s*\S+\s*")  # rich's word: the text, and the spaces after it
_TRAILING_SPACE = re.compile(r"\s+$")


def _divide(line: str, cum: list[int], width: int, fold: bool) -> list[int] | None:
    """Where rich's ``divide_line`` breaks ``line`` (words longer than a line folded greedily, as
    ``chop_cells`` does with characters one or two cells wide); None if a character is wider
    than a line."""
    breaks: list[int] = []
    offset = 0  # cells on the current line
    for m in _WORD.finditer(line):
        start, end = m.span()
        length = cum[start + len(m.group().rstrip())] - cum[start]
        if width - offset >= length:
            offset += cum[end] - cum[start]
        elif length > width:
            if not fold:
                if start:
                    breaks.append(start)
                offset = cum[end] - cum[start]
                continue
            while True:  # the word's pieces, each as many characters as fit
                stop = bisect_right(cum, cum[start] + width, start, end + 1) - 1
                if stop <= start:
                    return None
                if start:
                    breaks.append(start)
                if stop >= end:
                    offset = cum[end] - cum[start]
                    break
                start = stop
        elif offset and start:
            breaks.append(start)
            offset = cum[end] - cum[start]
    return breaks


def wrap_plain(text: str, width: int, *, fold: bool = True) -> list[str] | None:
    """The lines of rich's ``Text.wrap`` (left or default justification) for a text whose
    characters are one or two cells wide, computed on the string; None for any other text, or
    where rich would crop a line (a run of spaces past the end, a word too long without folding)."""
    lines = _wrap_cells(text, width, fold)
    return None if lines is None else [line for line, _ in lines]


def _wrap_cells(text: str, width: int, fold: bool) -> list[tuple[str, int]] | None:
    """``wrap_plain``'s lines with the cells each takes."""
    if width < 2:
        return None
    out: list[tuple[str, int]] = []
    for line in text.split("\n"):
        cum = _cumulative_cells(line)
        if cum is None:
            return None
        breaks = _divide(line, cum, width, fold)
        if breaks is None:
            return None
        for start, end in zip([0, *breaks], [*breaks, len(line)], strict=True):
            if end - start > width:  # rich's rstrip_end: spaces beyond the width (in characters)
                space = _TRAILING_SPACE.search(line, start, end)
                if space is not None:
                    end -= min(space.end() - space.start(), end - start - width)
            cells = cum[end] - cum[start]
            if cells > width:
                return None
            out.append((line[start:end], cells))
    return out


def shows_no_style(console: Any) -> bool:
    """Whether nothing but the characters of what ``console`` prints reaches its output."""
    return console.color_system is None and not console.record


def _cells(line: str) -> int | None:
    """The cells of a line whose characters are one or two cells wide (None for any other)."""
    cum = _cumulative_cells(line)
    return None if cum is None else cum[-1]


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
    if text.no_wrap or text.end != "\n" or "\t" in plain or overflow not in ("fold", "ellipsis"):
        return None
    if justify in ("right", "center"):  # one line that fits: rich strips its end and pads it
        line = plain.rstrip()
        cells = _cells(line)
        if "\n" in plain or not line or cells is None or cells > width:
            return None
        left = width - cells if justify == "right" else (width - cells) // 2
        return [" " * left + line + " " * (width - cells - left)]
    if justify not in ("default", "left"):
        return None
    if plain and "\n" not in plain and len(plain) * 2 <= width:
        return [_padded(plain, width)]  # one line, whatever its characters: nothing to wrap
    lines = _wrap_cells(plain, width, overflow == "fold")
    if lines is None:
        return [_padded(line.plain, width) for line in text.wrap(console, width, justify=justify, overflow=overflow)]
    return [line + " " * (width - cells) for line, cells in lines]


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
