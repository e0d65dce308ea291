"""The twelfth quotation set's documents and halves, chosen mechanically from the texts
scripts/corpus.sh writes, before any labelling or detector run (benchmarks/data/quotes/README.md).

Posts of two U.S. federal websites that keep them as Markdown in public repositories (works of
the federal government, public domain, and dedicated to it worldwide with CC0), in two sources:
- dgov: digital.gov's news (the General Services Administration's site for the federal web
  community), 2010-2025, github.com/GSA/digitalgov.gov at commit 49795832 (content/news);
- f18: the blog of 18F (GSA's digital consultancy), 2014-2025, github.com/18F/18f.gsa.gov at
  commit 0a55c75e (content/posts).
A source's pool: posts whose body (the text after the title) is 600 to 5,000 characters with at
least 10 double marks (five quotations' worth), without a body that repeats an earlier one's in
sorted order, and without reprints: a post whose front matter names another page as its
canonical address or whose text says it was published elsewhere first ("originally published",
"first published", "cross-posted", ...; not the site's own words, and not always public domain).

From each pool, SIZES[source] drawn with random.seed(12); within a source in sorted order,
alternately tuning (T) and held out (H), starting with T.

An extension, added after the first draw was read (not labelled) and found to quote little (its
marks were mostly terms, titles and scare quotes: some 46 quotations in its 16 held-out posts):
from each source's posts of 600 to 8,000 characters with at least 16 double marks, those not
drawn already, EXTRA[source] more drawn with random.seed(12), alternately T and H in sorted
order starting with T, after the first draw's lines. The first draw is unchanged.

Prints one line a document: half, id, path, and its SOURCE note.
`python scripts/quote_set12.py [TEXTS_DIR]`.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from quote_set8 import _index, bodies_within  # the index and a pool's rule, as set 8 has them
from quote_set9 import draw  # the draw, as set 9 has it

SEED = 12
SIZES = {"dgov": 16, "f18": 16}
LOW, HIGH, MARKS = 600, 5000, 10  # a body's length from, to, and its fewest double marks
EXTRA = {"dgov": 12, "f18": 8}
EXTRA_RULE = (600, 8000, 16)  # the extension's body length from, to, and fewest double marks
SITES = {
    "dgov": ("digital.gov news", "GSA/digitalgov.gov@49795832", "content/news"),
    "f18": ("the 18F blog", "18F/18f.gsa.gov@0a55c75e", "content/posts"),
}
# A post's words that say it was published elsewhere first (a reprint, not the site's own).
REPRINT = re.compile(
    r"\b(originally|first) (published|posted|appeared|ran)\b|cross-?posted|\brepublished\b|"
    r"\bre-?posted\b|\bthis (post|article) (also )?appeared\b",
    re.I,
)


def pool(folder: Path, source: str, rule: tuple[int, int, int] = (LOW, HIGH, MARKS)) -> list[str]:
    index = _index(folder)

    def reprint(name: str) -> bool:
        canonical = index[name][3]
        return bool(canonical) or bool(REPRINT.search(folder.joinpath(name).read_text("utf-8")))

    low, high, marks = rule
    return bodies_within(folder, (low, high), marks, reprint, once=True)


def note(source: str, row: list[str]) -> str:
    _name, date, post, _canonical, title = row
    site, commit, folder = SITES[source]
    return (
        f'Post of {site}, "{title}" ({date}); a work of the U.S. federal government, public '
        f"domain (17 U.S.C. 105), dedicated worldwide with CC0 1.0 by the repository; text from "
        f"{commit} ({folder}/{post})"
    )


def _stem(name: str) -> str:
    return re.sub(r"^\d{4}-\d\d-\d\d-", "", name.removesuffix(".txt"))


def split(texts: Path) -> list[str]:
    first = draw(texts, SIZES, SEED, pool, note, _stem)
    drawn = {line.split()[2] for line in first}

    def rest(folder: Path, source: str) -> list[str]:
        chosen = pool(folder, source, EXTRA_RULE)
        return [name for name in chosen if f"{source}/{name}" not in drawn]

    return first + draw(texts, EXTRA, SEED, rest, note, _stem)


if __name__ == "__main__":
    root = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(".corpus/texts")
    print("\n".join(split(root)))
