"""The article inside a WET record: jusText classes, the headline anchor, the best stretch of text."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from bench._crawl import page_text, zyte_pages
from dateline.clean import clean_batch
from dateline.clean.crawltext import best_region, first_region, headline_lines, main_text
from dateline.config import Config
from dateline.evaluation.extraction import aggregate, match
from dateline.evaluation.splits import is_held_back
from dateline.types import CleanDocument, InputRef, RawDocument

PROSE = ("The minister said on Tuesday that the government would not change its plans for the budget, "
         "which has been criticised by the opposition and by several of the country's largest unions.")


def test_headline_lines_find_the_title_repeated():
    lines = ["Ministers reject budget changes | The Daily Example", "Home", "World",
             "Ministers reject budget changes", PROSE, "Most read", "Ministers reject budget changes"]
    assert headline_lines(lines) == [3, 6]
    assert headline_lines(["Home | Site", "Home", PROSE]) == []  # a title of fewer than 3 words anchors nothing


def test_regions_score_good_text_against_menus():
    lines = ["Menu", "News", PROSE, PROSE, "Share", PROSE, "Related", "Other story", "Contact us"]
    classes = ["short", "short", "good", "good", "short", "good", "short", "short", "short"]
    assert best_region(classes, lines)[:2] == (2, 5)
    teaser_then_article = ["short", "good", "short"] + ["short"] * 8 + ["good", "good"]
    lines2 = ["x"] + [PROSE] + ["y"] * 9 + [PROSE, PROSE]
    assert first_region(teaser_then_article, lines2, 3)[:2] == (11, 12)


def test_a_page_without_a_stop_list_is_kept_whole():
    lines = ["Título", "Texto " * 40]
    assert main_text(lines, None) == (lines, None)
    assert main_text(lines, "xx") == (lines, None)


def _wet(key: str, url: str, html: str) -> RawDocument:
    text = page_text(html)
    return RawDocument(InputRef(path="zyte.wet.gz", format="wet", record=key), text, "text",
                       hashlib.sha256(text.encode()).hexdigest(), url=url)


def test_wet_records_of_real_pages_lose_their_chrome(shared_dir):
    gold = json.loads((Path(shared_dir) / "eval" / "extraction" / "zyte" / "ground-truth.json").read_text("utf-8"))
    pages = [p for p in zyte_pages(shared_dir) if not is_held_back("zyte", p[0])][:40]
    wet = [_wet(*p) for p in pages]
    plain = [RawDocument(InputRef(path="zyte.txt", record=r.input.record), r.content, "text", r.sha256, url=r.url)
             for r in wet]  # the same text read as an ordinary text page: no article search
    config = Config()

    def score(raws):
        out = clean_batch(raws, config)
        return aggregate([match(c.body if isinstance(c, CleanDocument) else "", gold[p[0]]["articleBody"])
                          for p, c in zip(pages, out, strict=True)])

    as_wet, as_text = score(wet), score(plain)
    assert as_wet["precision"] > as_text["precision"] + 0.1, (as_wet, as_text)
    assert as_wet["f1"] > as_text["f1"] and as_wet["f1"] > 0.8, (as_wet, as_text)
    first = clean_batch(wet[:1], config)[0]
    assert first.headline and first.headline in wet[0].content.splitlines()[0]  # the headline from the title
