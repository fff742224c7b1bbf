"""How sure a link between two provisions is: what is shown as a correspondence meets
``SHOWN_CONFIDENCE``; the rest is listed as "closest, not matched".

Calibrated on hand-judged links (tests/gold/alignment.csv, the seeds; tests/gold/
work_report_links.csv, the State Council's reports 2010→2011 and 2011→2012; bench/align_eval.py,
bench/work_report_links.py). Three kinds of evidence make a link sure, each mapped to 0..1:

- how far the pair stands out from the other candidates of both provisions (``relative``, in
  standard deviations): from ``RELATIVE_FLOOR`` (0) to ``RELATIVE_FLOOR + RELATIVE_SPAN`` (1);
- how much of the newer provision's text its clause diffs keep from the older (``kept``): a
  share of ``KEPT_FULL`` or more is full evidence (sentences carried over are);
- a similarity of ``STRONG_SCORE`` or more, or a recurring paragraph (the main-targets paragraph,
  the same topic sentence, the same wording with other figures): sure whatever the rest.

The surer of the first two counts, scaled down when the pair is well below the group's best pair
(a member that joined a split or merge by standing out elsewhere): by score / best / ``MEMBER_RATIO``.
A pair that is one provision's clear best match by characters and stands out (``clear_best``,
``across``: linked across two stars, or such a pair inside one correspondence) is sure, as a
recurring paragraph is.
"""

from __future__ import annotations

#: A link at least this sure is shown as a correspondence; below it, "closest, not matched".
SHOWN_CONFIDENCE = 0.65
RELATIVE_FLOOR = 1.5
RELATIVE_SPAN = 3.0
KEPT_FULL = 0.03
MEMBER_RATIO = 0.7
#: As ``group.STRONG_SCORE``: near-identical text needs no comparison.
STRONG_SCORE = 0.6


def link_confidence(*, score: float, relative: float, kept: float, best: float, recurring: bool = False,
                    clear_best: bool = False) -> float:
    """Confidence 0..1 of one provision pair inside a correspondence whose best pair scores ``best``."""
    if recurring or clear_best or score >= STRONG_SCORE:
        return 1.0
    evidence = max(min(1.0, max(0.0, (relative - RELATIVE_FLOOR) / RELATIVE_SPAN)), min(1.0, kept / KEPT_FULL))
    member = min(1.0, score / best / MEMBER_RATIO) if best > 0 else 1.0
    return evidence * member


__all__ = ["SHOWN_CONFIDENCE", "link_confidence"]
