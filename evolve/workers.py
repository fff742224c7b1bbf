"""Forked worker processes for the corpus-scale steps (parsing, MinHash, verification).

``fork_map`` yields ``func(item)`` for every item from a pool of forked processes and, on normal
completion, *closes and joins* the pool before returning. ``with Pool() as pool`` would call
``terminate()`` instead, which can hang for ever when a worker is still waiting on the task queue
(seen under load: ``evolve reuse`` stuck after its MinHash step, one worker blocked in
``SimpleQueue.get``); terminate is kept for errors and early exits. Workers restore the default
SIGTERM action: the command line's handler (raise, clean up, exit 143) is for the main process,
and a worker that inherited it could outlive ``terminate()``.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import signal
from collections.abc import Callable, Iterable, Iterator
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")


def can_fork() -> bool:
    return hasattr(os, "fork")


def _worker_init() -> None:
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    # Ctrl-C reaches every process of the group: the main process stops the pool; a worker
    # raising KeyboardInterrupt too would print a traceback each
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def fork_map(func: Callable[[T], R], items: Iterable[T], *, workers: int, ordered: bool = True,
             chunksize: int = 1) -> Iterator[R]:
    """``func`` over ``items`` in ``workers`` forked processes (in order unless ``ordered=False``)."""
    ctx: Any = mp.get_context("fork") if can_fork() else mp.get_context()
    pool = ctx.Pool(workers, initializer=_worker_init)
    done = False
    try:
        run = pool.imap if ordered else pool.imap_unordered
        yield from run(func, items, chunksize=chunksize)
        done = True
    finally:
        if done:
            pool.close()
            pool.join()
        else:
            pool.terminate()
            pool.join()


__all__ = ["can_fork", "fork_map"]
