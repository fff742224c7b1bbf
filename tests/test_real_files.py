"""Real files as researchers download them: web printouts, contents pages, regulation structure.

Lines and files come from tests/data/real/ (copied from the development half of the real
collections); article and item counts are in tests/gold/ (written by reading the documents).
"""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from evolve.cli import cli
from evolve.errors import NotAPolicyError
from evolve.normalize import normalise
from evolve.parse import parse_file, parse_text
from evolve.readers import read_document
from evolve.segment.numbering import numeral_value

REAL = Path(__file__).parent / "data" / "real"
GOLD = Path(__file__).parent / "gold"
CJK_SPLIT = re.compile(r"[\u4e00-\u9fff] [\u4e00-\u9fff]")
FURNITURE_RULES = {"page_controls", "site_navigation", "site_footer", "byline", "photo_caption",
                   "related_links", "page_chrome", "export_header", "punctuation_only"}


# Real lines of government and news pages (gov.cn, npc.gov.cn, ministry sites, the standards
# portal, provincial newspapers) with the rule that drops them.
@pytest.mark.parametrize(
    ("line", "rule"),
    [
        ("首页|简|繁|EN|登录|邮", "site_navigation"),
        ("首页>工业和信息化部>机关司局>网络安全管理局>文件发布", "site_navigation"),
        ("您现在的位置：首页>政策法规", "site_navigation"),
        ("链接：全国人大 | 全国政协 | 国家监察委员会 | 最高人民法院 | 最高人民检察院", "site_navigation"),
        ("中国政府网 | 关于本网 | 网站声明 | 联系我们 | 网站纠错", "site_navigation"),
        ("Toggle navigation全国标准信息公共服务平台", "site_navigation"),
        ("友情链接国家标准化管理委员会中华人民共和国工业和信息化部中央网络安全和信息化委员会办公室", "site_navigation"),
        ("18项网络安全国家标准获批发布2026-05-28", "site_navigation"),
        ("主办单位：国务院办公厅运行维护单位：中国政府网运行中心", "site_footer"),
        ("版权所有：全国人大常委会办公厅", "site_footer"),
        ("网站标识码bm01000001 京ICP备05070218号 京公网安备11010202000001号", "site_footer"),
        ("请使用IE以外的主流浏览器，建议使用Edge129，Chrome125 ， 360浏览器v15以上版本浏览", "site_footer"),
        ("检察日报数字报|正义网|Copyrights最高人民检察院 All Rights Reserved.", "site_footer"),
        ("字号：默认 大 超大 | 打印 收藏", "page_controls"),
        ("【字体：大中小】", "page_controls"),
        ("下载图片版 下载文字版", "page_controls"),
        ("加大", "page_controls"),
        ("》》点击图片进入专题《《", "page_controls"),
        ("be341a59f1dd422394845dcb3fce09dc:", "page_controls"),
        ("来源：中国人大网", "byline"),
        ("来源:河北日报", "byline"),
        ("2016-07-27 18:52来源：新华社", "byline"),
        ("文章来源：科技创新和社会责任局　　发布时间：2020-09-21", "byline"),
        ("2026年02月10日 07时41分", "byline"),
        ("2026-02-03 09:02:33", "byline"),
        ("（来源：青海日报）", "byline"),
        ("编辑：何继红", "byline"),
        ("殷勇同志作政府工作报告。本报记者 戴冰摄", "photo_caption"),
        ("1月27日，艾尔肯·吐尼亚孜代表自治区人民政府，向大会作政府工作报告。石榴云/新疆日报记者谢龙摄",
         "photo_caption"),
        ("相关报道：", "related_links"),
    ],
)
def test_site_furniture_is_dropped_by_kind(line: str, rule: str) -> None:
    norm = normalise(f"{line}\n一、总体要求\n推进建设。\n")
    assert norm.text == "一、总体要求\n推进建设。\n", norm.removed
    assert norm.counts.get(rule), (rule, norm.removed)


# Policy lines that look a little like furniture and must stay.
@pytest.mark.parametrize(
    "line",
    [
        "国务院",
        "2015年7月1日",
        "第八条 禁止下列不文明行为：",
        "（一）总体思路。",
        "二、重点行动",
        "序号 | 主要任务 | 牵头单位",
        "新华社北京7月27日电 近日，中共中央办公厅、国务院办公厅印发了《国家信息化发展战略纲要》。",
        "（五）文明就医，遵循医学规律，配合诊疗，维护正常的医疗秩序，通过正当途径处理医疗纠纷；",
        "大力发展智能制造",
        "第四章 法律责任",
    ],
)
def test_policy_lines_are_kept(line: str) -> None:
    norm = normalise(line + "\n")
    assert norm.text.strip() == normalise(line + "\n").text.strip() != ""
    assert not (set(norm.counts) & FURNITURE_RULES), norm.removed


def test_run_together_printout_head_is_cut_into_title_controls_and_contents() -> None:
    # npc.gov.cn printed: title, adoption, source, font size, time and contents on one line
    head = (
        "中华人民共和国数据安全法（2021年6月10日第十三届全国人民代表大会常务委员会第二十九次会议通过）"
        "来源：中国人大网 浏览字号：大中小2021年06月10日 19:58目　　录第一章　总　　则第二章　数据安全与发展"
        "第三章　数据安全制度第四章　数据安全保护义务第五章　政务数据安全与开放第六章　法律责任第七章　附　　则"
        "第一章　总　　则\n第一条　为了规范数据处理活动，保障数据安全，制定本法。\n"
    )
    norm = normalise(head)
    assert norm.text.split("\n")[:3] == [
        "中华人民共和国数据安全法(2021年6月10日第十三届全国人民代表大会常务委员会第二十九次会议通过)",
        "第一章总则",
        "第一条为了规范数据处理活动,保障数据安全,制定本法。",
    ]
    assert {"byline", "page_controls", "table_of_contents"} <= set(norm.counts)


def test_breadcrumb_set_one_crumb_a_line_and_its_source_value() -> None:
    page = ("您的位置：\n首页\n>\n云南要闻\n云南要闻\n2026年政府工作报告\n来源：\n云南日报\n各位代表：\n"
            "现在，我代表省人民政府，向大会报告工作。\n")
    assert normalise(page).text == "2026年政府工作报告\n各位代表:\n现在,我代表省人民政府,向大会报告工作。\n"


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        # 目录 and its entries, then the body repeating the first entry
        ("昆明市文明行为促进条例\n目录\n第一章总则\n第二章鼓励与规范\n第三章法律责任\n第一章总则\n第一条为了规范文明行为,制定本条例。\n",
         "昆明市文明行为促进条例\n第一章总则\n第一条为了规范文明行为,制定本条例。\n"),
        # spaced-out 目 录 and entries with page numbers
        ("目    录\n第一章  总则  1\n第二章  规范与倡导  3\n第一章  总则\n第一条  为了规范文明行为，制定本条例。\n",
         "第一章总则\n第一条为了规范文明行为,制定本条例。\n"),
        # a chapter list without 目录 before the body
        ("第一章 总则\n第二章 规范与倡导\n第三章 促进与保障\n第四章 法律责任\n第一章 总则\n"
         "第一条 为了规范文明行为,制定本条例。\n",
         "第一章总则\n第一条为了规范文明行为,制定本条例。\n"),
        # WPS dot leaders, spaced or not, with page numbers
        ("目录\n一、发展回顾 . . . . . . . . . 1\n二、总体要求……………………4\n一、发展回顾\n过去五年成绩显著。\n",
         "一、发展回顾\n过去五年成绩显著。\n"),
    ],
)
def test_contents_are_dropped(text: str, kept: str) -> None:
    norm = normalise(text)
    assert norm.text == kept
    assert norm.counts["table_of_contents"] >= 2


def test_a_real_landing_page_is_not_a_policy() -> None:
    text = (REAL / "gov_cn_landing_page.txt").read_text(encoding="utf-8")
    with pytest.raises(NotAPolicyError, match="a web page without a policy"):
        parse_text(text, source="gov_cn_landing_page.txt")


def test_a_catalogue_record_of_a_standard_is_kept() -> None:
    # the standards portal's record page holds no text of the standard, but it names one
    # (标准号, 中文标准名称, dates): a record, not a landing page
    doc = parse_file(REAL / "standards_catalogue_page.pdf")
    assert "GB/T 35273-2020" in doc.text
    assert {"site_navigation", "site_footer"} <= set(doc.normalisation)


def test_a_printed_landing_page_is_named_and_skipped(tmp_path: Path) -> None:
    res = CliRunner().invoke(cli, ["parse", str(REAL / "standards_committee_landing_page.pdf")])
    assert res.exit_code == 2 and "a web page without a policy" in res.output
    assert "Traceback" not in res.output
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("standards_committee_landing_page.pdf", "cac_notice_printout.pdf"):
        (folder / name).write_bytes((REAL / name).read_bytes())
    res = CliRunner().invoke(cli, ["import", str(folder), "--out", str(tmp_path / "corpus"), "--json"])
    assert res.exit_code == 0, res.output
    summary = json.loads(res.output)
    assert [s["file"] for s in summary["skipped"]] == ["standards_committee_landing_page.pdf"]
    assert "a web page without a policy" in summary["skipped"][0]["reason"]


def test_viewer_printout_glyphs_go_back_into_their_lines() -> None:
    # gov.cn printed a page whose text layer sets some glyphs (一, 网, 革, 支 …) off the page or
    # three times too large over other lines; the content stream has them in order
    text = read_document(REAL / "gov_cn_viewer_printout_page4.pdf").text
    for phrase in ("（一）“互联网+”创业创新。", "移动通信网和下一代互联网加快发展", "发展环境进一步开放包容",
                   "1.强化创业创新支撑。", "（发展改革委、科技部、工业和信息化部、人力资源社会保障部"):
        assert phrase in text, phrase
    assert not CJK_SPLIT.search(text)
    assert all(len(line) > 3 for line in text.split("\n") if line), "stray glyph lines"


def test_no_space_between_chinese_characters_in_real_printouts() -> None:
    chars = splits = 0
    for name in ("gov_cn_regulation_printout.pdf", "cac_notice_printout.pdf", "cac_opinion_printout.pdf",
                 "gov_cn_viewer_printout_page4.pdf"):
        doc = parse_file(REAL / name)
        for p in doc.provisions:
            t = p.heading + p.text
            chars += len(t)
            splits += len(CJK_SPLIT.findall(t))
    assert chars > 5_000 and splits * 20_000 < chars


def _gold(name: str) -> list[dict[str, str]]:
    with open(GOLD / name, encoding="utf-8") as f:
        return list(csv.DictReader(f))


def _articles(doc) -> list[int]:  # type: ignore[no-untyped-def]
    found = set()
    for p in doc.provisions:
        for s in (p.label, *p.path):
            m = re.match(r"^第([一二三四五六七八九十百零〇]+)条", s)
            if m:
                found.add(numeral_value(m.group(1)))
    return sorted(found)


PDF_GOLD = [row for row in _gold("pdf_structure.csv") if (REAL / row["file"]).exists()]


def test_pdf_gold_rows_in_the_tests() -> None:
    assert len(PDF_GOLD) >= 3


@pytest.mark.parametrize("row", PDF_GOLD, ids=lambda r: r["file"])
def test_pdf_structure_matches_the_hand_count(row: dict[str, str]) -> None:
    doc = parse_file(REAL / row["file"])
    n = int(row["count"])
    if row["units"] == "articles":
        assert _articles(doc) == list(range(1, n + 1))
    else:
        items = [p for p in doc.provisions if p.kind == "item" or (p.kind == "paragraph" and p.paragraph == 1)]
        label = re.compile(r"^(\([一二三四五六七八九十]+\)|[一二三四五六七八九十]+、)")
        labels = {p.item for p in items if label.match(p.item)}
        assert len(labels) == n, sorted(labels)
        if row["top_level"]:
            assert len({p.path[0] for p in doc.provisions if p.path} | {
                p.item for p in doc.provisions if not p.path and re.match("^[一二三四五六七八九十]+、", p.item)
            }) == int(row["top_level"])
    quote = re.sub(r"[\s\u3000]", "", row["last_unit_quote"]).replace("（", "(").replace("）", ")")
    assert quote in re.sub(r"\s", "", doc.text)
    assert not any(not p.text and re.match("^第.{1,4}章", p.label) for p in doc.provisions)


REG_GOLD = _gold("regulation_structure.csv")


@pytest.mark.parametrize("row", REG_GOLD, ids=lambda r: r["file"])
def test_regulation_articles_contents_and_adoption_line(row: dict[str, str]) -> None:
    doc = parse_file(REAL / row["file"])
    assert _articles(doc) == list(range(1, int(row["articles"]) + 1))
    chapters = {p.path[0] for p in doc.provisions if p.path and p.path[0].startswith("第")}
    assert len(chapters) == int(row["chapters"])
    # no contents entry, no empty heading, no adoption line among the provisions …
    assert doc.normalisation["table_of_contents"] >= int(row["chapters"])
    assert all(p.text or p.heading for p in doc.provisions)
    assert not any(row["adoption_quote"] in p.text for p in doc.provisions)
    assert all(p.part == 0 for p in doc.provisions), "the body read as a second document"
    # … but the adoption line stays in the text, joined, for the metadata
    assert row["adoption_quote"] in doc.text.replace("\n", "")
    assert any(row["adoption_quote"] in line and line.endswith(")") for line in doc.text.split("\n"))
    assert doc.meta.year is not None


@pytest.mark.parametrize(
    ("file", "article", "first_words"),
    [
        ("2017_鄂州市文明行为促进条例.docx", "第八条", "对违反前款第(四)项规定的吸烟行为"),
        ("2020_信阳市文明行为促进条例.docx", "第二十七条", "前款规定的设施,管理单位应当加强日常检查"),
    ],
)
def test_an_articles_paragraph_after_its_items_is_the_articles(file: str, article: str, first_words: str) -> None:
    doc = parse_file(REAL / file)
    units = [p for p in doc.provisions if p.path and p.path[-1] == article]
    last = units[-1]
    assert last.text.startswith(first_words)
    assert (last.kind, last.item, last.paragraph) == ("paragraph", article, 2)
    assert [p.kind for p in units[:2]] == ["intro", "item"] and units[1].label == "(一)"


def test_copied_regulations_agree_with_the_collections_gold() -> None:
    whole = {Path(row["file"]).name: row for row in _gold("regulations.csv")}
    for row in REG_GOLD:
        assert whole[row["file"]]["articles"] == row["articles"], row["file"]


@pytest.mark.parametrize(
    ("text", "articles"),
    [
        # two articles in one paragraph of a real .docx, a Word field mark between them
        ("第四十一条　办理犬只登记的具体办法由市人民政府制定。\ue004  第四十二条　本条例自2021年1月1日起施行。\n",
         ["第四十一条", "第四十二条"]),
        # a cross-reference after a sentence's end is no new article
        ("第三条　违反本条例规定的，依照第五条处理。第三条所称行为，由市人民政府认定。\n", ["第三条"]),
    ],
)
def test_articles_run_into_one_paragraph_are_cut(text: str, articles: list[str]) -> None:
    doc = parse_text("某市文明行为促进条例\n第一章　总则\n" + text)
    assert [p.label for p in doc.provisions if p.label] == articles


@pytest.mark.parametrize(
    "line",
    [
        "（2021年4月29日南阳市第六届人民代表大会常务委\n员会第二十二次会议通过  2021年5月28日河南省第\n"
        "十三届人民代表大会常务委员会第二十四次会议批准）",
        "2020年6月30日吉林市第十六届人民代表大会常务委员会第二十九次会议通过  "
        "2020年7月30日吉林省第十三届人民代表大会常务委员会第二十二次会议批准",
        "（《白城市文明行为促进条例》已由白城市第六届人民代表大会常务委员会第二十三次会议"
        "于2020年4月29日通过，现予公布）",
    ],
)
def test_an_adoption_line_is_letterhead_not_a_provision(line: str) -> None:
    doc = parse_text(f"某市文明行为促进条例\n{line}\n第一章　总则\n第一条　为了促进文明行为，制定本条例。\n")
    assert [p.label for p in doc.provisions] == ["第一条"]
    assert "会议" in doc.text.split("\n")[1] and "\n员会" not in doc.text


# Browser printouts that hold the policy two or three times (run-together copies, then the
# formatted one): tests/gold/pdf_repeats.csv, counted by reading the printouts.
SHARED_PDFS = Path("/work/shared/corpora/real-files/pdfs")
REPEAT_GOLD = _gold("pdf_repeats.csv")


def _squeezed(s: str) -> str:
    return "".join(c for c in s if c.isalnum())


def _printout(row: dict[str, str]) -> Path | None:
    if row["data_file"]:
        return REAL / row["data_file"]
    found = sorted(SHARED_PDFS.glob(row["file"] + "_*.pdf")) if SHARED_PDFS.exists() else []
    return found[0] if found else None


def test_repeat_gold_has_printouts_in_the_tests() -> None:
    assert len(REPEAT_GOLD) >= 10
    assert sum(1 for row in REPEAT_GOLD if row["data_file"] and (REAL / row["data_file"]).exists()) >= 2


@pytest.mark.parametrize("row", REPEAT_GOLD, ids=lambda r: r["file"])
def test_a_printed_policy_gives_each_provision_once(row: dict[str, str]) -> None:
    path = _printout(row)
    if path is None:
        pytest.skip("the shared corpus is not here")
    doc = parse_file(path)
    # an item of several paragraphs has its label in their path: its first paragraph opens it
    texts = [_squeezed((p.label or (p.item if p.kind == "paragraph" and p.paragraph == 1 else ""))
                       + p.heading + p.text) for p in doc.provisions]
    long = [_squeezed(p.label + p.heading + p.text) for p in doc.provisions if p.path or p.label]
    long = [t for t in long if len(t) > 15 and "ICP备" not in t]  # a site footer run into the last article: known
    repeats = {_squeezed(q): int(n) for q, n in (r.rsplit("=", 1) for r in filter(None, row["repeats"].split("|")))}
    assert not [t for t in set(long) if long.count(t) > 1 and not any(r in t for r in repeats)]
    for quote in filter(None, row["once"].split("|")):
        assert sum(_squeezed(quote) in t for t in texts) == 1, quote
    for quote, n in repeats.items():  # what the policy itself repeats stays, as often as it does
        assert sum(quote in t for t in texts) == n, quote
    for quote in filter(None, row["not_provisions"].split("|")):
        assert not any(_squeezed(quote) in t for t in texts), quote
    if row["units"] == "articles":
        assert _articles(doc) == list(range(1, int(row["count"]) + 1))
        labels = [p.label for p in doc.provisions if re.match(r"^第.{1,6}条$", p.label)]
        assert len(labels) == len(set(labels))
    else:
        # items (一)(二)… or sections 一、二、…, each counted once under its place in the tree
        items = row["units"] == "items"
        style = re.compile(r"^\([一二三四五六七八九十]+\)" if items else r"^[一二三四五六七八九十]+、")
        seen = set()
        for p in doc.provisions:
            full = (*p.path, p.label) if p.label else tuple(p.path)
            seen |= {full[: i + 1] for i in range(len(full)) if style.match(full[i])}
        # (P013 and P041 run one item on after another where a page break was joined: split again)
        assert len(seen) == int(row["count"])
    assert doc.normalisation.get("repeated_copies", 0) >= 1


def test_a_sentence_two_articles_share_is_kept_twice() -> None:
    # 第七条 and 第八条 both end "属于本规定第三条、第四条、第五条、第六条规定情形的，从其规定。": the
    # policy's own repeat, not a copy of the body
    text = ("第七条数据处理者向境外提供数据,应当申报数据出境安全评估。\n"
            "属于本规定第三条、第四条、第五条、第六条规定情形的,从其规定。\n"
            "第八条关键信息基础设施运营者以外的数据处理者向境外提供个人信息,应当订立标准合同。\n"
            "属于本规定第三条、第四条、第五条、第六条规定情形的,从其规定。\n")
    norm = normalise(text)
    assert norm.text.count("从其规定") == 2 and "repeated_copies" not in norm.counts
