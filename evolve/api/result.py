"""The common face of every API result: ``to_dict()`` (the command's ``--json``), ``frame()``
(a pandas DataFrame), a rich rendering in the terminal and an HTML one in Jupyter."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd


def records(df: Any) -> list[dict[str, Any]]:
    """DataFrame rows as plain JSON-ready dicts (NaN/NA -> None, numpy -> Python): the rows of
    every ``--json``."""
    return json.loads(df.to_json(orient="records", force_ascii=False, double_precision=4))


class Result:
    """Base of the API's results. Subclasses set ``to_dict`` and ``frame`` and, for the terminal,
    ``__rich__`` (the command's view)."""

    #: frames shown in Jupyter, by method name, in order (the first is ``frame()``)
    _frames: tuple[str, ...] = ("frame",)

    def to_dict(self) -> dict[str, Any]:  # pragma: no cover - every subclass defines it
        raise NotImplementedError

    def to_json(self, **kw: Any) -> str:
        """``to_dict()`` as the JSON text the command prints."""
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=2, **kw)

    def frame(self) -> pd.DataFrame:  # pragma: no cover - every subclass defines it
        raise NotImplementedError

    def _repr_html_(self) -> str:
        import html

        parts = [f"<p><b>{html.escape(type(self).__name__)}</b> {html.escape(self._summary())}</p>"]
        for name in self._frames:
            df = getattr(self, name)()
            title = name.removesuffix("_frame").replace("_", " ")
            if len(self._frames) > 1:
                parts.append(f"<p><i>{html.escape(title)}</i> ({len(df):,} rows)</p>")
            parts.append(df.to_html(index=False, max_rows=30, escape=True))
        return "\n".join(parts)

    def _summary(self) -> str:
        return ""

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self._summary()}>"
