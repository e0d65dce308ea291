"""Plain-text news and Markdown parsing: metadata lines, standfirst, quotes, lists, front matter."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from library.dates import parse_date
from library.parsers import parse_markdown, parse_plain_text, split_authors

NEWS = """\
Boston threatens to withdraw from Secure Communities

Published 13 July 2011
By Maria Sacchetti

Mayor says federal program is eroding trust between police and immigrants.

Boston Mayor Thomas M. Menino said yesterday that the city may withdraw from a federal \
immigration program, known as Secure Communities, that he said was “eroding trust” \
between police and immigrants.

The program shares fingerprints of everyone arrested with federal immigration officials.

> The program has been a disaster,’’ Menino wrote. ‘‘It should be scrapped.

Federal officials said the program was mandatory and would continue.
"""


def test_plain_text_news_header_and_body() -> None:
    parsed = parse_plain_text(NEWS)
    assert parsed.title == "Boston threatens to withdraw from Secure Communities"
    assert parsed.published == "2011-07-13"
    assert parsed.authors == ["Maria Sacchetti"]
    # A short first paragraph that the body does not repeat is body text: it stays highlightable.
    assert parsed.subtitle is None
    assert parsed.blocks[0] == (
        "paragraph",
        "Mayor says federal program is eroding trust between police and immigrants.",
    )
    kinds = [kind for kind, _ in parsed.blocks]
    assert kinds == ["paragraph", "paragraph", "paragraph", "blockquote", "paragraph"]
    # Hard-wrapped lines join with a space; curly quotes are kept exactly.
    assert "“eroding trust”" in parsed.blocks[1][1]
    # The typewriter marks become curly double quotes, and the block quote, which continues a
    # quotation, opens and closes.
    assert (
        parsed.blocks[3][1]
        == "“The program has been a disaster,” Menino wrote. “It should be scrapped.”"
    )


@pytest.mark.parametrize(
    ("line", "iso"),
    [
        ("Published 13 July 2011", "2011-07-13"),
        ("Published: July 13, 2011", "2011-07-13"),
        ("Published on Wednesday 13 July 2011", "2011-07-13"),
        ("Updated Jul. 13, 2011", "2011-07-13"),
        ("Date: 2011-07-13", "2011-07-13"),
        ("13 July 2011", "2011-07-13"),
    ],
)
def test_date_lines_become_metadata(line: str, iso: str) -> None:
    parsed = parse_plain_text(f"Title\n{line}\n\nBody paragraph one.\n\nTwo.")
    assert parsed.published == iso
    assert all(line not in text for _, text in parsed.blocks)


def test_dates() -> None:
    assert parse_date("31 February 2011") is None
    assert parse_date("Sept. 3, 2020") == "2020-09-03"
    assert parse_date("2020-09-03T10:00:00Z") == "2020-09-03"
    assert parse_date("not a date") is None
    assert parse_date("") is None


def test_bylines() -> None:
    assert split_authors("Jane Doe and John Roe") == ["Jane Doe", "John Roe"]
    assert split_authors("Jane Doe, Globe Staff") == ["Jane Doe"]
    assert split_authors("Ann Lee, Bo Chan & Cy Dee") == ["Ann Lee", "Bo Chan", "Cy Dee"]


def test_a_labelled_standfirst_is_the_subtitle_and_leaves_the_body_alone() -> None:
    labelled = NEWS.replace(
        "By Maria Sacchetti\n\nMayor says", "By Maria Sacchetti\nStandfirst: Mayor says"
    )
    parsed = parse_plain_text(labelled)
    assert parsed.subtitle == (
        "Mayor says federal program is eroding trust between police and immigrants."
    )
    assert [kind for kind, _ in parsed.blocks] == [
        "paragraph",
        "paragraph",
        "blockquote",
        "paragraph",
    ]


def test_no_standfirst_without_header() -> None:
    parsed = parse_plain_text("Title\n\nShort first paragraph.\n\nSecond.\n\nThird.")
    assert parsed.subtitle is None
    assert len(parsed.blocks) == 3


def test_multi_paragraph_block_quote_and_lists() -> None:
    text = "T\n\nIntro.\n\n> one\n> still one\n>\n> two\n\n- apple\n- pear\n* plum\n1. first"
    parsed = parse_plain_text(text)
    assert parsed.blocks == [
        ("paragraph", "Intro."),
        ("blockquote", "one still one"),
        ("blockquote", "two"),
        ("list_item", "apple"),
        ("list_item", "pear"),
        ("list_item", "plum"),
        ("list_item", "first"),
    ]


def test_labelled_fields() -> None:
    text = (
        "T\nPublication: The Globe\nSection: Metro\nhttps://example.org/a\n\nBody one.\n\nBody two."
    )
    parsed = parse_plain_text(text)
    assert parsed.publication == "The Globe"
    assert parsed.section == "Metro"
    assert parsed.url == "https://example.org/a"


def test_markdown_front_matter() -> None:
    parsed = parse_markdown(
        "---\ntitle: Hello\nauthor: Jane Doe and Bo Chan\ndate: 2011-07-13\n"
        "publication: The Globe\ntags: [a, b]\nurl: https://x.org\n---\n# Hello\n\nBody *text*."
    )
    assert parsed.title == "Hello"
    assert parsed.authors == ["Jane Doe", "Bo Chan"]
    assert parsed.published == "2011-07-13"
    assert parsed.publication == "The Globe"
    assert parsed.tags == ["a", "b"]
    assert parsed.url == "https://x.org"
    assert parsed.blocks == [("paragraph", "Body text.")]  # repeated title heading dropped


def test_markdown_structure_without_front_matter() -> None:
    parsed = parse_markdown(
        "# The title\n\nBy Jane Doe\n\n## Section\n\nA [link](http://x) and `code`.\n\n"
        "> quoted\n>\n> again\n\n- item one\n- item two\n\n![img](x.png)\n"
    )
    assert parsed.title == "The title"
    assert parsed.authors == ["Jane Doe"]
    assert parsed.blocks == [
        ("heading", "Section"),
        ("paragraph", "A link and code."),
        ("blockquote", "quoted"),
        ("blockquote", "again"),
        ("list_item", "item one"),
        ("list_item", "item two"),
    ]


def test_markdown_with_broken_front_matter_is_still_read() -> None:
    parsed = parse_markdown("---\ntitle: [unclosed\n---\nBody.")
    assert parsed.blocks


def _news(*paragraphs: str) -> str:
    return "A headline for the quotes\n\nPublished 2 May 2024\n\n" + "\n\n".join(paragraphs) + "\n"


def test_typewriter_quotes_become_curly_where_used_consistently() -> None:
    parsed = parse_plain_text(
        _news(
            "‘‘We will go on,’’ she said. ‘‘Nothing has changed.’’",
            "He said: ‘‘It started in May.",  # a quotation over two paragraphs
            "‘‘And it is not over,’’ he added.",
            "> It was a mistake,’’ the letter said. ‘‘We regret it.",
        )
    )
    texts = [text for _, text in parsed.blocks]
    assert texts == [
        "“We will go on,” she said. “Nothing has changed.”",
        "He said: “It started in May.",
        "“And it is not over,” he added.",
        "“It was a mistake,” the letter said. “We regret it.”",
    ]


@pytest.mark.parametrize(
    "paragraph",
    [
        "Shops’’ owners and the ‘‘ marks here are not quotations.",  # ’’ before any opening
        "‘‘One ‘‘two’’ three.",  # two openings in a row
    ],
)
def test_typewriter_marks_used_otherwise_are_kept(paragraph: str) -> None:
    parsed = parse_plain_text(_news(paragraph, "‘‘Fine,’’ he said."))
    assert parsed.blocks[0][1] == paragraph
    assert parsed.blocks[1][1] == "‘‘Fine,’’ he said."  # one article, one decision


def test_a_block_quote_that_opens_itself_gets_no_extra_marks() -> None:
    parsed = parse_plain_text(_news("> ‘‘It was a mistake,’’ the letter said."))
    assert parsed.blocks == [("blockquote", "“It was a mistake,” the letter said.")]


pieces = st.lists(
    st.sampled_from(["‘‘", "’’", "word", " ", ",", "said.", "’", "“", "”"]), max_size=30
).map("".join)


@given(st.lists(st.tuples(st.booleans(), pieces), min_size=1, max_size=5))
def test_only_quote_marks_ever_change(raw: list[tuple[bool, str]]) -> None:
    paragraphs = [("> " if quote else "") + text for quote, text in raw if text.strip(" >")]
    if not paragraphs:
        return
    parsed = parse_plain_text(_news(*paragraphs))

    def words(text: str) -> str:
        return "".join(c for c in text if c not in "‘’“” ")

    assert [words(t) for _, t in parsed.blocks] == [words(p.lstrip("> ")) for p in paragraphs]
