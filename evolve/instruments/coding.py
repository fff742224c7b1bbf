"""Code every provision (or clause) of a corpus, or a list of sentences, with the codebook or a
learned model; one row per unit in a DataFrame.

Units: ``level="provision"`` codes each provision from its clauses (the heading counted as a
clause; tool scores summed over the clauses that are instruments); ``level="clause"`` codes each
clause on its own. Either way a unit's section (the headings above it) and kind go in, so the
review part of a work report (一、2023年工作回顾) and a notice's covering text come out "none".
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from ..dataclass_code import dataclass
from ..errors import InputError
from ..progress import Progress, silent
from .codebook import NONE, Codebook, load_codebook
from .coder import Coding, code_text, combine

if TYPE_CHECKING:
    import pandas as pd

    from ..records import Document, Provision
    from .learn import Model

LEVELS = ("provision", "clause")
#: the columns of a coded unit, after the document's own columns
UNIT_COLUMNS = (
    "unit",
    "kind",
    "section",
    "text",
    "category",
    "tool",
    "categories",
    "tools",
    "evidence",
    "score",
    "label",
    "label_score",
)


@dataclass(frozen=True)
class CodedUnit:
    """One provision or clause and its instrument."""

    doc: str  #: document id
    unit: str  #: provision id ("p12") or clause id ("p12.c3")
    kind: str  #: provision kind: item | paragraph | intro | preamble
    section: str  #: the headings above it, " / "-joined
    text: str
    coding: Coding
    label: str  #: the learned model's label (with a model), else the tool
    label_score: float | None = None  #: the model's probability of ``label``


def _section(p: Provision) -> str:
    return " / ".join(p.path)


def _clause_texts(p: Provision) -> list[str]:
    out = [p.heading] if p.heading else []
    out += [c for c in p.clauses if c.strip()]
    if not out and p.text:
        out = [p.text]
    return out


def code_document(
    doc: Document, *, codebook: Codebook | None = None, level: str = "provision", model: Model | None = None
) -> list[CodedUnit]:
    """The coded units of one document, in reading order."""
    if level not in LEVELS:
        raise InputError(f"level must be one of {', '.join(LEVELS)}, not {level!r}")
    cb = codebook or load_codebook()
    out: list[CodedUnit] = []
    for p in doc.provisions:
        section = _section(p)
        texts = _clause_texts(p)
        if level == "clause":
            if not texts:
                continue
            body_start = 1 if p.heading else 0
            for i, t in enumerate(texts):
                is_heading = i < body_start and len(texts) == 1 and not p.text
                c = code_text(t, cb, kind=p.kind, section=section, heading=is_heading)
                cid = f"{p.id}.h" if i < body_start else f"{p.id}.c{i - body_start + 1}"
                out.append(CodedUnit(doc.id, cid, p.kind, section, t, c, c.tool))
            continue
        if not p.text and p.heading:
            c = code_text(p.heading, cb, kind=p.kind, section=section, heading=True)
        else:
            c = combine([code_text(t, cb, kind=p.kind, section=section) for t in texts], cb)
        out.append(CodedUnit(doc.id, p.id, p.kind, section, p.full_text, c, c.tool))
    if model is not None and out:
        out = _apply_model(out, model, cb, level=level, doc=doc)
    return out


def _apply_model(units: list[CodedUnit], model: Model, cb: Codebook, *, level: str, doc: Document) -> list[CodedUnit]:
    from dataclasses import replace

    def relabel(u: CodedUnit, lab: str, pr: float) -> CodedUnit:
        # a model trained on families or on the codebook's tools also sets the unit's family
        fam = model.family(lab, cb)
        coding = u.coding
        if fam is not None and fam != coding.category:
            tool = lab if lab in cb.tool_map else coding.tool
            coding = replace(
                coding, category=fam, tool=tool, categories=(fam, *(c for c in coding.categories if c != fam))
            )
        return replace(u, coding=coding, label=lab, label_score=pr)

    if level == "clause":
        labels, probs = model.predict([u.text for u in units])
        return [relabel(u, lab, pr) for u, lab, pr in zip(units, labels, probs, strict=True)]
    # a provision: the label with the highest summed probability over its clauses
    by_id = {p.id: p for p in doc.provisions}
    texts: list[str] = []
    owner: list[int] = []
    for i, u in enumerate(units):
        for t in _clause_texts(by_id[u.unit]) or [u.text]:
            texts.append(t)
            owner.append(i)
    proba = model.predict_proba(texts)
    import numpy as np

    sums = np.zeros((len(units), proba.shape[1]))
    np.add.at(sums, np.asarray(owner), proba)
    counts = np.bincount(np.asarray(owner), minlength=len(units)).reshape(-1, 1)
    mean = sums / np.maximum(counts, 1)
    best = mean.argmax(axis=1)
    return [relabel(u, model.labels[b], float(mean[i, b])) for i, (u, b) in enumerate(zip(units, best, strict=True))]


def unit_row(u: CodedUnit, cb: Codebook) -> dict[str, Any]:
    c = u.coding
    return {
        "unit": u.unit,
        "kind": u.kind,
        "section": u.section,
        "text": u.text,
        "category": c.category,
        "tool": c.tool,
        "categories": ";".join(c.categories),
        "tools": ";".join(c.tools),
        "evidence": "; ".join(c.evidence),
        "score": round(c.score, 3),
        "label": u.label,
        "label_score": None if u.label_score is None else round(u.label_score, 4),
    }


def code_documents(
    docs: Sequence[Document],
    *,
    codebook: Codebook | None = None,
    level: str = "provision",
    model: Model | None = None,
    progress: Progress = silent,
) -> pd.DataFrame:
    """Every unit of every document, one row each: the document's columns (id, place, province,
    level, year, period, chars and any manifest column) then ``UNIT_COLUMNS``."""
    import pandas as pd

    from ..trends.measures import doc_row

    cb = codebook or load_codebook()
    rows: list[dict[str, Any]] = []
    advance = progress("coding instruments", len(docs))
    doc_cols: list[str] = []
    for d in docs:
        base = doc_row(d)
        base["doc_level"] = base.pop("level")
        for k in base:
            if k not in doc_cols:
                doc_cols.append(k)
        for u in code_document(d, codebook=cb, level=level, model=model):
            rows.append({**base, **unit_row(u, cb)})
        advance(1)
    df = pd.DataFrame(rows, columns=[*doc_cols, *UNIT_COLUMNS])
    df = df.rename(columns={"doc_level": "level"})
    return df


def code_corpus(directory: str | None = None, **options: Any) -> pd.DataFrame:
    """``code_documents`` over a corpus directory (default: the bundled corpus); documents that
    cannot be read are skipped (see ``evolve.corpus.load_corpus(failed=…)``)."""
    from ..corpus import BUNDLED, load_corpus

    failed: list[Any] = []
    docs = load_corpus(directory or BUNDLED, failed=failed)
    return code_documents(docs, **options)


def code_sentences(
    texts: Iterable[str],
    *,
    codebook: Codebook | None = None,
    model: Model | None = None,
    sections: Iterable[str] | None = None,
) -> pd.DataFrame:
    """One row per text, in order: text, label, category, tool, evidence, score (and
    categories, tools). ``label`` is the tool, or the model's label with ``model``."""
    import pandas as pd

    cb = codebook or load_codebook()
    items = ["" if t is None else str(t) for t in texts]
    secs = list(sections) if sections is not None else [""] * len(items)
    codings = [code_text(t, cb, section=s or "") for t, s in zip(items, secs, strict=True)]
    rows = [
        {
            "text": t,
            "label": c.tool,
            "category": c.category,
            "tool": c.tool,
            "evidence": "; ".join(c.evidence),
            "score": round(c.score, 3),
            "categories": ";".join(c.categories),
            "tools": ";".join(c.tools),
        }
        for t, c in zip(items, codings, strict=True)
    ]
    df = pd.DataFrame(rows, columns=["text", "label", "category", "tool", "evidence", "score", "categories", "tools"])
    if model is not None and items:
        labels, probs = model.predict(items)
        df["label"] = labels
        df["label_score"] = [round(p, 4) for p in probs]
        fam = [model.family(lab, cb) for lab in labels]
        # a model trained on families or on the codebook's tools also sets the category
        df["category"] = [f or c for f, c in zip(fam, df["category"], strict=True)]
    return df


def is_instrument(category: str) -> bool:
    return category != NONE
