"""Events: who did what to whom, when and where — PLOVER-coded over the dependency parse.

Stages, one module each:

  lexicon     the pattern data (``dateline/lexicons/event_*``), the ontology and CAMEO tables
  triggers    the words that trigger an event, folded into frames
  arguments   source and target over the parse
  modality    negation and modality from the trigger's governors
  coder       the whole pass over a document (``extract_events``)

See docs/events.md.
"""

from dateline.extract.events.coder import extract_events

__all__ = ["extract_events"]
