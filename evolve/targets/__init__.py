"""Quantitative targets of plans and work reports, and how they move through a series.

``extract_targets(doc)`` reads every number with a unit in a document's provisions (``extract``),
says whether it is a goal or a reported result and for which year (``context``), and names the
indicator canonically when it is one a series study follows (``indicators``: 经济增长速度 and
国内生产总值增长 are one). ``series`` puts the targets of several documents side by side.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..records import Document, Provision, Target
from ..series import document_year
from .context import heading_kind, horizon, sentence_kind, text_kind
from .extract import compact, quantities
from .indicators import canonical
from .series import compare_targets, indicator_table, main_targets

__all__ = ["compare_targets", "extract_targets", "indicator_table", "main_targets", "targets_of"]

_COLON = ("：", ":")


def _sentences(p: Provision) -> list[str]:
    return [compact(s) for s in ([p.heading] if p.heading else []) + list(p.clauses)]


def extract_targets(doc: Document) -> list[Target]:
    """Every quantitative commitment and reported figure of ``doc``, in reading order."""
    year = document_year(doc)
    out: list[Target] = []
    lead_in: tuple[str | None, str, int | None] | None = None  # (kind, horizon, year) of a "…是："
    for p in doc.provisions:
        sentences = _sentences(p)
        # an item's own heading first: a short report's 一、2015年工作回顾 heads one item
        section = heading_kind((*p.path, p.heading), year)
        for k, sentence in enumerate(sentences):
            for q in quantities(sentence):
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
                named = canonical(q.indicator)
                out.append(Target(
                    doc=doc.id, provision=p.id, indicator=named[1] if named else q.indicator,
                    value=q.value, unit=q.unit, text=sentence, value_max=q.value_max,
                    qualifier=q.qualifier, target_year=when_year, horizon=when, kind=kind,
                    key=named[0] if named else None, phrase=q.phrase, year=year,
                ))
        last = sentences[-1] if sentences else ""
        if last.rstrip().endswith(_COLON):
            lead_kind = text_kind(last, year)
            when, when_year = horizon(last, len(last), year, future=lead_kind == "target")
            lead_in = (lead_kind, when, when_year)
        else:
            lead_in = None
    return out


def targets_of(docs: Iterable[Document]) -> list[Target]:
    """The targets of several documents, document by document."""
    return [t for d in docs for t in extract_targets(d)]
