"""Studies of a whole collection: ``reuse`` and ``report``."""

from __future__ import annotations

from dataclasses import field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..dataclass_code import dataclass
from .result import Result
from .sources import Corpus, Source, documents_of

if TYPE_CHECKING:
    import pandas as pd

    from ..progress import Progress
    from ..records import Failure, Lexicon, ReportResult, ReuseReport


def _corpus_dir(corpus: Source) -> Path:
    from ..corpus import BUNDLED
    from ..errors import InputError

    if corpus is None:
        return BUNDLED
    if isinstance(corpus, Corpus):
        if corpus.dir is None:
            raise InputError("reuse reads a corpus folder (its index); this Corpus was made of documents: "
                             "import them with `evolve import … --out DIR` and pass evolve.Corpus(DIR)")
        return corpus.dir
    if isinstance(corpus, str | Path):
        return Path(corpus)
    raise InputError("reuse reads a corpus folder: pass evolve.Corpus(DIR) or the folder's path")


@dataclass(repr=False)
class Reuse(Result):
    """Passages reused across documents: the result of ``evolve.reuse``. ``report`` is the
    ``ReuseReport`` record; every row (not only the first ``limit``) is in ``report.tables``."""

    report: ReuseReport
    _frames = ("frame", "families_frame", "doc_pairs_frame")

    def to_dict(self) -> dict[str, Any]:
        return self.report.to_dict()

    def frame(self) -> pd.DataFrame:
        """Every pair (not cut at ``limit``): documents, units, score, direction, relation, family."""
        return self.pairs_frame()

    def pairs_frame(self) -> pd.DataFrame:
        """Every reused pair as a DataFrame (the columns of ``pairs.csv``)."""
        return self.report.tables.frame("pairs")

    def families_frame(self) -> pd.DataFrame:
        """Every family: representative text, documents, size, earliest member, boilerplate."""
        return self.report.tables.frame("families")

    def members_frame(self) -> pd.DataFrame:
        """Every family member: family, document, unit, year, place, level, similarity."""
        return self.report.tables.frame("family_members")

    def doc_pairs_frame(self) -> pd.DataFrame:
        """Document pairs by shared text (boilerplate left out unless included)."""
        return self.report.tables.frame("doc_pairs")

    def documents_frame(self) -> pd.DataFrame:
        """Per document: units, units matched, reuse share, borrowed share."""
        return self.report.tables.frame("documents")

    def write(self, out_dir: str | Path) -> dict[str, int]:
        """Stream every row to ``out_dir`` as Parquet and CSV (``evolve reuse --out``)."""
        return dict(self.report.tables.write(out_dir))

    def _summary(self) -> str:
        s = self.report.stats
        return f"{s.get('pairs', 0):,} pairs in {s.get('families', 0):,} families ({self.report.level})"

    def __rich__(self) -> Any:
        from ..render.reuse_view import reuse_view

        return reuse_view(self.report)


def reuse(corpus: Source = None, *, min_score: float = 0.7, level: str = "provision", min_chars: int = 15,
          limit: int | None = 1000, include_boilerplate: bool = False, backend: str = "local",
          scheduler: str | None = None, progress: Progress | None = None) -> Reuse:
    """Provisions (``level="provision"``) or sentences (``"clause"``) reused across the
    documents of a corpus folder: ``evolve reuse``.

    >>> import evolve
    >>> r = evolve.reuse(min_score=0.9)
    >>> r.report.level, len(r.pairs_frame()) == r.report.stats["pairs"]
    ('provision', True)

    ``limit`` cuts the records of ``to_dict()`` (``--limit``; None: ``--all``); the frames hold
    every row. The corpus index (``.evolve-index.sqlite``) is brought up to date first.
    """
    import math

    from ..errors import InputError
    from ..progress import silent
    from ..reuse import find_reuse

    if not (isinstance(min_score, int | float) and math.isfinite(min_score) and 0 < min_score <= 1):
        raise InputError(f"min_score must be in (0, 1], not {min_score!r}")
    if level not in ("provision", "clause"):
        raise InputError(f"level must be provision or clause, not {level!r}")
    report = find_reuse(_corpus_dir(corpus), min_score=min_score, level=level, min_chars=min_chars,
                        progress=progress or silent, backend=backend, scheduler=scheduler,
                        include_boilerplate=include_boilerplate, limit=limit)
    return Reuse(report=report)


@dataclass(repr=False)
class Report(Result):
    """What ``evolve.report`` wrote: the folder, the page and every file."""

    result: ReportResult
    failed: list[Failure] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        from ..loading import failure_json

        return {**self.result.to_dict(), "failed": failure_json(self.failed)["failed"]}

    def frame(self) -> pd.DataFrame:
        """One row per file written (relative to the folder)."""
        import pandas as pd

        return pd.DataFrame({"file": list(self.result.files)})

    @property
    def page(self) -> str:
        return self.result.page

    def _summary(self) -> str:
        return f"{self.result.page} ({len(self.result.files)} files)"

    def _repr_html_(self) -> str:
        import html

        return (f"<p>evolve report: <a href='{html.escape(self.result.page)}'>"
                f"{html.escape(self.result.page)}</a>, {len(self.result.files)} files</p>")


def report(corpus: Source = None, *, out: str | Path = "reports/evolve-report",
           pairs: list[tuple[str, str]] | None = None, max_pairs: int = 5, force: bool = False,
           lexicon: Lexicon | str | Path | None = None, terms: list[str] | None = None, title: str = "",
           svg: bool = True, corpus_dir: str | Path | None = None, progress: Progress | None = None) -> Report:
    """Write the HTML report of a corpus (page, charts, tables): ``evolve report``.

    ``pairs``: comparisons as (older, newer) ids; default the ``max_pairs`` most informative
    consecutive pairs. ``force`` replaces an earlier report in ``out``. ``terms``: the terms the key
    findings and term trends follow (default: the lexicon's story terms, where the lexicon fits).
    """
    from ..progress import silent
    from ..report import build_report
    from .study import _lexicon

    failed: list[Failure] = []
    docs = documents_of(corpus, corpus=corpus_dir, failed=failed)
    result = build_report(docs, out, pairs=pairs or None, force=force, lexicon=_lexicon(lexicon), title=title,
                          formats=("png", "svg") if svg else ("png",), max_pairs=max_pairs,
                          progress=progress or silent, skipped=failed, terms=terms or None)
    return Report(result=result, failed=failed)
