"""The units reuse compares, as arrays: provisions with their paragraphs, or clauses.

``level="provision"`` reads every provision of the index, the notice text around a plan
(``kind == "preamble"``) included and flagged, and, for a provision of several paragraphs, each
paragraph as a unit of its own (id ``p12.p2``, ``top`` = its provision): a paragraph shared
verbatim inside a longer provision is then found even where the whole provision is too different
to match. ``level="clause"`` reads the clauses (sentences).

One row per unit in parallel arrays (no Python object per unit beyond its id and text), grouped
by document in the index's order.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from ..dataclass_code import dataclass
from ..errors import CorpusIndexError
from .verify import key

#: Unit kinds, coded in ``UnitTable.kind``.
KINDS = ("item", "paragraph", "preamble")
_KIND = {k: i for i, k in enumerate(KINDS)}


@dataclass(frozen=True)
class UnitTable:
    """Every unit compared, in parallel arrays (row = unit)."""

    doc_ids: tuple[str, ...]  #: document ids, sorted; ``doc`` indexes into it
    doc: np.ndarray  #: int32, the unit's document
    ids: list[str]  #: unit id: "p12", "p12.p2" (a paragraph of p12) or "p12.c3" (a clause)
    texts: list[str]  #: the unit's text as indexed
    keys: list[str]  #: ``verify.key(text)``: what is compared
    kind: np.ndarray  #: int8 code into ``KINDS``
    top: np.ndarray  #: int32, the row of the provision a paragraph belongs to (itself otherwise)
    chars: np.ndarray  #: int32, len(text)

    def __len__(self) -> int:
        return len(self.ids)

    def take(self, rows: np.ndarray) -> UnitTable:
        """The units at ``rows`` (``top`` renumbered; a parent not taken points to itself)."""
        rows = np.asarray(rows, dtype=np.int64)
        new = np.full(len(self.ids), -1, dtype=np.int64)
        new[rows] = np.arange(len(rows))
        top = new[self.top[rows]]
        top = np.where(top < 0, np.arange(len(rows)), top).astype(np.int32)
        lst = rows.tolist()
        return UnitTable(self.doc_ids, self.doc[rows], [self.ids[i] for i in lst],
                         [self.texts[i] for i in lst], [self.keys[i] for i in lst],
                         self.kind[rows], top, self.chars[rows])


def load_units(corpus: str | Path, *, level: str, doc_ids: tuple[str, ...], min_chars: int,
               paragraphs: bool = True) -> UnitTable:
    """The index's units at ``level`` whose key has at least ``min_chars`` characters."""
    from ..index import open_index

    if level not in {"provision", "clause"}:
        raise CorpusIndexError(f"unknown level {level!r}; use provision or clause")
    pos = {d: i for i, d in enumerate(doc_ids)}
    doc: list[int] = []
    ids: list[str] = []
    texts: list[str] = []
    keys: list[str] = []
    kind: list[int] = []
    top: list[int] = []
    con = open_index(corpus, check=False)
    try:
        if level == "provision":
            rows = con.execute("SELECT doc, pid, text, kind FROM provisions ORDER BY doc, ord")
        else:
            rows = con.execute("SELECT doc, cid, text, kind FROM clauses ORDER BY doc, ord")
        for d, uid, text, k in rows:
            if d not in pos:
                continue
            kk = key(text)
            if len(kk) < min_chars:
                continue
            row = len(ids)
            code = _KIND.get(k, 0)
            doc.append(pos[d])
            ids.append(uid)
            texts.append(text)
            keys.append(kk)
            kind.append(code)
            top.append(row)
            if paragraphs and level == "provision" and "\n" in text:
                for n, para in enumerate(text.split("\n"), start=1):
                    pk = key(para)
                    if len(pk) < min_chars or pk == kk:
                        continue
                    doc.append(pos[d])
                    ids.append(f"{uid}.p{n}")
                    texts.append(para)
                    keys.append(pk)
                    kind.append(code if code == _KIND["preamble"] else _KIND["paragraph"])
                    top.append(row)
    finally:
        con.close()
    return UnitTable(doc_ids, np.asarray(doc, dtype=np.int32), ids, texts, keys,
                     np.asarray(kind, dtype=np.int8), np.asarray(top, dtype=np.int32),
                     np.fromiter((len(t) for t in texts), dtype=np.int32, count=len(texts)))


__all__ = ["KINDS", "UnitTable", "load_units"]
