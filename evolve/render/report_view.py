"""The closing note of ``evolve report``: where the page is, what it holds, how long it took."""

from __future__ import annotations

from pathlib import Path

from rich.console import Group
from rich.table import Table
from rich.text import Text

from ..records import ReportResult


def report_note(result: ReportResult, seconds: float) -> Group:
    """The page's path and a file:// link, one line per section with its files, the notices and
    the time taken."""
    page = Path(result.page).resolve()
    lines: list[Text | Table] = [
        Text.assemble(("Report ", "bold"), (result.page, "bold cyan")),
        Text(f"open {page.as_uri()}", style="dim"),
    ]
    t = Table(show_header=False, box=None, pad_edge=False)
    t.add_column(no_wrap=True)
    t.add_column(style="bold")
    t.add_column(style="dim")
    for i, s in enumerate(result.sections, start=1):
        charts = sum(1 for f in s.files if f.startswith("charts/"))
        tables = sum(1 for f in s.files if f.startswith("tables/"))
        pages = sum(1 for f in s.files if f.startswith("compare/"))
        t.add_row(f"{i}.", s.title, f"{charts} chart file(s), {tables} table(s)"
                  + (f", {pages} page(s)" if pages else ""))
    lines.append(t)
    for s in result.sections:
        for n in s.notices:
            lines.append(Text(f"note: {s.title}: {n}", style="yellow"))
    for n in result.notices:
        lines.append(Text(f"note: {n}", style="yellow"))
    lines.append(Text(f"{len(result.files)} files in {result.out}; built in {result.seconds:.1f} s "
                      f"({seconds:.1f} s with parsing the plans)"))
    return Group(*lines)
