"""What another tool's export holds, read into plain records: highlights (clips) and links;
and the reading the formats share: CSV rows, a JSON document, times.

Every reader here notes what it could not read in `problems` (one line, naming the file and
where) and goes on with the rest.
"""

from __future__ import annotations

import csv
import io
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Literal

import orjson

from library.model import LocatorKind

ClipKind = Literal["web", "book"]


@dataclass(slots=True)
class Clip:
    """One highlight read from an export, before it is placed on an article's text."""

    quote: str
    kind: ClipKind = "web"
    key: str = ""  # stable identity within its tool: the same clip always gives the same key
    id: str | None = None  # an id to keep (a Margin highlight exported and read back)
    note: str = ""
    tags: list[str] = field(default_factory=list)
    stance: str | None = None
    speaker: str | None = None
    created: str | None = None  # ISO 8601
    # The article: by URL or Margin id for the web; by title and authors for a book.
    url: str | None = None
    article_id: str | None = None
    title: str = ""
    authors: list[str] = field(default_factory=list)
    # Where in the article: a TextQuoteSelector's context, a TextPositionSelector's offsets.
    prefix: str = ""
    suffix: str = ""
    start: int | None = None
    end: int | None = None
    # Where in a book: the label shown ("1041-1044", "12") and what it counts.
    label: str | None = None
    locator: LocatorKind | None = None
    order: tuple[int, ...] = (0, 0)  # sorts a book's passages into reading order
    # A label an older Margin gave this passage though it is no place in the book (an offset
    # in Margin's text, which older csvs wrote as its Location): taken off where still shown.
    made_up: str | None = None


@dataclass(slots=True)
class Link:
    """One saved page of a read-later export: its address, and its content when carried."""

    url: str
    title: str = ""
    tags: list[str] = field(default_factory=list)
    saved: str | None = None  # ISO 8601 date and time it was saved
    content: bytes | None = None  # the page itself, when the export carries it
    content_type: Literal["html", "markdown", "pdf"] = "html"
    authors: list[str] = field(default_factory=list)
    published: str | None = None
    clips: list[Clip] = field(default_factory=list)  # highlights made on this page
    # Why a page whose export carries pages is fetched all the same (its content was refused).
    why_fetched: str = ""


@dataclass(slots=True)
class ExportFile:
    """An export read whole: its highlights, its links, and the parts that could not be read."""

    format: str  # the format's name, e.g. "kindle"
    clips: list[Clip] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # one line each, naming where
    # Notes on a whole page, (page's URL, its title, the note): no words to go with, so not
    # imported as highlights; the import keeps them in a file beside its failures.
    page_notes: list[tuple[str, str, str]] = field(default_factory=list)


def label_order(label: str) -> tuple[int, ...]:
    """A book passage's sort key from its label: its numbers in order ("1041-1044", "12",
    "Part 2, Chapter 1": a part's opening, "Part 2", before its first chapter); a label without
    one sorts last."""
    # At most 18 digits of each: int() refuses a number of thousands (a hostile file).
    numbers = tuple(int(n[:18]) for n in _NUMBER.findall(label))
    return numbers or _NO_NUMBER


def label_number(label: str) -> int | None:
    """A locator's first number ("1041" of "1041-1044", "1" of "Chapter 1"), or None."""
    numbers = label_order(label)
    return numbers[0] if numbers is not _NO_NUMBER else None


_NO_NUMBER = (1 << 30, 0)
_NUMBER = re.compile(r"\d+")


MAX_FIELD = 1_000_000  # a CSV cell larger than this is a broken file, not a highlight
_DATE_TIME = re.compile(r"(\d{4}-\d{2}-\d{2})(?:[ T](\d{2}:\d{2})(:\d{2})?)?")


def csv_rows(data: bytes, name: str, problems: list[str]) -> Iterator[tuple[int, list[str]]]:
    """(line number, cells) of each row of a CSV file, the header row first, decoded as read
    (a byte-order mark dropped, bytes that are not UTF-8 replaced); a row the csv module cannot
    read is named in problems and skipped."""
    csv.field_size_limit(min(MAX_FIELD, sys.maxsize))
    stream = io.TextIOWrapper(io.BytesIO(data), encoding="utf-8-sig", errors="replace", newline="")
    reader = csv.reader(stream)
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            problems.append(f"{name}:{reader.line_num}: cannot read this row ({exc})")
            continue
        yield reader.line_num, row


def csv_records(
    data: bytes, name: str, problems: list[str]
) -> Iterator[tuple[int, dict[str, str]]]:
    """(line number, cells by the header row's names) of each row after the header; blank
    rows left out, a short row's missing cells absent."""
    rows = csv_rows(data, name, problems)
    header = next(rows, (0, []))[1]
    for line, row in rows:
        if row:
            yield line, dict(zip(header, row, strict=False))


def json_document(
    data: bytes, where: str, problems: list[str], then: str = "nothing imported"
) -> Any:
    """The JSON document data holds; None, with a line in problems saying where and then what
    happens (`nothing imported`, `skipped`), when it is not valid JSON."""
    try:
        return orjson.loads(data)
    except orjson.JSONDecodeError as exc:
        problems.append(f"{where}: not valid JSON ({exc}); {then}")
        return None


def epoch_time(value: Any) -> str | None:
    """An ISO UTC time (`…Z`) from seconds since 1970 (a number, or digits), or None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        seconds: float = value
    else:
        try:
            seconds = int(str(value).strip())
        except (TypeError, ValueError):
            return None
    if seconds <= 0:
        return None
    return datetime.fromtimestamp(seconds, UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def date_time(value: Any) -> str | None:
    """The first `YYYY-MM-DD[ HH:MM[:SS]]` in value as ISO (`2024-05-01T10:00:00`, or the date
    alone), in the time of day it states (a device's local time); None when it holds none."""
    found = _DATE_TIME.search(str(value or ""))
    if not found:
        return None
    date, clock, seconds = found.groups()
    return date if clock is None else f"{date}T{clock}{seconds or ':00'}"
