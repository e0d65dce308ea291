"""The eighth quotation set's documents and halves, chosen mechanically from the texts
scripts/corpus.sh writes, before any labelling or detector run (benchmarks/data/quotes/README.md).

- gv: Global Voices posts of the two exports read (October-December 2004 and May 2012) whose
  body is 600 to 5,000 characters and holds at least two quotations' worth of marks: double
  marks (straight or curly) plus twice its block-quote paragraphs, at least 4.
- rcda: Riverside County District Attorney's releases, without the archive's index page and
  without a release whose body repeats an earlier one's in sorted order, with at least two double
  marks. The site's one copy ("…-team-0" of "…-team") sorts before its original, so the copy is
  the one kept.

From each pool, 26 drawn with random.seed(8); within a source in sorted order, alternately
tuning (T) and held out (H), starting with T. Prints one line a document: half, id, path, and
its SOURCE note. `python scripts/quote_set8.py [TEXTS_DIR]`.
"""

from __future__ import annotations

import random
import re
import sys
from collections.abc import Callable
from pathlib import Path

SIZE = 26
SEED = 8
GV_EXPORTS = {
    "2004": ("8d0e8f8e", "data/full/globalvoicesonline.wordpress.2004 - 123.xml"),
    "2012": ("0fbf3dca", "data/full/globalvoicesonline.wordpress.2012-may.xml"),
}
PUBLIC_RECORD = (
    "a California county's public record, no copyright claimed by statute (treated as public "
    "domain)"
)


def _index(folder: Path) -> dict[str, list[str]]:
    rows = folder.joinpath("index.tsv").read_text(encoding="utf-8").splitlines()
    return {row.split("\t")[0]: row.split("\t") for row in rows if row}


def _body(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").split("\n\n")[1:]


def _marks(paras: list[str]) -> int:
    return len(re.findall('["“”]', "\n".join(paras)))


def gv_pool(folder: Path) -> list[str]:
    pool = []
    for name in sorted(_index(folder)):
        paras = _body(folder / name)
        quotes = sum(p.startswith("> ") for p in paras)
        if 600 <= len("\n\n".join(paras)) <= 5000 and _marks(paras) + 2 * quotes >= 4:
            pool.append(name)
    return pool


def bodies_within(
    folder: Path, size: tuple[int, int], marks: int, skip: Callable[[str], bool], once: bool
) -> list[str]:
    """The texts of the folder's index, in sorted order, whose body (the text after the title) is
    size[0] to size[1] characters with at least `marks` double marks; without those whose name
    `skip` turns away and, when `once`, without a body that repeats an earlier one's."""
    chosen, seen = [], set()
    for name in sorted(_index(folder)):
        body = "\n\n".join(_body(folder / name))
        if skip(name) or (once and body in seen):
            continue
        seen.add(body)
        if size[0] <= len(body) <= size[1] and _marks([body]) >= marks:
            chosen.append(name)
    return chosen


def _archive(name: str) -> bool:
    return name == "news-media-archives.txt"  # the archive's index page, not a release


def rcda_pool(folder: Path) -> list[str]:
    return bodies_within(folder, (0, 10**9), 2, _archive, once=True)


def _id(prefix: str, stem: str) -> str:
    words = stem if len(stem) <= 40 else stem[:40].rsplit("-", 1)[0]
    return f"{prefix}-{words}"


def gv_note(row: list[str]) -> str:
    _name, date, link, author, title = row
    commit, export = GV_EXPORTS[date[:4]]
    return (
        f'Global Voices, "{title}" by {author} ({date}), {link}; CC BY 3.0 (Global Voices\' '
        "attribution policy, https://globalvoices.org/about/global-voices-attribution-policy/); "
        f"text from the WordPress export in OpenGenderTracking/globalvoices@{commit} ({export})"
    )


def rcda_note(row: list[str]) -> str:
    _name, date, link, page, title = row
    return (
        f'Riverside County District Attorney\'s Office news release, "{title}" ({date}), {link}; '
        f"{PUBLIC_RECORD}; text from natmrubin/prosecutor-press-releases@492f02ee "
        f"(text/riverside_ca/{page})"
    )


def split(texts: Path) -> list[str]:
    lines = []
    for source, pool, note in (("gv", gv_pool, gv_note), ("rcda", rcda_pool, rcda_note)):
        folder = texts / source
        index = _index(folder)
        chosen = pool(folder)
        random.seed(SEED)
        chosen = sorted(random.sample(chosen, min(SIZE, len(chosen))))
        for at, name in enumerate(chosen):
            stem = re.sub(r"^\d{4}-\d\d-\d\d-", "", name.removesuffix(".txt"))
            half = "TH"[at % 2]
            lines.append(f"{half} {_id(source, stem)} {source}/{name} {note(index[name])}")
    return lines


if __name__ == "__main__":
    root = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(".corpus/texts")
    print("\n".join(split(root)))
