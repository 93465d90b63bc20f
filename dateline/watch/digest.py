"""Digest building: what is new for a watch since a mark, grouped for reading.

``build_digest`` selects, for each query of the watch, the items stored after ``before``
and up to ``upto`` (the store's highest rowids when the digest starts, so rows written
meanwhile wait for the next digest). Events are grouped by actor pair (pairs with asserted
events first; inside a pair asserted events first, then negated / hypothetical / future /
reported ones), quotes by speaker, search hits listed as articles. The same ``Digest`` feeds
the email, the webhook body and the delivery log.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime

from dateline.config import Config
from dateline.watch import select
from dateline.watch.models import Watch
from dateline.watch.storage import Marks, current_marks

MAX_ROWS = 5000  # per kind and digest; more are left for the next digest (the mark stops at the last one taken)
UNATTRIBUTED = "Unattributed"


@dataclass
class Digest:
    watch: Watch
    before: Marks
    after: Marks  # where the channel's mark moves once this digest is delivered
    base_url: str
    since: str = "last"  # "last" (since the mark) or the day given with --since
    events: list[dict] = field(default_factory=list)
    quotes: list[dict] = field(default_factory=list)
    articles: list[dict] = field(default_factory=list)
    generated_at: str = ""

    @property
    def empty(self) -> bool:
        return not (self.events or self.quotes or self.articles)

    @property
    def counts(self) -> tuple[int, int, int]:
        return len(self.events), len(self.quotes), len(self.articles)

    @property
    def items(self) -> list[dict]:
        return [*self.events, *self.quotes, *self.articles]

    @property
    def feed_url(self) -> str:
        return f"{self.base_url.rstrip('/')}/watch/{self.watch.name}.atom"

    @property
    def event_groups(self) -> list[dict]:
        return group_events(self.events)

    @property
    def quote_groups(self) -> list[dict]:
        return group_quotes(self.quotes)

    def summary(self) -> str:
        parts = []
        for n, one, many in ((len(self.events), "event", "events"), (len(self.quotes), "quote", "quotes"),
                             (len(self.articles), "article", "articles")):
            if n:
                parts.append(f"{n} new {one if n == 1 else many}")
        return ", ".join(parts) or "nothing new"

    @property
    def subject(self) -> str:
        # the day in the subject keeps each morning's digest its own thread in mail clients
        return f"[dateline] {self.watch.name}: {self.summary()} ({self.generated_at[:10]})"


def _side(name: str | None, role: str) -> str:
    return name or f"(no {role})"


def group_events(events: list[dict]) -> list[dict]:
    """Events by (source, target) pair; each group ``{"source", "target", "events", "n", "n_asserted"}``."""
    groups: dict[tuple, dict] = {}
    for e in events:
        src, tgt = _side(e.get("source_name"), "source"), _side(e.get("target_name"), "target")
        key = (e.get("source_actor") or src.casefold(), e.get("target_actor") or tgt.casefold())
        g = groups.setdefault(key, {"source": src, "target": tgt,
                                    "source_country": e.get("source_country"),
                                    "target_country": e.get("target_country"), "events": []})
        g["events"].append(e)
    out = []
    for g in groups.values():
        # stable sorts: asserted first, then newest day first, then in the order they were stored
        g["events"].sort(key=lambda e: e["rowid"])
        g["events"].sort(key=lambda e: e.get("day") or "", reverse=True)
        g["events"].sort(key=lambda e: not e["asserted"])
        g["n"] = len(g["events"])
        g["n_asserted"] = sum(1 for e in g["events"] if e["asserted"])
        out.append(g)
    out.sort(key=lambda g: (-g["n_asserted"], -g["n"], g["source"].casefold(), g["target"].casefold()))
    return out


def group_quotes(quotes: list[dict]) -> list[dict]:
    """Quotes by speaker: ``{"speaker", "quotes", "n"}``, most quoted first, unattributed last."""
    groups: dict[object, dict] = {}
    for q in quotes:
        name = q.get("speaker_name") or UNATTRIBUTED
        key = q.get("speaker_actor") or name.casefold()
        groups.setdefault(key, {"speaker": name, "speaker_actor": q.get("speaker_actor"), "quotes": []})["quotes"] \
            .append(q)
    out = list(groups.values())
    for g in out:
        g["quotes"].sort(key=lambda q: (q.get("day") or "", q["article_id"], q["start"]))
        g["n"] = len(g["quotes"])
    out.sort(key=lambda g: (g["speaker"] == UNATTRIBUTED, -g["n"], g["speaker"].casefold()))
    return out


def build_digest(store, watch: Watch, config: Config, before: Marks, *, since: str = "last",
                 stored_since: str | None = None, upto: Marks | None = None, max_rows: int = MAX_ROWS) -> Digest:
    """What is new for ``watch``: items with rowid in ``(before, upto]``.

    With ``stored_since`` (an ISO day or datetime) the range is every item whose article was
    stored from then on, whatever the mark (``--since DATE``: "as if the last digest had been
    then"); the mark still only moves forward.
    """
    upto = upto or current_marks(store)
    lo = Marks() if stored_since else before
    base = config.base_url
    d = Digest(watch=watch, before=before, after=before.max(upto), base_url=base, since=since,
               generated_at=datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"))
    after = {"event": max(before.event, upto.event), "quote": max(before.quote, upto.quote),
             "article": max(before.article, upto.article)}
    kw = {"stored_since": stored_since, "limit": max_rows}
    ef, qf = watch.event_filter(), watch.quote_filter()
    if ef is not None:
        d.events = select.events(store, ef, lo.event, upto.event, base, **kw)
        if len(d.events) >= max_rows:
            after["event"] = max(before.event, d.events[-1]["rowid"])
    if qf is not None:
        d.quotes = select.quotes(store, qf, lo.quote, upto.quote, base, **kw)
        if len(d.quotes) >= max_rows:
            after["quote"] = max(before.quote, d.quotes[-1]["rowid"])
    if "search" in watch.filters:
        d.articles = select.articles(store, watch.filters["search"], lo.article, upto.article, base, **kw)
        if len(d.articles) >= max_rows:
            after["article"] = max(before.article, d.articles[-1]["rowid"])
    d.after = Marks(after["event"], after["quote"], after["article"])
    return d
