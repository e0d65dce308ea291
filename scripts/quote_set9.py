"""The ninth quotation set's documents and halves, chosen mechanically from the texts
scripts/corpus.sh writes, before any labelling or detector run (benchmarks/data/quotes/README.md).

Three district attorneys' releases of three house styles, from natmrubin/prosecutor-press-releases:
- kings: the Brooklyn (Kings County, New York) District Attorney's releases, 2014-2026, whose
  body is 600 to 5,000 characters with at least 8 double marks (four quotations' worth);
- dallas: the Dallas County (Texas) District Attorney's releases as their PDFs' text, body 600 to
  5,000 characters with at least 10 double marks, without the Spanish translations of English
  releases (a file name with "spanish");
- harris: the Harris County (Texas) District Attorney's releases (the scrape keeps their first
  paragraphs only), body of 400 characters or more with at least 4 double marks.

From each pool, SIZES[source] drawn with random.seed(9); within a source in sorted order,
alternately tuning (T) and held out (H), starting with T. Prints one line a document: half, id,
path, and its SOURCE note. `python scripts/quote_set9.py [TEXTS_DIR]`.
"""

from __future__ import annotations

import random
import re
import sys
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from quote_set8 import _id, _index, bodies_within  # the index, ids and pool, as set 8 has them

SEED = 9
SIZES = {"kings": 22, "dallas": 22, "harris": 8}
# A source's pool: body length from, to, and the fewest double marks.
RULES = {"kings": (600, 5000, 8), "dallas": (600, 5000, 10), "harris": (400, 10**9, 4)}
OFFICES = {
    "kings": ("the Brooklyn (Kings County, New York) District Attorney's Office", "kings_ny"),
    "dallas": ("the Dallas County (Texas) District Attorney's Office", "dallas_tx"),
    "harris": ("the Harris County (Texas) District Attorney's Office", "harris_tx"),
}
PUBLIC_RECORD = (
    "a U.S. county prosecutor's release for the press, a public record (treated as public domain "
    "for measurement, as sets 6-8's releases; never committed)"
)


def _spanish(name: str) -> bool:
    return "spanish" in name  # Dallas County's translation of a release it also holds


def pool(folder: Path, source: str) -> list[str]:
    low, high, marks = RULES[source]
    return bodies_within(folder, (low, high), marks, _spanish, once=False)


def note(source: str, row: list[str]) -> str:
    _name, date, page, title = row
    office, folder = OFFICES[source]
    return (
        f'News release of {office}, "{title}" ({date}); {PUBLIC_RECORD}; text from '
        f"natmrubin/prosecutor-press-releases@492f02ee (text/{folder}/{page})"
    )


def draw(
    texts: Path,
    sizes: dict[str, int],
    seed: int,
    pool: Callable[[Path, str], list[str]],
    note: Callable[[str, list[str]], str],
    stem: Callable[[str], str],
) -> list[str]:
    """A set's split: from each source's pool, sizes[source] drawn with random.seed(seed); within
    a source in sorted order, alternately tuning (T) and held out (H). A line a text: its half,
    id (the source and stem(file name)), file and SOURCE note."""
    lines = []
    for source, size in sizes.items():
        folder = texts / source
        index = _index(folder)
        random.seed(seed)
        chosen = sorted(random.sample(pool(folder, source), size))
        for at, name in enumerate(chosen):
            half = "TH"[at % 2]
            ident = _id(source, stem(name))
            lines.append(f"{half} {ident} {source}/{name} {note(source, index[name])}")
    return lines


def _stem(name: str) -> str:
    return re.sub(r"^\d{4}-(\d\d-\d\d-)?", "", name.removesuffix(".txt"))


def split(texts: Path) -> list[str]:
    return draw(texts, SIZES, SEED, pool, note, _stem)


if __name__ == "__main__":
    root = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(".corpus/texts")
    print("\n".join(split(root)))
