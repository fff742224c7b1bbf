"""``evolve import`` of 1,000 Word 97–2003 regulations (not a test).

The real .doc files of ../shared/corpora/real-files/regulations (every OLE Word file there) are
copied into a folder tree until it holds N files; each copy has 文明 replaced, in its UTF-16 text
bytes, by another pair of characters, so that every copy is a document of its own and not a
duplicate. The baseline is the import of the same texts as UTF-8 .txt files. Printed: documents
kept, duplicates, skipped files, the 第N条 articles found against those of the text, and the times.

    python bench/doc_import_bench.py            # 1,000 files
    python bench/doc_import_bench.py --n 200
"""

from __future__ import annotations

import argparse
import csv
import itertools
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from evolve.readers import read_document  # noqa: E402

EVOLVE = os.environ.get("EVOLVE", str(ROOT / ".venv" / "bin" / "evolve"))
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
PAIRS = ["".join(p) for p in itertools.permutations("文化礼德善美和谐法治诚信友爱公正仁义勤俭", 2)]


def build(n: int, out: Path) -> tuple[Path, Path]:
    source = ROOT.parent / "shared" / "corpora" / "real-files" / "regulations"
    files = sorted(p for p in source.rglob("*") if p.is_file() and p.read_bytes()[:8] == OLE)
    docs, texts = out / "doc", out / "txt"
    old = "文明".encode("utf-16-le")
    for i in range(n):
        f = files[i % len(files)]
        pair = PAIRS[i // len(files) % len(PAIRS)]
        data = f.read_bytes().replace(old, pair.encode("utf-16-le")) if i >= len(files) else f.read_bytes()
        folder = docs / f.parent.name / f"{i // 100:02d}"
        folder.mkdir(parents=True, exist_ok=True)
        target = folder / f"{f.stem}_{i:04d}.doc"
        target.write_bytes(data)
        (texts / f.parent.name / f"{i // 100:02d}").mkdir(parents=True, exist_ok=True)
        text = read_document(target).text
        (texts / f.parent.name / f"{i // 100:02d}" / f"{f.stem}_{i:04d}.txt").write_text(text, encoding="utf-8")
    return docs, texts


def run_import(folder: Path, corpus: Path) -> tuple[float, dict[str, object]]:
    t0 = time.perf_counter()
    r = subprocess.run([EVOLVE, "import", str(folder), "--out", str(corpus), "--json"], capture_output=True,
                       text=True, timeout=7200)
    seconds = time.perf_counter() - t0
    if r.returncode != 0:
        raise SystemExit(f"import of {folder} failed: {r.stderr[-2000:]}")
    return seconds, json.loads(r.stdout)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=1000)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        docs, texts = build(args.n, out)
        base_seconds, _ = run_import(texts, out / "c-txt")
        seconds, summary = run_import(docs, out / "c-doc")
        rows = list(csv.DictReader((out / "c-doc" / "manifest.csv").open(encoding="utf-8-sig")))
        formats = {r.get("format") for r in rows}
        articles = want = 0
        for r in rows[:: max(1, len(rows) // 100)]:  # about a hundred documents
            text = read_document(docs / r["source_file"]).text
            want += len(re.findall(r"^\s*第[一二三四五六七八九十百]+条", text, re.M))
            p = subprocess.run([EVOLVE, "parse", "--corpus", str(out / "c-doc"), r["id"], "--json"],
                               capture_output=True, text=True, timeout=600)
            found = set()  # an article of several paragraphs is in their path
            for x in json.loads(p.stdout)["provisions"]:
                for name in [x.get("label") or "", *(x.get("path") or [])]:
                    if re.fullmatch(r"第[一二三四五六七八九十百]+条", name.strip()):
                        found.add(name.strip())
            articles += len(found)
        print(f"{args.n} .doc files: {len(rows)} documents, {len(summary.get('duplicates') or [])} duplicates, "
              f"{len(summary.get('skipped') or [])} skipped; formats {sorted(f for f in formats if f)}")
        print(f"articles (第N条) in a sample of parsed documents: {articles} (text lines: {want})")
        print(f"import of the .doc files: {seconds:.1f} s; baseline, the same texts as UTF-8 .txt: "
              f"{base_seconds:.1f} s")


if __name__ == "__main__":
    main()
