"""Normalisation: any plan, however it arrived, to clean Simplified text with a change log.

The chain is a list of small named steps; ``normalise`` runs them in order and reports how many
changes each made (``NormalisedText.counts``), so a researcher can justify what was done.
"""

from __future__ import annotations

from ..han import count_han
from ..readers import RULES as READER_RULES
from ..records import NormalisedText
from . import steps
from .furniture import drop_furniture
from .html import html_to_text
from .pinyin import remove_glosses
from .repeats import collapse_copies
from .script import reverse_taiwan_vocabulary, shows_taiwan_conversion, to_simplified

#: The character-level steps run before script conversion, in order.
BEFORE_SCRIPT: tuple[steps.Step, ...] = (
    steps.Step("html", html_to_text, "a plan saved as a web page: markup removed, blocks become lines"),
    steps.Step("line_endings", steps.line_endings, "CRLF and CR line breaks become LF"),
    steps.Step("control_characters", steps.control_characters,
               "terminal escape sequences and control characters are removed; a form feed breaks the line"),
    steps.Step("spaces", steps.spaces, "full-width and odd spaces become spaces; invisible marks go"),
    steps.Step("pinyin_glosses", remove_glosses, "pinyin glosses such as 發(fā) are removed"),
    steps.Step("fullwidth_alnum", steps.fullwidth_alnum, "full-width Latin letters and digits become ASCII"),
    steps.Step("punctuation", steps.punctuation, "full-width ( ) : ; , ! ? . take their ASCII form"),
    steps.Step("spaced_digits", steps.spaced_digits,
               "a text that puts a space after every digit (1 9 9 7 年) has its numbers joined"),
)
#: Steps run after furniture removal.
AFTER_FURNITURE: tuple[steps.Step, ...] = (
    steps.Step("broken_quotes", steps.broken_quotes, "a '!' standing for an opening quote becomes “"),
    steps.Step("wrapped_brackets", steps.wrapped_brackets,
               "a parenthesised note broken over lines (an adoption line) is joined"),
    steps.Step("inline_page_numbers", steps.inline_page_numbers,
               "page numbers left between words by a PDF's text dump (\"加快 — 11 — 培塑\") are removed"),
    steps.Step("reflow", steps.reflow, "long run-together lines break before numbering labels"),
    steps.Step("layout", steps.layout, "indents, trailing spaces and blank lines are trimmed"),
)

#: Every rule that may appear in the change counts, with what it does.
RULES: dict[str, str] = {
    **READER_RULES,
    **{s.name: s.doc for s in BEFORE_SCRIPT},
    "traditional_to_simplified": "Traditional characters become Simplified (OpenCC t2s)",
    "taiwan_vocabulary": "Taiwan vocabulary becomes mainland (project table, protected terms)",
    "news_lead": "a news item and '原文如下' before the plan are dropped",
    "encyclopedia": "encyclopedia furniture (基本介绍 boxes, 相关词条 …) is dropped",
    "page_chrome": "web page furniture (打印本页, 关闭窗口 …) is dropped",
    "export_header": "database export header lines (【法宝引证码】, 原文链接 …) are dropped",
    "table_of_contents": "a table of contents (目录 and its entries, a chapter list before the body, dot leaders) "
                         "is dropped",
    "page_controls": "a web page's font-size, print, share and download controls (字号:大中小, 打印 收藏) are dropped",
    "site_navigation": "a web site's navigation (首页|简|繁|EN|登录, 您现在的位置:首页>…, link lists) is dropped",
    "site_footer": "a web site's footer (版权所有, ICP备…, 主办单位, browser advice) is dropped",
    "byline": "a web page's byline (来源:…, 发布时间:…, 责任编辑:…, a posting time) is dropped",
    "photo_caption": "a news photo's caption (本报记者 … 摄) is dropped",
    "related_links": "a news page's related links (相关报道: and the headlines after it) are dropped",
    "publication_note": "notes such as (此件公开发布) are dropped",
    "advertising": "advertising lines injected into the page are dropped",
    "punctuation_only": "lines without any word (a stray '|') are dropped",
    "repeated_copies": "a body printed two or three times (a web page's run-together copy, then the formatted "
                       "one): lines of every copy but the best-structured one dropped or cut",
    "repeated_copies_restored": "pieces only a dropped copy held (a chapter heading, an item) put back into the "
                                "kept copy between the same neighbours",
    **{s.name: s.doc for s in AFTER_FURNITURE},
}


def normalise(text: str) -> NormalisedText:
    """Run the whole chain on a decoded plan text."""
    counts: dict[str, int] = {}

    def note(rule: str, n: int) -> None:
        if n:
            counts[rule] = counts.get(rule, 0) + n

    for step in BEFORE_SCRIPT:
        text, n = step.run(text)
        note(step.name, n)

    han = count_han(text)
    text, n = to_simplified(text)
    note("traditional_to_simplified", n)
    taiwan = shows_taiwan_conversion(text, traditional_share=n / han if han else 0.0)
    if taiwan:
        text, n = reverse_taiwan_vocabulary(text)
        note("taiwan_vocabulary", n)

    text, furniture_counts, removed = drop_furniture(text)
    for rule, n in furniture_counts.items():
        note(rule, n)

    copies = collapse_copies(text)
    text = copies.text
    note("repeated_copies", copies.dropped)
    note("repeated_copies_restored", copies.restored)

    for step in AFTER_FURNITURE:
        text, n = step.run(text)
        note(step.name, n)
    return NormalisedText(text=text, counts=counts, removed=tuple(removed), taiwan_vocabulary=taiwan)


__all__ = ["RULES", "normalise"]
