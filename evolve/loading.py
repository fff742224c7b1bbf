"""Loading the documents a command or an API call names: corpus folders, files and corpus ids.

A document that cannot be read or parsed is skipped, named on stderr and kept as a ``Failure``;
the same id from two corpora keeps both documents. ``evolve.cli`` and ``evolve.api`` both load
through ``load_documents``, so a notebook and a command skip and name the same documents.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from .errors import InputError

if TYPE_CHECKING:
    from .records import Document, Failure


def load_documents(refs: tuple[str, ...] | list[str], *, corpus: str | None = None,
                   failed: list[Failure] | None = None) -> list[Document]:
    """Documents from corpus directories, files and corpus ids (none: the whole corpus), with a
    progress bar on stderr when loading takes more than a second.

    A document that cannot be read or parsed is skipped: named in a notice on stderr and
    appended to ``failed`` (for --json). A name that is neither a file nor a corpus id is an
    error, and so is a corpus of which no document could be read.
    """
    from .corpus import BUNDLED, isolated, read_manifest, resolve, try_parse
    from .records import Failure

    base = Path(corpus) if corpus else BUNDLED
    jobs: list[Callable[[], Document | Failure]] = []
    folders: list[str] = []  #: the corpus folder each job's document comes from ("" for files)
    for ref in refs or (str(base),):
        p = Path(ref)
        if p.is_dir():
            entries = read_manifest(p)
            jobs += [lambda e=e: try_parse(e) for e in entries]
            folders += [p.resolve().name or str(p)] * len(entries)
        else:
            jobs.append(lambda ref=ref: isolated(lambda: resolve(ref, corpus=base),
                                                 id=Path(ref).stem or ref, source=ref))
            folders.append("")
    docs: list[Document] = []
    skipped: list[Failure] = []
    start = time.monotonic()
    progress = None
    task = None
    origin: dict[int, str] = {}
    try:
        for i, job in enumerate(jobs):
            result = job()
            if isinstance(result, Failure):
                skipped.append(result)
            else:
                origin[len(docs)] = folders[i]
                docs.append(result)
            if (progress is None and time.monotonic() - start > 1.0 and i + 1 < len(jobs)
                    and sys.stderr is not None and sys.stderr.isatty()):  # no bar (nor its "\n") in a log
                from rich.console import Console
                from rich.progress import Progress

                progress = Progress(console=Console(stderr=True), transient=True)
                progress.start()
                task = progress.add_task("parsing plans", total=len(jobs), completed=i + 1)
            elif progress is not None and task is not None:
                progress.update(task, completed=i + 1)
    finally:
        if progress is not None:
            progress.stop()
    if not docs and len(skipped) == 1:  # the one document named: its reason is the error
        raise InputError(f"{skipped[0].source}: {skipped[0].reason}")
    if skipped:
        notice_failures(skipped)
        if failed is not None:
            failed.extend(skipped)
    if not docs and skipped:
        raise InputError(f"none of the {len(skipped)} documents could be read (see above)")
    return _distinct(docs, origin)


def _distinct(docs: list[Document], origin: dict[int, str]) -> list[Document]:
    """A plan named twice (a corpus and its id, one file twice) counts once; two different plans
    with one id (``corpus A B`` where both hold ``doc-00001``) are both kept, the later one under
    ``FOLDER/ID``, with a notice: neither hides the other."""
    from dataclasses import replace

    out: list[Document] = []
    by_id: dict[str, Document] = {}
    renamed: list[str] = []
    for i, d in enumerate(docs):
        first = by_id.get(d.id)
        if first is not None and _same_file(first.source, d.source):
            continue
        if first is not None:
            prefix = origin.get(i) or Path(d.source).parent.name or "doc"
            new, k = f"{prefix}/{d.id}", 1
            while new in by_id:
                k += 1
                new = f"{prefix}/{d.id}-{k}"
            renamed.append(f"{d.id} -> {new}")
            d = replace(d, id=new)
        by_id[d.id] = d
        out.append(d)
    if renamed:
        click.echo(f"evolve: notice: {len(renamed)} id(s) appear in more than one corpus; both "
                   f"kept, the later renamed: {', '.join(renamed[:5])}"
                   + (f" and {len(renamed) - 5} more" if len(renamed) > 5 else ""), err=True)
    return out


def _same_file(a: str, b: str) -> bool:
    try:
        return os.path.samefile(a, b)
    except (OSError, ValueError):
        return a == b


#: Failures listed one per line on stderr; the rest are counted.
SHOWN_FAILURES = 10


def notice_failures(failed: list[Failure]) -> None:
    """Name the documents that were skipped, on stderr (stdout stays machine-readable)."""
    click.echo(f"evolve: notice: {len(failed)} document(s) skipped, they could not be read:",
               err=True)
    for f in failed[:SHOWN_FAILURES]:
        name = f.source if Path(f.source).stem == f.id else f"{f.id} ({f.source})"
        click.echo(f"  {name}: {f.reason}", err=True)
    if len(failed) > SHOWN_FAILURES:
        click.echo(f"  … and {len(failed) - SHOWN_FAILURES} more", err=True)


def failure_json(failed: list[Failure]) -> dict[str, Any]:
    """``failed`` and a ``notices`` line for --json output (stable keys: add, never rename)."""
    notices = ([f"{len(failed)} document(s) skipped, they could not be read: "
                + ", ".join(f.id for f in failed[:SHOWN_FAILURES])
                + (f" and {len(failed) - SHOWN_FAILURES} more" if len(failed) > SHOWN_FAILURES
                   else "")] if failed else [])
    return {"failed": [f.to_dict() for f in failed], "notices": notices}
