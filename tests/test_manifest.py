"""Hand-written manifests and ``--corpus``: what people write is read, what cannot be is named."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from evolve.cli import cli
from evolve.corpus import load_corpus, resolve
from evolve.errors import CorpusError, InputError
from evolve.manifest import canonical_columns, read_manifest

PLANS = {
    "jz.txt": ("锦州市数字政府建设实施方案\n一、总体要求\n"
               "(一)推进一网通办。深化政务服务改革,实现高频事项全程网办,建设5G基站1000个。\n"),
    "sh.txt": ("上海市数据要素市场建设方案\n一、主要任务\n"
               "(一)推进公共数据授权运营。建设数据交易所,培育数据要素市场,推进5G应用。\n"),
    "gx.txt": ("工业和信息化部关于推进5G应用的通知\n一、重点任务\n"
               "(一)加快5G网络建设。推进5G网络向乡镇延伸,推进千兆光网建设。\n"),
}


def corpus_dir(tmp_path: Path, manifest: str, *, encoding: str = "utf-8") -> Path:
    d = tmp_path / "hand"
    (d / "docs").mkdir(parents=True, exist_ok=True)
    for name, text in PLANS.items():
        (d / "docs" / name).write_text(text, encoding="utf-8")
    (d / "manifest.csv").write_bytes(manifest.encode(encoding))
    return d


def run(*args: str) -> tuple[int, str]:
    res = CliRunner().invoke(cli, list(args))
    return res.exit_code, res.output


def test_chinese_column_names_and_level_words(tmp_path: Path) -> None:
    d = corpus_dir(tmp_path, "编号,文件,标题,年份,级别,发文单位\n"
                             "jz,docs/jz.txt,锦州数字政府,2016年,地级市,锦州市人民政府\n"
                             "sh,docs/sh.txt,上海数据要素,二〇二三,直辖市,上海市人民政府办公厅\n"
                             "gx,docs/gx.txt,5G应用,2021.0,国家级,工业和信息化部\n", encoding="gb18030")
    docs = {doc.id: doc for doc in load_corpus(d)}
    assert {k: (v.meta.year, v.meta.level) for k, v in docs.items()} == {
        "jz": (2016, "prefecture"), "sh": (2023, "municipality"), "gx": (2021, "national")}
    assert docs["sh"].meta.issuer == "上海市人民政府办公厅" and docs["sh"].meta.sources["issuer"] == "manifest"
    assert docs["jz"].meta.title == "锦州数字政府"


def test_canonical_columns_keep_a_canonical_column_that_is_there() -> None:
    assert canonical_columns(["id", "File", "标题", "title", "层级", "note"]) == [
        "id", "file", "标题", "title", "level", "note"]


@pytest.mark.parametrize("year", ["2016", "2016年", "二〇一六", "二〇一六年", "2016.0", "2016-03", "2016/3/30",
                                  "2016年3月", "２０１６", " 2016 "])
def test_years_in_any_common_form_run_every_command(tmp_path: Path, year: str) -> None:
    d = corpus_dir(tmp_path, f"id,file,year\njz,docs/jz.txt,{year}\nsh,docs/sh.txt,2023\n")
    code, out = run("corpus", "--corpus", str(d), "--json")
    assert code == 0, out
    assert {r["id"]: r["year"] for r in json.loads(out)["documents"]}["jz"] == 2016


@pytest.mark.parametrize(("manifest", "line", "says"), [
    ("id,file,year\njz,docs/jz.txt,2016\nsh,docs/sh.txt,明年\n", 3, "'明年' is not a year"),
    ("id,file,year\njz,docs/jz.txt,16\n", 2, "is not a year"),
    ("id,file,year\njz,docs/jz.txt,2016-2020\n", 2, "is not a year"),
    # an unbalanced quote: never closed, closed on a later row, or closed in the middle of a value
    ('id,file,title\njz,docs/jz.txt,"锦州方案\nsh,docs/sh.txt,上海方案\ngx,docs/gx.txt,通知\n', 2, "unbalanced quote"),
    ('id,file,title\njz,docs/jz.txt,"锦州方案\nsh,docs/sh.txt,上海方案"\ngx,docs/gx.txt,通知\n', 2, "unbalanced quote"),
    ('id,file,title\njz,docs/jz.txt,"锦州"方案\nsh,docs/sh.txt,上海\n', 2, "unbalanced quote"),
    ("id,file,title\njz,docs/jz.txt,锦州,方案\n", 2, "4 values but 3 columns"),
    ("id,file\njz,docs/jz.txt\njz,docs/sh.txt\n", 3, "duplicate id 'jz' (first on line 2)"),
    ("id,file\n\njz,\n", 3, "empty id or file"),
])
def test_what_cannot_be_read_is_refused_naming_the_line(tmp_path: Path, manifest: str, line: int,
                                                        says: str) -> None:
    d = corpus_dir(tmp_path, manifest)
    with pytest.raises(CorpusError, match=f"line {line}:") as exc:
        read_manifest(d)
    assert says in str(exc.value)
    code, out = run("corpus", "--corpus", str(d))
    assert code == 2 and f"line {line}" in out and "internal error" not in out and len(out.strip().split("\n")) == 1


def test_a_quoted_value_over_two_lines_that_swallows_nothing_is_kept(tmp_path: Path) -> None:
    d = corpus_dir(tmp_path, 'id,file,note\njz,docs/jz.txt,"第一行\n第二行"\nsh,docs/sh.txt,x\n')
    entries = read_manifest(d)
    assert [e.id for e in entries] == ["jz", "sh"] and entries[0].meta["note"] == "第一行 第二行"
    assert entries[1].line == 4


@pytest.fixture
def imported(tmp_path: Path) -> Path:
    d = corpus_dir(tmp_path, "id,file,title,place,year\n"
                             "jinzhou-gov,docs/jz.txt,锦州市数字政府建设实施方案,锦州,2021\n"
                             "shanghai-data,docs/sh.txt,上海市数据要素市场建设方案,上海,2023\n")
    return d


def test_a_path_inside_a_corpus_keeps_its_manifest_row(imported: Path) -> None:
    code, out = run("parse", str(imported / "docs" / "jz.txt"), "--json")
    assert code == 0, out
    doc = json.loads(out)
    assert doc["id"] == "jinzhou-gov" and doc["meta"]["year"] == 2021 and doc["meta"]["place"] == "锦州"
    assert doc["meta"]["sources"]["year"] == "manifest"
    # the same from another working directory, with a relative path
    assert resolve(str(imported / "docs" / ".." / "docs" / "sh.txt")).id == "shanghai-data"


def test_ids_resolve_in_the_corpus_given(imported: Path) -> None:
    code, out = run("parse", "shanghai-data", "--corpus", str(imported), "--json")
    assert code == 0 and json.loads(out)["meta"]["year"] == 2023
    code, out = run("compare", "jinzhou-gov", "shanghai-data", "--corpus", str(imported), "--json")
    assert code == 0, out
    code, out = run("parse", "nope", "--corpus", str(imported))
    assert code == 2 and f"in {imported}" in out and "jinzhou-gov" in out
    with pytest.raises(CorpusError, match=r"no manifest\.csv"):
        resolve("x", corpus=imported / "docs")
    with pytest.raises(InputError, match="is a directory"):
        resolve(str(imported))


@pytest.mark.parametrize("command", [
    ["corpus", "--json"], ["trends", "--terms", "5G", "--json"], ["kwic", "5G", "--json"],
    ["targets", "--json"], ["keyness", "--before", "2022", "--after", "2022", "--min-freq", "1", "--json"],
    ["reuse", "--min-score", "0.3", "--min-chars", "5", "--json"],
])
def test_every_command_that_takes_documents_takes_corpus(imported: Path, command: list[str]) -> None:
    code, out = run(*command[:1], "--corpus", str(imported), *command[1:])
    assert code == 0, out
    assert "jinzhou-gov" in out and "xianning-2016" not in out
