"""``evolve report`` over any corpus: every pair of seed plans, plans where no story term occurs,
and a build that fails or is interrupted halfway leaves no partial files behind."""

from __future__ import annotations

import itertools
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from evolve.cli import cli
from evolve.records import Document, ReportSection
from evolve.report import SECTIONS, build_report
from evolve.report.context import ReportContext

IDS = ["jinzhou-14th-fyp", "xianning-2016", "ningxia-2017", "qingdao-2022", "zhaoqing-2024"]

# Two plans of another field: none of the default story terms (4G, 5G, 数据要素 …) occurs.
FORESTRY = """{year}年林业工作要点
一、加强森林资源保护
(一)严格林地管理。全面落实林长制,加强{place}林地用途管制。
(二)推进植树造林。完成人工造林{n}万亩,抚育中幼林。
二、发展林下经济
(三)培育林下种植。扶持合作社发展林菌、林药。
"""


@pytest.mark.parametrize("a,b", list(itertools.combinations(IDS, 2)))
def test_every_pair_of_seed_plans(corpus: dict[str, Document], tmp_path: Path, a: str, b: str,
                                  quick_charts: None) -> None:
    r = build_report([corpus[a], corpus[b]], tmp_path / "r", formats=("png",))
    page = Path(r.page).read_text("utf-8")
    assert "Documents" in page and a in page and b in page
    assert (tmp_path / "r" / "tables" / "terms.csv").is_file()
    assert sorted(os.listdir(tmp_path)) == ["r"]  # no staging folder left


def test_cli_report_on_a_pair_without_some_story_terms(tmp_path: Path) -> None:
    """The original crash: xianning 2016 and qingdao 2022 never mention 低空经济 and others."""
    r = CliRunner().invoke(cli, ["report", "xianning-2016", "qingdao-2022", "--out",
                                 str(tmp_path / "r"), "--no-svg"])
    assert r.exit_code == 0, r.output
    page = (tmp_path / "r" / "index.html").read_text("utf-8")
    assert "not found:" in page and "低空经济" in page


def _forestry_corpus(root: Path) -> Path:
    root.mkdir()
    rows = ["id,file,place,year,title"]
    for i, (place, year) in enumerate([("丽水", 2019), ("丽水", 2023), ("三明", 2021)]):
        (root / f"f{i}.txt").write_text(FORESTRY.format(year=year, place=place, n=i + 3), "utf-8")
        rows.append(f"forest-{i},f{i}.txt,{place},{year},{year}年林业工作要点")
    (root / "manifest.csv").write_text("\n".join(rows) + "\n", "utf-8")
    return root


def test_report_on_a_corpus_where_no_story_term_occurs(tmp_path: Path) -> None:
    src = _forestry_corpus(tmp_path / "forest")
    r = CliRunner().invoke(cli, ["report", str(src), "--out", str(tmp_path / "r"), "--no-svg"])
    assert r.exit_code == 0, r.output
    page = (tmp_path / "r" / "index.html").read_text("utf-8")
    # the digital-government lexicon does not fit a forestry corpus: said, and left out
    assert "does not fit this corpus" in page and 'id="themes"' not in page
    assert "forest-0" in page and "forest-2" in page
    # terms asked for are counted all the same, and one never found is said to be
    r = CliRunner().invoke(cli, ["report", str(src), "--out", str(tmp_path / "t"), "--no-svg",
                                 "--terms", "4G,林长制"])
    assert r.exit_code == 0, r.output
    page = (tmp_path / "t" / "index.html").read_text("utf-8")
    assert "not found: 4G" in page


def _boom(ctx: ReportContext) -> ReportSection:
    ctx.table("half", [{"a": 1}])  # something written already
    raise RuntimeError("injected failure")


def _interrupt(ctx: ReportContext) -> ReportSection:
    ctx.table("half", [{"a": 1}])
    raise KeyboardInterrupt


@pytest.mark.parametrize("fail", [_boom, _interrupt])
def test_a_failed_build_leaves_nothing(xianning: Document, tmp_path: Path, fail: object) -> None:
    out = tmp_path / "deep" / "er" / "r"
    with pytest.raises((RuntimeError, KeyboardInterrupt)):
        build_report([xianning], out, sections=[SECTIONS[0], fail, SECTIONS[-1]])  # type: ignore[list-item]
    assert list(tmp_path.iterdir()) == []  # not even the folders made for it


def test_a_failed_forced_build_keeps_the_old_report(xianning: Document, tmp_path: Path) -> None:
    out = tmp_path / "r"
    build_report([xianning], out, sections=[SECTIONS[0], SECTIONS[-1]])
    (out / "notes.txt").write_text("mine", "utf-8")
    before = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    with pytest.raises(RuntimeError, match="injected"):
        build_report([xianning], out, force=True, sections=[SECTIONS[0], _boom])
    after = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert after == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r"]


def test_a_killed_build_is_cleaned_up_by_the_next(xianning: Document, tmp_path: Path) -> None:
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True).stdout.strip()
    stale = tmp_path / f".r.building-{dead}-abc"
    (stale / "tables").mkdir(parents=True)
    mine = tmp_path / f".r.building-{os.getpid()}-xyz"  # a build still running: left alone
    mine.mkdir()
    build_report([xianning], tmp_path / "r", sections=[SECTIONS[0]])
    assert not stale.exists() and mine.exists()


def test_sigterm_during_a_build_leaves_nothing(tmp_path: Path) -> None:
    script = (
        "import sys, time\n"
        "from evolve.cli import _common\n"
        "from evolve.corpus import resolve\n"
        "from evolve.report import build_report\n"
        "from evolve.report.build import SECTIONS\n"
        "def slow(ctx):\n"
        "    ctx.table('half', [{'a': 1}])\n"
        "    print('building', flush=True)\n"
        "    time.sleep(60)\n"
        "@_common.handle_errors\n"
        "def run():\n"
        f"    build_report([resolve('xianning-2016')], {str(tmp_path / 'r')!r},\n"
        "                 sections=[SECTIONS[0], slow])\n"
        "run()\n")
    proc = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    assert proc.stdout is not None and proc.stdout.readline() == "building\n"
    assert any(p.name.startswith(".r.building-") for p in tmp_path.iterdir())
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=30)
    assert proc.returncode == 143 and err.strip() == "evolve: terminated"
    assert list(tmp_path.iterdir()) == []


def test_a_write_error_names_the_report_folder(xianning: Document, tmp_path: Path) -> None:
    def full(ctx: ReportContext) -> ReportSection:
        from evolve.errors import OutputError

        raise OutputError(f"{ctx.out / 'tables' / 'x.csv'}: cannot write the table (No space left)")

    out = tmp_path / "r"
    with pytest.raises(Exception, match=r"/r/tables/x.csv: cannot write") as err:
        build_report([xianning], out, sections=[SECTIONS[0], full])
    assert ".building-" not in str(err.value)
    assert list(tmp_path.iterdir()) == []
