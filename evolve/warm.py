"""Leave what a first run compiles for the runs after it: ``python -m evolve.warm`` (``setup.sh``).

Every command imports some 90 of evolve's modules, compiles some 300 regular expressions
(``pattern_cache``), defines some 45 records (``dataclass_code``) and parses its TOML data files
(``shipped.data_toml``). A first run keeps them all
in ``evolve/__pycache__`` for the next, unless Python is told not to write bytecode
(``PYTHONDONTWRITEBYTECODE``, set in some containers), in which case every command would compile
them all again (about 0.3 s). This writes them on purpose, as ``compileall`` does for bytecode:
the bytecode of every module, and the patterns and records that reading the bundled plans and
comparing two of them use.
"""

from __future__ import annotations

import compileall
import io
from pathlib import Path


def warm() -> int:
    """Compile and keep; returns the number of bundled plans read."""
    from rich.console import Console

    from . import dataclass_code, pattern_cache, shipped
    from .align import align
    from .corpus import load_corpus
    from .render.compare_view import compare_view
    from .render.targets_view import target_pairs_view
    from .targets import compare_targets, extract_targets

    compileall.compile_dir(Path(__file__).resolve().parent, quiet=1)
    docs = load_corpus()
    if len(docs) >= 2:
        al = align(docs[0], docs[-1])
        for plain in (True, False):
            console = Console(file=io.StringIO(), width=100, no_color=plain, force_terminal=not plain)
            console.print(compare_view(al, plain=plain))
            console.print(target_pairs_view(compare_targets(extract_targets(al.source), extract_targets(al.target))))
    pattern_cache.save(force=True)
    dataclass_code.save(force=True)
    shipped.save_toml(force=True)
    return len(docs)


if __name__ == "__main__":
    print(f"evolve: compiled modules, patterns and records (read {warm()} bundled plans)")
