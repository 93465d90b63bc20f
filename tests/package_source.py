"""dateline's own source, read and parsed once per test run, for the tests of the house rules
(tests/test_imports.py, tests/test_sizes.py), which import it by name (tests/ is on the path)."""

from __future__ import annotations

import ast
from functools import cache
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "dateline"


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


@cache
def source(module: str) -> str:
    return MODULES[module].read_text("utf-8")


@cache
def tree(module: str) -> ast.Module:
    return ast.parse(source(module))
