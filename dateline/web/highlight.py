"""Render an article body with highlighted spans as safe HTML.

The body is untrusted text. It is cut at every span boundary and each text segment is
escaped on its own; the only markup emitted is our own ``<span>`` elements, whose attribute
values are escaped too. Overlapping spans that do not nest (a quote crossing an evidence
sentence) are split into fragments so the HTML stays well formed.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from markupsafe import Markup, escape

# Nesting order, outermost first: an event's evidence holds quotes, which hold actor mentions.
LAYER_EVENT, LAYER_QUOTE, LAYER_ACTOR, LAYER_WORD = 0, 1, 2, 3


@dataclass(frozen=True)
class Mark:
    start: int
    end: int
    cls: str
    layer: int
    attrs: tuple[tuple[str, str], ...] = ()
    first_attrs: tuple[tuple[str, str], ...] = ()  # only on the first fragment (ids)
    tag: str = "span"  # "span", or "a" for links (actor mentions; never nested in one another)


def _open_tag(mark: Mark, first: bool) -> str:
    attrs = [("class", mark.cls), *mark.attrs, *(mark.first_attrs if first else ())]
    if not first:
        attrs.append(("data-continued", "1"))
    rendered = "".join(f' {name}="{escape(value)}"' for name, value in attrs)
    return f"<{mark.tag}{rendered}>"


def render(body: str, marks: Iterable[Mark]) -> Markup:
    """``body`` as HTML, with every valid mark wrapped in a span; all text escaped."""
    n = len(body)
    valid = [m for m in marks if 0 <= m.start < m.end <= n]
    # longer spans open first at a shared start, then by layer, so nesting is natural
    valid.sort(key=lambda m: (m.start, -m.end, m.layer))
    cuts = sorted({0, n, *(m.start for m in valid), *(m.end for m in valid)})
    starts: dict[int, list[Mark]] = {}
    for m in valid:
        starts.setdefault(m.start, []).append(m)
    out: list[str] = []
    stack: list[Mark] = []
    for i, pos in enumerate(cuts):
        if any(m.end == pos for m in stack):
            # close from the top down to the deepest mark ending here, then reopen the survivors
            depth = min(k for k, m in enumerate(stack) if m.end == pos)
            popped = stack[depth:]
            del stack[depth:]
            out.append("".join(f"</{m.tag}>" for m in reversed(popped)))
            for m in popped:
                if m.end != pos:
                    stack.append(m)
                    out.append(_open_tag(m, first=False))
        for m in sorted(starts.get(pos, ()), key=lambda m: (m.layer, -m.end)):
            stack.append(m)
            out.append(_open_tag(m, first=True))
        if i + 1 < len(cuts):
            out.append(str(escape(body[pos : cuts[i + 1]])))
    out.append("".join(f"</{m.tag}>" for m in reversed(stack)))
    return Markup("".join(out))


def _span(value) -> tuple[int, int] | None:
    if isinstance(value, list | tuple) and len(value) == 2 and all(isinstance(x, int) for x in value):
        return value[0], value[1]
    return None


def marks_for(doc: dict, actor_href: dict[str, str] | None = None) -> list[Mark]:
    """The marks for a ``dateline/1`` document: event evidence, quotes, actor mentions, cues, triggers.

    ``actor_href`` maps local actor ids ("a1") to their page: those mentions become links.
    """
    actor_href = actor_href or {}
    actors = {a.get("id"): a for a in doc.get("actors") or []}
    marks: list[Mark] = []
    for ev in doc.get("events") or []:
        span = _span((ev.get("evidence") or {}).get("span"))
        if span:
            src = (ev.get("source") or {}).get("text") or "?"
            tgt = (ev.get("target") or {}).get("text") or "—"
            label = f"{ev.get('type')} ({ev.get('cameo')}): {src} → {tgt}"
            if ev.get("negated"):
                label += " [negated]"
            if ev.get("modality") and ev.get("modality") != "asserted":
                label += f" [{ev.get('modality')}]"
            marks.append(
                Mark(*span, cls=f"hl-event quad-{ev.get('quad_class') or 0}", layer=LAYER_EVENT,
                     attrs=(("data-event", str(ev.get("id"))), ("title", label)),
                     first_attrs=(("id", f"ev-{ev.get('id')}"),))
            )
        trig = _span(ev.get("trigger"))
        if trig:
            marks.append(Mark(*trig, cls="hl-trigger", layer=LAYER_WORD))
    for q in doc.get("quotes") or []:
        speaker = q.get("speaker") or {}
        who = speaker.get("text")
        if speaker.get("actor") in actors:
            name = actors[speaker["actor"]].get("name")
            who = name if not who or who == name else f"{who} ({name})"
        label = f"{who or 'unknown speaker'} — {q.get('kind')} quote"
        if q.get("via"):
            label += f", via {(q.get('via') or {}).get('text')}"
        parts = [p for p in (_span(x) for x in q.get("parts") or []) if p] or [_span(q.get("span"))]
        for k, part in enumerate(p for p in parts if p):
            first = (("id", f"quote-{q.get('id')}"),) if k == 0 else ()
            marks.append(
                Mark(*part, cls=f"hl-quote hl-quote-{q.get('kind')}", layer=LAYER_QUOTE,
                     attrs=(("data-quote", str(q.get("id"))), ("data-speaker", label), ("tabindex", "0")),
                     first_attrs=first)
            )
        cue = _span((q.get("cue") or {}).get("span"))
        if cue:
            marks.append(Mark(*cue, cls="hl-cue", layer=LAYER_WORD))
    mentions = []
    for a in actors.values():
        titles = ", ".join(a.get("titles") or [])
        label = a.get("name") or ""
        if titles:
            label += f" — {titles}"
        if a.get("country"):
            label += f" [{a.get('country')}]"
        href = actor_href.get(a.get("id"))
        for m in a.get("mentions") or []:
            span = _span(m)
            if span:
                attrs = (("data-actor", str(a.get("id"))), ("title", label))
                mentions.append(Mark(*span, cls=f"hl-actor hl-actor-{a.get('type')}", layer=LAYER_ACTOR,
                                     attrs=(("href", href), *attrs) if href else attrs, tag="a" if href else "span"))
    # mentions never overlap one another (links must not nest): keep the first of overlapping ones
    end = -1
    for m in sorted(mentions, key=lambda m: (m.start, -m.end)):
        if m.start >= end:
            marks.append(m)
            end = m.end
    return marks
