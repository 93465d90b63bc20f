"""Quotes: every direct, partial and indirect quotation with its speaker, cue and relay.

``extract_quotes(doc, clean, actors)`` is a pure function over a parsed body:

1. quote-marked text (``marks``), paragraph by paragraph, never failing on a bad
   mark; multi-paragraph quotations become one quote with ``parts``;
2. each quotation that opens an utterance is ``direct``; its cue and speaker are read
   around it (``direct``); a quotation interrupted by its attribution
   (``"A," he said. "B."``) is one quote with ``parts``; a paragraph that is only a
   quotation, with no cue, continues the previous paragraph's speaker;
3. reported speech over the dependency parse (``indirect`` with the learned
   ``quote_cues.tsv`` rules) is ``indirect``, or ``partial`` when it holds quote-marked
   words (then ``parts`` lists those verbatim pieces);
4. relays (``…, Interfax reported`` / ``according to Itar-Tass, …``) become ``via``;
5. speakers resolve to the article's actors (``ActorIndex``); a pronoun or a missing
   subject falls back to the latest earlier speaker.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from dateline.extract.actors.index import ActorIndex
from dateline.extract.quotes.direct import attribute, tokens_in
from dateline.extract.quotes.headline import headline_quotes
from dateline.extract.quotes.indirect import (
    char_span,
    clipped_candidates,
    cue_subject,
    lemma,
    poss_of,
    quote_frame,
    subject_of,
    trim,
)
from dateline.extract.quotes.lexicon import RULE_THRESHOLD, lexicons
from dateline.extract.quotes.marks import find_marked, para_of, paragraphs
from dateline.extract.quotes.model import DocContext, cue_model, features
from dateline.extract.quotes.speaker import animate, is_outlet, make_ref, nominal_fallback, pronoun_fallback
from dateline.extract.syntax import governing_subject
from dateline.types import CleanDocument, Quote, Ref

_UTTERANCE_BEFORE = set(",:;.!?—–-([") | {"“", '"'}


@dataclass
class _Q:
    kind: str
    span: tuple[int, int]
    parts: list = field(default_factory=list)
    outer: tuple[int, int] | None = None
    cue: object | None = None  # token
    cue_span: tuple[int, int] | None = None
    speaker: object | None = None  # token
    via: object | None = None  # token
    para: int = 0
    end_para: int = -1  # paragraph of the last piece (multi-paragraph quotations)
    inherit: bool = False  # take the previous speaker (continuation / subject-less cue)
    prec: float = 1.0
    tokens: tuple[int, int] = (0, 0)
    limit: tuple[int, int] | None = None  # token range the speaker phrase must stay inside
    refers_to: object | None = None  # token the speaker stands for (a relative "who": its antecedent)


def _opens_utterance(body: str, doc, start: int, para_start: int, lex) -> bool:
    j = start - 1
    while j >= para_start and body[j].isspace():
        j -= 1
    if j < para_start or body[j] in _UTTERANCE_BEFORE:
        return True
    toks = tokens_in(doc, max(para_start, j - 30), j + 1)
    return bool(toks) and toks[-1].lemma_.lower() in lex.verbs and toks[-1].pos_ == "VERB"


def _runs_on(body: str, m, para_end: int) -> bool:
    """'"A big truck" plowed through…': the sentence runs on past an unpunctuated quotation."""
    if body[m.span[1] - 1] in ",.!?…—-:;":
        return False
    rest = body[m.outer[1] : para_end].lstrip()
    word = rest.split(" ", 1)[0] if rest else ""
    return bool(word) and word[0].islower() and word not in _PRONOUNS


def _inside_reported_clause(doc, body: str, m, para_start: int, lex) -> bool:
    """``Ryan said it's unrealistic to think that if the U.S. pulls back, "our oceans …"``: the quotation
    continues a clause that a reporting verb governs and that began before it -- a quoted fragment inside
    reported speech (partial), not an utterance of its own."""
    before = body[para_start : m.outer[0]].rstrip()
    if not before or before[-1] in ":":
        return False
    toks = tokens_in(doc, m.span[0], m.span[1])
    if not toks:
        return False
    q = toks[0]
    for t in q.sent:
        if t.i >= q.i:
            break
        if t.idx < para_start or t.pos_ != "VERB" or t.lemma_.lower() not in lex.verbs:
            continue  # (a parsed sentence may run across paragraphs)
        for c in t.children:
            if c.dep_ not in ("ccomp", "xcomp") or not (c.left_edge.i < q.i <= c.right_edge.i):
                continue
            a, b = max(c.left_edge.i, t.i + 1), q.i
            while b > a and doc[b - 1].idx >= m.outer[0]:
                b -= 1  # not the quotation's own opening mark
            lead = doc[a:b]
            if any(w.is_quote or w.text in ("''", "``") for w in lead):
                continue  # the clause began inside an earlier quotation
            if any(w.pos_ == "VERB" and w.lemma_.lower() in lex.verbs for w in lead):
                continue  # '…, adding, "Q"': a later cue introduces the quotation
            if any(w.dep_ in ("nsubj", "nsubjpass") for w in lead):
                return True  # the reported clause has its own subject before the quotation
    return False


def _title_like(words: list[str]) -> bool:
    """'"Doomed to Succeed,"' / '"Crippled America: How to Make America Great Again"': a title in Title Case."""
    long = [w for w in words if len(w.strip(",.:;!?\"'”’")) > 3]
    if len(long) < 2 or any(w[-1:] in ".!?" for w in words):
        return False
    return sum(w[:1].isupper() for w in long) >= 0.8 * len(long)


_PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i", "you", "said", "says", "added", "told"})


def _direct_quotes(doc, body, paras, lex, index, dl_end: int = 0) -> tuple[list[_Q], list]:
    outlet = lambda t: is_outlet(t, index, lex)  # noqa: E731
    doc_end = doc[-1].idx + len(doc[-1].text_with_ws) if len(doc) else 0
    marked = [m for m in find_marked(body[:doc_end])]
    groups: list[list] = []
    for m in marked:  # multi-paragraph quotations: one group
        if groups and groups[-1][-1].continues:
            groups[-1].append(m)
        else:
            groups.append([m])
    quotes: list[_Q] = []
    fragments = []
    prev_end = {}
    for gi, g in enumerate(groups):
        first, last = g[0], g[-1]
        p = para_of(paras, first.outer[0])
        plo, phi = paras[p]
        if len(g) == 1 and (
            not _opens_utterance(body, doc, first.outer[0], plo, lex)
            or _runs_on(body, first, paras[p][1])
            or _inside_reported_clause(doc, body, first, plo, lex)
        ):
            fragments.append(first)
            continue
        lo = max(plo, prev_end.get(p, plo))
        if p > 0 and lo == plo and not body[plo : first.outer[0]].strip() and p - 1 not in prev_end:
            if body[paras[p - 1][0] : paras[p - 1][1]].rstrip().endswith(":"):
                lo = paras[p - 1][0]  # "17-year-old Jared Potts echoed:" then the quotation's paragraph
        nxt = groups[gi + 1][0].outer[0] if gi + 1 < len(groups) else len(body)
        lp = para_of(paras, last.outer[1] - 1)
        hi = min(paras[lp][1], nxt)
        content_end = body[last.span[1] - 1] if last.span[1] > last.span[0] else ""
        att = attribute(doc, body, (first.outer[0], last.outer[1]), lo, hi, lex, outlet, content_end)
        if att is None and len(g) > 1:  # "…," he said, at the end of the first paragraph's piece
            att = attribute(doc, body, first.outer, lo, paras[p][1], lex, outlet, body[first.span[1] - 1])
        words = body[first.span[0] : first.span[1]].split()
        if len(g) == 1 and ((att is None and len(words) < 3) or _title_like(words)):
            fragments.append(first)  # a title, slogan or scare-quoted term, not an utterance
            continue
        prev_end[p] = last.outer[1]
        q = _Q(
            "direct",
            (first.span[0], last.span[1]),
            [m.span for m in g],
            (first.outer[0], last.outer[1]),
            para=p,
            end_para=lp,
        )
        if att is not None:
            q.cue, q.speaker, q.via = att.cue, att.speaker, att.via
            frame = quote_frame(att.cue) if att.cue is not None else None
            if frame is not None:  # '"Q," Y was quoted by X as saying' / 'X quoted Y as saying: "Q"'
                q.speaker, q.via = frame[0], frame[1] or q.via
            if dl_end:  # neither the speaker nor its phrase reaches into the dateline
                q.speaker = _after_dateline(doc, q.speaker, dl_end)
                q.limit = (_first_after(doc, dl_end), len(doc))
            if (
                att.side in ("after", "before")
                and att.speaker is not None
                and not animate(att.speaker, index, lex)
            ):
                q.speaker = None  # "Referring to …, and Tehran's announcement …, added": a parse slip
            if q.speaker is None:
                q.inherit = True
        quotes.append(q)
    quotes.sort(key=lambda q: q.span)
    return _merge_interrupted(quotes, body), fragments


def _headline_qs(doc, body, paras, marked, lex, index, dl_end: int) -> list[_Q]:
    """Headline-form quotes (``headline.py``): reported speech (``indirect``; ``partial`` once its
    quoted fragments attach) -- the words after the colon are in no quote marks, so not ``direct``."""
    out = []
    for h in headline_quotes(doc, body, paras, marked, lex, index, dl_end):
        if h.colon is None:
            continue
        q = _Q("indirect", h.span, [], h.span, para=h.para)
        q.speaker, q.limit, q.cue = h.speaker, h.limit, h.colon
        q.cue_span = (h.colon.idx, h.colon.idx + 1)
        q.tokens = (h.limit[1], h.limit[1])
        out.append(q)
    return out


def _merge_interrupted(quotes: list[_Q], body: str) -> list[_Q]:
    """``"A," he said. "B."``: B has no cue of its own (or A's cue) -> one quote with parts."""
    out: list[_Q] = []
    for q in quotes:
        if out:
            a = out[-1]
            same_para = max(a.para, a.end_para) == q.para
            shared = q.cue is not None and a.cue is not None and q.cue.i == a.cue.i
            gap = body[a.outer[1] : q.outer[0]]
            if same_para and q.cue is None and len(gap) <= 12 and not any(ch.isalnum() for ch in gap):
                shared = True
            if same_para and (a.cue is not None or shared) and (shared or q.cue is None):
                between = body[a.outer[1] : q.outer[0]]
                if len(between) < 300 and not _quote_between(between):
                    a.parts.extend(q.parts)
                    a.span = (a.span[0], q.span[1])
                    a.outer = (a.outer[0], q.outer[1])
                    a.end_para = max(q.para, q.end_para)
                    continue
        out.append(q)
    return out


def _quote_between(between: str) -> bool:
    """Quotation marks between two pieces, other than a short quoted title or name
    (``Cuban said on NBC's "Meet the Press."``), mean another quotation stands between them."""
    marks = [i for i, ch in enumerate(between) if ch in '"“”']
    if not marks:
        return False
    if len(marks) != 2 or between[marks[0]] == "”":
        return True
    inner = between[marks[0] + 1 : marks[1]]
    return len(inner.split()) > 6 or not inner[:1].isupper()


def _content_root(doc, a: int, b: int):
    return next((doc[i] for i in range(a, b) if not (a <= doc[i].head.i < b) or doc[i].head.i == i), None)


def _quoted_as_saying(doc, lex) -> dict[int, tuple]:
    """``X quoted Y as saying …`` / ``Y was quoted by X as saying …``: {say token: (Y, X, quote token)}."""
    out = {}
    for s in doc:
        if lemma(s) == "say":
            frame = quote_frame(s)
            if frame is not None:
                out[s.i] = frame
    return out


def _after_dateline(doc, tok, lo: int):
    """A speaker token inside the dateline (``BEIJING, Feb 2 (Xinhua) -- Wang Yi …`` parsed with
    BEIJING as subject) is replaced by its apposition after the dateline, else dropped."""
    if tok is None or tok.idx >= lo:
        return tok
    for c in tok.subtree:
        if c.idx >= lo and c.dep_ in ("appos", "conj") and c.head.idx < lo and c.pos_ in ("PROPN", "NOUN"):
            return c
    return None


def _indirect_quotes(doc, lex, directs: list[_Q], paras, index, openers=None, dl_end: int = 0, marked=()) -> list[_Q]:
    best: dict[int, tuple] = {}
    frames = _quoted_as_saying(doc, lex)
    framed_verbs = {v.i for _y, _x, v in frames.values()}
    model = cue_model()
    ctx = DocContext(doc, [m.outer for m in marked], lex.verbs)
    for t, rel, a, b in clipped_candidates(doc, paras, para_of, dl_end, openers):
        p = lex.rules.get((lemma(t), t.pos_, rel))
        if p is None or t.i in framed_verbs:
            continue
        if model is not None:
            p = model.prob(features(t, rel, a, b, cue_subject(t), ctx))
            if t.i in frames and rel == "ccomp":
                p = max(p, model.threshold)  # "X quoted Y as saying …": a curated attribution frame
            if p < model.threshold:
                continue
        elif p < RULE_THRESHOLD:
            continue
        action = lex.excluded(lemma(t), rel)
        if action == "drop":
            continue
        if action == "clause":
            root = _content_root(doc, a, b)
            if root is None or root.pos_ not in ("VERB", "AUX"):
                continue
        if t.i not in best or p > best[t.i][0]:
            best[t.i] = (p, t, rel, a, b)
    out = []
    for p, t, rel, a, b in sorted(best.values(), key=lambda x: x[3]):
        span = char_span(doc, a, b)
        if span is None:
            continue
        if any(_covers(d.outer, span) for d in directs):
            continue
        q = _Q("indirect", span, prec=p, para=para_of(paras, span[0]))
        q.cue = t
        q.cue_span = (t.idx, t.idx + len(t.text))
        if (rel == "ACCORDING" or rel.endswith("~mid")) and t.left_edge.i > a and t.right_edge.i + 1 < b:
            # the phrase sits inside the sentence: the two sides are the parts
            q.parts = [
                p
                for p in (
                    char_span(doc, *trim(doc, a, t.left_edge.i, openers)),
                    char_span(doc, *trim(doc, t.right_edge.i + 1, b, openers)),
                )
                if p
            ]
        if (rel.startswith("HEAD:prep") or rel == "ACCORDING") and lemma(t) == "accord":
            to = [c for c in t.children if c.dep_ == "prep"]
            objs = [o for c in to for o in c.children if o.dep_ == "pobj"]
            q.speaker = _according_source(doc, objs[0], a, b, lex) if objs else None
            end = to[0] if to else t
            q.cue_span = (t.idx, end.idx + len(end.text))
        elif t.pos_ == "NOUN":
            q.speaker = poss_of(t)
        elif t.i in frames:  # "X quoted Y as saying …": Y speaks, X relays
            q.speaker, q.via, _v = frames[t.i]
        else:
            q.speaker = subject_of(t)
        if dl_end:
            q.speaker = _after_dateline(doc, q.speaker, dl_end)
            q.limit = (_first_after(doc, dl_end), len(doc))
        if q.speaker is None and lemma(t) != "accord":
            q.speaker = governing_subject(t)  # "… by calling him out", "a leading advocate for …"
        q.refers_to = _antecedent(q.speaker)  # a relative "who" speaks for its antecedent
        if q.speaker is None and t.pos_ != "NOUN" and lemma(t) != "accord":
            q.inherit = True
        a, b = _trim_relay(doc, q, a, b, lex, index)
        for c in t.children:  # "X said …, Itar-Tass reported" parsed as a second complement of "said"
            if q.via is None and not (a <= c.i < b) and c.dep_ in ("ccomp", "parataxis", "conj", "advcl"):
                subj = next((x for x in c.children if x.dep_ == "nsubj"), None)
                if lemma(c) in lex.relay_verbs and is_outlet(subj, index, lex):
                    q.via = subj
        q.span = char_span(doc, a, b) or q.span
        q.tokens = (a, b)
        out.append(q)
    return out


def _according_source(doc, obj, a: int, b: int, lex):
    """Who speaks in ``…, according to <obj>``. A document (``a statement``, ``a transcript``) is not the
    speaker when the clause itself reports someone's words -- ``Lavrov described the talks as 'useful,'
    according to a statement``: Lavrov -- nor when it names its author (``a statement from his ministry``)."""
    if obj.lemma_.lower() not in lex.speech_nouns:
        return obj
    root = _content_root(doc, a, b)
    if root is not None and root.pos_ == "VERB" and root.lemma_.lower() in lex.verbs:
        subj = subject_of(root)
        if subj is not None and subj.pos_ in ("PROPN", "NOUN", "PRON"):
            return subj
    author = poss_of(obj)
    return author if author is not None else obj


def _antecedent(tok):
    """``Sanders, who endorsed Canova and said …``: the person a relative ``who`` stands for."""
    if tok is None or tok.tag_ != "WP" or tok.lower_ not in ("who", "whom"):
        return tok
    cur = tok.head
    for _ in range(4):
        if cur.dep_ == "relcl" and cur.head.i != cur.i:
            return cur.head
        if cur.dep_ not in ("conj", "xcomp", "advcl") or cur.head.i == cur.i:
            break
        cur = cur.head
    return tok


def _first_after(doc, pos: int) -> int:
    return next((t.i for t in doc if t.idx >= pos), len(doc))


def _trim_relay(doc, q: _Q, a: int, b: int, lex, index) -> tuple[int, int]:
    """``said X 'will …,' Interfax reported``: the relay inside the clause becomes ``via``."""
    for i in range(b - 1, a, -1):
        t = doc[i]
        if t.pos_ == "VERB" and lemma(t) in lex.relay_verbs:
            subj = next((c for c in t.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subj is not None and is_outlet(subj, index, lex):
                cut = subj.left_edge.i
                while cut > a and (doc[cut - 1].is_punct and doc[cut - 1].text not in ('"', "”", "’", "'")):
                    cut -= 1
                if cut > a:
                    q.via = subj
                    return a, cut
    return a, b


def _drop_nested(indirect: list[_Q]) -> list[_Q]:
    """Reported speech whose cue sits inside another's content is part of that content."""
    keep = []
    for q in indirect:
        inside = any(
            o is not q and o.span[0] <= q.cue_span[0] and q.cue_span[1] <= o.span[1] for o in indirect
        )
        if not inside or q.kind == "partial":
            keep.append(q)
    return keep


def _covers(outer, span) -> bool:
    ov = max(0, min(outer[1], span[1]) - max(outer[0], span[0]))
    return ov * 2 >= min(outer[1] - outer[0], span[1] - span[0]) and ov > 0


def _relays(indirect: list[_Q], directs: list[_Q], lex, index) -> list[_Q]:
    """Fold ``X said …, Interfax reported`` / ``according to Itar-Tass, X said`` into ``via``."""
    drop = set()
    for i, outer in enumerate(indirect):
        relay = outer.cue.lemma_.lower() in lex.relay_verbs or lemma(outer.cue) == "accord"
        if not relay or not is_outlet(outer.speaker, index, lex):
            continue
        a, b = outer.tokens
        inner = [q for q in indirect if q is not outer and (a <= q.cue.i < b or _covers(q.span, outer.span))]
        inner += [d for d in directs if d.cue is not None and a <= d.cue.i < b]  # (the same words: one quote)
        for q in inner:
            if q.via is None:
                q.via = outer.speaker
        if inner:
            drop.add(i)
    return [q for i, q in enumerate(indirect) if i not in drop]


def _modifier_only(doc, f) -> bool:
    toks = tokens_in(doc, f.span[0], f.span[1])
    return len(toks) == 1 and toks[0].dep_ in ("amod", "compound", "nmod")


def _partials(doc, indirect: list[_Q], fragments: list, body: str) -> None:
    """Reported speech holding quote-marked words is ``partial``; ``parts`` lists the verbatim pieces."""
    for f in fragments:
        if _modifier_only(doc, f):
            continue  # 'unprecedented' sanctions: a scare-quoted modifier, not quoted speech
        for q in indirect:
            if q.span[0] <= f.span[0] < q.span[1]:
                q.kind = "partial"
                q.parts.append(f.span)
                if f.outer[1] > q.span[1]:
                    # the quoted words run on past the clause the parse gave (to the closing mark, even
                    # past a full stop: 'said the "train may have left the station. I don't …"'): keep them
                    q.span = (q.span[0], f.outer[1])
                break


def _after_partial(directs: list[_Q], indirect: list[_Q]) -> None:
    """``Teachers are "A," García said. "B."``: a quotation with no cue of its own after a partial quote
    whose attribution stands between them is the same speaker's (the partial's words continued)."""
    for d in directs:
        if d.cue is not None or d.inherit:
            continue
        if any(
            q.kind == "partial" and q.para == d.para and q.cue is not None and q.parts[-1][1] <= q.cue.idx < d.span[0]
            for q in indirect
        ):
            d.inherit = True


def _continuations(directs: list[_Q], body: str, paras) -> None:
    for q in directs:
        if q.cue is not None or q.inherit:
            continue
        plo, phi = paras[q.para]
        lp = q.para
        rest = body[plo : q.outer[0]] + body[q.outer[1] : paras[lp][1]]
        if len(rest.strip(" \t.,")) <= 2:
            q.inherit = True


def _join_continuations(directs: list[_Q], body: str) -> list[_Q]:
    """A continuation paragraph (only a quotation, no cue) right after a paragraph with an attributed
    direct quote continues that quote: one quote with ``parts``, as a multi-paragraph quotation is
    (after reported speech it stays a quote of its own that takes the speaker)."""
    out: list[_Q] = []
    for q in directs:
        if out and q.inherit and q.cue is None and len(q.parts) == 1:
            a = out[-1]
            gap = body[a.outer[1] : q.outer[0]]
            end_para = max(a.para, a.end_para)
            if a.kind == "direct" and q.para == end_para + 1 and "\n" in gap and (a.cue is not None or a.inherit):
                a.parts.extend(q.parts)
                a.span = (a.span[0], q.span[1])
                a.outer = (a.outer[0], q.outer[1])
                a.end_para = q.para
                continue
        out.append(q)
    return out


def extract_quotes(doc, clean: CleanDocument, actors=()) -> Iterator[Quote]:
    """Quotes of one parsed body, in text order, ids q1, q2, …"""
    body = clean.body
    lex = lexicons()
    index = actors if isinstance(actors, ActorIndex) else ActorIndex(actors or ())
    paras = paragraphs(body) or [(0, len(body))]
    dl_end = clean.dateline.span[1] if clean.dateline is not None and clean.dateline.span else 0
    directs, fragments = _direct_quotes(doc, body, paras, lex, index, dl_end)
    _continuations(directs, body, paras)
    directs = _join_continuations(directs, body)
    doc_end = doc[-1].idx + len(doc[-1].text_with_ws) if len(doc) else 0
    marked = find_marked(body[:doc_end])
    openers = {m.outer[0] for m in marked}  # where the mark scanner opened a quote
    indirect = _indirect_quotes(doc, lex, directs, paras, index, openers, dl_end, marked)
    indirect += _headline_qs(doc, body, paras, marked, lex, index, dl_end)
    indirect.sort(key=lambda q: q.span)
    indirect = _relays(indirect, directs, lex, index)
    _partials(doc, indirect, fragments, body)
    _after_partial(directs, indirect)
    indirect = _drop_nested(indirect)
    allq = sorted(directs + indirect, key=lambda q: q.span)
    yield from _finish(doc, body, allq, paras, index)


def _finish(doc, body, allq: list[_Q], paras, index) -> Iterator[Quote]:
    spoken: list[Ref | None] = []
    last_by_para: dict[int, tuple] = {}
    n = 0
    for q in allq:
        speaker = None
        if q.speaker is not None:
            speaker = make_ref(doc, q.speaker, index, body, q.limit)
            if speaker.actor is None and q.refers_to is not None and q.refers_to is not q.speaker:
                actor = index.token(q.refers_to) if len(index) else None
                speaker = Ref(text=speaker.text, span=speaker.span, actor=actor.id if actor else None)
            speaker = pronoun_fallback(speaker, q.speaker, spoken, index)
            speaker = nominal_fallback(speaker, q.speaker, spoken, index, lexicons())
        elif q.inherit:
            prev = last_by_para.get(q.para) or last_by_para.get(q.para - 1)
            if prev is not None:
                speaker = prev[0]
                if q.via is None and prev[1] is not None and q.cue is None:
                    q.via = prev[1]
        via = None
        if isinstance(q.via, Ref):
            via = q.via
        elif q.via is not None:
            via = make_ref(doc, q.via, index, body)
        cue = None
        if q.cue is not None:
            cs = q.cue_span or (q.cue.idx, q.cue.idx + len(q.cue.text))
            cue = Ref(text=body[cs[0] : cs[1]], span=cs)
        n += 1
        parts = tuple(q.parts) if (len(q.parts) > 1 or q.kind == "partial") else ()
        yield Quote(
            id=f"q{n}",
            kind=q.kind,
            text=body[q.span[0] : q.span[1]],
            span=q.span,
            speaker=speaker,
            cue=cue,
            via=via,
            parts=parts,
        )
        spoken.append(speaker)
        if speaker is not None and (q.kind == "direct" or q.cue is None or q.cue.pos_ == "VERB"):
            last_by_para[q.para] = (speaker, via)
