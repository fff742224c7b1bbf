"""The public Python API: what every command does, as functions returning results.

Each result has ``to_dict()`` (the command's ``--json``), ``frame()`` (a pandas DataFrame) and
renders in the terminal (rich) and in Jupyter (HTML). ``import evolve`` re-exports these names
lazily (``evolve/__init__.py``).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .charts import use_cjk_font
    from .collection import Report, Reuse, report, reuse
    from .instruments import Tools, tools
    from .plans import Comparison, LineageResult, Targets, compare, lineage, targets
    from .result import Result
    from .sources import Corpus, documents_of, read
    from .study import Keyness, Kwic, Trends, keyness, kwic, trends

#: name -> the module that defines it, imported when the name is first used (`evolve compare`
#: needs plans, not the studies or the instrument coder)
_WHERE = {
    "use_cjk_font": "charts", "Report": "collection", "Reuse": "collection", "report": "collection",
    "reuse": "collection", "Tools": "instruments", "tools": "instruments", "Comparison": "plans",
    "LineageResult": "plans", "Targets": "plans", "compare": "plans", "lineage": "plans", "targets": "plans",
    "Result": "result", "Corpus": "sources", "documents_of": "sources", "read": "sources", "Keyness": "study",
    "Kwic": "study", "Trends": "study", "keyness": "study", "kwic": "study", "trends": "study",
}


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


__all__ = [
    "Comparison", "Corpus", "Keyness", "Kwic", "LineageResult", "Report", "Result", "Reuse", "Targets",
    "Tools", "Trends", "compare", "documents_of", "keyness", "kwic", "lineage", "read", "report", "reuse", "targets",
    "tools", "trends", "use_cjk_font",
]
