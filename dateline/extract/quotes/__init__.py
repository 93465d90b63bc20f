"""Quotes: who said what — direct, partial and reported speech with their speakers.

Stages, one module each: ``marks`` (quotation-mark scanner), ``direct`` (attribution of marked
quotes), ``indirect`` (reported speech over the parse), ``speaker`` (speaker references),
``lexicon`` (cue data), ``extract`` (the whole pass, ``extract_quotes``). See docs/quotes.md.
"""

from dateline.extract.quotes.extract import extract_quotes

__all__ = ["extract_quotes"]
