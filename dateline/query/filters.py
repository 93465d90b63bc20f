"""Query filters (frozen dataclasses) and their translation into parameterised SQL.

A filter is plain data: the CLI builds it from options, the API from query parameters, a
watch (issue 7) stores it as JSON (``to_dict`` / ``from_dict``). ``where()`` turns it into a
SQL condition plus its parameters; values never enter the SQL text.

Dates: ``since`` / ``until`` accept ``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD`` (or a datetime,
cut to its day), ``today``, ``yesterday`` and ``Nd`` / ``Nw`` (N days / weeks ago). Both
bounds are inclusive; ``until=2011-11`` means up to 2011-11-31. An event's day is its own
``date`` (the first day of its period when it is dated more coarsely than a day: "in 2014"
counts from 2014-01-01); an undated event has none and falls outside every date range.
"""

from __future__ import annotations

import dataclasses
import functools
import json
import re
from dataclasses import dataclass, fields
from datetime import UTC, date, datetime, timedelta
from importlib import resources
from typing import Any

from dateline.errors import DatelineError
from dateline.store.dialect import has_table
from dateline.store.identity import normalize_name
from dateline.store.merges import final_id

# The day an event is placed on: its own date (0008_event_time.sql indexes it). Undated events have none.
EVENT_DAY = "e.date"
# The day its article was published: the default order of event lists.
EVENT_PUBLISHED = "e.published"
QUOTE_DAY = "substr(q.published, 1, 10)"

_YEAR = re.compile(r"^\d{4}$")
_MONTH = re.compile(r"^\d{4}-\d{2}$")
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}")
_REL = re.compile(r"^(\d+)\s*([dw])$", re.I)
_CODE = re.compile(r"^[A-Za-z]{2,3}$")


def norm_name(text: str) -> str:
    """The form ``actors.norm_name`` holds (the store's own normaliser)."""
    return normalize_name(text)


def parse_day(value: str | date | None, *, end: bool = False, today: date | None = None) -> str | None:
    """A date bound as ``YYYY-MM-DD`` (a prefix form is widened to its last day when ``end``)."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    s = str(value).strip()
    today = today or datetime.now(UTC).date()
    low = s.lower()
    if low == "today":
        return today.isoformat()
    if low == "yesterday":
        return (today - timedelta(days=1)).isoformat()
    m = _REL.match(s)
    if m:
        n = int(m.group(1)) * (7 if m.group(2).lower() == "w" else 1)
        return (today - timedelta(days=n)).isoformat()
    if _YEAR.match(s):
        return f"{s}-12-31" if end else f"{s}-01-01"
    if _MONTH.match(s):
        _check(f"{s}-01", value)
        return f"{s}-31" if end else f"{s}-01"
    if _DAY.match(s):
        _check(s[:10], value)
        return s[:10]
    raise DatelineError("E501", f"bad date {value!r}: use YYYY-MM-DD, YYYY-MM, YYYY, today, yesterday or Nd/Nw")


def _check(day: str, original: Any) -> None:
    try:
        date.fromisoformat(day)
    except ValueError as exc:
        raise DatelineError("E501", f"bad date {original!r}: {exc}") from exc


def country_code(value: str | None, what: str) -> str | None:
    """An ISO alpha-3 code, or several comma-separated (``IRN,RUS``)."""
    if value is None or value == "":
        return None
    codes = [c.strip().upper() for c in str(value).split(",") if c.strip()]
    for v in codes:
        if not _CODE.match(v):
            raise DatelineError("E501", f"bad {what} {value!r}: use an ISO 3166-1 alpha-3 code such as IRN")
    return ",".join(dict.fromkeys(codes)) or None


MODALITIES = ("asserted", "reported_past", "future", "hypothetical")


def _modality(value: str | None) -> str | None:
    if value is None or value == "":
        return None
    parts = [p.strip().lower() for p in str(value).split(",") if p.strip()]
    for p in parts:
        if p not in MODALITIES:
            raise DatelineError("E501", f"bad modality {p!r}: use {', '.join(MODALITIES)}")
    return ",".join(dict.fromkeys(parts)) or None


def _quad(value) -> int | str | None:
    """1-4, or several comma-separated ("1,3": kept as that string; one class stays an int)."""
    if value is None or value == "":
        return None
    try:
        qcs = sorted({int(x) for x in str(value).split(",") if str(x).strip()})
    except (TypeError, ValueError) as exc:
        raise DatelineError("E501", f"bad quad class {value!r}: use 1-4") from exc
    if not qcs or any(q not in (1, 2, 3, 4) for q in qcs):
        raise DatelineError("E501", f"bad quad class {value!r}: use 1-4")
    return qcs[0] if len(qcs) == 1 else ",".join(map(str, qcs))


@functools.cache
def plover_types() -> frozenset[str]:
    """The PLOVER event types of the ontology the extractor codes with (dateline/lexicons)."""
    onto = json.loads((resources.files("dateline") / "lexicons" / "plover_ontology.json").read_text("utf-8"))
    return frozenset(onto["types"])


def event_types(value: str | None) -> str | None:
    if value is None or value == "":
        return None
    parts = [p.strip().upper() for p in str(value).split(",") if p.strip()]
    for p in parts:
        if p not in plover_types():
            raise DatelineError("E501", f"unknown event type {p!r}: use PLOVER types ({', '.join(sorted(plover_types()))})")
    return ",".join(parts) or None


class _Serialisable:
    def to_dict(self) -> dict:
        """Only the fields that are set: what a watch stores."""
        out = {}
        for f in fields(self):  # type: ignore[arg-type]
            v = getattr(self, f.name)
            if v != f.default:
                out[f.name] = v
        return out

    @classmethod
    def from_dict(cls, data: dict | None):
        names = {f.name for f in fields(cls)}  # type: ignore[arg-type]
        unknown = set(data or {}) - names
        if unknown:
            raise DatelineError("E501", f"unknown filter field(s): {', '.join(sorted(unknown))}")
        return cls(**(data or {}))

    def replace(self, **changes: Any):
        return dataclasses.replace(self, **changes)  # type: ignore[type-var]


@dataclass(frozen=True)
class EventFilter(_Serialisable):
    """Which events. Every field set narrows the selection (they combine with AND).

    ``actor`` / ``source`` / ``target``: a global actor id (int or digits) or a name matched
    case-insensitively against actor names and aliases. ``actor`` matches either side.
    ``type``: a PLOVER type, or several comma-separated. ``country``: ISO alpha-3 of the
    source or the target. ``asserted_only``: modality 'asserted' and not negated.
    ``article``: one article's events. ``quad_class``: 1-4. ``copies``: also list the
    events of syndicated copies (by default each story's events are listed once, from its
    canonical article; ``n_articles`` tells how many articles carried the story).
    ``country``, ``quad_class``, ``modality`` (asserted, reported_past, future, hypothetical) take
    one value or several comma-separated (any of them). ``place``: the event's place name.
    ``article_source`` / ``site``: the article's wire credit (IRNA) / publishing site.
    """

    actor: str | int | None = None
    source: str | int | None = None
    target: str | int | None = None
    type: str | None = None
    country: str | None = None
    since: str | None = None
    until: str | None = None
    asserted_only: bool = False
    article: str | None = None
    quad_class: int | str | None = None
    copies: bool = False
    modality: str | None = None
    place: str | None = None
    article_source: str | None = None
    site: str | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "type", event_types(self.type))
        object.__setattr__(self, "country", country_code(self.country, "country"))
        object.__setattr__(self, "modality", _modality(self.modality))
        for name in ("place", "article_source", "site"):
            v = getattr(self, name)
            object.__setattr__(self, name, str(v).strip()[:200] or None if v is not None else None)
        object.__setattr__(self, "since", parse_day(self.since))
        object.__setattr__(self, "until", parse_day(self.until, end=True))
        for name in ("actor", "source", "target", "article"):
            v = getattr(self, name)
            if isinstance(v, str):
                v = v.strip() or None
                object.__setattr__(self, name, v)
        object.__setattr__(self, "quad_class", _quad(self.quad_class))
        object.__setattr__(self, "asserted_only", bool(self.asserted_only))
        object.__setattr__(self, "copies", bool(self.copies))

    @property
    def narrows_events(self) -> bool:
        """True when a field other than the date range / article is set."""
        return any(
            (self.actor, self.source, self.target, self.type, self.country, self.asserted_only, self.quad_class,
             self.modality, self.place, self.article_source, self.site)
        )


@dataclass(frozen=True)
class QuoteFilter(_Serialisable):
    """Which quotes: ``speaker`` (actor id or name), ``about`` (full-text query over the
    quote text), ``since`` / ``until`` (the article's publication day), ``article``,
    ``copies`` (also quotes of syndicated copies)."""

    speaker: str | int | None = None
    about: str | None = None
    since: str | None = None
    until: str | None = None
    article: str | None = None
    kind: str | None = None
    copies: bool = False

    def __post_init__(self) -> None:
        object.__setattr__(self, "since", parse_day(self.since))
        object.__setattr__(self, "until", parse_day(self.until, end=True))
        for name in ("speaker", "about", "article", "kind"):
            v = getattr(self, name)
            if isinstance(v, str):
                object.__setattr__(self, name, v.strip() or None)
        if self.kind is not None and self.kind not in ("direct", "partial", "indirect"):
            raise DatelineError("E501", f"bad quote kind {self.kind!r}: direct, partial or indirect")
        object.__setattr__(self, "copies", bool(self.copies))


# -- actor resolution ----------------------------------------------------------------


def resolve_actor(conn, value: str | int | None) -> tuple[int, ...] | None:
    """Global actor ids for an id or a name; None when ``value`` is unset, () when nothing matches.

    A name matches an actor whose normalised name or one of whose aliases equals it; when
    none does, actors whose name contains it as whole words (``Lavrov`` finds
    ``Sergei Lavrov``).
    """
    if value is None or value == "":
        return None
    if isinstance(value, int) or (isinstance(value, str) and value.isdigit()):
        return (int(value),)
    key = norm_name(str(value))
    if not key:
        return ()
    ids = {r[0] for r in conn.execute("SELECT id FROM actors WHERE norm_name = ?", (key,))}
    if _has_table(conn, "actor_aliases"):
        ids |= {r[0] for r in conn.execute("SELECT actor_id FROM actor_aliases WHERE alias = ?", (key,))}
    else:
        low = str(value).strip().lower()
        ids |= {
            r[0]
            for r in conn.execute(
                "SELECT a.id FROM actors a, json_each(CASE WHEN json_valid(a.aliases) THEN a.aliases ELSE '[]' END) j"
                " WHERE lower(j.value) = ?",
                (low,),
            )
        }
    if not ids:
        esc = key.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        rows = conn.execute(
            "SELECT id FROM actors WHERE norm_name LIKE ? ESCAPE '\\' OR norm_name LIKE ? ESCAPE '\\'"
            " OR norm_name LIKE ? ESCAPE '\\' ORDER BY n_mentions DESC LIMIT 50",
            (f"% {esc}", f"{esc} %", f"% {esc} %"),
        )
        ids = {r[0] for r in rows}
    if ids and _has_table(conn, "actor_merges"):  # an actor merged into another stands for that one
        ids = {final_id(conn, i) for i in ids}
    return tuple(sorted(ids))


def _has_table(conn, name: str) -> bool:
    return has_table(conn, name)


def page(limit: int | None, offset: int | None, max_limit: int = 10_000) -> tuple[int, int]:
    """Validated (limit, offset)."""
    try:
        lim = 100 if limit is None else int(limit)
        off = 0 if offset is None else int(offset)
    except (TypeError, ValueError) as exc:
        raise DatelineError("E501", f"bad limit/offset {limit!r}/{offset!r}") from exc
    if lim < 0 or off < 0:
        raise DatelineError("E501", "limit and offset must be >= 0")
    return min(lim, max_limit), off
