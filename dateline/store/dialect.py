"""The one place where dateline's SQL differs between SQLite and PostgreSQL.

SQL is written once, for SQLite, with ``?`` placeholders: the store, the query layer and the
watches run it on SQLite as written, and the PostgreSQL connection (``dateline.store.postgres``)
passes every statement through sqlglot's transpiler (``dateline.store.transpile``).

Full-text search cannot be rewritten token by token (FTS5's ``MATCH`` / ``bm25`` /
``highlight`` / ``snippet`` have no one-to-one PostgreSQL form), so it has functions here that
return SQL fragments (with ``?`` placeholders) plus their parameters for the connection's
dialect: ``fts_match``, ``fts_rank``, ``fts_highlight``, ``fts_snippet``. On PostgreSQL the
FTS5 match expressions the query layer builds (``dateline.query.fts.fts_query``) become
``to_tsquery('english', ...)`` text (``fts5_to_tsquery``); the tables carry a stored tsvector
(see ``migrations/0001_initial.postgres.sql``).
"""

from __future__ import annotations

import re
import sqlite3

from dateline.errors import StoreError

SQLITE = "sqlite"
POSTGRES = "postgres"
TS_CONFIG = "english"  # PostgreSQL text search configuration (Snowball English ~ FTS5's porter)


def name_of(conn) -> str:
    """The dialect of a connection (a ``sqlite3.Connection`` or the Postgres wrapper) or store."""
    return getattr(conn, "dialect", None) or getattr(getattr(conn, "conn", None), "dialect", None) or SQLITE


def is_postgres(conn) -> bool:
    return name_of(conn) == POSTGRES


def errors() -> tuple[type[BaseException], ...]:
    """Database errors to catch around store calls: SQLite's own (``sqlite3.Error``) and the PostgreSQL
    store's, which come as dateline's ``StoreError`` (codes E400, E403, E404; the psycopg error chained)."""
    return (sqlite3.Error, StoreError)


# -- full-text search -------------------------------------------------------------------------------
_FTS5 = re.compile(r'"((?:[^"]|"")*)"|(\*)|(\()|(\))|(\w+)', re.U)
_LEXEME = re.compile(r"\w+", re.U)


def fts5_to_tsquery(expr: str) -> str:
    """A ``to_tsquery`` text for an FTS5 match expression of the form ``fts_query`` builds:
    quoted strings (phrases), ``*`` after a string (prefix), ``AND`` / ``OR`` / ``NOT``,
    parentheses; bare words (``raw`` searches) are terms. Only word characters reach the
    result, so no user text can be tsquery syntax. Empty when nothing searchable is left."""
    out: list[str] = []
    need_op = False  # the last item was an operand: the next operand is AND-ed

    def operand(text: str) -> None:
        nonlocal need_op
        if need_op:
            out.append("&")
        out.append(text)
        need_op = True

    for m in _FTS5.finditer(expr or ""):
        phrase, star, lpar, rpar, word = m.groups()
        if phrase is not None:
            words = _LEXEME.findall(phrase.replace('""', '"'))
            if words:
                operand("(" + " <-> ".join(words) + ")" if len(words) > 1 else words[0])
        elif star:
            if out and need_op and not out[-1].endswith(")"):
                out[-1] += ":*"
            elif out and need_op:  # a phrase prefix: prefix on its last word
                out[-1] = out[-1][:-1] + ":*)"
        elif lpar:
            if need_op:
                out.append("&")
            out.append("(")
            need_op = False
        elif rpar:
            if out and out[-1] in ("(", "&", "|", "& !"):
                out.pop()
            out.append(")")
            need_op = True
        elif word in ("AND", "OR", "NOT"):
            if not need_op:
                continue
            out.append({"AND": "&", "OR": "|", "NOT": "& !"}[word])
            need_op = False
        elif word == "NEAR":
            continue
        else:
            operand(word)
    while out and out[-1] in ("&", "|", "& !", "("):
        out.pop()
    text = " ".join(out)
    # drop empty groups left by words without lexemes
    while "( )" in text:
        text = text.replace("( )", "")
    return text.strip()


def _pg_table(table: str) -> str:
    return table if table.endswith("_fts") else f"{table}_fts"


def fts_match(conn, table: str, expr: str) -> tuple[str, list]:
    """The condition "``table`` (an FTS table: articles_fts, quotes_fts) matches ``expr``"."""
    if is_postgres(conn):
        # ts_match_vq is the function behind @@; translate() writes it as the operator, which the GIN index serves
        return f"ts_match_vq({table}.fts, to_tsquery('{TS_CONFIG}', ?))", [fts5_to_tsquery(expr)]
    return f"{table} MATCH ?", [expr]


def fts_rank(conn, table: str, weights: tuple[float, ...], expr: str) -> tuple[str, list]:
    """A rank expression, lower is better (FTS5 bm25 with per-column ``weights``; on PostgreSQL
    minus ts_rank with the columns as weights A, B, ... scaled so the largest is 1)."""
    if is_postgres(conn):
        top = max(weights) or 1.0
        w = [round(x / top, 4) for x in weights][:4]
        abcd = (w + [0.0] * (4 - len(w)))
        arr = "{" + ", ".join(str(x) for x in reversed(abcd)) + "}"  # ts_rank takes {D, C, B, A}
        return f"-ts_rank('{arr}', {table}.fts, to_tsquery('{TS_CONFIG}', ?))", [fts5_to_tsquery(expr)]
    return f"bm25({table}, {', '.join(repr(float(x)) for x in weights)})", []


def fts_highlight(conn, table: str, column: str, index: int, open_: str, close: str, expr: str
                  ) -> tuple[str, list]:
    """The whole text of ``column`` (the ``index``-th column of the FTS table) with every match
    wrapped in ``open_`` / ``close``."""
    if is_postgres(conn):
        tsq = fts5_to_tsquery(expr)
        opts = f'StartSel="{open_}", StopSel="{close}", HighlightAll=true'
        sql = f"ts_headline('{TS_CONFIG}', {table}.{column}, to_tsquery('{TS_CONFIG}', ?), ?)"
        params: list = [tsq, opts]
        phrases, lone = _phrase_shape(conn, tsq) if "<->" in tsq else (False, True)
        # regexp_replace replaces every match (translate() gives PostgreSQL's form its 'g' flag)
        if phrases:  # one mark over a phrase, as FTS5 marks it (ts_headline marks each word)
            sql = f"regexp_replace({sql}, ?, ?)"
            params += [re.escape(close) + r"(\s+)" + re.escape(open_), r"\1"]
            if not lone:  # phrases only: a word marked alone is no match
                sql = f"regexp_replace({sql}, ?, ?)"
                params += [re.escape(open_) + "([^\\s" + open_ + close + "]+)" + re.escape(close), r"\1"]
        return sql, params
    return f"highlight({table}, {int(index)}, ?, ?)", [open_, close]


_TSQ_TOKEN = re.compile(r"'(?:[^']|'')*'(?::\*?[A-D]*)?|<->|<\d+>|[&|!()]")


def _phrase_shape(conn, tsq: str) -> tuple[bool, bool]:
    """(has a phrase, has a word outside any phrase) of the query PostgreSQL will run: stop words
    are gone from it (``"Iran's"`` is the phrase ``iran <-> s``, searched as ``iran``) and a
    phrase that lost an inner stop word has a ``<N>`` gap, which is treated as words."""
    norm = conn.execute(f"SELECT to_tsquery('{TS_CONFIG}', ?)::text", (tsq,)).fetchone()[0] or ""
    toks = _TSQ_TOKEN.findall(norm)
    if any(t.startswith("<") and t != "<->" for t in toks):
        return False, True
    phrase = lone = False
    for i, t in enumerate(toks):
        if t.startswith("'"):
            near = {toks[i - 1] if i else "", toks[i + 1] if i + 1 < len(toks) else ""}
            if "<->" in near:
                phrase = True
            else:
                lone = True
    return phrase, lone


def fts_snippet(conn, table: str, column: str, index: int, open_: str, close: str, ellipsis: str, tokens: int,
                expr: str) -> tuple[str, list]:
    """A short fragment of ``column`` around the matches (about ``tokens`` words), marked."""
    if is_postgres(conn):
        opts = (f'StartSel="{open_}", StopSel="{close}", MaxWords={int(tokens)}, '
                f"MinWords={max(1, int(tokens) // 2)}, MaxFragments=1")
        return (f"ts_headline('{TS_CONFIG}', {table}.{column}, to_tsquery('{TS_CONFIG}', ?), ?)",
                [fts5_to_tsquery(expr), opts])
    return f"snippet({table}, {int(index)}, ?, ?, ?, {int(tokens)})", [open_, close, ellipsis]


def has_table(conn, name: str) -> bool:
    """Whether the store has a table (or view) ``name``."""
    if is_postgres(conn):
        sql = "SELECT 1 FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = ?"
    else:
        sql = "SELECT 1 FROM sqlite_master WHERE type IN ('table', 'view') AND name = ?"
    return conn.execute(sql, (name,)).fetchone() is not None
