"""The theme lexicon: read and check a TOML file of themes, terms, variant spellings, milestones.

The shipped lexicon is ``evolve/data/lexicon.toml`` (its header documents the format). A user's
file replaces it; any mistake is a ``LexiconError`` that names the file and the line.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..errors import LexiconError
from ..lazy_pattern import lazy
from ..records import Lexicon, Milestone, Term, Theme
from ..shipped import data_text

SHIPPED = "lexicon.toml"
_LATIN = lazy(r"[A-Za-z]")
_KEY = lazy(r"^[A-Za-z][A-Za-z0-9_-]*$")


def spellings_of(text: str) -> tuple[str, ...]:
    """Split "5G | 五G" into spellings; an all-Latin one adds its upper and lower case forms."""
    out: list[str] = []
    for part in text.split("|"):
        s = part.strip()
        if not s:
            continue
        forms = [s, s.upper(), s.lower()] if s.isascii() and _LATIN.search(s) else [s]
        for f in forms:
            if f not in out:
                out.append(f)
    return tuple(out)


def make_term(text: str, theme: str | None = None) -> Term:
    """A term from "canonical | variant | …" (the canonical spelling is the first)."""
    sp = spellings_of(text)
    if not sp:
        raise ValueError("empty term")
    return Term(sp[0], sp, theme)


def _line(raw: str, needle: str) -> int | None:
    """The first line of ``raw`` on which ``needle`` appears (1-based), if any."""
    for i, line in enumerate(raw.splitlines(), start=1):
        if needle in line:
            return i
    return None


def _fail(source: str, raw: str, needle: str | None, message: str) -> LexiconError:
    n = _line(raw, needle) if needle else None
    where = f"{source}, line {n}" if n else source
    return LexiconError(f"{where}: {message}")


def parse_lexicon(raw: str, *, source: str = "<lexicon>") -> Lexicon:
    """Parse and check lexicon TOML text."""
    try:
        data = tomllib.loads(raw)
    except tomllib.TOMLDecodeError as exc:
        m = re.search(r"\(at line (\d+), column (\d+)\)", str(exc))
        msg = re.sub(r"\s*\((at line \d+, column \d+|at end of document)\)", "", str(exc))
        if m is None and "end of document" in str(exc):
            line = str(max(1, len(raw.rstrip().splitlines())))
        else:
            line = m.group(1) if m else ""
        where = f"{source}, line {line}" if line else source
        raise LexiconError(f"{where}: not valid TOML: {msg}") from None
    themes_raw = data.get("themes")
    if not isinstance(themes_raw, list) or not themes_raw:
        raise _fail(source, raw, None, "no [[themes]] tables")
    themes: list[Theme] = []
    owner: dict[str, str] = {}  # spelling -> term, to catch a spelling listed twice
    keys: set[str] = set()
    for i, th in enumerate(themes_raw, start=1):
        key = th.get("key")
        if not isinstance(key, str) or not _KEY.match(key):
            needle = f'key = "{key}"' if isinstance(key, str) else None
            raise _fail(
                source, raw, needle, f"theme {i}: key must be a short ASCII name, got {key!r}"
            )
        if key in keys:
            raise _fail(source, raw, f'"{key}"', f"theme key {key!r} appears twice")
        keys.add(key)
        name = th.get("name", key)
        basis = th.get("basis", "")
        terms_raw = th.get("terms")
        if not isinstance(name, str) or not isinstance(basis, str):
            raise _fail(source, raw, f'"{key}"', f"theme {key!r}: name and basis must be strings")
        if not isinstance(terms_raw, list) or not terms_raw:
            raise _fail(
                source, raw, f'"{key}"', f"theme {key!r}: terms must be a non-empty list of strings"
            )
        terms: list[Term] = []
        for t in terms_raw:
            if not isinstance(t, str) or not spellings_of(t):
                raise _fail(
                    source,
                    raw,
                    f'"{key}"' if not isinstance(t, str) else f'"{t}"',
                    f'theme {key!r}: bad term {t!r} (expected "canonical | variant | …")',
                )
            term = make_term(t, key)
            for s in term.spellings:
                if s in owner and owner[s] != term.name:
                    raise _fail(
                        source,
                        raw,
                        f'"{t}"',
                        f"spelling {s!r} of {term.name!r} already belongs to {owner[s]!r}",
                    )
                owner[s] = term.name
            terms.append(term)
        themes.append(Theme(key, name, basis, tuple(terms)))
    milestones = tuple(_milestones(data.get("milestones", []), raw, source))
    report = data.get("report", {})
    defaults = report.get("default_terms", []) if isinstance(report, dict) else []
    if not isinstance(defaults, list) or not all(isinstance(x, str) for x in defaults):
        raise _fail(source, raw, "default_terms", "report.default_terms must be a list of strings")
    return Lexicon(tuple(themes), milestones, tuple(defaults), source)


def _milestones(items: Any, raw: str, source: str) -> Iterable[Milestone]:
    if not isinstance(items, list):
        raise _fail(source, raw, "milestones", "milestones must be [[milestones]] tables")
    for m in items:
        year, label = m.get("year"), m.get("label")
        if (
            not isinstance(year, int | float)
            or isinstance(year, bool)
            or not isinstance(label, str)
        ):
            needle = f'"{label}"' if isinstance(label, str) else f"year = {year}"
            raise _fail(
                source, raw, needle, f"milestone needs a numeric year and a label, got {m!r}"
            )
        yield Milestone(float(year), label, str(m.get("basis", "")))


def load_lexicon(path: str | Path | None = None) -> Lexicon:
    """The lexicon of ``path``, or the shipped one."""
    if path is None:
        return _shipped()
    p = Path(path)
    try:
        raw = p.read_text("utf-8")
    except FileNotFoundError:
        raise LexiconError(f"{p}: no such lexicon file") from None
    except UnicodeDecodeError:
        raise LexiconError(f"{p}: not UTF-8 text") from None
    return parse_lexicon(raw, source=str(p))


@lru_cache(maxsize=1)
def _shipped() -> Lexicon:
    raw = data_text(SHIPPED)
    return parse_lexicon(raw, source=f"evolve/data/{SHIPPED}")


def resolve_terms(names: Sequence[str], lexicon: Lexicon, *, variants: bool = False) -> list[Term]:
    """Terms for user-given names, each counted exactly as written.

    "5G|第五代移动通信" counts those spellings (and only those) under the first. With
    ``variants``, a lexicon term named by any of its spellings brings all of them (5G: 五G,
    第五代移动通信). A term keeps its lexicon theme either way.
    """
    by_spelling = {s: t for t in lexicon.terms for s in t.spellings}
    out: list[Term] = []
    seen: set[str] = set()
    for n in names:
        n = n.replace("｜", "|").strip()  # the full-width bar of a Chinese keyboard too
        if not n:
            continue
        if "|" in n:
            parts = tuple(dict.fromkeys(p.strip() for p in n.split("|") if p.strip()))
            if not parts:
                continue
            known = by_spelling.get(parts[0])
            term = Term(parts[0], parts, known.theme if known else None)
        elif variants and n in by_spelling:
            term = by_spelling[n]
        else:
            known = by_spelling.get(n)
            term = Term(n, (n,), known.theme if known else None)
        if term.name not in seen:
            seen.add(term.name)
            out.append(term)
    return out
