"""A plan series: quantitative targets and the lineage of provisions."""

from __future__ import annotations

from dataclasses import asdict, field
from typing import TYPE_CHECKING, Any

from ..dataclass_code import dataclass
from .document import document_year

if TYPE_CHECKING:
    from .document import Document


@dataclass(frozen=True)
class Target:
    """A quantitative commitment (or a reported result) read from one sentence of a provision."""

    doc: str  #: document id
    provision: str  #: provision id ("p12")
    indicator: str  #: what is measured: the canonical name when known ("国内生产总值增长"), else as written
    value: float  #: the number as written before the unit: 6.5 in 6.5%, 4 in 4万个
    unit: str  #: as written after the number, multiplier included: "%", "万个", "家", "亿元", "个百分点"
    text: str  #: the sentence it was read from
    value_max: float | None = None  #: upper end of a range (6.5%–7%: 7), else None
    qualifier: str = ""  #: 左右 | 以上 | 以内 | 以下 | 不少于 | 不低于 | 超过 | 低于 | 力争 | 达到 | 控制在 | …
    target_year: int | None = None  #: the year it is set for (到2025年: 2025; 今年: the document's year)
    horizon: str = ""  #: the time phrase as written: "到2025年", "今年", "年底前", "今后五年", or ""
    kind: str = "target"  #: "target" (a goal) | "outcome" (a reported result)
    key: str | None = None  #: canonical indicator key ("gdp_growth", "cpi", "urban_jobs" …), if known
    phrase: str = ""  #: the words as written, from the indicator to the qualifier
    year: int | None = None  #: the document's year
    #: a 力争 / 争取 figure set beside a base one for the same indicator (增长5.5%、力争6%以上: 6)
    stretch: bool = False

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class LineageLink:
    """One provision of a lineage chain, and how it continues the chain's earlier links."""

    doc: str  #: document id
    id: str  #: provision id
    heading: str
    text: str
    score: float | None  #: similarity to the link it continues (None for the chain's first link)
    year: int | None = None
    previous: str | None = None  #: "doc:id" of the link it continues
    kind: str = ""  #: how: "1:1" | "merge" | "split" | "skip" (a document in between lacks it)

    def to_dict(self) -> dict[str, Any]:
        return {"doc": self.doc, "id": self.id, "heading": self.heading, "text": self.text,
                "score": None if self.score is None else round(self.score, 4), "year": self.year,
                "previous": self.previous, "kind": self.kind}


@dataclass(frozen=True)
class LineageStep:
    """The words one step of a chain adds and removes (the lexical succession along the chain)."""

    source: str  #: "doc:id" of the earlier link
    target: str  #: "doc:id" of the later link
    added: tuple[str, ...]
    removed: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"from": self.source, "to": self.target, "added": list(self.added),
                "removed": list(self.removed)}


@dataclass(frozen=True)
class Chain:
    """Corresponding provisions through a series: a commitment's life from document to document."""

    links: tuple[LineageLink, ...]  #: in document order (several in one document after a split)
    first: str  #: id of the first document it appears in
    last: str  #: id of the last document it appears in
    steps: tuple[LineageStep, ...]  #: one per link that continues another
    span: int  #: documents from first to last, inclusive (gaps included)
    present: int  #: documents it appears in
    merged_into: tuple[str, ...] = ()  #: "doc:id" of provisions of other chains it merges into
    #: what happens to it, (document id, change) in time order: new | split | return | merge | drop
    changes: tuple[tuple[str, str], ...] = ()
    unchanged: bool = False  #: present in every document, one provision each, merging into none

    @property
    def gaps(self) -> int:
        """Documents between first and last that lack it (dropped, then back)."""
        return self.span - self.present

    def to_dict(self) -> dict[str, Any]:
        return {
            "links": [link.to_dict() for link in self.links],
            "first": self.first,
            "last": self.last,
            "span": self.span,
            "present": self.present,
            "merged_into": list(self.merged_into),
            "changes": [{"doc": d, "change": k} for d, k in self.changes],
            "unchanged": self.unchanged,
            "added": [{"from": s.source, "to": s.target, "words": list(s.added)} for s in self.steps],
            "removed": [{"from": s.source, "to": s.target, "words": list(s.removed)} for s in self.steps],
        }


@dataclass(frozen=True)
class Lineage:
    """The chains of a series of documents in time order."""

    documents: tuple[Document, ...]  #: in time order
    chains: tuple[Chain, ...]  #: longest-lived first
    stats: dict[str, Any] = field(default_factory=dict)  #: alignments made, seconds

    def to_dict(self) -> dict[str, Any]:
        return {
            "documents": [{"id": d.id, "year": document_year(d), "title": d.meta.title,
                           "provisions": len(d.provisions)} for d in self.documents],
            "chains": [c.to_dict() for c in self.chains],
            "stats": dict(self.stats),
        }


@dataclass(frozen=True)
class TargetPair:
    """The same indicator in two plans: its target in each (None when one lacks it)."""

    indicator: str
    key: str | None  #: canonical indicator key, if known
    a: Target | None
    b: Target | None
    status: str  #: "same" | "changed" | "dropped" (only in a) | "new" (only in b)

    def to_dict(self) -> dict[str, Any]:
        def side(t: Target | None) -> dict[str, Any] | None:
            if t is None:
                return None
            return {"provision": t.provision, "value": t.value, "value_max": t.value_max, "unit": t.unit,
                    "qualifier": t.qualifier, "target_year": t.target_year, "text": t.text}

        return {"indicator": self.indicator, "key": self.key, "a": side(self.a), "b": side(self.b),
                "status": self.status}
