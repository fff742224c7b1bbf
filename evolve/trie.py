"""A list of words as a trie: a regular expression that tries each branch once
(``数位(?:化|转型)?``), not every word at every position as an alternation of the words does; and
the same words found by walking the trie itself (``longest_words``), where the caller loops anyway."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any, TypeVar

T = TypeVar("T")


def trie_pattern(words: Iterable[str]) -> str:
    """A regular expression matching any of ``words``, the longest at each position first."""
    trie: dict[str, dict] = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict[str, dict]) -> str:
        end = "" in node
        branches = [re.escape(ch) + emit(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if end:
            return "(?:" + body + ")?"
        return body

    return emit(trie)


#: The key under which a trie node keeps the value of the word ending there (no character is "").
_END = ""


def word_trie(words: Mapping[str, T]) -> dict[str, Any]:
    """A trie of ``words`` (character -> child node) for ``longest_words``; values must not be None."""
    root: dict[str, Any] = {}
    for w, value in words.items():
        if not w:
            continue
        node = root
        for ch in w:
            node = node.setdefault(ch, {})
        node[_END] = value
    return root


def longest_words(trie: dict[str, Any], text: str) -> list[tuple[int, Any]]:
    """(start, value) of the words of ``trie`` in ``text``, left to right without overlap, the
    longest at each position: what ``re.finditer(trie_pattern(words), text)`` finds, in a loop
    of dictionary look-ups that runs about twice as fast as the regular expression (which tries
    the pattern afresh at each of the many positions where a word could begin)."""
    out: list[tuple[int, Any]] = []
    n = len(text)
    get = trie.get
    i = 0
    while i < n:
        node = get(text[i])
        if node is None:
            i += 1
            continue
        value = node.get(_END)
        j = i + 1
        end = j
        while j < n:
            node = node.get(text[j])
            if node is None:
                break
            j += 1
            if _END in node:
                value = node[_END]
                end = j
        if value is None:
            i += 1
        else:
            out.append((i, value))
            i = end
    return out
