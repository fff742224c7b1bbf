"""Plans side by side and through time: ``compare``, ``targets`` and ``lineage``.

``evolve.compare(a, b).to_dict()`` is ``evolve align A B --json``; ``evolve.targets(docs)``
and ``evolve.lineage(docs)`` give the ``--json`` of their commands (tested).
"""

from __future__ import annotations

from dataclasses import field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..dataclass_code import dataclass
from .result import Result, records
from .sources import Source, documents_of

if TYPE_CHECKING:
    import pandas as pd

    from ..progress import Progress
    from ..records import Alignment, Document, Failure, Lineage, Target, TargetPair

#: Columns of ``evolve targets --csv`` (and the keys of each ``--json`` target), in order.
TARGET_COLUMNS = ("doc", "provision", "indicator", "value", "value_max", "unit", "qualifier", "target_year",
                  "kind", "text", "horizon", "key", "phrase", "year", "stretch")


def _one(ref: Any, corpus: str | Path | None) -> Document:
    from ..corpus import BUNDLED, resolve
    from ..records import Document

    if isinstance(ref, Document):
        return ref
    return resolve(str(ref), corpus=corpus or BUNDLED)


@dataclass(repr=False)
class Comparison(Result):
    """Two plans aligned, with their targets side by side: the result of ``evolve.compare``.

    The ``Alignment`` record's fields (``matches``, ``unmatched_source``, ``unmatched_target``,
    ``moved``, ``rates``, ``succession`` …) are reachable on the result itself.
    """

    alignment: Alignment
    targets: list[TargetPair]
    _frames = ("frame", "unmatched_frame")

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_") or name in ("alignment", "targets"):
            raise AttributeError(name)
        return getattr(self.alignment, name)

    def to_dict(self) -> dict[str, Any]:
        return {**self.alignment.to_dict(), "targets": [p.to_dict() for p in self.targets]}

    def frame(self) -> pd.DataFrame:
        """One row per correspondence: kind, score, the provisions of A and of B (ids, headings)."""
        import pandas as pd

        def names(ps: Any) -> str:
            return " + ".join(f"{p.label}{p.heading}" or p.text[:20] for p in ps)

        return pd.DataFrame([{"kind": m.kind, "score": round(m.score, 4),
                              "source": " ".join(p.id for p in m.source), "source_heading": names(m.source),
                              "target": " ".join(p.id for p in m.target), "target_heading": names(m.target)}
                             for m in self.alignment.matches],
                            columns=["kind", "score", "source", "source_heading", "target", "target_heading"])

    def unmatched_frame(self) -> pd.DataFrame:
        """Dropped (side ``source``) and new (side ``target``) provisions: id, item (label and
        heading), kind, part, text, the closest provision of the other side and its score."""
        import pandas as pd

        def name(p: Any) -> str:
            return f"{p.label}{p.heading}" or p.text[:20]

        rows = [{"side": side, "status": u.status, "id": u.provision.id, "item": name(u.provision),
                 "kind": u.provision.kind, "part": u.provision.top, "text": u.provision.text,
                 "closest": u.best.id if u.best else None, "closest_item": name(u.best) if u.best else None,
                 "score": round(u.best_score, 4), "confidence": round(u.confidence, 4)}
                for side, items in (("source", self.alignment.unmatched_source),
                                    ("target", self.alignment.unmatched_target)) for u in items]
        return pd.DataFrame(rows, columns=["side", "status", "id", "item", "kind", "part", "text", "closest",
                                           "closest_item", "score", "confidence"])

    def targets_frame(self) -> pd.DataFrame:
        """The two plans' targets side by side (same indicator): changed, same, dropped, new."""
        import pandas as pd

        return pd.json_normalize([p.to_dict() for p in self.targets])

    def diff_html(self, match: Any, *, limit: int | None = None) -> str:
        """The word-level diffs of a correspondence's clause pairs as HTML (deletions struck
        through in red, insertions in green), one paragraph per clause pair."""
        from ..report.html import diff_html

        return "".join(f"<p>{diff_html(c.diff)}</p>" for c in match.clauses[:limit])

    def _summary(self) -> str:
        s = self.alignment.to_dict()["summary"]
        return (f"{self.alignment.source.id} → {self.alignment.target.id}: {s['matched_1to1']} 1:1, "
                f"{s['merged']} merged, {s['split']} split, {s['dropped']} dropped, {s['new']} new")

    def __rich__(self) -> Any:
        from rich.console import Group

        from ..render.compare_view import compare_view
        from ..render.targets_view import target_pairs_view

        return Group(compare_view(self.alignment), target_pairs_view(self.targets))


def compare(a: Any, b: Any, *, min_score: float | None = None, min_relative: float | None = None,
            merge_ratio: float | None = None, corpus: str | Path | None = None) -> Comparison:
    """Align plan ``a`` (older) with plan ``b`` (newer): ``evolve compare`` / ``evolve align``.

    >>> import evolve
    >>> c = evolve.compare("xianning-2016", "zhaoqing-2024")
    >>> c.alignment.source.id, len(c.frame()) == len(c.matches)
    ('xianning-2016', True)

    ``a`` and ``b`` are files, corpus ids (of ``corpus``, default the bundled one) or parsed
    ``Document`` records. Options as on the command line (defaults: those of ``evolve.align``).
    """
    from ..align import MERGE_RATIO, MIN_RELATIVE, MIN_SCORE, align
    from ..errors import InputError
    from ..targets import compare_targets, extract_targets

    da, db = _one(a, corpus), _one(b, corpus)
    if not da.provisions or not db.provisions:
        empty = da if not da.provisions else db
        raise InputError(f"{empty.source}: no provisions found to compare")
    al = align(da, db, min_score=MIN_SCORE if min_score is None else min_score,
               min_relative=MIN_RELATIVE if min_relative is None else min_relative,
               merge_ratio=MERGE_RATIO if merge_ratio is None else merge_ratio)
    return Comparison(alignment=al, targets=compare_targets(extract_targets(al.source), extract_targets(al.target)))


@dataclass(repr=False)
class Targets(Result):
    """Quantitative targets of a series of plans: the result of ``evolve.targets``."""

    documents: list[Document]
    targets: list[Target]
    indicators: Any
    failed: list[Failure] = field(default_factory=list)
    _frames = ("frame", "indicators_frame")

    def rows(self) -> list[dict[str, Any]]:
        """One dict per figure, the columns of ``evolve targets --csv`` in order."""
        return [{c: t.to_dict()[c] for c in TARGET_COLUMNS} for t in self.targets]

    def frame(self) -> pd.DataFrame:
        """One row per figure (``evolve targets --csv``): indicator, value, unit, year, kind …"""
        import pandas as pd

        return pd.DataFrame(self.rows(), columns=list(TARGET_COLUMNS))

    def indicators_frame(self) -> pd.DataFrame:
        """One row per (indicator, document): the target each document sets, in time order."""
        return self.indicators

    def main_frame(self) -> pd.DataFrame:
        """One row per document: its year and the main targets it sets for that year (GDP
        growth, consumer prices, new urban jobs …), each with value, upper end, unit, qualifier,
        the figure as written and the provision; None where it sets none."""
        import pandas as pd

        from ..series import document_year
        from ..targets.series import main_targets, value_text

        rows = []
        for d in self.documents:
            year = document_year(d)
            mine = [t for t in self.targets if t.doc == d.id]
            for key, t in main_targets(mine, year=year).items():
                rows.append({"doc": d.id, "year": year, "key": key, "indicator": t.indicator, "value": t.value,
                             "value_max": t.value_max, "unit": t.unit, "qualifier": t.qualifier,
                             "shown": value_text(t), "provision": t.provision})
        cols = ["doc", "year", "key", "indicator", "value", "value_max", "unit", "qualifier", "shown", "provision"]
        return pd.DataFrame(rows, columns=cols)

    def _summary(self) -> str:
        return f"{len(self.targets)} figures in {len(self.documents)} documents"

    def to_dict(self) -> dict[str, Any]:
        from ..loading import failure_json

        return {"documents": [d.id for d in self.documents],
                "targets": self.rows(),
                "indicators": records(self.indicators), **failure_json(self.failed)}

    def __rich__(self) -> Any:
        from ..render.targets_view import targets_view

        return targets_view(self.documents, self.targets, self.indicators, limit=20, kind="target")


def targets(docs: Source = None, *, corpus: str | Path | None = None) -> Targets:
    """Every quantitative target and reported result of ``docs``, in time order: ``evolve targets``.

    >>> import evolve
    >>> t = evolve.targets(["qingdao-2022"])
    >>> sorted(set(t.frame()["kind"]))
    ['target']
    """
    from ..series import in_time_order
    from ..targets import indicator_table, targets_of

    failed: list[Failure] = []
    documents = in_time_order(documents_of(docs, corpus=corpus, failed=failed))
    found = targets_of(documents)
    return Targets(documents=documents, targets=found,
                   indicators=indicator_table(found, documents=[d.id for d in documents]), failed=failed)


@dataclass(repr=False)
class LineageResult(Result):
    """Chains of corresponding provisions through a series: the result of ``evolve.lineage``.
    ``lineage`` is the ``Lineage`` record (``chains``, ``documents``, ``stats``)."""

    lineage: Lineage
    failed: list[Failure] = field(default_factory=list)
    _frames = ("frame", "links_frame")

    def frame(self) -> pd.DataFrame:
        """One row per chain: first and last document, span, documents present, first heading."""
        import pandas as pd

        rows = []
        for i, c in enumerate(self.lineage.to_dict()["chains"]):
            first = c["links"][0] if c["links"] else {}
            rows.append({"chain": i, "first": c["first"], "last": c["last"], "span": c["span"],
                         "present": c["present"], "links": len(c["links"]),
                         "heading": first.get("heading") or (first.get("text") or "")[:40]})
        return pd.DataFrame(rows)

    def links_frame(self) -> pd.DataFrame:
        """One row per link: chain, document, provision id, score, kind, previous link."""
        import pandas as pd

        return pd.DataFrame([{"chain": i, **link} for i, c in enumerate(self.lineage.to_dict()["chains"])
                             for link in c["links"]])

    def chain_of(self, doc: str, provision: str) -> Any:
        """The chain holding provision ``provision`` (an id, "p12") of document ``doc``, or None."""
        from ..lineage import chain_of

        return chain_of(self.lineage, doc, provision)

    def chart(self, path: str | Path, *, title: str = "", changes_only: bool = False) -> Path:
        """Draw the swimlane chart (``evolve lineage --chart``) to a PNG or SVG file;
        ``changes_only`` leaves out the chains present unchanged throughout."""
        from ..render.lineage_chart import lineage_chart

        return lineage_chart(self.lineage, path, title=title, changes_only=changes_only)

    def _summary(self) -> str:
        return f"{len(self.lineage.chains)} chains through {len(self.lineage.documents)} documents"

    def to_dict(self) -> dict[str, Any]:
        from ..loading import failure_json

        return {**self.lineage.to_dict(), "failed": failure_json(self.failed)["failed"]}

    def __rich__(self) -> Any:
        from ..render.lineage_view import lineage_view

        return lineage_view(self.lineage)


def lineage(docs: Source, *, as_given: bool = False, no_skip: bool = False, corpus: str | Path | None = None,
            progress: Progress | None = None) -> LineageResult:
    """Follow provisions through a series of plans in time order: ``evolve lineage``.

    >>> import evolve
    >>> ln = evolve.lineage(["xianning-2016", "ningxia-2017", "qingdao-2022", "zhaoqing-2024"])
    >>> ln.lineage.stats["alignments"]
    5

    ``as_given`` keeps the order given (default: by year); ``no_skip`` aligns consecutive
    documents only.
    """
    from ..errors import InputError
    from ..lineage import build_lineage
    from ..progress import silent

    failed: list[Failure] = []
    documents = documents_of(docs, corpus=corpus, failed=failed)
    if len(documents) < 2:
        raise InputError("lineage needs at least two documents")
    empty = [d.id for d in documents if not d.provisions]
    if empty:
        raise InputError(f"{empty[0]}: no provisions found")
    result = build_lineage(documents, keep_order=as_given, skip=not no_skip, progress=progress or silent)
    return LineageResult(lineage=result, failed=failed)
