"""Reading the filter form of the web pages into ``dateline.query`` filters, keeping bad input visible.

Multi-valued fields (``type``, ``quad_class``, ``modality``, ``country``) come from pickers as repeated
parameters (``type=ACCUSE&type=THREATEN``) or comma-separated (``type=ACCUSE,THREATEN``); both are read
into one comma-separated value, which is also how links carry them. Dates are kept as typed
(``2019-11``, ``7d``, ``2019``) so a resubmitted form keeps every documented form.
"""

from __future__ import annotations

import functools
import json
from importlib import resources

import pycountry
from fastapi import Request

from dateline.errors import DatelineError
from dateline.query.filters import MODALITIES, EventFilter, QuoteFilter

EVENT_FIELDS = ("actor", "source", "target", "type", "country", "since", "until", "quad_class", "modality", "place",
                "article_source", "site", "article")
MULTI = ("type", "country", "quad_class", "modality")
QUAD_NAMES = {"1": "verbal cooperation", "2": "material cooperation", "3": "verbal conflict", "4": "material conflict"}
MODALITY_NAMES = {"asserted": "asserted", "reported_past": "reported (past)", "future": "future / planned",
                  "hypothetical": "hypothetical"}
SORTABLE = ("day", "published", "type", "source", "target", "goldstein", "modality", "place")


def _value(request: Request, name: str) -> str:
    qp = request.query_params
    if name in MULTI:
        parts = [p.strip() for v in qp.getlist(name) for p in v.split(",") if p.strip()]
        return ",".join(dict.fromkeys(parts))[:500]
    return (qp.get(name) or "").strip()[:200]


def form_values(request: Request, names=EVENT_FIELDS) -> dict:
    out = {k: _value(request, k) for k in names}
    out["asserted_only"] = request.query_params.get("asserted_only") in ("1", "true", "on", "yes")
    return out


def event_filter_from(values: dict) -> tuple[EventFilter | None, str | None]:
    """The filter for the form values, or None and the error message (the page then shows no data)."""
    fields = set(EventFilter.__dataclass_fields__)
    try:
        return EventFilter(**{k: (v or None) if k != "asserted_only" else v for k, v in values.items()
                              if k in fields}), None
    except DatelineError as exc:
        return None, exc.message


def quote_filter_from(values: dict) -> tuple[QuoteFilter | None, str | None]:
    try:
        return QuoteFilter(**{k: values.get(k) or None for k in ("speaker", "about", "since", "until", "kind")}), None
    except DatelineError as exc:
        return None, exc.message


def int_param(request: Request, name: str, default: int, lo: int, hi: int) -> int:
    try:
        v = int(request.query_params.get(name, default))
    except ValueError:
        return default
    return max(lo, min(hi, v))


def sort_param(request: Request, allowed=SORTABLE) -> str:
    """``sort=type`` / ``sort=-goldstein`` when it names a sortable column, else "" (the default order)."""
    s = (request.query_params.get("sort") or "").strip()
    return s if s.lstrip("-") in allowed else ""


@functools.cache
def plover_types() -> list[dict]:
    onto = json.loads((resources.files("dateline") / "lexicons" / "plover_ontology.json").read_text("utf-8"))
    return [{"value": k, "quad_class": v.get("quad_class"), "definition": v.get("definition", "")}
            for k, v in onto["types"].items()]


@functools.cache
def country_name(code: str | None) -> str:
    """"IRN" -> "Iran, Islamic Republic of" (pycountry's common name when it has one)."""
    if not code:
        return ""
    try:
        c = pycountry.countries.get(alpha_3=code.upper())
    except (ImportError, LookupError, KeyError):
        c = None
    if c is None:
        return code
    return getattr(c, "common_name", None) or c.name


def pickers(facets: dict | None = None, form: dict | None = None) -> dict[str, list[dict]]:
    """The options of the multi-select pickers: value, label, whether chosen, and a count when the
    facets give one. Countries: those the facets list plus the chosen ones."""
    form = form or {}
    facets = facets or {}

    def chosen(name: str) -> set[str]:
        return set(filter(None, (form.get(name) or "").split(",")))

    def counts(name: str) -> dict[str, int]:
        return {str(x["value"]): x["n"] for x in facets.get(name) or []}

    out = {}
    n = counts("type")
    out["type"] = [{"value": t["value"], "label": t["value"].title(), "title": t["definition"], "n": n.get(t["value"]),
                    "quad": t["quad_class"], "on": t["value"] in chosen("type")} for t in plover_types()]
    n = counts("quad_class")
    out["quad_class"] = [{"value": k, "label": v, "n": n.get(k), "quad": int(k), "on": k in chosen("quad_class")}
                         for k, v in QUAD_NAMES.items()]
    n = counts("modality")
    out["modality"] = [{"value": m, "label": MODALITY_NAMES[m], "n": n.get(m), "on": m in chosen("modality")}
                       for m in MODALITIES]
    n = counts("country")
    codes = list(n) + sorted(chosen("country") - set(n))
    out["country"] = sorted(({"value": c, "label": f"{country_name(c)} ({c})", "n": n.get(c),
                              "on": c in chosen("country")} for c in codes), key=lambda x: x["label"])
    return out
