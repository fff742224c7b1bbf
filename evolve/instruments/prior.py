"""A prior for learned models: the hand-coded sentences shipped with evolve, in the user's labels.

``evolve/data/instruments_gold.csv`` holds the project's hand-coded set (the same file as
``tests/gold/instruments.csv``; ``tests/gold/instruments_notes.md`` says how it was made). When a
researcher trains on labels the codebook knows (the families supply / environment / demand /
none, or its tools, by key, name or alias: 供给型, 资金投入, 法规管制 …, or 供给型-人才培养), these
sentences are added to the training as extra examples of lower weight (``PRIOR_WEIGHT``; the
researcher's own weigh 1), so a small hand-coded set starts from some 1,400 decisions, not none. Labels of the
researcher's own (codes the codebook does not name) get no prior.

Measured on held-out batches of the hand-coded set (a batch split by document into halves, one
half trained on, the other scored, the prior built from the other batches' documents only;
``bench/instruments_eval.py``): accuracy 0.67–0.74 without the prior, 0.76–0.81 with it.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from ..shipped import data_text
from .codebook import Codebook

GOLD = "instruments_gold.csv"
#: weight of a shipped sentence against 1 for each of the researcher's own: 0.3, 0.5 and 1.0
#: scored within 0.01 of each other on the held-out batches (0.5 by a hair); below 1 so that the
#: researcher's own reading of the codebook wins where the two disagree
PRIOR_WEIGHT = 0.5
_SPACE = re.compile(r"\s+")
_PARTS = re.compile(r"\s*[-–—/:：·_|｜>＞]+\s*")


@dataclass(frozen=True)
class GoldSentence:
    """One sentence of the shipped hand-coded set."""

    id: str  #: g0001 …
    doc: str  #: the document it comes from
    text: str
    category: str  #: its family (supply, environment, demand, none)
    tool: str  #: its deciding tool (a codebook tool key, or "heading")
    batch: str  #: the batch it was coded in (1–6; see instruments_notes.md)


@dataclass(frozen=True)
class Prior:
    """Shipped sentences relabelled in the user's labels, and their weight in training."""

    texts: tuple[str, ...]
    labels: tuple[str, ...]  #: in the user's spelling
    weight: float
    level: str  #: "family", "tool" or "mixed" (what the user's labels name); "" when unused
    note: str  #: what was used, or why nothing was

    def __len__(self) -> int:
        return len(self.texts)

    def to_dict(self) -> dict[str, object]:
        return {"sentences": len(self.texts), "weight": self.weight if self.texts else 0.0, "level": self.level,
                "note": self.note}


def no_prior(note: str) -> Prior:
    return Prior((), (), 0.0, "", note)


@lru_cache(maxsize=1)
def shipped_gold() -> tuple[GoldSentence, ...]:
    """The shipped hand-coded sentences."""
    rows = csv.DictReader(io.StringIO(data_text(GOLD)))
    return tuple(
        GoldSentence(r["id"], r["doc"], r["text"], r["category"], r["tool"], r.get("batch", "")) for r in rows
    )


def _norm(label: str) -> str:
    return _SPACE.sub("", label).casefold()


def _names(codebook: Codebook) -> dict[str, set[str]]:
    """Codebook key -> every spelling that names it: key, name, the parts of a name with a slash
    (公共服务/基础设施), aliases."""
    out: dict[str, set[str]] = {}
    for key, name, aliases in [(c.key, c.name, c.aliases) for c in codebook.categories] + [
        (t.key, t.name, t.aliases) for t in codebook.tools
    ]:
        spell = {key, name, *aliases, *name.split("/")}
        out[key] = {_norm(s) for s in spell if s.strip()}
    return out


def label_keys(labels: Iterable[str], codebook: Codebook) -> tuple[dict[str, str], list[str]]:
    """Map each distinct label to the codebook family or tool it names; returns (label -> key,
    labels naming nothing). A spelling that could name two keys names none of them."""
    owners: dict[str, set[str]] = {}
    for key, spellings in _names(codebook).items():
        for s in spellings:
            owners.setdefault(s, set()).add(key)
    mapped: dict[str, str] = {}
    unknown: list[str] = []
    for lab in sorted(set(labels)):
        keys = owners.get(_norm(lab), set())
        if not keys:
            keys = _with_family(lab, owners, codebook)
        if len(keys) == 1:
            mapped[lab] = next(iter(keys))
        else:
            unknown.append(lab)
    return mapped, unknown


def _with_family(label: str, owners: dict[str, set[str]], codebook: Codebook) -> set[str]:
    """A tool written after its family (供给型-人才培养, 环境型/法规管制, supply: funding): the tool,
    when the first part names its family."""
    parts = [p for p in _PARTS.split(label) if p.strip()]
    if len(parts) != 2:
        return set()
    family = owners.get(_norm(parts[0]), set())
    tools = {k for k in owners.get(_norm(parts[1]), set()) if codebook.category_of(k) in family}
    return tools if len(family) == 1 else set()


def build_prior(
    labels: Sequence[str],
    texts: Sequence[str],
    *,
    codebook: Codebook,
    gold: Sequence[GoldSentence] | None = None,
    weight: float = PRIOR_WEIGHT,
) -> Prior:
    """The shipped sentences (or ``gold``) in the user's ``labels``: a shipped sentence takes the
    user's label naming its tool, else the one naming its family, else it is left out. None when
    a label names nothing in the codebook, when two labels name the same thing, or when fewer
    than two labels are named. Sentences the user also coded (``texts``) are left out, so that
    cross-validation never trains on a sentence it scores."""
    if weight <= 0:
        return no_prior("prior switched off")
    distinct = sorted(set(labels))
    mapped, unknown = label_keys(distinct, codebook)
    if unknown:
        shown = ", ".join(unknown[:5]) + (" …" if len(unknown) > 5 else "")
        return no_prior(f"no prior: label(s) {shown} name no family or tool of the codebook")
    by_key: dict[str, str] = {}
    for lab, key in mapped.items():
        if key in by_key:
            return no_prior(f"no prior: labels {by_key[key]} and {lab} both name {key!r}")
        by_key[key] = lab
    if len(by_key) < 2:
        return no_prior("no prior: the labels name fewer than two families or tools")
    families = {c.key for c in codebook.categories}
    kinds = {k in families for k in by_key}
    level = "mixed" if len(kinds) > 1 else "family" if kinds == {True} else "tool"
    own = {_norm(t) for t in texts}
    out_t: list[str] = []
    out_y: list[str] = []
    for g in shipped_gold() if gold is None else gold:
        lab = by_key.get(g.tool) or by_key.get(g.category)
        if lab is None or _norm(g.text) in own:
            continue
        out_t.append(g.text)
        out_y.append(lab)
    if not out_t:
        return no_prior("no prior: every shipped sentence of these labels is in the training set")
    return Prior(
        tuple(out_t), tuple(out_y), weight, level,
        f"{len(out_t)} shipped hand-coded sentences added at weight {weight:g} ({level} labels)",
    )
