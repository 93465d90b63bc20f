"""Write processed documents into the store: one article (or one failure) = one transaction.

``Writer(store, config).write(result)`` returns

* ``"ok"``        a new canonical article was stored;
* ``"duplicate"`` an exact duplicate (the input is linked to the existing article) or a
                  near-duplicate (its own article row, linked to the canonical story);
* ``"failed"``    the input failed; recorded in ``failures`` and ``inputs``;
* ``"unchanged"`` this input (locator + record + sha256) is already in the store.

Re-running an ingest therefore changes nothing. ``is_duplicate(clean)`` is the cheap check
the CLI makes before NLP so that copies are linked without being extracted.
"""

from __future__ import annotations

import json
import re
from urllib.parse import urlsplit

from dateline.config import Config
from dateline.document import document_id
from dateline.errors import CODES, DatelineError
from dateline.extract.time.legacy import upgrade
from dateline.ingest import identity
from dateline.store import dialect
from dateline.store.base import Connection
from dateline.store.db import utcnow
from dateline.store.dedup import NearDuplicateIndex, signature, to_blob
from dateline.store.identity import after_article, link_actors
from dateline.types import Actor, CleanDocument, FailedInput, InputRef

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}")
_SIG_CACHE = 4096


def input_key(inp: InputRef) -> tuple[str, str]:
    """(locator, record) of an input as the ``inputs`` table keys it: the canonical locator
    (``dateline.ingest.identity``: a resolved path, or the URL) and the record id."""
    return (identity.locator(inp), inp.record or "")


def find_input(conn, inp: InputRef, sha256: str | None, columns: str = "id, status"):
    """The ``inputs`` row of this input (locator, record and sha256), or None. A row stored before
    migration 0010 (``given`` NULL) holds the path as it was typed: it is found by that path too."""
    locator, record = input_key(inp)
    typed = identity.given(inp)
    rows = conn.execute(
        f"SELECT {columns}, locator, given FROM inputs WHERE locator IN (?, ?) AND record = ? AND sha256 IS ?",
        (locator, typed, record, sha256),
    ).fetchall()
    for r in rows:
        if r["locator"] == locator:
            return r
    return next((r for r in rows if r["given"] is None), None)


def upgrade_input(conn, row_id: int, inp: InputRef) -> None:
    """Give a row stored before migration 0010 (locator as typed) its canonical locator."""
    conn.execute("UPDATE inputs SET locator = ?, given = ? WHERE id = ?", (input_key(inp)[0], identity.given(inp), row_id))


def source_label(clean: CleanDocument) -> str | None:
    """Who carried the article, for a story's ``sources``: the site, else the URL host, else the wire."""
    if clean.site:
        return clean.site
    if clean.url:
        host = urlsplit(clean.url).hostname
        if host:
            return host.removeprefix("www.")
    return clean.source


def article_date(published: str | None) -> str | None:
    return published[:10] if published and _DATE.match(published) else None


def _span(s):
    return (s[0], s[1]) if s else (None, None)


class Writer:
    def __init__(self, store, config: Config):
        self.store = store
        self.conn: Connection = store.conn
        self.config = config
        self.index = NearDuplicateIndex(config)
        self._sigs: dict[str, object] = {}

    # -- duplicates ----------------------------------------------------------------------
    def _signature(self, aid: str, body: str):
        sig = self._sigs.get(aid)
        if sig is None:
            if len(self._sigs) >= _SIG_CACHE:
                self._sigs.clear()
            sig = self._sigs[aid] = signature(body, self.config)
        return sig

    def is_duplicate(self, clean: CleanDocument, reserve: bool = True) -> tuple[str, str] | None:
        """``("exact", canonical_id)`` when the same body is stored, ``("near", canonical_id)`` for a
        copy of a stored (or reserved) story, else None; ``canonical_id`` is the story's canonical
        article. With ``reserve`` a new document is indexed as pending so copies of it later in
        the same run find it before it is written."""
        aid = document_id(clean.body)
        row = self.conn.execute(
            "SELECT coalesce(s.canonical_id, a.id) FROM articles a LEFT JOIN stories s ON s.id = a.story_id "
            "WHERE a.id = ?", (aid,)
        ).fetchone()
        if row:
            return ("exact", row[0])
        sig = self._signature(aid, clean.body)
        self.index.refresh(self.conn)
        match = self.index.best(self.conn, sig, exclude=aid, stored_only=False)
        if match:
            return ("near", match.canonical_id)
        if reserve:
            self.index.reserve(aid, sig)
        return None

    def seen(self, inp: InputRef, sha256: str | None) -> bool:
        """True when this input is already stored with an article that needs no more work."""
        found = find_input(self.conn, inp, sha256, "id, status, article_id")
        if found is None or found["status"] == "failed":
            return False
        row = self.conn.execute("SELECT is_canonical, extracted FROM articles WHERE id = ?",
                                (found["article_id"],)).fetchone()
        if row is None:
            return False
        return bool(row[1]) or not row[0] or not self.config.extract

    def needs_extraction(self, clean: CleanDocument, sha256: str | None = None) -> bool:
        """Whether the NLP stage should run on this document (not stored yet, not a copy)."""
        if self.seen(clean.input, sha256 or clean.sha256):
            return False
        dup = self.is_duplicate(clean)
        if dup is None:
            return True
        if dup[0] == "exact":
            row = self.conn.execute(
                "SELECT extracted, is_canonical FROM articles WHERE id = ?", (document_id(clean.body),)
            ).fetchone()
            return bool(row and row[1] and not row[0])
        return False

    # -- writing -------------------------------------------------------------------------
    def write(self, result, extracted: bool | None = None, extraction=None) -> str:
        """Store one ``dateline.pipeline.Result``. ``extracted`` says whether the NLP stage ran on it
        (default: ``config.extract``); a copy whose extraction was skipped passes False.
        ``extraction`` (the ``Extraction`` the record was built from) gives actor aliases the
        record does not carry; without it the actors are read back from the record."""
        if not result.ok:
            return self._write_failure(result.failure, result.raw)
        if extracted is None:
            extracted = bool(self.config.extract)
        rec, clean = result.record, result.clean
        aid = rec["id"]
        sha = (result.raw.sha256 if result.raw else None) or clean.sha256
        size = result.raw.size if result.raw else None
        fetched = (result.raw.fetched_at if result.raw else None) or clean.fetched_at or utcnow()
        try:
            with self.store.transaction() as conn:
                inp = find_input(conn, clean.input, sha)
                if inp is not None and inp["locator"] != input_key(clean.input)[0]:
                    upgrade_input(conn, inp["id"], clean.input)  # a row from before migration 0010
                art = conn.execute(
                    "SELECT story_id, is_canonical, extracted FROM articles WHERE id = ?", (aid,)
                ).fetchone()
                if art is not None:
                    completed = self._complete(conn, art, rec, extracted, extraction)
                    if inp is not None and inp["status"] != "failed":
                        return "ok" if completed else "unchanged"
                    status = "duplicate"
                    self._touch_story(conn, art["story_id"], clean, new_article=False)
                else:
                    sig = self._signature(aid, clean.body)
                    self.index.refresh(conn)
                    match = self.index.best(conn, sig, exclude=aid)
                    if match:
                        story = conn.execute(
                            "SELECT story_id FROM articles WHERE id = ?", (match.canonical_id,)
                        ).fetchone()[0]
                        status = "duplicate"
                        if not extracted:
                            rec = {**rec, "notes": [*(rec.get("notes") or []), (
                                f"near-duplicate of {match.canonical_id} (similarity {match.similarity:.2f}): "
                                f"extractors not run; story {story} holds the extraction")]}
                        self._insert_article(conn, rec, clean, story, False, match.similarity, sig, extracted)
                        self.index.store(conn, aid, None)
                        self._touch_story(conn, story, clean, new_article=True)
                        self._link_copy_evidence(conn, story)
                    else:
                        story = aid
                        status = "ok"
                        # the new story as _touch_story would leave it: one article, one input, its source
                        label = source_label(clean)
                        dates = [d for d in (rec.get("published"), clean.published) if d is not None]
                        conn.execute(
                            "INSERT INTO stories(id, canonical_id, n_articles, n_inputs, sources, "
                            "first_published, last_published) VALUES (?, ?, 1, 1, ?, ?, ?)",
                            (aid, aid, json.dumps([label] if label else [], ensure_ascii=False),
                             min(dates, default=None), max(dates, default=None)),
                        )
                        self._insert_article(conn, rec, clean, story, True, None, sig, extracted)
                        self.index.store(conn, aid, sig)
                    if extracted:
                        self._store_extraction(conn, rec, story, extraction or getattr(result, "extraction", None))
                        if status == "ok":
                            self._link_copy_evidence(conn, story)
                self._upsert_input(conn, inp, clean.input, clean.input.format, sha, size, fetched, status, aid)
        except dialect.errors() as exc:
            self.index.discard(aid)
            raise DatelineError("E400", f"writing article {aid} to {self.store.path}: {exc}") from exc
        except BaseException:
            self.index.discard(aid)  # rolled back: the index's mark must not move
            raise
        finally:
            self._sigs.pop(aid, None)
        self.index.add(aid)
        return status

    def _link_copy_evidence(self, conn, story_id: str) -> None:
        """Record where each event of the story's canonical article is evidenced in each copy's body
        (table ``event_copies``): copies are not re-extracted, but the store keeps every evidence
        span. An evidence sentence the copy edited away has no row. Idempotent."""
        canon = conn.execute("SELECT canonical_id FROM stories WHERE id = ?", (story_id,)).fetchone()
        if canon is None:
            return
        events = conn.execute(
            "SELECT local_id, evidence_text FROM events WHERE article_id = ?", (canon[0],)
        ).fetchall()
        if not events:
            return
        for copy_id, body in conn.execute(
            "SELECT id, body FROM articles WHERE story_id = ? AND id <> ?", (story_id, canon[0])
        ).fetchall():
            rows = []
            for local_id, text in events:
                at = body.find(text) if text else -1
                if at >= 0:
                    rows.append((copy_id, canon[0], local_id, at, at + len(text)))
            if rows:
                conn.executemany(
                    'INSERT OR IGNORE INTO event_copies(article_id, event_article_id, event_local_id, start, "end") '
                    "VALUES (?, ?, ?, ?, ?)", rows,
                )

    def _complete(self, conn, art, rec, extracted: bool, extraction) -> bool:
        """Store the extraction of an article stored earlier without one (``--no-extract``, killed run)."""
        if not (extracted and art["is_canonical"] and not art["extracted"]):
            return False
        self._store_extraction(conn, rec, art["story_id"], extraction)
        conn.execute("UPDATE articles SET extracted = 1, notes = ? WHERE id = ?",
                     (json.dumps(list(rec.get("notes") or []), ensure_ascii=False), rec["id"]))
        self._link_copy_evidence(conn, art["story_id"])
        return True

    def _upsert_input(self, conn, inp, ref: InputRef, fmt, sha, size, fetched, status, aid) -> None:
        locator, record = input_key(ref)
        if inp is not None:  # (a row stored before 0010 gets its canonical locator now)
            conn.execute(
                "UPDATE inputs SET status = ?, article_id = ?, size = ?, fetched_at = ?, locator = ?, "
                "given = coalesce(given, ?) WHERE id = ?",
                (status, aid, size, fetched, locator, identity.given(ref), inp["id"]),
            )
        else:
            conn.execute(
                "INSERT INTO inputs(locator, record, format, sha256, size, fetched_at, status, article_id, given) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (locator, record, fmt, sha, size, fetched, status, aid, identity.given(ref)),
            )

    def _touch_story(self, conn, story_id: str, clean: CleanDocument, new_article: bool) -> None:
        row = conn.execute("SELECT sources FROM stories WHERE id = ?", (story_id,)).fetchone()
        if row is None:
            return
        sources = json.loads(row[0] or "[]")
        label = source_label(clean)
        if label and label not in sources:
            sources.append(label)
        conn.execute(
            "UPDATE stories SET n_articles = n_articles + ?, n_inputs = n_inputs + 1, sources = ?, "
            "first_published = CASE WHEN ? IS NULL THEN first_published "
            "  WHEN first_published IS NULL OR ? < first_published THEN ? ELSE first_published END, "
            "last_published = CASE WHEN ? IS NULL THEN last_published "
            "  WHEN last_published IS NULL OR ? > last_published THEN ? ELSE last_published END "
            "WHERE id = ?",
            (
                1 if new_article else 0, json.dumps(sources, ensure_ascii=False),
                *(clean.published,) * 6, story_id,
            ),
        )

    def _insert_article(self, conn, rec, clean, story, canonical, similarity, sig, extracted) -> None:
        inp = rec["input"]
        dl = rec.get("dateline") or {}
        start, end = _span(dl.get("span"))
        notes = list(rec.get("notes") or [])
        conn.execute(
            "INSERT INTO articles(id, schema, input_path, input_url, input_format, input_record, url, site, "
            "section, headline, byline, source, news_code, published, dateline_place, dateline_date, "
            "dateline_agency, dateline_start, dateline_end, language, body, notes, story_id, is_canonical, "
            "similarity, minhash, extracted, created_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                rec["id"], rec["schema"], inp.get("path"), inp.get("url"), inp.get("format"), inp.get("id"),
                rec.get("url"), rec.get("site"), rec.get("section"), rec.get("headline"), rec.get("byline"),
                rec.get("source"), rec.get("news_code"), rec.get("published"), dl.get("place"),
                dl.get("date"), dl.get("agency"), start, end, rec.get("language"), rec["body"],
                json.dumps(notes, ensure_ascii=False), story, 1 if canonical else 0, similarity,
                to_blob(sig), 1 if extracted else 0, utcnow(),
            ),
        )

    def _store_extraction(self, conn, rec: dict, story_id: str, extraction) -> None:
        aid, body, published = rec["id"], rec["body"], rec.get("published")
        if extraction is not None:
            actors = list(extraction.actors)
        else:
            actors = [
                Actor(
                    id=a["id"], name=a["name"], type=a["type"], titles=tuple(a.get("titles") or ()),
                    country=a.get("country"), sector=a.get("sector"),
                    mentions=tuple(tuple(m) for m in a.get("mentions") or ()), ref=a.get("ref"),
                )
                for a in rec.get("actors") or ()
            ]
        gmap = link_actors(conn, actors, article_date(published))
        for a in actors:
            conn.execute(
                "INSERT INTO article_actors(article_id, local_id, actor_id, name, type, titles, country, sector, ref) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (aid, a.id, gmap.get(a.id), a.name, a.type, json.dumps(list(a.titles), ensure_ascii=False),
                 a.country, a.sector, a.ref),
            )
            conn.executemany(
                'INSERT INTO mentions(article_id, local_id, actor_id, start, "end", text) VALUES (?, ?, ?, ?, ?, ?)',
                [(aid, a.id, gmap.get(a.id), s, e, body[s:e]) for s, e in a.mentions],
            )
        for q in rec.get("quotes") or ():
            sp, cue, via = q.get("speaker") or {}, q.get("cue") or {}, q.get("via") or {}
            s0, s1 = _span(sp.get("span"))
            c0, c1 = _span(cue.get("span"))
            v0, v1 = _span(via.get("span"))
            conn.execute(
                'INSERT INTO quotes(article_id, local_id, kind, text, start, "end", parts, speaker_local, '
                "speaker_actor, speaker_text, speaker_start, speaker_end, cue_text, cue_start, cue_end, "
                "via_local, via_actor, via_text, via_start, via_end, published) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    aid, q["id"], q["kind"], q["text"], q["span"][0], q["span"][1],
                    json.dumps(q["parts"]) if q.get("parts") else None,
                    sp.get("actor"), gmap.get(sp.get("actor")), sp.get("text"), s0, s1,
                    cue.get("text"), c0, c1,
                    via.get("actor"), gmap.get(via.get("actor")), via.get("text"), v0, v1, published,
                ),
            )
        for e in rec.get("events") or ():
            src, tgt, place = e.get("source") or {}, e.get("target") or {}, e.get("place") or {}
            a0, a1 = _span(src.get("span"))
            b0, b1 = _span(tgt.get("span"))
            t0, t1 = _span(e.get("trigger"))
            sg, tg = gmap.get(src.get("actor")), gmap.get(tgt.get("actor"))
            date, date_text, precision, basis = e.get("date"), e.get("date_text"), e.get("date_precision"), e.get(
                "date_basis")
            if "date_basis" not in e:  # a record written before the fields existed
                date, date_text, precision, basis = upgrade(date, date_text, published)
            fingerprint = "|".join(
                str(x or "")
                for x in (e["type"], sg or src.get("country") or src.get("text"),
                          tg or tgt.get("country") or tgt.get("text"), date)
            )
            conn.execute(
                "INSERT INTO events(article_id, local_id, story_id, type, mode, cameo, quad_class, goldstein, "
                "source_local, source_actor, source_text, source_country, source_sector, source_start, source_end, "
                "target_local, target_actor, target_text, target_country, target_sector, target_start, target_end, "
                "date, date_text, place_name, place_country, lat, lon, negated, modality, evidence_start, "
                "evidence_end, evidence_text, trigger_start, trigger_end, quote_local, published, fingerprint, rule, cues, "
                "date_precision, date_basis) "
                "VALUES (" + ", ".join("?" * 42) + ")",
                (
                    aid, e["id"], story_id, e["type"], e.get("mode"), e["cameo"], e.get("quad_class"),
                    e.get("goldstein"),
                    src.get("actor"), sg, src.get("text"), src.get("country"), src.get("sector"), a0, a1,
                    tgt.get("actor"), tg, tgt.get("text"), tgt.get("country"), tgt.get("sector"), b0, b1,
                    date, date_text, place.get("name"), place.get("country"),
                    place.get("lat"), place.get("lon"), 1 if e.get("negated") else 0,
                    e.get("modality") or "asserted", e["evidence"]["span"][0], e["evidence"]["span"][1],
                    e["evidence"]["text"], t0, t1, e.get("quote"), published, fingerprint,
                    json.dumps(e["rule"]) if e.get("rule") else None,
                    json.dumps(e["cues"]) if e.get("cues") else None,
                    precision, basis,
                ),
            )
        after_article(conn, gmap.values())  # surname merges this article allows; analysts' countries

    def _write_failure(self, f: FailedInput, raw) -> str:
        locator, record = input_key(f.input)
        typed = identity.given(f.input)
        sha = f.sha256 or (raw.sha256 if raw is not None else None)
        hint = f.hint or CODES.get(f.code, ("", None))[1]
        now = utcnow()
        try:
            with self.store.transaction() as conn:
                row = find_input(conn, f.input, sha)
                if row is None:
                    conn.execute(
                        "INSERT INTO inputs(locator, record, format, sha256, size, fetched_at, status, article_id, "
                        "given) VALUES (?, ?, ?, ?, ?, ?, 'failed', NULL, ?)",
                        (locator, record, f.input.format, sha, raw.size if raw is not None else None,
                         (raw.fetched_at if raw is not None else None) or now, typed),
                    )
                elif row["locator"] != locator:  # stored before 0010 under the path as typed
                    upgrade_input(conn, row["id"], f.input)
                if typed != locator:  # a failure recorded before 0010 under the path as typed
                    conn.execute(
                        "UPDATE failures SET locator = ?, given = ? WHERE locator = ? AND record = ? AND code = ? "
                        "AND given IS NULL AND NOT EXISTS (SELECT 1 FROM failures f WHERE f.locator = ? "
                        "AND f.record = ? AND f.code = ?)",
                        (locator, typed, typed, record, f.code, locator, record, f.code),
                    )
                conn.execute(
                    "INSERT OR IGNORE INTO failures(locator, record, format, sha256, code, message, hint, at, given) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (locator, record, f.input.format, sha, f.code, f.message, hint, now, typed),
                )
        except dialect.errors() as exc:
            raise DatelineError("E400", f"recording failure of {locator}: {exc}") from exc
        return "failed"
