"""Query parameters -> ``dateline.query`` filters, shared by the API and the web pages."""

from __future__ import annotations

from fastapi import Query

from dateline.query.filters import EventFilter, QuoteFilter, plover_types

DATE_HELP = "YYYY-MM-DD, YYYY-MM, YYYY, today, yesterday or Nd / Nw (days / weeks ago); inclusive"
# What dateline.query.filters.parse_day accepts, exactly (so a schema-valid date is a real one): a year
# (0001-9999), a year-month, a calendar day (month lengths and Gregorian leap years spelled out),
# today / yesterday, or N days / weeks ago.
_Y = r"(?:[1-9]\d{3}|0[1-9]\d{2}|00[1-9]\d|000[1-9])"
_MD = r"(?:(?:0[13578]|1[02])-(?:0[1-9]|[12]\d|3[01])|(?:0[469]|11)-(?:0[1-9]|[12]\d|30)|02-(?:0[1-9]|1\d|2[0-8]))"
_LEAP = r"(?:\d\d(?:0[48]|[2468][048]|[13579][26])|(?:0[48]|[2468][048]|[13579][26])00)-02-29"
DATE_PATTERN = (rf"^(?:{_Y}(?:-(?:0[1-9]|1[0-2]))?|{_Y}-{_MD}|{_LEAP}|today|yesterday|\d{{1,5}} ?[dwDW])$")
_TYPE = "(?:" + "|".join(sorted(plover_types()) + sorted(t.lower() for t in plover_types())) + ")"
TYPES_PATTERN = rf"^ *{_TYPE} *(?:, *{_TYPE} *)*$"  # PLOVER types, as the query layer accepts them
COUNTRY_PATTERN = r"^ *[A-Za-z]{2,3} *(?:, *[A-Za-z]{2,3} *)*$"  # one code or several, comma-separated
QUAD_PATTERN = r"^ *[1-4] *(?:, *[1-4] *)*$"
MODALITY_PATTERN = r"^ *(?:asserted|reported_past|future|hypothetical) *(?:, *(?:asserted|reported_past|future|hypothetical) *)*$"


async def event_filter(
    actor: str | None = Query(None, max_length=200, description="actor id or name, either side"),
    source: str | None = Query(None, max_length=200, description="source actor id or name"),
    target: str | None = Query(None, max_length=200, description="target actor id or name"),
    type: str | None = Query(None, max_length=200, pattern=TYPES_PATTERN,
                             description="PLOVER type(s), comma-separated, e.g. ACCUSE"),
    country: str | None = Query(None, max_length=200, pattern=COUNTRY_PATTERN,
                                description="ISO 3166-1 alpha-3 of source or target; several comma-separated"),
    since: str | None = Query(None, max_length=32, pattern=DATE_PATTERN, description=DATE_HELP),
    until: str | None = Query(None, max_length=32, pattern=DATE_PATTERN, description=DATE_HELP),
    asserted_only: bool = Query(False, description="only asserted, non-negated events"),
    quad_class: str | None = Query(None, max_length=20, pattern=QUAD_PATTERN,
                                   description="1 verbal coop, 2 material coop, 3 verbal conflict, 4 material "
                                   "conflict; several comma-separated"),
    modality: str | None = Query(None, max_length=100, pattern=MODALITY_PATTERN,
                                 description="asserted, reported_past, future, hypothetical; several comma-separated"),
    place: str | None = Query(None, max_length=200, description="the event's place name, e.g. Moscow"),
    article_source: str | None = Query(None, max_length=200, description="the article's wire credit, e.g. IRNA"),
    site: str | None = Query(None, max_length=200, description="the article's publishing site"),
    article: str | None = Query(None, max_length=64, description="only this article's events"),
    copies: bool = Query(False, description="also list events of syndicated copies"),
) -> EventFilter:
    return EventFilter(actor=actor, source=source, target=target, type=type, country=country, since=since,
                       until=until, asserted_only=asserted_only, quad_class=quad_class, article=article,
                       copies=copies, modality=modality, place=place, article_source=article_source, site=site)


async def quote_filter(
    speaker: str | None = Query(None, max_length=200, description="speaker actor id or name"),
    about: str | None = Query(None, max_length=500, description="full-text query over the quote text"),
    since: str | None = Query(None, max_length=32, pattern=DATE_PATTERN, description=DATE_HELP),
    until: str | None = Query(None, max_length=32, pattern=DATE_PATTERN, description=DATE_HELP),
    kind: str | None = Query(None, pattern="^(direct|partial|indirect)$"),
    article: str | None = Query(None, max_length=64),
    copies: bool = Query(False, description="also list quotes of syndicated copies"),
) -> QuoteFilter:
    return QuoteFilter(speaker=speaker, about=about, since=since, until=until, kind=kind, article=article,
                       copies=copies)
