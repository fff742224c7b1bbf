"""What is read and parsed: a document's metadata, text and provisions, and the failures of
documents that cannot be read.
"""

from __future__ import annotations

from dataclasses import asdict, field
from functools import cached_property
from typing import Any

from ..dataclass_code import dataclass
from ..lazy_pattern import lazy

_SPACE = lazy(r"\s+")


def visible_chars(text: str) -> int:
    """Length of a text in characters, whitespace excluded: the base of every per-10k rate.

    (The regex's whitespace class of a ``str`` pattern is exactly ``str.isspace``; it runs in C,
    far faster than a loop over the characters, which showed at 1,000 plans.)"""
    return len(text) - sum(len(m) for m in _SPACE.findall(text))


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
    first_date: str | None = None  #: a revised text's first adoption (``date`` is its latest revision)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class ReadText:
    """A file's text as its reader produced it (PDF, DOCX, Markdown, HTML, text), before
    normalisation; the reader's changes open the document's normalisation log."""

    text: str
    #: which reader produced it: text | markdown | html | mhtml | pdf | docx | doc | wordxml | flatopc | rtf
    reader: str
    encoding: str  #: the decoding used for text formats; "pdf", "docx", "doc", "xml", "rtf" for the containers
    counts: dict[str, int] = field(default_factory=dict)  #: rule -> changes made by the reader
    meta: dict[str, str] = field(default_factory=dict)  #: hints the file states (front matter)


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
        if self.title and self.style in {"division", "chapter", "section", "article"}:
            return f"{self.label} {self.title}"
        return f"{self.label}{self.title}"


@dataclass(frozen=True)
class Provision:
    """The smallest unit a reader cites: a numbered item in one paragraph, or one paragraph of an
    item or heading that holds several (a work report's topic-sentence paragraphs), with its
    ancestors' headings."""

    id: str  #: stable within its document: "p1", "p2", … in reading order
    path: tuple[str, ...]  #: ancestor headings as written, numbering included
    label: str  #: the item's own numbering, e.g. "(三)", "12.", "第五条"; "" for a paragraph
    #: the item's own title (first sentence of an inline heading) or a paragraph's topic
    #: sentence ("推动产业链供应链优化升级"), may be ""
    heading: str
    text: str  #: body text without heading and agency attributions
    clauses: tuple[str, ...]  #: the body's sentences
    lead: tuple[str, ...] = ()  #: lead agencies (牵头)
    responsible: tuple[str, ...] = ()  #: responsible / cooperating agencies (责任, 配合, 负责)
    guide: tuple[str, ...] = ()  #: supervising agencies (指导)
    #: item (a numbered item in one paragraph) | paragraph (one paragraph of an item or heading
    #: that holds several) | intro (a paragraph under a heading, before its sub-items) |
    #: preamble (text before the first heading: a notice) | formula (a salutation, the opening
    #: sentence, thanks, a date-and-speaker line, the closing call: ``segment.formulas``) |
    #: closing (unnumbered paragraphs after a salutation that ends a numbered part: a report's
    #: 民族、国防、外交 paragraphs after its last item)
    kind: str = "item"
    part: int = 0  #: which document of the file (a notice and its attachment are 0 and 1)
    #: the numbered item or heading the unit belongs to, as in its path ("(五)加强顶层设计");
    #: for an item in one paragraph its own label and title; "" before the first heading
    item: str = ""
    paragraph: int = 1  #: which paragraph of its item, heading or preamble, from 1
    #: 0 for a whole paragraph; 1, 2, … for the pieces of a paragraph too long to be one unit
    #: (over ``MAX_UNIT`` characters), cut at sentence ends
    piece: int = 0

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
            "item": self.item,
            "paragraph": self.paragraph,
            "piece": self.piece,
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
    reader: str = "text"  #: the reader that read the file: text | markdown | html | pdf | docx

    @cached_property
    def chars(self) -> int:
        """Length of the normalised text in characters, whitespace excluded."""
        return visible_chars(self.text)

    @cached_property
    def body(self) -> str:
        """The plan's own words: headings and provisions, without letterhead, signature or
        agency attributions (which say who acts, not what the plan is about)."""
        lines: list[str] = []
        seen: set[tuple[int, tuple[str, ...]]] = set()
        for p in self.provisions:
            for k in range(1, len(p.path) + 1):
                key = (p.part, p.path[:k])
                if key not in seen:
                    seen.add(key)
                    lines.append(p.path[k - 1])
            lines.append(p.full_text)
        return "\n".join(lines)

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
            "reader": self.reader,
            "meta": self.meta.to_dict(),
            "chars": self.chars,
            "provisions": [p.to_dict() for p in self.provisions],
            "normalisation": dict(self.normalisation),
            "extra": dict(self.extra),
        }


@dataclass(frozen=True)
class Failure:
    """A document that could not be read or parsed: skipped, named and counted, never fatal to
    the corpus it belongs to."""

    id: str  #: corpus id or file stem
    source: str  #: file path or other origin
    reason: str  #: one line a user understands

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "source": self.source, "reason": self.reason}


_YEAR = lazy(r"(?<!\d)(19[4-9]\d|20\d\d)(?!\d)")


def document_year(doc: Document) -> int | None:
    """The document's year: its metadata, else the first year in its id, else in its title (a
    work report saved as ``2010.txt`` has no date line)."""
    if doc.meta.year is not None:
        return doc.meta.year
    for text in (doc.id, doc.meta.title or ""):
        m = _YEAR.search(text)
        if m:
            return int(m.group(1))
    return None
