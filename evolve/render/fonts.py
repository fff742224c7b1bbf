"""A CJK font for matplotlib, found at run time, so Chinese chart labels never come out as boxes.

Order: an installed system font (Noto Sans CJK SC from Debian's fonts-noto-cjk, which setup.sh
installs; Source Han Sans SC; WenQuanYi; Noto Sans SC …), then the fonts of the optional pip extra
``evolve[cjk]`` (mplfonts), otherwise a warning. matplotlib ≥ 3.11 reads .ttc collections.
"""

from __future__ import annotations

import subprocess
import warnings
from functools import lru_cache
from pathlib import Path

#: Family names in order of preference.
PREFERRED = (
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "Noto Sans SC",
    "Source Han Sans CN",
    "WenQuanYi Zen Hei",
    "WenQuanYi Micro Hei",
    "Noto Sans CJK JP",
    "Noto Sans CJK TC",
    "Droid Sans Fallback",
    "SimHei",
    "Microsoft YaHei",
    "PingFang SC",
    "Noto Serif CJK SC",
)
_SUFFIXES = (".ttc", ".otf", ".ttf")


def _fc_list() -> list[Path]:
    """Font files fontconfig knows that cover Chinese (empty when fc-list is missing)."""
    try:
        out = subprocess.run(
            ["fc-list", ":lang=zh", "file"], capture_output=True, text=True, timeout=10, check=False
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return []
    return [Path(line.split(":")[0].strip()) for line in out.splitlines() if line.strip()]


def _pip_fonts() -> list[Path]:
    """Fonts shipped by the optional extra (``pip install 'evolve[cjk]'``: mplfonts)."""
    try:
        import mplfonts  # type: ignore[import-not-found]
    except ImportError:
        return []
    d = Path(mplfonts.__file__).parent / "fonts"
    return sorted(
        p for p in d.glob("*") if p.suffix.lower() in _SUFFIXES and "Sans" in p.name
    ) + sorted(p for p in d.glob("*") if p.suffix.lower() in _SUFFIXES and "Sans" not in p.name)


@lru_cache(maxsize=1)
def find_cjk_font() -> tuple[str, str] | None:
    """(family name, file) of the best CJK font available, registered with matplotlib; or None."""
    from matplotlib import font_manager

    known = {f.name: f.fname for f in font_manager.fontManager.ttflist}
    for fam in PREFERRED:
        if fam in known:
            return fam, known[fam]
    for path in [*_fc_list(), *_pip_fonts()]:
        if not path.exists() or path.suffix.lower() not in _SUFFIXES:
            continue
        try:
            font_manager.fontManager.addfont(str(path))
            name = font_manager.FontProperties(fname=str(path)).get_name()
        except (OSError, RuntimeError, ValueError):
            continue
        known = {f.name: f.fname for f in font_manager.fontManager.ttflist}
        for fam in PREFERRED:
            if fam in known:
                return fam, known[fam]
        return name, str(path)
    return None


def use_cjk_font() -> str | None:
    """Make matplotlib draw Chinese: set the CJK family first in font.sans-serif; warn if none."""
    import matplotlib

    found = find_cjk_font()
    matplotlib.rcParams["axes.unicode_minus"] = False
    if found is None:
        warnings.warn(
            "evolve: no CJK font found; Chinese chart labels will show as boxes. Install "
            "fonts-noto-cjk (apt) or pip install 'evolve[cjk]'.",
            RuntimeWarning,
            stacklevel=2,
        )
        return None
    family = found[0]
    rest = [f for f in matplotlib.rcParams["font.sans-serif"] if f != family]
    matplotlib.rcParams["font.sans-serif"] = [family, *rest]
    matplotlib.rcParams["font.family"] = "sans-serif"
    return family
