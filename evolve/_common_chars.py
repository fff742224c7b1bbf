"""The commonly used Han characters, derived from the encodings' own frequency tiers.

GB2312 level 1 (rows 0xB0-0xD7) holds the 3,755 most used Simplified characters and Big5's
0xA440-0xC67E block the 5,401 most used Traditional ones. A decoding that produces mostly these is
the right one; a wrong decoding produces rare characters.
"""

from __future__ import annotations


def _gb2312_level1() -> set[str]:
    chars = set()
    for hi in range(0xB0, 0xD8):
        for lo in range(0xA1, 0xFF):
            try:
                chars.add(bytes([hi, lo]).decode("gb2312"))
            except UnicodeDecodeError:
                continue
    return chars


def _big5_common() -> set[str]:
    chars = set()
    for hi in range(0xA4, 0xC7):
        for lo in list(range(0x40, 0x7F)) + list(range(0xA1, 0xFF)):
            code = (hi << 8) | lo
            if code > 0xC67E:
                break
            try:
                chars.add(bytes([hi, lo]).decode("big5"))
            except UnicodeDecodeError:
                continue
    return chars


COMMON: frozenset[str] = frozenset(_gb2312_level1() | _big5_common())
