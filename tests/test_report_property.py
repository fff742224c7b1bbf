"""``evolve report`` never fails, whatever the documents: random subsets of the bundled corpus and
of an imported corpus (a folder of plans named by year, some without a year, one hostile, one
tiny, one Traditional), through the command line with ``--no-svg``.

Charts are drawn but not rendered (``quick_charts``): rendering is what makes a report take
seconds, and is checked by the tests that build real reports.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from evolve.cli import cli

BUNDLED_IDS = ["jinzhou-14th-fyp", "xianning-2016", "ningxia-2017", "qingdao-2022", "zhaoqing-2024"]

ITEM = "({n})推进{what}。{detail}牵头单位:{agency}\n"
WHATS = [("5G网络建设", "新建5G基站,实现城区连续覆盖。", "市工业和信息化局"),
         ("数据要素市场", "开展公共数据授权运营试点,培育数据交易。", "市数据局"),
         ("一网通办", "推动政务服务事项全程网办。", "市政务服务中心"),
         ("智慧医疗", "建设互联网医院,推广电子健康码。", "市卫生健康委"),
         ("低空经济", "建设无人机起降点,开展低空物流试点。", "市发展改革委"),
         ("植树造林", "完成人工造林,加强林地保护。", "市林业局")]
CN = "一二三四五六七八九十"


def _plan(place: str, year: int | None, picks: list[int]) -> str:
    head = f"{place}{year or ''}年数字{place}建设工作要点\n" if year else f"{place}数字化建设工作要点\n"
    body = "一、重点任务\n"
    for i, k in enumerate(picks):
        what, detail, agency = WHATS[k]
        body += ITEM.format(n=CN[i], what=what, detail=detail, agency=agency)
    return head + body


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    """A corpus made by ``evolve import`` from a folder as researchers keep them."""
    src = tmp_path_factory.mktemp("collection")
    files = {
        "2016.txt": _plan("银川", 2016, [0, 3]),
        "2019_数字吴忠.txt": _plan("吴忠", 2019, [1, 2, 3]),
        "银川2023年工作要点.txt": _plan("银川", 2023, [1, 4, 0]),
        "无年份.txt": _plan("固原", None, [5, 2]),
        "短.txt": "关于加强林地保护的通知\n(一)严格林地用途管制,严禁毁林开垦。\n",
        "繁體.txt": "臺中市數位轉型推動方案\n一、推動重點\n(一)推動數位化服務。建置智慧型公共服務平臺。\n",
        "markup.txt": ("[pdf]关于推进数据[/url]工作的通知 :smile:\n一、总体要求\n"
                       "(一)加强数据[/url]统筹。推进共享[b]开放。\n"),
    }
    for name, text in files.items():
        (src / name).write_text(text, "utf-8")
    out = tmp_path_factory.mktemp("imported") / "corpus"
    r = CliRunner().invoke(cli, ["import", str(src), "--out", str(out), "--json"])
    assert r.exit_code == 0, r.output
    from evolve.corpus import read_manifest

    ids = [e.id for e in read_manifest(out)]
    assert len(ids) == len(files)
    return out, ids


def _report(argv: list[str]) -> dict[str, object]:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "report"
        r = CliRunner().invoke(cli, ["report", *argv, "--out", str(out), "--no-svg", "--json"])
        assert r.exit_code == 0, (argv, r.output)
        assert "internal error" not in r.stderr
        data = json.loads(r.stdout)
        page = (out / "index.html").read_text("utf-8")
        assert page.rstrip().endswith("</html>")
        for rel in data["files"]:  # every file the result names is there
            assert (out / rel).is_file(), rel
        assert sorted(p.name for p in Path(tmp).iterdir()) == ["report"]
        return data


REPORT = settings(max_examples=5, deadline=None,
                  suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


@REPORT
@given(ids=st.lists(st.sampled_from(BUNDLED_IDS), min_size=1, max_size=5, unique=True))
def test_report_on_any_subset_of_the_bundled_corpus(ids: list[str], quick_charts: None) -> None:
    data = _report(ids)
    keys = [s["key"] for s in data["sections"]]  # type: ignore[index]
    assert "overview" in keys and keys[-1] == "methods"


@REPORT
@given(data=st.data())
def test_report_on_any_subset_of_an_imported_corpus(imported: tuple[Path, list[str]], data: st.DataObject,
                                                    quick_charts: None) -> None:
    corpus, ids = imported
    chosen = data.draw(st.lists(st.sampled_from(ids), min_size=1, max_size=len(ids), unique=True))
    result = _report(["--corpus", str(corpus), *chosen])
    assert result["sections"]


def test_report_on_the_whole_imported_corpus(imported: tuple[Path, list[str]], quick_charts: None) -> None:
    corpus, _ = imported
    data = _report([str(corpus)])
    assert len(data["files"]) > 5  # type: ignore[arg-type]
