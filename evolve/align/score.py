"""Similarity of every provision of one plan to every provision of another."""

from __future__ import annotations

from collections.abc import Sequence

from ..dataclass_code import dataclass
from ..records import Provision
from .features import boosted, char_features, cross_cosines, topic_features, word_features
from .figures import mask_figures
from .matrix import Matrix, column_mean_std, row_mean_std, zeros

#: Weights of the signals, chosen on the gold set (tests/gold/, bench/align_eval.py): word
#: overlap carries most, the policy-domain signal catches counterparts worded differently
#: (智慧健康 ↔ 医疗数字化), character n-grams add little once words are counted.
WEIGHTS = {"words": 0.3, "heading_words": 0.3, "chars": 0.15, "topics": 0.25}
SIGNALS = tuple(WEIGHTS)


@dataclass(frozen=True)
class Scores:
    """Signal matrices (rows: source provisions, columns: target provisions) and their mix."""

    signals_: dict[str, Matrix]  #: signal name -> matrix of TF-IDF cosines
    combined: Matrix  #: the weighted mix of the signals, 0..1
    relative: Matrix  #: how far ``combined`` stands above the rest of its row and column (z-score)

    def signals(self, i: int, j: int) -> dict[str, float]:
        out = {k: float(v[i][j]) for k, v in self.signals_.items()}
        out["combined"] = float(self.combined[i][j])
        out["relative"] = float(self.relative[i][j])
        return out


#: Two plans share their wording when the typical best character n-gram similarity of their
#: provisions (``group.typical_best``) reaches the upper bound here: consecutive work reports of
#: one government (0.13-0.17) rather than two cities' plans on one subject (0.05-0.07). The
#: policy-domain signal is there for counterparts worded differently (智慧健康 ↔ 医疗数字化);
#: between plans that share their wording it mostly adds noise (every fiscal, farm and health
#: paragraph names the same few domains), so its weight falls to ``TOPICS_SHARED`` of itself,
#: linearly between the bounds.
SHARED_WORDING = (0.08, 0.12)
TOPICS_SHARED = 0.6


def topic_share(chars: Matrix) -> float:
    """The share of its weight the policy-domain signal keeps, given the character n-gram
    similarities of two plans' provisions (symmetric in the sides)."""
    from .group import typical_best

    low, high = SHARED_WORDING
    t = min(1.0, max(0.0, (typical_best(chars) - low) / (high - low)))
    return 1.0 - t * (1.0 - TOPICS_SHARED)


def _cosines(feature_lists: list[list[str]], n: int) -> Matrix:
    return cross_cosines(feature_lists[:n], feature_lists[n:])


def score(source: Sequence[Provision], target: Sequence[Provision], *,
          weights: dict[str, float] | None = None) -> Scores:
    """Score all pairs. Features are weighted by IDF over both plans' provisions together, so
    the formulaic language every provision shares (加强, 推进, 建设 …) counts for little."""
    w = {**WEIGHTS, **(weights or {})}
    both = [*source, *target]
    n = len(source)
    features = {
        # figures masked: a paragraph carried over with new figures is the same paragraph
        "words": [word_features(mask_figures(p.full_text)) for p in both],
        "heading_words": [boosted(p, word_features) for p in both],
        "chars": [char_features(mask_figures(p.full_text)) for p in both],
        "topics": [boosted(p, topic_features) for p in both],
    }
    signals = {k: _cosines(f, n) for k, f in features.items()}
    w["topics"] *= topic_share(signals["chars"])
    # A signal counts for a pair only where both provisions have some of its features: two
    # provisions naming no policy domain are not thereby different. (The sums run over the
    # signals in this order, from 0.0, as the matrix sums did.)
    weight_sum = zeros(n, len(target))
    combined = zeros(n, len(target))
    for k, f in features.items():
        wk, has_t = w[k], [bool(x) for x in f[n:]]
        every = all(has_t)
        for i, row in enumerate(signals[k]):
            if not f[i]:
                continue
            if every:
                weight_sum[i] = [t + wk for t in weight_sum[i]]
                combined[i] = [c + wk * x for c, x in zip(combined[i], row, strict=True)]
            else:
                weight_sum[i] = [t + wk if h else t for t, h in zip(weight_sum[i], has_t, strict=True)]
                combined[i] = [c + wk * x if h else c for c, x, h in zip(combined[i], row, has_t, strict=True)]
    combined = [[c / t if t > 0 else 0.0 for c, t in zip(cs, ws, strict=True)]
                for cs, ws in zip(combined, weight_sum, strict=True)]
    return Scores(signals, combined, relative_scores(combined))


#: Below this many candidates a z-score is not computed (a preamble has two or three paragraphs):
#: the largest z-score n values can reach is sqrt(n - 1), so with four or five candidates even a
#: clear counterpart could never stand out by the default 2.0.
FEW_CANDIDATES = 6
#: What the best of few candidates counts as: enough to pass the default --min-relative.
FEW_CANDIDATES_Z = 2.5


def relative_scores(s: Sequence[Sequence[float]]) -> Matrix:
    """Each score as standard deviations above the mean of its row, and of its column, averaged.

    Long plans in different cities share little text, so raw similarities of true counterparts
    run from 0.05 to 0.9; what marks a counterpart is how far it stands out from the other
    candidates. Averaging both directions keeps the measure symmetric (``relative(S.T) ==
    relative(S).T``) and discounts "hub" provisions that resemble everything.
    """
    n = len(s)
    m = len(s[0]) if n else 0
    if n == 0 or m == 0:
        return [[] for _ in range(n)]
    if m >= FEW_CANDIDATES and n >= FEW_CANDIDATES:  # the usual case, in one pass
        mus, sds = zip(*[(mu, sd if sd != 0 else 1.0) for mu, sd in column_mean_std(s)], strict=True)
        out = []
        for row in s:
            mu, sd = row_mean_std(row)
            sd = sd if sd != 0 else 1.0
            out.append([0.5 * ((x - mu) / sd + (x - mc) / sc) for x, mc, sc in zip(row, mus, sds, strict=True)])
        return out
    if m < FEW_CANDIDATES:
        by_row = [_few(row, [max(row)] * m) for row in s]
    else:
        by_row = [_z(row, *zip(*[row_mean_std(row)] * m, strict=True)) for row in s]
    if n < FEW_CANDIDATES:
        tops = [max(col) for col in zip(*s, strict=True)]
        by_column = [_few(row, tops) for row in s]
    else:
        mus, sds = zip(*column_mean_std(s), strict=True)
        by_column = [_z(row, mus, sds) for row in s]
    return [[0.5 * (x + y) for x, y in zip(zr, zc, strict=True)] for zr, zc in zip(by_row, by_column, strict=True)]


def _z(row: Sequence[float], mus: Sequence[float], sds: Sequence[float]) -> list[float]:
    """How far each score stands above its mean, in standard deviations (1 where they are 0)."""
    return [(x - mu) / (sd if sd != 0 else 1.0) for x, mu, sd in zip(row, mus, sds, strict=True)]


def _few(row: Sequence[float], tops: Sequence[float]) -> list[float]:
    """Too few candidates for a spread to mean anything: the best one stands out as far as
    needed to pass, the others not at all."""
    return [FEW_CANDIDATES_Z if x == top and x > 0 else 0.0 for x, top in zip(row, tops, strict=True)]
