"""HTML pages (constructed here) through the clean stage: body, datelines, merged metadata."""

from __future__ import annotations

from dateline.clean import clean_batch
from dateline.config import Config
from dateline.types import CleanDocument, FailedInput, InputRef, RawDocument

PARAS = [
    "Officials from both sides met for six hours on Monday in an effort to revive the stalled talks, "
    "which broke down last month over the pace of sanctions relief and inspections.",
    "\u201cWe made progress, but there is a long way to go,\u201d one senior diplomat said after the meeting, "
    "speaking on condition of anonymity because the talks were private.",
    "The next round is expected in Geneva before the end of the year, according to a statement "
    "released late on Monday by the foreign ministry.",
    "Analysts said the resumption was a sign that both governments wanted to avoid a wider crisis "
    "in the region, where tensions have risen sharply since the summer.",
]


def page(
    *,
    title="Iran talks stall again | CNN",
    byline='<span class="byline">By <a href="/p/jd">Jane Doe</a></span> <a href="mailto:j@x.com">Email the author</a>',
    first="WASHINGTON (Reuters) - ",
    published="2019-11-18T10:00:00Z",
    modified="2019-11-20T08:00:00Z",
    site="CNN",
    paras=PARAS,
) -> str:
    ps = "\n".join(f"<p>{(first if i == 0 else '') + p}</p>" for i, p in enumerate(paras))
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>{title}</title>
<meta property="og:site_name" content="{site}">
<meta property="article:published_time" content="{published}">
<meta property="article:modified_time" content="{modified}">
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li><li><a href="/politics">Politics</a></li></ul></nav>
<article>
<h1>{title.split(' | ')[0]}</h1>
<div class="meta">{byline}</div>
<div class="article-body">
{ps}
</div>
</article>
<footer><p>&copy; 2021 Cable News Network. All rights reserved.</p><p>Updated 2021-03-04</p></footer>
</body></html>"""


def clean(html: str, url: str = "https://edition.cnn.com/2019/11/18/world/iran-talks", **kw):
    raw = RawDocument(InputRef(url=url, format="html"), html, "html", "sha", url=url, **kw)
    [doc] = clean_batch([raw], Config())
    return doc


def test_body_and_dateline_kept():
    doc = clean(page())
    assert isinstance(doc, CleanDocument)
    assert doc.body.startswith("WASHINGTON (Reuters) - Officials from both sides")
    assert doc.dateline is not None and (doc.dateline.place, doc.dateline.agency) == ("Washington", "Reuters")
    assert doc.body[doc.dateline.span[0] : doc.dateline.span[1]] == "WASHINGTON (Reuters) -"
    assert doc.source == "Reuters"
    assert doc.body.count("\n\n") == 3
    assert '"We made progress' in doc.body  # curly quotes straightened by ftfy
    for gone in ("Home", "Cable News Network", "Email the author", "Iran talks stall again"):
        assert gone not in doc.body
    assert doc.language == "en"


def test_headline_without_site_suffix_and_byline_names_only():
    doc = clean(page())
    assert doc.headline == "Iran talks stall again"
    assert doc.byline == "Jane Doe"
    assert doc.site == "CNN"


def test_original_publication_date_not_modified_or_footer():
    assert clean(page()).published == "2019-11-18"


def test_published_hints():
    assert clean(page(), published="2020-01-01", published_is_fallback=True).published == "2019-11-18"
    assert clean(page(), published="2019-11-17").published == "2019-11-17"


def test_wire_byline_becomes_source_not_author():
    doc = clean(page(byline='<span class="byline">By The Associated Press</span>', first="TALLAHASSEE, Fla. (AP) \u2014 "))
    assert doc.byline is None
    assert doc.source == "AP"
    assert doc.dateline.place == "Tallahassee, Fla."


def test_bbc_style_title_prefix_and_suffix():
    doc = clean(page(title="Iran talks stall again - BBC News", site="BBC News"), url="https://www.bbc.co.uk/news/world-1")
    assert doc.headline == "Iran talks stall again"


def test_learned_chrome_applies_to_html_of_one_site():
    tagline = "<p>Cable News Network is a Warner Media company and brings you the news every single day.</p>"
    docs = []
    for i, topic in enumerate(["energy", "trade", "climate", "health"]):
        paras = [f"On {topic}: " + p.replace("talks", f"{topic} talks") for p in PARAS]
        html = page(title=f"Talks on {topic} stall | CNN", first="", paras=paras)
        html = html.replace("</div>\n</article>", tagline + "</div></article>")
        docs.append(RawDocument(InputRef(url=f"https://cnn.com/{i}"), html, "html", str(i), url=f"https://cnn.com/{i}"))
    out = clean_batch(docs, Config(chrome_min_pages=3))
    assert all(isinstance(d, CleanDocument) for d in out)
    assert all("Warner Media" not in d.body for d in out)
    single = clean_batch(docs[:1], Config(chrome_min_pages=3))[0]
    assert "Warner Media" in single.body


def test_page_without_article_fails_e200():
    html = "<html><head><title>Nothing</title></head><body><nav><a href='/'>Home</a></nav></body></html>"
    res = clean(html)
    assert isinstance(res, FailedInput) and res.code == "E200"
