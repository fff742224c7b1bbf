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
