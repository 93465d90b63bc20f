"""The configuration object: sources, precedence, errors, and documentation."""

from __future__ import annotations

import re
from dataclasses import fields
from pathlib import Path

import pytest

from dateline.config import Config, load_config
from dateline.errors import CODES, DatelineError

DOCS = Path(__file__).resolve().parents[1] / "docs"


def test_defaults_when_nothing_is_set():
    cfg = load_config(env={})
    assert cfg == Config()
    assert cfg.db == "dateline.db" and cfg.max_input_bytes == 20 * 1024 * 1024 and cfg.host == "127.0.0.1"


def test_file_then_env_then_overrides(tmp_path):
    f = tmp_path / "d.toml"
    f.write_text('[dateline]\ndb = "from-file.db"\nbatch_size = 7\nextract = false\n')
    cfg = load_config(f, env={"DATELINE_DB": "from-env.db", "DATELINE_MINHASH_THRESHOLD": "0.7"})
    assert cfg.db == "from-env.db" and cfg.batch_size == 7 and cfg.extract is False
    assert cfg.minhash_threshold == pytest.approx(0.7)
    assert load_config(f, env={}, db="cli.db").db == "cli.db"


def test_bad_settings_fail_with_code(tmp_path):
    f = tmp_path / "d.toml"
    f.write_text("nonsense = 1\n")
    with pytest.raises(DatelineError) as e:
        load_config(f, env={})
    assert e.value.code == "E500" and "nonsense" in e.value.message
    with pytest.raises(DatelineError) as e:
        load_config(env={"DATELINE_BATCH_SIZE": "many"})
    assert e.value.code == "E500"
    with pytest.raises(DatelineError):
        load_config(tmp_path / "missing.toml", env={})


def test_every_setting_is_documented():
    text = (DOCS / "configuration.md").read_text()
    documented = set(re.findall(r"^\| `(\w+)` \|", text, re.M))
    assert {f.name for f in fields(Config)} == documented


def test_error_codes_have_hints_and_render():
    for code, (title, hint) in CODES.items():
        assert re.fullmatch(r"E\d{3}", code) and title and hint
    err = DatelineError("E105", "x.txt is 30 MB")
    assert str(err).startswith("E105 x.txt is 30 MB") and "hint" in str(err)
    with pytest.raises(ValueError):
        DatelineError("E999", "no such code")


def test_out_of_range_numbers_fail_at_load_with_a_code():
    with pytest.raises(DatelineError) as err:
        load_config(env={"DATELINE_SEARCH_CONCURRENCY": "0"})
    assert err.value.code == "E500" and "search_concurrency" in err.value.message
    with pytest.raises(DatelineError):
        Config(sqlite_mmap_mb=-1)
    assert load_config(env={"DATELINE_SEARCH_CACHE_MB": "0"}).search_cache_mb == 0  # 0 turns the cache off
