"""Theme and term evolution across a corpus: counts, rates, keyness, adoption, keyword in context.

lexicon.py   the theme lexicon (TOML), its terms and variant spellings
counting.py  the counting rule: longest-first, without overlap
measures.py  counts and rates per document, grouped by any manifest column (pandas)
keyness.py   G² and log ratio between two groups, over words and character n-grams
adoption.py  first year per place, the diffusion curve, theme-share drift between periods
kwic.py      keyword in context with provision paths
"""

from .counting import count_terms, find_terms
from .lexicon import load_lexicon, resolve_terms

__all__ = ["count_terms", "find_terms", "load_lexicon", "resolve_terms"]
