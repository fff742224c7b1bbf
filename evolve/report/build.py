"""Build a report: check the output folder, run each section, write the page.

``build_report(docs, out_dir)`` is the library entry point; ``evolve report`` only loads the
documents, shows progress and prints the result.
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path

from ..errors import InputError, OutputError
from ..records import Document, Lexicon, ReportResult, ReportSection
from . import html as h
from .comparisons import comparisons_section
from .context import CHARTS, TABLES, ReportContext
from .overview import methods_section, overview_section
from .trends import agencies_section, terms_section, themes_section, vocabulary_section

PAGE = "index.html"

Section = Callable[[ReportContext], ReportSection]

#: The sections in page order. Another stage adds its own by writing one function
#: ``(ReportContext) -> ReportSection`` and putting it here (or passing ``sections=``).
SECTIONS: tuple[Section, ...] = (
    overview_section,
    terms_section,
    themes_section,
    vocabulary_section,
    comparisons_section,
    agencies_section,
    methods_section,
)

#: Sections that need documents of at least two years (or two documents) to say anything.
OVER_TIME = {"terms", "themes", "vocabulary", "comparisons"}


def prepare_output(out: Path, *, force: bool) -> None:
    """Make sure the report folder can be written: refuse an existing one unless ``force``
    (then remove only what a report writes there), and fail early with a clear message when the
    location is not writable."""
    if out.exists() and not out.is_dir():
        raise OutputError(f"{out}: exists and is not a folder")
    if out.exists() and any(out.iterdir()):
        if not force:
            raise OutputError(f"{out}: already exists; use --force to overwrite it, or --out to "
                              "choose another folder")
        try:
            for name in (CHARTS, TABLES):
                if (out / name).is_dir():
                    shutil.rmtree(out / name)
            (out / PAGE).unlink(missing_ok=True)
        except OSError as exc:
            raise OutputError(f"{out}: cannot overwrite the old report ({exc.strerror or exc})") \
                from None
    try:
        out.mkdir(parents=True, exist_ok=True)
        probe = out / ".evolve-write-test"
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as exc:
        reason = "permission denied" if isinstance(exc, PermissionError) else (exc.strerror or exc)
        raise OutputError(f"{out}: cannot write the report here ({reason})") from None


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
    progress: Callable[[str], None] | None = None,
) -> ReportResult:
    """Write a report on ``docs`` into ``out_dir``: ``index.html`` (self-contained: charts
    embedded), ``charts/`` (PNG and SVG) and ``tables/`` (CSV, UTF-8 with BOM).

    ``pairs`` picks the comparisons (documents or ids of ``docs``); by default consecutive plans
    are compared. ``progress`` is called with each step's name before it runs. With a single
    document the sections over time are left out with a notice.
    """
    start = time.monotonic()
    if not docs:
        raise InputError("no documents to report on (empty corpus)")
    from ..trends.lexicon import load_lexicon

    out = Path(out_dir)
    prepare_output(out, force=force)
    ctx = ReportContext(docs=list(docs), lexicon=lexicon or load_lexicon(), out=out,
                        pairs=_resolve_pairs(docs, pairs), formats=tuple(formats))
    notices: list[str] = []
    if len(docs) == 1:
        notices.append(f"one document ({docs[0].id}): no trends over time, vocabulary change or "
                       "comparisons; add plans to see them")
        sections = [s for s in sections if _key(s) not in OVER_TIME or (s is comparisons_section
                                                                        and ctx.pairs)]
    done: list[ReportSection] = []
    for section in sections:
        if progress:
            progress(_key(section))
        s = section(ctx)
        if s.html:
            done.append(s)
        else:  # nothing to show: its notices go to the top of the page
            notices.extend(s.notices)
    if progress:
        progress("page")
    seconds = time.monotonic() - start
    subtitle = (f"{len(docs)} plans · {', '.join(d.id for d in docs)} · built {date.today()} "
                f"by evolve")
    page = h.page(title or "evolve report: how the plans' vocabulary evolves", subtitle, done,
                  notices=notices,
                  footer=f"Built by evolve report in {seconds:.1f} s. Charts: {CHARTS}/, tables: "
                         f"{TABLES}/ beside this page.")
    path = out / PAGE
    try:
        path.write_text(page, encoding="utf-8")
    except OSError as exc:
        raise OutputError(f"{path}: cannot write the page ({exc.strerror or exc})") from None
    return ReportResult(str(out), str(path), (PAGE, *ctx.files), tuple(done),
                        time.monotonic() - start, tuple(notices))


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
