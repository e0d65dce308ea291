"""The eleventh quotation set's documents and halves, chosen mechanically from the texts
scripts/corpus.sh writes, before any labelling or detector run (benchmarks/data/quotes/README.md).

Press releases of members of the U.S. Congress (works of the federal government, public domain)
as github.com/Hussain-Altamimi/Congress_Press_Releases scraped their sites in August 2024 (each
office's archive as far back as the scrape went), in two sources:
- senate: the offices of Senators Josh Hawley, Mike Lee and Bernie Sanders;
- house: the offices of Representatives Alexandria Ocasio-Cortez, Marjorie Taylor Greene, Mark
  Pocan and Elise Stefanik.
A source's pool: releases whose body (the text after the title) is 600 to 5,000 characters with
at least 10 double marks (five quotations' worth), without a body that repeats an earlier one's
in sorted order (a release the scrape kept twice), and without the newspaper articles an office
reprinted under "ICYMI" (not the office's words, and not public domain).

From each pool, SIZES[source] drawn with random.seed(11); within a source in sorted order,
alternately tuning (T) and held out (H), starting with T. Prints one line a document: half, id,
path, and its SOURCE note. `python scripts/quote_set11.py [TEXTS_DIR]`.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from quote_set8 import bodies_within  # a pool's rule, as set 8 has it
from quote_set9 import draw  # the draw, as set 9 has it

SEED = 11
SIZES = {"senate": 20, "house": 20}
LOW, HIGH, MARKS = 600, 5000, 10  # a body's length from, to, and its fewest double marks
MEMBERS = {
    "hawley": "Senator Josh Hawley (R-Mo.)",
    "lee": "Senator Mike Lee (R-Utah)",
    "sanders": "Senator Bernie Sanders (I-Vt.)",
    "aoc": "Representative Alexandria Ocasio-Cortez (D-N.Y.)",
    "mtg": "Representative Marjorie Taylor Greene (R-Ga.)",
    "pocan": "Representative Mark Pocan (D-Wis.)",
    "stefanik": "Representative Elise Stefanik (R-N.Y.)",
}
CONGRESS = "Hussain-Altamimi/Congress_Press_Releases@955f2a38"
REPRINT = "icymi"  # in a file name: a newspaper's article the office reprinted


def pool(folder: Path, source: str) -> list[str]:
    return bodies_within(folder, (LOW, HIGH), MARKS, _reprint, once=True)


def _reprint(name: str) -> bool:
    return REPRINT in name


def note(source: str, row: list[str]) -> str:
    _name, date, member, title = row
    office = MEMBERS[member.removesuffix(".txt")]
    return (
        f'Press release of the office of {office}, "{title}" ({date or "2024"}); a work of the '
        f"U.S. federal government, public domain (17 U.S.C. 105); text from {CONGRESS} "
        f"(output/{member})"
    )


def _stem(name: str) -> str:
    return name.removesuffix(".txt")


def split(texts: Path) -> list[str]:
    return draw(texts, SIZES, SEED, pool, note, _stem)


if __name__ == "__main__":
    root = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(".corpus/texts")
    print("\n".join(split(root)))
