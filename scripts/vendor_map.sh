#!/usr/bin/env bash
# Vendor the map's JavaScript and basemap into dateline/web/static/vendor/ from the npm registry.
#
#   bash scripts/vendor_map.sh          # re-runnable; needs npm (Debian's `npm` package) and the registry
#
# Leaflet draws the map, Leaflet.markercluster clusters its points, topojson-client turns the basemap
# (TopoJSON) into GeoJSON in the browser, and world-atlas gives the country outlines: Natural Earth's
# 1:110m admin-0 countries (public domain) as TopoJSON. Nothing is loaded from another host at run time:
# no tile server. Each file is copied unmodified from its package's tarball (`npm pack NAME@VERSION`),
# with the package's licence; the versions and SHA-256 hashes go to VENDORED-MAP.md beside the files,
# which tests/web/test_static.py checks.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
VENDOR="$ROOT/dateline/web/static/vendor"
LEAFLET=1.9.4
CLUSTER=1.5.3
TOPOJSON=3.1.0
ATLAS=2.0.2

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"
npm pack --silent "leaflet@$LEAFLET" "leaflet.markercluster@$CLUSTER" "topojson-client@$TOPOJSON" \
    "world-atlas@$ATLAS" >/dev/null
for pkg in "leaflet-$LEAFLET" "leaflet.markercluster-$CLUSTER" "topojson-client-$TOPOJSON" "world-atlas-$ATLAS"; do
  mkdir -p "$pkg" && tar xzf "$pkg.tgz" -C "$pkg"
done

copy() {  # copy SRC (inside the work dir) to vendor/DEST
  mkdir -p "$(dirname "$VENDOR/$2")"
  cp "$1" "$VENDOR/$2"
}
rm -rf "$VENDOR/leaflet" "$VENDOR/leaflet.markercluster" "$VENDOR/topojson-client" "$VENDOR/world-atlas"
copy "leaflet-$LEAFLET/package/dist/leaflet.js" leaflet/leaflet.js
copy "leaflet-$LEAFLET/package/dist/leaflet.css" leaflet/leaflet.css
copy "leaflet-$LEAFLET/package/LICENSE" leaflet/LICENSE
copy "leaflet.markercluster-$CLUSTER/package/dist/leaflet.markercluster.js" leaflet.markercluster/leaflet.markercluster.js
copy "leaflet.markercluster-$CLUSTER/package/dist/MarkerCluster.css" leaflet.markercluster/MarkerCluster.css
copy "leaflet.markercluster-$CLUSTER/package/dist/MarkerCluster.Default.css" leaflet.markercluster/MarkerCluster.Default.css
copy "leaflet.markercluster-$CLUSTER/package/MIT-LICENCE.txt" leaflet.markercluster/MIT-LICENCE.txt
copy "topojson-client-$TOPOJSON/package/dist/topojson-client.min.js" topojson-client/topojson-client.min.js
copy "topojson-client-$TOPOJSON/package/LICENSE" topojson-client/LICENSE
copy "world-atlas-$ATLAS/package/countries-110m.json" world-atlas/countries-110m.json
copy "world-atlas-$ATLAS/package/LICENSE" world-atlas/LICENSE

cd "$VENDOR"
{
  echo "# Vendored map files"
  echo
  echo "Written by \`scripts/vendor_map.sh\` from the npm registry (\`npm pack NAME@VERSION\`); files unmodified."
  echo "Served from \`/static/vendor/\`; nothing is loaded from another host (no tile server)."
  echo
  echo "| File | npm package | Version | Licence | Source path in the tarball | SHA-256 |"
  echo "|---|---|---|---|---|---|"
  row() { echo "| \`vendor/$1\` | \`$2\` | $3 | $4 | \`package/$5\` | \`$(sha256sum "$1" | cut -d' ' -f1)\` |"; }
  row leaflet/leaflet.js leaflet "$LEAFLET" "BSD-2-Clause (\`leaflet/LICENSE\`)" dist/leaflet.js
  row leaflet/leaflet.css leaflet "$LEAFLET" "BSD-2-Clause (\`leaflet/LICENSE\`)" dist/leaflet.css
  row leaflet.markercluster/leaflet.markercluster.js leaflet.markercluster "$CLUSTER" "MIT (\`leaflet.markercluster/MIT-LICENCE.txt\`)" dist/leaflet.markercluster.js
  row leaflet.markercluster/MarkerCluster.css leaflet.markercluster "$CLUSTER" "MIT (as above)" dist/MarkerCluster.css
  row leaflet.markercluster/MarkerCluster.Default.css leaflet.markercluster "$CLUSTER" "MIT (as above)" dist/MarkerCluster.Default.css
  row topojson-client/topojson-client.min.js topojson-client "$TOPOJSON" "ISC (\`topojson-client/LICENSE\`)" dist/topojson-client.min.js
  row world-atlas/countries-110m.json world-atlas "$ATLAS" "ISC (\`world-atlas/LICENSE\`; the data: Natural Earth, public domain)" countries-110m.json
  echo
  echo "The basemap is Natural Earth's 1:110m Admin 0 countries (naturalearthdata.com, public domain) as"
  echo "TopoJSON, as the world-atlas package builds it. The map draws only outlines; no imagery, no tiles."
} > VENDORED-MAP.md
echo "vendored into $VENDOR (see VENDORED-MAP.md)"
