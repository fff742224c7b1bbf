"""Dropping what is not the plan: page furniture, news leads, advertising, export headers.

Works line by line on Simplified text. Every dropped line is returned with the rule that dropped
it, so the log shows exactly what was removed and metadata can still be read from header lines.
"""

from __future__ import annotations

import re

from ..lazy_pattern import lazy
from . import webpage
from .contents import contents_lines, inline_contents

# Encyclopedia / portal page furniture, as whole lines.
_ENCYCLOPEDIA_LINES = frozenset(
    [
        "基本介绍",
        "相关词条",
        "热门词条",
        "联络我们",
        "联系我们",
        "全文",
        "展开全文",
        "收起",
        "编辑",
        "百科名片",
        "参考资料",
        "词条标签",
        "免责声明",
        "版权所有",
        "网站地图",
        "返回顶部",
        "上一篇",
        "下一篇",
        "相关阅读",
        "相关新闻",
        "相关链接",
    ]
)
_INFOBOX = lazy(r"^[•·●▪]\s*\S{1,10}\s*:")
_PAGE_CHROME = lazy(
    r"^(【?(打印本页|关闭窗口|打印|关闭|收藏|分享到?|字号|字体)[】:]?.{0,20}|"
    r"扫一扫在手机打开当前页|分享到[::].*|【字体[::].{0,10}】.*|责任编辑[::].{0,20}|"
    r"(浏览|阅读)(次数|量)[::]?\s*\d*|当前位置[::].{0,60}|首页\s*>.{0,80})$"
)
_NEWS_LEAD_END = lazy(r"^(原文如下|全文如下|以下为原文|以下是原文|文件全文如下|通知全文如下)[::]?$")
# Lines that search-engine spam injects into government pages: short, no sentence punctuation,
# naming a betting/sports "official site" or an app download.
_ADVERTISING = lazy(
    r"(官方网站|官网|网站入口?|登录入口|注册入口|app下载|APP下载|下载安装|在线娱乐|真人娱乐|"
    r"棋牌|彩票|博彩|开户|体育平台|娱乐平台|体育官方|娱乐官方)"
)
_SENTENCE_PUNCT = lazy(r"[。,;:、!?“”《》]")
_PUBLICATION_NOTE = lazy(r"[(](此件|本件)[^()]{0,8}(公开|发布|公布)[^()]{0,4}[)]")
_EXPORT_HEADER = lazy(
    r"^(【(法宝引证码|发布部门|发文字号|发布日期|实施日期|时效性|效力级别|法规类别|"
    r"失效日期|批准日期|标题|来源|所属类别)】.*|"
    r"(原文链接|原文地址|来源链接|链接)[::]\s*\S*|"
    r"(索引号|主题分类|发文机关|成文日期|发布日期|发文字号|主题词|信息来源|发布机构|生效日期|"
    r"有效性|文号|公开方式|公开范围|体裁分类|组配分类|文件编号)[::].{0,80})$"
)
_HEADING = lazy(r"^(第\S{1,6}[章节条编]|[一二三四五六七八九十]{1,3}、|\([一二三四五六七八九十]{1,3}\))")
_HAS_WORD = lazy(r"[\u4e00-\u9fffA-Za-z0-9]")

#: How many leading lines may hold a news lead or an export header block.
HEAD_LINES = 25


def _is_advertising(line: str) -> bool:
    return len(line) <= 40 and _ADVERTISING.search(line) is not None and _SENTENCE_PUNCT.search(line) is None


def _pieces(lines: list[str]) -> list[tuple[str, str | None]]:
    """Each line stripped, run-together page controls and contents lists cut out as pieces of
    their own; a piece comes with the rule that already drops it, if any."""
    out: list[tuple[str, str | None]] = []
    for raw in lines:
        line = raw.strip()
        if not line:
            out.append(("", None))
            continue
        for piece in webpage.split_controls(line):
            found = inline_contents(piece)
            if found is None:
                out.append((piece, None))
                continue
            contents, rest = found
            out.append((contents, "table_of_contents"))
            if rest:
                out.append((rest, None))
    return out


def drop_furniture(text: str) -> tuple[str, dict[str, int], list[tuple[str, str]]]:
    """Remove non-plan lines; return the text, counts per rule, and the removed lines."""
    pieces = _pieces(text.split("\n"))
    lines = [line for line, _ in pieces]
    counts: dict[str, int] = {}
    removed: list[tuple[str, str]] = []

    def drop(rule: str, line: str) -> None:
        counts[rule] = counts.get(rule, 0) + 1
        removed.append((rule, line))

    # A news lead: everything before "原文如下:" near the top is the news item, not the plan.
    start = 0
    for i, line in enumerate(lines[:HEAD_LINES]):
        if _NEWS_LEAD_END.match(line):
            for dropped in lines[: i + 1]:
                if dropped:
                    drop("news_lead", dropped)
            start = i + 1
            break

    filled = [(i, line) for i, line in enumerate(lines) if line and i >= start]
    contents = {filled[k][0] for k in contents_lines([line for _, line in filled])}

    kept: list[str] = []
    in_infobox = False
    value_of: str | None = None  # a byline key ("来源:") whose value is on the next line
    in_related = False  # after "相关报道:" in the second half: the list of linked headlines
    crumb, crumb_last, crumb_after_separator = False, "", False  # in a breadcrumb, one crumb a line
    for i in range(start, len(lines)):
        line, rule = pieces[i]
        if not line:
            in_infobox = False
            kept.append(line)
            continue
        stripped, k = _PUBLICATION_NOTE.subn("", line)
        if k:
            counts["publication_note"] = counts.get("publication_note", 0) + k
            removed.append(("publication_note", line))
            line = stripped.strip()
            if not line:
                continue
        site = webpage.classify(line)
        if rule is None and value_of is not None and len(line) <= 16 and not _SENTENCE_PUNCT.search(line) \
                and not _HEADING.match(line):
            rule = value_of
        value_of = None
        if rule is None and in_related and site is None and len(line) <= 60 and not re.search(r"[。;!?]", line):
            rule = "related_links"
        if rule is None and crumb and (crumb_after_separator or line == crumb_last) and len(line) <= 12 \
                and not _SENTENCE_PUNCT.search(line):
            rule = "site_navigation"  # a breadcrumb set one crumb a line: 首页 / > / 政务信息
        if crumb and rule is None and site is None and _HAS_WORD.search(line):
            crumb = False
        crumb_after_separator = crumb and not _HAS_WORD.search(line)
        if rule == "site_navigation" or site == "site_navigation" or line == "首页":
            crumb, crumb_last = True, line
        if webpage.awaits_value(line):
            value_of = "byline"
        if rule is not None:
            drop(rule, line)
        elif line in _ENCYCLOPEDIA_LINES:
            in_infobox = line == "基本介绍"
            drop("encyclopedia", line)
        elif _INFOBOX.match(line) and (in_infobox or i < HEAD_LINES):
            drop("encyclopedia", line)
        elif i in contents:
            drop("table_of_contents", line)
        elif site is not None:
            drop(site, line)
            in_related = in_related or (site == "related_links" and i > len(lines) // 2)
        elif _PAGE_CHROME.match(line):
            drop("page_chrome", line)
        elif _EXPORT_HEADER.match(line) and (i < HEAD_LINES or line.startswith(("原文链接", "【"))):
            drop("export_header", line)
        elif _is_advertising(line):
            drop("advertising", line)
        elif not _HAS_WORD.search(line):
            drop("punctuation_only", line)
        else:
            in_related = False
            kept.append(line)
    return "\n".join(kept), counts, removed
