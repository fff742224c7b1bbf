"""Links across stars (``align.across``): a paragraph's clear best match that the stars of
``group`` left apart joins the two correspondences into one n:m, whose links are those of its
stars and the pair linked across; the views list which pairs an n:m correspondence links."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from rich.console import Console

from evolve.align import align
from evolve.align.across import link_across
from evolve.align.confidence import SHOWN_CONFIDENCE
from evolve.align.gold import find_quoted, predicted_ids
from evolve.align.group import Group
from evolve.parse import parse_file
from evolve.render.compare_page import compare_page
from evolve.render.compare_view import match_panel

DATA = Path(__file__).parent / "data" / "work_reports"

# two stars: source 0 split into targets 0 and 1; sources 1 and 2 merged into target 2
STARS = [Group((0,), (0, 1)), Group((1, 2), (2,))]
S = [[0.40, 0.30, 0.25],
     [0.05, 0.05, 0.35],
     [0.05, 0.05, 0.30]]
RELATIVE = [[3.0, 2.5, 3.0],
            [0.0, 0.0, 3.0],
            [0.0, 0.0, 2.5]]


def _chars(pair_02: float) -> list[list[float]]:
    # wording shared as between consecutive reports (typical best above 0.12)
    return [[0.20, 0.18, pair_02],
            [0.02, 0.03, 0.30],
            [0.02, 0.03, 0.25]]


def test_a_clear_best_match_across_two_stars_joins_them_into_one_n_to_m() -> None:
    # source 0's best by characters is target 2, twice its runner-up: a crossing
    groups, linked, sure = link_across(STARS, S, RELATIVE, _chars(0.45), min_score=0.05)
    assert groups == [Group((0, 1, 2), (0, 1, 2))]
    stars = {(0, 0), (0, 1), (1, 2), (2, 2)}
    assert linked == stars | {(0, 2)}
    # sure: the pair across, and each star pair that is a provision's best by characters
    assert sure == stars | {(0, 2)}
    assert (1, 0) not in linked and (2, 1) not in linked


@pytest.mark.parametrize("pair_02", [0.21, 0.08])
def test_no_crossing_without_a_clear_best(pair_02: float) -> None:
    # barely above the runner-up (0.21 against 0.20), or not the best at all
    groups, linked, sure = link_across(STARS, S, RELATIVE, _chars(pair_02), min_score=0.05)
    assert groups == STARS and linked == set() and (0, 2) not in sure


def test_no_crossing_between_plans_worded_apart() -> None:
    # two cities' plans: characters shared as little as between the seeds (typical best 0.06)
    chars = [[x * 0.2 for x in row] for row in _chars(0.45)]
    groups, _, sure = link_across(STARS, S, RELATIVE, chars, min_score=0.05)
    assert groups == STARS and sure == set()


@pytest.fixture(scope="module")
def reports():  # type: ignore[no-untyped-def]
    a, b = parse_file(DATA / "2011.txt"), parse_file(DATA / "2012.txt")
    return a, b, align(a, b)


def test_culture_and_civic_morality_regrouped_between_2011_and_2012(reports) -> None:  # type: ignore[no-untyped-def]
    a, b, al = reports
    # 2011 speaks of civic morality, then of culture; 2012 of culture, then of civic morality and
    # the other parts: the morality paragraph also continues in 2012's culture paragraph (hand gold)
    morality = find_quoted(a, "加强公民道德建设").id
    culture = find_quoted(b, "文化是人类的精神家园").id
    links, _ = predicted_ids(al)
    assert (morality, culture) in links
    m = next(m for m in al.matches if any(lk.source == morality and lk.target == culture for lk in m.links))
    assert m.kind == "n:m" and not m.links_every_pair
    sure = [f"{lk.source}→{lk.target}" for lk in m.links if lk.confidence >= SHOWN_CONFIDENCE]
    buf = io.StringIO()
    Console(file=buf, width=200, color_system=None).print(match_panel(m, plain=True))
    assert "linked pairs (not every A with every B): " + ", ".join(sure) in buf.getvalue()
    assert f'<span class="tag">linked: {", ".join(sure)}</span>' in compare_page(al)


def test_a_clear_best_match_inside_a_merge_is_sure() -> None:
    # one merge of four short points into a fiscal paragraph: point 3's best by characters is the
    # paragraph, and it stands out; point 1 is another target's best
    groups = [Group((0, 1, 2), (0,))]
    s = [[0.30, 0.10], [0.20, 0.05], [0.15, 0.05]]
    relative = [[3.0, 0.5], [1.0, 0.0], [2.2, 0.0]]
    chars = [[0.30, 0.10], [0.10, 0.20], [0.25, 0.05]]
    _, linked, sure = link_across(groups, s, relative, chars, min_score=0.05)
    assert sure == {(0, 0), (2, 0)} and linked == set()


def test_the_main_targets_explanation_is_linked_to_the_targets(reports) -> None:  # type: ignore[no-untyped-def]
    a, b, al = reports
    # 2012 explains its lower growth target in a paragraph of its own: it continues 2011's targets
    targets = find_quoted(a, "国内生产总值增长8%左右").id
    explained = find_quoted(b, "这里要着重说明，国内生产总值增长目标略微调低").id
    assert (targets, explained) in predicted_ids(al)[0]
