"""RTF documents: the text ``striprtf`` leaves once control words and groups are removed.

striprtf follows the document's code page (``\\ansicpg936``) and font charsets, so GBK bytes
(``\\'d6\\'d0``) and Unicode escapes (``\\u20013?``) both come out as Chinese characters.
"""

from __future__ import annotations

from ..errors import InputError
from ..records import ReadText


def read_rtf(data: bytes, *, name: str = "input") -> ReadText:
    """The text of an RTF file, one paragraph per line."""
    from striprtf.striprtf import rtf_to_text

    # RTF is 7-bit: anything above ASCII is escaped, so latin-1 cannot fail and changes nothing
    source = data.decode("latin-1")
    try:
        text = rtf_to_text(source, errors="replace")
    except Exception as exc:  # striprtf on a malformed group or an unknown code page
        raise InputError(f"{name}: a damaged RTF document ({type(exc).__name__})") from None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise InputError(f"{name}: the RTF document has no text")
    lines = text.split("\n")
    return ReadText(text=text.rstrip("\n") + "\n", reader="rtf", encoding="rtf",
                    counts={"rtf": sum(1 for line in lines if line.strip())})
