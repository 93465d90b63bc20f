"""The JSON Schema of ``dateline/1`` and a validator for emitted documents.

``validate(doc)`` checks one object (an article or an error line) against
``dateline-1.schema.json`` (draft 2020-12) and then checks what a schema cannot say:
every span lies inside ``body`` with ``start <= end``, ``evidence.text`` and quote
``text`` match the body where they claim to, and local actor references resolve.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
from importlib import resources
from typing import Any

from dateline.extract.time.calendar import start_of

SCHEMA_FILE = "dateline-1.schema.json"


class DocumentError(ValueError):
    """A document that does not conform to dateline/1; ``problems`` lists every issue."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("; ".join(problems[:5]) + (f" (+{len(problems) - 5} more)" if len(problems) > 5 else ""))


@functools.cache
def schema() -> dict:
    """The dateline/1 JSON Schema as a dict."""
    return json.loads((resources.files("dateline.schema") / SCHEMA_FILE).read_text("utf-8"))


@functools.cache
def _validator(kind: str | None = None):
    """The validator for the whole schema, or for one of its ``$defs`` (clearer messages)."""
    import jsonschema  # deferred: jsonschema takes ~0.3 s to import: validation only

    cls = jsonschema.Draft202012Validator
    root = schema()
    cls.check_schema(root)
    if kind is None:
        return cls(root)
    sub = {k: v for k, v in root.items() if k != "oneOf"}
    sub["$ref"] = f"#/$defs/{kind}"
    return cls(sub)


def problems(doc: Any) -> list[str]:
    """Every way ``doc`` breaks dateline/1 (empty list when it conforms)."""
    out = []
    kind = None
    if isinstance(doc, dict):
        kind = "errorLine" if "error" in doc else "article"
    for err in sorted(_validator(kind).iter_errors(doc), key=lambda e: list(e.absolute_path)):
        where = "/".join(str(p) for p in err.absolute_path) or "(root)"
        out.append(f"{where}: {err.message}")
    if out or not isinstance(doc, dict) or "error" in doc:
        return out
    return _span_problems(doc)


def validate(doc: Any) -> None:
    """Raise ``DocumentError`` unless ``doc`` is a valid dateline/1 object (article or error line)."""
    found = problems(doc)
    if found:
        raise DocumentError(found)


def _span_problems(doc: dict) -> list[str]:
    body = doc["body"]
    n = len(body)
    out: list[str] = []

    def span(where: str, s: list[int] | None) -> None:
        if s is None:
            return
        a, b = s
        if not (0 <= a <= b <= n):
            out.append(f"{where}: span {s} outside body of length {n}")

    if doc.get("dateline"):
        span("dateline/span", doc["dateline"]["span"])
    local_ids = set()
    for i, a in enumerate(doc["actors"]):
        local_ids.add(a["id"])
        for j, m in enumerate(a["mentions"]):
            span(f"actors/{i}/mentions/{j}", m)
    quote_ids = set()
    for i, q in enumerate(doc["quotes"]):
        quote_ids.add(q["id"])
        span(f"quotes/{i}/span", q["span"])
        for j, p in enumerate(q.get("parts") or []):
            span(f"quotes/{i}/parts/{j}", p)
        for role in ("speaker", "cue", "via"):
            ref = q.get(role)
            if ref:
                span(f"quotes/{i}/{role}/span", ref["span"])
                if ref.get("actor") and ref["actor"] not in local_ids:
                    out.append(f"quotes/{i}/{role}/actor: {ref['actor']!r} is not an actor id")
    out += _headline_quote_problems(doc, local_ids)
    for i, e in enumerate(doc["events"]):
        ev = e["evidence"]
        span(f"events/{i}/evidence/span", ev["span"])
        a, b = ev["span"]
        if 0 <= a <= b <= n and body[a:b] != ev["text"]:
            out.append(f"events/{i}/evidence/text: does not match body[{a}:{b}]")
        if "trigger" in e:
            span(f"events/{i}/trigger", e["trigger"])
        out.extend(_date_problems(f"events/{i}", e))
        if "quote" in e and e["quote"] not in quote_ids:
            out.append(f"events/{i}/quote: {e['quote']!r} is not a quote id")
        for role in ("source", "target"):
            ref = e.get(role)
            if ref:
                if "span" in ref:
                    span(f"events/{i}/{role}/span", ref["span"])
                if ref.get("actor") and ref["actor"] not in local_ids:
                    out.append(f"events/{i}/{role}/actor: {ref['actor']!r} is not an actor id")
    return out


def _headline_quote_problems(doc: dict, local_ids: set) -> list[str]:
    """Spans of the added ``headline_quotes`` index into ``headline`` (docs/format.md)."""
    out: list[str] = []
    n = len(doc.get("headline") or "")
    for i, q in enumerate(doc.get("headline_quotes") or []):
        spans = [("span", q["span"])] + [(f"parts/{j}", p) for j, p in enumerate(q.get("parts") or [])]
        spans += [(f"{role}/span", q[role]["span"]) for role in ("speaker", "cue", "via") if q.get(role)]
        for where, (a, b) in spans:
            if not (0 <= a <= b <= n):
                out.append(f"headline_quotes/{i}/{where}: span {[a, b]} outside headline of length {n}")
        for role in ("speaker", "via"):
            ref = q.get(role)
            if ref and ref.get("actor") and ref["actor"] not in local_ids:
                out.append(f"headline_quotes/{i}/{role}/actor: {ref['actor']!r} is not an actor id")
    return out


def _date_problems(where: str, e: dict) -> list[str]:
    """An event's date agrees with its precision and basis: undated exactly when the basis is none,
    and a calendar date that is the first day of its period."""
    precision, basis, date = e.get("date_precision"), e.get("date_basis"), e.get("date")
    if basis is None and precision is None:
        return []  # written before these fields existed
    if (date is None) != (basis == "none"):
        return [f"{where}/date_basis: {basis!r} with date {date!r} (undated exactly when the basis is 'none')"]
    if date is None:
        return [] if precision is None else [f"{where}/date_precision: {precision!r} on an undated event"]
    try:
        day = dt.date.fromisoformat(date)
    except ValueError:
        return [f"{where}/date: {date!r} is not a calendar date YYYY-MM-DD"]

    if precision is None or start_of(day, precision) != day:
        return [f"{where}/date: {date!r} is not the first day of its {precision} period"]
    return []


__all__ = ["DocumentError", "problems", "schema", "validate"]
