"""Reuse families: the units linked by verified pairs, as connected components, in numpy.

A family is a connected component of the pair graph: the same passage and its close variants
across documents. Its representative text is the variant (key) most members share, the earliest
on a tie; each member's score is its similarity to that text; the earliest member is the one in
the oldest document (higher administrative level, then document id, on a tie).
"""

from __future__ import annotations

import numpy as np
from rapidfuzz.distance import Indel

from ..dataclass_code import dataclass
from . import boilerplate


def components(n: int, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Component label (the smallest node of its component) of each of n nodes, edges a-b.

    Hook-and-compress label propagation: every round each edge hooks the larger root under the
    smaller, then labels jump to their roots; a few rounds even for long chains.
    """
    label = np.arange(n, dtype=np.int64)
    a = np.asarray(a, dtype=np.int64)
    b = np.asarray(b, dtype=np.int64)
    while True:
        la, lb = label[a], label[b]
        diff = la != lb
        if not diff.any():
            return label
        la, lb = la[diff], lb[diff]
        lo, hi = np.minimum(la, lb), np.maximum(la, lb)
        np.minimum.at(label, hi, lo)
        while True:  # compress: every node to its root
            nxt = label[label]
            if np.array_equal(nxt, label):
                break
            label = nxt
        a, b = a[diff], b[diff]


@dataclass(frozen=True)
class FamilyArrays:
    """Every family, as arrays, numbered 0..: by documents, then size (largest first), the
    boilerplate families after all the others."""

    member_unit: np.ndarray  #: int64 unit rows, grouped by family, each family's oldest first
    member_score: np.ndarray  #: float32 similarity to the representative
    start: np.ndarray  #: int64, family f's members are member_unit[start[f]:start[f + 1]]
    rep: np.ndarray  #: int64 unit row of the representative text
    earliest: np.ndarray  #: int64 unit row of the earliest member
    documents: np.ndarray  #: int64 documents per family
    reason: list[str]  #: boilerplate reason ("" = not boilerplate)
    of_unit: np.ndarray  #: int32 family of every unit row (-1: in no pair)
    #: bool per family: members of one wording with other figures (``templates``); None: not set
    template: np.ndarray | None = None

    def __len__(self) -> int:
        return len(self.rep)

    @property
    def boilerplate(self) -> np.ndarray:
        return np.fromiter((bool(r) for r in self.reason), dtype=bool, count=len(self.reason))


def build_families(pairs: np.ndarray, *, n_units: int, unit_doc: np.ndarray, key_id: np.ndarray,
                   keys: list[str], doc_age: np.ndarray, n_docs: int,
                   boilerplate_share: float = boilerplate.BOILERPLATE_SHARE,
                   forced: dict[int, str] | None = None,
                   texts: list[str] | None = None) -> FamilyArrays:
    """Families of the units in ``pairs`` (k, 2): verified pairs, or any edges that connect the
    same units (``spanning_edges`` for families whose pairs are not listed).

    ``key_id``: each unit's distinct-key number (identical texts share one); ``doc_age``: each
    document's rank from oldest (0) to newest, the order in which members are listed;
    ``forced``: unit -> boilerplate reason decided before (``key_families``), for the family
    holding that unit; ``texts``: the units' texts (with punctuation) for the formula test.
    """
    if not len(pairs):
        empty = np.empty(0, dtype=np.int64)
        return FamilyArrays(empty, np.empty(0, np.float32), np.zeros(1, np.int64), empty, empty,
                            empty, [], np.full(n_units, -1, dtype=np.int32))
    nodes = np.unique(pairs)
    local = np.searchsorted(nodes, pairs)
    comp = components(len(nodes), local[:, 0], local[:, 1])
    _, comp = np.unique(comp, return_inverse=True)
    comp = comp.ravel()
    n_fam = int(comp.max()) + 1
    docs = unit_doc[nodes].astype(np.int64)
    # Documents per family: distinct (family, doc).
    fd = np.unique(comp * n_docs + docs)
    n_documents = np.bincount(fd // n_docs, minlength=n_fam)
    sizes = np.bincount(comp, minlength=n_fam)
    # Number families by documents, then members, then their first unit (stable for tests).
    first_node = np.full(n_fam, len(nodes), dtype=np.int64)
    np.minimum.at(first_node, comp, np.arange(len(nodes)))
    rank = np.lexsort((first_node, -sizes, -n_documents))
    renumber = np.empty(n_fam, dtype=np.int64)
    renumber[rank] = np.arange(n_fam)
    fam = renumber[comp]
    n_documents, sizes = n_documents[rank], sizes[rank]
    # Members grouped by family, oldest document first.
    order = np.lexsort((nodes, doc_age[docs], fam))
    member_unit = nodes[order]
    member_fam = fam[order]
    start = np.concatenate(([0], np.cumsum(sizes)))
    earliest = member_unit[start[:-1]]
    # Representative: the most frequent key of the family (the earliest member's on a tie).
    kid = key_id[member_unit]
    by_key = np.lexsort((np.arange(len(kid)), kid, member_fam))
    fk = member_fam[by_key] * (int(key_id.max()) + 1) + kid[by_key]
    run_start = np.concatenate(([True], fk[1:] != fk[:-1]))
    run_idx = np.flatnonzero(run_start)
    run_len = np.diff(np.concatenate((run_idx, [len(fk)])))
    run_fam = member_fam[by_key][run_idx]
    run_first = by_key[run_idx]  # position (in member order) of the run's earliest member
    pick = np.lexsort((run_first, -run_len, run_fam))
    best = pick[np.concatenate(([True], run_fam[pick][1:] != run_fam[pick][:-1]))]
    rep = member_unit[run_first[best]]
    rep_key = key_id[rep]
    # Each member's similarity to its family's representative.
    score = np.ones(len(member_unit), dtype=np.float32)
    differ = np.flatnonzero(kid != rep_key[member_fam])
    rep_keys = [keys[i] for i in rep.tolist()]
    sim = Indel.normalized_similarity
    mk = [keys[u] for u in member_unit[differ].tolist()]
    score[differ] = [sim(k, rep_keys[f]) for k, f in zip(mk, member_fam[differ].tolist(), strict=True)]
    texts = texts if texts is not None else keys
    reasons = [boilerplate.reason(k, int(d), n_docs, share=boilerplate_share, text=texts[u])
               for k, d, u in zip(rep_keys, n_documents.tolist(), rep.tolist(), strict=True)]
    if forced:
        for f, u in enumerate(rep.tolist()):
            if u in forced:
                reasons[f] = forced[u]
    # Boilerplate families after the others (a stable reordering of the numbers above).
    bp = np.array([bool(r) for r in reasons], dtype=bool)
    new_order = np.argsort(bp, kind="stable")  # new family k is old family new_order[k]
    new_id = np.empty(n_fam, dtype=np.int64)
    new_id[new_order] = np.arange(n_fam)
    regroup = np.argsort(new_id[member_fam], kind="stable")
    member_unit, score, member_fam = member_unit[regroup], score[regroup], new_id[member_fam][regroup]
    sizes = sizes[new_order]
    start = np.concatenate(([0], np.cumsum(sizes)))
    of_unit = np.full(n_units, -1, dtype=np.int32)
    of_unit[member_unit] = member_fam
    return FamilyArrays(member_unit, score, start, rep[new_order], earliest[new_order],
                        n_documents[new_order], [reasons[k] for k in new_order.tolist()], of_unit)


def key_families(key_pairs: np.ndarray, inverse: np.ndarray, unit_doc: np.ndarray, n_docs: int
                 ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Families at the level of distinct texts, before any unit pair is listed.

    Returns (component of each key, -1 for a key in no pair; documents per component; which key
    pairs link units). Units of
    one key in two or more documents are paired with each other; a verified key pair pairs
    their units in different documents, so an edge between two keys found in one and the same
    document only links nothing and is left out. These components are exactly the families of
    the unit pairs ``match.expand`` would list.
    """
    n_keys = int(inverse.max()) + 1 if len(inverse) else 0
    kd = np.unique(inverse.astype(np.int64) * n_docs + unit_doc)  # distinct (key, doc)
    nd = np.bincount(kd // n_docs, minlength=n_keys)
    one_doc = np.full(n_keys, -1, dtype=np.int64)
    single = nd == 1
    first_doc = np.full(n_keys, -1, dtype=np.int64)
    first_doc[(kd // n_docs)[::-1]] = (kd % n_docs)[::-1]
    one_doc[single] = first_doc[single]
    a, b = key_pairs[:, 0], key_pairs[:, 1]
    links = ~((one_doc[a] >= 0) & (one_doc[a] == one_doc[b]))
    a, b = a[links], b[links]
    in_pair = nd >= 2
    in_pair[a] = True
    in_pair[b] = True
    label = components(n_keys, a, b)
    label = np.where(in_pair, label, -1)
    comp = np.full(n_keys, -1, dtype=np.int64)
    used = np.unique(label[label >= 0])
    comp[in_pair] = np.searchsorted(used, label[in_pair])
    # Documents per component: distinct (component, doc) over the keys' units.
    kc = comp[kd // n_docs]
    ok = kc >= 0
    cd = np.unique(kc[ok] * n_docs + (kd % n_docs)[ok])
    docs = np.bincount(cd // n_docs, minlength=len(used))
    return comp, docs, links


def spanning_edges(keys_sel: np.ndarray, key_pairs: np.ndarray, inverse: np.ndarray,
                   unit_doc: np.ndarray) -> np.ndarray:
    """Unit edges (k, 2) that connect the same units as all the pairs of the selected keys'
    families, with one edge per unit and per key pair instead of one per pair.

    ``keys_sel``: keys in a family (``key_families``); ``key_pairs``: the linking pairs only."""
    sel = np.zeros(int(inverse.max()) + 1, dtype=bool)
    sel[keys_sel] = True
    units = np.flatnonzero(sel[inverse])
    order = units[np.argsort(inverse[units], kind="stable")]
    k = inverse[order]
    same = k[1:] == k[:-1]
    chain = np.stack((order[:-1][same], order[1:][same]), axis=1)
    first = np.full(len(sel), -1, dtype=np.int64)
    first[k[::-1]] = order[::-1]
    kp = key_pairs[sel[key_pairs[:, 0]] & sel[key_pairs[:, 1]]]
    cross = np.stack((first[kp[:, 0]], first[kp[:, 1]]), axis=1)
    return np.concatenate((chain, cross)).astype(np.int64)


__all__ = ["FamilyArrays", "build_families", "components", "key_families", "spanning_edges"]
