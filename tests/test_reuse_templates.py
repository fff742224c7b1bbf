"""Reuse at any corpus size: boilerplate by share from three documents up, templates (the same
wording with other figures, against a hand-written gold from city work reports), and the
earliest member of a family by date, with ties said."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest

from evolve.reuse import find_reuse
from evolve.reuse.boilerplate import reason
from evolve.reuse.templates import figures, mask

DATA = Path(__file__).parent / "data" / "city_reports"
GOLD = Path(__file__).parent / "gold" / "templates.csv"


def _corpus(root: Path, plans: dict[str, tuple[str, str, str]]) -> Path:
    """plans: id -> (text, year, date)."""
    root.mkdir(parents=True, exist_ok=True)
    with (root / "manifest.csv").open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["id", "file", "year", "date"])
        for rid, (text, year, date) in plans.items():
            (root / f"{rid}.txt").write_text(text, encoding="utf-8")
            w.writerow([rid, f"{rid}.txt", year, date])
    return root


@pytest.fixture(scope="module")
def city_report(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """Excerpts of 18 city work reports of 2024 (their targets and opening formula), compared
    sentence by sentence with short sentences kept, boilerplate pairs listed too."""
    root = tmp_path_factory.mktemp("cities")
    plans = {p.stem: (p.read_text("utf-8"), "2024", "") for p in sorted(DATA.glob("*.txt"))}
    corpus = _corpus(root / "c", plans)
    return find_reuse(corpus, level="clause", min_chars=8, limit=None, include_boilerplate=True)


def _norm(s: str) -> str:
    return s.translate(str.maketrans({"％": "%", "，": ",", "：": ":", "；": ";"}))


def test_templates_against_the_hand_gold(city_report) -> None:  # type: ignore[no-untyped-def]
    gold = list(csv.DictReader(GOLD.open(encoding="utf-8")))
    assert len(gold) >= 25
    missed, wrong = [], []
    for g in gold:
        ta, tb = _norm(g["text_a"]), _norm(g["text_b"])
        found = [p for p in city_report.pairs for a, b in ((p.a, p.b), (p.b, p.a))
                 if a.doc == g["doc_a"] and b.doc == g["doc_b"] and ta in a.text and tb in b.text]
        want = g["template"] == "true"
        if not found:
            missed.append(g)
        elif found[0].template != want:
            wrong.append(g)
    positives = [g for g in gold if g["template"] == "true"]
    hit = [g for g in positives if g not in missed and g not in wrong]
    assert len(hit) >= 0.95 * len(positives), (missed, wrong)
    # no pair whose figures are the same is ever a template
    assert not [g for g in wrong if g["template"] == "false"]


def test_template_pairs_show_their_figures(city_report) -> None:  # type: ignore[no-untyped-def]
    tpl = [p for p in city_report.pairs if p.template]
    assert tpl and all(p.a.figures != p.b.figures for p in tpl)
    assert all(mask(p.a.text) != p.a.text for p in tpl)
    assert not [p for p in city_report.pairs if p.a.figures == p.b.figures and p.template]
    fam = [f for f in city_report.families if f.template]
    assert fam and all(len(f.figures) >= 2 for f in fam)
    d = tpl[0].to_dict()
    assert d["template"] is True and d["a"]["figures"] and d["b"]["figures"]


def test_figures_as_written() -> None:
    assert figures("城镇新增就业110万人以上,城镇调查失业率5.5%左右") == ("110万", "5.5%")
    assert figures("一是加快十五五规划编制") == ()  # Chinese numerals are wording


def test_opening_formula_in_half_the_documents_is_boilerplate(city_report) -> None:  # type: ignore[no-untyped-def]
    opening = [f for f in city_report.families if "向大会报告工作" in f.text]
    assert opening and all(f.boilerplate for f in opening)
    assert "half or more" in opening[0].reason or opening[0].reason.startswith("formula")


@pytest.mark.parametrize("docs, corpus, flagged", [
    (3, 3, True), (2, 3, False), (2, 4, False), (3, 6, True), (3, 7, False),
    (50, 100, True), (49, 100, False), (30, 100, False), (20_000, 100_000, True),
    (50_000, 100_000, True), (60, 300, True),  # in a large corpus a fifth (and 50 documents)
])
def test_share_rule_from_three_documents_to_a_hundred_thousand(docs: int, corpus: int,
                                                                flagged: bool) -> None:
    assert bool(reason("一段各地都有的文字内容足够长", docs, corpus)) is flagged


def test_earliest_by_date_and_ties(tmp_path: Path) -> None:
    shared = "推动建设全市一体化政务大数据体系,加强数据汇聚融合共享开放和开发利用,促进数据依法有序流动。"
    other = "发展智慧农业,建设农产品质量安全追溯体系,推动物联网技术在设施农业中的应用推广。{}"
    plans = {
        "a-city": (f"一、任务\n(一){shared}\n", "2024", "2024-03-01"),
        "b-city": (f"一、任务\n(一){shared}\n", "2024", "2024-01-15"),
        "c-city": (f"一、任务\n(一){shared}\n", "2024", "2024-01-15"),
    }
    for n in range(4):  # so that the passage is in fewer than half the documents
        plans[f"z-{n}"] = (f"一、任务\n(一){other.format('甲乙丙丁'[n] * 20)}\n", "2024", "2024-05-01")
    report = find_reuse(_corpus(tmp_path / "c", plans))
    fam = report.families[0]
    assert not fam.boilerplate and fam.documents == 3
    # b and c were dated before a within the year; b and c tie (the id decides)
    assert fam.earliest.doc == "b-city" and fam.earliest.date == "2024-01-15"
    assert fam.earliest_tied == 1 and fam.to_dict()["earliest_tied"] == 1
    shutil.rmtree(tmp_path / "c")


def test_report_formulas_are_boilerplate_in_a_corpus_of_two(tmp_path: Path) -> None:
    """The opening formula and the date-and-speaker line (as in the city reports) are flagged by
    their form, with the formula named, even where two documents cannot make a share."""
    opening = "现在,我代表市人民政府向大会报告工作,请予审议,并请市政协委员和其他列席人员提出意见。"
    own = "建成投用城市运行管理服务平台,整合城管交通环保等领域感知数据,形成城市运行一张图。"
    plans = {
        "a": (f"——2024年1月13日在马鞍山市第十七届人民代表大会第四次会议上\n各位代表:\n{opening}\n"
              f"一、2023年工作回顾\n{own}\n", "2024", "2024-01-13"),
        "b": (f"——2024年1月16日在亳州市第五届人民代表大会第三次会议上\n各位代表:\n{opening}\n"
              "一、2023年工作回顾\n推进城乡供水一体化,新建改造农村供水管网一千二百公里,惠及群众四十万人。\n",
              "2024", "2024-01-16"),
    }
    report = find_reuse(_corpus(tmp_path / "c", plans))
    reasons = {f.text[:8]: f.reason for f in report.families}
    assert reasons["现在,我代表市人"] == "formula: opening formula of a report"
    assert all(f.boilerplate for f in report.families)
    assert not report.doc_pairs  # the formulas alone make no pair of documents
    with_bp = find_reuse(tmp_path / "c", include_boilerplate=True)
    assert with_bp.doc_pairs and with_bp.doc_pairs[0].pairs >= 1
