"""Event time: each event dated from its own words, with the precision and the basis of its date.

``event_time(trigger, anchors, sent, ents, base, dl_end)`` -> ``EventTime(date, date_text, span,
precision, basis)`` is the one entry point the event coder calls (see ``event.py`` for the order
of evidence). ``normalize`` reads one expression; ``base_date`` is the date relative
expressions count from. Modules: ``calendar`` (periods and year inference), ``grammar`` (the
grammar of time expressions), ``expressions`` (finding them in a parsed sentence and what they
modify), ``tense`` (the event clause's tense and aspect), ``event`` (putting it together).
"""

from __future__ import annotations

import datetime as dt
import re

from dateline.extract.time.calendar import BASES, PRECISIONS, Resolved
from dateline.extract.time.event import EventTime, event_time
from dateline.extract.time.grammar import Norm, normalize

__all__ = ["BASES", "PRECISIONS", "EventTime", "Norm", "Resolved", "base_date", "event_time", "normalize"]


def base_date(published: str | None, dateline_date: str | None = None) -> dt.date | None:
    """The date relative expressions resolve against: publication date, else a full dateline date."""
    for value in (published, dateline_date):
        if value and re.match(r"^\d{4}-\d{2}-\d{2}", value):
            try:
                return dt.date.fromisoformat(value[:10])
            except ValueError:
                continue
    return None
