"""JSON Lines (dateline/1) and GDELT 2.0 event exports."""

from __future__ import annotations

import json

import duckdb

from dateline.export import export
from dateline.export.gdelt import COLUMNS, cameo_codes, fips
from dateline.query import EventFilter
from dateline.query.document import get_article
from dateline.schema import problems


def test_jsonl_is_valid_dateline1(store, tmp_path, ids, fx):
    out = tmp_path / "j"
    export(store, "jsonl", out)
    docs = [json.loads(line) for line in (out / "articles.jsonl").read_text("utf-8").splitlines()]
    assert {d["id"] for d in docs} == set(ids.values())
    for d in docs:
        assert problems(d) == []
        assert d == get_article(store.conn, d["id"])
    talks = next(d for d in docs if d["id"] == ids["talks"])
    assert [e["type"] for e in talks["events"]] == [e["type"] for e in fx.DOCS[0].events]
    assert [q["text"] for q in talks["quotes"]] == [q[2] for q in fx.DOCS[0].quotes]


def test_jsonl_filter_selects_articles(store, tmp_path, ids):
    out = tmp_path / "j2"
    export(store, "jsonl", out, EventFilter(actor="Yukiya Amano"))
    docs = [json.loads(line) for line in (out / "articles.jsonl").read_text("utf-8").splitlines()]
    assert [d["id"] for d in docs] == [ids["access"]]


def read_gdelt(path):
    return [line.split("\t") for line in path.read_text("utf-8").splitlines()]


def test_gdelt_layout_and_mapping(store, tmp_path, fx, ids):
    out = tmp_path / "g"
    export(store, "gdelt", out)
    rows = read_gdelt(out / "events.export.CSV")
    assert len(COLUMNS) == 61 and all(len(r) == 61 for r in rows)
    assert len(rows) == sum(len(d.events) for d in fx.DOCS)
    assert rows[0][0].isdigit()  # no header by default
    by = [dict(zip(COLUMNS, r, strict=True)) for r in rows]
    talks = next(r for r in by if r["EventCode"] == "040")
    assert (talks["SQLDATE"], talks["MonthYear"], talks["Year"]) == ("20111109", "201111", "2011")
    assert talks["Actor1Name"] == "ALI BAQERI" and talks["Actor2Name"] == "SERGEI LAVROV"
    assert (talks["Actor1CountryCode"], talks["Actor1Type1Code"], talks["Actor1Code"]) == ("IRN", "GOV", "IRNGOV")
    assert (talks["EventBaseCode"], talks["EventRootCode"], talks["QuadClass"]) == ("040", "04", "1")
    assert float(talks["GoldsteinScale"]) == 1.0 and talks["AvgTone"] == ""
    assert (talks["NumArticles"], talks["NumSources"]) == ("2", "2")  # the story has a syndicated copy
    assert talks["ActionGeo_FullName"] == "Moscow, Russia" and talks["ActionGeo_CountryCode"] == "RS"  # FIPS
    assert (float(talks["ActionGeo_Lat"]), float(talks["ActionGeo_Long"])) == (55.75, 37.62)
    assert talks["IsRootEvent"] == "1"  # read from the lead paragraph
    assert talks["SOURCEURL"] == fx.DOCS[0].url and len(talks["DATEADDED"]) == 14
    accuse = next(r for r in by if r["EventCode"] == "112" and r["Actor1Name"] == "ALI BAQERI")
    assert accuse["IsRootEvent"] == "0" and accuse["EventRootCode"] == "11"
    dec = [r for r in by if r["SQLDATE"].startswith("201112")]
    assert len(dec) == 2  # undated events take the publication day


def test_gdelt_header_variant_reads_with_duckdb(store, tmp_path):
    out = tmp_path / "gh"
    export(store, "gdelt", out, EventFilter(country="IRN", copies=True), header=True)
    path = out / "events.export.CSV"
    assert path.read_text("utf-8").split("\n", 1)[0].split("\t") == COLUMNS
    con = duckdb.connect()
    got = con.execute(
        f"SELECT EventRootCode, count(*) FROM read_csv('{path}', delim='\\t', header=true, all_varchar=true)"
        " GROUP BY 1 ORDER BY 1").fetchall()
    want = store.conn.execute(
        "SELECT substr(cameo, 1, 2), count(*) FROM events WHERE source_country = 'IRN' OR target_country = 'IRN'"
        " GROUP BY 1 ORDER BY 1").fetchall()
    assert got == [tuple(r) for r in want]
    # the headerless file reads the GDELT way: names supplied by the reader
    export(store, "gdelt", tmp_path / "g2")
    names = "{" + ", ".join(f"'{c}': 'VARCHAR'" for c in COLUMNS) + "}"
    n = con.execute(f"SELECT count(*) FROM read_csv('{tmp_path / 'g2' / 'events.export.CSV'}', delim='\\t',"
                    f" header=false, columns={names})").fetchone()[0]
    assert n == store.conn.execute("SELECT count(*) FROM events").fetchone()[0]


def test_code_helpers():
    assert cameo_codes("04") == ("040", "040", "04")
    assert cameo_codes("0431") == ("0431", "043", "04")
    assert cameo_codes("195") == ("195", "195", "19")
    assert cameo_codes(None) == ("", "", "")
    assert (fips("RUS"), fips("IRN"), fips("USA"), fips("DEU"), fips("XXX")) == ("RS", "IR", "US", "GM", "")
