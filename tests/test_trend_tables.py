"""Golden tests of the trend table in a fixed-width console: whatever the number of groups, no
line is wider than the terminal and no term, place name or figure is folded mid-word."""

from __future__ import annotations

import io
import itertools
import os
from pathlib import Path

import pytest
from rich.cells import cell_len
from rich.console import Console

from evolve.parse import parse_text
from evolve.records import Term
from evolve.render.trends_view import trend_view
from evolve.trends.measures import group_table, term_span, term_table

GOLDEN = Path(__file__).parent / "golden"
PROVINCES = ("北京市", "天津市", "河北省", "山西省", "内蒙古自治区", "辽宁省", "吉林省", "黑龙江省",
             "上海市", "江苏省", "浙江省", "安徽省", "福建省", "江西省", "新疆维吾尔自治区",
             "广西壮族自治区")
TERMS = ("数字经济", "人工智能", "低空经济", "新质生产力", "数据要素", "算力", "人形机器人", "具身智能")
FILLER = "坚持稳中求进工作总基调,完整准确全面贯彻新发展理念,推动经济实现质的有效提升和量的合理增长。"


def _docs(places: tuple[str, ...], years: tuple[int, ...] = (2026,)):  # type: ignore[no-untyped-def]
    docs = []
    for i, place in enumerate(places):
        for y in years:
            parts = [FILLER * 3]
            for j, term in enumerate(TERMS):
                parts += [f"加快发展{term}。"] * ((i * 7 + j * 3 + y) % 6) + [FILLER]
            docs.append(parse_text("\n".join(parts), id=f"{y}-{place}",
                                   meta={"place": place, "year": y}))
    return docs


def _render(places: tuple[str, ...], by: str, width: int, years: tuple[int, ...] = (2026,)) -> str:
    table = term_table(_docs(places, years), [Term(t, (t,)) for t in TERMS])
    con = Console(width=width, file=io.StringIO(), color_system=None, force_terminal=False,
                  legacy_windows=False)
    con.print(trend_view(table, term_span(table.counts), group_table(table, by), by, width=width))
    return con.file.getvalue()  # type: ignore[attr-defined]


def _check_fits(out: str, width: int, names: tuple[str, ...]) -> None:
    lines = out.splitlines()
    assert max(cell_len(line) for line in lines) <= width
    for name in (*TERMS, *names):
        assert any(name in line for line in lines), f"{name} is not whole on any line"


@pytest.mark.parametrize("width", [120, 80])
def test_16_provinces_by_place_fit_and_match_the_golden_table(width: int) -> None:
    out = _render(PROVINCES, "place", width)
    _check_fits(out, width, PROVINCES)
    golden = GOLDEN / f"trends_by_place_16x8_{width}.txt"
    if os.environ.get("EVOLVE_UPDATE_GOLDEN"):
        golden.write_text(out, encoding="utf-8")
    assert out == golden.read_text(encoding="utf-8")


def test_a_few_groups_stay_as_columns() -> None:
    out = _render(PROVINCES[:3], "place", 120)
    _check_fits(out, 120, PROVINCES[:3])
    head = next(line for line in out.splitlines() if "北京市" in line)
    assert "天津市" in head and "河北省" in head  # the places are the columns


@pytest.mark.parametrize("width", [120, 60])
def test_35_years_fit(width: int) -> None:
    years = tuple(range(1990, 2025))
    out = _render(PROVINCES[:1], "year", width, years)
    _check_fits(out, width, tuple(str(y) for y in years))


ALL_31 = (*PROVINCES, "河南省", "湖北省", "湖南省", "广东省", "海南省", "重庆市", "四川省", "贵州省",
          "云南省", "西藏自治区", "陕西省", "甘肃省", "青海省", "宁夏回族自治区", "山东省")


def _no_overlap(labels) -> bool:  # type: ignore[no-untyped-def]
    boxes = [t.get_window_extent() for t in labels if t.get_text()]
    return all(not a.overlaps(b) for a, b in itertools.pairwise(boxes))


@pytest.mark.parametrize("places, years", [(ALL_31, (2026,)), (PROVINCES[:1], tuple(range(1975, 2025)))])
def test_heatmap_labels_do_not_overlap_at_31_groups_and_50_years(places, years) -> None:  # type: ignore[no-untyped-def]
    from evolve.render.charts import heatmap_figure

    table = term_table(_docs(places, years), [Term(t, (t,)) for t in TERMS])
    by = "place" if len(places) > 1 else "year"
    fig = heatmap_figure(table, TERMS, by=by)
    fig.canvas.draw()
    ax = fig.axes[0]
    assert len(ax.get_xticklabels()) == (31 if by == "place" else 50)
    assert _no_overlap(ax.get_xticklabels()) and _no_overlap(ax.get_yticklabels())


def test_every_chart_honours_by(tmp_path: Path) -> None:
    from evolve.render.trend_charts import trend_charts
    from evolve.trends.lexicon import load_lexicon
    from evolve.trends.measures import theme_table

    docs = _docs(PROVINCES)
    table = term_table(docs, [Term(t, (t,)) for t in TERMS])
    written = trend_charts(table, theme_table(docs, load_lexicon()), tmp_path, by="place")
    shows = [w for _, w in written]
    assert len(shows) == 3 and all("place group" in w for w in shows), shows
