"""The typed records passed between evolve's pipeline stages.

load -> normalise -> segment -> align -> diff -> measure -> render. Each stage takes and returns
these frozen dataclasses; nothing here renders or computes. ``to_dict`` gives the stable JSON
shape that scripts and notebooks depend on (keys are added over time, never renamed).
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from functools import cached_property
from typing import Any

_SPACE = re.compile(r"\s+")


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


# --- align and diff -------------------------------------------------------------------------

#: A diff operation as diff-match-patch writes it: -1 deleted, 0 kept, 1 inserted.
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
    """A correspondence between provisions of two plans: 1:1, n:1 (merge) or 1:n (split)."""

    source: tuple[Provision, ...]
    target: tuple[Provision, ...]
    score: float  #: similarity of the group's texts, 0..1
    #: "1:1" | "merge" (n:1) | "split" (1:n) | "n:m" (several on both sides: a block of short
    #: paragraphs aligned as one, or groups settled by shared sentences)
    kind: str
    inheritance: str  #: "verbatim" | "light edit" | "rewrite"
    inherited: float  #: share of the target text kept from the source (diff equalities)
    clauses: tuple[ClausePair, ...]
    signals: dict[str, float] = field(default_factory=dict)  #: the scores behind the match
    #: Only the policy-domain signal supports it (the two texts share almost no words): views
    #: show it as "closest, not matched"; it is kept here so that nothing is lost.
    topic_only: bool = False
    links: tuple[Link, ...] = ()  #: every source-target pair of the correspondence, with its evidence
    #: figures changed between the two sides: (context, old, new), e.g. ("国内生产总值增长", "8%左右",
    #: "7.5%") (``align.figures``)
    figures: tuple[tuple[str, str, str], ...] = ()
    confidence: float = 1.0  #: how sure evolve is of the correspondence: its surest link's confidence
    #: shown as "closest, not matched": only the policy-domain signal supports it, or no link of
    #: it reaches the confidence a correspondence needs (``align.confidence.SHOWN_CONFIDENCE``)
    closest: bool = False

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


# --- trends: theme lexicon, term counts, keyness, adoption, keyword in context -----------------
# The tables are pandas DataFrames (typed ``Any`` so that importing this module never imports
# pandas); each record documents its columns.


@dataclass(frozen=True)
class Term:
    """A term to count: its canonical name and every spelling counted under it."""

    name: str  #: canonical spelling, e.g. "5G"
    spellings: tuple[str, ...]  #: the canonical spelling first, then variants ("五G", …)
    theme: str | None = None  #: key of the lexicon theme it belongs to, if any


@dataclass(frozen=True)
class Theme:
    """A theme of the lexicon: a named group of terms and where its definition comes from."""

    key: str  #: short ASCII name, e.g. "network"
    name: str  #: label for tables and charts, e.g. "网络代际"
    basis: str  #: the documents the theme's definition follows
    terms: tuple[Term, ...]


@dataclass(frozen=True)
class Milestone:
    """A dated event marked on trend charts (year may be fractional: 2019.45 is June 2019)."""

    year: float
    label: str
    basis: str = ""


@dataclass(frozen=True)
class Lexicon:
    """A theme lexicon (``evolve/data/lexicon.toml`` or a user's file)."""

    themes: tuple[Theme, ...]
    milestones: tuple[Milestone, ...] = ()
    default_terms: tuple[str, ...] = ()  #: what ``evolve trends`` shows without --terms
    source: str = ""  #: the file it was read from

    @property
    def terms(self) -> tuple[Term, ...]:
        return tuple(t for th in self.themes for t in th.terms)

    def theme(self, key: str) -> Theme:
        for th in self.themes:
            if th.key == key:
                return th
        raise KeyError(key)


@dataclass(frozen=True)
class TrendTable:
    """Counts of terms (or themes) per document, in long form: one row per (document, term).

    ``counts`` columns: id, place, province, level, year, period, chars (normalised characters,
    whitespace excluded), term (canonical term or theme key), label, theme, count, per_10k
    (count per 10,000 characters), paired (mentions written "spelling (other spelling)", counted
    once) and, for themes, share (of the document's theme counts).

    ``spellings`` (terms only) columns: term, spelling, count (occurrences summed over the
    documents), documents (documents where the spelling occurs): what was counted under each term.
    """

    counts: Any  #: pandas.DataFrame, columns as above
    terms: tuple[str, ...]  #: terms (or theme keys) in report order
    kind: str = "term"  #: "term" | "theme"
    notices: tuple[str, ...] = ()  #: what a reader should know (documents without a year …)
    spellings: Any = None  #: pandas.DataFrame of the spellings counted (terms only), or None


@dataclass(frozen=True)
class KeynessTable:
    """Words and character n-grams over-used in group A against group B (or the reverse).

    ``rows`` columns: feature, kind (word | ngram), a, b (raw counts), per_10k_a, per_10k_b (per
    10,000 characters of each group), docs_a, docs_b (documents containing it on each side), g2
    (log-likelihood), log_ratio (log2 of the relative
    frequencies, 0.5 added to zero counts), side ("a" | "b": where it is more frequent),
    in_lexicon.
    """

    rows: Any  #: pandas.DataFrame
    a_label: str
    b_label: str
    a_docs: tuple[str, ...]
    b_docs: tuple[str, ...]
    a_chars: int
    b_chars: int
    notices: tuple[str, ...] = ()


@dataclass(frozen=True)
class Adoption:
    """When each place first mentions each term, and the cumulative diffusion curve.

    ``first`` columns: term, place, first_year. ``curve`` columns: term, year, adopters (places
    with the term by that year), places (places with a dated document by that year).
    """

    first: Any  #: pandas.DataFrame
    curve: Any  #: pandas.DataFrame
    notices: tuple[str, ...] = ()


@dataclass(frozen=True)
class Drift:
    """How theme shares moved between two groups of plans (e.g. 十三五 and 十四五)."""

    by: str  #: the column compared, e.g. "period"
    a: str  #: first group, e.g. "十三五"
    b: str  #: second group, e.g. "十四五"
    jsd: float  #: Jensen–Shannon divergence of the theme shares, base 2 (0 = same, 1 = disjoint)
    shares: Any  #: pandas.DataFrame: theme, label, share_a, share_b, change


@dataclass(frozen=True)
class KwicHit:
    """One occurrence of a term with its context."""

    doc: str  #: document id
    year: int | None
    place: str | None
    path: tuple[str, ...]  #: headings of the provision the occurrence is in
    left: str
    match: str  #: the spelling found
    right: str
    start: int  #: offset in the normalised text
    term: str = ""  #: canonical term

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["path"] = list(self.path)
        return d


# --- report: a self-contained HTML page with the charts and tables it is built from -------------


@dataclass(frozen=True)
class ReportSection:
    """One section of a report: what it shows, the files written for it, and the page fragment."""

    key: str  #: short ASCII name, also the page anchor: "overview", "terms", "comparisons" …
    title: str  #: heading shown on the page
    html: str  #: the section's body, already escaped HTML
    files: tuple[str, ...] = ()  #: files written for it, relative to the report folder
    notices: tuple[str, ...] = ()  #: what a reader should know (left out, too few documents …)


@dataclass(frozen=True)
class ReportResult:
    """What ``build_report`` wrote: the folder, the page, every file, the sections and the time."""

    out: str  #: the report folder
    page: str  #: the HTML page (``<out>/index.html``)
    files: tuple[str, ...]  #: every file written, relative to ``out`` (pages, charts, tables)
    sections: tuple[ReportSection, ...]
    seconds: float  #: wall-clock time to build
    notices: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "out": self.out,
            "page": self.page,
            "files": list(self.files),
            "pages": [f for f in self.files if f.startswith("compare/")],  # one per comparison
            "sections": [{"key": s.key, "title": s.title, "files": list(s.files),
                          "notices": list(s.notices)} for s in self.sections],
            "seconds": round(self.seconds, 2),
            "notices": list(self.notices),
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


# --- series: quantitative targets and the lineage of provisions through a plan series ----------


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
        from .series import document_year

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
