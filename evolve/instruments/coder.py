"""The rule coder: which instrument a sentence (clause, provision) uses, by the codebook's cues.

Each tool scores the weights of its cues found in the text; the best-scoring instrument decides
the family, any other tool scoring at least half as much (and the codebook's ``min_score``) is
kept beside it, so a provision that uses two instruments gets both. What is not an instrument
(reviews of results, procedure, headings, general statements) is "none": the "none" tools of the
codebook outscore the instruments, the provision's kind is listed in ``none_kinds``, or it sits
under a review heading (``review_sections``) and does not read as a task.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import field

from ..dataclass_code import dataclass
from .codebook import NONE, Codebook
from .matcher import Found, matcher_for

#: a second tool is kept when it scores at least this share of the best
SECOND = 0.5
#: at most this many tools per provision (the evidence is their words); a sentence keeps all
MAX_TOOLS = 3
#: the end of a sentence's first clause (its cues count ``lead_weight`` times)
_CLAUSE_END = re.compile(r"[，,；;。：:]")
#: added to the review score of a unit under a review heading (回顾, 过去五年 …)
SECTION_REVIEW = 3.0


@dataclass(frozen=True)
class Coding:
    """The instrument of one unit of text (a sentence, clause or provision)."""

    category: str  #: supply | environment | demand | none (the codebook's family keys)
    tool: str  #: the deciding tool (subtype), e.g. "talent"; a "none" tool for non-instruments
    categories: tuple[str, ...]  #: every family used, the deciding one first
    tools: tuple[str, ...]  #: every tool used, best first
    evidence: tuple[str, ...]  #: the words that decided, as they appear (the deciding tool's first)
    score: float  #: the deciding tool's score (sum of its cue weights)
    scores: dict[str, float] = field(default_factory=dict)  #: tool -> score, tools found only
    found: dict[str, tuple[str, ...]] = field(default_factory=dict)  #: tool -> its words found

    def to_dict(self) -> dict[str, object]:
        return {
            "category": self.category,
            "tool": self.tool,
            "categories": list(self.categories),
            "tools": list(self.tools),
            "evidence": list(self.evidence),
            "score": round(self.score, 3),
        }


def _scores(found: Sequence[Found], text: str, lead_weight: float) -> tuple[dict[str, float], dict[str, list[str]]]:
    """Each tool's summed weights (a cue in the leading clause counts ``lead_weight`` times) and
    its words in the order found."""
    scores: dict[str, float] = {}
    words: dict[str, list[str]] = {}
    if not found:
        return scores, words
    lo, hi = _lead_clause(text) if lead_weight != 1.0 else (0, 0)
    for start, (w, tool, weight) in found:
        if lo <= start < hi:
            weight = weight * lead_weight
        scores[tool] = scores.get(tool, 0.0) + weight
        got = words.get(tool)
        if got is None:
            words[tool] = [w]
        elif w not in got:
            got.append(w)
    return scores, words


def decide(
    scores: dict[str, float],
    words: dict[str, list[str]],
    codebook: Codebook,
    *,
    forced: str | None = None,
    max_tools: int | None = None,
    evidence: Sequence[str] = (),
) -> Coding:
    """A coding from tool scores (shared by the sentence coder and the provision roll-up)."""
    found = {k: v for k, v in scores.items() if v > 0}
    if forced is not None:
        return Coding(NONE, forced, (NONE,), (forced,), tuple(evidence), 0.0, found, _tuples(words))
    inst: list[tuple[float, str]] = []
    none: list[tuple[float, str]] = []
    family = codebook.families.get
    for k, v in found.items():
        if family(k, NONE) == NONE:
            none.append((v, k))
        else:
            inst.append((v, k))
    inst.sort(reverse=True)
    none.sort(reverse=True)
    best = inst[0][0] if inst else 0.0
    none_total = sum(v for v, _ in none)
    if best < codebook.min_score or (none and none_total >= best + codebook.none_margin):
        tool = none[0][1] if none else "general"
        ev = tuple(words.get(tool, ()))
        return Coding(NONE, tool, (NONE,), (tool,), ev, none[0][0] if none else 0.0, found, _tuples(words))
    keep = [k for v, k in inst if v >= codebook.min_score and v >= SECOND * best][:max_tools]
    cats = tuple(dict.fromkeys([family(k, NONE) for k in keep]))
    ev: list[str] = []
    for k in keep:
        for w in words.get(k, ()):
            if w not in ev:
                ev.append(w)
    return Coding(cats[0], keep[0], cats, tuple(keep), tuple(ev), best, found, _tuples(words))


def _tuples(words: dict[str, list[str]]) -> dict[str, tuple[str, ...]]:
    return {k: tuple(v) for k, v in words.items()}


def _lead_clause(text: str) -> tuple[int, int]:
    """Where the leading action is: the first clause, or the first after conditions (a clause
    ending in 的: 对…的，给予…; 符合条件的，…)."""
    lo = 0
    while m := _CLAUSE_END.search(text, lo):
        if not text[lo : m.start()].rstrip().endswith("的"):
            return lo, m.start()
        lo = m.end()
    return lo, len(text)


def code_text(
    text: str, codebook: Codebook, *, kind: str | None = None, section: str = "", heading: bool = False
) -> Coding:
    """The instrument of one sentence (or any short text).

    ``kind`` is the provision kind (preamble, item, …), ``section`` the headings above it (a review
    heading makes results "none"), ``heading`` marks a heading line without a body.
    """
    if kind is not None and kind in codebook.none_kinds:
        return decide({}, {}, codebook, forced="procedure", evidence=(f"kind: {kind}",))
    if heading or (
        len(text) <= codebook.heading_max
        and any(p.search(text) for p in codebook.heading_patterns)
        and not any(p.search(text) for p in codebook.heading_exceptions)
    ):
        return decide({}, {}, codebook, forced="heading", evidence=("heading",))
    if any(p.search(text) for p in codebook.procedure_patterns):
        return decide({}, {}, codebook, forced="procedure", evidence=("purpose of the text",))
    m = matcher_for(codebook)
    found = m.found(text)
    if found and codebook.body_patterns:
        names = m.names(text)
        if names:
            found = [f for f in found if not any(a <= f[0] and f[0] + len(f[1][0]) <= b for a, b in names)]
    if found and codebook.government_form_cues and any(p.match(text) for p in codebook.government_subjects):
        found = [f for f in found if f[1][0] not in codebook.government_form_cues]
    scores, words = _scores(found, text, codebook.lead_weight)
    if "review" in scores and m.is_task(text):
        scores.pop("review")
        words.pop("review", None)
    decided = m.deciding(text) if codebook.deciding else None
    if decided:
        tool, evidence = decided
        # the deciding tool outscores every other instrument; whether the sentence is an
        # instrument at all is still up to the none cues (a grant is never a review: task_patterns)
        others = [v for k, v in scores.items() if codebook.category_of(k) != NONE]
        scores[tool] = max(others, default=codebook.min_score) + 1.0
        w = words.setdefault(tool, [])
        if evidence not in w:
            w.insert(0, evidence)
    if section and "review" in codebook.tool_map:
        hit = next((s for s in codebook.review_sections if s in section), None)
        if hit:
            scores["review"] = scores.get("review", 0.0) + SECTION_REVIEW * codebook.lead_weight
            words.setdefault("review", []).append(f"section: {hit}")
    return decide(scores, words, codebook)


def combine(codings: Sequence[Coding], codebook: Codebook) -> Coding:
    """One coding for a provision from its clauses' codings: tool scores summed over the clauses
    that are instruments (a provision with one review clause among tasks is still a task; one
    with more "none" clauses than instrument clauses is "none")."""
    inst = [c for c in codings if c.category != NONE]
    # a paragraph of results (a review) among which a few clauses read as tasks is still a review
    if len(codings) - len(inst) > len(inst):
        inst = []
    if not inst:
        if not codings:
            return decide({}, {}, codebook)
        # the most frequent "none" tool among the clauses
        counts: dict[str, int] = {}
        for c in codings:
            counts[c.tool] = counts.get(c.tool, 0) + 1
        tool = max(counts, key=lambda k: counts[k])
        ev = tuple(dict.fromkeys(w for c in codings if c.tool == tool for w in c.evidence))
        return Coding(NONE, tool, (NONE,), (tool,), ev, max(c.score for c in codings), {})
    scores: dict[str, float] = {}
    words: dict[str, list[str]] = {}
    for c in inst:
        for k in c.tools:
            scores[k] = scores.get(k, 0.0) + c.scores.get(k, 0.0)
            w = words.setdefault(k, [])
            w.extend(x for x in c.found.get(k, ()) if x not in w)
    return decide(scores, words, codebook, max_tools=MAX_TOOLS)
