"""Citation rules from issue 22, each checked on the manual's own example (or on the seed).

MLA 9, APA 7 and Chicago 17: sentence case that keeps proper nouns, partial dates, item types,
languages, particles, adverbs in headline style, nested quotation marks, page locators.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from annotations.citation import format_quote
from annotations.model import Annotation
from library.model import Article, ArticleMeta
from library.store import Library
from tests.conftest import SHARED

SEED = SHARED / "corpus" / "seed" / "boston-secure-communities-2011.txt"
ACCESSED = date(2024, 3, 5)


def _ann(article: ArticleMeta, quote: str, start: int = 0) -> Annotation:
    return Annotation(article.id, start, start + len(quote), quote)


def _cite(article: ArticleMeta, style: str, quote: str = "Words.", start: int = 0) -> str:
    return format_quote(_ann(article, quote, start), article, style, accessed=ACCESSED)


def _seed(tmp_path: Path) -> Article:
    if not SEED.exists():
        pytest.skip(f"the founding article is not at {SEED} (shared corpus absent)")
    return Library(tmp_path / "lib").import_file(SEED).article


# -- the founding article --------------------------------------------------------------------------


def test_seed_apa_paragraph_counts_from_the_first_body_paragraph(tmp_path: Path) -> None:
    article = _seed(tmp_path)
    quote = "Boston was among the first cities in the United States to test the program in 2006"
    start = article.text.index(quote)
    line = _cite(article, "apa", quote, start).splitlines()[0]
    # The standfirst is the subtitle, not a paragraph: this is the body's second paragraph.
    assert line.endswith("(“Boston Threatens,” 2011, para. 2).")
