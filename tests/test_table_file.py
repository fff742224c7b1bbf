"""A table file of one document (a scraped report as CSV) read as ``evolve import`` reads it; the
speech line and the speaker of a report are letterhead, not provisions."""

from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path

import pytest

from evolve.errors import InputError
from evolve.parse import parse_file, parse_text

# The first lines of the 2026 四川 report as the provincial collection in shared/ holds it: a CSV
# of one row, the page's furniture (来源, 字体 大 中 小, 分享) still in the text.
SICHUAN = ("2026年四川省人民政府工作报告\n2026年02月10日 07时41分\n来源:\n四川日报\n【字体：\n大\n中\n小\n】\n分享：\n"
           "2026年2月3日在四川省第十四届人民代表大会第五次会议上\n四川省人民政府省长 施小琳\n各位代表：\n"
           "现在，我代表省人民政府，向大会报告工作，请予审议，并请省政协委员提出意见。\n"
           "一、2025年工作回顾和“十四五”发展主要成绩\n过去一年，面对复杂严峻形势和多重超预期因素冲击，全力以赴拼经济搞建设。"
           "实现地区生产总值67665亿元，增长5.5%。\n二、2026年工作安排\n今年经济社会发展主要预期目标是：地区生产总值增长5%左右。\n")
ROW = {"province": "四川省", "year": "2026", "title": "2026年四川省人民政府工作报告",
       "source_url": "https://www.sc.gov.cn/10462/c105962s/2026/2/10/c3064029fbc341e99c8ce71ce3aec20c.shtml",
       "publish_date": "2026-02-25", "full_text": SICHUAN}


def _table(path: Path, rows: list[dict[str, str]]) -> Path:
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)
    return path


def test_a_table_of_one_report_is_its_text_column_with_its_columns_as_metadata(tmp_path: Path) -> None:
    doc = parse_file(_table(tmp_path / "2026_四川省_政府工作报告.csv", [ROW]))
    assert doc.reader == "table"
    assert (doc.meta.title, doc.meta.year, doc.meta.place) == ("2026年四川省人民政府工作报告", 2026, "四川省")
    assert doc.meta.sources["title"] == "table" and doc.meta.sources["date"] == "date line"
    # the report's own date line, not the day a site published it
    assert doc.meta.date == "2026-02-03"
    assert doc.extra["source_url"].startswith("https://www.sc.gov.cn/")
    text = "\n".join(p.text for p in doc.provisions)
    assert "province,year" not in text and "https://" not in text and "publish_date" not in text
    assert doc.provisions[0].text.startswith("现在,我代表省人民政府")  # no speech line, no speaker
    assert [h.label for path, h in doc.headings if not path] == ["一、", "二、"]


def test_a_short_line_not_after_a_speech_line_is_no_speaker() -> None:
    doc = parse_text("某市人民政府关于加强安全生产的通知\n各区人民政府:\n安全生产\n"
                     "一、压实责任。各区要落实属地责任。\n")
    assert any(p.text == "安全生产" for p in doc.provisions)


def test_import_dates_a_tables_report_by_its_own_date_line_as_reading_the_file_does(tmp_path: Path) -> None:
    from evolve.importer import import_sources

    quiet = {**ROW, "province": "云南省", "full_text": SICHUAN.replace("2026年2月3日在四川省", "在四川省")}
    table = _table(tmp_path / "reports.csv", [ROW, quiet])
    import_sources([table], tmp_path / "corpus")
    with (tmp_path / "corpus" / "manifest.csv").open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    # the speech date, as parse_file gives it; the site's date is kept under its column's name
    assert [(r["date"], r["publish_date"]) for r in rows] == [("2026-02-03", "2026-02-25"), ("2026-02-25", "")]
    # a date column the user names is taken as it is
    import_sources([table], tmp_path / "named", columns={"date": "publish_date"})
    with (tmp_path / "named" / "manifest.csv").open(encoding="utf-8") as fh:
        assert [r["date"] for r in csv.DictReader(fh)] == ["2026-02-25", "2026-02-25"]


def test_a_table_of_several_documents_is_refused_with_the_command_that_imports_it(tmp_path: Path) -> None:
    path = _table(tmp_path / "reports.csv", [ROW, {**ROW, "province": "云南省"}])
    with pytest.raises(InputError, match="a table of several documents; import it as a corpus"):
        parse_file(path)
    r = subprocess.run([sys.executable, "-c", "from evolve.cli import main; main()", "parse", str(path)],
                       capture_output=True, text=True, timeout=120, check=False)
    assert r.returncode == 2 and r.stderr.count("\n") == 1 and "evolve import" in r.stderr


@pytest.mark.parametrize("lines", [
    "——2024年1月16日在亳州市第五届人民代表大会第三次会议上\n",  # 亳州, 2024
    "(2024年1月31日在黔东南州第十五届人民代表大会第四次会议上)\n州长杨光杰\n",  # 黔东南, 2024
    "——2024年2月1日在防城港市第七届人民代表大会第五次会议上\n市长黄江\n",  # 防城港, 2024
    "2026年2月3日在四川省第十四届人民代表大会第五次会议上\n四川省人民政府省长 施小琳\n",
    "——2026年1月26日在广东省第十四届\n人民代表大会第五次会议上\n广东省省长孟凡利\n",  # broken over two lines
    "——2026年2月3日在湖南省第十四届人民代表大会第四次会议上\n毛伟明\n",  # 湖南: the name alone
])
def test_a_reports_speech_line_and_speaker_are_no_provisions(lines: str) -> None:
    doc = parse_text("政府工作报告\n" + lines + "各位代表:\n现在,我代表市人民政府向大会报告工作,请予审议。\n"
                     "一、2023年工作回顾\n过去一年,全市地区生产总值增长6%。\n")
    assert doc.provisions[0].text.startswith("各位代表") or doc.provisions[0].text.startswith("现在")
    assert doc.meta.date is not None and doc.meta.date[:4] in lines
