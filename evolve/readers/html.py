"""Web pages saved as .html/.htm (or as MHTML archives): markup to text lines (``evolve.normalize.html``)."""

from __future__ import annotations

from ..errors import InputError
from ..load import decode
from ..normalize.html import page_to_text
from ..records import ReadText


def read_html(data: bytes, *, name: str = "input") -> ReadText:
    """Decode a page and take its text: scripts, styles and head dropped, blocks become lines.

    The count is reported under the same ``html`` rule as a page found inside a .txt file.
    """
    text, encoding = decode(data, name=name)
    body, tags = page_to_text(text)
    return ReadText(text=body, reader="html", encoding=encoding, counts={"html": tags} if tags else {})


def read_mhtml(data: bytes, *, name: str = "input") -> ReadText:
    """A single file web page (.mht, often saved with a .doc name): the first HTML part."""
    import email
    from email import policy


    message = email.message_from_bytes(data, policy=policy.compat32)
    for part in message.walk():
        if part.get_content_type() == "text/html":
            payload = part.get_payload(decode=True) or b""
            charset = part.get_content_charset()
            try:  # the part's declared charset, when Python knows it; decode() guesses otherwise
                payload = payload.decode(charset).encode("utf-8") if charset else payload
            except (LookupError, UnicodeDecodeError):
                charset = None
            read = read_html(payload, name=name)
            counts = dict(read.counts)
            counts["mhtml"] = 1
            return ReadText(text=read.text, reader="mhtml", encoding=read.encoding, counts=counts)
    raise InputError(f"{name}: an MHTML archive without a web page")
