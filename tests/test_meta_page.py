"""Titles, dates and years read from the page, against hand-written gold on real files.

The PDFs and excerpts are in tests/data/meta (see its README); the expected values in
tests/gold/pdf_meta.csv and tests/gold/report_years.csv were written by reading the files.
"""

# ruff: noqa: E501  (tables of real lines, kept whole)

from __future__ import annotations

import csv
import re
import unicodedata
from pathlib import Path

import pytest

from evolve.metadata import dates, titles
from evolve.parse import parse_file, parse_text

HERE = Path(__file__).parent
DATA = HERE / "data" / "meta"


def read_csv(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


GOLD = {r["file"][:4]: r for r in read_csv(HERE / "gold" / "pdf_meta.csv")}


def norm(title: str | None) -> str:
    return re.sub(r"[\s“”\"]", "", unicodedata.normalize("NFKC", title or ""))


def check(meta, gold: dict[str, str]) -> None:  # type: ignore[no-untyped-def]
    allowed = {norm(gold["title"])} | ({norm(gold["title_also"])} if gold["title_also"] else set())
    assert norm(meta.title) in allowed, (meta.title, meta.sources)
    assert meta.year == (int(gold["year"]) if gold["year"] else None), meta.sources
    if gold["date"]:
        assert meta.date == gold["date"], meta.sources


@pytest.mark.parametrize("number", ["P021", "P077", "P081"])
def test_real_pdfs_against_the_gold(number: str) -> None:
    check(parse_file(DATA / f"{number}.pdf").meta, GOLD[number])


@pytest.mark.parametrize("number", sorted(p.stem for p in DATA.glob("P*.txt")))
def test_real_excerpts_against_the_gold(number: str) -> None:
    text = (DATA / f"{number}.txt").read_text(encoding="utf-8")
    check(parse_text(text, file_name=GOLD[number]["file"]).meta, GOLD[number])


def test_sources_name_where_each_value_came_from() -> None:
    law = parse_text((DATA / "P045.txt").read_text(encoding="utf-8")).meta
    assert law.sources["title"] == "info table" and law.sources["date"] == "adoption line"
    # the text as in force is the latest revision; the first adoption is kept beside it
    assert (law.date, law.first_date) == ("2024-12-06", "2000-09-25")
    notice = parse_text((DATA / "P001.txt").read_text(encoding="utf-8")).meta
    assert notice.sources["title"] == "title lines" and notice.sources["date"] == "signature"
    assert parse_file(DATA / "P081.pdf").meta.sources["date"] == "info table"


@pytest.mark.parametrize(("lines", "title"), [
    # a title over two lines, from real pages
    (["国务院关于积极推进“互联网+”行动的指导意", "见", "国发〔2015〕40号"], "国务院关于积极推进“互联网+”行动的指导意见"),
    (["国务院关于印发", "“十三五”国家信息化规划的通知", "国发〔2016〕73号"], "国务院关于印发“十三五”国家信息化规划的通知"),
    (["互联网信息服务深度", "合成管理规定", "2022年12月11日 21:19 来源： 中国网信"], "互联网信息服务深度合成管理规定"),
    # the collector's note and issuer after the title are not the title; (试行) is
    (["关于构建更加完善的要素市场化配置体制机制的意见（国务院版），国务院", "2020-04-09 19:00来源："],
     "关于构建更加完善的要素市场化配置体制机制的意见"),
    (["网络直播营销管理办法（试行），国家互联网信息办公室等7部门", "网络直播营销管理办法（试行）"], "网络直播营销管理办法（试行）"),
    (["关于开展App违法违规收集使用个人信息专项治理的公告，国家互联网信息办公室等4部", "门"],
     "关于开展App违法违规收集使用个人信息专项治理的公告"),
    # a news headline is the first line when nothing ends like a title
    (["数字经济伙伴关系协定（DEPA）中方加入谈判正式启动，商务部", "2024-11-21 21:45来源："],
     "数字经济伙伴关系协定（DEPA）中方加入谈判正式启动"),
    # site lines, a date line, a number, a signature are never the title
    (["首页|简|繁|EN|登录", "您现在的位置：首页>政策法规", "2022年12月11日", "第12号", "数据出境安全评估办法"], "数据出境安全评估办法"),
    (["一、2023年工作回顾", "过去的一年，是提振信心、奋力拼搏的一年。"], None),
    # a red header: the issuer's "…文件" line and a number are not the title; an issuer line
    # right above the title is its first words
    (["国家发展和改革委员会文件", "发改高技〔2015〕1234号", "国家发展改革委关于加快推进“互联网+”行动的通知"],
     "国家发展改革委关于加快推进“互联网+”行动的通知"),
    (["国务院办公厅", "国办发〔2016〕1号", "国务院办公厅关于印发促进大数据发展行动纲要的通知"], "国务院办公厅关于印发促进大数据发展行动纲要的通知"),
    (["人民银行 银保监会 证监会", "外汇局关于规范金融机构资产管理业务的指导意见", "银发〔2018〕106号"],
     "人民银行 银保监会 证监会外汇局关于规范金融机构资产管理业务的指导意见"),
])
def test_title_block(lines: list[str], title: str | None) -> None:
    assert titles.title_block("\n".join(lines)) == title


@pytest.mark.parametrize(("text", "title"), [
    ("新华社北京11月5日电中共中央关于坚持和完善中国特色社会主义制度推进国家治理体系和治理能力现代化若干重大问题的决定"
     "（2019年10月31日中国共产党第十九届中央委员会第四次全体会议通过）为贯彻落实",
     "中共中央关于坚持和完善中国特色社会主义制度推进国家治理体系和治理能力现代化若干重大问题的决定"),
    ("新华社北京10月9日电中共中央办公厅\n国务院办公厅关于加快公共数据资源开发利用的意见（2024年9月21日）各级党政机关",
     "中共中央办公厅国务院办公厅关于加快公共数据资源开发利用的意见"),
    ("来源:中国人大网【字体:大中小】中华人民共和国反电信网络诈骗法(2022年9月2日第十三届全国人民代表大会常务委员会第三十六次会议通过)目录",
     "中华人民共和国反电信网络诈骗法"),
    ("中华人民共和国主席习近平2019年10月26日中华人民共和国密码法（2019年10月26日第十三届全国人民代表大会常务委员会第十四次会议通过）",
     "中华人民共和国密码法"),
    # the title's first words on the line before; a title line above that repeats it is not joined
    ("云南省创建生态文明建设排头兵\n促进条例\n(2020年5月12日云南省第十三届人民代表大会\n第三次会议通过)\n目录",
     "云南省创建生态文明建设排头兵促进条例"),
    ("中华人民共和国数据安全法\n中华人民共和国数据安全法(2021年6月10日第十三届全国人民代表大会常务委员会第二十九次会议通过)来源:中国人大网",
     "中华人民共和国数据安全法"),
    # a sentence's object is not a title, and a bracket that is no decision is no adoption line
    ("为推进数字政府建设,制定本方案(2021年10月修订)。", None),
    ("一、总体要求\n各地要落实好数字政府建设实施方案(2021年10月起执行),加强统筹。", None),
    # a year in brackets is not an adoption line
    ("中华人民共和国网络安全法（2022年修正草案），全国人民代表大会常务委员会", None),
])
def test_title_written_with_its_adoption_line(text: str, title: str | None) -> None:
    assert titles.adopted(text) == title


@pytest.mark.parametrize(("text", "date", "source"), [
    ("中华人民共和国数据安全法\n（2021年6月10日第十三届全国人民代表大会常务委员会第二十九次会议通过）", "2021-06-10", "adoption line"),
    # an approval after the adoption, and a later amendment: the latest decision dates the text in force
    ("郑州市文明行为促进条例\n(2017年12月21日郑州市第十四届人民代表大会常务\n委员会第三十三次会议通过  2018年3月31日河南省第\n"
     "十三届人民代表大会常务委员会第二次会议批准根据\n2021年10月29日郑州市第十五届人民代表大会常务委\n员会第二十八次会议通过  "
     "2021年11月27日河南省第\n十三届人民代表大会常务委员会第二十八次会议批准的\n《郑州市人民代表大会常务委员会关于修改部分地方性\n法规的决定》修正)",
     "2021-11-27", "adoption line"),
    # an adoption line that opens with the title, and one wrapped inside a word ("批\n准")
    ("白城市文明行为促进条例\n(《白城市文明行为促进条例》已由白城市第六届人民代表大会常务委员会第二十三次会议于2019年12月26日通过,"
     "于2020年3月24日经吉林省第十三届人民代表大会常务委员会第二十次会议批准,2020年3月26日白城市第六届人民代表大会常务委员会公告第15号公布,"
     "自公布之日起施行)", "2020-03-26", "adoption line"),
    ("晋城市文明行为促进条例\n(2018年6月28日晋城市第七届人民代表大会常\n务委员会第十六次会议通过 2018年9月30日山西\n省第十三届人民代表大会常务委员会第五次会议批\n准)",
     "2018-09-30", "adoption line"),
    # adopted "制定" by a city, approved by the province; the same line without brackets
    ("淮安市文明行为促进条例\n（2018年6月20日淮安市第八届人民代表大会常务委员会第十三次会议制定2018年7月27日江苏省第十三届人民代表大会常务委员会第四次会议批准）",
     "2018-07-27", "adoption line"),
    ("吉林市文明行为促进条例\n2020年6月30日吉林市第十六届人民代表大会常务委员会第二十八次会议审议通过2020年7月30日吉林省第十三届人民代表大会常务委员会第二十三次会议批准\n第一章 总则",
     "2020-07-30", "adoption line"),
    ("国务院\n2015年7月1日\n（此件公开发布）", "2015-07-01", "signature"),
    ("国家互联网信息办公室主任 庄荣文2022年7月7日\n第一条", "2022-07-07", "signature"),
    ("…国家广播电视总局2021年9月17日\n关于加强互联网信息服务算法综合治理的指导意见", "2021-09-17", "signature"),
    ("国务院\n二〇二一年十二月十二日", "2021-12-12", "signature"),
    ("发文机关:国务院成文日期: 2017年07月08日\n标题:国务院关于印发新一代人工智能发展规划的通知\n"
     "发文字号:国发〔2017〕35号发布日期: 2017年07月20日", "2017-07-08", "info table"),
    ("标准号：GB/T 43697-2024 … 发布日期2024-03-15实施日期2024-10-01", "2024-03-15", "info table"),
    ("关于加快推进国有企业数字化转型工作的通知文章来源:科技创新和社会责任局发布时间:2020-09-21", "2020-09-21", "page date"),
    ("中共中央办公厅国务院办公厅印发《国家信息化发展战略纲要》\n2016-07-27 18:52来源:新华社", "2016-07-27", "page date"),
])
def test_dates_as_the_text_states_them(text: str, date: str, source: str) -> None:
    found = next(f for f in (dates.adoption(text), dates.signature(text), dates.info_table(text),
                             dates.page_date(text)) if f)
    assert (found.date, found.source) == (date, source)


def test_a_page_date_removed_with_the_site_furniture_still_dates_the_page() -> None:
    text = ("中共中央办公厅 国务院办公厅印发《国家信息化发展\n战略纲要》\n2016-07-27 18:52来源： 新华社\n"
            "新华社北京7月27日电 近日，中共中央办公厅、国务院办公厅印发了《国家信息化发展战略纲要》，并发出通知，"
            "要求各地区各部门结合实际认真贯彻落实。\n一、国家信息化发展的基本形势\n(一)人类社会经历了农业革命、工业革命，正在经历信息革命。\n")
    meta = parse_text(text).meta
    assert (meta.date, meta.sources["date"]) == ("2016-07-27", "page date")


def test_a_deadline_is_not_a_page_date() -> None:
    assert dates.page_date("(一)建设政务云平台。完成时间:2025年12月31日\n责任单位:市大数据局") is None


def test_a_decision_date_is_not_taken_for_a_signature() -> None:
    # "已经2022年5月19日…审议通过" and "自2022年9月1日起施行" are not signature dates
    text = "《数据出境安全评估办法》已经2022年5月19日国家互联网信息办公室2022年第10次室务会议审议通过，现予公布，自2022年9月1日起施行。"
    assert dates.signature(text) is None
    assert dates.effective(text).year == 2022  # type: ignore[union-attr]


@pytest.mark.parametrize(("text", "year"), [
    ("各位代表：\n一、2023年工作回顾\n过去的一年……\n二、2024年工作安排\n", 2024),
    # parts run into the text, and a review called 主要工作
    ("各位代表： 现在，我代表市人民政府向大会报告工作。一、2023年工作回顾 过去的一年，极不寻常。", 2024),
    ("一、2023年主要工作\n……\n二、2024年主要目标和重点工作\n今年是中华人民共和国成立75周年", 2024),
    ("一、2025年和“十四五”时期工作回顾\n……\n三、2026年工作安排\n……\n到2035年远景目标", 2026),
    ("各位代表：\n刚刚过去的１９８４年，是我国各族人民……", 1985),
    ("一、去年工作回顾\n2005年，我国社会主义现代化事业……", 2006),
])
def test_a_work_reports_year_from_its_parts(text: str, year: int) -> None:
    assert dates.report_year(text).year == year  # type: ignore[union-attr]
    assert parse_text(text + "各位代表，我们要加快发展新质生产力，培育低空经济、数据要素等新兴产业。").meta.year == year


@pytest.mark.parametrize(("created", "creator", "year"), [
    ("D:20241017085828+00'58'", "WPS 文字", 2024),
    # a browser's printout is dated when it was printed; a file without a creator says nothing
    ("D:20260529152310+00'00'", "Mozilla/5.0 (Windows NT 10.0) HeadlessChrome/148.0.0.0 Skia/PDF m148", None),
    ("D:20260530111743Z", "", None),
])
def test_a_pdfs_creation_date_only_from_an_authoring_application(created: str, creator: str, year: int | None) -> None:
    found = dates.pdf_created(created, creator)
    assert (found.year if found else None) == year


def test_city_and_provincial_reports_get_their_year_from_the_text() -> None:
    """Hand gold: tests/gold/report_years.csv (the lines quoted there), on the excerpts kept here."""
    rows = read_csv(HERE / "gold" / "report_years.csv")
    assert len(rows) >= 30
    for row in rows:
        # the quoted part of each report, under a salutation, is enough to date it
        text = f"各位代表：\n{row['quote']}\n各位代表，今年我们要加快发展新质生产力，培育低空经济、数据要素等新兴产业。"
        assert parse_text(text).meta.year == int(row["year"]), row


@pytest.mark.parametrize(("text", "issuer", "source"), [
    ("中华人民共和国数据安全法\n（2021年6月10日第十三届全国人民代表大会常务委员会第二十九次会议通过）\n第一条 为了规范数据处理活动，制定本法。",
     "全国人民代表大会常务委员会", "adoption line"),
    ("第一章 总则\n第一条 为了加强互联网信息服务深度合成管理，制定本规定。\n国家互联网信息办公室主任 庄荣文\n工业和信息化部部长 金壮龙\n"
     "公安部部长 王小洪\n2022年11月25日", "国家互联网信息办公室 工业和信息化部 公安部", "signature"),
    ("一、规范金融机构资产管理业务。现提出以下意见。\n产管理产品的活动。人民银行银保监会证监会外汇局2018年4月27日", "人民银行银保监会证监会外汇局",
     "signature"),
    # an info table run together on one line: the next key ends the value
    ("发文机关:国务院成文日期: 2017年07月08日\n标题:国务院关于印发新一代人工智能发展规划的通知\n发文字号:国发〔2017〕35号", "国务院",
     "header"),
    ("国家互联网信息办公室令第16号《促进和规范数据跨境流动规定》已经审议通过，现予公布，自公布之日起施行。\n第一条 为了保障数据安全，制定本规定。",
     "国家互联网信息办公室", "order"),
    ("中共中央办公厅 国务院办公厅关于加快公共数据资源开发利用的意见\n一、总体要求。坚持以习近平新时代中国特色社会主义思想为指导，推动高质量发展。",
     "中共中央办公厅 国务院办公厅", "title"),
])
def test_issuers_as_the_text_names_them(text: str, issuer: str, source: str) -> None:
    meta = parse_text(text).meta
    assert (norm(meta.issuer), meta.sources.get("issuer")) == (norm(issuer), source)
