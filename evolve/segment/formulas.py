"""The formulas of a report: salutations, the opening sentence, thanks, date-and-speaker lines and
the closing call (``data/formulas.toml``).

They are said at the same place every year whatever the policy, so a paragraph that is one of them
is a provision of kind ``formula``: aligned only with other formulas, left out of inheritance
shares and lineage chains. ``formula_reason`` is the one test every stage uses.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .. import pattern_cache
from ..dataclass_code import dataclass
from ..lazy_pattern import lazy
from ..shipped import data_toml

#: Provision kind of a formula paragraph.
FORMULA = "formula"


@dataclass(frozen=True)
class _Rule:
    reason: str
    patterns: tuple[re.Pattern[str], ...]
    max_chars: int
    whole: bool
    cues: tuple[str, ...]  #: the patterns are tried only on text holding one of these


@lru_cache(maxsize=1)
def _rules() -> tuple[_Rule, ...]:
    data = data_toml("formulas.toml")
    return tuple(_Rule(reason, tuple(pattern_cache.compile(p) for p in spec["patterns"]), int(spec["max_chars"]),
                       bool(spec.get("whole", False)), tuple(spec.get("cues", ())))
                 for reason, spec in data.items())


@lru_cache(maxsize=1)
def _by_reason() -> dict[str, _Rule]:
    return {rule.reason: rule for rule in _rules()}


@lru_cache(maxsize=1)
def _longest() -> int:
    return max(rule.max_chars for rule in _rules())


def formula_reason(text: str) -> str | None:
    """Which formula a paragraph is ("salutation", "opening", "thanks", "date_speaker",
    "closing_call"), or None for any other text. Full-width punctuation is read as normalised
    text writes it (``各位代表!``), so raw text works too."""
    if len(text) > 2 * _longest():
        return None
    s = _half(text.strip())
    if not s or len(s) > _longest():
        return None
    return next((rule.reason for rule in _rules() if _matches(rule, s)), None)


def is_formula(text: str, reason: str) -> bool:
    """Whether a paragraph is the formula ``reason`` (one rule of ``formula_reason``, tried alone:
    a paragraph longer than the rule allows is turned away before anything else)."""
    rule = _by_reason()[reason]
    s = text.strip()
    return 0 < len(s) <= rule.max_chars and _matches(rule, _half(s))  # _half keeps the length


def _matches(rule: _Rule, s: str) -> bool:
    if len(s) > rule.max_chars or (rule.cues and not any(c in s for c in rule.cues)):
        return False
    return any(pat.fullmatch(s) if rule.whole else pat.search(s) for pat in rule.patterns)


def starts_with_salutation(line: str) -> bool:
    """Whether a line opens with a salutation ("各位代表!" alone, or "各位代表!让我们……"): in a
    report it turns to the audience and ends the numbered part before it."""
    s = _half(line.strip()[:40])
    return _SALUTATION_START.match(s) is not None


_HALF = (("！", "!"), ("：", ":"), ("，", ","), ("；", ";"), ("？", "?"), ("（", "("), ("）", ")"), ("\u3000", " "))


def _half(s: str) -> str:
    """Full-width punctuation as normalised text writes it (str.replace: far faster than
    str.translate with a table, which showed at 1,000 reports)."""
    for full, half in _HALF:
        if full in s:
            s = s.replace(full, half)
    return s
_SALUTATION_START = lazy(
    r"^(各位(人大)?代表|各位委员|代表们|同志们)([,、]\s*(各位代表|各位委员|同志们))*\s*[!:,]")

__all__ = ["FORMULA", "formula_reason", "is_formula", "starts_with_salutation"]
