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
from library.text import build_text
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


def _article(body: list[str], **meta: object) -> Article:
    text, blocks = build_text([("paragraph", p) for p in body])
    fields: dict[str, object] = {"id": "a", "title": "T", **meta}
    return Article(**fields, text=text, blocks=blocks)  # type: ignore[arg-type]


def _entry(article: ArticleMeta, style: str) -> str:
    return _cite(article, style).split("\n\n")[-1]


# -- APA sentence case (APA 7 6.17) ----------------------------------------------------------------


def test_seed_apa_title_in_sentence_case_keeps_its_proper_nouns(tmp_path: Path) -> None:
    article = _seed(tmp_path)
    article.title = "Boston Threatens to Withdraw from Secure Communities"  # as a site states it
    assert _entry(article, "apa").startswith(
        "Boston threatens to withdraw from Secure Communities. (2011, July 13)."
    )


def test_apa_sentence_case_keeps_names_acronyms_and_the_word_after_a_colon() -> None:
    # APA 7 6.17: proper nouns, acronyms and the first word of a subtitle stay capitalised.
    article = _article(
        [
            "The Senate passed the bill after NATO officials testified in Harbour Street.",
            "A street vote followed; the senate of the street met in the town.",
        ],
        title="Harbour Street Traders Fear The Senate Vote: What NATO Means For Shops",
        authors=["Tom Whitcombe"],
        published="2024-03-05",
    )
    assert _entry(article, "apa").startswith(
        "Whitcombe, T. (2024, March 5). Harbour Street traders fear the Senate vote:"
        " What NATO means for shops."
    )


def test_apa_without_the_article_text_lowercases_nothing() -> None:
    meta = ArticleMeta(id="a", title="Boston Threatens to Withdraw from Secure Communities")
    assert _entry(meta, "apa").startswith("Boston Threatens to Withdraw from Secure Communities.")


def test_an_all_caps_title_is_recased_in_every_style() -> None:
    article = _article(
        ["The Senate passed the climate bill on Monday, the EPA said."],
        title="BREAKING: SENATE PASSES CLIMATE BILL",
        publication="The Riverton Courier",
        published="2024-03-05",
    )
    assert "“Breaking: Senate Passes Climate Bill.”" in _entry(article, "mla")
    assert "Breaking: Senate passes climate bill." in _entry(article, "apa")
    assert "“Breaking: Senate Passes Climate Bill.”" in _entry(article, "chicago")


def test_a_french_title_keeps_its_capitalisation_in_mla_and_chicago() -> None:
    # MLA 9 1.2 and CMOS 11.4: a title in another language is capitalised as that language does.
    article = _article(
        ["La réforme des retraites divise toujours la France, selon un sondage."],
        title="La réforme des retraites divise toujours la France",
        authors=["Claire Martin"],
        publication="Le Monde",
        published="2023-04-14",
        language="fr",
    )
    title = "La réforme des retraites divise toujours la France"
    assert f"“{title}.”" in _entry(article, "mla")
    assert f"“{title}.”" in _entry(article, "chicago")
    assert f"{title}." in _entry(article, "apa")


# -- headline style --------------------------------------------------------------------------------


def test_a_preposition_used_as_an_adverb_is_capitalised() -> None:
    # CMOS 8.159: prepositions used adverbially are capitalised ("Catching On in Britain").
    meta = ArticleMeta(id="a", title="Catching on in Britain", publication="The Economist")
    assert "“Catching On in Britain.”" in _entry(meta, "chicago")
    assert "“Catching On in Britain.”" in _entry(meta, "mla")


# -- names -----------------------------------------------------------------------------------------


def test_particles_stay_in_in_text_citations() -> None:
    # CMOS 8.5 and the CSL non-dropping particle: "van Gogh", "de Gaulle", never "Gogh".
    van_gogh = ArticleMeta(id="a", title="Letters", authors=["Vincent van Gogh"], published="2024")
    both = ArticleMeta(
        id="b", title="Memoirs", authors=["Charles de Gaulle", "W. E. B. Du Bois"],
        published="2024",
    )  # fmt: skip
    assert _cite(van_gogh, "mla").splitlines()[0].endswith("(van Gogh).")
    assert _cite(van_gogh, "apa").splitlines()[0].endswith("(van Gogh, 2024).")
    assert _cite(both, "apa").splitlines()[0].endswith("(de Gaulle & Du Bois, 2024).")
    assert _cite(both, "mla").splitlines()[0].endswith("(de Gaulle and Du Bois).")


# -- quotation marks -------------------------------------------------------------------------------


def test_a_third_level_of_quotation_marks_switches_back_to_double() -> None:
    # CMOS 13.30: “He said, ‘I heard her say “never again.”’” — each level alternates.
    meta = ArticleMeta(id="a", title="T", authors=["Ann Lee"])
    quote = "“He told me ‘never again’ after the vote,” she said."
    line = _cite(meta, "mla", quote).splitlines()[0]
    assert line == "“‘He told me “never again” after the vote,’ she said” (Lee)."
