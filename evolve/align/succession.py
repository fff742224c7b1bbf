"""The lexical succession of two plans: words that replaced other words inside clause pairs.

Only substitutions a reader can trust are kept: ones that involve a policy term (the segmenter's
policy terms and the theme lexicon's spellings: 4G -> 5G, 信息安全 -> 数据安全), seen in any
paired clauses; and others only when they recur (``MIN_RECURRENCE`` clause pairs or more) in
clause pairs that are mostly the same sentence (a light edit: at least ``LIGHT_EDIT_CLAUSE`` of
the newer clause kept). A one-off swap inside a rewritten sentence (模式 -> 方式, 档案馆 -> 场馆)
says nothing about the vocabulary. Numbers (4% -> 3%, 1113 -> 1102) are left out.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from functools import lru_cache

from ..diff import kept_share, substitutions
from ..lazy_pattern import lazy
from ..records import Match, Succession
from ..shipped import data_toml
from ..tokenize import policy_terms

#: A clause pair keeps at least this share of the newer clause to yield substitutions.
LIGHT_EDIT_CLAUSE = 0.4
#: A substitution that involves no policy term must be seen in this many light-edit clause pairs.
MIN_RECURRENCE = 2
#: Clause pairs less similar than this yield no substitutions at all.
MIN_CLAUSE = 0.15
_NUMBER = lazy(r"^[\d.%万亿千百年第]+$")


@lru_cache(maxsize=1)
def policy_vocabulary() -> frozenset[str]:
    """Policy terms of the segmenter's dictionary and every spelling of the theme lexicon.

    Read from the data files directly: importing ``evolve.trends`` would bring pandas along."""
    spellings = {s.strip() for theme in data_toml("lexicon.toml").get("themes", [])
                 for term in theme.get("terms", []) for s in term.split("|") if s.strip()}
    return frozenset(spellings | set(policy_terms()))


def _is_policy(word: str, vocabulary: frozenset[str]) -> bool:
    return word in vocabulary or any(len(t) >= 2 and t in word for t in vocabulary if t.isascii()) \
        or any(len(t) >= 3 and t in word for t in vocabulary)


def lexical_succession(matches: Sequence[Match], *, top: int = 50) -> list[Succession]:
    """Substitutions inside light-edit clause pairs that recur or involve a policy term, most
    frequent first (years and numbers left out), with up to three example provision pairs."""
    counts: Counter[tuple[str, str]] = Counter()
    light: Counter[tuple[str, str]] = Counter()
    examples: dict[tuple[str, str], list[tuple[str, str]]] = {}
    vocabulary = policy_vocabulary()
    for m in matches:
        for cp in m.clauses:
            if cp.source is None or cp.target is None or cp.score < MIN_CLAUSE:
                continue
            is_light = kept_share(cp.diff) >= LIGHT_EDIT_CLAUSE
            for old, new in substitutions(cp.diff):
                if _NUMBER.match(old) or _NUMBER.match(new):
                    continue
                if not is_light and not (_is_policy(old, vocabulary) or _is_policy(new, vocabulary)):
                    continue
                counts[(old, new)] += 1
                light[(old, new)] += is_light
                ex = examples.setdefault((old, new), [])
                pair = (cp.source_provision or m.source[0].id, cp.target_provision or m.target[0].id)
                if pair not in ex and len(ex) < 3:
                    ex.append(pair)
    kept = {k: n for k, n in counts.items()
            if light[k] >= MIN_RECURRENCE or _is_policy(k[0], vocabulary) or _is_policy(k[1], vocabulary)}
    ranked = sorted(kept.items(), key=lambda kv: (-kv[1], kv[0]))[:top]
    return [Succession(old, new, n, tuple(examples[(old, new)])) for (old, new), n in ranked]
