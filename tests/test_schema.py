"""The dateline/1 JSON Schema: valid itself, accepts what dateline emits, rejects what breaks the format.

Other tests validate their emitted documents with ``dateline.schema.validate(doc)`` (raises
``DocumentError`` listing every problem) or ``dateline.schema.problems(doc)``.
"""

from __future__ import annotations

from pathlib import Path

import jsonschema
import pytest

from dateline.document import error_record, to_dateline
from dateline.errors import CODES
from dateline.schema import DocumentError, problems, schema, validate
from dateline.types import (
    Actor,
    CleanDocument,
    Dateline,
    Event,
    EventActor,
    Extraction,
    InputRef,
    Place,
    Quote,
    Ref,
)

BODY = ("Moscow, Nov 10, IRNA -- Russian Foreign Minister Sergei Lavrov met Ali Baqeri on Wednesday. "
        "\"We are showing them the faulty nature of that policy,\" Lavrov said.")


def full_record() -> dict:
    """A record using every field of dateline/1 and every added field."""
    lav = BODY.index("Sergei Lavrov")
    lav2 = BODY.rindex("Lavrov")
    baq = BODY.index("Ali Baqeri")
    q0 = BODY.index("We are")
    q1 = BODY.index(",\"") + 1
    said = BODY.rindex("said")
    ev0, ev1 = BODY.index("Russian"), BODY.index("Wednesday.") + len("Wednesday.")
    actors = (
        Actor("a1", "Sergei Lavrov", "person", ("Foreign Minister",), "RUS", "GOV", ((lav, lav + 13), (lav2, lav2 + 6))),
        Actor("a2", "Ali Baqeri", "person", (), "IRN", "GOV", ((baq, baq + 10),)),
    )
    quotes = (Quote("q1", "direct", BODY[q0:q1], (q0, q1), Ref("Lavrov", (lav2, lav2 + 6), "a1"),
                    Ref("said", (said, said + 4)), None, ((q0, q1),)),)
    events = (Event("e1", "CONSULT", "040", EventActor("Sergei Lavrov", "a1", "RUS", "GOV", (lav, lav + 13)),
                    EventActor("Ali Baqeri", "a2", "IRN", "GOV", (baq, baq + 10)), (ev0, ev1), BODY[ev0:ev1],
                    mode="visit", date="2011-11-09", date_text="Wednesday", place=Place("Moscow", "RUS", 55.75, 37.62),
                    quad_class=1, goldstein=1.0, trigger=(BODY.index("met"), BODY.index("met") + 3), quote="q1",
                    date_precision="day", date_basis="relative"),)
    doc = CleanDocument(InputRef(path="in.jsonl", format="jsonl", record="r1"), BODY, url="https://example.org/a",
                        site="example.org", section="World", headline="Lavrov meets Baqeri", byline="A. Writer",
                        source="IRNA", news_code="30655693", published="2011-11-10",
                        dateline=Dateline("Moscow", "11-10", "IRNA", (0, 23)), notes=("a note",))
    return to_dateline(doc, Extraction(actors, quotes, events, ("extractor note",)))


def test_schema_is_valid_draft_2020_12():
    jsonschema.Draft202012Validator.check_schema(schema())
    assert schema()["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_full_record_and_minimal_record_validate():
    validate(full_record())
    validate(to_dateline(CleanDocument(InputRef(path="x.txt"), "Hello world, a body.")))


def test_every_error_code_gives_a_valid_error_line():
    for code in CODES:
        validate(error_record(InputRef(url="https://example.org/x", format="html"), code, "it failed"))


def _declared(node: dict, out: set[str]) -> set[str]:
    if isinstance(node, dict):
        out.update(node.get("properties", {}))
        for v in node.values():
            _declared(v, out)
    elif isinstance(node, list):
        for v in node:
            _declared(v, out)
    return out


def _keys(obj, out: set[str]) -> set[str]:
    if isinstance(obj, dict):
        out.update(obj)
        for v in obj.values():
            _keys(v, out)
    elif isinstance(obj, list):
        for v in obj:
            _keys(v, out)
    return out


def test_every_emitted_key_is_declared_in_the_schema_and_documented(shared_dir):
    emitted = _keys(full_record(), set()) | {"error", "code", "message", "hint"}
    declared = _declared(schema(), set())
    assert emitted <= declared, emitted - declared
    doc = (Path(__file__).resolve().parents[1] / "docs" / "format.md").read_text("utf-8")
    missing = sorted(k for k in declared if f"`{k}`" not in doc and f'"{k}"' not in doc)
    assert not missing, f"docs/format.md does not document {missing}"


def _broken(mutate) -> list[str]:
    d = full_record()
    mutate(d)
    return problems(d)


@pytest.mark.parametrize("mutate, needle", [
    (lambda d: d.pop("body"), "body"),
    (lambda d: d.update(schema="dateline/2"), "schema"),
    (lambda d: d.update(id="XYZ"), "id"),
    (lambda d: d["actors"][0].update(type="robot"), "actors/0/type"),
    (lambda d: d["actors"][0].update(country="Russia"), "actors/0/country"),
    (lambda d: d["actors"][0]["mentions"].append([5, 10_000]), "actors/0/mentions"),
    (lambda d: d["quotes"][0].update(kind="scare"), "quotes/0/kind"),
    (lambda d: d["quotes"][0]["speaker"].update(actor="a9"), "quotes/0/speaker/actor"),
    (lambda d: d["events"][0].update(type="HUG"), "events/0/type"),
    (lambda d: d["events"][0].update(quad_class=7), "events/0/quad_class"),
    (lambda d: d["events"][0]["evidence"].update(text="not the body"), "events/0/evidence/text"),
    (lambda d: d["events"][0].update(quote="q7"), "events/0/quote"),
    (lambda d: d["events"][0].update(trigger=[9, 3]), "events/0/trigger"),
    (lambda d: d["input"].update(format="pdf"), "input/format"),
    (lambda d: d["events"][0].update(date_precision="fortnight"), "events/0/date_precision"),
    (lambda d: d["events"][0].update(date_basis="guess"), "events/0/date_basis"),
    (lambda d: d["events"][0].update(date="2011-11-09", date_precision="month"), "events/0/date"),
    (lambda d: d["events"][0].update(date="2011", date_precision="year"), "events/0/date"),
    (lambda d: d["events"][0].update(date=None, date_precision=None), "events/0/date_basis"),
    (lambda d: d["events"][0].update(date_basis="none"), "events/0/date_basis"),
    (lambda d: d.update(published="10 Nov 2011"), "published"),
])
def test_broken_documents_are_rejected(mutate, needle):
    found = _broken(mutate)
    assert any(p.startswith(needle) or needle in p for p in found), found
    with pytest.raises(DocumentError):
        d = full_record()
        mutate(d)
        validate(d)


def test_error_line_needs_a_code():
    line = error_record(InputRef(path="x"), "E101", "empty")
    line["error"].pop("code")
    assert problems(line)
    line["error"]["code"] = "oops"
    assert problems(line)


def test_duplicate_key_collapses_every_unicode_space_and_keeps_ids_stable():
    import re

    from dateline.document import document_id
    from dateline.document import normalize_body as dup_key

    spaces = "".join(chr(c) for c in range(0x3100) if chr(c).isspace())
    text = f"{spaces}Moscow,{spaces}Nov 10 IRNA\u00a0--\u2003Iran's  DEPUTY\n\nsecretary{spaces}"
    assert dup_key(text) == re.sub(r"\s+", " ", text).strip().casefold() == "moscow, nov 10 irna -- iran's deputy secretary"
    assert document_id("Iran said.") == document_id("  iran\n said. ")
