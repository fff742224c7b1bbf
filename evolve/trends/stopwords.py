"""Chinese stop words for keyness: words that carry grammar, not a topic (的, 进行, 我们, 必须).

The shipped list (``data/stopwords_zh.txt``) is the Chinese list of stopwords-iso (MIT) with a
part written for the register of plans and work reports; its header names the source. Keyness
leaves these words out by default; ``load_stopwords(path)`` reads another list, one word a line
(``#`` starts a comment).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from ..errors import InputError
from ..shipped import data_text

SHIPPED = "stopwords_zh.txt"


def parse_stopwords(text: str) -> frozenset[str]:
    """Words of a list, one a line; blank lines and ``#`` comments skipped."""
    out = set()
    for line in text.splitlines():
        word = line.split("#", 1)[0].strip()
        if word:
            out.add(word)
    return frozenset(out)


def load_stopwords(path: str | Path | None = None) -> frozenset[str]:
    """The stop words of ``path``, or the shipped list."""
    if path is None:
        return _shipped()
    p = Path(path)
    try:
        return parse_stopwords(p.read_text("utf-8-sig"))
    except FileNotFoundError:
        raise InputError(f"--stopwords {p}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"--stopwords {p}: is a folder, not a word list") from None
    except UnicodeDecodeError:
        raise InputError(f"--stopwords {p}: not UTF-8 text") from None


@lru_cache(maxsize=1)
def _shipped() -> frozenset[str]:
    return parse_stopwords(data_text(SHIPPED))


__all__ = ["SHIPPED", "load_stopwords", "parse_stopwords"]
