"""A report for a corpus outside digital government (the State Council's work reports): no
findings from a lexicon that does not fit, the terms asked for named on the page, no banner
that does not apply, and no id passed off as a place."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from evolve.parse import parse_file
from evolve.records import Document
from evolve.report import build_report

DATA = Path(__file__).parent / "data" / "work-reports"


@pytest.fixture(scope="module")
def reports() -> list[Document]:
    # No place in the metadata: the report must not count the ids as places.
    return [parse_file(DATA / f"{y}.txt", id=f"{y}-{y}", meta={"year": y}) for y in (1985, 1998, 2008)]


@pytest.fixture(scope="module")
def plain(reports: list[Document], tmp_path_factory: pytest.TempPathFactory) -> tuple[str, list[str]]:
    res = build_report(reports, tmp_path_factory.mktemp("r") / "out", formats=("png",), max_pairs=1)
    return Path(res.page).read_text("utf-8"), list(res.notices)


def _text(page: str) -> str:
    return re.sub(r"<[^>]+>", " ", page)


def test_a_lexicon_that_does_not_fit_is_said_and_left_out(plain: tuple[str, list[str]]) -> None:
    page, notices = plain
    assert any("does not fit this corpus" in n for n in notices)
    keys = re.findall(r'<section id="([^"]+)"', page)
    assert "themes" not in keys and "terms" not in keys
    findings = _text(page.split('id="findings"')[1].split("<section")[0])
    # the key findings are the corpus's own words, not the lexicon's 电子政务 / 三网融合
    assert "own vocabulary" in findings and "电子政务" not in findings and "三网融合" not in findings
    assert "Words that rose most" in findings


def test_no_banner_that_does_not_apply(plain: tuple[str, list[str]]) -> None:
    page, notices = plain
    assert not any("lead agencies" in n for n in notices)
    assert "no lead agencies" not in page


def test_places_are_places_never_ids(plain: tuple[str, list[str]]) -> None:
    page, _ = plain
    # 1998 and 2008 name the State Council (全国); 1985's text names no place: one place, not 3
    assert '<b>1</b><span class="dim small">places</span>' in page
    assert "1985-1985 1985" not in _text(page)  # a plan without a place is labelled by its id


def test_terms_asked_for_are_named_on_the_page(reports: list[Document], tmp_path: Path) -> None:
    terms = ["经济体制改革", "对外开放", "宏观调控", "科学发展观"]
    res = build_report(reports, tmp_path / "out", formats=("png",), max_pairs=0, terms=terms)
    page = Path(res.page).read_text("utf-8")
    findings = _text(page.split('id="findings"')[1].split("<section")[0])
    for t in terms:
        assert t in findings
    assert "terms asked for" in findings
    assert 'id="terms"' in page and 'id="themes"' not in page
