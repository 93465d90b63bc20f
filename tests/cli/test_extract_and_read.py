"""`dateline extract` (stateless JSON Lines) and the `make run` flow: ingest the sample, then read it back."""

from __future__ import annotations

import json

from dateline.cli.run_summary import summary


def test_extract_jsonl_gives_one_line_per_record_with_its_id(invoke, tmp_path, sample_path, h):
    text = sample_path.read_text("utf-8")
    body = text[text.index("Moscow, Nov 10"):]
    src = tmp_path / "batch.jsonl"
    src.write_text("\n".join([
        json.dumps({"id": "r1", "text": body, "url": "https://example.org/a", "published": "2011-11-10"}),
        "{not json",
        json.dumps({"id": "r3", "text": "WASHINGTON (Reuters) - The Senate voted on Tuesday to pass the bill, "
                                        "officials said, after weeks of debate over the budget.",
                    "published": "2012-03-06"}),
    ]) + "\n")
    r = invoke("extract", "--no-extract", src)
    assert r.exit_code == 0, r.output
    docs = h.jsonl(r.stdout)  # every line validated against the dateline/1 schema
    assert len(docs) == 3
    assert [d["input"].get("id") for d in docs if "error" not in d] == ["r1", "r3"]
    errors = [d for d in docs if "error" in d]
    assert len(errors) == 1 and errors[0]["error"]["code"] == "E109"
    assert "E109" in r.stderr
    ok = [d for d in docs if "error" not in d]
    assert ok[0]["url"] == "https://example.org/a" and ok[0]["published"] == "2011-11-10"
    assert ok[1]["dateline"]["place"].upper() == "WASHINGTON"
    b, (s, e) = ok[1]["body"], ok[1]["dateline"]["span"]
    assert b[s:e].startswith("WASHINGTON")


def test_extract_all_failed_exits_1_and_prints_error_lines(invoke, tmp_path, bad_inputs, h):
    r = invoke("extract", bad_inputs["E101"], bad_inputs["E102"])
    assert r.exit_code == 1
    docs = h.jsonl(r.stdout)
    assert sorted(d["error"]["code"] for d in docs) == ["E101", "E102"]


def test_make_run_flow_on_the_sample(invoke, tmp_path, sample_path, nlp, h):
    db = tmp_path / "dateline.db"
    r = invoke("--db", db, "ingest", "--published", "2011-11-10", sample_path)
    assert r.exit_code == 0, r.output
    assert "ingested 1, duplicates 0, failed 0" in r.stdout
    (aid,) = h.db_rows(db, "SELECT id FROM articles")[0]

    text = summary(str(db))
    assert str(db) in text and "SNSC official: IAEA approach" in text and f"show {aid[:8]}" in text

    shown = invoke("--db", db, "show", aid[:6], "--json")
    assert shown.exit_code == 0
    doc = json.loads(shown.stdout)
    h.jsonl(json.dumps(doc))  # schema
    extracted = h.jsonl(invoke("extract", "--published", "2011-11-10", sample_path).stdout)
    assert extracted == [doc]  # the store gives back exactly what extraction produced
    assert doc["site"] == "GlobalSecurity.org" and doc["source"] == "IRNA" and doc["news_code"] == "30655693"

    human = invoke("--db", db, "show", aid[:6])
    assert "SNSC official" in human.stdout and "Moscow, Nov 10, IRNA --" in human.stdout
    # every event says which pattern fired (issue 12, requirement 5)
    assert doc["events"] and all(e["rule"]["origin"] and e["rule"]["checks"] for e in doc["events"])
    assert "│ rule" in human.stdout or " rule " in human.stdout
    # speakers and event sides print as the actor they resolved to, not as their words ("he")
    names = {a["id"]: a["name"] for a in doc["actors"]}
    resolved = [x for q in doc["quotes"] for x in [q.get("speaker")] if x and x.get("actor")]
    resolved += [x for e in doc["events"] for x in (e.get("source"), e.get("target")) if x and x.get("actor")]
    assert resolved
    flat = " ".join(human.stdout.split())
    for side in resolved:
        assert " ".join(names[side["actor"]].split()[:2]) in flat

    found = json.loads(invoke("--db", db, "search", "Baqeri", "--format", "json").stdout)
    assert [f["article_id"] for f in found] == [aid] and "<mark>Baqeri</mark>" in found[0]["snippet_html"]
    assert json.loads(invoke("--db", db, "search", "zanzibar", "--json").stdout) == []

    listed = invoke("--db", db, "articles", "--format", "csv").stdout.splitlines()
    assert listed[0].startswith("id,published,source") and listed[1].startswith(aid)

    actors = json.loads(invoke("--db", db, "actors", "--json", "--limit", 500).stdout)
    local_names = {a["name"] for a in doc["actors"]}
    assert {a["name"] for a in actors} <= local_names
    # every linked article actor is listed once (generic ones, "senior diplomats", stay per-article)
    assert len(actors) == len(h.db_rows(db, "SELECT DISTINCT actor_id FROM article_actors WHERE actor_id IS NOT NULL"))
    titled = [a for a in doc["actors"] if a["titles"]]
    if titled:  # titles over time, dated by the article's publication
        gid = h.db_rows(db, "SELECT actor_id FROM article_actors WHERE local_id = ?", titled[0]["id"])[0][0]
        one = json.loads(invoke("--db", db, "actor", gid, "--json").stdout)
        assert {t["title"] for t in one["titles"]} >= set(titled[0]["titles"])
        assert all(t["first_seen"] == "2011-11-10" for t in one["titles"])

    again = invoke("--db", db, "ingest", "--published", "2011-11-10", sample_path)
    assert "ingested 0, duplicates 0, failed 0" in again.stdout and again.exit_code == 0


def test_reading_a_missing_store_is_a_clear_error(invoke, tmp_path):
    r = invoke("--db", tmp_path / "none.db", "articles")
    assert r.exit_code == 1 and "E400" in r.stderr
    assert not (tmp_path / "none.db").exists()


def test_show_unknown_id(invoke, tmp_path, sample_path):
    db = tmp_path / "s.db"
    invoke("--db", db, "ingest", "--no-extract", sample_path)
    r = invoke("--db", db, "show", "ffffffffffffffff")
    assert r.exit_code == 1 and "E402" in r.stderr
