"""Policy instruments: ``tools``, every provision (or clause) coded supply / environment /
demand / none with its tool and evidence, and the mix by group.

``evolve.tools(docs, by="year").to_dict()`` is ``evolve tools DOCS --by year --json`` (tested).
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

    from ..instruments.codebook import Codebook
    from ..instruments.learn import Model
    from ..progress import Progress
    from ..records import Document, Failure


@dataclass(repr=False)
class Tools(Result):
    """Coded units and the instrument mix: the result of ``evolve.tools``."""

    documents: list[Document]
    units: pd.DataFrame  #: one row per provision or clause (``evolve tools --csv``)
    shares: pd.DataFrame  #: the family mix by group
    tool_rows: pd.DataFrame  #: the tool (subtype) counts by group
    themes: pd.DataFrame  #: instrument × theme (the lexicon's themes)
    codebook: Codebook
    level: str = "provision"
    by: str | None = None
    model: Model | None = None
    chart: str | None = None
    failed: list[Failure] = field(default_factory=list)
    _frames = ("frame", "shares_frame", "tools_frame", "themes_frame")

    def frame(self) -> pd.DataFrame:
        """One row per coded unit: document, unit, text, category, tool, evidence, score …"""
        return self.units

    def shares_frame(self) -> pd.DataFrame:
        """The share of each family (supply / environment / demand) by group (``by``)."""
        return self.shares

    def tools_frame(self) -> pd.DataFrame:
        """Units per tool (subtype) by group."""
        return self.tool_rows

    def themes_frame(self) -> pd.DataFrame:
        """Instrument units mentioning a term of each of the lexicon's themes."""
        return self.themes

    def to_dict(self) -> dict[str, Any]:
        from ..loading import failure_json

        return {
            "level": self.level,
            "by": self.by,
            "codebook": self.codebook.source,
            "model": None if self.model is None else self.model.meta.get("trained"),
            "documents": len(self.documents),
            "units": records(self.units),
            "shares": records(self.shares),
            "tools": records(self.tool_rows),
            "themes": records(self.themes),
            "chart": self.chart,
            **failure_json(self.failed),
        }

    def _summary(self) -> str:
        return f"{len(self.units)} {self.level}s of {len(self.documents)} documents coded"

    def __rich__(self) -> Any:
        from rich.console import Group

        from ..instruments import tables
        from ..render.instruments_view import matrix_table, shares_table

        return Group(
            shares_table(self.shares, self.by),
            matrix_table(
                tables.theme_matrix(self.themes, codebook=self.codebook),
                "Instrument × theme: instrument units mentioning a term of each theme",
            ),
        )


def tools(
    docs: Source = None,
    *,
    corpus: str | Path | None = None,
    level: str = "provision",
    by: str | None = None,
    codebook: Codebook | str | Path | None = None,
    model: Model | str | Path | None = None,
    chart: str | Path | None = None,
    progress: Progress | None = None,
) -> Tools:
    """Code every provision (``level="clause"``: clause) of ``docs`` by policy instrument, with
    the mix by ``by`` (a metadata column such as ``"year"``): ``evolve tools``.

    >>> import evolve
    >>> t = evolve.tools(["xianning-2016", "zhaoqing-2024"], by="year")
    >>> sorted(set(t.frame()["category"])) <= ["demand", "environment", "none", "supply"]
    True

    ``codebook`` is a codebook file (or a loaded ``Codebook``; default the shipped one), ``model``
    a model file written by ``evolve tools --train … --save`` (or a loaded model), ``chart`` a
    PNG/SVG file for the chart of the mix.
    """
    from ..instruments import tables
    from ..instruments.codebook import Codebook, load_codebook
    from ..instruments.coding import code_documents
    from ..trends.lexicon import load_lexicon

    cb = codebook if isinstance(codebook, Codebook) else load_codebook(codebook)
    mdl = model
    if model is not None and isinstance(model, str | Path):
        from ..instruments.learn import load_model

        mdl = load_model(model, codebook=cb)
    failed: list[Failure] = []
    documents = documents_of(docs, corpus=corpus, failed=failed)
    if progress is None:
        from ..progress import silent as progress
    units = code_documents(documents, codebook=cb, level=level, model=mdl, progress=progress)  # type: ignore[arg-type]
    shares = tables.shares(units, by, codebook=cb)
    tool_rows = tables.tool_table(units, by, codebook=cb)
    written = None
    if chart:
        from ..render.instruments_chart import instrument_chart

        written = str(instrument_chart(shares, tool_rows, str(chart), by=by))
    return Tools(
        documents=documents,
        units=units,
        shares=shares,
        tool_rows=tool_rows,
        themes=tables.theme_table(units, load_lexicon(), codebook=cb),
        codebook=cb,
        level=level,
        by=by,
        model=mdl,  # type: ignore[arg-type]
        chart=written,
        failed=failed,
    )
