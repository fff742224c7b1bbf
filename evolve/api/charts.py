"""Charts from a notebook: the CJK font every chart of evolve uses."""

from __future__ import annotations


def use_cjk_font() -> str | None:
    """Make matplotlib draw Chinese: select the installed CJK font evolve's charts use (Noto Sans
    CJK SC or another), and return its name (None when no CJK font is installed)."""
    from ..render.fonts import use_cjk_font as use

    return use()
