"""Sentences followed wherever they move, and matching that does not depend on numbering."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from evolve.align import align
from evolve.parse import parse_file, parse_text
from evolve.records import Alignment, Document

DATA = Path(__file__).parent / "data"


def _brute_force(a: Document, b: Document) -> set[tuple[str, str]]:
    """The slow, obviously right answer: every clause pair, rapidfuzz ratio >= 80."""
    from rapidfuzz import fuzz

    ca = [c for p in a.provisions for c in (p.heading, *p.clauses) if c]
    cb = [c for p in b.provisions for c in (p.heading, *p.clauses) if c]
    return {(_bare(x), _bare(y)) for x in ca for y in cb if fuzz.ratio(x, y) >= 80}


_TRAILING = re.compile(r"[。;;,, ]+$")


def _bare(sentence: str) -> str:
    return _TRAILING.sub("", sentence)  # a heading listed among its item's sentences ends in 。


def _linked(al: Alignment) -> set[tuple[str, str]]:
    pairs = [(cp.source, cp.target) for m in al.matches for cp in m.clauses if cp.source and cp.target]
    pairs += [(cp.source, cp.target) for cp in al.moved]
    return {(_bare(x or ""), _bare(y or "")) for x, y in pairs}


def _pair(al: Alignment, old: str, new: str) -> list[str]:
    """Where a clause containing ``old`` is paired with one containing ``new``."""
    found = [f"{m.kind} {m.source[0].id}->{m.target[0].id}" for m in al.matches for cp in m.clauses
             if cp.source and cp.target and old in cp.source and new in cp.target]
    return found + [f"moved {cp.source_provision}->{cp.target_provision}" for cp in al.moved
                    if old in (cp.source or "") and new in (cp.target or "")]


def test_work_reports_link_the_near_verbatim_sentences_brute_force_finds() -> None:
    a = parse_file(DATA / "work-report-2009-head.txt")
    b = parse_file(DATA / "work-report-2010-head.txt")
    al = align(a, b)
    brute = _brute_force(a, b)
    assert len(brute) >= 10
    assert len(brute & _linked(al)) >= 0.95 * len(brute)
    # some of them sit in provisions that do not correspond: reported as moved, with both ids
    assert al.moved and all(cp.moved and cp.source_provision and cp.target_provision for cp in al.moved)
    d = al.to_dict()
    assert d["summary"]["moved_clauses"] == len(d["moved"]) == len(al.moved)
    assert {"moved", "source_provision", "target_provision", "near_verbatim"} <= set(d["moved"][0])


# A report of our own: two years of a county's work report, paragraphs under headings; a
# sentence on 农村公路 moves from the review of the year to the tasks, another is rewritten.
REPORT_2023 = """\
一、2022年工作回顾
过去一年，全县经济运行稳中向好。地区生产总值增长百分之六点五。新建改建农村公路一百二十公里，实现村村通客车。城乡居民收入稳步增长。
产业发展取得新进展。新引进工业项目二十个，规模以上工业增加值增长百分之八。茶叶产业综合产值突破十亿元。
二、2023年主要任务
加快建设现代产业体系。深入实施工业强县战略，推动茶叶、竹木等传统产业提质增效。培育壮大新能源汽车零部件产业集群。
持续改善民生福祉。新增城镇就业岗位三千个。推进县人民医院新院区建设，提升基层医疗服务能力。
"""
REPORT_2024 = """\
一、2023年工作回顾
过去一年，全县经济持续回升向好。地区生产总值增长百分之七。规模以上工业增加值增长百分之九。
民生保障更加有力。新增城镇就业岗位三千二百个。县人民医院新院区建成投用。
二、2024年主要任务
加快建设现代产业体系。深入实施工业强县战略，推动茶叶、竹木等传统产业提质增效。大力发展低空经济等新兴产业。
统筹城乡融合发展。新建改建农村公路一百二十公里，实现村村通客车。推进美丽乡村建设。
"""


def test_a_sentence_that_moved_to_another_part_is_reported_as_moved() -> None:
    al = align(parse_text(REPORT_2023, id="a"), parse_text(REPORT_2024, id="b"))
    moved = [cp for cp in al.moved if "农村公路" in cp.source]
    assert moved and moved[0].target and "农村公路" in moved[0].target
    a_pid, b_pid = moved[0].source_provision, moved[0].target_provision
    def part(p):  # type: ignore[no-untyped-def]
        return (p.path or (p.label + p.heading,))[0]

    assert part(al.source.provision(a_pid)).startswith("一、")
    assert part(al.target.provision(b_pid)).startswith("二、")
    # the verbatim task paragraph corresponds as a whole, not as a moved sentence
    # (the two short paragraphs of each year's tasks are aligned as one block: n:m)
    assert _pair(al, "深入实施工业强县战略", "深入实施工业强县战略")[0].startswith(("1:1", "n:m"))
    # the moved sentence counts as kept text of the newer report
    assert al.rates["inheritance"] > 0.3


def _strip_numbering(text: str) -> str:
    return re.sub(r"(?m)^(?:[一二三四五六七八九十]+、|\([一二三四五六七八九十]+\))", "", text)


def test_a_plan_matches_itself_with_its_numbering_stripped(xianning: Document) -> None:
    bare = parse_text(_strip_numbering(xianning.text), id="bare")
    assert not [p for p in bare.provisions if p.kind == "item"]  # paragraphs only now
    al = align(xianning, bare)
    assert len(al.unmatched_source) == len(al.unmatched_target) == 0
    assert all(m.kind == "1:1" for m in al.matches) and len(al.matches) == len(xianning.provisions)
    assert al.rates["inheritance"] > 0.95
    back = align(bare, xianning)  # and the other way round
    assert len(back.unmatched_source) == len(back.unmatched_target) == 0


def _plan_with_repeats(topics: list[str], *, repeat: str) -> str:
    lines = ["数字城市建设行动方案"]
    for k, t in enumerate(topics):
        lines += [f"{'一二三四五六'[k]}、{t}提升工程",
                  f"(一){t}建设。加快推进{t}建设,完善{t}服务体系,到2025年{t}水平显著提升。",
                  f"(二){repeat}"]
    return "\n".join(lines)


@pytest.mark.parametrize("repeat", [
    "加强组织领导。成立工作领导小组,统筹推进各项任务落实,定期召开会议研究解决重大问题。",
    "加强组织领导。",  # heading only: nothing but the order tells the repeats apart
])
def test_identical_items_repeated_in_five_sections_pair_one_by_one(repeat: str) -> None:
    text = _plan_with_repeats(["宽带网络", "智慧医疗", "智慧教育", "数字政府", "网络安全"], repeat=repeat)
    a, b = parse_text(text, id="a"), parse_text(text, id="b")
    al = align(a, b)
    assert [(m.source[0].id, m.target[0].id) for m in al.matches] == [(p.id, p.id) for p in a.provisions]
    assert not al.unmatched_source and not al.unmatched_target and al.rates["inheritance"] == 1.0


@pytest.mark.parametrize(("a", "b", "old", "new"), [
    ("jinzhou-14th-fyp", "zhaoqing-2024", "建立数据分类分级保护制度", "推动建立数据分类分级保护制度"),
    ("ningxia-2017", "xianning-2016", "推进4G网络城乡全覆盖", "实现4G网络乡镇和行政村全覆盖"),
    ("xianning-2016", "ningxia-2017", "实现4G网络乡镇和行政村全覆盖", "推进4G网络城乡全覆盖"),
])
def test_clause_pairs_a_reader_sees_are_linked(corpus: dict[str, Document], a: str, b: str, old: str,
                                               new: str) -> None:
    assert _pair(align(corpus[a], corpus[b]), old, new)


def _perturbed(text: str, seed: int) -> str:
    """The text edited as a later report would be: sentences moved to other paragraphs, a word
    changed here and there, sentences dropped, a new sentence added."""
    import random

    rng = random.Random(seed)
    lines = text.splitlines()
    paras = [[s + "。" for s in line.split("。") if s] if len(line) > 40 else [line] for line in lines]
    long_ones = [k for k, p in enumerate(paras) if len(p) > 1]
    for k in long_ones:
        p = paras[k]
        if rng.random() < 0.3 and len(p) > 2:  # a sentence moves to another paragraph
            s = p.pop(rng.randrange(len(p)))
            paras[rng.choice(long_ones)].insert(0, s)
        if rng.random() < 0.4:  # a word changes
            i = rng.randrange(len(p))
            s = p[i]
            if len(s) > 12:
                j = rng.randrange(len(s) - 4)
                p[i] = s[:j] + "进一步" + s[j + 2:]
        if rng.random() < 0.2 and len(p) > 1:
            p.pop(rng.randrange(len(p)))
        if rng.random() < 0.2:
            p.append("着力推动高质量发展取得新成效。")
    return "\n".join("".join(p) for p in paras)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_sentences_of_an_edited_report_are_followed(seed: int) -> None:
    text = (DATA / "work-report-2010-head.txt").read_text("utf-8")
    a = parse_text(text, id="a")
    b = parse_text(_perturbed(text, seed), id="b")
    al = align(a, b)
    brute = _brute_force(a, b)
    assert len(brute) > 50
    assert len(brute & _linked(al)) >= 0.95 * len(brute)
