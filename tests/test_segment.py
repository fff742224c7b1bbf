"""Segmentation: the seeds' real structure, and varied plans nobody here has seen."""

from __future__ import annotations

import pytest

from evolve.parse import parse_text
from evolve.records import Document
from evolve.segment.agencies import extract_agencies
from evolve.segment.clauses import split_clauses
from evolve.segment.numbering import numeral_value


def items(doc: Document) -> list:  # type: ignore[type-arg]
    return [p for p in doc.provisions if p.kind == "item"]


def test_xianning_26_actions_under_5_plans(xianning: Document) -> None:
    actions = items(xianning)
    assert [p.label for p in actions] == [
        f"({n})"
        for n in [
            "一",
            "二",
            "三",
            "四",
            "五",
            "六",
            "七",
            "八",
            "九",
            "十",
            "十一",
            "十二",
            "十三",
            "十四",
            "十五",
            "十六",
            "十七",
            "十八",
            "十九",
            "二十",
            "二十一",
            "二十二",
            "二十三",
            "二十四",
            "二十五",
            "二十六",
        ]
    ]
    assert len({p.path for p in actions}) == 5
    assert actions[0].path == ("一、信息基础设施提升计划",)
    assert actions[0].heading == "宽带咸宁提升行动"
    assert actions[0].lead == ("市经信委",)
    assert "市铁塔公司" in actions[0].responsible
    assert all(p.lead or p.responsible for p in actions)
    # the attribution is taken out of the clause text
    assert not any("牵头单位" in c or "责任单位" in c for p in actions for c in p.clauses)
    assert actions[17].heading == "智慧教育普及行动" and actions[17].responsible == ("市教育局",)


def test_ningxia_20_numbered_tasks(ningxia: Document) -> None:
    tasks = [p for p in items(ningxia) if p.path and p.path[0] == "三、重点任务"]
    assert [p.label for p in tasks] == [f"{n}." for n in range(1, 21)]
    assert tasks[5].heading == "互联网+政务服务"
    assert tasks[0].path == ("三、重点任务", "(一)打造智能高效的智慧基础设施")
    assert tasks[0].responsible == ("五市人民政府", "宁东管委会")
    assert tasks[0].guide == ("自治区经济和信息化委", "宁夏通信管理局")
    assert tasks[4].lead == ("自治区信息化建设办",)
    # the signature block is not part of the last provision
    assert "人民政府办公厅" not in ningxia.provisions[-1].text


def test_qingdao_46_items_under_5_parts(qingdao: Document) -> None:
    numbered = [p for p in items(qingdao) if p.label.endswith(".")]
    assert [p.label for p in numbered] == [f"{n}." for n in range(1, 47)]
    assert len({p.path[0] for p in numbered}) == 5
    assert numbered[2].heading == "城市治理中枢"
    assert numbered[40].path == ("五、打造综合保障体系配套工程",)
    assert "市大数据局" in numbered[0].responsible
    # item 46 carries two attributions; both are parsed and both leave the text
    last = numbered[45]
    assert "市委组织部" in last.responsible and "责任单位" not in last.text


def test_zhaoqing_50_items_under_13_parts(zhaoqing: Document) -> None:
    numbered = items(zhaoqing)
    assert len(numbered) == 50
    assert len({p.path[0] for p in numbered}) == 13
    assert numbered[0].path == ("一、积极参与“数字湾区”建设,推动重点任务建设落地",)
    assert numbered[0].lead == ("市政务服务和数据管理局",)
    assert numbered[40].heading == "完善网络设施"
    # parentheses inside an agency name do not split it
    assert any("粤桂合作特别试验区(肇庆)管委会" in a for p in numbered for a in p.responsible)
    assert not any(a.endswith("(市") for p in numbered for a in p.responsible)


def test_jinzhou_sections_under_chapters(jinzhou: Document) -> None:
    sections = items(jinzhou)
    assert [p.label for p in sections] == ["第二节", "第一节", "第二节", "第三节", "第四节", "第五节"]
    assert sections[0].path == ("第七章 构筑可靠的网络安全屏障",)
    # section 7.1 holds two topic-sentence paragraphs: one unit each, the section in their path
    first = [p for p in jinzhou.provisions if p.item == "第一节 完善网络安全保障体系"]
    assert [(p.kind, p.paragraph, p.heading) for p in first] == [
        ("paragraph", 1, "建立网络安全体制机制"), ("paragraph", 2, "构建关键信息基础设施防护体系")]
    assert first[0].path == ("第七章 构筑可靠的网络安全屏障", "第一节 完善网络安全保障体系")
    assert first[1].text.startswith("推动各行业、各单位全面落实网络安全同步规划")
    assert sections[1].path == ("第八章 强化实施保障",)
    assert sections[1].heading == "加强组织领导"
    # the fragment's first paragraph, before any heading, is kept
    assert jinzhou.provisions[0].kind == "preamble"


def test_metadata_from_text(xianning: Document) -> None:
    doc = parse_text(xianning.text.replace("", ""), id="x")
    assert doc.meta.doc_number == "咸政办发〔2016〕21号"
    assert doc.meta.date == "2016-03-30" and doc.meta.year == 2016
    assert doc.meta.title == "智慧咸宁建设行动计划(2016-2017年)"
    assert doc.meta.place == "咸宁" and doc.meta.province == "湖北省"


def test_metadata_unknown_stays_unknown(jinzhou: Document) -> None:
    doc = parse_text(jinzhou.text, id="j")
    assert doc.meta.title is None and doc.meta.year is None and doc.meta.date is None
    assert doc.meta.place == "锦州" and doc.meta.sources["place"] == "body mentions"


REGULATION = """某市数据条例
第一章 总则 第一条 为了促进数据依法有序流动,根据有关法律法规,结合本市实际,制定本条例。
第二条 本条例适用于本市行政区域内的数据处理活动。
第二章 数据资源
第三条 市人民政府应当建立公共数据资源目录。(市政务服务数据管理局牵头,各区人民政府配合)
第四条 公共数据授权运营应当遵循下列规定:
(一)依法合规;
(二)安全可控。
"""


def test_regulation_with_inline_chapter_and_articles() -> None:
    doc = parse_text(REGULATION, id="reg")
    arts = items(doc)
    assert [p.label for p in arts] == ["第一条", "第二条", "第三条", "(一)", "(二)"]
    assert arts[0].path == ("第一章 总则",)
    assert arts[2].path == ("第二章 数据资源",)
    assert arts[2].lead == ("市政务服务数据管理局",) and arts[2].responsible == ("各区人民政府",)
    assert arts[3].path == ("第二章 数据资源", "第四条")
    assert doc.meta.title == "某市数据条例"


NOTICE_WITH_ATTACHMENT = """某市人民政府办公室关于印发某市数字政府建设方案的通知
某政办发〔2023〕5号
各区人民政府,市政府各部门:
现将《某市数字政府建设方案》印发给你们,请认真贯彻执行。
一、高度重视。各单位要加强领导。
二、抓好落实。各单位要细化措施。
某市人民政府办公室
2023年4月1日
附件
某市数字政府建设方案
一、总体要求
到2025年,基本建成数字政府。
二、重点任务
(一)建设一网通办平台。推动政务服务一网通办。
(二)建设一网统管平台。推动城市运行一网统管。
"""


def test_notice_and_attachment_keep_numbering_apart() -> None:
    doc = parse_text(NOTICE_WITH_ATTACHMENT, id="n")
    parts = {p.part for p in doc.provisions}
    assert parts == {0, 1}
    notice = [p for p in doc.provisions if p.part == 0 and p.kind == "item"]
    plan = [p for p in doc.provisions if p.part == 1 and p.kind == "item"]
    assert [p.label for p in notice] == ["一、", "二、"]
    assert [p.label for p in plan] == ["一、", "(一)", "(二)"]
    assert plan[1].path == ("二、重点任务",)
    assert doc.meta.doc_number == "某政办发〔2023〕5号"
    assert doc.meta.date == "2023-04-01"
    assert "某市人民政府办公室" not in notice[-1].text


def test_two_plans_in_one_file_restart_numbering() -> None:
    text = "甲市行动方案\n一、总体要求\n推进建设。\n二、重点任务\n推进任务。\n乙市行动方案\n一、总体要求\n加快建设。\n"
    doc = parse_text(text, id="two")
    assert [(p.part, p.label) for p in items(doc)] == [(0, "一、"), (0, "二、"), (1, "一、")]


def test_no_numbering_gives_one_provision_per_paragraph() -> None:
    text = "推进智慧城市建设,提升治理能力。\n加快5G网络建设,扩大覆盖范围。\n完善数据共享机制。\n"
    doc = parse_text(text, id="plain")
    assert len(doc.provisions) == 3
    assert [p.kind for p in doc.provisions] == ["preamble"] * 3


@pytest.mark.parametrize(
    ("line", "label", "heading"),
    [
        ("1、建设城市大脑。推进数据汇聚。", "1、", "建设城市大脑"),
        ("（三）推进一网通办。优化服务。", "(三)", "推进一网通办"),
        ("3.城市治理中枢。开展城市云脑赋能行动。", "3.", "城市治理中枢"),
        ("12．数字乡村。升级乡村数字基础设施。", "12.", "数字乡村"),
    ],
)
def test_numbering_forms(line: str, label: str, heading: str) -> None:
    doc = parse_text("某市方案\n" + line + "\n", id="t")
    item = items(doc)[0]
    assert (item.label, item.heading) == (label, heading)


@pytest.mark.parametrize(
    ("numeral", "value"), [("二十六", 26), ("五十", 50), ("十", 10), ("一百零五", 105), ("12", 12)]
)
def test_numeral_values(numeral: str, value: int) -> None:
    assert numeral_value(numeral) == value


@pytest.mark.parametrize(
    ("text", "clauses"),
    [
        ("推进建设。完善机制;加强保障!", ["推进建设。", "完善机制;", "加强保障!"]),
        ("落实《规划。纲要》要求。再推进。", ["落实《规划。纲要》要求。", "再推进。"]),
        ("提出“建设。发展”目标。", ["提出“建设。发展”目标。"]),
        ("包括(一是建设。二是发展)等。完成", ["包括(一是建设。二是发展)等。", "完成"]),
    ],
)
def test_clause_split(text: str, clauses: list[str]) -> None:
    assert split_clauses(text) == clauses


@pytest.mark.parametrize(
    ("text", "lead", "responsible"),
    [
        ("推进。(市发改委牵头,市财政局配合)", ["市发改委"], ["市财政局"]),
        ("推进。[市民政局、市住建局按职责分工负责]", [], ["市民政局", "市住建局"]),
        ("推进。(牵头单位:市经信委;责任单位:市移动公司等)", ["市经信委"], ["市移动公司"]),
        ("发展电子商务(B2C)。", [], []),
        ("推进。(牵头部门:市发展改革委,配合部门:市财政局、市统计局)", ["市发展改革委"], ["市财政局", "市统计局"]),
        ("推进。(由市大数据局牵头,各区政府负责落实)", ["市大数据局"], ["各区政府"]),
        ("推进。(责任单位:市教育局、市人社局)", [], ["市教育局", "市人社局"]),
        ("推进。\n牵头单位:市发展改革委;责任单位:市财政局。", ["市发展改革委"], ["市财政局"]),
        ("推进。责任单位:市教育局、市人社局", [], ["市教育局", "市人社局"]),
    ],
)
def test_agency_forms(text: str, lead: list[str], responsible: list[str]) -> None:
    _, att = extract_agencies(text)
    assert (att.lead, att.responsible) == (lead, responsible)


FULL_PLAN = """ＸＸ市“十四五”数字政府建设规划
目录
第一章 发展基础……………………1
第二章 重点任务……………………5
第一章 发展基础
“十三五”以来,全市数字政府建设取得积极成效。
第二章 重点任务
第一节 夯实数字底座
一、建设城市大脑
（一）建设数据中台。依托政务云建设数据中台。
１．建设数据目录。编制公共数据资源目录。（市大数据局牵头，各区政府配合）
２．推进数据共享。
（1）完善共享平台。
（2）开展数据治理。
二、推进一网通办
一是优化办事流程。二是推行告知承诺制。
（此件公开发布）
"""


def test_unseen_plan_with_chapters_sections_and_four_levels() -> None:
    doc = parse_text(FULL_PLAN, id="full")
    got = [(p.path, p.label, p.heading) for p in items(doc)]
    assert got[0] == ((), "第一章", "发展基础")
    sec = ("第二章 重点任务", "第一节 夯实数字底座", "一、建设城市大脑", "(一)建设数据中台")
    assert (sec, "1.", "建设数据目录") in got
    # a one-sentence item with nothing under it is body text, not a title
    sub = next(p for p in items(doc) if p.label == "(1)")
    assert sub.path == (*sec, "2.推进数据共享") and (sub.heading, sub.text) == ("", "完善共享平台。")
    assert (("第二章 重点任务", "第一节 夯实数字底座"), "二、", "推进一网通办") in got
    p = next(p for p in items(doc) if p.heading == "建设数据目录")
    assert p.lead == ("市大数据局",) and p.responsible == ("各区政府",)
    assert "此件公开发布" not in doc.text and "……" not in doc.text
    assert doc.normalisation["table_of_contents"] == 3
    assert doc.meta.title == "XX市“十四五”数字政府建设规划"


def test_decimal_numbering() -> None:
    doc = parse_text(
        "某市智慧城市规划\n1 总体要求\n1.1 指导思想\n坚持以人民为中心。\n1.2 发展目标\n到2025年建成。\n", id="dec"
    )
    got = [(p.label, p.heading, p.path) for p in items(doc)]
    assert got == [("1.1", "指导思想", ()), ("1.2", "发展目标", ())]


@pytest.mark.parametrize(
    ("line", "date"),
    [("2016年3月30日", "2016-03-30"), ("二〇一六年三月三十日", "2016-03-30"), ("2024年12月1日", "2024-12-01")],
)
def test_date_lines(line: str, date: str) -> None:
    doc = parse_text(
        f"某市人民政府关于印发某市数字经济发展规划的通知\n一、总体要求\n推进数字经济发展。\n某市人民政府\n{line}\n",
        id="d",
    )
    assert doc.meta.date == date and doc.meta.issuer == "某市人民政府"


def test_export_header_is_metadata_not_text() -> None:
    text = (
        "【法宝引证码】CLI.12.3456\n【发布部门】某省人民政府办公厅\n【发文字号】某政办发〔2019〕12号\n"
        "【发布日期】2019.06.01\n原文链接:http://www.example.gov.cn/x.html\n一、总体要求\n推进数字政府建设。\n"
    )
    doc = parse_text(text, id="fb")
    assert doc.meta.doc_number == "某政办发〔2019〕12号" and doc.meta.date == "2019-06-01"
    assert doc.meta.issuer == "某省人民政府办公厅"
    assert "法宝" not in doc.text and "原文链接" not in doc.text


REGULATION_WITH_ITEMS = """某某省公共数据管理办法
第一章 总则
第一条 为了加强公共数据管理,制定本办法。
第二章 公共数据目录
第三条 公共数据实行目录管理。省公共数据主管部门应当:
(一)制定公共数据目录编制规范;
(二)组织编制全省公共数据目录。
第四条 公共数据目录应当包括数据名称等内容。
公共数据主管部门应当定期更新公共数据目录。
第五条【施行日期】本办法自2024年1月1日起施行。
"""


def test_articles_have_no_title_but_their_first_sentence_is_the_rule() -> None:
    doc = parse_text(REGULATION_WITH_ITEMS, id="reg2")
    arts = {p.label: p for p in items(doc) if p.label.startswith("第")}
    # an article of two paragraphs (款) is two units, cited as 第四条 paragraph 1 and 2
    fourth = [p for p in doc.provisions if p.item == "第四条"]
    assert [(p.kind, p.paragraph, p.heading, p.clauses) for p in fourth] == [
        ("paragraph", 1, "", ("公共数据目录应当包括数据名称等内容。",)),
        ("paragraph", 2, "", ("公共数据主管部门应当定期更新公共数据目录。",))]
    assert arts["第五条"].heading == "施行日期"
    listed = [p for p in items(doc) if p.path[-1:] == ("第三条",)]
    assert [(p.label, p.heading, p.text) for p in listed] == [
        ("(一)", "", "制定公共数据目录编制规范;"), ("(二)", "", "组织编制全省公共数据目录。")]
    intro = next(p for p in doc.provisions if p.kind == "intro")
    assert intro.text == "公共数据实行目录管理。省公共数据主管部门应当:" and intro.item == "第三条"


def test_divisions_above_chapters() -> None:
    doc = parse_text("某市数字政府规划\n第一部分 发展基础\n近年来取得成效。\n第二部分 重点任务\n"
                     "一、建设数字底座\n(一)建设政务云。推进政务云建设。\n", id="div")
    got = [(p.path, p.label, p.heading) for p in items(doc)]
    assert got == [((), "第一部分", "发展基础"), (("第二部分 重点任务", "一、建设数字底座"), "(一)", "建设政务云")]


@pytest.mark.parametrize("cid", ["xianning-2016", "ningxia-2017", "qingdao-2022", "zhaoqing-2024"])
def test_plan_copied_onto_one_line_is_reflowed(corpus: dict[str, Document], cid: str) -> None:
    """Web copies without line breaks: the numbered items are found again."""
    orig = corpus[cid]
    one = parse_text(orig.text.replace("\n", ""), id="one")
    assert one.normalisation["reflow"] >= 25
    if cid == "ningxia-2017":  # whose items of several paragraphs run together on one line
        assert [h.label for _, h in one.headings] == [h.label for _, h in orig.headings]
    else:
        assert [(p.label, p.heading) for p in items(one)] == [(p.label, p.heading) for p in items(orig)]


def test_reflow_leaves_enumerations_inside_sentences() -> None:
    line = "推进数据统一、规范、共享,建设一、二级平台,完善(一)类设施。" * 10
    doc = parse_text("某市方案\n" + line + "\n", id="enum")
    assert "reflow" not in doc.normalisation and len(doc.provisions) == 1


def test_small_chinese_numerals_read_as_cn2an_reads_them() -> None:
    # The hand-written reader keeps cn2an out of start-up; cn2an is the reference.
    import cn2an

    from evolve.segment.numbering import numeral_value, small_cn_numeral

    assert all(small_cn_numeral(cn2an.an2cn(n)) == n for n in range(10_000))
    assert [numeral_value(x) for x in ("二〇一六", "两", "十二", "①", "２３", "", "十十")] == [
        2016, 2, 12, 1, 23, None, None]


# A rule is no title, however short its first sentence (excerpts of P041, a policy printout in
# shared/, and of 襄阳's and 安阳's 文明行为促进条例); a plan's item keeps its title.
@pytest.mark.parametrize(
    ("text", "title", "first_words"),
    [
        ("二十一、公募产品和开放式私募产品不得进行份额分级。\n分级私募产品的总资产不得超过该产品净资产的140%。\n",
         "", "公募产品和开放式私募产品不得进行份额分级。"),
        ("三十一、本意见自发布之日起施行。\n本意见所称“金融管理部门”是指中国人民银行、国务院银行保险监督管理机构。\n",
         "", "本意见自发布之日起施行。"),
        ("一、施工管理\n(五)施工现场出入口应当设置车辆清洗设施。施工车辆和建筑垃圾运输车辆在驶出工地前,"
         "应当采取除泥、冲洗、密闭等保洁措施。\n(六)夜间施工应当依法办理审批手续。\n",
         "", "施工现场出入口应当设置车辆清洗设施。"),
        ("四、资产管理产品按照募集方式的不同,分为公募产品和私募产品。公募产品面向不特定社会公众公开发行。\n"
         "五、资产管理产品的投资者分为不特定社会公众和合格投资者两大类。\n",
         "", "资产管理产品按照募集方式的不同,分为公募产品和私募产品。"),
        ("三、引导劳动力要素合理畅通有序流动\n(七)深化户籍制度改革。推动超大、特大城市调整完善积分落户政策。\n"
         "(八)畅通劳动力和人才社会性流动渠道。健全统一规范的人力资源市场体系。\n",
         "深化户籍制度改革", "推动超大、特大城市调整完善积分落户政策。"),
    ],
    ids=["ban", "entry-into-force", "duty", "classification", "plan-title"],
)
def test_a_rule_is_no_title(text: str, title: str, first_words: str) -> None:
    doc = parse_text("某市关于规范管理的指导意见\n" + text)
    first = next(p for p in doc.provisions if p.kind != "preamble")
    assert first.heading == title
    assert first.text.startswith(first_words)
# Items run on after the one before, as real files hold them (a PDF's page break joined, a
# report typed without the line break); excerpts of P013 and P041 (policy printouts in shared/),
# 马鞍山's 2024 report and 保山's 文明行为促进条例.
@pytest.mark.parametrize(
    ("text", "labels"),
    [
        ("三、引导劳动力要素合理畅通有序流动\n"
         "(七)深化户籍制度改革。推动超大、特大城市调整完善积分落户政策。建立城镇教育、就业创业、医疗卫生等"
         "基本公共服务与常住人口挂钩机制,推动公共资源按常住人口规模配置。(八)畅通劳动力和人才社会性流动渠道。"
         "健全统一规范的人力资源市场体系。\n(九)完善技术技能评价制度。创新评价标准。\n",
         ["(七)", "(八)", "(九)"]),
        ("一、2023年工作回顾\n(二)坚持创新驱动。新设产业工程师学院2家。本地高校应届毕业生留马就业率达28.3%、"
         "提升2.4个百分点。(三)坚持改革开放,内生发展“驱动力”更强劲。深化重点改革。\n",
         ["(二)", "(三)"]),
        ("第一章 总则\n第十四条 旅游时应当遵守下列规定:\n(一)尊重旅游地历史文化传统、民族风俗习惯、礼仪禁忌;"
         "(二)爱护文物古迹、风景名胜、古树名木、旅游设施;\n(三)遵守旅游秩序。\n",
         ["(一)", "(二)", "(三)"]),
        # the next item of an enclosing heading: 二十八、 after 二十七、's last item
        ("二十七、对资产管理业务实施监管遵循以下原则:\n(一)机构监管与功能监管相结合。\n"
         "(四)实现实时监管,对资产管理产品的发行销售、投资、兑付等各环节进行全面动态监管,建立综合统计制度。"
         "二十八、金融监督管理部门应当根据本意见规定,对违规行为制定和完善处罚规则,依法实施处罚。\n",
         ["(一)", "(四)", "二十八、"]),
        # not the next number, or a figure after a sentence's end: left as written
        ("(二)加快建设。见本意见第三部分。(五)所列事项另行规定。\n(三)提升效率。增长6.5%。3.5亿元用于补贴。\n",
         ["(二)", "(三)"]),
    ],
    ids=["page-break", "report", "semicolon", "enclosing", "not-next"],
)
def test_an_item_run_on_after_the_one_before_is_cut(text: str, labels: list[str]) -> None:
    doc = parse_text("某市关于推进改革的实施意见\n" + text)
    assert [p.label for p in doc.provisions if p.label] == labels


# A city's 2024 report as downloaded (枣庄 in shared/): the PDF's text on one line, its page
# numbers left between words ("加快 — 11 — 培塑") and a space after each sentence before a part.
ZAOZHUANG = (
    "各位代表: 现在,我代表市人民政府向大会报告工作,请予审议,并请各位政协委员和其他列席会议的同志提出意见。 "
    "一、2023年工作回顾 2023 年是枣庄发展史上具有里程碑意义的一年。全年地区生产总值增长6.4%,一 — 1 — "
    "般公共预算收入增长8.1%。入选省 — 2 — 首批十大先进制造业集群。 二、2024年工作安排 2024 年是中华人民共和国"
    "成立75周年。 (一)聚力加快产业升级,夯实高质量发展支撑。坚持主攻实体经济不动摇。 (二)聚力深化创新驱动,"
    "培育高维度竞争优势。充分发挥科技创新的关键变量作用,加快 — 3 — 培塑新质生产力。 (三)聚力防控风险挑战,"
    "筑牢高标准安全屏障。牢固树立底线思维,确保平安枣庄。 — 4 — 三、加强政府自身建设 各位代表!任重千钧,行胜万言。"
    " (一)坚决做到立场坚定、对党忠诚。始终把政治建设摆在首要位置。"
)


def test_a_report_dumped_on_one_line_gets_its_parts_and_loses_its_page_numbers() -> None:
    doc = parse_text(ZAOZHUANG, id="zaozhuang")
    assert doc.normalisation["inline_page_numbers"] == 4
    assert "— 1 —" not in doc.text and "一般公共预算收入" in doc.text and "加快培塑新质生产力" in doc.text
    parts = [h.label for path, h in doc.headings if not path]
    assert parts == ["一、", "二、", "三、"]
    assert [p.label for p in doc.provisions if p.label.startswith("(")] == ["(一)", "(二)", "(三)", "(一)"]
    # each part's title is the words before the space that was its line break
    assert [h.title for path, h in doc.headings if not path] == ["2023年工作回顾", "2024年工作安排", "加强政府自身建设"]
    assert doc.provisions[1].text.startswith("2023 年是枣庄发展史上")


# 潍坊 in shared/: a web page's text on one line, each part's title spaced from its first sentence.
WEIFANG = (
    "各位代表：现在，我代表市人民政府向大会报告工作，请予审议，并请市政协委员和其他列席人员提出意见。"
    "一、2023年工作回顾 过去的一年，极不寻常，极不容易，极不平凡。全市地区生产总值增长6.2%。"
    "二、2024年政府工作安排 2024年政府工作总的要求是：以习近平新时代中国特色社会主义思想为指导，"
    "坚持稳中求进工作总基调。"
    "（一）聚力推动经济平稳增长。把扩大内需摆在更加突出位置，坚持投资和消费相互促进。"
    "（二）聚力促进产业做优做强。坚持高端化优结构、智能化抓数改、绿色化转方式、集群化强链条。"
    "三、全面加强政府自身建设 新形势新任务，对政府自身建设提出了新的更高要求。"
)


def test_a_part_title_spaced_from_its_text_on_a_one_line_report_is_the_title() -> None:
    doc = parse_text(WEIFANG, id="weifang")
    parts = [(h.label, h.title) for path, h in doc.headings if not path]
    assert parts == [("一、", "2023年工作回顾"), ("二、", "2024年政府工作安排"), ("三、", "全面加强政府自身建设")]
    first = {p.label: p.text for p in doc.provisions if p.label}
    assert first["一、"].startswith("过去的一年") and first["三、"].startswith("新形势新任务")
    # a title inside a sentence keeps its words: no line is cut at a space after a comma
    assert "2024年政府工作总的要求是" in doc.text


def test_dashes_around_figures_in_sentences_stay() -> None:
    # not in page order, and a range written with spaced dashes: no page numbers
    text = "某市方案\n一、目标 到2025年,建成 — 5 — 个示范区,培育 — 3 — 家龙头企业,新增 — 12 — 个项目。\n"
    doc = parse_text(text)
    assert "inline_page_numbers" not in doc.normalisation and "— 5 —" in doc.text


# 孝感's 2024 report (city-reports-2024 in shared/): each task's title runs 36-46 characters.
XIAOGAN = (
    "二、2024年工作安排\n"
    "(一)坚持精明增长、紧凑城市,加快推进主城崛起,聚力打造重要节点城市建设主引擎。坚定不移做大做强主城,"
    "加快实施规划引领发展行动、主城能级提升行动。\n"
    "(二)坚持科技创新、制造业当家,加快构建现代化产业体系,不断做实重要节点城市建设硬支撑。工业化是区域经济发展的"
    "根本动力。\n"
    "(三)坚持有效投资、项目为王,高质量谋划推进重大项目,切实把牢重要节点城市建设总抓手。抓项目就是抓发展。\n"
)
# 广东's 2026 report (provincial-2026): each task's title on a line of its own, ending in 。
GUANGDONG = (
    "三、2026年工作安排\n"
    "(一)久久为功推动粤港澳大湾区建设,打造富有活力和国际竞争力的一流湾区和世界级城市群。\n"
    "服务“一国两制”大局,着力深化粤港澳合作,携手建设世界级的大湾区、发展最好的湾区。\n"
    "(二)坚持实体经济为本、制造业当家,加快构建更加强大的现代化产业体系。\n"
    "大力推进各产业智能化绿色化融合化发展。\n"
    "(三)扩大高水平对外开放,在服务和融入新发展格局中展现更大作为。\n"
    "推动贸易优进优出。\n"
)


@pytest.mark.parametrize(("text", "titles", "first"), [
    (XIAOGAN, ["坚持精明增长、紧凑城市,加快推进主城崛起,聚力打造重要节点城市建设主引擎",
               "坚持科技创新、制造业当家,加快构建现代化产业体系,不断做实重要节点城市建设硬支撑",
               "坚持有效投资、项目为王,高质量谋划推进重大项目,切实把牢重要节点城市建设总抓手"], "坚定不移做大做强主城"),
    (GUANGDONG, ["久久为功推动粤港澳大湾区建设,打造富有活力和国际竞争力的一流湾区和世界级城市群",
                 "坚持实体经济为本、制造业当家,加快构建更加强大的现代化产业体系",
                 "扩大高水平对外开放,在服务和融入新发展格局中展现更大作为"], "服务“一国两制”大局"),
])
def test_long_titles_of_items_whose_siblings_have_titles(text: str, titles: list[str], first: str) -> None:
    doc = parse_text("某市政府工作报告\n各位代表:\n一、2023年工作回顾\n过去一年,全市经济增长6%。\n" + text)
    assert [h.title for path, h in doc.headings if h.label.startswith("(")] == titles
    under = [p for p in doc.provisions if p.label == "(一)" or (p.path and p.path[-1].startswith("(一)"))]
    assert under and under[0].text.startswith(first)


def test_a_long_first_sentence_is_no_title_among_items_without_titles_or_in_an_article() -> None:
    # items that state rules, one of them phrase-like: no sibling agreement, no titles
    plan = ("某市数据管理办法\n一、总体要求\n(一)市数据局负责统筹全市公共数据管理工作,各区政府负责本区域内的实施。\n"
            "(二)推进公共数据开放共享,建立健全公共数据目录管理制度和公共数据分级分类管理制度。各部门应当按目录共享。\n"
            "(三)公共数据提供单位应当在目录确定之日起十五个工作日内完成数据归集,并对数据质量负责。\n")
    assert [h.title for path, h in parse_text(plan).headings if h.label.startswith("(")] == ["", "", ""]
    # a regulation's article: its items are rules, however phrase-like
    article = ("某市文明行为促进条例\n第八条 公民应当遵守下列规范:\n"
               "(一)文明出行,遵守交通信号和交通标志标线的指示,礼让行人和其他车辆通行。按规定停放车辆。\n"
               "(二)文明休闲,在公共场所开展广场舞等文体休闲活动,不影响他人正常工作和生活。控制音量。\n"
               "(三)文明旅游,保护文物古迹、风景名胜、旅游设施等旅游资源,尊重当地风俗习惯。服从管理。\n")
    assert all(not h.title for path, h in parse_text(article).headings if h.label.startswith("("))
