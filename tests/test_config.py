"""The configuration object: sources, precedence, errors, and documentation."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from dateline.config import SETTINGS, Config, allowed, load_config
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
    assert set(Config.model_fields) == documented


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


def test_every_number_has_a_range_and_the_docs_say_what_each_setting_allows():
    for name, f in Config.model_fields.items():
        if f.annotation in (int, float):
            assert any(hasattr(m, "ge") or hasattr(m, "gt") for m in f.metadata), f"{name} has no lower bound"
    text = (DOCS / "configuration.md").read_text()
    rows = dict(re.findall(r"^\| `(\w+)` \| [^|]* \| ([^|]*) \|", text, re.M))
    assert rows == {name: allowed(name) for name in Config.model_fields}


def _other_value(name: str) -> tuple[str, object]:
    """A valid value unlike the default, as an environment variable spells it, and as it is loaded."""
    default = Config.default(name)
    if isinstance(default, bool):
        return ("no", False) if default else ("yes", True)
    if isinstance(default, int):
        return str(default + 1), default + 1
    if isinstance(default, float):
        return "0.25", 0.25
    if isinstance(default, tuple):
        return "10.1.0.0/16, 10.2.0.0/16", ("10.1.0.0/16", "10.2.0.0/16")
    return "other-value", "other-value"


@pytest.mark.parametrize("name", SETTINGS)
def test_each_setting_from_its_variable_and_its_toml_key(name, tmp_path):
    text, value = _other_value(name)
    assert load_config(env={f"DATELINE_{name.upper()}": text}).model_dump()[name] == value
    f = tmp_path / "d.toml"
    f.write_text(f"[dateline]\n{name} = {text!r}\n" if not isinstance(value, tuple) else
                 f"{name} = {list(value)!r}\n".replace("'", '"'), "utf-8")
    assert getattr(load_config(f, env={}), name) == value
    assert load_config(f, env={f"DATELINE_{name.upper()}": ""}).model_dump()[name] == value  # empty: unset


def test_errors_name_where_the_bad_value_came_from(tmp_path):
    f = tmp_path / "d.toml"
    f.write_text("idle_timeout = 0.01\n", "utf-8")
    with pytest.raises(DatelineError) as err:
        load_config(f, env={})
    assert "idle_timeout=0.01" in err.value.message and str(f) in err.value.message
    with pytest.raises(DatelineError) as err:
        load_config(env={"DATELINE_EXTRACT": "perhaps"})
    assert "DATELINE_EXTRACT" in err.value.message
    with pytest.raises(DatelineError):
        Config(batch_size=True)  # a number is not a boolean
    with pytest.raises(DatelineError):
        Config().replace(nonsense=1)
    assert Config().replace(port=None, db="x.db") == Config(db="x.db")  # None: not given
