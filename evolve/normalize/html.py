"""Plans saved as web pages: HTML markup to plain text lines.

Uses the standard library's parser: scripts, styles and the page's head are dropped, block
elements (p, div, br, li, h1-h6, tr, td …) end a line, entities are decoded.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..lazy_pattern import lazy

_BLOCK = frozenset(
    [
        "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "td", "th",
        "table", "section", "article", "header", "footer", "blockquote", "pre", "hr", "dd", "dt",
    ]
)
_SKIP = frozenset(["script", "style", "head", "noscript", "template", "svg", "iframe"])
_LOOKS_HTML = lazy(r"<(html|body|div|p|br|span|table|td|li|h[1-6])\b[^>]*>", re.I)


@lru_cache(maxsize=1)
def _parser_class() -> type:
    """The parser collecting a page's text (html.parser is imported only for a web page)."""
    from html.parser import HTMLParser

    class _Text(HTMLParser):
        def __init__(self) -> None:
            super().__init__(convert_charrefs=True)
            self.parts: list[str] = []
            self.skip = 0
            self.tags = 0

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            self.tags += 1
            if tag in _SKIP:
                self.skip += 1
            elif tag in _BLOCK:
                self.parts.append("\n")

        def handle_endtag(self, tag: str) -> None:
            if tag in _SKIP and self.skip:
                self.skip -= 1
            elif tag in _BLOCK:
                self.parts.append("\n")

        def handle_data(self, data: str) -> None:
            if not self.skip:
                self.parts.append(data.replace("\n", " "))

    return _Text


def looks_like_html(text: str) -> bool:
    """Whether the text is a web page rather than plain text (several block tags)."""
    return len(_LOOKS_HTML.findall(text[:200_000])) >= 3


def html_to_text(text: str) -> tuple[str, int]:
    """Plain text lines of an HTML page; the count is the number of tags removed (0: not HTML)."""
    if not looks_like_html(text):
        return text, 0
    return page_to_text(text)


def page_to_text(text: str) -> tuple[str, int]:
    """Plain text lines of a text known to be a web page (an .html file), however few its tags."""
    parser = _parser_class()()
    parser.feed(text)
    parser.close()
    return "".join(parser.parts), parser.tags
