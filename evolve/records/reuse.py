"""Reuse across a corpus: pairs, families, document pairs and shares."""

from __future__ import annotations

from dataclasses import asdict, field
from typing import Any

from ..dataclass_code import dataclass


@dataclass(frozen=True)
class ReuseSide:
    """One side of a reuse pair: a provision or clause and its document's date and place."""

    doc: str  #: document id
    id: str  #: provision id ("p12") or clause id ("p12.c3")
    text: str  #: the unit's text as indexed
    year: int | None = None
    date: str | None = None
    place: str | None = None
    level: str | None = None  #: national | province | municipality | sub-provincial | prefecture | …
    kind: str = "item"  #: the unit's kind: item | paragraph | preamble (a notice's text)
    figures: tuple[str, ...] = ()  #: the figures of the text, in order (110万, 5.5%)

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "figures": list(self.figures)}


@dataclass(frozen=True)
class ReusePair:
    """Two similar units of different documents, from the older document (a) to the newer (b)."""

    a: ReuseSide
    b: ReuseSide
    score: float  #: Indel normalised similarity of the punctuation-free texts, 0..1
    direction: str  #: "forward" (a older than b) | "both" (same date or year) | "unknown"
    relation: str  #: "vertical-down" | "vertical-up" | "horizontal" | "unknown"
    family: int | None = None  #: the reuse family both sides belong to (``ReuseFamily.id``)
    boilerplate: bool = False  #: the family is boilerplate (套话)
    #: the same wording with other figures (城镇新增就业110万人以上 / 18万人以上): ``a.figures``
    #: and ``b.figures`` side by side; never when the figures are the same
    template: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {"a": self.a.to_dict(), "b": self.b.to_dict(), "score": round(self.score, 4),
                "direction": self.direction, "relation": self.relation, "family": self.family,
                "boilerplate": self.boilerplate, "template": self.template}


@dataclass(frozen=True)
class DocPairReuse:
    """How much text two documents share: the plan series and copies a reader looks for."""

    a: str  #: older document id (or the first by id when of one year)
    b: str
    pairs: int  #: similar unit pairs between them
    a_share: float  #: share of a's characters in units matched in b
    b_share: float  #: share of b's characters in units matched in a
    direction: str
    relation: str

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "a_share": round(self.a_share, 4), "b_share": round(self.b_share, 4)}


@dataclass(frozen=True)
class DocReuse:
    """One document's reuse: how much of its text has a similar unit in another document."""

    doc: str
    year: int | None
    place: str | None
    level: str | None
    units: int  #: provisions (or clauses) compared
    matched: int  #: of which have a similar unit elsewhere
    reuse_share: float  #: share of characters in matched units
    borrowed_share: float  #: share of characters in units matched in an older document

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "reuse_share": round(self.reuse_share, 4),
                "borrowed_share": round(self.borrowed_share, 4)}


@dataclass(frozen=True)
class FamilyMember:
    """One unit of a reuse family."""

    doc: str
    id: str  #: provision, paragraph ("p12.p2") or clause id
    year: int | None
    place: str | None
    level: str | None
    kind: str  #: item | paragraph | preamble
    score: float  #: similarity to the family's representative text, 0..1
    date: str | None = None  #: the document's date, when known

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "score": round(self.score, 4)}


@dataclass(frozen=True)
class ReuseFamily:
    """The same passage (or its close variants) across documents: how one text spread."""

    id: int  #: family number, largest first (by documents)
    text: str  #: representative text: the variant most members share (the earliest on a tie)
    documents: int  #: documents holding a member
    size: int  #: members (units)
    earliest: FamilyMember  #: the member of the oldest document (higher level first on a tie)
    members: tuple[FamilyMember, ...]  #: oldest first; may be cut (``size`` is the full count)
    years: dict[int, int]  #: year -> documents of that year holding a member (undated left out)
    levels: dict[str, int]  #: administrative level -> documents ("unknown" when not known)
    boilerplate: bool  #: a formula (套话) or a passage shared by a large share of the corpus
    #: why it is boilerplate ("formula: opening", "in 15 of 16 documents (half or more)",
    #: "in 23% of documents"), "" otherwise
    reason: str
    #: members of the same wording hold other figures (a template filled in per document)
    template: bool = False
    #: the template's figures, one tuple per variant (most documents first), with its documents
    figures: tuple[tuple[tuple[str, ...], int], ...] = ()
    #: other documents whose date (or year, when a date is missing) equals the earliest's: the
    #: earliest is then one of several, chosen by level and id
    earliest_tied: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "text": self.text, "documents": self.documents, "size": self.size,
                "earliest": self.earliest.to_dict(), "members": [m.to_dict() for m in self.members],
                "years": {str(k): v for k, v in self.years.items()}, "levels": dict(self.levels),
                "boilerplate": self.boilerplate, "reason": self.reason, "template": self.template,
                "figures": [{"figures": list(f), "documents": n} for f, n in self.figures],
                "earliest_tied": self.earliest_tied}


@dataclass(frozen=True)
class ReuseReport:
    """The result of ``evolve reuse``: pairs, families, document pairs, shares and counts.

    ``pairs``, ``families`` and ``doc_pairs`` hold the first ``stats["limit"]`` rows (best
    first; all of them when the limit is None); ``stats`` gives the full counts, and ``tables``
    holds every row as arrays (``evolve.reuse.tables.ReuseTables``: ``write(out_dir)`` streams
    them to Parquet and CSV, ``pairs_frame()`` etc. give pandas frames).
    """

    level: str  #: provision | clause
    min_score: float
    pairs: tuple[ReusePair, ...]
    doc_pairs: tuple[DocPairReuse, ...]
    documents: tuple[DocReuse, ...]
    relations: dict[str, int]  #: relation -> number of pairs (all pairs, boilerplate included)
    stats: dict[str, Any]  #: units, candidates, pairs, families, limit, seconds per step
    families: tuple[ReuseFamily, ...] = ()
    tables: Any = field(default=None, repr=False, compare=False)  #: every row, as arrays

    def to_dict(self) -> dict[str, Any]:
        return {"level": self.level, "min_score": self.min_score,
                "pairs": [p.to_dict() for p in self.pairs],
                "doc_pairs": [d.to_dict() for d in self.doc_pairs],
                "documents": [d.to_dict() for d in self.documents],
                "relations": dict(self.relations), "stats": dict(self.stats),
                "families": [f.to_dict() for f in self.families]}
