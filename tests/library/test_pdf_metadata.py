"""A PDF's date and authors, chosen from its first page's head, its info and its XMP: a
placeholder date or a typist's initials stated by the authoring software never reach a citation."""

from __future__ import annotations

import datetime as dt

import pytest

from library.importers.pdf import choose_authors, choose_date, head_lines, stated_name

TODAY = dt.date(2026, 12, 7)
HEIGHT = 792.0


def _page(*head: str, body: bool = True) -> list[tuple[str, float, float]]:
    """A first page: head lines at the top, then (with body) a heading and a paragraph whose
    sentences name dates of their own."""
    lines = [(text, 12.0, 720.0 - 16 * n) for n, text in enumerate(head)]
    if body:
        lines.append(("INTRODUCTION", 11.0, 590.0))
        paragraph = [
            "The Digital Millennium Copyright Act (DMCA) was signed into law by",
            "President Clinton on October 28, 1998. The legislation implements two",
            "October 28, 1998, is the day it was signed; the treaties date from 1996",
            "and the Act's titles took effect on a schedule that ran until 2000.",
        ]
        lines += [(text, 12.0, 560.0 - 14 * n) for n, text in enumerate(paragraph)]
    return lines


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        (("THE DIGITAL MILLENNIUM COPYRIGHT ACT OF 1998", "December 1998"), "1998-12"),
        (("A Report", "Dec. 1998"), "1998-12"),
        (("A Report", "March 3, 2021"), "2021-03-03"),
        (("A Report", "3 March 2021"), "2021-03-03"),
        (("Libtasn1", "for version 4.19.0, 18 August 2022"), "2022-08-18"),
        (("A Report", "Washington, DC — December 1998"), "1998-12"),
        (("A Report", "Published: 3 March 2021"), "2021-03-03"),
    ],
)
def test_a_date_standing_in_the_first_pages_head_is_the_documents(
    head: tuple[str, ...], expected: str
) -> None:
    assert choose_date(_page(*head), None, "D:00000101000000Z", HEIGHT, TODAY) == expected


def test_the_printed_date_wins_over_a_plausible_stated_one() -> None:
    # A report re-exported years later keeps the date it was issued.
    page = _page("Annual Report", "June 2011")
    assert choose_date(page, "2019-05-02", "D:20190502120000Z", HEIGHT, TODAY) == "2011-06"


@pytest.mark.parametrize(
    "head",
    [
        ("A Report",),  # the body's dates ("October 28, 1998") are not the document's
        ("A Report", "1998"),  # a year alone
        ("A Report", "January 2025 – December 2030"),  # a range
        ("A Report", "Printed 7:48 - 6-DEC-2007"),  # a time of day
        ("A Report", "December 2031"),  # years ahead: a plan, not a publication
        ("A Report", "Copyright Office Summary December 1998"),  # words around it
    ],
)
def test_no_printed_date_where_the_head_has_none(head: tuple[str, ...]) -> None:
    assert choose_date(_page(*head), None, None, HEIGHT, TODAY) is None


def test_a_date_in_the_body_is_never_taken_even_at_a_line_start() -> None:
    # No head date: the paragraph's line "October 28, 1998, is the day…" starts with a date.
    assert choose_date(_page("A Report"), None, "D:20011017210926Z", HEIGHT, TODAY) == "2001-10-17"
    # Without a heading, the paragraph (two long lines in a row) still ends the head.
    page = [line for line in _page("A Report") if line[0] != "INTRODUCTION"]
    assert [text for text, _, _ in head_lines(page, HEIGHT)] == ["A Report"]
    assert choose_date(page, None, None, HEIGHT, TODAY) is None


def test_a_printers_slug_above_the_page_is_not_its_date() -> None:
    page = [("6-DEC-2007", 14.0, 890.0), *_page("Instructions")]
    assert choose_date(page, None, None, HEIGHT, TODAY) is None
    assert choose_date(page, None, None, 1000.0, TODAY) == "2007-12-06"  # on a taller page


@pytest.mark.parametrize(
    ("xmp", "info", "expected"),
    [
        (None, "D:00000101000000Z", None),  # year 0: the authoring software's placeholder
        (None, "D:19800101000000Z", None),  # before PDF existed (1993)
        (None, "D:20300101000000Z", None),  # in the future
        (None, "D:20200314120000Z", "2020-03-14"),
        ("0000-01-01", "D:20200314120000Z", "2020-03-14"),  # a bogus XMP date is passed over
        ("2019-05-02", "D:20200314120000Z", "2019-05-02"),
        (None, "D:20261208000000+14'00'", "2026-12-08"),  # tomorrow somewhere: still today
    ],
)
def test_a_stated_date_counts_only_when_plausible(
    xmp: str | None, info: str | None, expected: str | None
) -> None:
    assert choose_date(_page("A Report"), xmp, info, HEIGHT, TODAY) == expected


@pytest.mark.parametrize(
    ("stated", "name"),
    [
        ("United States Copyright Office - jmf", "United States Copyright Office"),
        ("Jane Roe – ab", "Jane Roe"),
        ("Jane Roe -jmfk", "Jane Roe"),
        ("Jane Roe <jroe@example.org>", "Jane Roe"),
        ("Jane Roe (mailto:jroe@example.org)", "Jane Roe"),
        ("jroe@example.org", ""),
        ("CORP\\jroe", ""),
        # Real names with hyphens and dashes stay whole.
        ("Jean-Paul Sartre", "Jean-Paul Sartre"),
        ("Marie Curie-Skłodowska", "Marie Curie-Skłodowska"),
        ("Smith - Jones", "Smith - Jones"),
        ("Hans - Peter", "Hans - Peter"),
        ("Jane Roe - jr", "Jane Roe - jr"),  # a suffix, not initials
        ("Jane Roe - abcde", "Jane Roe - abcde"),  # longer than initials
        ("Office of the jmf", "Office of the jmf"),  # no dash
    ],
)
def test_what_authoring_software_adds_to_a_name_is_dropped(stated: str, name: str) -> None:
    assert stated_name(stated) == name


def test_stated_authors_without_typists_initials() -> None:
    assert choose_authors("United States Copyright Office - jmf", None) == [
        "United States Copyright Office"
    ]
    assert choose_authors("Jane Roe - jr; John Doe <jdoe@example.org>", None) == [
        "Jane Roe - jr",
        "John Doe",
    ]
    assert choose_authors(None, ["Jean-Paul Sartre", "CORP\\jroe"]) == ["Jean-Paul Sartre"]
