"""Mojibake repair and whitespace normalisation."""

from __future__ import annotations

from dateline.clean.normalize import fix_text, normalize_body, paragraphs_from_text


def test_ftfy_repairs_utf8_read_as_cp1252():
    assert fix_text("The cafÃ© said Iranâ€™s plan") == "The café said Iran's plan"


def test_curly_quotes_become_straight_without_changing_length():
    s = "He added, “The agency’s move”"
    out = fix_text(s)
    assert out == "He added, \"The agency's move\""
    assert len(out) == len(s)


def test_macroman_apostrophe_in_english_text():
    assert fix_text("IAEA approach towards Iranís nuclear program") == "IAEA approach towards Iran's nuclear program"
    assert fix_text("They donít know and we canít say") == "They don't know and we can't say"
    assert fix_text("the officialsí views differ") == "the officials' views differ"


def test_macroman_rule_leaves_real_words_alone():
    # a listed word keeps its accent
    assert fix_text("Luís Figo scored for Iranís rivals") == "Luís Figo scored for Iran's rivals"
    # a text with other non-ASCII letters is not plain English: nothing is touched
    spanish = "El país ha dicho que Iranís está aquí"
    assert fix_text(spanish) == spanish


def test_paragraphs_one_per_line_and_blank_line_blocks():
    text = "Title\r\n\r\n\r\nFirst  para\u00a0here.\nSecond para.\n\n\n   Third\t para.  "
    assert paragraphs_from_text(text) == ["Title", "First para here.", "Second para.", "Third para."]


def test_hard_wrapped_block_is_joined():
    block = (
        "The ministry said on Tuesday that it would review the decision\n"
        "after talks with the union, which had threatened a strike over\n"
        "pay and conditions."
    )
    text = "Headline\n\n" + block + "\n\nAnother paragraph."
    paras = paragraphs_from_text(text)
    assert paras[1].startswith("The ministry said") and paras[1].endswith("pay and conditions.")
    assert len(paras) == 3


def test_normalize_body_separates_paragraphs_by_one_blank_line():
    assert normalize_body("a  b\n\n\n c \n\nd\n") == "a b\n\nc\n\nd"


def test_space_collapsing_equals_collapsing_every_run():
    """normalize_lines rewrites only the runs that change; the result is every run collapsed to " "."""
    import random
    import re

    from dateline.clean.normalize import normalize_lines

    every_run = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
    rng = random.Random(7)
    alphabet = [" ", " ", "\t", "\u00a0", "\u2003", "\u202f", "\u3000", "\u200b", "a", "b", "\n", "\r\n"]
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 16)))
        expected = [
            every_run.sub(" ", line).strip()
            for line in re.sub("[\u200b\u200c\u200d\u2060\ufeff\u00ad]", "", text.replace("\r\n", "\n")).split("\n")
        ]
        assert normalize_lines(text) == expected, repr(text)


def test_uncurl_maps_every_curly_quote():
    from dateline.clean.normalize import uncurl

    assert uncurl("\u2018a\u2019 \u201ab\u201b \u201cc\u201d \u201ed\u201f") == "'a' 'b' \"c\" \"d\""
    assert uncurl("no quotes here") == "no quotes here"
