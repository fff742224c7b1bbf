"""Importing collections: tables, sheets and folders of text files to a corpus directory."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from evolve.cli import cli
from evolve.corpus import load_corpus, read_manifest
from evolve.errors import ImportSourceError
from evolve.importer import EXCEL_CELL_LIMIT, guess_columns, import_sources, split_export_header

PLAN_A = ("关于印发智慧咸宁建设行动计划的通知\n一、信息基础设施提升计划\n"
          "(一)宽带咸宁提升行动。加快推进光纤到户改造,城区家庭宽带接入能力达到百兆以上。\n"
          "(二)无线城市建设行动。实现城区重点公共区域免费无线网络全覆盖,推进4G网络建设。\n")
PLAN_B = ("数字青岛2022年行动方案\n一、夯实数字基础设施\n"
          "(一)推进5G网络建设。新建5G基站5000个,实现城区和重点乡镇5G网络连续覆盖。\n"
          "(二)建设城市大脑。完善一网统管平台功能,推动城市运行数据汇聚共享和综合利用。\n")


def manifest_rows(out: Path) -> list[dict[str, str]]:
    with (out / "manifest.csv").open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def test_csv_with_chinese_column_names(tmp_path: Path) -> None:
    src = tmp_path / "plans.csv"
    with src.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["标题", "正文", "发布日期", "发文机关", "效力级别"])
        w.writerow(["智慧咸宁建设行动计划", PLAN_A, "2016年3月30日", "咸宁市人民政府办公室", "地方规范性文件"])
        w.writerow(["数字青岛2022年行动方案", PLAN_B, "2022-02-25", "青岛市人民政府办公厅", ""])
        w.writerow(["空白", "", "2020-01-01", "", ""])  # an empty text cell
        w.writerow(["智慧咸宁建设行动计划", PLAN_A.replace(",", ", "), "2016-03-30", "", ""])  # a duplicate
    summary = import_sources([src], tmp_path / "c")
    assert summary.columns["text"] == "正文" and summary.columns["title"] == "标题"
    assert summary.columns["date"] == "发布日期" and summary.columns["issuer"] == "发文机关"
    assert summary.written == 2
    assert summary.empty == ["plans.csv:4"]
    assert summary.duplicates == [{"origin": "plans.csv:5", "duplicate_of": "2016-智慧咸宁建设行动计划"}]
    rows = manifest_rows(tmp_path / "c")
    assert [r["year"] for r in rows] == ["2016", "2022"]
    assert summary.by_year == {"2016": 1, "2022": 1}
    assert rows[0]["date"] == "2016-03-30" and rows[0]["效力级别"] == "地方规范性文件"
    docs = load_corpus(tmp_path / "c")
    assert docs[0].meta.issuer == "咸宁市人民政府办公室"
    assert docs[1].meta.year == 2022 and len(docs[1].provisions) >= 2


def test_xlsx_every_sheet_english_columns_and_truncated_cell(tmp_path: Path) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "2016"
    ws.append(["Title", "Policy Content", "Release Time", "City"])
    ws.append(["Smart Xianning", PLAN_A, "2016-03-30", "咸宁"])
    ws2 = wb.create_sheet("2022")
    ws2.append(["Title", "Policy Content", "Release Time", "City"])
    long_text = (PLAN_B * 400)[:EXCEL_CELL_LIMIT]
    ws2.append(["Digital Qingdao", long_text, "2022-02-25 00:00:00", "青岛"])
    wb.save(tmp_path / "plans.xlsx")
    summary = import_sources([tmp_path / "plans.xlsx"], tmp_path / "c")
    assert summary.written == 2
    assert summary.columns["text"] == "Policy Content" and summary.columns["date"] == "Release Time"
    assert summary.columns["place"] == "City"
    rows = manifest_rows(tmp_path / "c")
    assert [r["place"] for r in rows] == ["咸宁", "青岛"]
    assert [r["truncated"] for r in rows] == ["", "yes"]
    assert summary.truncated == [rows[1]["id"]]
    assert rows[1]["date"] == "2022-02-25"
    one = import_sources([tmp_path / "plans.xlsx"], tmp_path / "d", sheet="2016")
    assert one.written == 1


@pytest.mark.parametrize("fmt", ["parquet", "jsonl"])
def test_parquet_and_json_lines(tmp_path: Path, fmt: str) -> None:
    import pandas as pd

    frame = pd.DataFrame({"title": ["智慧咸宁", "数字青岛"], "content": [PLAN_A, PLAN_B],
                          "date": ["2016-03-30", "2022-02-25"], "topic": ["smart city", "digital"]})
    src = tmp_path / f"plans.{fmt}"
    if fmt == "parquet":
        frame.to_parquet(src)
    else:
        frame.to_json(src, orient="records", lines=True, force_ascii=False)
    summary = import_sources([src], tmp_path / "c")
    assert summary.written == 2
    assert [r["topic"] for r in manifest_rows(tmp_path / "c")] == ["smart city", "digital"]


def test_missing_column_lists_the_available_columns(tmp_path: Path) -> None:
    src = tmp_path / "plans.csv"
    src.write_text("标题,内容文字\n智慧咸宁,x\n", encoding="utf-8")
    with pytest.raises(ImportSourceError, match="available columns: 标题, 内容文字"):
        import_sources([src], tmp_path / "c")
    with pytest.raises(ImportSourceError, match=r"no column .正文本. for --text-column.*标题, 内容文字"):
        import_sources([src], tmp_path / "c", columns={"text": "正文本"})
    assert import_sources([src], tmp_path / "c", columns={"text": "内容文字"}).empty == ["plans.csv:2"]


@pytest.mark.parametrize(("columns", "expected"), [
    (
        ["正文", "标题", "发布日期", "发文机关"],
        {"text": "正文", "title": "标题", "date": "发布日期", "issuer": "发文机关"},
    ),
    (["Policy Content", "Release Time", "Title"], {"text": "Policy Content", "date": "Release Time", "title": "Title"}),
    (["全文", "政策名称", "发布时间", "发布部门", "地区"],
     {"text": "全文", "title": "政策名称", "date": "发布时间", "issuer": "发布部门", "place": "地区"}),
    (["内容", "名称", "发文单位", "层级"], {"text": "内容", "title": "名称", "issuer": "发文单位", "level": "层级"}),
    (["正文", "发布机构", "级别"], {"text": "正文", "issuer": "发布机构", "level": "级别"}),
])
def test_column_guesses(columns: list[str], expected: dict[str, str]) -> None:
    got = guess_columns(columns, {})
    assert {k: v for k, v in got.items() if v} == expected


def test_folder_of_text_files(tmp_path: Path) -> None:
    folder = tmp_path / "export"
    folder.mkdir()
    header = ("【法宝引证码】CLI.12.345678\n【发布部门】咸宁市人民政府办公室\n【发文字号】咸政办发〔2016〕21号\n"
              "【发布日期】2016.03.30\n原文链接:https://www.pkulaw.com/lar/abc.html\n")
    (folder / "智慧咸宁建设行动计划.txt").write_text(header + PLAN_A, encoding="utf-8")
    (folder / "数字青岛.txt").write_bytes(PLAN_B.encode("gb18030"))
    (folder / "broken.txt").write_bytes(b"\x00\x01\x02PK\x03\x04" * 50)
    summary = import_sources([folder], tmp_path / "c")
    assert summary.written == 2
    assert summary.skipped == [{"file": "broken.txt", "reason": "looks like a binary file, not a text plan"}]
    rows = {r["source_file"].removesuffix(".txt"): r for r in manifest_rows(tmp_path / "c")}
    xn = rows["智慧咸宁建设行动计划"]
    assert xn["citation_code"] == "CLI.12.345678"
    assert xn["source_url"] == "https://www.pkulaw.com/lar/abc.html"
    assert xn["issuer"] == "咸宁市人民政府办公室" and xn["doc_number"] == "咸政办发〔2016〕21号"
    assert xn["year"] == "2016" and xn["date"] == "2016-03-30"
    text = (tmp_path / "c" / xn["file"]).read_text(encoding="utf-8")
    assert "法宝引证码" not in text and "原文链接" not in text and "pkulaw" not in text
    assert rows["数字青岛"]["encoding"] == "gb18030"
    assert "5G基站" in (tmp_path / "c" / rows["数字青岛"]["file"]).read_text(encoding="utf-8")
    assert len(read_manifest(tmp_path / "c")) == 2


def test_export_header_is_metadata_not_text() -> None:
    body, fields = split_export_header("【法宝引证码】CLI.1\n原文链接:http://x\n正文第一行\n")
    assert body == "正文第一行" and fields == {"citation_code": "CLI.1", "source_url": "http://x"}


def test_existing_corpus_needs_overwrite(tmp_path: Path) -> None:
    src = tmp_path / "plans.csv"
    src.write_text(f"正文\n\"{PLAN_A}\"\n", encoding="utf-8")
    import_sources([src], tmp_path / "c")
    with pytest.raises(ImportSourceError, match="--overwrite"):
        import_sources([src], tmp_path / "c")
    assert import_sources([src], tmp_path / "c", overwrite=True).written == 1
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".c.")]  # no temp dirs left


def test_cli_import_json(tmp_path: Path) -> None:
    src = tmp_path / "plans.csv"
    src.write_text(f"标题,正文\n智慧咸宁,\"{PLAN_A}\"\n数字青岛,\"{PLAN_B}\"\n", encoding="utf-8")
    res = CliRunner().invoke(cli, ["import", str(src), "--out", str(tmp_path / "c"), "--json"])
    assert res.exit_code == 0, res.output
    out = json.loads(res.output)
    assert out["documents"] == 2 and out["index"]["parsed"] == 2
    assert set(out) >= {"duplicates", "truncated", "skipped", "columns"}
    res = CliRunner().invoke(cli, ["import", str(src), "--out", str(tmp_path / "d"), "--text-column", "nope"])
    assert res.exit_code == 2 and "available columns: 标题, 正文" in res.output


def test_folder_of_every_format_nested_bad_files_named(tmp_path: Path) -> None:
    from tests.makedocs import make_docx, make_pdf, make_scanned_pdf

    folder = tmp_path / "收集"
    (folder / "pdf" / "2021").mkdir(parents=True)
    (folder / "word").mkdir()
    make_pdf(folder / "pdf" / "2021" / "2021-07-05_数字青岛建设方案.pdf", PLAN_B.strip().split("\n"),
             headings=frozenset({0, 1}))
    make_docx(folder / "word" / "政府工作报告2016.docx", [("p", line) for line in PLAN_A.strip().split("\n")])
    (folder / "laws.md").write_text("# 锦州市数据条例\n\n第一条 为了促进数据依法有序流动,保障数据安全,制定本条例。\n",
                                    encoding="utf-8")
    (folder / "page.html").write_bytes(("<html><body><h1>肇庆市数字政府方案</h1><p>一、总体要求</p>"
                                        "<p>推进一网通办,实现高频事项全程网办。</p></body></html>").encode("gb18030"))
    (folder / "2015.txt").write_text(PLAN_A.replace("智慧咸宁", "智慧宁夏"), encoding="utf-16")
    (folder / "bom.txt").write_bytes(b"\xef\xbb\xbf" + PLAN_B.encode("gb18030"))
    (folder / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512)
    make_scanned_pdf(folder / "pdf" / "scan.pdf")
    (folder / "empty.md").write_bytes(b"")
    (folder / "~$政府工作报告2016.docx").write_bytes(b"\x00" * 162)
    (folder / ".DS_Store").write_bytes(b"\x00\x01")
    (folder / "notes.xyz").write_text("not a plan", encoding="utf-8")
    summary = import_sources([folder], tmp_path / "c")
    skipped = {s["file"]: s["reason"] for s in summary.skipped}
    assert set(skipped) == {"bom.txt", "old.doc", "pdf/scan.pdf", "empty.md", "~$政府工作报告2016.docx"}
    assert "not UTF-8" in skipped["bom.txt"] and "save it as .docx" in skipped["old.doc"]
    assert "OCR" in skipped["pdf/scan.pdf"]
    assert summary.written == 5
    rows = {r["source_file"]: r for r in manifest_rows(tmp_path / "c")}
    assert rows["pdf/2021/2021-07-05_数字青岛建设方案.pdf"]["format"] == "pdf"
    assert rows["pdf/2021/2021-07-05_数字青岛建设方案.pdf"]["date"] == "2021-07-05"
    assert rows["word/政府工作报告2016.docx"]["year"] == "2016"
    assert rows["2015.txt"]["year"] == "2015" and rows["2015.txt"]["encoding"] == "utf-16"
    docs = {d.extra["source_file"]: d for d in load_corpus(tmp_path / "c")}
    assert "5G基站5000个" in docs["pdf/2021/2021-07-05_数字青岛建设方案.pdf"].text
    assert docs["laws.md"].provisions[0].label == "第一条"


def test_long_csv_texts_are_not_reported_as_cut(tmp_path: Path) -> None:
    long_text = PLAN_A + "(三)推进数据共享。" * 4000  # 44,000 characters: long, not cut
    src = tmp_path / "plans.csv"
    src.write_text(f"标题,正文\n智慧咸宁,\"{long_text}\"\n", encoding="utf-8")
    res = CliRunner().invoke(cli, ["import", str(src), "--out", str(tmp_path / "c"), "--no-index"])
    assert res.exit_code == 0, res.output
    assert "32,767" not in res.output
    assert json.loads((tmp_path / "c" / "import.json").read_text(encoding="utf-8"))["truncated"] == []


def _import_twice(tmp_path: Path) -> tuple[Path, Path]:
    src = tmp_path / "plans.csv"
    src.write_text(f"标题,正文\n智慧咸宁,\"{PLAN_A}\"\n数字青岛,\"{PLAN_B}\"\n", encoding="utf-8")
    out = tmp_path / "c"
    res = CliRunner().invoke(cli, ["import", str(src), "--out", str(out)])
    assert res.exit_code == 0, res.output
    return src, out


def test_overwrite_keeps_the_users_own_files(tmp_path: Path) -> None:
    src, out = _import_twice(tmp_path)
    (out / "notes.md").write_text("我的笔记", encoding="utf-8")
    (out / "analysis").mkdir()
    (out / "analysis" / "counts.csv").write_text("a,b\n", encoding="utf-8")
    (out / "docs" / "mine.txt").write_text("我自己的文件", encoding="utf-8")
    old_docs = {r["file"] for r in manifest_rows(out)}
    src.write_text(f"标题,正文\n智慧咸宁,\"{PLAN_A}\"\n", encoding="utf-8")  # one document fewer
    res = CliRunner().invoke(cli, ["import", str(src), "--out", str(out), "--overwrite", "--json"])
    assert res.exit_code == 0, res.output
    assert json.loads(res.output)["index"]["parsed"] == 0  # the index came along: nothing changed
    assert (out / "notes.md").read_text(encoding="utf-8") == "我的笔记"
    assert (out / "analysis" / "counts.csv").exists() and (out / "docs" / "mine.txt").exists()
    new_docs = {r["file"] for r in manifest_rows(out)}
    assert len(new_docs) == 1 and all(not (out / f).exists() for f in old_docs - new_docs)
    assert not [p.name for p in tmp_path.iterdir() if p.name.startswith(".c.")]


def test_overwrite_refuses_what_it_would_lose(tmp_path: Path) -> None:
    src, out = _import_twice(tmp_path)
    target = out / manifest_rows(out)[0]["file"]
    # a user's file where the new import writes: refused, nothing touched
    src.write_text(f"标题,正文\n智慧宁夏,\"{PLAN_A.replace('咸宁', '宁夏')}\"\n", encoding="utf-8")
    (out / "docs" / "智慧宁夏.txt").write_text("我的", encoding="utf-8")
    with pytest.raises(ImportSourceError, match="did not write, and the import would write over it"):
        import_sources([src], out, overwrite=True)
    assert target.exists() and (out / "docs" / "智慧宁夏.txt").read_text(encoding="utf-8") == "我的"
    # a corpus written by hand is not the importer's to replace
    hand = tmp_path / "hand"
    hand.mkdir()
    (hand / "manifest.csv").write_text("id,file\na,a.txt\n", encoding="utf-8")
    (hand / "a.txt").write_text(PLAN_A, encoding="utf-8")
    with pytest.raises(ImportSourceError, match="did not write"):
        import_sources([src], hand, overwrite=True)
    assert (hand / "a.txt").exists()


_KILLER = """
import os, signal, sys
from evolve.importer import import_sources
sig = getattr(signal, sys.argv[3])
import_sources([sys.argv[1]], sys.argv[2], overwrite=True, progress=lambda n: os.kill(os.getpid(), sig))
"""


def _killed_import(src: Path, out: Path, sig: str) -> int:
    import subprocess
    import sys

    return subprocess.run([sys.executable, "-c", _KILLER, str(src), str(out), sig], timeout=120).returncode


def test_sigterm_during_import_leaves_nothing_behind(tmp_path: Path) -> None:
    src, out = _import_twice(tmp_path)
    before = sorted(p.name for p in out.rglob("*"))
    assert _killed_import(src, out, "SIGTERM") == 128 + 15
    assert not [p.name for p in tmp_path.iterdir() if p.name.startswith(".c.")]
    assert sorted(p.name for p in out.rglob("*")) == before  # the previous corpus, untouched


def test_after_sigkill_the_next_import_removes_the_leftovers_safely(tmp_path: Path) -> None:
    import subprocess

    src, out = _import_twice(tmp_path)
    assert _killed_import(src, out, "SIGKILL") == -9
    left = [p for p in tmp_path.iterdir() if p.name.startswith(".c.")]
    assert len(left) == 1 and (left[0] / ".evolve-import").exists()
    # not an import's folder, and an import still running: neither is touched
    (tmp_path / ".c.mine").mkdir()
    sleeper = subprocess.Popen(["sleep", "60"])
    try:
        running = tmp_path / ".c.running"
        running.mkdir()
        (running / ".evolve-import").write_text(json.dumps({"pid": sleeper.pid, "host": __import__("socket")
                                                            .gethostname()}), encoding="utf-8")
        summary = import_sources([src], out, overwrite=True)
        assert any("left by an interrupted import" in n for n in summary.notices)
        assert not left[0].exists() and (tmp_path / ".c.mine").exists() and running.exists()
    finally:
        sleeper.kill()
        sleeper.wait()


def test_a_swap_cut_between_its_renames_is_undone(tmp_path: Path) -> None:
    src, out = _import_twice(tmp_path)
    (out / "notes.md").write_text("我的笔记", encoding="utf-8")
    out.rename(tmp_path / ".c.old")  # as if killed right after the first rename
    with pytest.raises(ImportSourceError, match="--overwrite"):
        import_sources([src], out)  # the old corpus is back, so this needs --overwrite again
    assert (out / "notes.md").exists() and len(read_manifest(out)) == 2


def test_level_words_and_years_of_a_spreadsheet(tmp_path: Path) -> None:
    src = tmp_path / "plans.csv"
    src.write_text(f"正文,级别,发布日期\n\"{PLAN_A}\",地级市,2016年3月30日\n\"{PLAN_B}\",副省级,2022.0\n",
                   encoding="utf-8")
    import_sources([src], tmp_path / "c")
    rows = manifest_rows(tmp_path / "c")
    assert [(r["level"], r["year"]) for r in rows] == [("prefecture", "2016"), ("sub-provincial", "2022")]


def test_a_partly_scanned_pdf_is_kept_and_its_pages_without_text_counted(tmp_path: Path) -> None:
    from reportlab.pdfgen import canvas

    from tests.makedocs import make_pdf

    make_pdf(tmp_path / "warm.pdf", ["预热"])  # registers the font
    (tmp_path / "in").mkdir()
    c = canvas.Canvas(str(tmp_path / "in" / "mixed.pdf"))
    c.setFont("STSong-Light", 12)
    for k, line in enumerate(PLAN_B.strip().split("\n")):
        c.drawString(72, 700 - 20 * k, line)
    c.showPage()
    c.rect(72, 400, 300, 200, fill=1)  # a scanned page: an image, no text
    c.showPage()
    c.save()
    summary = import_sources([tmp_path / "in"], tmp_path / "c")
    assert summary.written == 1
    assert manifest_rows(tmp_path / "c")[0]["pages_without_text"] == "1"
