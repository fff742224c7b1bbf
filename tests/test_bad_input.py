"""Bad input, every command: exit 0 with the right result, or one clear line and exit 2.

Never "internal error", never a traceback, never a hang. Each case builds what it needs in a
temporary folder and runs the command in-process (CliRunner); the few that could block the
process (a FIFO, /dev/zero) run in a subprocess with a timeout.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from evolve.cli import cli

ROOT = Path(__file__).resolve().parent.parent
BUNDLED = ROOT / "corpus"

PLAN = ("关于推进数字{place}建设的实施方案\n一、重点任务\n"
        "(一)推进城市大脑建设。整合城管、交通、环保等领域感知数据,形成城市运行一张图。\n"
        "(二)加快政务云平台建设。推动各部门业务系统向政务云迁移,实现数据共享。牵头单位:市数据局\n")
HOSTILE = ("[pdf]关于[bold]推进数据[/url]工作的通知 :smile:\n一、[red]总体要求\n"
           "(一)加强数据[/url]统筹。推进数据共享开放[pdf],建设城市大脑[link=http://x]点此。\n"
           "(二)完善数据安全保障体系建设工作[/]。\n")


def plan(tmp: Path, name: str = "plan.txt", text: str | None = None, *, place: str = "银川") -> Path:
    p = tmp / name
    p.write_text(PLAN.format(place=place) if text is None else text, "utf-8")
    return p


def corpus(tmp: Path, rows: list[tuple[str, str, str]] | None = None, *, header: str = "id,file,place,year",
           texts: dict[str, str] | None = None, encoding: str = "utf-8") -> Path:
    """A corpus folder: rows (id, place, year) with a plan each, unless ``texts`` says otherwise."""
    d = tmp / "c"
    d.mkdir(exist_ok=True)
    rows = rows if rows is not None else [("a", "银川", "2016"), ("b", "吴忠", "2020")]
    lines = [header]
    for rid, place, year in rows:
        name = f"{rid}.txt"
        text = (texts or {}).get(rid, PLAN.format(place=place))
        (d / name).write_text(text, "utf-8")
        lines.append(f"{rid},{name},{place},{year}")
    (d / "manifest.csv").write_bytes(("\n".join(lines) + "\n").encode(encoding))
    return d


# --- the cases: (name, build(tmp) -> argv, expected exit, text expected in stdout or stderr) -----

Build = Callable[[Path], list[str]]


def _sparse(tmp: Path) -> list[str]:
    f = tmp / "huge.txt"
    with f.open("wb") as fh:
        fh.truncate(60 * 1024 * 1024)
    return ["parse", str(f)]


def _nul_inside(tmp: Path) -> list[str]:
    f = tmp / "nul.txt"
    f.write_bytes((PLAN.format(place="银川") * 40).encode() + b"\x00\x00" + PLAN.format(place="吴忠").encode())
    return ["parse", str(f), "--json"]


def _long_line(tmp: Path) -> list[str]:
    return ["parse", str(plan(tmp, text="关于数据工作的通知" + "推进数据共享开放建设城市大脑," * 40_000)),
            "--json"]


def _mixed_encodings(tmp: Path) -> list[str]:
    f = tmp / "mixed.txt"
    f.write_bytes("关于推进数字银川建设的实施方案\n".encode()
                  + "一、重点任务\n(一)推进城市大脑建设,整合感知数据。\n".encode("gbk"))
    return ["parse", str(f)]


def _gbk(tmp: Path) -> list[str]:
    f = tmp / "gbk.txt"
    f.write_bytes(PLAN.format(place="银川").encode("gbk"))
    return ["parse", str(f), "--json"]


def _big5(tmp: Path) -> list[str]:
    f = tmp / "big5.txt"
    f.write_bytes("關於推進數位城市建設的實施方案\n一、重點任務\n(一)推進城市大腦建設,整合感知數據。\n".encode("big5"))
    return ["parse", str(f), "--json"]


def _utf16(tmp: Path) -> list[str]:
    f = tmp / "utf16.txt"
    f.write_bytes(PLAN.format(place="银川").encode("utf-16"))  # with its BOM
    return ["parse", str(f), "--json"]


def _bom_mismatch(tmp: Path) -> list[str]:
    f = tmp / "bom.txt"
    f.write_bytes(b"\xef\xbb\xbf" + PLAN.format(place="银川").encode("gbk"))
    return ["parse", str(f)]


def _random_bytes(tmp: Path) -> list[str]:
    f = tmp / "random.txt"
    f.write_bytes(bytes((i * 7919 + 13) % 256 for i in range(20_000)))
    return ["parse", str(f)]


def _png(tmp: Path) -> list[str]:
    f = tmp / "plan.txt"
    f.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 10)
    return ["parse", str(f)]


def _english(tmp: Path) -> list[str]:
    return ["parse", str(plan(tmp, text="A plan written in English only, with no Chinese.\n" * 20))]


def _latin1(tmp: Path) -> list[str]:
    f = tmp / "latin1.txt"
    f.write_bytes("Plan für die Stadt: Maßnahmen, Übersicht\n".encode("latin-1") * 20)
    return ["parse", str(f)]


def _dir_as_file(tmp: Path) -> list[str]:
    (tmp / "folder.txt").mkdir()
    return ["parse", str(tmp / "folder.txt")]


def _symlink_loop(tmp: Path) -> list[str]:
    (tmp / "loop.txt").symlink_to(tmp / "loop.txt")
    return ["parse", str(tmp / "loop.txt")]


def _long_name(tmp: Path) -> list[str]:
    return ["parse", str(tmp / ("长" * 300 + ".txt"))]


def _hostile_parse(tmp: Path) -> list[str]:
    return ["parse", str(plan(tmp, text=HOSTILE))]


def _hostile_corpus(tmp: Path, *args: str) -> list[str]:
    d = corpus(tmp, [("a", "银川", "2016"), ("b", "吴忠", "2020")], texts={"a": HOSTILE, "b": HOSTILE})
    m = d / "manifest.csv"
    m.write_text("id,file,place,year,title\na[/url],a.txt,[b]银川,2016,[pdf]标题[/url] :smile:\n"
                 "b,b.txt,吴忠[/],2020,标题二[pdf]\n", "utf-8")
    return [args[0], str(d), *args[1:]]


def _all_unreadable(tmp: Path) -> list[str]:
    d = corpus(tmp)
    for f in ("a.txt", "b.txt"):
        (d / f).write_bytes(b"\x00\x01\x02" * 100)
    return ["trends", str(d), "--no-chart"]


def _one_unreadable(tmp: Path) -> list[str]:
    d = corpus(tmp, [("a", "银川", "2016"), ("b", "吴忠", "2020"), ("c", "固原", "2022")])
    (d / "b.txt").write_bytes(b"\x00\x01\x02" * 100)
    return ["corpus", str(d)]


def _missing_doc_file(tmp: Path) -> list[str]:
    d = corpus(tmp)
    (d / "a.txt").unlink()
    return ["kwic", str(d), "数据"]


def _manifest(text: str, *, encoding: str = "utf-8", command: str = "corpus") -> Build:
    def build(tmp: Path) -> list[str]:
        d = corpus(tmp)
        (d / "manifest.csv").write_bytes(text.encode(encoding))
        return [command, str(d)]
    return build


def _manifest_bytes(data: bytes) -> Build:
    def build(tmp: Path) -> list[str]:
        d = corpus(tmp)
        (d / "manifest.csv").write_bytes(data)
        return ["corpus", str(d)]
    return build


def _lexicon(text: str | bytes) -> Build:
    def build(tmp: Path) -> list[str]:
        f = tmp / "lexicon.toml"
        f.write_bytes(text if isinstance(text, bytes) else text.encode())
        return ["trends", "xianning-2016", "--lexicon", str(f), "--no-chart"]
    return build


def _report_existing(tmp: Path) -> list[str]:
    (tmp / "r").mkdir()
    (tmp / "r" / "mine.txt").write_text("x", "utf-8")
    return ["report", "xianning-2016", "--out", str(tmp / "r")]


def _report_into_file(tmp: Path) -> list[str]:
    (tmp / "r").write_text("x", "utf-8")
    return ["report", "xianning-2016", "--out", str(tmp / "r")]


def _import_existing(tmp: Path) -> list[str]:
    src = tmp / "src"
    src.mkdir()
    plan(src, "2016.txt")
    (tmp / "out").mkdir()
    (tmp / "out" / "mine.txt").write_text("x", "utf-8")
    return ["import", str(src), "--out", str(tmp / "out")]


def _import_csv_no_text(tmp: Path) -> list[str]:
    f = tmp / "data.csv"
    f.write_text("标题,年份\n数字银川,2016\n", "utf-8")
    return ["import", str(f), "--out", str(tmp / "out")]


def _import_empty_csv(tmp: Path) -> list[str]:
    f = tmp / "data.csv"
    f.write_text("", "utf-8")
    return ["import", str(f), "--out", str(tmp / "out")]


def _no_provisions(tmp: Path) -> list[str]:
    flat = "这是一段没有任何编号的中文文字而已。" * 3
    return ["compare", str(plan(tmp, "a.txt")), str(plan(tmp, "b.txt", text=flat))]


def args(*a: str) -> Build:
    return lambda tmp: list(a)


def with_corpus(*a: str) -> Build:
    return lambda tmp: [a[0], str(corpus(tmp)), *a[1:]]


OK, ERR = 0, 2
CLEAN = -1  #: either: exit 0, or exit 2 with one line (a behaviour another stage may still change)
CASES: list[tuple[str, Build, int, str]] = [
    # files
    ("missing file", args("parse", "/nonexistent/plan.txt"), ERR, "no such file"),
    ("missing id", args("parse", "no-such-plan"), ERR, "no such file or corpus id"),
    ("empty file", lambda t: ["parse", str(plan(t, text=""))], ERR, "empty"),
    ("whitespace file", lambda t: ["parse", str(plan(t, text=" \n\t\n　\n"))], ERR, "plan.txt"),
    ("only punctuation", lambda t: ["parse", str(plan(t, text="。,、;:\n" * 50))], ERR, "no Chinese text"),
    ("binary file", _png, ERR, ""),
    ("random bytes", _random_bytes, ERR, ""),
    ("NUL bytes inside text", _nul_inside, OK, "城市大脑"),
    ("huge file", _sparse, ERR, "too large"),
    ("huge line", _long_line, OK, "城市大脑"),
    ("mixed encodings", _mixed_encodings, OK, "城市大脑"),
    ("GBK file", _gbk, OK, "gb18030"),
    ("Big5 file", _big5, OK, "城市大脑"),
    ("UTF-16 with BOM", _utf16, OK, "城市大脑"),
    ("BOM does not match body", _bom_mismatch, ERR, "byte-order mark"),
    ("English only", _english, ERR, "no Chinese text"),
    ("Latin-1 text", _latin1, ERR, "no Chinese text"),
    ("directory as file", _dir_as_file, ERR, "directory"),
    ("symlink loop", _symlink_loop, ERR, "loop.txt"),
    ("file name too long", _long_name, ERR, ""),
    ("NUL in a path", args("parse", "plan\x00.txt"), ERR, ""),
    ("/dev/null", args("parse", "/dev/null"), ERR, ""),
    ("a corpus folder given as FILE", args("parse", str(BUNDLED)), ERR, "directory"),
    # hostile text: shown exactly as written
    ("markup in parse", _hostile_parse, OK, "[pdf]关于[bold]推进数据[/url]工作的通知 :smile:"),
    ("markup in corpus metadata", lambda t: _hostile_corpus(t, "corpus"), OK, "[pdf]标题[/url] :smile:"),
    ("markup in kwic context", lambda t: _hostile_corpus(t, "kwic", "数据"), OK, "[/url]统筹"),
    ("markup in trends", lambda t: _hostile_corpus(t, "trends", "--no-chart", "--terms", "数据,[pdf]"), OK,
     "[b]银川"),
    ("markup in keyness", lambda t: _hostile_corpus(t, "keyness", "--before", "2018", "--min-freq", "1"),
     OK, "a[/url]"),
    ("markup in reuse", lambda t: _hostile_corpus(t, "reuse"), OK, "[pdf]关于[bold]推进数据[/url]"),
    ("markup in compare", lambda t: ["compare", str(plan(t, "a.txt", HOSTILE)),
                                     str(plan(t, "b.txt", HOSTILE + "(三)新增数据[/url]要素市场建设。\n"))],
     OK, "一、[red]总体要求"),
    ("markup term in kwic", args("kwic", "[/url]"), OK, "[/url]: 0 occurrence(s)"),
    # corpora and manifests
    ("empty corpus folder", lambda t: ["corpus", str(t)], ERR, "manifest.csv"),
    ("not a folder for --corpus", args("parse", "xianning-2016", "--corpus", "/nonexistent"), ERR, ""),
    ("manifest only a header", _manifest("id,file,place,year\n"), OK, "0 documents"),
    ("manifest empty", _manifest(""), ERR, ""),
    ("manifest without file column", _manifest("id,place\na,银川\n"), ERR, "file"),
    ("manifest without id column", _manifest("file,place\na.txt,银川\n"), ERR, "id"),
    ("manifest duplicate ids", _manifest("id,file\na,a.txt\na,b.txt\n"), ERR, "duplicate id"),
    ("manifest empty id", _manifest("id,file\n,a.txt\n"), ERR, "line 2"),
    ("manifest in GBK", _manifest("id,file,place\na,a.txt,银川\n", encoding="gbk"), OK, "银川"),
    ("manifest binary", _manifest_bytes(b"\x00\xff\xfe" * 50), ERR, "manifest.csv"),
    ("manifest year 2016年", _manifest("id,file,year\na,a.txt,2016年\nb,b.txt,2020\n"), OK, "2016"),
    ("manifest year 2016.0", _manifest("id,file,year\na,a.txt,2016.0\nb,b.txt,2020\n"), OK, "2016"),
    ("manifest year garbage", _manifest("id,file,year\na,a.txt,明年\nb,b.txt,2020\n"), CLEAN, "明年"),
    ("manifest row missing its file", _missing_doc_file, OK, "a.txt"),
    ("one unreadable document", _one_unreadable, OK, "b.txt"),
    ("all documents unreadable", _all_unreadable, ERR, "none of the 2 documents"),
    ("unknown id", args("corpus", "nope-2020"), ERR, "nope-2020: no such file or corpus id"),
    # options and arguments
    ("unknown --by column", args("trends", "--by", "colour", "--no-chart"), ERR, "cannot group by"),
    ("bad --pair", args("report", "--pair", "xianning-2016", "--out", "/tmp/x"), ERR, "OLDER:NEWER"),
    ("--pair with an unknown id", lambda t: ["report", "--pair", "xianning-2016:nope", "--out", str(t / "r")],
     ERR, "nope"),
    ("unknown term", args("kwic", "量子纠缠通信"), OK, "0 occurrence(s)"),
    ("empty term", args("kwic", ""), ERR, "TERM"),
    ("blank --terms", args("trends", "--terms", " , ,", "--no-chart"), OK, "4G"),
    ("--where without =", args("keyness", "--where", "place"), ERR, "COLUMN=VALUE"),
    ("--where unknown column", args("keyness", "--where", "colour=red"), ERR, "colour"),
    ("keyness with nothing before", args("keyness", "--before", "1900"), ERR, "1900"),
    ("keyness --before abc", args("keyness", "--before", "abc"), ERR, "--before"),
    ("reuse --min-score nan", args("reuse", "--min-score", "nan"), ERR, "not a finite number"),
    ("reuse --min-score inf", args("reuse", "--min-score", "inf"), ERR, "not a finite number"),
    ("reuse --min-score -1", args("reuse", "--min-score", "-1"), ERR, "out of range"),
    ("reuse --min-score 0", args("reuse", "--min-score", "0"), ERR, "out of range"),
    ("reuse --limit -5", args("reuse", "--limit", "-5"), ERR, "out of range"),
    ("compare --min-score nan", args("compare", "xianning-2016", "zhaoqing-2024", "--min-score", "nan"), ERR,
     "not a finite number"),
    ("compare --show-above inf", args("compare", "xianning-2016", "zhaoqing-2024", "--show-above", "inf"),
     ERR, "not a finite number"),
    ("compare --min-relative -inf", args("compare", "a", "b", "--min-relative=-inf"), ERR, "finite"),
    ("compare --merge-ratio 2", args("compare", "a", "b", "--merge-ratio", "2"), ERR, "out of range"),
    ("kwic --width -1", args("kwic", "数据", "--width", "-1"), ERR, "out of range"),
    ("keyness --top -1", args("keyness", "--before", "2018", "--top", "-1"), ERR, "out of range"),
    ("keyness --min-freq 0", args("keyness", "--before", "2018", "--min-freq", "0"), ERR, "out of range"),
    ("unknown option", args("trends", "--colour"), ERR, "No such option"),
    ("unknown command", args("evolve-me"), ERR, "No such command"),
    ("missing argument", args("compare", "xianning-2016"), ERR, "Missing argument"),
    ("compare a plan with one paragraph", _no_provisions, OK, "没有任何编号"),
    ("compare a plan with itself", args("compare", "xianning-2016", "xianning-2016", "--limit", "1"), OK,
     "verbatim"),
    # output locations
    ("report into an existing folder", _report_existing, ERR, "--force"),
    ("report --out is a file", _report_into_file, ERR, "is a file"),
    ("report --out not writable", args("report", "xianning-2016", "--out", "/proc/evolve/r"), ERR,
     "cannot write"),
    ("trends --chart not writable", args("trends", "xianning-2016", "--chart", "/proc/evolve/t.png"), ERR,
     "/proc/evolve"),
    ("import into a folder of the user's", _import_existing, ERR, "choose another --out"),
    ("import a CSV without a text column", _import_csv_no_text, ERR, "text"),
    ("import an empty CSV", _import_empty_csv, ERR, ""),
    ("import a missing source", lambda t: ["import", str(t / "nope.csv"), "--out", str(t / "o")], ERR, "nope"),
    ("reuse on a folder without manifest", lambda t: ["reuse", str(t)], ERR, "manifest"),
    # lexicons
    ("lexicon malformed TOML", _lexicon("[themes\nx = 1"), ERR, "lexicon.toml"),
    ("lexicon wrong shape", _lexicon("themes = 5\n"), ERR, "lexicon.toml"),
    ("lexicon not UTF-8", _lexicon("[[themes]]\nname = '数据'\n".encode("gbk")), ERR, "lexicon.toml"),
    ("lexicon missing", args("trends", "--lexicon", "/nonexistent.toml"), ERR, "nonexistent.toml"),
    ("lexicon is a folder", lambda t: ["trends", "--lexicon", str(t)], ERR, "lexicon"),
]


def _check(code: int, out: str, err: str, expected: int, needle: str) -> None:
    assert "internal error" not in err and "Traceback" not in err + out, err
    if expected == CLEAN:
        assert code in (OK, ERR), err
        expected = code
    assert code == expected, f"exit {code}, stderr: {err[-800:]}"
    if expected == ERR:
        errors = [line for line in err.splitlines() if line.startswith("evolve: error:")]
        assert len(errors) == 1, err
        # the error is the last line; only notices naming skipped documents come before it
        assert err.splitlines()[-1] == errors[0]
        others = [ln for ln in err.splitlines()[:-1] if not ln.startswith(("evolve: notice", "  "))]
        assert not others, err
        assert needle in errors[0], errors[0]
    else:
        assert needle in out + err, (out[-2000:], err[-500:])


@pytest.mark.parametrize("name,build,expected,needle", CASES, ids=[c[0] for c in CASES])
def test_bad_input(name: str, build: Build, expected: int, needle: str, tmp_path: Path,
                   monkeypatch: pytest.MonkeyPatch, quick_charts: None) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("COLUMNS", "400")  # wide enough that the expected text is on one line
    argv = build(tmp_path)
    r = CliRunner().invoke(cli, argv, catch_exceptions=True)
    if r.exception is not None and not isinstance(r.exception, SystemExit):
        raise r.exception
    _check(r.exit_code, r.stdout, r.stderr, expected, needle)


def _blocking_case(kind: str, tmp: Path) -> list[str]:
    if kind == "fifo":
        fifo = tmp / "plan.txt"
        os.mkfifo(fifo)
        return ["parse", str(fifo)]
    if kind == "dev-zero":
        return ["parse", "/dev/zero"]
    if kind == "tty-like device":
        return ["parse", "/dev/urandom"]
    if kind in ("fifo in a corpus", "fifo in an indexed corpus"):
        d = corpus(tmp)
        (d / "a.txt").unlink()
        os.mkfifo(d / "a.txt")
        return ["corpus" if kind == "fifo in a corpus" else "reuse", str(d)]
    d = corpus(tmp)  # a manifest that is a FIFO
    (d / "manifest.csv").unlink()
    os.mkfifo(d / "manifest.csv")
    return ["corpus", str(d)]


@pytest.mark.parametrize("kind,expected", [("fifo", ERR), ("dev-zero", ERR), ("tty-like device", ERR),
                                           ("fifo in a corpus", OK), ("fifo in an indexed corpus", OK),
                                           ("fifo manifest", ERR)])
def test_files_that_could_block_do_not_hang(kind: str, expected: int, tmp_path: Path) -> None:
    argv = _blocking_case(kind, tmp_path)
    r = subprocess.run([sys.executable, "-m", "evolve", *argv], capture_output=True, text=True,
                       timeout=60, check=False)
    _check(r.returncode, r.stdout, r.stderr, expected, "not a regular file")


def test_suite_has_at_least_sixty_cases() -> None:
    assert len(CASES) >= 60


def test_report_page_escapes_hostile_text(tmp_path: Path, quick_charts: None) -> None:
    argv = _hostile_corpus(tmp_path, "report")
    (tmp_path / "c" / "b.txt").write_text(HOSTILE.replace("[pdf]", "<script>alert(1)</script>"), "utf-8")
    r = CliRunner().invoke(cli, [*argv, "--out", str(tmp_path / "r"), "--no-svg"])
    _check(r.exit_code, r.stdout, r.stderr, OK, "index.html")
    page = (tmp_path / "r" / "index.html").read_text("utf-8")
    assert "<script>alert" not in page and "&gt;alert(1)&lt;" in page  # in the KWIC lines
    assert "[pdf]标题[/url] :smile:" in page and "a[/url]" in page


def test_chart_labels_are_not_read_as_math(tmp_path: Path) -> None:
    """An invalid mathtext label (``$\\frac$``) crashed matplotlib at draw time."""
    r = CliRunner().invoke(cli, ["trends", "xianning-2016", "zhaoqing-2024", "--terms", r"数据,$\frac$,US$5",
                                 "--chart", str(tmp_path / "t.png")])
    _check(r.exit_code, r.stdout, r.stderr, OK, "t.png")
    assert (tmp_path / "t.png").stat().st_size > 1000
