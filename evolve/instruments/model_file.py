"""Write and read a learned instrument model: an ``.npz`` archive of plain arrays and a JSON header.

The file is read with ``allow_pickle=False``: opening a model file never runs code. The header
carries the format version, the evolve version and the codebook's fingerprint; a file that does
not fit the installed evolve or the codebook in use is refused with one line (``ModelFileError``).
Format 2 (evolve 2026-12-03 on) adds word n-grams and the first-clause features; a format-1 file
is refused with the advice to retrain.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import ModelFileError
from .codebook import Codebook, load_codebook
from .features import n_codebook_features

if TYPE_CHECKING:
    from .learn import Model

FORMAT = "evolve-instruments-model"
FORMAT_VERSION = 2
_ARRAYS = ("vocabulary", "idf", "words", "word_idf", "coef", "intercept", "labels")


def evolve_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("evolve")
    except PackageNotFoundError:  # pragma: no cover
        return "0"


def _vtuple(v: str) -> tuple[int, ...]:
    out = []
    for part in v.split(".")[:3]:
        digits = "".join(ch for ch in part if ch.isdigit())
        out.append(int(digits) if digits else 0)
    return tuple(out)


def save_model(model: Model, path: str | Path) -> Path:
    """Write the model as an .npz archive of arrays plus a JSON header (no pickle)."""
    import numpy as np

    p = Path(path)
    header = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "evolve_version": evolve_version(),
        "ngrams": list(model.ngrams),
        "codebook": None
        if model.codebook is None
        else {"source": model.codebook.source, "fingerprint": model.codebook.fingerprint},
        "labels": model.labels,
        "temperature": model.temperature,
        **{
            k: v
            for k, v in model.meta.items()
            if k not in ("format", "format_version", "evolve_version", "ngrams", "temperature")
        },
    }
    terms = sorted(model.vocabulary, key=model.vocabulary.__getitem__)
    words = sorted(model.word_vocabulary, key=model.word_vocabulary.__getitem__)
    try:
        with p.open("wb") as fh:
            np.savez_compressed(
                fh,
                header=np.array(json.dumps(header, ensure_ascii=False)),
                vocabulary=np.array(terms, dtype=str),
                idf=model.idf,
                words=np.array(words, dtype=str),
                word_idf=model.word_idf,
                coef=model.coef,
                intercept=model.intercept,
                labels=np.array(model.labels, dtype=str),
            )
    except OSError as exc:
        from ..errors import OutputError

        raise OutputError(f"{p}: cannot write the model ({exc.strerror or exc})") from None
    return p


def load_model(path: str | Path, *, codebook: Codebook | None = None) -> Model:
    """Read a model written by ``save_model``; refuse, in one line, a file that is not one, that
    an older or newer evolve wrote in another format, or that needs another codebook."""
    import zipfile

    import numpy as np

    from .learn import Model

    p = Path(path)
    if not p.is_file():
        raise ModelFileError(f"{p}: no such model file")
    if not zipfile.is_zipfile(p):
        raise ModelFileError(f"{p}: not an evolve instrument model (.npz written by evolve tools --save)")
    try:
        with np.load(p, allow_pickle=False) as z:
            names = set(z.files)
            if "header" not in names:
                raise ModelFileError(f"{p}: not an evolve instrument model (no header)")
            header = json.loads(str(z["header"]))
            arrays = {k: z[k] for k in _ARRAYS if k in names}
    except ModelFileError:
        raise
    except (ValueError, OSError, zipfile.BadZipFile, EOFError, json.JSONDecodeError, KeyError) as exc:
        reason = (
            "it holds Python objects (pickle), which evolve never loads"
            if "pickle" in str(exc)
            else "not an evolve instrument model (.npz)"
        )
        raise ModelFileError(f"{p}: {reason}") from None
    if not isinstance(header, dict) or header.get("format") != FORMAT:
        raise ModelFileError(f"{p}: not an evolve instrument model")
    fv = header.get("format_version")
    made = str(header.get("evolve_version", "?"))
    if fv != FORMAT_VERSION:
        raise ModelFileError(
            f"{p}: model format {fv} (written by evolve {made}) does not fit this "
            f"evolve {evolve_version()} (format {FORMAT_VERSION}); retrain it with evolve tools --train"
        )
    if _vtuple(made) > _vtuple(evolve_version()):
        raise ModelFileError(
            f"{p}: written by evolve {made}, newer than this evolve {evolve_version()}; upgrade evolve or retrain"
        )
    missing = set(_ARRAYS) - set(arrays)
    if missing:
        raise ModelFileError(f"{p}: incomplete model (missing {', '.join(sorted(missing))})")
    labels = [str(x) for x in arrays["labels"]]
    vocab = {str(t): i for i, t in enumerate(arrays["vocabulary"])}
    wvocab = {str(t): i for i, t in enumerate(arrays["words"])}
    cbinfo = header.get("codebook")
    cb: Codebook | None = None
    n_extra = 0
    if cbinfo is not None:
        cb = codebook or load_codebook()
        if cbinfo.get("fingerprint") != cb.fingerprint:
            raise ModelFileError(
                f"{p}: the model was trained with another codebook ({cbinfo.get('source')}); "
                f"pass that one with --codebook, or retrain"
            )
        n_extra = n_codebook_features(cb)
    coef = np.asarray(arrays["coef"], dtype=np.float64)
    ngrams = header.get("ngrams")
    if (
        coef.ndim != 2
        or coef.shape[1] != len(vocab) + len(wvocab) + n_extra
        or len(arrays["idf"]) != len(vocab)
        or len(arrays["word_idf"]) != len(wvocab)
        or not (isinstance(ngrams, list) and len(ngrams) == 2 and all(isinstance(x, int) for x in ngrams))
    ):
        raise ModelFileError(f"{p}: the model's arrays do not fit together (a damaged file?)")
    # a file written before calibration has no temperature: its probabilities as they were
    temperature = header.get("temperature", 1.0)
    if not isinstance(temperature, int | float) or isinstance(temperature, bool) or not 0 < temperature < 1e3:
        raise ModelFileError(f"{p}: the model's temperature {temperature!r} is not a positive number (a damaged file?)")
    return Model(
        labels=labels,
        vocabulary=vocab,
        idf=np.asarray(arrays["idf"], dtype=np.float64),
        coef=coef,
        intercept=np.asarray(arrays["intercept"], dtype=np.float64),
        codebook=cb,
        meta=header,
        ngrams=(ngrams[0], ngrams[1]),
        word_vocabulary=wvocab,
        word_idf=np.asarray(arrays["word_idf"], dtype=np.float64),
        temperature=float(temperature),
    )
