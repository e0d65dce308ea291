"""The news-text format as users paste it: glued section kickers, repeated standfirsts, brands.

Each `tests/fixtures/news/*.txt` has a golden `*.golden.json` beside it with what the parser
finds; `MARGIN_UPDATE_GOLDEN=1` rewrites them (review the diff before committing).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from library.parsers import parse_plain_text
from library.store import Library
from tests.conftest import SHARED

NEWS = Path(__file__).resolve().parent.parent / "fixtures" / "news"
UPDATE = os.environ.get("MARGIN_UPDATE_GOLDEN") == "1"
SEED = SHARED / "corpus" / "seed" / "boston-secure-communities-2011.txt"


@pytest.mark.parametrize("source", sorted(NEWS.glob("*.txt")), ids=lambda p: p.stem)
def test_news_text_golden(source: Path) -> None:
    parsed = parse_plain_text(source.read_text(encoding="utf-8"))
    found = {
        "title": parsed.title,
        "section": parsed.section,
        "subtitle": parsed.subtitle,
        "published": parsed.published,
        "authors": parsed.authors,
        "blocks": [[kind, text] for kind, text in parsed.blocks],
    }
    golden = source.with_suffix(".golden.json")
    if UPDATE:
        golden.write_text(json.dumps(found, ensure_ascii=False, indent=2) + "\n", "utf-8")
    assert found == json.loads(golden.read_text(encoding="utf-8"))


def test_the_founding_article_imports_with_its_headline_section_date_and_one_standfirst(
    tmp_path: Path,
) -> None:
    if not SEED.exists():
        pytest.skip(f"the founding article is not at {SEED} (shared corpus absent)")
    article = Library(tmp_path / "lib").import_file(SEED).article
    assert article.title == "Boston threatens to withdraw from Secure Communities"
    assert article.section == "Immigration"
    assert article.published == "2011-07-13"
    # Its standfirst is the body's first two sentences joined by a semicolon, without the final
    # full stop: it becomes the subtitle and the body opens with the first sentence, once.
    assert article.subtitle is not None
    assert article.subtitle.startswith("On Monday Boston mayor Thomas M. Menino announced")
    assert "unless changes are made; Boston was among" in article.subtitle
    assert article.text.count("On Monday Boston mayor Thomas M. Menino announced") == 1
    assert article.text.startswith("On Monday Boston mayor")
    assert article.blocks[1].start > 0
    assert article.text[article.blocks[1].start :].startswith("Boston was among the first")


def test_a_first_paragraph_that_stops_mid_sentence_of_the_body_is_no_standfirst() -> None:
    parsed = parse_plain_text(
        "Title here\n\nThe harbour wall will be repaired; work starts\n\n"
        "The harbour wall will be repaired.\n\nWork starts in June, the port said.\n"
    )
    assert parsed.subtitle is None
    assert parsed.blocks[0][1].startswith("The harbour wall will be repaired; work starts")


@pytest.mark.parametrize(
    ("title", "body"),
    [
        ("McDonald's raises prices again", "Donald said the chain's burgers cost more."),
        ("YouTube removes 1,000 channels", "You can still watch on the Tube, the video site said."),
        ("iPhone sales slow in China", "Phone sales fell, the company said."),
        ("DeSantis signs the housing bill", "Santis is not a word; the governor signed it."),
        ("LeBron James scores 40", "Bron is a nickname, and James played forty minutes."),
        ("PlayStation sales pass 50 million", "The console's Station store, said play testers."),
        ("MacBook Air review", "Book it: the mac laptop is light."),
        ("PowerPoint turns 40", "Slides still rule. PowerPoint was released in 1987."),
        ("WorldCom founder dies", "The world of telecoms mourned. Com was his nickname."),
        ("TechCrunch sold again", "The tech site Crunch, TechCrunch to its readers, was sold."),
        ("FedEx cuts jobs", "Business is slow. Ex-employees said so."),
        ("PayPal fined", "Money: the firm's Pal scheme was fined."),
        ("LinkedIn adds video", "Linked In is how the founder spelt it."),
        ("GitHub outage hits developers", "Technology firms said the Hub went down."),
    ],
)
def test_names_and_brands_are_never_split(title: str, body: str) -> None:
    parsed = parse_plain_text(f"{title}\nPublished 1 May 2024\n\n{body}\n\nAnother paragraph.\n")
    assert parsed.title == title
    assert parsed.section is None


@pytest.mark.parametrize(
    ("title", "body", "section", "headline"),
    [
        (
            "ImmigrationBoston threatens to withdraw",
            "Boston's mayor criticised the immigration program.",
            "Immigration",
            "Boston threatens to withdraw",
        ),
        (
            "PoliticsUS Senate passes the bill",
            "The US Senate voted on Tuesday.",
            "Politics",
            "US Senate passes the bill",
        ),
        # The word after the kicker is corroborated by the rest of the title, not the body.
        (
            "OpinionTrump is wrong, and Trump knows it",
            "The former president was wrong again.",
            "Opinion",
            "Trump is wrong, and Trump knows it",
        ),
    ],
)
def test_glued_kickers_are_split_when_corroborated(
    title: str, body: str, section: str, headline: str
) -> None:
    parsed = parse_plain_text(f"{title}\n\n{body}\n")
    assert (parsed.section, parsed.title) == (section, headline)


def test_glued_word_without_corroboration_is_kept() -> None:
    # "Boston" appears nowhere else: nothing shows that "Immigration" is a kicker.
    parsed = parse_plain_text("ImmigrationBoston threatens to withdraw\n\nThe mayor spoke.\n")
    assert parsed.title == "ImmigrationBoston threatens to withdraw"
    assert parsed.section is None


@pytest.mark.parametrize(
    ("first", "opening", "standfirst"),
    [
        ("The mayor spoke at noon today", "The mayor spoke at noon today.", True),
        ("The mayor spoke at noon today.", "The mayor spoke at noon today.", True),
        (
            "The mayor spoke at noon. She was angry",
            "The mayor spoke at noon. She was angry. Then.",
            True,
        ),
        (
            "‘Enough,’ the mayor said at noon",
            "'Enough,' the mayor said at noon. Then she left.",
            True,
        ),
        ("Will the mayor resign at last?", "Will the mayor resign at last? Nobody knows.", True),
        ("The mayor spoke at noon", "The mayor spoke at noontime on Friday.", False),
        ("The mayor spoke at", "The mayor spoke at noon.", False),
        ("A different standfirst entirely here", "The mayor spoke at noon.", False),
        ("Too short", "Too short. Really.", False),
    ],
)
def test_a_first_paragraph_is_the_standfirst_only_when_the_body_repeats_it(
    first: str, opening: str, standfirst: bool
) -> None:
    parsed = parse_plain_text(f"Title\nPublished 1 May 2024\n\n{first}\n\n{opening}\n\nMore.\n")
    texts = [text for _, text in parsed.blocks]
    if standfirst:
        assert parsed.subtitle == first
        assert texts == [opening, "More."]
    else:
        assert parsed.subtitle is None
        assert texts == [first, opening, "More."]
