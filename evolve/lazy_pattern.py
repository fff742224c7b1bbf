"""Regular expressions compiled when first used, not when their module is imported.

evolve defines some 300 patterns at module level and a command meets only some of them (a plan
in plain text never reaches the web-page, PDF or work-report patterns); compiling them all cost
every command about a tenth of a second at start. ``lazy(...)`` stands in for ``re.compile(...)``:
``pattern`` and ``flags`` are there at once (other patterns are built from them), the first
method call compiles (through ``pattern_cache``, which keeps compiled programs between runs), and
later calls go straight to the compiled pattern's methods.
"""

from __future__ import annotations

import re
from typing import Any, cast

from . import pattern_cache

_METHODS = ("search", "match", "fullmatch", "sub", "subn", "split", "findall", "finditer", "scanner")


class _LazyPattern:
    __slots__ = ("pattern", "flags", "_compiled", *_METHODS)

    def __init__(self, pattern: str, flags: int) -> None:
        self.pattern = pattern
        self.flags = flags
        self._compiled: re.Pattern[str] | None = None

    def __getattr__(self, name: str) -> Any:
        compiled = self._compiled
        if compiled is None:
            compiled = self._compiled = pattern_cache.compile(self.pattern, self.flags)
            for method in _METHODS:
                setattr(self, method, getattr(compiled, method))
        return getattr(compiled, name)

    def __repr__(self) -> str:
        return f"lazy({self.pattern!r}, {self.flags!r})"


def lazy(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile(pattern, flags)``, compiled on first use (typed as the compiled pattern)."""
    return cast("re.Pattern[str]", _LazyPattern(pattern, flags))
