"""evolve: compare Chinese government plans and measure how their policy vocabulary evolves.

>>> import evolve
>>> plans = evolve.Corpus()                                   # the bundled corpus
>>> c = evolve.compare("xianning-2016", "zhaoqing-2024")      # = evolve align … --json
>>> t = evolve.trends(plans, terms=["5G", "数据要素"], by="year")
>>> t.frame().columns[:3].tolist()
['year', 'term', 'label']

Every function returns a result with ``to_dict()`` (the command's ``--json``), ``frame()`` (a
pandas DataFrame) and a rich / Jupyter rendering; see ``docs/api.md``. Nothing heavy is imported
until a name is used: ``import evolve`` itself costs almost nothing.
"""

from __future__ import annotations

import sys
import types
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

#: public name -> the module of ``evolve.api`` that defines it
_API = {
    "read": "sources", "Corpus": "sources", "documents_of": "sources",
    "compare": "plans", "targets": "plans", "lineage": "plans",
    "Comparison": "plans", "Targets": "plans", "LineageResult": "plans",
    "trends": "study", "keyness": "study", "kwic": "study", "Trends": "study", "Keyness": "study", "Kwic": "study",
    "reuse": "collection", "report": "collection", "Reuse": "collection", "Report": "collection",
    "tools": "instruments", "Tools": "instruments",
    "Result": "result", "use_cjk_font": "charts",
}
#: the records users meet most, from ``evolve.records``
_RECORDS = ("Document", "Provision", "Meta", "Alignment", "Match", "Target", "Lineage", "Chain", "Failure")

__all__ = [
    "Alignment", "Chain", "Comparison", "Corpus", "Document", "Failure", "Keyness", "Kwic", "Lineage",
    "LineageResult", "Match", "Meta", "Provision", "Report", "Result", "Reuse", "Target", "Targets", "Tools",
    "Trends", "__version__", "compare", "documents_of", "keyness", "kwic", "lineage", "read", "report", "reuse",
    "targets", "tools", "trends", "use_cjk_font",
]

if TYPE_CHECKING:
    from .api import (
        Comparison,
        Corpus,
        Keyness,
        Kwic,
        LineageResult,
        Report,
        Result,
        Reuse,
        Targets,
        Tools,
        Trends,
        compare,
        documents_of,
        keyness,
        kwic,
        lineage,
        read,
        report,
        reuse,
        targets,
        tools,
        trends,
    )
    from .api.charts import use_cjk_font
    from .records import Alignment, Chain, Document, Failure, Lineage, Match, Meta, Provision, Target


#: API functions named like one of evolve's subpackages (``evolve/trends/``, ``evolve/lineage.py``
#: …): there ``evolve.trends`` is the subpackage, and calling it runs the study.
_SUBPACKAGES = ("trends", "reuse", "targets", "lineage", "report")


class _CallableModule(types.ModuleType):
    """A subpackage that is also the API function of its name: ``evolve.trends(corpus, …)`` runs
    ``evolve.api.trends``, ``evolve.trends.lexicon`` is still the module."""

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        import importlib

        name = self.__name__.rpartition(".")[2]
        return getattr(importlib.import_module(f"{__name__}.api.{_API[name]}"), name)(*args, **kwargs)


class _Package(types.ModuleType):
    """The ``evolve`` package: binds those subpackages as callable modules when they are imported."""

    def __setattr__(self, name: str, value: Any) -> None:
        if name in _SUBPACKAGES and type(value) is types.ModuleType:
            value.__class__ = _CallableModule
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package


def __getattr__(name: str) -> Any:
    import importlib

    if name in _SUBPACKAGES:
        return importlib.import_module(f".{name}", __name__)  # bound (callable) by _Package
    if name in _API:
        value = getattr(importlib.import_module(f".api.{_API[name]}", __name__), name)
    elif name in _RECORDS:
        value = getattr(importlib.import_module(".records", __name__), name)
    else:
        raise AttributeError(f"module 'evolve' has no attribute {name!r}")
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return __all__
