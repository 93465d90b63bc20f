"""The page's own metadata on the Zyte pages: URL, headline, publication date and byline.

The Zyte benchmark gives a gold ``url`` per page, but no headline, date or byline. Those are taken
from what the publisher declares in the page, by fixed rules that read the HTML and never ask any
extractor (so no system scored here is graded against its own output):

* **headline**: the first ``<h1>`` whose text is one of the publisher's declared titles (JSON-LD
  ``headline`` / ``name`` of an article object, ``og:title``, ``twitter:title``, ``<title>``) or a
  part of one of them split at a separator (" | ", " - ", ...); when no ``<h1>`` agrees, the JSON-LD
  ``headline``; otherwise the page has no headline gold.
* **date**: the day of the JSON-LD ``datePublished`` of an article object, else of the
  ``article:published_time`` / ``itemprop=datePublished`` / ``pubdate`` / ``date`` meta tags
  (placeholders before 1990 are no date). A timestamp declared in UTC ("Z", "+00:00") does not say
  the publisher's local day: the day before (a UTC time before 12:00) or after (from 10:00 on) is
  right too, as a zone from UTC-12 to UTC+14 would print it.
* **byline**: the names of the JSON-LD ``author`` objects of an article (persons; an organisation as
  author means "no personal byline", an empty list), else the ``author`` meta tag.

Matching: a headline is right when equal after Unicode normalisation (NFKC, straight quotes and
dashes, whitespace collapsed, case folded); a date when it is the same day; a byline when the sets
of personal names are equal. Gold and predictions go through the same small normaliser
(``person_names``): split at commas, semicolons, "|", "&" and "and"; "By" dropped; a piece that
names an organisation, a desk or a role (a word such as Press, Reuters, Staff, Writer, Media, a web
domain) or is one word is not a person; names compare by first and last word, case folded. A page
whose declared author is only an organisation has gold "no personal byline". ``url`` is right
when equal to the benchmark's gold URL ignoring the scheme, a ``www.`` prefix and a trailing slash.
Pages are read as ``dateline ingest page.html`` reads a local file: no URL is given.

Systems: dateline's clean stage; trafilatura (``bare_extraction`` with metadata, default settings);
newspaper4k (``Article.download(input_html=...)``, ``parse()``). Scores are given on the development
pages and on the held-back fifth (``splits.is_held_back("zyte-meta", page id)``) side by side.

    python -m dateline.evaluation.metadata [--shared ../shared] [--show FIELD]
"""

from __future__ import annotations

import argparse
import html as html_lib
import json
import re
import sys
import time
import unicodedata
import warnings
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import urlsplit

from lxml import html as lxml_html

from dateline.clean import clean_batch
from dateline.config import Config
from dateline.evaluation.extraction import load as load_zyte
from dateline.evaluation.splits import is_held_back
from dateline.types import CleanDocument, InputRef, RawDocument

CORPUS = "zyte-meta"
FIELDS = ("url", "headline", "date", "byline")
ARTICLE_TYPES = {"article", "newsarticle", "reportagenewsarticle", "blogposting", "analysisnewsarticle",
                 "opinionnewsarticle", "backgroundnewsarticle", "webpage", "report", "socialmediaposting",
                 "liveblogposting", "techarticle", "scholarlyarticle", "reviewnewsarticle"}
_SEPARATORS = re.compile(r"\s+(?:\||-|–|—|::|·|•|:)\s+")
_QUOTES = str.maketrans({"‘": "'", "’": "'", "‚": "'", "‛": "'", "“": '"', "”": '"', "„": '"', "‟": '"',
                         "–": "-", "—": "-", "‐": "-", "‑": "-", "\u00a0": " "})


def norm(text: str | None) -> str:
    t = unicodedata.normalize("NFKC", text or "").translate(_QUOTES)
    return " ".join(t.split()).casefold().strip(" .")


def _squash(text: str | None) -> str:
    return re.sub(r"\W+", "", norm(text))


def _tree(html: str):
    try:
        return lxml_html.fromstring(html)
    except Exception:  # noqa: BLE001 - an unreadable page has no gold
        return None


def _ld_objects(tree) -> list[dict]:
    """Every JSON-LD object of the page (graphs and lists flattened)."""
    out: list[dict] = []

    def walk(x) -> None:
        if isinstance(x, list):
            for y in x:
                walk(y)
        elif isinstance(x, dict):
            out.append(x)
            walk(x.get("@graph") or [])

    for script in tree.xpath('//script[@type="application/ld+json"]/text()'):
        try:
            walk(json.loads(script.strip().rstrip(";"), strict=False))
        except ValueError:
            continue
    return out


def _types(obj: dict) -> set[str]:
    t = obj.get("@type") or []
    return {str(x).casefold() for x in (t if isinstance(t, list) else [t])}


def _articles(tree) -> list[dict]:
    objs = _ld_objects(tree)
    strict = [o for o in objs if _types(o) & (ARTICLE_TYPES - {"webpage"})]
    return strict or [o for o in objs if _types(o) & ARTICLE_TYPES]


def _meta(tree, *selectors: str) -> list[str]:
    vals = []
    for sel in selectors:
        vals += [v.strip() for v in tree.xpath(f"//meta[{sel}]/@content") if v and v.strip()]
    return vals


def _site_keys(tree, articles: list[dict]) -> set[str]:
    names = _meta(tree, '@property="og:site_name"', '@name="application-name"', '@name="apple-mobile-web-app-title"')
    for o in articles:
        pub = o.get("publisher")
        if isinstance(pub, dict) and isinstance(pub.get("name"), str):
            names.append(pub["name"])
    return {_squash(n) for n in names if _squash(n)}


def gold_headline(tree, articles: list[dict]) -> str | None:
    declared = [str(o.get(k)) for o in articles for k in ("headline", "name") if isinstance(o.get(k), str)]
    declared += _meta(tree, '@property="og:title"', '@name="twitter:title"', '@property="twitter:title"')
    declared += [" ".join(t.text_content().split()) for t in tree.xpath("//title")]
    declared = [html_lib.unescape(d) for d in declared]
    sites = _site_keys(tree, articles)
    keys = set()
    for d in declared:
        keys.add(_squash(d))
        keys.update(_squash(p) for p in _SEPARATORS.split(d) if len(p.split()) >= 3)
    keys -= sites | {""}
    matching = []
    for h1 in tree.xpath("//h1"):
        text = " ".join(html_lib.unescape(h1.text_content()).split())
        if text and _squash(text) in keys:
            matching.append(text)
    if matching:
        return max(matching, key=len)
    heads = [html_lib.unescape(str(o["headline"])) for o in articles
             if isinstance(o.get("headline"), str) and o["headline"].strip()]
    return " ".join(heads[0].split()) if heads else None


_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_UTC_TIME = re.compile(r"\d{4}-\d{2}-\d{2}[T ](\d{2}):\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]00:?00)$")


def _day(value) -> str | None:
    m = _DAY.search(str(value or ""))
    return "-".join(m.groups()) if m else None


def _days(value) -> list[str] | None:
    """The declared day (first) and, for a UTC timestamp, the local days it may stand for."""
    day = _day(value)
    if not day or day < "1990":
        return None
    out = [day]
    m = _UTC_TIME.search(str(value).strip())
    if m:
        hour, d = int(m.group(1)), date.fromisoformat(day)
        if hour < 12:
            out.append((d - timedelta(days=1)).isoformat())
        if hour >= 10:
            out.append((d + timedelta(days=1)).isoformat())
    return out


def gold_date(tree, articles: list[dict]) -> list[str] | None:
    for o in articles:
        d = _days(o.get("datePublished"))
        if d:
            return d
    for v in _meta(tree, '@property="article:published_time"', '@itemprop="datePublished"', '@name="pubdate"',
                   '@name="date"', '@name="publishdate"', '@name="parsely-pub-date"'):
        d = _days(v)
        if d:
            return d
    return None


def _author_names(value) -> list[str] | None:
    """Names of persons in a JSON-LD ``author`` value; [] when it names only organisations."""
    items = value if isinstance(value, list) else [value]
    names: list[str] = []
    orgs = 0
    for a in items:
        if isinstance(a, str) and a.strip():
            names.append(a.strip())
        elif isinstance(a, dict):
            if _types(a) & {"organization", "newsmediaorganization", "corporation"}:
                orgs += 1
            elif isinstance(a.get("name"), str) and a["name"].strip():
                names.append(a["name"].strip())
    if names:
        return names
    return [] if orgs else None


def gold_byline(tree, articles: list[dict]) -> list[str] | None:
    for o in articles:
        if "author" in o:
            names = _author_names(o["author"])
            if names is not None:
                return names
    metas = [v for v in _meta(tree, '@name="author"') if "http" not in v and "@" not in v]
    return [metas[0]] if metas else None


def gold_of(html: str) -> dict:
    tree = _tree(html)
    if tree is None:
        return {"headline": None, "date": None, "byline": None}
    articles = _articles(tree)
    return {"headline": gold_headline(tree, articles), "date": gold_date(tree, articles),
            "byline": gold_byline(tree, articles)}


NOT_PERSON = frozenset("""
press reuters ap afp pti ians ani upi dpa efe xinhua bloomberg news staff reports report media writer writers
editor editors correspondent reporter reporters business international insider associated agency team desk
admin administrator coordenadoria wire service services bureau contributor contributors online digital
newsroom network group magazine times post journal daily herald tribune science columnist analyst com net org
""".split())
_PIECES = re.compile(r"\s*(?:,|;|\||&|\band\b|(?<=\w\w)\.\s)\s*", re.I)
_BY = re.compile(r"^(?:analysis|commentary|opinion|story|words|text)?\s*by\s+", re.I)


def person_names(value) -> frozenset[str]:
    """The personal names in a byline (a string or a list), as "first last" keys (see the module doc)."""
    if value is None:
        return frozenset()
    items = [value] if isinstance(value, str) else list(value)
    out = set()
    for item in items:
        for piece in _PIECES.split(str(item or "")):
            piece = _BY.sub("", piece.strip())
            low = norm(piece)
            words = re.findall(r"[^\W\d_]+", low)
            if len(words) < 2 or len(words) > 5 or re.search(r"\w\.(?:com|org|net|in|co)\b", low):
                continue
            if any(w in NOT_PERSON for w in words):
                continue
            out.add(f"{words[0]} {words[-1]}")
    return frozenset(out)


def url_key(url: str | None) -> str:
    if not url:
        return ""
    p = urlsplit(url.strip())
    host = (p.hostname or "").removeprefix("www.")
    return f"{host}{p.path.rstrip('/')}{'?' + p.query if p.query else ''}"


def right(field: str, pred, gold) -> bool:
    if field == "url":
        return bool(pred) and url_key(pred) == url_key(gold)
    if field == "headline":
        return bool(pred) and norm(pred) == norm(gold)
    if field == "date":
        return _day(pred) in gold
    return person_names(pred) == person_names(gold)


# -- the systems ---------------------------------------------------------------------


def run_dateline(keys: list[str], html: dict[str, str], config: Config) -> dict[str, dict]:
    raws = [RawDocument(InputRef(path=f"{k}.html", format="html"), html[k], "html", k) for k in keys]
    out = {}
    size = max(1, config.batch_size)
    for i in range(0, len(raws), size):
        for k, res in zip(keys[i:i + size], clean_batch(raws[i:i + size], config), strict=True):
            ok = isinstance(res, CleanDocument)
            out[k] = {"url": res.url if ok else None, "headline": res.headline if ok else None,
                      "date": res.published if ok else None, "byline": res.byline if ok else None}
    return out


def run_trafilatura(keys: list[str], html: dict[str, str]) -> dict[str, dict]:
    import trafilatura  # deferred: trafilatura takes ~0.6 s to import: HTML pages only

    out = {}
    for k in keys:
        doc = trafilatura.bare_extraction(html[k], with_metadata=True)
        out[k] = {"url": getattr(doc, "url", None), "headline": getattr(doc, "title", None),
                  "date": getattr(doc, "date", None), "byline": getattr(doc, "author", None)} if doc else {}
    return out


def run_newspaper(keys: list[str], html: dict[str, str]) -> dict[str, dict]:
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="nltk is not installed")
        import newspaper  # deferred: newspaper4k takes ~1 s to import: HTML pages only

    out = {}
    for k in keys:
        try:
            # no network: images are not fetched (newspaper4k would try, and wait for each one)
            a = newspaper.Article("http://localhost/", fetch_images=False, memorize_articles=False)
            a.download(input_html=html[k])
            a.parse()
            out[k] = {"url": a.canonical_link or None, "headline": a.title or None,
                      "date": a.publish_date.date().isoformat() if a.publish_date else None,
                      "byline": list(a.authors or [])}
        except Exception:  # noqa: BLE001 - a page it cannot parse scores as empty
            out[k] = {}
    return out


SYSTEMS = ("dateline", "trafilatura", "newspaper4k")


def score(keys: list[str], gold: dict[str, dict], preds: dict[str, dict[str, dict]]) -> dict:
    """``{split: {field: {"n": pages with gold, system: share right}}}`` for dev, held and all."""
    out: dict[str, dict] = {}
    for split in ("dev", "held", "all"):
        chosen = [k for k in keys if split == "all" or (split == "held") == is_held_back(CORPUS, k)]
        per_field = {}
        for field in FIELDS:
            have = [k for k in chosen if gold[k].get(field) is not None]
            row = {"n": len(have)}
            for system in preds:
                hits = sum(right(field, preds[system].get(k, {}).get(field), gold[k][field]) for k in have)
                row[system] = round(hits / len(have), 4) if have else 0.0
            per_field[field] = row
        out[split] = per_field
    return out


def load(shared: Path) -> tuple[list[str], dict[str, str], dict[str, dict]]:
    truth, html, _ = load_zyte(shared)
    keys = sorted(truth)
    gold = {k: {**gold_of(html[k]), "url": truth[k]["url"]} for k in keys}
    return keys, html, gold


def evaluate(shared: Path, config: Config | None = None) -> dict:
    config = config or Config()
    keys, html, gold = load(shared)
    preds, seconds = {}, {}
    for system, run in (("dateline", lambda: run_dateline(keys, html, config)),
                        ("trafilatura", lambda: run_trafilatura(keys, html)),
                        ("newspaper4k", lambda: run_newspaper(keys, html))):
        t0 = time.perf_counter()
        preds[system] = run()
        seconds[system] = time.perf_counter() - t0
    scores = score(keys, gold, preds)
    lines = ["| field | split | pages with gold | dateline | trafilatura | newspaper4k |", "| --- | --- | --- | --- | --- | --- |"]
    for field in FIELDS:
        for split in ("dev", "held"):
            r = scores[split][field]
            best = max(r["trafilatura"], r["newspaper4k"])
            mark = "**" if r["dateline"] >= best else ""
            lines.append(f"| {field} | {split} | {r['n']} | {mark}{r['dateline']:.3f}{mark} | {r['trafilatura']:.3f} |"
                         f" {r['newspaper4k']:.3f} |")
    md = (f"## Page metadata (Zyte pages: URL, headline, date, byline)\n\nGold: the benchmark's `url`; headline, "
          f"date and byline as the publisher declares them in the page (rules in `dateline/evaluation/metadata.py`)."
          f" Share of pages right among those with gold; bold where dateline is at least as good as the better "
          f"library. Time: dateline {seconds['dateline']:.1f} s, trafilatura {seconds['trafilatura']:.1f} s, "
          f"newspaper4k {seconds['newspaper4k']:.1f} s.\n\n" + "\n".join(lines) + "\n")
    metrics = {f"{f}_accuracy": scores["all"][f]["dateline"] for f in FIELDS}
    metrics |= {f"{f}_held": scores["held"][f]["dateline"] for f in FIELDS}
    metrics |= {f"{f}_best_library": max(scores["all"][f]["trafilatura"], scores["all"][f]["newspaper4k"])
                for f in FIELDS}
    return {"name": "metadata", "title": "Page metadata (Zyte pages)", "markdown": md, "metrics": metrics,
            "floors": {k: round(v - 0.01, 3) for k, v in metrics.items() if k.endswith("_accuracy")},
            "scores": scores, "preds": preds,
            "gold": gold}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m dateline.evaluation.metadata")
    ap.add_argument("--shared", default=str(Path(__file__).resolve().parents[2].parent / "shared"))
    ap.add_argument("--show", choices=FIELDS, help="print the development pages where dateline is wrong")
    args = ap.parse_args(argv)
    res = evaluate(Path(args.shared), Config())
    print(res["markdown"])
    if args.show:
        f = args.show
        for k, g in res["gold"].items():
            if g.get(f) is None or is_held_back(CORPUS, k):
                continue
            ours = res["preds"]["dateline"].get(k, {}).get(f)
            if not right(f, ours, g[f]):
                others = {s: res["preds"][s].get(k, {}).get(f) for s in ("trafilatura", "newspaper4k")}
                print(f"{k[:10]} gold={g[f]!r}\n  dateline={ours!r}\n  " +
                      "  ".join(f"{s}={v!r}" for s, v in others.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
