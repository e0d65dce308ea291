"""The tenth quotation set's documents and halves, chosen mechanically from the texts
scripts/corpus.sh writes, before any labelling or detector run (benchmarks/data/quotes/README.md).

Two house styles no earlier set has:
- hhs: press releases of the U.S. Department of Health and Human Services, 2018-2019 (federal
  works, public domain), as github.com/pballent/Web-Scraping-HHS-Press-Releases scraped them
  (every comma of the text dropped by the scrape), body of 600 to 5,000 characters with at least
  8 double marks (four quotations' worth);
- cook: releases of the Cook County (Illinois) State's Attorney, 2024-2026, from
  natmrubin/prosecutor-press-releases, body of 400 to 8,000 characters with at least 6 double
  marks, without the newspaper pieces the office reprinted ("ICYMI", the Chicago Sun-Times).

Two Cook County pages of the draw turned out, when read, to be newspaper articles under a byline
that the office reprinted without "ICYMI" (cook-crosetti-brand-convicted-stabbing, CBS Chicago;
cook-jury-finds-man-guilty-killing-11-year, the Chicago Tribune): they stay in the split as drawn,
unlabelled (not a public record, and not openly licensed).

From each pool, SIZES[source] drawn with random.seed(10); within a source in sorted order,
alternately tuning (T) and held out (H), starting with T. Prints one line a document: half, id,
path, and its SOURCE note. `python scripts/quote_set10.py [TEXTS_DIR]`.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from quote_set8 import bodies_within  # a pool's rule, as set 8 has it
from quote_set9 import draw  # the draw, as set 9 has it

SEED = 10
SIZES = {"hhs": 30, "cook": 20}
# A source's pool: body length from, to, and the fewest double marks.
RULES = {"hhs": (600, 5000, 8), "cook": (400, 8000, 6)}
# Pages that reprint a newspaper's article or editorial (not the office's own words).
REPRINTS = ("icymi-", "chicago-sun-times-")
HHS = "pballent/Web-Scraping-HHS-Press-Releases@df847e14"
COOK = "natmrubin/prosecutor-press-releases@492f02ee"
_OFFICE = re.compile(
    r"^(hhs-|ccsao-|cook-county-states-attorneys?-(office-)?(eileen-oneill-)?(burkes?-)?)"
)


def pool(folder: Path, source: str) -> list[str]:
    low, high, marks = RULES[source]
    return bodies_within(folder, (low, high), marks, _reprint, once=False)


def _reprint(name: str) -> bool:
    return name.startswith(REPRINTS)


def note(source: str, row: list[str]) -> str:
    if source == "hhs":
        _name, date, link, table, title = row
        return (
            f'News release of the U.S. Department of Health and Human Services, "{title}" '
            f"({date}), {link}; a work of the U.S. federal government, public domain (17 U.S.C. "
            f"105); text from {HHS} ({table}; the scrape dropped every comma)"
        )
    _name, date, page, title = row
    return (
        f"News release of the Cook County (Illinois) State's Attorney's Office, \"{title}\" "
        f"({date}); a U.S. county prosecutor's release for the press, a public record (treated "
        f"as public domain for measurement, as sets 6-9's releases; never committed); text from "
        f"{COOK} (text/cook_il/{page})"
    )


def _stem(name: str) -> str:
    stem = re.sub(r"^\d{4}-\d\d-\d\d-", "", name.removesuffix(".txt"))
    return _OFFICE.sub("", stem)  # the office's name, which most names open with


def split(texts: Path) -> list[str]:
    return draw(texts, SIZES, SEED, pool, note, _stem)


if __name__ == "__main__":
    root = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(".corpus/texts")
    print("\n".join(split(root)))
