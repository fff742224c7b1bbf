"""Records defined through evolve.dataclass_code are the classes dataclasses.dataclass makes; the
code of their methods is compiled once and read back by the next run."""

from __future__ import annotations

import dataclasses
import subprocess
import sys
from dataclasses import FrozenInstanceError, field

import pytest

from evolve import dataclass_code


@pytest.fixture
def store(tmp_path, monkeypatch):
    """An empty store in a temporary folder, written even though tests run with -B."""
    monkeypatch.setattr(dataclass_code, "_store_dir", tmp_path)
    monkeypatch.setattr(dataclass_code, "_codes", None)
    monkeypatch.setattr(dataclass_code, "_used", {})
    monkeypatch.setattr(dataclass_code, "_fresh", False)
    return tmp_path


def _define(decorator, **options):  # type: ignore[no-untyped-def]
    @decorator(**options)
    class Target:
        name: str
        value: float = 0.0
        unit: str | None = None
        years: tuple[int, ...] = ()
        notes: list[str] = field(default_factory=list, compare=False)

    return Target


def _two_runs(script: str) -> list[str]:
    """The output of ``script`` run twice, one process after the other, writing bytecode."""
    env = {**__import__("os").environ, "PYTHONDONTWRITEBYTECODE": ""}
    runs = [subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env) for _ in range(2)]
    for r in runs:
        assert r.returncode == 0, r.stderr
    return [r.stdout for r in runs]


@pytest.mark.parametrize("options", [{}, {"frozen": True}, {"order": True}, {"frozen": True, "slots": True},
                                     {"eq": False, "repr": False}])
def test_the_same_class_as_dataclasses_makes(store, options) -> None:
    ours, theirs = _define(dataclass_code.dataclass, **options), _define(dataclasses.dataclass, **options)
    assert [f.name for f in dataclasses.fields(ours)] == [f.name for f in dataclasses.fields(theirs)]
    for name in ("__init__", "__repr__", "__eq__", "__hash__", "__setattr__", "__delattr__", "__lt__"):
        a, b = getattr(ours, name, None), getattr(theirs, name, None)
        assert (a is None) == (b is None), name
        if hasattr(a, "__code__") and hasattr(b, "__code__"):
            assert a.__code__.co_code == b.__code__.co_code and a.__code__.co_names == b.__code__.co_names, name
    x, y = ours("GDP", 5.5, "%"), theirs("GDP", 5.5, "%")
    if options.get("repr", True):
        assert repr(x).split("(", 1)[1] == repr(y).split("(", 1)[1]
    assert (x == ours("GDP", 5.5, "%")) == (y == theirs("GDP", 5.5, "%"))
    assert x.notes == [] and x.notes is not ours("GDP").notes  # a fresh default each time
    if options.get("frozen"):
        with pytest.raises(FrozenInstanceError):
            x.value = 6.0
        assert hash(x) == hash(ours("GDP", 5.5, "%", (), ["a note"]))  # hashable when frozen
    assert not hasattr(dataclasses, "exec")  # dataclasses calls the builtin again


def test_compiled_once_then_read_from_the_store(store, monkeypatch) -> None:
    _define(dataclass_code.dataclass, frozen=True)
    assert dataclass_code._fresh
    dataclass_code.save(force=True)
    assert list(store.glob("evolve-dataclasses.*.bin")), "nothing written"
    monkeypatch.setattr(dataclass_code, "_codes", None)  # as a new run
    monkeypatch.setattr(dataclass_code, "_fresh", False)
    compiled = []
    real = compile
    monkeypatch.setattr("builtins.compile", lambda *a, **k: compiled.append(a[0]) or real(*a, **k))
    cls = _define(dataclass_code.dataclass, frozen=True)
    assert compiled == [] and not dataclass_code._fresh
    assert cls("数据要素", 1.0) == cls("数据要素", 1.0)
    # a store written by another Python is not read
    monkeypatch.setattr(dataclass_code, "_codes", None)
    monkeypatch.setattr(dataclass_code, "_stamp", lambda: "another python")
    _define(dataclass_code.dataclass, frozen=True)
    assert len(compiled) >= 4


def test_a_second_run_compiles_no_record_method(tmp_path) -> None:
    """End to end: the records of a parsed plan, defined in a second process, compile nothing."""
    script = (
        "import builtins, sys\n"
        "n = [0]\n"
        "real = builtins.compile\n"
        "def counting(src, name, *a, **k):\n"
        "    n[0] += str(src).startswith('def __create_fn__')  # a method dataclasses writes\n"
        "    return real(src, name, *a, **k)\n"
        "builtins.compile = counting\n"
        "from evolve import dataclass_code as dc\n"
        f"dc._store_dir = __import__('pathlib').Path({str(tmp_path)!r})\n"
        "from evolve.parse import parse_text\n"
        "assert parse_text('一、总体要求\\n（一）加快数据要素市场建设。\\n').provisions\n"
        "print(n[0])\n"
    )
    first, second = (int(out.split()[-1]) for out in _two_runs(script))
    assert first > 30 and second == 0, (first, second)


def test_warm_writes_the_stores_even_when_told_not_to_write_bytecode(tmp_path) -> None:
    """setup.sh's `python -m evolve.warm` keeps patterns and record methods for later commands in
    a container that sets PYTHONDONTWRITEBYTECODE, where no run would otherwise write them."""
    script = (
        "import pathlib, sys\n"
        "from evolve import dataclass_code, pattern_cache\n"
        f"dataclass_code._store_dir = pattern_cache._store_dir = pathlib.Path({str(tmp_path)!r})\n"
        "assert sys.dont_write_bytecode\n"
        "from evolve.warm import warm\n"
        "print(warm())\n"
    )
    env = {**__import__("os").environ, "PYTHONDONTWRITEBYTECODE": "1"}
    r = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env)
    assert r.returncode == 0, r.stderr
    assert r.stdout.split()[-1] == "5"  # the bundled plans
    patterns = _store_entries(tmp_path, "patterns")
    records = _store_entries(tmp_path, "dataclasses")
    assert len(patterns) > 100 and len(records) > 100, (len(patterns), len(records))


def _store_entries(folder, kind):  # type: ignore[no-untyped-def]
    import marshal

    (path,) = folder.glob(f"evolve-{kind}.*.bin")
    return marshal.loads(path.read_bytes())[1]


def test_toml_data_is_parsed_once_then_read_from_the_store(tmp_path) -> None:
    """The shipped codebooks and lexicons: the kept data is tomllib's parse, and a second run
    reads it without importing tomllib; a file changed since is parsed again."""
    import tomllib

    from evolve.shipped import DATA

    script = (
        "import pathlib, sys\n"
        "from evolve import shipped\n"
        f"shipped._store_dir = pathlib.Path({str(tmp_path)!r})\n"
        "data = {n: shipped.data_toml(n) for n in ('topics.toml', 'indicators.toml', 'formulas.toml')}\n"
        "print(repr(data))\n"
        "print('tomllib' in sys.modules)\n"
    )
    first, second = (out.splitlines() for out in _two_runs(script))
    names = ("topics.toml", "indicators.toml", "formulas.toml")
    want = {n: tomllib.loads((DATA / n).read_text("utf-8")) for n in names}
    assert first[0] == second[0] == repr(want)
    assert first[1] == "True" and second[1] == "False"  # parsed, then read back
