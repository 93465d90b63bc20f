"""The network as a table of edges (CSV) and as GraphML (for Gephi, Cytoscape desktop, networkx, igraph)."""

from __future__ import annotations

from xml.etree import ElementTree as ET

from fastapi.responses import Response

EDGE_COLUMNS = (
    "source", "source_name", "source_country", "target", "target_name", "target_country", "n",
    "mean_goldstein", "quad_1", "quad_2", "quad_3", "quad_4", "types", "first", "last", "event_ids",
)
RESPONSES = {200: {"content": {"text/csv": {"schema": {"type": "string"}},
                               "application/graphml+xml": {"schema": {"type": "string"}}},
                   "description": "JSON, CSV (format=csv: one row per edge) or GraphML (format=graphml)"}}
GRAPHML_NS = "http://graphml.graphdrawing.org/xmlns"
NODE_KEYS = (("name", "string"), ("type", "string"), ("country", "string"), ("sector", "string"), ("n", "int"))
EDGE_KEYS = (("n", "int"), ("mean_goldstein", "double"), ("types", "string"), ("first", "string"),
             ("last", "string"))


def edge_rows(net: dict) -> list[dict]:
    """One flat row per edge, with both actors' names and countries."""
    nodes = {n["id"]: n for n in net.get("nodes", [])}
    rows = []
    for e in net.get("edges", []):
        s, t = nodes.get(e["source"], {}), nodes.get(e["target"], {})
        quad = e.get("quad") or {}
        types = sorted((e.get("types") or {}).items(), key=lambda kv: (-kv[1], kv[0]))
        rows.append({
            "source": e["source"], "source_name": s.get("name"), "source_country": s.get("country"),
            "target": e["target"], "target_name": t.get("name"), "target_country": t.get("country"),
            "n": e["n"], "mean_goldstein": e.get("mean_goldstein"),
            **{f"quad_{k}": quad.get(str(k), 0) for k in (1, 2, 3, 4)},
            "types": "; ".join(f"{k} {v}" for k, v in types), "first": e.get("first"), "last": e.get("last"),
            "event_ids": " ".join(str(i) for i in e.get("event_ids") or []),
        })
    return rows


def graphml(net: dict) -> bytes:
    """A directed GraphML document: nodes with name, type, country, sector, n; edges with n, mean
    Goldstein, types, first and last day. Text goes through ElementTree, which escapes it."""
    ET.register_namespace("", GRAPHML_NS)
    root = ET.Element(f"{{{GRAPHML_NS}}}graphml")
    for kind, keys in (("node", NODE_KEYS), ("edge", EDGE_KEYS)):
        for name, typ in keys:
            ET.SubElement(root, f"{{{GRAPHML_NS}}}key", {"id": f"{kind[0]}_{name}", "for": kind,
                                                        "attr.name": name, "attr.type": typ})
    graph = ET.SubElement(root, f"{{{GRAPHML_NS}}}graph", {"id": "dateline", "edgedefault": "directed"})

    def data(parent, key: str, v) -> None:
        if v is not None and v != "":
            ET.SubElement(parent, f"{{{GRAPHML_NS}}}data", {"key": key}).text = str(v)

    for n in net.get("nodes", []):
        el = ET.SubElement(graph, f"{{{GRAPHML_NS}}}node", {"id": f"a{n['id']}"})
        for name, _ in NODE_KEYS:
            data(el, f"n_{name}", n.get(name))
    for i, e in enumerate(net.get("edges", [])):
        el = ET.SubElement(graph, f"{{{GRAPHML_NS}}}edge", {"id": f"e{i}", "source": f"a{e['source']}",
                                                          "target": f"a{e['target']}"})
        types = "; ".join(f"{k} {v}" for k, v in sorted((e.get("types") or {}).items(), key=lambda kv: -kv[1]))
        for name, v in (("n", e["n"]), ("mean_goldstein", e.get("mean_goldstein")), ("types", types),
                        ("first", e.get("first")), ("last", e.get("last"))):
            data(el, f"e_{name}", v)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def graphml_response(net: dict) -> Response:
    return Response(graphml(net), media_type="application/graphml+xml",
                    headers={"Content-Disposition": 'attachment; filename="network.graphml"'})
