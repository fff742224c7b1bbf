"""Boilerplate (套话): formulas every notice and regulation repeats, which say nothing about reuse.

A family is boilerplate when its passage is made of formulas (below: entry into force, who
interprets, "各地区各部门要结合实际认真贯彻落实", "现将…印发给你们", repeal clauses …), or when it
is shared by so many documents that it says more about the genre than about any two of them:
half the documents or more (and at least ``HALF_MIN_DOCS``), at any corpus size from 3 documents
up, or, in a large corpus, ``BOILERPLATE_SHARE`` of the documents (and at least
``BOILERPLATE_MIN_DOCS``). Boilerplate families stay in the report, flagged, with the reason;
they are kept out of the document-pair and per-document shares unless asked for
(``include_boilerplate``).

The patterns match the *key* (text without punctuation, ``verify.key``); the formulas of
reports and speeches are the shared lexicon of ``segment.formulas`` (``data/formulas.toml``),
matched on the text.
"""

from __future__ import annotations

from ..lazy_pattern import lazy

#: A family in at least this share of the documents (and ``BOILERPLATE_MIN_DOCS``) is boilerplate.
BOILERPLATE_SHARE = 0.2
BOILERPLATE_MIN_DOCS = 50
#: So is a family in half the documents or more, in a corpus of any size, when it is in at least
#: this many (two documents sharing a passage is a finding, not a genre).
HALF_MIN_DOCS = 3
#: A key this much covered by formulas is "made of formulas".
FORMULA_COVER = 0.6

_DOC = r"(?:办法|规定|条例|细则|实施细则|规则|意见|通知|方案|决定|规划|计划|准则|标准|制度|纲要|要点)"
FORMULAS = tuple(lazy(p) for p in (
    rf"本{_DOC}(?:自|从|于)?.{{0,24}}?(?:起|之日)(?:开始)?(?:施行|实施|执行|生效)",
    rf"本{_DOC}.{{0,6}}(?:由|的解释).{{0,40}}?(?:负责)?解释",
    rf"本{_DOC}(?:有效期|试行期).{{0,20}}",
    rf"(?:此前|以前|之前|原|过去).{{0,40}}?(?:与本{_DOC}.{{0,6}}不一致的.{{0,12}}|同时废止|一律废止)",
    r"(?:发布|印发|施行)的.{0,50}?(?:同时|一并|予以)废止",
    rf"(?:为了|为)(?:规范|加强|促进|保障).{{0,60}}?根据.{{0,60}}?制定本{_DOC}",
    rf"本{_DOC}适用于.{{0,40}}",
    r"(?:法律|行政)?法规.{0,10}另有规定的.{0,4}从其规定",
    r"国家.{0,8}另有规定的.{0,4}从其规定",
    r"现将.{0,60}?印发给你们",
    r"请(?:结合(?:本地区|本部门|本单位|各地|实际|工作实际)+)?.{0,6}认真(?:贯彻)?(?:执行|落实|贯彻落实|遵照执行|组织实施)",
    r"各(?:地区|地方|部门|单位|级|省|市|县|区)+.{0,30}?(?:要|应当|应)?.{0,10}?(?:结合实际|认真贯彻|贯彻落实|抓好落实|遵照执行|切实抓好|认真组织实施)",
    r"(?:执行|实施)(?:过程)?中(?:遇到|发现|有)?的?(?:重大|重要)?问题.{0,30}?(?:报告|反馈|联系|请示)",
    r"经.{0,30}?(?:同意|批准).{0,4}现.{0,6}(?:印发|转发)",
    r"特此(?:通知|公告|批复|函告)",
))


def formula_cover(key: str) -> float:
    """Share of a key's characters matched by formula patterns (0..1)."""
    if not key:
        return 0.0
    hit = bytearray(len(key))
    for pat in FORMULAS:
        for m in pat.finditer(key):
            hit[m.start() : m.end()] = b"\x01" * (m.end() - m.start())
    return sum(hit) / len(key)


#: How the formulas of reports (``segment.formulas``) are named in a reason.
_REPORT_FORMULAS = {"salutation": "salutation", "opening": "opening formula of a report",
                    "thanks": "thanks", "date_speaker": "date-and-speaker line",
                    "closing_call": "closing call"}


def reason(key: str, documents: int, corpus_documents: int, *,
           share: float = BOILERPLATE_SHARE, min_docs: int = BOILERPLATE_MIN_DOCS,
           text: str | None = None) -> str:
    """Why a family with this representative key (and ``text``, the same with punctuation) is
    boilerplate, or "" when it is not: "formula" (of a notice or regulation), "formula: opening
    formula of a report" (salutations, opening, thanks, date-and-speaker lines, closing calls:
    ``segment.formulas``, whatever the number of documents), "in 15 of 16 documents (half or
    more)" or "in 23% of documents"."""
    if formula_cover(key) >= FORMULA_COVER:
        return "formula"
    from ..segment.formulas import formula_reason

    said = formula_reason(text if text is not None else key)
    if said:
        return f"formula: {_REPORT_FORMULAS.get(said, said)}"
    if not corpus_documents:
        return ""
    if documents >= HALF_MIN_DOCS and 2 * documents >= corpus_documents:
        return f"in {documents:,} of {corpus_documents:,} documents (half or more)"
    if documents >= min_docs and documents >= share * corpus_documents:
        return f"in {documents / corpus_documents:.0%} of documents"
    return ""


__all__ = ["BOILERPLATE_MIN_DOCS", "BOILERPLATE_SHARE", "FORMULAS", "HALF_MIN_DOCS", "formula_cover", "reason"]
