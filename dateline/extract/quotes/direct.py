"""Attribution of quote-marked text: find the cue (and its subject) around a quotation.

Forms: ``"Q," X said.`` / ``"Q," said X, the minister.`` (after the quote, up to the end of
the sentence) / ``X said, "Q."`` / ``X: "Q"`` (before it, back to the sentence start or
the previous quotation) / ``"Q" — X`` (trailing dash). Relays in the same window
(``"Q," Ryabkov said, Itar-Tass reported.``) give ``via``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from dateline.extract.quotes.indirect import subject_of

_SENT_END = re.compile(r"[.!?;](?=[\s\"”’'»]|$)")
_ABBREV = re.compile(
    r"\b(?:Mr|Mrs|Ms|Dr|Gov|Sen|Rep|Gen|Col|Lt|Sgt|Capt|Cmdr|Adm|Prof|Rev|Hon|Pres|St|Jr|Sr|Mt|Ft|Jan|Feb|Aug|"
    r"Sept?|Oct|Nov|Dec|Inc|Co|Corp|Ltd|No|Nos|vs|etc|[A-Za-z](?:\.[A-Za-z])*)\.$"
)


def _sentence_ends(body: str, start: int, end: int):
    """Sentence-final punctuation in ``body[start:end]``, skipping abbreviations ("Mr.", "Gov.", "U.S.")."""
    for m in _SENT_END.finditer(body, start, end):
        if body[m.start()] == "." and _ABBREV.search(body, max(0, m.start() - 8), m.start() + 1):
            continue
        yield m


_DASHES = ("—", "–", "--", "-", "―")


@dataclass
class Attribution:
    cue: object | None  # cue token (or the colon / dash token)
    speaker: object | None  # speaker head token
    via: object | None = None  # relaying outlet token
    side: str = "after"  # after | before | colon | dash


def tokens_in(doc, start: int, end: int) -> list:
    if end <= start:
        return []
    span = doc.char_span(start, end, alignment_mode="contract")
    return list(span) if span is not None else []


def _is_cue(tok, lex) -> bool:
    return tok.pos_ in ("VERB", "AUX") and tok.lemma_.lower() in lex.verbs and tok.dep_ != "aux"


def _after_window(body: str, end: int, limit: int) -> tuple[int, int]:
    j = end
    while j < limit and body[j] in " \t":
        j += 1
    m = next(_sentence_ends(body, j, limit), None)
    stop = m.start() if m else limit
    return end, stop


_WHEN = frozenset({"DATE", "TIME"})  # '"…," said Wednesday': a date is no speaker


def _speaker_for(tok, win_toks, lex):
    subj = subject_of(tok)
    if subj is not None:
        return subj
    # "…," said X / "…," added the minister
    ids = {t.i for t in win_toks}
    for t in win_toks:
        if t.i > tok.i and t.pos_ in ("PROPN", "PRON", "NOUN") and t.i in ids and t.ent_type_ not in _WHEN:
            return t.head if t.dep_ in ("compound", "flat") and t.head.i in ids else t
        if t.i > tok.i and t.is_punct and t.text != ",":
            break
    return None


_CONTENT_DEPS = frozenset({"ccomp", "xcomp"})


def _opens_with_attribution(win, lex) -> bool:
    """The sentence after a quotation opens ``X said …`` / ``said X …`` and says nothing of its own:
    its cue, among the first tokens, has a subject in that opening and governs no clause
    (``He said he would …`` reports new speech and is not an attribution) and no quotation follows."""
    if len(win) < 2 or win[-1].text in (":", ",") or any(t.is_quote or t.text in ("''", "``") for t in win):
        return False  # 'He added: "…"': the cue introduces the next quotation
    ids = {t.i for t in win}
    for t in win[:5]:
        if not _is_cue(t, lex):
            continue
        subj = subject_of(t)
        if subj is None or subj.i not in ids or subj.i > t.i + 2:
            return False
        if subj.i < t.i and any(w.pos_ == "VERB" for w in win if subj.i < w.i < t.i):
            return False
        if any(c.dep_ in _CONTENT_DEPS and c.i in ids and c.i > t.i for c in t.children):
            return False
        return True
    return False


def _split_relay(cues: list, win_toks, lex, is_outlet):
    """First non-relay cue is the speaker's; a later relay cue with an outlet subject is ``via``."""
    main, via = None, None
    for c in cues:
        subj = _speaker_for(c, win_toks, lex)
        if c.lemma_.lower() in lex.relay_verbs and is_outlet(subj):
            if via is None:
                via = (c, subj)
            continue
        if main is None:
            main = (c, subj)
    return main, via


def attribute(
    doc, body: str, outer: tuple[int, int], lo: int, hi: int, lex, is_outlet, content_end_char: str
):
    """Attribution of the quotation at ``outer``, looking in ``[lo, outer[0])`` and ``[outer[1], hi)``."""
    os_, oe = outer
    # after: "…," X said.  (unless the quotation ended its sentence and a new one starts)
    nxt = body[oe:hi].lstrip(" \t")
    new_sentence = content_end_char in ".!?" and (not nxt or nxt[:1].isupper())
    if nxt[:2] in ("—", "–", "--") or nxt[:1] in ("—", "–", "―"):
        dash_toks = tokens_in(doc, oe, hi)
        names = [t for t in dash_toks if t.pos_ == "PROPN" or t.ent_type_ in ("PERSON", "ORG", "NORP", "GPE")]
        if names and not any(t.pos_ == "VERB" for t in dash_toks[:8]) and len(dash_toks) <= 14:
            head = names[-1]
            while head.dep_ in ("compound", "flat") and head.head.i != head.i and head.head in dash_toks:
                head = head.head
            return Attribution(cue=dash_toks[0], speaker=head, side="dash")
    if new_sentence:
        # '"… missing." Trump said.': a short sentence of its own that only attributes
        a, b = _after_window(body, oe, hi)
        win = tokens_in(doc, a, b)
        if 2 <= len(win) <= 6 and body[b : b + 1] == "." and any(_is_cue(t, lex) for t in win[-3:]):
            new_sentence = False
        elif _opens_with_attribution(win, lex):
            new_sentence = False  # '"… change?" Trump asked reporters during a news conference.'
    if not new_sentence:
        a, b = _after_window(body, oe, hi)
        win = tokens_in(doc, a, b)
        cues = [t for t in win if _is_cue(t, lex)]
        if not cues and content_end_char in ",?!" and win:
            # '"Q," an angry Hollande retaliated.': any verb right after the quote with a subject
            verbs = [t for t in win[:8] if t.pos_ == "VERB" and any(c.dep_ == "nsubj" for c in t.children)]
            cues = verbs[:1]
        if cues:
            main, via = _split_relay(cues, win, lex, is_outlet)
            if main is None and via is not None:
                main, via = via, None
            if main is not None:
                return Attribution(cue=main[0], speaker=main[1], via=via[1] if via else None, side="after")
    # before: X said, "…"   /   X: "…"
    seg = body[lo:os_]
    cut = lo
    for m in _sentence_ends(body, lo, os_):
        if m.end() - lo <= len(seg.rstrip()):
            cut = m.end()
    win = tokens_in(doc, cut, os_)
    if win:
        cues = [t for t in win if _is_cue(t, lex)]
        if cues:
            main, via = _split_relay(list(reversed(cues)), win, lex, is_outlet)
            if main is None and via is not None:
                main, via = via, None
            if main is not None:
                return Attribution(cue=main[0], speaker=main[1], via=via[1] if via else None, side="before")
        last = win[-1]
        verb = win[-2] if len(win) >= 2 and last.text in (",", ":") else None
        if verb is not None and verb.pos_ == "VERB" and subject_of(verb) is not None and verb.dep_ != "aux":
            # 'He continued, "…"' / 'Jared Potts echoed: "…"': the verb that introduces the quotation
            return Attribution(cue=verb, speaker=subject_of(verb), side="before")
        if last.text == ":" and len(win) >= 2:
            nouns = [t for t in win[:-1] if t.pos_ in ("PROPN", "NOUN", "PRON")]
            if nouns and len(win) <= 16:
                head = nouns[-1]
                while (
                    head.dep_ in ("compound", "flat", "amod") and head.head in win and head.head.i != head.i
                ):
                    head = head.head
                return Attribution(cue=last, speaker=head, side="colon")
    return None
