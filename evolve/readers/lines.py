"""Joining the lines of one paragraph back together, the way a reader of Chinese expects."""

from __future__ import annotations


def join(a: str, b: str) -> str:
    """Join two lines of one paragraph: no space between Chinese characters or within a number,
    one after a Latin word, and a word hyphenated at the line's end loses its hyphen."""
    a, b = a.rstrip(), b.lstrip()
    if not a or not b:
        return a + b
    if len(a) >= 2 and a[-1] == "-" and a[-2].isalpha() and a[-2].isascii() and b[0].islower():
        return a[:-1] + b
    # Latin words wrap at spaces; a number cut at a line's end is one number
    latin = a[-1].isascii() and a[-1].isalnum() and b[0].isascii() and b[0].isalnum()
    if latin and not (a[-1].isdigit() and b[0].isdigit()):
        return f"{a} {b}"
    return a + b
