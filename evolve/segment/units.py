"""The units a reader cites: an item's paragraphs, each with its topic sentence, and the pieces
of a paragraph too long to be read as one."""

from __future__ import annotations

import math
import re
from dataclasses import field

from ..dataclass_code import dataclass
from .agencies import Attribution, extract_agencies
from .clauses import split_clauses
from .titles import topic_sentence

#: No unit is longer than this many characters (heading included): a longer paragraph is cut
#: at sentence ends into pieces of about equal length.
MAX_UNIT = 1500
#: How the readers join the cells of a table row.
TABLE_ROW = " | "


@dataclass
class Unit:
    """One paragraph (or piece of one) of an item, heading or preamble, before it gets an id."""

    heading: str
    text: str  #: without heading and attributions
    paragraph: int  #: from 1
    piece: int = 0  #: 0 for a whole paragraph, else 1, 2, …
    attribution: Attribution = field(default_factory=Attribution)


def paragraph_units(paragraphs: list[str], *, topics: bool = True, title: str = "") -> list[Unit]:
    """One unit per paragraph, its topic sentence as heading; attribution lines apply to all.

    ``title`` (an item's own inline title) heads the first unit instead of a topic sentence.

    A paragraph that is nothing but an attribution ("(牵头单位:市经信委)" on a line of its own)
    names who acts for the whole item, so every paragraph of the item carries it.
    """
    units: list[Unit] = []
    shared = Attribution()
    for para in _tables_together(paragraphs):
        clean, att = extract_agencies(para)
        if not clean and (att.lead or att.responsible or att.guide):
            shared.extend(att)
            continue
        heading, body = topic_sentence(clean) if topics and not (title and not units) else ("", clean)
        units.append(Unit(heading, body, len(units) + 1, attribution=att))
    if not units and (paragraphs or title):
        units.append(Unit("", "", 1))  # an item that is only a title, or only its attribution
    if title:
        units[0].heading = title
    for u in units:
        u.attribution.extend(shared)
    return [piece for u in units for piece in split_long(u)]


def _tables_together(paragraphs: list[str]) -> list[str]:
    """A table (rows as the DOCX and Markdown readers write them, "a | b | c") is one paragraph."""
    out: list[str] = []
    for para in paragraphs:
        if out and TABLE_ROW in para and TABLE_ROW in out[-1].rsplit("\n", 1)[-1]:
            out[-1] += "\n" + para
        else:
            out.append(para)
    return out


def split_long(unit: Unit, limit: int = MAX_UNIT) -> list[Unit]:
    """Cut a unit longer than ``limit`` at sentence ends into pieces of about equal length."""
    head = len(unit.heading) + 1 if unit.heading else 0
    if head + len(unit.text) <= limit:
        return [unit]
    sentences = _sentences(unit.text, limit - head)
    n = math.ceil((head + len(unit.text)) / limit)
    target = (head + len(unit.text)) / n
    pieces: list[str] = []
    current = ""
    room = limit - head
    for s in sentences:
        if current and (len(current) + len(s) > room or len(current) >= target):
            pieces.append(current)
            current, room = "", limit
        current += s
    if current:
        pieces.append(current)
    return [
        Unit(unit.heading if k == 0 else "", text, unit.paragraph, k + 1, unit.attribution)
        for k, text in enumerate(pieces)
    ]


def _sentences(text: str, limit: int) -> list[str]:
    """Sentences with their end marks; one longer than ``limit`` is cut at commas, then hard."""
    out: list[str] = []
    for s in split_clauses(text):
        if len(s) <= limit:
            out.append(s)
            continue
        for chunk in re.findall(r"[^,、]*[,、]?", s):
            while len(chunk) > limit:
                out.append(chunk[:limit])
                chunk = chunk[limit:]
            if chunk:
                out.append(chunk)
    return out


def clauses_of(unit: Unit) -> tuple[str, ...]:
    """A unit's sentences; a unit that is only a heading is its one clause."""
    if unit.text:
        return tuple(split_clauses(unit.text))
    return (unit.heading,) if unit.heading else ()
