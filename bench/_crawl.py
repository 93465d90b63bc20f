"""Crawl archives built from pages in ../shared (no download): WARC and WET files for the Spark
benchmark, the identity checks and the WET cleaning measurement (issue 17).

    .venv/bin/python scripts/build_crawl_archives.py --out DIR [--shared ../shared]

* ``zyte.warc.gz``: the 181 Zyte benchmark pages (``eval/extraction/zyte/html``) as HTTP
  ``response`` records at their own URLs, then 12 exact duplicates (the same payload at another
  URL), 12 near-duplicates (a paragraph of the gold body edited, one added), a 404, an image, a
  record whose HTTP header is garbage, and a last record cut short (the archive truncated).
* ``zyte.wet.gz``: the same 181 pages as a crawl's WET file holds them: ``conversion`` records of
  the page's visible text (``page_text``: every text node outside scripts and styles, one line
  per block element, the title first), menus, footers and related links included.
* ``crawl-1000.warc.gz``: ``n`` distinct records for throughput, the PolNeAR train articles as
  ``text/plain`` responses and then the Zyte pages as ``text/html`` (1,021 by default).

Deterministic: the same files every time (fixed record ids and dates).
"""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import re
from pathlib import Path

BLOCKS = frozenset(
    "address article aside blockquote body br dd details dialog div dl dt fieldset figcaption figure footer form "
    "h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section summary table tbody td tfoot th thead tr ul "
    "option select button label caption".split())
SKIP = frozenset("script style noscript template svg head iframe object canvas math".split())
CRAWL_DATE = "2019-11-20T12:00:00Z"


def page_text(html: str) -> str:
    """The visible text of an HTML page, as WET conversion records carry it: the title on the first
    line, then every text node outside scripts and styles, a line break at each block element,
    spaces collapsed, blank lines dropped."""
    import lxml.html

    try:
        root = lxml.html.document_fromstring(html)
    except Exception:  # an empty or broken page: no text
        return ""
    title = " ".join((root.findtext(".//title") or "").split())
    parts: list[str] = []

    def walk(el) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag.lower() in SKIP:
            if el.tail:
                parts.append(el.tail)
            return
        block = tag.lower() in BLOCKS
        if block:
            parts.append("\n")
        if el.text and isinstance(el.tag, str):
            parts.append(el.text)
        for child in el:
            walk(child)
        if block:
            parts.append("\n")
        if el.tail:
            parts.append(el.tail)

    body = root.find("body")
    walk(body if body is not None else root)
    lines = [" ".join(ln.split()) for ln in "".join(parts).split("\n")]
    return "\n".join([title, *[ln for ln in lines if ln]] if title else [ln for ln in lines if ln])


def _rid(key: str) -> str:
    h = hashlib.sha1(key.encode()).hexdigest()
    return f"<urn:uuid:{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:32]}>"


def _writer(fh, name: str):
    from warcio.warcwriter import WARCWriter

    w = WARCWriter(fh, gzip=True)
    info = w.create_warcinfo_record(name, {"software": "dateline bench/_crawl.py", "format": "WARC/1.0"})
    info.rec_headers.replace_header("WARC-Date", CRAWL_DATE)
    info.rec_headers.replace_header("WARC-Record-ID", _rid(name))
    w.write_record(info)
    return w


def _response(w, uri: str, body: bytes, ctype: str, key: str, status: str = "200 OK"):
    from warcio.statusandheaders import StatusAndHeaders

    headers = StatusAndHeaders(status, [("Content-Type", ctype), ("Content-Length", str(len(body)))],
                               protocol="HTTP/1.1")
    return w.create_warc_record(uri, "response", payload=io.BytesIO(body), http_headers=headers,
                                warc_headers_dict={"WARC-Date": CRAWL_DATE, "WARC-Record-ID": _rid(key)})


def zyte_pages(shared: Path) -> list[tuple[str, str, str]]:
    """(key, url, html) of the 181 Zyte pages, in key order."""
    root = Path(shared) / "eval" / "extraction" / "zyte"
    gold = json.loads((root / "ground-truth.json").read_text("utf-8"))
    out = []
    for p in sorted((root / "html").glob("*.html.gz")):
        key = p.name.split(".")[0]
        out.append((key, gold[key]["url"], gzip.decompress(p.read_bytes()).decode("utf-8", "replace")))
    return out


def _edited(html: str, n: int) -> str:
    """A near-duplicate page: one paragraph's words changed, a sentence added at the end."""
    def change(m):
        words = m.group(2).split(" ")
        for i in range(0, len(words), 9):
            words[i] = words[i].upper()
        return m.group(1) + " ".join(words) + m.group(3)

    html = re.sub(r"(<p[^>]*>)([^<]{80,})(</p>)", change, html, count=1)
    return html.replace("</body>", f"<p>Copy {n}: this story was distributed by a wire service.</p></body>", 1)


def build_zyte_warc(shared: Path, path: Path, copies: int = 12) -> dict:
    pages = zyte_pages(shared)
    counts = {"pages": 0, "exact": 0, "near": 0, "bad": 0}
    buf = io.BytesIO()
    w = _writer(buf, path.name)
    for key, url, html in pages:
        w.write_record(_response(w, url, html.encode("utf-8"), "text/html; charset=utf-8", key))
        counts["pages"] += 1
    for i, (key, _url, html) in enumerate(pages[5 : 5 + copies]):  # exact copies elsewhere
        w.write_record(_response(w, f"https://mirror.example.org/{i}/{key[:12]}", html.encode("utf-8"),
                                 "text/html; charset=utf-8", key + "-exact"))
        counts["exact"] += 1
    for i, (key, _url, html) in enumerate(pages[40 : 40 + copies]):  # edited copies
        w.write_record(_response(w, f"https://syndication.example.net/{i}/{key[:12]}",
                                 _edited(html, i).encode("utf-8"), "text/html; charset=utf-8", key + "-near"))
        counts["near"] += 1
    w.write_record(_response(w, "https://www.example.com/gone", b"<html>gone</html>", "text/html", "404",
                             "404 Not Found"))
    w.write_record(_response(w, "https://www.example.com/logo.png", b"\x89PNG\r\n\x1a\n" + bytes(64), "image/png",
                             "png"))
    counts["bad"] += 2
    payload = b"\x00\x01 not HTTP at all\r\n\r\nx"
    head = (f"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://www.example.com/garbage\r\n"
            f"WARC-Date: {CRAWL_DATE}\r\nWARC-Record-ID: {_rid('garbage')}\r\n"
            f"Content-Type: application/http; msgtype=response\r\nContent-Length: {len(payload)}\r\n\r\n")
    tail = gzip.compress(head.encode() + payload + b"\r\n\r\n", mtime=0)
    cut = _member(lambda m: _response(m, "https://www.example.com/cut", pages[0][2].encode("utf-8"), "text/html",
                                      "cut"))
    path.write_bytes(buf.getvalue() + tail + cut[:-300])  # the last record is cut short
    counts["bad"] += 2
    counts["records"] = counts["pages"] + counts["exact"] + counts["near"] + counts["bad"]
    return counts


def _member(make) -> bytes:
    """One record as its own gzip member, without a warcinfo record before it."""
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    w = WARCWriter(buf, gzip=True)
    w.write_record(make(w))
    return buf.getvalue()


def build_zyte_wet(shared: Path, path: Path) -> dict:
    buf = io.BytesIO()
    w = _writer(buf, path.name)
    n = 0
    for key, url, html in zyte_pages(shared):
        text = page_text(html)
        rec = w.create_warc_record(url, "conversion", payload=io.BytesIO(text.encode("utf-8")),
                                   warc_content_type="text/plain",
                                   warc_headers_dict={"WARC-Date": CRAWL_DATE, "WARC-Record-ID": _rid(key + "-wet"),
                                                      "WARC-Refers-To": _rid(key)})
        w.write_record(rec)
        n += 1
    path.write_bytes(buf.getvalue())
    return {"records": n}


def build_throughput_warc(shared: Path, path: Path, n: int = 1021) -> dict:
    texts = sorted((Path(shared) / "eval" / "quotes" / "polnear" / "train" / "text").glob("*.txt"))
    pages = zyte_pages(shared)
    kinds = {"polnear_text": 0, "zyte_html": 0}
    buf = io.BytesIO()
    w = _writer(buf, path.name)
    for i in range(n):
        if i < len(texts):
            body, ctype, url = texts[i].read_bytes(), "text/plain; charset=utf-8", f"https://site{i % 50}.example/{i}"
            kinds["polnear_text"] += 1
        else:
            key, url, html = pages[(i - len(texts)) % len(pages)]
            body, ctype = html.encode("utf-8"), "text/html; charset=utf-8"
            kinds["zyte_html"] += 1
        w.write_record(_response(w, url, body, ctype, f"t{i}"))
    path.write_bytes(buf.getvalue())
    return {"records": n, **kinds}


def build_all(shared: Path, out: Path, n: int = 1021) -> dict:
    out.mkdir(parents=True, exist_ok=True)
    return {
        "zyte.warc.gz": build_zyte_warc(shared, out / "zyte.warc.gz"),
        "zyte.wet.gz": build_zyte_wet(shared, out / "zyte.wet.gz"),
        "crawl-1000.warc.gz": build_throughput_warc(shared, out / "crawl-1000.warc.gz", n),
    }
