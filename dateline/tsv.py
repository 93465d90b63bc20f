"""The one reader of dateline's tab-separated lexicon files (``dateline/lexicons/*.tsv``, ``*.txt``).

A lexicon file is UTF-8 text, gzip-compressed when its name ends in ``.gz``; one row a line, cells
separated by tabs. Blank lines, and lines whose first non-blank character is ``#``, are comments.
``read_tsv`` yields each row with its line number; a row with fewer cells than the caller needs is
an error (E500) naming the file and the line, so a broken lexicon stops the load with what to fix
instead of being read silently wrong. Each lexicon module then checks what its cells mean.
"""

from __future__ import annotations

import gzip
from collections.abc import Iterator
from pathlib import Path

from dateline.errors import DatelineError

LEXICONS = Path(__file__).resolve().parent / "lexicons"


def read_text(path: Path) -> str:
    """A lexicon file's text; ``.gz`` files (the large converted dictionary) are read through gzip."""
    if path.suffix == ".gz":
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            return fh.read()
    return path.read_text("utf-8")


def is_comment(line: str) -> bool:
    """A blank line, or one whose first non-blank character is ``#``."""
    stripped = line.lstrip()
    return not stripped or stripped[0] == "#"


def read_tsv(path: Path, *, min_cells: int = 1, header: str | None = None,
             missing_ok: bool = False) -> Iterator[tuple[int, list[str]]]:
    """``(line number, cells)`` for each row of ``path`` (comments and blank lines skipped).

    ``min_cells``: a row with fewer cells raises E500 naming the file and line. ``header``: a row
    whose first cell is this word is the file's column header and is skipped. ``missing_ok``: a
    file that does not exist yields nothing (optional lexicons); otherwise it is an E500 too."""
    try:
        text = read_text(path)
    except FileNotFoundError:
        if missing_ok:
            return
        raise DatelineError("E500", f"lexicon file {path} is missing",
                            "reinstall dateline, or restore the file from the repository") from None
    for n, line in enumerate(text.splitlines(), 1):
        if is_comment(line):
            continue
        cells = line.split("\t")
        if header is not None and cells[0].strip() == header:
            continue
        if len(cells) < min_cells:
            raise DatelineError("E500", f"{path.name}:{n}: expected at least {min_cells} tab-separated cells, "
                                f"found {len(cells)}: {line[:80]!r}",
                                "fix the line: cells are separated by one tab each")
        yield n, cells
