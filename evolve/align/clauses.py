"""Aligning the clauses (sentences) inside a matched group, and diffing each pair."""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from ..dataclass_code import dataclass
from ..diff import word_diff
from ..lazy_pattern import lazy
from ..records import ClausePair

#: Two clauses pair up when their similarity reaches this and each is the other's best, or
#: when it reaches ``SURE_CLAUSE_SCORE``. Rewritten clauses of plans eight years apart share
#: little text ("实现4G网络乡镇和行政村全覆盖" vs "推动5G网络在城郊、乡镇和行政村等区域广度覆盖"
#: scores 0.22), so the floor is low and mutual preference does the rest.
MIN_CLAUSE_SCORE = 0.12
SURE_CLAUSE_SCORE = 0.3
_STRIP = lazy(r"[^\u4e00-\u9fffA-Za-z0-9]")


@lru_cache(maxsize=4096)
def _letters(text: str) -> tuple[str, frozenset[str]]:
    """The clause's Han letters, Latin letters and digits, and their bigrams (a clause meets
    every clause of the other side: computed once each)."""
    s = _STRIP.sub("", text)
    return s, frozenset({s[i : i + 2] for i in range(len(s) - 1)} or ({s} if s else ()))


def clause_similarity(a: str, b: str) -> float:
    """Dice coefficient of character bigrams, mixed with rapidfuzz's normalised Indel ratio."""
    from rapidfuzz.distance import Indel

    (sa, ba), (sb, bb) = _letters(a), _letters(b)
    dice = 2 * len(ba & bb) / (len(ba) + len(bb)) if ba and bb else 0.0
    ratio = Indel.normalized_similarity(sa, sb)
    return 0.5 * dice + 0.5 * ratio


_PHRASE_BREAK = lazy(r"[,;:,;:。!?、]")
#: Phrases (the parts of a sentence between commas and semicolons) shorter than this, in Han
#: letters and digits, say too little to pair two sentences on their own.
MIN_PHRASE = 6
#: A shared phrase counts for this share of its similarity: two long sentences that share one
#: phrase ("建立数据分类分级保护制度" in "推动建立数据分类分级保护制度") pair up even when the
#: rest of them differs, but less surely than sentences alike as a whole.
PHRASE_WEIGHT = 0.5
#: A phrase pair below this ratio is chance overlap of formulaic words (推进, 建设, 加快).
MIN_PHRASE_RATIO = 0.55


def _phrases(text: str) -> list[str]:
    parts = (_STRIP.sub("", x) for x in _PHRASE_BREAK.split(text))
    return [x for x in parts if len(x) >= MIN_PHRASE]


def phrase_similarities(source: Sequence[str], target: Sequence[str]) -> list[list[float]]:
    """For each clause pair, the rapidfuzz ratio (0..1) of their most alike phrases, 0 below
    ``MIN_PHRASE_RATIO``: all phrase pairs at once (``anchors.near_pairs``)."""
    from .anchors import near_pairs

    ps = [(i, x) for i, c in enumerate(source) for x in _phrases(c)]
    pt = [(j, x) for j, c in enumerate(target) for x in _phrases(c)]
    out = [[0.0] * len(target) for _ in source]
    if not ps or not pt:
        return out
    for a, b, ratio in near_pairs([x for _, x in ps], [x for _, x in pt], MIN_PHRASE_RATIO * 100):
        i, j = ps[a][0], pt[b][0]
        v = ratio / 100
        if v > out[i][j]:
            out[i][j] = v
    return out


@dataclass(frozen=True)
class Fixed:
    """A clause pairing decided before the free pairing: a near-verbatim link (``align.anchors``)."""

    source: str  #: the source clause's text (it may sit outside the group: a moved sentence)
    score: float  #: its ratio / 100
    source_index: int | None  #: its index among the group's source clauses, None if outside
    source_provision: str | None = None


def align_clauses(source: Sequence[str], target: Sequence[str], *,
                  min_score: float = MIN_CLAUSE_SCORE, sure_score: float = SURE_CLAUSE_SCORE,
                  fixed: dict[int, Fixed] | None = None, moved_out: dict[int, str] | None = None,
                  source_ids: Sequence[str] | None = None,
                  target_ids: Sequence[str] | None = None) -> list[ClausePair]:
    """Pair clauses greedily by similarity; unpaired clauses are deletions or insertions.

    ``fixed`` maps target clause indices to pairings decided beforehand (near-verbatim links; a
    link to a clause outside the group is a moved sentence), ``moved_out`` source clause indices
    to the provision id their link points to outside the group: both are left out of the free
    pairing. ``source_ids`` and ``target_ids`` name each clause's provision.

    The result follows the target's order, with each unpaired source clause placed after the
    target clause that follows its nearest paired predecessor.
    """
    fixed = fixed or {}
    moved_out = moved_out or {}
    free_s = [i for i in range(len(source)) if i not in moved_out
              and not any(f.source_index == i for f in fixed.values())]
    free_t = [j for j in range(len(target)) if j not in fixed]
    phrase = phrase_similarities(source, target) if free_s and free_t else []
    sim = {(i, j): max(clause_similarity(source[i], target[j]), PHRASE_WEIGHT * phrase[i][j])
           for i in free_s for j in free_t}
    best_for_source = {i: max((sim[i, j] for j in free_t), default=0.0) for i in free_s}
    best_for_target = {j: max((sim[i, j] for i in free_s), default=0.0) for j in free_t}
    scored = sorted(((v, i, j) for (i, j), v in sim.items()), key=lambda t: (-t[0], t[1], t[2]))
    pair_of_target: dict[int, tuple[int, float]] = {}
    used_source: set[int] = {f.source_index for f in fixed.values() if f.source_index is not None}
    for sc, i, j in scored:
        if sc < min_score:
            break
        if i in used_source or j in pair_of_target:
            continue
        mutual = sc >= best_for_source[i] and sc >= best_for_target[j]
        if not mutual and sc < sure_score:
            continue
        used_source.add(i)
        pair_of_target[j] = (i, sc)
    # A sentence of one plan often gathers phrases of several of the other (光纤到户 from one,
    # 4G网络…全覆盖 from the next): a source clause left over whose best target clause shares a
    # phrase with it and is paired already pairs with it too, as a secondary pair.
    secondary: dict[int, list[tuple[int, float]]] = {}
    for i in free_s:
        if i in used_source or not free_t:
            continue
        j = max(free_t, key=lambda t: (sim[i, t], -t))
        if j in pair_of_target and phrase[i][j] >= MIN_PHRASE_RATIO and sim[i, j] >= sure_score:
            used_source.add(i)
            secondary.setdefault(j, []).append((i, sim[i, j]))

    def sid(i: int) -> str | None:
        return source_ids[i] if source_ids is not None else None

    def tid(j: int) -> str | None:
        return target_ids[j] if target_ids is not None else None

    out: list[ClausePair] = []
    placed: set[int] = set()

    def flush_source_before(limit: int) -> None:
        for i in range(limit):
            if i not in used_source and i not in placed:
                placed.add(i)
                moved_to = moved_out.get(i)
                out.append(ClausePair(source[i], None, 0.0, ((-1, source[i]),), moved=moved_to is not None,
                                      source_provision=sid(i), target_provision=moved_to))

    for j, b in enumerate(target):
        if j in fixed:
            f = fixed[j]
            if f.source_index is not None:
                flush_source_before(f.source_index)
            out.append(ClausePair(f.source, b, clause_similarity(f.source, b), tuple(word_diff(f.source, b)),
                                  moved=f.source_index is None,
                                  source_provision=f.source_provision if f.source_index is None
                                  else sid(f.source_index),
                                  target_provision=tid(j), near_verbatim=True))
        elif j in pair_of_target:
            i, sc = pair_of_target[j]
            flush_source_before(i)
            out.append(ClausePair(source[i], b, sc, tuple(word_diff(source[i], b)),
                                  source_provision=sid(i), target_provision=tid(j)))
            for i2, sc2 in secondary.get(j, []):
                out.append(ClausePair(source[i2], b, sc2, tuple(word_diff(source[i2], b)),
                                      source_provision=sid(i2), target_provision=tid(j), secondary=True))
        else:
            out.append(ClausePair(None, b, 0.0, ((1, b),), target_provision=tid(j)))
    flush_source_before(len(source))
    return out
