"""Format real-looking articles in every style and markup, to audit citations against the manuals.

Usage: python scripts/citation_audit.py [OUT]  (prints to stdout without OUT). The articles are
the bundled samples with the test highlights, the founding example (the news-format fixture, as
imported) and constructed ones, each named for the rule it exercises.
"""

from __future__ import annotations

import sys
import tempfile
from datetime import date
from pathlib import Path

from annotations.citation import format_quote, style_names
from annotations.model import Annotation
from library.model import Article
from library.store import Library
from library.text import build_text

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
from tests.annotations.samples import sample_annotations, sample_library  # noqa: E402

ACCESSED = date(2024, 3, 5)
MARKUPS = ("text", "markdown", "html")
FIXTURE = REPO / "tests" / "fixtures" / "news" / "boston-secure-communities.txt"


def _article(
    key: str, quote: str, context: str = "", **meta: object
) -> tuple[str, Article, Annotation]:
    """A constructed article whose text holds the quote inside a paragraph of context."""
    text, blocks = build_text([("paragraph", f"{context} {quote} After.".strip())])
    fields = {"id": key, "title": "Untitled", **meta}
    article = Article(**fields, text=text, blocks=blocks)  # type: ignore[arg-type]
    return (
        key,
        article,
        Annotation.from_span(
            key, text, text.index(quote), text.index(quote) + len(quote), id=f"{key[:8]:0<8}-audit"
        ),
    )


CONSTRUCTED = [
    _article(
        "group-ap",
        "The storm made landfall at dawn.",
        "Before.",
        title="Hurricane makes landfall in Florida",
        authors=["Associated Press"],
        publication="The New York Times",
        published="2020-08-27",
        url="https://example.com/ap",
    ),
    _article(
        "group-board",
        "The city deserves better.",
        "Before.",
        title="the mayor’s plan is not enough",
        authors=["The Editorial Board"],
        publication="The Boston Globe",
        published="2011-07-14",
        url="https://example.com/ed",
    ),
    _article(
        "group-reuters",
        "Markets fell.",
        "Before.",
        title="Stocks slide as rates rise",
        authors=["Reuters"],
        publication="Reuters",
        published="2022-05-02",
        url="https://example.com/r",
    ),
    _article(
        "group-agency",
        "Detainers were issued.",
        "Before.",
        title="Secure Communities: a guide",
        authors=["U.S. Immigration and Customs Enforcement"],
        published="2011-06-01",
        url="https://example.com/ice",
    ),
    _article(
        "particle-van",
        "The symphony was new.",
        "Before.",
        title="Letters on the ninth symphony",
        authors=["Ludwig van Beethoven"],
        publication="Musical Times",
        published="1824-05-07",
    ),
    _article(
        "particle-cap",
        "The treasury was empty.",
        "Before.",
        title="On the independent treasury",
        authors=["Martin Van Buren"],
        publication="The Globe",
        published="1837-09-04",
    ),
    _article(
        "suffix-jr",
        "Injustice anywhere is a threat to justice everywhere.",
        "Before.",
        title="Letter from Birmingham jail",
        authors=["Martin Luther King Jr."],
        publication="The Atlantic",
        published="1963-08-01",
        url="https://example.com/mlk",
    ),
    _article(
        "no-author",
        "Turnout was low.",
        "Before.",
        title="voters stay home as the city decides on its budget for the next decade",
        publication="The Riverton Courier",
        published="2026-03-02",
        url="https://example.com/na",
    ),
    _article(
        "no-author-no-pub",
        "Turnout was low.",
        "Before.",
        title="voters stay home as the city decides on its budget for the next decade",
        published="2026-03-02",
    ),
    _article(
        "subtitle",
        "Buses will still run.",
        "Before.",
        title="Harbour Street trial: what changes, and when",
        authors=["Ann Lee"],
        publication="The Riverton Review",
        published="2026-03-28",
        url="https://example.com/sub",
    ),
    _article(
        "inch-mark",
        'Crews laid a 36" pipe under the street.',
        "Before.",
        title="Water main replaced",
        authors=["Ann Lee"],
        publication="Courier",
        published="2026-01-05",
    ),
    _article(
        "nested-quotes",
        'He called it "a promise kept" and left.',
        "Before.",
        title='Mayor hails "historic" vote',
        authors=["Ann Lee"],
        publication="Courier",
        published="2026-01-05",
    ),
    _article(
        "inner-stop",
        "Menino said, ‘We will not wait.’",
        "Before.",
        title="Boston may quit program",
        authors=["Maria Sacchetti"],
        publication="The Boston Globe",
        published="2011-07-13",
        url="https://example.com/stop",
    ),
]


def _fixture(root: Path) -> list[tuple[str, Article, Annotation]]:
    library = Library(root / "boston")
    library.ensure()
    meta = library.import_file(FIXTURE).article
    article = library.get(meta.id)
    words = "It should be fixed, or it should be scrapped."
    start = article.text.index(words)
    ann = Annotation.from_span(
        article.id, article.text, start, start + len(words), id="b0570000-audit"
    )
    return [("boston-fixture", article, ann)]


def cases(root: Path) -> list[tuple[str, Article, Annotation]]:
    """Every (name, article, highlight) the audit formats."""
    out: list[tuple[str, Article, Annotation]] = []
    for article, anns in sample_annotations(sample_library(root / "samples")).values():
        out += [(f"sample-{article.id[:24]}", article, ann) for ann in anns[:1]]
    return out + _fixture(root) + CONSTRUCTED


def main() -> int:
    """Print (or write) every case in every style and markup."""
    parts: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        for name, article, ann in cases(Path(tmp)):
            for style in style_names():
                for markup in MARKUPS:
                    out = format_quote(ann, article, style, accessed=ACCESSED, markup=markup)  # type: ignore[arg-type]
                    parts.append(f"### {name} / {style} / {markup}\n{out}\n")
    report = "\n".join(parts)
    if len(sys.argv) > 1:
        Path(sys.argv[1]).write_text(report, encoding="utf-8")
    else:
        sys.stdout.write(report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
