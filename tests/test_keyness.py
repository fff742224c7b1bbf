"""Keyness as a study cites it: one sign (positive = key to the newer or the --where plans) in
the table, JSON and charts; words by default; n-grams without fragments of longer features;
overlapping or conflicting groups refused."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from evolve.cli import cli
from evolve.errors import InputError
from evolve.records import Document
from evolve.trends.keyness import keyness, split_by_year, split_where


def _run(*args: str) -> tuple[int, str, str]:
    r = CliRunner().invoke(cli, list(args))
    return r.exit_code, r.stdout, r.stderr


@pytest.fixture(scope="module")
def old_new(corpus: dict[str, Document]) -> tuple[list[Document], list[Document]]:
    older, newer, _ = split_by_year(list(corpus.values()), before=2018, after=2021)
    return older, newer


def test_positive_log_ratio_is_key_to_the_newer_plans(old_new) -> None:  # type: ignore[no-untyped-def]
    k = keyness(*old_new, a_label="<2018", b_label=">2021")
    rows = k.rows.set_index("feature")
    assert set(k.rows["kind"]) == {"word"}  # words by default
    for new in ("数据要素", "数字化转型", "算力"):
        assert rows.at[new, "side"] == "b" and rows.at[new, "log_ratio"] > 0, new
    for old in ("4G", "三网融合", "信息资源"):
        assert rows.at[old, "side"] == "a" and rows.at[old, "log_ratio"] < 0, old
    assert ((k.rows["log_ratio"] > 0) == (k.rows["side"] == "b")).all()
    assert rows.at["数字化转型", "log_ratio"] == pytest.approx(5.84, abs=0.01)


def test_where_puts_the_chosen_plans_on_the_positive_side(corpus: dict[str, Document]) -> None:
    rest, chosen, label = split_where(list(corpus.values()), "place=肇庆")
    assert [d.id for d in chosen] == ["zhaoqing-2024"] and len(rest) == 4 and label == "place=肇庆"
    code, out, _ = _run("keyness", "--where", "place=肇庆", "--json")
    assert code == 0
    data = json.loads(out)
    assert data["b"]["label"] == "place=肇庆" and data["b"]["documents"] == ["zhaoqing-2024"]
    rows = {r["feature"]: r for r in data["rows"]}
    assert rows["数据要素"]["log_ratio"] > 0 and rows["数据要素"]["side"] == "b"  # 13 of its 15
    assert all((r["log_ratio"] > 0) == (r["side"] == "b") for r in data["rows"])


def test_table_says_which_side_is_positive() -> None:
    code, out, _ = _run("keyness", "--before", "2018", "--after", "2021", "--top", "6")
    assert code == 0
    assert "+5.84" in out  # 数字化转型, key to >2021
    assert "positive: key to B" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--before", "2022", "--after", "2018"), "overlap: plans of 2019–2021 would be on both sides"),
        (("--before", "2020", "--after", "2018"), "overlap: plans of 2019 would be on both sides"),
        (("--where", "place=肇庆", "--before", "2018"), "give one or the other"),
        (("--where", "place=肇庆", "--after", "2018"), "give one or the other"),
    ],
)
def test_overlapping_or_conflicting_groups_are_errors(args: tuple[str, ...], message: str) -> None:
    code, _out, err = _run("keyness", *args)
    assert code == 2 and message in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1


def test_adjacent_groups_are_fine(corpus: dict[str, Document]) -> None:
    older, newer, _ = split_by_year(list(corpus.values()), before=2020, after=2019)
    assert {d.meta.year for d in older} == {2016, 2017} and {d.meta.year for d in newer} == {2022, 2024}
    with pytest.raises(InputError, match="overlap"):
        split_by_year(list(corpus.values()), before=2024, after=2016)


def test_words_and_ngrams_together_list_each_feature_once(old_new) -> None:  # type: ignore[no-untyped-def]
    k = keyness(*old_new, kinds=("word", "ngram"), min_freq=3)
    feats = list(k.rows["feature"])
    assert len(feats) == len(set(feats))  # 信息 once, as a word
    assert k.rows.set_index("feature").at["信息", "kind"] == "word"
    grams = set(k.rows.loc[k.rows["kind"] == "ngram", "feature"])
    pairs = (("化转型", "数字化转型"), ("字化转", "数字化转型"), ("智慧城", "智慧城市"), ("联网", "互联网"))
    for fragment, whole in pairs:
        assert whole in feats and fragment not in grams, fragment


def test_ngram_fragments_are_folded(old_new) -> None:  # type: ignore[no-untyped-def]
    k = keyness(*old_new, kinds=("ngram",), min_freq=3)
    feats = set(k.rows["feature"])
    assert {"数据要素", "智慧城市", "数字化转型", "互联网"} <= feats
    assert not {"据要素", "智慧城", "化转型", "联网", "慧城市"} & feats
    # nor fragments of place names and numbers
    assert not {f for f in feats if f.endswith("庆市") or f.startswith("0")}
    # a shorter feature that is key on its own beside its holders stays (数字 is not only 数字化)
    assert "数字" in feats


def test_report_chart_draws_emerging_words_to_the_right(
    old_new, tmp_path: Path, monkeypatch: pytest.MonkeyPatch  # type: ignore[no-untyped-def]
) -> None:
    from matplotlib.figure import Figure

    from evolve.render import report_charts

    k = keyness(*old_new, a_label="old", b_label="new")
    rows = k.rows
    seen: dict[str, float] = {}

    def spy(fig: Figure, path: object) -> Path:
        ax = fig.axes[0]
        labels = [t.get_text() for t in ax.get_yticklabels()]
        widths = [p.get_width() for p in ax.patches]
        seen.update(dict(zip(labels, widths, strict=True)))
        return tmp_path / "k.png"

    monkeypatch.setattr(report_charts, "save", spy)
    emerging, fading = rows[rows["side"] == "b"].head(5), rows[rows["side"] == "a"].head(5)
    report_charts.keyness_bars(emerging, fading, tmp_path / "k.png", a_label="old", b_label="new")
    assert all(seen[f] > 0 for f in emerging["feature"])
    assert all(seen[f] < 0 for f in fading["feature"])
