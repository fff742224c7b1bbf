"""Markdown (.md): the text without its markup, one line per heading, paragraph, item and row.

Parsed with markdown-it-py (CommonMark, already installed with rich) rather than stripped with
patterns, so emphasis, links, images, escapes and code are told apart from text that merely
contains ``*`` or ``#``. Heading marks, emphasis, link targets and bullets go; an ordered item
keeps its number as written (``3.``), a link its words, an image its alt text; table rows become
``a | b | c``; a paragraph's wrapped lines are joined (Chinese without a space). A YAML front
matter block (``---`` … ``---``) is not text: its ``title`` and ``date`` become metadata hints.
"""

from __future__ import annotations

import re
from typing import Any

from ..lazy_pattern import lazy
from ..load import decode
from ..records import ReadText
from .lines import join

_FRONT_MATTER = lazy(r"\A---[ \t]*\n(.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)
_FRONT_KEYS = {"title": "title", "标题": "title", "date": "date", "日期": "date", "发布日期": "date",
               "source": "source_url", "url": "source_url", "原文链接": "source_url"}
#: Inline tokens that are markup only.
_MARKUP = {"strong_open", "strong_close", "em_open", "em_close", "s_open", "s_close", "link_open",
           "link_close", "html_inline"}


def read_markdown(data: bytes, *, name: str = "input") -> ReadText:
    """Decode a Markdown file and render it as plain text lines."""
    text, encoding = decode(data, name=name)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    meta: dict[str, str] = {}
    removed = 0
    m = _FRONT_MATTER.match(text.lstrip("\ufeff"))
    if m:
        for line in m.group(1).split("\n"):
            key, sep, value = line.partition(":")
            column = _FRONT_KEYS.get(key.strip().lower())
            if sep and column and value.strip():
                meta[column] = value.strip().strip("\"'")
        removed += 1
        text = text.lstrip("\ufeff")[m.end():]
    lines, n = markdown_to_lines(text)
    counts = {"markdown": removed + n} if removed + n else {}
    return ReadText(text="\n".join(lines) + "\n", reader="markdown", encoding=encoding, counts=counts,
                    meta=meta)


def markdown_to_lines(text: str) -> tuple[list[str], int]:
    """The text lines of a Markdown document and the number of markup marks removed."""
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark").enable(["table", "strikethrough"])
    lines: list[str] = []
    removed = 0
    label = ""  # an ordered item's number, written before its first paragraph
    row: list[str] | None = None
    for token in md.parse(text):
        kind = token.type
        if kind == "list_item_open":
            if token.info:  # ordered: "3" with markup "." or ")"
                label = f"{token.info}{token.markup}"
            else:
                removed += 1
        elif kind in ("heading_open", "blockquote_open", "hr"):
            removed += 1
        elif kind == "tr_open":
            row = []
        elif kind == "tr_close" and row is not None:
            if any(cell for cell in row):
                lines.append(" | ".join(row))
            row = None
            removed += 1
        elif kind == "inline":
            content, n = _inline(token.children or [])
            removed += n
            if row is not None:
                row.append(content.strip())
            elif content.strip():
                lines.append(label + content if label else content)
                label = ""
        elif kind in ("fence", "code_block"):
            removed += 1
            lines.extend(line for line in token.content.split("\n") if line.strip())
        elif kind == "html_block":
            from ..normalize.html import page_to_text

            body, tags = page_to_text(token.content)
            removed += tags
            lines.extend(line for line in body.split("\n") if line.strip())
    return lines, removed


def _inline(children: list[Any]) -> tuple[str, int]:
    """An inline run's text: emphasis and link markup dropped, wrapped lines joined."""
    out = ""
    removed = 0
    for child in children:
        kind = child.type
        if kind == "text" or kind == "code_inline":
            out += child.content
        elif kind == "softbreak":
            out = join(out, "") + "\x00"  # joined below, once the next line's start is known
        elif kind == "hardbreak":
            out += "\n"
        elif kind == "image":
            out += child.content
            removed += 1
        elif kind in _MARKUP:
            removed += 1
    if "\x00" in out:
        pieces = out.split("\x00")
        joined = pieces[0]
        for piece in pieces[1:]:
            joined = join(joined, piece)
        out = joined
    # CommonMark does not close "**(一)**完善" (punctuation inside, a letter outside), which is
    # how Chinese Markdown bolds a label: such pairs are markup too
    out, n = _LEFT_BOLD.subn(r"\1", out)
    return out, removed + n


_LEFT_BOLD = lazy(r"\*\*([^*\n]{1,200}?)\*\*")
