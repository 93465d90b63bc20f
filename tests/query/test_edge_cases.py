"""Edge cases of the SQL the filters build: self-directed events, empty stores."""

from __future__ import annotations

from dateline.config import Config
from dateline.query import EventFilter, count_events, events, network, search, search_facets, timeline
from dateline.store import open_store
from dateline.store.writer import Writer


def test_self_directed_event_counts_once(tmp_path, fx):
    body = ("TEHRAN, Dec 5 (Reuters) - Iran praised itself for its restraint on Monday, state media said. "
            "Iran also rejected the IAEA report.")
    doc = fx.Doc(key="self", body=body, published="2011-12-05", source="Reuters", site="reuters.com",
                 headline="Iran praises itself", url="https://example.com/self",
                 actors=[("a1", "Iran", "country", "IRN", "GOV", (), ["Iran", "itself", "Iran"]),
                         ("a2", "IAEA", "org", None, "IGO", (), ["IAEA"])],
                 events=[dict(id="e1", type="SUPPORT", cameo="051", qc=1, g=3.4, src="a1", tgt="a1",
                              ev="Iran praised itself for its restraint", date="2011-12-05"),
                         dict(id="e2", type="REJECT", cameo="120", qc=3, g=-4.0, src="a1", tgt="a2",
                              ev="Iran also rejected the IAEA report", date="2011-12-05")])
    with open_store(str(tmp_path / "self.db")) as store:
        Writer(store, Config()).write(fx.result(doc))
        f = EventFilter(actor="Iran", since="2011-12-01")
        rows = events(store, f)
        assert len(rows) == count_events(store, f) == 2
        assert timeline(store, f)["dated"] == 2
        assert [(e["n"]) for e in network(store, f)["edges"]] == [1]  # the self-loop is not an edge


def test_empty_store(tmp_path):
    with open_store(str(tmp_path / "empty.db")) as store:
        assert events(store, EventFilter(actor="Iran")) == [] and count_events(store) == 0
        tl = timeline(store)
        assert tl["bins"] == [] and tl["dated"] == 0 and tl["undated"]["n"] == 0 and tl["start"] is None
        assert network(store) == {"nodes": [], "edges": []}
        assert search(store, "iran") == [] and search_facets(store, "iran")["total"] == 0
