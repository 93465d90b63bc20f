"""The one place where dateline's SQL differs between SQLite and PostgreSQL.

The store, the query layer and the watches write SQLite-flavoured, parameterised SQL (``?``
placeholders). On PostgreSQL the connection (``dateline.store.postgres``) passes every
statement through ``translate()``, a cached token-level rewrite of the few SQLite forms the
code uses:

* ``?`` -> ``%s`` (and a literal ``%`` -> ``%%``), psycopg's placeholder style;
* ``x IS ?`` -> ``x IS NOT DISTINCT FROM %s`` (null-safe equality);
* ``LIKE`` -> ``ILIKE`` (SQLite's LIKE ignores ASCII case);
* scalar ``max(a, b)`` / ``min(a, b)`` -> ``GREATEST`` / ``LEAST``;
* ``sum(<condition>)`` -> ``sum((<condition>)::int)`` (SQLite conditions are integers);
* a bare ``1`` / ``0`` used as a condition (``WHERE 1``, ``AND 0``) -> ``TRUE`` / ``FALSE``;
* a subquery in FROM without an alias gets one (PostgreSQL < 16 requires it);
* ``INSERT OR IGNORE`` -> ``INSERT ... ON CONFLICT DO NOTHING``;
* ``instr`` / ``char`` / ``ifnull`` -> ``strpos`` / ``chr`` / ``coalesce``;
* every ``ORDER BY`` item without ``NULLS FIRST|LAST`` gets SQLite's NULL order (NULL is the
  smallest value: first ascending, last descending; PostgreSQL does the opposite).

Full-text search cannot be rewritten token by token (FTS5's ``MATCH`` / ``bm25`` /
``highlight`` / ``snippet`` have no one-to-one PostgreSQL form), so it has functions here that
return SQL fragments (with ``?`` placeholders) plus their parameters for the connection's
dialect: ``fts_match``, ``fts_rank``, ``fts_highlight``, ``fts_snippet``. On PostgreSQL the
FTS5 match expressions the query layer builds (``dateline.query.fts.fts_query``) become
``to_tsquery('english', ...)`` text (``fts5_to_tsquery``); the tables carry a stored tsvector
(see ``migrations/*.postgres.sql``).
"""

from __future__ import annotations

import functools
import re
import sqlite3

SQLITE = "sqlite"
POSTGRES = "postgres"
TS_CONFIG = "english"  # PostgreSQL text search configuration (Snowball English ~ FTS5's porter)


def name_of(conn) -> str:
    """The dialect of a connection (a ``sqlite3.Connection`` or the Postgres wrapper) or store."""
    return getattr(conn, "dialect", None) or getattr(getattr(conn, "conn", None), "dialect", None) or SQLITE


def is_postgres(conn) -> bool:
    return name_of(conn) == POSTGRES


def errors() -> tuple[type[BaseException], ...]:
    """Database errors to catch around store calls. The Postgres wrapper raises ``sqlite3``'s
    DB-API classes too (its originals chained), so ``sqlite3.Error`` covers both."""
    return (sqlite3.Error,)


# -- SQL translation ---------------------------------------------------------------------------------
_TOKEN = re.compile(
    r"""(?P<str>'(?:[^']|'')*')
      |(?P<qid>"(?:[^"]|"")*")
      |(?P<comment>--[^\n]*|/\*.*?\*/)
      |(?P<ws>\s+)
      |(?P<word>[A-Za-z_][A-Za-z0-9_$]*)
      |(?P<num>\d+(?:\.\d*)?(?:[eE][-+]?\d+)?)
      |(?P<op><=|>=|<>|!=|==|\|\||::)
      |(?P<ph>\?)
      |(?P<other>.)""",
    re.S | re.X,
)
_CONDITION_PREV = {"WHERE", "AND", "OR", "NOT", "ON", "HAVING"}
_CONDITION_NEXT = {None, "AND", "OR", "ORDER", "GROUP", "LIMIT", "OFFSET", "UNION", ")", "HAVING", "EXCEPT",
                   "INTERSECT", "THEN", "WINDOW"}
_COMPARISON = {"=", "==", "<", ">", "<=", ">=", "<>", "!=", "IS", "IN", "LIKE", "ILIKE", "AND", "OR", "NOT",
               "EXISTS", "BETWEEN", "GLOB"}
_FUNCTIONS = {"INSTR": "strpos", "CHAR": "chr", "IFNULL": "coalesce"}  # same arguments, other name
_NOT_ALIAS = {"WHERE", "UNION", "ORDER", "GROUP", "LIMIT", "OFFSET", "JOIN", "LEFT", "RIGHT", "INNER", "CROSS",
              "FULL", "NATURAL", "ON", "USING", "HAVING", "EXCEPT", "INTERSECT", "WINDOW", "RETURNING"}


class _Tok:
    __slots__ = ("kind", "text", "up")

    def __init__(self, kind: str, text: str):
        self.kind, self.text = kind, text  # text: rewritten in place; up: the original, uppercased
        self.up = text.upper() if kind == "word" else text


def _tokens(sql: str) -> list[_Tok]:
    return [_Tok(m.lastgroup or "other", m.group()) for m in _TOKEN.finditer(sql)]


def _sig(toks: list[_Tok]) -> list[int]:
    """Indexes of the significant tokens (no whitespace or comments)."""
    return [i for i, t in enumerate(toks) if t.kind not in ("ws", "comment")]


def _close(toks: list[_Tok], sig: list[int], k: int) -> int:
    """Position in ``sig`` of the ``)`` matching the ``(`` at ``sig[k]``."""
    depth = 0
    for j in range(k, len(sig)):
        t = toks[sig[j]].text
        if t == "(":
            depth += 1
        elif t == ")":
            depth -= 1
            if depth == 0:
                return j
    return len(sig) - 1


def _top_level(toks: list[_Tok], sig: list[int], lo: int, hi: int):
    """Significant tokens strictly between sig[lo] and sig[hi] at bracket (and CASE) depth 0."""
    depth = 0
    for j in range(lo + 1, hi):
        t = toks[sig[j]]
        if t.text == "(" or t.up == "CASE":
            depth += 1
        elif t.text == ")" or t.up == "END":
            depth -= 1
        elif depth == 0:
            yield j, t


@functools.lru_cache(maxsize=2048)
def translate(sql: str) -> str:
    """The PostgreSQL form of one SQLite-flavoured statement (see the module docstring)."""
    toks = _tokens(sql)
    sig = _sig(toks)
    n_alias = 0
    insert_ignore = False
    for k, i in enumerate(sig):
        t = toks[i]
        up = t.up
        nxt = toks[sig[k + 1]] if k + 1 < len(sig) else None
        prev = toks[sig[k - 1]] if k > 0 else None
        if t.kind == "word" and up in ("MAX", "MIN") and nxt is not None and nxt.text == "(":
            end = _close(toks, sig, k + 1)
            if any(x.text == "," for _, x in _top_level(toks, sig, k + 1, end)):
                t.text = "GREATEST" if up == "MAX" else "LEAST"
        elif t.kind == "word" and up == "SUM" and nxt is not None and nxt.text == "(":
            end = _close(toks, sig, k + 1)
            if any(x.up in _COMPARISON for _, x in _top_level(toks, sig, k + 1, end)):
                toks[sig[k + 1]].text = "(("
                toks[sig[end]].text = ")::int)"
        elif t.kind == "word" and up == "LIKE" and (prev is None or prev.up != "ILIKE"):
            t.text = "ILIKE"
        elif t.kind == "word" and up == "IS" and nxt is not None:
            if nxt.kind == "ph":
                t.text = "IS NOT DISTINCT FROM"
            elif nxt.up == "NOT" and k + 2 < len(sig) and toks[sig[k + 2]].kind == "ph":
                t.text, nxt.text = "IS", "DISTINCT FROM"
        elif t.kind == "word" and up in _FUNCTIONS and nxt is not None and nxt.text == "(" \
                and (prev is None or prev.up != "AS"):
            t.text = _FUNCTIONS[up]
        elif t.kind == "op" and t.text == "==":
            t.text = "="
        elif t.kind == "num" and t.text in ("0", "1") and prev is not None and prev.up in _CONDITION_PREV:
            nup = nxt.up if nxt is not None else None
            if nup in _CONDITION_NEXT and not (prev.up == "AND" and _after_between(toks, sig, k - 1)):
                t.text = "TRUE" if t.text == "1" else "FALSE"
        elif t.kind == "num" and t.text in ("0", "1") and prev is not None and prev.up == "(" and k >= 2 \
                and toks[sig[k - 2]].up in _CONDITION_PREV and nxt is not None and nxt.up == ")":
            t.text = "TRUE" if t.text == "1" else "FALSE"  # "WHERE (1) AND ..."
        elif t.text == "(" and prev is not None and prev.up in ("FROM", "JOIN") and nxt is not None \
                and nxt.up in ("SELECT", "WITH", "VALUES"):
            end = _close(toks, sig, k)
            after = toks[sig[end + 1]] if end + 1 < len(sig) else None
            if after is None or after.kind not in ("word", "qid") or after.up in _NOT_ALIAS:
                n_alias += 1
                toks[sig[end]].text = f") AS _sq{n_alias}"
        elif t.kind == "word" and up == "OR" and prev is not None and prev.up == "INSERT" \
                and nxt is not None and nxt.up == "IGNORE":
            t.text, nxt.text = "", ""
            insert_ignore = True
    _null_order(toks, sig)
    out = []
    for t in toks:
        if t.kind == "ph":
            out.append("%s")
        elif t.kind == "comment":
            out.append(" ")
        else:
            out.append(t.text.replace("%", "%%"))
    text = "".join(out)
    if insert_ignore:
        text = text.rstrip().rstrip(";") + " ON CONFLICT DO NOTHING"
    return text


_ORDER_END = {"LIMIT", "OFFSET", "UNION", "EXCEPT", "INTERSECT", "FETCH", "WINDOW", ";"}


def _null_order(toks: list[_Tok], sig: list[int]) -> None:
    """SQLite sorts NULL as the smallest value (first ascending, last descending); PostgreSQL as
    the largest. Each ORDER BY item without an explicit NULLS gets SQLite's order."""
    for k in range(len(sig) - 1):
        if toks[sig[k]].up != "ORDER" or toks[sig[k + 1]].up != "BY":
            continue
        depth, item_last, has_nulls, last_up = 0, None, False, None
        j = k + 2
        while j <= len(sig):
            t = toks[sig[j]] if j < len(sig) else None
            end = t is None or (depth == 0 and (t.up in _ORDER_END or t.up == ")" or t.up == ","))
            if end:
                if item_last is not None and not has_nulls:
                    toks[item_last].text += " NULLS LAST" if last_up == "DESC" else " NULLS FIRST"
                if t is None or t.up != ",":
                    break
                item_last, has_nulls, last_up = None, False, None
                j += 1
                continue
            if t.up == "(":
                depth += 1
            elif t.up == ")":
                depth -= 1
            if depth == 0 and t.up == "NULLS":
                has_nulls = True
            item_last, last_up = sig[j], t.up
            j += 1


def _after_between(toks: list[_Tok], sig: list[int], k: int) -> bool:
    """True when the AND at sig[k] is the one of ``x BETWEEN a AND b``."""
    depth = 0
    for j in range(k - 1, -1, -1):
        t = toks[sig[j]]
        if t.text == ")":
            depth += 1
        elif t.text == "(":
            if depth == 0:
                return False
            depth -= 1
        elif depth == 0 and t.up in ("AND", "OR", "WHERE", "ON", "HAVING", "WHEN", "SELECT"):
            return False
        elif depth == 0 and t.up == "BETWEEN":
            return True
    return False


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
        return f"{table}.fts @@ to_tsquery('{TS_CONFIG}', ?)", [fts5_to_tsquery(expr)]
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
        if phrases:  # one mark over a phrase, as FTS5 marks it (ts_headline marks each word)
            sql = f"regexp_replace({sql}, ?, ?, 'g')"
            params += [re.escape(close) + r"(\s+)" + re.escape(open_), r"\1"]
            if not lone:  # phrases only: a word marked alone is no match
                sql = f"regexp_replace({sql}, ?, ?, 'g')"
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
