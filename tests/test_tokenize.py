"""evolve's segmenter (rjieba fed only the words a text can hold) cuts as rjieba with its whole
dictionary does: checked word for word on real plans, against rjieba's own default segmenter."""

from __future__ import annotations

import random
import subprocess
import sys
from pathlib import Path

import pytest

from evolve import tokenize
from evolve.word_index import build, word_index

SHARED = Path(__file__).resolve().parents[2] / "shared" / "corpora"
ROOT = Path(__file__).resolve().parents[1]


def _reference(terms=()):
    import rjieba

    ref = rjieba.Jieba()  # the full dictionary, built by rjieba
    for term in (*tokenize.policy_terms(), *terms):
        ref.add_word(term, tokenize.TERM_FREQ, None)
    return ref


def _real_lines() -> list[str]:
    """Lines of real plans and reports kept in the repository (the seeds, State Council and city
    reports of tests/data), with some of shared/ when it sits beside the checkout."""
    data = ROOT / "tests" / "data"
    files = sorted((ROOT / "corpus").glob("*.txt"))
    for folder in ("work_reports", "work-reports", "city_reports"):
        files += sorted((data / folder).rglob("*.txt"))
    if SHARED.is_dir():
        files += sorted((SHARED / "city-reports-2024").rglob("*.txt"))[::8]
    return [line for f in files for line in f.read_text("utf-8", errors="replace").splitlines() if line.strip()]


def _fresh(monkeypatch, full_after: int = 10**9) -> tokenize._Segmenter:
    """A segmenter of its own, cutting with the words of its texts up to ``full_after``."""
    monkeypatch.setattr(tokenize, "FULL_AFTER", full_after)
    seg = tokenize._Segmenter()
    for term in tokenize.policy_terms():
        seg.add_term(term)
    return seg


def test_the_cut_is_rjiebas_on_real_plans(monkeypatch):
    seg = _fresh(monkeypatch)
    lines = _real_lines()
    assert sum(map(len, lines)) > 150_000
    ref = _reference()
    differ = [line for line in lines if seg.cut(line) != ref.cut(line, hmm=True)]
    assert not differ, differ[:3]
    assert seg.full is None  # all of it cut with the words of the texts


def test_terms_added_later_cut_as_on_the_full_dictionary(monkeypatch):
    """A term already in jieba's dictionary (人民, 高质量发展) or new (新质生产力), added after
    texts holding it were cut, weighs what it would on the full dictionary."""
    seg = _fresh(monkeypatch)
    text = (ROOT / "corpus" / "zhaoqing-2024.txt").read_text("utf-8")
    seg.cut(text)
    terms = ["新质生产力", "高质量发展", "人民", "城市更新行动", "WiFi覆盖"]
    for term in terms:
        seg.add_term(term)
    ref = _reference(terms)
    rng = random.Random(7)
    for _ in range(400):
        start = rng.randrange(len(text))
        piece = text[start:start + rng.randrange(1, 160)]
        assert seg.cut(piece) == ref.cut(piece, hmm=True), piece
    assert "新质生产力" in seg.cut("加快发展新质生产力")
    assert seg.full is None


def test_policy_terms_stay_whole_and_text_is_kept():
    text = "推进公共数据授权运营，培育数据要素市场，发展低空经济和5G应用。"
    got = tokenize.words(text)
    assert "".join(got) == text
    assert {"数据要素", "低空经济"} <= set(got)
    assert "，" not in tokenize.content_words(text)


def test_the_index_is_jiebas_dictionary():
    index = word_index()
    # dict.txt's lines sum to 60,101,967; its one repeated word counts once, with its last frequency
    assert index.total == 60_101_964
    assert index.freq("中华人民共和国") is not None and index.freq("的") > 100_000
    assert index.freq("数据要素") is None  # a policy term, not jieba's
    assert index.freq("") is None


def test_build_reads_a_dict_txt(tmp_path):
    (tmp_path / "dict.txt").write_text("数据 100 n\n数据要素 5 n\n中 7\n数据 120 n\n", "utf-8")
    from evolve.word_index import WordIndex

    index = WordIndex(build(tmp_path / "dict.txt"))
    assert index.total == 132  # a repeated word keeps its last frequency, as jieba does
    assert index.freq("数据") == 120 and index.freq("数据要素") == 5 and index.freq("中") == 7
    assert sorted(index.new_words("数据要素中")) == [("中", 7), ("数据", 120), ("数据要素", 5)]
    assert index.new_words("数据要素") == []  # returned once


def test_rjieba_is_never_built_with_its_whole_dictionary():
    """Importing rjieba's package builds its default segmenter (0.12 s): evolve loads the
    extension alone. The subprocess cuts text and checks the package was not run."""
    code = ("import sys; from evolve.tokenize import words; w = words('数据要素市场化配置改革');"
            "print(w, 'rjieba' in sys.modules, hasattr(sys.modules['rjieba.rjieba'], 'Jieba'))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip().endswith("False True"), out
    assert "'数据要素'" in out


@pytest.mark.parametrize("text", ["", " ", "ＡＢＣ１２３", "𠀀𠀁数据", "\x00\x01", "a" * 3000])
def test_odd_text(text):
    assert "".join(tokenize.words(text)) == text
    assert tokenize.words(text) == _reference().cut(text, hmm=True)


def test_a_corpus_switches_to_the_whole_dictionary_and_cuts_the_same(monkeypatch):
    """Past FULL_AFTER characters (a corpus) the whole dictionary is built and cuts the rest,
    policy and user terms included, word for word as before the switch."""
    seg = _fresh(monkeypatch, 2_000)
    lines = _real_lines()[:400]
    ref = _reference(["新质生产力"])
    got = []
    for i, line in enumerate(lines):
        if i == 200:
            seg.add_term("新质生产力")  # after the switch
        got.append(seg.cut(line))
    assert seg.full is not None
    before = _reference()
    assert got[:200] == [before.cut(line, hmm=True) for line in lines[:200]]
    assert got[200:] == [ref.cut(line, hmm=True) for line in lines[200:]]
    assert "新质生产力" in seg.cut("加快发展新质生产力")
