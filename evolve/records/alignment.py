"""Two plans aligned: clause pairs and their diffs, correspondences, unmatched provisions, the
lexical succession.
"""

from __future__ import annotations

from dataclasses import field
from typing import TYPE_CHECKING, Any

from ..dataclass_code import dataclass

if TYPE_CHECKING:
    from .document import Document, Provision


DiffOp = tuple[int, str]


@dataclass(frozen=True)
class ClausePair:
    """Two aligned clauses (one side None for a clause without counterpart) and their diff."""

    source: str | None
    target: str | None
    score: float  #: similarity 0..1 (0 for an unpaired clause)
    diff: tuple[DiffOp, ...]  #: word-level diff from source to target
    #: The clause's counterpart sits in a provision outside this correspondence (or in one with
    #: no counterpart): a sentence that moved to another part of the plan.
    moved: bool = False
    source_provision: str | None = None  #: id of the provision of plan A holding ``source``
    target_provision: str | None = None  #: id of the provision of plan B holding ``target``
    #: Near-verbatim: the two clauses score at least 80 on rapidfuzz's ratio (see align.anchors).
    near_verbatim: bool = False
    #: A further source clause paired with a target clause that has its pair already (one
    #: sentence gathering phrases of several): its target is listed twice and counted once.
    secondary: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {"source": self.source, "target": self.target, "score": round(self.score, 4),
                "diff": [[op, text] for op, text in self.diff], "moved": self.moved,
                "source_provision": self.source_provision, "target_provision": self.target_provision,
                "near_verbatim": self.near_verbatim, "secondary": self.secondary}


@dataclass(frozen=True)
class Link:
    """One provision pair inside a correspondence and how surely they correspond."""

    source: str  #: id of the provision of plan A
    target: str  #: id of the provision of plan B
    score: float  #: the pair's combined similarity, 0..1
    relative: float  #: how far it stands above the other candidates of both (standard deviations)
    kept: float  #: share of the target's clause text kept from this source (clause diffs), 0..1
    #: how sure evolve is that the two correspond, 0..1 (``align.confidence``); a link below
    #: ``SHOWN_CONFIDENCE`` is shown as "closest, not matched"
    confidence: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        return {"source": self.source, "target": self.target, "score": round(self.score, 4),
                "relative": round(self.relative, 4), "kept": round(self.kept, 4),
                "confidence": round(self.confidence, 4)}


@dataclass(frozen=True)
class Match:
    """A correspondence between provisions of two plans: 1:1, n:1 (merge), 1:n (split) or n:m."""

    source: tuple[Provision, ...]
    target: tuple[Provision, ...]
    score: float  #: similarity of the group's texts, 0..1
    #: "1:1" | "merge" (n:1) | "split" (1:n) | "n:m" (several on both sides: a block of short
    #: paragraphs aligned as one, groups settled by shared sentences, or stars joined by a pair
    #: linked across them, ``align.across``)
    kind: str
    inheritance: str  #: "verbatim" | "light edit" | "rewrite"
    inherited: float  #: share of the target text kept from the source (diff equalities)
    clauses: tuple[ClausePair, ...]
    signals: dict[str, float] = field(default_factory=dict)  #: the scores behind the match
    #: Only the policy-domain signal supports it (the two texts share almost no words): views
    #: show it as "closest, not matched"; it is kept here so that nothing is lost.
    topic_only: bool = False
    #: the source-target pairs the correspondence links, with their evidence: every pair, except
    #: in an n:m correspondence joined across stars (``align.across``), which links the pairs of
    #: its stars and those linked across
    links: tuple[Link, ...] = ()
    #: figures changed between the two sides: (context, old, new), e.g. ("国内生产总值增长", "8%左右",
    #: "7.5%") (``align.figures``)
    figures: tuple[tuple[str, str, str], ...] = ()
    confidence: float = 1.0  #: how sure evolve is of the correspondence: its surest link's confidence
    #: shown as "closest, not matched": only the policy-domain signal supports it, or no link of
    #: it reaches the confidence a correspondence needs (``align.confidence.SHOWN_CONFIDENCE``)
    closest: bool = False

    @property
    def links_every_pair(self) -> bool:
        """Every source is linked with every target (the links list all pairs)."""
        return len(self.links) == len(self.source) * len(self.target)

    def to_dict(self) -> dict[str, Any]:
        def prov(p: Provision) -> dict[str, Any]:
            return {"id": p.id, "path": list(p.path), "label": p.label, "heading": p.heading,
                    "text": p.text}

        return {
            "source": [prov(p) for p in self.source],
            "target": [prov(p) for p in self.target],
            "score": round(self.score, 4),
            "kind": self.kind,
            "inheritance": self.inheritance,
            "inherited": round(self.inherited, 4),
            "signals": {k: round(v, 4) for k, v in self.signals.items()},
            "clauses": [c.to_dict() for c in self.clauses],
            "topic_only": self.topic_only,
            "confidence": round(self.confidence, 4),
            "closest": self.closest,
            "links": [lk.to_dict() for lk in self.links],
            "figures": [{"context": c, "old": o, "new": n} for c, o, n in self.figures],
        }


@dataclass(frozen=True)
class Unmatched:
    """A provision with no counterpart: dropped (source side) or new (target side)."""

    provision: Provision
    status: str  #: "dropped" | "new"
    best: Provision | None  #: the closest provision on the other side
    best_score: float  #: its score
    confidence: float  #: how sure evolve is that there is no counterpart, 0..1
    best_relative: float = 0.0  #: how far the best candidate stands out (standard deviations)
    reason: str = ""  #: why the best candidate was not taken, in words

    def to_dict(self) -> dict[str, Any]:
        p = self.provision
        return {
            "id": p.id, "path": list(p.path), "label": p.label, "heading": p.heading,
            "text": p.text, "status": self.status,
            "best": None if self.best is None else {"id": self.best.id, "label": self.best.label,
                                                    "heading": self.best.heading},
            "best_score": round(self.best_score, 4),
            "best_relative": round(self.best_relative, 4),
            "confidence": round(self.confidence, 4),
            "reason": self.reason,
        }


@dataclass(frozen=True)
class Succession:
    """A word replaced by another inside matched clauses: the lexical succession 4G -> 5G."""

    old: str
    new: str
    count: int
    examples: tuple[tuple[str, str], ...]  #: (source provision id, target provision id)

    def to_dict(self) -> dict[str, Any]:
        return {"old": self.old, "new": self.new, "count": self.count,
                "examples": [list(e) for e in self.examples]}


@dataclass(frozen=True)
class Alignment:
    """The comparison of two plans."""

    source: Document
    target: Document
    matches: tuple[Match, ...]
    unmatched_source: tuple[Unmatched, ...]
    unmatched_target: tuple[Unmatched, ...]
    succession: tuple[Succession, ...]
    rates: dict[str, Any]  #: inheritance and innovation, overall and per part of the target
    params: dict[str, Any]  #: thresholds and weights used
    #: Near-verbatim clause pairs whose provisions do not correspond to each other (one side may
    #: have no counterpart at all): sentences that moved. Each has both provision ids set.
    moved: tuple[ClausePair, ...] = ()
    #: How many near-verbatim clause pairs were linked across the two plans, wherever they sit.
    clause_links: int = 0

    def to_dict(self) -> dict[str, Any]:
        def doc(d: Document) -> dict[str, Any]:
            return {"id": d.id, "source": d.source, "meta": d.meta.to_dict(),
                    "provisions": len(d.provisions)}

        kinds = [m.kind for m in self.matches]
        return {
            "source": doc(self.source),
            "target": doc(self.target),
            "summary": {
                "source_provisions": len(self.source.provisions),
                "target_provisions": len(self.target.provisions),
                "matched_1to1": kinds.count("1:1"),
                "merged": kinds.count("merge"),
                "split": kinds.count("split"),
                "n_to_m": kinds.count("n:m"),
                "closest": sum(1 for m in self.matches if m.closest),
                "dropped": len(self.unmatched_source),
                "new": len(self.unmatched_target),
                "mean_score": round(sum(m.score for m in self.matches) / len(self.matches), 4)
                if self.matches else None,
                "clause_links": self.clause_links,
                "moved_clauses": len(self.moved),
            },
            "rates": self.rates,
            "params": self.params,
            "matches": [m.to_dict() for m in self.matches],
            "unmatched_source": [u.to_dict() for u in self.unmatched_source],
            "unmatched_target": [u.to_dict() for u in self.unmatched_target],
            "succession": [s.to_dict() for s in self.succession],
            "moved": [c.to_dict() for c in self.moved],
        }
