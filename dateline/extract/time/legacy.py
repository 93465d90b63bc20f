"""Event dates written before ``date_precision`` / ``date_basis`` existed, in today's form.

The same rules as the store's migration ``0008_event_time``: ``"2003"`` -> ``2003-01-01`` (year),
``"2011-10"`` -> ``2011-10-01`` (month); a date read from a bare one-to-three-digit number (an age
taken for a year) goes back to the article's day; the basis is inferred from the words (none ->
publication, a four-digit year -> explicit, else relative; no date -> none).
"""

from __future__ import annotations

import re

_YEAR_IN = re.compile(r"[12]\d{3}")


def upgrade(date: str | None, date_text: str | None, published: str | None = None
            ) -> tuple[str | None, str | None, str | None, str]:
    """(date, date_text, precision, basis) for an old-style event date."""
    text = date_text.strip() if date_text else None
    if text and text.isdigit() and len(text) <= 3:
        date, text = (published[:10] if published else None), None
    precision = None
    if date and re.fullmatch(r"\d{4}", date):
        date, precision = f"{date}-01-01", "year"
    elif date and re.fullmatch(r"\d{4}-\d{2}", date):
        date, precision = f"{date}-01", "month"
    elif date and re.match(r"\d{4}-\d{2}-\d{2}", date):
        date, precision = date[:10], "day"
    else:
        date = None
    if date is None:
        basis = "none"
    elif text is None:
        basis = "publication"
    else:
        basis = "explicit" if _YEAR_IN.search(text) else "relative"
    return date, text, precision, basis
