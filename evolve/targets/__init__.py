"""Quantitative targets of plans and work reports, and how they move through a series.

``extract_targets(doc)`` reads every number with a unit in a document's provisions (``extract``),
says whether it is a goal or a reported result and for which year (``context``), and names the
indicator canonically when it is one a series study follows (``indicators``: 经济增长速度 and
国内生产总值增长 are one). ``series`` puts the targets of several documents side by side.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..records import Document, Provision, Target
from .context import clause_horizon, heading_kind, horizon, sentence_kind, text_kind
from .extract import Quantity, compact, quantities
from .indicators import canonical
from .parts import (
    PLAN,
    REVIEW,
    THIS_YEAR,
    Part,
    inline_parts,
    opening_part,
    provision_part,
    report_year,
    surely_this_year,
)
from .series import compare_targets, indicator_table, main_targets

__all__ = ["compare_targets", "extract_targets", "indicator_table", "main_targets", "targets_of"]

_COLON = ("：", ":")
#: The genre's words for this year's main targets (今年经济社会发展的主要预期目标是：…).
_MAIN = "主要预期目标"


def _sentences(p: Provision) -> list[str]:
    return [compact(s) for s in ([p.heading] if p.heading else []) + list(p.clauses)]


def _in_part(part: Part, sentence: str, q: Quantity, year: int | None, earlier: list[str],
             lead: tuple[str, int | None] = ("", None)) -> tuple[str, str, int | None]:
    """(kind, horizon, target year) of a figure in a known part of a work report. In the review
    every figure is a result (of last year unless its clause names an earlier time); in the plan
    period a goal of the plan's last year unless a cue says it was reached; in this year's part a
    goal of this year unless its clause names another horizon (到2027年, “十五五”) or a result
    (去年, 已, 预计), or the paragraph's earlier sentences do (过去一年，…。国内生产总值增长10.3%),
    or the lead-in before it names a later horizon (“十五五”时期的主要目标是：…); an average over
    years (年均增长) without a horizon is no target of this year."""
    cue = sentence_kind(sentence, q.start, year)
    for before in reversed(earlier):
        cue = cue or text_kind(before, year)
    if part.kind == REVIEW:
        when, when_year = clause_horizon(sentence, q.start, year, past=True)
        return "outcome", when, when_year if when_year is not None else part.year
    if part.kind == PLAN:
        kind = "outcome" if cue == "outcome" else "target"
        when, when_year = clause_horizon(sentence, q.start, year, future=kind == "target", past=kind == "outcome")
        if kind == "target" and (when_year is None or (year is not None and when_year <= year)):
            when, when_year = ("", part.year) if part.year is not None else (when, when_year)
        return kind, when, when_year
    kind = cue or "target"
    when, when_year = clause_horizon(sentence, q.start, year, future=kind == "target", past=kind == "outcome")
    if when_year is None and kind == "target" and year is not None and lead[1] is not None and lead[1] > year:
        when, when_year = lead
    if when_year is None and kind == "target" and "年均" in q.indicator:
        return kind, when, None
    if when_year is None:
        when_year = year if kind == "target" or year is None else year - 1
    return kind, when, when_year


def extract_targets(doc: Document) -> list[Target]:
    """Every quantitative commitment and reported figure of ``doc``, in reading order."""
    year = report_year(doc)
    out: list[Target] = []
    lead_in: tuple[str | None, str, int | None] | None = None  # (kind, horizon, year) of a "…是："
    lead_text = ""
    running = Part(None, None)  # the part a paragraph opened, for paragraphs no heading places
    # a paragraph that opens this year's work under a review heading (the heading of this year's
    # part lost in transcription) places the rest of that heading's paragraphs too
    moved: tuple[str, Part] | None = None
    running_top = ""
    for p in doc.provisions:
        sentences = _sentences(p)
        part = provision_part(p, year)
        opened = opening_part(sentences[0] if sentences else "", year)
        top = p.path[0] if p.path else ""
        if top and sentences and ((part.kind == REVIEW and surely_this_year(sentences, year))
                                  or (part.kind == PLAN and surely_this_year(sentences, None))):
            moved = (top, Part(THIS_YEAR, year))
        if moved is not None and moved[0] == top:
            part = moved[1]
        headed = part.kind is not None
        if not headed and top != running_top and running.kind != THIS_YEAR:
            # a new heading that does not say what follows a review or the plan period: not known
            # (after this year's targets, the tasks and the government's own work go on)
            running = Part(None, None)
        running_top = top
        if headed:
            running = part
        else:
            running = opened if opened.kind is not None else running
            part = running
        # an item's own heading first: a short report's 一、2015年工作回顾 heads one item
        section = heading_kind((*p.path, p.heading), year)
        for k, sentence in enumerate(sentences):
            inline = [] if headed else inline_parts(sentence, year)
            for q in quantities(sentence):
                named = canonical(q.indicator)
                part = next((pt for pos, pt in reversed(inline) if pos < q.start), part)
                here = part
                if here.kind is None and (_MAIN in sentence[:q.start] or _MAIN in lead_text):
                    here = Part(THIS_YEAR, year)  # 主要预期目标是：… sets this year's targets
                if here.kind in (REVIEW, PLAN, THIS_YEAR):
                    kind, when, when_year = _in_part(here, sentence, q, year, sentences[:k],
                                                     lead_in[1:] if lead_in is not None else ("", None))
                    out.append(Target(
                        doc=doc.id, provision=p.id, indicator=named[1] if named else q.indicator,
                        value=q.value, unit=q.unit, text=sentence, value_max=q.value_max,
                        qualifier=q.qualifier, target_year=when_year, horizon=when, kind=kind,
                        key=named[0] if named else None, phrase=q.phrase, year=year, stretch=q.stretch,
                    ))
                    continue
                # the sentence's own cues; then a review heading (whose figures are results);
                # then the lead-in paragraph, the provision's earlier sentences, the headings
                kind = sentence_kind(sentence, q.start, year)
                if kind is None and section == "outcome":
                    kind = section
                if kind is None and lead_in is not None:
                    kind = lead_in[0]
                for earlier in reversed(sentences[:k]):
                    kind = kind or text_kind(earlier, year)
                kind = kind or section or "target"
                # the year: the sentence's own time phrase, else the context's (for a goal, one
                # not in the past: 去年我曾提出… does not date this year's target)
                future = kind == "target"
                when, when_year = horizon(sentence, q.start, year)
                if when and kind == "outcome" and year is not None and when_year is not None \
                        and when_year > year:
                    when, when_year = "", None
                if not when and lead_in is not None:
                    when, when_year = lead_in[1], lead_in[2]
                context = [*reversed(sentences[:k]), *reversed(p.path)]
                for earlier in context:
                    if when:
                        break
                    when, when_year = horizon(earlier, len(earlier), year, future=future, past=not future)
                out.append(Target(
                    doc=doc.id, provision=p.id, indicator=named[1] if named else q.indicator,
                    value=q.value, unit=q.unit, text=sentence, value_max=q.value_max,
                    qualifier=q.qualifier, target_year=when_year, horizon=when, kind=kind,
                    key=named[0] if named else None, phrase=q.phrase, year=year, stretch=q.stretch,
                ))
            if inline:
                part = running = inline[-1][1]
        last = sentences[-1] if sentences else ""
        if last.rstrip().endswith(_COLON):
            lead_kind = text_kind(last, year)
            when, when_year = horizon(last, len(last), year, future=lead_kind == "target")
            lead_in, lead_text = (lead_kind, when, when_year), last
        else:
            lead_in, lead_text = None, ""
    return out


def targets_of(docs: Iterable[Document]) -> list[Target]:
    """The targets of several documents, document by document."""
    return [t for d in docs for t in extract_targets(d)]
