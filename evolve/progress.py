"""Progress reporting for long steps, without tying the library to a terminal.

Library functions take ``progress=`` (a ``Progress``); the default does nothing. The command line
passes ``rich_progress()``, which draws one rich bar per step on stderr.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Protocol

Advance = Callable[[int], None]


class Progress(Protocol):
    def __call__(self, description: str, total: int | None) -> Advance: ...


def silent(description: str, total: int | None) -> Advance:
    """The default: no output."""
    return lambda n: None


@contextmanager
def rich_progress(*, enabled: bool = True) -> Iterator[Progress]:
    """A context giving a ``Progress`` that draws rich bars on stderr (nothing when disabled)."""
    if not enabled:
        yield silent
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, TextColumn, TimeElapsedColumn
    from rich.progress import Progress as Bars

    bars = Bars(TextColumn("{task.description:<24}"), BarColumn(), MofNCompleteColumn(),
                TimeElapsedColumn(), console=Console(stderr=True), transient=False)

    def start(description: str, total: int | None) -> Advance:
        task = bars.add_task(description, total=total)
        return lambda n: bars.advance(task, n)

    with bars:
        yield start
