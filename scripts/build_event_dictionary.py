"""Convert the PETRARCH2 CAMEO verb dictionary into dateline's event pattern file.

    python scripts/build_event_dictionary.py --source /work/petrarch2 \
        --commit 676801cd9cb2924bbbad09f86d15c9323e7097bf --out dateline/lexicons/event_cameo.tsv.gz

``--source`` is a checkout (or extracted copy) of openeventdata/petrarch2 (MIT); the dictionary is
read from ``petrarch2/data/dictionaries/CAMEO.2.0.txt`` under it (``--file`` to change). The output
is the pattern format of docs/events.md ("The pattern file") with a 7th column ``origin``: the
dictionary file and line each row came from. The MIT licence found in the dictionary's header is
written beside the output (``event_cameo.LICENSE``).

The dictionary (see petrarch2 docs/source/dictionaries.rst) has synonym sets (``&NAME`` then
``+WORD`` lines), verb blocks (``--- MEANING [code] ---``) whose verbs share the block's patterns,
verb lines (``VERB {irregular forms} [code]``, compounds ``+ASK_FOR``) and pattern lines
(``- [pre-verb words] * [post-verb words] [code] # comment``). What it becomes:

- a verb with its own code, or in a block whose code is not ``---``: ``verb <lemma> [particle]``;
- ``* NOUN``: ``light <verb> <noun>``; ``* {MOD HEAD}``: ``light <verb> <mod> <head>`` (the last
  modifier: dateline's matcher reads the object's last compound modifier and its head);
  ``* PARTICLE NOUN``: ``light <verb> <particle> <noun>``; ``* (PREP)``: ``verb <lemma> <prep>``;
  ``* (PREP NOUN)``: ``light <verb> <prep>:<noun>``; ``&SYNSET``: one row per member;
- a first element followed only by prepositional phrases that narrow it keeps the first element;
  patterns with subject constraints (pre-verb words), a ``^`` placeholder, or other sequences are
  skipped and counted in the header;
- ``[A:B]`` codes give A, else B; CAMEO codes map to PLOVER with ``cameo2plover.tsv`` (longest
  prefix); codes with no PLOVER type (CAMEO 01x statements, ...) and ``---`` give no row;
- one row per (kind, pattern): a pattern taken as written beats one reduced to its first element,
  then the most specific CAMEO code wins, then the earlier line.
"""

from __future__ import annotations

import argparse
import gzip
import itertools
import re
import subprocess
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from petrarch_verbs import (  # noqa: E402  (scripts/ is not a package)
    AUXILIARIES,
    EITHER,
    PARTICLES,
    PREPOSITIONS,
    Dictionary,
    Element,
    Shape,
    Verb,
    alternatives,
    read_dictionary,
    shape_of,
)

REPO = "openeventdata/petrarch2"
DEFAULT_FILE = "petrarch2/data/dictionaries/CAMEO.2.0.txt"
ROOT = Path(__file__).resolve().parents[1]
CAMEO2PLOVER = ROOT / "dateline" / "lexicons" / "cameo2plover.tsv"


# ---------------------------------------------------------------- from shapes to rows

@dataclass(frozen=True)
class Row:
    kind: str
    pattern: str
    cameo: str
    line: int
    exact: bool  # False when narrowing phrases or a long noun phrase were dropped


def _expand(words: tuple, synsets: dict) -> list[tuple] | None:
    """Every concrete word sequence of ``words`` (synset references replaced by their members)."""
    options = []
    for w in words:
        if w.startswith("&"):
            name = w.rstrip("_")
            if name.upper() not in synsets:
                return None
            options.append(synsets[name.upper()])
        else:
            options.append([(w,)])
    return [tuple(itertools.chain.from_iterable(combo)) for combo in itertools.product(*options)]


def noun_keys(head: Element, synsets: dict, lemma_of) -> list[tuple[str, bool]] | None:
    """``(key, exact)`` for an object noun: its lemma (and its plural when the lemma is unsure),
    with the last modifier of a multi-word phrase in front; None for an undefined synset."""
    expanded = _expand(head.words, synsets)
    if expanded is None:
        return None
    out = []
    for words in expanded:
        mod = words[-2] if len(words) > 1 else ""
        exact = len(words) <= 2
        for noun in lemma_of(words[-1], "noun", both=True):
            out.append((f"{mod} {noun}" if mod else noun, exact))
    return list(dict.fromkeys(out))


def rows_for(verb: Verb, shape: Shape, code: str, line: int, synsets: dict, lemma_of) -> tuple[list[Row], str]:
    """The rows one pattern gives for one verb of its block, or ``([], reason)``."""
    if verb.front:
        return [], "pre-verb word in a compound verb"
    exact = not shape.reduced
    if shape.form == "verb":
        return [Row("verb", " ".join((verb.lemma,) + verb.rest), code, line, exact)], ""
    if verb.rest and (shape.form != "noun" or len(verb.rest) > 1 or verb.rest[0] not in PARTICLES | PREPOSITIONS):
        return [], "compound verb with a particle or prepositional pattern"
    if shape.form in ("particle", "prep"):
        return [Row("verb", f"{verb.lemma} {shape.particle}", code, line, exact)], ""
    keys = noun_keys(shape.head, synsets, lemma_of)
    if keys is None:
        return [], "undefined synset"
    word = verb.rest[0] if verb.rest else shape.particle
    if shape.form == "prep_noun" or (word and word not in PARTICLES | EITHER):  # "ask for" + MEETING
        prefixes = [f"{word}:"]
    elif word in EITHER:  # "take IN refugees" / "challenge IN election": particle or preposition
        prefixes = [f"{word} ", f"{word}:"]
    else:  # "put UP barricade", "beef up" + SECURITY; "" for a plain object
        prefixes = [f"{word} " if word else ""]
    return [Row("light", f"{verb.lemma} {prefix}{key}", code, line, exact and ok)
            for prefix in prefixes for key, ok in keys], ""


def verb_row(verb: Verb) -> tuple[Row | None, str]:
    """The row of a verb line with a code: ``verb ask for``; a noun after the verb: ``light take leave``."""
    if verb.code in (None, "---"):
        return None, ""
    if verb.front:
        return None, "pre-verb word in a compound verb"
    if verb.lemma in AUXILIARIES:
        return None, "auxiliary verb ('is determined')"
    if not verb.rest or (len(verb.rest) == 1 and verb.rest[0] in PARTICLES | PREPOSITIONS):
        return Row("verb", " ".join((verb.lemma,) + verb.rest), verb.code, verb.line, True), ""
    if len(verb.rest) == 1:
        return Row("light", f"{verb.lemma} {verb.rest[0]}", verb.code, verb.line, True), ""
    return None, "compound verb of three words or more"


# ---------------------------------------------------------------- lemmas, CAMEO -> PLOVER, conflicts

class Lemmas:
    """Lemmas as dateline's spaCy model makes them, from its rule lemmatizer's tables (exceptions,
    suffix rules, index of known lemmas): the matcher compares these with the parsed text's lemmas."""

    def __init__(self, nlp=None):
        if nlp is None:
            from dateline.nlp.pipeline import get_nlp

            nlp = get_nlp("auto")
        lookups = nlp.get_pipe("lemmatizer").lookups
        tables = {t: lookups.get_table(t) for t in ("lemma_index", "lemma_exc", "lemma_rules")}
        self.source = f"spaCy {nlp.meta['lang']}_{nlp.meta['name']} {nlp.meta['version']}"
        self.tokenizer = nlp.tokenizer
        self._single: dict[str, bool] = {}
        self.index = {pos: set(tables["lemma_index"].get(pos, ())) for pos in ("noun", "verb")}
        self.exc = {pos: dict(tables["lemma_exc"].get(pos, {})) for pos in ("noun", "verb")}
        self.rules = {pos: list(tables["lemma_rules"].get(pos, ())) for pos in ("noun", "verb")}

    def one_token(self, word: str) -> bool:
        """False for words spaCy splits ("cease-fire", "u.n."): the matcher never sees them whole."""
        if word not in self._single:
            self._single[word] = len(self.tokenizer(word)) == 1
        return self._single[word]

    def _forms(self, word: str, pos: str) -> list[str]:
        return [word[: len(word) - len(old)] + new for old, new in self.rules[pos]
                if word.endswith(old) and len(word) > len(old) + 1]

    def __call__(self, word: str, pos: str, both: bool = False):
        """The verb's lemma (a string), or with ``both`` the noun's lemmas: the singular, and the
        written form too when spaCy may keep it ("talks", "arms": also lemmas of their own)."""
        word = word.lower()
        known = word in self.index[pos]
        if pos == "verb":  # verb lines are base forms ("FOUND" a company, "WOUND") or -ed/-ing forms
            if known:
                return word
            if word in self.exc[pos]:
                return self.exc[pos][word][0]
            forms = [f for f in self._forms(word, pos) if f in self.index[pos]] if word.endswith(("ed", "ing")) else []
            return forms[0] if forms else word
        if word in self.exc[pos]:  # "crises" -> crisis; "data" -> datum, data
            out = [self.exc[pos][word][0]] + ([word] if known else [])
        else:
            forms = self._forms(word, pos)
            indexed = [f for f in forms if f in self.index[pos]]
            if indexed:  # "sanctions" -> sanction; "talks", "arms" (lemmas too) -> talk, talks
                out = indexed[:1] + ([word] if known else [])
            elif known:  # "series", "news", "police"
                out = [word]
            else:  # unknown to the model ("airstrikes"): both
                out = forms[:1] + [word]
        out = list(dict.fromkeys(out))
        return out if both else out[0]


def read_plover_table(path: Path = CAMEO2PLOVER) -> dict[str, tuple[str, str]]:
    table = {}
    for line in path.read_text("utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            cols = line.split("\t") + ["", ""]
            table[cols[0].strip()] = (cols[1].strip(), cols[2].strip())
    return table


def plover_of(code: str, table: dict) -> tuple[str, str] | None:
    """PLOVER (type, mode) of a CAMEO code: the table row of its longest prefix, or None."""
    for end in range(len(code), 1, -1):
        if code[:end] in table:
            return table[code[:end]]
    return None


def specificity(code: str) -> int:
    """CAMEO depth: 3 for a four-digit code (0256), 2 for a three-digit subcategory (195), 1 for a root (190)."""
    if len(code) >= 4:
        return 3
    return 1 if code.endswith("0") else 2


@dataclass
class Built:
    rows: list  # (Row, PLOVER type, mode), in file order
    stats: Counter
    skipped: Counter  # pattern lines skipped, by reason
    unmapped: Counter  # winning CAMEO codes without a PLOVER type, by code
    verbs: int = 0  # distinct verb lemmas (with particles) in the blocks


def _candidates(d: Dictionary, lemmas, stats: Counter, skipped: Counter) -> list[Row]:
    out = []
    for block in d.blocks:
        for verb in block.verbs:
            row, why = verb_row(verb)
            if row is not None:
                out.append(row)
            elif why:
                skipped[f"verb line: {why}"] += 1
        for n, text in block.patterns:
            stats["pattern lines"] += 1
            made, reasons, reduced = 0, [], False
            for variant in alternatives(text):
                shape, why, code = shape_of(variant)
                if code is None:
                    break
                if shape is None:
                    reasons.append(why)
                    continue
                reduced |= shape.reduced
                for verb in block.verbs:
                    rows, why = rows_for(verb, shape, code, n, d.synsets, lemmas)
                    if why:
                        skipped[f"pattern x verb: {why}"] += 1
                    out.extend(rows)
                    made += len(rows)
            if code is None:
                stats["pattern lines coded --- (no event)"] += 1
            elif made:
                stats["pattern lines converted"] += 1
                stats["pattern lines reduced to their first element"] += reduced
            else:
                skipped[reasons[0] if reasons else "no verb of the block can take it"] += 1
    return out


def build(lines: list[str], lemmas, table: dict) -> Built:
    stats, skipped, unmapped = Counter(), Counter(), Counter()
    d = read_dictionary(lines, lemmas)
    stats["transformation lines (~, not converted)"] = d.transformations
    cands = []
    for row in _candidates(d, lemmas, stats, skipped):
        if all(lemmas.one_token(w) for w in re.split("[ :]", row.pattern)):
            cands.append(row)
        else:
            stats["rows dropped: a word spaCy splits into several tokens"] += 1
    groups: dict[tuple, list[tuple[int, Row]]] = {}
    for i, row in enumerate(cands):
        groups.setdefault((row.kind, row.pattern), []).append((i, row))
    chosen = []
    for group in groups.values():
        best = max(group, key=lambda ir: (ir[1].exact, specificity(ir[1].cameo), -ir[0]))
        if len({r.cameo for _, r in group}) > 1:
            stats["conflicts (entries disagree on the code)"] += 1
            kinds = {plover_of(r.cameo, table) for _, r in group}
            stats["conflicts where the PLOVER type or mode differs"] += len(kinds) > 1
        chosen.append(best)
    rows = []
    for _, row in sorted(chosen, key=lambda ir: (ir[1].line, ir[1].kind, ir[1].pattern)):
        mapped = plover_of(row.cameo, table)
        if mapped is None or not mapped[0]:
            unmapped[row.cameo] += 1
            continue
        rows.append((row, mapped[0], mapped[1]))
    verbs = {" ".join((v.lemma,) + v.rest) for b in d.blocks for v in b.verbs}
    return Built(rows, stats, skipped, unmapped, len(verbs))


# ---------------------------------------------------------------- writing

def licence_text(lines: list[str]) -> str | None:
    """The MIT licence quoted in the dictionary's header comment, without the '# ' prefixes."""
    body = [ln[1:].strip() if ln.startswith("#") else None for ln in lines[:120]]
    start = next((i for i, t in enumerate(body) if t and t.startswith("The MIT License")), None)
    if start is None:
        return None
    end = next((i for i in range(start, len(body)) if body[i] and body[i].endswith("SOFTWARE.")
                and "OTHER DEALINGS" in body[i]), None)
    if end is None:
        return None
    return "\n".join(t or "" for t in body[start: end + 1]) + "\n"


def header(built: Built, *, commit: str, file: str, copyright_line: str, command: str, lemmas_source: str) -> list[str]:
    kinds = Counter(r.kind for r, _, _ in built.rows)
    st = built.stats
    out = [
        "# dateline event patterns converted from the CAMEO verb dictionary of PETRARCH2. Generated: do not",
        "# edit; change scripts/build_event_dictionary.py or override rows in event_patterns.tsv / your own file.",
        f"# Source: https://github.com/{REPO} @ {commit}, {file}",
        f"# Licence: MIT, {copyright_line} (full text: event_cameo.LICENSE)",
        f"# Built by: {command}",
        f"# Lemmas: {lemmas_source} (rule lemmatizer tables)",
        "# Read before event_patterns.tsv, whose lines win for the same (kind, pattern); user files come last.",
        "# Columns as docs/events.md, plus origin = the dictionary file and line the row came from.",
        "# light '<verb> <prep>:<noun>' = the noun is the object of that preposition ('ask for:help').",
        f"# Counts: {built.verbs} verbs in {file.rsplit('/', 1)[-1]}; {len(built.rows)} rows: "
        + ", ".join(f"{kinds[k]} {k}" for k in ("verb", "light")),
        f"#   pattern lines {st['pattern lines']}: converted {st['pattern lines converted']} "
        f"(of which reduced to their first element {st['pattern lines reduced to their first element']}), "
        f"coded --- {st['pattern lines coded --- (no event)']}, skipped {sum(v for k, v in built.skipped.items() if not k.startswith(('pattern x', 'verb line')))}",
    ]
    for reason, n in sorted(built.skipped.items(), key=lambda kv: -kv[1]):
        out.append(f"#   skipped: {reason}: {n}")
    out.append(f"#   rows dropped, a word spaCy splits into several tokens ('cease-fire'): "
               f"{st['rows dropped: a word spaCy splits into several tokens']}")
    out.append(f"#   transformation lines (~) not converted: {st['transformation lines (~, not converted)']}")
    out.append(f"#   conflicts (one key, several codes; kept: as written > most specific code > first line): "
               f"{st['conflicts (entries disagree on the code)']}, of which the PLOVER type or mode differs: "
               f"{st['conflicts where the PLOVER type or mode differs']}")
    roots = Counter(code[:2] for code in built.unmapped.elements())
    out.append(f"#   dropped, CAMEO code without a PLOVER type: {sum(built.unmapped.values())} ("
               + ", ".join(f"{k}x {v}" for k, v in sorted(roots.items())) + ")")
    out.append("#kind\tpattern\ttype\tmode\tcameo\tflags\torigin")
    return out


def write(built: Built, out: Path, hdr: list[str], fname: str) -> None:
    lines = list(hdr)
    for row, typ, mode in built.rows:
        lines.append("\t".join((row.kind, row.pattern, typ, mode, row.cameo, "", f"{fname}:{row.line}")))
    data = ("\n".join(lines) + "\n").encode("utf-8")
    if out.suffix == ".gz":  # mtime 0: the same input always gives the same bytes
        out.write_bytes(gzip.compress(data, compresslevel=9, mtime=0))
    else:
        out.write_bytes(data)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--source", required=True, type=Path, help="petrarch2 checkout or extracted copy")
    ap.add_argument("--commit", required=True, help="the petrarch2 commit the source is (recorded in the header)")
    ap.add_argument("--out", required=True, type=Path, help="the .tsv to write (LICENSE written beside it)")
    ap.add_argument("--file", default=DEFAULT_FILE, help=f"dictionary path inside the source (default {DEFAULT_FILE})")
    args = ap.parse_args(argv)
    if not re.fullmatch(r"[0-9a-f]{40}", args.commit):
        ap.error("--commit: a full 40-hex-digit commit id")
    if (args.source / ".git").exists():
        head = subprocess.run(["git", "-C", str(args.source), "rev-parse", "HEAD"], capture_output=True, text=True)
        if head.stdout.strip() != args.commit:
            ap.error(f"--source is at {head.stdout.strip() or '?'}, not --commit {args.commit}")
    path = args.source / args.file
    lines = path.read_text("utf-8", errors="replace").splitlines()
    lic = licence_text(lines)
    if lic is None:
        ap.error(f"{path}: no MIT licence found in its header")
    copyright_line = next(ln for ln in lic.splitlines() if ln.startswith("Copyright"))
    lemmas = Lemmas()
    built = build(lines, lemmas, read_plover_table())
    command = ("python scripts/build_event_dictionary.py "
               + " ".join(f"--{k} {v}" for k, v in (("source", args.source), ("commit", args.commit),
                                                   ("out", args.out))))
    if args.file != DEFAULT_FILE:
        command += f" --file {args.file}"
    fname = Path(args.file).name
    hdr = header(built, commit=args.commit, file=args.file, copyright_line=copyright_line, command=command,
                 lemmas_source=lemmas.source)
    write(built, args.out, hdr, fname)
    args.out.with_name(args.out.name.split(".")[0] + ".LICENSE").write_text(
        f"{args.out.name} is converted from {args.file} of https://github.com/{REPO} at commit {args.commit}\n"
        f"by scripts/build_event_dictionary.py. That file is distributed under this licence:\n\n{lic}", "utf-8")
    print("\n".join(h for h in hdr if h.startswith("# Counts") or h.startswith("#  ")), file=sys.stderr)
    print(f"wrote {args.out} ({args.out.stat().st_size} bytes, {len(built.rows)} rows)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
