"""Shared fixtures. Tests mirror the package: tests/<stage>/test_*.py."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("DATELINE_SHARED", ROOT.parent / "shared"))
SAMPLE = SHARED / "samples" / "000_a48cc020e4ab0942.txt"
ARTIFACTS = ROOT / "test-artifacts"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not SHARED.exists():
        pytest.fail(f"../shared not found at {SHARED}; CI lays it beside the clone")
    return SHARED


@pytest.fixture(scope="session")
def sample_path(shared_dir) -> Path:
    return SAMPLE


@pytest.fixture(scope="session")
def nlp():
    """The spaCy pipeline, loaded once for the whole test session."""
    from dateline.nlp.pipeline import get_nlp

    return get_nlp("auto")


@pytest.fixture(scope="session")
def artifacts_dir() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS
