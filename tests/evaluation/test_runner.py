"""The evaluation runner: writes the report, pins floors, and fails when a metric drops below them."""

from __future__ import annotations

import json
import sys
import types

from dateline.evaluation import __main__ as runner


def _fake_scorer(monkeypatch, value: float):
    mod = types.ModuleType("dateline.evaluation.extraction")
    mod.evaluate = lambda shared, config: {
        "name": "extraction", "title": "fake", "markdown": "## Fake section\n", "metrics": {"f1": value},
        "floors": {"f1": round(value - 0.01, 3)},
    }
    monkeypatch.setitem(sys.modules, "dateline.evaluation.extraction", mod)


def test_pin_then_regression_fails(tmp_path, monkeypatch, shared_dir):
    monkeypatch.setattr(runner, "BASELINE", tmp_path / "baseline.json")
    monkeypatch.setattr(runner, "versions", lambda: "test")
    out = tmp_path / "evaluation.md"
    _fake_scorer(monkeypatch, 0.97)
    args = ["--shared", str(shared_dir), "--out", str(out), "--only", "extraction"]
    assert runner.main([*args, "--pin"]) == 0
    pinned = json.loads((tmp_path / "baseline.json").read_text())
    assert pinned["extraction"]["floors"] == {"f1": 0.96} and len(pinned["extraction"]["corpus_sha256"]) == 16
    _fake_scorer(monkeypatch, 0.95)  # quality dropped below the pinned floor
    assert runner.main(args) == 1
    _fake_scorer(monkeypatch, 0.965)
    assert runner.main(args) == 0


def test_targets_are_marked_met_or_not():
    assert "not met" in runner._target("quotes", "quotes_direct_f1", 0.75)
    assert "| >= 0.958 | met |" == runner._target("extraction", "f1", 0.966)
    assert "not met" in runner._target("events", "events_per_record", 1.6)
    assert runner._target("extraction", "recall", 0.9) == "| | |"
