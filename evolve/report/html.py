"""The report page: plain HTML with inline CSS, charts as data URIs, every text escaped.

Nothing here loads anything from the network: no CDN, no web fonts. Chinese renders with the
reader's own CJK fonts through the font-family stack. The one inline script only marks, once the
page has loaded, how many charts decoded (``data-images-loaded`` on ``<html>``), so that a test in
a headless browser can check the charts as a reader would see them.
"""

from __future__ import annotations

import base64
import math
import numbers
from collections.abc import Iterable, Sequence
from html import escape
from pathlib import Path
from typing import Any

from ..records import DiffOp, ReportSection

FONTS = ('"Noto Sans CJK SC", "Source Han Sans SC", "Source Han Sans CN", "WenQuanYi Micro Hei", '
         '"WenQuanYi Zen Hei", "PingFang SC", "Microsoft YaHei", "Noto Sans SC", sans-serif')

CSS = """
:root { --ink: #1f2328; --dim: #59636e; --line: #d1d9e0; --soft: #f6f8fa; --accent: #0b5cad; }
* { box-sizing: border-box; }
body { font-family: FONTS; color: var(--ink); margin: 0; line-height: 1.6; background: #fff; }
main { max-width: 1180px; margin: 0 auto; padding: 24px 32px 64px; }
header.top { border-bottom: 3px solid var(--accent); margin-bottom: 8px; }
h1 { font-size: 28px; margin: 8px 0 4px; }
h2 { font-size: 22px; margin: 40px 0 8px; padding-top: 8px; border-top: 1px solid var(--line); }
h3 { font-size: 17px; margin: 24px 0 6px; }
h4 { font-size: 15px; margin: 16px 0 4px; }
p, li { max-width: 80em; }
.dim { color: var(--dim); }
.small { font-size: 13px; }
nav.toc { background: var(--soft); border: 1px solid var(--line); border-radius: 6px;
          padding: 8px 16px; margin: 16px 0; }
nav.toc ol { margin: 4px 0; padding-left: 20px; columns: 2; }
.notice { background: #fff8c5; border: 1px solid #d4a72c; border-radius: 6px; padding: 8px 12px;
          margin: 10px 0; }
table { border-collapse: collapse; margin: 8px 0 16px; font-size: 14px; }
th, td { border: 1px solid var(--line); padding: 3px 8px; vertical-align: top; text-align: left; }
th { background: var(--soft); font-weight: 600; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.zero { color: #b0b7bf; text-align: center; }
.wide { overflow-x: auto; max-width: 100%; }
figure { margin: 12px 0 20px; }
figure img { max-width: 100%; height: auto; border: 1px solid var(--line); }
figcaption { font-size: 13px; color: var(--dim); }
del { color: #b31d28; background: #ffeef0; text-decoration: line-through; }
ins { color: #116329; background: #dafbe1; text-decoration: none; font-weight: 600; }
.match { border: 1px solid var(--line); border-left: 4px solid var(--accent); border-radius: 4px;
         padding: 6px 12px; margin: 10px 0; }
.match .head { font-size: 13px; color: var(--dim); }
.match .side { margin: 0; }
.match .clause { margin: 4px 0; }
.tag { display: inline-block; font-size: 12px; border-radius: 10px; padding: 0 8px;
       background: var(--soft); border: 1px solid var(--line); }
.kwic td { white-space: nowrap; }
.kwic td.left { text-align: right; color: var(--dim); }
.kwic td.hit { font-weight: 700; color: #b31d28; white-space: nowrap; }
.kwic td.right { color: var(--dim); }
.cards { display: flex; flex-wrap: wrap; gap: 12px; margin: 8px 0 16px; }
.card { border: 1px solid var(--line); border-radius: 6px; padding: 6px 14px; min-width: 120px; }
.card b { display: block; font-size: 22px; }
details > summary { cursor: pointer; color: var(--accent); }
details.pair { border: 1px solid var(--line); border-radius: 6px; padding: 4px 12px;
               margin: 8px 0; }
details.pair > summary { font-weight: 600; }
.up { color: #116329; } .down { color: #b35900; }
footer { margin-top: 48px; font-size: 13px; color: var(--dim); }
""".replace("FONTS", FONTS)

# Marks how many images decoded, for tests in a headless browser; harmless for readers.
SCRIPT = """
window.addEventListener("load", function () {
  var imgs = document.images, ok = 0;
  for (var i = 0; i < imgs.length; i++) {
    imgs[i].setAttribute("data-natural-width", imgs[i].naturalWidth);
    if (imgs[i].complete && imgs[i].naturalWidth > 0) { ok++; }
  }
  document.documentElement.setAttribute("data-images-loaded", ok + "/" + imgs.length);
});
"""


def _missing(value: Any) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value)) or str(value) == "<NA>"


def esc(value: Any) -> str:
    """Text for the page: escaped, with None and NaN shown as an em dash."""
    return "—" if _missing(value) else escape(str(value))


def _is_number(value: Any) -> bool:
    return isinstance(value, numbers.Real) and not isinstance(value, bool)


def fmt(value: Any, digits: int = 1) -> str:
    """A number as a table cell shows it: integers plain (thousands commas from 10,000 on, so that
    years stay 2024), others with ``digits`` decimals (numpy numbers included)."""
    if _missing(value):
        return "—"
    if isinstance(value, bool):
        return "✓" if value else ""
    if isinstance(value, numbers.Integral):
        return f"{int(value):,}" if abs(int(value)) >= 10_000 else str(int(value))
    if isinstance(value, numbers.Real):
        return f"{float(value):,.{digits}f}"
    return esc(value)


def table(rows: Iterable[Sequence[Any]], header: Sequence[str], *, digits: int = 1,
          cls: str = "", raw: Sequence[int] = ()) -> str:
    """An HTML table; numbers right-aligned. Cells whose column index is in ``raw`` are already
    HTML (a diff, a link) and are not escaped."""
    head = "".join(f"<th>{esc(h)}</th>" for h in header)
    body = []
    for r in rows:
        cells = []
        for i, v in enumerate(r):
            if i in raw:
                cells.append(f"<td>{v}</td>")
            elif _is_number(v):
                cells.append(f'<td class="num">{fmt(v, digits)}</td>')
            else:
                cells.append(f"<td>{esc(v)}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    c = f' class="{cls}"' if cls else ""
    return f'<div class="wide"><table{c}><thead><tr>{head}</tr></thead><tbody>' \
           + "".join(body) + "</tbody></table></div>"


def frame(df: Any, columns: Sequence[str], header: Sequence[str] | None = None, *,
          digits: int = 1, cls: str = "") -> str:
    """A table of some columns of a pandas DataFrame."""
    rows = [[r[c] for c in columns] for _, r in df.iterrows()]
    return table(rows, header or columns, digits=digits, cls=cls)


def figure(path: Path, caption: str, *, links: Sequence[str] = ()) -> str:
    """A chart embedded as a data URI (the page stays one self-contained file), with links to the
    chart files beside the page."""
    data = base64.b64encode(path.read_bytes()).decode("ascii")
    kind = "svg+xml" if path.suffix.lower() == ".svg" else "png"
    files = " · ".join(f'<a href="{escape(rel)}">{escape(Path(rel).suffix[1:].upper())}</a>'
                       for rel in links)
    return (f'<figure><img src="data:image/{kind};base64,{data}" alt="{escape(caption)}">'
            f"<figcaption>{esc(caption)}" + (f" — {files}" if files else "")
            + "</figcaption></figure>")


def diff_html(diff: Sequence[DiffOp]) -> str:
    """A word-level diff: deletions struck through in red, insertions in green."""
    out = []
    for op, chunk in diff:
        if op == -1:
            out.append(f"<del>{escape(chunk)}</del>")
        elif op == 1:
            out.append(f"<ins>{escape(chunk)}</ins>")
        else:
            out.append(escape(chunk))
    return "".join(out)


def notice(text: str) -> str:
    return f'<div class="notice">{esc(text)}</div>'


def paragraph(text: str, *, cls: str = "") -> str:
    c = f' class="{cls}"' if cls else ""
    return f"<p{c}>{esc(text)}</p>"


def cards(items: Sequence[tuple[str, Any]]) -> str:
    """Key figures as small cards (value above its label)."""
    return '<div class="cards">' + "".join(
        f'<div class="card"><b>{fmt(v) if _is_number(v) else esc(v)}</b>'
        f'<span class="dim small">{esc(k)}</span></div>'
        for k, v in items) + "</div>"


def href(rel: str) -> str:
    """A link target for a file beside the page: percent-encoded (ids may hold ``#``, ``?`` or
    spaces), Chinese kept readable, then escaped for the attribute."""
    from urllib.parse import quote

    return escape(quote(rel, safe="/"), quote=True)


def link(rel: str, text: str) -> str:
    return f'<a href="{href(rel)}">{esc(text)}</a>'


def details(summary: str, body: str, *, open_: bool = False, cls: str = "") -> str:
    """A collapsible block (collapsed unless ``open_``); ``summary`` is HTML."""
    c = f' class="{cls}"' if cls else ""
    return f"<details{c}{' open' if open_ else ''}><summary>{summary}</summary>{body}</details>"


def page(title: str, subtitle: str, sections: Sequence[ReportSection], *,
         notices: Sequence[str] = (), footer: str = "", back: str = "") -> str:
    """The whole page: header, table of contents (with more than one section), notices,
    sections, footer. ``back``: a link to the main page, for the pages of single comparisons."""
    toc = "".join(f'<li><a href="#{escape(s.key)}">{esc(s.title)}</a></li>' for s in sections)
    nav = (f'<nav class="toc"><b>Contents</b><ol>{toc}</ol></nav>\n' if len(sections) > 1
           else "")
    up = f'<p class="small"><a href="{href(back)}">← the report</a></p>' if back else ""
    body = "".join(
        f'<section id="{escape(s.key)}"><h2>{esc(s.title)}</h2>'
        + "".join(notice(n) for n in s.notices) + s.html + "</section>"
        for s in sections)
    return (
        '<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="generator" content="evolve report">\n'
        f"<title>{esc(title)}</title>\n<style>{CSS}</style>\n<script>{SCRIPT}</script>\n"
        "</head>\n<body>\n<main>\n"
        f'<header class="top">{up}<h1>{esc(title)}</h1><p class="dim">{esc(subtitle)}</p>'
        "</header>\n"
        + "".join(notice(n) for n in notices)
        + nav
        + body
        + f"\n<footer>{esc(footer)}</footer>\n</main>\n</body>\n</html>\n"
    )
