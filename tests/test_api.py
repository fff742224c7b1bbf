"""The public API (``import evolve``): each function gives what its command prints with --json,
results have frames and renderings, and ``import evolve`` stays light."""

from __future__ import annotations

import doctest
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from click.testing import CliRunner

import evolve
from evolve.cli import cli

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ["xianning-2016", "ningxia-2017", "qingdao-2022", "zhaoqing-2024"]


def cli_json(*args: str) -> Any:
    r = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    assert r.exit_code == 0, r.output
    return json.loads(r.stdout)


def without(obj: Any, *keys: str) -> Any:
    """``obj`` without the timing keys, which differ from run to run."""
    if isinstance(obj, dict):
        return {k: without(v, *keys) for k, v in obj.items() if k not in keys}
    if isinstance(obj, list):
        return [without(v, *keys) for v in obj]
    return obj


def test_compare_equals_align_json() -> None:
    api = evolve.compare("xianning-2016", "zhaoqing-2024").to_dict()
    assert json.loads(json.dumps(api, ensure_ascii=False)) == cli_json("align", "xianning-2016", "zhaoqing-2024")
    assert api["source"]["id"] == "xianning-2016" and "targets" in api


def test_trends_equals_trends_json() -> None:
    api = evolve.trends(evolve.Corpus(), terms=["5G", "4G", "数据要素"], by="year").to_dict()
    cmd = cli_json("trends", str(ROOT / "corpus"), "--terms", "5G,4G,数据要素", "--by", "year", "--json")
    assert json.loads(json.dumps(api, ensure_ascii=False)) == cmd
    assert {t["term"] for t in api["terms"]} == {"5G", "4G", "数据要素"}


@pytest.mark.parametrize(("call", "argv"), [
    (lambda: evolve.keyness(before=2018, after=2021), ["keyness", "--before", "2018", "--after", "2021", "--json"]),
    (lambda: evolve.kwic(term="数据要素", width=10), ["kwic", "数据要素", "--width", "10", "--json"]),
    (lambda: evolve.kwic(term="(数据|算力)中心", regex=True, sort="left"),
     ["kwic", "(数据|算力)中心", "--regex", "--sort", "left", "--json"]),
    (lambda: evolve.targets(SEEDS), ["targets", *SEEDS, "--json"]),
    (lambda: evolve.Corpus(), ["corpus", "--json"]),
], ids=["keyness", "kwic", "kwic-regex", "targets", "corpus"])
def test_results_equal_their_command(call: Any, argv: list[str]) -> None:
    api = call().to_dict()
    assert json.loads(json.dumps(api, ensure_ascii=False)) == cli_json(*argv)


def test_tools_equals_tools_json() -> None:
    t = evolve.tools(SEEDS[:2], by="year")
    api = t.to_dict()
    assert json.loads(json.dumps(api, ensure_ascii=False)) == cli_json("tools", *SEEDS[:2], "--by", "year", "--json")
    assert api["documents"] == 2 and len(t.frame()) == len(api["units"]) > 0
    assert set(t.shares_frame()["year"].astype(str)) == {"2016", "2017"}
    assert set(t.frame()["category"]) <= {"supply", "environment", "demand", "none"}


def test_lineage_equals_lineage_json() -> None:
    api = evolve.lineage(SEEDS[:3]).to_dict()
    cmd = cli_json("lineage", *SEEDS[:3], "--json")
    assert without(json.loads(json.dumps(api, ensure_ascii=False)), "seconds") == without(cmd, "seconds")


def test_frames_are_the_study_tables() -> None:
    t = evolve.trends(terms=["4G", "5G"], by="year")
    f = t.frame()
    assert isinstance(f, pd.DataFrame)
    row = f[(f["year"] == "2016") & (f["term"] == "4G")].iloc[0]
    assert row["count"] == 2  # 咸宁 2016 names 4G twice (Ctrl-F), 宁夏 2017 is 2017
    assert set(t.documents_frame()["id"]) == set(evolve.Corpus().ids)
    c = evolve.compare("xianning-2016", "zhaoqing-2024")
    assert len(c.frame()) == len(c.matches) > 0
    assert set(c.unmatched_frame()["side"]) == {"source", "target"}
    assert len(evolve.targets(["qingdao-2022"]).frame()) > 0
    corpus = evolve.Corpus()
    assert list(corpus.frame()["id"]) == corpus.ids and len(corpus) == 5
    assert corpus["qingdao-2022"].meta.place == "青岛"


def test_results_render_in_terminal_and_jupyter() -> None:
    from rich.console import Console

    for result in (evolve.compare("ningxia-2017", "qingdao-2022"), evolve.kwic(term="5G"),
                   evolve.trends(terms=["5G"]), evolve.Corpus()):
        page = result._repr_html_()
        assert "<table" in page
        con = Console(width=100, record=True, file=open("/dev/null", "w"))  # noqa: SIM115
        con.print(result)
        assert con.export_text().strip()


def test_read_takes_a_path_or_a_text(tmp_path: Path) -> None:
    d = evolve.read(ROOT / "corpus" / "ningxia-2017.txt")
    assert d.meta.place == "宁夏" and len(d.provisions) > 10
    t = evolve.read("一、总体要求\n（一）加快建设数字政府。推进一网通办。", title="示例", year=2024, id="demo")
    assert (t.id, t.meta.title, t.meta.year) == ("demo", "示例", 2024)
    assert [p.label for p in t.provisions] == ["(一)"]


def test_documents_of_accepts_what_a_notebook_holds(tmp_path: Path) -> None:
    docs = evolve.documents_of([evolve.read(ROOT / "corpus" / "xianning-2016.txt"), "zhaoqing-2024"])
    assert [d.id for d in docs] == ["xianning-2016", "zhaoqing-2024"]
    assert len(evolve.documents_of(evolve.Corpus(ids=["qingdao-2022"]))) == 1


def test_subpackages_named_like_functions_are_both() -> None:
    import evolve.reuse as reuse_pkg
    import evolve.trends.lexicon as lexicon

    assert callable(evolve.trends) and evolve.trends.lexicon is lexicon
    assert reuse_pkg is evolve.reuse and callable(reuse_pkg)
    assert evolve.lineage.build_lineage is not None


def test_docstring_examples_run() -> None:
    import evolve.api.collection
    import evolve.api.instruments
    import evolve.api.plans
    import evolve.api.sources
    import evolve.api.study

    for module in (evolve, evolve.api.sources, evolve.api.plans, evolve.api.study, evolve.api.collection,
                   evolve.api.instruments):
        result = doctest.testmod(module)
        assert result.failed == 0 and result.attempted > 0, module.__name__


def test_import_evolve_is_light() -> None:
    code = ("import sys, evolve; heavy = [m for m in ('pandas', 'numpy', 'matplotlib', 'rich', 'rapidfuzz', "
            "'rjieba', 'click', 'evolve.records') if m in sys.modules]; print(heavy)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_api_reference_is_current() -> None:
    import importlib.util

    spec = importlib.util.spec_from_file_location("make_api", ROOT / "docs" / "make_api.py")
    assert spec is not None and spec.loader is not None
    make_api = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(make_api)
    assert (ROOT / "docs" / "api.md").read_text("utf-8") == make_api.render(), "run: python docs/make_api.py"
