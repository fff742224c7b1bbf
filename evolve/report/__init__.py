"""Reports: one self-contained HTML page with the charts (PNG, SVG) and CSV tables behind it.

build.py        ``build_report(docs, out_dir)``: the output folder, the sections in order, the page
context.py      what a section gets: documents, lexicon, writers for its tables and charts
overview.py     the documents, and the methods note
trends.py       term and theme trends, emerging and fading vocabulary with context, agencies
comparisons.py  consecutive plans (or chosen pairs) aligned, with clause diffs
html.py         the page: plain HTML, inline CSS, charts as data URIs, everything escaped

A section is one function ``(ReportContext) -> ReportSection``; add one to ``SECTIONS``.
"""

from .build import SECTIONS, build_report
from .comparisons import consecutive_pairs
from .context import ReportContext

__all__ = ["SECTIONS", "ReportContext", "build_report", "consecutive_pairs"]
