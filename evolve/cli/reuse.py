"""``evolve import`` and ``evolve reuse``: real collections in, provision reuse out."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ._common import (
    Number,
    console,
    corpus_option,
    emit_json,
    handle_errors,
    notice_failures,
)

#: Skipped files listed in the terminal; import.json and --json name all of them.
SHOWN_SKIPPED = 50


@click.command(name="import")
@click.argument("sources", nargs=-1, required=True)
@click.option("--out", "out", required=True, help="Corpus directory to write (manifest.csv + docs/).")
@click.option("--sheet", help="XLSX: read only this sheet (default: every sheet).")
@click.option("--text-column", help="Column holding the plan text (guessed: 正文, 全文, Policy Content …).")
@click.option("--title-column", help="Column holding the title (guessed: 标题, 政策名称, Title …).")
@click.option("--date-column", help="Column holding the date (guessed: 发布日期, Release Time …).")
@click.option("--place-column", help="Column holding the place (guessed: 地区, 城市, Place …).")
@click.option("--issuer-column", help="Column holding the issuer (guessed: 发文机关, 发布部门 …).")
@click.option("--overwrite", is_flag=True, help="Replace an existing corpus at --out.")
@click.option("--no-index", is_flag=True, help="Do not build the index after importing.")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
@handle_errors
def import_cmd(sources: tuple[str, ...], out: str, sheet: str | None, text_column: str | None,
               title_column: str | None, date_column: str | None, place_column: str | None,
               issuer_column: str | None, overwrite: bool, no_index: bool, as_json: bool) -> None:
    """Import SOURCES into a corpus: tables (CSV, XLSX, Parquet, JSON Lines) and plan files or
    folders of them, read recursively (.txt, .md, .html/.htm, .pdf with a text layer, .docx).

    Other columns are kept as metadata; export header lines (【法宝引证码】, 原文链接 …) become
    metadata, not text; year and date come from file names and date lines where no column gives
    them; duplicates and XLSX cells cut at 32,767 characters are flagged; files that cannot be
    read (.doc, scanned PDFs, undecodable text) are skipped and named. --overwrite replaces only
    the files an import wrote; an interrupted import leaves no partial corpus behind.
    """
    import sqlite3

    from ..errors import CorpusIndexError
    from ..importer import import_sources
    from ..progress import rich_progress

    columns = {"text": text_column, "title": title_column, "date": date_column,
               "place": place_column, "issuer": issuer_column}
    with rich_progress(enabled=not as_json and sys.stderr.isatty()) as progress:
        summary = import_sources(list(sources), out, sheet=sheet, columns=columns,
                                 overwrite=overwrite, read_progress=progress("reading files", None),
                                 progress=progress("writing the corpus", None))
        result = summary.to_dict()
        if not no_index and summary.written:
            from ..index import sync

            try:
                stats = sync(out, progress=progress)
            except (OSError, sqlite3.Error) as exc:  # a disk that fills while indexing
                raise CorpusIndexError(f"{out}: the corpus is written, but its index could not be "
                                       f"({exc}); it is built when the corpus is next used") from None
            result["index"] = {"parsed": stats.parsed, "failed": stats.failed, "notices": stats.notices}
    if as_json:
        emit_json(result)
        return
    out_console = console()

    def say(line: str) -> None:  # file names and cells are data, not rich markup or :emoji:
        out_console.print(line, markup=False, emoji=False, highlight=False)

    say(f"{summary.written} documents written to {out}")
    mapped = ", ".join(f"{k}={v}" for k, v in summary.columns.items() if v)
    if mapped:
        say(f"columns: {mapped}")
    if summary.by_year:
        say("by year: " + ", ".join(f"{y or '?'} {n}" for y, n in summary.by_year.items()))
    say(f"duplicates flagged (not written): {len(summary.duplicates)}")
    for d in summary.duplicates[:10]:
        say(f"  {d['origin']} = {d['duplicate_of']}")
    if summary.truncated:  # only XLSX cells of exactly Excel's limit: a long CSV text is not cut
        say(f"XLSX cells cut at 32,767 characters: {len(summary.truncated)} ({', '.join(summary.truncated[:10])})")
    if summary.empty:
        say(f"rows without text: {len(summary.empty)} ({', '.join(summary.empty[:10])})")
    say(f"skipped files: {len(summary.skipped)}")
    for s in summary.skipped[:SHOWN_SKIPPED]:
        say(f"  {s['file']}: {s['reason']}")
    if len(summary.skipped) > SHOWN_SKIPPED:
        say(f"  … {len(summary.skipped) - SHOWN_SKIPPED} more, every one named in {out}/import.json")
    for notice in summary.notices:
        say(f"notice: {notice}")
    if "index" in result:
        idx = result["index"]
        say(f"indexed: {idx['parsed']} parsed" + (f", {len(idx['failed'])} failed" if idx["failed"] else ""))
        for f in idx["failed"][:10]:
            say(f"  {f['id']} ({Path(f['source']).name}): {f['reason']}")


@click.command()
@click.argument("corpus", required=False)
@corpus_option
@click.option("--min-score", default=0.7, show_default=True, type=Number(0, 1, open_min=True),
              help="Lowest similarity reported (Indel similarity of the texts without punctuation).")
@click.option("--level", type=click.Choice(["provision", "clause"]), default="provision", show_default=True,
              help="provision: provisions, each paragraph of a longer one and the notice text "
                   "(flagged preamble); clause: sentences.")
@click.option("--min-chars", default=15, show_default=True, type=Number(0, integer=True),
              help="Ignore units shorter than this.")
@click.option("--top", default=20, show_default=True, type=Number(0, integer=True),
              help="Rows shown per table in the terminal.")
@click.option("--limit", default=1000, show_default=True, type=Number(0, integer=True),
              help="--json / --csv: pairs, families (and members per family) and document pairs "
                   "written, best first; stats gives the full counts.")
@click.option("--all", "all_rows", is_flag=True, help="--json / --csv: every row (no --limit).")
@click.option("--out", "out_dir", metavar="DIR",
              help="Write every pair, family, family member, document pair and document to "
                   "DIR/*.parquet and DIR/*.csv (streamed in batches).")
@click.option("--include-boilerplate", is_flag=True,
              help="Count boilerplate families (formulas, passages in a large share of the "
                   "documents) in document pairs, shares and relations.")
@click.option("--json", "as_json", is_flag=True,
              help="Print {pairs, doc_pairs, documents, relations, stats, families} as JSON.")
@click.option("--csv", "as_csv", is_flag=True, help="Print the pairs as CSV.")
@click.option("--backend", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="Where candidates are found and verified: numpy on this machine, or a Dask "
                   "graph of numpy tasks (pip install evolve[dask]); same pairs and scores.")
@click.option("--scheduler", default=None, metavar="NAME|ADDRESS",
              help="--backend dask: threads (default), processes, sync, or a dask.distributed "
                   "scheduler address (tcp://host:8786).")
@handle_errors
def reuse(corpus: str | None, corpus_dir: str | None, min_score: float, level: str, min_chars: int, top: int,
          limit: int, all_rows: bool, out_dir: str | None, include_boilerplate: bool,
          as_json: bool, as_csv: bool, backend: str, scheduler: str | None) -> None:
    """Find provisions (or clauses) reused across the documents of CORPUS (default: bundled).

    Pairs run from the older document to the newer (same year: "both"), with each side's
    administrative level, so vertical (national -> province -> city) and horizontal reuse can be
    told apart. Pairs are grouped into families (one passage and its variants across documents);
    formulas and passages shared by a large share of the documents are flagged as boilerplate
    and left out of document shares unless --include-boilerplate. The corpus index is brought
    up to date first; only changed documents are parsed.
    """
    from ..api.collection import reuse as run
    from ..progress import rich_progress

    quiet = as_json or as_csv or not sys.stderr.isatty()
    rows = None if all_rows else limit
    with rich_progress(enabled=not quiet) as progress:
        report = run(corpus or corpus_dir, min_score=min_score, level=level, min_chars=min_chars,
                     progress=progress, backend=backend, scheduler=scheduler,
                     include_boilerplate=include_boilerplate,
                     limit=rows if (as_json or as_csv) else max(top, 0)).report
    for notice in report.stats.get("notices", []):  # type: ignore[union-attr]
        click.echo(f"evolve: notice: {notice}", err=True)
    failed = report.stats.get("failed") or []
    if failed:
        from ..records import Failure

        notice_failures([Failure(f["id"], f.get("source", ""), f["reason"])
                         for f in failed])  # type: ignore[union-attr]
    if out_dir:
        written = report.tables.write(out_dir)
        click.echo(f"evolve: wrote {', '.join(f'{n:,} {name}' for name, n in written.items())} "
                   f"to {out_dir} (Parquet and CSV)", err=True)
    if as_json:
        emit_json(report.to_dict())
    elif as_csv:
        _pairs_csv(report.tables, rows)
    else:
        from ..render.reuse_view import reuse_view

        console().print(reuse_view(report, top=top))


def _pairs_csv(tables: object, limit: int | None) -> None:
    """The first ``limit`` pairs (all when None) as CSV on stdout, streamed batch by batch from
    the arrays (the columns of ``--out``'s pairs.csv), not one record per pair."""
    import pyarrow.csv as pcsv

    left = limit
    first = True
    for batch in tables.batches("pairs"):  # type: ignore[attr-defined]
        if left is not None:
            batch = batch.slice(0, left)
            left -= batch.num_rows
        if batch.num_rows or first:
            buf = _Bytes()
            pcsv.write_csv(batch, buf, pcsv.WriteOptions(include_header=first))
            sys.stdout.write(buf.getvalue().decode("utf-8"))
            first = False
        if left == 0:
            break


class _Bytes:
    """A write-only byte sink for pyarrow's CSV writer."""

    def __init__(self) -> None:
        self.parts: list[bytes] = []
        self.closed = False

    def write(self, data: bytes) -> int:
        self.parts.append(bytes(data))
        return len(data)

    def flush(self) -> None:
        pass

    def getvalue(self) -> bytes:
        return b"".join(self.parts)
