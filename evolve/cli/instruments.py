"""``evolve tools``: code provisions, clauses or sentences by policy instrument (supply /
environment / demand), learn a researcher's own coding, show how the mix shifts."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import click

from ._common import console, corpus_option, emit_csv, emit_json, failure_json, handle_errors, records

if TYPE_CHECKING:
    import pandas as pd


def _read_csv(path: str, columns: list[tuple[str, str | None]]) -> pd.DataFrame:
    """A CSV of sentences, every column as text; a named column that is missing is an error."""
    import io

    import pandas as pd

    from ..errors import InputError
    from ..load import read_text

    text, _ = read_text(path)
    try:
        df = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
    except (pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise InputError(f"{path}: not a readable CSV ({str(exc).splitlines()[0]})") from None
    for option, col in columns:
        if col is not None and col not in df.columns:
            raise InputError(f"{path}: no column {col!r} ({option}); the columns are {', '.join(map(str, df.columns))}")
    return df


@click.command("tools")
@click.argument("sources", nargs=-1)
@corpus_option
@click.option(
    "--level",
    type=click.Choice(["provision", "clause"]),
    default="provision",
    show_default=True,
    help="Code each provision (from its clauses) or each clause.",
)
@click.option("--by", help="Group the shares by a column: year, place, province, level, period or any manifest column.")
@click.option("--chart", type=click.Path(dir_okay=False), help="Write the chart of the mix here (.png, .svg or .pdf).")
@click.option(
    "--codebook",
    "codebook_path",
    type=click.Path(dir_okay=False),
    help="A codebook TOML file (default: the shipped evolve/data/instruments.toml; see --show-codebook).",
)
@click.option(
    "--model",
    "model_path",
    type=click.Path(dir_okay=False),
    help="Apply a model learned with --train: its label decides (category too when it names a family or tool).",
)
@click.option(
    "--sentences",
    "sentences_path",
    type=click.Path(dir_okay=False),
    help="Code the sentences of this CSV instead of documents (one output row per input row, in order).",
)
@click.option("--text-column", help="The CSV column holding the sentences (--sentences, --train).")
@click.option(
    "--train",
    "train_path",
    type=click.Path(dir_okay=False),
    help="Learn a model from this hand-coded CSV (needs --text-column and --label-column).",
)
@click.option("--label-column", help="The CSV column holding the hand-coded labels (--train).")
@click.option(
    "--doc-column",
    help="The CSV column naming each sentence's document: cross-validation folds are grouped by it (--train).",
)
@click.option(
    "--no-prior",
    is_flag=True,
    help="Learn from your sentences only (--train). By default, when your labels are the codebook's families "
    "or tools (supply, 供给型, 资金投入 …), evolve's own hand-coded sentences are added at a lower weight.",
)
@click.option(
    "--prior-weight",
    type=click.FloatRange(min=0.0, min_open=True),
    help="The weight of each shipped hand-coded sentence against 1 for each of yours (--train; default 0.5).",
)
@click.option("--save", "save_path", type=click.Path(dir_okay=False), help="Write the learned model here (--train).")
@click.option("--show-codebook", is_flag=True, help="Print the shipped codebook (TOML) to copy and edit, and stop.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.option("--csv", "as_csv", is_flag=True, help="Print CSV: one row per unit (or sentence).")
@handle_errors
def tools(
    sources: tuple[str, ...],
    corpus_dir: str | None,
    level: str,
    by: str | None,
    chart: str | None,
    codebook_path: str | None,
    model_path: str | None,
    sentences_path: str | None,
    text_column: str | None,
    train_path: str | None,
    label_column: str | None,
    doc_column: str | None,
    no_prior: bool,
    prior_weight: float | None,
    save_path: str | None,
    show_codebook: bool,
    as_json: bool,
    as_csv: bool,
) -> None:
    """Code every provision of the plans by policy instrument: supply (供给型), environment (环境型),
    demand (需求型) or none, with the tool (subtype) and the words that decided.

    SOURCES are corpus directories, plan files or corpus ids (default: the bundled corpus). Prints
    the mix by group (--by), the instrument × theme table (the lexicon's themes), and with --chart
    a chart. --sentences codes a CSV of sentences; --train learns a researcher's own coding and
    prints cross-validated scores; --model applies it.
    """
    from ..errors import InputError
    from ..instruments.codebook import load_codebook, shipped_text

    if show_codebook:
        click.echo(shipped_text(), nl=False)
        return
    if as_json and as_csv:
        raise InputError("choose one of --json and --csv")
    codebook = load_codebook(codebook_path)
    if train_path:
        if sources or sentences_path:
            raise InputError("--train reads only its CSV: give no documents and no --sentences")
        if no_prior and prior_weight is not None:
            raise InputError("choose one of --no-prior and --prior-weight")
        _train(train_path, text_column, label_column, doc_column, save_path, codebook, as_json,
               prior=not no_prior, prior_weight=prior_weight)
        return
    if save_path:
        raise InputError("--save needs --train")
    if no_prior or prior_weight is not None:
        raise InputError("--no-prior and --prior-weight go with --train")
    model = None
    if model_path:
        from ..instruments.learn import load_model

        model = load_model(model_path, codebook=codebook)
    if sentences_path:
        if sources:
            raise InputError("--sentences reads only its CSV: give no documents")
        _sentences(sentences_path, text_column, codebook, model, as_json, as_csv)
        return
    if text_column or label_column or doc_column:
        raise InputError("--text-column, --label-column and --doc-column go with --sentences or --train")
    _documents(sources, corpus_dir, level, by, chart, codebook, model, as_json, as_csv)


def _sentences(path: str, text_column: str | None, codebook: Any, model: Any, as_json: bool, as_csv: bool) -> None:
    from ..errors import InputError
    from ..instruments.coding import code_sentences
    from ..render.instruments_view import sentences_table

    if not text_column:
        raise InputError("--sentences needs --text-column (the column holding the sentences)")
    df = _read_csv(path, [("--text-column", text_column)])
    out = code_sentences(df[text_column].tolist(), codebook=codebook, model=model)
    cols = ["text", "label", "category", "tool", "evidence", "score"] + (["label_score"] if model else [])
    if as_json:
        emit_json(records(out[cols]))
    elif as_csv:
        emit_csv(records(out[cols]))
    else:
        console().print(sentences_table(out))


def _train(
    path: str,
    text_column: str | None,
    label_column: str | None,
    doc_column: str | None,
    save_path: str | None,
    codebook: Any,
    as_json: bool,
    *,
    prior: bool = True,
    prior_weight: float | None = None,
) -> None:
    from ..errors import InputError
    from ..instruments.learn import save_model, train
    from ..instruments.prior import PRIOR_WEIGHT
    from ..render.instruments_view import training_table

    if not text_column or not label_column:
        raise InputError("--train needs --text-column and --label-column")
    df = _read_csv(
        path, [("--text-column", text_column), ("--label-column", label_column), ("--doc-column", doc_column)]
    )
    result = train(
        df[text_column].tolist(),
        df[label_column].tolist(),
        groups=df[doc_column].tolist() if doc_column else None,
        codebook=codebook,
        prior=prior,
        prior_weight=PRIOR_WEIGHT if prior_weight is None else prior_weight,
    )
    saved = str(save_model(result.model, save_path)) if save_path else None
    if as_json:
        emit_json({**result.to_dict(), "model": saved})
        return
    con = console()
    con.print(training_table(result))
    con.print(f"trained on {result.n} of your sentences; {result.prior.note}")
    con.print(
        f"trained in {result.seconds:.1f} s"
        + (f"; model written to {saved}" if saved else "; not saved (add --save MODEL)")
    )


def _documents(
    sources: tuple[str, ...],
    corpus_dir: str | None,
    level: str,
    by: str | None,
    chart: str | None,
    codebook: Any,
    model: Any,
    as_json: bool,
    as_csv: bool,
) -> None:
    import sys

    from ..api.instruments import tools as run
    from ..instruments import tables
    from ..progress import rich_progress
    from ..render.instruments_view import matrix_table, shares_table

    if chart is not None:
        from ..output import chart_file

        chart_file(chart)
    with rich_progress(enabled=sys.stderr.isatty() and not (as_json or as_csv)) as progress:
        result = run(list(sources), corpus=corpus_dir, level=level, by=by, codebook=codebook, model=model,
                     chart=chart, progress=progress)
    units, shares, themes, written = result.units, result.shares, result.themes, result.chart
    if as_csv:
        emit_csv(records(units))
        return
    if as_json:
        emit_json(result.to_dict())
        return
    docs, failed = result.documents, result.failed
    con = console()
    con.print(shares_table(shares, by))
    con.print(
        matrix_table(
            tables.theme_matrix(themes, codebook=codebook),
            "Instrument × theme: instrument units mentioning a term of each theme",
        )
    )
    con.print(
        f"{len(units)} {level}s of {len(docs)} document(s) coded with {codebook.source}"
        + (" and a learned model" if model is not None else "")
        + (f"; chart: {written}" if written else "")
        + "; --csv lists every unit with its evidence"
    )
    if failed:
        con.print(failure_json(failed)["notices"][0])
