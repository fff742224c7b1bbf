"""Normalisation: each seed's quirks, as tables of real text in and expected text out."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from evolve.normalize import normalise
from evolve.normalize.pinyin import remove_glosses
from evolve.normalize.script import reverse_taiwan_vocabulary, to_simplified, vocabulary
from evolve.normalize.steps import fullwidth_alnum, punctuation

PINYIN_GLOSS = re.compile(r"[\u4e00-\u9fff]\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+\)")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("寧政辦發(fā)〔2017〕101號", "寧政辦發〔2017〕101號"),
        ("各市、縣(區(qū))人民政府", "各市、縣(區)人民政府"),
        ("關(guan) 於(yu) 印發", "關於印發"),
        ("網(wǎng)絡(luò)安全", "網絡安全"),
        ("發展電子商務(B2C),推廣(ETC)", "發展電子商務(B2C),推廣(ETC)"),
        ("加入(RCEP)和(O2O)模式", "加入(RCEP)和(O2O)模式"),
        ("建設國家頂級節點(青岛节点)", "建設國家頂級節點(青岛节点)"),
        ("市(shi) 5G", "市 5G"),  # a space before Latin text separates words and stays
        ("区(ma)", "区(ma)"),  # "ma" is not a reading of 区: kept
    ],
)
def test_pinyin_glosses_removed_only_when_a_reading(text: str, expected: str) -> None:
    assert remove_glosses(text)[0] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("部署ＩＰｖ６和５Ｇ网络", "部署IPv6和5G网络"),
        ("（一）宽带提升行动：推进；完成，", "(一)宽带提升行动:推进;完成,"),
        ("1．智慧教育", "1.智慧教育"),
    ],
)
def test_width_and_punctuation(text: str, expected: str) -> None:
    text, _ = fullwidth_alnum(text)
    assert punctuation(text)[0] == expected


def test_fullwidth_fold_leaves_cjk_punctuation() -> None:
    # Only Latin letters and digits are folded: no NFKC on the whole text.
    assert fullwidth_alnum("《规划》“数据”〔2016〕")[0] == "《规划》“数据”〔2016〕"


@pytest.mark.parametrize(
    ("taiwan", "mainland"),
    [
        ("持續推動數位化轉型", "持续推动数字化转型"),
        ("打造一體化套用能力服務超市", "打造一体化应用能力服务超市"),
        ("發展工業網際網路", "发展工业互联网"),
        ("發展智慧型家電產業", "发展智能家电产业"),
        ("最佳化一體化政務服務平台功能", "优化一体化政务服务平台功能"),
        ("建立全市統一的格線體系", "建立全市统一的网格体系"),
        ("發展半導體和積體電路產業", "发展半导体和集成电路产业"),
        ("實施寬頻鄉村工程", "实施宽带乡村工程"),
        ("發展軟體產業", "发展软件产业"),
    ],
)
def test_taiwan_vocabulary_reversed(taiwan: str, mainland: str) -> None:
    simplified, _ = to_simplified(taiwan)
    assert reverse_taiwan_vocabulary(simplified)[0] == mainland


@pytest.mark.parametrize(
    "mainland",
    [
        "推进智慧城市建设",
        "整合各类资源",
        "建立健全工作机制",
        "推动线上线下融合",
        "推进档案数字化",
        "这些企业多数位于城区",
        "发展智慧农业和智慧教育",
    ],
)
def test_mainland_vocabulary_survives(mainland: str) -> None:
    assert reverse_taiwan_vocabulary(mainland)[0] == mainland


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("发展人工智慧教育", "发展人工智能教育"),  # 人工智慧 covers 智慧: it wins over 智慧教育
        ("人工智慧城市", "人工智能城市"),
        ("建成一个资料库", "建成一个数据库"),  # 个资 loses to 资料; 资料库 behind it is still seen
        ("统计资料分析", "统计数据分析"),
        ("数位服务品质", "数字服务品质"),
        ("资料品质提升", "数据质量提升"),
        ("绘制网格线", "绘制网格线"),  # 格线 does not cover 网格: the protected term wins
        ("资讯息息相关", "资讯息息相关"),
        ("作业系统整合", "作业系统整合"),  # 作业系统 covers no protected term: left alone
        ("资料资源整合", "数据资源整合"),
        ("打开视窗口", "打开视窗口"),
    ],
)
def test_taiwan_phrase_against_overlapping_protected_term(text: str, expected: str) -> None:
    assert reverse_taiwan_vocabulary(text)[0] == expected


def _overlaps() -> list[tuple[str, str, str, int, int]]:
    """Every way a Taiwan phrase of the table and a protected term overlap partly: (text,
    phrase, protected term, where the phrase starts, overlap length)."""
    table = vocabulary()
    out = []
    for k in table.mapping:
        for p in table.protected:
            for n in range(1, min(len(k), len(p))):
                if k[-n:] == p[:n]:
                    out.append((k + p[n:], k, p, 0, n))
                if p[-n:] == k[:n]:
                    out.append((p + k[n:], k, p, len(p) - n, n))
    return out


def test_every_overlap_of_the_tables_follows_the_rule() -> None:
    """The phrase wins exactly when it covers a protected term of its own; otherwise the
    protected term comes out unchanged and the phrase is not rewritten whole."""
    table = vocabulary()
    overlaps = _overlaps()
    assert len(overlaps) > 500  # the tables overlap in hundreds of ways; all are checked
    wins = 0
    for text, k, p, at, _n in overlaps:
        got = reverse_taiwan_vocabulary(text)[0]
        if any(q in k for q in table.protected):
            wins += 1
            expected = text[:at] + table.mapping[k] + text[at + len(k) :]
            assert got == expected, (text, k, p)
        else:
            assert (got.startswith(p) if at else got.endswith(p)), (text, k, p, got)
            assert table.mapping[k] not in got or table.mapping[k] in text, (text, k, p, got)
    assert 0 < wins < len(overlaps)


def test_protected_terms_hold_no_taiwan_phrase() -> None:
    table = vocabulary()
    for p in table.protected:
        assert reverse_taiwan_vocabulary(p)[0] == p, p
        assert not [k for k in table.mapping if k in p], p


def test_simplified_document_is_not_taiwan_converted() -> None:
    # Two Taiwan-looking words in a mainland text do not trigger the reversal.
    norm = normalise("一、总体要求\n推进智慧城市建设,整合资源,建立档案。多数位于城区,套用模板。\n")
    assert not norm.taiwan_vocabulary
    assert "智慧城市" in norm.text and "整合" in norm.text and "套用" in norm.text


def test_crlf_fullwidth_space_and_bom_free_text() -> None:
    norm = normalise("一、总体要求\r\n\u3000\u3000推进建设。\r\n")
    assert norm.text == "一、总体要求\n推进建设。\n"
    assert norm.counts["line_endings"] == 2


def test_furniture_dropped_and_counted() -> None:
    text = (
        "【法宝引证码】CLI.12.345\n原文链接:http://example.gov.cn/a.html\n"
        "目录\n一、总体要求........3\n二、重点任务........5\n"
        "某某体育官方网站入口\n"
        "一、总体要求\n推进建设。\n(此件公开发布)\n打印本页 关闭窗口\n|\n"
    )
    norm = normalise(text)
    assert norm.text == "一、总体要求\n推进建设。\n"
    for rule in ("export_header", "table_of_contents", "advertising", "publication_note", "punctuation_only"):
        assert norm.counts.get(rule), rule


def test_ningxia_has_no_traditional_or_gloss_left(ningxia) -> None:  # type: ignore[no-untyped-def]
    assert not PINYIN_GLOSS.search(ningxia.text)
    assert to_simplified(ningxia.text)[1] == 0
    assert ningxia.normalisation["pinyin_glosses"] > 800
    assert "区市分工协作“1243”总体架构" in ningxia.text  # the broken "!" restored as a quote
    assert not ningxia.text.rstrip().endswith("|")


def test_qingdao_taiwan_vocabulary_and_furniture(qingdao) -> None:  # type: ignore[no-untyped-def]
    text = qingdao.text
    assert to_simplified(text)[1] == 0
    for word in ("数字化转型", "工业互联网", "应用", "智能", "优化", "集成电路", "网格"):
        assert word in text, word
    for word in ("数位化", "网际网路", "套用", "智慧型", "最佳化", "积体电路", "格线", "宽频"):
        assert word not in text, word
    assert "智慧城市" in text and "整合" in text  # mainland words untouched
    for furniture in ("基本介绍", "相关词条", "热门词条", "联络我们"):
        assert furniture not in text, furniture
    assert qingdao.normalisation["taiwan_vocabulary"] > 50


def test_zhaoqing_news_lead_dropped(zhaoqing) -> None:  # type: ignore[no-untyped-def]
    assert "原文如下" not in zhaoqing.text
    assert not zhaoqing.text.startswith("8月6日")
    assert zhaoqing.normalisation["news_lead"] == 2


def test_xianning_advertising_dropped(xianning) -> None:  # type: ignore[no-untyped-def]
    assert "官方网站" not in xianning.text
    assert xianning.normalisation["advertising"] == 1
    assert "(B2C)" in xianning.text and "(ETC)" in xianning.text and "(O2O)" in xianning.text


WEB_PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>某市人民政府</title>
<style>p{color:red}</style><script>var a="一、假标题";</script></head>
<body><div class="nav">首页 &gt; 政府信息公开</div>
<div class="content"><h1>某市数字政府建设实施方案</h1>
<p>一、总体要求</p><p>&nbsp;&nbsp;到2025年，基本建成数字政府。</p>
<p>二、重点任务</p><p>（一）建设一网通办平台。推动政务服务一网通办。（市政务服务数据管理局牵头）</p>
<p>某市人民政府办公室<br>2023年5月6日</p></div>
<div class="footer">打印本页 关闭窗口</div></body></html>"""


def test_plan_saved_as_a_web_page() -> None:
    from evolve.parse import parse_text

    doc = parse_text(WEB_PAGE, id="page")
    assert doc.normalisation["html"] > 10
    assert "<" not in doc.text and "var a" not in doc.text and "&gt;" not in doc.text
    assert "首页" not in doc.text and "打印本页" not in doc.text
    items = [(p.path, p.label, p.heading, p.lead) for p in doc.provisions if p.kind == "item"]
    assert items == [((), "一、", "总体要求", ()),
                     (("二、重点任务",), "(一)", "建设一网通办平台", ("市政务服务数据管理局",))]
    assert (doc.meta.title, doc.meta.date) == ("某市数字政府建设实施方案", "2023-05-06")


def test_text_with_a_few_angle_brackets_is_not_html() -> None:
    norm = normalise("一、总体要求\n推进<b>建设</b>。\n")
    assert "html" not in norm.counts


def test_a_report_that_spaces_every_digit_gets_its_numbers_back() -> None:
    # The 1998 work report as collected: "1 9 9 7 年国内生产总值达到7 4 7 7 2 亿元", "8 ．8 ％";
    # a reader reads 1997年, 74772亿元, 8.8%, and Ctrl-F in evolve's text must find them so.
    root = Path(__file__).resolve().parent / "data" / "work-reports"
    raw = (root / "1998.txt").read_text("utf-8")
    assert "1 9 9 7 年" in raw
    norm = normalise(raw)
    for quote in ("1997年国内生产总值达到74772亿元", "经济增长8.8%", "平均每年增长11%",
                  "1997年粮食产量达到49250万吨", "发电装机容量达到2.5亿千瓦"):
        assert quote in norm.text, quote
    assert not re.search(r"\d \d", norm.text)
    assert norm.counts["spaced_digits"] > 100
    # reports that write numbers normally are left alone, their spaced tables too
    for year in ("1985", "2008"):
        assert "spaced_digits" not in normalise((root / f"{year}.txt").read_text("utf-8")).counts
    assert normalise("指标 2019 2020 2021\n项目数 3 5 7 个\n").text.count("3 5 7") == 1


@pytest.mark.parametrize("line", [
    "实现不动产登记证明自助下载打印,方便群众办事。",   # words of the sentence, not the page's buttons
    "引导企业加大打印设备更新力度,收藏留言板块向公众开放。",
])
def test_page_action_words_inside_a_sentence_are_kept(line: str) -> None:
    text = normalise(f"关于推进政务服务的通知\n一、重点任务\n(一){line}\n").text
    assert line.replace(",", ",") in text


@pytest.mark.parametrize(("line", "kept"), [
    ("默认大超大|打印收藏留言|分享到", ""),
    ("本办法自公布之日起施行。打印本页关闭窗口", "本办法自公布之日起施行。"),
    ("网络安全审查办法下载 全屏 加大 还原 减小", "网络安全审查办法"),
])
def test_page_controls_run_into_a_line_are_still_cut(line: str, kept: str) -> None:
    from evolve.normalize.webpage import classify, split_controls

    pieces = [p for p in split_controls(line) if classify(p) is None]
    assert "".join(pieces) == kept


def test_the_character_table_is_openccs() -> None:
    """data/t2s_characters.tsv is what OpenCC's t2s makes of each character on its own. If
    opencc changed, regenerate it: every character of the CJK blocks whose t2s differs."""
    import opencc

    from evolve.normalize.script import _characters

    t2s = opencc.OpenCC("t2s")
    _, table = _characters()
    blocks = [(0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF), (0xFF00, 0xFFEF), (0x20000, 0x2FA1F)]
    found = {i: t2s.convert(chr(i)) for a, b in blocks for i in range(a, b + 1) if t2s.convert(chr(i)) != chr(i)}
    assert found == {i: chr(s) for i, s in table.items() if any(a <= i <= b for a, b in blocks)}
    assert len(table) > 5000


def test_the_taiwan_table_is_keyed_as_opencc_would() -> None:
    """vocabulary() converts the table's Taiwan phrases character by character (no OpenCC):
    for every phrase of the table that is what t2s makes of it."""
    import opencc

    t2s = opencc.OpenCC("t2s")
    from evolve.normalize.script import _data_lines

    rows = [line.split("\t")[:2] for line in _data_lines("taiwan_vocab.tsv")[1:]
            if line.strip() and not line.startswith("#")]
    keys = set(vocabulary().mapping)
    for taiwan, mainland in rows:
        key = t2s.convert(taiwan.strip())
        assert key == mainland.strip() or key in keys, taiwan


@pytest.mark.parametrize("line", [
    # Simplified lines of real reports (沈阳 2024, 辽宁 2026) where 沈 is Shenyang: t2s, which
    # reads 沈 as Traditional for 沉, wrote 在沉落地 and 沉北 when a whole text was converted
    "东北首家续贷服务中心在沈落地，十月稻田等3家企业",
    "全面提升科技创新能力，浑南科技城、沈北科教园加快建设，辽宁材料实验室投入运行。",
])
def test_simplified_lines_are_left_as_written(line: str) -> None:
    text = "推進數位轉型，建設資料中心。\n" + line
    out, changed = to_simplified(text)
    assert out.split("\n")[1] == line
    assert out.split("\n")[0] == "推进数位转型，建设资料中心。" and changed == 5
    assert to_simplified(line) == (line, 0)


def test_the_marker_pattern_finds_what_an_alternation_of_the_phrases_finds() -> None:
    """Taiwan markers are searched with a trie pattern: the same matches, longest first, as
    the alternation of the phrases sorted longest first, on every phrase run together."""
    table = vocabulary()
    keys = sorted(table.mapping, key=len, reverse=True)
    alternation = re.compile("|".join(map(re.escape, keys)))
    text = "，".join(keys) + "".join(keys) + "推进数位化转型，建设资料库和网路"
    found = [m.group(0) for m in table.pattern.finditer(text)]
    assert found == [m.group(0) for m in alternation.finditer(text)]
    assert len(found) > len(keys)
