"""The tables studies report: the instrument mix by group (shares), the tools by group, and the
two-dimensional table instrument × theme (the lexicon's themes).

All take the unit table of ``coding.code_documents`` (one row per provision or clause). A unit
counts once, under its deciding family, in the shares; in the tool table and the theme table it
counts under every tool it uses (a provision using two instruments counts for both).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..errors import InputError
from ..trie import trie_pattern
from .codebook import NONE, Codebook, load_codebook

if TYPE_CHECKING:
    import pandas as pd

    from ..records import Lexicon

UNKNOWN = "unknown"
_NOT_GROUPS = {"text", "evidence", "section", "unit", "tools", "categories", "score", "label_score", "chars"}


def _key(units: pd.DataFrame, by: str) -> pd.Series:
    if by not in units.columns or by in _NOT_GROUPS:
        cols = ", ".join(c for c in units.columns if c not in _NOT_GROUPS)
        raise InputError(f"cannot group by {by!r}: the columns are {cols}")
    col = units[by]
    key = col.astype(object).where(col.notna(), UNKNOWN)
    if by == "year":
        key = key.map(lambda v: int(v) if v != UNKNOWN else v)
    return key.astype(str)


def _order(values: list[str]) -> list[str]:
    return sorted(values, key=lambda v: (v == UNKNOWN, v))


def shares(units: pd.DataFrame, by: str | None = None, *, codebook: Codebook | None = None) -> pd.DataFrame:
    """The instrument mix of each group (or of the whole corpus without ``by``).

    Columns: <by>, category, name, documents, units, share (of all the group's units, "none"
    included), instrument_share (of the group's instrument units; empty for "none")."""
    import pandas as pd

    cb = codebook or load_codebook()
    df = units.copy()
    df["_g"] = _key(df, by) if by else "all"
    cats = [c.key for c in cb.categories]
    rows = []
    for g in _order(list(df["_g"].unique())):
        part = df[df["_g"] == g]
        total = len(part)
        inst = int((part["category"] != NONE).sum())
        for c in cats:
            n = int((part["category"] == c).sum())
            rows.append(
                {
                    by or "group": g,
                    "category": c,
                    "name": cb.category_name(c),
                    "documents": int(part["id"].nunique()),
                    "units": n,
                    "share": n / total if total else 0.0,
                    "instrument_share": (n / inst if inst else 0.0) if c != NONE else None,
                }
            )
    return pd.DataFrame(rows)


def tool_table(units: pd.DataFrame, by: str | None = None, *, codebook: Codebook | None = None) -> pd.DataFrame:
    """Units using each tool, per group: <by>, category, tool, name, units, share (of the group's
    instrument units). A unit using two tools counts for both."""
    import pandas as pd

    cb = codebook or load_codebook()
    df = units[units["category"] != NONE].copy()
    df["_g"] = _key(df, by) if by else "all"
    rows = []
    for g in _order(list(df["_g"].unique())):
        part = df[df["_g"] == g]
        used = part["tools"].str.split(";").explode()
        counts = used.value_counts()
        for t in cb.tools:
            if t.category == NONE:
                continue
            n = int(counts.get(t.key, 0))
            rows.append(
                {
                    by or "group": g,
                    "category": t.category,
                    "tool": t.key,
                    "name": t.name,
                    "units": n,
                    "share": n / len(part) if len(part) else 0.0,
                }
            )
    return pd.DataFrame(rows, columns=[by or "group", "category", "tool", "name", "units", "share"])


def theme_table(
    units: pd.DataFrame, lexicon: Lexicon | None = None, *, codebook: Codebook | None = None, level: str = "category"
) -> pd.DataFrame:
    """Instrument × theme: how many units of each family (``level="category"``) or tool
    (``level="tool"``) mention a term of each theme of the lexicon. Instrument units only.

    Columns: category (and tool, name), theme, theme_name, units, share (of the row's units that
    mention any theme)."""
    import re

    import pandas as pd

    from ..trends.lexicon import load_lexicon

    lex = lexicon or load_lexicon()
    cb = codebook or load_codebook()
    spelling_theme = {s: t.theme for t in lex.terms for s in t.spellings if t.theme}
    if not spelling_theme:
        raise InputError("the lexicon has no themed terms")
    rx = re.compile(trie_pattern(spelling_theme))
    themes = [th.key for th in lex.themes]
    names = {th.key: th.name for th in lex.themes}
    df = units[units["category"] != NONE]
    counts: dict[tuple[str, str], int] = {}
    with_any: dict[str, int] = {}
    for text, cat, tools in zip(df["text"], df["category"], df["tools"], strict=True):
        found = {spelling_theme[m.group()] for m in rx.finditer(text) if m.group() in spelling_theme}
        keys = [cat] if level == "category" else [t for t in str(tools).split(";") if t]
        for k in keys:
            if found:
                with_any[k] = with_any.get(k, 0) + 1
            for th in found:
                counts[(k, th)] = counts.get((k, th), 0) + 1
    rows = []
    if level == "category":
        keys = [c for c in cb.instrument_categories]
    else:
        keys = [t.key for t in cb.tools if t.category != NONE]
    for k in keys:
        for th in themes:
            n = counts.get((k, th), 0)
            row = {"category": k if level == "category" else cb.category_of(k)}
            if level != "category":
                row |= {"tool": k, "name": cb.tool_name(k)}
            row |= {
                "theme": th,
                "theme_name": names[th],
                "units": n,
                "share": n / with_any[k] if with_any.get(k) else 0.0,
            }
            rows.append(row)
    return pd.DataFrame(rows)


def theme_matrix(table: pd.DataFrame, *, codebook: Codebook | None = None) -> pd.DataFrame:
    """The instrument × theme table as a matrix: one row per family (or tool), one column per
    theme, units as values."""
    cb = codebook or load_codebook()
    idx = "tool" if "tool" in table.columns else "category"
    m = table.pivot_table(index=idx, columns="theme_name", values="units", aggfunc="sum", sort=False)
    m.index = [cb.tool_name(k) if idx == "tool" else cb.category_name(k) for k in m.index]
    return m.fillna(0).astype(int)
