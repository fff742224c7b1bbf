"""The typed records passed between evolve's pipeline stages.

load -> normalise -> segment -> align -> diff -> measure -> render. Each stage takes and returns
these frozen dataclasses; nothing here renders or computes. ``to_dict`` gives the stable JSON
shape that scripts and notebooks depend on (keys are added over time, never renamed).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True)
class Meta:
    """What is known about a plan; ``None`` means unknown, never guessed silently."""

    title: str | None = None
    year: int | None = None
    date: str | None = None  #: ISO date, e.g. "2016-03-30"
    doc_number: str | None = None  #: e.g. "咸政办发〔2016〕21号"
    place: str | None = None  #: e.g. "咸宁" (short form, as used in titles)
    province: str | None = None  #: e.g. "湖北省"
    level: str | None = None  #: province | municipality | sub-provincial | prefecture | …
    issuer: str | None = None  #: e.g. "宁夏回族自治区人民政府办公厅"
    sources: dict[str, str] = field(default_factory=dict)  #: field -> where its value came from

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class NormalisedText:
    """A plan's text after normalisation, with the count of changes made by each rule."""

    text: str
    counts: dict[str, int]  #: rule name -> number of changes (only rules that changed something)
    removed: tuple[tuple[str, str], ...] = ()  #: (rule, removed line) for dropped furniture
    taiwan_vocabulary: bool = False  #: whether the text showed Taiwan-style conversion


@dataclass(frozen=True)
class Heading:
    """A numbered or titled heading as written in the plan."""

    label: str  #: the numbering as written, e.g. "一、", "(三)", "12.", "第五条"; "" if none
    title: str  #: the heading's words, e.g. "信息基础设施提升计划"
    style: str  #: numbering system: chapter, section, article, cn, paren, arabic, …
    number: int | None  #: the numeral's value, if any

    @property
    def text(self) -> str:
        """The heading as it appears in a path: label and title ("第七章 构筑…", "一、信息…")."""
        if self.title and self.style in {"chapter", "section", "article"}:
            return f"{self.label} {self.title}"
        return f"{self.label}{self.title}"


@dataclass(frozen=True)
class Provision:
    """A numbered leaf item (or unnumbered paragraph) of a plan, with its ancestors' headings."""

    id: str  #: stable within its document: "p1", "p2", … in reading order
    path: tuple[str, ...]  #: ancestor headings as written, numbering included
    label: str  #: the item's own numbering, e.g. "(三)", "12.", "第五条"; "" for a paragraph
    heading: str  #: the item's own title (first sentence of an inline heading), may be ""
    text: str  #: body text without heading and agency attributions
    clauses: tuple[str, ...]  #: the body's sentences
    lead: tuple[str, ...] = ()  #: lead agencies (牵头)
    responsible: tuple[str, ...] = ()  #: responsible / cooperating agencies (责任, 配合, 负责)
    guide: tuple[str, ...] = ()  #: supervising agencies (指导)
    kind: str = "item"  #: item | paragraph | preamble
    part: int = 0  #: which document of the file (a notice and its attachment are 0 and 1)

    @property
    def full_text(self) -> str:
        """Heading and body together, as a reader sees the provision."""
        if self.heading and self.text:
            return f"{self.heading}。{self.text}"
        return self.heading or self.text

    @property
    def top(self) -> str:
        """The top-level heading this provision sits under (its part of the plan), or ""."""
        return self.path[0] if self.path else ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "path": list(self.path),
            "label": self.label,
            "heading": self.heading,
            "text": self.text,
            "clauses": list(self.clauses),
            "lead": list(self.lead),
            "responsible": list(self.responsible),
            "guide": list(self.guide),
            "kind": self.kind,
            "part": self.part,
        }


@dataclass(frozen=True)
class Document:
    """A parsed plan: metadata, normalised text and provisions."""

    id: str  #: corpus id or file stem
    source: str  #: file path or other origin
    encoding: str  #: encoding the bytes were decoded with
    meta: Meta
    text: str  #: normalised text
    provisions: tuple[Provision, ...]
    normalisation: dict[str, int]  #: rule -> count
    headings: tuple[tuple[tuple[str, ...], Heading], ...] = ()  #: (path, heading) in order
    extra: dict[str, Any] = field(default_factory=dict)  #: manifest columns beyond Meta

    @property
    def chars(self) -> int:
        """Length of the normalised text in characters, whitespace excluded."""
        return sum(1 for c in self.text if not c.isspace())

    def provision(self, pid: str) -> Provision:
        for p in self.provisions:
            if p.id == pid:
                return p
        raise KeyError(pid)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "source": self.source,
            "encoding": self.encoding,
            "meta": self.meta.to_dict(),
            "chars": self.chars,
            "provisions": [p.to_dict() for p in self.provisions],
            "normalisation": dict(self.normalisation),
            "extra": dict(self.extra),
        }


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

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class ReusePair:
    """Two similar units of different documents, from the older document (a) to the newer (b)."""

    a: ReuseSide
    b: ReuseSide
    score: float  #: Indel normalised similarity of the punctuation-free texts, 0..1
    direction: str  #: "forward" (a older than b) | "both" (same date or year) | "unknown"
    relation: str  #: "vertical-down" | "vertical-up" | "horizontal" | "unknown"

    def to_dict(self) -> dict[str, Any]:
        return {"a": self.a.to_dict(), "b": self.b.to_dict(), "score": round(self.score, 4),
                "direction": self.direction, "relation": self.relation}


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
class ReuseReport:
    """The result of ``evolve reuse``: pairs, document pairs, per-document shares and counts."""

    level: str  #: provision | clause
    min_score: float
    pairs: tuple[ReusePair, ...]
    doc_pairs: tuple[DocPairReuse, ...]
    documents: tuple[DocReuse, ...]
    relations: dict[str, int]  #: relation -> number of pairs
    stats: dict[str, Any]  #: units, candidates, verified, seconds per step

    def to_dict(self) -> dict[str, Any]:
        return {"level": self.level, "min_score": self.min_score,
                "pairs": [p.to_dict() for p in self.pairs],
                "doc_pairs": [d.to_dict() for d in self.doc_pairs],
                "documents": [d.to_dict() for d in self.documents],
                "relations": dict(self.relations), "stats": dict(self.stats)}
