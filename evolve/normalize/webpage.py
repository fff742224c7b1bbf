"""What a web page puts around a policy: site chrome, navigation, page controls, bylines.

Printouts of government and news sites (and scraped news pages) keep the site around the text:
the navigation bar (``首页|简|繁|EN|登录``), the breadcrumb (``您现在的位置:首页>政策法规``),
the font-size, print and share controls (``字号:默认 大 超大|打印 收藏``, ``下载 全屏 加大 还原
减小``), the byline (``来源:中国人大网``, ``发布时间:2022-12-13``, ``责任编辑:…``), photo captions
(``本报记者 戴冰 摄``), related-link lists and the site footer (``版权所有``, ``京ICP备…``). They
are recognised by kind (a vocabulary of controls and the shape of the line), not site by site.

Controls printed inside a run-together line (``来源:中国人大网浏览字号:大中小2021年06月10日
19:58目录…``) are cut out and the line is broken there, so what follows is judged on its own.

A page that is nothing but site chrome (a printout that caught a landing or catalogue page, not
the policy) is refused by ``check_policy_page`` with a ``NotAPolicyError``.
"""

from __future__ import annotations

import re

from ..errors import NotAPolicyError
from ..lazy_pattern import lazy

# The words of page controls and site chrome: font size, print/share/download actions, language
# and account links. A line made only of these (and separators) is furniture.
_CONTROL_WORDS = (
    "浏览字号|字号|字体|文字大小|默认|超大|加大|减小|放大|缩小|还原|大|中|小|"
    "打印本页|打印此页|打印|关闭本页|关闭窗口|关闭|收藏本页|加入收藏|收藏|设为首页|"
    "分享到微信|分享到微博|分享到QQ空间|分享到|分享|微信|微博|新浪微博|QQ空间|朋友圈|"
    "下载图片版|下载文字版|下载PDF版?|下载附件|下载|全屏|退出全屏|我要纠错|纠错|留言|评论|"
    "返回顶部|返回首页|返回列表|返回|扫一扫在手机打开当前页|扫一扫|手机版|无障碍|长者模式|关怀版|"
    "登录|注册|邮箱|简体|繁體|繁体|简|繁|EN|English|ENGLISH|搜索|搜政策|高级检索|请输入|首页|"
    "上一篇|下一篇|查看更多|更多"
)
_SEPARATORS = r"[\s|｜/／·•:：【】\[\]()（）>》«»<《\-—_×]"
_CONTROLS_ONLY = lazy(rf"^(?:{_SEPARATORS}*(?:{_CONTROL_WORDS}))+{_SEPARATORS}*$", re.I)
# A cluster of controls inside a longer line: a font-size control, or two control words or more
# (one of them of two characters at least) side by side.
_SIZE_CONTROL = lazy(
    r"[【\[]?(?:浏览)?(?<!发文)(?:字号|字体)[:：]\s*(?:默认\s*)?(?:大|中|小|超大|默认|标准|\s|[|｜])*[】\]]?"
)
_ACTION = (
    "打印本页|打印|关闭窗口|收藏|留言|分享到?|我要纠错|返回顶部|下载图片版|下载文字版|下载|全屏|"
    "加大|还原|减小|扫一扫"
)
_ACTION_CLUSTER = lazy(
    rf"(?:[【\[]?(?:{_ACTION})[】\]]?\s*[|｜]?\s*){{2,}}|[【\[](?:{_ACTION}|我要纠错|纠错)[】\]]"
)
#: What sets page controls apart inside a line: a space, a bar, a bracket.
_SET_APART = lazy(r"[\s|｜【】\[\]]")
_HEX_ID = lazy(r"^[0-9a-f]{16,}[:：]?$")

# Navigation: breadcrumbs, link lists, bootstrap's "Toggle navigation".
_BREADCRUMB = lazy(
    r"^(?:(?:您|你)?(?:现在)?(?:的|所在的?)?(?:当前)?位置\s*[:：]\s*)?首页\s*[>＞»/／]"
    r"|^(?:您|你)(?:现在)?(?:的|所在的?)(?:当前)?位置\s*[:：]|^当前位置\s*[:：]"
)
_LINK_LIST = lazy(r"^(?:(?:相关|友情|重要网站|网站|政府网站)?链接|相关(?:文章|报道|新闻|阅读|专题))\s*[:：]?")
_WEB_WORDS = lazy(r"网站|首页|登录|客户端|微博|微信|关于本网|声明|纠错|联系我们|地图|邮箱|EN|English")
_TOGGLE = lazy(r"^Toggle navigation", re.I)
_MORE = lazy(r"^(?:查看)?更多\s*(?:[>＞»]|$)")
_LISTED = lazy(r"\S\s*\d{4}-\d{2}-\d{2}$|(?:\d{4}-\d{2}-\d{2}.{4,60}){2,}")

# The site footer: copyright, ICP and police registration, who runs the site, browser advice.
_FOOTER = lazy(
    r"版权所有|Copyright|All Rights Reserved|©|ICP备\s*\d|ICP证\s*\d|公网安备\s*\d|网站标识码|"
    r"(?:主办|承办|协办|运行维护|技术支持)(?:单位)?\s*[:：]|备案(?:序)?号\s*[:：]|"
    r"(?:建议|请)(?:您)?使用.{0,40}浏览器|浏览器.{0,20}(?:浏览|访问|打开)|"
    r"当前浏览器.{0,20}不支持",
    re.I,
)

# Bylines: who published, when, from where; each value short.
_BYLINE_KEYS = (
    "来源|信息来源|文章来源|稿件来源|新闻来源|出处|作者|编辑|责任编辑|责编|审核|校对|编审|"
    "发布时间|发表时间|发稿时间|更新时间|时间|日期|发布日期|浏览次数|阅读次数|点击数|访问量|阅读量|字数"
)
_BYLINE = lazy(rf"^[【(]?(?:(?:{_BYLINE_KEYS})\s*[:：】]\s*[^:：。;]{{0,30}}?\s*[)】]?\s*)+$")
_BYLINE_START = lazy(r"(?:文章|信息|稿件|新闻)?来源\s*[:：]|发布(?:时间|日期)\s*[:：]")
_BYLINE_KEY_ONLY = lazy(rf"^[【(]?(?:{_BYLINE_KEYS})\s*[:：]\s*$")
#: A date with a time of day: when a page was posted, never a policy's own words.
TIMESTAMP = lazy(
    r"(?:\d{4}\s*[-/.]\s*\d{1,2}\s*[-/.]\s*\d{1,2}|\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日)\s*"
    r"\d{1,2}\s*(?:[:：]|时)\s*\d{2}(?:\s*(?:[:：]\s*\d{2}|分(?:\s*\d{1,2}\s*秒)?))?"
)
_TIMESTAMP_LINE = lazy(rf"^(?:{TIMESTAMP.pattern})\s*")
_PHOTO = lazy(r"(?:记者|摄影|通讯员|图/|图:|图：)[^。]{0,16}?\s*摄\s*[)）]?$|^[(（]?(?:摄影|图片)\s*[:：]")
_RELATED = lazy(
    r"^(?:相关(?:报道|文档|文章|阅读|新闻|链接|稿件|专题|附件|解读)|延伸阅读|推荐阅读|热点推荐|热门推荐|"
    r"扩展阅读|更多报道)\s*[:：]?\s*(?:>>|》》|>)?"
)
_CLICK = lazy(r"点击.{0,12}(?:进入|查看|下载|播放|阅读)|进入专题")
_SENTENCE = lazy(r"[。;；!！?？]")


def _han(c: str) -> bool:
    return "\u4e00" <= c <= "\u9fff"


def _cut_cluster(m: re.Match[str]) -> str:
    """Set a cluster of page actions apart, unless it is words of a sentence: run together
    without a space, bar or bracket, inside a sentence (证明自助下载打印,方便群众), it is text,
    not the page's print and download controls."""
    text, i, j = m.string, m.start(), m.end()
    bare = not _SET_APART.search(m.group(0))
    before, after = text[i - 1: i], text[j: j + 1]
    inside = (before and after and (_han(before) or before in "，、,")
              and (_han(after) or after in "，。；、,;:：!?！？)）》”"))
    if bare and inside:
        return m.group(0)
    return "\n" + m.group(0) + "\n"


def split_controls(line: str) -> list[str]:
    """Cut print/share/font-size controls and a posting timestamp out of a run-together line;
    return the pieces (the controls as their own pieces, to be dropped)."""
    if len(line) < 8:
        return [line]
    marked = _SIZE_CONTROL.sub(lambda m: "\n" + m.group(0) + "\n", line)
    marked = _ACTION_CLUSTER.sub(_cut_cluster, marked)
    marked = TIMESTAMP.sub(lambda m: "\n" + m.group(0) + "\n", marked)
    pieces = []
    for piece in marked.split("\n"):
        piece = piece.strip()
        crumbs = _BREADCRUMB.match(piece)
        if crumbs and len(piece) > 40:
            # a breadcrumb run into the page's text: "你的位置:首页>政务>政府信息公开标题:…";
            # the last crumb cannot be told from what follows, so the cut is after the last ">"
            cut = max(piece.rfind(c, 0, 80) for c in ">＞»")
            if cut > 0:
                pieces.append(piece[: cut + 1])
                piece = piece[cut + 1 :].strip()
        # a byline run on after the title: "…会议通过)来源:中国人大网", "…的通知文章来源:…发布时间:…"
        for m in _BYLINE_START.finditer(piece):
            if m.start() > 0 and _BYLINE.match(piece[m.start():]):
                pieces.extend([piece[: m.start()].strip(), piece[m.start():]])
                break
        else:
            pieces.append(piece)
    return [piece for piece in pieces if piece]


def classify(line: str) -> str | None:
    """The furniture rule a line of a web page falls under, or None for policy text."""
    if len(line) <= 160 and _PHOTO.search(line):
        return "photo_caption"
    if _SENTENCE.search(line) and len(line) > 60:
        # a sentence-long line: only a footer can still be furniture
        if len(line) <= 200 and _FOOTER.search(line) and not line.rstrip().endswith("。"):
            return "site_footer"
        return None
    if _CONTROLS_ONLY.match(line) or _SIZE_CONTROL.fullmatch(line) or (_CLICK.search(line) and len(line) <= 30):
        return "page_controls"
    if _HEX_ID.match(line):
        return "page_controls"
    if _TOGGLE.match(line) or _BREADCRUMB.match(line):
        return "site_navigation"
    rest = _TIMESTAMP_LINE.sub("", line)
    if not rest or _BYLINE.match(rest) or _BYLINE_KEY_ONLY.match(rest):
        return "byline"
    if _RELATED.fullmatch(line):
        return "related_links"
    if (_LINK_LIST.match(line) or _MORE.match(line)) and not _SENTENCE.search(line):
        return "site_navigation"
    if _LISTED.search(line) and len(line) <= 160 and " | " not in line and not _SENTENCE.search(line):
        return "site_navigation"  # a list of linked headlines, each with its date
    segments = [s.strip() for s in re.split(r"[|｜]", line) if s.strip()]
    if len(segments) >= 3 and all(len(s) <= 12 for s in segments) and any(_WEB_WORDS.search(s) for s in segments):
        return "site_navigation"
    if len(line) <= 200 and _FOOTER.search(line):
        return "site_footer"
    return None


def awaits_value(line: str) -> bool:
    """A byline key whose value the page set on the next line ("来源:" / "四川日报")."""
    return bool(_BYLINE_KEY_ONLY.match(_TIMESTAMP_LINE.sub("", line)))


#: A page is a policy when its sentences hold at least this many Han characters …
MIN_PROSE = 300
#: … or this share of the page's Han characters.
MIN_PROSE_SHARE = 0.3
#: Lines of site chrome a page needs to be judged a web page at all.
MIN_CHROME = 2
_HAN = lazy(r"[\u4e00-\u9fff]")


def policy_prose(lines: list[str]) -> int:
    """Han characters in distinct sentence lines (a page repeated by a printout counts once)."""
    seen: set[str] = set()
    total = 0
    for line in lines:
        if line in seen or not _SENTENCE.search(line):
            continue
        seen.add(line)
        han = len(_HAN.findall(line))
        if han >= 15:
            total += han
    return total


#: What only a policy (or a catalogue record of one) prints: an article's label opening a line,
#: a dated note in brackets (an adoption line, "(2020年3月30日)"), a news agency's dateline, a
#: document number, the fields of a catalogue record.
_POLICY_MARKS = (
    lazy(r"(?m)^第[一二三四五六七八九十百零〇\d]{1,6}条"),
    lazy(r"[(（]\s*\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日[^()（）]{0,200}[)）]"),
    lazy(r"[\u4e00-\u9fff]{1,6}社[\u4e00-\u9fff]{2,4}\d{1,2}月\d{1,2}日电"),
    lazy(r"[〔\[]\d{4}[〕\]]\s*第?\d{1,4}号"),
)
_RECORD_FIELDS = lazy(r"(标准号|中文标准名称|索引号|发文字号|成文日期|实施日期|发文机关)\s*[:：]?")


def shows_a_policy(text: str) -> bool:
    """Whether a short page still prints a policy's marks (an excerpt, a catalogue record)."""
    return any(p.search(text) for p in _POLICY_MARKS) or len(set(_RECORD_FIELDS.findall(text))) >= 2


def check_policy_page(text: str, *, name: str = "input", chrome: int | None = None) -> None:
    """Raise ``NotAPolicyError`` when ``text`` is a web page without a policy in it.

    That is a page with site chrome (navigation, controls, footer: ``chrome`` lines, counted
    here when not given) whose sentences hold fewer than ``MIN_PROSE`` Han characters and less
    than ``MIN_PROSE_SHARE`` of its Han characters, and which prints none of a policy's marks
    (``shows_a_policy``): a printout of a portal's landing page or a search page. A short
    policy without any site chrome is never refused; a standard's catalogue record is kept.
    """
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    if chrome is None:
        chrome = sum(1 for line in lines for piece in split_controls(line) if classify(piece) in CHROME_RULES)
    if chrome < MIN_CHROME:
        return
    kept = [piece for line in lines for piece in split_controls(line) if classify(piece) is None]
    prose = policy_prose(kept)
    han = len(_HAN.findall(text))
    if prose < MIN_PROSE and prose < MIN_PROSE_SHARE * han and not shows_a_policy(text):
        raise NotAPolicyError(
            f"{name}: a web page without a policy in it ({chrome} lines of site navigation, controls "
            f"and footer, {prose} Han characters in sentences of {han}): a printout of a landing, "
            "search or catalogue page? print or save the policy's own page"
        )


#: The normalisation rules whose lines are site chrome.
CHROME_RULES = frozenset({"page_controls", "site_navigation", "site_footer", "page_chrome"})
