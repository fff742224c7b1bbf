"""Compiled patterns kept between runs (evolve.pattern_cache) are the patterns re.compile builds."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from evolve import pattern_cache
from evolve.lazy_pattern import _LazyPattern
from evolve.segment.numbering import STYLES


@pytest.fixture
def store(tmp_path, monkeypatch):
    """A store in a temporary folder, empty and written even though tests run with -B."""
    monkeypatch.setattr(pattern_cache, "_store_dir", tmp_path)
    monkeypatch.setattr(pattern_cache, "_entries", None)
    monkeypatch.setattr(pattern_cache, "_used", {})
    monkeypatch.setattr(pattern_cache, "_fresh", False)
    monkeypatch.setattr(pattern_cache, "_broken", False)
    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    return tmp_path


def _reload(monkeypatch) -> None:
    """As a new run would: nothing in memory, the store read again."""
    monkeypatch.setattr(pattern_cache, "_entries", None)
    monkeypatch.setattr(pattern_cache, "_used", {})


PATTERNS = [
    (r"(?<=[\u4e00-\u9fff。,;:、“”《》()])[ ]+(?!第[一二三四五六七八九十百零〇\d]{1,6}条)", 0),
    (r"到(?P<to>(?:19|20)\d\d)年(?:底|末)?(?P<what>[\u4e00-\u9fff]{2,8})", 0),
    (r"(?m)^第[一二三四五六七八九十百零〇\d]{1,6}条", 0),
    (r"internet|wifi", re.IGNORECASE),
    ("|".join(["数据要素", "公共数据授权运营", "低空经济"]), 0),
]


def test_a_stored_program_builds_the_same_pattern(store, monkeypatch):
    fresh = [pattern_cache.compile(p, f) for p, f in PATTERNS]
    pattern_cache.save()
    assert list(store.glob("evolve-patterns.*.bin")), "nothing written"
    _reload(monkeypatch)
    for (p, f), first in zip(PATTERNS, fresh, strict=True):
        again = pattern_cache.compile(p, f)
        assert (p, f) in pattern_cache._entries  # read from the store, not compiled again
        assert again == re.compile(p, f) == first
        assert again.groupindex == re.compile(p, f).groupindex
    text = "到2025年数据要素 第三条 在 2024 年 WiFi"
    assert pattern_cache.compile(*PATTERNS[1]).search(text).group("what") == "数据要素"
    assert pattern_cache.compile(*PATTERNS[3]).findall(text) == ["WiFi"]


def test_every_evolve_pattern_compiles_equal_through_the_store(store, monkeypatch):
    import gc

    lazies = [o for o in gc.get_objects() if isinstance(o, _LazyPattern)]
    assert len(lazies) > 50  # the modules imported by the tests define them
    for lp in lazies:
        pattern_cache.compile(lp.pattern, lp.flags)
    pattern_cache.save()
    _reload(monkeypatch)
    for lp in lazies:
        assert pattern_cache.compile(lp.pattern, lp.flags) == re.compile(lp.pattern, lp.flags), lp.pattern
    assert STYLES[3][1].match("第十二条 数据").group(2) == "十二"


def test_a_store_of_another_python_or_damaged_is_ignored(store, monkeypatch):
    pattern_cache.compile(*PATTERNS[0])
    pattern_cache.save()
    path = pattern_cache._path()
    monkeypatch.setattr(pattern_cache, "_stamp", lambda: "another python")
    _reload(monkeypatch)
    assert pattern_cache.compile(*PATTERNS[0]) == re.compile(*PATTERNS[0])
    assert pattern_cache._entries.keys() == {PATTERNS[0]}  # compiled afresh, not read
    path.write_bytes(b"\x00garbage")
    _reload(monkeypatch)
    assert pattern_cache.compile(*PATTERNS[1]) == re.compile(*PATTERNS[1])


def test_nothing_is_written_when_bytecode_is_not(store, monkeypatch):
    monkeypatch.setattr(sys, "dont_write_bytecode", True)
    pattern_cache.compile(*PATTERNS[2])
    pattern_cache.save()
    assert not list(store.iterdir())


def test_a_bad_pattern_is_still_re_error(store):
    with pytest.raises(re.error):
        pattern_cache.compile("[unclosed")


def test_a_run_writes_the_store_and_the_next_reads_it(tmp_path):
    """The command line path end to end: a second process compiles nothing evolve stores."""
    script = (
        "import sys, re._compiler as c\n"
        "from evolve import pattern_cache as pc\n"
        f"pc._store_dir = __import__('pathlib').Path({str(tmp_path)!r})\n"
        "n = [0]\n"
        "orig = c.compile\n"
        "def count(p, flags=0):\n"
        "    n[0] += 1\n"
        "    return orig(p, flags)\n"
        "c.compile = count\n"
        "from evolve.parse import parse_text\n"
        "doc = parse_text('一、总体要求\\n（一）加快数据要素市场建设。'\n"
        "                 '到2025年，数字经济核心产业增加值占GDP比重达到10%。\\n')\n"
        "assert doc.provisions\n"
        "print(n[0])\n"
    )
    env_runs = [subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                               env={**__import__("os").environ, "PYTHONDONTWRITEBYTECODE": ""})
                for _ in range(2)]
    for r in env_runs:
        assert r.returncode == 0, r.stderr
    first, second = (int(r.stdout.split()[-1]) for r in env_runs)
    assert first > 20 and second < first / 4, (first, second)
