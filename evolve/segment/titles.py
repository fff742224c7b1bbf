"""Headings written into the text: an item's inline title, an article's bracketed title, and the
topic sentence a paragraph opens with ("推动产业链供应链优化升级。……")."""

from __future__ import annotations

import re

from ..lazy_pattern import lazy

#: An inline heading's title is its first sentence when that sentence is at most this long.
MAX_TITLE = 30
#: A line with no sentence punctuation and at most this many characters may be a title.
MAX_TITLE_LINE = 60
#: A numbered item's title of comma-joined tasks may run longer, when its sibling items have titles
#: too (孝感: "坚持生态优先、绿色发展,加快建设人与自然和谐共生的美丽孝感,坚决守护重要节点城市建设底色底板").
MAX_ITEM_TITLE = 48
#: A heading may join this many phrases with commas ("大力推进现代化产业体系建设,加快发展新质生产力").
MAX_PHRASES = 3
#: … each at least this long: "到2025年,基本建成" is a sentence, not two phrases.
MIN_PHRASE = 4

_OPEN = {"《": "》", "“": "”", "(": ")", "‘": "’", "「": "」", "【": "】", "[": "]"}
_CLOSE = {v: k for k, v in _OPEN.items()}

# A sentence opening with a subject, a time or a connective states or narrates; a heading
# (a topic sentence) names a task and opens with its verb: "着力扩大居民消费".
_STATEMENT_START = lazy(
    r"^(我们|我国|我省|我市|我区|这|那|其|它|他|她|今年|去年|明年|前年|当年|近年|近几年|多年|过去|目前|当前|现在"
    r"|同时|但|然而|因此|所以|为此|为了|总之|此外|另外|其中|如果|只有|只要|虽然|尽管|由于|经过|通过|截至|截止"
    r"|从|在|对于|关于|随着|根据|按照|一年来|五年来|十年来|各位|各级|全国|全年|世界|国际|新的一年|今后|未来|本届"
    r"|上述|中国的)"
)
# A list item's ordinal ("一是", "二要", "第三、") before the words of the sentence.
_ORDINAL = lazy(r"^(?:[一二三四五六七八九十]+[是要]|第[一二三四五六七八九十]+[、,]|首先|其次|再次|最后)")
# A modal or a verb of assessment after a subject ("土地承包经营权流转必须坚持…", "知识分子…具有…
# 作用"): the sentence says something about its subject.
_SUBJECT_VERB = lazy(r"必须|应当|具有|离不开|提供了|在于|意味着")
# A copula or a figure makes a statement ("发展是硬道理", "增长16.6%"); "一是…" opens a list item.
_STATEMENT_WORD = lazy(r"(?<![一二三四五六七八九十求])是(?!否)|\d[\d.]*\s*(%|倍|万|亿|元|吨|个|项|家|人|年)")
# The words of a rule: a duty, a ban, a definition, a classification, the entry into force
# ("公募产品和开放式私募产品不得进行份额分级", "本意见自发布之日起施行"). A title names a task; a
# sentence holding one of these lays down a rule, however short it is.
_RULE = lazy(r"应当|不得|是指|分为|予以|自[^。,]{0,12}起施行"
             r"|^本(?:意见|办法|条例|规定|细则|通知|决定|方案|规则|指引|指南)")
_BRACKET_TITLE = lazy(r"^[【\[(]([^】\]()]{1,20})[】\])]\s*")


def first_sentence_end(text: str) -> int:
    """Index of the first 。 outside 《》, quotes and brackets, or -1."""
    depth = 0
    for i, ch in enumerate(text):
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE:
            depth = max(0, depth - 1)
        elif ch == "。" and depth == 0:
            return i
    return -1


def is_title_sentence(sentence: str, *, limit: int = MAX_TITLE) -> bool:
    """Whether a sentence reads as a heading: short, no ; or :, a few comma-joined phrases."""
    if not sentence or len(sentence) > limit or re.search(r"[;:?!]", sentence):
        return False
    phrases = sentence.split(",")
    if len(phrases) == 1:
        return True
    return len(phrases) <= MAX_PHRASES and all(len(p) >= MIN_PHRASE for p in phrases)


def split_title(rest: str) -> tuple[str, str]:
    """Split an inline heading "宽带咸宁提升行动。body…" into title and body."""
    rest = rest.strip()
    if not rest:
        return "", ""
    idx = first_sentence_end(rest)
    if idx == -1:
        # No sentence end: a title line ("打造为民服务品牌") or an unpunctuated body.
        if len(rest) <= MAX_TITLE_LINE and not re.search(r"[;:]$|[;]", rest):
            return rest, ""
        return "", rest
    first, body = rest[:idx], rest[idx + 1 :].strip()
    if "," not in first and is_title_sentence(first) and not _RULE.search(first):
        return first, body
    # A comma-joined title ("大力推进现代化产业体系建设,加快发展新质生产力。") names tasks; a
    # sentence with commas that states or narrates ("到2025年,基本建成数字政府。") is body.
    if is_title_sentence(first) and not _states(first):
        return first, body
    return "", rest


def long_title(paragraph: str) -> tuple[str, str]:
    """Split an item's paragraph whose first sentence is a title of up to ``MAX_ITEM_TITLE``
    characters (the body is empty when the title is the whole line); ("", paragraph) when it is
    not one. Only for items whose siblings have titles."""
    idx = first_sentence_end(paragraph)
    if idx == -1:
        return "", paragraph
    first, body = paragraph[:idx].strip(), paragraph[idx + 1 :].strip()
    if not is_title_sentence(first, limit=MAX_ITEM_TITLE) or _states(first):
        return "", paragraph
    return first, body


def article_title(rest: str) -> tuple[str, str]:
    """Articles (第X条) have no title but a bracketed one ("【立法目的】…"): their first
    sentence is already the rule, not a heading."""
    m = _BRACKET_TITLE.match(rest.strip())
    if m:
        return m.group(1), rest.strip()[m.end() :]
    return "", rest.strip()


def topic_sentence(paragraph: str) -> tuple[str, str]:
    """Split a paragraph that opens with a topic sentence ("推动产业链供应链优化升级。……") into
    that heading and the rest; ("", paragraph) when it does not open like one."""
    idx = first_sentence_end(paragraph)
    if idx == -1:
        return "", paragraph
    first, body = paragraph[:idx].strip(), paragraph[idx + 1 :].strip()
    # a one-sentence paragraph is its own text, and a sentence of a few characters ("好。") no heading
    if not body or len(first) < MIN_PHRASE or not is_title_sentence(first) or _states(first):
        return "", paragraph
    return first, body


def _states(sentence: str) -> bool:
    if _STATEMENT_START.match(sentence) or _STATEMENT_WORD.search(sentence) or "我们" in sentence \
            or _RULE.search(sentence):
        return True
    words = _ORDINAL.sub("", sentence)
    return bool(_SUBJECT_VERB.search(words, 1))
