"""Every error evolve raises on purpose, each with a message a user understands.

The command line turns an ``EvolveError`` into one line on stderr and a non-zero exit.
"""


class EvolveError(Exception):
    """Base class: something about the input or the request that the user can fix."""

    exit_code = 2


class InputError(EvolveError):
    """A file that cannot be read as a plan: missing, empty, binary or undecodable."""


class UnknownReferenceError(InputError):
    """A document named on the command line that is neither a file nor a corpus id (a typo, most
    often): an error even where unreadable documents are skipped."""


class NoTextError(InputError):
    """A file that decodes but holds no Chinese plan text."""


class NotAPolicyError(NoTextError):
    """A web page printed or saved without the policy in it: a portal's landing page, a search
    or catalogue page (site navigation and footer, no policy text). Corpus commands skip it."""


class CorpusError(EvolveError):
    """A corpus directory or manifest that is missing or malformed."""


class LexiconError(EvolveError):
    """A theme lexicon file that is malformed."""


class OutputError(EvolveError):
    """An output location that cannot be written."""


class ImportSourceError(EvolveError):
    """A collection to import that cannot be read: unknown format, missing column, no text."""


class CorpusIndexError(EvolveError):
    """A corpus index that cannot be opened or written (a corrupt one is rebuilt, not raised)."""


class MissingDependencyError(EvolveError):
    """An optional dependency the request needs is not installed (e.g. dask for --backend dask)."""
