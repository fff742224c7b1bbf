"""Trend charts at scale: documents become groups above a few dozen, a year without documents
breaks the line, panels say whether they share a y-scale, one figure is saved in both formats."""

from __future__ import annotations

import math
import re
import warnings
from dataclasses import replace
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from PIL import Image

from evolve.records import Document, TrendTable
from evolve.render.chart_rows import DETAIL_MAX, chart_rows
from evolve.render.charts import heatmap_figure, term_trends_figure
from evolve.render.trend_charts import chart_paths, trend_charts
from evolve.trends.lexicon import load_lexicon, resolve_terms
from evolve.trends.measures import UNKNOWN, group_table, term_table, theme_table

PLACES = ("杭州", "宁波", "温州", "成都", "绵阳", "贵阳", "遵义")


@pytest.fixture(scope="module")
def lexicon():  # type: ignore[no-untyped-def]
    return load_lexicon()


@pytest.fixture(scope="module")
def many(corpus: dict[str, Document]) -> list[Document]:
    """70 plans: the dated seeds again and again, as other cities in 2013–2024 (no 2019); 遵义
    has 28 of them, the others 7 each."""
    seeds = [d for d in corpus.values() if d.meta.year is not None]
    years = [y for y in range(2013, 2025) if y != 2019]
    return [replace(seeds[i % len(seeds)], id=f"plan-{i}",
                    meta=replace(seeds[i % len(seeds)].meta, place=PLACES[min(i % 10, 6)],
                                 year=years[i % len(years)]))
            for i in range(70)]


def _scaled(table: TrendTable, times: int) -> TrendTable:
    """The same counts for ``times`` as many documents (ids made unique)."""
    parts = [table.counts.assign(id=table.counts["id"] + f"#{k}") for k in range(times)]
    return replace(table, counts=pd.concat(parts, ignore_index=True))


def test_few_documents_are_rows_many_are_groups(corpus: dict[str, Document], many: list[Document],
                                                lexicon) -> None:  # type: ignore[no-untyped-def]
    terms = resolve_terms(["5G", "算力"], lexicon)
    few = chart_rows(term_table(list(corpus.values()), terms))
    assert few.by is None and len(few.keys) == 5 and few.labels[0] == "咸宁 2016"
    assert few.labels[-1] == "锦州 年份不详"  # undated last
    rows = chart_rows(term_table(many, terms))
    assert len(many) > DETAIL_MAX and rows.by == "year"
    assert [k for k in rows.keys] == [str(y) for y in range(2013, 2025) if y != 2019]
    assert sum(rows.documents) == 70 and rows.labels[0] == "2013 (7)"
    assert "括号内为规划数" in rows.what
    by_place = chart_rows(term_table(many, terms), by="place", max_groups=3)
    assert by_place.keys[0] == "遵义" and by_place.labels[0] == "遵义 (28)"
    assert len(by_place.keys) == 3 and by_place.left_out == 4
    assert "共 7 组" in by_place.what
    # a group's count is the sum of its documents' counts, as group_table says
    g = group_table(term_table(many, terms), "year")
    want = int(g[(g["year"] == "2016") & (g["term"] == "5G")]["count"].iloc[0])
    got = rows.frame[(rows.frame["key"] == "2016") & (rows.frame["term"] == "5G")]["count"]
    assert int(got.iloc[0]) == want > 0


def test_heatmap_size_does_not_grow_with_documents(many: list[Document], lexicon) -> None:  # type: ignore[no-untyped-def]
    table = term_table(many, resolve_terms(list(lexicon.default_terms), lexicon))
    sizes = []
    for times in (1, 15):  # 70 and 1,050 documents
        fig = heatmap_figure(_scaled(table, times), table.terms)
        sizes.append(tuple(fig.get_size_inches()))
        texts = [t.get_text() for t in fig.axes[0].texts]
        assert len(texts) == 11 * len(table.terms)  # one cell per (year, term)
    # the same height; a little wider for the wider numbers, not 15 times wider
    assert sizes[0][1] == sizes[1][1] and sizes[0][0] <= sizes[1][0] < 1.2 * sizes[0][0]


def test_a_year_without_documents_breaks_the_line(many: list[Document], lexicon) -> None:  # type: ignore[no-untyped-def]
    table = term_table(many, resolve_terms(["5G", "数据要素"], lexicon))
    by_year = group_table(table, "year")
    fig = term_trends_figure(by_year[by_year["year"] != UNKNOWN], table.terms)
    line = fig.axes[0].lines[0]
    xs, ys = np.asarray(line.get_xdata()), np.asarray(line.get_ydata(), dtype=float)
    assert list(xs) == list(range(2013, 2025))
    assert math.isnan(ys[xs == 2019][0]) and not np.isnan(ys[xs != 2019]).any()
    strip = fig.axes[-1]  # documents per year, "无" where there are none
    assert [t.get_text() for t in strip.texts][6] == "无"


def test_panels_share_a_y_scale_or_say_they_do_not(corpus: dict[str, Document], lexicon) -> None:  # type: ignore[no-untyped-def]
    docs = list(corpus.values())
    for names, shared in ((["5G", "算力"], True), (["数据", "低空经济"], False)):
        table = term_table(docs, resolve_terms(names, lexicon))
        by_year = group_table(table, "year")
        fig = term_trends_figure(by_year[by_year["year"] != UNKNOWN], table.terms)
        limits = {fig.axes[k].get_ylim() for k in range(2)}
        title = fig._suptitle.get_text()
        assert (len(limits) == 1) is shared, (names, limits)
        assert ("纵轴刻度相同" in title) is shared and ("纵轴刻度不同" in title) is not shared


def test_each_chart_is_drawn_once_into_both_formats(many: list[Document], lexicon,  # type: ignore[no-untyped-def]
                                                    tmp_path: Path) -> None:
    table = term_table(many, resolve_terms(list(lexicon.default_terms), lexicon))
    themes = theme_table(many, lexicon)
    with warnings.catch_warnings():
        warnings.filterwarnings("error", message=r".*Glyph .* missing", category=UserWarning)
        written = trend_charts(_scaled(table, 15), _scaled(themes, 15), tmp_path,
                               milestones=lexicon.milestones, formats=("png", "svg"))
    names = sorted(Path(f).name for f, _ in written)
    assert names == ["heatmap.png", "heatmap.svg", "terms.png", "terms.svg", "themes.png",
                     "themes.svg"]
    for stem in ("terms", "themes", "heatmap"):
        w, h = Image.open(tmp_path / f"{stem}.png").size
        assert w < 2500 and h < 2500, (stem, w, h)  # 1,050 documents, grouped by year
        assert "规划" in (tmp_path / f"{stem}.svg").read_text("utf-8") or stem == "terms"
    shows = dict(written)
    assert "year group" in shows[str(tmp_path / "themes.png")]
    # --themes writes its trend lines to a file of their own, not over terms.png
    assert chart_paths(tmp_path, "theme")["trends"] == [tmp_path / "theme-trends.png"]
    assert chart_paths(tmp_path / "x.svg", "term")["heatmap"] == [tmp_path / "x-heatmap.svg"]


def test_cli_trends_table_shows_years_above_a_few_dozen_plans(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from evolve.cli import cli

    rows = ["id,file,place,year,title"]
    for i in range(DETAIL_MAX + 2):
        year = 2016 + i % 3
        (tmp_path / f"p{i}.txt").write_text(
            f"{year}年工作要点\n一、重点任务\n(一)推进5G建设。\n(二)建设算力中心{i}。\n", "utf-8")
        rows.append(f"p{i},p{i}.txt,{PLACES[i % len(PLACES)]},{year},{year}年工作要点")
    (tmp_path / "manifest.csv").write_text("\n".join(rows) + "\n", "utf-8")
    r = CliRunner().invoke(cli, ["trends", str(tmp_path), "--terms", "5G,算力", "--no-chart"])
    assert r.exit_code == 0, r.output
    assert "year 2016" in r.stdout and "so the table shows years" in r.stdout
    assert "p31" not in r.stdout  # no column per plan
    # 2016: 11 plans (in the header), each says 5G once: 11 mentions, in 100% of the plans
    assert "11 plans" in r.stdout and re.search(r"│ +11 [\d.]+ 100% │", r.stdout)
