"""Reuse on collections like real ones: heavy repetition, boilerplate, notices, shared preambles.

No real collection of thousands of laws is on this machine, so this script builds two from real
prose (the State Council work reports 1978-2012 in /work/shared/corpora/work-reports and the
bundled plans) and measures ``evolve import`` + ``evolve reuse --json --out`` on them, run as the
commands a user types, in fresh processes:

* ``laws``: ``--docs`` (default 3,500) regulations, notices and implementation plans of a
  national, provincial and city layer. Every regulation repeats the same articles in hundreds of
  documents with small changes (为了规范…制定本办法, 本办法由…负责解释, 本办法自…起施行, repeal
  clauses), every notice its formulas (现将…印发给你们, 请结合实际认真贯彻执行, 各地区各部门要…),
  implementation plans copy provisions of a national document (verbatim, lightly edited, or a
  paragraph inside a longer provision of their own) and their preambles (为深入贯彻落实…).
  The check: of the paragraphs (lines of the documents' text, numbering removed, at least 15
  characters without punctuation) that occur verbatim in two or more documents, the share that
  appears in the output (``pairs.parquet`` or ``family_members.parquet``) in at least two of
  those documents; and the share of their occurrences that appear.
* ``sheet``: a 221-policy spreadsheet (XLSX; 标题, 正文, 发布日期, 地区) of opinions and plans,
  some sharing preamble paragraphs (数据是国家基础战略性资源和重要生产要素……) and provisions, some
  with a table of contents. The check: every pair of paragraphs of different policies with
  ``rapidfuzz.fuzz.ratio >= 80`` (brute force over all paragraph pairs; tables of contents
  excluded, as the import removes them) is reported when some reported pair holds the two
  paragraphs (each side's text contains one).

    python bench/reuse_real.py                    # both collections
    python bench/reuse_real.py --only sheet
    python bench/reuse_real.py --docs 1000 --only laws
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
REPORTS = Path("/work/shared/corpora/work-reports")
EVOLVE = [sys.executable, "-m", "evolve"]

PROVINCES = ["河北", "山西", "辽宁", "吉林", "黑龙江", "江苏", "浙江", "安徽", "福建", "江西", "山东",
             "河南", "湖北", "湖南", "广东", "海南", "四川", "贵州", "云南", "陕西", "甘肃", "青海"]
CITIES = ["石家庄", "唐山", "太原", "大同", "沈阳", "大连", "长春", "吉林", "哈尔滨", "南京", "苏州",
          "无锡", "杭州", "宁波", "温州", "合肥", "芜湖", "福州", "厦门", "南昌", "赣州", "济南", "青岛",
          "烟台", "郑州", "洛阳", "武汉", "宜昌", "长沙", "株洲", "广州", "深圳", "佛山", "海口", "成都",
          "绵阳", "贵阳", "遵义", "昆明", "西安", "宝鸡", "兰州", "西宁"]
SUBJECTS = ["政务数据共享", "公共数据开放", "安全生产", "生态环境保护", "城市供水", "物业管理",
            "农村集体资产", "养老服务", "消防安全", "建筑工程质量", "食品安全", "道路运输",
            "科技成果转化", "人才引进", "住房公积金", "市场监管", "档案工作", "应急管理",
            "社会信用体系", "优化营商环境", "电子政务", "城市管理综合执法", "河道管理", "文物保护"]
LAWS = ["中华人民共和国行政许可法", "中华人民共和国安全生产法", "中华人民共和国环境保护法",
        "中华人民共和国网络安全法", "中华人民共和国数据安全法", "优化营商环境条例", "政府信息公开条例"]
DEPTS = ["市人民政府办公厅", "市司法局", "市大数据管理局", "市生态环境局", "市应急管理局", "市市场监督管理局",
         "市住房和城乡建设局", "市民政局", "市科技局"]
DATA_PREAMBLE = ("数据是国家基础战略性资源和重要生产要素。加快培育数据要素市场,推进数据资源开发利用,"
                 "对于激活数据要素潜能、做强做优做大数字经济、构建新发展格局具有重要意义。")
NOTICE_FORMULAS = ["现将《{title}》印发给你们,请结合实际认真贯彻执行。",
                   "各地区各部门要充分认识{subject}工作的重要意义,加强组织领导,结合实际认真抓好贯彻落实。",
                   "执行中遇到的重要问题,请及时向{dept}报告。"]
_CN = "一二三四五六七八九十"


def cn(n: int) -> str:
    if n <= 10:
        return _CN[n - 1]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else _CN[tens - 1]) + "十" + (_CN[ones - 1] if ones else "")


class Prose:
    """Sentences of real prose (work reports and the bundled plans) to build paragraphs from."""

    def __init__(self, rng: random.Random) -> None:
        from evolve.corpus import load_corpus

        self.rng = rng
        sents: list[str] = []
        for path in sorted(REPORTS.glob("*.txt")):
            for line in path.read_text(encoding="utf-8").splitlines():
                sents += [s + "。" for s in line.strip().split("。") if 12 <= len(s) <= 90]
        for d in load_corpus():
            for p in d.provisions:
                sents += [c for c in p.clauses if 12 <= len(c) <= 90]
        # Sentences holding a numbering label (二、, (三), 第五条 …) would be split by the parser
        # at the label, in every document alike: leave them out of the prose.
        label = re.compile(r"[一二三四五六七八九十]+、|[(（][一二三四五六七八九十\d]+[)）]|"
                           r"第[一二三四五六七八九十百\d]+[条章节篇]|^第[一二三四五六七八九十]|^\d+[.、]")
        self.sents = sorted({s for s in sents if not label.search(s)})

    def paragraph(self, lo: int = 2, hi: int = 4) -> str:
        return "".join(self.rng.sample(self.sents, self.rng.randint(lo, hi)))

    def edit(self, text: str, place: str) -> str:
        """A light edit: a place name, one sentence dropped or one added."""
        r = self.rng
        text = re.sub("国家|全国|全省|全市", place, text, count=2)
        sents = [s for s in text.split("。") if s]
        if len(sents) >= 3 and r.random() < 0.5:
            del sents[r.randrange(len(sents))]
        elif r.random() < 0.5:
            sents.insert(r.randrange(len(sents) + 1), r.choice(self.sents).rstrip("。"))
        return "。".join(sents) + "。"


# --- the laws-like collection ---------------------------------------------------------------


def _regulation(p: Prose, place: str, level: str, year: int, subject: str, parent: list[str] | None,
                r: random.Random) -> tuple[str, list[str]]:
    """A 管理办法 of chapters and articles; returns (text, its own articles for children to copy)."""
    title = f"{place}{subject}管理办法"
    law = r.choice(LAWS)
    here = "省" if level == "province" else "市"
    arts = [f"为了规范{subject}管理,保障各方合法权益,根据《{law}》等有关法律法规,结合本{here}实际,制定本办法。",
            f"本办法适用于本{here}行政区域内的{subject}及其监督管理活动。"]
    body = []
    for _ in range(r.randint(40, 80)):
        if parent and r.random() < 0.35:
            src = r.choice(parent)
            body.append(src if r.random() < 0.5 else p.edit(src, place))
        else:
            body.append(p.paragraph(1, 3))
    tail = [f"本办法由{r.choice(DEPTS).replace('市', place if level != 'national' else '国务院')}负责解释。",
            f"本办法自{year}年{r.randint(1, 12)}月{r.randint(1, 28)}日起施行。"]
    if r.random() < 0.4:
        tail.append(f"{year - r.randint(3, 12)}年{r.randint(1, 12)}月{r.randint(1, 28)}日发布的"
                    f"《{place}{subject}管理暂行办法》同时废止。")
    chapters = [("总则", arts), ("管理与服务", body[: len(body) // 2]),
                ("监督检查", body[len(body) // 2 :]), ("附则", tail)]
    lines, n = [title], 0
    for c, (name, items) in enumerate(chapters, start=1):
        lines.append(f"第{cn(c)}章 {name}")
        for a in items:
            n += 1
            lines.append(f"第{cn(n)}条 {a}")
    return "\n".join(lines) + "\n", body


def _plan(p: Prose, place: str, level: str, year: int, subject: str, parent: dict[str, object] | None,
          r: random.Random) -> tuple[str, dict[str, object]]:
    """A notice with an implementation plan attached; copies the parent plan's items and preamble."""
    kind = "省" if level == "province" else "市" if level != "national" else "国"
    issuer = "国务院办公厅" if level == "national" else f"{place}{'省' if level == 'province' else '市'}人民政府办公厅"
    plan_title = f"{place}{subject}实施方案" if level != "national" else f"关于加快推进{subject}的指导意见"
    own_pre = p.paragraph(2, 3)
    preambles = [own_pre]
    if parent:
        preambles = [str(parent["preamble"]) if r.random() < 0.7 else own_pre]
        if r.random() < 0.3:
            preambles.append(DATA_PREAMBLE)
    elif r.random() < 0.3:
        preambles.append(DATA_PREAMBLE)
    items: list[str] = []
    parent_items = list(parent["items"]) if parent else []  # type: ignore[call-overload]
    for _ in range(r.randint(20, 40)):
        if parent_items and r.random() < 0.4:
            src = r.choice(parent_items)
            how = r.random()
            if how < 0.45:
                items.append(src)
            elif how < 0.75:
                items.append(p.edit(src, place))
            else:  # the parent's paragraph inside a longer provision of our own
                items.append(p.paragraph(1, 2) + "\n" + src)
        else:
            items.append(p.paragraph(2, 4))
    num = f"{place[:1]}政办发〔{year}〕{r.randint(1, 99)}号"
    lines = [f"{issuer}关于印发{plan_title}的通知", num,
             "各区人民政府,市政府各委、办、局:" if kind == "市" else "各市人民政府,省政府各部门:",
             NOTICE_FORMULAS[0].format(title=plan_title),
             NOTICE_FORMULAS[1].format(subject=subject),
             NOTICE_FORMULAS[2].format(dept=r.choice(DEPTS).replace("市", place)),
             issuer, f"{year}年{r.randint(1, 12)}月{r.randint(1, 28)}日", "附件", plan_title, *preambles,
             "一、总体要求", f"(一)指导思想。{p.paragraph(2, 3)}", "二、重点任务"]
    for k, it in enumerate(items, start=1):
        head = p.rng.choice(p.sents)[:10].rstrip("。,、")
        lines.append(f"({cn(k)}){head}。{it}")
    lines += ["三、保障措施", f"(一)加强组织领导。{p.paragraph(1, 2)}"]
    plan = {"preamble": preambles[0], "items": [i.split("\n")[-1] for i in items]}
    return "\n".join(lines) + "\n", plan


def build_laws(n: int, seed: int) -> list[dict[str, object]]:
    r = random.Random(seed)
    p = Prose(r)
    rows: list[dict[str, object]] = []
    nat_regs: dict[str, list[str]] = {}
    nat_plans: dict[str, dict[str, object]] = {}
    prov_regs: dict[tuple[str, str], list[str]] = {}
    prov_plans: dict[tuple[str, str], dict[str, object]] = {}
    for subject in SUBJECTS:  # the national layer first
        year = r.randint(2012, 2016)
        text, nat_regs[subject] = _regulation(p, "", "national", year, subject, None, r)
        rows.append({"标题": f"{subject}管理办法", "正文": text.replace("本省", "全国").replace("本市", "全国"),
                     "发布日期": f"{year}-03-01", "地区": "全国", "level": "national"})
        text, nat_plans[subject] = _plan(p, "国务院", "national", year, subject, None, r)
        rows.append({"标题": f"关于加快推进{subject}的指导意见", "正文": text, "发布日期": f"{year}-06-01",
                     "地区": "全国", "level": "national"})
    while len(rows) < n:
        subject = r.choice(SUBJECTS)
        provincial = r.random() < 0.25
        place = r.choice(PROVINCES) if provincial else r.choice(CITIES)
        province = r.choice(PROVINCES)
        level = "province" if provincial else "prefecture"
        year = r.randint(2016, 2024)
        if r.random() < 0.55:
            parent = nat_regs[subject] if provincial else prov_regs.get((province, subject), nat_regs[subject])
            text, own = _regulation(p, place, level, year, subject, parent, r)
            if provincial:
                prov_regs[(place, subject)] = own
            title = f"{place}{subject}管理办法"
        else:
            parent_plan = nat_plans[subject] if provincial else prov_plans.get((province, subject), nat_plans[subject])
            text, plan = _plan(p, place, level, year, subject, parent_plan, r)
            if provincial:
                prov_plans[(place, subject)] = plan
            title = f"{place}{subject}实施方案"
        rows.append({"标题": f"{title}({len(rows)})", "正文": text, "发布日期": f"{year}-{r.randint(1, 12):02d}-15",
                     "地区": place, "level": level})
    return rows[:n]


# --- the 221-policy sheet --------------------------------------------------------------------


def build_sheet(n: int, seed: int) -> list[dict[str, object]]:
    r = random.Random(seed)
    p = Prose(r)
    shared = [p.paragraph(2, 3) for _ in range(40)]  # provisions several policies take up
    rows = []
    for k in range(n):
        year = r.randint(2018, 2024)
        place = r.choice(CITIES + PROVINCES)
        subject = r.choice(SUBJECTS)
        paras = []
        if r.random() < 0.08:
            paras.append(DATA_PREAMBLE)
        elif r.random() < 0.3:
            paras.append(r.choice(shared[:5]))  # a preamble shared by a few
        else:
            paras.append(p.paragraph(2, 3))
        heads = []
        body = []
        for h in range(r.randint(3, 6)):
            heads.append(f"{cn(h + 1)}、{p.rng.choice(p.sents)[:12].rstrip('。,、')}")
            items = []
            for i in range(r.randint(2, 6)):
                if r.random() < 0.2:
                    src = r.choice(shared)
                    how = r.random()
                    # verbatim, lightly edited, or a paragraph inside a longer provision
                    text = (src if how < 0.4 else p.edit(src, place) if how < 0.7
                            else f"{p.paragraph(1, 2)}\n{src}")
                else:
                    text = p.paragraph(1, 3)
                items.append(f"({cn(i + 1)}){text}")
            body.append(items)
        lines = list(paras)  # the title is a column of its own, as in the sheets
        if r.random() < 0.25:  # a table of contents, as some sheets carry it
            lines += ["目录", *[f"{h}……{3 + i}" for i, h in enumerate(heads)]]
        for h, items in zip(heads, body, strict=True):
            lines += [h, *items]
        rows.append({"标题": f"{place}关于推进{subject}的实施意见({k})", "正文": "\n".join(lines),
                     "发布日期": f"{year}-05-20", "地区": place})
    return rows


# --- running and checking --------------------------------------------------------------------


def _run(cmd: list[str]) -> tuple[float, float, str]:
    """Run a command; (seconds, peak MB of it and its children, stdout)."""
    t = time.perf_counter()
    out = subprocess.run(["/usr/bin/time", "-f", "%M", *cmd], capture_output=True, text=True, cwd=ROOT)
    if out.returncode:
        sys.exit(f"{' '.join(cmd)} failed:\n{out.stderr[-3000:]}")
    peak_kb = int(out.stderr.strip().splitlines()[-1])
    return time.perf_counter() - t, peak_kb / 1024, out.stdout


def _paragraphs(text: str) -> list[str]:
    """A document's paragraphs as the check sees them: lines, numbering removed, keys >= 15."""
    from evolve.reuse.verify import key
    from evolve.segment.numbering import match_numbering

    out = []
    for line in text.splitlines():
        m = match_numbering(line.strip())
        rest = m[1] if m else line
        k = key(rest)
        if len(k) >= 15:
            out.append(k)
    return out


def _output_units(out: Path) -> dict[str, str]:
    """doc -> the keys of its units in the output (pairs and family members), joined."""
    import pyarrow.parquet as pq

    from evolve.reuse.verify import key

    by_doc: dict[str, set[str]] = defaultdict(set)
    members = pq.read_table(out / "family_members.parquet", columns=["doc", "text"])
    for d, t in zip(members.column("doc").to_pylist(), members.column("text").to_pylist(), strict=True):
        by_doc[d].add(key(t))
    return {d: "\x00".join(ks) for d, ks in by_doc.items()}


def check_verbatim(corpus: Path, out: Path) -> dict[str, object]:
    """Share of the verbatim-shared paragraphs found in the output in two or more documents."""
    import pyarrow.parquet as pq

    from evolve.normalize import normalise

    texts = {}
    with (corpus / "manifest.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):  # normalised as evolve reads it (full-width digits …)
            texts[row["id"]] = normalise((corpus / row["file"]).read_text(encoding="utf-8")).text
    where: dict[str, set[str]] = defaultdict(set)
    for d, t in texts.items():
        for k in _paragraphs(t):
            where[k].add(d)
    shared = {k: ds for k, ds in where.items() if len(ds) >= 2}
    units = _output_units(out)
    pairs_docs = set(pq.read_table(out / "pairs.parquet", columns=["a_doc"]).column("a_doc").to_pylist())
    found = occ = occ_found = 0
    missed: list[tuple[int, str]] = []
    for k, ds in shared.items():
        hit = sum(1 for d in ds if k in units.get(d, ""))
        occ += len(ds)
        occ_found += hit
        if hit >= 2:
            found += 1
        else:
            missed.append((len(ds), k))
    missed.sort(reverse=True)
    return {"shared_paragraphs": len(shared), "found": found,
            "share_found": round(found / len(shared), 4) if shared else None,
            "occurrences": occ, "occurrences_found": occ_found,
            "share_occurrences": round(occ_found / occ, 4) if occ else None,
            "docs_in_pairs": len(pairs_docs), "missed_examples": [f"{n} docs: {k[:40]}" for n, k in missed[:8]]}


def check_brute_force(corpus: Path, out: Path) -> dict[str, object]:
    """Recall of the paragraph pairs (ratio >= 80, different policies) brute force finds."""
    import numpy as np
    import pyarrow.parquet as pq
    from rapidfuzz import fuzz
    from rapidfuzz.process import cdist

    from evolve.normalize import normalise
    from evolve.reuse.verify import key

    paras: list[str] = []
    docs: list[str] = []
    with (corpus / "manifest.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            text = normalise((corpus / row["file"]).read_text(encoding="utf-8")).text  # TOC removed
            for k in _paragraphs(text):
                paras.append(k)
                docs.append(row["id"])
    g = np.unique(np.array(docs), return_inverse=True)[1]
    m = cdist(paras, paras, scorer=fuzz.ratio, score_cutoff=80, dtype=np.uint8, workers=2)
    i, j = np.nonzero(m)
    keep = (i < j) & (g[i] != g[j])
    truth = list(zip(i[keep].tolist(), j[keep].tolist(), strict=True))
    t = pq.read_table(out / "pairs.parquet", columns=["a_doc", "a_text", "b_doc", "b_text"]).to_pydict()
    reported: dict[tuple[str, str], list[tuple[str, str]]] = defaultdict(list)
    for ad, at, bd, bt in zip(t["a_doc"], t["a_text"], t["b_doc"], t["b_text"], strict=True):
        reported[(ad, bd)].append((key(at), key(bt)))
        reported[(bd, ad)].append((key(bt), key(at)))
    hit = 0
    missed = []
    for a, b in truth:
        cands = reported.get((docs[a], docs[b]), [])
        if any(paras[a] in x and paras[b] in y for x, y in cands):
            hit += 1
        else:
            missed.append(f"{fuzz.ratio(paras[a], paras[b]):.0f} {docs[a]} {paras[a][:40]} ~ {docs[b]} {paras[b][:40]}")
    return {"paragraphs": len(paras), "brute_force_pairs": len(truth), "reported": hit,
            "recall": round(hit / len(truth), 4) if truth else None,
            "missed_examples": random.Random(0).sample(missed, min(8, len(missed)))}


def run(name: str, rows: list[dict[str, object]], fmt: str, tmp: Path) -> dict[str, object]:
    src = tmp / f"{name}.{fmt}"
    if fmt == "xlsx":
        import pandas as pd

        pd.DataFrame(rows).to_excel(src, index=False)
    else:
        with src.open("w", encoding="utf-8", newline="") as fh:
            w = csv.DictWriter(fh, fieldnames=list(rows[0]))
            w.writeheader()
            w.writerows(rows)
    corpus, out = tmp / f"{name}-corpus", tmp / f"{name}-out"
    t_imp, m_imp, _ = _run([*EVOLVE, "import", str(src), "--out", str(corpus), "--json"])
    t_reuse, m_reuse, stdout = _run([*EVOLVE, "reuse", str(corpus), "--json", "--out", str(out)])
    t_again, _, _ = _run([*EVOLVE, "reuse", str(corpus), "--json", "--out", str(out)])
    report = json.loads(stdout)
    st = report["stats"]
    res: dict[str, object] = {
        "collection": name, "documents": st["documents"], "units": st["units"],
        "paragraph_units": st["paragraph_units"], "preamble_units": st["preamble_units"],
        "candidates": st["candidates"], "pairs": st["pairs"], "families": st["families"],
        "boilerplate_families": st["boilerplate_families"], "doc_pairs": st["doc_pairs"],
        "seconds_import_and_index": round(t_imp, 1), "seconds_reuse": round(t_reuse, 1),
        "seconds_total": round(t_imp + t_reuse, 1), "seconds_second_run": round(t_again, 1),
        "steps": st["seconds"], "peak_mb": round(max(m_imp, m_reuse)),
        "json_mb": round(len(stdout.encode()) / 2**20, 1),
        "out_mb": round(sum(f.stat().st_size for f in out.iterdir()) / 2**20, 1),
        "top_families": [(f["documents"], f["boilerplate"], f["text"][:30]) for f in report["families"][:5]],
    }
    t = time.perf_counter()
    res["check"] = check_brute_force(corpus, out) if name == "sheet" else check_verbatim(corpus, out)
    res["seconds_check"] = round(time.perf_counter() - t, 1)
    return res


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--docs", type=int, default=3500, help="documents in the laws-like collection")
    ap.add_argument("--policies", type=int, default=221)
    ap.add_argument("--seed", type=int, default=11)
    ap.add_argument("--only", choices=["laws", "sheet"])
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="reuse-real-"))
    print(f"working in {tmp}", file=sys.stderr)
    for name in ("sheet", "laws"):
        if args.only and name != args.only:
            continue
        rows = build_sheet(args.policies, args.seed) if name == "sheet" else build_laws(args.docs, args.seed)
        print(f"{name}: {len(rows)} documents generated", file=sys.stderr, flush=True)
        res = run(name, rows, "xlsx" if name == "sheet" else "csv", tmp)
        print(json.dumps(res, ensure_ascii=False, indent=1), flush=True)
    _ = resource  # peak memory comes from /usr/bin/time (the commands run as a user runs them)


if __name__ == "__main__":
    main()
