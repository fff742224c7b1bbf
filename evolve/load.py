"""Reading plan files: bytes to text in whatever encoding they arrived."""

from __future__ import annotations

import stat
from pathlib import Path

from .errors import InputError

#: Files larger than this are refused rather than parsed slowly into memory.
MAX_BYTES = 50 * 1024 * 1024

_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)
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
    han = sum(1 for c in text if "\u4e00" <= c <= "\u9fff")
    return han / len(text)


def decode(data: bytes, *, name: str = "input") -> tuple[str, str]:
    """Decode plan bytes; return ``(text, encoding)``.

    UTF-8 (with or without BOM) first, then GB18030 and Big5, keeping the decoding that yields the
    most common CJK characters; charset-normalizer decides what is left.
    """
    if not data.strip():
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
    sample = data[:4096]
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    half = len(sample) // 2 or 1
    for enc, nuls in (("utf-16-le", odd), ("utf-16-be", even)):
        if nuls < 0.1 * half:  # Chinese in UTF-16 has few NULs, ASCII half of them: either is fine
            continue
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        if "\x00" not in text and _plausible(text):
            return text, enc
    return None


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
    label = "UTF-8" if encoding == "utf-8-sig" else "UTF-16"
    fix = f"starts with a {label} byte-order mark but the text after it is not {label}; re-save it as UTF-8"
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        raise InputError(f"{name}: {fix}") from None
    if encoding == "utf-16" and not _plausible(text):
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
