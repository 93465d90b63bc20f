"""`dateline ingest` on real files into a real store: failures, exit codes, idempotence, duplicates."""

from __future__ import annotations

import json
import re
import shutil

from dateline.schema import validate

SUMMARY = re.compile(r"ingested (\d+), duplicates (\d+), failed (\d+) in [\d.]+ s")


def summary(result) -> tuple[int, int, int]:
    m = SUMMARY.search(result.stdout)
    assert m, result.stdout + result.stderr
    return tuple(int(x) for x in m.groups())


def test_failed_inputs_are_recorded_and_the_run_goes_on(invoke, tmp_path, sample_path, bad_inputs,
                                                       closed_port_url, h):
    db = tmp_path / "s.db"
    good = tmp_path / "good.txt"
    shutil.copy(sample_path, good)
    args = ["--db", db, "ingest", "--no-extract", "--max-bytes", 50_000, "--published", "2011-11-10",
            bad_inputs["E101"], good, bad_inputs["E102"], bad_inputs["E104"], bad_inputs["E105"], closed_port_url]
    r = invoke(*args)
    assert r.exit_code == 0, r.output
    assert summary(r) == (1, 0, 5)
    err_lines = [ln for ln in r.stderr.splitlines() if ln.startswith("error ")]
    assert len(err_lines) == 5 and all("hint:" in ln for ln in err_lines)
    codes = dict(h.db_rows(db, "SELECT locator, code FROM failures"))
    assert codes == {str(p): code for code, p in bad_inputs.items()} | {closed_port_url: "E110"}
    assert h.db_rows(db, "SELECT status, count(*) FROM inputs GROUP BY status ORDER BY status") == [
        ("failed", 5), ("ok", 1)]
    assert h.db_rows(db, "SELECT published, source FROM articles") == [("2011-11-10", "IRNA")]
    assert h.db_rows(db, "PRAGMA integrity_check") == [("ok",)]

    before = h.all_counts(db)
    again = invoke(*args)
    assert again.exit_code == 0 and summary(again) == (0, 0, 5) and "1 unchanged" in again.stdout
    assert h.all_counts(db) == before  # re-running an ingest changes nothing

    strict = invoke(*args[:3], "--strict", *args[3:])
    assert strict.exit_code == 1


def test_exit_1_when_every_input_fails(invoke, tmp_path, bad_inputs, h):
    db = tmp_path / "s.db"
    r = invoke("--db", db, "ingest", "--no-extract", bad_inputs["E101"], bad_inputs["E102"],
               tmp_path / "no-such-file.txt")
    assert r.exit_code == 1
    assert summary(r) == (0, 0, 3)
    assert sorted(c for (c,) in h.db_rows(db, "SELECT code FROM failures")) == ["E100", "E101", "E102"]


def test_exact_and_near_duplicates(invoke, tmp_path, sample_path, polnear_dir, h):
    src = tmp_path / "in"
    src.mkdir()
    text = sample_path.read_text("utf-8")
    (src / "a.txt").write_text(text)
    (src / "b_same.txt").write_text(text.replace("\n\n", "\n\n\n"))  # same body after normalisation
    body_start = text.index("Moscow, Nov 10")
    edited = (text[:body_start] + text[body_start:].replace("Wednesday", "on Wednesday", 2)
              .replace("said here", "told reporters here"))
    cut = edited.index("Criticizing the Wednesday")
    (src / "c_edited.txt").write_text(edited[:cut] + edited[edited.index("\n\n", cut) + 2:])
    shutil.copy(sorted(polnear_dir.glob("*.txt"))[3], src / "d_other.txt")
    db = tmp_path / "s.db"
    r = invoke("--db", db, "ingest", "--no-extract", src)
    assert r.exit_code == 0, r.output
    assert summary(r) == (2, 2, 0)
    arts = h.db_rows(db, "SELECT input_path, story_id, is_canonical FROM articles ORDER BY input_path")
    assert len(arts) == 3  # the exact duplicate is stored once
    by = {p.rsplit("/", 1)[-1]: (s, c) for p, s, c in arts}
    assert by["c_edited.txt"][1] == 0 and by["c_edited.txt"][0] == by["a.txt"][0]
    assert by["d_other.txt"][0] != by["a.txt"][0]
    story = h.db_rows(db, "SELECT n_articles, n_inputs FROM stories WHERE id = ?", by["a.txt"][0])
    assert story == [(2, 3)]
    statuses = dict(h.db_rows(db, "SELECT locator, status FROM inputs"))
    assert statuses[str(src / "b_same.txt")] == "duplicate"
    # the copy's dateline/1 object links it to its story and the canonical article, machine-readably
    ids = dict(h.db_rows(db, "SELECT input_path, id FROM articles"))
    copy_id, canon_id = ids[str(src / "c_edited.txt")], ids[str(src / "a.txt")]
    r = invoke("--db", db, "show", copy_id, "--json")
    doc = json.loads(r.output)
    validate(doc)
    assert doc["story"]["canonical"] == canon_id and doc["story"]["articles"] == 2
    assert json.loads(invoke("--db", db, "show", canon_id, "--json").output)["story"]["copies"] == [copy_id]
    assert "story" not in json.loads(invoke("--db", db, "show", ids[str(src / "d_other.txt")], "--json").output)


def test_copies_are_linked_without_extraction(invoke, tmp_path, sample_path, nlp, h):
    """Later stages process a story once: the edited copy is stored and linked, not extracted."""
    text = sample_path.read_text("utf-8")
    start = text.index("Moscow, Nov 10")
    src = tmp_path / "in"
    src.mkdir()
    (src / "1_wire.txt").write_text(text)
    (src / "2_copy.txt").write_text(text[:start] + text[start:].replace("said here", "told reporters here")
                                    .replace("Wednesday evening", "on Wednesday evening"))
    db = tmp_path / "s.db"
    r = invoke("--db", db, "ingest", "--published", "2011-11-10", src)
    assert r.exit_code == 0 and summary(r) == (1, 1, 0), r.output
    rows = {p.rsplit("/", 1)[-1]: (c, e, n) for p, c, e, n in h.db_rows(
        db, "SELECT input_path, is_canonical, extracted, notes FROM articles")}
    assert rows["1_wire.txt"][:2] == (1, 1) and rows["2_copy.txt"][:2] == (0, 0)
    assert "near-duplicate of" in rows["2_copy.txt"][2]
    per_article = dict(h.db_rows(db, "SELECT a.input_path, count(x.local_id) FROM articles a "
                                     "LEFT JOIN article_actors x ON x.article_id = a.id GROUP BY a.id"))
    assert per_article[str(src / "2_copy.txt")] == 0 and per_article[str(src / "1_wire.txt")] > 0
    assert h.db_rows(db, "SELECT count(*) FROM actors WHERE n_articles > 1") == [(0,)]
    # ...but the store keeps every evidence span: each event of the story, located in the copy's body
    events = dict(h.db_rows(db, "SELECT local_id, evidence_text FROM events"))
    linked = h.db_rows(db, 'SELECT c.event_article_id, c.event_local_id, c.start, c."end", a.body '
                           "FROM event_copies c JOIN articles a ON a.id = c.article_id")
    unlinked = [t for lid, t in events.items() if lid not in {row[1] for row in linked}]
    assert events and len(unlinked) < len(events) / 4  # only the edited sentences may no longer match
    assert all("said here" in t or "Wednesday evening" in t for t in unlinked)
    assert all(body[s:e] == events[lid] for _, lid, s, e, body in linked)
