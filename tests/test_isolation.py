"""One bad document never stops a corpus: it is named (stderr, and ``failed`` in --json) and
counted, and every other document is read, indexed, counted and reported."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from evolve import index
from evolve.cli import cli
from evolve.corpus import load_corpus
from evolve.records import Failure
from evolve.reuse import find_reuse

#: A marker in a plan's text that makes the (patched) segmenter crash like a parser bug does.
CRASH = "触发解析错误"

PLAN = ("{place}智慧城市建设实施方案\n一、重点任务\n"
        "(一)推进城市大脑建设,整合城管交通环保等领域感知数据,形成城市运行一张图。\n"
        "(二)加快建设政务云平台,推动各部门业务系统向政务云迁移,实现数据共享{extra}。\n")
PLACES = ["银川", "石嘴山", "吴忠", "固原", "中卫"]


@pytest.fixture(autouse=True)
def crashing_parser(monkeypatch: pytest.MonkeyPatch) -> None:
    """The segmenter raises a plain ValueError (a bug, not an EvolveError) on the marker."""
    import evolve.parse as parse_mod

    real = parse_mod.segment

    def segment(text: str):  # type: ignore[no-untyped-def]
        if CRASH in text:
            int("①")  # the very crash of issue 10
        return real(text)

    monkeypatch.setattr(parse_mod, "segment", segment)


def make(root: Path, n: int = 5, *, bad: tuple[int, ...] = (2,), binary: tuple[int, ...] = ()) -> Path:
    root.mkdir(parents=True)
    with (root / "manifest.csv").open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["id", "file", "place", "year"])
        for i in range(n):
            place = PLACES[i % len(PLACES)]
            path = root / f"d{i}.txt"
            if i in binary:
                path.write_bytes(b"\x00\x01\x02PK\x03\x04" * 100)
            else:
                path.write_text(PLAN.format(place=place, extra=CRASH if i in bad else i), "utf-8")
            w.writerow([f"d{i}", f"d{i}.txt", place, 2016 + i])
    return root


def _run(*args: str) -> tuple[int, str, str]:
    r = CliRunner().invoke(cli, list(args))
    return r.exit_code, r.stdout, r.stderr


def test_load_corpus_collects_failures_or_raises(tmp_path: Path) -> None:
    c = make(tmp_path / "c", bad=(1,), binary=(3,))
    failed: list[Failure] = []
    docs = load_corpus(c, failed=failed)
    assert [d.id for d in docs] == ["d0", "d2", "d4"]
    assert [f.id for f in failed] == ["d1", "d3"]
    assert "ValueError" in failed[0].reason and "evolve bug" in failed[0].reason
    assert "binary" in failed[1].reason and failed[1].source.endswith("d3.txt")
    with pytest.raises(ValueError):  # the library without ``failed=``: the error itself
        load_corpus(c)


@pytest.mark.parametrize("args,key", [
    (["corpus", "--json"], "documents"),
    (["trends", "--json"], "documents"),
    (["kwic", "数据", "--json"], "hits"),
    (["keyness", "--before", "2018", "--json"], "rows"),
    (["targets", "--json"], "targets"),
    (["lineage", "--json"], "chains"),
])
def test_commands_skip_and_name_a_bad_document(tmp_path: Path, args: list[str], key: str) -> None:
    c = make(tmp_path / "c")
    code, out, err = _run(args[0], str(c), *args[1:])
    assert code == 0, err
    assert "1 document(s) skipped" in err and "d2.txt" in err and "ValueError" in err
    data = json.loads(out)
    assert key in data
    assert [f["id"] for f in data["failed"]] == ["d2"]
    assert any("d2" in n for n in data.get("notices", ["d2"]))
    assert "internal error" not in err


def test_report_names_the_skipped_document(tmp_path: Path, quick_charts: None) -> None:
    c = make(tmp_path / "c", n=3)
    code, out, err = _run("report", str(c), "--out", str(tmp_path / "r"), "--no-svg", "--json")
    assert code == 0, err
    data = json.loads(out)
    assert [f["id"] for f in data["failed"]] == ["d2"]
    page = (tmp_path / "r" / "index.html").read_text("utf-8")
    assert "could not be read and are left out: d2" in page


def test_all_documents_unreadable_is_one_clear_error(tmp_path: Path) -> None:
    c = make(tmp_path / "c", n=3, bad=(0, 1, 2))
    code, out, err = _run("trends", str(c), "--no-chart")
    assert code == 2 and out == ""
    assert err.splitlines()[-1] == "evolve: error: none of the 3 documents could be read (see above)"


def test_a_typo_is_still_an_error(tmp_path: Path) -> None:
    c = make(tmp_path / "c")
    code, _, err = _run("corpus", str(c), "d9")
    assert code == 2 and "d9: no such file or corpus id" in err


def test_index_records_failures_and_carries_on(tmp_path: Path) -> None:
    c = make(tmp_path / "c", bad=(1,), binary=(3,))
    s = index.sync(c)
    assert s.parsed == 3 and sorted(f["id"] for f in s.failed) == ["d1", "d3"]
    assert sorted(index.documents(c)) == ["d0", "d2", "d4"]
    again = index.sync(c)  # a failure is remembered: not parsed again, still named
    assert again.parsed == 0 and sorted(f["id"] for f in again.failed) == ["d1", "d3"]
    (c / "d1.txt").write_text(PLAN.format(place="银川", extra="已修复"), "utf-8")
    fixed = index.sync(c)
    assert fixed.parsed == 1 and [f["id"] for f in fixed.failed] == ["d3"]
    assert "d1" in index.documents(c)


def test_index_with_worker_processes_isolates_a_crash(tmp_path: Path) -> None:
    c = make(tmp_path / "c", n=45, bad=(7, 30))
    s = index.sync(c, workers=2)
    assert s.parsed == 43 and sorted(f["id"] for f in s.failed) == ["d30", "d7"]


def test_reuse_on_a_partly_indexed_corpus(tmp_path: Path) -> None:
    c = make(tmp_path / "c", n=5, bad=(4,))
    seen: list[str] = []

    def stop(rid: str) -> None:
        seen.append(rid)
        if len(seen) == 2:
            raise KeyboardInterrupt  # the import's indexing died halfway

    with pytest.raises(KeyboardInterrupt):
        index.sync(c, parse_hook=stop, workers=1)
    code, out, err = _run("reuse", str(c), "--json")
    assert code == 0, err
    data = json.loads(out)
    assert data["stats"]["documents"] == 5 and [f["id"] for f in data["stats"]["failed"]] == ["d4"]
    assert sorted(d["doc"] for d in data["documents"]) == ["d0", "d1", "d2", "d3"]
    assert "d4" in err and "internal error" not in err
    report = find_reuse(c)  # and again, from the library
    assert report.stats["parsed"] == 0 and report.stats["failed"] == data["stats"]["failed"]
