"""The article inside a crawl's plain-text page (a WET ``conversion`` record).

A WET record is every visible text line of a page: menus, share buttons, teasers of other
stories, the article, comments, footers. Without the page's markup, the article is found from the
lines themselves:

1. **classify** each line with jusText's paragraph classifier (Pomikálek 2011, the ``justext``
   library trafilatura already uses): length and stop-word density of the page's language give
   good / near-good / short / bad, then short and near-good lines take the class of their
   neighbours; lines the static chrome rules know (``chrome.chrome_category``: cookie notices,
   newsletter invitations, copyright lines) are bad whatever their length;
2. **region**: the stretch of lines with the most good text (each good line counts its length, a
   near-good line half, a short line ``SHORT_COST`` characters against, a bad line its length
   against): the article, without the menus, comments and footers around it;
3. **headline**: a WET record opens with the page's title, and the page repeats it as its own
   headline right before the article. The last such line before the end of that stretch starts
   the search again: the first stretch of good text after it is the article when it holds
   ``MIN_ARTICLE`` characters (teasers of other stories before the headline, or a long cookie
   policy after the article, then lose to it);
4. inside the region, keep the lines jusText finds good (in context) that read as sentences (or
   are long); lines that are not sentences (captions, teaser headlines, "Read more" links) go,
   except the few header lines right before the region, which give the headline and byline.

A page in a language without a jusText stop list is kept whole (the other cleaning steps still run).
"""

from __future__ import annotations

import functools
import html
import re

import pycountry

from dateline.clean.chrome import chrome_category
from dateline.clean.text import is_sentence

SHORT_COST = 30  # characters a short line costs a region (a menu of 20 entries outweighs a 600-character teaser)
HEADER_LINES = 4  # lines kept before the region: headline, byline, date
HEADLINE_REACH = 15  # the headline line is kept too when it is at most this many lines before the region
MIN_ARTICLE = 250  # characters of good text an article after the headline must have to be taken over the rest
LONG_WORDS = 25  # a line this long is prose even without a final full stop
_WORD = re.compile(r"\w+")


@functools.cache
def _stoplist(language: str | None) -> frozenset[str] | None:
    import justext  # deferred: justext (lxml): WET cleaning only

    if not language:
        return None
    try:
        lang = pycountry.languages.get(alpha_2=language)
        name = lang.name.split(" (")[0].split(";")[0].replace(" ", "_") if lang else None
    except (KeyError, LookupError):
        name = None
    if name == "Norwegian":
        name = "Norwegian_Bokmal"
    if not name or name not in justext.get_stoplists():
        return None
    return frozenset(justext.get_stoplist(name))


def classify(lines: list[str], stoplist: frozenset[str]) -> tuple[list[str], list[str]] | None:
    """jusText's classes of each line: on its own (good, neargood, short, bad) and after its
    neighbours are taken into account (good, bad); None when they cannot be told."""
    import justext  # deferred: justext (lxml): WET cleaning only

    doc = "<html><body>" + "".join(f"<p>{html.escape(ln)}</p>" for ln in lines) + "</body></html>"
    try:
        paragraphs = justext.justext(doc, stoplist)
    except Exception:  # jusText refusing a page must not fail the document
        return None
    if len(paragraphs) != len(lines):
        return None
    return [p.cf_class for p in paragraphs], [p.class_type for p in paragraphs]


def _key(line: str) -> str:
    return " ".join(_WORD.findall(line.casefold()))


def headline_lines(lines: list[str]) -> list[int]:
    """Indexes of the lines (after the first) that repeat the title line. The title may carry the
    site's name ("Headline | Site", "Headline - Site"): a line that is a long enough start of it
    counts."""
    if len(lines) < 3:
        return []
    title = _key(lines[0])
    if len(title.split()) < 3:
        return []
    out = []
    for i, line in enumerate(lines[1:], 1):
        k = _key(line)
        if len(k.split()) >= 3 and (k == title or (len(k) >= 0.5 * len(title) and title.startswith(k))):
            out.append(i)
    return out


def _score(cls: str, n: int) -> float:
    return n if cls == "good" else n / 2 if cls == "neargood" else -SHORT_COST if cls == "short" else -n


def best_region(classes: list[str], lines: list[str], start: int = 0) -> tuple[int, int, float]:
    """The stretch ``[i, j]`` (from ``start`` on) with the largest sum of line scores, and that sum."""
    best, cur, begin = 0.0, 0.0, start
    span = (start, start - 1)
    for i in range(start, len(lines)):
        v = _score(classes[i], len(lines[i]))
        if cur <= 0:
            cur, begin = v, i
        else:
            cur += v
        if cur > best:
            best, span = cur, (begin, i)
    return (*span, best)


def first_region(classes: list[str], lines: list[str], start: int) -> tuple[int, int, float]:
    """The first stretch of good text from ``start`` on: it begins at the first line that scores
    above zero and ends where its running sum has peaked before falling to zero."""
    best, cur, begin = 0.0, 0.0, None
    span = (start, start - 1)
    for i in range(start, len(lines)):
        v = _score(classes[i], len(lines[i]))
        if begin is None:
            if v <= 0:
                continue
            begin, cur = i, v
        else:
            cur += v
            if cur <= 0:
                break
        if cur > best:
            best, span = cur, (begin, i)
    return (*span, best)


def main_text(lines: list[str], language: str | None) -> tuple[list[str], str | None]:
    """The lines of the article (see the module docstring) and its headline (the line repeating the
    title, when one does); ``lines`` unchanged when the page's language has no stop list or no
    region of good text is found."""
    stoplist = _stoplist(language)
    if stoplist is None or not lines:
        return lines, None
    got = classify(lines, stoplist)
    if got is None:
        return lines, None
    alone, revised = got
    # lines the static chrome rules know (cookie notices, newsletter invitations, copyright) are bad
    alone = ["bad" if c != "bad" and chrome_category(ln) else c for ln, c in zip(lines, alone, strict=True)]
    i, j, _ = best_region(alone, lines)
    if j < i:
        return lines, None
    # the article follows the page's own headline: the first stretch of good text after the last
    # line before the end of the best stretch that repeats the title, when it holds enough text
    heads = headline_lines(lines)
    before = [a for a in heads if a <= j]
    if before:
        i2, j2, score = first_region(alone, lines, before[-1] + 1)
        if j2 >= i2 and score >= MIN_ARTICLE:
            i, j = i2, j2
    anchor = max([a for a in heads if a < i], default=0)
    header = lines[max(anchor, i - HEADER_LINES) : i]
    if anchor and i - HEADLINE_REACH <= anchor < i - HEADER_LINES:  # the headline, a few lines up
        header = [lines[anchor], *header]
    body = [ln for ln, c in zip(lines[i : j + 1], revised[i : j + 1], strict=True)
            if c == "good" and (is_sentence(ln) or len(ln.split()) >= LONG_WORDS)]
    headline = lines[anchor] if anchor and i - HEADLINE_REACH <= anchor else None
    return (header + body, headline) if body else (lines, None)
