"""Articles a regulation and its later revision share word for word: are they linked by align?

    .venv/bin/python bench/revision_links.py [FOLDER]

FOLDER holds regulations as downloaded, `<province>/<year>_<title>.doc|.docx` (default: the
shared development half). Every title found under two years is a regulation and its revision;
each provision of the older with the same text (spaces aside, over 10 characters) as one of the
newer counts, and is linked when a correspondence shown as a match (not "closest") joins them.
"""

from __future__ import annotations

import collections
import re
import sys
from pathlib import Path

import evolve

FOLDER = Path(__file__).resolve().parent.parent.parent / "shared" / "corpora" / "real-files" / "regulations"


def main() -> None:
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else FOLDER
    by_title: dict[str, list[tuple[str, Path]]] = collections.defaultdict(list)
    for f in folder.rglob("*"):
        m = re.match(r"(\d{4})_(.+)\.(docx?|wps)$", f.name)
        if m:
            by_title[m.group(2)].append((m.group(1), f))
    total = linked = 0
    for versions in (sorted(v) for v in by_title.values() if len(v) > 1):
        (ya, fa), (yb, fb) = versions[0], versions[-1]
        a, b = evolve.read(fa), evolve.read(fb)

        def key(p: evolve.Provision) -> str:
            return re.sub(r"\s", "", p.text)

        newer: dict[str, list[str]] = {}
        for p in b.provisions:
            if len(key(p)) > 10:
                newer.setdefault(key(p), []).append(p.id)
        links = {(s.id, t.id) for m in evolve.compare(a, b).matches if not m.closest
                 for s in m.source for t in m.target}
        same = [p for p in a.provisions if len(key(p)) > 10 and key(p) in newer]
        ok = sum(any((p.id, q) in links for q in newer[key(p)]) for p in same)
        print(f"{fa.stem[5:]:<24} {ya} -> {yb}: {ok}/{len(same)} identical provisions linked")
        total, linked = total + len(same), linked + ok
    print(f"all pairs: {linked}/{total} identical provisions linked")


if __name__ == "__main__":
    main()
