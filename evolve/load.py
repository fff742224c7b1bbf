"""Reading plan files: bytes to text in whatever encoding they arrived."""

from __future__ import annotations

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


def read_bytes(path: str | Path) -> bytes:
    """Read a file, with a clear error for what cannot be read."""
    p = Path(path)
    if not p.exists():
        raise InputError(f"{p}: no such file")
    if p.is_dir():
        raise InputError(f"{p}: is a directory, not a plan file")
    size = p.stat().st_size
    if size > MAX_BYTES:
        raise InputError(f"{p}: {size / 1e6:.0f} MB is too large for one plan (limit {MAX_BYTES // 2**20} MiB)")
    try:
        return p.read_bytes()
    except OSError as exc:
        raise InputError(f"{p}: cannot read ({exc.strerror})") from None


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
    if candidates:
        score, enc, text = max(candidates)
        if score > 0.2:
            return text, enc
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise InputError(f"{name}: cannot decode the bytes as text in any known encoding")
    return str(best), best.encoding


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
