"""Fast paths of `evolve compare` against the slow, obviously correct computation they replace.

Each speed-up of issue 20 must give the same numbers, bit for bit, as the plain loop it
replaced: the alignment's thresholds compare these floats, so a last-bit difference could flip a
decision.
"""

from __future__ import annotations

import math
from collections import Counter

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from evolve.align.features import _domains, build_space, char_features, topic_features, vectors, word_features
from evolve.align.group import typical_best
from evolve.records import Document


def _naive_topics(text: str) -> list[str]:
    out: list[str] = []
    for name, words in _domains():
        out.extend([name] * sum(text.count(w) for w in words))
    return out


def _naive_vectors(feature_lists: list[list[str]], columns: list[str] | None = None) -> np.ndarray:
    df: Counter[str] = Counter()
    for feats in feature_lists:
        df.update(set(feats))
    index = {f: i for i, f in enumerate(sorted(df))}
    idf = np.empty(len(index))
    for f, i in index.items():
        idf[i] = math.log((1 + len(feature_lists)) / (1 + df[f])) + 1.0
    cols = {f: k for k, f in enumerate(columns if columns is not None else index)}
    m = np.zeros((len(feature_lists), len(cols)))
    for row, feats in enumerate(feature_lists):
        norm = 0.0
        for f, c in Counter(feats).items():
            weight = (1.0 + math.log(c)) * idf[index[f]]
            norm += weight * weight
            if f in cols:
                m[row, cols[f]] = weight
        if norm:
            m[row] /= math.sqrt(norm)
    return m


@pytest.mark.parametrize("text", [
    "推进5G基站、千兆光网和WiFi覆盖，建设政务云与城市大脑。",
    "教育教学、智慧教育、教育信息化",  # overlapping words of one domain each counted
    "",
    "网",  # a text shorter than any two-character start
    "IPv6 NB-IoT CIM FTTH 12345",
])
def test_topic_features_equal_naive_counts(text: str) -> None:
    assert topic_features(text) == _naive_topics(text)


def test_topic_features_and_vectors_equal_naive_on_real_plans(xianning: Document, zhaoqing: Document) -> None:
    provisions = [*xianning.provisions, *zhaoqing.provisions]
    for p in provisions:
        assert topic_features(p.full_text) == _naive_topics(p.full_text)
    for featurize in (word_features, char_features, topic_features):
        feats = [featurize(p.full_text) for p in provisions]
        fast = vectors(feats, build_space(feats))
        assert fast.tobytes() == _naive_vectors(feats).tobytes()  # bit for bit
        shared = sorted(set().union(*feats[:40]) & set().union(*feats[40:]))
        assert vectors(feats, build_space(feats), columns=shared).tobytes() == \
            _naive_vectors(feats, shared).tobytes()


@pytest.mark.parametrize("shape", [(3, 4), (4, 4), (1, 1), (7, 2)])
def test_typical_best_is_numpy_median(shape: tuple[int, int]) -> None:
    s = np.random.default_rng(sum(shape)).random(shape)
    assert typical_best(s) == float(np.median(np.concatenate([s.max(axis=1), s.max(axis=0)])))


def test_lazy_pattern_compiles_on_first_use_and_answers_as_re() -> None:
    import re

    from evolve.lazy_pattern import lazy

    p = lazy(r"(?P<y>\d{4})\s*年", re.M)
    assert p.pattern == r"(?P<y>\d{4})\s*年" and p._compiled is None  # type: ignore[attr-defined]
    q = re.compile(r"(?P<y>\d{4})\s*年", re.M)
    text = "2016年\n2017 年，二〇一八年"
    assert p.findall(text) == q.findall(text) == ["2016", "2017"]
    assert p.sub("#", text) == q.sub("#", text)
    assert [m.span() for m in p.finditer(text)] == [m.span() for m in q.finditer(text)]
    assert p.groupindex == q.groupindex and p.groups == 1
    assert p.search("无") is None and p.match("2020年").group("y") == "2020"


@pytest.mark.parametrize("width", [40, 57, 100, 161])
def test_side_by_side_table_renders_as_rich_table(width: int) -> None:
    """The old | new columns, sized without measuring their cells, render as rich sizes them."""
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    from evolve.render.side_by_side import SideBySide

    def render(cls: type[Table]) -> str:
        t = cls(box=None, pad_edge=False, expand=True, padding=(0, 2), header_style="dim")
        t.add_column("A (older)", ratio=1, overflow="fold")
        t.add_column("B (newer)", ratio=1, overflow="fold")
        t.add_row(Text("加快推进4G网络建设，实现城区全覆盖" * 3), Text("推动5G网络在城郊、乡镇和行政村等区域广度覆盖"))
        t.add_row(Text("短"), Text("IPv6 规模部署 " * 6, style="green"))
        console = Console(width=width, record=True, force_terminal=True, color_system="truecolor")
        console.print(t)
        return console.export_text(styles=True)

    assert render(SideBySide) == render(Table)


@pytest.mark.parametrize("width", [44, 90, 163])
def test_side_by_side_renders_real_clause_pairs_as_rich_table(width: int) -> None:
    """The direct layout of SideBySide, on the real clause pairs of two seed plans (shared words
    highlighted, dropped red, new green), prints what rich's own table prints, styles included."""
    from rich.console import Console
    from rich.table import Table

    from evolve.align import align
    from evolve.corpus import load_corpus
    from evolve.render.compare_view import clause_rows, shown_matches
    from evolve.render.side_by_side import SideBySide

    docs = {d.id: d for d in load_corpus()}
    al = align(docs["xianning-2016"], docs["zhaoqing-2024"])
    tables = [r for m in shown_matches(al) for r in clause_rows(m, al=al) if isinstance(r, SideBySide)]
    assert len(tables) > 10

    def render(cls: type[Table]) -> str:
        console = Console(width=width, record=True, force_terminal=True, color_system="truecolor")
        for t in tables:
            copy = cls(box=None, pad_edge=False, expand=True, padding=(0, 2), header_style="dim")
            for c in t.columns:
                copy.add_column(c.header, ratio=1, overflow="fold")
            for left, right in zip(t.columns[0]._cells, t.columns[1]._cells, strict=True):
                copy.add_row(left, right)
            console.print(copy)
        return console.export_text(styles=True)

    fast = render(SideBySide)
    assert fast == render(Table)
    assert "\x1b[1;36m" in fast  # shared words highlighted (bold cyan)


def _no_style_console(width: int):  # type: ignore[no-untyped-def]
    import io

    from rich.console import Console

    return Console(width=width, file=io.StringIO(), no_color=True, force_terminal=False, highlight=False,
                   soft_wrap=False, emoji=False)


def _as_rich_panel(panel):  # type: ignore[no-untyped-def]
    from rich.console import Group
    from rich.panel import Panel

    return Panel(Group(*panel.parts), title=panel.title, title_align=panel.title_align,
                 border_style=panel.border_style)


@pytest.mark.parametrize("width", [40, 57, 90, 161])
def test_body_panel_prints_as_rich_panel_on_real_pairs(corpus: dict[str, Document], width: int) -> None:
    """Piped, each correspondence's panel lays out its lines itself (names cut short in narrow
    widths, word diffs, old | new columns, moved notes); on the real pairs of two seed
    comparisons it prints what rich's Panel of a Group prints, character for character."""
    from evolve.align import align
    from evolve.render.compare_view import match_panel, shown_matches
    from evolve.render.plain_layout import shows_no_style

    fast, slow = _no_style_console(width), _no_style_console(width)
    assert shows_no_style(fast)
    n = 0
    for a, b in (("xianning-2016", "zhaoqing-2024"), ("ningxia-2017", "qingdao-2022")):
        al = align(corpus[a], corpus[b])
        for m in shown_matches(al):
            for plain in (True, False):  # [-deleted-] markers, or styles the console drops
                panel = match_panel(m, plain=plain, al=al)
                fast.print(panel)
                slow.print(_as_rich_panel(panel))
                n += 1
    out = fast.file.getvalue()
    assert n > 40 and out == slow.file.getvalue()
    assert "[-" in out and "{+" in out and "A (older)" in out
    if width == 40:
        assert "…" in out  # a provision's name too long for the grid, cut short as rich cuts it


@pytest.mark.parametrize("width", [20, 33, 80])
def test_body_panel_lays_out_edge_texts_as_rich(width: int) -> None:
    """Spaces, Latin words longer than the panel, line breaks, empty text, a wide title: the
    direct layout or rich's, always rich's characters; with styles shown, rich renders."""
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    from evolve.render.plain_layout import BodyPanel

    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=False)
    grid.add_row(Text("A " + "数字政府建设" * 9))
    grid.add_row(Text("B supercalifragilisticexpialidocious-and-more-words " * 2))
    parts = [grid, Text(""), Text("IPv6 规模部署 " * 7), Text("第一行\n第二行 two\n\n"), Text("x" * 90),
             Text("全角，标点。" * 5 + " tail   ")]
    for title in (Text("1:1  score 0.91"), Text("宽" * 60), None):
        fast, slow = _no_style_console(width), _no_style_console(width)
        panel = BodyPanel(*parts, title=title, title_align="left", border_style="blue")
        fast.print(panel)
        slow.print(_as_rich_panel(panel))
        assert fast.file.getvalue() == slow.file.getvalue()
    colour = Console(width=width, record=True, force_terminal=True, color_system="truecolor")
    colour.print(BodyPanel(*parts, title="t"))
    reference = Console(width=width, record=True, force_terminal=True, color_system="truecolor")
    reference.print(_as_rich_panel(BodyPanel(*parts, title="t")))
    assert colour.export_text(styles=True) == reference.export_text(styles=True)


_WRAP_ALPHABET = [*"加快推进网络建设，。、；：“”（）", *"abcXYZ019-…Ⅱ①é",
                  " ", " ", "\u3000", "\n", "\u0301", "😀", "\t"]


@settings(max_examples=3000, deadline=None)
@given(st.text(st.sampled_from(_WRAP_ALPHABET), max_size=60), st.integers(1, 30), st.booleans())
def test_wrap_plain_breaks_lines_where_rich_does(text: str, width: int, fold: bool) -> None:
    """Spaces (narrow and ideographic), Latin words longer than a line, line breaks, wide and
    narrow characters: where the direct wrap answers, it answers rich's lines; zero-width
    characters, joiners, tabs and emoji presentation are left to rich (None)."""
    from rich.console import Console
    from rich.text import Text

    from evolve.render.plain_layout import wrap_plain

    got = wrap_plain(text, width, fold=fold)
    if any(c in text for c in "\u0301\t") or width < 2:
        assert got is None
    if got is not None:
        want = Text(text).wrap(Console(width=100), width, justify="default", overflow="fold" if fold else "ellipsis")
        assert got == [line.plain for line in want]


def test_wrap_plain_answers_for_real_clauses(corpus: dict[str, Document]) -> None:
    """The plans' own clauses (Han, full-width punctuation, Latin and figures) are wrapped
    directly at the widths compare uses, as rich wraps them."""
    from rich.console import Console
    from rich.text import Text

    from evolve.render.plain_layout import wrap_plain

    console = Console(width=100)
    clauses = [c for d in corpus.values() for p in d.provisions for c in p.clauses][::2]
    assert len(clauses) > 250
    for width in (18, 47, 98):
        for clause in clauses:
            got = wrap_plain(clause, width)
            assert got is not None, clause
            assert got == [line.plain for line in Text(clause).wrap(console, width, justify="default")]


def _rich_print(console, renderable) -> str:  # type: ignore[no-untyped-def]
    console.file.truncate(0)
    console.file.seek(0)
    console.print(renderable, crop=False)
    return console.file.getvalue()


@pytest.mark.parametrize("width", [40, 57, 90, 161])
def test_plain_tables_print_as_rich_tables_on_real_comparisons(corpus: dict[str, Document], width: int) -> None:
    """Piped, compare's tables (metadata side by side, parts of B, dropped and new provisions,
    the lexical succession, moved sentences, targets) lay out their lines directly; on real
    comparisons at four widths they print what rich's tables print, character for character."""
    from rich.console import Group
    from rich.table import Table

    from evolve.align import align
    from evolve.render.compare_view import compare_view
    from evolve.render.plain_table import PlainGroup, table_lines
    from evolve.render.targets_view import target_pairs_view
    from evolve.targets import compare_targets, extract_targets

    fast, slow = _no_style_console(width), _no_style_console(width)
    tables = 0
    pairs = (("xianning-2016", "zhaoqing-2024"), ("ningxia-2017", "qingdao-2022"), ("jinzhou-14th-fyp", "qingdao-2022"))
    for a, b in pairs:
        al = align(corpus[a], corpus[b])
        for plain in (True, False):
            view = compare_view(al, plain=plain)
            parts = [*view.renderables, target_pairs_view(compare_targets(extract_targets(al.source),
                                                                          extract_targets(al.target)))]
            for part in parts:
                if type(part) is Table:
                    assert table_lines(fast, part, fast.options) is not None  # laid out directly
                    tables += 1
                assert _rich_print(fast, PlainGroup(part)) == _rich_print(slow, Group(part))
    assert tables >= 30


@pytest.mark.parametrize("width", [24, 41, 80])
def test_plain_tables_lay_out_edge_tables_as_rich(width: int) -> None:
    """Captions (centred), no header, no edge, no box, cells aligned to the middle and bottom, a
    table inside a cell, numbers to the right, a no-wrap column, markup, words longer than a
    column: the direct layout, or rich's where it does not know the case, always rich's characters."""
    from rich import box
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    from evolve.render.plain_table import PlainGroup

    inner = Table(title="内表", title_justify="left")
    inner.add_column("k")
    inner.add_column("v", justify="right")
    inner.add_row("数据要素", "12.5%")
    tables = []
    for options in ({}, {"show_header": False}, {"show_edge": False}, {"box": None}, {"box": box.SIMPLE},
                    {"caption": "说明：单位为亿元"}, {"title": "标题", "title_justify": "center"},
                    {"padding": (0, 2)}, {"pad_edge": False}, {"expand": True}):
        t = Table(**options)
        t.add_column("provision", overflow="fold")
        t.add_column("n", justify="right")
        t.add_column("note", vertical="middle")
        t.add_column("fixed", no_wrap=True)
        t.add_row(Text("加快推进4G网络建设，实现城区全覆盖" * 2), "1,234", Text("IPv6 规模部署"), "x" * 30)
        t.add_row("[bold]公共数据[/bold]授权运营", Text("3.5", justify="center"), inner, "短")
        t.add_row(Text("supercalifragilisticexpialidocious-and-more " * 2), "", Text(""), Text("末行\n两行"))
        tables.append(t)
    for t in tables:
        fast, slow = _no_style_console(width), _no_style_console(width)
        assert _rich_print(fast, PlainGroup(t)) == _rich_print(slow, Group(t)), t
