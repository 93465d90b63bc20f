"""The query and export commands, run with CliRunner against real store files."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from dateline import query as q
from dateline.export.columns import TABLES
from dateline.export.gdelt import COLUMNS as GDELT
from dateline.store import open_store


@pytest.fixture(scope="module")
def db(tmp_path_factory, fx):
    """A private copy of the fixture store (the commands may write to it)."""
    path = tmp_path_factory.mktemp("cli") / "store.db"
    fx.build(path)
    return path


def run_json(invoke, db, *args):
    r = invoke("--db", db, *args, "--format", "json")
    assert r.exit_code == 0, r.stderr
    return json.loads(r.stdout)


def test_events_filters_combine_like_the_query_layer(invoke, db):
    rows = run_json(invoke, db, "events", "--actor", "lavrov", "--since", "2011-11-01", "--until", "2011-11-30")
    with open_store(str(db), readonly=True) as store:
        want = q.events(store, q.EventFilter(actor="lavrov", since="2011-11-01", until="2011-11-30"))
    assert [r["event_id"] for r in rows] == [r["event_id"] for r in want] and rows
    rows = run_json(invoke, db, "events", "--country", "IRN", "--type", "THREATEN", "--asserted-only")
    assert rows == []  # Iran's THREATEN is negated, Israel's is hypothetical
    rows = run_json(invoke, db, "events", "--country", "irn", "--type", "threaten")
    assert {r["source_name"] for r in rows} == {"Iran", "Israel"}


def test_events_csv_and_table(invoke, db):
    r = invoke("--db", db, "events", "--type", "ACCUSE", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(r.stdout)))
    assert list(rows[0]) == list(q.EVENT_COLUMNS) and {x["type"] for x in rows} == {"ACCUSE"} and len(rows) == 2
    assert {x["negated"] for x in rows} == {"false"}
    t = invoke("--db", db, "events", "--source", "Israel", "--format", "table", "--limit", "1")
    assert "Israel" in t.stdout and "1-1 of 2 events" in t.stderr


def test_pagination(invoke, db):
    first = run_json(invoke, db, "events", "--limit", "5")
    second = run_json(invoke, db, "events", "--limit", "5", "--offset", "5")
    assert len(first) == 5 and not {r["event_id"] for r in first} & {r["event_id"] for r in second}


def test_quotes(invoke, db):
    rows = run_json(invoke, db, "quotes", "--speaker", "Sergei Lavrov")
    assert [r["day"] for r in rows] == ["2011-11-28", "2011-11-10"]
    rows = run_json(invoke, db, "quotes", "--about", "outstanding issues")
    assert [r["speaker_name"] for r in rows] == ["Yukiya Amano"]
    t = invoke("--db", db, "quotes", "--about", "weakness", "--format", "table")
    assert "weakness" in t.stdout


def test_actors_and_actor(invoke, db):
    rows = run_json(invoke, db, "actors", "iran")
    assert [r["name"] for r in rows] == ["Iran"]
    r = invoke("--db", db, "actors", "--type", "person", "--format", "csv")
    assert {x["name"] for x in csv.DictReader(io.StringIO(r.stdout))} == {"Ali Baqeri", "Sergei Lavrov",
                                                                          "Yukiya Amano"}
    page = run_json(invoke, db, "actor", "Lavrov")
    assert page["titles"][0]["title"] == "Foreign Minister" and len(page["quotes"]) == 2
    t = invoke("--db", db, "actor", str(page["id"]), "--format", "table")
    assert "titles over time" in t.stdout and "acts on Sergei Lavrov" in t.stdout
    inter = list(csv.DictReader(io.StringIO(invoke("--db", db, "actor", "Iran", "--format", "csv").stdout)))
    assert {(x["direction"], x["name"], x["type"]) for x in inter} >= {("acted_on_by", "United States", "SANCTION"),
                                                                       ("acts_on", "Russia", "SUPPORT")}


def test_search_json_escapes_snippets(invoke, db):
    hits = run_json(invoke, db, "search", "Bushehr fuel")
    assert hits[0]["headline"].startswith("Russia agrees")
    assert "<mark>" in hits[0]["snippet_html"] and "<mark>" not in hits[0]["snippet"]
    both = run_json(invoke, db, "search", "Iran", "--facets", "--type", "SANCTION")
    assert len(both["hits"]) == 1 and both["facets"]["total"] == 1
    t = invoke("--db", db, "search", "political tool", "--format", "table")
    assert "Ali Baqeri" in t.stdout and "1-1 of 1 articles" in t.stderr


def test_timeline_and_network(invoke, db):
    tl = run_json(invoke, db, "timeline", "--actor", "Iran")
    with open_store(str(db), readonly=True) as store:
        assert tl["dated"] + tl["undated"]["n"] == q.count_events(store, q.EventFilter(actor="Iran"))
    by_month = run_json(invoke, db, "timeline", "--actor", "Iran", "--bin", "month")
    assert by_month["bin"] == "month" and sum(b["n"] for b in by_month["bins"]) == tl["dated"]
    r = invoke("--db", db, "timeline", "--bin", "week", "--format", "csv")
    assert r.exit_code == 0 and r.stdout.splitlines()[0] == "date,end,n,1,2,3,4,0"
    ordered = run_json(invoke, db, "events", "--order", "date")
    dates = [e["date"] for e in ordered if e["date"]]
    assert dates == sorted(dates, reverse=True)
    net = run_json(invoke, db, "network", "--since", "2011-11")
    assert {n["name"] for n in net["nodes"]} >= {"Ali Baqeri", "Sergei Lavrov", "Iran"}


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "parquet", "gdelt"])
def test_export_formats(invoke, db, tmp_path, fmt):
    out = tmp_path / fmt
    r = invoke("--db", db, "export", "--format", fmt, "--out", out, "--country", "RUS")
    assert r.exit_code == 0, r.stderr
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["filter"] == {"country": "RUS", "copies": True}
    if fmt == "parquet":
        assert {p.stem for p in out.glob("*.parquet")} == set(TABLES)
        ev = pq.read_table(out / "events.parquet").to_pylist()
        assert ev and all("RUS" in (e["source_country"], e["target_country"]) for e in ev)
    elif fmt == "csv":
        assert {p.stem for p in out.glob("*.csv")} == set(TABLES)
    elif fmt == "gdelt":
        lines = (out / "events.export.CSV").read_text().splitlines()
        assert lines and all(len(x.split("\t")) == len(GDELT) for x in lines)
    else:
        docs = [json.loads(x) for x in (out / "articles.jsonl").read_text().splitlines()]
        assert {d["headline"] for d in docs} == {"Baqeri meets Lavrov in Moscow over nuclear program",
                                                 "Russia agrees to supply fuel for Bushehr plant"}


def test_errors_have_codes(invoke, db, tmp_path):
    r = invoke("--db", db, "events", "--since", "someday")
    assert r.exit_code == 1 and "E501" in r.stderr
    r = invoke("--db", tmp_path / "missing.db", "events")
    assert r.exit_code == 1 and "E400" in r.stderr
    r = invoke("--db", db, "actor", "Nobody Here")
    assert r.exit_code == 1 and "E402" in r.stderr
    r = invoke("--db", db, "events", "--limit", "501")
    assert r.exit_code == 1 and "E501" in r.stderr and "max_page_size" in r.stderr
    r = invoke("--db", db, "export", "--format", "xml", "--out", tmp_path / "x")
    assert r.exit_code == 2  # click rejects the choice


@pytest.mark.slow
def test_on_a_store_built_from_the_sample(invoke, tmp_path, sample_path, nlp):
    """The real pipeline: ingest the bundled sample, then query and export what it extracted."""
    db = tmp_path / "sample.db"
    assert invoke("--db", db, "ingest", "--published", "2011-11-10", sample_path).exit_code == 0
    events = run_json(invoke, db, "events", "--limit", "500")
    with open_store(str(db), readonly=True) as store:
        n = store.conn.execute("SELECT count(*) FROM events").fetchone()[0]
        baqeri = q.actors(store, "Baqeri")
    assert len(events) == min(n, 500) and n > 0
    hits = run_json(invoke, db, "search", "IAEA")
    assert len(hits) == 1 and hits[0]["highlights"]
    if baqeri:
        page = run_json(invoke, db, "actor", str(baqeri[0]["id"]))
        assert page["name"] == baqeri[0]["name"]
    out = tmp_path / "x"
    assert invoke("--db", db, "export", "--format", "jsonl", "--out", out).exit_code == 0  # validates dateline/1
    assert invoke("--db", db, "export", "--format", "gdelt", "--out", out).exit_code == 0
    assert len((out / "events.export.CSV").read_text().splitlines()) <= n


def test_every_query_command_and_option_is_documented():
    import click

    from dateline.cli import query as cli_query

    doc = (Path(__file__).resolve().parents[2] / "docs" / "query.md").read_text("utf-8")
    group = click.Group()
    cli_query.register(group)
    for name, cmd in group.commands.items():
        assert f"dateline {name}" in doc, name
        for p in cmd.params:
            for opt in p.opts:
                if opt.startswith("--") and opt not in ("--help", "--json"):
                    assert opt in doc, (name, opt)


def test_table_cells_are_not_rich_markup(capsys, monkeypatch):
    from dateline.cli.query import EVENT_TABLE, _table

    monkeypatch.setenv("COLUMNS", "400")  # one line per row

    row = {"day": "2011-11-10", "type": "ACCUSE", "source_name": "[/bold] Evil", "target_name": "[red]x[/red]",
           "modality": "asserted", "negated": False, "evidence_text": "said [bold]nothing[/bold]",
           "article_id": "0123456789abcdef", "n_articles": 1}
    _table([row], EVENT_TABLE, "events")
    out = capsys.readouterr().out
    assert "[/bold]" in out and "[red]x[/red]" in out and "[bold]nothing[/bold]" in out
