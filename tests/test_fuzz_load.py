"""Fuzz the loader and the normaliser: random bytes, random encodings, damaged plans.

Whatever the bytes, ``decode`` / ``parse`` end in a Document or an ``EvolveError`` (a clear
message for the user), never another exception. (Numbering mixes through segmentation are fuzzed
in tests/test_units.py.) ``EVOLVE_FUZZ=20 pytest tests/test_fuzz_load.py`` hunts longer.
"""

from __future__ import annotations

import os
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from evolve.errors import EvolveError
from evolve.load import decode
from evolve.normalize import normalise
from evolve.parse import parse_text
from evolve.readers import read_data, sniff

SEED = (Path(__file__).resolve().parent.parent / "corpus" / "xianning-2016.txt").read_bytes()[:6000]
ENCODINGS = ["utf-8", "utf-8-sig", "gb18030", "gbk", "big5", "utf-16", "utf-16-le", "utf-16-be",
             "latin-1", "shift_jis", "euc-kr", "cp1252"]
# Chinese plan text with the characters that trouble parsers: numbering, brackets, markup,
# full-width forms, control characters, surrogate-free astral characters
ALPHABET = st.sampled_from(list("一二三四五六七八九十百(一)（二）①②⑩1.2、第章节条款项加强数据要素市场建设。"
                                ",;:!?“”《》[]{}<>/\\$*_#`|~\n\t\r\x00\x0b\x1f　 \u200b\ufeff\U0001f600ABCxyz"))
texts = st.text(alphabet=ALPHABET, max_size=600)
#: EVOLVE_FUZZ=20 runs twenty times the examples (a longer hunt, by hand; the suite stays fast)
SCALE = int(os.environ.get("EVOLVE_FUZZ", "1") or 1)
FUZZ = settings(max_examples=150 * SCALE, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _parse_bytes(data: bytes) -> None:
    try:
        text, encoding = decode(data, name="fuzz")
        parse_text(text, source="fuzz", encoding=encoding)
    except EvolveError as exc:
        assert str(exc) and "\n" not in str(exc)


@FUZZ
@given(st.binary(max_size=3000))
def test_random_bytes(data: bytes) -> None:
    _parse_bytes(data)


@FUZZ
@given(texts, st.sampled_from(ENCODINGS))
def test_random_text_in_random_encodings(text: str, encoding: str) -> None:
    _parse_bytes(("关于加强数据工作的通知\n" + text).encode(encoding, errors="ignore"))


@FUZZ
@given(st.lists(st.tuples(st.integers(0, len(SEED) - 1), st.integers(0, 255)), max_size=40),
       st.integers(1, len(SEED)))
def test_damaged_plan(flips: list[tuple[int, int]], cut: int) -> None:
    """A real plan with bytes overwritten and cut short anywhere (a half-downloaded file)."""
    data = bytearray(SEED)
    for at, value in flips:
        data[at] = value
    _parse_bytes(bytes(data[:cut]))


@FUZZ
@given(st.lists(st.binary(max_size=400), min_size=2, max_size=6),
       st.lists(st.sampled_from(ENCODINGS), min_size=2, max_size=6))
def test_pieces_in_mixed_encodings(pieces: list[bytes], encodings: list[str]) -> None:
    """A file pasted together from lines of different encodings and stray bytes."""
    lines = ["一、加强数据资源统筹", "(一)推进数据共享开放,建设城市大脑。", "二、完善安全保障"]
    data = b"\n".join(line.encode(enc, errors="ignore") + junk
                      for line, enc, junk in zip(lines * 2, encodings, pieces, strict=False))
    _parse_bytes(data)


@FUZZ
@given(texts)
def test_normalise_any_text(text: str) -> None:
    out = normalise(text)
    assert isinstance(out.text, str)
    assert all(n > 0 for n in out.counts.values())


@settings(max_examples=60 * SCALE, deadline=None)
@given(st.binary(max_size=2000),
       st.sampled_from(["", ".txt", ".md", ".html", ".pdf", ".docx", ".doc", ".rtf", ".xml"]))
def test_readers_on_random_bytes(data: bytes, suffix: str) -> None:
    """Whatever reader the bytes and the extension pick, it ends in text or an EvolveError."""
    try:
        read_data(data, kind=sniff(data, suffix), name=f"fuzz{suffix}")
    except EvolveError as exc:
        assert str(exc)


@settings(max_examples=40 * SCALE, deadline=None)
@given(st.sampled_from([b"%PDF-1.4\n", b"PK\x03\x04", b"<html><body>", b"---\ntitle: x\n---\n",
                        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", b"{\\rtf1\\ansi ",
                        b'<?xml version="1.0"?><w:wordDocument '
                        b'xmlns:w="http://schemas.microsoft.com/office/word/2003/wordml">',
                        b"MIME-Version: 1.0\nContent-Type: multipart/related; boundary=x\n\n"]),
       st.binary(max_size=1500))
def test_readers_on_damaged_containers(magic: bytes, rest: bytes) -> None:
    """A PDF, DOCX, HTML or Markdown file cut short or filled with junk after its first bytes."""
    data = magic + rest
    try:
        read_data(data, kind=sniff(data, ""), name="fuzz")
    except EvolveError as exc:
        assert str(exc)
