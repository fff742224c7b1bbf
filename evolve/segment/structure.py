"""Building a plan's heading tree and its provisions from normalised lines."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import field

from ..dataclass_code import dataclass
from ..lazy_pattern import lazy
from ..records import Heading, Provision
from .formulas import FORMULA, formula_reason, is_formula, starts_with_salutation
from .letterhead import (
    SPEECH_LINE,
    is_bare_speaker,
    is_info_box_line,
    is_signatory_line,
    is_speaker_line,
    join_speech_line,
)
from .numbering import RANK, match_numbering, next_item_at, split_inline_headings
from .ordinals import STYLE as ORDINAL
from .ordinals import after_title, ordinal_lines
from .titles import MAX_TITLE_LINE, article_title, long_title, split_title
from .units import TABLE_ROW, Unit, clauses_of, paragraph_units

_ATTACHMENT = lazy(r"^附件\s*\d*\s*[:]?\s*(.*)$")
_DOC_NUMBER_LINE = lazy(r"^\S{1,12}[〔\[(]\d{4}[〕\])]\s*第?\d{1,4}号$")
_DATE_LINE = lazy(
    r"^(\d{4}|[一二三四五六七八九〇零]{4})年[\d一二三四五六七八九十〇]{1,3}月[\d一二三四五六七八九十〇]{1,3}日$"
)
#: A regulation's adoption (or revision) note: "(2021年6月10日…会议通过 2021年7月…批准)",
#: "(《…条例》已由…会议于…通过，现予公布)": metadata, not a provision.
_ADOPTION = lazy(
    r"^[(（][^()（）]{0,40}?(?:\d{4}|[一二三四五六七八九〇零]{4})\s*年.{0,400}?"
    r"(?:会议|常务委员会|人民政府|令).{0,200}?(?:通过|批准|修正|修订|公布|施行|废止)[^()（）]{0,200}[)）]$"
    r"|^[(（]《[^》]{1,60}》已.{0,200}(?:通过|批准|公布).{0,200}[)）]$"
    r"|^\d{4}年\d{1,2}月\d{1,2}日[^。()（）]{0,60}(?:人民代表大会|常务委员会)[^。()（）]{0,200}(?:通过|批准)[^。()（）]{0,200}$"
)
_ADDRESSEE = lazy(r"^(各|有关|市|省|区|县)[^。]{0,120}:$")
_PLAN_WORDS = lazy(
    r"(计划|方案|规划|要点|意见|办法|通知|纲要|条例|规定|细则|措施|决定|实施意见|指南|行动|报告|决议|公报|清单|指引)"
    r"(\(\d{4}[-—–~至]\d{4}年?\)|\(\d{4}年\))?$"
)
_ISSUER = lazy(r"(人民政府办公厅|人民政府办公室|人民政府|办公厅|办公室|委员会|管理局|局|厅|领导小组|中心)$")


@dataclass
class _Node:
    heading: Heading | None
    paragraphs: list[str] = field(default_factory=list)
    children: list[_Node] = field(default_factory=list)
    part: int = 0
    #: the title was a whole sentence ("(二)组织编制目录。"): with nothing under it, it is the body
    sentence_title: bool = False
    marker: str = ""  #: the line that opened this document part ("附件1"), kept with the letterhead
    #: an article's paragraphs (款) after its items: "有前款第(四)项行为的，……"
    tail: list[str] = field(default_factory=list)
    #: unnumbered text after a salutation that ends a numbered part (a report's closing parts on
    #: 民族、国防、外交 after its last item): a part of its own, not the tail of the item before
    closing: bool = False
    #: the open headings a closing stretch broke off: it goes back to them when the next heading
    #: is a sub-heading of the same part (1998: 第七, after a salutation within part 二)
    interrupted: list[_Node] = field(default_factory=list)
    #: how deep the heading nests (``numbering.RANK``); for a 第一, sub-heading, just under the
    #: heading it opened in, whatever that is (三、 in 1978, (一) in 1983)
    rank: float = 0


def classify_preamble_line(line: str) -> str | None:
    """Name a letterhead line that is metadata rather than plan text, or None."""
    if TABLE_ROW in line:  # a table row ending in an agency is not a signature
        return None
    if _DOC_NUMBER_LINE.match(line):
        return "doc_number"
    if _ADOPTION.match(line):
        return "adoption"
    if _DATE_LINE.match(line) or SPEECH_LINE.match(line):
        return "date"
    if is_info_box_line(line):
        return "info_box"
    if is_signatory_line(line):
        return "signatory"
    if is_speaker_line(line):
        return "speaker"
    if _ADDRESSEE.match(line):
        return "addressee"
    if len(line) <= MAX_TITLE_LINE and not re.search(r"[。,;]", line):
        if _PLAN_WORDS.search(line):
            return "title"
        if _ISSUER.search(line) and len(line) <= 30:
            return "issuer"
    return None


def build_tree(lines: list[str]) -> list[_Node]:
    """Group lines under headings; return one root node per document part of the file."""
    roots = [_Node(None)]
    stack: list[_Node] = [roots[0]]
    seen_top: set[str] = set()
    ordinals = ordinal_lines(lines)
    for index, raw in enumerate(lines):
        # each piece is cut against the stack as it is when that piece is read
        for k, line in enumerate(_pieces(raw, lambda: stack)):  # noqa: B023
            found = (ordinals.get(index) if k == 0 else None) or match_numbering(line)
            attachment = _ATTACHMENT.match(line)
            if attachment and len(line) <= MAX_TITLE_LINE:
                root = _Node(None, part=len(roots), marker=line[: attachment.start(1)].strip())
                roots.append(root)
                stack = [root]
                seen_top = set()
                if attachment.group(1):
                    root.paragraphs.append(attachment.group(1))
                continue
            if found is None:
                if len(stack) > 1 and not stack[-1].closing and (
                        starts_with_salutation(line) or is_formula(line, "closing_heading")):
                    closing = _Node(None, part=stack[0].part, closing=True, interrupted=stack)
                    stack[0].children.append(closing)
                    stack = [stack[0], closing]
                _add_paragraph(stack, line)
                continue
            heading, rest = found
            if stack[-1].closing:
                stack = _end_closing(stack, heading)
            # The outermost numbering restarting at one means a second document in the file
            # (a notice and its attached plan): keep the numbering apart.
            if (
                heading.number == 1
                and heading.style != ORDINAL
                and heading.style in seen_top
                and len(stack) > 1
                and (RANK[heading.style] <= min(n.rank for n in stack[1:] if n.heading))
            ):
                root = _Node(None, part=len(roots))
                # A title line just before belongs to the new document.
                prev = stack[-1].paragraphs
                if prev and classify_preamble_line(prev[-1]) == "title":
                    root.paragraphs.append(prev.pop())
                roots.append(root)
                stack = [root]
                seen_top = set()
            if heading.style == ORDINAL:  # its title is the line after the label, or its topic sentence
                title, body = heading.title, after_title(line, heading.title)
                sentence = bool(body) or line.endswith("。")
            else:
                title, body = article_title(rest) if heading.style == "article" else split_title(rest)
                sentence = bool(title) and not body and rest.rstrip().endswith("。")
            heading = Heading(heading.label, title, heading.style, heading.number)
            node = _Node(heading, part=stack[0].part, sentence_title=sentence)
            if body:
                node.paragraphs.append(body)
            if heading.style == ORDINAL:
                node.rank = _ordinal_place(stack, heading)
            else:
                node.rank = RANK[heading.style]
                while len(stack) > 1 and stack[-1].heading and stack[-1].rank >= node.rank:
                    stack.pop()
            if len(stack) == 1:
                seen_top.add(heading.style)
            stack[-1].children.append(node)
            stack.append(node)
    for root in roots:
        _closing_into_parts(root)
        _sibling_titles(root)
    return roots


#: Items (一)、(二) … or 一、二、 … of one parent, at least this many, give each other titles.
SIBLINGS = 3


def _sibling_titles(node: _Node) -> None:
    """Give an item the longer title its first sentence holds (``titles.long_title``) when at
    least two thirds of its sibling items have a title or hold such a sentence too: a report's
    parts run "坚持…、…,加快…,聚力打造…。" in one style. An article's items (rules) never do."""
    items = [c for c in node.children if c.heading is not None and c.heading.style in ("paren_cn", "cn")]
    if len(items) >= SIBLINGS and not (node.heading and node.heading.style == "article"):
        found = {}
        for c in items:
            if c.heading.title or not c.paragraphs:  # type: ignore[union-attr]
                continue
            title, body = long_title(c.paragraphs[0])
            # a title line of its own ("(一)久久为功推动粤港澳大湾区建设,打造…。") heads what follows
            if title and (body or len(c.paragraphs) > 1 or c.children):
                found[id(c)] = (title, body)
        titled = sum(1 for c in items if c.heading.title or id(c) in found)  # type: ignore[union-attr]
        if found and 3 * titled >= 2 * len(items):
            for c in items:
                if id(c) not in found:
                    continue
                title, body = found[id(c)]
                h = c.heading
                c.heading = Heading(h.label, title, h.style, h.number)  # type: ignore[union-attr]
                if body:
                    c.paragraphs[0] = body
                else:
                    c.paragraphs.pop(0)
                c.sentence_title = True
    for child in node.children:
        _sibling_titles(child)


def _pieces(raw: str, open_nodes: Callable[[], list[_Node]]) -> Iterator[str]:
    """The lines of ``raw`` to read one after another: ``split_inline_headings``'s, each also cut
    before an item run on after the one before (``next_item_at``), against the headings open when
    that piece is read."""
    queue = split_inline_headings(raw)
    while queue:
        line = queue.pop(0)
        m = next_item_at(line, [n.heading for n in open_nodes()[1:] if n.heading])
        if m is not None:
            queue.insert(0, line[m.end():])
            line = line[: m.start()].strip()
        yield line


def _end_closing(stack: list[_Node], heading: Heading) -> list[_Node]:
    """The stack after a closing stretch when ``heading`` comes. A heading under the part the
    salutation spoke in (第七 after 第六 in part 二) shows the salutation was inside the part: its
    paragraphs go back to the heading they followed and are no closing."""
    closing = stack[-1]
    before = closing.interrupted
    part = before[1].heading if len(before) > 1 else None
    if heading.style == ORDINAL:
        inside = heading.number != 1 and any(n.heading and n.heading.style == ORDINAL for n in before)
    else:
        inside = part is not None and RANK[heading.style] > before[1].rank
    if not inside:
        return stack[:-1]
    stack[0].children.remove(closing)
    for line in closing.paragraphs:
        _add_paragraph(before, line)
    return before


def _ordinal_place(stack: list[_Node], heading: Heading) -> float:
    """Pop ``stack`` to where a 第X, sub-heading goes and return its rank: the next of a run
    replaces the one before (and what nests in it); the first of a run nests in the open heading,
    one step under it."""
    last = max((k for k, n in enumerate(stack) if n.heading and n.heading.style == ORDINAL), default=0)
    if last:
        del stack[last:]
    parent = stack[-1]
    return parent.rank + 0.5 if parent.heading else RANK[ORDINAL]


def _add_paragraph(stack: list[_Node], line: str) -> None:
    """Put an unnumbered line under the open heading; after an article's items (一)(二) it is
    the article's next paragraph (款), not more of its last item."""
    node = stack[-1]
    h = node.heading
    parent = stack[-2].heading if len(stack) > 2 else None
    if h and h.style == "paren_cn" and parent and parent.style == "article" and (node.paragraphs or h.title):
        stack.pop()
        stack[-1].tail.append(line)
    elif h and h.style == "article" and node.children:
        node.tail.append(line)
    else:
        node.paragraphs.append(line)


def _closing_into_parts(root: _Node) -> None:
    """A closing stretch followed by another numbered part closes the part before it (a review's
    summing-up after its last item): it becomes that part's last child. Only the stretch after the
    last numbered part stays a part of its own."""
    kept: list[_Node] = []
    for n, child in enumerate(root.children):
        later = any(c.heading is not None for c in root.children[n + 1:])
        if child.closing and later and kept and kept[-1].heading is not None:
            kept[-1].children.append(child)
        else:
            kept.append(child)
    root.children = kept


def _provision(pid: int, path: tuple[str, ...], label: str, unit: Unit, kind: str, part: int,
               item: str) -> Provision:
    att = unit.attribution
    return Provision(
        id=f"p{pid}", path=path, label=label, heading=unit.heading, text=unit.text,
        clauses=clauses_of(unit), lead=tuple(att.lead), responsible=tuple(att.responsible),
        guide=tuple(att.guide), kind=kind, part=part, item=item, paragraph=unit.paragraph,
        piece=unit.piece,
    )


def provisions_from_tree(
    roots: list[_Node],
) -> tuple[list[Provision], list[tuple[tuple[str, ...], Heading]], list[str]]:
    """Flatten the tree into provisions in reading order; also return headings and letterhead.

    An item of one paragraph is one provision; an item or heading holding several paragraphs
    gives one provision per paragraph, the item in its path and ``item``.
    """
    provisions: list[Provision] = []
    headings: list[tuple[tuple[str, ...], Heading]] = []
    letterhead: list[str] = []

    def add(path: tuple[str, ...], label: str, units: list[Unit], kind: str, part: int, item: str) -> None:
        for unit in units:
            text = f"{unit.heading}。{unit.text}" if unit.heading and unit.text else unit.heading or unit.text
            own = FORMULA if unit.piece <= 1 and formula_reason(text) else kind
            provisions.append(_provision(len(provisions) + 1, path, label, unit, own, part, item))

    def walk(node: _Node, path: tuple[str, ...]) -> None:
        if node.closing:
            add(path, "", paragraph_units(node.paragraphs), "closing", node.part, path[-1] if path else "")
            return
        h = node.heading
        assert h is not None
        headings.append((path, h))
        own = (*path, h.text)
        if not node.children:
            if node.sentence_title and not node.paragraphs:
                add(path, h.label, [Unit("", h.title + "。", 1)], "item", node.part, h.text)
                return
            # an article's sentences are its rules, none of them a heading
            units = paragraph_units(node.paragraphs, topics=h.style != "article")
            if len({u.paragraph for u in units}) > 1:
                add(own, "", units, "paragraph", node.part, h.text)
                return
            # one paragraph: the item itself, its inline title as heading
            units = paragraph_units(node.paragraphs, topics=False, title=h.title) or [Unit("", "", 1)]
            add(path, h.label, units, "item", node.part, h.text)
            return
        intro = paragraph_units(node.paragraphs, topics=h.style != "article")
        add(own, "", intro, "intro", node.part, h.text)
        for child in node.children:
            walk(child, own)
        if node.tail:
            tail = paragraph_units(node.tail, topics=False)
            for unit in tail:
                unit.paragraph += max((u.paragraph for u in intro), default=0)
            add(own, "", tail, "paragraph", node.part, h.text)

    for root in roots:
        letterhead.extend(_pop_signature(root))
        if root.marker:
            letterhead.append(root.marker)
        body = []
        previous = ""
        for para in join_speech_line(root.paragraphs):
            if classify_preamble_line(para) is not None or is_bare_speaker(para, previous):
                letterhead.append(para)
            else:
                body.append(para)
            previous = para
        add((), "", paragraph_units(body), "preamble", root.part, "")
        for child in root.children:
            walk(child, ())
    return provisions, headings, letterhead


def _pop_signature(root: _Node) -> list[str]:
    """Take the signature block (issuer, date) off the end of a document's last item."""
    node = root
    while node.children and not node.tail:
        node = node.children[-1]
    if node is root:
        return []
    taken: list[str] = []
    last = node.tail or node.paragraphs
    while last and classify_preamble_line(last[-1]) in {"issuer", "date", "doc_number", "signatory"}:
        taken.insert(0, last.pop())
    return taken
