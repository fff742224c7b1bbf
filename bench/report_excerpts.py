"""Copy excerpts of the real provincial and city work reports into tests/data/report_targets/:
the part headings (一、2025年工作回顾 …), the paragraphs that open a part (今年是…, 做好今年…) and
every paragraph that names one of the main indicators, in their order. The tests read the excerpts
(a few kilobytes each) instead of the whole reports; tests/gold/*_targets.csv stays hand-written.

    .venv/bin/python bench/report_excerpts.py
"""

from __future__ import annotations

import csv
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path("/work/shared/corpora")
OUT = ROOT / "tests/data/report_targets"
KEEP = re.compile(r"生产总值|GDP|经济增长|消费价格|物价|新增就业|新增城镇就业|失业率|预期目标|今年|回顾|工作安排|"
                  r"主要任务|重点工作|十五五|十四五|“十|^[一二三四五六七八九十]、|^——\d{4}年")


def excerpt(text: str) -> str:
    paragraphs = [p for p in re.split(r"\n+", text) if p.strip()]
    return "\n".join(p for p in paragraphs if KEEP.search(p.strip())) + "\n"


def main() -> None:
    csv.field_size_limit(sys.maxsize)
    OUT.mkdir(parents=True, exist_ok=True)
    for f in sorted((SHARED / "provincial-2026").glob("2026_*.csv")):
        with open(f, encoding="utf-8-sig", newline="") as src:
            rows = list(csv.DictReader(src))
        for r in rows:
            r["full_text"] = excerpt(r["full_text"])
        with open(OUT / f.name, "w", encoding="utf-8", newline="") as dst:
            w = csv.DictWriter(dst, fieldnames=list(rows[0]))
            w.writeheader()
            w.writerows(rows)
    for f in sorted((SHARED / "city-reports-2024").glob("*.txt")):
        (OUT / f.name).write_text(excerpt(f.read_text(encoding="utf-8")), encoding="utf-8")


if __name__ == "__main__":
    main()
