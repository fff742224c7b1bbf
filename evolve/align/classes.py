"""Which provisions are matched with which: items with items, paragraphs with paragraphs."""

from __future__ import annotations

from ..records import Document
from ..segment.ordinals import STYLE as ORDINAL

#: Provision kinds matched as items: an item, one paragraph of an item holding several, or one of
#: the closing paragraphs after a report's last numbered part.
ITEM_KINDS = frozenset({"item", "paragraph", "closing"})
#: Formulas (salutations, opening sentence, thanks, date-and-speaker lines) are matched only with
#: each other and never counted as policy (``segment.formulas``).
FORMULA_KINDS = frozenset({"formula"})

#: A part with more unnumbered paragraphs than this before its items (or without items) is
#: prose, not introduced: a work report's part runs on for ten or thirty paragraphs, each opening
#: with its topic sentence, and which of them the segmenter calls an introduction depends on
#: where the first (一) falls, if any. Plans introduce a part in one or two paragraphs.
MAX_INTRO = 3


def prose_parts(doc: Document) -> frozenset[str]:
    """The parts (``Provision.top``) of ``doc`` with more than ``MAX_INTRO`` introductions, or
    whose sub-headings are a report's ordinals on lines of their own (1998's 第一, … 第八, in
    part 二): each heads a run of paragraphs, so the part is prose written in sections, and its
    opening paragraphs are read as the other year reads the same words in a part without them."""
    counts: dict[str, int] = {}
    for p in doc.provisions:
        if p.kind == "intro":
            counts[p.top] = counts.get(p.top, 0) + 1
    sectioned = {path[0] for path, h in doc.headings if h.style == ORDINAL and path}
    return frozenset(t for t, n in counts.items() if n > MAX_INTRO or t in sectioned)


def classes(a: Document, b: Document) -> list[tuple[list[int], list[int]]]:
    """Provision indices of both plans, by class: items with items, paragraphs with paragraphs.

    Numbered items (and the paragraphs of items that hold several) are matched with items, and
    unnumbered paragraphs (part introductions,
    preambles) with paragraphs, so that an introduction listing every action of its part does
    not take the place of the action that really corresponds; but the introductions of a part
    with many of them are prose (``MAX_INTRO``) and are matched as paragraphs of items. A plan
    without numbered items (numbering stripped, or never there) has only paragraphs: then everything is one class, so
    its paragraphs can correspond to the other plan's items. Formulas are a class of their own.
    """
    def split(doc: Document) -> tuple[list[int], list[int], list[int]]:
        prose = prose_parts(doc)
        items = [i for i, p in enumerate(doc.provisions)
                 if p.kind in ITEM_KINDS or (p.kind == "intro" and p.top in prose)]
        formulas = [i for i, p in enumerate(doc.provisions) if p.kind in FORMULA_KINDS]
        taken = set(items)
        rest = [i for i, p in enumerate(doc.provisions) if i not in taken and p.kind not in FORMULA_KINDS]
        return items, rest, formulas

    (ia, pa, fa), (ib, pb, fb) = split(a), split(b)
    if not ia or not ib:
        return [(ia + pa, ib + pb), (fa, fb)]
    return [(ia, ib), (pa, pb), (fa, fb)]


__all__ = ["FORMULA_KINDS", "ITEM_KINDS", "MAX_INTRO", "classes", "prose_parts"]
