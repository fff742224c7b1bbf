"""Output that fits: tables fold ids and numbers instead of cutting them, piped output is full
width, and a reader that goes away (``| head``) ends the command quietly."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from evolve.cli import cli

IDS = ["jinzhou-14th-fyp", "xianning-2016", "ningxia-2017", "qingdao-2022", "zhaoqing-2024"]


def _run(*args: str, columns: str | None = None) -> str:
    env = {"COLUMNS": columns} if columns else {}
    r = CliRunner(env=env).invoke(cli, list(args))
    assert r.exit_code == 0, r.output
    return r.stdout


def _column(out: str, index: int) -> str:
    """The text of one table column, its folded pieces joined, from the body rows."""
    pieces = []
    for line in out.splitlines():
        if line.startswith("│"):
            pieces.append(line.split("│")[index + 1].strip())
    return "".join(pieces)


def test_piped_tables_use_the_full_width(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("COLUMNS", raising=False)
    out = _run("corpus")
    assert max(len(line) for line in out.splitlines()) > 80  # not rich's 80-column default
    rows = [line for line in out.splitlines() if line.startswith("│")]
    assert any("数字青岛2022年行动方案" in r and "qingdao-2022" in r for r in rows)


@pytest.mark.parametrize("width", ["40", "60"])
def test_narrow_tables_fold_ids_never_cut_them(width: str) -> None:
    out = _run("corpus", columns=width)
    assert "…" not in out
    assert _column(out, 0) == "".join(IDS)  # every id whole, read across its lines
    assert "".join(_column(out, 4).split(",")) == "2214106467265986810561"  # chars, whole


def test_narrow_kwic_and_keyness_keep_every_value() -> None:
    out = _run("kwic", "数据要素", "--width", "6", columns="50")
    assert "…" not in out and _column(out, 0).count("qingdao-2022") >= 1
    out = _run("keyness", "--before", "2018", "--top", "3", columns="50")
    assert "…" not in out.split("A = ")[0]


#: Commands whose output is larger than a pipe's buffer, so the write meets the closed pipe.
PIPED = [["kwic", "建设", "--csv"], ["kwic", "数据"], ["trends", "--json"], ["corpus", "--csv"]]


@pytest.mark.parametrize("argv", PIPED, ids=[" ".join(a) for a in PIPED])
def test_a_closed_pipe_is_quiet(argv: list[str]) -> None:
    p = subprocess.Popen([sys.executable, "-m", "evolve", *argv], stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, env={**os.environ, "COLUMNS": "120"})
    assert p.stdout is not None and p.stderr is not None
    first = p.stdout.readline()
    p.stdout.close()  # the reader goes away, as `| head -1` does
    err = p.stderr.read().decode()
    assert p.wait(timeout=60) == 0, err
    assert first and err == ""


def test_head_in_a_shell_pipe_is_quiet(tmp_path: Path) -> None:
    cmd = f"{sys.executable} -m evolve corpus --csv | head -1; {sys.executable} -m evolve kwic 数据 | head -3"
    r = subprocess.run(["sh", "-c", cmd], capture_output=True, text=True, timeout=120, check=False,
                       cwd=tmp_path)
    assert r.stderr == "", r.stderr
    assert r.stdout.startswith("id,place") and "数据: " in r.stdout
