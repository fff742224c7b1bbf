"""The comparison of two plans as one offline HTML page (``evolve compare A B --html FILE``).

Two columns, old and new; every correspondence a collapsible ``<details>`` that a small inline
script filters by kind (1:1, merge, split, closest not matched, dropped, new, with moved
sentences) and by score. Nothing is loaded from the network. The filter also reads the page's
address fragment (``page.html#kind=merge&min=0.3``), so that a link can open a filtered view;
the script writes how many correspondences it shows on ``<html data-shown="…">``.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from pathlib import Path

from ..align.confidence import SHOWN_CONFIDENCE
from ..diff import kept_share
from ..errors import InputError
from ..records import Alignment, ClausePair, Match, Provision, Unmatched

INLINE_KEPT = 0.5  #: as in the terminal view: light edits as one line of word diff

CSS = """
:root { --ink: #1f2328; --dim: #59636e; --line: #d1d9e0; --soft: #f6f8fa; --accent: #0b5cad; }
* { box-sizing: border-box; }
body { font-family: FONTS; color: var(--ink); margin: 0; line-height: 1.6; }
main { max-width: 1280px; margin: 0 auto; padding: 16px 28px 64px; }
h1 { font-size: 24px; margin: 8px 0 4px; }
h2 { font-size: 19px; margin: 28px 0 8px; border-top: 1px solid var(--line); padding-top: 8px; }
.dim { color: var(--dim); }
.cols { display: grid; grid-template-columns: 1fr 1fr; gap: 4px 24px; }
.cols > .a, .cols > .b { padding: 2px 0; }
.cols > .full { grid-column: 1 / span 2; padding: 2px 0; }
.colhead { font-weight: 600; color: var(--dim); font-size: 13px; border-bottom: 1px solid var(--line); }
.cards { display: flex; flex-wrap: wrap; gap: 10px; margin: 8px 0 12px; }
.card { border: 1px solid var(--line); border-radius: 6px; padding: 4px 12px; min-width: 110px; }
.card b { display: block; font-size: 20px; }
.filters { position: sticky; top: 0; background: #fff; border-bottom: 1px solid var(--line);
           padding: 8px 0; z-index: 2; font-size: 14px; }
.filters label { margin-right: 12px; white-space: nowrap; }
details.m { border: 1px solid var(--line); border-left: 4px solid var(--accent); border-radius: 4px;
            margin: 8px 0; padding: 4px 12px; }
details.m[data-kind=merge] { border-left-color: #8250df; }
details.m[data-kind=split] { border-left-color: #bf8700; }
details.m[data-kind=closest] { border-left-color: #afb8c1; }
details.m[data-kind=dropped] { border-left-color: #cf222e; }
details.m[data-kind=new] { border-left-color: #1a7f37; }
details.m > summary { cursor: pointer; }
summary .tag, .tag { display: inline-block; font-size: 12px; border-radius: 10px; padding: 0 8px;
                     background: var(--soft); border: 1px solid var(--line); margin-right: 6px; }
.tag.moved { background: #fbefff; border-color: #d8b9ff; color: #6f42c1; }
.path { color: var(--dim); font-size: 13px; }
del { color: #b31d28; background: #ffeef0; text-decoration: line-through; }
ins { color: #116329; background: #dafbe1; text-decoration: none; font-weight: 600; }
mark { background: #ddf4ff; color: inherit; }
.gone { color: #b31d28; }
.added { color: #116329; }
.note { font-size: 12px; color: #6f42c1; }
footer { margin-top: 40px; font-size: 13px; color: var(--dim); }
"""

SCRIPT = """
(function () {
  var boxes = document.querySelectorAll('.filters input[type=checkbox]');
  var slider = document.getElementById('min-score'), out = document.getElementById('min-out');
  function apply() {
    var kinds = {}, min = parseFloat(slider.value), shown = 0;
    boxes.forEach(function (b) { kinds[b.value] = b.checked; });
    out.textContent = min.toFixed(2);
    document.querySelectorAll('details.m').forEach(function (d) {
      var moved = d.getAttribute('data-moved') !== '0';
      var ok = kinds[d.getAttribute('data-kind')] && parseFloat(d.getAttribute('data-score')) >= min
               && (!kinds['only-moved'] || moved);
      d.style.display = ok ? '' : 'none';
      if (ok) { shown++; }
    });
    document.getElementById('shown').textContent = shown;
    document.documentElement.setAttribute('data-shown', shown);
  }
  var h = new URLSearchParams(location.hash.slice(1));
  if (h.has('kind')) {
    var want = h.get('kind').split(',');
    boxes.forEach(function (b) { if (b.value !== 'only-moved') { b.checked = want.indexOf(b.value) >= 0; } });
  }
  if (h.has('moved')) { document.getElementById('only-moved').checked = true; }
  if (h.has('min')) { slider.value = h.get('min'); }
  boxes.forEach(function (b) { b.addEventListener('change', apply); });
  slider.addEventListener('input', apply);
  document.getElementById('open-all').addEventListener('click', function () {
    document.querySelectorAll('details.m').forEach(function (d) { d.open = true; });
  });
  apply();
})();
"""

NO_SUCCESSION = ('<tr><td class="dim">none: no policy term replaced, and no replacement recurs in light '
                 'edits</td></tr>')
KINDS = (("1:1", "1:1"), ("merge", "merged n:1"), ("split", "split 1:n"), ("n:m", "n:m"),
         ("closest", "closest, not matched"), ("dropped", "dropped"), ("new", "new"))


def _name(p: Provision) -> str:
    path = " › ".join(p.path)
    own = f"{p.label}{p.heading}" or (p.text[:30] + "…")
    return (f'<span class="path">{escape(path)} › </span>' if path else "") + f"<b>{escape(own)}</b>" \
        + f' <span class="dim">{escape(p.id)}</span>'


def _shared(a: str, b: str) -> set[str]:
    from ..tokenize import content_words

    wa = {w for w in content_words(a) if len(w) > 1 or w.isascii()}
    return {w for w in content_words(b) if w in wa}


def _marked(text: str, shared: set[str]) -> str:
    from ..tokenize import words

    return "".join(f"<mark>{escape(w)}</mark>" if w in shared else escape(w) for w in words(text))


def _diff(cp: ClausePair) -> str:
    out = []
    for op, chunk in cp.diff:
        out.append(f"<del>{escape(chunk)}</del>" if op == -1 else f"<ins>{escape(chunk)}</ins>" if op == 1
                   else escape(chunk))
    return "".join(out)


def _moved_note(cp: ClausePair) -> str:
    if cp.target is not None:
        return f'<div class="note">↪ moved here from A {escape(cp.source_provision or "?")}</div>'
    return f'<div class="note">↪ moved to B {escape(cp.target_provision or "?")}</div>'


def _clauses(m: Match) -> str:
    rows = ['<div class="colhead">A (older)</div><div class="colhead">B (newer)</div>']
    for cp in m.clauses:
        note = _moved_note(cp) if cp.moved else ""
        if cp.source is not None and cp.target is not None and (cp.near_verbatim or kept_share(cp.diff) >= INLINE_KEPT):
            rows.append(f'<div class="full">{_diff(cp)}{note}</div>')
            continue
        shared = _shared(cp.source, cp.target) if cp.source and cp.target else set()
        left = f'<span class="gone">{escape(cp.source)}</span>' if cp.source and not cp.target \
            else _marked(cp.source, shared) if cp.source else ""
        right = f'<span class="added">{escape(cp.target)}</span>' if cp.target and not cp.source \
            else _marked(cp.target, shared) if cp.target else ""
        if cp.moved:
            left, right = (left + note, right) if cp.target is None else (left, right + note)
        rows.append(f'<div class="a">{left}</div><div class="b">{right}</div>')
    return '<div class="cols">' + "".join(rows) + "</div>"


def _pairs(m: Match) -> str:
    """The pairs an n:m correspondence links (it does not link every A with every B)."""
    return ", ".join(f"{lk.source}→{lk.target}" for lk in m.links if lk.confidence >= SHOWN_CONFIDENCE)


def _match(m: Match) -> str:
    kind = "closest" if m.closest else m.kind
    moved = sum(1 for cp in m.clauses if cp.moved)
    label = dict(KINDS)[kind]
    heads = ('<div class="cols"><div class="a">' + "<br>".join(_name(p) for p in m.source) + '</div><div class="b">'
             + "<br>".join(_name(p) for p in m.target) + "</div></div>")
    tags = (f'<span class="tag">{escape(label)}</span><span class="tag">score {m.score:.2f}</span>'
            f'<span class="tag">{escape(m.inheritance)} · {m.inherited:.0%} kept</span>'
            + (f'<span class="tag moved">{moved} moved</span>' if moved else "")
            + (f'<span class="tag">linked: {escape(_pairs(m))}</span>' if m.links and not m.links_every_pair
               else ""))
    return (f'<details class="m" data-kind="{kind}" data-score="{m.score:.4f}" data-moved="{moved}">'
            f"<summary>{tags}{heads}</summary>{_clauses(m)}</details>")


def _unmatched(u: Unmatched, moved: Sequence[ClausePair]) -> str:
    p = u.provision
    kind = "dropped" if u.status == "dropped" else "new"
    mine = [cp for cp in moved if (cp.source_provision if kind == "dropped" else cp.target_provision) == p.id]
    best = "—" if u.best is None else f"{escape(u.best.label + (u.best.heading or u.best.text[:20]))}"
    side = ('<div class="a">{}</div><div class="b"></div>' if kind == "dropped"
            else '<div class="a"></div><div class="b">{}</div>')
    body = escape(p.full_text)
    notes = "".join(f'<div class="full">{_diff(cp)}<div class="note">↪ moved '
                    + (f"to B {escape(cp.target_provision or '')}" if kind == "dropped"
                       else f"from A {escape(cp.source_provision or '')}") + "</div></div>" for cp in mine)
    tags = (f'<span class="tag">{kind}</span><span class="tag">closest {best} · {u.best_score:.2f}</span>'
            + (f'<span class="tag moved">{len(mine)} moved</span>' if mine else ""))
    return (f'<details class="m" data-kind="{kind}" data-score="{u.best_score:.4f}" data-moved="{len(mine)}">'
            f'<summary>{tags}<div class="cols">{side.format(_name(p))}</div></summary>'
            f'<div class="cols">{side.format(body)}{notes}</div></details>')


def compare_page(al: Alignment, *, fonts: str | None = None) -> str:
    """The page as one string of HTML."""
    from ..report.html import FONTS

    d = al.to_dict()["summary"]
    a, b = al.source, al.target
    ta = a.meta.title or a.id
    tb = b.meta.title or b.id
    cards = [("provisions", f"{d['source_provisions']} → {d['target_provisions']}"),
             ("1:1 / merged / split", f"{d['matched_1to1']} / {d['merged']} / {d['split']}"),
             ("dropped / new", f"{d['dropped']} / {d['new']}"),
             ("inheritance", f"{al.rates['inheritance']:.0%}"),
             ("sentences linked", str(d["clause_links"])), ("moved", str(d["moved_clauses"]))]
    card_html = "".join(f'<div class="card"><b>{escape(v)}</b><span class="dim">{escape(k)}</span></div>'
                        for k, v in cards)
    boxes = "".join(f'<label><input type="checkbox" value="{k}" checked> {escape(v)}</label>' for k, v in KINDS)
    boxes += '<label><input type="checkbox" value="only-moved" id="only-moved"> only with moved sentences</label>'
    matches = "".join(_match(m) for m in al.matches)
    left = "".join(_unmatched(u, al.moved) for u in (*al.unmatched_source, *al.unmatched_target))
    succession = "".join(f"<tr><td><del>{escape(s.old)}</del></td><td>→</td><td><ins>{escape(s.new)}</ins></td>"
                         f'<td class="dim">{s.count}</td><td class="dim">'
                         f"{escape(', '.join(f'{x}→{y}' for x, y in s.examples))}</td></tr>" for s in al.succession)
    total = len(al.matches) + len(al.unmatched_source) + len(al.unmatched_target)
    params = {k: v for k, v in al.params.items() if k != "weights"}
    return f"""<!DOCTYPE html>
<html lang="zh-CN" data-shown="{total}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(a.id)} → {escape(b.id)}: evolve compare</title>
<style>{CSS.replace("FONTS", fonts or FONTS)}</style></head>
<body><main>
<h1>{escape(ta)} → {escape(tb)}</h1>
<div class="cols"><div class="a dim">A {escape(a.id)} · {escape(str(a.meta.year or "year unknown"))}</div>
<div class="b dim">B {escape(b.id)} · {escape(str(b.meta.year or "year unknown"))}</div></div>
<div class="cards">{card_html}</div>
<div class="filters">{boxes}
<label>score ≥ <input type="range" id="min-score" min="0" max="1" step="0.01" value="0">
<span id="min-out">0.00</span></label>
<span class="dim"><span id="shown">{total}</span> of {total} shown</span>
<button id="open-all" type="button">open all</button></div>
<h2>Correspondences</h2>
<p class="dim">Light edits as one line of word diff (deleted <del>struck</del>, inserted <ins>green</ins>);
rewrites side by side with the words both share <mark>marked</mark>. A sentence whose counterpart
lies in a provision that does not correspond is marked <span class="tag moved">moved</span>.
"Closest, not matched": only the policy-domain signal links the two (almost no shared words).</p>
{matches}
<h2>Dropped and new provisions</h2>
{left}
<h2>Lexical succession</h2>
<table><tbody>{succession or NO_SUCCESSION}</tbody></table>
<footer>evolve compare {escape(a.id)} {escape(b.id)} · thresholds {escape(str(params))}</footer>
</main><script>{SCRIPT}</script></body></html>
"""


def write_compare_page(al: Alignment, path: str | Path) -> Path:
    """Write the page; a folder that does not exist or cannot be written is a clear error."""
    out = Path(path)
    try:
        from ..output import write_text

        write_text(out, compare_page(al))  # a temporary name first: no half page on a full disk
    except OSError as e:
        raise InputError(f"{out}: cannot write the page ({e.strerror or e})") from None
    return out
