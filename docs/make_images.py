"""Refresh the README's images: a terminal screenshot of `evolve compare` and one trend chart.

    .venv/bin/python docs/make_images.py

docs/compare.svg  `evolve compare xianning-2016 zhaoqing-2024 --limit 3`, exported by rich
docs/terms.png    the term trend chart of the bundled corpus, as `evolve report` draws it
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from rich.cells import cell_len
from rich.console import Console

from evolve.align import align
from evolve.corpus import load_corpus
from evolve.render.charts import term_trends
from evolve.render.compare_view import compare_view
from evolve.trends.lexicon import load_lexicon, resolve_terms
from evolve.trends.measures import UNKNOWN, group_table, term_table

DOCS = Path(__file__).resolve().parent
#: Monospace CJK fonts a reader may have, before rich's Fira Code (which is fetched from a CDN
#: and has no Chinese); the terminal grid stays aligned because rich places every run itself.
MONO = '"Noto Sans Mono CJK SC", "Sarasa Mono SC", "Source Han Mono SC", "Fira Code", monospace'


def compare_svg(path: Path) -> None:
    a, b = load_corpus(ids=["xianning-2016", "zhaoqing-2024"])
    console = Console(record=True, width=110, force_terminal=True, color_system="truecolor",
                      highlight=False, file=open("/dev/null", "w"))  # noqa: SIM115
    console.print(compare_view(align(a, b), limit=3))
    svg = console.export_svg(title="evolve compare xianning-2016 zhaoqing-2024 --limit 3")
    svg = re.sub(r"@font-face \{[^}]*\}\s*", "", svg)  # no font downloads
    svg = re.sub(r"font-family: Fira Code, monospace", f"font-family: {MONO}", svg)
    path.write_text(_fix_widths(svg), "utf-8")


def _fix_widths(svg: str, char_width: float = 20 * 0.61) -> str:
    """Stretch each run of text over the cells it occupies. rich 15 sets ``textLength`` from the
    number of characters, which squeezes Chinese (two cells a character) into half its width,
    while it places the runs by cells; ``char_width`` is rich's font size times aspect ratio."""

    def fix(m: re.Match[str]) -> str:
        cells = cell_len(html.unescape(m.group(3)))
        return f'{m.group(1)}textLength="{char_width * cells:g}"{m.group(2)}>{m.group(3)}</text>'

    return re.sub(r'(<text [^>]*?)textLength="[^"]*"([^>]*)>([^<]*)</text>', fix, svg)


def terms_png(path: Path) -> None:
    docs = load_corpus()
    lexicon = load_lexicon()
    table = term_table(docs, resolve_terms(list(lexicon.default_terms), lexicon))
    by_year = group_table(table, "year")
    term_trends(by_year[by_year["year"] != UNKNOWN], table.terms, path,
                milestones=lexicon.milestones)


if __name__ == "__main__":
    compare_svg(DOCS / "compare.svg")
    terms_png(DOCS / "terms.png")
    print(f"wrote {DOCS / 'compare.svg'} and {DOCS / 'terms.png'}")
