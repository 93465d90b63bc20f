"""Hostile inputs cost only themselves (issue 15): lone surrogates in every JSONL field and in feeds,
damaged WARC headers, file names that are not UTF-8, symbolic link loops. The records around the
bad one are read, and each failure has its code and a message that prints."""

from __future__ import annotations

import json
import os

import pytest
from click.testing import CliRunner

from dateline.ingest import iter_inputs
from dateline.types import FailedInput, RawDocument

BODY = ("WASHINGTON (Reuters) - The foreign ministers met on Tuesday to discuss the crisis, officials said. "
        "They agreed to meet again next month in Geneva. ")


def _record(i: int, **fields) -> str:
    rec = {"id": f"r{i}", "text": f"{BODY} Record number {i}.", **fields}
    return json.dumps(rec)  # json.dumps writes a lone surrogate as its \ud800 escape: valid JSON


def _printable(item) -> None:
    """A failure must survive what the CLI and the store do with it: print it and encode it."""
    text = f"{item.input.path}#{item.input.record}: {item.message} ({item.hint})"
    text.encode("utf-8")


@pytest.mark.parametrize("field", ["id", "text", "html", "url", "published", "title", "site"])
def test_a_lone_surrogate_in_any_field_fails_that_record_alone(tmp_path, config, field):
    bad = {field: "x \ud800 y"} if field != "html" else {"html": "<p>bad \udfff</p>"}
    lines = [_record(1), _record(2, **bad), _record(3)]
    assert "\\ud" in lines[1]
    path = tmp_path / "in.jsonl"
    path.write_text("\n".join(lines) + "\n", "utf-8")
    items = list(iter_inputs([str(path)], config))
    assert [type(x).__name__ for x in items] == ["RawDocument", "FailedInput", "RawDocument"]
    fail = items[1]
    assert fail.code == "E109" and "lone surrogate" in fail.message and f'"{field}"' in fail.message
    assert fail.input.record == "line 2"  # not the id, which may be the bad field
    _printable(fail)


def test_the_cli_stores_the_good_records_and_reports_the_bad_ones(tmp_path):
    from dateline.cli.main import cli

    lines = [_record(1), _record(2, text="bad \ud800"), _record(3), _record(4, id="bad\udc00id"), _record(5)]
    path = tmp_path / "in.jsonl"
    path.write_text("\n".join(lines) + "\n", "utf-8")
    db = tmp_path / "s.db"
    for _ in range(2):  # re-running finishes too (the bad id used to stop the run on every re-run)
        r = CliRunner().invoke(cli, ["--db", str(db), "ingest", "--no-extract", str(path)], catch_exceptions=False)
        assert r.exit_code == 0, r.output
        assert r.stderr.count("E109") == 2 and "line 2" in r.stderr and "line 4" in r.stderr
    assert "failed 2" in r.stdout and "(3 unchanged" in r.stdout


def _feed(items: list[str]) -> bytes:
    entries = "".join(
        f"<item><title>{title}</title><guid>id{i}</guid><description>{BODY * 3} {title}</description></item>"
        for i, title in enumerate(items))
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>{entries}</channel></rss>'.encode()


@pytest.mark.parametrize("ref", ["&#55296;", "&#xD800;", "&#xdfff;", "&#1114112;", "&#x110000;"])
def test_a_reference_to_no_character_in_a_feed_costs_only_its_item(tmp_path, config, ref):
    path = tmp_path / "feed.xml"
    path.write_bytes(_feed(["One", f"Two {ref} bad", "Three"]))
    cfg = config.replace(follow_feed_links=False)
    items = list(iter_inputs([str(path)], cfg))
    assert [type(x).__name__ for x in items] == ["RawDocument", "FailedInput", "RawDocument"]
    assert items[1].code == "E108" and items[1].input.record == "id1"
    assert "character reference to no character" in items[1].message
    _printable(items[1])
    assert "Three" in items[2].content


def test_valid_character_references_in_feeds_are_kept(tmp_path, config):
    path = tmp_path / "feed.xml"
    path.write_bytes(_feed(["Caf&#233; &#x1F600; talks"]))
    (doc,) = iter_inputs([str(path)], config.replace(follow_feed_links=False))
    assert isinstance(doc, RawDocument) and doc.title == "Café 😀 talks"


def _warc_record(payload: bytes, length: str, rid: str = "<urn:uuid:1>") -> bytes:
    return (b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: " + rid.encode() +
            b"\r\nWARC-Target-URI: http://x.example/\r\nContent-Length: " + length.encode() + b"\r\n\r\n" +
            payload + b"\r\n\r\n")


HTTP = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html><body><p>" + BODY.encode() + b"</p></body></html>"


@pytest.mark.parametrize("length,words", [("-5", "a negative Content-Length (-5)"),
                                          ("abc", "no valid Content-Length (abc)")])
def test_a_bad_content_length_is_named_not_read_as_empty(tmp_path, config, length, words):
    path = tmp_path / "bad.warc"
    path.write_bytes(_warc_record(HTTP, str(len(HTTP)), "<urn:uuid:0>") + _warc_record(HTTP, length))
    items = list(iter_inputs([str(path)], config))
    assert isinstance(items[0], RawDocument)  # the record before the damage
    assert items[1].code == "E107" and words in items[1].message and "empty" not in items[1].message
    assert len(items) == 2


def test_cut_off_http_headers_say_so_without_a_python_error(tmp_path, config):
    path = tmp_path / "cut.warc"
    path.write_bytes(b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 5\r\n\r\nHTTP/")
    (item,) = iter_inputs([str(path)], config)
    assert item.code == "E107" and "headers are malformed or cut off" in item.message
    assert "Error" not in item.message  # no AttributeError / NoneType in what the user reads


def test_a_symbolic_link_loop_is_named(tmp_path, config):
    (tmp_path / "a").symlink_to(tmp_path / "b")
    (tmp_path / "b").symlink_to(tmp_path / "a")
    (tmp_path / "gone").symlink_to(tmp_path / "nowhere")
    (tmp_path / "dir").mkdir()
    (tmp_path / "dir" / "loop").symlink_to(tmp_path / "a")
    (tmp_path / "dir" / "ok.txt").write_text(BODY * 3)
    loop, gone, *in_dir = iter_inputs([str(tmp_path / "a"), str(tmp_path / "gone"), str(tmp_path / "dir")], config)
    assert loop.code == "E100" and "symbolic link loop" in loop.message
    assert gone.code == "E100" and "does not exist" in gone.message and "nowhere" in gone.message
    assert [type(x).__name__ for x in in_dir] == ["FailedInput", "RawDocument"]
    assert "symbolic link loop" in in_dir[0].message
    assert not any("no such file" in getattr(x, "message", "") for x in (loop, gone, *in_dir))


def test_a_file_name_that_is_not_utf8_is_stored_and_printed(tmp_path):
    from dateline.cli.main import cli

    d = tmp_path / "in"
    d.mkdir()
    with open(os.path.join(os.fsencode(d), b"caf\xe9.txt"), "wb") as f:  # Latin-1 bytes in the name
        f.write(BODY.encode() * 3)
    with open(os.path.join(os.fsencode(d), b"empty\xff.txt"), "wb"):
        pass
    db = tmp_path / "s.db"
    r = CliRunner().invoke(cli, ["--db", str(db), "ingest", "--no-extract", str(d)], catch_exceptions=False)
    assert r.exit_code == 0, r.output
    assert "ingested 1" in r.stdout and "empty\\xff.txt" in r.stderr


def test_a_reader_bug_costs_one_record(tmp_path, config, monkeypatch):
    """Whatever a record makes the reader raise, the records after it are read (E113 for that one)."""
    from dateline.ingest import jsonl

    real = jsonl.make_page

    def flaky(data, *args, **kw):
        if b"Record number 2." in data:
            raise RuntimeError("a bug")
        return real(data, *args, **kw)

    monkeypatch.setattr(jsonl, "make_page", flaky)
    path = tmp_path / "in.jsonl"
    path.write_text("\n".join(_record(i) for i in (1, 2, 3)) + "\n", "utf-8")
    items = list(iter_inputs([str(path)], config))
    assert [type(x).__name__ for x in items] == ["RawDocument", "FailedInput", "RawDocument"]
    assert items[1].code == "E113" and items[1].input.record == "line 2"
    assert isinstance(items[1], FailedInput)
