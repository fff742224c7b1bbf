"""Counting the Han characters (CJK Unified Ideographs, U+4E00–U+9FFF) of a text."""

from __future__ import annotations

from .lazy_pattern import lazy

_NOT_HAN = lazy(r"[^\u4e00-\u9fff]+")


def count_han(text: str) -> int:
    """How many characters of ``text`` are Han (the scan runs in the regular-expression engine,
    not character by character in Python)."""
    return len(_NOT_HAN.sub("", text))
