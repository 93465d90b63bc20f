"""Static assets: served from the package (no CDN), vendored files match VENDORED.md."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import dateline.web

STATIC = Path(dateline.web.__file__).parent / "static"
TEMPLATES = Path(dateline.web.__file__).parent / "templates"


def test_vendored_files_match_their_recorded_hashes():
    # VENDORED.md: the charts and API docs; vendor/VENDORED-MAP.md: the map (scripts/vendor_map.sh)
    table = (STATIC / "VENDORED.md").read_text("utf-8") + (STATIC / "vendor" / "VENDORED-MAP.md").read_text("utf-8")
    rows = re.findall(r"\| `(vendor/[^`]+\.(?:js|css|json))` \| `([^`]+)` \| ([\d.]+) \| ([\w.-]+)[^|]*\|[^|]*\|"
                      r" `([0-9a-f]{64})` \|", table)
    assert len(rows) >= 11
    for path, _pkg, _version, licence, digest in rows:
        data = (STATIC / path).read_bytes()
        assert hashlib.sha256(data).hexdigest() == digest, path
        assert licence in ("MIT", "Apache-2.0", "BSD-2-Clause", "ISC")
    listed = {r[0] for r in rows}
    shipped = {str(p.relative_to(STATIC)) for ext in ("*.js", "*.css", "*.json")
               for p in (STATIC / "vendor").rglob(ext)}
    assert shipped == listed


def test_the_basemap_ships_in_the_package():
    import json

    topo = json.loads((STATIC / "vendor" / "world-atlas" / "countries-110m.json").read_text("utf-8"))
    assert topo["type"] == "Topology" and len(topo["objects"]["countries"]["geometries"]) > 170
    for lic in ("leaflet/LICENSE", "leaflet.markercluster/MIT-LICENCE.txt", "topojson-client/LICENSE",
                "world-atlas/LICENSE"):
        assert (STATIC / "vendor" / lic).stat().st_size > 100, lic


def test_templates_load_nothing_from_other_hosts():
    for tpl in TEMPLATES.glob("*.html"):
        text = tpl.read_text("utf-8")
        assert not re.search(r'(src|href)="(https?:)?//', text), tpl.name
        assert "<script>" not in text.replace('<script type="application/json"', ""), tpl.name  # no inline JS


def test_static_files_are_served(web_client):
    for path in ("/static/app.css", "/static/timeline.js", "/static/network.js", "/static/docs.js", "/static/map.js",
                 "/static/watch.js", "/static/vendor/leaflet/leaflet.js", "/static/vendor/world-atlas/countries-110m.json",
                 "/static/vendor/chartjs/chart.umd.min.js", "/static/vendor/cytoscape/cytoscape.min.js"):
        r = web_client.get(path)
        assert r.status_code == 200 and len(r.content) > 300, path
