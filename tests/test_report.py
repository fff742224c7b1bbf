"""``evolve report``: the page, its files, the bad inputs, and the page as a reader sees it in a
real headless browser (Debian's chromium)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import warnings
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner

from evolve.cli import cli
from evolve.errors import OutputError
from evolve.records import Document, ReportResult
from evolve.report import build_report, consecutive_pairs
from evolve.report.comparisons import pick_pairs
from evolve.report.html import diff_html, esc, fmt

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
SECTIONS = ["findings", "overview", "terms", "themes", "vocabulary", "comparisons", "agencies",
            "instruments", "methods"]
PAGES = ["compare/xianning-2016--ningxia-2017.html", "compare/ningxia-2017--qingdao-2022.html",
         "compare/qingdao-2022--zhaoqing-2024.html"]


@pytest.fixture(scope="module")
def built(corpus: dict[str, Document], tmp_path_factory: pytest.TempPathFactory) -> ReportResult:
    out = tmp_path_factory.mktemp("report") / "evolve-report"
    with warnings.catch_warnings():
        warnings.filterwarnings("error", message=r".*Glyph .* missing", category=UserWarning)
        return build_report(list(corpus.values()), out)


@pytest.fixture(scope="module")
def page(built: ReportResult) -> str:
    return Path(built.page).read_text("utf-8")


def test_sections_and_files(built: ReportResult) -> None:
    assert [s.key for s in built.sections] == SECTIONS
    out = Path(built.out)
    assert built.files[0] == "index.html"
    for f in built.files:
        assert (out / f).is_file() and (out / f).stat().st_size > 0, f
    names = set(built.files)
    for chart in ("terms", "heatmap", "themes", "theme-trends", "vocabulary", "comparisons"):
        assert {f"charts/{chart}.png", f"charts/{chart}.svg"} <= names
    for table in ("documents", "terms", "themes", "keyness", "kwic", "comparisons", "agencies",
                  "normalisation", "term_changes"):
        assert f"tables/{table}.csv" in names
    assert set(PAGES) <= names  # one page per comparison
    # every file on disk is listed, and nothing else was left behind
    on_disk = {str(p.relative_to(out)) for p in out.rglob("*") if p.is_file()}
    assert on_disk == names
    assert set(built.to_dict()) >= {"out", "page", "files", "sections", "seconds"}


def test_tables_read_back(built: ReportResult) -> None:
    import pandas as pd

    t = Path(built.out) / "tables"
    docs = pd.read_csv(t / "documents.csv", encoding="utf-8-sig")
    assert len(docs) == 5 and set(docs["place"]) == {"锦州", "咸宁", "宁夏", "青岛", "肇庆"}
    k = pd.read_csv(t / "keyness.csv", encoding="utf-8-sig")
    row = k[k["feature"] == "数据要素"].iloc[0]
    assert (row["a"], row["b"], row["side"]) == (0, 15, "b")  # raw counts on both sides
    pairs = pd.read_csv(t / "comparisons.csv", encoding="utf-8-sig")
    assert list(zip(pairs["source"], pairs["target"], strict=True)) == [
        ("xianning-2016", "ningxia-2017"), ("ningxia-2017", "qingdao-2022"),
        ("qingdao-2022", "zhaoqing-2024")]
    agencies = pd.read_csv(t / "agencies.csv", encoding="utf-8-sig")
    assert {"theme", "agency", "items"} <= set(agencies.columns) and len(agencies) > 10
    # the key findings' counts are the term table's, summed over each side of the cut
    ch = pd.read_csv(t / "term_changes.csv", encoding="utf-8-sig").set_index("term")
    terms = pd.read_csv(t / "terms.csv", encoding="utf-8-sig")
    newer = terms[terms["year"] >= 2022]
    assert ch.at["数据要素", "count_b"] == newer[newer["term"] == "数据要素"]["count"].sum() == 15
    assert ch.at["数据要素", "count_a"] == 0 and ch.at["数据要素", "plans_b"] == 2
    assert ch.at["4G", "change"] < 0 < ch.at["算力", "change"]


def test_key_findings_first_with_counts(page: str) -> None:
    body = page[page.index('<section id="findings">'):page.index('<section id="overview">')]
    assert page.index('<section id="findings">') < page.index('<section id="overview">')
    rose, fell = body.index("Terms that rose most"), body.index("Terms that fell most")
    assert "数据要素</td><td>0 → 15</td>" in body[rose:fell]  # count older → newer
    assert "电子政务</td><td>13 → 0</td>" in body[fell:]
    assert "Emerging" in body and "3 pairs of plans compared" in body
    # the vocabulary tables and their note agree on the sign: positive is key to the newer plans
    vocab = page[page.index("<h3>Emerging: key to"):]
    emerging, fading = vocab[:vocab.index("In context")], vocab[vocab.index("<h3>Fading"):]
    signs = re.findall(r"<td>([+−-])\d+\.\d\d</td>", emerging)
    assert signs and set(signs) == {"+"}
    assert set(re.findall(r"<td>([+−-])\d+\.\d\d</td>", fading[:fading.index("In context")])) == {"-"}
    assert "twice as frequent in the newer plans" in vocab


def test_comparisons_have_pages_of_their_own(built: ReportResult, page: str) -> None:
    out = Path(built.out)
    section = page[page.index('<section id="comparisons">'):]
    for rel in PAGES:  # linked from the main page, which holds no diffs itself
        assert f'href="{rel}"' in section
    assert "<del>" not in section and "<ins>" not in section
    assert section.count('<details class="pair">') == 3  # collapsed
    sub = (out / PAGES[1]).read_text("utf-8")
    assert sub.startswith("<!DOCTYPE html>") and 'href="../index.html"' in sub
    assert "<del>" in sub and "<ins>" in sub and "<details open" not in sub
    for rel in re.findall(r'href="(\.\./tables/[^"]+)"', sub):
        assert (out / "compare" / rel).resolve().is_file(), rel


def test_page_is_self_contained_and_escaped(built: ReportResult, page: str) -> None:
    assert page.startswith("<!DOCTYPE html>") and '<meta charset="utf-8">' in page
    assert "Noto Sans CJK SC" in page
    for html in (page, *[(Path(built.out) / rel).read_text("utf-8") for rel in PAGES]):
        # no resource from elsewhere: no http(s) or protocol-relative src/href, CSS url(), @import
        assert not re.search(r"""(src|href)\s*=\s*["']?\s*(https?:)?//""", html, re.I)
        assert not re.search(r"url\(\s*['\"]?(https?:)?//", html, re.I) and "@import" not in html
        assert html.count("<script>") == 1
    for text in ("数据要素", "低空经济", "智慧咸宁建设行动计划", "牵头"):
        assert text in page, text
    assert page.count("<img ") >= 6 and page.count('src="data:image/png;base64,') >= 6


def test_html_helpers_escape() -> None:
    assert esc("<b>&") == "&lt;b&gt;&amp;" and esc(None) == "—" and esc(float("nan")) == "—"
    assert fmt(2024) == "2024" and fmt(10646) == "10,646" and fmt(2.345, 2) == "2.35"
    assert diff_html([(0, "推进"), (-1, "4G"), (1, "5G<")]) == "推进<del>4G</del><ins>5G&lt;</ins>"


def test_consecutive_pairs(corpus: dict[str, Document]) -> None:
    pairs, how = consecutive_pairs(list(corpus.values()))
    assert [(a.id, b.id) for a, b in pairs] == [
        ("xianning-2016", "ningxia-2017"), ("ningxia-2017", "qingdao-2022"),
        ("qingdao-2022", "zhaoqing-2024")]
    assert "time order" in how
    # a place with two plans is compared with itself, not with its neighbours in time
    later = replace(corpus["zhaoqing-2024"], id="xianning-2020",
                    meta=replace(corpus["zhaoqing-2024"].meta, place="咸宁", year=2020))
    pairs, how = consecutive_pairs([*corpus.values(), later])
    assert [(a.id, b.id) for a, b in pairs] == [("xianning-2016", "xianning-2020")]
    assert "same place" in how


def test_pick_pairs_takes_the_most_informative_one_per_place_first(
        corpus: dict[str, Document]) -> None:
    """Six places with three plans each (two consecutive pairs per place): with --pairs 4, the
    pairs whose smaller plan has most provisions, no place twice while another is left."""
    seeds = [corpus[i] for i in ("xianning-2016", "ningxia-2017", "qingdao-2022",
                                 "zhaoqing-2024")]
    docs = [replace(seeds[(k + j) % 4], id=f"{place}-{2016 + 3 * j}",
                    meta=replace(seeds[(k + j) % 4].meta, place=place, year=2016 + 3 * j))
            for k, place in enumerate(["杭州", "宁波", "温州", "成都", "绵阳", "贵阳"])
            for j in range(3)]
    pairs, how, total = pick_pairs(docs, 4)
    assert total == 12 and len(pairs) == 4 and "4 most informative of the 12" in how
    places = [b.meta.place for _, b in pairs]
    assert len(set(places)) == 4  # one per place
    smallest = [min(len(a.provisions), len(b.provisions)) for a, b in pairs]
    left_out = [min(len(a.provisions), len(b.provisions)) for a, b in consecutive_pairs(docs)[0]
                if (a, b) not in pairs and b.meta.place not in places]
    assert min(smallest) >= max(left_out)
    assert [b.meta.year for _, b in pairs] == sorted(b.meta.year for _, b in pairs)
    assert pick_pairs(docs, 20)[0] == consecutive_pairs(docs)[0]


def test_one_document_has_no_trends_and_says_so(xianning: Document, tmp_path: Path) -> None:
    r = build_report([xianning], tmp_path / "one")
    assert [s.key for s in r.sections] == ["overview", "agencies", "instruments", "methods"]
    assert any("one document" in n for n in r.notices)
    page = Path(r.page).read_text("utf-8")
    assert "one document (xianning-2016)" in page and 'class="notice"' in page


def test_chosen_pair(corpus: dict[str, Document], tmp_path: Path) -> None:
    docs = [corpus["xianning-2016"], corpus["zhaoqing-2024"]]
    r = build_report(docs, tmp_path / "pair", pairs=[("zhaoqing-2024", "xianning-2016")],
                     formats=("png",))
    assert "tables/compare-zhaoqing-2024--xianning-2016-matches.csv" in r.files
    assert not any(f.endswith(".svg") for f in r.files)


def test_existing_folder_needs_force(xianning: Document, tmp_path: Path) -> None:
    out = tmp_path / "r"
    build_report([xianning], out)
    (out / "charts").mkdir(exist_ok=True)  # the instruments section draws a chart even for one plan
    (out / "charts" / "stale.png").write_bytes(b"old")
    (out / "notes.txt").write_text("mine", "utf-8")
    with pytest.raises(OutputError, match="already exists; use --force"):
        build_report([xianning], out)
    build_report([xianning], out, force=True)
    assert not (out / "charts" / "stale.png").exists()  # the old report's files are gone
    assert (out / "notes.txt").read_text("utf-8") == "mine"  # nothing else is touched


def test_unwritable_location_is_a_clear_error(xianning: Document, tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "file"
    target.write_text("x", "utf-8")
    with pytest.raises(OutputError, match="not a folder"):
        build_report([xianning], target)
    with pytest.raises(OutputError, match="cannot write the report here"):
        build_report([xianning], target / "sub")

    def denied(self: Path, *a: object, **k: object) -> None:
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "mkdir", denied)  # root ignores file modes, so pretend
    with pytest.raises(OutputError, match=r"cannot write the report here \(permission denied\)"):
        build_report([xianning], tmp_path / "locked")


# --- the command line --------------------------------------------------------------------------


def _run(*args: str) -> tuple[int, str, str]:
    r = CliRunner().invoke(cli, list(args))
    return r.exit_code, r.stdout, r.stderr


def test_cli_report_json(tmp_path: Path) -> None:
    out = tmp_path / "cli"
    code, stdout, _ = _run("report", "xianning-2016", "zhaoqing-2024", "--out", str(out),
                           "--no-svg", "--json")
    assert code == 0
    data = json.loads(stdout)
    assert {"out", "page", "files", "sections", "seconds"} <= set(data)
    assert Path(data["page"]).is_file() and data["page"] == str(out / "index.html")
    assert data["pages"] == ["compare/xianning-2016--zhaoqing-2024.html"]
    assert [s["key"] for s in data["sections"]] == SECTIONS
    code, stdout, err = _run("report", "xianning-2016", "--out", str(out))
    assert code == 2 and stdout == ""
    assert err.startswith("evolve: error:") and "--force" in err and len(err.splitlines()) == 1


def test_cli_report_one_document_notice(tmp_path: Path) -> None:
    code, stdout, _ = _run("report", "xianning-2016", "--out", str(tmp_path / "one"))
    assert code == 0
    assert "one document (xianning-2016)" in stdout and "index.html" in stdout
    assert "built in" in stdout


def test_cli_bad_pair_is_one_line_error(tmp_path: Path) -> None:
    code, _, err = _run("report", "--pair", "xianning-2016", "--out", str(tmp_path / "x"))
    assert code == 2 and "OLDER:NEWER" in err and len(err.splitlines()) == 1


# --- in a real browser -------------------------------------------------------------------------


def _chromium(url: str, profile: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    assert CHROMIUM
    return subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
         "--no-first-run", "--disable-background-networking", "--disable-component-update",
         "--disable-sync", "--disable-dev-shm-usage", f"--user-data-dir={profile}", *extra, url],
        capture_output=True, text=True, timeout=120, check=False)


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (setup.sh installs it "
                    "with apt as root); the page is not checked in a browser")
def test_page_in_a_headless_browser(built: ReportResult, tmp_path: Path) -> None:
    from PIL import Image

    url = Path(built.page).resolve().as_uri()
    shot = Path(built.out).parent / "screenshot.png"  # kept next to the report to look at
    r = _chromium(url, tmp_path / "profile", f"--screenshot={shot}", "--window-size=1280,2400",
                  "--hide-scrollbars")
    assert shot.exists(), r.stderr[-2000:]
    img = Image.open(shot).convert("RGB")
    assert img.size == (1280, 2400)
    import numpy as np

    small = img.resize((320, 600))
    non_white = float((np.asarray(small).sum(axis=2) < 720).mean())
    colours = len(small.quantize(64).getcolors() or [])
    assert non_white > 0.08, f"the page looks blank ({non_white:.1%} non-white)"
    assert colours >= 16, f"the page has too few colours ({colours}) to hold its charts"
    # the charts decoded: the page's own script writes loaded/total images on <html>
    r = _chromium(url, tmp_path / "profile2", "--virtual-time-budget=5000", "--dump-dom")
    m = re.search(r'data-images-loaded="(\d+)/(\d+)"', r.stdout)
    assert m, "the page's load script did not run: " + r.stderr[-2000:]
    loaded, total = int(m.group(1)), int(m.group(2))
    assert total >= 6 and loaded == total
    widths = [int(w) for w in re.findall(r'data-natural-width="(\d+)"', r.stdout)]
    assert len(widths) == total and min(widths) > 300
    # a comparison's own page, as a reader opens it from the main page: diffs there, collapsed
    sub = (Path(built.out) / PAGES[0]).resolve().as_uri()
    r = _chromium(sub, tmp_path / "profile3", "--virtual-time-budget=5000", "--dump-dom")
    assert 'data-images-loaded="0/0"' in r.stdout, r.stderr[-2000:]
    dom = r.stdout
    assert dom.count("<details") >= 3 and "<details open" not in dom and "<del>" in dom
    shot = Path(built.out).parent / "screenshot-compare.png"
    _chromium(sub, tmp_path / "profile4", f"--screenshot={shot}", "--window-size=1280,1600",
              "--hide-scrollbars")
    small = Image.open(shot).convert("RGB").resize((320, 400))
    assert float((np.asarray(small).sum(axis=2) < 720).mean()) > 0.03, "the page looks blank"


def test_pairs_caps_the_comparisons(corpus: dict[str, Document], tmp_path: Path) -> None:
    from evolve.report.comparisons import comparisons_section

    docs = list(corpus.values())
    r = build_report(docs, tmp_path / "none", sections=[comparisons_section], max_pairs=0,
                     formats=("png",))
    assert r.sections == () and "no comparisons (--pairs 0)" in r.notices
    r = build_report(docs, tmp_path / "one", sections=[comparisons_section], max_pairs=1,
                     formats=("png",))
    pages = [f for f in r.files if f.startswith("compare/")]
    assert len(pages) == 1 and "1 most informative of the 3" in Path(r.page).read_text("utf-8")
