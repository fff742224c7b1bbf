"""What the public API accepts as documents: a ``Corpus``, a folder, files, ids, parsed documents.

Every study function (``evolve.trends``, ``evolve.reuse`` …) takes its documents through
``documents_of``, so a notebook can pass whatever it holds: ``evolve.Corpus("plans")``, a path,
a list of paths or corpus ids, ``Document`` records, or nothing (the bundled corpus). A document
that cannot be read is skipped and kept in ``failed``, as the commands do.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd

    from ..records import Document, Failure

Source = Any  # Corpus | str | Path | Document | Iterable of those | None


class Corpus:
    """The documents of a corpus folder (``manifest.csv`` + files), parsed once, in manifest order.

    >>> import evolve
    >>> c = evolve.Corpus()            # the bundled corpus: the five seed plans
    >>> len(c), c.ids[0]
    (5, 'jinzhou-14th-fyp')
    >>> c["xianning-2016"].meta.year
    2016

    ``Corpus(dir)`` reads an imported corpus (``evolve import … --out dir``); documents that
    cannot be read are skipped and listed in ``failed`` (id, source, reason). ``frame()`` is one
    row per document with its metadata and structure (the table of ``evolve corpus``).
    """

    def __init__(self, dir: str | Path | None = None, *, ids: list[str] | None = None) -> None:
        from ..corpus import BUNDLED, load_corpus

        self.dir = Path(dir) if dir is not None else BUNDLED
        self.failed: list[Failure] = []
        self._docs: list[Document] = load_corpus(self.dir, ids=ids, failed=self.failed)

    @classmethod
    def of(cls, docs: Iterable[Document], *, failed: Iterable[Failure] = ()) -> Corpus:
        """A corpus of documents already parsed (for ``evolve.read`` results or a subset)."""
        self = cls.__new__(cls)
        self.dir = None  # type: ignore[assignment]
        self.failed = list(failed)
        self._docs = list(docs)
        return self

    def __iter__(self) -> Iterator[Document]:
        return iter(self._docs)

    def __len__(self) -> int:
        return len(self._docs)

    def __getitem__(self, key: str | int) -> Document:
        if isinstance(key, int):
            return self._docs[key]
        for d in self._docs:
            if d.id == key:
                return d
        raise KeyError(key)

    def __contains__(self, key: object) -> bool:
        return any(d.id == key for d in self._docs)

    @property
    def ids(self) -> list[str]:
        """The document ids, in manifest order."""
        return [d.id for d in self._docs]

    def to_dict(self) -> dict[str, Any]:
        """The JSON of ``evolve corpus --json``: ``{documents: [...], failed, notices}``."""
        from ..loading import failure_json
        from ..render.corpus_view import corpus_rows

        return {"documents": corpus_rows(self._docs), **failure_json(self.failed)}

    def frame(self) -> pd.DataFrame:
        """One row per document: id, title, place, year, level, characters, provisions …"""
        import pandas as pd

        return pd.DataFrame(self.to_dict()["documents"])

    def __repr__(self) -> str:
        where = str(self.dir) if self.dir is not None else "documents"
        return f"Corpus({where!r}: {len(self)} documents" + (
            f", {len(self.failed)} failed)" if self.failed else ")")

    def __rich__(self) -> Any:
        from ..render.corpus_view import corpus_table

        return corpus_table(self._docs)

    def _repr_html_(self) -> str:
        return self.frame().to_html(index=False, max_rows=60)


def read(source: str | Path, **meta: Any) -> Document:
    """One plan, parsed: a file in any format ``evolve parse`` reads, or the text itself.

    >>> import evolve
    >>> d = evolve.read("一、总体要求\\n（一）加快建设数字政府。推进一网通办。", title="示例", year=2024)
    >>> d.meta.year, [p.label for p in d.provisions]
    (2024, ['(一)'])

    A string that names an existing file is read as that file; any other string is the plan's
    text. Keyword arguments override the metadata read from the text (``title``, ``year``,
    ``place``, ``level``, ``issuer`` …; ``id`` names the document).
    """
    from ..parse import parse_file, parse_text

    meta = dict(meta)
    id_ = meta.pop("id", None)
    if isinstance(source, Path) or (isinstance(source, str) and "\n" not in source
                                    and len(source) < 4096 and _is_file(source)):
        return parse_file(source, id=id_, meta=meta or None)
    if not isinstance(source, str):
        raise TypeError(f"evolve.read wants a path or a text, got {type(source).__name__}")
    return parse_text(source, id=id_ or "text", meta=meta or None)


def _is_file(s: str) -> bool:
    try:
        return Path(s).is_file()
    except (OSError, ValueError):
        return False


def documents_of(source: Source = None, *, corpus: str | Path | None = None,
                 failed: list[Failure] | None = None) -> list[Document]:
    """Documents from any source the API accepts (see the module docstring), in order, each id
    once. ``corpus`` is where ids are looked up (default: the bundled corpus). Unreadable
    documents go to ``failed`` (a list) and are skipped; with nothing readable it is an error."""
    from ..records import Document

    failures: list[Failure] = [] if failed is None else failed
    if isinstance(source, Corpus):
        failures.extend(source.failed)
        return list(source)
    if isinstance(source, Document):
        return [source]
    if source is None or isinstance(source, str | Path):
        refs: list[Any] = [] if source is None else [source]
    else:
        refs = list(source)
    docs: list[Document] = []
    names: list[str] = []
    for r in refs:
        if isinstance(r, Corpus):
            failures.extend(r.failed)
            docs.extend(r)
        elif isinstance(r, Document):
            docs.append(r)
        else:
            names.append(str(r))
    if names or not refs:
        from ..loading import load_documents

        docs.extend(load_documents(names, corpus=corpus, failed=failures))
    unique = {d.id: d for d in reversed(docs)}
    return [d for d in docs if unique.pop(d.id, None) is not None]
