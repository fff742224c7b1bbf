"""The corpus index and reuse detection: incremental parsing, LSH against brute force, direction."""

from __future__ import annotations

import csv
import json
import random
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from evolve import index
from evolve.cli import cli
from evolve.records import Document
from evolve.reuse import find_reuse, match_units
from evolve.reuse.candidates import LSHParams
from evolve.reuse.report import orient, relation
from evolve.reuse.verify import all_pairs, key, similarity

COPIED = ("加快建设自治区电子政务公共云平台,推动各部门业务系统向政务云迁移,实现基础设施集约共享,"
          "到2017年底自治区本级政务信息系统迁移上云比例达到百分之八十以上。")
PROVINCE = ("宁夏回族自治区人民政府办公厅关于推进智慧宁夏建设的实施意见\n一、重点任务\n"
            f"(一){COPIED}\n"
            "(二)建设全区统一的数据共享交换平台,打通各部门数据壁垒,推动人口法人空间地理等基础数据库共享。\n")
CITY = ("银川市智慧城市建设实施方案\n一、重点任务\n"
        "(一)" + COPIED.replace("自治区本级", "银川市").replace("自治区", "银川市").replace("2017", "2019") + "\n"
        "(二)推进城市大脑建设,整合城管交通环保等领域感知数据,形成城市运行一张图,提升城市精细化管理水平。\n")
OTHER_CITY = ("石嘴山市智慧城市建设实施方案\n一、重点任务\n"
              "(一)推进城市大脑建设,整合城管交通环保等领域感知数据,形成城市运行一张图,提升城市精细化管理水平。\n"
              "(二)发展智慧农业,建设农产品质量安全追溯体系,推动物联网技术在设施农业中的应用。\n")


def make_corpus(root: Path, plans: dict[str, tuple[str, str, str, str]]) -> Path:
    """plans: id -> (text, place, level, year)."""
    root.mkdir(parents=True, exist_ok=True)
    with (root / "manifest.csv").open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["id", "file", "place", "level", "year"])
        for rid, (text, place, level, year) in plans.items():
            (root / f"{rid}.txt").write_text(text, encoding="utf-8")
            w.writerow([rid, f"{rid}.txt", place, level, year])
    return root


@pytest.fixture()
def ningxia_corpus(tmp_path: Path) -> Path:
    return make_corpus(tmp_path / "c", {
        "ningxia-2017": (PROVINCE, "宁夏", "province", "2017"),
        "yinchuan-2019": (CITY, "银川", "prefecture", "2019"),
        "shizuishan-2019": (OTHER_CITY, "石嘴山", "prefecture", "2019"),
    })


def test_province_provision_copied_into_city_plan(ningxia_corpus: Path) -> None:
    report = find_reuse(ningxia_corpus)
    by_docs = {(p.a.doc, p.b.doc): p for p in report.pairs}
    down = by_docs[("ningxia-2017", "yinchuan-2019")]
    assert down.direction == "forward" and down.relation == "vertical-down"
    assert down.a.level == "province" and down.b.level == "prefecture" and down.b.year == 2019
    assert "政务云" in down.a.text and "银川市" in down.b.text
    assert 0.7 <= down.score < 1.0
    across = by_docs[("shizuishan-2019", "yinchuan-2019")]  # same year, same level: both ways
    assert across.direction == "both" and across.relation == "horizontal" and across.score == 1.0
    assert report.relations == {"horizontal": 1, "vertical-down": 1}
    shares = {d.doc: d for d in report.documents}
    assert shares["yinchuan-2019"].matched == 2 and shares["yinchuan-2019"].reuse_share == 1.0
    assert 0 < shares["yinchuan-2019"].borrowed_share < 1.0
    assert shares["ningxia-2017"].borrowed_share == 0.0


def test_clause_level(ningxia_corpus: Path) -> None:
    report = find_reuse(ningxia_corpus, level="clause")
    assert all(".c" in p.a.id and ".c" in p.b.id for p in report.pairs)
    assert ("ningxia-2017", "yinchuan-2019") in {(p.a.doc, p.b.doc) for p in report.pairs}


@pytest.mark.parametrize("a, b, swap, direction, rel", [
    (("n", 2016, "national"), ("c", 2018, "prefecture"), False, "forward", "vertical-down"),
    (("c", 2020, "prefecture"), ("p", 2017, "province"), True, "forward", "vertical-down"),
    (("c", 2016, "prefecture"), ("p", 2018, "province"), False, "forward", "vertical-up"),
    (("c", 2019, "prefecture"), ("p", 2019, "province"), True, "both", "vertical-down"),
    (("x", 2019, "prefecture"), ("y", None, "sub-provincial"), False, "unknown", "horizontal"),
    (("x", 2019, None), ("y", 2020, "county"), False, "forward", "unknown"),
])
def test_direction_and_relation(a: tuple, b: tuple, swap: bool, direction: str, rel: str) -> None:  # type: ignore[type-arg]
    da = index.DocInfo(a[0], None, None, a[1], None, None, a[2], None, 0)
    db = index.DocInfo(b[0], None, None, b[1], None, None, b[2], None, 0)
    assert orient(da, db) == (swap, direction)
    older, newer = (db, da) if swap else (da, db)
    assert relation(older, newer) == rel


def test_similarity_ignores_punctuation_and_is_indel() -> None:
    assert key("推进“一网通办”, 提升服务。") == "推进一网通办提升服务"
    assert similarity("abcd", "abce") == 0.75
    assert similarity(key("建设城市大脑。"), key("建设城市大脑")) == 1.0


def _mutated_units(corpus: dict[str, Document], n_docs: int, seed: int) -> tuple[list[str], np.ndarray]:
    rng = random.Random(seed)
    pool = [key(p.full_text) for d in corpus.values() for p in d.provisions if len(key(p.full_text)) >= 30]
    keys: list[str] = []
    groups: list[int] = []
    for g in range(n_docs):
        for text in rng.sample(pool, 12):
            chars = list(text)
            for _ in range(rng.randint(0, len(chars) // 10)):
                op, k = rng.random(), rng.randrange(len(chars))
                if op < 0.4:
                    chars[k] = rng.choice(pool[0])
                elif op < 0.7:
                    chars.insert(k, rng.choice(pool[1]))
                elif len(chars) > 10:
                    del chars[k]
            keys.append("".join(chars))
            groups.append(g)
    return keys, np.array(groups)


def test_lsh_candidates_find_every_pair_brute_force_finds(corpus: dict[str, Document]) -> None:
    keys, groups = _mutated_units(corpus, n_docs=30, seed=3)
    truth_idx, truth_scores = all_pairs(keys, groups, min_score=0.7)
    truth = {(i, j): s for (i, j), s in zip(truth_idx.tolist(), truth_scores.tolist(), strict=True)}
    assert len(truth) > 100  # the mutations leave many pairs above the threshold
    # A loose LSH (32 bands x 3 rows: candidate from bigram Jaccard ~0.3) finds every pair.
    found, scores, _ = match_units(keys, [str(g) for g in groups], min_score=0.7,
                                   params=LSHParams(bands=32, rows=3))
    got = dict(zip(map(tuple, found.tolist()), scores.tolist(), strict=True))
    assert set(got) == set(truth)  # recall 1.0 and nothing below the threshold
    assert all(abs(got[p] - truth[p]) < 1e-5 for p in truth)
    # The default (35 x 5, tuned for 0.7) is probabilistic: these scattered character edits are
    # its worst case (pairs at bigram Jaccard 0.53-0.6), and it still finds >= 95% of the pairs.
    for seed in (3, 4, 5):
        keys, groups = _mutated_units(corpus, n_docs=30, seed=seed)
        truth_idx, _ = all_pairs(keys, groups, min_score=0.7)
        found, _, _ = match_units(keys, [str(g) for g in groups], min_score=0.7)
        got_pairs = set(map(tuple, found.tolist()))
        truth_pairs = set(map(tuple, truth_idx.tolist()))
        assert got_pairs <= truth_pairs and len(got_pairs) >= 0.95 * len(truth_pairs)


def test_lsh_probability_curve() -> None:
    p = LSHParams()
    assert p.probability(0.65) > 0.98 and p.probability(0.2) < 0.02


def test_second_sync_parses_nothing_and_a_changed_document_alone(ningxia_corpus: Path) -> None:
    seen: list[str] = []
    first = index.sync(ningxia_corpus, parse_hook=seen.append)
    assert first.parsed == 3 and sorted(seen) == ["ningxia-2017", "shizuishan-2019", "yinchuan-2019"]
    seen.clear()
    again = index.sync(ningxia_corpus, parse_hook=seen.append)
    assert again.parsed == 0 and again.unchanged == 3 and seen == []
    (ningxia_corpus / "yinchuan-2019.txt").write_text(CITY + "(三)建设智慧社区。\n", encoding="utf-8")
    changed = index.sync(ningxia_corpus, parse_hook=seen.append)
    assert changed.parsed == 1 and seen == ["yinchuan-2019"]
    assert len(index.units(ningxia_corpus)) == 7


def test_corrupt_index_is_rebuilt_with_a_notice(ningxia_corpus: Path) -> None:
    index.sync(ningxia_corpus)
    path = index.index_path(ningxia_corpus)
    path.write_bytes(b"this is not a database" * 100)
    stats = index.sync(ningxia_corpus)
    assert stats.parsed == 3 and len(stats.notices) == 1 and "rebuilt" in stats.notices[0]
    assert (ningxia_corpus / (index.INDEX_NAME + ".corrupt")).exists()
    res = CliRunner().invoke(cli, ["reuse", str(ningxia_corpus), "--json"])
    assert res.exit_code == 0


def test_unparseable_document_is_reported(ningxia_corpus: Path) -> None:
    (ningxia_corpus / "shizuishan-2019.txt").write_text("no Chinese text here at all", encoding="utf-8")
    stats = index.sync(ningxia_corpus)
    assert [f["id"] for f in stats.failed] == ["shizuishan-2019"]
    assert "shizuishan-2019" not in index.documents(ningxia_corpus)


def test_cli_reuse_json_and_csv(ningxia_corpus: Path) -> None:
    res = CliRunner().invoke(cli, ["reuse", str(ningxia_corpus), "--json"])
    assert res.exit_code == 0, res.output
    out = json.loads(res.output)
    assert set(out) >= {"pairs", "doc_pairs", "documents", "relations", "stats"}
    pair = out["pairs"][0]
    assert set(pair) >= {"a", "b", "score"}
    assert set(pair["a"]) >= {"doc", "id", "text"} and set(pair["b"]) >= {"doc", "id", "text"}
    res = CliRunner().invoke(cli, ["reuse", str(ningxia_corpus), "--csv", "--min-score", "0.9"])
    assert res.exit_code == 0
    rows = list(csv.DictReader(res.output.splitlines()))
    assert rows and {"a_doc", "a_id", "a_text", "b_doc", "score", "relation"} <= set(rows[0])
    res = CliRunner().invoke(cli, ["reuse", str(ningxia_corpus)])
    assert res.exit_code == 0 and "vertical-down" in res.output


def test_cli_reuse_bundled_corpus() -> None:
    res = CliRunner().invoke(cli, ["reuse", "--json"])
    assert res.exit_code == 0, res.output
    assert len(json.loads(res.output)["documents"]) == 5


def test_second_run_is_cached_and_a_changed_document_alone_is_rehashed(
        ningxia_corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import evolve.reuse as reuse

    first = find_reuse(ningxia_corpus)
    again = find_reuse(ningxia_corpus)
    assert first.stats["cached"] is False and again.stats["cached"] is True
    assert again.pairs == first.pairs and again.stats["candidates"] == first.stats["candidates"]
    assert not find_reuse(ningxia_corpus, min_score=0.9).stats["cached"]  # other settings: a miss

    hashed: list[int] = []
    real = reuse.signatures
    monkeypatch.setattr(reuse, "signatures",
                        lambda keys, *a, **k: hashed.append(len(keys)) or real(keys, *a, **k))
    (ningxia_corpus / "shizuishan-2019.txt").write_text(
        OTHER_CITY + "(三)建设智慧社区服务平台,推动社区养老托育家政等服务线上预约和评价。\n", encoding="utf-8")
    changed = find_reuse(ningxia_corpus)
    assert changed.stats["cached"] is False and changed.stats["parsed"] == 1
    assert hashed == [3]  # the changed plan's units only; the others' come from the index
    def ids(r): return [(p.a.id, p.b.id, p.score) for p in r.pairs]
    assert ids(changed) == ids(first)
    con = index.open_index(ningxia_corpus)
    try:
        assert con.execute("SELECT COUNT(*) FROM signatures").fetchone()[0] == 3
        assert con.execute("SELECT COUNT(*) FROM reuse_runs").fetchone()[0] == 3
    finally:
        con.close()


# --- the Dask backend: the same pairs, scores and candidates as the local path -----------------


def _pair_ids(report) -> list[tuple[str, str, str, str, float]]:  # type: ignore[no-untyped-def]
    return sorted((p.a.doc, p.a.id, p.b.doc, p.b.id, p.score) for p in report.pairs)


def test_dask_backend_matches_local_on_mutated_units(corpus: dict[str, Document]) -> None:
    pytest.importorskip("dask.bag")
    from evolve.reuse.distributed import match_units_dask

    keys, groups = _mutated_units(corpus, n_docs=30, seed=4)
    docs = [str(g) for g in groups]
    keys += keys[:24]  # identical texts in two more documents (collapsed before hashing locally)
    docs += ["x"] * 12 + ["y"] * 12
    local, s_local, n_local = match_units(keys, docs, min_score=0.7)
    for scheduler, size in (("sync", 40), ("threads", 100)):  # several partitions
        got, s_got, n_got = match_units_dask(keys, docs, min_score=0.7, scheduler=scheduler,
                                             partition_units=size)
        assert got.tolist() == local.tolist() and s_got.tolist() == s_local.tolist()
        assert n_got == n_local
    assert (s_local == 1.0).any() and len(local) > 100


def test_dask_backend_report_equals_local(tmp_path: Path) -> None:
    pytest.importorskip("dask.bag")
    plans = {"ningxia-2017": (PROVINCE, "宁夏", "province", "2017"),
             "yinchuan-2019": (CITY, "银川", "prefecture", "2019"),
             "shizuishan-2019": (OTHER_CITY, "石嘴山", "prefecture", "2019")}
    # Two copies of the corpus: the run cache of one must not answer for the other.
    local = find_reuse(make_corpus(tmp_path / "a", plans), level="clause", min_score=0.6)
    dask_ = find_reuse(make_corpus(tmp_path / "b", plans), level="clause", min_score=0.6,
                       backend="dask", scheduler="sync")
    again = find_reuse(tmp_path / "b", level="clause", min_score=0.6, backend="dask")
    assert again.stats["cached"] is True and _pair_ids(again) == _pair_ids(dask_)
    assert dask_.stats["cached"] is False and dask_.stats["backend"] == "dask"
    assert _pair_ids(dask_) == _pair_ids(local) and len(local.pairs) >= 2
    assert dask_.stats["candidates"] == local.stats["candidates"]
    assert dask_.doc_pairs == local.doc_pairs and dask_.documents == local.documents


def test_cli_reuse_backend_dask_json(ningxia_corpus: Path) -> None:
    pytest.importorskip("dask.bag")
    res = CliRunner().invoke(cli, ["reuse", str(ningxia_corpus), "--backend", "dask",
                                   "--scheduler", "sync", "--json"])
    assert res.exit_code == 0, res.output
    out = json.loads(res.output)
    assert out["stats"]["backend"] == "dask"
    assert {(p["a"]["doc"], p["b"]["doc"]) for p in out["pairs"]} == {
        ("ningxia-2017", "yinchuan-2019"), ("shizuishan-2019", "yinchuan-2019")}
    res = CliRunner().invoke(cli, ["reuse", str(ningxia_corpus), "--backend", "dask",
                                   "--scheduler", "nonsense", "--json"])
    assert res.exit_code == 2 and "unknown dask scheduler" in res.output


def test_backend_dask_without_dask_says_how_to_install(
        ningxia_corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    from evolve.errors import EvolveError, MissingDependencyError

    monkeypatch.setitem(sys.modules, "dask", None)  # `import dask.bag` now raises ImportError
    monkeypatch.setitem(sys.modules, "dask.bag", None)
    with pytest.raises(MissingDependencyError, match=r"^install evolve\[dask\] for --backend dask$"):
        find_reuse(ningxia_corpus, backend="dask")
    assert issubclass(MissingDependencyError, EvolveError)
    res = CliRunner().invoke(cli, ["reuse", str(ningxia_corpus), "--backend", "dask"])
    assert res.exit_code == 2
    assert res.output.strip().splitlines()[-1].endswith("install evolve[dask] for --backend dask")
    assert find_reuse(ningxia_corpus).pairs  # the local backend does not need dask


# --- units, families, boilerplate, output that scales ----------------------------------------

DATA_PREAMBLE = ("数据是国家基础战略性资源和重要生产要素,加快培育数据要素市场,对于推动高质量发展、"
                 "建设数字中国具有重要意义。")
SHARED_PARAGRAPH = "建立健全公共数据资源目录体系,统一数据标准,推动公共数据按需共享、有序开放,提升数据治理能力。"
FORMULA = "本办法自印发之日起施行,由市大数据管理局负责解释,此前规定与本办法不一致的,以本办法为准。"


def _opinion(place: str, own: str, *, paragraph_inside: bool = False, formula: bool = False) -> str:
    item = f"(一){own}\n{SHARED_PARAGRAPH}" if paragraph_inside else f"(一){own}"
    return (f"{place}关于加快数据要素市场化配置改革的实施意见\n{DATA_PREAMBLE}\n一、主要任务\n{item}\n"
            + (f"二、附则\n{FORMULA}\n" if formula else ""))


OWN = ["推动城市运行管理平台建设,整合城管交通环保等领域感知数据,形成城市运行一张图。",
       "发展智慧农业,建设农产品质量安全追溯体系,推动物联网技术在设施农业中的应用推广。",
       "完善工业互联网标识解析体系,培育一批面向重点行业的工业互联网平台和解决方案供应商。",
       "推进医疗健康数据互联互通,建设全民健康信息平台,实现电子病历和健康档案跨机构调阅。"]


def test_preamble_and_a_paragraph_inside_a_longer_provision_are_found(tmp_path: Path) -> None:
    corpus = make_corpus(tmp_path / "c", {
        "guizhou-2020": (_opinion("贵州省", SHARED_PARAGRAPH), "贵州", "province", "2020"),
        "chengdu-2020": (_opinion("成都市", OWN[0], paragraph_inside=True), "成都", "sub-provincial", "2020"),
    })
    report = find_reuse(corpus)
    pairs = {(p.a.kind, p.b.kind, p.score) for p in report.pairs}
    preamble = [p for p in report.pairs if p.a.kind == "preamble"]
    assert len(preamble) == 1 and preamble[0].score == 1.0 and "基础战略性资源" in preamble[0].b.text
    inside = [p for p in report.pairs if p.a.kind != "preamble"]
    assert len(inside) == 1, pairs  # the paragraph, not diluted by the provision around it
    assert inside[0].score == 1.0 and key(SHARED_PARAGRAPH) in key(inside[0].a.text)
    assert {f.documents for f in report.families} == {2} and len(report.families) == 2


def test_a_paragraph_copied_with_its_whole_provision_is_one_pair(tmp_path: Path) -> None:
    item = f"(一){OWN[1]}\n{SHARED_PARAGRAPH}"
    text = f"某市数据工作方案\n一、主要任务\n{item}\n"
    corpus = make_corpus(tmp_path / "c", {"a-2020": (text, "", "", "2020"),
                                          "b-2021": (text.replace("某市", "另一市"), "", "", "2021")})
    report = find_reuse(corpus)
    # the item's two paragraphs are two provisions (issue 9): one pair each, no echo of either
    assert [(p.a.id, p.b.id) for p in report.pairs] == [("p1", "p1"), ("p2", "p2")]
    assert report.stats["pairs"] == 2 and report.stats["paragraph_units"] == 0


def _diffusion_corpus(root: Path) -> Path:
    """A State Council provision spread to 12 provinces, each with its own text and a formula."""
    national = ("推动建设全国一体化政务大数据体系,加强数据汇聚融合、共享开放和开发利用,"
                "促进数据依法有序流动,充分发挥数据的基础资源作用和创新引擎作用。")
    plans = {"state-council-2022": (f"国务院关于政务大数据体系的指导意见\n一、主要任务\n(一){national}\n",
                                    "", "national", "2022")}
    provinces = ["河北", "山西", "辽宁", "吉林", "江苏", "浙江", "安徽", "福建", "江西", "山东", "河南", "湖北"]
    rng = random.Random(1)
    pool = sorted(set("".join(OWN)))
    for n, prov in enumerate(provinces):
        own = ["".join(rng.choices(pool, k=40)) + "。" for _ in range(2)]  # each plan's own words
        body = "\n".join(f"({'一二三'[k]}){t}" for k, t in enumerate([national.replace("全国", prov + "省"), *own]))
        plans[f"{prov}-{2023 + n % 2}"] = (f"{prov}省政务数据实施方案\n一、主要任务\n{body}\n二、附则\n{FORMULA}\n",
                                          prov, "province", str(2023 + n % 2))
    # Plans on other matters, so that the provision is in fewer than half the documents: a
    # passage in half of them or more is boilerplate, whatever it says.
    for n in range(14):
        own = "\n".join(f"({'一二'[k]}){''.join(rng.choices(pool, k=40))}。" for k in range(2))
        plans[f"other-{n:02d}"] = (f"其他事项方案\n一、主要任务\n{own}\n", "", "province", "2023")
    return make_corpus(root, plans)


def test_families_spread_earliest_and_boilerplate(tmp_path: Path) -> None:
    report = find_reuse(_diffusion_corpus(tmp_path / "c"))
    spread = report.families[0]
    assert not spread.boilerplate and spread.documents == 13 and spread.size == 13
    assert spread.earliest.doc == "state-council-2022" and spread.earliest.level == "national"
    assert spread.years == {2022: 1, 2023: 6, 2024: 6}
    assert spread.levels == {"national": 1, "province": 12}
    assert spread.members[0].doc == "state-council-2022" and spread.members[0].score == 1.0
    assert "全国一体化" in spread.text
    formula = [f for f in report.families if f.boilerplate]
    assert [f.reason for f in formula] == ["formula"] and formula[0].documents == 12
    assert formula[0].id > max(f.id for f in report.families if not f.boilerplate)
    # Boilerplate stays out of the document pairs unless asked for.
    without = {(d.a, d.b): d for d in report.doc_pairs}
    with_bp = find_reuse(tmp_path / "c", include_boilerplate=True)
    both = {(d.a, d.b): d for d in with_bp.doc_pairs}
    assert without[("河北-2023", "山西-2024")].pairs == 1 and both[("河北-2023", "山西-2024")].pairs == 2
    assert both[("河北-2023", "山西-2024")].a_share > without[("河北-2023", "山西-2024")].a_share
    # Its pairs are not listed either (the family holds its members), unless asked for.
    assert report.stats["pairs"] == 78 and not any(p.boilerplate for p in report.pairs)
    assert report.stats["boilerplate_pairs_listed"] is False
    assert [f.size for f in with_bp.families] == [f.size for f in report.families] == [13, 12]
    assert sum(with_bp.relations.values()) == with_bp.stats["pairs"] == 78 + 66
    bp_pairs = [p for p in with_bp.pairs if p.boilerplate]
    assert len(bp_pairs) == 66 and with_bp.pairs.index(bp_pairs[0]) == 78


@pytest.mark.parametrize("text, is_formula", [
    ("本办法自印发之日起施行。", True),
    ("本规定由省人民政府办公厅负责解释。", True),
    ("各地区各部门要结合实际,认真贯彻落实。", True),
    ("现将《数字政府建设实施方案》印发给你们,请结合实际认真贯彻执行。", True),
    ("执行中遇到的重要问题,请及时向长春民政局报告。", True),
    ("2005年4月25日发布的《安全生产管理暂行办法》同时废止。", True),
    ("为了规范文物保护管理,保障各方合法权益,根据《中华人民共和国文物保护法》,结合本市实际,制定本办法。", True),
    ("推动建设全国一体化政务大数据体系,加强数据汇聚融合。", False),
    ("数据是国家基础战略性资源和重要生产要素,加快培育数据要素市场。", False),
])
def test_formulas(text: str, is_formula: bool) -> None:
    from evolve.reuse.boilerplate import FORMULA_COVER, formula_cover

    assert (formula_cover(key(text)) >= FORMULA_COVER) is is_formula


def test_components_against_union_find() -> None:
    from evolve.reuse.families import components

    rng = np.random.default_rng(5)
    for n, m in ((50, 30), (400, 390), (1000, 3000)):
        a, b = rng.integers(0, n, m), rng.integers(0, n, m)
        parent = list(range(n))

        def find(x: int, parent: list[int] = parent) -> int:
            while parent[x] != x:
                parent[x] = parent[parent[x]]
                x = parent[x]
            return x

        for x, y in zip(a.tolist(), b.tolist(), strict=True):
            parent[find(x)] = find(y)
        label = components(n, a, b)
        for x, y in zip(rng.integers(0, n, 500).tolist(), rng.integers(0, n, 500).tolist(), strict=True):
            assert (label[x] == label[y]) == (find(x) == find(y))
        assert all(label[x] <= x for x in range(n))


def test_expand_against_all_pairs() -> None:
    from evolve.reuse.match import collapse, expand

    keys = ["a", "b", "a", "c", "a", "b", "d"]
    docs = np.array([0, 0, 1, 1, 2, 2, 2])
    uniq, inverse = collapse(keys)
    assert uniq == ["a", "b", "c", "d"]
    pairs, scores = expand(np.array([[0, 1], [2, 3]]), np.array([0.8, 0.75], np.float32), inverse, docs)
    got = sorted(zip(map(tuple, pairs.tolist()), scores.tolist(), strict=True))
    ka = {"a": 0, "b": 1, "c": 2, "d": 3}
    want = sorted(((i, j), 1.0 if keys[i] == keys[j] else 0.8 if {ka[keys[i]], ka[keys[j]]} == {0, 1}
                   else 0.75)
                  for i in range(len(keys)) for j in range(i + 1, len(keys)) if docs[i] != docs[j]
                  and ({ka[keys[i]], ka[keys[j]]} in ({0, 1}, {2, 3}) or keys[i] == keys[j]))
    assert [(p, round(s, 4)) for p, s in got] == [(p, round(s, 4)) for p, s in want]


def test_cli_limit_all_and_out(tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    corpus = _diffusion_corpus(tmp_path / "c")
    res = CliRunner().invoke(cli, ["reuse", str(corpus), "--json", "--limit", "5"])
    assert res.exit_code == 0, res.output
    out = json.loads(res.output)
    assert set(out) >= {"pairs", "doc_pairs", "documents", "relations", "stats", "families"}
    assert len(out["pairs"]) == 5 and out["stats"]["pairs"] == 78  # C(13,2); the formula's are not listed
    assert len(out["families"]) == 2 and len(out["families"][0]["members"]) == 5
    assert out["families"][0]["size"] == 13 and out["families"][1]["boilerplate"] is True
    res = CliRunner().invoke(cli, ["reuse", str(corpus), "--json", "--all", "--out", str(tmp_path / "o"),
                                   "--include-boilerplate"])
    assert res.exit_code == 0, res.output
    out = json.loads(res.stdout)
    assert len(out["pairs"]) == 144 and len(out["families"][0]["members"]) == 13
    pairs = pq.read_table(tmp_path / "o" / "pairs.parquet")
    assert pairs.num_rows == 144 and {"a_doc", "a_id", "a_text", "b_doc", "score", "family",
                                      "boilerplate", "relation"} <= set(pairs.column_names)
    assert sum(pairs.column("boilerplate").to_pylist()) == 66
    members = pq.read_table(tmp_path / "o" / "family_members.parquet")
    assert members.num_rows == 25
    fams = list(csv.DictReader((tmp_path / "o" / "families.csv").open(encoding="utf-8")))
    assert [f["documents"] for f in fams] == ["13", "12"] and fams[1]["reason"] == "formula"
    dp = pq.read_table(tmp_path / "o" / "doc_pairs.parquet")
    assert dp.num_rows == len(out["doc_pairs"]) == 78
    res = CliRunner().invoke(cli, ["reuse", str(corpus), "--json", "--out", str(tmp_path / "p")])
    assert pq.read_table(tmp_path / "p" / "pairs.parquet").num_rows == 78
    assert pq.read_table(tmp_path / "p" / "family_members.parquet").num_rows == 25
    res = CliRunner().invoke(cli, ["reuse", str(corpus), "--csv", "--limit", "4"])
    rows = list(csv.DictReader(res.output.splitlines()))
    assert res.exit_code == 0 and len(rows) == 4 and float(rows[0]["score"]) >= float(rows[3]["score"])
    assert {"a_date", "a_kind", "family", "boilerplate"} <= set(rows[0])
    res = CliRunner().invoke(cli, ["reuse", str(corpus), "--csv", "--all"])
    assert len(list(csv.DictReader(res.output.splitlines()))) == 78
    res = CliRunner().invoke(cli, ["reuse", str(corpus), "--json", "--limit", "-1"])
    assert res.exit_code == 2 and "--limit" in res.output


def test_dask_backend_on_a_local_cluster_of_two_workers(tmp_path: Path) -> None:
    distributed = pytest.importorskip("dask.distributed")
    corpus = _diffusion_corpus(tmp_path / "c")
    local = find_reuse(corpus, sync_index=True)
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster:
        on_cluster = find_reuse(corpus, backend="dask", scheduler=cluster.scheduler_address,
                                min_score=0.7 - 1e-9)
    assert on_cluster.stats["cached"] is False  # another min_score: computed on the cluster
    assert _pair_ids(on_cluster) == _pair_ids(local) and len(local.pairs) == 78
    assert on_cluster.stats["candidates"] == local.stats["candidates"]
    assert [f.to_dict() for f in on_cluster.families] == [f.to_dict() for f in local.families]


def test_terminal_shows_families_and_boilerplate(tmp_path: Path) -> None:
    res = CliRunner().invoke(cli, ["reuse", str(_diffusion_corpus(tmp_path / "c")), "--top", "3"],
                             env={"COLUMNS": "200"})
    assert res.exit_code == 0, res.output
    out = res.output
    assert "78 similar provision pairs" in out and "2 families (1 boilerplate)" in out
    travel = out.index("passages that travel")
    boiler = out.index("boilerplate (套话): 1 families")
    assert travel < boiler and "state-council-2022 (2022)" in out[travel:boiler]
    assert "national 1, province 12" in out[travel:boiler] and "2022–2024" in out[travel:boiler]
    assert "formula" in out[boiler:] and "本办法自印发之日起施行" in out[boiler:]


def test_paragraph_pairs_echoing_their_provisions_are_dropped() -> None:
    from evolve.reuse import drop_paragraph_echoes

    # rows 0 and 3 are provisions of two paragraphs (1, 2 and 4, 5); row 6 a one-paragraph one
    top = np.array([0, 0, 0, 3, 3, 3, 6])
    pairs = np.array([[0, 3], [1, 4], [2, 5], [1, 6], [2, 6]])
    kept, scores = drop_paragraph_echoes(pairs, np.ones(5, np.float32), top)
    # the provisions match, so their paragraphs' pairs go; a paragraph matching another
    # provision whose own provision does not match it stays
    assert kept.tolist() == [[0, 3], [1, 6], [2, 6]] and len(scores) == 3


def test_notebook_api_keeps_every_row_beyond_the_limit(tmp_path: Path) -> None:
    report = find_reuse(_diffusion_corpus(tmp_path / "c"), limit=3)
    assert len(report.pairs) == 3 and len(report.families) == 2 and report.stats["pairs"] == 78
    assert len(report.families[0].members) == 3 and report.families[0].size == 13
    pairs = report.tables.frame("pairs")
    assert len(pairs) == 78 and set(pairs["a_doc"]) | set(pairs["b_doc"]) >= {"state-council-2022"}
    members = report.tables.frame("family_members")
    assert members.groupby("family").size().to_dict() == {1: 13, 2: 12}
