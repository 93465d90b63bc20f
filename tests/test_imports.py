"""The package's import rules (docs/architecture.md, "Imports"), read from the source with ``ast``:

* no import goes up a layer of the architecture (``LAYERS``, the picture in docs/architecture.md);
* no circle among dateline's modules, counting imports inside functions too (an import moved into a
  function to dodge a circle is still a circle);
* no private name (``_x``) imported from another module, nor read as ``module._x``;
* an import inside a function only defers a heavy or optional dependency (``HEAVY``: Spark, PostgreSQL's
  driver, spaCy, the HTML extractors, the server, ...), directly or through the dateline module it
  imports, and says so in a comment on its line. Everything else is imported at the top of the module.
"""

from __future__ import annotations

import ast
import io
import sys
import tokenize
from functools import cache
from pathlib import Path

import pytest
from package_source import MODULES, PACKAGE, tree  # tests/: parsed once per run

# Third-party packages a module may import inside a function, and why (import time measured on the
# development machine, `python -X importtime`). Everything else is imported at the top.
HEAVY = {
    "pyspark": "the [spark] extra; 0.5 s",
    "psycopg": "the [postgres] extra; 0.4 s",
    "sqlglot": "the [postgres] extra: translating SQL for PostgreSQL only",
    "spacy": "1.8 s, and the model behind it",
    "datasketch": "1.7 s (numpy, scipy)",
    "fastapi": "1.2 s: the server, not the CLI's reads",
    "starlette": "the server",
    "uvicorn": "the server",
    "newspaper": "0.8 s: HTML cleaning only",
    "justext": "0.06 s (lxml): the article in a crawl's page text (WET) only",
    "trafilatura": "0.6 s: HTML cleaning only",
    "pyarrow": "0.4 s: Parquet export and Spark tables only",
    "py3langid": "0.4 s and its model: language identification only",
    "jsonschema": "0.3 s: validating dateline/1 output only",
    "dateparser": "0.25 s: long-tail dates only",
    "rich": "terminal tables and progress bars only",
    "numpy": "0.2 s: the events' learned check, MinHash and Spark; not the CLI's reads",
}


class Import:
    def __init__(self, module: str, target: str, names: list[str], node: ast.stmt, in_function: bool):
        self.module, self.target, self.names, self.node, self.in_function = module, target, names, node, in_function

    def __repr__(self) -> str:
        return f"{MODULES[self.module].relative_to(PACKAGE.parent)}:{self.node.lineno} {ast.unparse(self.node)}"


def _resolve(module: str, node: ast.ImportFrom) -> str:
    if not node.level:
        return node.module or ""
    base = module.split(".")
    if MODULES[module].name != "__init__.py":
        base = base[:-1]
    base = base[: len(base) - node.level + 1]
    return ".".join(base + ([node.module] if node.module else []))


def _type_checking(node: ast.If) -> bool:
    return "TYPE_CHECKING" in ast.unparse(node.test)


def _walk(module: str, node: ast.AST, in_function: bool, out: list[Import]) -> None:
    for child in ast.iter_child_nodes(node):
        if isinstance(child, ast.If) and _type_checking(child):
            continue  # annotations only: never run
        if isinstance(child, ast.Import):
            out.extend(Import(module, a.name, [], child, in_function) for a in child.names)
        elif isinstance(child, ast.ImportFrom):
            base = _resolve(module, child)
            for a in child.names:  # ``from pkg import submodule`` imports the submodule
                sub = f"{base}.{a.name}"
                out.append(Import(module, sub if sub in MODULES else base, [a.name], child, in_function))
        else:
            _walk(module, child, in_function or isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda),
                  out)


@cache
def imports() -> list[Import]:
    out: list[Import] = []
    for module in MODULES:
        _walk(module, tree(module), False, out)
    return out


@cache
def imports_of(module: str) -> list[Import]:
    return [imp for imp in imports() if imp.module == module]


def _graph(function_level: bool = True) -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {m: set() for m in MODULES}
    for imp in imports():
        if imp.target in MODULES and imp.target != imp.module and (function_level or not imp.in_function):
            graph[imp.module].add(imp.target)
    return graph


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    out: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in sorted(graph[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(max(limit, 10 * len(graph)))
    try:
        for v in sorted(graph):
            if v not in index:
                visit(v)
    finally:
        sys.setrecursionlimit(limit)
    return out


def test_no_import_circle():
    assert _cycles(_graph()) == []


def test_the_checker_finds_a_circle_hidden_in_a_function():
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    graph = _graph()
    graph["dateline.errors"] = graph["dateline.errors"] | {"dateline.config"}  # config imports errors
    assert ["dateline.config", "dateline.errors"] in _cycles(graph)


def test_no_private_name_across_modules():
    bad = [imp for imp in imports() if imp.target.startswith("dateline") and imp.target != imp.module
           and any(n.startswith("_") and not n.startswith("__") for n in imp.names)]
    for module, path in MODULES.items():  # ``import dateline.x as m`` ... ``m._private``
        aliases = {a.asname or a.name for n in ast.walk(tree(module)) if isinstance(n, ast.Import)
                   for a in n.names if a.name.startswith("dateline")}
        aliases |= {a.asname or a.name for imp in imports_of(module) if imp.target in MODULES
                    and isinstance(imp.node, ast.ImportFrom) for a in imp.node.names
                    if f"{_resolve(module, imp.node)}.{a.name}" in MODULES}
        bad += [f"{path.relative_to(PACKAGE.parent)}:{n.lineno} {ast.unparse(n)}" for n in ast.walk(tree(module))
                if isinstance(n, ast.Attribute) and isinstance(n.value, ast.Name) and n.value.id in aliases
                and n.attr.startswith("_") and not n.attr.startswith("__")]
    assert bad == []


@cache
def _comments(path: Path) -> dict[int, str]:
    toks = tokenize.generate_tokens(io.StringIO(path.read_text("utf-8")).readline)
    return {t.start[0]: t.string for t in toks if t.type == tokenize.COMMENT}


@cache
def _heavy_at_load(module: str) -> frozenset[str]:
    """The HEAVY packages importing ``module`` loads: its top-level imports, followed through dateline,
    and the ``__init__`` of every package on the way (importing ``a.b.c`` runs ``a.b``'s)."""
    seen, todo, heavy = set(), [module], set()
    while todo:
        m = todo.pop()
        if m in seen:
            continue
        seen.add(m)
        todo += [p for p in _packages_of(m) if p in MODULES]
        for imp in imports_of(m):
            if imp.in_function:
                continue
            top = imp.target.split(".")[0]
            if top in HEAVY:
                heavy.add(top)
            elif imp.target in MODULES:
                todo.append(imp.target)
    return frozenset(heavy)


def _packages_of(module: str) -> list[str]:
    parts = module.split(".")
    return [".".join(parts[:i]) for i in range(1, len(parts))]


def _deferral_problem(imp: Import) -> str | None:
    lines = range(imp.node.lineno - 1, (imp.node.end_lineno or imp.node.lineno) + 1)  # the comment: on it or above
    if not any(n in _comments(MODULES[imp.module]) for n in lines):
        return "no comment saying what heavy dependency it defers"
    top = imp.target.split(".")[0]
    if top == "dateline":
        deferred = _heavy_at_load(imp.target) - _heavy_at_load(imp.module) if imp.target in MODULES else set()
        return None if deferred else "the module it imports loads no heavy dependency this one does not already load"
    return None if top in HEAVY else f"{top} is not a heavy or optional dependency (HEAVY): import it at the top"


def test_imports_inside_functions_only_defer_heavy_dependencies():
    bad = [f"{imp!r}: {problem}" for imp in imports() if imp.in_function
           and (problem := _deferral_problem(imp)) is not None]
    assert bad == []


@pytest.mark.parametrize("package", sorted(HEAVY))
def test_heavy_packages_are_real_dependencies(package):
    """Each HEAVY entry names a package dateline imports (no stale entry widens the rule)."""
    assert any(imp.target.split(".")[0] == package for imp in imports())


# The layers of docs/architecture.md, bottom (0) to top: a module imports from its own layer and
# the layers below it only. Keyed by the package's first-level name ("" is dateline/__init__.py).
LAYERS = {
    "": 0, "types": 0, "config": 0, "errors": 0, "tsv": 0, "timelimit": 0,
    "ingest": 1, "clean": 1, "nlp": 1, "extract": 1, "document": 1, "schema": 1,
    "pipeline": 2, "parallel": 2,
    "store": 3,
    "query": 4, "export": 4,
    "cli": 5, "api": 5, "web": 5, "watch": 5, "scale": 5, "evaluation": 5, "__main__": 5,
}


def _layer(module: str) -> int:
    parts = module.split(".")
    return LAYERS[parts[1] if len(parts) > 1 else ""]


def test_every_module_has_a_layer():
    assert sorted({m.split(".")[1] for m in MODULES if "." in m} - LAYERS.keys()) == []


def test_imports_go_down_the_layers():
    up = [f"{imp!r}: layer {_layer(imp.module)} imports layer {_layer(imp.target)}" for imp in imports()
          if imp.target in MODULES and _layer(imp.target) > _layer(imp.module)]
    assert up == []
