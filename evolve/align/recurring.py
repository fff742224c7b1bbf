"""Paragraphs carried over from one report to the next: the same topic sentence, or the same
wording with other figures.

A work report repeats paragraphs every year: the main-targets paragraph (国内生产总值增长8%左右… →
增长7.5%…), the fiscal and monetary paragraphs (继续实施积极的财政政策。), the closing parts on
民族、国防、外交. Their figures change and their rank among the other paragraphs' similarities may
not stand out, and one may sit in a part's introduction while the other is a paragraph of an item.
``recurring_pairs`` finds them on the texts with their figures masked: a topic sentence said in
both plans (once in each), or a paragraph whose masked text is the other's closest by a clear
margin; these pairs correspond before any other signal is looked at (``align``).
"""

from __future__ import annotations

from collections.abc import Sequence

from ..lazy_pattern import lazy
from ..records import Document, Provision
from .figures import mask_figures

#: Two paragraphs whose masked texts are each other's closest, at least this similar (rapidfuzz
#: ratio, 0..100) ...
MIN_RATIO = 40.0
#: ... and this many times as similar as either one's next candidate, are one paragraph carried over.
MARGIN = 1.4
#: A topic sentence this short ("总之") names no topic.
MIN_TOPIC = 4
#: Only paragraphs (not one-line items of a plan's list) are compared whole.
MIN_CHARS = 40
#: Above this many paragraph pairs (two outlines of thousands of paragraphs) the whole-text
#: comparison is skipped: the sentence anchors and the scores still place carried-over paragraphs.
MAX_PAIRS = 4_000_000


#: This year's targets announced: "今年…主要预期目标是:", "2024年…主要预期目标", "经济增长预期目标为".
_TARGETS_LEAD = lazy(r"(今年|本年|年度|#年)[^。;]{0,30}(预期目标|主要目标|发展目标)"
                           r"|(预期目标|主要目标)(建议)?(是|为|:)|(增长|发展)的?预期(目标)?为"
                           r"|今年[^。;]{0,12}(生产总值|GDP)(同比)?增长#")
#: The growth figure of GDP (国内生产总值, 地区生产总值, 全市生产总值 …) or of the economy.
_GROWTH = lazy(r"(生产总值|GDP|经济)(同比)?(增长|增速)(预期目标为|目标为|预期为|为|不低于|达到|保持在)?#")
#: A plan period's goals are not this year's: 年均增长, 今后五年, “十二五”.
_PERIOD = lazy(r"年均(增长|增速)|今后五年|五年规划|规划期|十[一二三四五六七八九]五”?(时期|期间|末)|到#年")


def targets_paragraph(doc: Document, *, formula: frozenset[str] = frozenset({"formula"})) -> int | None:
    """Index of the paragraph that sets the year's main targets (its growth figure, announced as
    this year's targets in it or in the paragraph before: "今年…主要预期目标是:"), or None.
    Figures are masked before the patterns are tried: "2024年" reads "#年"."""
    prev = ""
    for i, p in enumerate(doc.provisions):
        text = mask_figures(p.full_text)
        if p.kind not in formula and _GROWTH.search(text) and not _PERIOD.search(text) and (
                _TARGETS_LEAD.search(text) or _TARGETS_LEAD.search(prev[-60:])
                or (p.path and "预期目标" in p.path[-1])):
            return i
        prev = text
    return None


def _topic(p: Provision) -> str:
    return mask_figures(p.heading).rstrip("。;!") if p.heading and p.text else ""


def recurring_pairs(a: Document, b: Document, *, formula: frozenset[str] = frozenset({"formula"})
                    ) -> list[tuple[int, int, str]]:
    """(index in a, index in b, why) of paragraphs carried over: why is "targets" (each sets its
    year's main targets), "topic" (the same topic sentence, said once in each plan) or "wording"
    (the same wording, figures aside)."""
    pa, pb = a.provisions, b.provisions
    keep_a = [i for i, p in enumerate(pa) if p.kind not in formula]
    keep_b = [j for j, p in enumerate(pb) if p.kind not in formula]
    out: list[tuple[int, int, str]] = []
    taken_a: set[int] = set()
    taken_b: set[int] = set()
    # the paragraphs setting each year's main targets
    ta, tb = targets_paragraph(a, formula=formula), targets_paragraph(b, formula=formula)
    if ta is not None and tb is not None:
        out.append((ta, tb, "targets"))
        taken_a.add(ta)
        taken_b.add(tb)
    # the same topic sentence, once in each plan
    topics_a = _unique_topics(pa, keep_a)
    topics_b = _unique_topics(pb, keep_b)
    for t, i in topics_a.items():
        j = topics_b.get(t)
        if j is not None and i not in taken_a and j not in taken_b:
            out.append((i, j, "topic"))
            taken_a.add(i)
            taken_b.add(j)
    # the same wording, figures aside
    rows = [i for i in keep_a if len(pa[i].full_text) >= MIN_CHARS and i not in taken_a]
    cols = [j for j in keep_b if len(pb[j].full_text) >= MIN_CHARS and j not in taken_b]
    if len(rows) < 2 or len(cols) < 2 or len(rows) * len(cols) > MAX_PAIRS:
        return out
    out += [(rows[r], cols[c], "wording")
            for r, c in _carried([mask_figures(pa[i].full_text) for i in rows],
                                 [mask_figures(pb[j].full_text) for j in cols])]
    return sorted(out)


#: Below this ratio a score is left out of the comparison: a second candidate under it cannot
#: spoil a pair at ``MIN_RATIO`` (MIN_RATIO / MARGIN = 28.57), so the pairs found are those of
#: the whole matrix of ratios.
_LEAST = 28.0


def _carried(source: Sequence[str], target: Sequence[str]) -> list[tuple[int, int]]:
    """(source index, target index) of the texts that are each other's closest (rapidfuzz ratio,
    in single precision as ``process.cdist`` gave it; the first of equals), at least ``MIN_RATIO``
    alike and ``MARGIN`` times as alike as the next candidate of either."""
    from .anchors import near_pairs

    top_r: list[list[tuple[float, int]]] = [[] for _ in source]  # the two best (score, -index)
    top_c: list[list[tuple[float, int]]] = [[] for _ in target]
    for i, j, s in near_pairs(source, target, _LEAST):
        _keep_two(top_r[i], (s, -j))
        _keep_two(top_c[j], (s, -i))
    out = []
    for i, top in enumerate(top_r):
        if not top:
            continue
        s, j = top[0][0], -top[0][1]
        if -top_c[j][0][1] != i:
            continue
        second = max(top[1][0] if len(top) > 1 else 0.0, top_c[j][1][0] if len(top_c[j]) > 1 else 0.0, 1.0)
        if s >= MIN_RATIO and s >= MARGIN * second:
            out.append((i, j))
    return out


def _keep_two(top: list[tuple[float, int]], item: tuple[float, int]) -> None:
    """Keep the two largest items of ``top``, largest first."""
    if not top or item > top[0]:
        top.insert(0, item)
        del top[2:]
    elif len(top) == 1 or item > top[1]:
        top[1:] = [item]


def _unique_topics(ps: Sequence[Provision], keep: Sequence[int]) -> dict[str, int]:
    seen: dict[str, list[int]] = {}
    for i in keep:
        t = _topic(ps[i])
        if len(t) >= MIN_TOPIC:
            seen.setdefault(t, []).append(i)
    return {t: v[0] for t, v in seen.items() if len(v) == 1}


__all__ = ["recurring_pairs", "targets_paragraph"]
