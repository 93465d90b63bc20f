"""SQL written for SQLite, run on PostgreSQL: sqlglot's transpiler, and what SQLite means that it cannot know.

The store, the query layer and the watches write their SQL once, for SQLite, with ``?`` placeholders.
The PostgreSQL connection (``dateline.store.postgres``) passes every statement through ``translate``:
sqlglot parses it as SQLite and writes it as PostgreSQL (cached per statement text), which covers the
syntax — ``?`` -> ``%s``, ``x IS ?`` -> ``IS NOT DISTINCT FROM``, scalar ``max``/``min`` ->
``GREATEST``/``LEAST``, ``instr``/``char``/``ifnull``/``group_concat``, and SQLite's NULL order on
every ``ORDER BY`` item. The rewrites of sqlglot's tree below add what SQLite means that the syntax
does not say: integers as truth values (``WHERE 1``, ``sum(q = 1)``), ``LIKE`` ignoring case,
``INSERT OR IGNORE``, ``substr`` kept as written (the expression indexes are on it), derived tables
without a name (PostgreSQL < 16), a ``%`` in a literal, a quoted
name or SQLite's modulo (psycopg's placeholders are ``%s``), and the text-search match of
``dialect.fts_match`` as its operator ``@@``.

Only the PostgreSQL store imports this module (and so sqlglot): SQLite runs the SQL as written.
"""

from __future__ import annotations

import functools

import sqlglot
from sqlglot import exp
from sqlglot.errors import SqlglotError

from dateline.errors import StoreError

_CONDITIONS = (exp.Where, exp.Having, exp.And, exp.Or, exp.Not)
_NUMERIC_AGGREGATES = (exp.Sum, exp.Avg)


def _int_conditions(tree: exp.Expression) -> None:
    """SQLite's truth values are integers: ``WHERE 1`` / ``AND 0`` become TRUE / FALSE, and a condition
    summed or averaged (``sum(q = 1)``) counts as 0 or 1."""
    for node in list(tree.find_all(exp.Literal)):
        child, parent = node, node.parent
        while isinstance(parent, exp.Paren):
            child, parent = parent, parent.parent
        cond = isinstance(parent, _CONDITIONS) or (isinstance(parent, exp.If) and child.arg_key == "this") \
            or (isinstance(parent, exp.Join) and child.arg_key == "on")
        if cond and not node.is_string and node.this in ("0", "1"):
            node.replace(exp.true() if node.this == "1" else exp.false())
    for agg in list(tree.find_all(*_NUMERIC_AGGREGATES)):
        arg = agg.this
        if isinstance(arg, exp.Predicate | exp.Connector | exp.Not):
            arg.replace(exp.cast(arg, exp.DataType.build("INT")))


def _sqlite_semantics(tree: exp.Expression) -> exp.Expression:
    _int_conditions(tree)
    for fn in list(tree.find_all(exp.Anonymous)):  # fts_match's text-search match, as its operator @@
        if fn.name.lower() == "ts_match_vq" and len(fn.expressions) == 2:
            vector, tsquery = fn.expressions
            fn.replace(exp.MatchAgainst(this=tsquery, expressions=[vector]))
    for sub in list(tree.find_all(exp.Substring)):  # substr(), not SUBSTRING(x FROM ..): the expression
        args = [sub.this, sub.args.get("start"), sub.args.get("length")]  # indexes (0003) are on substr
        sub.replace(exp.Anonymous(this="substr", expressions=[a for a in args if a is not None]))
    for like in list(tree.find_all(exp.Like)):  # SQLite's LIKE ignores (ASCII) case
        like.replace(exp.ILike(this=like.this, expression=like.expression))
    n = 0
    for sub in list(tree.find_all(exp.Subquery)):  # PostgreSQL < 16: a derived table needs a name
        if not sub.alias and isinstance(sub.parent, exp.From | exp.Join):
            n += 1
            sub.set("alias", exp.TableAlias(this=exp.to_identifier(f"_sq{n}")))
    for ins in list(tree.find_all(exp.Insert)):  # INSERT OR IGNORE: skip rows that break a unique key
        if (ins.args.get("alternative") or "").upper() == "IGNORE":
            ins.set("alternative", None)
            ins.set("conflict", exp.OnConflict(action=exp.var("DO NOTHING")))
    for conflict in tree.find_all(exp.OnConflict):  # a conflict target is columns, not sort keys
        for key in list(conflict.args.get("conflict_keys") or []):
            if isinstance(key, exp.Ordered):
                key.replace(key.this)
    _no_bare_percent(tree)
    return tree


def _no_bare_percent(tree: exp.Expression) -> None:
    """psycopg's placeholders are ``%s``: a ``%`` in a string or a quoted name is written ``%%``, and
    SQLite's ``a % b`` (NULL when ``b`` is 0) becomes ``mod(a, nullif(b, 0))``."""
    for mod in list(tree.find_all(exp.Mod)):
        divisor = exp.Nullif(this=mod.expression, expression=exp.Literal.number(0))
        mod.replace(exp.Anonymous(this="mod", expressions=[mod.this, divisor]))
    for node in tree.find_all(exp.Literal, exp.Identifier):
        if isinstance(node.this, str) and "%" in node.this and (isinstance(node, exp.Identifier) or node.is_string):
            node.set("this", node.this.replace("%", "%%"))


@functools.lru_cache(maxsize=4096)
def translate(sql: str) -> str:
    """The PostgreSQL form of one statement written for SQLite (``?`` placeholders), through sqlglot.
    A statement sqlglot cannot read is E403 (a bug in dateline: its SQL is SQLite's)."""
    try:
        trees = sqlglot.parse(sql, read="sqlite")
    except SqlglotError as exc:
        raise StoreError("E403", f"cannot translate a statement for PostgreSQL: {exc}",
                         "a bug in dateline (its SQL is written for SQLite and sqlglot could not read this one); "
                         "report it with the message") from exc
    return ";\n".join(_sqlite_semantics(t).sql(dialect="postgres") for t in trees if t is not None)


# -- schema: the migrations ---------------------------------------------------------------------------------
_SQLITE_TO_PG_TYPES = {exp.DataType.Type.INT: "BIGINT",  # SQLite's INTEGER is 64 bits
                       exp.DataType.Type.BIGINT: "BIGINT"}


def _glob_regex(pattern: str) -> str:
    """A GLOB pattern (``*``, ``?``, ``[...]``, ``[^...]``) as an anchored POSIX regular expression."""
    out, i = ["^"], 0
    while i < len(pattern):
        ch = pattern[i]
        end = pattern.find("]", i + 2) if ch == "[" else -1
        if ch == "*":
            out.append(".*")
        elif ch == "?":
            out.append(".")
        elif end > 0:
            out.append(pattern[i:end + 1])
            i = end
        else:
            out.append("\\" + ch if not ch.isalnum() and ch not in " -_" else ch)
        i += 1
    return "".join(out) + "$"


def _column(col: exp.ColumnDef) -> None:
    """One column of a migration with PostgreSQL types: text compared byte by byte as SQLite does
    (COLLATE "C"), 64-bit integers, and ``INTEGER PRIMARY KEY`` (SQLite's rowid alias) an identity."""
    kind = col.args.get("kind")
    if not isinstance(kind, exp.DataType):
        return
    constraints = col.args.get("constraints") or []
    if kind.this in _SQLITE_TO_PG_TYPES:
        col.set("kind", exp.DataType.build(_SQLITE_TO_PG_TYPES[kind.this]))
        if any(isinstance(c.kind, exp.PrimaryKeyColumnConstraint) for c in constraints):
            ident = exp.ColumnConstraint(kind=exp.GeneratedAsIdentityColumnConstraint(this=False))
            col.set("constraints", [ident, *constraints])
    elif kind.this == exp.DataType.Type.TEXT and not any(isinstance(c.kind, exp.CollateColumnConstraint)
                                                         for c in constraints):
        collate = exp.ColumnConstraint(kind=exp.CollateColumnConstraint(this=exp.to_identifier("C", quoted=True)))
        col.set("constraints", [collate, *constraints])


def _schema_statement(tree: exp.Expression) -> exp.Expression:
    for col in list(tree.find_all(exp.ColumnDef)):
        _column(col)
    for prop in list(tree.find_all(exp.WithoutRowidProperty)):  # PostgreSQL tables have no rowid
        prop.pop()
    if isinstance(tree, exp.Create) and tree.kind == "INDEX":  # index columns in PostgreSQL's own NULL order
        for key in tree.find_all(exp.Ordered):
            key.set("nulls_first", bool(key.args.get("desc")))
    for glob in list(tree.find_all(exp.Glob)):
        if isinstance(glob.expression, exp.Literal) and glob.expression.is_string:
            regex = exp.Literal.string(_glob_regex(glob.expression.this))
            glob.replace(exp.RegexpLike(this=glob.this, expression=regex))
    return tree


@functools.lru_cache(maxsize=64)
def translate_schema(script: str) -> str:
    """The PostgreSQL form of a migration written for SQLite (``NAME.sql``): its statements translated as
    ``translate`` does, with PostgreSQL's types for SQLite's (``_column``), ``WITHOUT ROWID`` dropped and
    ``GLOB`` as a regular expression. Run as a script, without parameters: ``%`` stays as written."""
    try:
        trees = sqlglot.parse(script, read="sqlite")
    except SqlglotError as exc:  # e.g. an FTS5 virtual table: such a migration needs its NAME.postgres.sql
        raise StoreError("E401", f"cannot translate a migration for PostgreSQL: {exc}") from exc
    out = []
    for tree in trees:
        if tree is None:
            continue
        tree = _schema_statement(tree)
        _int_conditions(tree)
        for sub in list(tree.find_all(exp.Substring)):
            args = [sub.this, sub.args.get("start"), sub.args.get("length")]
            sub.replace(exp.Anonymous(this="substr", expressions=[a for a in args if a is not None]))
        out.append(tree.sql(dialect="postgres", comments=False) + ";")
    return "\n".join(out)
