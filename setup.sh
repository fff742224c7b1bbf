#!/usr/bin/env bash
# Set up evolve on a fresh machine: a CJK font for the charts, chromium for the report's browser
# test, a virtual environment in .venv, and the package with its test tools. Safe to run again;
# it skips what is already there.
set -euo pipefail
cd "$(dirname "$0")"

# Debian packages, installed only when missing (apt runs only as root):
#   fonts-noto-cjk  a CJK font, so Chinese chart labels are not boxes
#   chromium        a headless browser: tests/test_report.py looks at the report page as a
#                   reader sees it (screenshot, charts loaded); without it that test is skipped
need=()
# (grep without -q reads all of fc-list's output: with pipefail, an early exit would count as a failure)
fc-list 2>/dev/null | grep -iE 'Noto Sans CJK|Source Han Sans|WenQuanYi' >/dev/null || need+=(fonts-noto-cjk fontconfig)
command -v chromium >/dev/null || command -v chromium-browser >/dev/null || need+=(chromium)
if [ ${#need[@]} -gt 0 ]; then
  if command -v apt-get >/dev/null && [ "$(id -u)" = 0 ]; then
    echo "setup: installing ${need[*]} (apt)" >&2
    export DEBIAN_FRONTEND=noninteractive
    (apt-get install -y -qq "${need[@]}" >/dev/null 2>&1 ||
      { apt-get update -qq >/dev/null && apt-get install -y -qq "${need[@]}" >/dev/null; }) ||
      echo "setup: could not install ${need[*]}; charts may show boxes, the browser test is skipped" >&2
  else
    echo "setup: missing ${need[*]}; install them (apt) for readable chart labels and the browser test" >&2
  fi
fi

if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
stamp=.venv/.evolve-installed
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
  echo "setup: installing evolve and its dependencies into .venv (log: .venv/pip.log)" >&2
  if ! { .venv/bin/python -m pip install -q --upgrade pip &&
         .venv/bin/python -m pip install -q -e '.[dev]'; } >.venv/pip.log 2>&1; then
    tail -20 .venv/pip.log >&2
    echo "setup: pip install failed; see .venv/pip.log" >&2
    exit 1
  fi
  touch "$stamp"
fi
# Compile evolve's modules, patterns and records once, for every later command (without this,
# where PYTHONDONTWRITEBYTECODE is set, each command compiles them again: about 0.3 s)
.venv/bin/python -m evolve.warm >/dev/null
