"""Hostile and careless input, class by class (issue 21): names that would escape, writes cut
short, manifests that must round-trip, decodings that must refuse rather than garble, options the
code does not take, corpora that shadow each other, and no command writing outside its folder.

Each class is fixed at its root (``evolve.output.safe_name``, ``atomic_path``, the manifest's
column rules, ``load.decode``); the cases here try many members of each class. Most run in
process; the few that need a real process (a closed stdout) run in a subprocess.
"""

from __future__ import annotations

import csv
import errno
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from evolve.cli import cli
from evolve.errors import CorpusError, ImportSourceError, InputError
from evolve.importer import _make_id, import_sources
from evolve.load import decode
from evolve.manifest import read_manifest
from evolve.output import MAX_NAME_BYTES, atomic_path, safe_name, write_text

ROOT = Path(__file__).resolve().parent.parent
TABLES = ROOT / "tests" / "data" / "provincial-tables"
OK, ERR = 0, 2

PLAN = ("关于推进数字{place}建设的实施方案\n一、重点任务\n"
        "(一)推进城市大脑建设。整合城管、交通、环保等领域感知数据,形成城市运行一张图。\n"
        "(二)加快政务云平台建设。推动各部门业务系统向政务云迁移,实现数据共享。牵头单位:市数据局\n")
ZH = ("关于推进数字银川建设的实施方案一、重点任务推进城市大脑建设整合城管交通环保等领域感知数据"
      "形成城市运行一张图加快政务云平台建设推动各部门业务系统向政务云迁移实现数据共享")
KO = "대한민국 정부는 디지털 정부 혁신을 추진하고 있습니다. 국민의 삶을 개선하기 위해 데이터를 활용합니다. "


def run(argv: list[str], **env: str) -> tuple[int, str, str]:
    r = CliRunner().invoke(cli, argv, catch_exceptions=True, env=env or None)
    if r.exception is not None and not isinstance(r.exception, SystemExit):
        raise r.exception
    return r.exit_code, r.stdout, r.stderr


def one_error(code: int, err: str, needle: str = "") -> None:
    """Exit 2 with exactly one ``evolve: error:`` line (the last), holding ``needle``."""
    assert code == ERR, err
    assert "internal error" not in err and "Traceback" not in err, err
    lines = err.splitlines()
    assert lines and lines[-1].startswith("evolve: error:"), err
    assert sum(1 for ln in lines if ln.startswith("evolve: error:")) == 1, err
    assert needle in lines[-1], lines[-1]


def corpus(d: Path, rows: list[tuple[str, str]], *, texts: dict[str, str] | None = None,
           extra: str = "") -> Path:
    """A corpus folder: rows (id, year), one plan file each (named by a counter, not the id)."""
    d.mkdir(parents=True, exist_ok=True)
    lines = ["id,file,year" + (f",{extra}" if extra else "")]
    for n, (rid, year) in enumerate(rows):
        name = f"p{n}.txt"
        (d / name).write_text((texts or {}).get(rid, PLAN.format(place="银川" if n % 2 else "吴忠")), "utf-8")
        cell = '"' + rid.replace('"', '""') + '"'
        lines.append(f"{cell},{name},{year}" + (",x" if extra else ""))
    (d / "manifest.csv").write_text("\n".join(lines) + "\n", "utf-8")
    return d


def tree(root: Path, *, skip: Path | None = None) -> dict[str, tuple[int, int]]:
    """Every path under ``root`` (but ``skip``) with its size and modification time."""
    out = {}
    for dirpath, dirnames, filenames in os.walk(root):
        base = Path(dirpath)
        if skip is not None and (base == skip or skip in base.parents):
            continue
        for name in dirnames + filenames:
            p = base / name
            if skip is not None and p == skip:
                continue
            st = p.lstat()
            out[str(p.relative_to(root))] = (st.st_size if not p.is_dir() else 0, st.st_mtime_ns)
    return out


# --- 1. names that escape: one safe_name for every file named after data -----------------------

HOSTILE_NAMES = [
    "../../../escape-b", "..", ".", "", "/etc/passwd", "a/b/c", "a\\b\\..\\c", "C:\\Windows\\x",
    ".hidden", "...", "-rf", "~", "~/x", "a\x00b", "a\nb", "a\rb", "\x1b[2J", "\x1b]0;pwned\x07",
    "云南省" * 14, "数" * 200, "a" * 300, "CON", "nul", "com1.txt", "LPT9", "a:b", 'a"b', "a*b?c",
    "a<b>c|d", "\u202etxt.exe", "\u2028x\u2029", " spaced out ", "trailing.", "emoji😀" * 30,
    "tab\there", "x" * 254 + "/", "../" * 50 + "x", "\u200bzero-width",
]


@pytest.mark.parametrize("name", HOSTILE_NAMES, ids=range(len(HOSTILE_NAMES)))
def test_safe_name_stays_in_its_folder(name: str, tmp_path: Path) -> None:
    safe = safe_name(name, suffix=".html")
    assert safe.endswith(".html") and len(safe.encode("utf-8")) <= MAX_NAME_BYTES
    stem = safe[:-5]
    assert stem and not stem.startswith((".", "-", " ")) and stem not in (".", "..")
    assert not any(c in safe for c in "/\\\x00\n\r\x1b:*?\"<>|\u2028\u2029")
    p = tmp_path / safe
    p.write_text("x", "utf-8")  # the file system takes it …
    assert p.resolve().parent == tmp_path.resolve()  # … in the folder, not above it


def test_safe_name_resolves_collisions_case_insensitively() -> None:
    taken: set[str] = set()
    names = [safe_name(n, suffix=".csv", taken=taken)
             for n in ["a/b", "a\\b", "a:b", "A-B", "a-b", "数" * 200, "数" * 201, "数" * 200]]
    assert len({n.lower() for n in names}) == len(names)
    assert all(len(n.encode()) <= MAX_NAME_BYTES for n in names)


def test_long_names_that_share_a_beginning_stay_apart() -> None:
    a, b = safe_name("数" * 100 + "甲"), safe_name("数" * 100 + "乙")
    assert a != b and len(a.encode()) <= MAX_NAME_BYTES


def _report(tmp: Path, ids: list[str], pairs: list[str]) -> tuple[int, str, str, Path]:
    c = corpus(tmp / "c", [(rid, str(2016 + k)) for k, rid in enumerate(ids)])
    out = tmp / "work" / "r"
    argv = ["report", str(c), "--out", str(out), "--no-svg", "--json"]
    for pair in pairs:
        argv += ["--pair", pair]
    code, stdout, err = run(argv)
    return code, stdout, err, out


def test_report_files_named_after_hostile_ids_stay_inside_out(tmp_path: Path, quick_charts: None) -> None:
    ids = ["../../../escape-b", "云南省创建生态文明建设排头兵促进条例实施细则" * 2, "a\\..\\b", "CON"]
    before = tree(tmp_path)
    code, stdout, err, out = _report(tmp_path, ids, [f"{ids[0]}:{ids[1]}", f"{ids[2]}:{ids[3]}"])
    assert code == OK, err
    files = json.loads(stdout)["files"]
    assert len([f for f in files if f.startswith("compare/")]) == 2
    for f in files:
        p = (out / f).resolve()
        assert p.is_file() and out.resolve() in p.parents, f
        assert all(len(part.encode()) <= 255 for part in Path(f).parts)
    after = tree(tmp_path, skip=out)
    new = set(after) - set(before)
    assert new <= {"c", "c/manifest.csv", *(f"c/p{n}.txt" for n in range(4)), "work"}, new


def test_report_pages_of_ids_that_collide_after_cleaning_are_kept_apart(tmp_path: Path,
                                                                         quick_charts: None) -> None:
    ids = ["a/b", "a|b", "a\\b", "A-B"]
    code, stdout, err, _ = _report(tmp_path, ids, [f"{ids[0]}:{ids[1]}", f"{ids[2]}:{ids[3]}",
                                                     f"{ids[1]}:{ids[3]}"])
    assert code == OK, err
    pages = [f for f in json.loads(stdout)["files"] if f.startswith("compare/")]
    assert len({p.lower() for p in pages}) == 3


# --- 2. report --force never deletes a user's file ----------------------------------------------

@pytest.mark.parametrize("user_file", ["index.html", "tables/mine.csv", "charts/fig.png", "compare/x.html",
                                       "tables"])
def test_report_force_into_a_corpus_never_deletes_a_users_file(user_file: str, tmp_path: Path) -> None:
    c = corpus(tmp_path / "c", [("a", "2016"), ("b", "2020")])
    p = c / user_file
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_text("<p>我的规划</p>", "utf-8")
    before = tree(c)
    code, _, err = run(["report", str(c), "--out", str(c), "--force", "--no-svg"])
    one_error(code, err, "not written by evolve report")
    assert tree(c) == before


def test_report_force_replaces_its_own_report_and_keeps_the_users_files(tmp_path: Path,
                                                                        quick_charts: None) -> None:
    c = corpus(tmp_path / "c", [("a", "2016"), ("b", "2020")])
    out = tmp_path / "r"
    assert run(["report", str(c), "--out", str(out), "--no-svg"])[0] == OK
    (out / "notes.txt").write_text("mine", "utf-8")
    code, _, err = run(["report", str(c), "--out", str(out), "--force", "--no-svg"])
    assert code == OK, err
    assert (out / "notes.txt").read_text("utf-8") == "mine" and (out / ".evolve-report.json").is_file()


# --- 3. manifests that round-trip whatever columns a table brings -------------------------------

CLASHING = [
    ("File", "甲.txt"), ("file", "乙.txt"), ("FILE", "丙"), ("Year", "2019"), ("origin", "网站"),
    ("id", "X-1"), ("ID", "X-2"), ("content_hash", "abc"), ("truncated", "no"), ("Origin", "o"),
    ("source_id", "s"), ("Content Hash", "h"), ("文件名", "名.doc"), ("path", "/x/y"),
    ("doc_id", "d-1"), ("Title", "别的标题"),
]


@pytest.mark.parametrize("column,value", CLASHING, ids=[c for c, _ in CLASHING])
def test_a_tables_column_named_like_evolves_own_is_kept_not_overwritten(column: str, value: str,
                                                                        tmp_path: Path) -> None:
    src = tmp_path / "t.csv"
    with src.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["标题", "正文", "发布日期", column])
        w.writerow(["数字银川建设方案", PLAN.format(place="银川"), "2016-03-30", value])
    import_sources([src], tmp_path / "c")
    [entry] = read_manifest(tmp_path / "c")
    assert entry.path.is_file() and entry.path.parent.name == "docs"  # evolve's file, not the user's
    # a column Year is the year (it is one); every other is kept beside evolve's, as NAME or source_NAME
    assert entry.meta["title"] == "数字银川建设方案"
    assert entry.meta["year"] == ("2019" if column == "Year" else "2016")
    kept = [k for k, v in entry.meta.items() if v == value]
    assert kept and all(k in (column, "year", "title", "source_id") or k.startswith("source_") for k in kept), \
        (column, entry.meta)


def test_year_column_in_chinese_is_read_by_import(tmp_path: Path) -> None:
    src = tmp_path / "t.csv"
    src.write_text("标题,正文,年份\n数字银川建设方案,\"" + PLAN.format(place="银川") + "\",2018年\n", "utf-8")
    summary = import_sources([src], tmp_path / "c")
    assert summary.columns.get("year") == "年份" and summary.by_year == {"2018": 1}
    assert read_manifest(tmp_path / "c")[0].meta["year"] == "2018"


def test_manifest_cell_longer_than_the_csv_modules_limit(tmp_path: Path) -> None:
    d = tmp_path / "c"
    d.mkdir()
    (d / "a.txt").write_text(PLAN.format(place="银川"), "utf-8")
    (d / "manifest.csv").write_text('id,file,note\na,a.txt,"' + "长" * 200_000 + '"\n', "utf-8")
    [e] = read_manifest(d)
    assert len(e.meta["note"]) == 200_000


def test_import_of_a_plan_longer_than_the_csv_limit_reads_back(tmp_path: Path) -> None:
    src = tmp_path / "t.csv"
    with src.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["标题", "正文", "备注"])
        w.writerow(["数字银川建设方案", PLAN.format(place="银川") * 2000, "注" * 140_000])
    import_sources([src], tmp_path / "c")
    [e] = read_manifest(tmp_path / "c")
    assert len(e.meta["备注"]) == 140_000


MULTILINE = [
    '"银川市\n兴庆区,解放西街1号"',  # an address with a comma on its second line
    '"第一行\n第二行\n第三行"',
    '"a,b,c\nd,e,f"',  # commas on every line, but no plan file where the file column is
    '"备注：\n1, 2, 3"',
]


@pytest.mark.parametrize("cell", MULTILINE, ids=range(len(MULTILINE)))
def test_a_properly_quoted_multi_line_value_is_kept(cell: str, tmp_path: Path) -> None:
    d = tmp_path / "c"
    d.mkdir()
    (d / "a.txt").write_text(PLAN.format(place="银川"), "utf-8")
    (d / "b.txt").write_text(PLAN.format(place="吴忠"), "utf-8")
    (d / "manifest.csv").write_text(f"id,file,note\na,a.txt,{cell}\nb,b.txt,x\n", "utf-8")
    entries = read_manifest(d)
    assert [e.id for e in entries] == ["a", "b"]
    assert entries[0].meta["note"] == " ".join(cell.strip('"').split())


def test_a_quote_that_swallows_rows_is_still_an_error(tmp_path: Path) -> None:
    d = tmp_path / "c"
    d.mkdir()
    (d / "manifest.csv").write_text('id,file,note\na,a.txt,"oops\nb,b.txt,x\nc,c.txt,"\n', "utf-8")
    with pytest.raises(CorpusError, match="swallows"):
        read_manifest(d)


@pytest.mark.parametrize("header", ["id,file,File", "id,file,FILE", "id,file,Year,year", "id,file, id"])
def test_a_manifest_with_two_columns_of_one_name_keeps_both(header: str, tmp_path: Path) -> None:
    d = tmp_path / "c"
    d.mkdir()
    (d / "a.txt").write_text(PLAN.format(place="银川"), "utf-8")
    n = header.count(",") + 1
    values = ["a", "a.txt"] + [f"v{k}" if "ear" not in header else "2016" for k in range(n - 2)]
    (d / "manifest.csv").write_text(header + "\n" + ",".join(values) + "\n", "utf-8")
    [e] = read_manifest(d)
    assert e.id == "a" and e.path == d / "a.txt"  # the first column of the name is the one
    assert len(e.meta) >= n - 2


# --- 4. decoding that refuses what it cannot read rightly ---------------------------------------

DECODES = [
    ("utf-16-le, no mark, Chinese only", ZH.encode("utf-16-le"), "utf-16-le"),
    ("utf-16-be, no mark, Chinese only", ZH.encode("utf-16-be"), "utf-16-be"),
    ("utf-16-le, no mark, lines", (ZH + "\n2016年\n" + ZH).encode("utf-16-le"), "utf-16-le"),
    ("utf-16-be, no mark, lines", (ZH + "\r\n(一)\r\n" + ZH).encode("utf-16-be"), "utf-16-be"),
    ("utf-32-le with mark", ("\ufeff" + ZH).encode("utf-32-le"), "utf-32"),
    ("utf-32-be with mark", ("\ufeff" + ZH).encode("utf-32-be"), "utf-32"),
    ("utf-32 with mark and lines", ("\ufeff" + ZH + "\n一、\n" + ZH).encode("utf-32-le"), "utf-32"),
    ("utf-16 with mark", ZH.encode("utf-16"), "utf-16"),
    ("gbk", ZH.encode("gbk"), "gb18030"),
    ("gb18030", ZH.encode("gb18030"), "gb18030"),
    ("utf-8 with mark", ZH.encode("utf-8-sig"), "utf-8-sig"),
]


@pytest.mark.parametrize("name,data,encoding", DECODES, ids=[d[0] for d in DECODES])
def test_decodings_that_are_read(name: str, data: bytes, encoding: str) -> None:
    text, enc = decode(data)
    assert enc == encoding and text.lstrip("\ufeff").startswith(ZH)


REFUSED = [
    ("euc-kr", KO * 4, "euc-kr", "Korean"),
    ("cp949", KO * 4, "cp949", "Korean"),
    ("euc-kr short", KO * 2, "euc-kr", "Korean"),
    ("euc-kr lines", (KO + "\n") * 6, "euc-kr", "Korean"),
    ("euc-kr with digits", "2024년 " + KO * 3, "euc-kr", "Korean"),
]


@pytest.mark.parametrize("name,text,encoding,needle", REFUSED, ids=[r[0] for r in REFUSED])
def test_korean_is_refused_not_read_as_gb18030(name: str, text: str, encoding: str, needle: str) -> None:
    with pytest.raises(InputError, match=needle):
        decode(text.encode(encoding))


@pytest.mark.parametrize("data", [b"\xff\xfe\x00\x00" + b"\x00\xd8\x00\x00" * 50,
                                  b"\x00\x00\xfe\xff" + bytes(range(200)),
                                  b"\xff\xfe" + bytes(range(256)) * 4],
                         ids=["utf-32 mark, lone surrogates", "utf-32-be mark, junk", "utf-16 mark, junk"])
def test_a_byte_order_mark_before_something_else_is_refused(data: bytes) -> None:
    with pytest.raises(InputError):
        decode(data)


@pytest.mark.parametrize("sep", ["\u2028", "\u2029", "\x85", "\r\n", "\r"])
def test_unicode_line_separators_are_line_ends(sep: str, tmp_path: Path) -> None:
    from evolve.parse import parse_file

    lines = ["关于推进数字银川建设的实施方案", "一、重点任务"] + [
        f"({n})推进第{n}项建设。整合城管、交通、环保等领域感知数据,形成城市运行一张图。" for n in "一二三四五六"]
    f = tmp_path / "plan.txt"
    f.write_text(sep.join(lines) + sep, "utf-8", newline="")
    assert len(parse_file(f).provisions) == 6


@pytest.mark.parametrize("value", ["2016年3月", "2016-03", "2016", "二〇一六年三月", "2016年", "'2016年3月'"])
def test_front_matter_date_gives_the_year(value: str, tmp_path: Path) -> None:
    from evolve.parse import parse_file

    f = tmp_path / "plan.md"
    f.write_text(f"---\ntitle: 方案\ndate: {value}\n---\n" + PLAN.format(place="银川"), "utf-8")
    assert parse_file(f).meta.year == 2016


# --- 5. import: ids, folders of tables, skipped tables, names, locks ----------------------------

def test_id_deduplication_ends_on_ids_that_look_like_its_own_suffixes() -> None:
    taken: set[str] = set()
    got = []
    for title in ["甲", "甲-00004", "甲-00004-3", "甲", "甲", "甲-2", "甲"]:
        rid = _make_id({"title": title}, 4, taken)
        taken.add(rid)
        got.append(rid)
    assert len(set(got)) == len(got)


IDS = [
    ("2020年云南省创建生态文明建设排头兵促进条例", "", "2020", "2020-云南省创建生态文明建设排头兵促进条例"),
    ("2026年北京市政府工作报告", "北京市", "2026", "2026-北京市-政府工作报告"),
    ("2026年政府工作报告", "云南省", "2026", "2026-云南省-政府工作报告"),
    ("2016-2020年锦州市信息化规划", "", "2016", "2016-锦州市信息化规划"),
    ("2021年度数字经济发展报告", "", "2021", "2021-数字经济发展报告"),
]


@pytest.mark.parametrize("title,place,year,expected", IDS, ids=[i[3] for i in IDS])
def test_ids_read_well_and_never_repeat_the_year(title: str, place: str, year: str, expected: str) -> None:
    assert _make_id({"title": title, "place": place, "year": year}, 1, set()) == expected


LONG_TITLES = [
    "国务院办公厅关于促进平台经济规范健康发展的指导意见",
    "关于印发《数字中国建设整体布局规划》的通知",
    "中共中央国务院关于构建更加完善的要素市场化配置体制机制的意见",
    "关于加快推进国有企业数字化转型工作的通知",
    "工业和信息化部关于印发新型数据中心发展三年行动计划的通知",
]


@pytest.mark.parametrize("title", LONG_TITLES)
def test_long_titles_are_cut_at_a_word(title: str) -> None:
    import rjieba

    rid = _make_id({"title": title, "year": "2021"}, 1, set())
    kept = rid.removeprefix("2021-")
    assert kept and len(kept) <= 20 and "2021-2021" not in rid
    flat = title.replace("《", "").replace("》", "")
    ends, pos = set(), 0
    for w in rjieba.cut(flat):
        pos += len(w)
        ends.add(pos)
    assert flat.startswith(kept) and len(kept) in ends, (rid, title)  # a whole number of words


def test_a_folder_of_real_tables_is_read_and_the_failures_table_named(tmp_path: Path) -> None:
    summary = import_sources([TABLES], tmp_path / "c")
    assert summary.written == 3
    assert [s["file"] for s in summary.skipped] == ["failures_2026.csv"]
    assert "text" in summary.skipped[0]["reason"] and "province, reason" in summary.skipped[0]["reason"]
    ids = sorted(e.id for e in read_manifest(tmp_path / "c"))
    assert ids == ["2026-云南省-政府工作报告", "2026-北京市-政府工作报告", "2026-贵州省-政府工作报告"]


def test_a_table_without_text_among_tables_on_the_command_line_is_skipped(tmp_path: Path) -> None:
    files = sorted(TABLES.glob("*.csv"))
    summary = import_sources(files, tmp_path / "c")
    assert summary.written == 3 and summary.skipped[0]["file"].endswith("failures_2026.csv")


@pytest.mark.parametrize("content", ["a,b\n1,2\n", "a,b\n", "", "标题,日期\n数字银川,2016\n", "\ufeff\n\n"],
                         ids=["no text column", "header only", "empty", "titles only", "blank lines"])
def test_a_broken_table_in_a_folder_never_stops_the_import(content: str, tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    (src / "plan.txt").write_text(PLAN.format(place="银川"), "utf-8")
    (src / "bad.csv").write_text(content, "utf-8")
    summary = import_sources([src], tmp_path / "c")
    assert summary.written == 1
    assert [s["file"] for s in summary.skipped] == ["bad.csv"] and summary.skipped[0]["reason"]


def test_the_cli_names_the_skipped_table(tmp_path: Path) -> None:
    code, out, err = run(["import", str(TABLES), "--out", str(tmp_path / "c"), "--no-index"])
    assert code == OK, err
    assert "failures_2026.csv: cannot tell which column holds the text" in out


@pytest.mark.parametrize("raw", [b"\xd6\xd0\xce\xc4.txt", b"\xb1\xa8\xb8\xe6 2016.txt", b"\xff\xfe\xfd.txt",
                                 b"sub/\xc3\x28.md"], ids=["gbk", "gbk with a year", "junk", "bad utf-8"])
def test_file_names_that_are_not_utf8(raw: bytes, tmp_path: Path) -> None:
    src = tmp_path / "src"
    path = os.fsencode(src) + b"/" + raw
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as fh:
        fh.write(PLAN.format(place="银川").encode())
    summary = import_sources([src], tmp_path / "c")
    assert summary.written == 1
    json.dumps(summary.to_dict(), ensure_ascii=False).encode("utf-8")  # no surrogates left
    [e] = read_manifest(tmp_path / "c")
    e.meta["source_file"].encode("utf-8")
    if raw.startswith(b"\xd6\xd0"):
        assert e.meta["source_file"] == "中文.txt"


def test_a_second_import_into_the_same_out_is_refused_while_one_runs(tmp_path: Path) -> None:
    from evolve.publish import import_lock

    src = tmp_path / "p.txt"
    src.write_text(PLAN.format(place="银川"), "utf-8")
    with import_lock(tmp_path / "c"), pytest.raises(ImportSourceError, match="another import"):
        import_sources([src], tmp_path / "c")
    assert not (tmp_path / "c").exists()
    import_sources([src], tmp_path / "c")  # the lock is gone with the first import
    assert sorted(p.name for p in tmp_path.iterdir()) == ["c", "p.txt"]


def test_import_into_an_empty_existing_folder(tmp_path: Path) -> None:
    src = tmp_path / "p.txt"
    src.write_text(PLAN.format(place="银川"), "utf-8")
    (tmp_path / "c").mkdir()
    assert import_sources([src], tmp_path / "c").written == 1
    assert len(read_manifest(tmp_path / "c")) == 1


def test_import_into_a_folder_inside_the_source_does_not_read_itself(tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    (src / "p.txt").write_text(PLAN.format(place="银川"), "utf-8")
    import_sources([src], src / "corpus")
    again = import_sources([src], src / "corpus", overwrite=True)
    assert again.written == 1 and not again.duplicates


def test_import_workers_restore_the_default_sigterm(monkeypatch: pytest.MonkeyPatch) -> None:
    from evolve import importer, workers

    used = []

    def fake(func, items, **kw):  # type: ignore[no-untyped-def]
        used.append(kw)
        return map(func, items)

    monkeypatch.setattr(workers, "fork_map", fake)
    monkeypatch.setattr(importer.folders, "PARALLEL_FROM", 1)
    list(importer._read_all([(Path("/nonexistent.txt"), "x.txt")] * 2))
    assert used  # the pool with the worker initialiser (workers._worker_init) was used


def test_a_full_disk_while_indexing_is_one_clear_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import sqlite3

    from evolve import index

    src = tmp_path / "p.txt"
    src.write_text(PLAN.format(place="银川"), "utf-8")

    def full(*a: object, **k: object) -> None:
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(index, "sync", full)
    code, _, err = run(["import", str(src), "--out", str(tmp_path / "c")])
    one_error(code, err, "index could not be")


# --- 6. writes cut short leave the old file or none ---------------------------------------------

def _disk_full(*a: object, **k: object) -> None:
    raise OSError(errno.ENOSPC, "No space left on device")


def test_atomic_path_keeps_the_old_file_when_the_write_fails(tmp_path: Path) -> None:
    target = tmp_path / "page.html"
    target.write_text("old", "utf-8")
    with pytest.raises(OSError), atomic_path(target) as tmp:
        tmp.write_text("half", "utf-8")
        _disk_full()
    assert target.read_text("utf-8") == "old" and sorted(p.name for p in tmp_path.iterdir()) == ["page.html"]


def test_atomic_write_replaces_whole(tmp_path: Path) -> None:
    target = tmp_path / "a.txt"
    write_text(target, "新" * 1000)
    write_text(target, "新")
    assert target.read_text("utf-8") == "新" and [p.name for p in tmp_path.iterdir()] == ["a.txt"]


def test_compare_html_on_a_full_disk_leaves_no_partial_page(tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    from evolve.render import compare_page

    page = tmp_path / "c.html"
    page.write_text("old page", "utf-8")
    real = compare_page.compare_page

    def half(al: object) -> str:
        real(al)  # type: ignore[arg-type]
        _disk_full()
        return ""

    monkeypatch.setattr(compare_page, "compare_page", half)
    code, _, err = run(["compare", "xianning-2016", "zhaoqing-2024", "--html", str(page)])
    one_error(code, err, "No space left")
    assert page.read_text("utf-8") == "old page" and [p.name for p in tmp_path.iterdir()] == ["c.html"]


def test_reuse_out_on_a_full_disk_leaves_no_partial_tables(tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    from evolve.reuse import tables

    out = tmp_path / "reuse"
    calls = {"n": 0}
    real = tables.ReuseTables.batches

    def batches(self, name):  # type: ignore[no-untyped-def]
        calls["n"] += 1
        if calls["n"] == 3:
            _disk_full()
        return real(self, name)

    monkeypatch.setattr(tables.ReuseTables, "batches", batches)
    code, _, err = run(["reuse", "--out", str(out)])
    one_error(code, err, "No space left")
    assert not out.exists() or list(out.iterdir()) == []


def test_a_chart_on_a_full_disk_leaves_no_partial_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from matplotlib.figure import Figure

    from evolve.errors import OutputError
    from evolve.render.charts import save

    monkeypatch.setattr(Figure, "savefig", lambda self, p, **k: (Path(p).write_bytes(b"half"), _disk_full()))
    with pytest.raises(OutputError, match="No space"):
        save(Figure(), tmp_path / "t.png")
    assert list(tmp_path.iterdir()) == []


def test_an_import_that_fails_while_writing_leaves_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from evolve import importer

    src = tmp_path / "p.txt"
    src.write_text(PLAN.format(place="银川"), "utf-8")
    monkeypatch.setattr(importer, "_write_manifest", _disk_full)
    with pytest.raises(OSError):
        import_sources([src], tmp_path / "c")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["p.txt"]


# --- 7. options, stdout, terminal, messages -----------------------------------------------------

@pytest.mark.parametrize("by", ["chars", "documents", "count", "per_10k", "term", "docs_with", "share",
                                "nonexistent"])
def test_trends_by_refuses_what_it_cannot_group_by(by: str) -> None:
    code, _, err = run(["trends", "xianning-2016", "zhaoqing-2024", "--by", by, "--no-chart"])
    one_error(code, err, "cannot group by")


@pytest.mark.parametrize("columns", ["0", "-1", "abc", "5", "99999999999", " ", "80x"])
def test_bad_columns_still_print(columns: str) -> None:
    code, out, err = run(["corpus"], COLUMNS=columns)
    assert code == OK, err
    assert "xianning-2016" in out


def test_a_closed_stdout_is_one_clear_line() -> None:
    r = subprocess.run([sys.executable, "-c", "import os; os.close(1); from evolve.cli import main; main()",
                        "corpus"], capture_output=False, stderr=subprocess.PIPE, text=True, timeout=120,
                       check=False)
    one_error(r.returncode, r.stderr, "standard output is closed")


ESCAPES = ["\x1b[2J\x1b[H", "\x1b]0;pwned\x07", "\x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\", "\x9b31m",
           "\x07\x08bell", "\x1bc"]


@pytest.mark.parametrize("escape", ESCAPES, ids=range(len(ESCAPES)))
def test_escape_sequences_in_manifest_values_never_reach_the_terminal(escape: str, tmp_path: Path) -> None:
    d = tmp_path / "c"
    d.mkdir()
    (d / "a.txt").write_text(PLAN.format(place="银川"), "utf-8")
    with (d / "manifest.csv").open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows([["id", "file", "title", "place", "year"],
                                  [f"a{escape}", "a.txt", f"标题{escape}", f"银川{escape}", "2016"]])
    code, out, err = run(["corpus", str(d)])
    assert code == OK, err
    assert not any(c in out + err for c in "\x1b\x07\x08\x9b"), repr(out)


@pytest.mark.parametrize("escape", ESCAPES, ids=range(len(ESCAPES)))
def test_escape_sequences_in_a_plans_text_are_normalised_away(escape: str, tmp_path: Path) -> None:
    # a plan pasted from a console keeps its words, not the colour codes, in every output (the
    # CSV written to a terminal too)
    src = tmp_path / "a.txt"
    src.write_text(PLAN.format(place="银川").replace("城市大脑", f"城市{escape}大脑"), "utf-8")
    for args in (["kwic", str(src), "城市", "--csv"], ["parse", str(src), "--json"]):
        code, out, err = run(args)
        assert code == OK, err
        assert not any(c in out for c in "\x1b\x07\x08\x9b"), repr(out)
    visible = {2: "link", 4: "bell"}.get(ESCAPES.index(escape), "")  # the text the escapes wrap stays
    code, out, _ = run(["kwic", str(src), f"城市{visible}大脑", "--json"])
    assert code == OK and len(json.loads(out)["hits"]) == 1


def test_a_form_feed_between_pages_is_a_line_break() -> None:
    from evolve.normalize import normalise

    text = normalise("一、重点任务\f(一)推进城市大脑建设。\v(二)加快政务云平台建设。").text
    assert text.splitlines() == ["一、重点任务", "(一)推进城市大脑建设。", "(二)加快政务云平台建设。"]


@pytest.mark.parametrize(("args", "needle"), [
    (["trends", "xianning-2016", "--chart", "{tmp}/t.gif"], ".png, .svg or .pdf, or into a folder, not .gif"),
    (["lineage", "xianning-2016", "zhaoqing-2024", "--chart", "{tmp}/l.jpg"], ".png, .svg or .pdf, not .jpg"),
    (["tools", "xianning-2016", "--chart", "{tmp}/m.html"], ".png, .svg or .pdf, not .html"),
    (["lineage", "xianning-2016", "zhaoqing-2024", "--chart", "{tmp}"], "is a directory")])
def test_a_chart_in_a_format_evolve_cannot_write_is_refused_before_any_work(args: list[str], needle: str,
                                                                            tmp_path: Path) -> None:
    code, _, err = run([a.format(tmp=tmp_path) for a in args])
    one_error(code, err, needle)
    assert list(tmp_path.iterdir()) == []


def test_a_chart_as_pdf_is_a_pdf(tmp_path: Path) -> None:
    code, _, err = run(["lineage", "xianning-2016", "zhaoqing-2024", "--chart", str(tmp_path / "l.pdf")])
    assert code == OK, err
    assert (tmp_path / "l.pdf").read_bytes().startswith(b"%PDF")


@pytest.mark.parametrize("message", ["a\nb", "a\r\nb", "x\x1b[2Jy", "a\u2028b", "tab\tbed", "\n\nlead"])
def test_error_messages_are_one_line(message: str) -> None:
    from evolve.cli._common import one_line

    line = one_line(message)
    assert "\n" not in line and "\r" not in line and "\x1b" not in line and "\u2028" not in line and line


def test_a_pandas_error_with_several_lines_is_one(tmp_path: Path) -> None:
    src = tmp_path / "t.csv"
    src.write_text('标题,正文\n"a,"b\n"c,d\n', "utf-8")
    code, _, err = run(["import", str(src), "--out", str(tmp_path / "c")])
    one_error(code, err)


# --- 8. corpora that shadow each other ----------------------------------------------------------

def test_two_corpora_with_one_id_keep_both_with_a_notice(tmp_path: Path) -> None:
    a = corpus(tmp_path / "A", [("doc-00001", "2016"), ("doc-00002", "2017")])
    b = corpus(tmp_path / "B", [("doc-00001", "2020"), ("doc-00002", "2021")],
               texts={"doc-00001": PLAN.format(place="吴忠"), "doc-00002": PLAN.format(place="固原")})
    code, out, err = run(["corpus", str(a), str(b), "--json"])
    assert code == OK, err
    ids = [d["id"] for d in json.loads(out)["documents"]]
    assert len(ids) == 4 and len(set(ids)) == 4 and "B/doc-00001" in ids
    assert "appear in more than one corpus" in err


def test_one_corpus_named_twice_counts_once(tmp_path: Path) -> None:
    a = corpus(tmp_path / "A", [("x", "2016"), ("y", "2017")])
    code, out, err = run(["corpus", str(a), str(a), "--json"])
    assert code == OK and len(json.loads(out)["documents"]) == 2 and "more than one" not in err


# --- 9. trends with many terms is bounded ---------------------------------------------------------

def test_trends_with_a_thousand_terms_draws_at_most_the_cap(tmp_path: Path, quick_charts: None) -> None:
    import random
    import time

    from evolve.render.trend_charts import MAX_CHART_TERMS

    rng = random.Random(1)
    chars = "数据城市建设发展推进智慧政务平台服务管理创新产业经济网络安全共享开放"
    terms: set[str] = set()
    while len(terms) < 1000:
        terms.add("".join(rng.choice(chars) for _ in range(rng.choice((2, 3, 4)))))
    start = time.monotonic()
    code, out, err = run(["trends", "xianning-2016", "zhaoqing-2024", "--terms", ",".join(sorted(terms)),
                          "--chart", str(tmp_path / "t.png"), "--json"])
    assert code == OK, err
    assert time.monotonic() - start < 120
    shows = [c["shows"] for c in json.loads(out)["charts"]]
    assert any(f"the {MAX_CHART_TERMS} most frequent of 1,000 terms" in s for s in shows)
    assert len(json.loads(out)["terms"]) == 1000


# --- 10. no command writes outside the folder it was given ---------------------------------------

def _writers(tmp: Path, out: Path, c: Path) -> list[list[str]]:
    src = tmp / "in" / "plans"
    return [
        ["report", str(c), "--out", str(out / "report"), "--no-svg"],
        ["import", str(src), "--out", str(out / "corpus")],
        ["import", str(TABLES), "--out", str(out / "tables")],
        ["reuse", str(c), "--out", str(out / "reuse")],
        ["compare", str(c / "p0.txt"), str(c / "p1.txt"), "--html", str(out / "c.html")],
        ["trends", str(c), "--chart", str(out / "charts")],
        ["trends", str(c), "--chart", str(out / "t.png"), "--themes"],
        ["lineage", str(c), "--chart", str(out / "lineage.png")],
    ]


def test_no_command_writes_outside_the_folder_it_was_given(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                           quick_charts: None) -> None:
    inputs = tmp_path / "in"
    c = corpus(inputs / "c", [("a", "2016"), ("b", "2020"), ("../../x", "2021")])
    plans = inputs / "plans"
    plans.mkdir()
    for k, place in enumerate(["银川", "吴忠", "固原"]):
        (plans / f"{k}.txt").write_text(PLAN.format(place=place), "utf-8")
    cwd = tmp_path / "cwd"
    cwd.mkdir()
    monkeypatch.chdir(cwd)
    out = tmp_path / "out"
    for argv in _writers(tmp_path, out, c):
        out.mkdir(exist_ok=True)
        before = tree(tmp_path, skip=out)
        code, _, err = run(argv)
        assert code == OK, (argv, err)
        after = tree(tmp_path, skip=out)
        # the corpus index is the corpora's own cache: reuse and import keep it in the corpus
        changed = {k for k in set(before) | set(after) if before.get(k) != after.get(k)}
        changed = {k for k in changed if ".evolve-index" not in k and k != "in/c"}
        assert not changed, (argv, changed)
        for p in out.rglob("*"):
            assert out.resolve() in p.resolve().parents or p.resolve() == out.resolve()


# --- 11. more of the same classes, found by a second sweep -------------------------------------

@pytest.mark.parametrize("argv,needle", [
    (["import", "{p}", "--out", ""], "--out is empty"),
    (["import", "{p}", "--out", " "], "--out is empty"),
    (["compare", "{p}", "{p}", "--html", ""], "--html is empty"),
    (["trends", "{p}", "--chart", ""], "--chart is empty"),
    (["lineage", "{p}", "{p}", "--chart", ""], "--chart is empty"),
    (["import", "{p}", "--out", "."], "not a corpus directory"),
    (["import", "{p}", "--out", "sub/.."], "not a corpus directory"),
    (["import", "{p}", "--out", "{p}"], "not a corpus directory"),
    (["reuse", "--out", "{p}"], "cannot create the directory"),
    (["report", "{p}", "--out", "{p}"], "is a file"),
], ids=["import --out ''", "import --out ' '", "compare --html ''", "trends --chart ''", "lineage --chart ''",
        "import --out .", "import --out sub/..", "import --out a file", "reuse --out a file", "report --out a file"])
def test_empty_or_odd_output_names_are_refused_in_one_line(argv: list[str], needle: str, tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "sub").mkdir()
    p = tmp_path / "p.txt"
    p.write_text(PLAN.format(place="银川"), "utf-8")
    before = tree(tmp_path)
    code, _, err = run([a.replace("{p}", str(p)) for a in argv])
    one_error(code, err, needle)
    assert tree(tmp_path) == before


@pytest.mark.parametrize("manifest", ["id;file;year\na;a.txt;2016\n", "id\tfile\tyear\na\ta.txt\t2016\n",
                                      "id|file|year\na|a.txt|2016\n"], ids=["semicolons", "tabs", "bars"])
def test_a_manifest_saved_with_another_separator_is_read(manifest: str, tmp_path: Path) -> None:
    d = tmp_path / "c"
    d.mkdir()
    (d / "a.txt").write_text(PLAN.format(place="银川"), "utf-8")
    (d / "manifest.csv").write_text(manifest, "utf-8")
    [e] = read_manifest(d)
    assert (e.id, e.path.name, e.meta["year"]) == ("a", "a.txt", "2016")


def test_a_library_warning_is_one_line(tmp_path: Path) -> None:
    code = ("import warnings, sys\nfrom evolve.cli._common import _warning_line\n"
            "warnings.showwarning = _warning_line\n"
            "warnings.warn('first line\\nsecond line', UserWarning)\n"
            "warnings.warn('Tight layout not applied. The bottom margin', UserWarning)\n")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False)
    assert r.stderr.splitlines() == ["evolve: warning: first line second line"], r.stderr


def _handlers(_: int) -> tuple[object, object]:
    import signal

    return signal.getsignal(signal.SIGINT), signal.getsignal(signal.SIGTERM)


def test_pool_workers_ignore_ctrl_c_and_take_the_default_sigterm() -> None:
    import signal

    from evolve.workers import fork_map

    got = list(fork_map(_handlers, [1, 2], workers=2))
    assert all(h == (signal.SIG_IGN, signal.SIG_DFL) for h in got), got


def test_a_table_column_named_file_does_not_redirect_the_documents(tmp_path: Path) -> None:
    src = tmp_path / "t.csv"
    with src.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["标题", "正文", "File", "file", "FILE"])
        w.writerow(["数字银川建设方案", PLAN.format(place="银川"), "/etc/passwd", "../x.txt", "y"])
    import_sources([src], tmp_path / "c")
    [e] = read_manifest(tmp_path / "c")
    assert e.path.parent == tmp_path / "c" / "docs" and "城市大脑" in e.path.read_text("utf-8")
    assert {e.meta[k] for k in e.meta if k.startswith("source_")} >= {"/etc/passwd", "../x.txt", "y"}
