"""Web pages saved as .html/.htm: markup to text lines (``evolve.normalize.html``)."""

from __future__ import annotations

from ..load import decode
from ..normalize.html import page_to_text
from ..records import ReadText


def read_html(data: bytes, *, name: str = "input") -> ReadText:
    """Decode a page and take its text: scripts, styles and head dropped, blocks become lines.

    The count is reported under the same ``html`` rule as a page found inside a .txt file.
    """
    text, encoding = decode(data, name=name)
    body, tags = page_to_text(text)
    return ReadText(text=body, reader="html", encoding=encoding, counts={"html": tags} if tags else {})
