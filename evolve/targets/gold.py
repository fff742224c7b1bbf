"""Scoring target extraction against hand-made gold lists (``tests/gold/``).

Two lists: every quantitative commitment of the seed plans (doc, value, unit and a word of the
indicator), scored by precision and recall; and the main expected targets of work reports by year
(GDP growth, consumer prices, new urban jobs; a year without a row for an indicator sets none),
scored per year: a year is right when every main target is found as this year's target with the
right value, range and unit, and no other value is taken for one.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from pathlib import Path

from ..dataclass_code import dataclass
from ..records import Target
from .series import MAIN_KEYS


@dataclass(frozen=True)
class GoldTarget:
    doc: str
    value: float
    value_max: float | None
    unit: str
    indicator: str  #: a word the extracted indicator (or phrase) must contain
    kind: str = "target"  #: target | outcome


def _num(text: str) -> float | None:
    return float(text) if text.strip() else None


def read_seed_gold(path: str | Path) -> list[GoldTarget]:
    with open(path, encoding="utf-8") as f:
        return [GoldTarget(r["doc"], float(r["value"]), _num(r["value_max"]), r["unit"], r["indicator"],
                           r.get("kind") or "target") for r in csv.DictReader(f)]


def _same(t: Target, g: GoldTarget) -> bool:
    return (t.doc == g.doc and t.value == g.value and t.value_max == g.value_max and t.unit == g.unit
            and (g.indicator in t.indicator or g.indicator in t.phrase or g.indicator in t.text))


@dataclass(frozen=True)
class SeedScore:
    precision: float
    recall: float
    found: int  #: extracted targets
    gold: int
    matched: int
    missed: tuple[GoldTarget, ...]
    spurious: tuple[Target, ...]
    outcomes: int  #: gold targets found but called outcomes
    wrong_kind: int = 0  #: matched figures whose kind (target / outcome) differs from the gold's


def score_seed_targets(targets: Sequence[Target], gold: Sequence[GoldTarget]) -> SeedScore:
    """Precision and recall of ``targets`` against ``gold`` (each gold item matched once)."""
    used: set[int] = set()
    missed: list[GoldTarget] = []
    outcomes = wrong_kind = 0
    for g in gold:
        hit = next((i for i, t in enumerate(targets) if i not in used and _same(t, g)), None)
        if hit is None:
            missed.append(g)
        else:
            used.add(hit)
            outcomes += g.kind == "target" and targets[hit].kind != "target"
            wrong_kind += targets[hit].kind != g.kind
    spurious = tuple(t for i, t in enumerate(targets) if i not in used)
    matched = len(used)
    return SeedScore(matched / len(targets) if targets else 0.0, matched / len(gold) if gold else 0.0,
                     len(targets), len(gold), matched, tuple(missed), spurious, outcomes, wrong_kind)


def read_year_gold(path: str | Path) -> dict[int, dict[str, tuple[float, float | None, str]]]:
    out: dict[int, dict[str, tuple[float, float | None, str]]] = {}
    with open(path, encoding="utf-8") as f:
        for r in csv.DictReader(f):
            out.setdefault(int(r["year"]), {})[r["key"]] = (float(r["value"]), _num(r["value_max"]), r["unit"])
    return out


def year_errors(targets: Iterable[Target], year: int,
                gold: dict[str, tuple[float, float | None, str]]) -> list[str]:
    """What is wrong with one year's main targets (empty: all right)."""
    found: dict[str, set[tuple[float, float | None, str]]] = {}
    for t in targets:
        if t.kind == "target" and t.key in MAIN_KEYS and t.target_year in (None, year):
            found.setdefault(t.key, set()).add((t.value, t.value_max, t.unit))
    errors = []
    for key in MAIN_KEYS:
        want = gold.get(key)
        got = found.get(key, set())
        if want is None and got:
            errors.append(f"{key}: none set, found {sorted(got, key=str)}")
        elif want is not None and got != {want}:
            errors.append(f"{key}: want {want}, found {sorted(got, key=str) or 'nothing'}")
    return errors


@dataclass(frozen=True)
class ReportGold:
    """One report's target for one indicator, written by hand (``tests/gold/*_targets.csv``):
    ``value`` None when the report sets none; ``stretch`` the 力争 figure beside the base one."""

    doc: str
    year: int  #: the report's year (its targets are this year's)
    key: str
    value: float | None
    value_max: float | None
    unit: str
    qualifier: str
    stretch: float | None
    quote: str


def read_report_gold(path: str | Path) -> list[ReportGold]:
    with open(path, encoding="utf-8") as f:
        return [ReportGold(r["doc"], int(r["year"]), r["key"], _num(r["value"]), _num(r["value_max"]), r["unit"],
                           r["qualifier"], _num(r["stretch"]), r["quote"]) for r in csv.DictReader(f)]


def report_error(targets: Iterable[Target], gold: ReportGold) -> str:
    """What is wrong with one report's target for one indicator ("" when it is right): this
    year's base target must be found once, as a target of ``year`` with the gold value, range and
    unit, and no other value taken for it (a 力争 figure beside it is checked on its own)."""
    mine = [t for t in targets if t.key == gold.key and t.kind == "target" and t.target_year == gold.year]
    base = {(t.value, t.value_max, t.unit) for t in mine if not t.stretch}
    stretch = {t.value for t in mine if t.stretch}
    if gold.value is None:
        return f"{gold.key}: none set, found {sorted(base, key=str)}" if base else ""
    want = (gold.value, gold.value_max, gold.unit)
    if base != {want}:
        return f"{gold.key}: want {want}, found {sorted(base, key=str) or 'nothing'}"
    if gold.stretch is not None and gold.stretch not in stretch:
        return f"{gold.key}: stretch {gold.stretch:g} not found ({sorted(stretch)})"
    return ""
