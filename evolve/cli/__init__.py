"""The ``evolve`` command line: a thin layer that parses options, calls the library, renders.

One module per command group; what they share (errors, output, ``--corpus``, loading) is in
``_common``. Every command has a ``--json`` (or CSV) form; a library error becomes one line on
stderr and a non-zero exit, never a traceback.
"""

from __future__ import annotations

import gc
import os

# The matrices evolve multiplies with numpy (MinHash blocks in `reuse`, the gold baselines) are
# small; OpenBLAS's worker threads only spin beside them (compare and align use no numpy).
# Set before numpy is first imported; a value the user exported wins.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import click

from . import compare, documents, instruments, report, reuse, series, trends
from ._common import Group
from ._exit import leave


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(package_name="evolve")
def cli() -> None:
    """Compare Chinese government plans and measure how their vocabulary evolves."""


for command in (
    documents.parse,
    documents.corpus_cmd,
    compare.compare,
    compare.align_cmd,
    trends.trends,
    trends.keyness,
    trends.kwic,
    report.report,
    reuse.import_cmd,
    reuse.reuse,
    series.targets,
    series.lineage,
    instruments.tools,
):
    cli.add_command(command)


def main() -> None:
    # A command allocates many small objects it keeps (modules, records, rich segments): at the
    # collector's default young-generation threshold (700) it scanned them about 100 times in one
    # `evolve compare`, some 0.05 s of process time. Collect young objects less often; the older
    # generations keep their thresholds, so long runs still reclaim memory.
    gc.set_threshold(20_000, *gc.get_threshold()[1:])
    try:
        cli()
    except SystemExit as exc:
        leave(exc.code)
    leave(0)


if __name__ == "__main__":
    main()
