"""The HTML report: its sections and what was written."""

from __future__ import annotations

from typing import Any

from ..dataclass_code import dataclass


@dataclass(frozen=True)
class ReportSection:
    """One section of a report: what it shows, the files written for it, and the page fragment."""

    key: str  #: short ASCII name, also the page anchor: "overview", "terms", "comparisons" …
    title: str  #: heading shown on the page
    html: str  #: the section's body, already escaped HTML
    files: tuple[str, ...] = ()  #: files written for it, relative to the report folder
    notices: tuple[str, ...] = ()  #: what a reader should know (left out, too few documents …)


@dataclass(frozen=True)
class ReportResult:
    """What ``build_report`` wrote: the folder, the page, every file, the sections and the time."""

    out: str  #: the report folder
    page: str  #: the HTML page (``<out>/index.html``)
    files: tuple[str, ...]  #: every file written, relative to ``out`` (pages, charts, tables)
    sections: tuple[ReportSection, ...]
    seconds: float  #: wall-clock time to build
    notices: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "out": self.out,
            "page": self.page,
            "files": list(self.files),
            "pages": [f for f in self.files if f.startswith("compare/")],  # one per comparison
            "sections": [{"key": s.key, "title": s.title, "files": list(s.files),
                          "notices": list(s.notices)} for s in self.sections],
            "seconds": round(self.seconds, 2),
            "notices": list(self.notices),
        }
