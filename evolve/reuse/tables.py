"""Every row of a reuse run, as arrays: records on demand, frames, and files streamed to disk.

``ReuseTables`` is what ``find_reuse`` keeps of a run (``ReuseReport.tables``): the units, the
pairs (oriented old -> new, best first), the families and the document pairs, in numpy arrays.
The report's record tuples hold only the first rows; ``write(out_dir)`` streams all of them to
Parquet and CSV in batches (pyarrow writers), so the files never exist whole in memory as
Python objects; ``pairs_frame()`` and friends give pandas frames for a notebook.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np

from ..dataclass_code import dataclass
from ..errors import EvolveError
from ..index import DocInfo
from ..records import DocPairReuse, DocReuse, FamilyMember, ReuseFamily, ReusePair, ReuseSide
from .families import FamilyArrays
from .report import DIRECTIONS, RELATIONS, DocArrays, DocPairArrays
from .templates import figures
from .units import KINDS, UnitTable

#: Rows per batch written to Parquet / CSV.
BATCH = 100_000
#: Files ``write`` produces, each as .parquet and .csv.
FILES = ("pairs", "families", "family_members", "doc_pairs", "documents")


@dataclass(frozen=True)
class PairArrays:
    """Unit pairs, oriented (a older than b), best first: non-boilerplate by score, then the rest."""

    a: np.ndarray  #: int64 unit row
    b: np.ndarray
    score: np.ndarray  #: float32
    direction: np.ndarray  #: int8 code into DIRECTIONS
    relation: np.ndarray  #: int8 code into RELATIONS
    family: np.ndarray  #: int32 family id
    template: np.ndarray | None = None  #: bool, the same wording with other figures

    def __len__(self) -> int:
        return len(self.a)

    @property
    def is_template(self) -> np.ndarray:
        return self.template if self.template is not None else np.zeros(len(self.a), dtype=bool)


@dataclass(frozen=True)
class ReuseTables:
    """All rows of one run."""

    units: UnitTable
    docs: tuple[DocInfo, ...]  #: row = position in ``units.doc_ids``
    pairs: PairArrays
    families: FamilyArrays
    doc_pairs: DocPairArrays
    documents: tuple[DocReuse, ...]
    doc_arrays: DocArrays | None = None  #: years, dates and ranks (earliest members and ties)
    key_id: np.ndarray | None = None  #: int64 distinct-text number of every unit
    masked: np.ndarray | None = None  #: int64 masked-figures number of every distinct text

    # --- records --------------------------------------------------------------------------

    def _side(self, u: int) -> ReuseSide:
        d = self.docs[int(self.units.doc[u])]
        text = self.units.texts[u]
        return ReuseSide(doc=d.id, id=self.units.ids[u], text=text, year=d.year,
                         date=d.date, place=d.place, level=d.level,
                         kind=KINDS[int(self.units.kind[u])], figures=figures(text))

    def pair_records(self, limit: int | None = None) -> list[ReusePair]:
        """The first ``limit`` pairs (all when None) as records."""
        p = self.pairs
        n = len(p) if limit is None else min(limit, len(p))
        bp = self.families.boilerplate
        tpl = p.is_template
        return [ReusePair(a=self._side(int(p.a[k])), b=self._side(int(p.b[k])),
                          score=float(p.score[k]), direction=DIRECTIONS[int(p.direction[k])],
                          relation=RELATIONS[int(p.relation[k])], family=int(p.family[k]) + 1,
                          boilerplate=bool(bp[p.family[k]]), template=bool(tpl[k]))
                for k in range(n)]

    def _member(self, u: int, score: float) -> FamilyMember:
        d = self.docs[int(self.units.doc[u])]
        return FamilyMember(doc=d.id, id=self.units.ids[u], year=d.year, place=d.place,
                            level=d.level, kind=KINDS[int(self.units.kind[u])], score=score,
                            date=d.date)

    def family_records(self, limit: int | None = None, *,
                       members: int | None = None) -> list[ReuseFamily]:
        """The first ``limit`` families with up to ``members`` members each (None: all)."""
        n = len(self.families) if limit is None else min(limit, len(self.families))
        return [self.family_record(k, members=members) for k in range(n)]

    def family_record(self, k: int, *, members: int | None = None) -> ReuseFamily:
        """Family ``k`` (0-based; its ``id`` is k + 1) with up to ``members`` members."""
        f = self.families
        lo, hi = int(f.start[k]), int(f.start[k + 1])
        cut = hi if members is None else min(hi, lo + members)
        mem = tuple(self._member(int(u), float(s))
                    for u, s in zip(f.member_unit[lo:cut], f.member_score[lo:cut], strict=True))
        return replace(self._family_head(k), members=mem)

    def doc_pair_records(self, limit: int | None = None) -> list[DocPairReuse]:
        d = self.doc_pairs
        n = len(d.a) if limit is None else min(limit, len(d.a))
        ids = self.units.doc_ids
        return [DocPairReuse(a=ids[int(d.a[k])], b=ids[int(d.b[k])], pairs=int(d.pairs[k]),
                             a_share=float(d.a_share[k]), b_share=float(d.b_share[k]),
                             direction=DIRECTIONS[int(d.direction[k])],
                             relation=RELATIONS[int(d.relation[k])]) for k in range(n)]

    # --- batches, frames and files -------------------------------------------------------

    def batches(self, name: str) -> Iterator[Any]:
        """``pyarrow.RecordBatch``es of one table (``FILES``), ``BATCH`` rows at a time."""
        import pyarrow as pa

        if name not in FILES:
            raise EvolveError(f"unknown reuse table {name!r} (one of {', '.join(FILES)})")
        yield from getattr(self, f"_batches_{name}")(pa)

    def _doc_cols(self, pa: Any, prefix: str, docs: np.ndarray) -> dict[str, Any]:
        info = [self.docs[d] for d in docs.tolist()]
        return {f"{prefix}doc": pa.array([i.id for i in info], pa.string()),
                f"{prefix}year": pa.array([i.year for i in info], pa.int32()),
                f"{prefix}date": pa.array([i.date for i in info], pa.string()),
                f"{prefix}place": pa.array([i.place for i in info], pa.string()),
                f"{prefix}level": pa.array([i.level for i in info], pa.string())}

    def _unit_cols(self, pa: Any, prefix: str, units: np.ndarray) -> dict[str, Any]:
        u = self.units
        rows = units.tolist()
        return {**self._doc_cols(pa, prefix, u.doc[units]),
                f"{prefix}id": pa.array([u.ids[i] for i in rows], pa.string()),
                f"{prefix}kind": pa.array([KINDS[k] for k in u.kind[units].tolist()], pa.string()),
                f"{prefix}text": pa.array([u.texts[i] for i in rows], pa.string())}

    def _batches_pairs(self, pa: Any) -> Iterator[Any]:
        p, bp = self.pairs, self.families.boilerplate
        for lo in range(0, max(len(p), 1), BATCH):
            s = slice(lo, lo + BATCH)
            yield pa.RecordBatch.from_pydict({
                **self._unit_cols(pa, "a_", p.a[s]), **self._unit_cols(pa, "b_", p.b[s]),
                "score": pa.array(np.round(p.score[s].astype(np.float64), 4)),
                "direction": pa.array(np.array(DIRECTIONS)[p.direction[s]], pa.string()),
                "relation": pa.array(np.array(RELATIONS)[p.relation[s]], pa.string()),
                "family": pa.array(p.family[s].astype(np.int64) + 1),
                "boilerplate": pa.array(bp[p.family[s]] if len(bp) else np.zeros(0, bool)),
                "template": pa.array(p.is_template[s], pa.bool_()),
                "a_figures": pa.array([" ".join(figures(self.units.texts[u])) for u in p.a[s].tolist()],
                                      pa.string()),
                "b_figures": pa.array([" ".join(figures(self.units.texts[u])) for u in p.b[s].tolist()],
                                      pa.string())})

    def _batches_families(self, pa: Any) -> Iterator[Any]:
        f = self.families
        for lo in range(0, max(len(f), 1), BATCH):
            ks = range(lo, min(lo + BATCH, len(f)))
            recs = [self._family_head(k) for k in ks]
            yield pa.RecordBatch.from_pydict({
                "family": pa.array([r.id for r in recs], pa.int64()),
                "documents": pa.array([r.documents for r in recs], pa.int64()),
                "size": pa.array([r.size for r in recs], pa.int64()),
                **{f"earliest_{k}": pa.array([getattr(r.earliest, k) for r in recs], t)
                   for k, t in (("doc", pa.string()), ("id", pa.string()), ("year", pa.int32()),
                                ("place", pa.string()), ("level", pa.string()))},
                "years": pa.array([json.dumps({str(y): n for y, n in r.years.items()}) for r in recs],
                                  pa.string()),
                "levels": pa.array([json.dumps(r.levels, ensure_ascii=False) for r in recs], pa.string()),
                "boilerplate": pa.array([r.boilerplate for r in recs], pa.bool_()),
                "reason": pa.array([r.reason for r in recs], pa.string()),
                "text": pa.array([r.text for r in recs], pa.string()),
                "earliest_date": pa.array([r.earliest.date for r in recs], pa.string()),
                "earliest_tied": pa.array([r.earliest_tied for r in recs], pa.int64()),
                "template": pa.array([r.template for r in recs], pa.bool_()),
                "figures": pa.array([json.dumps([{"figures": list(fg), "documents": n}
                                                 for fg, n in r.figures], ensure_ascii=False)
                                     for r in recs], pa.string())})

    def _family_head(self, k: int) -> ReuseFamily:
        f = self.families
        lo, hi = int(f.start[k]), int(f.start[k + 1])
        docs = np.unique(self.units.doc[f.member_unit[lo:hi]]).tolist()
        years: dict[int, int] = {}
        levels: dict[str, int] = {}
        for d in docs:
            info = self.docs[d]
            if info.year is not None:
                years[info.year] = years.get(info.year, 0) + 1
            levels[info.level or "unknown"] = levels.get(info.level or "unknown", 0) + 1
        template = bool(f.template[k]) if f.template is not None else False
        return ReuseFamily(id=k + 1, text=self.units.texts[int(f.rep[k])], documents=len(docs),
                           size=hi - lo, earliest=self._member(int(f.earliest[k]), float(f.member_score[lo])),
                           members=(), years=dict(sorted(years.items())),
                           levels=dict(sorted(levels.items())), boilerplate=bool(f.reason[k]),
                           reason=f.reason[k], template=template,
                           figures=self._figures(k) if template else (),
                           earliest_tied=self._tied(k, docs))

    def _tied(self, k: int, docs: list[int]) -> int:
        """Other documents of family k that cannot be told apart in time from its earliest."""
        d = self.doc_arrays
        if d is None:
            return 0
        e = int(self.units.doc[int(self.families.earliest[k])])
        return sum(1 for x in docs if x != e and d.tied(e, x))

    def _figures(self, k: int, most: int = 10) -> tuple[tuple[tuple[str, ...], int], ...]:
        """The figures of a template family: the members of its largest wording that comes with
        several sets of figures, each variant with its documents, most documents first (at most
        ``most``)."""
        f = self.families
        if self.key_id is None or self.masked is None:
            return ()
        lo, hi = int(f.start[k]), int(f.start[k + 1])
        by_mask: dict[int, dict[tuple[str, ...], set[int]]] = {}
        keys: dict[int, set[int]] = {}
        for u in f.member_unit[lo:hi].tolist():
            m = int(self.masked[self.key_id[u]])
            keys.setdefault(m, set()).add(int(self.key_id[u]))
            by_mask.setdefault(m, {}).setdefault(figures(self.units.texts[u]), set()).add(
                int(self.units.doc[u]))
        shared = [m for m, ks in keys.items() if len(ks) >= 2]
        if not shared:
            return ()
        best = max(shared, key=lambda m: (sum(len(d) for d in by_mask[m].values()), -m))
        ranked = sorted(by_mask[best].items(), key=lambda kv: (-len(kv[1]), kv[0]))
        return tuple((fig, len(ds)) for fig, ds in ranked[:most])

    def _batches_family_members(self, pa: Any) -> Iterator[Any]:
        f = self.families
        fam = np.repeat(np.arange(len(f)), np.diff(f.start)) + 1
        for lo in range(0, max(len(f.member_unit), 1), BATCH):
            s = slice(lo, lo + BATCH)
            yield pa.RecordBatch.from_pydict({
                "family": pa.array(fam[s].astype(np.int64)),
                **self._unit_cols(pa, "", f.member_unit[s]),
                "score": pa.array(np.round(f.member_score[s].astype(np.float64), 4))})

    def _batches_doc_pairs(self, pa: Any) -> Iterator[Any]:
        d = self.doc_pairs
        for lo in range(0, max(len(d.a), 1), BATCH):
            s = slice(lo, lo + BATCH)
            yield pa.RecordBatch.from_pydict({
                **self._doc_cols(pa, "a_", d.a[s]), **self._doc_cols(pa, "b_", d.b[s]),
                "pairs": pa.array(d.pairs[s].astype(np.int64)),
                "a_share": pa.array(np.round(d.a_share[s], 4)),
                "b_share": pa.array(np.round(d.b_share[s], 4)),
                "direction": pa.array(np.array(DIRECTIONS)[d.direction[s]], pa.string()),
                "relation": pa.array(np.array(RELATIONS)[d.relation[s]], pa.string())})

    def _batches_documents(self, pa: Any) -> Iterator[Any]:
        rows = [d.to_dict() for d in self.documents]
        cols = ("doc", "year", "place", "level", "units", "matched", "reuse_share", "borrowed_share")
        types = (pa.string(), pa.int32(), pa.string(), pa.string(), pa.int64(), pa.int64(),
                 pa.float64(), pa.float64())
        yield pa.RecordBatch.from_pydict({c: pa.array([r[c] for r in rows], t)
                                          for c, t in zip(cols, types, strict=True)})

    def frame(self, name: str) -> Any:
        """One table (``FILES``) as a pandas DataFrame (every row: mind the size)."""
        import pyarrow as pa

        return pa.Table.from_batches(list(self.batches(name))).to_pandas()

    def write(self, out_dir: str | Path) -> dict[str, int]:
        """Write every table as ``NAME.parquet`` and ``NAME.csv`` in ``out_dir``; rows per table."""
        import pyarrow.csv as pcsv
        import pyarrow.parquet as pq

        out = Path(out_dir)
        try:
            out.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise EvolveError(f"--out {out}: cannot create the directory ({exc.strerror})") from None
        import contextlib

        from ..output import atomic_path

        counts: dict[str, int] = {}
        # every table to a temporary name first, all renamed in place at the end: a full disk or
        # an interruption leaves the previous tables (or none), never some half written
        try:
            with contextlib.ExitStack() as stack:
                for name in FILES:
                    rows = 0
                    pw = cw = None
                    tp = stack.enter_context(atomic_path(out / f"{name}.parquet"))
                    tc = stack.enter_context(atomic_path(out / f"{name}.csv"))
                    try:
                        for batch in self.batches(name):
                            if pw is None:
                                pw = pq.ParquetWriter(tp, batch.schema)
                                cw = pcsv.CSVWriter(tc, batch.schema)
                            pw.write_batch(batch)
                            assert cw is not None
                            cw.write_batch(batch)
                            rows += batch.num_rows
                    finally:
                        if pw is not None:
                            pw.close()
                        if cw is not None:
                            cw.close()
                    if pw is None:  # no batch at all: no file, as before
                        tp.unlink()
                        tc.unlink()
                    counts[name] = rows
        except OSError as exc:
            raise EvolveError(f"--out {out}: cannot write the tables ({exc})") from None
        return counts


__all__ = ["BATCH", "FILES", "PairArrays", "ReuseTables"]
