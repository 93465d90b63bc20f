"""The one lexicon reader (dateline/tsv.py): comments, headers, gzip, and a short row named by file and line."""

from __future__ import annotations

import gzip

import pytest

from dateline.errors import DatelineError
from dateline.tsv import LEXICONS, read_tsv


def test_rows_skip_comments_blank_lines_and_the_header(tmp_path):
    path = tmp_path / "x.tsv"
    path.write_text("# a comment\nlemma\tneeds\n\n  # indented comment\nask\tto\nsay\tthat\textra\n", "utf-8")
    assert list(read_tsv(path, min_cells=2, header="lemma")) == [(5, ["ask", "to"]), (6, ["say", "that", "extra"])]


def test_a_short_row_is_an_error_naming_the_file_and_line(tmp_path):
    path = tmp_path / "cues.tsv"
    path.write_text("ask\tto\nsay\n", "utf-8")
    with pytest.raises(DatelineError) as exc:
        list(read_tsv(path, min_cells=2))
    assert exc.value.code == "E500" and "cues.tsv:2" in exc.value.message


def test_gzip_files_and_missing_optional_files(tmp_path):
    path = tmp_path / "big.tsv.gz"
    with gzip.open(path, "wt", encoding="utf-8") as fh:
        fh.write("verb\tattack\tASSAULT\n")
    assert list(read_tsv(path, min_cells=3)) == [(1, ["verb", "attack", "ASSAULT"])]
    assert list(read_tsv(tmp_path / "absent.tsv", missing_ok=True)) == []
    with pytest.raises(DatelineError, match="missing"):
        list(read_tsv(tmp_path / "absent.tsv"))


@pytest.mark.parametrize("name", sorted(p.name for p in LEXICONS.glob("*.tsv")))
def test_every_shipped_tsv_lexicon_reads(name):
    assert list(read_tsv(LEXICONS / name))
