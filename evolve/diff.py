"""Word-level diffs of Chinese clauses, and the substitutions they contain.

diff-match-patch works on characters, and its semantic cleanup takes a run of Han characters
for one word. So each clause is first cut into words (jieba's dictionary, via rjieba), every
distinct word is mapped to one private-use character, the encoded strings are diffed and cleaned
up, and the result is decoded: every edit starts and ends on a word boundary by construction.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from .records import DiffOp
from .tokenize import words


@lru_cache(maxsize=1)
def _dmp() -> Any:
    from diff_match_patch import diff_match_patch

    dmp = diff_match_patch()
    dmp.Diff_Timeout = 0  # deterministic: never cut a diff short on time
    return dmp


def _char_diff(source: str, target: str) -> list[DiffOp]:
    """A shortest character diff (insertions and deletions only), as diff-match-patch's
    ``diff_main`` gives it, from rapidfuzz's C++ Indel alignment: ten times faster than the
    pure-Python bisection, which took most of the time of ``evolve compare``."""
    from rapidfuzz.distance import Indel

    out: list[DiffOp] = []
    for tag, a1, a2, b1, b2 in Indel.opcodes(source, target):
        if tag == "equal":
            out.append((0, source[a1:a2]))
            continue
        if a2 > a1:
            out.append((-1, source[a1:a2]))
        if b2 > b1:
            out.append((1, target[b1:b2]))
    return out


def _boundaries(text: str) -> set[int]:
    cuts = {0}
    pos = 0
    for w in words(text):
        pos += len(w)
        cuts.add(pos)
    return cuts


def _merge(ops: list[DiffOp]) -> list[DiffOp]:
    """Join neighbours of one kind; inside each edit run, deletions come before insertions."""
    out: list[DiffOp] = []
    run_del, run_ins = "", ""
    for op, text in [*ops, (0, "")]:
        if op == -1:
            run_del += text
        elif op == 1:
            run_ins += text
        else:
            if run_del:
                out.append((-1, run_del))
            if run_ins:
                out.append((1, run_ins))
            run_del = run_ins = ""
            if text:
                if out and out[-1][0] == 0:
                    out[-1] = (0, out[-1][1] + text)
                else:
                    out.append((0, text))
    return out


def word_diff(source: str, target: str, *, cleanup: bool = True) -> list[DiffOp]:
    """Diff two texts at word level: a character diff with semantic cleanup, every edit then
    widened to whole words. ``apply`` of the result gives back both texts exactly."""
    if source == target:
        return [(0, source)] if source else []
    dmp = _dmp()
    diffs = _char_diff(source, target)
    if cleanup:
        # Only the lossless half of the semantic cleanup: it slides edits onto natural breaks.
        # The eliminating half counts characters of "words" that for Chinese are whole clauses,
        # and folds "实现4G|网络|…" into one block; short kept runs are folded below instead,
        # after the edits have been widened to jieba's word boundaries.
        dmp.diff_cleanupSemanticLossless(diffs)
    src_cuts, tgt_cuts = _boundaries(source), _boundaries(target)
    ops: list[DiffOp] = []
    si = ti = 0  # positions in source and target
    for op, text in diffs:
        if op == -1:
            ops.append((-1, text))
            si += len(text)
        elif op == 1:
            ops.append((1, text))
            ti += len(text)
        else:
            # Trim the kept run until both its ends fall on word boundaries on both sides; the
            # trimmed characters join the neighbouring edits as deleted and inserted text.
            lo, hi = 0, len(text)
            touches_edit_before = bool(ops) and ops[-1][0] != 0
            if touches_edit_before:
                while lo < hi and not (si + lo in src_cuts and ti + lo in tgt_cuts):
                    lo += 1
            touches_edit_after = si + len(text) < len(source) or ti + len(text) < len(target)
            if touches_edit_after:
                while hi > lo and not (si + hi in src_cuts and ti + hi in tgt_cuts):
                    hi -= 1
            if lo:
                ops += [(-1, text[:lo]), (1, text[:lo])]
            if hi > lo:
                ops.append((0, text[lo:hi]))
            if hi < len(text):
                ops += [(-1, text[hi:]), (1, text[hi:])]
            si += len(text)
            ti += len(text)
    merged = _merge(ops)
    return _fold_small_equalities(merged) if cleanup else merged


#: A kept run this short between two edits is noise ("的", "、") and joins the edits.
SMALL_EQUALITY = 1


def _fold_small_equalities(ops: list[DiffOp]) -> list[DiffOp]:
    changed = True
    while changed:
        changed = False
        for i in range(1, len(ops) - 1):
            op, text = ops[i]
            if (
                op == 0
                and (len(text) <= SMALL_EQUALITY or not text.strip("".join(_PUNCT)))
                and ops[i - 1][0] != 0
                and ops[i + 1][0] != 0
            ):
                ops = _merge([*ops[:i], (-1, text), (1, text), *ops[i + 1:]])
                changed = True
                break
    return ops


def apply(diff: list[DiffOp] | tuple[DiffOp, ...]) -> tuple[str, str]:
    """Rebuild (source, target) from a diff."""
    src = "".join(t for op, t in diff if op <= 0)
    tgt = "".join(t for op, t in diff if op >= 0)
    return src, tgt


def kept_share(diff: list[DiffOp] | tuple[DiffOp, ...]) -> float:
    """Share of the target's characters that the diff keeps from the source."""
    kept = sum(len(t) for op, t in diff if op == 0)
    total = sum(len(t) for op, t in diff if op >= 0)
    return kept / total if total else 1.0


#: A substitution is at most this many characters on either side.
MAX_SUBSTITUTION = 10
_PUNCT = set("。,;:、!?“”《》()[]【】 ")


_FUNCTION_WORDS = frozenset(
    [
        "的",
        "和",
        "与",
        "及",
        "等",
        "在",
        "为",
        "对",
        "以",
        "把",
        "将",
        "了",
        "并",
        "或",
        "其",
        "之",
        "于",
        "向",
        "从",
        "由",
        "按",
    ]
)


def _is_word(token: str) -> bool:
    return bool(token.strip("".join(_PUNCT))) and token not in _FUNCTION_WORDS


def _pair_words(old: str, new: str, *, left_context: bool, right_context: bool) -> list[tuple[str, str]]:
    """The substitutions inside one replaced run.

    Runs of as many words on both sides pair word for word (信息资源 -> 数据资源). Otherwise the
    words that touch kept text are paired, since they fill the same slot: in "…实现4G|网络" ->
    "…推动5G|网络" the words before the kept 网络 are 4G and 5G.
    """
    a = [w for w in words(old) if _is_word(w)]
    b = [w for w in words(new) if _is_word(w)]
    if not a or not b:
        return []
    if len(a) == len(b):
        candidates = list(zip(a, b, strict=True))
    elif min(len(a), len(b)) == 1 and max(len(a), len(b)) == 2:
        candidates = [("".join(a), "".join(b))]  # 政府网站 -> 政务外网: one word for a few
    else:
        candidates = []
        if right_context:
            candidates.append((a[-1], b[-1]))
        if left_context:
            candidates.append((a[0], b[0]))
    return [(x, y) for x, y in dict.fromkeys(candidates) if x != y and _same_slot(x, y)]


def _same_slot(old: str, new: str) -> bool:
    """Whether two words plausibly fill the same slot: they share a character (信息资源 /
    数据资源, 云计算中心 / 算力中心) or both are Latin-lettered terms (4G / 5G, WiFi / WLAN)."""
    if len(old) == 1 or len(new) == 1 or old in new or new in old:
        return False  # a lone character, or an elaboration (队伍 -> 人才队伍), not a replacement
    latin = any(c.isascii() and c.isalpha() for c in old) and any(c.isascii() and c.isalpha() for c in new)
    return latin or bool(set(old) & set(new))


def substitutions(diff: list[DiffOp] | tuple[DiffOp, ...]) -> list[tuple[str, str]]:
    """Adjacent delete/insert pairs between kept text: the words that replaced other words."""
    out = []
    ops = list(diff)
    i = 0
    while i < len(ops) - 1:
        (op1, t1), (op2, t2) = ops[i], ops[i + 1]
        if {op1, op2} == {-1, 1}:
            old, new = (t1, t2) if op1 == -1 else (t2, t1)
            left = i > 0 and ops[i - 1][0] == 0
            right = i + 2 < len(ops) and ops[i + 2][0] == 0
            out.extend(_pair_words(old, new, left_context=left, right_context=right))
            i += 2
        else:
            i += 1
    return out
