"""The series commands in-process: evolve targets (terminal, JSON, CSV) and compare's targets."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from click.testing import CliRunner

from evolve.cli import cli

DATA = Path(__file__).parent / "data"


def run(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def test_targets_json_and_csv_carry_the_issue_keys() -> None:
    files = [str(DATA / "work_reports_later" / f"{y}.txt") for y in (2020, 2019)]
    data = json.loads(run("targets", *files, "--json").output)
    assert data["documents"] == ["2019", "2020"]  # time order
    keys = {"doc", "provision", "indicator", "value", "value_max", "unit", "qualifier", "target_year", "kind", "text"}
    assert keys <= set(data["targets"][0])
    gdp = [t for t in data["targets"] if t["key"] == "gdp_growth" and t["kind"] == "target"]
    assert [(t["doc"], t["value"], t["value_max"], t["unit"]) for t in gdp] == [("2019", 6, 6.5, "%")]
    rows = list(csv.DictReader(io.StringIO(run("targets", *files, "--csv").output)))
    assert len(rows) == len(data["targets"]) and list(rows[0])[:10] == sorted(keys, key=list(rows[0]).index)


def test_targets_terminal_shows_one_table_per_indicator() -> None:
    files = [str(DATA / "work_reports_later" / f"{y}.txt") for y in (2019, 2020, 2021)]
    out = run("targets", *files).output
    assert "国内生产总值增长 (%)" in out and "6%–6.5%" in out and "6%以上" in out
    gdp_table = out.split("国内生产总值增长 (%)")[1].split("居民消费价格涨幅")[0]
    assert "—" in gdp_table  # 2020 sets none


def test_compare_appends_targets_side_by_side() -> None:
    out = run("compare", "qingdao-2022", "zhaoqing-2024", "--limit", "2").output
    assert "targets side by side" in out
    data = json.loads(run("compare", "qingdao-2022", "zhaoqing-2024", "--json").output)
    g5 = [p for p in data["targets"] if p["key"] == "5g_base_stations"]
    assert g5 and g5[0]["status"] == "changed" and (g5[0]["a"]["value"], g5[0]["b"]["value"]) == (3, 8000)


def test_one_indicator_counted_in_different_units_is_one_table() -> None:
    out = run("targets", "qingdao-2022", "zhaoqing-2024", "xianning-2016", "--limit", "1").output
    table = out.split("5G基站 (万个, 座)")[1].split("xianning-2016: no targets")[0]
    assert "力争3万个" in table and "8000座以上" in table
    assert out.index("xianning-2016") < out.index("qingdao-2022")  # time order
