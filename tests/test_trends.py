"""Theme and term evolution: the counting rule, the seed facts, keyness, adoption, kwic, lexicon
errors, charts and the command line."""

from __future__ import annotations

import json
import warnings
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from evolve.cli import cli
from evolve.errors import InputError, LexiconError
from evolve.records import Document, Term
from evolve.trends.adoption import adoption, drift, jensen_shannon
from evolve.trends.counting import count_terms, find_terms
from evolve.trends.keyness import g2, keyness, log_ratio, split_by_year
from evolve.trends.kwic import kwic
from evolve.trends.lexicon import load_lexicon, parse_lexicon, resolve_terms, spellings_of
from evolve.trends.measures import group_table, term_span, term_table, theme_table

SEED_IDS = ("jinzhou-14th-fyp", "xianning-2016", "ningxia-2017", "qingdao-2022", "zhaoqing-2024")
MANY_TERMS = (
    "4G",
    "5G",
    "WiFi",
    "IPv6",
    "三网融合",
    "无线城市",
    "数据",
    "数据要素",
    "要素",
    "公共数据",
    "授权运营",
    "低空经济",
    "算力",
    "千兆",
    "一网通办",
    "一网统管",
    "智慧城市",
    "城市",
    "大数据",
    "数据中心",
    "网络安全",
    "人工智能",
    "信创",
    "宽带",
    "光纤",
    "政务服务",
    "没有的词",
)


@pytest.fixture(scope="module")
def lexicon():  # type: ignore[no-untyped-def]
    return load_lexicon()


# --- the counting rule -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "terms", "expected"),
    [
        ("推进数据要素市场化配置,加强数据共享", ["数据", "数据要素"], {"数据": 1, "数据要素": 1}),
        ("推进数据要素市场化配置,加强数据共享", ["数据"], {"数据": 2}),
        ("建设大数据中心", ["大数据", "数据中心"], {"大数据": 0, "数据中心": 1}),  # longer first
        (
            "公共数据授权运营",
            ["公共数据", "授权运营", "公共数据授权运营"],
            {"公共数据": 0, "授权运营": 0, "公共数据授权运营": 1},
        ),
        (
            "加快5G基站和千兆光网建设",
            ["5G", "千兆", "千兆光网"],
            {"5G": 1, "千兆": 0, "千兆光网": 1},
        ),
        ("实现4G网络乡镇和行政村全覆盖", ["5G"], {"5G": 0}),
        ("一网通办、一网统管、一网协同", ["一网"], {"一网": 3}),
    ],
)
def test_longest_first_without_overlap(
    text: str, terms: list[str], expected: dict[str, int]
) -> None:
    assert count_terms(text, terms) == expected


@pytest.mark.parametrize("seed", SEED_IDS)
def test_a_term_alone_counts_its_plain_substrings(corpus: dict[str, Document], seed: str) -> None:
    text = corpus[seed].text
    for term in MANY_TERMS:
        assert count_terms(text, [term]) == {term: text.count(term)}, term


def test_variant_spellings_count_under_the_canonical_term() -> None:
    t = Term("5G", ("5G", "五G", "5g"))
    assert count_terms("推进五G和5G融合,5g网络", [t]) == {"5G": 3}
    assert [m.spelling for m in find_terms("推进五G和5G", [t])] == ["五G", "5G"]


@pytest.mark.parametrize(
    ("written", "spellings"),
    [
        ("IPv6", ("IPv6", "IPV6", "ipv6")),
        (
            "WiFi | Wi-Fi | WLAN",
            ("WiFi", "WIFI", "wifi", "Wi-Fi", "WI-FI", "wi-fi", "WLAN", "wlan"),
        ),
        ("5G | 五G", ("5G", "5g", "五G")),  # a spelling with Chinese characters keeps its case
        ("数据要素", ("数据要素",)),
    ],
)
def test_latin_spellings_bring_their_case_variants(
    written: str, spellings: tuple[str, ...]
) -> None:
    assert spellings_of(written) == spellings


_alphabet = st.sampled_from([*"数据要素共享市场", "G", "5"])


@settings(max_examples=300, deadline=None)
@given(
    text=st.text(_alphabet, max_size=40),
    terms=st.lists(st.text(_alphabet, min_size=1, max_size=4), min_size=1, max_size=5, unique=True),
)
def test_matcher_never_double_counts(text: str, terms: list[str]) -> None:
    matches = find_terms(text, terms)
    covered: set[int] = set()
    for m in matches:
        span = set(range(m.start, m.end))
        assert not span & covered  # no character counted twice
        assert text[m.start : m.end] == m.spelling
        covered |= span
    for term in terms:
        assert count_terms(text, [term]) == {term: text.count(term)}
    assert sum(count_terms(text, terms).values()) == len(matches)


# --- the seed facts ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("term", "present", "absent"),
    [
        ("4G", {"xianning-2016", "ningxia-2017"}, {"zhaoqing-2024", "qingdao-2022"}),
        (
            "低空经济",
            {"zhaoqing-2024"},
            {"xianning-2016", "ningxia-2017", "qingdao-2022", "jinzhou-14th-fyp"},
        ),
        ("数据要素", {"qingdao-2022", "zhaoqing-2024"}, {"xianning-2016", "ningxia-2017"}),
        ("三网融合", {"xianning-2016"}, {"qingdao-2022", "zhaoqing-2024"}),
        ("算力", {"qingdao-2022", "zhaoqing-2024"}, {"xianning-2016", "ningxia-2017"}),
    ],
)
def test_seed_facts(
    corpus: dict[str, Document], lexicon, term: str, present: set[str], absent: set[str]
) -> None:  # type: ignore[no-untyped-def]
    (resolved,) = resolve_terms([term], lexicon)
    table = term_table(list(corpus.values()), [resolved])
    df = table.counts
    seen = set(df.loc[df["count"] > 0, "id"])
    assert present <= seen
    assert not (absent & seen)
    sp = resolved.spellings
    assert not any(a != b and a in b for a in sp for b in sp)  # no spelling inside another, so:
    for doc_id, n in zip(df["id"], df["count"], strict=True):
        assert n == sum(corpus[doc_id].text.count(s) for s in sp)


def test_rates_years_and_unknown_year(corpus: dict[str, Document], lexicon) -> None:  # type: ignore[no-untyped-def]
    table = term_table(
        list(corpus.values()), resolve_terms(["4G", "数据要素", "低空经济"], lexicon)
    )
    row = table.counts.set_index(["id", "term"]).loc[("zhaoqing-2024", "数据要素")]
    assert row["per_10k"] == pytest.approx(13 * 10_000 / corpus["zhaoqing-2024"].chars)
    span = term_span(table.counts).set_index("term")
    assert (span.at["4G", "first_year"], span.at["4G", "last_year"]) == (2016, 2017)
    assert span.at["低空经济", "first_year"] == 2024
    assert table.terms == ("4G", "数据要素", "低空经济")  # ordered by first year
    assert any("jinzhou-14th-fyp" in n for n in table.notices)
    by_year = group_table(table, "year")
    assert "unknown" in set(by_year["year"])  # kept, shown as unknown
    assert list(dict.fromkeys(by_year["year"])) == ["2016", "2017", "2022", "2024", "unknown"]
    by_period = group_table(table, "period").set_index(["period", "term"])
    assert by_period.at[("十三五", "4G"), "count"] == 4


def test_unknown_term_counts_zero_and_empty_corpus_is_an_error(corpus: dict[str, Document]) -> None:
    table = term_table(list(corpus.values()), [Term("元宇宙城市", ("元宇宙城市",))])
    assert table.counts["count"].sum() == 0
    with pytest.raises(InputError, match="empty corpus"):
        term_table([], [Term("5G", ("5G",))])


def test_theme_shares_sum_to_one_and_drift(corpus: dict[str, Document], lexicon) -> None:  # type: ignore[no-untyped-def]
    themes = theme_table(list(corpus.values()), lexicon)
    sums = themes.counts.groupby("id")["share"].sum()
    assert all(s == pytest.approx(1.0) for s in sums)
    d = drift(themes)
    assert (d.a, d.b) == ("十三五", "十四五")
    assert 0 < d.jsd < 1
    shares = d.shares.set_index("theme")
    assert shares.at["network", "change"] < 0  # 网络代际 fades …
    assert shares.at["industry", "change"] > 0  # … 新兴产业 rises


@pytest.mark.parametrize(
    ("p", "q", "expected"),
    [
        ([1, 0], [1, 0], 0.0),
        ([1, 0], [0, 1], 1.0),
        ([2, 2], [1, 1], 0.0),
    ],
)
def test_jensen_shannon(p: list[float], q: list[float], expected: float) -> None:
    assert jensen_shannon(p, q) == pytest.approx(expected)


# --- keyness -----------------------------------------------------------------------------------


def test_g2_and_log_ratio_by_hand() -> None:
    assert g2(10, 10, 1000, 1000) == pytest.approx(0.0)
    assert g2(0, 0, 100, 100) == 0.0
    assert g2(15, 0, 20_000, 20_000) == pytest.approx(2 * 15 * __import__("math").log(2))
    assert log_ratio(8, 2, 1000, 1000) == pytest.approx(2.0)
    assert log_ratio(0, 1, 1000, 1000) == pytest.approx(-1.0)  # 0.5 for a zero count


def test_keyness_old_against_new(corpus: dict[str, Document], lexicon) -> None:  # type: ignore[no-untyped-def]
    older, newer, notices = split_by_year(list(corpus.values()), before=2018, after=2021)
    assert [d.id for d in older] == ["xianning-2016", "ningxia-2017"]
    assert [d.id for d in newer] == ["qingdao-2022", "zhaoqing-2024"]
    assert notices == ["left out (no year): jinzhou-14th-fyp"]
    k = keyness(older, newer, a_label="<2018", b_label=">2021", kinds=("word",), lexicon=lexicon)
    rows = k.rows.set_index("feature")
    for new in ("数据要素", "算力", "5G"):
        assert rows.at[new, "side"] == "b" and rows.at[new, "g2"] > 3.84, new
    for old in ("4G", "三网融合"):
        assert rows.at[old, "side"] == "a" and rows.at[old, "g2"] > 3.84, old
    assert (rows.at["数据要素", "a"], rows.at["数据要素", "b"]) == (0, 15)  # raw counts both sides
    assert "咸宁" not in rows.index and "肇庆" not in rows.index  # place names left out


def test_keyness_ngrams_keep_the_longest(corpus: dict[str, Document]) -> None:
    older, newer, _ = split_by_year(list(corpus.values()), before=2018, after=2021)
    k = keyness(older, newer, kinds=("ngram",))
    feats = set(k.rows["feature"])
    assert "数据要素" in feats
    assert "据要素" not in feats  # only ever inside 数据要素


# --- adoption and kwic -------------------------------------------------------------------------


def test_adoption_curve(corpus: dict[str, Document], lexicon) -> None:  # type: ignore[no-untyped-def]
    table = term_table(list(corpus.values()), resolve_terms(["4G", "5G", "数据要素"], lexicon))
    a = adoption(table)
    first = a.first.set_index(["term", "place"])["first_year"]
    assert first[("5G", "宁夏")] == 2017 and first[("5G", "肇庆")] == 2024
    curve = a.curve.set_index(["term", "year"])
    assert [curve.at[("5G", y), "adopters"] for y in (2016, 2017, 2022, 2024)] == [0, 1, 2, 3]
    assert [curve.at[("数据要素", y), "adopters"] for y in (2016, 2017, 2022, 2024)] == [0, 0, 1, 2]
    assert [curve.at[("4G", y), "places"] for y in (2016, 2017, 2022, 2024)] == [1, 2, 3, 4]
    assert a.notices  # 锦州 has no year


def test_kwic_gives_document_path_and_year(corpus: dict[str, Document], lexicon) -> None:  # type: ignore[no-untyped-def]
    hits = kwic(list(corpus.values()), resolve_terms(["三网融合"], lexicon)[0], width=8)
    assert len(hits) == 4 and {h.doc for h in hits} == {"xianning-2016"}
    assert all(h.year == 2016 and h.match == "三网融合" for h in hits)
    assert any(h.path[:2] == ("一、信息基础设施提升计划", "(三)三网融合普及行动") for h in hits)


# --- the lexicon -------------------------------------------------------------------------------


def test_shipped_lexicon(lexicon) -> None:  # type: ignore[no-untyped-def]
    keys = {th.key for th in lexicon.themes}
    assert {"network", "computing", "data", "egov", "industry", "security", "livelihood"} <= keys
    assert all(th.basis for th in lexicon.themes)
    by_spelling = {s: t.name for t in lexicon.terms for s in t.spellings}
    assert (
        by_spelling["五G"] == "5G"
        and by_spelling["IPV6"] == "IPv6"
        and by_spelling["Wi-Fi"] == "WiFi"
    )
    assert {m.label for m in lexicon.milestones} >= {"5G 商用牌照", "数据二十条"}
    assert all(by_spelling.get(t) for t in lexicon.default_terms)


@pytest.mark.parametrize(
    ("toml", "line", "message"),
    [
        ('[[themes]]\nkey = "a"\nterms = ["5G",\n', 3, "not valid TOML"),
        (
            '[[themes]]\nkey = "net"\nterms = ["5G"]\n'
            '[[themes]]\nkey = "x"\nterms = ["五G | 5G"]\n',
            6,
            "already belongs",
        ),
        ('[[themes]]\nkey = "net"\nname = "网络"\nterms = []\n', 2, "non-empty list"),
        ('[[themes]]\nkey = "网络"\nterms = ["5G"]\n', 2, "ASCII"),
        (
            '[[themes]]\nkey = "n"\nterms = ["5G"]\n'
            '[[milestones]]\nlabel = "5G 牌照"\nyear = "2019"\n',
            5,
            "numeric year",
        ),
    ],
)
def test_malformed_lexicon_names_the_line(
    tmp_path: Path, toml: str, line: int, message: str
) -> None:
    f = tmp_path / "lex.toml"
    f.write_text(toml, "utf-8")
    with pytest.raises(LexiconError, match=rf"lex\.toml, line {line}: .*{message}"):
        load_lexicon(f)


def test_a_user_lexicon_replaces_the_shipped_one() -> None:
    lex = parse_lexicon(
        '[[themes]]\nkey = "sky"\nname = "低空"\nbasis = "mine"\nterms = ["低空经济 | 低空飞行"]\n'
    )
    assert [t.spellings for t in lex.terms] == [("低空经济", "低空飞行")]


# --- charts ------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def chart_dir(corpus: dict[str, Document], lexicon, tmp_path_factory) -> Path:  # type: ignore[no-untyped-def]
    from evolve.render.trend_charts import trend_charts

    out = tmp_path_factory.mktemp("charts")
    docs = list(corpus.values())
    with warnings.catch_warnings():
        warnings.filterwarnings("error", message=r".*Glyph .* missing", category=UserWarning)
        trend_charts(
            term_table(docs, resolve_terms(lexicon.default_terms, lexicon)),
            theme_table(docs, lexicon),
            out,
            milestones=lexicon.milestones,
        )
        trend_charts(
            term_table(docs, resolve_terms(["5G", "算力"], lexicon)),
            theme_table(docs, lexicon),
            out / "small.svg",
        )
    return out


@pytest.mark.parametrize(
    "name", ["terms.png", "themes.png", "heatmap.png", "small.svg", "small-heatmap.svg"]
)
def test_charts_are_written_without_missing_glyphs(chart_dir: Path, name: str) -> None:
    f = chart_dir / name
    assert f.exists() and f.stat().st_size > 20_000
    if name.endswith(".png"):
        assert f.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_the_glyph_check_would_catch_tofu(tmp_path: Path) -> None:
    """Guard: matplotlib's missing-glyph warning reaches the tests (attributed to our caller)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure()
    FigureCanvasAgg(fig)
    ax = fig.add_subplot()
    ax.set_title("数据要素", fontfamily="DejaVu Sans")
    with warnings.catch_warnings(), pytest.raises(UserWarning, match="Glyph"):
        warnings.filterwarnings("error", message=r".*Glyph .* missing", category=UserWarning)
        fig.savefig(tmp_path / "tofu.png")


# --- the command line --------------------------------------------------------------------------


def _run(*args: str) -> tuple[int, str, str]:
    r = CliRunner().invoke(cli, list(args))
    return r.exit_code, r.stdout, r.stderr


def test_cli_trends_json() -> None:
    code, out, _ = _run("trends", "--terms", "4G,5G,IPv6,数据要素,低空经济,没有的词", "--json")
    assert code == 0
    data = json.loads(out)
    docs = {d["id"]: d for d in data["documents"]}
    assert set(docs) == set(SEED_IDS)
    for d in docs.values():
        assert {"id", "year", "place", "chars", "counts", "per_10k"} <= set(d)
    assert docs["zhaoqing-2024"]["counts"]["低空经济"] == 2
    assert docs["xianning-2016"]["counts"]["4G"] == 2 and docs["zhaoqing-2024"]["counts"]["4G"] == 0
    assert docs["jinzhou-14th-fyp"]["year"] is None
    assert all(d["counts"]["没有的词"] == 0 for d in docs.values())  # unknown term: zeros, no error
    assert data["charts"] == []  # --json writes no chart unless --chart


def test_cli_trends_by_year_csv_and_themes() -> None:
    code, out, _ = _run("trends", "--terms", "4G,5G", "--by", "year", "--csv")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].startswith("year,term,label,documents,chars,count,per_10k")
    assert "2016,4G,4G,1,10646,2," in out
    code, out, _ = _run("trends", "--themes", "--json", "--by", "period")
    assert code == 0
    assert {g["period"] for g in json.loads(out)["groups"]} == {"十三五", "十四五"}


def test_cli_trends_table_and_chart(tmp_path: Path) -> None:
    code, out, _ = _run("trends", "--chart", str(tmp_path / "t.png"))
    assert code == 0
    assert "低空经济" in out and "t.png" in out and "unknown" in out
    assert (tmp_path / "t.png").exists() and (tmp_path / "t-heatmap.png").exists()


def test_cli_keyness_and_kwic() -> None:
    code, out, _ = _run(
        "keyness", "--before", "2018", "--after", "2021", "--kind", "word", "--json"
    )
    assert code == 0
    rows = {r["feature"]: r for r in json.loads(out)["rows"] if r["kind"] == "word"}
    assert rows["数据要素"]["side"] == "b" and rows["4G"]["side"] == "a"
    code, out, _ = _run("kwic", "数据要素", "--json")
    assert code == 0
    hits = json.loads(out)["hits"]
    assert {h["doc"] for h in hits} == {"qingdao-2022", "zhaoqing-2024"} and len(hits) == 15


@pytest.mark.parametrize("manifest", [None, "id,file\n"])
def test_cli_empty_corpus_is_one_line_error(tmp_path: Path, manifest: str | None) -> None:
    if manifest is not None:
        (tmp_path / "manifest.csv").write_text(manifest, "utf-8")
    code, out, err = _run("trends", str(tmp_path), "--no-chart")
    assert code != 0 and out == ""
    assert err.startswith("evolve: error:") and len(err.strip().splitlines()) == 1


def test_cli_bad_lexicon_is_one_line_error(tmp_path: Path) -> None:
    f = tmp_path / "bad.toml"
    f.write_text('[[themes]]\nkey = "a"\nterms = [5G]\n', "utf-8")
    code, _, err = _run("trends", "--lexicon", str(f), "--json")
    assert code == 2 and "line 3" in err and len(err.strip().splitlines()) == 1


def test_no_cjk_font_warns(monkeypatch: pytest.MonkeyPatch) -> None:
    from evolve.render import fonts

    monkeypatch.setattr(fonts, "find_cjk_font", lambda: None)
    with pytest.warns(RuntimeWarning, match="no CJK font found"):
        assert fonts.use_cjk_font() is None


def test_a_cjk_font_is_found_here() -> None:
    from evolve.render.fonts import find_cjk_font

    found = find_cjk_font()
    assert found is not None
    assert any(k in found[0] for k in ("CJK", "Han", "WenQuanYi", "Noto Sans SC"))


def test_cli_a_plan_named_twice_counts_once() -> None:
    code, out, _ = _run("trends", "corpus", "xianning-2016", "--terms", "4G", "--json")
    assert code == 0
    docs = json.loads(out)["documents"]
    assert [d["id"] for d in docs].count("xianning-2016") == 1


def test_cli_themes_chart_does_not_overwrite_the_terms_chart(tmp_path: Path) -> None:
    code, out, _ = _run("trends", "--themes", "--chart", str(tmp_path))
    assert code == 0
    assert (tmp_path / "theme-trends.png").exists() and not (tmp_path / "terms.png").exists()
    assert "theme-trends.png" in out
