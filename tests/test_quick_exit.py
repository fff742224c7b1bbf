"""The process ends without the interpreter's teardown after a two-plan command (``cli._exit``),
and only when nothing needs that teardown."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

# A child that keeps an object whose finaliser reports the interpreter's teardown, registers an
# atexit handler, optionally marks the "command" as quick_exit (and starts a thread or pool),
# prints, then leaves with a code.
CHILD = """
import atexit, sys, threading, time
from evolve.cli._exit import leave, quick_exit

class Witness:
    def __del__(self):
        sys.stderr.write("teardown\\n")

witness = Witness()
atexit.register(lambda: open(sys.argv[1], "w").write("saved"))
mode = sys.argv[2]

def command():
    if mode == "thread":
        threading.Thread(target=time.sleep, args=(0.3,)).start()
    if mode == "pool":
        from concurrent.futures import ThreadPoolExecutor
        with ThreadPoolExecutor(1) as pool:
            pool.submit(int)
    print("output " * 2000)  # more than one buffer of stdout

(command if mode == "plain" else quick_exit(command))()
leave(int(sys.argv[3]))
"""


def _run(tmp_path: Path, mode: str, code: int = 0) -> subprocess.CompletedProcess[str]:
    saved = tmp_path / f"saved-{mode}"
    r = subprocess.run([sys.executable, "-c", CHILD, str(saved), mode, str(code)], capture_output=True,
                       text=True, timeout=60, check=False)
    assert r.stdout == "output " * 2000 + "\n", "standard output must be complete"
    assert saved.read_text() == "saved", "atexit handlers (evolve's stores) must run"
    return r


def test_a_marked_command_skips_the_teardown(tmp_path: Path) -> None:
    r = _run(tmp_path, "quick", 3)
    assert r.returncode == 3
    assert "teardown" not in r.stderr


def test_an_unmarked_command_exits_as_usual(tmp_path: Path) -> None:
    r = _run(tmp_path, "plain", 4)
    assert r.returncode == 4
    assert "teardown" in r.stderr


@pytest.mark.parametrize("mode", ["thread", "pool"])
def test_a_thread_or_pool_gets_the_usual_exit(tmp_path: Path, mode: str) -> None:
    r = _run(tmp_path, mode)
    assert r.returncode == 0
    assert "teardown" in r.stderr


def test_compare_exits_at_once_with_its_whole_report(tmp_path: Path) -> None:
    """The real command: the same report as in-process rendering, exit 0, and the quick exit taken
    (a finaliser registered in the process never runs)."""
    probe = ("import sys; from evolve.cli import main\n"
             "class W:\n    def __del__(self): sys.stderr.write('teardown')\n"
             "w = W(); sys.argv = ['evolve'] + sys.argv[1:]; main()")
    args = ["compare", "xianning-2016", "zhaoqing-2024", "--plain", "--width", "100"]
    r = subprocess.run([sys.executable, "-c", probe, *args], capture_output=True, text=True, timeout=120,
                       check=False)
    assert r.returncode == 0, r.stderr
    assert "teardown" not in r.stderr
    from click.testing import CliRunner

    from evolve.cli import cli

    inproc = CliRunner().invoke(cli, args)
    assert inproc.exit_code == 0
    assert r.stdout == inproc.output
    assert "new: in B only" in r.stdout


def test_an_error_in_compare_exits_as_usual() -> None:
    probe = "import sys; from evolve.cli import main; sys.argv = ['evolve'] + sys.argv[1:]; main()"
    r = subprocess.run([sys.executable, "-c", probe, "compare", "xianning-2016", "no-such-plan"],
                       capture_output=True, text=True, timeout=120, check=False)
    assert r.returncode == 2
    assert r.stderr.startswith("evolve: error: no-such-plan: no such file or corpus id")
