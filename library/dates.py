"""Dates: read the dates articles print ("13 July 2011", "Sept. 3, 2020") and write them per style.

Reading is python-dateutil's parser, held to three rules it does not keep by itself: a date needs a
day, a month and a four-digit year (dateutil fills missing parts from today), a numeric date whose
day and month could be swapped is refused, and words around a date are never skipped over
(dateutil's fuzzy mode assembles dates from stray numbers in a sentence). A wrong date is worse
than none: the user can add one with `margin edit --published`.
"""

from __future__ import annotations

import datetime as dt
import re
import warnings
from dataclasses import dataclass
from typing import Literal

from dateutil import parser as _dateutil

__all__ = [
    "DateOrder",
    "PartialDate",
    "format_date",
    "parse_date",
    "parse_date_line",
    "parse_partial_date",
]

# Two defaults that differ in every field: a part the text lacks shows up as a difference.
_DEFAULTS = (dt.datetime(2000, 1, 1), dt.datetime(2004, 2, 2))
_YEAR = re.compile(r"(?<!\d)(?:\d{4}|\d{8})(?!\d)")  # a full year, alone or in a compact date
_YEAR_FIRST = re.compile(r"^\d{4}(?:[-/.]\d{1,2}[-/.]\d{1,2}|\d{4})(?!\d)")
_MONTH_WORD = re.compile(r"[^\W\d_]{3,}")
_INFO = _dateutil.parserinfo()
_MAX_WORDS = 12  # a date is a few words at the start of a line; longer values are cut here


def parse_date(value: str | None) -> str | None:
    """The ISO date (YYYY-MM-DD) that value starts with, or None when it does not start with one."""
    if not value or not _YEAR.search(value):
        return None
    words = value.split()[:_MAX_WORDS]
    # Longest prefix first: "13 July 2011 | Boston" is 13 July 2011, "Published 13 July 2011" none.
    for end in range(len(words), 0, -1):
        text = " ".join(words[:end])
        if not _YEAR.search(text):
            break
        found = _complete_date(text)
        if found is not None:
            return found.isoformat()
    return None


_YEAR_MONTH = re.compile(r"^(\d{4})(?:[-/](\d{1,2}))?$")
_MONTH_YEAR = re.compile(r"^([^\W\d_]{3,})\.?,?\s+(\d{4})$")


def parse_partial_date(value: str | None) -> str | None:
    """A date that may lack its day or month, as ISO: 2024-03-05, 2024-03 or 2024; else None.

    A full date is read as `parse_date` reads it. Otherwise only a value that is nothing but a
    year ("2024"), a year and month ("2024-03") or a month name and year ("March 2024",
    "Mar. 2024") is taken: a partial date must be stated, never pieced together from a sentence.
    """
    full = parse_date(value)
    if full is not None or not value:
        return full
    text = " ".join(value.split())
    if found := _YEAR_MONTH.match(text):
        year, month = int(found.group(1)), found.group(2)
        if month is None:
            return f"{year:04d}"
        return f"{year:04d}-{int(month):02d}" if 1 <= int(month) <= 12 else None
    if found := _MONTH_YEAR.match(text):
        month_number = _INFO.month(found.group(1))
        if month_number is None and found.group(1).casefold() == "sept":
            month_number = 9
        if month_number is not None:
            return f"{int(found.group(2)):04d}-{month_number:02d}"
    return None


_CLOCK = re.compile(r"\d:\d\d")


def parse_date_line(value: str | None) -> str | None:
    """The ISO date a short text is, entirely: a full date ("18 August 2022", "October 14,
    1998", "2026-02-28": YYYY-MM-DD) or a month name and year ("December 1998": YYYY-MM).

    Never a year alone (a title's "Act of 1998"), a time of day, or a date with other words
    around it: a document's printed date stands on its own, while a date inside a sentence is
    about something else.
    """
    text = " ".join((value or "").split()).rstrip(".")
    if not text or len(text.split()) > 5 or _CLOCK.search(text) or not _YEAR.search(text):
        return None
    if found := _MONTH_YEAR.match(text):
        return parse_partial_date(f"{found.group(1)} {found.group(2)}")
    full = _complete_date(text)
    return full.isoformat() if full else None


def _complete_date(text: str) -> dt.date | None:
    """The date text names with day, month and year, or None (missing, impossible or ambiguous)."""
    year_first = bool(_YEAR_FIRST.match(text))
    named_month = any(_INFO.month(w) is not None for w in _MONTH_WORD.findall(text))
    readings = [(False, year_first)]
    if not year_first and not named_month:
        readings.append((True, False))  # 03/04/2011: both readings must agree
    dates: set[dt.date] = set()
    for dayfirst, yearfirst in readings:
        for default in _DEFAULTS:
            try:
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")  # an unknown zone name ("BST") is no concern
                    parsed = _dateutil.parse(
                        text, default=default, dayfirst=dayfirst, yearfirst=yearfirst, ignoretz=True
                    )
            except (ValueError, OverflowError):
                return None
            dates.add(parsed.date())
    return dates.pop() if len(dates) == 1 else None


# -- writing ---------------------------------------------------------------------------------------

# English month names by hand: strftime("%B") follows the machine's locale, and a citation's
# language is the manual's, not the machine's.
_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
# MLA 9 abbreviates months longer than four letters, with Sept. for September.
_ABBREVIATED = (
    "Jan.", "Feb.", "Mar.", "Apr.", "May", "June",
    "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec.",
)  # fmt: skip
_ISO_PARTS = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")

DateOrder = Literal["dmy", "mdy", "ymd"]


@dataclass(frozen=True, slots=True)
class PartialDate:
    """A publication date that may lack its day or its month and day ("2011-09", "2011")."""

    year: int
    month: int | None = None
    day: int | None = None

    @classmethod
    def from_iso(cls, value: str | dt.date | None) -> PartialDate | None:
        """The date an ISO string (YYYY, YYYY-MM or YYYY-MM-DD) or a date holds; None if none.

        Written by hand: dateutil's isoparse fills a missing month or day with 1, and a citation
        must not print "1 September 2011" for an article known only to be from September 2011.
        """
        if isinstance(value, dt.date):
            return cls(value.year, value.month, value.day)
        found = _ISO_PARTS.match((value or "").strip())
        if not found:
            return None
        year, month, day = (int(g) if g else None for g in found.groups())
        assert year is not None
        if month is None or not 1 <= month <= 12:
            return cls(year)
        if day is not None:
            try:
                dt.date(year, month, day)
            except ValueError:
                return cls(year, month)
        return cls(year, month, day)

    def as_date(self) -> dt.date | None:
        """The full date, or None when the day or month is unknown."""
        if self.month is None or self.day is None:
            return None
        return dt.date(self.year, self.month, self.day)

    def iso(self) -> str:
        """2011-07-13, 2011-07 or 2011."""
        parts = [f"{self.year:04d}"]
        if self.month:
            parts.append(f"{self.month:02d}")
            if self.day:
                parts.append(f"{self.day:02d}")
        return "-".join(parts)


def format_date(value: PartialDate | dt.date, order: DateOrder, *, abbreviate: bool = False) -> str:
    """The date written out: dmy 13 July 2011 (MLA), mdy July 13, 2011 (Chicago), ymd 2011, July 13
    (APA). abbreviate writes MLA's month abbreviations (13 Sept. 2011)."""
    if isinstance(value, dt.date):
        value = PartialDate(value.year, value.month, value.day)
    if value.month is None:
        return str(value.year)
    month = (_ABBREVIATED if abbreviate else _MONTHS)[value.month - 1]
    if order == "dmy":
        return f"{value.day} {month} {value.year}" if value.day else f"{month} {value.year}"
    if order == "mdy":
        return f"{month} {value.day}, {value.year}" if value.day else f"{month} {value.year}"
    return f"{value.year}, {month} {value.day}" if value.day else f"{value.year}, {month}"
