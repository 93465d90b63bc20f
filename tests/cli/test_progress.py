"""The progress line of ingest/extract: documents per second, a total and an ETA when known, steps."""

from __future__ import annotations

import json
import os
import pty
import subprocess
import sys
import time
from pathlib import Path

import pytest

from dateline.cli.progress import Rate, estimate_total, line


def test_line_shows_rate_total_eta_and_step():
    assert line(0, 120, None, step="loading the language model") == "0/120 docs · loading the language model"
    text = line(30, 120, 6.0, "30 new, 0 dup, 0 failed", workers=2)
    assert text == "30/120 docs · 6.0 docs/s · ETA 15s · 30 new, 0 dup, 0 failed · 2 workers"
    assert line(5_000, None, 12.5) == "5,000 docs · 12.5 docs/s"  # unknown total: no ETA
    assert "ETA 1h 23m" in line(0, 50_000, 10.0)


def test_rate_is_documents_per_second_over_a_window():
    now = [0.0]
    r = Rate(window=10, clock=lambda: now[0])
    r.add(0)
    for i in range(1, 21):
        now[0] = float(i)
        r.add(i * 4)  # 4 documents a second
    assert r.per_second() == 4.0
    now[0] = 25.0
    r.add(80)  # a stall: the rate falls, measured over the last 10 s or so
    assert 0 < r.per_second() < 4.0


def test_estimate_total(tmp_path):
    d = tmp_path / "in"
    (d / "sub").mkdir(parents=True)
    (d / "a.txt").write_text("one page")
    (d / "sub" / "b.html").write_text("<html><body><p>x</p></body></html>")
    (d / ".hidden.txt").write_text("skipped")
    (d / "c.jsonl").write_text("\n".join(json.dumps({"id": i, "text": "t"}) for i in range(7)) + "\n")
    assert estimate_total([str(d)]) == 1 + 1 + 7
    assert estimate_total([str(d / "a.txt"), str(d / "a.txt")]) == 1  # named twice, read once
    assert estimate_total([str(d / "*.txt")]) == 1
    (d / "x.warc").write_bytes(b"WARC/1.0\r\n")
    assert estimate_total([str(d)]) is None  # an archive: records unknown until read
    assert estimate_total(["https://example.org/feed.xml"]) is None
    assert estimate_total(["-"]) is None


@pytest.mark.slow
def test_the_terminal_shows_the_model_loading_step_and_the_rate(tmp_path, shared_dir):
    src = tmp_path / "docs"
    src.mkdir()
    for f in sorted((Path(shared_dir) / "eval" / "quotes" / "polnear" / "dev" / "text").glob("*.txt"))[:6]:
        (src / f.name).write_text(f.read_text("utf-8"), "utf-8")
    master, slave = pty.openpty()
    env = dict(os.environ, COLUMNS="200", TERM="xterm")
    proc = subprocess.Popen([sys.executable, "-m", "dateline.cli.main", "--db", str(tmp_path / "p.db"), "ingest",
                             "--jobs", "1", str(src)], stdout=subprocess.PIPE, stderr=slave, env=env)
    os.close(slave)
    seen = b""
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # the child closed the terminal
            break
        if not chunk:
            break
        seen += chunk
    proc.wait(timeout=60)
    os.close(master)
    text = seen.decode("utf-8", "replace")
    assert proc.returncode == 0
    assert "loading the language model" in text
    assert "/6 docs" in text and "docs/s" in text
    assert b"ingested 6" in proc.stdout.read()
