"""The public Python API: what every command does, as functions returning results.

Each result has ``to_dict()`` (the command's ``--json``), ``frame()`` (a pandas DataFrame) and
renders in the terminal (rich) and in Jupyter (HTML). ``import evolve`` re-exports these names
lazily (``evolve/__init__.py``).
"""

from .charts import use_cjk_font
from .collection import Report, Reuse, report, reuse
from .instruments import Tools, tools
from .plans import Comparison, LineageResult, Targets, compare, lineage, targets
from .result import Result
from .sources import Corpus, documents_of, read
from .study import Keyness, Kwic, Trends, keyness, kwic, trends

__all__ = [
    "Comparison", "Corpus", "Keyness", "Kwic", "LineageResult", "Report", "Result", "Reuse", "Targets",
    "Tools", "Trends", "compare", "documents_of", "keyness", "kwic", "lineage", "read", "report", "reuse", "targets",
    "tools", "trends", "use_cjk_font",
]
