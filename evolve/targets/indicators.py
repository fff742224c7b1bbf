"""Canonical indicators (``evolve/data/indicators.toml``): 经济增长速度 and 国内生产总值增长 are
one indicator, so that a table follows it through the years."""

from __future__ import annotations

import re
from functools import lru_cache

from .. import pattern_cache
from ..shipped import data_toml


@lru_cache(maxsize=1)
def indicators() -> tuple[tuple[str, str, tuple[re.Pattern[str], ...]], ...]:
    """(key, label, patterns) of every canonical indicator, in file order."""
    data = data_toml("indicators.toml")
    return tuple((entry.get("key", key), entry["label"], tuple(pattern_cache.compile(p) for p in entry["patterns"]))
                 for key, entry in data.items())


@lru_cache(maxsize=8192)
def canonical(indicator: str) -> tuple[str, str] | None:
    """(key, label) of the canonical indicator ``indicator`` names, or None."""
    for key, label, patterns in indicators():
        if any(p.search(indicator) for p in patterns):
            return key, label
    return None


def label(key: str) -> str:
    for k, lab, _ in indicators():
        if k == key:
            return lab
    raise KeyError(key)
