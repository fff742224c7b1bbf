"""evolve's Word 97–2003 (.doc) reader beside LibreOffice's text export, on a folder of real files.

Usage: python bench/doc_vs_libreoffice.py [FOLDER] [--lo-cache DIR]
(FOLDER defaults to ../shared/corpora/real-files/regulations; every OLE Word file in it, whatever
its extension, is read). LibreOffice (``soffice --convert-to txt``) is the baseline: its text is
written to DIR (a temporary folder unless given; an existing DIR is reused). For each file the
script prints the agreement of the two texts with whitespace removed (rapidfuzz's ratio, 100 =
identical), the 第N条 articles each finds, and the seconds each takes; then the totals.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from rapidfuzz.fuzz import ratio

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from evolve.readers import read_document  # noqa: E402

OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ARTICLE = re.compile(r"^\s*第([一二三四五六七八九十百零〇]+)条", re.M)


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def libreoffice(files: list[Path], cache: Path) -> tuple[dict[Path, str], float]:
    """LibreOffice's text of each file (converted once into ``cache``) and the seconds it took."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    out: dict[Path, str] = {}
    todo = []
    for i, f in enumerate(files):
        target = cache / f"{i:04d}.txt"
        if not target.exists():
            todo.append((f, target))
    seconds = 0.0
    if todo and soffice:
        with tempfile.TemporaryDirectory() as tmp:
            links = []
            for f, target in todo:
                link = Path(tmp) / (target.stem + ".doc")
                link.symlink_to(f.resolve())
                links.append(str(link))
            t0 = time.perf_counter()
            subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{tmp}/profile",
                            "--convert-to", "txt:Text (encoded):UTF8", "--outdir", str(cache), *links],
                           capture_output=True, timeout=3600)
            seconds = time.perf_counter() - t0
    for i, f in enumerate(files):
        target = cache / f"{i:04d}.txt"
        if target.exists():
            out[f] = target.read_text(encoding="utf-8-sig", errors="replace")
    return out, seconds


def main() -> None:
    args = sys.argv[1:]
    cache_dir = None
    if "--lo-cache" in args:
        i = args.index("--lo-cache")
        cache_dir = Path(args[i + 1])
        del args[i:i + 2]
    folder = Path(args[0]) if args else ROOT.parent / "shared" / "corpora" / "real-files" / "regulations"
    files = sorted(p for p in folder.rglob("*") if p.is_file() and p.read_bytes()[:8] == OLE)
    if not files:
        raise SystemExit(f"no OLE Word files under {folder}")
    cache = cache_dir or Path(tempfile.mkdtemp(prefix="lo-txt-"))
    cache.mkdir(parents=True, exist_ok=True)
    lo, lo_seconds = libreoffice(files, cache)
    ours_seconds = 0.0
    scores = []
    same_articles = 0
    print(f"{'agree':>6} {'arts':>5} {'LO':>5} {'ms':>6}  file")
    for f in files:
        t0 = time.perf_counter()
        text = read_document(f).text
        ms = (time.perf_counter() - t0) * 1000
        ours_seconds += ms / 1000
        if f not in lo:
            print(f"{'-':>6} {len(ARTICLE.findall(text)):>5} {'-':>5} {ms:6.1f}  {f.relative_to(folder)}")
            continue
        score = ratio(squeeze(text), squeeze(lo[f]))
        scores.append(score)
        ours_n, lo_n = len(ARTICLE.findall(text)), len(ARTICLE.findall(lo[f]))
        same_articles += ours_n == lo_n
        print(f"{score:6.1f} {ours_n:5d} {lo_n:5d} {ms:6.1f}  {f.relative_to(folder)}")
    print(f"\n{len(files)} OLE Word files; LibreOffice text for {len(scores)}")
    if scores:
        exact = sum(s == 100 for s in scores)
        print(f"agreement (whitespace removed): mean {sum(scores) / len(scores):.2f}, min {min(scores):.1f}, "
              f"identical {exact}/{len(scores)}; same number of 第N条 lines {same_articles}/{len(scores)}")
    print(f"evolve's reader: {ours_seconds:.2f} s in all, {ours_seconds / len(files) * 1000:.1f} ms a file")
    if lo_seconds:
        print(f"LibreOffice --convert-to txt (baseline): {lo_seconds:.1f} s in all, "
              f"{lo_seconds / max(len(scores), 1) * 1000:.0f} ms a file")


if __name__ == "__main__":
    main()
