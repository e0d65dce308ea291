"""Furniture that both extractors keep, title suffixes, and pages nested deeper than parsers go."""

from __future__ import annotations

import pytest

from library.errors import ImportFailed
from library.html import MAX_DEPTH, Extracted, extract_html
from library.html.clutter import drop_related
from library.model import BlockKind

SENTENCES = [
    "The council voted by nine to four on Tuesday to keep the ferry running for five more years.",
    "Councillors overruled a cost review that had recommended replacing the boat with a bus.",
    "More than two hundred residents crowded into the chamber for a debate that ran past midnight.",
    "The operator said the new contract would let it keep the current crew on the same terms.",
]


def page(
    body: str, title: str = "Harbour town votes to keep its last ferry", head: str = ""
) -> str:
    return (
        "<!DOCTYPE html><html><head><meta charset='utf-8'>"
        f"<title>{title}</title>{head}</head><body>"
        "<nav><a href='/'>Home</a> <a href='/news'>News</a></nav>"
        f"<article><h1>Harbour town votes to keep its last ferry</h1>{body}</article>"
        "<footer>© 2024 Example Ltd. All rights reserved.</footer></body></html>"
    )


def paragraphs(items: list[str]) -> str:
    return "".join(f"<p>{text}</p>" for text in items)


def texts(found: Extracted) -> list[str]:
    return [body for _, body in found.blocks]


def test_jump_links_are_dropped() -> None:
    body = paragraphs(SENTENCES[:2]) + "<p><a href='#next'>Continue reading the main story</a></p>"
    found = extract_html(page(body + paragraphs(SENTENCES[2:])))
    assert texts(found) == SENTENCES


def test_a_trailing_read_more_list_is_dropped() -> None:
    related = (
        "<p><b>Read more:</b></p>"
        "<p><a href='/a'>Bridge repairs delayed again</a></p>"
        "<p><a href='/b'>Harbour plan goes to a public meeting</a></p>"
    )
    found = extract_html(page(paragraphs(SENTENCES) + related))
    assert texts(found) == SENTENCES


def test_labelled_links_and_a_might_also_like_list_at_the_end_are_dropped() -> None:
    blocks: list[tuple[BlockKind, str]] = [("paragraph", s) for s in SENTENCES]
    labelled: list[tuple[BlockKind, str]] = [
        ("paragraph", "Read more: Bridge repairs delayed again"),
        ("paragraph", "Related: Harbour plan goes to a public meeting"),
    ]
    assert drop_related(blocks + labelled) == blocks
    gallery: list[tuple[BlockKind, str]] = [
        ("heading", "You Might Also Like"),
        ("list_item", "Share on Twitter"),
        ("list_item", "A very long slide caption. " * 10),
    ]
    assert drop_related(blocks + gallery) == blocks


def test_a_closing_paragraph_that_mentions_related_news_stays() -> None:
    closing: list[tuple[BlockKind, str]] = [
        (
            "paragraph",
            "Related stories about the ferry have run in this paper since 1998, when it began.",
        ),
    ]
    blocks: list[tuple[BlockKind, str]] = [("paragraph", s) for s in SENTENCES]
    assert drop_related(blocks + closing) == blocks + closing
    # A label followed by a real paragraph is not a list of links.
    labelled: list[tuple[BlockKind, str]] = [
        ("paragraph", "See also:"),
        ("paragraph", " ".join(SENTENCES)),
    ]
    assert drop_related(blocks + labelled) == blocks + labelled


def test_photo_captions_are_not_body_bullets() -> None:
    caption = "The ferry leaving Port Wenlow at dawn, with the harbour wall behind it"
    figure = (
        f"<figure><img src='ferry.jpg' alt='{caption}.'></figure>"
        f"<ul><li><p>{caption}</p></li></ul>"
        f"<figure><img src='crowd.jpg'><figcaption>Residents queue for the public gallery "
        "on Tuesday night</figcaption></figure>"
    )
    found = extract_html(page(paragraphs(SENTENCES[:2]) + figure + paragraphs(SENTENCES[2:])))
    assert texts(found) == SENTENCES
    assert all(kind == "paragraph" for kind, _ in found.blocks)


def test_a_real_list_is_kept() -> None:
    items = "<ul><li>a five-year operating contract;</li><li>a survey of the hull.</li></ul>"
    found = extract_html(page(paragraphs(SENTENCES[:2]) + items + paragraphs(SENTENCES[2:])))
    assert [b for k, b in found.blocks if k == "list_item"] == [
        "a five-year operating contract;",
        "a survey of the hull.",
    ]


@pytest.mark.parametrize(
    "title",
    [
        "Harbour town votes to keep its last ferry | Mara Lindqvist",
        "Harbour town votes to keep its last ferry - Mara Lindqvist - The Coastal Ledger",
        "Harbour town votes to keep its last ferry | The Coastal Ledger",
        "Harbour town votes to keep its last ferry - The Coastal Ledger",
    ],
)
def test_author_and_site_suffixes_leave_the_title(title: str) -> None:
    head = (
        "<meta name='author' content='Mara Lindqvist'>"
        "<meta property='og:site_name' content='The Coastal Ledger'>"
        f"<meta property='og:title' content='{title}'>"
    )
    found = extract_html(page(paragraphs(SENTENCES), title=title, head=head))
    assert found.title == "Harbour town votes to keep its last ferry"
    assert found.authors == ["Mara Lindqvist"]


def deep(depth: int) -> str:
    return page("<div>" * depth + paragraphs(SENTENCES) + "</div>" * depth)


@pytest.mark.parametrize("depth", [300, 1000])
def test_pages_nested_hundreds_of_levels_deep_keep_their_text(depth: int) -> None:
    assert texts(extract_html(deep(depth))) == SENTENCES


def test_a_page_nested_past_the_parser_limit_is_refused_saying_so() -> None:
    with pytest.raises(ImportFailed) as caught:
        extract_html(deep(5000), name="deep.html")
    assert caught.value.source == "deep.html"
    assert f"{MAX_DEPTH:,} levels deep" in caught.value.reason
    assert ".txt or .md" in caught.value.hint
