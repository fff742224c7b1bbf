"""Lines around a policy that are metadata, not provisions: a web page's info box, signatories.

gov.cn and ministry pages print an info box before the text (``发文机关:… 标题:… 发文字号:…
成文日期:… 发布日期:… 发布机构:… 分类:…``), often several times over in a printout, one key a
line or several run together. An order or a joint regulation is signed by its heads, one a line
(``国家互联网信息办公室主任庄荣文``, ``中华人民共和国主席 习近平``). Both are kept in the text
(metadata reads the info box there) but are never provisions.
"""

from __future__ import annotations

from ..lazy_pattern import lazy

# The keys of a site's info box (spaced out on the page: 标　　题, 分　　类).
_KEY = (r"(?:发文机关|发布机关|标\s*题|发文字号|文\s*号|成文日期|发布日期|公布日期|印发日期|发布机构|发布单位|"
        r"分\s*类|主题分类|索\s*引\s*号|主\s*题\s*词|公文种类|时\s*效\s*性|实施日期)\s*[:：]")
_KEY_START = lazy(rf"^{_KEY}")
_KEYS = lazy(_KEY)

# Organ, then the head's title, then a name of two to four characters (a space may come between).
_SIGNATORY = lazy(
    r"^(?:[\u4e00-\u9fff]{2,30}?(?:办公室|委员会|总局|银行|管理局|部|局|署|院|政府)|中华人民共和国)"
    r"(?:主任|副主任|部长|局长|行长|主席|署长|总理|院长|委员长|书记|厅长|省长|市长|县长|区长|司长)"
    r"\s?[\u4e00-\u9fff](?:\s?[\u4e00-\u9fff]){1,3}$"
)


#: A report's speech line: when and where it was delivered ("——2026年1月28日在云南省第十四届人民代表
#: 大会第四次会议上"; also in brackets, or bare as some sites print it) ...
SPEECH_LINE = lazy(
    r"^\s*(?:[-—─–―]{1,3}|[(（])?\s*(?:\d{4}|[一二三四五六七八九〇零]{4})\s*年[^。,;]{1,10}日\s*在"
    r"[^。,;]{2,60}(?:会议|大会)上\s*[)）]?\s*$"
)
#: ... and who delivered it ("省长王予波", "北京市市长殷勇", "自治区主席艾尔肯·吐尼亚孜", "国务院总理 李强").
_SPEAKER = lazy(r"^[\u4e00-\u9fff]{0,16}?(?:总理|省长|市长|主席|州长|盟长|区长|县长)\s?[\u4e00-\u9fff·]{2,10}$")

#: ... or by name alone, on the line after the speech line ("毛伟明", "艾尔肯·吐尼亚孜").
_BARE_NAME = lazy(r"^(?:[\u4e00-\u9fff]{2,4}|[\u4e00-\u9fff]{2,8}·[\u4e00-\u9fff]{2,10})$")
_NOT_NAMES = ("各位代表", "目录", "前言", "引言", "序言", "报告", "政府工作报告")


def join_speech_line(paragraphs: list[str]) -> list[str]:
    """The paragraphs with a speech line broken over two lines joined again ("——2026年1月26日在
    广东省第十四届" + "人民代表大会第五次会议上")."""
    out: list[str] = []
    for para in paragraphs:
        if out and not SPEECH_LINE.match(out[-1]) and SPEECH_LINE.match(out[-1] + para):
            out[-1] += para
        else:
            out.append(para)
    return out


def is_speaker_line(line: str) -> bool:
    """Whether a line names the head of government who delivers a report."""
    return len(line) <= 30 and _SPEAKER.match(line.strip()) is not None


def is_bare_speaker(line: str, previous: str) -> bool:
    """Whether a line that follows ``previous`` is the speaker named without a title: a bare name
    right after the report's speech line."""
    line = line.strip()
    return (SPEECH_LINE.match(previous) is not None and _BARE_NAME.match(line) is not None
            and line not in _NOT_NAMES)


def is_info_box_line(line: str) -> bool:
    """Whether a line is (part of) a web page's info box: it opens with one of its keys and is
    not a sentence, or it holds two keys or more."""
    line = line.strip()
    if _KEY_START.match(line) and "。" not in line:
        return True
    return len(_KEYS.findall(line)) >= 2


def is_signatory_line(line: str) -> bool:
    """Whether a line names one signatory: an organ, its head's title and the name."""
    return len(line) <= 40 and _SIGNATORY.match(line.strip()) is not None
