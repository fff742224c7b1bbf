"""Agency attributions at the end of plan items: who leads, who is responsible.

Forms seen in the wild (after punctuation normalisation):
  (牵头单位:市经信委;责任单位:市发改委、市国土资源局等)
  (责任单位:市大数据局,市委编办)
  (市政务服务和数据管理局牵头,市公安局等有关单位按职责分工负责)
  (五市人民政府、宁东管委会负责实施,自治区经济和信息化委指导)
  [市民政局、市住建局按职责分工负责]
"""

from __future__ import annotations

import re
from dataclasses import field

from ..dataclass_code import dataclass
from ..lazy_pattern import lazy

_MARKER = lazy(r"牵头|负责|配合|指导|责任单位|责任部门|协办|参与单位|协助|主办单位")
_ORGAN = lazy(r"局|委|办|厅|政府|中心|公司|部|院|会|署|行|台|所|队|社|团|处|科|站|室|组|馆|监|网信|单位|部门")
_LABELLED = lazy(
    r"^(?P<key>牵头单位|牵头部门|主办单位|责任单位|责任部门|主要责任单位|配合单位|配合部门|协办单位|"
    r"参与单位|指导单位|实施单位)[:]?(?P<names>.*)$"
)
_ROLE_SUFFIX = lazy(
    r"^(?P<names>.*?)(?P<role>牵头负责|牵头|按职责分工负责|按职责负责|分工负责|负责实施|负责落实|"
    r"具体负责|共同负责|负责|配合实施|配合|协助|参与|指导)$"
)
_LABEL_BREAK = lazy(
    r"[,，]\s*(?=(?:牵头单位|牵头部门|主办单位|责任单位|责任部门|主要责任单位|配合单位|配合部门|协办单位|"
    r"参与单位|指导单位|实施单位)[:：])"
)
_LEADING = lazy(r"^(由|请|以)")
_BARE = lazy(
    r"(?:^|(?<=[。;\n]))\s*((?:牵头单位|牵头部门|责任单位|责任部门|主要责任单位|配合单位|配合部门)"
    r"[:][^。\n()]*(?:[;,][^。\n()]*)*)[。]?\s*(?=$|\n)"
)
_TRAILING = lazy(r"(等有关单位|等相关单位|等有关部门|等相关部门|等单位|等部门|等)$")
_OPEN_CLOSE = {"(": ")", "[": "]", "【": "】"}
_BRACKETS = lazy("[" + re.escape("".join(_OPEN_CLOSE) + "".join(_OPEN_CLOSE.values())) + "]")


@dataclass
class Attribution:
    """Agencies named in one attribution, by role."""

    lead: list[str] = field(default_factory=list)
    responsible: list[str] = field(default_factory=list)
    guide: list[str] = field(default_factory=list)

    def extend(self, other: Attribution) -> None:
        for name in ("lead", "responsible", "guide"):
            mine = getattr(self, name)
            mine.extend(a for a in getattr(other, name) if a not in mine)


def _role_list(role: str, att: Attribution) -> list[str]:
    if role in {"牵头单位", "牵头部门", "主办单位", "牵头", "牵头负责"}:
        return att.lead
    if role in {"指导单位", "指导"}:
        return att.guide
    return att.responsible


def _split_top(chunk: str, separators: str) -> list[str]:
    """Split on separators outside parentheses: "各县(市、区)" stays whole."""
    parts, depth, start = [], 0, 0
    for i, ch in enumerate(chunk):
        if ch in "(（":
            depth += 1
        elif ch in ")）" and depth:
            depth -= 1
        elif ch in separators and depth == 0:
            parts.append(chunk[start:i])
            start = i + 1
    parts.append(chunk[start:])
    return parts


def _names(chunk: str) -> list[str]:
    out = []
    for name in _split_top(chunk, "、,，/"):
        name = _LEADING.sub("", _TRAILING.sub("", name.strip(" :")))
        if name and name not in out:
            out.append(name)
    return out


def parse_attribution(content: str) -> Attribution | None:
    """Parse the inside of an attribution group; None if it does not name agencies by role."""
    if not _MARKER.search(content) or "。" in content or not _ORGAN.search(content):
        return None
    att = Attribution()
    found = False
    # Labelled parts may be separated by a comma too: "牵头部门:X,配合部门:Y".
    content = _LABEL_BREAK.sub(";", content)
    for segment in _split_top(content, ";；"):
        segment = segment.strip()
        if not segment:
            continue
        m = _LABELLED.match(segment)
        if m:
            _role_list(m.group("key"), att).extend(_names(m.group("names")))
            found = True
            continue
        # Unlabelled clauses take the role named at the end of the next clause that names one:
        # "自治区党委网信办,公安厅牵头" -> both lead.
        pending: list[str] = []
        for clause in _split_top(segment, ","):
            clause = clause.strip()
            if not clause:
                continue
            r = _ROLE_SUFFIX.match(clause)
            if r and r.group("names"):
                target = _role_list(r.group("role"), att)
                target.extend(pending + _names(r.group("names")))
                pending = []
                found = True
            else:
                pending.extend(_names(clause))
        if pending:
            if not found:
                return None  # a parenthetical list with no role is not an attribution
            att.responsible.extend(pending)
    return att if found else None


def _groups(text: str) -> list[tuple[int, int]]:
    """Spans of top-level bracketed groups, nesting respected."""
    spans = []
    stack: list[tuple[str, int]] = []
    for m in _BRACKETS.finditer(text):  # only the brackets, not every character
        i, ch = m.start(), m.group()
        if ch in _OPEN_CLOSE:
            stack.append((ch, i))
        elif stack and ch == _OPEN_CLOSE[stack[-1][0]]:
            _opener, start = stack.pop()
            if not stack:
                spans.append((start, i + 1))
    return spans


def extract_agencies(text: str) -> tuple[str, Attribution]:
    """Take the attributions out of a provision's text; return the clean text and the agencies.

    Only a group standing at a sentence boundary counts (end of text, or right after 。/;), so a
    parenthetical inside a sentence is left alone.
    """
    att = Attribution()
    pieces = []
    last = 0
    for start, end in _groups(text):
        before = text[:start].rstrip()
        after = text[end:].lstrip()
        at_boundary = not before or before[-1] in "。;!?" or not after or after[0] in "。;\n"
        if not at_boundary:
            continue
        parsed = parse_attribution(text[start + 1 : end - 1])
        if parsed is None:
            continue
        att.extend(parsed)
        pieces.append(text[last:start])
        last = end
    pieces.append(text[last:])
    clean = "".join(pieces)
    # Unbracketed attributions in a sentence or line of their own: "责任单位:市发改委、市财政局。"
    def take(m: re.Match[str]) -> str:
        parsed = parse_attribution(m.group(1))
        if parsed is None:
            return m.group(0)
        att.extend(parsed)
        return ""

    clean = _BARE.sub(take, clean)
    clean = re.sub(r"。{2,}", "。", clean).strip()
    return clean, att
