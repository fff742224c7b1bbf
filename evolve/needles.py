"""The literal strings a regular expression cannot match without: a cheap test that turns most
texts away before the expression runs.

``needles(re.compile(r"给予[^。；]{0,30}?(?:奖励|补助)"))`` is ``(("给予",), ("奖励", "补助"))``: every
match holds 给予 and one of 奖励, 补助, so a text lacking either has no match and the expression
need not be run on it. ``str.__contains__`` is many times faster than starting a regular
expression, and most cues of a codebook are absent from most sentences.

The strings are read from the expression's parse tree (Python's own parser, ``re._parser``):
literal runs, small character sets, groups, repeats of at least one and alternations whose every
branch requires something. Anything else (classes such as ``\\d``, negated sets, lookarounds,
backreferences, case-insensitive parts) requires nothing, so the test is only ever too lenient,
never too strict; a pattern the analysis does not understand gets no test at all.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

#: Every group must have one of its strings in the text (empty: nothing is known).
Needles = tuple[tuple[str, ...], ...]

#: A character set of more characters than this, or an alternation of more strings, is no test.
_MAX_ALTERNATIVES = 16
#: At most this many groups are kept (the most selective: fewest strings, longest).
_MAX_GROUPS = 3


def needles(pattern: re.Pattern[str]) -> Needles:
    """The groups of strings every match of ``pattern`` contains one of (see the module)."""
    if not isinstance(pattern.pattern, str) or pattern.flags & re.IGNORECASE:
        return ()
    try:
        from re import _constants as c
        from re import _parser

        tree = _parser.parse(pattern.pattern, pattern.flags)
        if tree.state.flags & re.IGNORECASE:
            return ()
        groups = _sequence(_data(tree), c)
    except Exception:  # a parser this module does not know: no test, never a wrong one
        return ()
    kept = sorted(set(groups), key=lambda g: (len(g), -min(map(len, g)), g))
    return tuple(kept[:_MAX_GROUPS])


def may_match(groups: Needles, text: str) -> bool:
    """False when ``text`` lacks every string of some group (the pattern cannot match it)."""
    for group in groups:
        for s in group:
            if s in text:
                break
        else:
            return False
    return True


class PatternSet:
    """Patterns screened together: which of them may match a text, found with one pass over the
    strings of their most selective groups instead of one test (or one search) per pattern."""

    def __init__(self, patterns: Sequence[re.Pattern[str]]) -> None:
        self.patterns = tuple(patterns)
        self._always = 0  #: patterns with nothing to test (bit i: pattern i): always candidates
        owners: dict[str, int] = {}  #: a string of a pattern's first group -> the patterns' bits
        self._rest: list[Needles] = []  #: each pattern's other groups, tested on the candidates
        for i, p in enumerate(self.patterns):
            groups = needles(p)
            self._rest.append(groups[1:])
            if not groups:
                self._always |= 1 << i
            for s in groups[0] if groups else ():
                owners[s] = owners.get(s, 0) | 1 << i
        self._tests = tuple(owners.items())

    def candidates(self, text: str) -> list[int]:
        """The indices of the patterns that may match ``text``, in order."""
        mask = self._always
        for s, bits in self._tests:
            if s in text:
                mask |= bits
        out: list[int] = []
        while mask:
            low = mask & -mask
            mask ^= low
            i = low.bit_length() - 1
            rest = self._rest[i]
            if not rest or may_match(rest, text):
                out.append(i)
        return out


def _minimal(strings: set[str]) -> tuple[str, ...]:
    """The strings without those containing another (a text holding 主管部门 holds 部门)."""
    return tuple(sorted(s for s in strings if not any(t != s and t in s for t in strings)))


def _sequence(items: list[tuple[Any, Any]], c: Any) -> list[tuple[str, ...]]:
    """The groups a sequence of parsed items requires (all of them: a conjunction)."""
    out: list[tuple[str, ...]] = []
    run: list[str] = []
    for op, av in items:
        if op is c.LITERAL:
            run.append(chr(av))
            continue
        if run:
            out.append(("".join(run),))
            run = []
        out.extend(_item(op, av, c))
    if run:
        out.append(("".join(run),))
    return out


def _item(op: Any, av: Any, c: Any) -> list[tuple[str, ...]]:
    if op is c.IN:
        chars: set[str] = set()
        for kind, value in av:
            if kind is c.LITERAL:
                chars.add(chr(value))
            elif kind is c.RANGE and value[1] - value[0] < _MAX_ALTERNATIVES:
                chars.update(chr(x) for x in range(value[0], value[1] + 1))
            else:  # NEGATE, CATEGORY, a wide range
                return []
        return [tuple(sorted(chars))] if 0 < len(chars) <= _MAX_ALTERNATIVES else []
    if op is c.SUBPATTERN:
        _group, add_flags, _del_flags, inner = av
        if add_flags & re.IGNORECASE:
            return []
        return _sequence(_data(inner), c)
    if op is c.ATOMIC_GROUP:
        return _sequence(_data(av), c)
    if op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
        low, _high, inner = av
        return _sequence(_data(inner), c) if low >= 1 else []
    if op is c.BRANCH:
        union: set[str] = set()
        for alt in av[1]:
            groups = _sequence(_data(alt), c)
            if not groups:
                return []
            union.update(min(groups, key=lambda g: (len(g), -min(map(len, g)))))
        strings = _minimal(union)
        return [strings] if len(strings) <= _MAX_ALTERNATIVES else []
    return []  # anchors, lookarounds, ANY, NOT_LITERAL, CATEGORY, group references …


def _data(sub: Any) -> list[tuple[Any, Any]]:
    """The items of a parsed subpattern (``re._parser.SubPattern``)."""
    return list(getattr(sub, "data", sub))
