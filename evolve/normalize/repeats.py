"""A body printed two or three times: keep the best-structured copy, drop the others.

A browser's printout of a government web page often holds the policy's text more than once:
the page's text run together on a few very long lines (an info box, a print area, a hidden
copy for screen readers), then again as the page shows it, one paragraph a line. Copies are
found on the *squeezed* text (letters, digits and Han characters only, so spacing, punctuation
and line breaks do not matter) by shared character ``K``-grams:

1. Lines are visited best-structured first: lines holding at most one numbering label after a
   sentence's end (a paragraph, a heading), the last ones first (a printout's formatted copy
   comes after its run-together ones), then the run-together lines in reading order.
2. A character is *covered* when a ``K``-gram holding it was already seen on a line visited
   before. A covered stretch of ``MIN_COPY`` characters or more (across line breaks) is a copy;
   a shorter one — the same formula in two articles, a repeated paragraph — is the policy's own
   and stays.
3. A paragraph line covered for the most part by copies is dropped; from a run-together line
   the copied stretches are cut out. What such a line held that the kept copy lacks (a chapter
   heading, an item the formatted copy lost) is put back into the kept copy where both its
   neighbours are (``repeated_copies_restored``); what cannot be placed and is short goes.
"""

from __future__ import annotations

from collections.abc import Callable

from ..dataclass_code import dataclass
from ..lazy_pattern import lazy
from ..segment.letterhead import is_info_box_line

#: Length of the character grams that find a repeated passage.
K = 12
#: A covered stretch at least this long (squeezed characters) is a copy of the body.
MIN_COPY = 400
#: Covered stretches this close (squeezed characters) are one copy with a gap: what it lacks.
MAX_GAP = 24
#: A paragraph line this much covered by copies is dropped.
LINE_COVERED = 0.85
#: A shorter paragraph line (squeezed) is a copy only when it is found whole elsewhere.
LONG_LINE = 100
#: A piece of a run-together copy that cannot be placed is kept from this length (squeezed).
KEEP_UNPLACED = 60

#: A copy of ``MIN_COPY`` squeezed characters holds whole one of the ``PROBE``-character probes
#: taken every ``MIN_COPY - PROBE`` characters, and that probe is found again later in the text:
#: a text where no probe is has no copy, and is not searched gram by gram.
PROBE = 48
_NOT_ALNUM = lazy(r"[\W_]+")

# A numbering label that opens a provision (第三条, 第二章, (一), 一、, 1.) …
_LABEL = lazy(r"第[一二三四五六七八九十百零〇\d]{1,6}[章节条]|[（(][一二三四五六七八九十]{1,3}[)）]|"
                    r"(?<![一二三四五六七八九十])[一二三四五六七八九十]{1,3}、")
# … after a sentence's end: such labels inside a line mark it as run together.
_SENTENCE_END = "。;；:：!！?？”」"


@dataclass(frozen=True)
class Collapsed:
    """The text with repeated copies dropped and what was done."""

    text: str
    dropped: int  #: lines dropped or cut as copies of another part of the text
    restored: int  #: pieces of a dropped copy put back into the kept one


def _run_together(line: str) -> bool:
    inner = 0
    for m in _LABEL.finditer(line):
        if m.start() > 0 and line[m.start() - 1] in _SENTENCE_END:
            inner += 1
            if inner >= 2:
                return True
    return False


@dataclass
class _Stream:
    """The squeezed text: every letter, digit and Han character, with its line and column."""

    text: str
    where: list[tuple[int, int]]  #: (line, column) of each squeezed character
    starts: list[int]  #: first squeezed index of each line, and the length at the end


def _squeeze(lines: list[str]) -> _Stream:
    # a web page's info box, printed once or many times, is looked through (metadata, not body)
    info = [is_info_box_line(line) for line in lines]
    chars: list[str] = []
    where: list[tuple[int, int]] = []
    starts: list[int] = []
    for i, line in enumerate(lines):
        starts.append(len(chars))
        if info[i]:
            continue
        for j, c in enumerate(line):
            if c.isalnum():
                chars.append(c)
                where.append((i, j))
    starts.append(len(chars))
    return _Stream("".join(chars), where, starts)


def _sources(stream: _Stream, order: list[int]) -> list[int]:
    """For each gram start, where the gram was first seen in the visiting order (-1: not before)."""
    squeezed, starts, n = stream.text, stream.starts, len(stream.text)
    owner: dict[str, int] = {}
    source = [-1] * n
    for i in order:
        a, b = starts[i], starts[i + 1]
        # grams may run on into the next line: a run-together line breaks mid-word
        for p in range(a, min(b, n - K + 1)):
            g = squeezed[p:p + K]
            if g in owner:
                source[p] = owner[g]
        for p in range(a, min(b, n - K + 1)):
            owner.setdefault(squeezed[p:p + K], p)
    return source


def _copies(source: list[int]) -> list[bool]:
    """Characters in covered stretches, joined over short gaps (what one copy lacks), long
    enough to be a copy."""
    n = len(source)
    covered = [False] * n
    for p in range(n):
        if source[p] >= 0:
            for q in range(p, min(p + K, n)):
                covered[q] = True
    runs: list[tuple[int, int]] = []
    p = 0
    while p < n:
        if not covered[p]:
            p += 1
            continue
        q = p
        while q < n and covered[q]:
            q += 1
        runs.append((p, q))
        p = q
    copy = [False] * n
    group: list[tuple[int, int]] = []
    for run in [*runs, (n + MAX_GAP + 1, n + MAX_GAP + 1)]:
        if group and run[0] - group[-1][1] > MAX_GAP:
            if sum(b - a for a, b in group) >= MIN_COPY:
                for a, b in group:
                    for r in range(a, b):
                        copy[r] = True
            group = []
        group.append(run)
    return copy


def _may_repeat(text: str) -> bool:
    squeezed = _NOT_ALNUM.sub("", text)  # letters, digits and Han characters, as ``_squeeze``
    return any(squeezed.find(squeezed[p:p + PROBE], p + 1) != -1
               for p in range(0, len(squeezed) - PROBE + 1, MIN_COPY - PROBE))


def collapse_copies(text: str) -> Collapsed:
    """Drop all but the best-structured copy of a body printed several times."""
    if not _may_repeat(text):
        return Collapsed(text, 0, 0)
    lines = text.split("\n")
    stream = _squeeze(lines)
    squeezed, where, starts, n = stream.text, stream.where, stream.starts, len(stream.text)
    if n < 2 * MIN_COPY:
        return Collapsed(text, 0, 0)
    together = [_run_together(line) for line in lines]
    order = [i for i in reversed(range(len(lines))) if not together[i]] + [i for i in range(len(lines)) if together[i]]
    copy = _copies(_sources(stream, order))
    if not any(copy):
        return Collapsed(text, 0, 0)

    drop_line = [False] * len(lines)
    cut_lines: dict[int, list[tuple[int, int]]] = {}  # line -> kept (start, end) squeezed spans
    dropped = 0
    for i in range(len(lines)):
        a, b = starts[i], starts[i + 1]
        in_copy = sum(copy[a:b])
        if not in_copy:
            continue
        if not together[i]:
            # a short line must be found whole elsewhere: a title or a dateline made of words
            # found in two places is no copy
            whole = b - a >= LONG_LINE or _elsewhere(squeezed, a, b)
            if in_copy >= LINE_COVERED * (b - a) and whole:
                drop_line[i] = True
                dropped += 1
            continue
        cut_lines[i] = _outside(copy, a, b)
        dropped += 1

    # pieces of cut lines: put back into the kept copy where both neighbours are, else keep or drop
    inserts: dict[tuple[int, int], list[str]] = {}  # (line, column) in the kept text -> pieces
    kept_pieces: dict[int, list[str]] = {}
    restored = 0
    kept = lambda r: _kept(r, where, drop_line, cut_lines)  # noqa: E731
    for i, p, q in _gaps(cut_lines):
        found = _anchor(squeezed, p, q, copy, kept, starts)
        if found is not None:
            at, shift = found
            piece = _raw(lines, where, p - shift, q)
            if not (q < n and copy[q]):
                # the copy's last piece: a signature or date the kept copy lost, not the page after it
                piece = _PAGE_TAIL.split(piece, maxsplit=1)[0].strip()
            if piece:
                inserts.setdefault(where[at], []).append(piece)
                restored += 1
        elif q - p >= KEEP_UNPLACED:
            kept_pieces.setdefault(i, []).append(_raw(lines, where, p, q))
    out = []
    for i, line in enumerate(lines):
        if drop_line[i]:
            continue
        if i in cut_lines:
            out.extend(kept_pieces.get(i, []))
            continue
        out.extend(_insert(line, sorted((col, pieces) for (li, col), pieces in inserts.items() if li == i)))
    return Collapsed("\n".join(out), dropped, restored)


def _outside(copy: list[bool], a: int, b: int) -> list[tuple[int, int]]:
    """The spans of [a, b) that are no copy."""
    spans = []
    p = a
    while p < b:
        if copy[p]:
            p += 1
            continue
        q = p
        while q < b and not copy[q]:
            q += 1
        spans.append((p, q))
        p = q
    return spans


def _insert(line: str, marks: list[tuple[int, list[str]]]) -> list[str]:
    """The line with pieces put in after the given columns: inside it, or as lines after it
    where nothing but punctuation follows the column."""
    if not marks:
        return [line]
    at = 0
    current = ""
    after: list[str] = []
    for col, pieces in marks:
        current += line[at:col + 1]
        at = col + 1
        if not any(c.isalnum() for c in line[at:]):
            after.extend(pieces)
        else:
            current += "".join(pieces)
    return [current + line[at:], *after]


# Where a web page's furniture starts after the text: an editor's byline, related links, controls.
_PAGE_TAIL = lazy(r"【|<<|«|(?:责任)?编\s*辑\s*[:：]|相关(?:文章|新闻|链接|报道)|扫一扫|返回(?:首页|顶部)|"
                        r"打印本页|关闭窗口")
_OPENING = "(（“‘《〈【「『"


def _elsewhere(squeezed: str, a: int, b: int) -> bool:
    """Whether squeezed[a:b] occurs somewhere else in the text."""
    piece = squeezed[a:b]
    r = squeezed.find(piece)
    while r >= 0:
        if r != a:
            return True
        r = squeezed.find(piece, r + 1)
    return False


def _gaps(cut_lines: dict[int, list[tuple[int, int]]]) -> list[tuple[int, int, int]]:
    """The pieces of the run-together lines that are no copy, as (line, start, end) in the
    squeezed text; a piece that runs on over a line break (``第三章`` / ``商用密码第二十一条``) is one."""
    out: list[tuple[int, int, int]] = []
    for i in sorted(cut_lines):
        for p, q in cut_lines[i]:
            if out and out[-1][2] == p:
                out[-1] = (out[-1][0], out[-1][1], q)
            else:
                out.append((i, p, q))
    return out


def _anchor(squeezed: str, p: int, q: int, copy: list[bool], kept: Callable[[int], bool],
            starts: list[int]) -> tuple[int, int] | None:
    """Where in the kept text the piece [p, q) of a dropped copy belongs: after the last character
    of a kept occurrence of the words before it, when the words after it follow there (or, for
    the copy's last piece, when that occurrence ends a line). The words before it may have taken
    the first characters of the words after it (``审查第`` / ``三章商用密码`` / ``第二十一条``): the
    piece then starts that many characters earlier (``第三章商用密码``). Returns (position, shift)
    or None."""
    if p < K or not copy[p - 1]:
        return None
    before = squeezed[p - K:p]
    after = squeezed[q:q + K] if q + K <= len(squeezed) and copy[q] else ""
    last_piece = not after and (q >= len(squeezed) or not copy[q])
    if not after and not last_piece:
        return None
    line_ends = {s - 1 for s in starts}
    r = squeezed.find(before)
    while r >= 0:
        end = r + K - 1
        if r != p - K and kept(end):
            if after:
                for shift in range(0, 4):
                    if squeezed[p - shift:p] == squeezed[q:q + shift] and \
                            squeezed.startswith(after, end + 1 - shift) and kept(end + 1 - shift):
                        return end - shift, shift
            elif end in line_ends:
                return end, 0
        r = squeezed.find(before, r + 1)
    return None


def _raw(lines: list[str], where: list[tuple[int, int]], p: int, q: int) -> str:
    """The original text of squeezed span [p, q): with the punctuation inside it, an opening
    bracket before it and the closing punctuation after it."""
    (li, lj), (ri, rj) = where[p], where[q - 1]
    while lj > 0 and lines[li][lj - 1] in _OPENING:
        lj -= 1
    end = lines[ri]
    while rj + 1 < len(end) and not end[rj + 1].isalnum() and end[rj + 1] not in _OPENING:
        rj += 1
    if li == ri:
        return lines[li][lj:rj + 1].strip()
    parts = [lines[li][lj:], *lines[li + 1:ri], lines[ri][:rj + 1]]
    return "".join(parts).strip()


def _kept(p: int, where: list[tuple[int, int]], drop_line: list[bool], cut_lines: dict) -> bool:
    line = where[p][0]
    return not drop_line[line] and line not in cut_lines
