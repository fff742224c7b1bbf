"""Write docs/api.md, the reference of the public API, from the docstrings (tests check it is current).

    .venv/bin/python docs/make_api.py
"""

from __future__ import annotations

import inspect
import re
from pathlib import Path

DOCS = Path(__file__).resolve().parent

#: (heading, names) in the order a study uses them
SECTIONS = (
    ("Documents", ("read", "Corpus", "documents_of")),
    ("Two plans and a series", ("compare", "Comparison", "targets", "Targets", "lineage", "LineageResult")),
    ("Vocabulary", ("trends", "Trends", "keyness", "Keyness", "kwic", "Kwic")),
    ("Collections", ("reuse", "Reuse", "report", "Report")),
    ("Policy instruments", ("tools", "Tools")),
    ("Every result", ("Result",)),
    ("Charts", ("use_cjk_font",)),
)


def _signature(obj: object, name: str) -> str:
    target = obj.__init__ if inspect.isclass(obj) and name == "Corpus" else obj  # type: ignore[misc]
    try:
        sig = str(inspect.signature(target))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return name
    sig = sig.replace("(self, ", "(").replace("(self)", "()").removesuffix(" -> 'None'")
    return f"{name}{sig}"


def _methods(cls: type) -> list[str]:
    out = []
    for name, member in inspect.getmembers(cls):
        if name.startswith("_") or not (inspect.isfunction(member) or isinstance(member, property)):
            continue
        doc = inspect.getdoc(member)
        func = member.fget if isinstance(member, property) else member
        own = getattr(func, "__qualname__", "").split(".")[0] == cls.__name__
        if doc and (own or cls.__name__ == "Result"):
            out.append(f"- `{name}`: {doc.splitlines()[0]}")
    return out


def render() -> str:
    import evolve.api as api

    lines = [
        "# The evolve Python API",
        "",
        "<!-- written by docs/make_api.py from the docstrings; tests/test_api.py checks it is current -->",
        "",
        "`import evolve` gives every command as a function. Each returns a result with `to_dict()` (the",
        "command's `--json`, key for key), `frame()` (a pandas DataFrame: the table a study quotes; some",
        "results have more, listed below) and a rendering in the terminal (`rich.print(result)`) and in",
        "Jupyter (HTML). Options are keyword-only and named as on the command line. `import evolve` loads",
        "nothing heavy until a name is used. `evolve.trends`, `evolve.reuse`, `evolve.targets`,",
        "`evolve.lineage` and `evolve.report` are also evolve's subpackages of those names: calling one",
        "runs the study.",
        "",
        "Documents can be given as an `evolve.Corpus`, a corpus folder, files or corpus ids, `Document`",
        "records, or a list of these; none means the bundled corpus.",
        "",
    ]
    for heading, names in SECTIONS:
        lines += [f"## {heading}", ""]
        for name in names:
            obj = getattr(api, name)
            kind = "class" if inspect.isclass(obj) else "function"
            lines += [f"### `{_signature(obj, name) if kind == 'function' or name == 'Corpus' else name}`", ""]
            doc = inspect.getdoc(obj) or ""
            lines += [_fence_examples(doc), ""]
            if kind == "class":
                methods = _methods(obj)
                if methods:
                    lines += [*methods, ""]
    return "\n".join(lines).rstrip() + "\n"


def _fence_examples(doc: str) -> str:
    """Doctest blocks as Python code fences, the rest as written."""
    out, block = [], []
    for line in [*doc.splitlines(), ""]:
        if line.startswith(">>>") or (block and line.strip() and not re.match(r"^\s*$", line)):
            block.append(line)
            continue
        if block:
            out += ["```python", *block, "```"]
            block = []
        out.append(line)
    return "\n".join(out).rstrip()


if __name__ == "__main__":
    (DOCS / "api.md").write_text(render(), encoding="utf-8")
    print(DOCS / "api.md")
