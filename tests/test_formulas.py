"""Formulas (salutations, the opening sentence, thanks, date-and-speaker lines, the closing call)
are provisions of kind "formula", aligned only with each other; the paragraphs after a report's
last numbered part are a part of their own. Texts from the State Council's and cities' reports."""

from __future__ import annotations

from pathlib import Path

import pytest

from evolve.align import align
from evolve.lineage import build_lineage
from evolve.parse import parse_file, parse_text
from evolve.segment.formulas import formula_reason

DATA = Path(__file__).parent / "data"


@pytest.mark.parametrize(("text", "reason"), [
    ("各位代表!", "salutation"),
    ("各位代表：", "salutation"),
    ("各位代表，同志们：", "salutation"),
    ("现在，我代表国务院，向大会作政府工作报告，请各位代表审议，并请全国政协委员提出意见。", "opening"),
    ("现在，我代表市人民政府，向大会报告政府工作，请予审议，并请市政协委员和其他列席人员提出意见。", "opening"),
    ("在这里，我代表国务院，向全国各族人民，向各民主党派、各人民团体和各界人士，表示诚挚感谢！", "thanks"),
    ("——2024年1月16日在亳州市第五届人民代表大会第三次会议上", "date_speaker"),
    ("市人民政府市长 秦凤玉", "date_speaker"),
    ("市人民政府市长秦凤玉", "date_speaker"),
    ("各位代表！征程万里风正劲，重任千钧再出发。让我们更加紧密地团结在以习近平同志为核心的党中央周围，"
     "坚定信心、笃行实干，为加快打造海南自由贸易港建设新标杆而不懈奋斗！", "closing_call"),
    # policy, even where it ends on a call or names the audience
    ("继续实施积极的财政政策。", None),
    ("巩固和发展各民族大团结，是国家长治久安、繁荣昌盛的根本保证，是各族人民的根本利益所在。要坚持和完善"
     "民族区域自治制度，全面落实中央支持少数民族和民族地区发展的政策措施。让我们团结奋进，共同谱写中华"
     "民族繁荣发展的历史新篇章！", None),
    ("国内生产总值增长8%左右；居民消费价格总水平涨幅控制在4%左右。", None),
    ("区长办公会议", None),
    ("结束语", "closing_heading"),
    ("结 束 语", "closing_heading"),
    ("结束语言文字的规范化工作", None),
])
def test_formula_reason(text: str, reason: str | None) -> None:
    assert formula_reason(text) == reason


@pytest.fixture(scope="module")
def reports():  # type: ignore[no-untyped-def]
    return parse_file(DATA / "work_reports" / "2011.txt"), parse_file(DATA / "work_reports" / "2012.txt")


def test_report_formulas_and_closing_part(reports) -> None:  # type: ignore[no-untyped-def]
    r2011, _ = reports
    formulas = [p for p in r2011.provisions if p.kind == "formula"]
    assert formulas[0].text.startswith("现在,我代表国务院,向大会作政府工作报告")
    assert sum(p.full_text == "各位代表!" for p in formulas) == 5
    # 民族、宗教、国防、港澳台、外交 after the last item (十)加强廉政建设 are not filed under it
    nation = next(p for p in r2011.provisions if p.full_text.startswith("巩固和发展各民族大团结"))
    defence = next(p for p in r2011.provisions if p.full_text.startswith("建立巩固的国防"))
    for p in (nation, defence):
        assert (p.kind, p.path, p.item) == ("closing", (), "")
    anti = [p for p in r2011.provisions if p.item.startswith("(十)加强廉政建设")]
    assert len(anti) == 1 and anti[0].text.startswith("建设廉洁的政府")


def test_formulas_align_only_with_formulas_in_order(reports) -> None:  # type: ignore[no-untyped-def]
    al = align(*reports)
    for m in al.matches:
        kinds = {p.kind == "formula" for p in (*m.source, *m.target)}
        assert len(kinds) == 1
    hail = [(m.source[0].id, m.target[0].id) for m in al.matches if m.source[0].full_text == "各位代表!"]
    assert len(hail) == 5
    assert [t for _, t in hail] == sorted((t for _, t in hail), key=lambda x: int(x[1:]))
    # the thanks of 2011 answer the thanks of 2012
    thanks = next(m for m in al.matches if "表示诚挚感谢" in m.source[0].full_text)
    assert "表示诚挚的感谢" in thanks.target[0].full_text
    # formulas count neither as inherited nor as new text
    parts = {row["part"] for row in al.rates["by_part"]}
    assert all(p.top in parts or not p.top for p in al.target.provisions if p.kind != "formula")


def test_a_mid_report_salutation_closes_its_part_only() -> None:
    doc = parse_text("一、2023年工作回顾\n(一)经济运行稳中向好。地区生产总值增长5%。\n"
                     "(二)民生持续改善。新增就业1万人。\n"
                     "各位代表!\n我们也清醒认识到，发展还面临一些困难和挑战。\n二、2024年工作安排\n"
                     "(一)扩大有效投资。实施重点项目100个。\n各位代表!\n让我们更加紧密地团结在党中央周围，"
                     "为建设现代化城市而团结奋斗!\n")
    rows = [(p.kind, p.path) for p in doc.provisions]
    assert ("closing", ("一、2023年工作回顾",)) in rows  # the review's summing-up stays in the review
    assert rows[-1] == ("formula", ())
    assert [p.kind for p in doc.provisions].count("formula") == 3


def test_no_lineage_chain_of_formulas(reports) -> None:  # type: ignore[no-untyped-def]
    lineage = build_lineage(list(reports))
    kinds = {(d.id, p.id): p.kind for d in reports for p in d.provisions}
    assert all(kinds[(link.doc, link.id)] != "formula" for c in lineage.chains for link in c.links)


def test_the_closing_words_heading_ends_the_last_item() -> None:
    # 1999's end (work-reports in shared/): the heading 结束语 on a line of its own after the last
    # part on foreign affairs, then the salutation and the closing call
    doc = parse_text("一、关于经济工作\n(一)扩大国内需求。继续实施积极的财政政策。\n"
                     "十、关于国际形势和外交工作\n我们将继续高举和平、发展、合作的旗帜。\n结束语\n各位代表!\n"
                     "让我们更加紧密地团结在以江泽民同志为核心的党中央周围,为把建设有中国特色社会主义事业全面推向"
                     "二十一世纪而团结奋斗!\n")
    heading = next(p for p in doc.provisions if p.text == "结束语")
    assert (heading.kind, heading.path) == ("formula", ())
    foreign = [p for p in doc.provisions if p.label == "十、" or (p.path and p.path[0].startswith("十、"))]
    assert [p.text for p in foreign] == ["我们将继续高举和平、发展、合作的旗帜。"]
