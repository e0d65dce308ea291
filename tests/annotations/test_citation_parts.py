"""The shared pieces of the citation styles: names, title case, nested quotes, the card's marks,
and what a citation lacks."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from annotations.citation import (
    format_quote,
    is_group_author,
    missing_fields,
    missing_message,
    plain_author,
    short_cite,
)
from annotations.citation.quotes import nest_quotes
from annotations.model import Annotation
from annotations.quotemarks import frame, framed
from library.model import Article, ArticleMeta
from library.text import build_text

# -- names -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    [
        "Associated Press",
        "The Associated Press",
        "Reuters",
        "The Editorial Board",
        "Globe Staff",
        "Agence France-Presse",
        "U.S. Department of Justice",
        "Centers for Disease Control and Prevention",
        "Tribune News Service",
        "{Harbour Residents’ Forum}",
        # A software project's manuals are written by its people as a body (an EPUB by "Ubuntu
        # Developers" was cited as "Developers, U.").
        "Ubuntu Developers",
        "The Debian Maintainers",
        "Wikipedia Contributors",
        "Python Community",
    ],
)
def test_group_authors_are_recognised(name: str) -> None:
    assert is_group_author(name)
    meta = ArticleMeta(id="x", title="T", authors=[name], published="2011-07-13")
    shown = plain_author(name)
    assert short_cite([name], None, "T", "2011-07-13") == f"{shown} 11"
    assert format_quote(Annotation("x", 0, 1, "Q"), meta, "apa").endswith(
        f"{shown}. (2011, July 13). T."
    )


@pytest.mark.parametrize(
    "name", ["Maria Sacchetti", "Press, Eyal", "Ludwig van Beethoven", "Prince"]
)
def test_people_are_not_groups(name: str) -> None:
    assert not is_group_author(name)


def test_a_comma_keeps_a_person_as_written() -> None:
    # "Family, Given" is the way to keep a particle with the family name, or to mark as a person
    # someone whose surname is a group word.
    assert short_cite(["van Gogh, Vincent"], None, "T", None) == "van Gogh ND"
    assert short_cite(["Press, Eyal"], None, "T", None) == "Press ND"
    meta = ArticleMeta(id="x", title="T", authors=["Press, Eyal"])
    assert format_quote(Annotation("x", 0, 1, "Q"), meta, "mla").endswith("Press, Eyal. “T.”")


def test_st_and_saint_belong_to_the_surname() -> None:
    # St. Pierre, St. John, Saint Laurent are surnames: never a given name "St." or a family
    # name "Pierre" (an APA short cite "Pierre, V. S." would name someone else).
    assert short_cite(["Vanessa St. Pierre"], None, "T", None) == "St. Pierre ND"
    assert short_cite(["St. Pierre"], None, "T", None) == "St. Pierre ND"
    assert short_cite(["Yves Saint Laurent"], None, "T", None) == "Saint Laurent ND"
    meta = ArticleMeta(id="x", title="T", authors=["Vanessa St. Pierre"], published="2022-03-16")
    assert format_quote(Annotation("x", 0, 1, "Q"), meta, "apa").endswith(
        "St. Pierre, V. (2022, March 16). T."
    )
    quoted = Annotation("x", 0, 1, "Q", speaker="Claire St. John")
    assert "(St. John, as cited in St. Pierre" in format_quote(quoted, meta, "apa")


def test_braces_never_reach_the_output() -> None:
    meta = ArticleMeta(id="x", title="T", authors=["{Forum}"], published="2020-01-01")
    ann = Annotation("x", 0, 1, "Q", speaker="{Forum}")
    for style in ("plain", "mla", "apa", "chicago", "card"):
        assert "{" not in format_quote(ann, meta, style), style
    assert plain_author("  {The  Forum} ") == "The Forum"
    assert plain_author("Ann  Lee") == "Ann Lee"


@pytest.mark.parametrize(
    ("stored", "shown"),
    [
        ("Rubin, Gretchen", "Gretchen Rubin"),  # as a Kindle's clippings give it
        ("van Gogh, Vincent", "Vincent van Gogh"),
        ("King, Martin Luther, Jr.", "Martin Luther King Jr."),
        ("Martin Luther King, Jr.", "Martin Luther King, Jr."),  # natural order already
        (
            "Department of Justice, Civil Rights Division",
            "Department of Justice, Civil Rights Division",
        ),  # a group: as written
    ],
)
def test_an_inverted_author_is_shown_in_natural_order(stored: str, shown: str) -> None:
    assert plain_author(stored) == shown


@pytest.mark.parametrize(
    "stored",
    [
        "Gretchen Rubin, Ann Lee",  # two people in one field, each in natural order
        "Jane Doe, CNN",  # a name and the outlet
        "Jane Doe, Contributor",  # a name and a role
        "Jones, the mayor",  # a speaker typed with who they are
        "Smith, et al.",
        "Smith, Jane (ed.)",
        "Doe, 1970-",  # a library catalogue's birth year
        "Rubin, Gretchen and Lee, Ann",
        "Smith, Jr.",
    ],
)
def test_a_comma_that_does_not_surely_invert_a_name_is_shown_as_written(stored: str) -> None:
    """Any "A, B" was turned round to "B A": "Ann Lee Gretchen Rubin", "CNN Jane Doe", "the
    mayor Jones". Only a one-word family name (or one led by particles) before given names or
    initials is; else the name is shown as stored, which is never wrong."""
    assert plain_author(stored) == stored


# -- title case ------------------------------------------------------------------------------------


def _mla_title(title: str) -> str:
    meta = ArticleMeta(id="x", title=title)
    return format_quote(Annotation("x", 0, 1, "Q"), meta, "mla").split("\n\n")[1]


@pytest.mark.parametrize(
    ("stored", "shown"),
    [
        (
            "iPhone sales fall as NATO meets in the US",
            "“iPhone Sales Fall as NATO Meets in the US.”",
        ),
        ("THE MAYOR SPEAKS", "“The Mayor Speaks.”"),  # all capitals: recased (issue 22)
        ("NATO AND EU LEADERS MEET", "“NATO and EU Leaders Meet.”"),  # acronyms of the list kept
        ("Council Votes To Close The Street", "“Council Votes to Close the Street.”"),
        ("a car-free street: what it is for", "“A Car-Free Street: What It Is For.”"),
        ("the music of Ludwig van Beethoven", "“The Music of Ludwig van Beethoven.”"),
        ("shops shut down on boston.com", "“Shops Shut Down on boston.com.”"),
    ],
)
def test_headline_style_from_any_stored_case(stored: str, shown: str) -> None:
    assert _mla_title(stored) == shown


def test_apa_sentence_case_keeps_proper_nouns_and_inner_capitals_as_stored() -> None:
    meta = ArticleMeta(id="x", title="iPhone maker Apple: the year in review")
    entry = format_quote(Annotation("x", 0, 1, "Q"), meta, "apa").split("\n\n")[1]
    assert entry == "iPhone maker Apple: The year in review. (n.d.)."


# -- nested quotes ---------------------------------------------------------------------------------


@given(st.text(alphabet=st.sampled_from('ab 6"\u201c\u201d\u2018\u2019.,(-'), max_size=30))
def test_nesting_changes_only_double_marks_and_only_in_pairs(value: str) -> None:
    out = nest_quotes(value)
    assert len(out) == len(value)
    changed = [(a, b) for a, b in zip(value, out, strict=True) if a != b]
    assert all(a in '"\u201c\u201d' and b in "\u2018\u2019" for a, b in changed)
    assert sum(b == "\u2018" for _a, b in changed) == sum(b == "\u2019" for _a, b in changed)
    # Opening and closing single marks added alternate: each ‘ is closed before the next opens
    # at the same level, so reading left to right the count of open ones never goes negative.
    depth = 0
    for _a, b in changed:
        depth += 1 if b == "\u2018" else -1
        assert depth >= 0


@pytest.mark.parametrize(
    ("value", "nested"),
    [
        ('He said "no" twice', "He said ‘no’ twice"),
        ("He said “no” twice", "He said ‘no’ twice"),
        ('a 6" pipe', 'a 6" pipe'),
        ("bicycle,” she said. “When", "bicycle,” she said. “When"),  # closes, then opens: no pair
        ('"one" and "two"', "‘one’ and ‘two’"),
        ('“He said "no"', "“He said ‘no’"),  # the inner pair nests, the lone opener stays
    ],
)
def test_nesting_examples(value: str, nested: str) -> None:
    assert nest_quotes(value) == nested


@pytest.mark.parametrize(
    ("words", "shown"),
    [
        ("Secure the border", "“Secure the border”"),
        ("“Secure the border", "“Secure the border”"),  # its own opening mark stands
        ("Secure the border,”", "“Secure the border,”"),  # its own closing mark stands
        ("“Secure the border,”", "“Secure the border,”"),  # one pair around all of it
        ('"Secure the border', '"Secure the border"'),  # straight gets straight
        ("“Secure” was his word", "““Secure” was his word”"),  # that pair is inside
        ("he said “no”", "“he said “no””"),
    ],
)
def test_a_quote_s_own_edge_mark_is_never_doubled(words: str, shown: str) -> None:
    assert framed(words) == shown
    opening, between, closing = frame(words)
    assert opening + between + closing == shown and between in words


@pytest.mark.parametrize("style", ["plain", "mla", "apa", "chicago"])
def test_a_prose_style_does_not_double_the_quote_s_own_mark(style: str) -> None:
    meta = ArticleMeta(id="x", title="T", authors=["Lee, Ann"], published="2024-01-02")
    cited = format_quote(Annotation("x", 0, 1, "“Secure the border. And"), meta, style)
    assert cited.startswith("“Secure the border. And”"), cited


@pytest.mark.parametrize("style", ["plain", "mla", "apa", "chicago"])
@pytest.mark.parametrize("words", ['"Secure the border', '"Secure the border"'])
def test_a_prose_style_prints_a_straight_edge_mark_curly(style: str, words: str) -> None:
    meta = ArticleMeta(id="x", title="T", authors=["Lee, Ann"], published="2024-01-02")
    cited = format_quote(Annotation("x", 0, 1, words), meta, style)
    assert cited.startswith("“Secure the border”"), cited


# -- the card --------------------------------------------------------------------------------------


def _card(markup: str, **meta: object) -> str:
    text, blocks = build_text([("paragraph", "Before. The key claim is here. After.")])
    fields = {"id": "a", "title": "T", **meta}
    article = Article(**fields, text=text, blocks=blocks)  # type: ignore[arg-type]
    start = text.index("The key")
    ann = Annotation.from_span("a", text, start, start + len("The key claim is here."), note="Tag")
    return format_quote(ann, article, "card", markup=markup, accessed=date(2024, 1, 1))  # type: ignore[arg-type]


def test_card_marks_tag_cite_and_read_words_differently() -> None:
    md = _card("markdown", authors=["Ann Lee"], published="2020-01-01").split("\n\n")
    assert md[0] == "#### Tag"
    assert md[1] == "**Lee 20**"
    assert md[-1] == "Before. **<u>The key claim is here.</u>** After."
    html = _card("html", authors=["Ann Lee"], published="2020-01-01").split("\n")
    assert html[0] == "<h4>Tag</h4>"
    assert html[1] == "<p><b>Lee 20</b></p>"
    assert html[-1] == "<p>Before. <b><u>The key claim is here.</u></b> After.</p>"


def test_card_short_cite_without_author() -> None:
    assert short_cite([], "The Boston Globe", "Anything", "2011-07-13") == "Boston Globe 11"
    assert (
        short_cite([], None, "boston threatens to withdraw from Secure Communities", "2011-07-13")
        == "Boston Threatens to Withdraw 11"
    )
    assert short_cite([], None, "Harbour Street trial: what changes, and when", None) == (
        "Harbour Street Trial ND"
    )
    assert short_cite([], None, "", None) == "Unknown ND"
    # A cut title stops before a small word rather than mid-phrase.
    assert short_cite([], None, "Stocks slide as rates rise", "2022-05-02") == "Stocks Slide 22"
    assert short_cite([], None, "The impact of global warming in North America", None) == (
        "Impact of Global Warming ND"
    )


def test_card_full_cite_nests_the_titles_inner_quotes() -> None:
    card = _card("text", title='Mayor hails "historic" vote').split("\n")
    assert card[2] == "“Mayor hails ‘historic’ vote”"


# -- what a citation lacks -------------------------------------------------------------------------


def test_missing_fields_and_the_command_that_fills_them() -> None:
    bare = ArticleMeta(id="boston-threatens-abc123", title="T", published="2011-07-13")
    assert missing_fields(bare) == ["author", "publication", "URL"]
    assert missing_message(bare) == (
        "citation lacks author, publication and URL; add them with:"
        " margin edit boston-threatens-abc123 --author NAME --publication NAME --url URL"
    )
    full = ArticleMeta(
        id="x", title="T", authors=["Ann Lee"], publication="P", url="https://p.example/x",
        published="2020-01-01",
    )  # fmt: skip
    assert missing_fields(full) == [] and missing_message(full) is None
    undated = ArticleMeta(id="it's", title="T", authors=["A"], publication="P", url="u")
    assert missing_fields(undated) == ["date"]
    assert missing_fields(undated, date=False) == []
    assert missing_message(undated) == (
        "citation lacks date; add it with: margin edit 'it'\"'\"'s' --published YYYY-MM-DD"
    )
    blank = ArticleMeta(id="x", title="T", authors=["  "], publication=" ", url="")
    assert missing_fields(blank, date=False) == ["author", "publication", "URL"]


def test_a_court_opinion_lacks_no_author_publication_or_url() -> None:
    # A court's opinion imported from its PDF is cited by the case's name (APA 7 11.4); the note
    # told the user to add an author and a publication, which would have made it cited as an
    # article by that author.
    opinion = ArticleMeta(
        id="v-6322dc", title="Vanessa St. Pierre v. Standard Insurance Company",
        published="2022-03-16",
    )  # fmt: skip
    assert missing_fields(opinion) == [] and missing_message(opinion) is None
    assert missing_fields(ArticleMeta(id="v", title=opinion.title)) == ["date"]


def test_a_report_or_book_lacks_its_publisher_not_a_publication_or_url() -> None:
    # A PDF report as imported: author and date, no publication, no URL (it came from a file).
    report = ArticleMeta(
        id="libtasn1-bde585", title="Libtasn1", authors=["Simon Josefsson"],
        published="2022-08-18", item_type="report",
    )  # fmt: skip
    assert missing_fields(report) == ["publisher"]
    assert missing_message(report) == (
        "citation lacks publisher; add it with: margin edit libtasn1-bde585 --publisher NAME"
    )
    report.publisher = "Free Software Foundation"
    assert missing_fields(report) == []
    # A journal article in print needs its journal (the publication), never a URL.
    paper = ArticleMeta(
        id="p", title="T", authors=["A"], published="2020", item_type="article-journal"
    )
    assert missing_fields(paper) == ["publication"]
    # A web page still needs its URL.
    page = ArticleMeta(id="w", title="T", authors=["A"], publication="Site", item_type="webpage")
    assert missing_fields(page, date=False) == ["URL"]
