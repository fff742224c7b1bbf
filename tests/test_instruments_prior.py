"""The prior of learned instrument models: the shipped hand-coded sentences, in the user's labels."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from evolve.cli import cli
from evolve.errors import CodebookError
from evolve.instruments.codebook import load_codebook, parse_codebook, shipped_text
from evolve.instruments.prior import GoldSentence, build_prior, label_keys, shipped_gold

GOLD = Path(__file__).parent / "gold" / "instruments.csv"


def test_tests_gold_is_the_shipped_gold() -> None:
    with GOLD.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    gold = shipped_gold()
    assert [r["id"] for r in rows] == [g.id for g in gold] and len(gold) >= 1786
    assert [r["text"] for r in rows] == [g.text for g in gold]


@pytest.mark.parametrize(
    ("labels", "level", "keys"),
    [
        (["supply", "environment", "demand", "none"], "family", None),
        (["Supply", "ENVIRONMENT", "Demand"], "family", None),
        (["供给型", "环境型", "需求型", "非工具"], "family", {"供给型": "supply", "非工具": "none"}),
        (["供给型政策工具", "环境型政策工具", "需求型政策工具"], "family", {"供给型政策工具": "supply"}),
        (["人才培养", "资金投入", "法规管制", "税收优惠"], "tool", {"资金投入": "funding", "税收优惠": "tax"}),
        (["基础设施", "资金支持", "目标规划"], "tool", {"基础设施": "infrastructure", "资金支持": "funding"}),
        (["talent", "funding", "regulation", "none"], "mixed", {"none": "none"}),
        (["供给型-人才培养", "供给型/资金投入", "环境型：法规管制", "需求型 — 政府采购"], "tool",
         {"供给型-人才培养": "talent", "环境型：法规管制": "regulation", "需求型 — 政府采购": "procurement"}),
    ],
)
def test_codebook_labels_get_a_prior(labels: list[str], level: str, keys: dict[str, str] | None) -> None:
    cb = load_codebook()
    p = build_prior(labels, [], codebook=cb)
    assert p.level == level and len(p) > 100 and p.weight == 0.5
    assert set(p.labels) == set(labels)  # relabelled in the user's own spelling
    mapped, unknown = label_keys(labels, cb)
    assert not unknown and (keys is None or all(mapped[k] == v for k, v in keys.items()))


def test_prior_labels_follow_the_shipped_gold() -> None:
    cb = load_codebook()
    gold = {g.text: g for g in shipped_gold()}
    fam = build_prior(["供给型", "环境型", "需求型", "非工具"], [], codebook=cb)
    names = {"供给型": "supply", "环境型": "environment", "需求型": "demand", "非工具": "none"}
    assert all(gold[t].category == names[lab] for t, lab in zip(fam.texts, fam.labels, strict=True))
    # tools: a sentence of an unnamed tool is left out; a label naming a family takes the rest of it
    p = build_prior(["talent", "funding", "none"], [], codebook=cb)
    assert {gold[t].tool for t, lab in zip(p.texts, p.labels, strict=True) if lab == "funding"} == {"funding"}
    assert {gold[t].category for t, lab in zip(p.texts, p.labels, strict=True) if lab == "none"} == {"none"}
    assert len(p) == sum(g.tool in ("talent", "funding") or g.category == "none" for g in shipped_gold())


@pytest.mark.parametrize(
    ("labels", "says"),
    [
        (["A", "B"], "name no family or tool"),
        (["supply", "environment", "other"], "other name no family"),
        (["supply", "供给型", "demand"], "both name 'supply'"),
        (["supply"], "fewer than two"),
        (["需求型-人才培养", "供给型-资金投入"], "name no family"),  # 人才培养 is no demand tool
    ],
)
def test_own_codes_get_no_prior(labels: list[str], says: str) -> None:
    p = build_prior(labels, [], codebook=load_codebook())
    assert len(p) == 0 and p.level == "" and says in p.note


def test_prior_leaves_out_the_users_sentences() -> None:
    gold = shipped_gold()
    mine = [g.text for g in gold[::2]]
    p = build_prior(["supply", "environment", "demand", "none"], mine, codebook=load_codebook())
    assert not set(p.texts) & set(mine)
    assert len(p) == sum(g.text not in set(mine) for g in gold)
    # the whole set coded by the user: nothing is left to add
    labels = ["supply", "environment", "demand", "none"]
    everything = build_prior(labels, [g.text for g in gold], codebook=load_codebook())
    assert len(everything) == 0 and "in the training set" in everything.note


def test_cross_validation_never_trains_on_a_test_sentence() -> None:
    from evolve.instruments.validate import cross_validate, fold_training, splits

    gold = [g for g in shipped_gold() if g.batch == "5"]
    texts, y, docs = [g.text for g in gold], [g.category for g in gold], [g.doc for g in gold]
    other = [g for g in shipped_gold() if g.batch == "4"]
    prior = build_prior(y, texts, codebook=load_codebook(), gold=other)
    assert len(prior) == len(other)
    parts, k, grouped = splits(texts, y, groups=docs, folds=4)
    assert grouped and k == 4 and sorted(i for _, te in parts for i in te) == list(range(len(texts)))
    for train_idx, test_idx in parts:
        tt, ty, w = fold_training(texts, y, train_idx, prior)
        assert not {texts[i] for i in test_idx} & set(tt)
        assert not {docs[i] for i in test_idx} & {docs[i] for i in train_idx}
        assert set(prior.texts) <= set(tt) and w is not None  # the prior is in every fold
        assert w.count(0.5) == len(prior) and len(tt) == len(ty) == len(w)
    pred, _, _ = cross_validate(texts, y, groups=docs, codebook=load_codebook(), folds=4, prior=prior)
    assert len(pred) == len(texts)  # only the user's sentences are scored


def test_prior_beats_no_prior_on_held_out_documents() -> None:
    """Batch 6, split by document: trained on half (its documents of even rank), scored on the
    other half; the prior holds no sentence of batch 6 nor of its documents."""
    from evolve.instruments.learn import train

    gold = shipped_gold()
    rows = [g for g in gold if g.batch == "6"]
    docs = sorted({g.doc for g in rows})
    mine = [g for g in rows if docs.index(g.doc) % 2 == 0]
    held = [g for g in rows if docs.index(g.doc) % 2 == 1]
    other = [g for g in gold if g.batch != "6" and g.doc not in set(docs)]
    t, y = [g.text for g in mine], [g.category for g in mine]
    prior = build_prior(y, t, codebook=load_codebook(), gold=other)
    acc = {}
    for name, pr in (("none", False), ("prior", prior)):
        r = train(t, y, groups=[g.doc for g in mine], folds=2, baseline=False, prior=pr)
        pred, _ = r.model.predict([g.text for g in held])
        acc[name] = sum(p == g.category for p, g in zip(pred, held, strict=True)) / len(held)
        assert r.n == len(mine) and len(r.prior) == (0 if pr is False else len(other))
    assert acc["prior"] >= acc["none"] + 0.05, acc
    assert acc["prior"] >= 0.78, acc


def _coded_csv(path: Path, rows: list[GoldSentence], label: str) -> None:
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["policy", "sentence", "code"])
        for g in rows:
            code = {"category": g.category, "own": "A" if g.category == "supply" else "B"}[label]
            w.writerow([g.doc, g.text, code])


def _train_json(path: Path, *extra: str) -> dict:  # type: ignore[type-arg]
    r = CliRunner().invoke(
        cli,
        ["tools", "--train", str(path), "--text-column", "sentence", "--label-column", "code", "--doc-column",
         "policy", "--json", *extra],
    )
    assert r.exit_code == 0, r.output
    return json.loads(r.output)  # type: ignore[no-any-return]


def test_cli_reports_the_prior_and_switches_it_off(tmp_path: Path) -> None:
    rows = [g for g in shipped_gold() if g.batch == "5"]
    f = tmp_path / "coded.csv"
    _coded_csv(f, rows, "category")
    out = _train_json(f)
    assert out["n"] == out["n_user"] == len(rows)
    assert out["n_prior"] == out["prior"]["sentences"] == len(shipped_gold()) - len(rows) > 1000
    assert out["prior"]["weight"] == 0.5 and out["prior"]["level"] == "family"
    off = _train_json(f, "--no-prior")
    assert off["n_prior"] == 0 and off["prior"]["note"] == "prior switched off" and off["n_user"] == len(rows)
    own = tmp_path / "own.csv"
    _coded_csv(own, rows, "own")
    mine = _train_json(own)
    assert mine["n_prior"] == 0 and "no prior" in mine["prior"]["note"]
    r = CliRunner().invoke(
        cli, ["tools", "--train", str(f), "--text-column", "sentence", "--label-column", "code"]
    )
    assert r.exit_code == 0 and f"trained on {len(rows)} of your sentences; " in r.output


@pytest.mark.parametrize(
    "args",
    [
        ["--no-prior", "--prior-weight", "0.5"],
        ["--prior-weight", "0"],
    ],
)
def test_cli_prior_options_refused(tmp_path: Path, args: list[str]) -> None:
    f = tmp_path / "coded.csv"
    _coded_csv(f, list(shipped_gold()[:20]), "category")
    r = CliRunner().invoke(
        cli, ["tools", "--train", str(f), "--text-column", "sentence", "--label-column", "code", *args]
    )
    assert r.exit_code == 2 and "Traceback" not in r.output
    r = CliRunner().invoke(cli, ["tools", "xianning-2016", "--no-prior"])
    assert r.exit_code == 2 and "go with --train" in r.output


def test_codebook_aliases() -> None:
    cb = load_codebook()
    assert "供给型政策工具" in cb.category_map["supply"].aliases
    with pytest.raises(CodebookError, match="aliases must be a list of strings"):
        parse_codebook(shipped_text().replace('aliases = ["人才支持"', 'aliases = [1, "人才支持"'))


@pytest.mark.parametrize("rich", [True, False])
def test_fold_matrices_equal_a_vectorizer_fitted_on_the_fold(rich: bool) -> None:
    """The counted-once fold matrices are those of a model fitted on the fold's sentences alone."""

    from evolve.instruments.features import codebook_features
    from evolve.instruments.fold_matrices import FoldMatrices
    from evolve.instruments.learn import fit_model

    cb = load_codebook()
    texts = [g.text for g in shipped_gold()[:300]]
    labels = [g.category for g in shipped_gold()[:300]]
    feats = codebook_features(texts, cb)
    train_rows, test_rows = list(range(0, 300, 3)) + list(range(1, 300, 3)), list(range(2, 300, 3))
    m = fit_model([texts[i] for i in train_rows], [labels[i] for i in train_rows], cb if rich else None,
                  extra=feats[train_rows])
    xtr, xte = FoldMatrices(texts, rich=rich, extra=feats).pair(train_rows, test_rows)
    want_tr = m.features([texts[i] for i in train_rows], feats[train_rows])
    want_te = m.features([texts[i] for i in test_rows], feats[test_rows])
    assert xtr.shape == want_tr.shape and xte.shape == want_te.shape
    assert abs(xtr - want_tr).max() < 1e-12 and abs(xte - want_te).max() < 1e-12
    # n-grams found only in the test rows are no columns (a fitted vectorizer never saw them)
    assert xte.shape[1] < FoldMatrices(texts, rich=rich, extra=feats).pair(list(range(300)), test_rows)[1].shape[1]
