"""Site chrome: static rules and chrome learned per site within a batch."""

from __future__ import annotations

import pytest

from dateline.clean import ChromeModel, clean_batch
from dateline.clean.chrome import chrome_category
from dateline.config import Config
from dateline.types import CleanDocument, InputRef, RawDocument


@pytest.mark.parametrize(
    "line, cat",
    [
        ("UNITED24 - Make a charitable donation in support of Ukraine!", "banner"),
        ("Please donate today to keep our journalism free", "donation"),
        ("Join the GlobalSecurity.org mailing list", "mailing_list"),
        ("Sign up for our daily newsletter", "mailing_list"),
        ("Share this article: Facebook Twitter Email", "share"),
        ("Facebook | Twitter | WhatsApp | Email", "share"),
        ("Print this page", "share"),
        ("Related Articles", "related"),
        ("Read more: Iran says talks will resume", "related"),
        ("Copyright © 2011 Example Media. All rights reserved.", "copyright"),
        ("© 2019 Cable News Network", "copyright"),
        ("This material may not be published, broadcast, rewritten or redistributed.", "copyright"),
        ("We use cookies to improve your experience. By continuing to use our site you agree.", "cookie"),
        ("Accept all cookies", "cookie"),
        ("Home > World > Middle East", "nav"),
        ("Advertisement", "advertisement"),
        ("Leave a comment", "comments"),
    ],
)
def test_static_rules(line, cat):
    assert chrome_category(line) == cat


@pytest.mark.parametrize(
    "line",
    [
        "The president shared his view of the talks with reporters on Monday.",
        "Copyright law in the United States protects original works for decades after the author dies.",
        "Iran said it would print new banknotes next year.",
        "Home prices rose 3 percent in October, the report said.",
    ],
)
def test_article_lines_are_not_chrome(line):
    assert chrome_category(line) is None


def test_model_learns_after_min_pages_and_share():
    m = ChromeModel(min_pages=3, min_share=0.5)
    stories = ["Fire closes bridge.", "Mayor resigns.", "School wins prize."]
    for i, story in enumerate(stories):
        m.add("example.com", ["Example Daily - your town's paper", story])
        assert m.is_chrome("example.com", "Example Daily - your town's paper") == (i == 2)
    assert not m.is_chrome("example.com", "Mayor resigns.")
    assert not m.is_chrome("other.org", "Example Daily - your town's paper")
    assert m.chrome_lines("example.com") == ["example daily your town s paper"]


def test_model_needs_enough_pages_and_counts_copies_once():
    m = ChromeModel(min_pages=3, min_share=0.5)
    for _ in range(5):
        m.add("example.com", ["Same story line one.", "Same story line two."])
    assert m.pages("example.com") == 1
    assert not m.is_chrome("example.com", "Same story line one.")


def test_model_share_threshold():
    m = ChromeModel(min_pages=2, min_share=0.5)
    for i in range(6):
        lines = [f"Unique text {i}"] + (["Rare tagline"] if i < 2 else [])
        m.add("s.com", lines)
    assert not m.is_chrome("s.com", "Rare tagline")  # 2 of 6 pages < 50%


TOPICS = ["budget", "housing", "transit", "parks", "schools", "water", "police", "libraries"]


def _page(site: str, n: int, extra: list[str]) -> RawDocument:
    topic = TOPICS[n % len(TOPICS)]
    lines = [
        "Metro Courier",
        f"Council votes on {topic} plan",
        f"The city council voted on Tuesday to approve the {topic} plan, after a debate that "
        f"lasted most of the evening and drew dozens of residents worried about {topic} to the chamber.",
        f"Members said the {topic} plan would be paid for by savings elsewhere over the next five years.",
        *extra,
    ]
    return RawDocument(InputRef(path=f"{site}/{n}.txt"), "\n\n".join(lines), "text", f"h{n}", site=site)


def test_batch_learns_site_chrome_lines():
    footer = ["Metro Courier is owned by Courier Holdings and printed in Springfield every weekday."]
    raws = [_page("metrocourier.example", n, footer) for n in range(4)]
    raws.append(_page("other.example", 9, footer))
    docs = clean_batch(raws, Config(chrome_min_pages=3, chrome_min_share=0.5))
    assert all(isinstance(d, CleanDocument) for d in docs)
    for d in docs[:4]:
        assert "Courier Holdings" not in d.body
        assert "removed chrome:learned x2" in d.notes  # the masthead and the footer
        assert d.body.startswith("The city council voted")
        assert d.headline.startswith("Council votes on")
    # a single page of another site keeps the line: nothing was learned for that site
    assert "Courier Holdings" in docs[4].body


def test_model_can_be_carried_across_batches():
    model = ChromeModel(min_pages=3, min_share=0.5)
    footer = ["Metro Courier is owned by Courier Holdings and printed in Springfield every weekday."]
    config = Config()
    clean_batch([_page("mc.example", n, footer) for n in range(3)], config, model=model)
    [doc] = clean_batch([_page("mc.example", 7, footer)], config, model=model)
    assert "Courier Holdings" not in doc.body


def test_carried_model_counts_single_page_batches():
    model = ChromeModel(min_pages=3, min_share=0.5)
    footer = ["Metro Courier is owned by Courier Holdings and printed in Springfield every weekday."]
    for n in range(3):
        clean_batch([_page("mc.example", n, footer)], Config(), model=model)
    [doc] = clean_batch([_page("mc.example", 5, footer)], Config(), model=model)
    assert "Courier Holdings" not in doc.body


def test_learned_section_line_above_the_headline_stays_the_section():
    # several pages of one site and one section: the section line repeats on every page, like chrome,
    # but it sits directly above each headline and must still be read as the section (as on a lone page)
    def page(n: int) -> RawDocument:
        topic = TOPICS[n % len(TOPICS)]
        lines = [
            "Support independent journalism - make a donation today!",
            "Military",
            f"Army reviews {topic} contracts",
            f"WASHINGTON, March {n + 2} (Reuters) - The army said on Monday it would review its {topic} contracts "
            f"after auditors found that costs had doubled over the past three years.",
            f"Officials said the {topic} review would be finished before the end of the year.",
            "Join the Example Defense mailing list",
        ]
        return RawDocument(InputRef(path=f"d/{n}.txt"), "\n\n".join(lines), "text", f"m{n}", site="defense.example")

    docs = clean_batch([page(n) for n in range(5)], Config(chrome_min_pages=3, chrome_min_share=0.5))
    lone = clean_batch([page(7)], Config())[0]
    assert lone.section == "Military"
    for d in docs:
        assert d.section == "Military", d.notes
        assert d.headline.startswith("Army reviews") and d.body.startswith("WASHINGTON, March")
        assert "Military" not in d.body and "mailing list" not in d.body


def test_required_literal_of_a_rule():
    import re

    from dateline.clean.chrome import required_literal

    assert required_literal(re.compile(r"\ball rights reserved\b", re.I)) == "all rights reserved"
    assert required_literal(re.compile(r"\b(we|this (web)?site) uses? cookies\b", re.I)) == " cookies"
    assert required_literal(re.compile(r"^(accept|reject) cookies\b", re.I)) is None  # anchored: no shortcut
    assert required_literal(re.compile(r"\b(a|b)\b", re.I)) is None  # no literal every match holds
    assert required_literal(re.compile(r"\b©\s*\d{4}", re.I)) is None  # not ASCII


def test_prefiltered_rules_give_the_category_of_trying_every_rule():
    """chrome_category skips unanchored rules whose literal an ASCII line lacks: same answers as trying all."""
    from dateline.clean.chrome import MAX_RULE_WORDS
    from dateline.clean.lexicon import chrome_rules

    def every_rule(line):
        if not line or line.count(" ") >= MAX_RULE_WORDS:
            return None
        return next((cat for cat, rx in chrome_rules() if rx.search(line)), None)

    lines = [
        "We use cookies to improve your experience.", "WE USE COOKIES", "This site uses cookies",
        "Our cookie policy has changed", "By continuing to use our website you agree to our terms",
        "By using this site you consent to everything", "Copyright 2020 Example. ALL RIGHTS RESERVED.",
        "All Rights Reserved", "Make a donation today", "Give a tax-deductible donation now",
        "The minister said all rights reserved for the state would be kept", "coo\u212aies are used here",
        "Wir verwenden Cookies \u2013 this website uses cookies", "\u00a9 2021 All rights reserved",
        "The talks resumed on Monday.", "", "Related", "Donate", "a" * 50,
    ]
    for line in lines:
        assert chrome_category(line) == every_rule(line), line
