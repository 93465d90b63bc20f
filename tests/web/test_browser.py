"""The web UI in a real browser (Debian's chromium via Playwright): search, article highlights,
timeline and network rendering, and untrusted text that must never execute."""

from __future__ import annotations

import re

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.slow]

# JS: how many pixels of the canvases inside ``sel`` are painted (non-transparent)
PAINTED = """(sel) => {
  let n = 0;
  for (const c of document.querySelectorAll(sel)) {
    const ctx = c.getContext('2d');
    if (!ctx || !c.width || !c.height) continue;
    const d = ctx.getImageData(0, 0, c.width, c.height).data;
    for (let i = 3; i < d.length; i += 4) if (d[i] > 0) n++;
  }
  return n;
}"""


def test_search_with_facets(page, server, sample_article, artifacts_dir):
    doc = page.request.get(f"{server}/api/articles/{sample_article}").json()
    word = max(doc["body"].split(), key=len).strip(".,;:\"'()“”’")
    page.goto(f"{server}/search")
    page.fill("#search-form input[name=q]", word)
    page.click("#search-form button[type=submit]")
    page.wait_for_url(re.compile(r"q="))
    hits = page.locator("#results > li")
    assert hits.count() >= 1
    assert page.locator("#results mark").first.inner_text().lower() == word.lower()
    facet = page.locator("#facet-type a").first
    chosen = facet.inner_text()
    facet.click()
    page.wait_for_url(re.compile(r"type=" + chosen))
    assert page.locator("#facet-type a.active").inner_text() == chosen
    assert page.locator("#results > li").count() >= 1
    page.screenshot(path=str(artifacts_dir / "web-search.png"), full_page=True)
    assert not page.js_errors


def test_article_highlights(page, server, sample_article, artifacts_dir):
    page.goto(f"{server}/articles/{sample_article}")
    body = page.locator("#article-body")
    for cls in ("hl-event", "hl-quote", "hl-actor"):
        assert body.locator(f".{cls}").count() > 0, cls
    style = page.evaluate("""() => {
      const get = (s) => getComputedStyle(document.querySelector('#article-body ' + s));
      return { ev: get('.hl-event').backgroundColor, q: get('.hl-quote').backgroundColor,
               qb: get('.hl-quote').borderLeftWidth, a: get('.hl-actor').fontWeight };
    }""")
    assert style["ev"] != style["q"] and style["qb"] != "0px" and int(style["a"]) >= 600
    # the speaker shows on keyboard focus (and on hover) as the quote's ::after content
    quote = body.locator(".hl-quote").first
    quote.focus()
    shown = page.evaluate("(el) => getComputedStyle(el, '::after').content", quote.element_handle())
    assert shown.strip('"') == quote.get_attribute("data-speaker") and "quote" in shown
    # the events table links to the highlighted evidence
    first = page.locator("#events-table tbody tr a").first
    target = first.get_attribute("href")
    first.click()
    assert page.locator(f"#article-body {target}").count() == 1
    assert page.locator("#wire-meta").inner_text().count("2011-11-10") >= 1
    page.screenshot(path=str(artifacts_dir / "web-article.png"), full_page=True)
    assert not page.js_errors


def test_timeline_chart_renders(page, server, artifacts_dir):
    page.goto(f"{server}/timeline")
    page.wait_for_function("() => window.datelineTimeline !== undefined")
    assert page.evaluate(PAINTED, "#timeline-chart") > 1000
    total = page.evaluate("() => window.datelineTimeline.data.datasets.flatMap(d => d.data).reduce((a, b) => a + b, 0)")
    assert total == int(page.locator("#timeline-summary").inner_text().split()[0]) > 0
    page.screenshot(path=str(artifacts_dir / "web-timeline.png"), full_page=True)
    assert not page.js_errors


def test_network_renders_and_edge_click_lists_events(page, server, artifacts_dir):
    page.goto(f"{server}/network")
    page.wait_for_function("() => window.datelineNetwork !== undefined")
    page.wait_for_timeout(300)
    n_nodes = page.evaluate("() => window.datelineNetwork.nodes().length")
    assert n_nodes == len(page.evaluate("() => JSON.parse(document.getElementById('network-data').textContent).nodes"))
    assert n_nodes > 1
    assert page.evaluate(PAINTED, "#network-graph canvas") > 500
    # click the heaviest edge where it is drawn
    pos = page.evaluate("""() => {
      const cy = window.datelineNetwork;
      const e = cy.edges().max(x => x.data('n')).ele;
      const m = e.renderedMidpoint(); const r = cy.container().getBoundingClientRect();
      return { x: r.left + m.x, y: r.top + m.y, n: e.data('n') };
    }""")
    page.mouse.click(pos["x"], pos["y"])
    items = page.locator("#edge-event-list > li")
    items.first.wait_for()
    assert items.count() == pos["n"]
    assert items.first.locator("p.evidence").inner_text().strip()
    assert "/articles/" in items.first.locator("a").get_attribute("href")
    page.screenshot(path=str(artifacts_dir / "web-network.png"), full_page=True)
    assert not page.js_errors


def test_untrusted_text_never_executes(page, server, xss_article, artifacts_dir):
    doc = page.request.get(f"{server}/api/articles/{xss_article}").json()
    # the payloads really are in the stored title and body (else this test would prove nothing)
    assert "<script>" in doc["headline"] and "onerror=" in doc["headline"]
    assert "<script>" in doc["body"] and "javascript:" in doc["body"] and "onerror=" in doc["body"]
    checks = """() => ({
      pwned: window.__pwned === undefined ? null : window.__pwned,
      title: document.title,
      scripts: [...document.scripts].filter(s => !s.src || !new URL(s.src).pathname.startsWith('/static/')
                                            ).filter(s => s.type !== 'application/json').length,
      injected: document.querySelectorAll('main img, main svg, main iframe, a[href^="javascript:"], [onerror], [onload]').length,
    })"""
    for path in (f"/articles/{xss_article}", "/search?q=minister+warns", "/network", "/actors"):
        page.goto(server + path)
        page.wait_for_timeout(200)
        state = page.evaluate(checks)
        assert state["pwned"] is None, (path, state)
        assert state["title"] != "pwned" and state["title"].endswith(" · dateline")  # not rewritten by a payload
        assert state["scripts"] == 0 and state["injected"] == 0, (path, state)
    page.goto(f"{server}/articles/{xss_article}")
    assert "<script>window.__pwned=1</script>" in page.locator("#headline").inner_text()
    assert page.title() == f"{doc['headline']} · dateline"  # shown as text, tags and all
    text = page.locator("#article-body").inner_text()
    assert '<img src=x onerror="window.__pwned=3">' in text and '<a href="javascript:window.__pwned=4">' in text
    page.screenshot(path=str(artifacts_dir / "web-xss.png"), full_page=True)
    assert not page.js_errors


def test_api_docs_page_runs_from_vendored_files(page, server, artifacts_dir):
    hosts = set()
    page.on("request", lambda req: hosts.add(req.url.split("/")[2]))
    page.goto(f"{server}/docs")
    page.locator("#swagger-ui .opblock-summary-path").first.wait_for()
    paths = page.locator("#swagger-ui .opblock-summary-path").all_inner_texts()
    assert "/api/events" in " ".join(paths)
    assert hosts == {server.split("/")[2]}  # nothing fetched from another host
    page.screenshot(path=str(artifacts_dir / "web-docs.png"))
    assert not page.js_errors
