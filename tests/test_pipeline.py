"""End to end, in process: a mixed spreadsheet -> evolve import -> evolve trends / evolve reuse."""

from __future__ import annotations

import datetime as dt
import json
import random
from collections import Counter
from pathlib import Path

from click.testing import CliRunner

from evolve.cli import cli
from evolve.records import Document

PLANTED = ("建设全市统一的政务数据共享交换平台,打通部门之间的数据壁垒,推动人口法人空间地理和电子证照"
           "等基础数据库向各级部门开放共享,到2015年底实现市级部门数据共享率达到百分之九十以上。")
COPY = PLANTED.replace("全市", "全区").replace("市级", "区级").replace("2015", "2021")

# (year cell, expected year): datetime cells, Chinese, ISO, slashes, a bare year, a timestamp
DATES = [(dt.datetime(2013, 4, 2), 2013), ("2014年7月1日", 2014), ("2015-03-30", 2015),
         ("2016/9/12", 2016), ("2017", 2017), ("2018-02-25 00:00:00", 2018),
         (dt.date(2019, 11, 5), 2019), ("二〇二〇年五月六日", 2020), ("2021-08-01", 2021),
         ("2022年12月30日", 2022), ("2023/1/9", 2023), ("2024", 2024)]


def _plans(corpus: dict[str, Document]) -> list[tuple[str, object, str]]:
    """20 plans (title, date cell, text) of distinct bundled provisions; one copies another."""
    pool = [p.full_text.replace("\n", "") for d in corpus.values() for p in d.provisions
            if p.kind == "item" and 40 <= len(p.full_text) <= 300]
    rng = random.Random(5)
    rng.shuffle(pool)
    plans = []
    for i in range(20):
        cell, year = DATES[i % len(DATES)]
        provs = [pool.pop() for _ in range(3)]
        if i == 2:  # 2015: the original
            provs.insert(1, PLANTED)
        if i == 8:  # 2021: the copy
            provs.append(COPY)
        body = "\n".join(f"({'一二三四'[k]}){t}" for k, t in enumerate(provs))
        text = f"{year}年智慧城市建设实施方案\n一、重点任务\n{body}\n"
        plans.append((f"第{i + 1}号智慧城市建设实施方案", cell, text))
    return plans


def test_spreadsheet_to_trends_and_reuse(tmp_path: Path, corpus: dict[str, Document]) -> None:
    from openpyxl import Workbook

    plans = _plans(corpus)
    wb = Workbook()
    ws = wb.active
    ws.append(["标题", "正文", "发布日期", "地区"])
    for k, (title, cell, text) in enumerate(plans):
        ws.append([title, text, cell, "银川" if k % 2 else "宁夏"])
    wb.save(tmp_path / "plans.xlsx")
    out = tmp_path / "c"

    runner = CliRunner()
    res = runner.invoke(cli, ["import", str(tmp_path / "plans.xlsx"), "--out", str(out), "--json"])
    assert res.exit_code == 0, res.output
    summary = json.loads(res.output)
    assert summary["documents"] == 20 and summary["index"]["parsed"] == 20

    res = runner.invoke(cli, ["trends", str(out), "--by", "year", "--json"])
    assert res.exit_code == 0, res.output
    groups = json.loads(res.output)["groups"]
    per_year = {int(g["year"]): g["documents"] for g in groups}  # one row per year and term
    assert per_year == dict(Counter(DATES[i % len(DATES)][1] for i in range(20)))
    assert per_year[2013] == 2 and per_year[2024] == 1

    res = runner.invoke(cli, ["reuse", str(out), "--json"])
    assert res.exit_code == 0, res.output
    report = json.loads(res.output)
    planted = [p for p in report["pairs"] if "政务数据共享交换平台" in p["a"]["text"]
               and "政务数据共享交换平台" in p["b"]["text"]]
    assert len(planted) == 1
    pair = planted[0]
    assert (pair["a"]["year"], pair["b"]["year"]) == (2015, 2021)
    assert pair["direction"] == "forward" and 0.7 <= pair["score"] < 1.0
    assert report["stats"]["cached"] is False

    again = json.loads(runner.invoke(cli, ["reuse", str(out), "--json"]).output)
    assert again["stats"]["cached"] is True and again["pairs"] == report["pairs"]
