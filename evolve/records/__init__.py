"""The typed records passed between evolve's pipeline stages, one module per stage.

load -> normalise -> segment (``document``) -> align -> diff (``alignment``) -> measure
(``trends``, ``reuse``, ``series``) -> render (``report``). Each stage takes and returns these frozen
dataclasses; nothing here renders or computes. ``to_dict`` gives the stable JSON shape that
scripts and notebooks depend on (keys are added over time, never renamed)."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

#: record -> the module of its stage; a module is imported when one of its records is first used
_HOME = {
    "Adoption": "trends",
    "Alignment": "alignment",
    "Chain": "series",
    "ClausePair": "alignment",
    "DiffOp": "alignment",
    "DocPairReuse": "reuse",
    "DocReuse": "reuse",
    "Document": "document",
    "Drift": "trends",
    "Failure": "document",
    "FamilyMember": "reuse",
    "Heading": "document",
    "KeynessTable": "trends",
    "KwicHit": "trends",
    "Lexicon": "trends",
    "Lineage": "series",
    "LineageLink": "series",
    "LineageStep": "series",
    "Link": "alignment",
    "Match": "alignment",
    "Meta": "document",
    "Milestone": "trends",
    "NormalisedText": "document",
    "Provision": "document",
    "ReadText": "document",
    "ReportResult": "report",
    "ReportSection": "report",
    "ReuseFamily": "reuse",
    "ReusePair": "reuse",
    "ReuseReport": "reuse",
    "ReuseSide": "reuse",
    "Succession": "alignment",
    "Target": "series",
    "TargetPair": "series",
    "Term": "trends",
    "Theme": "trends",
    "TrendTable": "trends",
    "Unmatched": "alignment",
    "document_year": "document",
    "visible_chars": "document",
}

__all__ = [
    "Adoption",
    "Alignment",
    "Chain",
    "ClausePair",
    "DiffOp",
    "DocPairReuse",
    "DocReuse",
    "Document",
    "Drift",
    "Failure",
    "FamilyMember",
    "Heading",
    "KeynessTable",
    "KwicHit",
    "Lexicon",
    "Lineage",
    "LineageLink",
    "LineageStep",
    "Link",
    "Match",
    "Meta",
    "Milestone",
    "NormalisedText",
    "Provision",
    "ReadText",
    "ReportResult",
    "ReportSection",
    "ReuseFamily",
    "ReusePair",
    "ReuseReport",
    "ReuseSide",
    "Succession",
    "Target",
    "TargetPair",
    "Term",
    "Theme",
    "TrendTable",
    "Unmatched",
    "document_year",
    "visible_chars",
]

if TYPE_CHECKING:
    from .alignment import (
        Alignment,
        ClausePair,
        DiffOp,
        Link,
        Match,
        Succession,
        Unmatched,
    )
    from .document import (
        Document,
        Failure,
        Heading,
        Meta,
        NormalisedText,
        Provision,
        ReadText,
        document_year,
        visible_chars,
    )
    from .report import (
        ReportResult,
        ReportSection,
    )
    from .reuse import (
        DocPairReuse,
        DocReuse,
        FamilyMember,
        ReuseFamily,
        ReusePair,
        ReuseReport,
        ReuseSide,
    )
    from .series import (
        Chain,
        Lineage,
        LineageLink,
        LineageStep,
        Target,
        TargetPair,
    )
    from .trends import (
        Adoption,
        Drift,
        KeynessTable,
        KwicHit,
        Lexicon,
        Milestone,
        Term,
        Theme,
        TrendTable,
    )


def __getattr__(name: str) -> Any:
    if name not in _HOME:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{_HOME[name]}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return __all__
