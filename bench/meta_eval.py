"""Titles, dates and years read from real files, scored against hand-written gold.

    .venv/bin/python bench/meta_eval.py            # figures
    .venv/bin/python bench/meta_eval.py --errors   # and every miss

- policy PDFs (``../shared/corpora/real-files/pdfs``) against ``tests/gold/pdf_meta.csv``:
  title right (the document's title or the other form the gold allows, compared without spaces
  and with full-width punctuation folded), year right (a year where the text states none is
  wrong), date right where the gold has one. Landing pages are left out (they hold no policy).
- regulations (``real-files/regulations``) against ``tests/gold/regulations.csv`` where that gold
  exists, else against the file name after ``YYYY_`` (which is right for these files): titles of
  the files evolve reads, and the year and date where the gold gives them.
- work reports: the year of the city reports (``city-reports-2024``) and of the provincial 2026
  reports (their ``full_text`` alone, without the year column) against ``tests/gold/report_years.csv``.

The baseline is the file name alone (``metadata.from_file_name``): the title and year a folder of
downloads gives without reading the text.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
import unicodedata
from pathlib import Path

# Measure the checkout this script is in, not whichever evolve the venv has installed.
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from evolve.errors import InputError  # noqa: E402
from evolve.metadata import from_file_name  # noqa: E402
from evolve.parse import parse_file, parse_text  # noqa: E402

SHARED = Path("/work/shared/corpora")
GOLD = ROOT / "tests" / "gold"


def norm(title: str | None) -> str:
    """A title compared without spaces, quotes and width differences (the normaliser folds
    full-width punctuation; the gold keeps the page's)."""
    t = unicodedata.normalize("NFKC", title or "")
    return re.sub(r"[\s“”\"'‘’「」]", "", t)


def read_csv(path: Path, encoding: str = "utf-8") -> list[dict[str, str]]:
    with open(path, encoding=encoding, newline="") as f:
        return list(csv.DictReader(f))


def same_issuer(found: str | None, gold: str) -> bool:
    """The gold's first issuer is named in the one found (中华人民共和国/中国 before it optional)."""
    short = re.compile(r"^(?:中华人民共和国|中国)")
    first = short.sub("", gold.split()[0])
    return bool(found) and first in short.sub("", norm(found))


def pdfs(errors: bool) -> None:
    rows = [r for r in read_csv(GOLD / "pdf_meta.csv") if r["kind"] != "landing"]
    score = {"title": 0, "year": 0, "date": 0, "base_title": 0, "base_year": 0, "issuer": 0}
    with_issuer = sum(1 for r in rows if r["issuer"])
    dated = sum(1 for r in rows if r["date"])
    for r in rows:
        path = SHARED / "real-files" / "pdfs" / r["file"]
        meta = parse_file(path).meta
        named = from_file_name(r["file"])
        right = {norm(r["title"])} | ({norm(r["title_also"])} if r["title_also"] else set())
        gold_year = int(r["year"]) if r["year"] else None
        checks = {
            "title": norm(meta.title) in right,
            "year": meta.year == gold_year,
            "date": bool(r["date"]) and meta.date == r["date"],
            "base_title": norm(named.get("title")) in right,
            "base_year": (int(named["year"]) if "year" in named else None) == gold_year,
            "issuer": bool(r["issuer"]) and same_issuer(meta.issuer, r["issuer"]),
        }
        for key, ok in checks.items():
            score[key] += ok
        if errors and not (checks["title"] and checks["year"] and (checks["date"] or not r["date"])):
            print(f"  {r['file'][:40]}: title {meta.title!r} [{meta.sources.get('title')}] "
                  f"gold {r['title']!r}; "
                  f"year {meta.year} [{meta.sources.get('year')}] gold {r['year'] or None}; "
                  f"date {meta.date} [{meta.sources.get('date')}] gold {r['date'] or None}")
    n = len(rows)
    print(f"policy PDFs ({n} with a document; landing pages left out):")
    print(f"  title right  {score['title']}/{n} = {score['title'] / n:.0%}"
          f"   (file name alone: {score['base_title']}/{n})")
    print(f"  year right   {score['year']}/{n} = {score['year'] / n:.0%}   (file name alone: {score['base_year']}/{n})")
    print(f"  date right   {score['date']}/{dated} = {score['date'] / dated:.0%}   (of those whose text states a date)")
    print(f"  issuer named {score['issuer']}/{with_issuer} = {score['issuer'] / with_issuer:.0%}"
          "   (the gold's first issuer, short or long form, is in the one found)")


def regulations(errors: bool) -> None:
    folder = SHARED / "real-files" / "regulations"
    gold_file = GOLD / "regulations.csv"
    gold: dict[str, dict[str, str]] = {}
    if gold_file.exists():
        gold = {r["file"]: r for r in read_csv(gold_file)}
    files = sorted(p for p in folder.rglob("*") if p.is_file())
    read = titles = years = dates = with_date = adopted = with_adopted = 0
    for path in files:
        rel = str(path.relative_to(folder))
        row = gold.get(rel) or {"title": re.sub(r"^\d{4}_", "", path.stem), "year": path.stem[:4], "date": ""}
        try:
            meta = parse_file(path).meta
        except InputError:
            continue
        read += 1
        ok_title = norm(meta.title) == norm(row["title"])
        ok_year = str(meta.year) == row["year"]
        titles += ok_title
        years += ok_year
        if row.get("date"):
            with_date += 1
            dates += meta.date == row["date"]
        if row.get("adopted"):
            with_adopted += 1
            adopted += (meta.first_date or meta.date) == row["adopted"]
        if errors and not (ok_title and ok_year):
            print(f"  {rel}: title {meta.title!r} [{meta.sources.get('title')}] gold {row['title']!r}; "
                  f"year {meta.year} [{meta.sources.get('year')}] gold {row['year']}")
    against = "tests/gold/regulations.csv" if gold else "the file names after YYYY_"
    print(f"regulations ({read} of {len(files)} files read; gold: {against}):")
    if read:
        print(f"  title right  {titles}/{read} = {titles / read:.0%}")
        print(f"  year right   {years}/{read} = {years / read:.0%}")
    if with_date:
        print(f"  date right   {dates}/{with_date} = {dates / with_date:.0%}   (the latest adoption or approval)")
    if with_adopted:
        print(f"  first adoption right {adopted}/{with_adopted} = {adopted / with_adopted:.0%}"
              "   (first_date, else date)")


def reports(errors: bool) -> None:
    csv.field_size_limit(1 << 30)
    rows = read_csv(GOLD / "report_years.csv")
    for collection in ("city-reports-2024", "provincial-2026"):
        mine = [r for r in rows if r["collection"] == collection]
        right = 0
        for r in mine:
            path = SHARED / collection / r["file"]
            if path.suffix == ".csv":
                text = read_csv(path, encoding="utf-8-sig")[0]["full_text"]
                meta = parse_text(text).meta
            else:
                meta = parse_file(path).meta
            ok = meta.year == int(r["year"])
            right += ok
            if errors and not ok:
                print(f"  {r['file']}: year {meta.year} [{meta.sources.get('year')}] gold {r['year']}")
        named = sum(1 for r in mine if from_file_name(r["file"]).get("year") == r["year"])
        print(f"{collection}: year from the text right {right}/{len(mine)} (file name alone: {named}/{len(mine)})")


def speed(n: int) -> None:
    """Reading the metadata of ``n`` documents (the real reports and PDFs' normalised texts, cycled),
    against reading only their file names."""
    import itertools
    import time

    from evolve import metadata
    from evolve.normalize import normalise
    from evolve.segment import segment

    paths = sorted((SHARED / "city-reports-2024").glob("*.txt")) + sorted((SHARED / "work-reports").glob("*.txt"))
    prepared = []
    for path in paths:
        norm_text = normalise(path.read_text(encoding="utf-8"))
        prepared.append((list(segment(norm_text.text).letterhead), norm_text.text,
                         [line for _, line in norm_text.removed], path.name))
    docs = list(itertools.islice(itertools.cycle(prepared), n))
    start = time.perf_counter()
    for letterhead, text, removed, name in docs:
        metadata.extract(letterhead, text, removed, file_name=name)
    took = time.perf_counter() - start
    start = time.perf_counter()
    for *_, name in docs:
        from_file_name(name)
    base = time.perf_counter() - start
    chars = sum(len(d[1]) for d in docs) // n
    print(f"metadata of {n} documents ({chars:,} characters each on average): {took:.1f} s, "
          f"{1000 * took / n:.1f} ms a document (file names alone: {1000 * base / n:.3f} ms)")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--errors", action="store_true", help="print every miss")
    ap.add_argument("--speed", type=int, metavar="N", help="also time the metadata of N documents (1000)")
    args = ap.parse_args()
    if args.speed:
        speed(args.speed)
    pdfs(args.errors)
    regulations(args.errors)
    reports(args.errors)


if __name__ == "__main__":
    main()
