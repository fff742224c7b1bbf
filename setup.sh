#!/usr/bin/env bash
# Set up evolve on a fresh machine: a CJK font for the charts, a virtual environment in .venv,
# and the package with its test tools. Safe to run again; it skips what is already there.
set -euo pipefail
cd "$(dirname "$0")"

if ! fc-list 2>/dev/null | grep -qiE 'Noto Sans CJK|Source Han Sans|WenQuanYi'; then
  if command -v apt-get >/dev/null && [ "$(id -u)" = 0 ]; then
    echo "setup: installing a CJK font (fonts-noto-cjk) for chart labels" >&2
    (apt-get install -y -qq fonts-noto-cjk fontconfig >/dev/null 2>&1 ||
      { apt-get update -qq >/dev/null && apt-get install -y -qq fonts-noto-cjk fontconfig >/dev/null; }) ||
      echo "setup: could not install fonts-noto-cjk; charts will warn about missing glyphs" >&2
  else
    echo "setup: no CJK font found; install fonts-noto-cjk for readable chart labels" >&2
  fi
fi

if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
stamp=.venv/.evolve-installed
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
  .venv/bin/python -m pip install -q --upgrade pip >/dev/null
  .venv/bin/python -m pip install -q -e '.[dev]'
  touch "$stamp"
fi
