"""The command line in-process: output forms, JSON keys, and clean errors on bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from evolve.cli import cli


@pytest.fixture()
def run():  # type: ignore[no-untyped-def]
    runner = CliRunner()

    def invoke(*args: str):  # type: ignore[no-untyped-def]
        return runner.invoke(cli, list(args), catch_exceptions=False)

    return invoke


def test_parse_json_keys(run) -> None:  # type: ignore[no-untyped-def]
    r = run("parse", "xianning-2016", "--json")
    assert r.exit_code == 0
    data = json.loads(r.output)
    assert set(data["meta"]) >= {"title", "year", "date", "doc_number", "place", "province", "issuer"}
    p = data["provisions"][3]
    assert set(p) >= {"id", "path", "label", "heading", "text", "clauses", "lead", "responsible"}
    assert p["label"] == "(一)" and p["lead"] == ["市经信委"]
    assert data["normalisation"] == {"advertising": 1}


def test_parse_tree_shows_structure(run) -> None:  # type: ignore[no-untyped-def]
    r = run("parse", "zhaoqing-2024")
    assert r.exit_code == 0
    assert "(四十一)完善网络设施" in r.output and "牵头" in r.output


def test_align_json_keys(run) -> None:  # type: ignore[no-untyped-def]
    r = run("align", "xianning-2016", "zhaoqing-2024", "--json")
    data = json.loads(r.output)
    assert set(data) >= {"matches", "unmatched_source", "unmatched_target", "summary", "rates", "succession"}
    m = data["matches"][0]
    assert set(m) >= {"source", "target", "score", "kind", "clauses"}
    assert set(m["source"][0]) >= {"id", "path", "label", "heading", "text"}
    c = m["clauses"][0]
    assert set(c) >= {"source", "target", "score", "diff"}
    assert all(op in (-1, 0, 1) and isinstance(t, str) for op, t in c["diff"])
    assert data["unmatched_target"][0]["status"] == "new"


def test_compare_plain_report(run) -> None:  # type: ignore[no-untyped-def]
    r = run("compare", "xianning-2016", "zhaoqing-2024", "--plain", "--limit", "25", "--explain")
    assert r.exit_code == 0
    out = r.output
    for section in ("summary", "correspondences (2", "dropped: in A only", "new: in B only", "signals:"):
        assert section in out, section
    assert "[-" in out and "{+" in out  # plain diff markers
    assert "\x1b[" not in out  # no escape codes when piped


def test_compare_files_by_path(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    a = tmp_path / "a.txt"
    b = tmp_path / "b.txt"
    a.write_text(
        "一、加快网络建设\n(一)建设4G网络。实现4G网络乡镇全覆盖。\n(二)推进IPv6部署。推进政府网站IPv6改造。\n", "utf-8"
    )
    b.write_text(
        "一、完善网络设施\n(一)建设5G网络。实现5G网络乡镇全覆盖。\n(二)推进IPv6部署。推进政务外网IPv6单栈。\n", "utf-8"
    )
    r = run("align", str(a), str(b))
    data = json.loads(r.output)
    assert data["summary"]["matched_1to1"] == 2


def test_identical_files_all_one_to_one(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    r = run("align", "qingdao-2022", "qingdao-2022")
    data = json.loads(r.output)
    assert data["summary"]["dropped"] == data["summary"]["new"] == 0
    assert all(m["kind"] == "1:1" and m["score"] == 1.0 for m in data["matches"])


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty"),
        (b"\x00\x01\x02\x03binary\x00", "binary"),
        (b"This is an English text without any Chinese at all, repeated. " * 5, "no Chinese text"),
    ],
)
def test_bad_input_one_line_error(run, tmp_path: Path, content: bytes, message: str) -> None:  # type: ignore[no-untyped-def]
    f = tmp_path / "bad.txt"
    f.write_bytes(content)
    for args in (("parse", str(f)), ("compare", str(f), "xianning-2016")):
        r = CliRunner().invoke(cli, list(args))
        assert r.exit_code == 2
        assert message in r.output and r.output.count("\n") == 1 and "Traceback" not in r.output


def test_missing_file_lists_corpus_ids(tmp_path: Path) -> None:
    r = CliRunner().invoke(cli, ["compare", str(tmp_path / "nope.txt"), "xianning-2016"])
    assert r.exit_code == 2 and "no such file or corpus id" in r.output and "zhaoqing-2024" in r.output


def test_gb18030_and_big5_files_parse(run, tmp_path: Path, xianning, qingdao) -> None:  # type: ignore[no-untyped-def]
    gb = tmp_path / "gb.txt"
    gb.write_bytes(Path(xianning.source).read_text("utf-8").encode("gb18030"))
    r = run("parse", str(gb), "--json")
    data = json.loads(r.output)
    assert data["encoding"] == "gb18030" and len(data["provisions"]) == len(xianning.provisions)
    big5 = tmp_path / "big5.txt"
    big5.write_bytes("一、打造數字政府\n(一)數字機關。全面梳理機關事項和辦理流程。\n".encode("big5"))
    data = json.loads(run("parse", str(big5), "--json").output)
    assert data["encoding"] == "big5" and data["provisions"][0]["heading"] == "数字机关"


def test_no_numbering_one_provision_per_paragraph(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    f = tmp_path / "plain.txt"
    f.write_text("推进智慧城市建设。\n加快5G网络建设。\n完善数据共享机制。\n", "utf-8")
    data = json.loads(run("parse", str(f), "--json").output)
    assert len(data["provisions"]) == 3


def test_every_command_has_help(run) -> None:  # type: ignore[no-untyped-def]
    for name, command in cli.commands.items():
        assert command.help, name
        assert run(name, "--help").exit_code == 0


def test_readme_documents_every_command() -> None:
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text("utf-8")
    for name in cli.commands:
        assert f"`evolve {name}" in readme, name


def test_huge_file_refused_in_one_line(tmp_path: Path) -> None:
    f = tmp_path / "huge.txt"
    with f.open("wb") as fh:  # sparse: no disk used
        fh.truncate(60 * 1024 * 1024)
    r = CliRunner().invoke(cli, ["parse", str(f)])
    assert r.exit_code == 2 and "too large" in r.output and r.output.count("\n") == 1


def test_trends_json_carries_the_diffusion_curve(run) -> None:  # type: ignore[no-untyped-def]
    data = json.loads(run("trends", "--terms", "4G,数据要素", "--json").output)
    first = {(r["term"], r["place"]): r["first_year"] for r in data["adoption"]["first"]}
    assert first[("数据要素", "青岛")] == 2022 and first[("4G", "咸宁")] == 2016
    curve = {(r["term"], r["year"]): r["adopters"] for r in data["adoption"]["curve"]}
    assert curve[("数据要素", 2017)] == 0 and curve[("数据要素", 2024)] == 2


def test_reuse_names_documents_it_could_not_read(tmp_path: Path) -> None:
    (tmp_path / "manifest.csv").write_text("id,file\na,missing.txt\n", "utf-8")
    r = CliRunner().invoke(cli, ["reuse", str(tmp_path), "--json"])
    assert r.exit_code == 0
    assert "could not be read" in r.stderr and "missing.txt" in r.stderr


def test_compare_and_align_leave_the_garbage_collector_on() -> None:
    """The two-plan commands run without cyclic collection, and turn it back on when they end,
    failed or not: in a notebook or a test session the process goes on."""
    import gc

    assert gc.isenabled()
    for args in (["compare", "--plain", "--limit", "1", "xianning-2016", "zhaoqing-2024"],
                 ["align", "xianning-2016", "zhaoqing-2024"], ["align", "xianning-2016", "no-such-plan"]):
        r = CliRunner().invoke(cli, args)
        assert r.exit_code == (2 if "no-such-plan" in args else 0), r.output
        assert gc.isenabled(), args
