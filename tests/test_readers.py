"""Readers: PDF, DOCX, Markdown and HTML plans made in the tests, read back as the plan's text."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from evolve.cli import cli
from evolve.errors import InputError
from evolve.parse import parse_file
from evolve.readers import read_document
from evolve.readers.lines import join
from evolve.readers.numbering import format_number
from tests.makedocs import make_docx, make_embedded_pdf, make_pdf, make_scanned_pdf

LONG = ("为贯彻落实国家数字经济发展战略,加快建设具有世界影响力的国际数字之都,根据《上海市国民经济和社会发展"
        "第十四个五年规划和二〇三五年远景目标纲要》,制定本规划。到2025年,全市新建5G基站3万个,推进IPv6"
        "规模部署和千兆光网建设。")
PLAN = [
    "上海市数字经济发展“十四五”规划",
    "一、发展基础",
    LONG,
    "(一)加强组织领导。各区各部门要建立工作机制,明确责任分工,形成工作合力。",
    "二、主要任务",
    LONG.replace("5G基站3万个", "数据中心机架10万个"),
    "(二)强化数据要素。推进公共数据授权运营,培育数据交易市场,建设城市数据空间。" * 3,
]


@pytest.fixture(scope="module")
def plan_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    # 6 lines a page: paragraphs run over page breaks, the header and page numbers recur
    path = tmp_path_factory.mktemp("pdf") / "2021-07-05_上海市数字经济发展规划.pdf"
    return make_pdf(path, PLAN, header="上海市人民政府办公厅文件", lines_per_page=6,
                    headings=frozenset({0, 1, 4}))


def test_pdf_paragraphs_come_back_whole(plan_pdf: Path) -> None:
    read = read_document(plan_pdf)
    lines = read.text.strip().split("\n")
    # one line per paragraph: wrapped lines joined without spaces, also across page breaks
    assert lines == PLAN
    assert read.reader == "pdf" and read.counts["pdf"] >= 3
    # the running header and the page numbers of every page are gone
    assert read.counts["pdf_running_lines"] == read.counts["pdf"]
    assert read.counts["pdf_page_numbers"] == read.counts["pdf"]
    assert "人民政府办公厅文件" not in read.text and "—" not in read.text


def test_pdf_in_the_official_document_layout(tmp_path: Path) -> None:
    # GB/T 9704: A4, 16-point type, 22 lines of 28.9 pt, margins 37 mm (105 pt), the page number
    # in 14 points 7 mm below the text block (28 mm, 79 pt, from the bottom edge)
    body = [LONG * 3, "(二)强化数据要素。推进公共数据授权运营,培育数据交易市场。", LONG * 2]
    path = make_pdf(tmp_path / "gw.pdf", body, size=16.0, pitch=28.9, margin=85.0, lines_per_page=22,
                    number_y=79.0, number_size=14.0, number_format="— {n} —")
    read = read_document(path)
    assert read.text.strip().split("\n") == body
    assert read.counts["pdf_page_numbers"] == read.counts["pdf"] >= 2


def test_parse_json_shows_the_pdf_reader_in_the_normalisation_log(plan_pdf: Path) -> None:
    res = CliRunner().invoke(cli, ["parse", str(plan_pdf), "--json"])
    assert res.exit_code == 0, res.output
    doc = json.loads(res.output)
    assert doc["reader"] == "pdf" and doc["encoding"] == "pdf"
    assert {"pdf", "pdf_running_lines", "pdf_page_numbers", "pdf_line_joins"} <= set(doc["normalisation"])
    from evolve.normalize import RULES

    assert all(RULES.get(rule) for rule in doc["normalisation"])  # each explained in the log
    assert doc["meta"]["place"] == "上海" and doc["meta"]["title"] == "上海市数字经济发展“十四五”规划"
    # the text has no date: the file name gives it
    assert doc["meta"]["date"] == "2021-07-05" and doc["meta"]["sources"]["date"] == "file name"
    headings = {p["path"][0] for p in doc["provisions"]}
    assert {"一、发展基础", "二、主要任务"} <= headings


def test_pdf_with_an_embedded_font_from_another_producer(tmp_path: Path) -> None:
    first = ["二、重点任务", "  (一)推进算力基础设施建设。统筹布局智能计算中心,到2025年全市算力规模达到",
             "200EFLOPS,建成一批行业数据空间,推进IPv6规模部署和千兆光网建设。", "  (二)培育数据要素市场。",
             "  (三)发展低空经济。建设低空智联网,开通无人机物流航线,推动eVTOL"]
    second = ["研发制造和示范应用。", "  (四)强化组织保障。"]
    path = make_embedded_pdf(tmp_path / "m.pdf", [first, second], header="深圳市发展和改革委员会")
    read = read_document(path)
    assert read.text.strip().split("\n") == [
        "二、重点任务",
        "(一)推进算力基础设施建设。统筹布局智能计算中心,到2025年全市算力规模达到200EFLOPS,建成一批行业数据空间,"
        "推进IPv6规模部署和千兆光网建设。",
        "(二)培育数据要素市场。", "(三)发展低空经济。建设低空智联网,开通无人机物流航线,推动eVTOL研发制造和示范应用。",
        "(四)强化组织保障。",
    ]
    assert read.counts["pdf_page_numbers"] == 2 and read.counts["pdf_running_lines"] == 2


def test_pdf_left_aligned_lines_that_stop_before_a_long_word(tmp_path: Path) -> None:
    # not justified: a line stops short when the next word (a long number or Latin word) does
    # not fit; that is a wrap, not a paragraph's end
    para = ("推进开源鸿蒙数数数数数数数生态建设,支持OpenHarmony和openEuler操作系统在政务、金融、能源等领域规模应用,"
            "培育数据要素市场,推进算力基础设施建设和智能计算中心布局。")
    body = [LONG, para, LONG, "(二)加强组织领导。"]
    read = read_document(make_pdf(tmp_path / "left.pdf", body, size=14.0))
    assert read.text.strip().split("\n") == body


def test_pdf_hyphens_at_line_ends(tmp_path: Path) -> None:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfgen import canvas

    make_pdf(tmp_path / "warm.pdf", ["预热"])  # registers the font
    c = canvas.Canvas(str(tmp_path / "h.pdf"))
    lines = ("本规划期限为2021-", "2025年,加强inter-", "national合作,推进“数字-", "2024”专项行动和数据要素市场建设。")
    for k, line in enumerate(lines):  # justified to one width, as a paragraph's lines are
        text = c.beginText(72, 700 - 16 * k)
        text.setFont("STSong-Light", 12)
        if k < len(lines) - 1:
            text.setCharSpace((300 - pdfmetrics.stringWidth(line, "STSong-Light", 12)) / (len(line) - 1))
        text.textOut(line)
        c.drawText(text)
    c.save()
    assert read_document(tmp_path / "h.pdf").text.strip() == (
        "本规划期限为2021-2025年,加强international合作,推进“数字-2024”专项行动和数据要素市场建设。")


def test_parse_view_names_the_reader(plan_pdf: Path, tmp_path: Path) -> None:
    res = CliRunner().invoke(cli, ["parse", str(plan_pdf)], env={"COLUMNS": "150"})
    assert res.exit_code == 0 and "read as pdf" in res.output and "pdf_running_lines" in res.output
    law = "# 锦州市数据条例\n\n第一条 为了促进数据依法有序流动,制定本条例。\n"
    (tmp_path / "a.md").write_bytes(law.encode("gb18030"))
    res = CliRunner().invoke(cli, ["parse", str(tmp_path / "a.md")])
    assert res.exit_code == 0 and "read as markdown (gb18030)" in res.output


def test_pdf_without_text_layer_says_to_ocr(tmp_path: Path) -> None:
    path = make_scanned_pdf(tmp_path / "scan.pdf")
    with pytest.raises(InputError, match=r"without a text layer.*OCR"):
        read_document(path)
    res = CliRunner().invoke(cli, ["parse", str(path)])
    assert res.exit_code == 2 and "OCR" in res.output and "Traceback" not in res.output


@pytest.mark.parametrize(("name", "data", "says"), [
    ("old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "damaged OLE"),
    ("plan.wps", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "damaged OLE"),
    ("data.xml", b"<?xml version='1.0'?><rows><row>1</row></rows>", "not a Word document"),
    ("photo.jpg", b"\xff\xd8\xff\xe0" + b"\x00" * 100, "OCR"),
    ("cut.docx", b"PK\x03\x04" + b"\x00" * 30, "damaged"),
    ("broken.pdf", b"%PDF-1.7\n1 0 obj garbage", "not a readable PDF"),
])
def test_unreadable_formats_say_what_to_do(tmp_path: Path, name: str, data: bytes, says: str) -> None:
    (tmp_path / name).write_bytes(data)
    with pytest.raises(InputError, match=says) as exc:
        read_document(tmp_path / name)
    assert "\n" not in str(exc.value) and name in str(exc.value)
    if name.endswith((".doc", ".wps")):
        assert "save it as .docx" in str(exc.value)


def test_docx_numbering_as_word_shows_it_and_tables_as_rows(tmp_path: Path) -> None:
    path = make_docx(tmp_path / "政府工作报告2016.docx", [
        ("heading", "锦州市数字经济发展规划"),
        ("item", (0, "总体要求")),
        ("p", "坚持系统观念,统筹发展和安全。"),
        ("item", (1, "加强组织领导。建立数字经济工作专班,定期研究重大问题。")),
        ("item", (2, "建立工作机制。")),
        ("item", (2, "明确责任分工。")),
        ("item", (1, "强化要素保障。统筹安排专项资金,支持重点项目建设。")),
        ("item", (0, "重点任务")),
        ("item", (1, "推进5G网络建设。新建5G基站2000个。")),
        ("table", [["序号", "任务", "责任单位"], ["1", "建设5G基站", "市工业和信息化局"]]),
    ])
    read = read_document(path)
    assert read.text.split("\n")[:10] == [
        "锦州市数字经济发展规划", "一、总体要求", "坚持系统观念,统筹发展和安全。",
        "(一)加强组织领导。建立数字经济工作专班,定期研究重大问题。", "1.建立工作机制。", "2.明确责任分工。",
        "(二)强化要素保障。统筹安排专项资金,支持重点项目建设。", "二、重点任务",
        "(一)推进5G网络建设。新建5G基站2000个。", "序号 | 任务 | 责任单位",
    ]
    assert "1 | 建设5G基站 | 市工业和信息化局" in read.text
    assert "页眉" not in read.text  # the page header is not body text
    assert read.counts == {"docx": 9, "docx_numbering": 7, "docx_table_rows": 2}
    doc = parse_file(path)
    assert doc.reader == "docx" and doc.normalisation["docx_numbering"] == 7
    assert doc.meta.place == "锦州" and doc.meta.year == 2016 and doc.meta.sources["year"] == "file name"
    # the labels Word computed are numbering to the segmenter: items under their headings
    labels = {(path[0], h.label) for path, h in doc.headings if path}
    assert {("一、总体要求", "1."), ("一、总体要求", "(二)"), ("二、重点任务", "(一)")} <= labels


def test_docx_text_box_read_once(tmp_path: Path) -> None:
    import docx
    from docx.oxml import parse_xml

    document = docx.Document()
    p = document.add_paragraph("正文开头。")
    box = ('<w:p><w:r><w:t>锦州市人民政府文件</w:t></w:r></w:p>')
    p._p.append(parse_xml(
        '<mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
        'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        f'<mc:Choice Requires="wps"><w:r><w:txbxContent>{box}</w:txbxContent></w:r></mc:Choice>'
        f'<mc:Fallback><w:r><w:txbxContent>{box}</w:txbxContent></w:r></mc:Fallback></mc:AlternateContent>'))
    document.save(str(tmp_path / "box.docx"))
    assert read_document(tmp_path / "box.docx").text.count("锦州市人民政府文件") == 1


@pytest.mark.parametrize(("n", "fmt", "out"), [
    (3, "chineseCounting", "三"), (12, "chineseCounting", "十二"), (12, "chineseLegalSimplified", "壹拾贰"),
    (2, "ideographTraditional", "乙"), (4, "decimalEnclosedCircle", "④"), (3, "lowerLetter", "c"),
    (27, "lowerLetter", "aa"), (14, "upperRoman", "XIV"), (7, "decimalFullWidth", "７"), (5, "decimal", "5"),
])
def test_word_number_formats(n: int, fmt: str, out: str) -> None:
    assert format_number(n, fmt) == out


def test_markdown_markup_stripped_front_matter_is_metadata(tmp_path: Path) -> None:
    md = ("---\ntitle: 上海市促进低空经济发展行动方案\ndate: 2024-08-01\nurl: https://www.shanghai.gov.cn/x\n---\n"
          "# 上海市促进低空经济发展行动方案(2024—2027年)\n\n"
          "为加快**低空经济**发展,根据[《国务院关于加快发展通用航空业的指导意见》](http://www.gov.cn/x)精神,\n"
          "结合本市实际,制定本方案。\n\n## 一、总体要求\n\n"
          "1. 到2027年,建成*低空*飞行服务保障体系。\n2. 推进eVTOL\n   研发制造。\n\n"
          "- 强化组织保障\n- 加强安全监管\n\n| 任务 | 责任单位 |\n|---|---|\n| 建设起降场 | 市交通委 |\n")
    path = tmp_path / "方案.md"
    path.write_text(md, encoding="utf-8")
    read = read_document(path)
    assert read.text.split("\n")[:9] == [
        "上海市促进低空经济发展行动方案(2024—2027年)",
        "为加快低空经济发展,根据《国务院关于加快发展通用航空业的指导意见》精神,结合本市实际,制定本方案。",
        "一、总体要求", "1.到2027年,建成低空飞行服务保障体系。", "2.推进eVTOL研发制造。",
        "强化组织保障", "加强安全监管", "任务 | 责任单位", "建设起降场 | 市交通委",
    ]
    assert read.meta == {"title": "上海市促进低空经济发展行动方案", "date": "2024-08-01",
                         "source_url": "https://www.shanghai.gov.cn/x"}
    doc = parse_file(path)
    assert doc.reader == "markdown" and doc.normalisation["markdown"] > 5
    assert doc.meta.date == "2024-08-01" and doc.meta.place == "上海"


def test_markdown_bold_labels_the_way_chinese_pages_write_them(tmp_path: Path) -> None:
    path = tmp_path / "bold.md"
    path.write_text("## 一、总体要求\n\n**(一)**完善数据要素市场。\n\n**(二)加强组织领导。**各区要建立机制。\n",
                    encoding="utf-8")
    assert read_document(path).text.split("\n")[:3] == [
        "一、总体要求", "(一)完善数据要素市场。", "(二)加强组织领导。各区要建立机制。"]


def test_markdown_keeps_text_that_only_looks_like_markup(tmp_path: Path) -> None:
    path = tmp_path / "plain.md"
    path.write_text("第一条 为了规范数据*交易*行为,制定本办法。\n\n第二条 本办法所称数据,是指任何以电子方式"
                    "对信息的记录(含#标签)。\n", encoding="utf-8")
    lines = read_document(path).text.strip().split("\n")
    assert lines == ["第一条 为了规范数据交易行为,制定本办法。",
                     "第二条 本办法所称数据,是指任何以电子方式对信息的记录(含#标签)。"]


def test_html_file_is_read_as_a_page(tmp_path: Path) -> None:
    page = ("<html><head><title>x</title><script>var a=1;</script></head><body><h1>锦州市数字政府建设方案</h1>"
            "<p>一、总体要求</p><p>(一)推进一网通办。深化政务服务改革,实现高频事项全程网办。</p></body></html>")
    path = tmp_path / "page.htm"
    path.write_bytes(page.encode("gb18030"))
    read = read_document(path)
    assert read.reader == "html" and read.encoding == "gb18030" and read.counts["html"] > 5
    assert "var a" not in read.text and "一、总体要求" in read.text.split("\n")
    assert parse_file(path).normalisation["html"] == read.counts["html"]


@pytest.mark.parametrize(("data", "says"), [
    (b"\xef\xbb\xbf" + "为贯彻落实国家数字经济发展战略加快建设".encode("gb18030"), "UTF-8 byte-order mark"),
    (b"\xff\xfe" + "为贯彻落实国家数字经济发展战略加快建设".encode("gb18030"), "UTF-16 byte-order mark"),
])
def test_a_bom_that_does_not_match_the_body(tmp_path: Path, data: bytes, says: str) -> None:
    (tmp_path / "x.txt").write_bytes(data)
    with pytest.raises(InputError, match=says):
        read_document(tmp_path / "x.txt")


def test_a_pdf_named_txt_is_still_a_pdf(plan_pdf: Path, tmp_path: Path) -> None:
    (tmp_path / "plan.txt").write_bytes(plan_pdf.read_bytes())
    assert read_document(tmp_path / "plan.txt").reader == "pdf"


@pytest.mark.parametrize(("a", "b", "out"), [
    ("加快建设数字", "中国", "加快建设数字中国"), ("推进 IPv6", "network", "推进 IPv6 network"),
    ("2021-20", "25年", "2021-2025年"), ("inter-", "national", "international"), ("数据", "eVTOL", "数据eVTOL"),
])
def test_line_joins(a: str, b: str, out: str) -> None:
    assert join(a, b) == out


def test_corpus_and_trends_read_files_of_every_format(plan_pdf: Path, tmp_path: Path) -> None:
    docx = make_docx(tmp_path / "锦州.docx", [("heading", "锦州市数据要素发展规划"), ("item", (0, "重点任务")),
                                             ("item", (1, "推进公共数据授权运营。培育数据要素市场,推进5G应用。"))])
    md = tmp_path / "2023_上海.md"
    md.write_text("# 上海市低空经济行动方案\n\n## 一、主要任务\n\n**(一)**发展低空经济。建设5G网络和起降场。\n",
                  encoding="utf-8")
    code = CliRunner().invoke(cli, ["corpus", str(plan_pdf), str(docx), str(md), "--json"])
    assert code.exit_code == 0, code.output
    rows = {r["id"]: r for r in json.loads(code.output)["documents"]}
    assert {r["place"] for r in rows.values()} == {"上海", "锦州"} and rows["2023_上海"]["year"] == 2023
    res = CliRunner().invoke(cli, ["trends", str(plan_pdf), str(docx), str(md), "--terms", "5G,数据要素", "--json"])
    assert res.exit_code == 0, res.output
    counts = {d["id"]: d["counts"] for d in json.loads(res.output)["documents"]}
    assert counts["锦州"] == {"5G": 1, "数据要素": 2}  # the title counts too (Ctrl-F)
    assert counts["2023_上海"]["5G"] == 1
