"""Small pure normalisation steps: each turns text into text and counts what it changed."""

from __future__ import annotations

import re
from collections.abc import Callable
from itertools import pairwise

from ..dataclass_code import dataclass
from ..lazy_pattern import lazy

#: A step returns the new text and how many changes it made.
StepFn = Callable[[str], tuple[str, int]]


@dataclass(frozen=True)
class Step:
    """One named normalisation rule."""

    name: str  #: the key under which its change count is reported
    run: StepFn
    doc: str  #: one line on what it does, for ``evolve normalise --explain`` and the README


def line_endings(text: str) -> tuple[str, int]:
    """CRLF and lone CR become LF."""
    n = text.count("\r")
    return text.replace("\r\n", "\n").replace("\r", "\n"), n


# A terminal colour or cursor sequence (ESC [ … letter, ESC ] … BEL) pasted from a console or a
# log, then any other C0/C1 control character; a form feed or vertical tab (a page break in
# extracted text) is a line break.
_ESCAPE_SEQUENCE = lazy(r"\x9b[0-?]*[ -/]*[@-~]|\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)?|[@-~])")
_CONTROL = lazy("[\x00-\x08\x0e-\x1f\x7f-\x9f\x1b]")
_PAGE_BREAK = lazy("[\x0b\x0c]")


def control_characters(text: str) -> tuple[str, int]:
    """Terminal escape sequences and control characters go; a form feed becomes a line break."""
    text, n1 = _ESCAPE_SEQUENCE.subn("", text)
    text, n2 = _CONTROL.subn("", text)
    text, n3 = _PAGE_BREAK.subn("\n", text)
    return text, n1 + n2 + n3


_INVISIBLE = lazy("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_SPACES = lazy("[\u3000\u00a0\u2002\u2003\u2009\t]")


def spaces(text: str) -> tuple[str, int]:
    """Full-width, no-break and other odd spaces become plain spaces; invisible marks go."""
    text, n1 = _INVISIBLE.subn("", text)
    text, n2 = _SPACES.subn(" ", text)
    return text, n1 + n2


def _fold(m: re.Match[str]) -> str:
    return chr(ord(m.group(0)) - 0xFEE0)


_FULLWIDTH_ALNUM = lazy("[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]")


def fullwidth_alnum(text: str) -> tuple[str, int]:
    """Full-width Latin letters and digits become ASCII (ＩＰｖ６ -> IPv6); nothing else is folded."""
    return _FULLWIDTH_ALNUM.subn(_fold, text)


# The canonical forms are the ASCII ones, which the bulk of web-collected plans already use and
# which numbering labels such as "(三)" and "12." are written with.
_PUNCT = str.maketrans({"（": "(", "）": ")", "：": ":", "；": ";", "，": ",", "！": "!",
                        "？": "?", "．": ".", "﹝": "〔", "﹞": "〕", "［": "[", "］": "]",
                        "〈": "《", "〉": "》", "＋": "+", "－": "-", "％": "%"})
_PUNCT_CHARS = lazy("[（）：；，！？．﹝﹞［］〈〉＋－％]")


# Some converted texts (older reports typed in full-width digits) follow every digit with a space:
# "1 9 9 7 年国内生产总值达到7 4 7 7 2 亿元, 增长8 .8 %". Only a text that does this to most of
# its digits is mended, so a table's columns of numbers elsewhere keep their spaces.
_DIGIT_SPACE = lazy(r"(?<=\d) (?=[\d.%\u4e00-\u9fff,;:)、。])")
_DIGIT = lazy(r"\d")


def spaced_digits(text: str) -> tuple[str, int]:
    """Join the digits of a text that puts a space after each digit (1 9 9 7 年 -> 1997年)."""
    spaced = len(_DIGIT_SPACE.findall(text))
    if spaced < 5 or spaced < 0.4 * len(_DIGIT.findall(text)):
        return text, 0
    return _DIGIT_SPACE.subn("", text)


def punctuation(text: str) -> tuple[str, int]:
    """Full-width parentheses, colons, semicolons, commas, numeral dots … take one form."""
    n = len(_PUNCT_CHARS.findall(text))
    return text.translate(_PUNCT), n


# A "!" or "?" standing where an opening quote belongs: "协作!1243”总体架构" — text follows it
# directly and the next quote mark closes a quotation that never opened.
_BROKEN_OPEN_QUOTE = lazy(r"[!?](?=[^“”\n!?。]{1,30}”)")


def broken_quotes(text: str) -> tuple[str, int]:
    """Restore an opening quote that web extraction turned into "!" or "?"."""
    out = []
    n = 0
    last = 0
    for m in _BROKEN_OPEN_QUOTE.finditer(text):
        start = m.start()
        sentence_start = max(text.rfind("。", 0, start), text.rfind("\n", 0, start))
        between = text[sentence_start + 1 : start]
        if between.count("“") > between.count("”"):
            continue  # a quotation is open: this mark is inside it, leave it
        out.append(text[last:start])
        out.append("“")
        last = m.end()
        n += 1
    out.append(text[last:])
    return "".join(out), n


_TRAILING_SPACE = lazy(r"[ \t]+$", re.M)
_LEADING_SPACE = lazy(r"^[ \t]+", re.M)
_BLANK_LINES = lazy(r"\n{2,}")
# Spaces between two CJK characters or CJK punctuation are extraction noise (a hard wrap or
# an indent); between Latin words they are real.
# A gap before 第X章/节/条 may separate a heading from the next one and is kept.
_CJK_GAP = lazy(
    r"(?<=[\u4e00-\u9fff。,;:、“”《》()])[ ]+(?!第[一二三四五六七八九十百零〇\d]{1,6}[章节条])"
    r"(?=[\u4e00-\u9fff“”《》(])"
)


def layout(text: str) -> tuple[str, int]:
    """Trim indents, trailing spaces, spaces between Chinese characters and blank lines."""
    n = 0
    for pattern, repl in ((_TRAILING_SPACE, ""), (_LEADING_SPACE, ""), (_CJK_GAP, ""),
                          (_BLANK_LINES, "\n")):
        text, k = pattern.subn(repl, text)
        n += k
    return text.strip() + "\n", n


_CN_NUM = "一二三四五六七八九十"
# Numbering labels that may stand inside a run-together line, by style.
_INLINE_LABEL = lazy(
    rf"(?P<chapter>第(?P<n1>[{_CN_NUM}百零〇]{{1,5}}|\d{{1,3}})[章节条])|"
    rf"(?P<cn>(?<![{_CN_NUM}第])(?P<n2>[{_CN_NUM}]{{1,3}})、)|"
    rf"(?P<paren>\((?P<n3>[{_CN_NUM}]{{1,3}})\))|"
    r"(?P<arabic>(?<![\d.])(?P<n4>\d{1,2})[.、](?![\d.])(?=[\u4e00-\u9fff“]))"
)
_LABEL_AFTER = set("。;:!?)”》")
#: Lines at least this long are candidates for reflowing.
REFLOW_MIN = 200
#: … and they need this many labels in sequence to be reflowed.
REFLOW_LABELS = 3


def _label_value(m: re.Match[str]) -> tuple[str, int]:
    from ..segment.numbering import numeral_value

    for style, group in (("chapter", "n1"), ("cn", "n2"), ("paren", "n3"), ("arabic", "n4")):
        if m.group(style):
            kind = style if style != "chapter" else m.group(style)[-1]
            return kind, numeral_value(m.group(group)) or 0
    return "", 0


#: A page number that a text dump of a PDF left inside the running text ("加快 — 11 — 培塑",
#: "平安枣庄。 — 20 — 三、加强……"): one to three digits between dashes, spaced from the words.
_INLINE_PAGE_NUMBER = lazy(r"[ \t]+[—–-]{1,2}[ \t]?(\d{1,3})[ \t]?[—–-]{1,2}[ \t]+")
#: They are removed only when a text holds at least this many, numbered in page order.
PAGE_RUN = 3


def inline_page_numbers(text: str) -> tuple[str, int]:
    """Remove the page numbers a PDF's text dump left between words, when there are ``PAGE_RUN``
    or more and their numbers rise from one to the next (pages 1, 2, 3 …; one may be missing):
    a figure between dashes in a sentence never runs through a text like that."""
    found = list(_INLINE_PAGE_NUMBER.finditer(text))
    numbers = [int(m.group(1)) for m in found]
    if len(found) < PAGE_RUN or any(b <= a for a, b in pairwise(numbers)):
        return text, 0
    return _INLINE_PAGE_NUMBER.sub("", text), len(found)


#: A cut piece's label and short title, spaced from the text after it ("一、2023年工作回顾 过去的一年,"):
#: the space is what is left of the line break the copy lost.
_SPACED_TITLE = lazy(r"^(?P<title>[^\s,，。;；:：!！?？]{2,40}?)[ \u3000]+(?=[^\s])")


def _title_apart(piece: str) -> str:
    m = _INLINE_LABEL.match(piece)
    if not m:
        return piece
    rest = piece[m.end():]
    t = _SPACED_TITLE.match(rest)
    if not t:
        return piece
    return piece[:m.end()] + t.group("title") + "\n" + rest[t.end():]


def reflow(text: str) -> tuple[str, int]:
    """Break long run-together lines before their numbering labels.

    Web pages copied without line breaks put a whole plan on one line. In such a line, a label
    whose number continues its own sequence (一、 … 二、, (一) … (二), 1. … 2.; or starts one at 1)
    starts a new line. Only lines of ``REFLOW_MIN`` characters or more with at least
    ``REFLOW_LABELS`` such labels are touched, so a list inside one sentence stays. A label's short
    title spaced from the text after it ("一、2023年工作回顾 过去的一年,") keeps its own line.
    """
    out = []
    n = 0
    for line in text.split("\n"):
        if len(line) >= REFLOW_MIN:
            last: dict[str, int] = {}
            previous_kind = ""
            cuts = []
            for m in _INLINE_LABEL.finditer(line):
                kind, value = _label_value(m)
                # "一、" also joins words ("统一、规范"): as a label it follows a sentence's end.
                # (spaces may stand between: "意见。 一、2023年工作回顾"; a few characters back suffice)
                before = line[max(0, m.start() - 8):m.start()].rstrip()[-1:]
                if kind == "cn" and m.start() > 0 and before not in _LABEL_AFTER:
                    continue
                # A list starts again at 1 only under a new label of another kind.
                restart = value == 1 and (kind not in last or previous_kind != kind)
                if restart or value == last.get(kind, 0) + 1:
                    last[kind] = value
                    previous_kind = kind
                    if m.start() > 0:
                        cuts.append(m.start())
            if len(cuts) >= REFLOW_LABELS:
                pieces = [line[a:b] for a, b in zip([0, *cuts], [*cuts, len(line)], strict=True)]
                line = "\n".join(_title_apart(piece.strip()) for piece in pieces)
                n += len(cuts)
        out.append(line)
    return "\n".join(out), n


_OPENS = "(（"
_CLOSES = ")）"
_LABEL_START = lazy(
    r"^(第\S{1,6}[章节条编]|[一二三四五六七八九十]{1,3}、|\([一二三四五六七八九十]{1,3}\)|\d{1,2}[.、])"
)
#: A parenthesised note is joined over at most this many lines …
BRACKET_LINES = 12
#: … and this many characters.
BRACKET_CHARS = 800


def _depth(line: str) -> int:
    return sum(1 for c in line if c in _OPENS) - sum(1 for c in line if c in _CLOSES)


def wrapped_brackets(text: str) -> tuple[str, int]:
    """Join a parenthesised note that a document broke over lines, such as a regulation's
    adoption line "(2021年4月29日…常务委" / "员会第二十二次会议通过…批准)"."""
    lines = text.split("\n")
    out: list[str] = []
    n = 0
    i = 0
    while i < len(lines):
        line = lines[i]
        stripped = line.strip()
        if stripped[:1] in _OPENS and _depth(stripped) > 0 and "。" not in stripped:
            joined, depth, j = stripped, _depth(stripped), i + 1
            while depth > 0 and j < len(lines) and j - i < BRACKET_LINES:
                nxt = lines[j].strip()
                if not nxt or _LABEL_START.match(nxt) or len(joined) + len(nxt) > BRACKET_CHARS:
                    break
                joined += nxt
                depth += _depth(nxt)
                j += 1
            if depth == 0 and j > i + 1:
                out.append(joined)
                n += j - i - 1
                i = j
                continue
        out.append(line)
        i += 1
    return "\n".join(out), n
