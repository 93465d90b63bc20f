"""Spark tests: one local[2] SparkSession for the session, and a corpus with copies and bad records.

The corpus is built from real news texts (PolNeAR train texts in ../shared): JSON Lines with
an exact duplicate, near-duplicate syndicated copies and bad lines; a gzipped WARC with HTML
responses, a WET-style conversion record, a near copy, a 404 and an image; a plain-text
page; a binary file; a truncated gzipped JSON Lines file.
"""

from __future__ import annotations

import gzip
import html
import io
import json
import os
import shutil
from pathlib import Path

import pytest

pytest.importorskip("pyspark")

JAVA17 = Path("/usr/lib/jvm/java-17-openjdk-amd64")


@pytest.fixture(scope="session")
def spark():
    if not os.environ.get("JAVA_HOME") and JAVA17.exists():
        os.environ["JAVA_HOME"] = str(JAVA17)
    if not shutil.which("java") and not os.environ.get("JAVA_HOME"):
        pytest.fail("no Java runtime: install openjdk-17-jre-headless")
    from dateline.scale.job import build_session

    session = build_session("local[2]", app_name="dateline-tests", conf={
        "spark.ui.enabled": "false", "spark.sql.shuffle.partitions": "2", "spark.default.parallelism": "2",
        "spark.driver.memory": "1g", "spark.ui.showConsoleProgress": "false",
        "spark.sql.adaptive.coalescePartitions.enabled": "true",
    })
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


def _texts(shared_dir: Path, n: int) -> list[str]:
    root = Path(shared_dir) / "eval" / "quotes" / "polnear" / "train" / "text"
    files = sorted(p for p in root.glob("*.txt") if 1800 < p.stat().st_size < 3200)
    return [p.read_text("utf-8") for p in files[:n]]


def syndicate(text: str) -> str:
    """A syndicated copy: a few words changed, a line added at the end."""
    words = text.split(" ")
    for i in (len(words) // 3, len(words) // 2, 2 * len(words) // 3):
        words[i] = words[i].upper() if words[i].islower() else words[i].lower()
    return " ".join(words) + "\n\nThis story was distributed by a wire service."


def _response(w, uri: str, body: bytes, ctype: str, status: str = "200 OK"):
    from warcio.statusandheaders import StatusAndHeaders

    headers = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
    return w.create_warc_record(uri, "response", payload=io.BytesIO(body), http_headers=headers,
                                warc_headers_dict={"WARC-Date": "2016-03-04T10:00:00Z"})


def build_corpus(root: Path, shared_dir: Path) -> dict:
    from warcio.warcwriter import WARCWriter

    t = _texts(shared_dir, 14)
    root.mkdir(parents=True, exist_ok=True)
    lines = []
    for i in range(8):
        lines.append({"id": f"doc{i}", "text": t[i], "url": f"https://news{i}.example.com/story/{i}",
                      "published": f"2016-02-{10 + i:02d}"})
    lines.append({"id": "exact-copy", "text": t[0], "url": "https://mirror.example.org/a", "published": "2016-02-11"})
    lines.append({"id": "near-copy-1", "text": syndicate(t[1]), "url": "https://wire.example.net/b"})
    lines.append({"id": "near-copy-2", "text": syndicate(t[2]), "url": "https://paper.example.co.uk/c",
                  "published": "2016-02-20"})
    body = "\n".join(json.dumps(x) for x in lines[:5]) + "\n{not json at all\n"
    body += json.dumps({"id": "no-text", "url": "https://x.example.com"}) + "\n\n"
    body += "\n".join(json.dumps(x) for x in lines[5:]) + "\n"
    body += json.dumps({"id": "empty", "text": "   "}) + "\n"
    (root / "a.jsonl").write_text(body, "utf-8")

    with open(root / "b.warc.gz", "wb") as fh:
        w = WARCWriter(fh, gzip=True)
        w.write_record(w.create_warcinfo_record("b.warc.gz", {"software": "dateline tests"}))
        for i, uri in ((8, "https://www.daily.example.com/world/8"), (9, "https://www.herald.example.com/9")):
            paras = "".join(f"<p>{html.escape(p)}</p>" for p in t[i].split("\n") if p.strip())
            page = f"<html><head><title>Story {i}</title></head><body><article>{paras}</article></body></html>"
            w.write_record(_response(w, uri, page.encode("utf-8"), "text/html; charset=utf-8"))
        w.write_record(_response(w, "https://www.copy.example.com/3", syndicate(t[3]).encode("utf-8"),
                                 "text/plain; charset=utf-8"))
        w.write_record(_response(w, "https://www.daily.example.com/gone", b"<html>gone</html>", "text/html",
                                 "404 Not Found"))
        w.write_record(_response(w, "https://www.daily.example.com/logo.png", b"\x89PNG\r\n\x1a\nxx", "image/png"))
        rec = w.create_warc_record("https://www.text.example.com/10", "conversion",
                                   payload=io.BytesIO(t[10].encode("utf-8")), warc_content_type="text/plain")
        w.write_record(rec)

    (root / "c.txt").write_text(t[11], "utf-8")
    (root / "d.bin").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    more = "\n".join(json.dumps({"id": f"gz{i}", "text": t[12 + i]}) for i in range(2)) + "\n"
    more += json.dumps({"id": "gz-cut", "text": t[0] + " and more"}) + "\n"
    whole = gzip.compress(more.encode("utf-8"))
    (root / "e.jsonl.gz").write_bytes(whole[: len(whole) - 40])
    return {"root": root, "texts": t}


@pytest.fixture(scope="session")
def corpus(tmp_path_factory, shared_dir) -> dict:
    return build_corpus(tmp_path_factory.mktemp("scale") / "in", shared_dir)


@pytest.fixture(scope="session")
def spark_out(spark, corpus, tmp_path_factory) -> Path:
    """The job's output for the corpus, run through the `dateline spark` command."""
    from click.testing import CliRunner

    from dateline.cli.main import cli

    out = tmp_path_factory.mktemp("scale") / "out"
    res = CliRunner().invoke(cli, ["spark", str(corpus["root"]), "--out", str(out), "--master", "local[2]"],
                             catch_exceptions=False)
    assert res.exit_code == 0, res.output
    assert "articles" in res.output
    return out


@pytest.fixture(scope="session")
def ingest_db(corpus, tmp_path_factory, nlp) -> Path:
    """The single-machine store of the same inputs, built by `dateline ingest`."""
    from click.testing import CliRunner

    from dateline.cli.main import cli

    db = tmp_path_factory.mktemp("scale") / "ingest.db"
    res = CliRunner().invoke(cli, ["--db", str(db), "ingest", str(corpus["root"])], catch_exceptions=False)
    assert "ingested" in res.output, res.output
    return db


@pytest.fixture(scope="session")
def read_table():
    """``read_table(out_dir, table)``: the rows of one output table (partition column included)."""
    return _read_table


def _read_table(out: Path, table: str) -> list[dict]:
    import pyarrow as pa
    import pyarrow.dataset as ds

    from dateline.scale.schema import PARTITIONED

    part = ds.partitioning(pa.schema([("published_date", pa.date32())]), flavor="hive")
    d = ds.dataset(str(out / table), format="parquet", partitioning=part if table in PARTITIONED else None,
                   ignore_prefixes=[".", "_"])
    return d.to_table().to_pylist()
