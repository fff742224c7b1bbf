"""Build a report: check the output folder, run each section, write the page.

``build_report(docs, out_dir)`` is the library entry point; ``evolve report`` only loads the
documents, shows progress and prints the result.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from pathlib import Path

from ..errors import InputError, OutputError
from ..progress import Progress, silent
from ..records import Document, Failure, Lexicon, ReportResult, ReportSection
from . import html as h
from .comparisons import comparisons_section
from .context import CHARTS, MAX_PAIRS, PAGES, TABLES, ReportContext
from .findings import findings_section
from .overview import methods_section, overview_section
from .trends import agencies_section, terms_section, themes_section, vocabulary_section

PAGE = "index.html"

Section = Callable[[ReportContext], ReportSection]

#: The sections in the order they run. Another stage adds its own by writing one function
#: ``(ReportContext) -> ReportSection`` and putting it here (or passing ``sections=``).
SECTIONS: tuple[Section, ...] = (
    overview_section,
    terms_section,
    themes_section,
    vocabulary_section,
    comparisons_section,
    agencies_section,
    findings_section,  # runs after the sections whose results it summarises …
    methods_section,
)
#: … and goes first on the page.
FIRST = ("findings",)

#: Sections that need documents of at least two years (or two documents) to say anything.
OVER_TIME = {"terms", "themes", "vocabulary", "comparisons", "findings"}


#: Kept in a report's folder: the files it wrote. ``--force`` replaces a folder's index.html,
#: charts/, tables/ and compare/ only when a report wrote them (this file, or the page's footer of
#: a report written before it was kept); never a plan saved as index.html in a corpus folder.
OWN = ".evolve-report.json"
_REPLACED = (PAGE, CHARTS, TABLES, PAGES, OWN)


def is_report(out: Path) -> bool:
    """Whether ``out`` holds a report evolve wrote."""
    if (out / OWN).is_file():
        return True
    try:
        with (out / PAGE).open(encoding="utf-8", errors="replace") as fh:
            return "Built by evolve report in" in fh.read(4_000_000)
    except OSError:
        return False


def prepare_output(out: Path, *, force: bool) -> None:
    """Refuse an output location that cannot take a report: a file, or a folder holding something
    already unless ``force``; with ``force``, a folder that is not a report's where the report
    would replace something (a plan saved as index.html, the user's tables/). Nothing is written
    or removed here (see ``_staging``)."""
    if out.exists() and not out.is_dir():
        raise OutputError(f"{out}: exists and is not a folder")
    if out.is_dir() and any(out.iterdir()):
        if not force:
            raise OutputError(f"{out}: already exists; use --force to overwrite it, or --out to "
                              "choose another folder")
        theirs = [n for n in _REPLACED if (out / n).exists() or (out / n).is_symlink()]
        if theirs and not is_report(out):
            raise OutputError(f"{out / theirs[0]}: not written by evolve report, and the report would "
                              "replace it; --force replaces only a report's own files: choose another --out")


_STAGING = ".{name}.building-{pid}-"


@contextmanager
def _staging(out: Path, *, force: bool) -> Iterator[Path]:
    """A fresh hidden folder next to ``out`` to build the report in, moved into place only when
    the whole report is written; on any failure or interruption it is removed, so a failed report
    leaves no partial files (and an old report under ``--force`` stays whole)."""
    prepare_output(out, force=force)
    parent = out.absolute().parent
    created = [p for p in (parent, *parent.parents) if not p.exists()]
    try:
        parent.mkdir(parents=True, exist_ok=True)
        _remove_stale(parent, out.name)
        tmp = Path(tempfile.mkdtemp(prefix=_STAGING.format(name=out.name, pid=os.getpid()),
                                    dir=parent))
    except OSError as exc:
        _remove_empty(created)
        raise OutputError(f"{out}: cannot write the report here ({_reason(exc)})") from None
    try:
        yield tmp
        _install(tmp, out)
    except OutputError as exc:  # name the place the user asked for, not the hidden staging folder
        shutil.rmtree(tmp, ignore_errors=True)
        _remove_empty(created)
        raise OutputError(str(exc).replace(str(tmp), str(out))) from None
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        _remove_empty(created)
        raise


def _install(tmp: Path, out: Path) -> None:
    """Move a finished report from ``tmp`` to ``out``. Into an existing folder (``--force``) only
    what a report writes is replaced (the page, charts/, tables/, compare/), and only when a report
    wrote them (``prepare_output`` checked); the user's other files stay."""
    try:
        if not out.exists():
            os.replace(tmp, out)
            return
        if is_report(out):
            for name in _REPLACED:
                old = out / name
                if old.is_dir() and not old.is_symlink():
                    shutil.rmtree(old)
                elif old.exists() or old.is_symlink():
                    old.unlink()
        for entry in tmp.iterdir():
            if (out / entry.name).exists():  # appeared while the report was built: not ours to remove
                raise OutputError(f"{out / entry.name}: appeared while the report was built; "
                                  "nothing was replaced")
        for entry in tmp.iterdir():
            os.replace(entry, out / entry.name)
        tmp.rmdir()
    except OSError as exc:
        raise OutputError(f"{out}: cannot put the report in place ({_reason(exc)})") from None


def _remove_stale(parent: Path, name: str) -> None:
    """Staging folders left by a build that was killed outright (SIGKILL, power loss): their
    process is gone, so nobody will finish them."""
    prefix = f".{name}.building-"
    for p in parent.glob(prefix + "*"):
        pid = p.name[len(prefix):].split("-", 1)[0]
        if pid.isdigit() and p.is_dir() and not _alive(int(pid)):
            shutil.rmtree(p, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # another user's process: alive
        return True
    return True


def _remove_empty(folders: list[Path]) -> None:
    for p in folders:  # deepest first
        try:
            p.rmdir()
        except OSError:
            return


def _reason(exc: OSError) -> str:
    return "permission denied" if isinstance(exc, PermissionError) else str(exc.strerror or exc)


def build_report(
    docs: Sequence[Document],
    out_dir: str | Path,
    *,
    pairs: Sequence[tuple[Document | str, Document | str]] | None = None,
    force: bool = False,
    lexicon: Lexicon | None = None,
    title: str = "",
    formats: Sequence[str] = ("png", "svg"),
    sections: Sequence[Section] = SECTIONS,
    max_pairs: int = MAX_PAIRS,
    progress: Progress = silent,
    skipped: Sequence[Failure] = (),
    terms: Sequence[str] | None = None,
) -> ReportResult:
    """Write a report on ``docs`` into ``out_dir``: ``index.html`` (the key findings first, then
    every section; self-contained: charts embedded), ``compare/`` (one page per comparison),
    ``charts/`` (PNG and SVG, each drawn once) and ``tables/`` (CSV, UTF-8 with BOM).

    ``pairs`` picks the comparisons (documents or ids of ``docs``); by default the ``max_pairs``
    most informative pairs of consecutive plans of one place are compared (``pick_pairs``).
    ``progress`` (``evolve.progress``) gets a bar for the sections and for each long step. With a
    single document the sections over time are left out with a notice. ``skipped``: documents of
    the corpus that could not be read, named at the top of the page. ``terms``: the terms to
    follow (the key findings and term trends are about them); without them the lexicon's story
    terms and themes are used only where the lexicon fits the corpus (``fit``), and the key
    findings otherwise come from the corpus's own keyness.
    """
    start = time.monotonic()
    if not docs:
        raise InputError("no documents to report on (empty corpus)")
    from ..trends.lexicon import load_lexicon

    out = Path(out_dir)
    lexicon = lexicon or load_lexicon()
    chosen = _resolve_pairs(docs, pairs)
    with _staging(out, force=force) as tmp:
        ctx = ReportContext(docs=list(docs), lexicon=lexicon, out=tmp, pairs=chosen,
                            formats=tuple(formats), max_pairs=max_pairs, progress=progress,
                            terms=list(terms) if terms else None)
        notices: list[str] = []
        if skipped:
            notices.append(f"{len(skipped)} document(s) of the corpus could not be read and are "
                           "left out: " + "; ".join(f"{f.id} ({f.reason})" for f in skipped[:20])
                           + (f"; and {len(skipped) - 20} more" if len(skipped) > 20 else ""))
        if len(docs) == 1:
            notices.append(f"one document ({docs[0].id}): no trends over time, vocabulary change "
                           "or comparisons; add plans to see them")
            sections = [s for s in sections
                        if _key(s) not in OVER_TIME or (s is comparisons_section and ctx.pairs)]
        done: list[ReportSection] = []
        advance = progress("report sections", len(sections))
        for section in sections:
            s = section(ctx)
            advance(1)
            if s.html:
                done.append(s)
            else:  # nothing to show: its notices go to the top of the page
                notices.extend(s.notices)
        done.sort(key=lambda s: s.key not in FIRST)  # stable: the rest keep their order
        seconds = time.monotonic() - start
        subtitle = f"{_corpus_line(docs)} · built {date.today()} by evolve"
        page = h.page(title or "evolve report: how the plans' vocabulary evolves", subtitle, done,
                      notices=notices,
                      footer=f"Built by evolve report in {seconds:.1f} s. Charts: {CHARTS}/, "
                             f"tables: {TABLES}/ beside this page.")
        try:
            (tmp / PAGE).write_text(page, encoding="utf-8")
            (tmp / OWN).write_text(json.dumps({"files": [PAGE, OWN, *ctx.files]}, ensure_ascii=False),
                                   encoding="utf-8")
        except OSError as exc:
            raise OutputError(f"{out / PAGE}: cannot write the page ({_reason(exc)})") from None
    return ReportResult(str(out), str(out / PAGE), (PAGE, *ctx.files, OWN), tuple(done),
                        time.monotonic() - start, tuple(notices))


def _corpus_line(docs: Sequence[Document]) -> str:
    """The ids of a few plans; of many, how many plans, places and years."""
    if len(docs) <= 12:
        return f"{len(docs)} plans · {', '.join(d.id for d in docs)}"
    years = sorted({d.meta.year for d in docs if d.meta.year is not None})
    span = (f" · {years[0]}" if years and years[0] == years[-1]
            else f" · {years[0]}–{years[-1]}" if years else "")
    places = len({d.meta.place for d in docs if d.meta.place})
    where = (f"{places:,} place" + ("s" if places != 1 else "")) if places else "places not known"
    return f"{len(docs):,} plans · {where}{span}"


def _key(section: Section) -> str:
    return section.__name__.removesuffix("_section")


def _resolve_pairs(docs: Sequence[Document],
                   pairs: Sequence[tuple[Document | str, Document | str]] | None
                   ) -> list[tuple[Document, Document]] | None:
    if not pairs:
        return None
    by_id = {d.id: d for d in docs}

    def one(x: Document | str) -> Document:
        if isinstance(x, Document):
            return x
        if x in by_id:
            return by_id[x]
        from ..corpus import resolve

        return resolve(x)

    return [(one(a), one(b)) for a, b in pairs]
