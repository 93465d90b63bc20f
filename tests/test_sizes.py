"""The house's size rules over dateline/ (docs/architecture.md): no module over 600 lines, no
function over 100 (a longer one hides several steps that want names of their own)."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "dateline"
MAX_MODULE, MAX_FUNCTION = 600, 100


def _sources():
    for path in sorted(PACKAGE.rglob("*.py")):
        yield path.relative_to(PACKAGE.parent), path.read_text("utf-8")


def test_no_module_over_600_lines():
    long = {str(rel): n for rel, src in _sources() if (n := src.count("\n")) > MAX_MODULE}
    assert long == {}


def test_no_function_over_100_lines():
    long = {}
    for rel, src in _sources():
        for node in ast.walk(ast.parse(src)):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                n = node.end_lineno - node.lineno + 1
                if n > MAX_FUNCTION:
                    long[f"{rel}:{node.lineno} {node.name}"] = n
    assert long == {}
