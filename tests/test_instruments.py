"""Policy instruments (evolve tools): the codebook, the rule coder on real sentences, the
hand-coded set as a floor, learning a coding, the model file, tables, chart and command line."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from evolve.cli import cli
from evolve.errors import CodebookError, InputError, ModelFileError
from evolve.instruments import code_documents, code_sentences, load_codebook, tables
from evolve.instruments.codebook import parse_codebook, shipped_text
from evolve.instruments.coder import code_text
from evolve.trie import trie_pattern

GOLD = Path(__file__).parent / "gold" / "instruments.csv"
FAMILIES = ("supply", "environment", "demand", "none")


def gold_rows() -> list[dict[str, str]]:
    with GOLD.open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


# Real sentences from the plans in shared/ and corpus/ (all in tests/gold/instruments.csv), with
# the family a reader gives them.
REAL = [
    ("加强教师队伍人才“引育留用”。", "supply", "talent"),
    (
        "实施“引凤兴晋”引才计划，用好“人才新政20条”，加强市校合作、校企合作，促进“政产学研用”深度融合，打造全国中小城市一流人才生态。",
        "supply",
        "talent",
    ),
    ("加大中央预算内投资对数据基础设施、数据安全能力建设的支持力度。", "supply", None),
    (
        "依托国家重点研发计划、国家科技重大专项等,开展数据加密、可信流通、安全治理等关键技术研究和攻关。",
        "supply",
        "technology",
    ),
    ("全域推进电动汽车充（换）电基础设施建设，新建公共充电桩1700个以上。", "supply", "infrastructure"),
    ("加快双千兆网络、量子通信等项目建设，完善数字基础设施体系。", "supply", "infrastructure"),
    ("加强数据归集治理，打造“无证明城市”。", "supply", None),
    (
        "做好科技金融、绿色金融、普惠金融、养老金融、数字金融五篇大文章，新增人民币存贷款1500亿元以上，其中制造业贷款260亿元以上、科技型企业贷款200亿元以上。",
        "environment",
        "finance",
    ),
    (
        "落实好结构性减税降费政策，开展“政策找企业”流程再造，推动惠企政策“免申即享、直达快享”，新减轻税费负担50亿元以上。",
        "environment",
        "tax",
    ),
    ("深入打好污染防治攻坚战。", "environment", "regulation"),
    ("加强立法保障,制定大数据发展促进条例和政务信息资源共享开放管理暂行规定;", "environment", "regulation"),
    ("驾驶机动车行经人行横道应当减速行驶,遇行人正在通过时停车让行;", "environment", "regulation"),
    (
        "建立数字锦州建设主要领导责任制,推行“项目化实施+专班化推进”方式,完善跨部门、跨领域、跨层级高效协同机制。",
        "environment",
        "measures",
    ),
    ("新增出口实绩企业30家，外贸进出口增长8%以上。", None, None),
    (
        "深化国家市场采购贸易方式试点，用好国家跨境电商综合试验区政策，推动综合保税区与临沂商城深度融合，新增有进出口实绩的外贸企业500家以上。",
        "demand",
        "overseas",
    ),
    (
        "落实国家中医药传承创新发展示范试点项目，支持中医药老字号发展和亳州名老中医挖掘传承，加快民间中医药技术和偏方验方的抢救性保护，争创国家中医区域医疗中心、全国基层中医药工作示范市，创成国家中医药传承创新发展试验区。",
        "demand",
        "demonstration",
    ),
    (
        "着力壮大新型消费，培育数字消费、绿色消费、健康消费，发展首店经济、品牌连锁经济，推动步行街、商圈提档升级，建设一批夜间消费集聚区，推出高品质工厂店50家以上，争创全国首批放心消费示范城市。",
        "demand",
        "market",
    ),
    ("累计推广“减垄增地”118.8万亩，高标准农田达到325.7万亩。", "none", "review"),
    (
        "发放低保、特困等救助资金61.7亿元，实施医疗救助613.7万人次、临时救助19万人次。",
        "supply",
        "funding",
    ),  # a review read as a task: a known miss (see the notes)
    ("一年来，我们聚焦有效投资，招引实施了一批促进产业发展、蓄势赋能的重大项目。", "none", "review"),
    ("我代表市人民政府，向大会报告工作，请予审议，并请市政协委员提出意见。", "none", "procedure"),
    ("（四）加快推进农业现代化，着力推动乡村全面振兴。", "none", "heading"),
    (
        "坚定以习近平新时代中国特色社会主义思想凝心铸魂，深入落实“第一议题”制度，高质量完成主题教育，巩固拓展主题教育成果。",
        "none",
        "general",
    ),
]


def test_real_sentences_are_in_the_hand_coded_set() -> None:
    texts = {r["text"] for r in gold_rows()}
    missing = [t for t, _, _ in REAL if t not in texts]
    assert not missing


@pytest.mark.parametrize(("text", "family", "tool"), REAL)
def test_rule_coder_on_real_sentences(text: str, family: str | None, tool: str | None) -> None:
    c = code_text(text, load_codebook())
    if family is None:  # a target only: environment (goals) or demand (trade), either is fair
        assert c.category in {"environment", "demand"}
        return
    assert c.category == family, c
    if tool is not None:
        assert c.tool == tool, c
    if family != "none":
        assert c.evidence and all(w in text for w in c.evidence)


def test_two_instruments_get_both() -> None:
    # finance and talent in one sentence (芜湖 2024)
    c = code_text("运营科创集团，设立科创基金，聚焦优势产业培育，靶向招引高层次科技人才团队90个。", load_codebook())
    assert {"finance", "talent"} <= set(c.tools)
    assert {"environment", "supply"} <= set(c.categories)


def test_review_section_makes_results_none() -> None:
    text = "建成乡镇区域养老服务中心28个。"
    cb = load_codebook()
    assert code_text(text, cb).category == "supply"
    assert code_text(text, cb, section="一、2023年工作回顾").category == "none"
    assert code_text(text, cb, kind="preamble").tool == "procedure"


# Laws and regulations (batch 3 of the hand-coded set): the form of a duty decides only when it
# is laid on firms or people; a duty of a government body is coded by what it makes it do.
@pytest.mark.parametrize(("text", "category"), [
    ("市、县(市、区)人民政府应当加大生态文明建设的财政支持力度,对环境风险较大的重点区域,"
     "应当适当增加财政投入。", "supply"),
    ("对实施见义勇为、无偿献血、造血干细胞捐献、人体器官捐献等文明行为的人员,应当按照有关规定给予奖励。", "supply"),
    ("重要数据的处理者应当明确数据安全负责人和管理机构,落实数据安全保护责任。", "environment"),
    ("申报时弄虚作假,骗取荣誉的。", "environment"),
    ("本条例所称生态文明建设,是指为实现生态文明而从事的各项建设及其相关活动。", "none"),
    ("为了确保关键信息基础设施供应链安全,保障网络安全和数据安全,维护国家安全,制定本办法。", "none"),
    ("对首次入选的专精特新“小巨人”企业给予50万元奖励。", "supply"),
    ("“三亚芒果”获批国家地理标志保护产品。", "none"),
])
def test_legal_form_and_grants(text: str, category: str) -> None:
    assert code_sentences([text])["category"][0] == category


# Local support provisions (batch 6 of the hand-coded set): a grant, the budget line and government
# purchasing decide (the codebook's [deciding]); encouraging others to reward does not; a list's
# items of conduct are rules; a platform for supervision is regulation, not a public platform.
@pytest.mark.parametrize(("text", "category", "tool"), [
    ("各级人民政府应当对在生态文明建设工作中做出显著成绩的单位和个人予以表彰和奖励。", "supply", "funding"),
    ("获得或者复查中保持称号的各级文明城市、文明单位、文明村镇、文明校园、文明家庭,"
     "按照中央和省、自治州有关规定给予奖励。", "supply", "funding"),
    ("州、县(市)人民政府应当将文明行为促进工作纳入国民经济和社会发展规划,所需经费列入本级财政预算。",
     "supply", "funding"),
    ("市、县(市、区)人民政府、企业事业单位和其他组织应当按照国家有关规定优先采购和使用节能环保产品、设备和设施。",
     "demand", "procurement"),
    ("鼓励国家机关、企事业单位、社会组织对其职工、会员的文明行为进行表彰奖励。", "environment", "measures"),
    ("为需要报警、急救的人员拨打紧急电话,并提供必要帮助;", "environment", "regulation"),
    # an interest subsidy is finance though it is granted (给予…贴息支持); a tax relief is tax
    # whatever it relieves (研发费用 names technology)
    ("符合条件的省级重大技改项目，竣工投产后，在省财政按照LPR的35%给予最高2000万元贴息支持基础上，"
     "市、县财政各按照LPR的10%再给予最高1000万元贴息支持；", "environment", "finance"),
    ("落实研发费用加计扣除、高新技术企业税收优惠等政策。", "environment", "tax"),
    ("建设态势感知平台,加强平台、系统、数据等安全管理。", "environment", "regulation"),
])
def test_support_provisions(text: str, category: str, tool: str) -> None:
    out = code_sentences([text])
    assert (out["category"][0], out["tool"][0]) == (category, tool)


# Batch 7 of the hand-coded set (action and support parts, read after it was measured): setting an
# example is a rule of conduct, not a demonstration; an award a government body gives is funding
# however it is written (进行表彰奖励), one it encourages others to give is not (above); a definition
# is procedure whatever its topic words; social insurance is social security, not finance;
# 制度型开放 is opening, not a rule; 铁腕治污 is pollution control, 防治污染的财政投入 still money.
@pytest.mark.parametrize(("text", "category", "tool"), [
    ("人大代表、政协委员、先进模范人物、社会公众人物等应当在文明行为促进工作中发挥表率和示范作用。",
     "environment", "regulation"),
    ("县级以上人民政府及有关部门应当建立健全文明行为表彰奖励制度,按照国家和省有关规定对公民文明行为及"
     "文明行为促进工作进行表彰奖励。", "supply", "funding"),
    ("本条例所称文明行为,是指遵守宪法和法律、法规规定,符合社会道德要求,体现社会主义核心价值观,维护公序良俗、"
     "引领社会风尚、推动社会文明进步的行为。", "none", "procedure"),
    ("建立“八统一”长期护理保险自治区级统筹制度,实现单位职工、退休人员、灵活就业人员全覆盖。",
     "supply", "infrastructure"),
    ("稳步扩大制度型开放。", "demand", "overseas"),
    ("坚持铁腕治污,抓好中央生态环境保护督察反馈问题整改,深入打好蓝天、碧水、净土保卫战。",
     "environment", "regulation"),
    ("认真落实财政保障“两个只增不减”,打造区域优质教育中心。", "supply", "funding"),
    ("市和区、县(市)人民政府应当加大并优先保障保护和改善环境、防治污染和其他公害的财政投入,"
     "提高财政资金的使用效益。", "supply", "funding"),
])
def test_batch7_rules(text: str, category: str, tool: str) -> None:
    out = code_sentences([text])
    assert (out["category"][0], out["tool"][0]) == (category, tool)


# The name of the body that acts is not its instrument (batches 4 and 5): 信息化 in 中央网络安全和
# 信息化领导小组 names the body, not information support; the organisation (领导小组) still counts.
@pytest.mark.parametrize(("text", "category", "not_evidence"), [
    ("坚持中央网络安全和信息化领导小组对国家信息化发展的集中统一领导,信息化领域重大政策和事项须经领导小组审定。",
     "environment", "网络安全"),
    ("交通运输管理部门应当根据公民出行需求、城市承载能力和停放设施资源,科学设定互联网租赁自行车运营总量,"
     "引导企业合理投放车辆,防止盲目扩张。", "environment", "交通"),
])
def test_body_names_are_not_instruments(text: str, category: str, not_evidence: str) -> None:
    c = code_text(text, load_codebook())
    assert c.category == category and all(not_evidence not in w for ws in c.found.values() for w in ws)
    assert "领导小组" not in text or "领导小组" in c.found.get("measures", ())


def test_deciding_tool_keeps_the_other_instrument() -> None:
    # the grant decides; the campaign it names stays as the second instrument, and the evidence
    # starts with the grant's words
    c = code_text("获得或者复查中保持称号的各级文明城市、文明单位、文明村镇、文明校园、文明家庭,"
                  "按照中央和省、自治州有关规定给予奖励。", load_codebook())
    assert c.tools[:2] == ("funding", "measures") and c.categories == ("supply", "environment")
    assert c.evidence[0] == "给予奖励"


def test_split_half_protocol() -> None:
    from evolve.instruments.learn import halves

    rows = gold_rows()[::4]
    h = halves([r["text"] for r in rows], [r["category"] for r in rows], [r["doc"] for r in rows],
               codebook=load_codebook(), rounds=1)
    assert h["runs"] == 2 and 0.5 < h["accuracy"] <= 1.0 and set(h["f1"]) == set(FAMILIES)
    # the spread of the two runs around their mean
    assert 0.0 <= h["accuracy_sd"] < 0.2 and set(h["f1_sd"]) == set(FAMILIES)
    # the mean probability of the predicted label: a probability, and above chance for 4 labels
    assert 0.25 < h["confidence"] <= 1.0


def test_hand_coded_set_is_a_floor() -> None:
    """The rule coder on the 1,786 hand-coded sentences (README gives the figures per batch): a
    change that makes it worse fails here (2026-12-03, batch 7 included: 0.791 family accuracy,
    0.737 4-label; 0.799 and 0.743 with the cues of batch 7; with batch 8, coded and measured with
    nothing changed, 0.794 and 0.741)."""
    rows = gold_rows()
    assert len(rows) >= 600
    assert len({r["doc"] for r in rows}) >= 60
    assert {r["category"] for r in rows} == set(FAMILIES)
    out = code_sentences([r["text"] for r in rows])
    inst = [(r["category"], p) for r, p in zip(rows, out["category"], strict=True) if r["category"] != "none"]
    family_acc = sum(g == p for g, p in inst) / len(inst)
    all_acc = sum(r["category"] == p for r, p in zip(rows, out["category"], strict=True)) / len(rows)
    assert family_acc >= 0.79, family_acc
    assert all_acc >= 0.74, all_acc


def test_gold_labels_are_codebook_tools() -> None:
    cb = load_codebook()
    for r in gold_rows():
        assert cb.category_of(r["tool"]) == r["category"], r["id"]
        if r["tool2"]:
            assert cb.category_of(r["tool2"]) == r["category2"], r["id"]


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda s: s.replace("version = 1", "version = 7"), "format version 7"),
        (lambda s: s.replace('key = "talent"', 'key = "tal ent"'), "must be ASCII"),
        (
            lambda s: s.replace('category = "supply"\nname = "人才培养"', 'category = "suply"\nname = "人才培养"'),
            "has category 'suply'",
        ),
        (lambda s: s.replace('"贷款", "信贷"', '"贷款", "人才培养"'), "listed under both"),
        (
            lambda s: s.replace('strong = ["政府采购"', 'strong = ["re:[(", "政府采购"'),
            "not a valid regular expression",
        ),
        (lambda s: s + "\n[[tools]\n", "not valid TOML"),
        (lambda s: s.replace("min_score = 1.0", "min_score = -1"), "min_score"),
        (lambda s: s.replace('procurement = ["政府采购"', 'procurment = ["政府采购"'), "[deciding] names 'procurment'"),
        (lambda s: s.replace('procurement = ["政府采购"', 'procurement = ["政府采购(", "x"'), "not a valid regular"),
        (lambda s: s.replace('body_patterns = ["(', 'body_patterns = ["(?:'), "needs a group"),
    ],
)
def test_bad_codebook_is_one_line(edit, message: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(CodebookError) as exc:
        parse_codebook(edit(shipped_text()), source="my.toml")
    assert message in str(exc.value) and "\n" not in str(exc.value)
    assert str(exc.value).startswith("my.toml")


def test_trie_pattern_is_longest_first() -> None:
    import re

    words = ["数据", "数据要素", "数据要素市场", "要素", "金融", "金融机构"]
    rx = re.compile(trie_pattern(words))
    text = "培育数据要素市场，引导金融机构和数据要素流通，发展要素"
    got = [m.group() for m in rx.finditer(text)]
    assert got == ["数据要素市场", "金融机构", "数据要素", "要素"]


def test_corpus_coding_and_tables() -> None:
    from evolve.corpus import load_corpus

    docs = load_corpus()
    units = code_documents(docs)
    assert len(units) == sum(len(d.provisions) for d in docs)
    assert set(units["category"]) <= set(FAMILIES)
    sh = tables.shares(units, "year")
    for _, g in sh[sh["category"] != "none"].groupby("year"):
        assert abs(g["instrument_share"].sum() - 1) < 1e-9 or g["units"].sum() == 0
    th = tables.theme_table(units)
    assert set(th["category"]) == {"supply", "environment", "demand"}
    # a theme count never exceeds the family's units
    per = units[units["category"] != "none"]["category"].value_counts()
    assert all(r.units <= per.get(r.category, 0) for r in th.itertuples())
    clauses = code_documents(docs[:1], level="clause")
    assert len(clauses) > len(units[units["id"] == docs[0].id])
    with pytest.raises(InputError):
        tables.shares(units, "nope")


def test_chart_draws(tmp_path: Path) -> None:
    from evolve.corpus import load_corpus
    from evolve.render.instruments_chart import instrument_chart

    units = code_documents(load_corpus())
    p = instrument_chart(tables.shares(units, "year"), tables.tool_table(units, "year"), tmp_path / "c.png", by="year")
    assert p.exists()
    from evolve.render.instruments_chart import instrument_figure

    fig = instrument_figure(tables.shares(units, "year"), tables.tool_table(units, "year"), by="year")
    bars, tools = fig.axes[:2]
    assert len(bars.patches) == 5 * 3  # five year groups (unknown included) × three families
    assert len(tools.patches) == 16  # one bar per instrument tool


# ---------------------------------------------------------------- learning and the model file
@pytest.fixture(scope="module")
def small_model(tmp_path_factory):  # type: ignore[no-untyped-def]
    from evolve.instruments.learn import save_model, train

    rows = gold_rows()[::3]
    r = train(
        [x["text"] for x in rows],
        [x["category"] for x in rows],
        groups=[x["doc"] for x in rows],
        folds=3,
        baseline=False,
    )
    path = tmp_path_factory.mktemp("m") / "m.npz"
    save_model(r.model, path)
    return r, path


def test_train_scores_and_round_trip(small_model) -> None:  # type: ignore[no-untyped-def]
    from evolve.instruments.learn import FITS, load_model

    r, path = small_model
    assert r.grouped and r.folds == 3 and set(r.labels) == set(FAMILIES)
    assert 0.5 < r.accuracy <= 1.0
    m = load_model(path)
    texts = ["加快双千兆网络、量子通信等项目建设，完善数字基础设施体系。", "深入打好污染防治攻坚战。"]
    labels, _ = m.predict(texts)
    assert labels == r.model.predict(texts)[0]
    assert np.allclose(m.predict_proba(texts), r.model.predict_proba(texts))
    # calibrated on the out-of-fold predictions: the raw linear model is overconfident (its mean
    # probability far above its accuracy), the temperature brings it near the accuracy and is kept
    assert m.temperature == r.temperature > 1.0
    assert r.confidence_uncalibrated > r.confidence and abs(r.confidence - r.accuracy) < 0.1
    assert r.to_dict()["temperature"] == r.temperature
    assert m.meta["fits"] == FITS  # the model averages FITS SGD fits, and its file says so


def test_calibration_keeps_predictions() -> None:
    from evolve.instruments.validate import calibrate

    y = ["supply", "environment", "supply", "none"]
    # confident and half right: a temperature above 1 spreads the probabilities, argmax unchanged
    probs = {0: {"supply": 0.97, "environment": 0.03}, 1: {"supply": 0.96, "environment": 0.04},
             2: {"supply": 0.98, "none": 0.02}, 3: {"supply": 0.95, "none": 0.05}}
    t, before, after = calibrate(y, probs)
    assert t > 1.0 and before > after > 0.5


def _npz(path: Path, header: dict | None, **arrays) -> Path:  # type: ignore[no-untyped-def]
    with path.open("wb") as fh:
        extra = {} if header is None else {"header": np.array(json.dumps(header))}
        np.savez(fh, **extra, **arrays)
    return path


def test_model_file_refusals(tmp_path: Path, small_model) -> None:  # type: ignore[no-untyped-def]
    from evolve.instruments.learn import load_model

    _, good = small_model
    (tmp_path / "text.npz").write_text("not a model")
    with pytest.raises(ModelFileError, match="not an evolve instrument model"):
        load_model(tmp_path / "text.npz")
    with np.load(good) as z:
        header = json.loads(str(z["header"]))
        arrays = {k: z[k] for k in z.files if k != "header"}
    with pytest.raises(ModelFileError, match="model format 99"):
        load_model(_npz(tmp_path / "v.npz", {**header, "format_version": 99}, **arrays))
    with pytest.raises(ModelFileError, match="newer than this evolve"):
        load_model(_npz(tmp_path / "n.npz", {**header, "evolve_version": "999.0"}, **arrays))
    # a format-2 file written before calibration has no temperature: read as 1 (probabilities as
    # they were); a temperature that is not a positive number is a damaged file
    old = load_model(_npz(tmp_path / "t.npz", {k: v for k, v in header.items() if k != "temperature"}, **arrays))
    assert old.temperature == 1.0
    with pytest.raises(ModelFileError, match="temperature"):
        load_model(_npz(tmp_path / "b.npz", {**header, "temperature": -2}, **arrays))
    other = parse_codebook(shipped_text().replace('"贷款", "信贷"', '"贷款", "信贷", "小额贷"'), source="other.toml")
    with pytest.raises(ModelFileError, match="another codebook"):
        load_model(good, codebook=other)
    with pytest.raises(ModelFileError, match="pickle"):
        load_model(_npz(tmp_path / "p.npz", header, labels=np.array([{"a": 1}], dtype=object)))
    with pytest.raises(ModelFileError, match="do not fit"):
        load_model(_npz(tmp_path / "d.npz", header, **{**arrays, "idf": arrays["idf"][:3]}))


# ---------------------------------------------------------------- command line
def test_cli_tools_json() -> None:
    r = CliRunner().invoke(cli, ["tools", "--by", "year", "--json"], catch_exceptions=False)
    assert r.exit_code == 0
    data = json.loads(r.output)
    assert set(data) >= {"level", "by", "documents", "units", "shares", "tools", "themes", "failed"}
    assert data["documents"] == 5
    u = data["units"][0]
    assert set(u) >= {"id", "year", "unit", "kind", "text", "category", "tool", "evidence", "score"}


def test_cli_sentences_one_row_per_input_in_order(tmp_path: Path) -> None:
    f = tmp_path / "s.csv"
    texts = [t for t, _, _ in REAL[:6]] + ["", "加快建设5G基站"]
    with f.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["id", "sentence"])
        w.writerows([[i, t] for i, t in enumerate(texts)])
    r = CliRunner().invoke(cli, ["tools", "--sentences", str(f), "--text-column", "sentence", "--json"])
    assert r.exit_code == 0, r.output
    rows = json.loads(r.output)
    assert [x["text"] for x in rows] == texts
    assert list(rows[0]) == ["text", "label", "category", "tool", "evidence", "score"]
    assert rows[-2]["category"] == "none" and rows[-1]["category"] == "supply"


def test_cli_train_then_model(tmp_path: Path) -> None:
    f = tmp_path / "coded.csv"
    rows = gold_rows()[::4]
    with f.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["policy", "sentence", "code"])
        w.writerows([[x["doc"], x["text"], x["category"]] for x in rows])
    model = tmp_path / "m.npz"
    r = CliRunner().invoke(
        cli,
        [
            "tools",
            "--train",
            str(f),
            "--text-column",
            "sentence",
            "--label-column",
            "code",
            "--doc-column",
            "policy",
            "--save",
            str(model),
            "--json",
        ],
    )
    assert r.exit_code == 0, r.output
    out = json.loads(r.output)
    assert out["grouped_by_document"] and out["baseline"] is not None and out["model"] == str(model)
    assert {p["label"] for p in out["per_label"]} == set(FAMILIES)
    r = CliRunner().invoke(cli, ["tools", "xianning-2016", "--model", str(model), "--csv"])
    assert r.exit_code == 0, r.output
    assert r.output.splitlines()[0].endswith("label,label_score")


@pytest.mark.parametrize(
    "args",
    [
        ["tools", "--model", "{tmp}/bad.npz"],
        ["tools", "--codebook", "{tmp}/bad.toml"],
        ["tools", "--codebook", "{tmp}/missing.toml"],
        ["tools", "--sentences", "{tmp}/s.csv", "--text-column", "nope"],
        ["tools", "--sentences", "{tmp}/s.csv"],
        ["tools", "--train", "{tmp}/s.csv", "--text-column", "t", "--label-column", "t"],
        ["tools", "--by", "nope"],
    ],
)
def test_cli_bad_input_is_one_line_exit_2(tmp_path: Path, args: list[str]) -> None:
    (tmp_path / "bad.npz").write_bytes(b"PK\x03\x04 broken")
    (tmp_path / "bad.toml").write_text('version = 1\n[[categories]]\nkey = "x"\n', encoding="utf-8")
    (tmp_path / "s.csv").write_text("t\n加强人才培养\n", encoding="utf-8")
    r = CliRunner().invoke(cli, [a.format(tmp=tmp_path) for a in args])
    assert r.exit_code == 2, r.output
    lines = r.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("evolve: error:"), r.output


def test_show_codebook_is_the_shipped_file() -> None:
    r = CliRunner().invoke(cli, ["tools", "--show-codebook"])
    assert r.exit_code == 0 and r.output == shipped_text()
    parse_codebook(r.output)


def test_a_plan_without_instruments_still_tabulates(tmp_path: Path) -> None:
    from evolve.parse import parse_text
    from evolve.render.instruments_chart import instrument_chart

    doc = parse_text("关于召开会议的通知\n各位代表：现在，我代表市人民政府向大会报告工作，请予审议。\n", id="n")
    units = code_documents([doc])
    assert set(units["category"]) == {"none"}
    tools = tables.tool_table(units, "id")
    assert list(tools.columns) == ["id", "category", "tool", "name", "units", "share"] and tools.empty
    assert instrument_chart(tables.shares(units, "id"), tools, tmp_path / "n.png", by="id").exists()
