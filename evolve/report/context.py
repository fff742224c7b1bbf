"""What every report section gets: the documents, the lexicon, and writers for its files.

A section is a function ``(ReportContext) -> ReportSection | None``. It computes with the library,
writes its CSV tables with ``ctx.table`` and its charts with ``ctx.chart`` (both return paths
relative to the report folder, for links in the page), records the settings it used with
``ctx.method`` for the methods note, and returns its page fragment.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Sequence
from dataclasses import field
from pathlib import Path
from typing import Any

from ..dataclass_code import dataclass
from ..errors import OutputError
from ..progress import Progress, silent
from ..records import Document, Lexicon

TABLES = "tables"
CHARTS = "charts"
PAGES = "compare"  #: one HTML page per comparison
#: Default number of comparisons when none are named (``--pairs``).
MAX_PAIRS = 5


@dataclass
class ReportContext:
    """The inputs of a report and the files written so far."""

    docs: Sequence[Document]
    lexicon: Lexicon
    out: Path
    pairs: Sequence[tuple[Document, Document]] | None = None  #: chosen comparisons (--pair)
    max_pairs: int = MAX_PAIRS  #: comparisons picked when none are chosen (--pairs)
    progress: Progress = silent  #: bars for the steps that take long (counting, aligning …)
    formats: tuple[str, ...] = ("png", "svg")  #: chart formats; the page embeds the first
    files: list[str] = field(default_factory=list)  #: written so far, relative to ``out``
    methods: list[tuple[str, str]] = field(default_factory=list)  #: (setting, value) for the note
    cache: dict[str, Any] = field(default_factory=dict)  #: results shared between sections
    terms: Sequence[str] | None = None  #: the terms asked for (--terms); None: the lexicon's
    lexicon_given: bool = False  #: the lexicon is the user's (--lexicon), not the bundled one
    _charts_bar: Any = None  #: advances once per chart drawn
    _names: dict[tuple[str, str], str] = field(default_factory=dict)  #: (folder, asked) -> file name

    def step(self, description: str, run: Callable[[], Any]) -> Any:
        """``run()`` under a progress bar of its own (one step: for work that reports no
        progress itself, such as keyness over the whole corpus)."""
        advance = self.progress(description, 1)
        result = run()
        advance(1)
        return result

    @property
    def dated(self) -> list[Document]:
        """Documents with a year, oldest first (ties by id)."""
        return sorted((d for d in self.docs if d.meta.year is not None),
                      key=lambda d: (d.meta.year, d.id))

    def shared(self, key: str, compute: Callable[[], Any]) -> Any:
        """A result computed once and shared by the sections that need it (the term table …)."""
        if key not in self.cache:
            self.cache[key] = compute()
        return self.cache[key]

    def method(self, setting: str, value: str) -> None:
        self.methods.append((setting, value))

    def _safe(self, folder: str, name: str, suffix: str) -> str:
        """``folder/NAME.suffix`` with NAME made safe (``evolve.output.safe_name``: ids such as
        ``../x`` or 42 Chinese characters name files too) and unique in its folder."""
        from ..output import safe_name

        key = (folder, name + suffix)
        if key not in self._names:
            taken = {v for (f, _), v in self._names.items() if f == folder}
            self._names[key] = safe_name(name, suffix=suffix, taken=taken)
        return f"{folder}/{self._names[key]}"

    def _path(self, rel: str) -> Path:
        p = self.out / rel
        try:
            p.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            reason = exc.strerror or exc
            raise OutputError(f"{p.parent}: cannot create the folder ({reason})") from None
        return p

    def table(self, name: str, rows: Any, columns: Sequence[str] | None = None) -> str:
        """Write a CSV table (a DataFrame or a list of dicts) to ``tables/NAME.csv``; UTF-8 with a
        byte-order mark so that spreadsheet programs read the Chinese right."""
        rel = self._safe(TABLES, name, ".csv")
        p = self._path(rel)
        try:
            if hasattr(rows, "to_csv"):
                df = rows if columns is None else rows[list(columns)]
                df.to_csv(p, index=False, encoding="utf-8-sig")
            else:
                rows = list(rows)
                cols = list(columns or (rows[0] if rows else []))
                with p.open("w", encoding="utf-8-sig", newline="") as fh:
                    w = csv.DictWriter(fh, fieldnames=cols, extrasaction="ignore")
                    w.writeheader()
                    w.writerows(rows)
        except OSError as exc:
            raise OutputError(f"{p}: cannot write the table ({exc.strerror or exc})") from None
        self.files.append(rel)
        return rel

    def page(self, name: str, html: str) -> str:
        """Write a page of its own (a comparison) to ``compare/NAME.html``; returns its path
        relative to the report folder."""
        rel = self._safe(PAGES, name, ".html")
        p = self._path(rel)
        try:
            p.write_text(html, encoding="utf-8")
        except OSError as exc:
            raise OutputError(f"{p}: cannot write the page ({exc.strerror or exc})") from None
        self.files.append(rel)
        return rel

    def chart(self, name: str, draw: Callable[[list[Path]], Any]) -> list[str]:
        """Draw a chart once and save it as ``charts/NAME.<format>`` for each format (``draw(paths)``
        builds the figure and saves it to every path; the format follows the suffix). Returns the
        relative paths, embedded format first."""
        rels = [self._safe(CHARTS, name, f".{fmt}") for fmt in self.formats]
        if self._charts_bar is None:
            self._charts_bar = self.progress("drawing charts", None)
        draw([self._path(rel) for rel in rels])
        self._charts_bar(1)
        self.files.extend(rels)
        return rels
