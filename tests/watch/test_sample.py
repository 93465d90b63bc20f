"""The `make run` flow on the real pipeline: ingest the shared sample, leave the sample watch, write
its digest to a file; the watch selects exactly what `dateline events` / `dateline quotes` list."""

from __future__ import annotations

import email
import json
from email import policy

import feedparser
import pytest
from click.testing import CliRunner

from dateline.cli.main import make_cli

pytestmark = pytest.mark.slow  # real servers on 127.0.0.1 / the spaCy model


def subject(msg) -> str:
    """The Subject without its trailing day, which must be there: ``... (YYYY-MM-DD)``."""
    import re

    m = re.fullmatch(r"(.*) \((\d{4}-\d{2}-\d{2})\)", msg["Subject"])
    assert m, msg["Subject"]
    return m.group(1)


@pytest.fixture(scope="module")
def sample_db(tmp_path_factory, sample_path, nlp):
    db = str(tmp_path_factory.mktemp("watch-sample") / "dateline.db")
    res = CliRunner().invoke(make_cli(), ["--db", db, "ingest", "--published", "2011-11-10", str(sample_path)])
    assert res.exit_code == 0, res.output
    return db


def test_make_run_sample_watch_and_digest_file(sample_db, tmp_path, capsys):
    from dateline.watch.sample import main

    assert main(["--db", sample_db]) == 0
    printed = capsys.readouterr().out
    assert f"dateline --db {sample_db} digest sample --to-file digest.eml" in printed
    cli = make_cli()
    runner = CliRunner()
    events = json.loads(runner.invoke(cli, ["--db", sample_db, "events", "--actor", "Russia", "--format", "json",
                                            "--limit", "500"]).output)
    quotes = json.loads(runner.invoke(cli, ["--db", sample_db, "quotes", "--speaker", "Ryabkov", "--format", "json",
                                            "--limit", "500"]).output)
    assert events and quotes  # the sample has both; the digest must not be empty
    out = tmp_path / "digest.eml"
    res = runner.invoke(cli, ["--db", sample_db, "digest", "sample", "--to-file", str(out)])
    assert res.exit_code == 0, res.output
    msg = email.message_from_bytes(out.read_bytes(), policy=policy.default)
    text = msg.get_body(("plain",)).get_content()
    html = msg.get_body(("html",)).get_content()
    n_e, n_q = len(events), len(quotes)
    assert subject(msg) == f"[dateline] sample: {n_e} new events, {n_q} new quote{'s' if n_q != 1 else ''}"
    # each event and quote the CLI lists is in the digest, once, linked to its article page
    for e in events:
        assert text.count(f"/articles/{e['article_id']}#ev-{e['local_id']}") == 1
    for q in quotes:
        assert text.count(f"/articles/{q['article_id']}#quote-{q['local_id']}") == 1
        assert q["text"] in text
    assert "Sergei Ryabkov" in html
    # running it again sends nothing; re-running the sample script starts the watch over
    again = runner.invoke(cli, ["--db", sample_db, "digest", "sample", "--to-file", str(tmp_path / "b.eml")])
    assert "nothing new" in again.output and not (tmp_path / "b.eml").exists()
    assert main(["--db", sample_db]) == 0


def test_sample_feed(sample_db):
    from dateline.config import Config
    from dateline.store import open_store
    from dateline.watch import feed
    from dateline.watch.sample import make_sample

    with open_store(sample_db) as store:
        w, counts = make_sample(store, Config(db=sample_db))
        f = feedparser.parse(feed.render(store, w, Config(db=sample_db)))
    assert not f.bozo
    assert len(f.entries) == min(feed.FEED_SIZE, counts[0] + counts[1])
