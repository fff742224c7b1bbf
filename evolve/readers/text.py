"""Plain text files, in whatever encoding they arrived (``evolve.load.decode``)."""

from __future__ import annotations

from ..load import decode
from ..records import ReadText


def read_plain(data: bytes, *, name: str = "input") -> ReadText:
    """Decode a text file; its markup, if it is a saved web page, is left to normalisation."""
    text, encoding = decode(data, name=name)
    return ReadText(text=text, reader="text", encoding=encoding)
