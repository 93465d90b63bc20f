"""When an event happened: ``event_time`` reads it from the event's own words.

Order of evidence (the first that gives a point in time wins):

1. **the event's clause** — a time expression attached to the trigger, the words folded into it,
   or the verbs controlling it ("on Oct. 31", "in 1980", "three years ago", "last month", "ten days
   earlier", "Saturday's attack");
   with none, a past act takes the time of the clauses told as one with it (``_companions``: its
   infinitive of purpose, a participle of circumstance, an event noun's past relative clause);
2. **the sentence** — an expression on a verb that governs the event's clause ("officials said
   on Friday that troops attacked ...");
3. **the statement** — an act reported with a past speech verb and no day takes the day of the
   dated statement it continues ("Amano said Wednesday that ... . 'We urge ...,' he said.");
4. **the paragraph** — for a simple past clause (a past progressive, a participle told with a simple
   past: ``tense.aspect_of``) that continues a narrative, the time of an
   earlier sentence of the same paragraph ("On March 3 troops entered the town. They arrested
   dozens.");
5. **the same act told below** — a past act of the lead with none of the above (for a simple past clause,
   nor a story day from step 6) takes the day a later sentence
   of the article gives the same verb, when that is the one day so given in the week before the
   article and the doers named do not differ ("X has signed a measure ..." in the lead; "X signed it
   late Tuesday" below);
6. **the article's date**: for a simple past clause, the day the story reports when its lead
   names one within the week before publication ("Militants attacked a train Tuesday" in a
   Wednesday story: "They shot passengers" is Tuesday's; the lead is read after title lines and the
   "ABSTRACT." / "FULL TEXT." labels of news exports); else the publication date
   (``basis="publication"``).

Background (past perfect, "previously", "once", "in the past", "repeatedly", "for years") stops
at step 1: with no time of its own the event stays undated (``basis="none"``). So does an event
whose own time is vague ("in recent years"), and a nominal event named as the topic of another
act ("condemned the attack", "praised his first summit"): it has a time of its own, not the verb's. Anaphoric expressions ("two days later", "the previous day") count from
the sentence's or the paragraph's time, else the story's day (step 6), else (looking back) from the
article's date; "earlier in the day" is one of them.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass

from dateline.extract.time import expressions
from dateline.extract.time.calendar import Resolved
from dateline.extract.time.grammar import Norm, measure, normalize, shifted
from dateline.extract.time.tense import SPEECH, aspect_of, clause_of, participle_governor, topic_noun
from dateline.tsv import LEXICONS, read_tsv

MAX_BACK = 3  # sentences of the paragraph looked back for a narrative's reference time
LEAD_SENTENCES = 3  # the opening sentences that may give the story's day
STORY_DAYS = 7  # a lead's day counts as the story's day when at most this many days before the article
_CACHE: dict[int, tuple] = {}  # id(doc) -> (doc, {sentence key: expressions})
_CACHE_DOCS = 4


@dataclass(frozen=True)
class EventTime:
    """An event's date: ``date`` ISO ``YYYY-MM-DD`` (the first day of its period) or None,
    ``date_text`` the words it was read from, ``span`` their characters in the text,
    ``precision`` day | week | month | season | year | decade, ``basis`` explicit | relative |
    publication | none."""

    date: str | None
    date_text: str | None
    span: tuple[int, int] | None
    precision: str | None
    basis: str

    @classmethod
    def undated(cls, expr: expressions.Expr | None = None) -> EventTime:
        if expr is None:
            return cls(None, None, None, None, "none")
        return cls(None, expr.text, (expr.start, expr.end), None, "none")

    @classmethod
    def published(cls, base: dt.date | None) -> EventTime:
        return cls(base.isoformat(), None, None, "day", "publication") if base else cls.undated()


def _of(expr: expressions.Expr, value: Resolved) -> EventTime:
    return EventTime(value.iso(), expr.text, (expr.start, expr.end), value.precision, value.basis)


def _doc_cache(doc) -> dict:
    """Per-Doc memo. The cache holds the last few Docs themselves (so an id is never reused while
    its entry lives) and leaves the Doc untouched."""
    hit = _CACHE.get(id(doc))
    if hit is None or hit[0] is not doc:
        if len(_CACHE) >= _CACHE_DOCS:
            try:
                _CACHE.pop(next(iter(_CACHE)))
            except (KeyError, RuntimeError, StopIteration):  # another thread evicted it first
                pass
        hit = _CACHE[id(doc)] = (doc, {})
    return hit[1]


def _text(doc) -> str:
    """``doc.text``, built once per Doc (spaCy joins the tokens again on every access)."""
    memo = _doc_cache(doc)
    if "text" not in memo:
        memo["text"] = doc.text
    return memo["text"]


def _sentence_exprs(sent, ents, dl_end: int) -> list[expressions.Expr]:
    """The sentence's expressions, found once per sentence."""
    memo = _doc_cache(sent.doc)
    key = (sent.start, sent.end, dl_end)
    if key not in memo:
        if ents is None:  # the Doc's entities built once (Span.ents rebuilds them on every access)
            if "ents" not in memo:
                memo["ents"] = sent.doc.ents
            ents = [e for e in memo["ents"] if sent.start <= e.start and e.end <= sent.end]
        memo[key] = expressions.find(sent, ents, dl_end, _text(sent.doc))
    return memo[key]


def _main_clause(sent) -> list:
    """The sentence's root and the verbs of its main clause (a reporting verb's complement included)."""
    root = sent.root
    return [root] + [c for c in root.children if c.dep_ in ("ccomp", "xcomp", "conj") and c.pos_ in ("VERB", "AUX")]


def _lead_day(sent, base: dt.date, dl_end: int) -> EventTime | None:
    """A day of the week before the article named in a lead sentence: on its main clause first, else
    anywhere in it (a lead's parse is often off, and what it dates is the story)."""
    exprs = _sentence_exprs(sent, None, dl_end)
    counted = [ex for ex in exprs if normalize(ex.words, base, "past", None, ex.bare_year).anaphoric]
    main, _ = _point_on(_main_clause(sent), exprs, base, None, skip=counted)  # "the previous day" counts from it
    found = [main] if main else []
    for ex in exprs:
        norm = normalize(ex.words, base, _direction_at(ex.attach), None, ex.bare_year)
        if norm.kind == "point" and norm.value is not None and not norm.anaphoric:
            found.append(_of(ex, norm.value))
    for f in found:
        if f.precision == "day" and 0 <= (base - dt.date.fromisoformat(f.date)).days <= STORY_DAYS:
            return f
    return None


@functools.cache
def _section_labels() -> frozenset[str]:
    """Section labels of news exports ("ABSTRACT.", "FULL TEXT.") from lexicons/time_section_labels.txt."""
    return frozenset(cells[0].strip().lower() for _, cells in read_tsv(LEXICONS / "time_section_labels.txt"))


def _header_kind(sent) -> str | None:
    """"label" for a line of its own naming a section of a news export ("ABSTRACT.", "FULL TEXT."),
    "title" for a line of its own that ends without a full stop ("Ryan calls Trump line 'racist,' but
    backs him;"), None for a sentence of the story."""
    text, words = _text(sent.doc), [t for t in sent if not t.is_space]
    if not words:
        return None
    start, end = words[0].idx, words[-1].idx + len(words[-1].text)
    line_end = text.find("\n", end)
    if text[text.rfind("\n", 0, start) + 1:start].strip() or text[end:line_end if line_end >= 0 else len(text)].strip():
        return None  # shares its line with other sentences: part of a paragraph
    own = text[start:end]
    if own.rstrip(".:").strip().lower() in _section_labels():
        return "label"
    return None if own.rstrip("'\"\u2019\u201d)").endswith((".", "!", "?")) else "title"


def _lead(doc, dl_end: int) -> list:
    """The story's opening sentences, after the wire dateline: title lines are skipped, and a section
    label starts the lead again (what comes before "FULL TEXT." is the title and the abstract)."""
    out = []
    for x in doc.sents:
        if len(out) == LEAD_SENTENCES:
            break
        if x.end_char <= dl_end or not any(not t.is_space for t in x):
            continue
        kind = _header_kind(x)
        if kind == "label":
            out = []
        elif kind is None:
            out.append(x)
    return out


def _story_time(doc, base, dl_end: int) -> EventTime | None:
    """The day the story reports, from its lead: the first of its opening sentences that names a day at
    most a week before the article's date ("Militants attacked a train Tuesday")."""
    memo = _doc_cache(doc)
    key = ("story", dl_end)
    if key not in memo:
        memo[key] = None
        for sent in _lead(doc, dl_end) if base else ():
            found = _lead_day(sent, base, dl_end)
            if found is not None:
                memo[key] = found
                break
    return memo[key]


def _direction_at(tok) -> str:
    return aspect_of(tok, clause_of(tok)).direction


def _read(expr, base, direction, ref_fn) -> Norm:
    norm = normalize(expr.words, base, direction, None, expr.bare_year)
    if norm.anaphoric and ref_fn is not None:
        ref = ref_fn()
        if ref is not None:
            norm = normalize(expr.words, base, direction, ref, expr.bare_year)
    return norm


def _ancestors(own) -> list:
    """Governors of the clause, nearest first, up to the sentence root."""
    out, seen = [], {t.i for t in own}
    cur = own[-1]
    for _ in range(16):
        if cur.head.i == cur.i:
            break
        cur = cur.head
        if cur.i not in seen:
            out.append(cur)
            seen.add(cur.i)
    return out


def _point_on(tokens, exprs, base, ref_fn, skip=()) -> tuple[EventTime | None, expressions.Expr | None]:
    """The first point in time attached to ``tokens`` (in their order), and the first vague
    expression met on the way (which, on the event's own clause, leaves it undated)."""
    vague = None
    for tok in tokens:
        for ex in sorted(exprs, key=lambda x: x.attach.i != tok.i):
            if ex in skip or (ex.attach.i != tok.i and (ex.also is None or ex.also.i != tok.i)):
                continue
            norm = _read(ex, base, _direction_at(tok), ref_fn)
            if norm.kind == "point" and norm.value is not None:
                return _of(ex, norm.value), vague
            if norm.kind in ("vague", "anaphoric") and vague is None:  # no point to be had from its words
                vague = ex
    return None, vague


def _paragraph_ref(sent, base, dl_end: int) -> tuple[EventTime | None, Resolved | None]:
    """The time of the narrative this sentence continues: going back through the paragraph's
    simple past sentences, the first main clause with a time of its own. A sentence of another
    kind (present, perfect, future, a quotation) ends the narrative."""
    doc = sent.doc
    for _ in range(MAX_BACK):
        if sent.start == 0:
            break
        prev = doc[sent.start - 1].sent
        words = [t for t in prev if not t.is_space]
        last = words[-1].idx + len(words[-1].text) if words else prev.end_char
        if "\n" in _text(doc)[last:sent.start_char] or prev.end_char <= dl_end:
            break  # a paragraph starts a new story time
        root = prev.root
        if not aspect_of(root, clause_of(root)).narrative:
            break  # only a simple past sentence sets or carries a narrative's time
        found, _ = _point_on(_main_clause(prev), _sentence_exprs(prev, None, dl_end), base, None)
        if found is not None:
            return found, _resolved(found)
        sent = prev
    return None, None


def _speech_verbs(tokens) -> list:
    return [t for t in tokens if t.tag_ == "VBD" and t.lemma_.lower() in SPEECH]


def _statement_ref(sent, base, dl_end: int) -> EventTime | None:
    """The day of the statement a reported sentence continues: going back through sentences that
    report speech in the past ("Amano said Wednesday that ... . 'We urge ...,' he said."), across
    paragraphs (wire stories give each quotation its own), the first past speech verb with a day of its
    own in the week before the article. A sentence that reports no speech ends the statement."""
    doc = sent.doc
    for _ in range(MAX_BACK):
        if sent.start == 0:
            break
        prev = doc[sent.start - 1].sent
        while prev.start > 0 and not any(t.is_alpha for t in prev):  # a stray closing quotation mark
            prev = doc[prev.start - 1].sent
        if prev.end_char <= dl_end:
            break
        verbs = _speech_verbs(prev)
        if not verbs:
            break
        found, _ = _point_on(verbs, _sentence_exprs(prev, None, dl_end), base, None)
        if found is not None:
            if found.precision == "day" and base and 0 <= (base - dt.date.fromisoformat(found.date)).days <= STORY_DAYS:
                return found
            break
        sent = prev
    return None


def _offset(v, exprs):
    """(mark, amount, expression) when clause ``v`` is "N units after/before ...", else None."""
    mark = next((c for c in v.children if c.dep_ in ("mark", "prep") and c.lower_ in ("after", "before")), None)
    if mark is None:
        return None
    for ex in exprs:
        amount = measure(ex.text) if ex.attach.i in (v.i, mark.i) else None
        if amount is not None:
            return mark.lower_, amount, ex
    return None


def _offset_clause(own, ups, exprs, base, sent, dl_end: int) -> EventTime | None:
    """"X came two days after Y attacked Z": Y's attack is two days before the time of X; and
    X's own time is two days after the time the clause gives Y."""
    for v in own:
        hit = _offset(v, exprs) if v.dep_ in ("advcl", "pcomp") else None
        if hit is None:
            continue
        gov, _ = _point_on(ups, exprs, base, None)
        if gov is None and ups:
            gov, _ = _point_on(_companions(ups[:1], ups[0]), exprs, base, None)
        if gov is None:
            gov, _ = _paragraph_ref(sent, base, dl_end)
        ref = _resolved(gov) or (Resolved(base, "day", "publication") if base else None)
        word, (unit, n), ex = hit
        value = shifted(ref, unit, -n if word == "after" else n, base) if ref else None
        return _of(ex, value) if value else None
    for v in own:
        for sub in (c for c in v.children if c.dep_ in ("advcl", "prep")):
            hit = _offset(sub, exprs)
            if hit is None:
                continue
            word, (unit, n), ex = hit
            clause = sub if sub.dep_ == "advcl" else next((g for g in sub.children if g.dep_ in ("pcomp", "pobj")), sub)
            inner, _ = _point_on([clause], [e for e in exprs if e is not ex], base, None)
            value = shifted(_resolved(inner), unit, n if word == "after" else -n, base) if inner else None
            if value:
                return _of(ex, value)
    return None


def _companions(own, trigger) -> list:
    """Clauses told as one with the event: its infinitive of purpose ("launched an operation to flush them
    out in 2015", "declined to assail him on Sunday", "sent a delegation to attend the inauguration on May
    20"), a participle of circumstance ("voiced concern, with Sullivan speaking by phone Sunday", "knelt,
    praying with his son last Friday"); for an
    event noun, a past relative clause telling what it did ("talks that failed last week")."""
    out = []
    for v in own:
        if v.pos_ not in ("VERB", "AUX"):
            continue
        for c in v.children:
            if c.dep_ in ("xcomp", "advcl") and c.pos_ == "VERB" and c.i > v.i and any(
                    a.dep_ == "aux" and a.lower_ == "to" for a in c.children):
                out.append(c)
            elif c.dep_ == "prep" and c.lower_ == "with":
                out += [g for g in c.children if g.dep_ == "pcomp" and g.tag_ == "VBG"]
            elif c.dep_ == "advcl" and c.tag_ == "VBG" and not any(g.dep_ == "mark" for g in c.children):
                out.append(c)  # "knelt on the carpet, praying with his son last Friday evening"
            elif c.dep_ == "advcl" and c.tag_ == "VBD" and any(
                    g.dep_ == "advmod" and g.lower_ == "when" for g in c.children):
                out.append(c)  # "when the Hungarians revolted in 1956, Eisenhower refused to intervene"
    if trigger.pos_ == "NOUN":
        for c in trigger.children:
            own_subject = c.dep_ == "acl" or any(g.dep_ == "nsubj" and g.lower_ in ("that", "which") for g in c.children)
            if c.dep_ in ("relcl", "acl") and c.tag_ == "VBD" and own_subject:
                out += [c] + [g for g in c.children if g.dep_ == "xcomp"]
    return out


def _purpose_time(own, trigger, exprs, base, aspect) -> EventTime | None:
    """A past act with no time of its own takes the time of the clauses told as one with it
    (``_companions``). Not a time after the article's date (what was planned), nor when the act is
    future or background."""
    if aspect.background or base is None or aspect.direction == "future" or (
            aspect.direction != "past" and trigger.pos_ != "NOUN"):
        return None
    found, _ = _point_on(_companions(own, trigger), exprs, base, None)
    if found is None:  # "took the islands after the defeat of Napoleon in 1815": the act's year, not its day
        after = [g for v in own if v.pos_ in ("VERB", "AUX") for c in v.children
                 if c.dep_ == "prep" and c.lower_ in ("after", "following")
                 for g in c.children if g.dep_ == "pobj" and expressions.is_event_noun(g)]
        found, _ = _point_on(after, exprs, base, None)
        if found is not None and found.precision not in ("year", "decade"):
            found = None
    if found is None or found.date is None or dt.date.fromisoformat(found.date) > base:
        return None
    return found


def _subject(verb):
    subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return {t.lower_ for t in subj.subtree if t.pos_ == "PROPN"} if subj is not None else set()


def _same_act(trigger, base, dl_end: int) -> EventTime | None:
    """The day a later sentence of the article gives an act of its lead: the same verb, told with a day of
    the week before the article ("has signed a measure ..." in the lead; "signed it late Tuesday" below).
    Only one such day in the article, and no other name for the one who did it."""
    doc, mine = trigger.doc, _subject(trigger)
    lead = _lead(doc, dl_end)
    if not any(x.start <= trigger.i < x.end for x in lead):
        return None  # the lead sums up what the body tells with its day; a perfect further down is background
    days = {}
    for tok in doc[trigger.sent.end:]:
        if tok.pos_ != "VERB" or tok.lemma_ != trigger.lemma_ or tok.idx < dl_end:
            continue
        theirs = _subject(tok)
        if mine and theirs and not mine & theirs:
            continue  # named doers, and not the same
        found, _ = _point_on([tok], _sentence_exprs(tok.sent, None, dl_end), base, None)
        if found is not None and found.precision == "day" and 0 <= (base - dt.date.fromisoformat(found.date)).days <= STORY_DAYS:
            days.setdefault(found.date, found)
    return next(iter(days.values())) if len(days) == 1 else None


def _resolved(found: EventTime | None) -> Resolved | None:
    return Resolved(dt.date.fromisoformat(found.date), found.precision, found.basis) if found and found.date else None


def event_time(trigger, anchors, sent, ents, base: dt.date | None, dl_end: int = 0) -> EventTime:
    """The date of the event whose trigger is ``trigger`` (a spaCy Token).

    ``anchors``: token indices of the trigger and the words the event coder tied to it (the
    words folded into it, the verbs governing it, its reporting verb); ``sent``: the trigger's
    sentence (a Span); ``ents``: its entities (None: read them from ``sent``); ``base``: the
    article's date; ``dl_end``: where the wire dateline ends (its date is not the event's)."""
    exprs = _sentence_exprs(sent, ents, dl_end)
    own = clause_of(trigger, anchors)
    aspect = aspect_of(trigger, own, [(e.start, e.end) for e in exprs])
    ups = [t for t in _ancestors(own)]
    above = {t.i for t in trigger.ancestors}
    ups += [sent.doc[i] for i in sorted(anchors or (), reverse=True)  # a reporting verb the coder tied to it
            if i in above and all(i != t.i for t in own + ups)]

    cached: dict = {}

    def ref_fn():
        if "ref" not in cached:
            found, _ = _point_on(ups, exprs, base, None)
            cached["ref"] = _resolved(found) if found else _paragraph_ref(sent, base, dl_end)[1]
            if cached["ref"] is None and base:  # "earlier in the day" with nothing before it: the story's day
                cached["ref"] = _resolved(_story_time(sent.doc, base, dl_end))
        return cached["ref"]

    topic = topic_noun(trigger)
    found, vague = _point_on([trigger] if topic else own, exprs, base, ref_fn)
    if found is None and not topic:
        found = _offset_clause(own, ups, exprs, base, sent, dl_end)
    if found is None and not topic:
        found = _purpose_time(own, trigger, exprs, base, aspect)
    if found is not None:
        return found
    if aspect.background or vague is not None or topic:
        return EventTime.undated(vague)
    found, _ = _point_on(ups, exprs, base, ref_fn)
    if found is not None:
        return found
    if _speech_verbs([trigger] + ups):  # said in the past, with no day: the day of the statement it continues
        found = _statement_ref(sent, base, dl_end)
        if found is not None:
            return found
    if aspect.narrative and not any(t.dep_ == "relcl" or (t.dep_ == "acl" and participle_governor(t) is None)
                                    for t in own):
        # a simple past clause continues the story (a relative clause describes someone instead:
        # "Warmbier, who died after his release", is background; "Trump, speaking at a rally," is not one)
        found, _ = _paragraph_ref(sent, base, dl_end)
        if found is None:
            found = _story_time(sent.doc, base, dl_end)
        if found is not None:
            return found
    if base and trigger.pos_ == "VERB" and aspect.direction == "past":  # the same act told with its day below
        found = _same_act(trigger, base, dl_end)
        if found is not None:
            return found
    return EventTime.published(base)
