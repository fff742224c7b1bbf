"""Shared fixtures: the bundled corpus parsed once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

from evolve.corpus import BUNDLED, load_corpus
from evolve.records import Document

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "corpus"


@pytest.fixture(scope="session")
def corpus() -> dict[str, Document]:
    return {d.id: d for d in load_corpus(BUNDLED)}


@pytest.fixture(scope="session")
def xianning(corpus: dict[str, Document]) -> Document:
    return corpus["xianning-2016"]


@pytest.fixture(scope="session")
def ningxia(corpus: dict[str, Document]) -> Document:
    return corpus["ningxia-2017"]


@pytest.fixture(scope="session")
def qingdao(corpus: dict[str, Document]) -> Document:
    return corpus["qingdao-2022"]


@pytest.fixture(scope="session")
def zhaoqing(corpus: dict[str, Document]) -> Document:
    return corpus["zhaoqing-2024"]


@pytest.fixture(scope="session")
def jinzhou(corpus: dict[str, Document]) -> Document:
    return corpus["jinzhou-14th-fyp"]


@pytest.fixture
def quick_charts(monkeypatch: pytest.MonkeyPatch) -> None:
    """Charts are drawn (their data handling runs) but not rendered: rendering is 90 % of a report
    and is checked by the tests that build real reports."""
    from evolve.render import charts, lineage_chart, report_charts  # imported before the patch: each
    # keeps the real ``save`` it bound, and gets the stub only through the setattr below

    def save(fig: object, path: str | Path | list[Path]) -> Path:
        paths = [Path(path)] if isinstance(path, str | Path) else [Path(p) for p in path]
        for p in paths:
            p.parent.mkdir(parents=True, exist_ok=True)
            p.write_bytes(b"\x89PNG\r\n\x1a\n")
        return paths[0]

    monkeypatch.setattr(charts, "save", save)
    monkeypatch.setattr(report_charts, "save", save)
    monkeypatch.setattr(lineage_chart, "save", save)
