"""Parse the dates that articles print ("13 July 2011", "July 13, 2011", "2011-07-13") to ISO."""

from __future__ import annotations

import datetime as dt
import re

_MONTHS = {
    name: i
    for i, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<month>[A-Za-z]{3,9})\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>\d{4})"
_WEEKDAY = r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|(?:mon|tue|wed|thu|fri|sat|sun)\.?),?\s+"
_PATTERNS = [
    re.compile(rf"^(?:{_WEEKDAY})?{_DAY}\s+{_MONTH},?\s+{_YEAR}", re.I),  # 13 July 2011
    re.compile(rf"^(?:{_WEEKDAY})?{_MONTH}\s+{_DAY},?\s+{_YEAR}", re.I),  # July 13, 2011
    re.compile(r"^(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})"),  # 2011-07-13[T…]
    re.compile(r"^(?P<year>\d{4})/(?P<month>\d{1,2})/(?P<day>\d{1,2})"),  # 2011/07/13
]


def parse_date(value: str | None) -> str | None:
    """The ISO date (YYYY-MM-DD) that value starts with, or None when it is not a date."""
    if not value:
        return None
    value = value.strip()
    for pattern in _PATTERNS:
        found = pattern.match(value)
        if not found:
            continue
        month_text = found.group("month")
        month = int(month_text) if month_text.isdigit() else _MONTHS.get(month_text.lower())
        if month is None:
            continue
        try:
            return dt.date(int(found.group("year")), month, int(found.group("day"))).isoformat()
        except ValueError:
            return None
    return None
