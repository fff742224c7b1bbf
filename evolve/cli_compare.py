"""``evolve compare`` and ``evolve align``: two plans side by side."""

from __future__ import annotations
