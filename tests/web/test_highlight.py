"""Highlight rendering: every text piece escaped, overlapping spans split into well-formed HTML."""

from __future__ import annotations

from html.parser import HTMLParser

from hypothesis import given, settings
from hypothesis import strategies as st

from dateline.web.highlight import LAYER_EVENT, LAYER_QUOTE, Mark, marks_for, render


class _Check(HTMLParser):
    """Collects the text and checks tags nest; only <span> may appear."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.text, self.stack, self.tags = [], [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.stack.append(tag)

    def handle_endtag(self, tag):
        assert self.stack and self.stack[-1] == tag, f"bad nesting at </{tag}>"
        self.stack.pop()

    def handle_data(self, data):
        self.text.append(data)


def parse(html: str) -> _Check:
    p = _Check()
    p.feed(html)
    p.close()
    assert not p.stack
    return p


def test_untrusted_text_and_attributes_are_escaped():
    body = 'A <script>alert(1)</script> & <img src=x onerror="x()"> said "hi".'
    html = str(render(body, [Mark(0, 28, "hl-quote", LAYER_QUOTE, attrs=(("data-speaker", '"><script>'),))]))
    assert "<script>" not in html and "<img" not in html
    assert "&lt;script&gt;" in html and "&#34;&gt;&lt;script&gt;" in html
    p = parse(html)
    assert "".join(p.text) == body and set(p.tags) == {"span"}


def test_crossing_spans_are_split_not_broken():
    body = "one two three four five"
    html = str(render(body, [Mark(0, 13, "e", LAYER_EVENT), Mark(8, 23, "q", LAYER_QUOTE)]))
    p = parse(html)
    assert "".join(p.text) == body
    assert html.count('class="q"') == 2 and 'data-continued="1"' in html


def test_invalid_spans_are_ignored():
    body = "short"
    html = str(render(body, [Mark(3, 99, "x", 0), Mark(4, 2, "y", 0), Mark(-1, 2, "z", 0)]))
    assert html == "short"


@settings(max_examples=150, deadline=None)
@given(
    body=st.text(alphabet=st.sampled_from(list("ab <>&\"'\n")), min_size=0, max_size=40),
    spans=st.lists(st.tuples(st.integers(0, 40), st.integers(0, 40), st.integers(0, 3)), max_size=8),
)
def test_any_spans_give_wellformed_html_with_the_exact_text(body, spans):
    marks = [Mark(min(a, b), max(a, b), f"c{layer}", layer) for a, b, layer in spans]
    p = parse(str(render(body, marks)))
    assert "".join(p.text) == body.replace("\r", "")


def test_marks_for_a_document_cover_events_quotes_actors():
    body = 'Iran accused Israel. "We reject it," Salehi said.'
    doc = {
        "body": body,
        "actors": [{"id": "a1", "name": "Iran", "type": "country", "mentions": [[0, 4]]},
                   {"id": "a2", "name": "Ali Akbar Salehi", "type": "person", "titles": ["Foreign Minister"],
                    "mentions": [[37, 43]]}],
        "quotes": [{"id": "q1", "kind": "direct", "text": "We reject it,", "span": [22, 35],
                    "speaker": {"actor": "a2", "text": "Salehi", "span": [37, 43]},
                    "cue": {"text": "said", "span": [44, 48]}}],
        "events": [{"id": "e1", "type": "ACCUSE", "cameo": "112", "quad_class": 3,
                    "source": {"actor": "a1", "text": "Iran"}, "target": {"actor": None, "text": "Israel"},
                    "evidence": {"span": [0, 20], "text": body[:20]}, "trigger": [5, 12]}],
    }
    html = str(render(body, marks_for(doc)))
    p = parse(html)
    assert "".join(p.text) == body
    assert 'id="ev-e1"' in html and 'id="quote-q1"' in html
    assert 'data-speaker="Salehi (Ali Akbar Salehi) — direct quote"' in html
    assert html.count('class="hl-actor ') == 2 and "hl-trigger" in html and "hl-cue" in html


def test_mentions_link_to_actor_pages_and_never_nest():
    body = "Sergei Lavrov met Salehi."
    doc = {"body": body, "actors": [
        {"id": "a1", "name": "Sergei Lavrov", "type": "person", "mentions": [[0, 13]]},
        {"id": "a2", "name": "Lavrov", "type": "person", "mentions": [[7, 13]]},  # overlaps a1's mention
        {"id": "a3", "name": "Ali Akbar Salehi", "type": "person", "mentions": [[18, 24]]}]}
    html = str(render(body, marks_for(doc, {"a1": "/actors/5", "a2": "/actors/6"})))
    p = parse(html)
    assert "".join(p.text) == body
    assert p.tags.count("a") == 1 and 'href="/actors/5"' in html and "/actors/6" not in html
    assert '<span class="hl-actor hl-actor-person" data-actor="a3"' in html  # no page known: not a link
