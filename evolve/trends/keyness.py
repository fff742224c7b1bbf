"""Keyness: which words and character n-grams one group of plans uses more than another.

Group A is the reference (the older plans, or the rest), group B the focus (the newer plans, or
the plans of ``--where``). Log-likelihood G² (Dunning 1993, as in Rayson & Garside 2000) says how
sure we are that a feature's frequency differs; the log ratio (Hardie 2014: log2 of B's relative
frequency over A's, 0.5 added to a zero count) says by how much, positive for a feature key to B
(emerging), negative for one key to A (fading): one sign in the table, JSON, CSV and charts.
Words come from ``evolve.tokenize``
(jieba with the policy-term dictionary, so 数据要素 stays whole); n-grams are 2–4 characters
taken inside runs of Chinese characters, letters and digits (never across punctuation). An n-gram
that only ever occurs inside one longer kept n-gram (same counts on both sides) is dropped in
favour of the longer one, so 数据要素 is listed once rather than as 数据要, 据要素 …, and chains of
overlapping 4-grams with equal counts are joined into the phrase they come from (按职责分工负责).
A shorter n-gram is also folded into the longer features that hold it (联网 into 互联网 and
物联网, 化转型 into the word 数字化转型) when what is left of it outside them is rare or not key;
with words and n-grams together, an n-gram that is also a word is listed once, as a word.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence

import pandas as pd

from ..errors import InputError
from ..lazy_pattern import lazy
from ..records import Document, KeynessTable, Lexicon, visible_chars
from ..tokenize import content_words

PER = 10_000
MIN_KEY = 3.84  #: G² at p < 0.05
_RUN = lazy(r"[\u4e00-\u9fffA-Za-z0-9]+")
_DIGITS = lazy(r"^[0-9.]+$")
#: Numbers and ordinals written in Chinese numerals (一九八五, 第六个): a date or a count, no word.
_HAN_NUMBER = lazy(r"^[〇零一二三四五六七八九]{3,}年?$"
                         r"|^第[一二三四五六七八九十百千]+[个次届]?$"
                         r"|^[一二三四五六七八九十两几]+[个项条]$")
#: All digits, or a number's end with what follows it (0个 of 10个, 0年 of 2025年).
_NUMBERISH = lazy(r"^[0-9.]+$|^[0-9.]+[\u4e00-\u9fff]")
COLUMNS = [
    "feature",
    "kind",
    "a",
    "b",
    "per_10k_a",
    "per_10k_b",
    "docs_a",
    "docs_b",
    "g2",
    "log_ratio",
    "side",
    "in_lexicon",
]


def g2(a: int, b: int, na: int, nb: int) -> float:
    """Log-likelihood G² of a feature seen ``a`` times in ``na`` tokens, ``b`` times in ``nb``."""
    total = a + b
    n = na + nb
    if total == 0 or n == 0:
        return 0.0
    ea = na * total / n
    eb = nb * total / n
    s = 0.0
    if a:
        s += a * math.log(a / ea)
    if b:
        s += b * math.log(b / eb)
    return 2 * s


def log_ratio(a: int, b: int, na: int, nb: int) -> float:
    """log2 of (a/na) / (b/nb), with 0.5 for a zero count (keyness calls it with B first)."""
    if na == 0 or nb == 0:
        return 0.0
    return math.log2(((a or 0.5) / na) / ((b or 0.5) / nb))


def char_ngrams(text: str, sizes: Sequence[int] = (2, 3, 4)) -> Counter[str]:
    c: Counter[str] = Counter()
    for run in _RUN.findall(text):
        for n in sizes:
            for i in range(len(run) - n + 1):
                c[run[i : i + n]] += 1
    return c


def _features(doc: Document, kind: str, places: re.Pattern[str] | None = None) -> Counter[str]:
    """Features of the plan's own words (``Document.body``): agency attributions and the
    letterhead would otherwise fill the table with 管理局 and 市委. For n-grams, place names are
    cut out of the text first, so that no fragment of one (庆市 of 肇庆市, 数字青 of 数字青岛) is
    counted, and numbers do not make n-grams (0个 of 10个)."""
    if kind == "word":
        return Counter(w for w in content_words(doc.body)
                       if len(w) > 1 and not _DIGITS.match(w) and not _HAN_NUMBER.match(w))
    if kind == "ngram":
        text = places.sub("\n", doc.body) if places is not None else doc.body
        return Counter(
            {g: n for g, n in char_ngrams(text).items() if not _NUMBERISH.match(g)}
        )
    raise InputError(f"unknown feature kind {kind!r} (word, ngram)")


def _side(
    docs: Sequence[Document], kind: str, places: re.Pattern[str] | None = None
) -> tuple[Counter[str], Counter[str]]:
    """Summed counts and document frequencies of a group's features."""
    total: Counter[str] = Counter()
    spread: Counter[str] = Counter()
    for d in docs:
        c = _features(d, kind, places)
        total.update(c)
        spread.update(c.keys())
    return total, spread


def _drop_subsumed(ca: Counter[str], cb: Counter[str], keep: set[str]) -> set[str]:
    """Kept n-grams less those that occur only inside one longer kept n-gram."""
    out = set(keep)
    for g in sorted(keep, key=len, reverse=True):
        if g not in out:
            continue
        for n in range(2, len(g)):
            for i in range(len(g) - n + 1):
                sub = g[i : i + n]
                if sub in out and ca[sub] == ca[g] and cb[sub] == cb[g]:
                    out.discard(sub)
    return out


def _merge_chains(
    ca: Counter[str],
    cb: Counter[str],
    keep: set[str],
    a_docs: Sequence[Document],
    b_docs: Sequence[Document],
    na: int,
    nb: int,
    size: int = 4,
) -> tuple[set[str], dict[str, tuple[int, int]]]:
    """Join overlapping key longest n-grams with equal counts (按职责分, 职责分工, 责分工负 …) into
    the phrase they come from (按职责分工负责), when the phrase itself has those counts.

    Only key n-grams (G² ≥ 3.84) start or extend a chain: each phrase is counted in the texts,
    and at 1,000 plans the chains of every n-gram cost minutes for rows nobody reads."""
    longest = sorted(g for g in keep if len(g) == size and g2(ca[g], cb[g], na, nb) >= MIN_KEY)
    by_prefix: dict[tuple[str, int, int], list[str]] = {}
    for g in longest:
        by_prefix.setdefault((g[:-1], ca[g], cb[g]), []).append(g)
    has_pred = {n for g in longest for n in by_prefix.get((g[1:], ca[g], cb[g]), [])}
    out, merged = set(keep), {}
    texts: tuple[str, str] | None = None
    for g in longest:
        if g in has_pred:
            continue  # not the start of a chain
        chain, cur = [g], g
        while len(chain) < 40:
            nxt = by_prefix.get((cur[1:], ca[cur], cb[cur]), [])
            if len(nxt) != 1 or nxt[0] in chain:
                break
            cur = nxt[0]
            chain.append(cur)
        if len(chain) < 2:
            continue
        phrase = chain[0] + "".join(c[-1] for c in chain[1:])
        if texts is None:  # one text per side; the separator is in no phrase
            texts = ("\0".join(d.body for d in a_docs), "\0".join(d.body for d in b_docs))
        a, b = texts[0].count(phrase), texts[1].count(phrase)
        if (a, b) == (ca[g], cb[g]):
            out -= set(chain)
            out.add(phrase)
            merged[phrase] = (a, b)
    return out, merged


def _fold_fragments(
    grams: set[str],
    ca: Counter[str],
    cb: Counter[str],
    longer: dict[str, tuple[int, int]],
    na: int,
    nb: int,
    min_freq: int,
) -> set[str]:
    """N-grams less the fragments of longer listed features (智慧城 of 智慧城市, 联网 of 互联网 and
    物联网): a fragment is dropped when its occurrences outside its shortest listed holders are
    fewer than ``min_freq`` or not key on their own (G² < 3.84).

    ``longer``: every listed feature (words and n-grams) with its counts on both sides.
    """
    holders: dict[str, list[str]] = {}
    for f in longer:
        for n in range(2, len(f)):
            for i in range(len(f) - n + 1):
                sub = f[i : i + n]
                if sub in grams:
                    holders.setdefault(sub, []).append(f)
    out = set(grams)
    for g in sorted(grams, key=len, reverse=True):
        if g not in out or g2(ca[g], cb[g], na, nb) < MIN_KEY:
            continue  # only key n-grams are folded: the others are no finding to double
        hold = {f for f in holders.get(g, ()) if f in longer}
        if not hold:
            continue
        # Only the shortest holders: 智慧城市's count already includes 新型智慧城市's.
        hold = {f for f in hold if not _holds_a_holder(f, g, hold)}
        ra, rb = ca[g], cb[g]
        for f in hold:
            fa, fb = longer[f]
            k = _occurrences(g, f)
            ra -= k * fa
            rb -= k * fb
        ra, rb = max(ra, 0), max(rb, 0)
        if ra + rb < min_freq or g2(ra, rb, na, nb) < MIN_KEY:
            out.discard(g)
            longer.pop(g, None)
    return out


def _substring_counts(
    words: dict[str, tuple[int, int]],
    key: set[str],
    ca: Counter[str],
    cb: Counter[str],
    a_docs: Sequence[Document],
    b_docs: Sequence[Document],
) -> dict[str, tuple[int, int]]:
    """Listed words as holders of n-grams, counted as substrings (a word's token count leaves
    out its occurrences inside longer words: 数字化 in 数字化转型). Up to four characters the
    n-gram counts are those; longer words are counted in the texts, only the key ones."""
    out = {w: (ca[w], cb[w]) for w in words if len(w) <= 4}
    long = [w for w in words if len(w) > 4 and w in key]
    if long:
        ta = "\n".join(d.body for d in a_docs)
        tb = "\n".join(d.body for d in b_docs)
        out.update({w: (ta.count(w), tb.count(w)) for w in long})
    return out


def _holds_a_holder(f: str, g: str, hold: set[str]) -> bool:
    """Whether a shorter member of ``hold`` that contains ``g`` lies inside ``f``."""
    n = len(f)
    for i in range(n):
        for j in range(i + len(g) + 1, n + 1):
            sub = f[i:j]
            if sub != f and sub in hold and g in sub:
                return True
    return False


def _occurrences(sub: str, s: str) -> int:
    return sum(1 for i in range(len(s) - len(sub) + 1) if s.startswith(sub, i))


def _place_pattern(docs: Sequence[Document]) -> re.Pattern[str]:
    """Place names (the gazetteer's and the documents' own): they say where, not what."""
    from ..places import gazetteer

    names = {p.name for p in gazetteer()} | {p.short for p in gazetteer() if len(p.short) >= 2}
    names |= {d.meta.place for d in docs if d.meta.place and len(d.meta.place) >= 2}
    return re.compile("|".join(map(re.escape, sorted(names, key=len, reverse=True))))


def keyness(
    a_docs: Sequence[Document],
    b_docs: Sequence[Document],
    *,
    a_label: str = "A",
    b_label: str = "B",
    kinds: Sequence[str] = ("word",),
    min_freq: int = 3,
    keep_places: bool = False,
    lexicon: Lexicon | None = None,
    notices: Sequence[str] = (),
    stopwords: frozenset[str] | None = None,
) -> KeynessTable:
    """Words (and, on request, n-grams) key to the focus group B against the reference A (side
    "b", positive log ratio) and to A against B (side "a", negative log ratio), sorted by G².

    Put the older plans (or the rest) in A and the newer ones (or the chosen group) in B.
    Features seen fewer than ``min_freq`` times in all are left out, and so are place names
    (咸宁, 青岛市) unless ``keep_places``. ``stopwords``: words (and n-grams) left out; None is the
    shipped Chinese list (``stopwords.py``), an empty set keeps every word."""
    if not a_docs or not b_docs:
        empty = a_label if not a_docs else b_label
        raise InputError(f"keyness needs documents on both sides; {empty} has none")
    for kind in kinds:
        if kind not in {"word", "ngram"}:
            raise InputError(f"unknown feature kind {kind!r} (word, ngram)")
    spellings = {s for t in lexicon.terms for s in t.spellings} if lexicon else set()
    places = None if keep_places else _place_pattern([*a_docs, *b_docs])
    if stopwords is None:
        from .stopwords import load_stopwords

        stopwords = load_stopwords()
    chars_a = sum(visible_chars(d.body) for d in a_docs)
    chars_b = sum(visible_chars(d.body) for d in b_docs)
    rows: list[dict[str, object]] = []
    listed: dict[str, tuple[int, int]] = {}  # features kept so far, with their counts
    key_words: set[str] = set()
    for kind in sorted(kinds, key=lambda k: k != "word"):  # words first: n-grams fold into them
        (ca, da), (cb, db) = _side(a_docs, kind, places), _side(b_docs, kind, places)
        na, nb = sum(ca.values()), sum(cb.values())
        keep = {f for f in set(ca) | set(cb) if ca[f] + cb[f] >= min_freq}
        if places is not None:
            keep = {f for f in keep if not places.search(f)}
        keep -= stopwords
        if kind == "ngram":
            keep = {f for f in keep if f not in listed}  # a word already: listed once
            keep = _drop_subsumed(ca, cb, keep)
            keep, merged = _merge_chains(ca, cb, keep, a_docs, b_docs, na, nb)
            for phrase, (a, b) in merged.items():
                ca[phrase], cb[phrase] = a, b
                da[phrase] = sum(1 for d in a_docs if phrase in d.body)
                db[phrase] = sum(1 for d in b_docs if phrase in d.body)
            keep -= set(listed)  # a merged phrase may be a word too
            longer = _substring_counts(listed, key_words, ca, cb, a_docs, b_docs)
            longer.update({f: (ca[f], cb[f]) for f in keep})
            keep = _fold_fragments(keep, ca, cb, longer, na, nb, min_freq)
        for f in keep:
            a, b = ca[f], cb[f]
            listed[f] = (a, b)
            if kind == "word" and g2(a, b, na, nb) >= MIN_KEY:
                key_words.add(f)
            rows.append(
                {
                    "feature": f,
                    "kind": kind,
                    "a": a,
                    "b": b,
                    "per_10k_a": a * PER / chars_a if chars_a else 0.0,
                    "per_10k_b": b * PER / chars_b if chars_b else 0.0,
                    "docs_a": da[f],
                    "docs_b": db[f],
                    "g2": g2(a, b, na, nb),
                    "log_ratio": log_ratio(b, a, nb, na),
                    "side": "a" if a * nb >= b * na else "b",
                    "in_lexicon": f in spellings,
                }
            )
    df = pd.DataFrame(rows, columns=COLUMNS)
    df = df.sort_values(["g2", "feature"], ascending=[False, True]).reset_index(drop=True)
    return KeynessTable(
        df,
        a_label,
        b_label,
        tuple(d.id for d in a_docs),
        tuple(d.id for d in b_docs),
        chars_a,
        chars_b,
        tuple(notices),
    )


def split_by_year(
    docs: Sequence[Document], *, before: int | None, after: int | None
) -> tuple[list[Document], list[Document], list[str]]:
    """Plans dated before ``before`` (A, older) and after ``after`` (B, newer); undated plans are
    left out with a notice. Groups that would share a year (--before 2022 --after 2018) are an
    error: the same plans would count on both sides."""
    if before is None and after is None:
        raise InputError("give --before and/or --after years (or --where COLUMN=VALUE)")
    if before is not None and after is not None and before - 1 > after:
        shared = f"{after + 1}" if before - 1 == after + 1 else f"{after + 1}–{before - 1}"
        raise InputError(
            f"--before {before} and --after {after} overlap: plans of {shared} would be on both "
            f"sides; give --after {before - 1} or later (or --before {after + 1} or earlier)"
        )
    dated = [d for d in docs if d.meta.year is not None]
    notices = [f"left out (no year): {d.id}" for d in docs if d.meta.year is None]
    older = [d for d in dated if before is not None and d.meta.year < before]  # type: ignore[operator]
    newer = [d for d in dated if after is not None and d.meta.year > after]  # type: ignore[operator]
    if before is None:
        older = [d for d in dated if d not in newer]
    if after is None:
        newer = [d for d in dated if d not in older]
    return older, newer, notices


def split_where(docs: Sequence[Document], where: str) -> tuple[list[Document], list[Document], str]:
    """The rest (A, the reference) and the plans whose COLUMN equals VALUE (B, the focus), for
    ``where`` = "COLUMN=VALUE", so that a positive log ratio means key to the chosen plans."""
    from .measures import doc_row

    if "=" not in where:
        raise InputError(f"--where wants COLUMN=VALUE, got {where!r}")
    col, value = (s.strip() for s in where.split("=", 1))
    rows = [doc_row(d) for d in docs]
    if not any(col in r for r in rows):
        raise InputError(f"no column {col!r}; columns: {', '.join(rows[0]) if rows else 'none'}")
    chosen = [d for d, r in zip(docs, rows, strict=True) if str(r.get(col)) == value]
    rest = [d for d, r in zip(docs, rows, strict=True) if str(r.get(col)) != value]
    return rest, chosen, f"{col}={value}"
