"""Benchmark of ``evolve import`` on a collection like a researcher's (not a test).

Generates a folder tree of plans (province / city / year folders) in the formats they are
published in: PDF (with a running header and page numbers), DOCX (Word list numbering, a task
table), Markdown (front matter, headings, lists), HTML (a page with navigation and scripts) and
text in UTF-8, UTF-8 with BOM, GB18030, Big5 (Traditional) and UTF-16; file names carry the year
or the date the way collections do (``2016.txt``, ``2024-03-05_…pdf``, ``…2016.docx``) or carry
nothing (the date is in a date line). About 1.5 % are bad files: empty, binary junk, ``.doc``,
scanned PDFs without text, DOCX cut short, a BOM that does not match, Word lock files.

Then ``evolve import`` (with its index), ``evolve corpus``, ``evolve trends`` and ``evolve reuse``
run on the result, each timed; the same documents imported as plain UTF-8 .txt files are the
baseline. Printed: files kept out of the readable ones, bad files named, provisions found
verbatim in the imported text, years recovered, and the times.

    python bench/import_bench.py               # 3,000 documents
    python bench/import_bench.py --n 300       # a quick run
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from reuse_bench import Generator, _cn  # noqa: E402

EVOLVE = os.environ.get("EVOLVE", str(ROOT / ".venv" / "bin" / "evolve"))
FORMATS = (("pdf", 0.30), ("docx", 0.25), ("md", 0.20), ("html", 0.10), ("txt", 0.15))
TEXT_ENCODINGS = ("utf-8", "utf-8-sig", "gb18030", "big5", "utf-16")


def _sections(provisions: list[str]) -> list[tuple[str, list[str]]]:
    names = ("总体要求", "重点任务", "保障措施")
    k = max(1, len(provisions) // 3)
    return [(f"{_cn(i + 1)}、{name}", provisions[i * k:(i + 1) * k] if i < 2 else provisions[2 * k:])
            for i, name in enumerate(names)]


def _title(d: dict[str, object]) -> str:
    return f"{d['place']}数字政府建设实施方案({d['year']}年)"


def _date(d: dict[str, object], rng: random.Random) -> str:
    return f"{d['year']}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"


def _name(d: dict[str, object], fmt: str, rng: random.Random, date: str) -> tuple[str, bool]:
    """A file name the way collections name files; whether the text must carry the date."""
    style = rng.random()
    if style < 0.3:
        return f"{date}_{d['place']}实施方案_{d['i']}.{fmt}", False
    if style < 0.5:
        return f"{d['place']}数字政府建设方案{d['year']}_{d['i']}.{fmt}", False
    if style < 0.6 and fmt == "txt":
        return f"{d['year']}.{fmt}", False  # alone in its folder (year folders)
    return f"plan_{d['i']:05d}.{fmt}", True


def _lines(d: dict[str, object], dated: bool, date: str) -> list[str]:
    y, mo, da = date.split("-")
    lines = [_title(d)]
    if dated:
        lines.append(f"——{y}年{int(mo)}月{int(da)}日在{d['place']}市人民政府常务会议上")
    for heading, items in _sections(d["provisions"]):  # type: ignore[arg-type]
        lines.append(heading)
        lines += [f"({_cn(k)}){text}" for k, text in enumerate(items, start=1)]
    return lines


def write_document(d: dict[str, object], folder: Path, fmt: str, rng: random.Random) -> Path:
    from tests.makedocs import make_docx, make_pdf

    date = _date(d, rng)
    name, dated = _name(d, fmt, rng, date)
    if name[:4].isdigit() and name[4] == ".":
        folder = folder / f"{d['i']:05d}"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    lines = _lines(d, dated, date)
    if fmt == "pdf":
        heads = frozenset(i for i, line in enumerate(lines) if not line.startswith("("))
        # layouts vary: type size, leading, margins, header or none, page number styles
        size = rng.choice((10.5, 12.0, 14.0, 16.0))
        pitch = size * rng.uniform(1.3, 1.9)
        margin = rng.uniform(60, 90)
        make_pdf(path, lines, header=rng.choice((f"{d['place']}市人民政府办公室", None)), headings=heads,
                 size=size, pitch=pitch, margin=margin, lines_per_page=int((842 - 2 * margin - 40) // pitch),
                 number_format=rng.choice(("— {n} —", "- {n} -", "{n}", "第{n}页", "第 {n} 页 共 {total} 页")))
    elif fmt == "docx":
        blocks: list[tuple[str, object]] = [("heading", lines[0])]
        if dated:
            blocks.append(("p", lines[1]))
        numbered = rng.random() < 0.6  # Word's list numbering, or labels typed in the text
        for heading, items in _sections(d["provisions"]):  # type: ignore[arg-type]
            if numbered:
                blocks.append(("item", (0, heading.split("、", 1)[1])))
                blocks += [("item", (1, text)) for text in items]
            else:
                blocks.append(("p", heading))
                blocks += [("p", f"({_cn(k)}){text}") for k, text in enumerate(items, start=1)]
        # the task table, as plans attach it
        blocks.append(("p", "附件:重点任务分工表"))
        blocks.append(("table", [["序号", "任务", "责任单位"], ["1", "建设数字政府", f"{d['place']}市大数据局"]]))
        make_docx(path, blocks)
    elif fmt == "md":
        body = [f"---\ntitle: {lines[0]}\n---", f"# {lines[0]}"]
        for line in lines[1:]:
            body.append(f"## {line}" if "、" in line[:3] else f"**{line[:3]}**{line[3:]}" if line[0] == "(" else line)
        path.write_text("\n\n".join(body) + "\n", encoding="utf-8")
    elif fmt == "html":
        paras = "".join(f"<p>{line}</p>" for line in lines[1:])
        page = (f"<html><head><meta charset='gb18030'><title>{lines[0]}</title><script>var nav=1;</script>"
                f"</head><body><div class='nav'>首页 | 政务公开 | 政策文件</div><h1>{lines[0]}</h1>{paras}"
                "<div class='footer'>打印本页 关闭窗口</div></body></html>")
        path.write_bytes(page.encode("gb18030", errors="replace"))
    else:
        enc = rng.choice(TEXT_ENCODINGS)
        text = "\n".join(lines) + "\n"
        if enc == "big5":
            import opencc

            text = opencc.OpenCC("s2t").convert(text)
        path.write_bytes(text.encode(enc, errors="replace"))
    return path


def write_bad(folder: Path, k: int, rng: random.Random) -> Path:
    from tests.makedocs import make_scanned_pdf

    folder.mkdir(parents=True, exist_ok=True)
    kind = k % 7
    if kind == 0:
        p = folder / f"empty_{k}.txt"
        p.write_bytes(b"")
    elif kind == 1:
        p = folder / f"junk_{k}.txt"
        p.write_bytes(bytes(rng.randrange(256) for _ in range(4000)))
    elif kind == 2:
        p = folder / f"old_{k}.doc"
        p.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(rng.randrange(256) for _ in range(2000)))
    elif kind == 3:
        p = make_scanned_pdf(folder / f"scan_{k}.pdf")
    elif kind == 4:
        p = folder / f"cut_{k}.docx"
        p.write_bytes(b"PK\x03\x04" + bytes(rng.randrange(256) for _ in range(500)))
    elif kind == 5:
        p = folder / f"bom_{k}.txt"
        p.write_bytes(b"\xef\xbb\xbf" + "为贯彻落实国家数字经济发展战略加快建设数字政府".encode("gb18030") * 20)
    else:
        p = folder / f"~$lock_{k}.docx"
        p.write_bytes(b"\x05Owner" + b"\x00" * 156)
    return p


def generate(n: int, root: Path, seed: int) -> tuple[list[dict[str, object]], dict[str, str], list[str]]:
    rng = random.Random(seed)
    docs = Generator(seed).corpus(n)
    files: dict[str, str] = {}  # relative path -> format
    for d in docs:
        fmt = rng.choices([f for f, _ in FORMATS], [w for _, w in FORMATS])[0]
        folder = root / str(d["province"] or "全国") / str(d["place"]) / str(d["year"])
        path = write_document(d, folder, fmt, rng)
        d["file"] = str(path.relative_to(root))
        files[d["file"]] = fmt  # type: ignore[index]
    bad = [str(write_bad(root / "待整理" / f"batch{k % 5}", k, rng).relative_to(root))
           for k in range(max(7, int(n * 0.015)))]
    return docs, files, bad


def _run(args: list[str]) -> tuple[float, str]:
    t = time.perf_counter()
    res = subprocess.run([EVOLVE, *args], capture_output=True, text=True, env={**os.environ, "COLUMNS": "200"})
    if res.returncode != 0:
        raise SystemExit(f"evolve {' '.join(args)} failed ({res.returncode}): {res.stderr[-2000:]}")
    return time.perf_counter() - t, res.stdout


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=3000)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="import-bench-"))
    src = tmp / "收集"
    t0 = time.perf_counter()
    docs, files, bad = generate(args.n, src, args.seed)
    gen = time.perf_counter() - t0
    by_fmt = {f: sum(1 for v in files.values() if v == f) for f, _ in FORMATS}
    print(f"generated {len(files)} readable files {by_fmt} and {len(bad)} bad ones in {gen:.0f} s under {src}")

    # baseline: the same documents as UTF-8 text files
    plain = tmp / "plain"
    plain.mkdir()
    for d in docs:
        (plain / f"{d['i']:05d}.txt").write_text("\n".join(_lines(d, True, f"{d['year']}-06-01")) + "\n",
                                                 encoding="utf-8")
    base_s, _ = _run(["import", str(plain), "--out", str(tmp / "plain-corpus"), "--json"])

    import_s, out = _run(["import", str(src), "--out", str(tmp / "corpus"), "--json"])
    summary = json.loads(out)
    skipped = {s["file"] for s in summary["skipped"]}
    readable_skipped = sorted(skipped - set(bad))
    unnamed_bad = sorted(set(bad) - skipped)
    kept = len(files) - len(readable_skipped)
    print(f"import: {summary['documents']} documents written, {kept}/{len(files)} readable files kept "
          f"({100 * kept / len(files):.2f} %), {len(skipped & set(bad))}/{len(bad)} bad files named; "
          f"index: {summary['index']['parsed']} parsed, {len(summary['index']['failed'])} failed")
    for f in readable_skipped[:10]:
        print(f"  readable but skipped: {f}: {next(s['reason'] for s in summary['skipped'] if s['file'] == f)}")
    for f in unnamed_bad[:10]:
        print(f"  bad but not named: {f}")
    reasons: dict[str, int] = {}
    for s in summary["skipped"]:
        key = re.sub(r"\(.*", "", s["reason"])[:60]
        reasons[key] = reasons.get(key, 0) + 1
    for reason, count in sorted(reasons.items(), key=lambda kv: -kv[1]):
        print(f"  skipped {count:4d}: {reason}")

    import opencc

    from evolve.corpus import read_manifest

    s2t = opencc.OpenCC("s2t")  # Big5 files hold Traditional text: compare like with like
    corpus = tmp / "corpus"
    entries = {e.meta.get("source_file"): e for e in read_manifest(corpus)}
    found = total = year_ok = dated = 0
    misses: list[tuple[str, str]] = []
    fmt_found: dict[str, list[int]] = {}
    for d in docs:
        e = entries.get(str(d["file"]))
        if e is None:
            continue
        text = re.sub(r"\s", "", e.path.read_text(encoding="utf-8"))
        provisions = [re.sub(r"\s", "", p) for p in d["provisions"]]  # type: ignore[union-attr]
        if e.meta.get("encoding") == "big5":  # as written: Traditional, without what Big5 lacks
            provisions = [s2t.convert(p).encode("big5", "replace").decode("big5") for p in provisions]
        hits = sum(1 for p in provisions if p in text)
        misses += [(str(d["file"]), p) for p in provisions if p not in text][:2]
        fmt = files[str(d["file"])]
        fmt_found.setdefault(fmt, [0, 0])
        fmt_found[fmt][0] += hits
        fmt_found[fmt][1] += len(d["provisions"])  # type: ignore[arg-type]
        found += hits
        total += len(d["provisions"])  # type: ignore[arg-type]
        dated += 1
        year_ok += e.meta.get("year") == str(d["year"])
    print(f"provisions found verbatim in the imported text: {found}/{total} ({100 * found / max(total, 1):.2f} %); "
          + ", ".join(f"{f} {100 * a / max(b, 1):.1f} %" for f, (a, b) in sorted(fmt_found.items())))
    for file, p in misses[:3]:
        print(f"  not found in {file}: {p[:60]}…")
    print(f"years in the manifest (file name, date line, front matter): {year_ok}/{dated}")

    # trends and reuse read the documents through the index (no re-parsing); corpus parses them
    corpus_s, out = _run(["corpus", "--corpus", str(corpus), "--json"])
    parsed = {r["id"]: r for r in json.loads(out)["documents"]}
    rows = len(parsed)
    by_file = {e.meta.get("source_file"): parsed.get(e.id) for e in entries.values()}
    title_ok = place_ok = level_ok = items_ok = seen = 0
    item_misses: dict[str, list[str]] = {}
    for d in docs:
        r = by_file.get(str(d["file"]))
        if r is None:
            continue
        seen += 1
        title_ok += r["title"] == _title(d)
        place_ok += r["place"] == d["place"]
        level_ok += r["level"] == d["level"]  # 吉林, 海南 …: a province's and a city's short name
        items_ok += r["items"] == len(d["provisions"])  # type: ignore[arg-type]
        if r["items"] != len(d["provisions"]):  # type: ignore[arg-type]
            item_misses.setdefault(files[str(d["file"])], []).append(f"{r['id']} {r['items']}/{len(d['provisions'])}")
    print(f"parsed: title {title_ok}/{seen}, place {place_ok}/{seen}, level {level_ok}/{seen}, "
          f"every item found {items_ok}/{seen}"
          + "".join(f"; {f}: {len(v)} ({', '.join(v[:2])})" for f, v in sorted(item_misses.items())))
    trends_s, out = _run(["trends", "--corpus", str(corpus), "--terms", "5G,数据要素,一网通办", "--json"])
    trend_docs = len(json.loads(out)["documents"])
    reuse_s, out = _run(["reuse", str(corpus), "--json"])
    pairs = len(json.loads(out)["pairs"])
    print(f"times: baseline import of {len(docs)} UTF-8 .txt {base_s:.0f} s; import {import_s:.0f} s "
          f"(reading every format, index included); corpus {corpus_s:.0f} s ({rows} rows); "
          f"trends {trends_s:.0f} s ({trend_docs} documents); reuse {reuse_s:.0f} s ({pairs} pairs)")
    print(f"(files kept in {tmp})")


if __name__ == "__main__":
    main()
