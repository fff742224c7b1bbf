"""Reading plan files: bytes to text in whatever encoding they arrived."""

from __future__ import annotations

import re
import stat
from pathlib import Path

from .errors import InputError
from .han import count_han

#: Files larger than this are refused rather than parsed slowly into memory.
MAX_BYTES = 50 * 1024 * 1024
#: Files read as tables of documents (a text column and metadata columns), not as one plan's text.
TABLE_SUFFIXES = frozenset({".csv", ".tsv", ".xlsx", ".xlsm", ".parquet", ".pq", ".jsonl", ".ndjson"})

_BOMS = (  # UTF-32 first: its little-endian mark begins with UTF-16's
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)
#: Line ends other than \n that text may hold: Unicode's line and paragraph separators, NEL.
_LINE_ENDS = str.maketrans({"\u2028": "\n", "\u2029": "\n", "\x85": "\n"})
# Tried in order when the bytes are not UTF-8. GB18030 is a superset of GBK and GB2312.
_CJK_ENCODINGS = ("gb18030", "big5")
#: Share of common characters among the Han characters below which a decoding is not believed.
MIN_COMMON_SHARE = 0.6


def regular_file(path: str | Path) -> Path:
    """``path`` if it names a regular file (symlinks followed); a clear error otherwise. A FIFO, a
    device (``/dev/zero``), a socket or a folder is refused before it is opened: reading one
    would block for ever or never end."""
    p = Path(path)
    try:
        st = p.stat()
    except FileNotFoundError:
        raise InputError(f"{p}: no such file") from None
    except (OSError, ValueError) as exc:  # a NUL in the name, a symlink loop, a name too long …
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise InputError(f"{p}: cannot read ({reason})") from None
    if stat.S_ISDIR(st.st_mode):
        raise InputError(f"{p}: is a directory, not a plan file")
    if not stat.S_ISREG(st.st_mode):
        kind = ("a FIFO (named pipe)" if stat.S_ISFIFO(st.st_mode) else
                "a device" if stat.S_ISCHR(st.st_mode) or stat.S_ISBLK(st.st_mode) else
                "a socket" if stat.S_ISSOCK(st.st_mode) else "special")
        raise InputError(f"{p}: not a regular file ({kind}); give a plan file")
    return p


def read_bytes(path: str | Path, *, limit: int | None = MAX_BYTES) -> bytes:
    """Read a regular file, at most ``limit`` bytes (None: any size), with a clear error for what
    cannot be read. The read itself is bounded too: a file that grows while it is read, or one
    that reports no size (``/proc``), cannot exhaust memory."""
    p = regular_file(path)
    size = p.stat().st_size
    if limit is not None and size > limit:
        raise InputError(f"{p}: {size / 1e6:.0f} MB is too large for one plan (limit {limit // 2**20} MiB)")
    try:
        with p.open("rb") as fh:
            data = fh.read() if limit is None else fh.read(limit + 1)
    except OSError as exc:
        raise InputError(f"{p}: cannot read ({exc.strerror or exc})") from None
    if limit is not None and len(data) > limit:
        raise InputError(f"{p}: more than {limit // 2**20} MiB is too large for one plan")
    return data


def _han_share(text: str) -> float:
    if not text:
        return 0.0
    han = count_han(text)
    return han / len(text)


def decode(data: bytes, *, name: str = "input") -> tuple[str, str]:
    """Decode plan bytes; return ``(text, encoding)``.

    A byte-order mark decides (UTF-8, UTF-16, UTF-32); then UTF-16 without a mark, UTF-8, GB18030
    and Big5, keeping the decoding that yields the most common CJK characters; charset-normalizer
    decides what is left. Korean (EUC-KR) bytes, which GB18030 also "reads" as common Chinese
    characters, are refused, not read as nonsense. U+2028, U+2029 and NEL become line ends.
    """
    text, encoding = _decode(data, name=name)
    return text.translate(_LINE_ENDS), encoding


def _decode(data: bytes, *, name: str) -> tuple[str, str]:
    if not data.strip(b" \t\r\n\x00\x0b\x0c"):
        raise InputError(f"{name}: the file is empty")
    for bom, enc in _BOMS:
        if data.startswith(bom):
            return _with_bom(data, enc, name=name), enc
    if b"\x00" in data[:4096]:
        utf16 = _utf16_without_bom(data)
        if utf16 is not None:
            return utf16
        raise InputError(f"{name}: looks like a binary file, not a text plan")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    utf16 = _utf16_without_bom(data)  # Chinese only, no ASCII: UTF-16 without a single NUL byte
    if utf16 is not None:
        return utf16
    if _korean(data):
        raise InputError(f"{name}: looks like Korean text (EUC-KR), not Chinese; evolve reads "
                         "Chinese plans (UTF-8, GB18030, Big5, UTF-16)")
    candidates: list[tuple[float, str, str]] = []
    for enc in _CJK_ENCODINGS:
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        candidates.append((_common_cjk_share(text), enc, text))
    mixed = _per_line(data)
    if mixed is not None:
        candidates.append((_common_cjk_share(mixed), "mixed (utf-8, gb18030)", mixed))
    if candidates:
        score, enc, text = max(candidates)
        # Chinese text decoded right is ~95 % common characters; other bytes read as GB18030 or
        # Big5 (Latin-1, a wrong two-byte code) give rare ones
        if score > MIN_COMMON_SHARE:
            return text, enc
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise InputError(f"{name}: cannot decode the bytes as text in any known encoding")
    return str(best), best.encoding


def _utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    """UTF-16 saved without a byte-order mark (some Windows exports): NUL bytes in every other
    position. None when the bytes are not that."""
    if len(data) % 2:
        return None
    sample = data[:4096]
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    # ASCII in UTF-16 has its NUL on one side; mostly-Chinese UTF-16 has few or none: try the
    # side with more NULs first, and believe only text that reads (common characters)
    order = (("utf-16-le", odd), ("utf-16-be", even))
    for enc, _ in sorted(order, key=lambda t: -t[1]):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        if "\x00" not in text and _plausible(text) and (_han_share(text) > 0.3 or even + odd > 0):
            return text, enc
    return None


def _korean(data: bytes) -> bool:
    """Whether bytes that are not UTF-8 read as Korean: EUC-KR (CP949) decodes them to mostly
    Hangul, and the words are separated by spaces, as Korean is written (Chinese is not)."""
    try:
        text = data[:20_000].decode("cp949")
    except UnicodeDecodeError:
        return False
    hangul = sum(1 for c in text if "\uac00" <= c <= "\ud7a3")
    han = count_han(text)
    if hangul < 20 or hangul < 2 * han:
        return False
    pairs = re.findall(r"[\uac00-\ud7a3](?= ?[\uac00-\ud7a3])( ?)", text)
    spaced = sum(1 for p in pairs if p)
    return spaced >= 0.1 * max(len(pairs), 1)


def _per_line(data: bytes) -> str | None:
    """A file pasted together from UTF-8 and GBK pieces: each line in whichever of the two reads
    it. None when every line is one or the other already (the whole-file decodings cover that)
    or when a line reads as neither."""
    lines = data.split(b"\n")
    out, kinds = [], set()
    for line in lines:
        for enc in ("utf-8", "gb18030"):
            try:
                out.append(line.decode(enc))
            except UnicodeDecodeError:
                continue
            if not line.isascii():
                kinds.add(enc)
            break
        else:
            return None
    return "\n".join(out) if len(kinds) > 1 else None


def _with_bom(data: bytes, encoding: str, *, name: str) -> str:
    """Decode bytes that open with a byte-order mark; a BOM that does not match the body (a UTF-8
    mark before GBK text, a UTF-16 mark before anything else) is an error, not garbled text."""
    label = {"utf-8-sig": "UTF-8", "utf-32": "UTF-32"}.get(encoding, "UTF-16")
    fix = f"starts with a {label} byte-order mark but the text after it is not {label}; re-save it as UTF-8"
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        raise InputError(f"{name}: {fix}") from None
    if encoding in ("utf-16", "utf-32") and not _plausible(text):
        raise InputError(f"{name}: {fix}")
    return text


def _plausible(text: str) -> bool:
    """Whether decoded text reads as text: mostly ASCII, common Chinese characters and punctuation
    (bytes decoded with the wrong two-byte encoding give rare characters, Hangul, private use)."""
    from ._common_chars import COMMON

    sample = text[:20_000]
    if not sample:
        return True
    ok = sum(1 for c in sample if c.isascii() or c in COMMON or "\u3000" <= c <= "\u303f" or "\uff00" <= c <= "\uffef"
             or c in "“”‘’—…·")
    return ok >= 0.8 * len(sample)


def _common_cjk_share(text: str) -> float:
    """Share of characters among the ~3,500 most used Simplified or Traditional characters."""
    from ._common_chars import COMMON

    han = [c for c in text if "\u4e00" <= c <= "\u9fff"]
    if not han:
        return 0.0
    return sum(1 for c in han if c in COMMON) / len(han)


def read_text(path: str | Path) -> tuple[str, str]:
    """Read and decode a plan file; return ``(text, encoding)``."""
    return decode(read_bytes(path), name=str(path))
