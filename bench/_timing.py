"""One way to time a command in the benchmarks: wall seconds and the peak RSS of its process."""

from __future__ import annotations

import os
import subprocess
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def timed(cmd: list[str], out: Path | None = None) -> dict[str, float]:
    """Run ``cmd`` from the checkout (stdout to ``out`` or discarded); exit with its stderr if it fails.

    The peak is the largest RSS of the process or of a child it waited for (``wait4``), so it is
    an upper bound of what the command needed on its own.
    """
    t0 = time.perf_counter()
    with (out.open("wb") if out else open(os.devnull, "wb")) as fh:
        proc = subprocess.Popen(cmd, stdout=fh, stderr=subprocess.PIPE, cwd=ROOT)
        _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - t0
    err = proc.stderr.read().decode() if proc.stderr else ""
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(cmd)} failed:\n{err[-3000:]}")
    return {"seconds": round(seconds, 1), "peak_mb": round(usage.ru_maxrss / 1024)}
