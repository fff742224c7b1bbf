"""Templates: passages whose wording is shared but whose figures differ.

``城镇新增就业110万人以上`` in one report and ``城镇新增就业18万人以上`` in another are one template
filled with other figures: a finding of its own (a target copied with a new number), not a copy.
A pair (or a family) is a template when its texts are the same once every figure is masked and
its figures differ; a pair with the same figures is never one (its texts are then the same).

Figures are Arabic numbers with their decimal part and a magnitude (万, 亿) or percent sign
right after them: ``110万``, ``5.5%``, ``2025``. Chinese numerals are not masked: 一是 / 二是 and
十四五 / 十五五 are wording, not figures.
"""

from __future__ import annotations

import numpy as np

from ..lazy_pattern import lazy

#: A figure in a key (punctuation removed: 5.5% is "55" there).
_KEY_FIGURE = lazy(r"\d+[万亿]?")
#: A figure as written in the text.
FIGURE = lazy(r"\d+(?:[.,]\d+)*(?:[万亿])?[%‰]?")


def mask(key: str) -> str:
    """A key with every figure replaced by ``#``."""
    return _KEY_FIGURE.sub("#", key)


def figures(text: str) -> tuple[str, ...]:
    """The figures of a text, in order (``110万``, ``5.5%``)."""
    return tuple(FIGURE.findall(text))


def masked_ids(keys: list[str]) -> np.ndarray:
    """One number per masked form: keys that differ only in their figures share it."""
    ids: dict[str, int] = {}
    return np.fromiter((ids.setdefault(mask(k), len(ids)) for k in keys), dtype=np.int64,
                       count=len(keys))


def template_pairs(ka: np.ndarray, kb: np.ndarray, masked: np.ndarray) -> np.ndarray:
    """For pairs of key ids: whether the two keys differ only in their figures."""
    if not len(ka):
        return np.zeros(0, dtype=bool)
    return (masked[ka] == masked[kb]) & (ka != kb)


def template_families(member_fam: np.ndarray, member_key: np.ndarray, masked: np.ndarray,
                      n_fam: int) -> np.ndarray:
    """Per family: whether two of its members have keys that differ only in their figures."""
    out = np.zeros(n_fam, dtype=bool)
    if not len(member_fam):
        return out
    m = masked[member_key]
    trip = np.unique(np.stack((member_fam.astype(np.int64), m, member_key.astype(np.int64)), axis=1),
                     axis=0)
    fm = trip[:, 0] * (int(m.max()) + 1) + trip[:, 1]
    codes, counts = np.unique(fm, return_counts=True)
    out[(codes[counts >= 2] // (int(m.max()) + 1)).astype(np.int64)] = True
    return out


__all__ = ["FIGURE", "figures", "mask", "masked_ids", "template_families", "template_pairs"]
