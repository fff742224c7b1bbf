"""Segmentation: a normalised plan into headings, provisions, clauses and agencies."""

from __future__ import annotations

from ..dataclass_code import dataclass
from ..records import Heading, Provision
from .clauses import split_clauses
from .structure import build_tree, classify_preamble_line, provisions_from_tree

#: Bumped when segmentation changes what it gives, so that corpus indexes parse documents again.
#: 2: paragraphs of items holding several are provisions (item, paragraph, piece); 4: web
#: furniture, contents and adoption lines kept out, an article's paragraphs after its items its own
VERSION = "5"
# 3: formulas (salutations, thanks …) are kind "formula"; closing parts after a salutation "closing"
# 5: "第一," sub-headings on lines of their own are headings; a salutation inside a part no closing


@dataclass(frozen=True)
class Structure:
    """What segmentation finds in one plan."""

    provisions: tuple[Provision, ...]
    headings: tuple[tuple[tuple[str, ...], Heading], ...]  #: (ancestor path, heading) in order
    letterhead: tuple[str, ...]  #: doc number, addressee, title, issuer and date lines


def segment(text: str) -> Structure:
    """Segment normalised text into its heading tree and provisions."""
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    provisions, headings, letterhead = provisions_from_tree(build_tree(lines))
    return Structure(tuple(provisions), tuple(headings), tuple(letterhead))


__all__ = ["VERSION", "Structure", "classify_preamble_line", "segment", "split_clauses"]
