"""Nothing changes for users: what ``dateline extract``, the store, the read commands, the API, the web
pages, the exports and the watches give on a fixed set of inputs is byte-identical to the goldens
recorded in tests/house/goldens/ (see its README; ``golden.py`` says what is run and normalised).

On a difference the outputs of this run are left in test-artifacts/goldens/ to diff against the
goldens."""

from __future__ import annotations

import difflib
import importlib.util
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
GOLDENS = HERE / "goldens"


def _golden_module():
    name = "dateline_house_golden"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, HERE / "golden.py")
        mod = importlib.util.module_from_spec(spec)
        sys.modules[name] = mod
        spec.loader.exec_module(mod)
    return sys.modules[name]


golden = _golden_module()


@pytest.fixture(scope="module")
def outputs(tmp_path_factory, shared_dir, nlp, artifacts_dir) -> dict[str, str]:
    out = golden.produce(shared_dir, tmp_path_factory.mktemp("golden-run"))
    if any(_recorded(name) != text for name, text in out.items()):
        golden.write(out, artifacts_dir / "goldens")
    return out


def _recorded(name: str) -> str:
    return (GOLDENS / name).read_bytes().decode("utf-8")


@pytest.mark.parametrize("name", golden.GOLDEN_FILES)
def test_outputs_match_the_goldens(outputs, name):
    want, got = _recorded(name), outputs[name]
    if got != want:
        diff = "".join(difflib.unified_diff(want.splitlines(True), got.splitlines(True), f"goldens/{name}",
                                            f"this run's {name}", n=2))
        lines = diff.splitlines(True)
        shown = "".join(lines[:200]) + (f"... ({len(lines) - 200} more lines)\n" if len(lines) > 200 else "")
        pytest.fail(f"{name} differs from the golden (this run's outputs: test-artifacts/goldens/; if an "
                    f"extractor changed on purpose, re-record: see tests/house/goldens/README.md):\n{shown}")


def test_every_golden_is_produced():
    """The recorded files and what golden.py produces are the same set (a new output needs recording)."""
    assert sorted(p.name for p in GOLDENS.iterdir() if p.name != "README.md") == sorted(golden.GOLDEN_FILES)
