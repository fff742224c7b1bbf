"""Lineage: chains of corresponding provisions through a series, on the seeds, on work reports
and on small series written for the tests (a provision dropped, then back; a merge)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from evolve.cli import cli
from evolve.lineage import build_lineage, chain_of
from evolve.parse import parse_file
from evolve.records import Document

SEEDS_IN_TIME_ORDER = ("xianning-2016", "ningxia-2017", "qingdao-2022", "zhaoqing-2024")


@pytest.fixture(scope="module")
def seed_lineage(corpus: dict[str, Document]):  # type: ignore[no-untyped-def]
    # given out of order: the lineage puts them in time order
    return build_lineage([corpus[i] for i in reversed(SEEDS_IN_TIME_ORDER)])


def test_documents_in_time_order_and_the_broadband_chain(seed_lineage, corpus) -> None:  # type: ignore[no-untyped-def]
    assert [d.id for d in seed_lineage.documents] == list(SEEDS_IN_TIME_ORDER)
    chain = chain_of(seed_lineage, "xianning-2016", "p4")
    assert chain is not None
    heads = [(link.doc, link.heading or link.text[:8], link.text.split(",")[0]) for link in chain.links]
    assert [h[0] for h in heads] == list(SEEDS_IN_TIME_ORDER)
    assert heads[0][1] == "宽带咸宁提升行动"
    assert heads[1][2] == "构建高速泛在宽带网络"
    assert heads[2][2] == "深化千兆城市建设"
    assert heads[3][1] == "完善网络设施"
    assert (chain.first, chain.last, chain.span, chain.present) == ("xianning-2016", "zhaoqing-2024", 4, 4)
    # the lexical succession along the chain: gigabit in, WiFi and 4G out
    step = next(s for s in chain.steps if s.target.startswith("qingdao-2022"))
    assert "千兆城市" in step.added and "WiFi" in step.removed and "4G" in step.removed
    # the wireless action merged into the same Ningxia provision: its chain ends there, saying so
    wireless = chain_of(seed_lineage, "xianning-2016", "p5")
    ningxia = next(link for link in chain.links if link.doc == "ningxia-2017")
    assert wireless is not chain and f"ningxia-2017:{ningxia.id}" in wireless.merged_into
    assert seed_lineage.chains[0].span == 4  # longest-lived first


def _plan(tmp_path: Path, name: str, items: list[str]) -> Document:
    lines = ["智慧城市建设工作要点", *[f"{'一二三四五六'[k]}、{text}" for k, text in enumerate(items)]]
    f = tmp_path / f"{name}.txt"
    f.write_text("\n".join(lines) + "\n", "utf-8")
    return parse_file(f)


BROADBAND = "推进千兆光纤网络建设。推动千兆光网进小区、进家庭，实现城区光纤宽带全覆盖，提升家庭宽带接入速率。"
HEALTH = "推进智慧医疗建设。建设全民健康信息平台，推广电子健康档案和电子病历共享，实现医疗机构检查检验结果互认。"
PARKING = "建设智慧停车平台。整合路内路外停车泊位资源，实现停车诱导、预约停车和无感支付，缓解停车难问题。"
SCHOOL = "推进智慧教育发展。建设智慧校园，推动优质课程资源共享，开展教师信息化教学能力培训，发展在线教育。"


def test_a_provision_dropped_then_back_is_one_chain(tmp_path: Path) -> None:
    a = _plan(tmp_path, "plan-2020", [BROADBAND, HEALTH, PARKING])
    b = _plan(tmp_path, "plan-2021", [HEALTH.replace("推广", "全面推广"), SCHOOL])
    c = _plan(tmp_path, "plan-2022", [BROADBAND.replace("千兆", "万兆", 1), HEALTH, SCHOOL])
    lineage = build_lineage([c, a, b])
    chain = chain_of(lineage, "plan-2020", "p1")
    assert [(link.doc, link.kind) for link in chain.links] == [("plan-2020", ""), ("plan-2022", "skip")]
    assert (chain.span, chain.present, chain.gaps) == (3, 2, 1)
    health = chain_of(lineage, "plan-2020", "p2")
    assert [link.doc for link in health.links] == ["plan-2020", "plan-2021", "plan-2022"]
    assert (health.steps[0].added, health.steps[0].removed) == (("全面推广",), ("推广",))
    # without skip-one alignments the broadband provision starts a new chain in 2022
    no_skip = build_lineage([a, b, c], skip=False)
    assert chain_of(no_skip, "plan-2020", "p1").present == 1


def test_lineage_json_and_terminal(tmp_path: Path) -> None:
    runner = CliRunner()
    args = ["lineage", "ningxia-2017", "xianning-2016"]  # two plans: one alignment
    out = runner.invoke(cli, [*args, "--json"], catch_exceptions=False).output
    data = json.loads(out)
    assert [d["id"] for d in data["documents"]] == ["xianning-2016", "ningxia-2017"]
    chain = data["chains"][0]
    assert {"links", "first", "last", "added", "removed"} <= set(chain)
    assert {"doc", "id", "heading", "text", "score"} <= set(chain["links"][0])
    assert chain["links"][0]["score"] is None and chain["links"][1]["score"] > 0
    assert chain["added"][0]["from"] == f"{chain['links'][0]['doc']}:{chain['links'][0]['id']}"
    chart = tmp_path / "lineage.png"
    result = runner.invoke(cli, [*args, "--limit", "3", "--chart", str(chart)], catch_exceptions=False)
    assert "p4 宽带咸宁提升行动" in result.output and "p23 互联网" in result.output
    assert "more chains" in result.output
    assert chart.stat().st_size > 10_000
    one = runner.invoke(cli, ["lineage", "xianning-2016"])
    assert one.exit_code == 2 and "at least two documents" in one.output


def test_a_long_series_shows_one_mark_per_document(tmp_path: Path) -> None:
    from rich.console import Console

    from evolve.render.lineage_view import lineage_view

    plans = [_plan(tmp_path, f"plan-{2010 + k}", [BROADBAND, HEALTH] if k != 3 else [HEALTH, SCHOOL])
             for k in range(9)]
    lineage = build_lineage(plans)
    console = Console(width=120, record=True, color_system=None)
    console.print(lineage_view(lineage))
    text = console.export_text()
    assert "documents 2010 … 2018" in text
    assert "●●●●●●●●●" in text and "●●●○●●●●●" in text  # health throughout; broadband dropped in 2013, back
    assert chain_of(lineage, "plan-2010", "p1").gaps == 1


def test_the_paragraph_setting_the_years_targets_is_one_chain_through_five_reports() -> None:
    from evolve.series import document_year
    from evolve.targets import extract_targets, main_targets

    folder = Path(__file__).parent / "data" / "work_reports"
    reports = [parse_file(folder / f"{year}.txt") for year in range(2008, 2013)]
    lineage = build_lineage(reports)
    holders = {d.id: main_targets(extract_targets(d), year=document_year(d))["gdp_growth"].provision
               for d in reports}
    chains = {chain_of(lineage, doc, pid) for doc, pid in holders.items()}
    assert len(chains) == 1
    (chain,) = chains
    assert (chain.first, chain.last, chain.present) == ("2008", "2012", 5)
    linked = {(link.doc, link.id) for link in chain.links}
    assert set(holders.items()) <= linked


def test_work_report_chains_stay_on_topic_and_show_changes(tmp_path: Path) -> None:
    from rich.console import Console

    from evolve.render.lineage_view import lineage_view

    folder = Path(__file__).parent / "data" / "work_reports"
    reports = [parse_file(folder / f"{year}.txt") for year in (2009, 2010, 2011)]
    lineage = build_lineage(reports)
    # 加强廉政建设和反腐败工作 (2009) does not run on into 规范收入分配秩序 (2010): topic drift
    clean = next(p for p in reports[0].provisions if p.heading == "加强廉政建设和反腐败工作")
    chain = chain_of(lineage, "2009", clean.id)
    assert chain is not None
    assert all("收入分配" not in (link.heading + link.text[:30]) for link in chain.links)
    # no chain of salutations
    kinds = {(d.id, p.id): p.kind for d in reports for p in d.provisions}
    assert all(kinds[(link.doc, link.id)] != "formula" for c in lineage.chains for link in c.links)
    # every chain says what happens to it; unchanged ones can be left out
    assert all(c.unchanged == (c.present == 3 and not c.changes) for c in lineage.chains)
    assert any(k == "split" for c in lineage.chains for _, k in c.changes)
    same = sum(1 for c in lineage.chains if c.unchanged)
    assert same >= 1
    console = Console(width=200, record=True, color_system=None)
    console.print(lineage_view(lineage, limit=0, changes_only=True))
    text = console.export_text()
    assert f"{same} chains present in every document unchanged are not listed" in text
    data = lineage.to_dict()
    assert {"changes", "unchanged"} <= set(data["chains"][0])
    from evolve.render.lineage_chart import lineage_chart

    png = lineage_chart(lineage, tmp_path / "l.png", changes_only=True)
    assert png.stat().st_size > 10_000
