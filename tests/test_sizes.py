"""The house's size rules over dateline/ (docs/architecture.md): no module over 600 lines, no
function over 100 (a longer one hides several steps that want names of their own)."""

from __future__ import annotations

import ast

from package_source import MODULES, PACKAGE, source, tree  # tests/: parsed once per run

MAX_MODULE, MAX_FUNCTION = 600, 100


def test_no_module_over_600_lines():
    long = {str(path.relative_to(PACKAGE.parent)): n for module, path in MODULES.items()
            if (n := source(module).count("\n")) > MAX_MODULE}
    assert long == {}


def test_no_function_over_100_lines():
    long = {}
    for module, path in MODULES.items():
        rel = path.relative_to(PACKAGE.parent)
        for node in ast.walk(tree(module)):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                n = node.end_lineno - node.lineno + 1
                if n > MAX_FUNCTION:
                    long[f"{rel}:{node.lineno} {node.name}"] = n
    assert long == {}
