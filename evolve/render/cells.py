"""Table cells and columns for the terminal views: data shown as written, wrapped, never cut.

Document text and metadata are data: a plan can hold ``[/url]`` (which rich reads as a closing
tag and refuses), ``[pdf]`` (which rich would swallow as a style) or ``:smile:`` (an emoji code).
Every such value goes into a view as a ``Text`` (``lit``), which rich never parses.

Columns that hold ids, titles or numbers fold onto a second line when the terminal is narrow
instead of ending in "…": a cut id cannot be looked up and a cut G² cannot be read.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text

#: Column settings: ``table.add_column("id", **ID)``.
ID: dict[str, Any] = {"overflow": "fold"}  #: ids, file names, paths: folded, never cut
TEXT: dict[str, Any] = {"overflow": "fold"}  #: titles and passages: wrapped, then folded
NUM: dict[str, Any] = {"justify": "right", "overflow": "fold"}  #: never narrower than its longest number


def lit(value: Any, style: str = "") -> Text:
    """A value from a document (text, id, title, place …) as a cell shown exactly as written:
    no markup, no emoji codes; None is an empty cell."""
    return Text("" if value is None else str(value), style=style)
