"""Issue 16: the product as an analyst uses it, in chromium: article -> actor -> events -> map -> quotes
-> CSV, at 1400 px and at 390 px (a phone), with a screenshot of every page.

Also a script: ``python tests/web/test_walk.py --db STORE --out docs/img/web`` walks a store of your own
and writes the screenshots docs/web.md shows."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.slow]

WIDTHS = {"desktop": (1400, 900), "phone": (390, 844)}
PAGES = ("overview", "search", "article", "actor", "events", "map", "quotes", "network", "timeline")


OVERFLOWING = """() => [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right >
    window.innerWidth + 1 && !e.closest('.table-wrap, .leaflet-container, #network-graph, .sr-only'))
    .slice(0, 5).map(e => e.tagName + '#' + e.id + '.' + e.className + ' ' + (e.textContent || '').slice(0, 60))"""


def fits(page) -> bool | list:
    """Nothing makes the page scroll sideways (else: the elements that stick out)."""
    if page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth + 1"):
        return True
    return page.evaluate(OVERFLOWING) or False


def shot(page, out: Path | None, name: str, width: int) -> None:
    if out is not None:
        page.screenshot(path=str(out / f"{name}-{width}.png"), full_page=False)


def walk(page, base: str, out: Path | None, width: int, article: str) -> dict:
    """The walk; returns what it saw (for the test's assertions)."""
    seen: dict = {"fits": {}}

    def step(name: str) -> None:
        page.wait_for_load_state("networkidle")
        seen["fits"][name] = fits(page)
        shot(page, out, name, width)

    page.goto(f"{base}/")
    assert page.locator("#store-summary").inner_text()
    step("overview")
    page.goto(f"{base}/search?q=nuclear")
    step("search")
    # 1. an article, with its own URL and a way to its actors
    page.goto(f"{base}/articles/{article}")
    step("article")
    actor_link = page.locator('#events-table a[href*="/actors/"]').first
    seen["actor_name"] = actor_link.inner_text()
    actor_link.click()
    # 2. the actor's page is a hub: its events, quotes, articles
    page.wait_for_url(re.compile(r"/actors/\d+$"))
    seen["actor_id"] = page.url.rsplit("/", 1)[1]
    seen["actor_events"] = int(page.locator("#actor-events strong").inner_text())
    # the pair rows of each side add up to the number of events with the actor on that side
    seen["side_rows"] = page.evaluate("""() => ['#acts-on', '#acted-on-by'].map(id =>
        [...document.querySelectorAll(id + ' tbody tr')].map(tr => +tr.cells[2].textContent).reduce((a, b) => a + b, 0))""")
    seen["side_totals"] = [page.request.get(f"{base}/api/events?{side}={seen['actor_id']}&limit=1").json()["total"]
                           for side in ("source", "target")]
    seen["first_seen"] = page.locator("#actor-summary").inner_text()
    step("actor")
    page.locator("#actor-events").click()
    # 3. the actor's events
    page.wait_for_url(re.compile(r"/events\?actor=\d+"))
    seen["events_rows"] = page.locator("#events-list tbody tr").count()
    seen["events_total"] = int(re.sub(r"\D", "", page.locator("h1 .muted").inner_text()))
    step("events")
    page.locator("#to-map").click()
    # 4. the same events on the map: basemap drawn from the package, points that open their events
    page.wait_for_url(re.compile(r"/map\?"))
    page.wait_for_function("() => window.datelineMap && document.getElementById('map').dataset.basemapLoaded")
    seen["countries"] = int(page.locator("#map").get_attribute("data-basemap-loaded"))
    seen["points"] = page.evaluate("() => window.datelineMap.points.getLayers().length")
    if seen["points"]:
        page.evaluate("""() => new Promise(done => { const pts = window.datelineMap.points;
            const m = pts.getLayers()[0]; pts.zoomToShowLayer(m, () => { m.openPopup(); done(); }); })""")
        page.locator(".map-popup li").first.wait_for()
        seen["popup_evidence"] = page.locator(".map-popup .evidence").first.inner_text()
        seen["popup_link"] = page.locator(".map-popup li a").first.get_attribute("href")
    step("map")
    # 5. quotes, from the navigation (the collapsed menu on a phone)
    if width < 700:
        assert not page.locator("header nav").is_visible()
        page.locator(".nav-button").click()
    page.locator("header nav a", has_text="Quotes").click()
    page.wait_for_url(re.compile(r"/quotes$"))
    seen["quotes_total"] = int(re.sub(r"\D", "", page.locator("h1 .muted").first.inner_text()))
    seen["quote_items"] = page.locator("#quotes-list > li").count()
    step("quotes")
    # 6. the CSV of what the page shows
    with page.expect_download() as dl:
        page.locator("a.download").first.click()
    seen["csv"] = list(csv.DictReader(io.StringIO(Path(dl.value.path()).read_text("utf-8"))))
    page.goto(f"{base}/network")
    page.wait_for_function("() => window.datelineNetwork !== undefined")
    step("network")
    page.goto(f"{base}/timeline")
    step("timeline")
    return seen


@pytest.mark.parametrize("device", list(WIDTHS))
def test_the_analyst_walk(browser, server, sample_article, artifacts_dir, device):
    width, height = WIDTHS[device]
    ctx = browser.new_context(viewport={"width": width, "height": height}, accept_downloads=True)
    page = ctx.new_page()
    page.set_default_timeout(15_000)
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    hosts: set[str] = set()
    page.on("request", lambda req: hosts.add(req.url.split("/")[2]))
    out = artifacts_dir / "walk"
    out.mkdir(exist_ok=True)
    seen = walk(page, server, out, width, sample_article)
    ctx.close()
    assert not errors
    assert hosts == {server.split("/")[2]}  # everything (basemap, scripts) comes from the server itself
    assert all(v is True for v in seen["fits"].values()), seen["fits"]  # no page scrolls sideways
    assert seen["actor_events"] == seen["events_total"] >= seen["events_rows"] > 0
    assert seen["side_rows"] == seen["side_totals"] and sum(seen["side_totals"]) >= seen["actor_events"]
    assert re.search(r"first seen \d{4}-\d{2}-\d{2} · last seen \d{4}-\d{2}-\d{2}", seen["first_seen"])
    assert seen["countries"] > 150  # Natural Earth's countries were drawn
    assert seen["points"] > 0 and seen["popup_evidence"].strip() and "/articles/" in seen["popup_link"]
    assert seen["quotes_total"] == len(seen["csv"]) >= seen["quote_items"] > 0
    assert {"quote_id", "article_id", "speaker_name", "text", "kind"} <= set(seen["csv"][0])
    for name in PAGES:
        assert (out / f"{name}-{width}.png").stat().st_size > 5_000


def main(argv: list[str] | None = None) -> int:
    """Walk a store of your own and write the screenshots (docs/img/web)."""
    import argparse
    import socket
    import threading
    import time

    import uvicorn
    from playwright.sync_api import sync_playwright

    from dateline.api import create_app
    from dateline.config import Config
    from dateline.query import articles

    ap = argparse.ArgumentParser()
    ap.add_argument("--db", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--article", help="the article to start from (default: the newest with events and a place)")
    args = ap.parse_args(argv)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    srv = uvicorn.Server(uvicorn.Config(create_app(Config(db=args.db)), host="127.0.0.1", port=port,
                                        log_level="warning"))
    threading.Thread(target=srv.run, daemon=True).start()
    while not srv.started:
        time.sleep(0.05)
    article = args.article
    if not article:
        from dateline.store import open_store

        with open_store(args.db, readonly=True) as store:
            row = store.conn.execute(
                "SELECT e.article_id FROM events e WHERE e.lat IS NOT NULL AND e.source_actor IS NOT NULL"
                " GROUP BY e.article_id ORDER BY count(*) DESC LIMIT 1").fetchone()
            article = row[0] if row else articles(store, limit=1)[0]["id"]
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--headless", "--no-sandbox"])
        for width, height in WIDTHS.values():
            ctx = b.new_context(viewport={"width": width, "height": height}, accept_downloads=True)
            seen = walk(ctx.new_page(), f"http://127.0.0.1:{port}", out, width, article)
            print(width, {k: v for k, v in seen.items() if k != "csv"}, "csv rows", len(seen["csv"]))
            ctx.close()
        b.close()
    srv.should_exit = True
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
