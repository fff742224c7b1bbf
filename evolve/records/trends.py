"""Vocabulary studies: the theme lexicon, term counts, keyness, adoption, drift, keyword in context
(the tables are pandas DataFrames, typed ``Any`` so that importing these records never imports
pandas).
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from ..dataclass_code import dataclass


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
