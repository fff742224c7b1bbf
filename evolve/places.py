"""The gazetteer of province- and prefecture-level divisions (data/places.tsv)."""

from __future__ import annotations

import re
from functools import lru_cache

from . import pattern_cache
from .dataclass_code import dataclass
from .shipped import data_text


@dataclass(frozen=True)
class Place:
    name: str  #: full name, e.g. "咸宁市"
    short: str  #: e.g. "咸宁"
    province: str  #: e.g. "湖北省"
    level: str  #: province | municipality | sub-provincial | prefecture


@lru_cache(maxsize=1)
def gazetteer() -> tuple[Place, ...]:
    rows = data_text("places.tsv").splitlines()
    return tuple(Place(*line.split("\t")[:4]) for line in rows[1:] if line.strip())


@lru_cache(maxsize=1)
def _pattern() -> re.Pattern[str]:
    names = {p.name for p in gazetteer()} | {p.short for p in gazetteer() if len(p.short) >= 2}
    # longest first (ties in a fixed order, so the pattern is the same from run to run)
    return pattern_cache.compile("|".join(map(re.escape, sorted(names, key=lambda n: (-len(n), n)))))


def lookup(name: str) -> Place | None:
    """The place with this full or short name; a prefecture wins over a province of one name."""
    hits = [p for p in gazetteer() if name in (p.name, p.short)]
    if not hits:
        return None
    exact = [p for p in hits if p.name == name]
    return (exact or hits)[0]


def find_places(text: str) -> list[Place]:
    """Places named in ``text``, in order of appearance (full or short names)."""
    out = []
    for m in _pattern().finditer(text):
        place = lookup(m.group(0))
        if place is not None:
            out.append(place)
    return out
