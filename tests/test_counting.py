"""Counts a reader can check with Ctrl-F: --terms counts exactly what is written, variants only on
request, a long form with its abbreviation in brackets is one mention, and literal counts equal
``str.count`` of the normalised text on the seeds, the work reports and random substrings."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from evolve.cli import cli
from evolve.corpus import load_corpus
from evolve.records import Document, Term
from evolve.trends.counting import count_spellings, count_terms, find_terms
from evolve.trends.lexicon import load_lexicon, resolve_terms
from evolve.trends.measures import doc_frequency, group_table, term_span, term_table

ROOT = Path(__file__).resolve().parent.parent
WORK_REPORTS = ROOT / "tests" / "data" / "work-reports"
#: The whole collection, where the shared folder sits beside the checkout (CI) or at /work.
SHARED_REPORTS = next(
    (
        p
        for p in (ROOT.parent / "shared" / "corpora" / "work-reports",
                  Path("/work/shared/corpora/work-reports"))
        if p.is_dir()
    ),
    None,
)


def _run(*args: str) -> tuple[int, str, str]:
    r = CliRunner().invoke(cli, list(args))
    return r.exit_code, r.stdout, r.stderr


@pytest.fixture(scope="module")
def work_reports() -> list[Document]:
    return load_corpus(WORK_REPORTS)


# --- what --terms counts -----------------------------------------------------------------------


def test_the_seed_counts_a_reader_finds(corpus: dict[str, Document]) -> None:
    lexicon = load_lexicon()
    assert corpus["qingdao-2022"].text.count("人工智能") == 8  # 人工智慧教育 converted too
    table = term_table(list(corpus.values()), resolve_terms(["人工智能", "算力"], lexicon))
    got = {(i, t): n for i, t, n in zip(table.counts["id"], table.counts["term"], table.counts["count"], strict=True)}
    assert got[("qingdao-2022", "人工智能")] == 8
    assert got[("zhaoqing-2024", "算力")] == 5  # not 6: 智算中心 is a variant, counted on request
    assert corpus["zhaoqing-2024"].text.count("算力") == 5
    with_variants = term_table(list(corpus.values()), resolve_terms(["算力"], lexicon, variants=True))
    z = with_variants.counts.set_index("id").at["zhaoqing-2024", "count"]
    assert z == 6
    sp = with_variants.spellings.set_index("spelling")
    assert (sp.at["算力", "count"], sp.at["智算中心", "count"]) == (7, 1)  # summed over the plans


@pytest.mark.parametrize(
    ("names", "variants", "expected"),
    [
        (["算力"], False, [("算力", ("算力",), "computing")]),
        (["算力"], True, [("算力", ("算力", "智算中心"), "computing")]),
        (["5G|第五代移动通信"], False, [("5G", ("5G", "第五代移动通信"), "network")]),
        (["ipv6"], False, [("ipv6", ("ipv6",), "network")]),  # exactly as written, no case forms
        (["五G"], True, [("5G", ("5G", "5g", "五G", "第五代移动通信"), "network")]),
        (["没有的词", " ", "没有的词"], True, [("没有的词", ("没有的词",), None)]),
    ],
)
def test_resolve_terms(
    names: list[str], variants: bool, expected: list[tuple[str, tuple[str, ...], str | None]]
) -> None:
    lexicon = load_lexicon()
    got = resolve_terms(names, lexicon, variants=variants)
    assert [(t.name, t.spellings, t.theme) for t in got] == expected


@pytest.mark.parametrize(
    ("text", "mentions", "spellings", "paired"),
    [
        ("推进第五代移动通信(5G)网络建设", 1, {"5G": 1, "第五代移动通信": 1}, 1),
        ("推进第五代移动通信（5G）网络建设", 1, {"5G": 1, "第五代移动通信": 1}, 1),
        ("5G(第五代移动通信)基站", 1, {"5G": 1, "第五代移动通信": 1}, 1),
        ("第五代移动通信、5G", 2, {"5G": 1, "第五代移动通信": 1}, 0),  # no brackets: two
        ("第五代移动通信(5G)和5G基站", 2, {"5G": 2, "第五代移动通信": 1}, 1),
        ("5G(5G)", 2, {"5G": 2, "第五代移动通信": 0}, 0),  # the same spelling twice is no pair
        ("第五代移动通信(5G", 2, {"5G": 1, "第五代移动通信": 1}, 0),  # unclosed
    ],
)
def test_long_form_with_its_abbreviation_in_brackets_is_one_mention(
    text: str, mentions: int, spellings: dict[str, int], paired: int
) -> None:
    t = Term("5G", ("5G", "第五代移动通信"))
    c = count_spellings(text, [t])["5G"]
    assert (c.mentions, c.spellings, c.paired) == (mentions, spellings, paired)
    assert c.mentions == sum(c.spellings.values()) - c.paired
    assert count_terms(text, [t]) == {"5G": mentions}
    # Counted separately (no variants), each spelling is what Ctrl-F finds.
    assert count_terms(text, ["5G", "第五代移动通信"]) == {
        "5G": text.count("5G"),
        "第五代移动通信": text.count("第五代移动通信"),
    }


def test_a_bracket_pair_names_its_second_spelling() -> None:
    (m,) = find_terms("发展人工智能(AI)产业", [Term("人工智能", ("人工智能", "AI"))])
    assert (m.spelling, m.paired, m.start, m.end) == ("人工智能", "AI", 2, 6)


def test_cli_lists_the_spellings_counted(tmp_path: Path) -> None:
    plan = tmp_path / "plan.txt"
    plan.write_text("一、总体要求\n推进第五代移动通信（5G）网络建设,5G基站100个,五G应用。\n", "utf-8")
    code, out, _ = _run("trends", str(plan), "--terms", "5G", "--json")
    assert code == 0
    (term,) = json.loads(out)["terms"]
    assert (term["total"], term["spellings"], term["paired"]) == (2, ["5G"], 0)
    code, out, _ = _run("trends", str(plan), "--terms", "5G", "--variants", "--json")
    (term,) = json.loads(out)["terms"]
    assert term["total"] == 3  # 第五代移动通信(5G) once, 5G, 五G
    assert term["spelling_counts"] == {"5G": 2, "5g": 0, "五G": 1, "第五代移动通信": 1}
    assert term["paired"] == 1
    code, out, _ = _run("trends", str(plan), "--terms", "5G|第五代移动通信", "--csv")
    assert out.splitlines()[0].endswith(",paired,spellings")
    assert out.splitlines()[1].endswith(",1,5G|第五代移动通信")
    code, out, _ = _run("trends", str(plan), "--terms", "5G,五G", "--variants", "--no-chart")
    assert "5G = 5G 2 + 五G 1 + 第五代移动通信 1, less 1 written with the other in brackets" in out
    code, out, _ = _run("trends", str(plan), "--terms", "5G", "--no-chart")
    assert "Each term counted exactly as written; --variants adds" in out


def test_kwic_finds_exactly_the_term_unless_variants() -> None:
    code, out, _ = _run("kwic", "算力", "--json")
    assert code == 0
    exact = json.loads(out)
    code, out, _ = _run("kwic", "算力", "--variants", "--json")
    assert code == 0
    more = json.loads(out)
    assert {h["match"] for h in exact["hits"]} == {"算力"} and len(exact["hits"]) == 7
    assert {h["match"] for h in more["hits"]} == {"算力", "智算中心"} and len(more["hits"]) == 8


# --- document frequency ------------------------------------------------------------------------


def test_document_frequency_beside_rates(corpus: dict[str, Document]) -> None:
    table = term_table(list(corpus.values()), [Term("5G", ("5G",)), Term("4G", ("4G",))])
    by_period = group_table(table, "period").set_index(["period", "term"])
    # 十四五: jinzhou, qingdao, zhaoqing; 5G in all three, 4G in none.
    assert by_period.loc[("十四五", "5G"), ["documents", "docs_with", "doc_share"]].tolist() == [3, 3, 1.0]
    assert by_period.loc[("十三五", "4G"), ["documents", "docs_with"]].tolist() == [2, 2]
    assert by_period.loc[("十三五", "5G"), "doc_share"] == 0.5  # ningxia yes, xianning no
    df = doc_frequency(table, "province")
    assert list(df.columns) == ["province", "term", "label", "documents", "docs_with", "doc_share"]
    span = term_span(table.counts).set_index("term")
    assert span.at["5G", "documents"] == 4 and span.at["5G", "doc_share"] == 0.8


def test_cli_document_frequency_keys() -> None:
    code, out, _ = _run("trends", "--terms", "5G,4G", "--by", "year", "--json")
    data = json.loads(out)
    g = {(r["year"], r["term"]): r for r in data["groups"]}
    assert (g[("2016", "4G")]["docs_with"], g[("2016", "4G")]["doc_share"]) == (1, 1.0)
    assert g[("2016", "5G")]["docs_with"] == 0
    code, out, _ = _run("trends", "--terms", "5G,4G", "--by", "period", "--csv")
    assert code == 0
    head = out.splitlines()[0].split(",")
    assert {"docs_with", "doc_share"} <= set(head)
    code, out, _ = _run("trends", "--terms", "5G,4G", "--by", "period", "--no-chart")
    assert code == 0
    assert "8 3.5 100%" in out and "1 0.6 50%" in out  # 5G: in 3 of 3 十四五 plans, 1 of 2 十三五
    assert "3 plans" in out and "2 plans" in out


# --- differential: literal counts equal str.count --------------------------------------------


def _probes(text: str, lexicon_spellings: list[str], *, seed: int, n: int = 60) -> list[str]:
    """Every lexicon spelling plus random substrings of the text (1–6 characters)."""
    rng = random.Random(seed)
    subs = []
    for _ in range(n):
        i = rng.randrange(max(1, len(text) - 6))
        subs.append(text[i : i + rng.randint(1, 6)])
    return [*lexicon_spellings, *[s for s in subs if s.strip()]]


def _check_literal(docs: list[Document], *, seed: int) -> int:
    spellings = sorted({s for t in load_lexicon().terms for s in t.spellings})
    checked = 0
    for k, d in enumerate(docs):
        for probe in _probes(d.text, spellings, seed=seed + k):
            assert count_terms(d.text, [probe]) == {probe: d.text.count(probe)}, (d.id, probe)
            checked += 1
    # And through the table, all at once, the lexicon terms of which none holds or overlaps
    # another (公共数据 and 数据安全 share 数据 in 公共数据安全: longest first, one of them loses).
    lexicon = load_lexicon()
    names = [t.name for t in lexicon.terms]

    def clash(a: str, b: str) -> bool:
        return a != b and (a in b or any(a[-k:] == b[:k] for k in range(1, min(len(a), len(b)))))

    flat = [n for n in names if not any(clash(n, m) or clash(m, n) for m in names)]
    assert len(flat) > 30
    table = term_table(docs, resolve_terms(flat, lexicon))
    texts = {d.id: d.text for d in docs}
    for i, t, n in zip(table.counts["id"], table.counts["term"], table.counts["count"], strict=True):
        assert n == texts[i].count(t), (i, t)
    return checked


def test_literal_counts_equal_str_count_on_the_seeds(corpus: dict[str, Document]) -> None:
    assert _check_literal(list(corpus.values()), seed=1) > 800


def test_literal_counts_equal_str_count_on_work_reports(work_reports: list[Document]) -> None:
    assert [d.meta.year for d in work_reports] == [1985, 1998, 2008]
    assert "１９８５" not in work_reports[0].text  # full-width digits normalised, then counted
    assert _check_literal(work_reports, seed=2) > 500


@pytest.mark.skipif(SHARED_REPORTS is None, reason="the shared work reports are not beside this checkout")
def test_literal_counts_equal_str_count_on_all_shared_work_reports() -> None:
    from evolve.parse import parse_file

    assert SHARED_REPORTS is not None
    docs = [parse_file(p) for p in sorted(SHARED_REPORTS.glob("*.txt"))[::5]]
    assert _check_literal(docs, seed=3) > 1000


def test_counts_by_year_count_a_duplicate_once(tmp_path: Path, work_reports: list[Document]) -> None:
    """A plan named twice (same file) counts once in the year totals, as in the table."""
    src = WORK_REPORTS / "1998.txt"
    code, out, _ = _run("trends", str(src), str(src), "--terms", "改革,发展", "--by", "year", "--json")
    assert code == 0
    groups = json.loads(out)["groups"]
    text = next(d for d in work_reports if d.meta.year == 1998).text
    # no manifest year for a bare file: the group is "unknown", one document
    assert {r["term"]: (r["documents"], r["count"]) for r in groups} == {
        "改革": (1, text.count("改革")),
        "发展": (1, text.count("发展")),
    }


@settings(max_examples=300, deadline=None)
@given(st.text(st.sampled_from([*"数据 \t\n\r\x0b\x0c\x1c\x1f\x85\xa0\u3000\u2028\u200b\ufeffA5"]), max_size=40))
def test_visible_chars_is_the_count_of_non_space_characters(text: str) -> None:
    from evolve.records import visible_chars

    assert visible_chars(text) == sum(1 for c in text if not c.isspace())


# --- plans written for these tests (nobody tuned the code on them) ----------------------------

UNSEEN = ROOT / "tests" / "data" / "unseen"


def _expected() -> list[dict[str, str]]:
    import csv

    with (UNSEEN / "expected.csv").open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


@pytest.mark.parametrize("row", _expected(), ids=lambda r: f"{r['id']}-{r['term']}-{r['variants']}")
def test_unseen_plans_count_what_a_reader_counts(row: dict[str, str]) -> None:
    """Counts stated by hand from the original wording (人工智慧 read as 人工智能, ４Ｇ as 4G)."""
    docs = {d.id: d for d in _unseen_docs()}
    (term,) = resolve_terms([row["term"]], load_lexicon(), variants=row["variants"] == "yes")
    assert count_terms(docs[row["id"]].text, [term])[term.name] == int(row["count"]), row["note"]


_UNSEEN_CACHE: list[Document] = []


def _unseen_docs() -> list[Document]:
    if not _UNSEEN_CACHE:
        _UNSEEN_CACHE.extend(load_corpus(UNSEEN))
    return _UNSEEN_CACHE


def test_unseen_plans_imported_with_a_duplicate_count_by_year(tmp_path: Path) -> None:
    """Imported as a folder (years from the file names), the respaced copy of the 韶关 plan is
    flagged as a duplicate and not written, so each year counts one plan: the hand counts."""
    from evolve.importer import import_sources

    summary = import_sources([UNSEEN], tmp_path / "corpus")
    assert len(summary.duplicates) == 1
    exact = [r for r in _expected() if r["variants"] == "no" and "|" not in r["term"]]
    terms = sorted({r["term"] for r in exact})
    code, out, _ = _run("trends", str(tmp_path / "corpus"), "--terms", ",".join(terms), "--by", "year", "--json")
    assert code == 0
    groups = {(g["year"], g["term"]): g for g in json.loads(out)["groups"]}
    year = {"taizhou-2023": "2023", "shaoguan-2021": "2021", "neimenggu-2022": "2022"}
    for r in exact:
        g = groups[(year[r["id"]], r["term"])]
        # Counted together, a term inside another asked-for term counts less: none here does.
        assert not any(r["term"] != t and r["term"] in t for t in terms)
        assert (g["documents"], g["count"], g["docs_with"]) == (1, int(r["count"]), 1), r


def test_many_plans_show_years_in_the_table(tmp_path: Path) -> None:
    rows = ["id,file,year"]
    for i in range(40):
        year = 2015 + i % 4
        text = f"一、总体要求\n第{i + 1}号方案:推进5G建设。" + ("发展算力。" if year >= 2017 else "") + "\n"
        (tmp_path / f"p{i}.txt").write_text(text, "utf-8")
        rows.append(f"p{i},p{i}.txt,{year}")
    (tmp_path / "manifest.csv").write_text("\n".join(rows) + "\n", "utf-8")
    code, out, _ = _run("trends", str(tmp_path), "--terms", "5G,算力", "--no-chart")
    assert code == 0
    assert "2 terms × 4 groups" in out and "10 plans" in out and "40 documents, so the table shows years" in out
    assert ("· 0%" in out and "10 100%" in out.replace("\n", " ")) or "100%" in out
    # the Python API prints the same view (one render path for the command and a notebook)
    import io

    from rich.console import Console

    import evolve

    con = Console(width=200, file=io.StringIO(), record=True)
    con.print(evolve.trends(evolve.Corpus(tmp_path), terms=["5G", "算力"]))
    shown = con.export_text()
    assert "2 terms × 4 groups" in shown and "40 documents, so the table shows years" in shown


@pytest.mark.parametrize("terms", ["|", " | ,｜"])  # (blank --terms means the default terms)
def test_terms_that_name_nothing_are_one_line_errors(terms: str) -> None:
    code, _, err = _run("trends", "--terms", terms, "--no-chart")
    assert code == 2 and "no term to count" in err and len(err.strip().splitlines()) == 1


def test_a_full_width_bar_separates_spellings_too() -> None:
    (t,) = resolve_terms(["5G｜第五代移动通信"], load_lexicon())
    assert t.spellings == ("5G", "第五代移动通信")
