"""The CAMEO verb dictionary as event patterns: the converter (scripts/build_event_dictionary.py) on a
small dictionary in the PETRARCH2 format, the shipped conversion, and the loader's order and origins."""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path

import pytest

from dateline.errors import DatelineError
from dateline.extract.events import lexicon as lexmod
from dateline.extract.events.lexicon import get_lexicon, read_patterns
from dateline.tsv import read_text

ROOT = Path(__file__).resolve().parents[3]
SCRIPT = ROOT / "scripts" / "build_event_dictionary.py"
SHIPPED = ROOT / "dateline" / "lexicons" / "event_cameo.tsv.gz"
COMMIT = "676801cd9cb2924bbbad09f86d15c9323e7097bf"

MIT = """# The MIT License (MIT)
#
# Copyright (c) 2015 Open Event Data Alliance
#
# Permission is hereby granted, free of charge, to any person obtaining a copy of this software.
# THE SOFTWARE IS PROVIDED "AS IS". IN NO EVENT SHALL THE AUTHORS BE LIABLE FOR ANY CLAIM, ARISING FROM,
# OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE.
"""

# A small verb dictionary in the PETRARCH2 format, one construct a line (see the comments).
FIXTURE = MIT + """
####### SYNONYM SETS #######

&WEAPON
+ROCKET
+MORTAR_BOMB
+SHELLS

####### VERB PATTERNS #######

---  HIT   [190]  ---
HIT {HITS HITTING}
SHELL [195]
+BEAT_UP {+BEATS_UP +BEATEN_UP} [182]
RE_+STRIKE [190]
- * &WEAPON                                        [195]   # synset
- * {AIR STRIKES}                                  [195]   # modifier + head, plural head
- * (WITH {HEAVY ARTILLERY})                       [194]   # object of a preposition
- * (BY/WITH GRENADE)                              [193]   # alternatives
- * (AGAINST)                                      [:190]  # verb + preposition, [:B] code
- * TARGET (IN CITY)                               [195]   # narrowing phrase dropped: reduced
- * TARGET                                         [190]   # as written: wins over the reduced one
- $ TROOPS * VILLAGE                               [193]   # subject constraint: skipped
- * SERIES (OF ATTACKS)                            [190]   # an 'of' phrase: skipped
- * OUT VIEWS                                      [010]   # statement: no PLOVER type
- * UP BARRICADE                                   [144]   # particle + noun
- * PLAN                                           [---]   # no event
~ a (a b HIT) SAY = a b 190

---  ASK   [---]  ---
+ASK_FOR {+ASKED_FOR +ASKING_FOR +ASKS_FOR} [020]
ASK [020]
QUERY
- * (FOR HELP)                                     [0231:020]
- * HELP                                           [020]
- * MEETING                                        [020]
- * MEETING                                        [026]   # conflict: the more specific code wins
"""


@pytest.fixture(scope="module")
def build():
    spec = importlib.util.spec_from_file_location("build_event_dictionary", SCRIPT)
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod  # dataclasses look their module up
    spec.loader.exec_module(mod)
    yield mod
    for name in (spec.name, "petrarch_verbs"):
        sys.modules.pop(name, None)
    if str(SCRIPT.parent) in sys.path:
        sys.path.remove(str(SCRIPT.parent))


@pytest.fixture(scope="module")
def converted(build, nlp):
    built = build.build(FIXTURE.splitlines(), build.Lemmas(nlp), build.read_plover_table())
    return built, {(r.kind, r.pattern): (typ, mode, r.cameo, r.line) for r, typ, mode in built.rows}


def line_of(text: str) -> int:
    return next(n for n, ln in enumerate(FIXTURE.splitlines(), 1) if text in ln)


def test_verbs_take_their_own_code_or_the_block_code(converted):
    _, rows = converted
    assert rows[("verb", "hit")] == ("ASSAULT", "", "190", line_of("HIT {HITS"))
    assert rows[("verb", "shell")][2] == "195"
    assert rows[("verb", "beat up")][:3] == ("ASSAULT", "beat", "182")  # compound verb + particle
    assert rows[("verb", "ask for")][:3] == ("REQUEST", "", "020")
    assert rows[("verb", "ask")][2] == "020"
    assert ("verb", "query") not in rows  # block code --- and no code of its own


def test_block_patterns_apply_to_every_verb_and_synsets_expand(converted):
    _, rows = converted
    weapon = line_of("* &WEAPON")
    for verb in ("hit", "shell"):
        for noun in ("rocket", "mortar bomb", "shell"):  # SHELLS -> its lemma
            assert rows[("light", f"{verb} {noun}")] == ("ASSAULT", "heavy-weapons", "195", weapon)
    assert rows[("light", "beat up rocket")][2] == "195"  # particle compound + object noun
    assert rows[("light", "hit air strike")][2] == "195"  # {MOD HEAD}: modifier + head lemma
    assert rows[("light", "hit up barricade")][:3] == ("PROTEST", "obstruct", "144")


def test_prepositional_patterns(converted):
    _, rows = converted
    assert rows[("light", "hit with:heavy artillery")][2] == "194"
    assert rows[("light", "hit by:grenade")][2] == rows[("light", "hit with:grenade")][2] == "193"
    assert rows[("verb", "hit against")][2] == "190"  # [:190]
    assert rows[("light", "ask for:help")][2] == "0231"  # [0231:020] gives 0231, and beats HELP [020]
    assert rows[("light", "query for:help")][2] == "0231"
    assert ("light", "beat up with:heavy artillery") not in rows  # compound verb + preposition: skipped


def test_conflicts_and_skips(converted):
    built, rows = converted
    assert rows[("light", "hit target")] == ("ASSAULT", "", "190", line_of("* TARGET   "))  # as written wins
    assert rows[("light", "ask meeting")][2] == "026"  # most specific code
    assert built.stats["conflicts (entries disagree on the code)"] >= 3
    assert not any(p.endswith(("village", "series", "plan", "view")) for _, p in rows)
    assert not any(p.startswith("strike") or "re strike" in p for _, p in rows)  # RE_+STRIKE: skipped
    assert built.skipped["subject constraint (words before the verb)"] == 1
    assert built.skipped["an 'of' phrase carries the content ('series of attacks')"] == 1
    assert built.skipped["verb line: pre-verb word in a compound verb"] == 1
    assert built.unmapped["010"] >= 1 and built.stats["pattern lines coded --- (no event)"] == 1
    assert built.stats["transformation lines (~, not converted)"] == 1


def test_command_writes_header_licence_and_loadable_rows(build, nlp, tmp_path):
    src = tmp_path / "petrarch2"
    (src / "petrarch2/data/dictionaries").mkdir(parents=True)
    (src / "petrarch2/data/dictionaries/CAMEO.2.0.txt").write_text(FIXTURE, "utf-8")
    out = tmp_path / "event_cameo.tsv.gz"
    assert build.main(["--source", str(src), "--commit", COMMIT, "--out", str(out)]) == 0
    text = read_text(out)
    assert f"petrarch2 @ {COMMIT}, petrarch2/data/dictionaries/CAMEO.2.0.txt" in text
    assert "Licence: MIT, Copyright (c) 2015 Open Event Data Alliance" in text
    assert f"# Built by: python scripts/build_event_dictionary.py --source {src} --commit {COMMIT}" in text
    assert "Copyright (c) 2015 Open Event Data Alliance" in (tmp_path / "event_cameo.LICENSE").read_text("utf-8")
    lex = get_lexicon(str(out))
    p = lex.light[("ask", "for:help")]
    assert (p.type, p.cameo, p.origin) == ("REQUEST", "0231", f"CAMEO.2.0.txt:{line_of('(FOR HELP)')}")
    with pytest.raises(SystemExit):
        build.main(["--source", str(src), "--commit", "abc", "--out", str(out)])


# ---------------------------------------------------------------- the shipped file and the loader

def test_shipped_dictionary_loads_with_origins():
    lex = get_lexicon("")
    p = lex.light[("put", "up barricade")]
    assert (p.type, p.mode, p.cameo) == ("PROTEST", "obstruct", "144")
    assert re.fullmatch(r"CAMEO\.2\.0\.txt:\d+", p.origin)
    assert lex.light[("look", "into:allegation")].origin == "CAMEO.2.0.txt:793"  # (INTO ALLEGATION)
    p = lex.verbs[("clamp", "down")]  # a compound verb ("+CLAMP_DOWN") with its particle
    assert (p.type, p.cameo, p.origin) == ("COERCE", "173", "CAMEO.2.0.txt:1228")
    assert lex.light[("stage", "demonstration")].type == "PROTEST"


def test_shipped_header_matches_its_rows():
    text = read_text(SHIPPED)
    rows = [ln.split("\t") for ln in text.splitlines() if ln and not ln.startswith("#")]
    m = re.search(r"# Counts: \d+ verbs in CAMEO\.2\.0\.txt; (\d+) rows: (\d+) verb, (\d+) light", text)
    assert m and int(m[1]) == len(rows)
    assert (int(m[2]), int(m[3])) == (sum(r[0] == "verb" for r in rows), sum(r[0] == "light" for r in rows))
    assert f"@ {COMMIT}" in text and "MIT" in text
    assert all(len(r) == 7 and r[6].startswith("CAMEO.2.0.txt:") for r in rows)
    assert len({(r[0], r[1]) for r in rows}) == len(rows)  # one row per (kind, pattern)
    assert "Copyright (c) 2015 Open Event Data Alliance" in SHIPPED.with_name("event_cameo.LICENSE").read_text("utf-8")


def test_own_patterns_win_over_the_dictionary_and_user_files_last(tmp_path):
    assert lexmod.BUNDLED == ("event_cameo.tsv.gz", "event_patterns.tsv")
    dictionary = {(r[0], r[1]): r for r in (ln.split("\t") for ln in read_text(SHIPPED).splitlines()
                                            if ln and not ln.startswith("#"))}
    assert dictionary[("verb", "dismiss")][2] == "ACCUSE"  # the dictionary says ACCUSE 110 ...
    lex = get_lexicon("")
    p = lex.verbs[("dismiss", None)]
    assert p.type == "REJECT" and p.origin.startswith("event_patterns.tsv:")  # ... our own line wins
    mine = tmp_path / "mine.tsv"
    mine.write_text("verb\tdismiss\tACCUSE\tdisapprove\t111\n", "utf-8")
    p = get_lexicon(str(mine)).verbs[("dismiss", None)]
    assert (p.type, p.origin) == ("ACCUSE", "mine.tsv:1")


def test_the_dictionary_only_fills_gaps_in_our_own_verbs_and_modality_words():
    dictionary = {(r[0], r[1]) for r in (ln.split("\t") for ln in read_text(SHIPPED).splitlines()
                                         if ln and not ln.startswith("#"))}
    assert {("verb", "meet at"), ("light", "ask for:help"), ("verb", "plan"), ("verb", "prepare")} <= dictionary
    lex = get_lexicon("")
    assert lex.verbs[("meet", None)].origin.startswith("event_patterns.tsv:")
    assert ("meet", "at") not in lex.verbs  # "meet" is ours: the dictionary's "meet at" (AGREE) is not used
    assert ("ask", "for:help") not in lex.light  # "ask" is ours too
    assert ("plan", None) not in lex.verbs and ("prepare", None) not in lex.verbs  # modality words
    assert ("clamp", "down") in lex.verbs  # a verb we do not define comes from the dictionary


def test_origin_column_and_prep_noun_keys(tmp_path):
    types = get_lexicon("").types
    f = tmp_path / "pats.tsv"
    f.write_text("# comment\n"
                 "light\task for:help\tREQUEST\t\t020\t\tCAMEO.2.0.txt:930\n"
                 "light\tlook into:allegation\tACCUSE\tinvestigate\t090\n"
                 "verb\tsnub\tREJECT\t\t120\tframe\n", "utf-8")
    a, b, c = read_patterns(f, types)
    assert (a.origin, b.origin, c.origin) == ("CAMEO.2.0.txt:930", "pats.tsv:3", "pats.tsv:4")
    assert c.frame and not a.frame
    lex = get_lexicon(str(f))
    assert lex.light[("look", "into:allegation")] == b and "look" in lex.light_verbs
    for bad in ("verb\task for:help\tREQUEST\t\t020\n", "light\task:for help\tREQUEST\t\t020\n",
                "light\task for:\tREQUEST\t\t020\n", "light\task for:help now:x\tREQUEST\t\t020\n"):
        f.write_text(bad, "utf-8")
        with pytest.raises(DatelineError) as err:
            read_patterns(f, types)
        assert err.value.code == "E500" and "pats.tsv:1" in err.value.message
