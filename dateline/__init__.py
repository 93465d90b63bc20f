"""dateline: evidence-linked news data (actors, quotes, PLOVER events) with character spans."""

__version__ = "0.1.0"
SCHEMA = "dateline/1"
