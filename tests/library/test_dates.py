"""Dates: reading what articles print (never inventing a date) and writing each style's form."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from library.dates import PartialDate, format_date, parse_date, parse_date_line


@pytest.mark.parametrize(
    ("value", "iso"),
    [
        ("13 July 2011", "2011-07-13"),
        ("July 13, 2011", "2011-07-13"),
        ("Sept. 3, 2020", "2020-09-03"),
        ("Tuesday, 13 July 2011", "2011-07-13"),
        ("13th of July, 2011", "2011-07-13"),
        ("2011-07-13", "2011-07-13"),
        ("2011-7-3", "2011-07-03"),
        ("2011/07/13", "2011-07-13"),
        ("20110713", "2011-07-13"),
        ("2020-09-03T10:00:00Z", "2020-09-03"),
        ("2020-09-03T23:30:00-05:00", "2020-09-03"),  # the date where it was published
        ("Wed, 13 Jul 2011 10:00:00 +0000", "2011-07-13"),
        ("Mar 13 2015", "2015-03-13"),
        ("13 July 2011 10:42 BST", "2011-07-13"),
        ("13 July 2011 | Boston", "2011-07-13"),  # the date a value starts with
        ("July 13, 2011 Updated July 14, 2011", "2011-07-13"),
        ("13/07/2011", "2011-07-13"),  # day 13 cannot be a month
    ],
)
def test_dates_articles_print(value: str, iso: str) -> None:
    assert parse_date(value) == iso


@pytest.mark.parametrize(
    "value",
    [
        None,
        "",
        "not a date",
        "31 February 2011",  # impossible
        "July 2011",  # no day: dateutil would fill in today's
        "2011",
        "may 5",  # no year
        "13 July 11",  # a two-digit year is a guess
        "03/04/2011",  # 3 April or March 4
        "1 2 3",
        "Published 13 July 2011",  # words before the date: a caller strips its own labels
        "In 2011, 13 people died in July",  # dateutil's fuzzy mode would make 2011-07-13 of this
    ],
)
def test_no_date_is_invented(value: str | None) -> None:
    assert parse_date(value) is None


@given(st.dates(min_value=dt.date(1000, 1, 1), max_value=dt.date(9999, 12, 31)))
def test_every_written_date_reads_back(day: dt.date) -> None:
    for order in ("dmy", "mdy"):
        assert parse_date(format_date(day, order)) == day.isoformat()  # type: ignore[arg-type]
    assert parse_date(format_date(day, "dmy", abbreviate=True)) == day.isoformat()
    assert parse_date(day.isoformat()) == day.isoformat()


@given(st.text(max_size=40))
def test_parse_date_returns_an_iso_date_or_none(value: str) -> None:
    found = parse_date(value)
    assert found is None or dt.date.fromisoformat(found).isoformat() == found


def test_each_styles_form() -> None:
    day = PartialDate(2011, 7, 13)
    assert format_date(day, "dmy") == "13 July 2011"  # MLA, plain, card
    assert format_date(day, "mdy") == "July 13, 2011"  # Chicago
    assert format_date(day, "ymd") == "2011, July 13"  # APA
    assert format_date(PartialDate(2011, 9, 3), "dmy", abbreviate=True) == "3 Sept. 2011"
    assert format_date(PartialDate(2011, 6, 3), "dmy", abbreviate=True) == "3 June 2011"
    assert format_date(dt.date(2024, 3, 5), "mdy") == "March 5, 2024"


def test_partial_dates() -> None:
    assert PartialDate.from_iso("2011-09") == PartialDate(2011, 9)
    assert PartialDate.from_iso("2011") == PartialDate(2011)
    assert PartialDate.from_iso("2011-02-30") == PartialDate(2011, 2)  # an impossible day goes
    assert PartialDate.from_iso("2011-13-01") == PartialDate(2011)
    assert PartialDate.from_iso("junk") is None and PartialDate.from_iso(None) is None
    assert PartialDate.from_iso(dt.date(2011, 7, 13)) == PartialDate(2011, 7, 13)
    september = PartialDate(2011, 9)
    assert format_date(september, "dmy", abbreviate=True) == "Sept. 2011"
    assert format_date(september, "mdy") == "September 2011"
    assert format_date(september, "ymd") == "2011, September"
    assert format_date(PartialDate(2011), "ymd") == "2011"
    assert september.iso() == "2011-09" and september.as_date() is None
    assert PartialDate(2011, 7, 13).as_date() == dt.date(2011, 7, 13)


@pytest.mark.parametrize(
    ("value", "iso"),
    [
        ("December 1998", "1998-12"),
        ("Dec. 1998", "1998-12"),
        ("Sept. 2020", "2020-09"),
        ("18 August 2022", "2022-08-18"),
        ("October 14, 1998", "1998-10-14"),
        ("Monday, October 28, 1998", "1998-10-28"),
        ("March 3, 2021.", "2021-03-03"),
        ("2026-02-28", "2026-02-28"),
        ("1998", None),  # a year alone
        ("Act of 1998", None),
        ("03/04/2011", None),  # day and month could be swapped
        ("7:48 - 6-DEC-2007", None),  # a time stamp
        ("Copyright Office Summary December 1998", None),  # words around it
        ("October 28, 1998. The legislation", None),  # a sentence
        ("", None),
    ],
)
def test_a_line_that_is_a_date(value: str, iso: str | None) -> None:
    assert parse_date_line(value) == iso
