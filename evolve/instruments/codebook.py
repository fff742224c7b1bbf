"""The policy-instrument codebook: read and check a TOML file of families, tools and cues.

The shipped codebook is ``evolve/data/instruments.toml`` (its header documents the format). A
user's copy replaces it (``--codebook FILE``); any mistake is a ``CodebookError`` in one line that
names the file and, where it can, the line.
"""

from __future__ import annotations

import re
import tomllib
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any

from ..dataclass_code import dataclass
from ..errors import CodebookError
from ..shipped import data_text

SHIPPED = "instruments.toml"
VERSION = 1
NONE = "none"
_KEY = re.compile(r"^[A-Za-z][A-Za-z0-9_-]*$")
#: Weight of each cue list.
WEIGHTS = {"strong": 2.0, "cues": 1.0, "weak": 0.5}


@dataclass(frozen=True)
class Category:
    """One family of instruments (supply, environment, demand) or "none"."""

    key: str  #: short ASCII name, e.g. "supply"
    name: str  #: label for tables and charts, e.g. "供给型"
    note: str = ""
    #: other names researchers give it (供给型政策工具): a training label naming it is matched
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Cue:
    """A word (or a regular expression) that points to a tool."""

    text: str  #: as written in the codebook ("re:" prefix kept off)
    tool: str  #: key of its tool
    weight: float
    regex: bool = False


@dataclass(frozen=True)
class Tool:
    """One instrument (subtype) of a family, with the cues that decide it."""

    key: str  #: short ASCII name, e.g. "talent"
    category: str  #: key of its family
    name: str  #: label, e.g. "人才培养"
    cues: tuple[Cue, ...]
    note: str = ""
    aliases: tuple[str, ...] = ()  #: other names researchers give it (资金支持 for 资金投入)


@dataclass(frozen=True)
class Codebook:
    """Families, tools, cues and the thresholds of the rule coder."""

    categories: tuple[Category, ...]
    tools: tuple[Tool, ...]
    source: str  #: where it was read from
    min_score: float = 1.0
    none_margin: float = 0.0
    lead_weight: float = 1.0  #: weight factor of the cues in a sentence's first clause
    none_kinds: tuple[str, ...] = ("preamble",)
    review_sections: tuple[str, ...] = ()
    heading_patterns: tuple[re.Pattern[str], ...] = ()  #: numbering that opens a heading
    heading_max: int = 40  #: the longest text taken for a heading
    #: a sentence opening with one of these (a government body) is coded by its action: the
    #: legal-form cues of ``government_form_cues`` (应当, 依法 …) do not count in it, since only
    #: a duty laid on firms, people or organisations is a rule (法规管制) by its form
    government_subjects: tuple[re.Pattern[str], ...] = ()
    #: a sentence matching one of these grants or orders something: it is never a review
    task_patterns: tuple[re.Pattern[str], ...] = ()
    #: a sentence matching one of these is procedure (the purpose and basis of the text itself)
    procedure_patterns: tuple[re.Pattern[str], ...] = ()
    #: a numbered line matching one of these is not taken for a heading
    heading_exceptions: tuple[re.Pattern[str], ...] = ()
    government_form_cues: tuple[str, ...] = ()
    #: tool -> patterns: a sentence matching one is coded by that tool first, whatever else it
    #: names (a grant, 对…给予表彰、奖励, is funding even when its conditions name a campaign)
    deciding: tuple[tuple[str, tuple[re.Pattern[str], ...]], ...] = ()
    #: the name of a body that acts (经济和信息化主管部门): cues inside a match's first group (the
    #: name's qualifier, 经济和信息化) do not count, the body is not its instrument
    body_patterns: tuple[re.Pattern[str], ...] = ()
    #: a hash of the cues, stored in a learned model so that a model is not applied with a
    #: different codebook's features unnoticed
    fingerprint: str = ""

    @cached_property
    def tool_map(self) -> dict[str, Tool]:
        return {t.key: t for t in self.tools}

    @cached_property
    def category_map(self) -> dict[str, Category]:
        return {c.key: c for c in self.categories}

    @property
    def instrument_categories(self) -> tuple[str, ...]:
        """The families other than "none", in codebook order."""
        return tuple(c.key for c in self.categories if c.key != NONE)

    @cached_property
    def families(self) -> dict[str, str]:
        """Tool key -> its family key, and each family key -> itself (see ``category_of``)."""
        return {**{c.key: c.key for c in self.categories}, **{t.key: t.category for t in self.tools}}

    def category_of(self, tool: str) -> str:
        """The family of a tool key (a family key is its own family; anything else is none)."""
        return self.families.get(tool, NONE)

    def tool_name(self, key: str) -> str:
        t = self.tool_map.get(key)
        return t.name if t else key

    def category_name(self, key: str) -> str:
        c = self.category_map.get(key)
        return c.name if c else key


def _line(raw: str, needle: str) -> int | None:
    for i, line in enumerate(raw.splitlines(), start=1):
        if needle in line:
            return i
    return None


def _fail(source: str, raw: str, needle: str | None, message: str) -> CodebookError:
    n = _line(raw, needle) if needle else None
    return CodebookError(f"{source}{f', line {n}' if n else ''}: {message}")


def _str(d: dict[str, Any], key: str, source: str, raw: str, what: str) -> str:
    v = d.get(key)
    if not isinstance(v, str) or not v.strip():
        needle = f'"{d["key"]}"' if isinstance(d.get("key"), str) else None
        raise _fail(source, raw, needle, f"{what} needs a non-empty string {key!r}")
    return v.strip()


def parse_codebook(raw: str, *, source: str = "<codebook>") -> Codebook:
    """Parse and check codebook TOML text."""
    try:
        data = tomllib.loads(raw)
    except tomllib.TOMLDecodeError as exc:
        msg = re.sub(r"\s*\((at line \d+, column \d+|at end of document)\)", "", str(exc))
        m = re.search(r"at line (\d+)", str(exc))
        raise CodebookError(f"{source}{f', line {m.group(1)}' if m else ''}: not valid TOML: {msg}") from None
    version = data.get("version")
    if version != VERSION:
        raise _fail(
            source,
            raw,
            "version",
            f"codebook format version {version!r} is not {VERSION} (the format this evolve reads)",
        )
    cats_raw = data.get("categories")
    if not isinstance(cats_raw, list) or not cats_raw:
        raise _fail(source, raw, None, "no [[categories]] tables")
    categories: list[Category] = []
    for c in cats_raw:
        if not isinstance(c, dict):
            raise _fail(source, raw, "[[categories]]", "a [[categories]] entry must be a table")
        key = _str(c, "key", source, raw, "a category")
        if not _KEY.match(key):
            raise _fail(source, raw, f'"{key}"', f"category key {key!r} must be ASCII letters, digits, - or _")
        if any(x.key == key for x in categories):
            raise _fail(source, raw, f'"{key}"', f"category {key!r} is defined twice")
        categories.append(
            Category(
                key,
                _str(c, "name", source, raw, f"category {key!r}"),
                str(c.get("note", "")),
                _aliases(c, key, source, raw),
            )
        )
    if NONE not in {c.key for c in categories}:
        categories.append(Category(NONE, "非工具", "not an instrument"))
    tools_raw = data.get("tools")
    if not isinstance(tools_raw, list) or not tools_raw:
        raise _fail(source, raw, None, "no [[tools]] tables")
    keys = {c.key for c in categories}
    tools: list[Tool] = []
    owner: dict[str, str] = {}
    for t in tools_raw:
        if not isinstance(t, dict):
            raise _fail(source, raw, "[[tools]]", "a [[tools]] entry must be a table")
        key = _str(t, "key", source, raw, "a tool")
        if not _KEY.match(key):
            raise _fail(source, raw, f'"{key}"', f"tool key {key!r} must be ASCII letters, digits, - or _")
        if key in keys or any(x.key == key for x in tools):
            raise _fail(source, raw, f'"{key}"', f"tool {key!r} is defined twice (or is also a category)")
        cat = _str(t, "category", source, raw, f"tool {key!r}")
        if cat not in keys:
            raise _fail(
                source, raw, f'"{key}"', f"tool {key!r} has category {cat!r}, not one of {', '.join(sorted(keys))}"
            )
        unknown = set(t) - {"key", "category", "name", "note", "aliases", *WEIGHTS}
        if unknown:
            raise _fail(source, raw, f'"{key}"', f"tool {key!r} has unknown field(s) {', '.join(sorted(unknown))}")
        cues: list[Cue] = []
        for field, weight in WEIGHTS.items():
            items = t.get(field, [])
            if not isinstance(items, list) or not all(isinstance(x, str) for x in items):
                raise _fail(source, raw, f'"{key}"', f"tool {key!r}: {field} must be a list of strings")
            for text in items:
                cue = _cue(text, key, weight, source, raw)
                if cue is None:
                    continue
                ident = ("re:" if cue.regex else "") + cue.text
                if ident in owner:
                    raise _fail(
                        source, raw, f'"{text}"', f"cue {text!r} is listed under both {owner[ident]!r} and {key!r}"
                    )
                owner[ident] = key
                cues.append(cue)
        tools.append(
            Tool(
                key,
                cat,
                _str(t, "name", source, raw, f"tool {key!r}"),
                tuple(cues),
                str(t.get("note", "")),
                _aliases(t, key, source, raw),
            )
        )
    for c in categories:
        if c.key != NONE and not any(t.category == c.key for t in tools):
            raise _fail(source, raw, f'"{c.key}"', f"category {c.key!r} has no tools")
    nums: dict[str, float] = {}
    for name, default in (("min_score", 1.0), ("none_margin", 0.0), ("lead_weight", 1.0)):
        v = data.get(name, default)
        if not isinstance(v, int | float) or isinstance(v, bool) or v < 0:
            raise _fail(source, raw, name, f"{name} must be a number ≥ 0, got {v!r}")
        nums[name] = float(v)
    lists: dict[str, tuple[str, ...]] = {}
    for name, default in (("none_kinds", ["preamble"]), ("review_sections", []), ("government_form_cues", [])):
        v = data.get(name, default)
        if not isinstance(v, list) or not all(isinstance(x, str) for x in v):
            raise _fail(source, raw, name, f"{name} must be a list of strings")
        lists[name] = tuple(v)
    pats: dict[str, list[re.Pattern[str]]] = {}
    for name in ("heading_patterns", "government_subjects", "heading_exceptions", "task_patterns",
                 "procedure_patterns", "body_patterns"):
        pats[name] = []
        for pat in data.get(name, []):
            try:
                pats[name].append(re.compile(str(pat)))
            except re.error as exc:
                raise _fail(source, raw, name, f"{name}: {pat!r} is not a valid regular expression: {exc}") from None
    if any(p.groups < 1 for p in pats["body_patterns"]):
        raise _fail(source, raw, "body_patterns", "body_patterns: each pattern needs a group (the name's qualifier)")
    deciding_raw = data.get("deciding", {})
    if not isinstance(deciding_raw, dict):
        raise _fail(source, raw, "deciding", "[deciding] must be a table of tool = [patterns]")
    tool_keys = {t.key for t in tools}
    deciding: list[tuple[str, tuple[re.Pattern[str], ...]]] = []
    for key, items in deciding_raw.items():
        if key not in tool_keys:
            raise _fail(source, raw, "[deciding]", f"[deciding] names {key!r}, not one of the tools")
        if not isinstance(items, list) or not all(isinstance(x, str) for x in items):
            raise _fail(source, raw, "[deciding]", f"[deciding] {key}: must be a list of strings")
        compiled = []
        for pat in items:
            try:
                compiled.append(re.compile(pat))
            except re.error as exc:
                raise _fail(
                    source, raw, "[deciding]", f"[deciding] {key}: {pat!r} is not a valid regular expression: {exc}"
                ) from None
        deciding.append((key, tuple(compiled)))
    hmax = data.get("heading_max", 40)
    if not isinstance(hmax, int) or isinstance(hmax, bool) or hmax < 0:
        raise _fail(source, raw, "heading_max", f"heading_max must be a whole number ≥ 0, got {hmax!r}")
    import hashlib

    fp = hashlib.sha256(
        "\n".join(f"{t.key}\t{t.category}\t{c.text}\t{c.weight}\t{c.regex}" for t in tools for c in t.cues).encode()
        + "\n".join(p.pattern for p in pats["government_subjects"]).encode()
        + "\n".join(lists["government_form_cues"]).encode()
        + "\n".join(p.pattern for p in pats["task_patterns"]).encode()
        + "\n".join(p.pattern for p in pats["procedure_patterns"]).encode()
        + f"lead {nums['lead_weight']}".encode()
        + "\n".join(f"{k}\t{p.pattern}" for k, ps in deciding for p in ps).encode()
        + "".join(f"\nbody {p.pattern}" for p in pats["body_patterns"]).encode()
    ).hexdigest()[:16]
    return Codebook(
        categories=tuple(categories),
        tools=tuple(tools),
        source=source,
        min_score=nums["min_score"],
        none_margin=nums["none_margin"],
        lead_weight=nums["lead_weight"],
        none_kinds=lists["none_kinds"],
        review_sections=lists["review_sections"],
        heading_patterns=tuple(pats["heading_patterns"]),
        heading_max=hmax,
        government_subjects=tuple(pats["government_subjects"]),
        heading_exceptions=tuple(pats["heading_exceptions"]),
        task_patterns=tuple(pats["task_patterns"]),
        procedure_patterns=tuple(pats["procedure_patterns"]),
        government_form_cues=lists["government_form_cues"],
        deciding=tuple(deciding),
        body_patterns=tuple(pats["body_patterns"]),
        fingerprint=fp,
    )


def _aliases(d: dict[str, Any], key: str, source: str, raw: str) -> tuple[str, ...]:
    v = d.get("aliases", [])
    if not isinstance(v, list) or not all(isinstance(x, str) for x in v):
        raise _fail(source, raw, f'"{key}"', f"{key!r}: aliases must be a list of strings")
    return tuple(x.strip() for x in v if x.strip())


def _cue(text: str, tool: str, weight: float, source: str, raw: str) -> Cue | None:
    s = text.strip()
    if not s:
        return None
    if s.startswith("re:"):
        pattern = s[3:]
        try:
            re.compile(pattern)
        except re.error as exc:
            raise _fail(
                source, raw, pattern[:20], f"tool {tool!r}: cue {s!r} is not a valid regular expression: {exc}"
            ) from None
        return Cue(pattern, tool, weight, regex=True)
    return Cue(s, tool, weight)


def load_codebook(path: str | Path | None = None) -> Codebook:
    """The codebook of ``path``, or the shipped one."""
    if path is None:
        return _shipped()
    p = Path(path)
    try:
        raw = p.read_text("utf-8")
    except FileNotFoundError:
        raise CodebookError(f"{p}: no such codebook file") from None
    except IsADirectoryError:
        raise CodebookError(f"{p}: a directory, not a codebook file") from None
    except UnicodeDecodeError:
        raise CodebookError(f"{p}: not UTF-8 text") from None
    return parse_codebook(raw, source=str(p))


@lru_cache(maxsize=1)
def _shipped() -> Codebook:
    raw = data_text(SHIPPED)
    return parse_codebook(raw, source=f"evolve/data/{SHIPPED}")


def shipped_text() -> str:
    """The shipped codebook's TOML, to copy and edit."""
    return data_text(SHIPPED)
