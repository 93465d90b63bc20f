"""Quotes: who said what — direct, partial and reported speech with their speakers.

Stages, one module each: ``marks`` (quotation-mark scanner), ``direct`` (attribution of marked
quotes), ``indirect`` (reported speech over the parse), ``speaker`` (speaker references),
``lexicon`` (cue data), ``model`` (the learned check on reported speech), ``headline`` (the
``Speaker: words`` form), ``extract`` (the whole pass, ``extract_quotes``), ``in_headline``
(``quotes_in_headline``, for a headline outside the body). See docs/quotes.md.
"""

from dateline.extract.quotes.extract import extract_quotes
from dateline.extract.quotes.in_headline import quotes_in_headline

__all__ = ["extract_quotes", "quotes_in_headline"]
