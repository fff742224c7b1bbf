"""Sub-headings of State Council work reports written as ordinals on lines of their own
("第一，进一步稳定和加强农业" … "第八，推进祖国和平统一大业" in 1998's part 二): each heads the
paragraphs after it, as (一) would (hand-read gold: tests/gold/work_report_subheadings.csv, 1998,
2005 and 1987), while enumerations inside a paragraph stay text; and a salutation inside a part
(1998: "各位代表！巩固…民族关系" between 第六 and 第七) does not make the rest of the part closing."""

from __future__ import annotations

import csv
from collections import defaultdict
from pathlib import Path

import pytest

from evolve.parse import parse_file, parse_text
from evolve.records import Document

TESTS = Path(__file__).parent
FILES = {"1998": TESTS / "data" / "work_report_pairs" / "1998.txt",
         "2005": TESTS / "data" / "work_report_pairs" / "2005.txt",
         "1987": TESTS / "data" / "work_report_pairs" / "1987.txt"}
GOLD = list(csv.DictReader((TESTS / "gold" / "work_report_subheadings.csv").open(encoding="utf-8")))


def _half(s: str) -> str:
    return s.replace("，", ",").replace("！", "!").replace("：", ":")


@pytest.fixture(scope="module")
def docs() -> dict[str, Document]:
    return {year: parse_file(path) for year, path in FILES.items()}


def test_gold_covers_the_three_reports() -> None:
    assert {row["year"] for row in GOLD} == set(FILES)
    assert len(GOLD) == 26


@pytest.mark.parametrize("row", GOLD, ids=lambda r: f"{r['year']}-{r['part']}-{r['label']}")
def test_sub_heading_holds_its_paragraphs(docs: dict[str, Document], row: dict[str, str]) -> None:
    doc = docs[row["year"]]
    item = _half(row["label"] + row["heading"])
    under = [p for p in doc.provisions if p.item == item]
    assert under, f"{item} is no heading"
    assert {p.path[0].split("、")[0] for p in under} == {row["part"]}
    assert len({p.paragraph for p in under}) == int(row["paragraphs"])
    assert all(p.kind in {"item", "paragraph"} for p in under)
    if int(row["paragraphs"]) > 1:  # its paragraphs have it in their path
        assert all(p.path[-1] == item for p in under)
    else:
        assert [p.label for p in under] == [_half(row["label"])]


def test_run_is_complete_per_part(docs: dict[str, Document]) -> None:
    """Every sub-heading evolve finds is in the gold: no other line of these reports is one."""
    found: dict[str, set[str]] = defaultdict(set)
    for year, doc in docs.items():
        for _path, h in doc.headings:
            if h.style == "ordinal":
                found[year].add(h.text)
    gold: dict[str, set[str]] = defaultdict(set)
    for row in GOLD:
        gold[row["year"]].add(_half(row["label"] + row["heading"]))
    assert found == gold


def test_salutation_inside_a_part_is_not_closing(docs: dict[str, Document]) -> None:
    ps = docs["1998"].provisions
    ethnic = next(p for p in ps if "巩固平等、团结、互助的民族关系" in p.text)
    assert ethnic.kind == "paragraph" and ethnic.item == "第六,努力改善城乡人民的物质文化生活"
    reform = [p for p in ps if p.item == "第七,积极推进政府机构改革"]
    assert reform and all(p.kind == "paragraph" for p in reform)
    # after the last sub-heading, the stretch before part 三 and the report's end stay closing
    defence = next(p for p in ps if p.text.startswith("加强国防和军队建设"))
    assert defence.kind == "closing"
    assert next(p for p in ps if p.text.startswith("展望未来的五年")).kind == "closing"


def test_enumeration_inside_text_is_no_heading(docs: dict[str, Document]) -> None:
    # 1987: "第一、借外债的总额要有控制，…；" lines are points of one sentence, each ending in ；
    ps = docs["1987"].provisions
    debt = next(p for p in ps if "借外债的总额要有控制" in p.text)
    assert not any(h.style == "ordinal" for _, h in docs["1987"].headings if "借外债" in h.title)
    assert debt.label == ""


@pytest.mark.parametrize("text", [
    # points inside a paragraph, a lone ordinal, a run that does not start at 第一, a long sentence
    "二、任务\n第一,要加强农业;第二,要发展工业。\n农业是基础。\n第二,要发展工业\n工业是主导。\n",
    "二、任务\n第三,加强材料工业\n材料工业要扩大品种。\n",
    "二、任务\n第二,发展工业\n工业是主导。\n第三,发展商业\n商业要活跃。\n",
    "二、任务\n第一,重大的比例关系正在朝着协调的方向发展,国民经济持续增长,人民生活有了改善,社会安定团结。\n"
    "比例关系有所改善。\n第二,进一步调整重工业\n要调整。\n",
])
def test_not_sub_headings(text: str) -> None:
    doc = parse_text(text, id="t")
    assert not any(h.style == "ordinal" for _, h in doc.headings)


def test_run_on_its_own_lines_nests_under_the_part_and_over_paren_items() -> None:
    text = ("三、加快经济建设\n第一,全国动员,大办农业\n农业是基础。\n(一)抓好粮食\n粮食要增产。\n"
            "第二,发展基础工业\n工业要加快。\n四、发展科学教育\n科学要发展。\n")
    doc = parse_text(text, id="t")
    paths = {p.text: p.path for p in doc.provisions}
    assert paths["粮食要增产。"][:2] == ("三、加快经济建设", "第一,全国动员,大办农业")
    assert [p.item for p in doc.provisions if p.text == "工业要加快。"] == ["第二,发展基础工业"]
    assert [p.item for p in doc.provisions if p.text == "科学要发展。"] == ["四、发展科学教育"]


def test_run_under_paren_parts_nests_one_step_under_them() -> None:
    # 1983: parts (一)关于经济建设 … (五), the run 第一、 … 第三、 inside (一); (二) is the next part
    text = ("(一)关于经济建设\n经济要振兴。\n第一、大力提高经济效益,积极扩大财源\n效益要提高。\n"
            "第二、合理分配国民收入\n收入要合理。\n(二)关于经济体制改革\n体制要改革。\n")
    doc = parse_text(text, id="t")
    paths = {p.text: (p.path, p.item) for p in doc.provisions}
    assert paths["收入要合理。"] == (("(一)关于经济建设",), "第二、合理分配国民收入")
    assert paths["体制要改革。"] == ((), "(二)关于经济体制改革")


# 1980 (work-reports in shared/): sub-headings that are long phrases on lines of their own.
REPORT_1980 = (
    "三、采取有力措施，保证1980、1981年计划的完成\n"
    "为了顺利实现1980、1981年国民经济计划，需要从实际情况出发，采取切实有力的措施。\n"
    "第一，实行能源的开发和节约并重，近期要把节能放在优先的地位，大力开展以节能为中心的技术改造和结构改革，明年就要起步\n"
    "在能源的开发和增产方面，将采取以下措施：\n"
    "第二，进一步调整重工业特别是机械工业结构，更好地适应国民经济发展的需要\n"
    "现在的情况是：随着积累和消费比例关系的调整，基本建设规模受到控制。\n"
)
# 1985: a run where two sub-headings open their paragraph as its topic sentence.
REPORT_1985 = (
    "第一、必须坚持实事求是、稳步前进的方针，坚决防止盲目追求和比赛增长速度的现象\n"
    "这几年我国经济的平均增长速度已经相当高了。\n"
    "第二、既要搞活经济，又要加强管理。我们正在进行的是一场深刻的改革，一方面要继续解放思想，强调开放、搞活。\n"
    "这二者是统一的，是相辅相成的。\n"
    "第三、加强全局观念，克服本位主义。经济改革是关系全国人民根本利益和经济发展全局的大事。\n"
)


def test_long_phrase_sub_headings_on_their_own_lines() -> None:
    doc = parse_text("国务院政府工作报告\n" + REPORT_1980)
    ordinals = [h for _, h in doc.headings if h.style == "ordinal"]
    assert [h.label for h in ordinals] == ["第一,", "第二,"]
    assert ordinals[0].title.endswith("明年就要起步")
    energy = next(p for p in doc.provisions if p.text.startswith("在能源的开发和增产方面"))
    assert energy.item.startswith("第一,实行能源的开发和节约并重")


def test_a_sub_heading_that_opens_its_paragraph_keeps_the_paragraph() -> None:
    doc = parse_text("国务院政府工作报告\n" + REPORT_1985)
    titles = [h.title for _, h in doc.headings if h.style == "ordinal"]
    assert titles == ["必须坚持实事求是、稳步前进的方针,坚决防止盲目追求和比赛增长速度的现象",
                      "既要搞活经济,又要加强管理", "加强全局观念,克服本位主义"]
    # every sentence is still in a provision, once
    texts = [p.text for p in doc.provisions]
    assert sum("我们正在进行的是一场深刻的改革" in t for t in texts) == 1
    assert sum("经济改革是关系全国人民根本利益" in t for t in texts) == 1
