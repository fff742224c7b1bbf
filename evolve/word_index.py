"""jieba's dictionary, read only for the words a text can hold.

jieba cuts a stretch of Han text by the dictionary words found inside it (their frequencies and
the dictionary's total frequency decide between the ways of cutting it), and by its HMM for runs
the dictionary does not know. Words that do not occur in a text play no part in cutting it. So
instead of building all 349,045 words (rjieba does that on import: 0.12 s of CPU, every command),
evolve builds an empty segmenter and adds, before cutting a text, the words that begin with one of
the text's runs of three characters (a word of one or two characters: that run), with the total
set to the full dictionary's. The cut is the same word for word (tests/test_tokenize.py checks it
against rjieba's own dictionary on real plans); two plans need some 3,300 words, found in 0.05 s.

``data/jieba_words.bin`` is jieba 0.42.1's ``dict.txt`` (MIT licence, the dictionary rjieba
embeds), indexed by each word's first three characters:

    magic b"EVJW4\n", then four little-endian uint32: number of keys, number of words, total
    frequency, size of the word block; the keys (uint64 each: the first three characters' code
    points, 16 bits each, 0 past a shorter word's end), sorted; per character of the Basic
    Multilingual Plane and one past it, the index of its first key (uint32); per key and one past
    the end, the index of its first word (uint32) and the byte offset of its first word in the
    block (uint32); the words' frequencies (uint32, in block order); a bloom filter of the keys
    (2**22 bits; a key's bit: the CRC-32 of its characters in UTF-8, modulo 2**22); the word
    block (UTF-8, each word followed by a line feed).

Rebuild it with ``python -m evolve.word_index dict.txt``.
"""

from __future__ import annotations

import copy
import struct
import sys
from array import array
from bisect import bisect_left
from functools import lru_cache
from pathlib import Path
from zlib import crc32

from .shipped import DATA, data_map

MAGIC = b"EVJW4\n"
_HEADER = struct.Struct("<IIII")
_KEY_CHARS = 3
#: Characters of the texts read lately kept to spot a text inside one of them (a clause after
#: its provision): two plans fit, and a corpus costs no more per text than two plans.
READ_WINDOW = 65_536
_CHARS = 0x10000
#: The bloom filter over the keys (one bit set per key, 2**22 bits): most runs of three
#: characters begin no word, and the filter turns them away without a search.
_BLOOM_BITS = 22
_BLOOM_MASK = (1 << _BLOOM_BITS) - 1


def _bloom_bit(gram: str) -> int:
    """The filter's bit of a word's first three characters (CRC-32 of their UTF-8)."""
    return crc32(gram.encode()) & _BLOOM_MASK


def _key(word: str) -> int:
    """The index key of a word: its first three characters (BMP code points, 0 past its end)."""
    key = 0
    for i in range(_KEY_CHARS):
        key = key << 16 | (ord(word[i]) if i < len(word) else 0)
    return key


def _array(kind: str, data: memoryview) -> array | memoryview:
    """The little-endian integers of ``data``: the bytes themselves on a little-endian machine
    (no copy; memoryview reads unaligned items safely), a swapped copy elsewhere."""
    if sys.byteorder == "little":
        return data.cast(kind)
    out = array(kind)
    out.frombytes(data)
    out.byteswap()
    return out


class WordIndex:
    """The dictionary's words and frequencies, by the three characters they begin with."""

    def __init__(self, data: bytes | memoryview) -> None:
        view = memoryview(data)
        if bytes(view[:len(MAGIC)]) != MAGIC:
            raise ValueError("not an evolve word index")
        n_keys, n_words, self.total, size = _HEADER.unpack_from(view, len(MAGIC))
        at = len(MAGIC) + _HEADER.size
        parts = []
        for kind, count in (("Q", n_keys), ("I", _CHARS + 1), ("I", n_keys + 1), ("I", n_keys + 1), ("I", n_words)):
            width = array(kind).itemsize * count
            parts.append(_array(kind, view[at:at + width]))
            at += width
        self.keys, self.char_start, self.first_word, self.first_byte, self.freqs = parts
        self.bloom = view[at:at + (1 << _BLOOM_BITS) // 8]
        at += (1 << _BLOOM_BITS) // 8
        self.block = view[at:at + size]
        self._seen: set[str] = set()  # runs looked up
        self._read = ""  # the last READ_WINDOW characters of the texts read (but _recent)
        self._recent: list[str] = []  # the last texts read

    def reader(self) -> WordIndex:
        """The same index with its own record of what it has returned (one per segmenter)."""
        other = copy.copy(self)
        other._seen, other._read, other._recent = set(), "", []
        return other

    def _group(self, i: int) -> list[tuple[str, int]]:
        words = str(self.block[self.first_byte[i]:self.first_byte[i + 1]], "utf-8").split("\n")[:-1]
        return list(zip(words, self.freqs[self.first_word[i]:self.first_word[i + 1]], strict=True))

    def _find(self, key: int) -> int | None:
        first = key >> 32
        if first >= _CHARS:  # a character outside the BMP begins no word
            return None
        lo, hi = self.char_start[first], self.char_start[first + 1]
        if lo == hi:
            return None
        i = bisect_left(self.keys, key, lo, hi)
        return i if i < hi and self.keys[i] == key else None

    def freq(self, word: str) -> int | None:
        """The dictionary frequency of ``word`` (None when it is not in the dictionary)."""
        i = self._find(_key(word)) if word else None
        return None if i is None else next((f for w, f in self._group(i) if w == word), None)

    def returned(self, word: str) -> bool:
        """Whether ``new_words`` has returned ``word`` (when it is in the dictionary)."""
        return bool(word) and word[:_KEY_CHARS] in self._seen

    def new_words(self, text: str) -> list[tuple[str, int]]:
        """The dictionary words (with frequencies) that begin with a run of three characters of
        ``text`` (shorter words: that are such a run), not returned before by this index."""
        # a text inside one read lately holds no run that one did not (a clause of its provision)
        if text in self._read or any(text in t for t in self._recent):
            return []
        self._recent.append(text)
        if len(self._recent) >= 16:
            self._read = (self._read + "\n" + "\n".join(self._recent))[-READ_WINDOW:]
            self._recent.clear()
        # runs of three characters not looked up yet, then their first two characters, then each
        # character (a run looked up before had its shorter runs looked up with it)
        seen = self._seen
        grams = {text[i:i + 3] for i in range(len(text))}
        grams -= seen
        grams.update([g[:2] for g in grams])
        grams.update(text)
        grams -= seen
        if not grams:
            return []
        seen |= grams
        bloom, find = self.bloom, self._find
        out: list[tuple[str, int]] = []
        for g in grams:
            h = crc32(g.encode()) & _BLOOM_MASK  # _bloom_bit(g), inline
            if not bloom[h >> 3] & (1 << (h & 7)):
                continue
            i = find(_key(g))
            if i is not None:
                out += self._group(i)
        return out


@lru_cache(maxsize=1)
def word_index() -> WordIndex:
    """The shipped index (``data/jieba_words.bin``)."""
    return WordIndex(data_map("jieba_words.bin"))


def build(dict_txt: str | Path) -> bytes:
    """The index of a jieba ``dict.txt`` (``word freq [tag]`` lines; a repeated word keeps its
    last frequency, as jieba does)."""
    freqs: dict[str, int] = {}
    for line in Path(dict_txt).read_text("utf-8").splitlines():
        parts = line.split()
        if parts:
            freqs[parts[0]] = int(parts[1]) if len(parts) > 1 else 0
    if any(ord(c) > 0xFFFE for word in freqs for c in word):
        raise ValueError("the index keeps characters of the Basic Multilingual Plane only")
    groups: dict[int, list[str]] = {}
    for word in freqs:
        groups.setdefault(_key(word), []).append(word)
    keys = array("Q", sorted(groups))
    first_word, first_byte, freq_of = array("I", [0]), array("I", [0]), array("I")
    block = bytearray()
    for key in keys:
        for word in groups[key]:
            block += (word + "\n").encode("utf-8")
            freq_of.append(freqs[word])
        first_word.append(len(freq_of))
        first_byte.append(len(block))
    char_start = array("I", [0] * (_CHARS + 1))  # the first key of each first character
    at = len(keys)
    for c in range(_CHARS, -1, -1):
        while at > 0 and keys[at - 1] >> 32 >= c:
            at -= 1
        char_start[c] = at
    bloom = bytearray((1 << _BLOOM_BITS) // 8)
    for gram in {word[:_KEY_CHARS] for word in freqs}:
        h = _bloom_bit(gram)
        bloom[h >> 3] |= 1 << (h & 7)
    parts = [keys, char_start, first_word, first_byte, freq_of]
    if sys.byteorder != "little":
        for part in parts:
            part.byteswap()
    header = _HEADER.pack(len(keys), len(freq_of), sum(freqs.values()), len(block))
    return MAGIC + header + b"".join(p.tobytes() for p in parts) + bytes(bloom) + bytes(block)


if __name__ == "__main__":
    target = DATA / "jieba_words.bin"
    target.write_bytes(build(sys.argv[1]))
    print(f"wrote {target}")
