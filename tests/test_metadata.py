"""Metadata from where it is: file names, date lines, titles, and the national level."""

from __future__ import annotations

import pytest

from evolve.metadata import from_file_name, parse_year
from evolve.parse import parse_text

BODY = ("一、过去一年工作回顾\n过去一年,我们坚持稳中求进工作总基调,推进5G网络和算力基础设施建设,数字经济核心产业增加值"
        "占比稳步提高。\n二、今年工作安排\n(一)加快发展新质生产力。培育低空经济、数据要素等新兴产业。\n")


@pytest.mark.parametrize(("name", "expected"), [
    ("2015.txt", {"year": "2015"}),
    ("2024-03-05_xxx.pdf", {"date": "2024-03-05", "year": "2024"}),
    ("政府工作报告2016.docx", {"year": "2016", "title": "政府工作报告2016"}),
    ("20240305上海市政府工作报告.pdf", {"date": "2024-03-05", "year": "2024", "title": "上海市政府工作报告"}),
    ("2024年3月5日 政府工作报告.md", {"date": "2024-03-05", "year": "2024", "title": "政府工作报告"}),
    ("2016-2020年锦州市信息化规划.txt", {"year": "2016", "title": "2016-2020年锦州市信息化规划"}),
    ("scan_0001234.pdf", {}),
    ("2024-02-30_x.txt", {"year": "2024"}),  # no such day: the year alone
])
def test_file_names(name: str, expected: dict[str, str]) -> None:
    assert from_file_name(name) == expected


@pytest.mark.parametrize(("value", "year"), [
    ("2016", 2016), ("2016年", 2016), ("二〇一六", 2016), ("二〇一六年", 2016), ("2016.0", 2016),
    ("2016-03", 2016), ("2016/3/30", 2016), ("2016年3月", 2016), ("２０１６", 2016),
    ("2016-03-30 00:00:00", 2016), ("二〇一六年三月三十日", 2016), (" 2016 ", 2016),
    ("16", None), ("明年", None), ("2016-2020", None), ("20166", None), ("", None), ("1066", None),
])
def test_years_in_any_common_form(value: str, year: int | None) -> None:
    assert parse_year(value) == year


def test_speech_date_line_and_national_level() -> None:
    text = ("政府工作报告\n——2024年3月5日在第十四届全国人民代表大会第二次会议上\n国务院总理 李强\n" + BODY)
    doc = parse_text(text)
    assert doc.meta.date == "2024-03-05" and doc.meta.year == 2024
    assert doc.meta.sources["date"] == "date line"
    assert doc.meta.place == "全国" and doc.meta.level == "national" and doc.meta.province is None


def test_local_report_is_placed_by_its_date_line() -> None:
    text = "政府工作报告\n——2024年1月23日在上海市第十六届人民代表大会第二次会议上\n上海市市长 龚正\n" + BODY
    doc = parse_text(text)
    assert (doc.meta.place, doc.meta.level, doc.meta.date) == ("上海", "municipality", "2024-01-23")


@pytest.mark.parametrize(("title", "place", "level"), [
    ("2026年上海市政府工作报告", "上海", "municipality"),
    ("工业和信息化部关于印发《5G应用“扬帆”行动计划(2021-2023年)》的通知", "全国", "national"),
    ("国务院关于印发“十四五”数字经济发展规划的通知", "全国", "national"),
    ("中共中央 国务院关于构建数据基础制度更好发挥数据要素作用的意见", "全国", "national"),
    # a national document cited in a local title does not make the title national
    ("咸宁市贯彻落实《国务院关于加快推进政务服务标准化规范化便利化的指导意见》实施方案", "咸宁", "prefecture"),
])
def test_place_and_level_from_titles(title: str, place: str, level: str) -> None:
    doc = parse_text(f"{title}\n{BODY}")
    assert (doc.meta.place, doc.meta.level) == (place, level)


def test_file_name_fills_in_only_what_the_text_does_not_say() -> None:
    dated = parse_text("政府工作报告\n——2019年1月8日在锦州市第十六届人民代表大会第三次会议上\n" + BODY,
                       file_name="2015.txt")
    assert dated.meta.year == 2019 and dated.meta.sources["year"] == "date"
    # the file name's year comes before a title's, which is often a period's start ("2016-2020年")
    named = parse_text("2016—2020年锦州市信息化规划\n" + BODY, file_name="2015.txt")
    assert named.meta.year == 2015 and named.meta.sources["year"] == "file name"
    untitled = parse_text("2016—2020年锦州市信息化规划\n" + BODY)
    assert untitled.meta.year == 2016 and untitled.meta.sources["year"] == "title"


@pytest.mark.parametrize("opening", ["现在,我代表国务院,向大会作政府工作报告,请予审议。",
                                     "现在,我受国务院的委托,向全国人民代表大会报告政府工作。"])
def test_a_work_report_delivered_for_the_state_council_is_national(opening: str) -> None:
    doc = parse_text(f"各位代表:\n{opening}\n" + BODY, file_name="2010.txt")
    assert (doc.meta.place, doc.meta.level, doc.meta.year) == ("全国", "national", 2010)


def test_a_city_report_is_not_national() -> None:
    doc = parse_text("各位代表:\n现在,我代表市人民政府,向大会报告工作,请予审议。\n" + BODY, file_name="2010.txt")
    assert doc.meta.level is None


# City reports without a title line (their files are named after the city), placed by what their
# body names most. Sentences of 贺州's and 天门's 2024 reports (city-reports-2024 in shared/).
HEZHOU = ("各位代表:\n现在,我代表市人民政府向大会报告工作,请予审议。\n"
          "深入贯彻落实习近平总书记视察广西重要讲话精神,着力稳实体、稳大局、稳预期。\n"
          "新动能加速成长,广西长鸿生物等23家工业企业实现当年新建投产入规。\n"
          "广西东融先行示范区(贺州)获评国家级绿色园区。\n"
          "成功举办第四届中国贺州国际石材·碳酸钙展览会、2023中国广西贺州·珠宝创新创意大会暨首届贺州黄金珠宝展。\n"
          "八步、平桂获评2023年广西县域商业体系建设试点县,八步远东旅游休闲街区获评广西旅游休闲街区。\n"
          "贺州全德等一批预制菜企业建成投产。\n贺州民用机场场址获中国民用航空局正式批复。\n"
          "推进贺州蔬菜直供香港改革试点。\n广贺高速贺州东出口、姑婆山道路完成提质改造。\n"
          "贺州第五高中、钟山二高获评自治区星级特色普通高中。\n")
TIANMEN = ("各位代表:\n现在,我代表市人民政府向大会报告工作,请予审议。\n"
           "武天高速、沿江高铁天门段施工进度全线领跑。\n持续扩大“壹品天门”品牌影响力,新增“二品一标”农产品12个。\n"
           "加快融入武汉都市圈,打造天门(武汉)飞地园区。\n推进天门经济开发区扩区调区,承接武汉产业转移。\n"
           "成功举办江汉平原(天门)蔬菜产业大会。\n成功举办中国·天门服装电商产业峰会和服装电商时尚主播大赛。\n"
           "深入推进经开区体制机制改革,天门经开区在省级一类开发区中综合排名提升。\n")


@pytest.mark.parametrize(("text", "place", "province"), [
    (HEZHOU, "贺州", "广西壮族自治区"),  # its own province named more often than the city: no rival
    (TIANMEN, "天门", "湖北省"),  # a city under its province directly, named beside 武汉
])
def test_a_city_report_is_placed_by_its_body(text: str, place: str, province: str) -> None:
    doc = parse_text(text)
    assert (doc.meta.place, doc.meta.province, doc.meta.level) == (place, province, "prefecture")
    assert doc.meta.sources["place"] == "body mentions"


# 鄂州's 2024 report (city-reports-2024 in shared/) names its neighbour 武汉 nearly as often as
# itself; the collection names each file after its city.
EZHOU = ("各位代表:\n现在,我代表市人民政府向大会报告工作,请予审议。\n"
         "鄂州(武汉)离岸科创园首批签约企业24家。\n湖北自贸区鄂州联动创新发展区获批。\n"
         "携手武汉入选空港型国家物流枢纽。\n武汉新城建设开工。\n与武汉共同编制《武汉新城规划》。\n"
         "鄂州武昌鱼入选“全国土特产”推介名录。\n")


def test_a_report_the_body_cannot_place_is_placed_by_a_file_named_after_its_city() -> None:
    assert parse_text(EZHOU).meta.place is None  # 鄂州 3, 武汉 4: the body does not say
    doc = parse_text(EZHOU, file_name="鄂州.txt")
    assert (doc.meta.place, doc.meta.province, doc.meta.sources["place"]) == ("鄂州", "湖北省", "file name")
    # a file named after no place, or after a title, gives none
    assert parse_text(EZHOU, file_name="report_07.txt").meta.place is None


# The State Council's report of 1985 (work-reports in shared/) opens with no organ and no
# "我代表国务院"; it speaks of 我国 as a city's report speaks of 我市. Its own sentences:
NATIONAL_1985 = (
    "各位代表：\n１９８４年，我国农业又获得了大丰收。\n１９８４年，我国工业生产继续全面增长。\n"
    "１９８４年，我国重点建设取得了新的进展，技术改造的步伐明显加快。\n"
    "我国生产、建设和人民生活的关系，近几年来得到了比较合理的安排。\n"
    "这对于我国今后经济的长时期发展将产生重要作用。\n这是我国经济发展战略上又一个具有深远意义的变化。\n"
    "我国经济体制的改革，首先在农村开始并取得了举世瞩目的成就。\n"
    "这个纲领性文件的通过和公布执行，标志着我国以城市为重点的整个经济体制改革进入了一个新阶段。\n"
    "１９８４年我国科学、教育、文化、卫生、体育等各项事业有了新的发展。\n"
    "中国人民解放军的革命化、现代化、正规化建设取得很大成绩，我国国防更加巩固。\n"
)


def test_a_report_that_speaks_for_the_country_is_national() -> None:
    doc = parse_text(NATIONAL_1985)
    assert (doc.meta.place, doc.meta.level, doc.meta.sources["place"]) == ("全国", "national", "text")
    # a province's report says 我国 too, but speaks of 我省 more
    local = NATIONAL_1985 + "我省粮食产量创历史新高。\n我省工业增加值增长6%。\n我省开放水平提升。\n我省民生持续改善。\n"
    assert parse_text(local).meta.place is None


# The first line of a researcher's printouts: the title, then who issued it (real-files/pdfs).
@pytest.mark.parametrize(("first", "issuer"), [
    ("关于加强科技伦理治理的意见,中共中央办公厅/国务院办公厅", "中共中央办公厅、国务院办公厅"),
    ("网络直播营销管理办法(试行),国家互联网信息办公室等7部门", "国家互联网信息办公室等7部门"),
])
def test_the_issuer_a_collector_wrote_after_the_title_is_the_issuer(first: str, issuer: str) -> None:
    doc = parse_text(first + "\n第一条 为加强网络直播营销管理,维护国家安全和公共利益,制定本办法。\n"
                     "第二条 在中华人民共和国境内开展营销的商业活动,适用本办法。\n")
    assert (doc.meta.issuer, doc.meta.sources["issuer"]) == (issuer, "title line")
    assert (doc.meta.place, doc.meta.level) == ("全国", "national")
    # a sentence after a comma is no issuer
    sentence = "关于加强科技伦理治理的意见,各地要认真贯彻落实\n第一条 为了规范管理,制定本办法。\n"
    assert parse_text(sentence).meta.issuer is None


def test_the_financial_regulators_are_national_organs() -> None:
    # P041 (real-files/pdfs): signed by the four regulators; its body names 上海 three times, in the
    # names of exchanges
    text = ("关于规范金融机构资产管理业务的指导意见\n一、规范金融机构资产管理业务,统一同类资产管理产品监管标准。\n"
            "二、金融机构应当向上海票据交易所股份有限公司、上海黄金交易所、上海保险交易所股份有限公司报送信息。\n"
            "人民银行 银保监会 证监会 外汇局\n2018年4月27日\n")
    doc = parse_text(text)
    assert doc.meta.issuer is not None and "外汇局" in doc.meta.issuer
    assert (doc.meta.place, doc.meta.level) == ("全国", "national")
