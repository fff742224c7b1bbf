"""The coder's fast cue scan against the obvious one: words by walking a trie against the
prefix-tree regular expression, literal screens (evolve/needles.py) against running every pattern,
on the hand-coded sentences and on generated texts."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from evolve.instruments import load_codebook
from evolve.instruments.coder import code_text
from evolve.instruments.matcher import Found, Matcher
from evolve.needles import PatternSet, may_match, needles
from evolve.trie import longest_words, trie_pattern, word_trie

GOLD = Path(__file__).parent / "gold" / "instruments.csv"


def gold_texts() -> list[str]:
    with GOLD.open(encoding="utf-8") as fh:
        return [r["text"] for r in csv.DictReader(fh)]


def slow_found(m: Matcher, text: str) -> list[Found]:
    """The scan as it was: the words' prefix-tree pattern, then every "re:" cue on every text."""
    out: list[Found] = []
    for x in re.finditer(trie_pattern(m.words), text):
        cue = m.words[x.group()]
        out.append((x.start(), (x.group(), cue.tool, cue.weight)))
    for rx, cue in m.regexes:
        out += [(x.start(), (x.group(), cue.tool, cue.weight)) for x in rx.finditer(text) if x.end() > x.start()]
    return out


# Cues over the same words. The words are found left to right without overlap, longest first:
# 给予奖励 (a word) hides 奖励资金 (another word, which would start inside it); then each re: cue's
# matches, after all the words, whatever their position: the re: cue 给予…奖励 matches 给予奖励 again
# (counted again, listed once) and 给予一次性奖励 after the word 一次性奖励 that it holds. A scan
# that merged the cues by position would list the evidence in another order.
OVERLAPS = [
    (
        "对引进人才给予奖励资金和补助。",
        [(1, "引进人才"), (5, "给予奖励"), (9, "资金"), (12, "补助"), (5, "给予奖励")],
        ("给予奖励", "资金", "补助"),
    ),
    ("给予一次性奖励。", [(2, "一次性奖励"), (0, "给予一次性奖励")], ("一次性奖励", "给予一次性奖励")),
]


@pytest.mark.parametrize(("text", "found", "evidence"), OVERLAPS)
def test_overlapping_cues_keep_the_scan_order(
    text: str, found: list[tuple[int, str]], evidence: tuple[str, ...]
) -> None:
    cb = load_codebook()
    m = Matcher(cb)
    assert [(start, hit[0]) for start, hit in m.found(text)] == found
    assert m.found(text) == slow_found(m, text)
    c = code_text(text, cb)
    assert (c.tool, c.evidence) == ("funding", evidence)


def test_found_as_every_cue_alone_on_the_gold_sentences() -> None:
    cb = load_codebook()
    m = Matcher(cb)
    plain_body = list(cb.body_patterns)
    for text in gold_texts() + [t for t, _, _ in OVERLAPS]:
        assert m.found(text) == slow_found(m, text), text
        assert m.names(text) == [x.span(1) for p in plain_body for x in p.finditer(text)], text
        assert m.is_task(text) == any(p.search(text) for p in cb.task_patterns), text
        want = next(((tool, x.group(0)) for tool, ps in cb.deciding for p in ps if (x := p.search(text))), None)
        assert m.deciding(text) == want, text


@pytest.mark.parametrize(
    ("pattern", "groups"),
    [
        (r"给予[^。；]{0,30}?(?:奖励|补助)", (("给予",), ("奖励", "补助"))),
        (r"(?:行政主管部门|主管部门|部门|委员会)", (("委员会", "部门"),)),  # 主管部门 holds 部门
        (r"[；;]$", ((";", "；"),)),
        (r"(?<![为除罢])了(?!解)", (("了",),)),
        (r"\d+(?:\.\d+)?%", (("%",),)),
        (r"a(?:b|)c", (("a",), ("c",))),  # an empty branch requires nothing
        (r"x*y?", ()),
        (r"(?i)abc", ()),  # case-insensitive: nothing is known
        (r"(?i:ab)c", (("c",),)),
        (r"[^a]b", (("b",),)),
        (r"(a)\1", (("a",),)),
    ],
)
def test_needles(pattern: str, groups: tuple[tuple[str, ...], ...]) -> None:
    assert needles(re.compile(pattern)) == groups


TRICKY = [
    r"a(?:b|)c",
    r"(?:ab|a)c+",
    r"a{0,2}b{1,2}",
    r"(?:a|b)(?:c|)d?",
    r"(?i:a)b",
    r"[a-c]x|y",
    r"(?<!a)b(?=c)",
    r"(a|b)\1",
    r"(?:xa|xb|x)y",
    r"(?>ab|a)b",
    r"a++b",
    r"^a|b$",
]


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(TRICKY), st.text(alphabet="abcdxyAB", max_size=12))
def test_a_screen_never_turns_a_match_away(pattern: str, text: str) -> None:
    rx = re.compile(pattern)
    if rx.search(text):
        assert may_match(needles(rx), text)
    ps = PatternSet([re.compile(p) for p in TRICKY])
    assert ps.candidates(text) == sorted(set(ps.candidates(text)))
    assert {i for i, p in enumerate(ps.patterns) if p.search(text)} <= set(ps.candidates(text))


def test_codebook_screens_on_the_gold_sentences() -> None:
    cb = load_codebook()
    m = Matcher(cb)
    patterns = [rx for rx, _ in m.regexes] + [*cb.body_patterns, *cb.task_patterns]
    patterns += [p for _, ps in cb.deciding for p in ps]
    screened = [needles(p) for p in patterns]
    assert sum(1 for g in screened if g) >= len(patterns) - 1  # all but ^不… have strings to test
    for text in gold_texts():
        for p, g in zip(patterns, screened, strict=True):
            if p.search(text):
                assert may_match(g, text), (p.pattern, text)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet="abc", min_size=1, max_size=4), min_size=1, max_size=8),
       st.text(alphabet="abcd", max_size=30))
def test_longest_words_as_the_trie_pattern(words: list[str], text: str) -> None:
    rx = re.compile(trie_pattern(words))
    trie = word_trie({w: w for w in words})
    assert longest_words(trie, text) == [(x.start(), x.group()) for x in rx.finditer(text)]
