"""Readwise's CSV import: one row per highlight, formulas neutralised for spreadsheets."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from annotations.export.base import ExportGroup, ExportOptions, all_highlights, clean
from library.importers.exports.records import label_number
from library.text import strip_controls

if TYPE_CHECKING:
    from annotations.model import Annotation
    from library.model import ArticleMeta

# Readwise's bulk CSV import reads columns by name: Highlight (the only one required), Title,
# Author, URL, Note, Location, Date. Readwise's own page (readwise.io/import_bulk) was not within
# reach; what was found agrees on those seven, in that order, and on `""` for a quote inside a
# cell: PDFHighlights.jl's format notes (paveloom-j.github.io/PDFHighlights.jl/dev/manual/format),
# and scripts that feed Readwise's API from such a CSV (doitian/readwise-scripts'
# csv-to-readwise.py maps Location to its API's integer `location`, Date to `highlighted_at`).
# So those seven come first, in that order; what has no column of its own (stance, tags, speaker)
# goes into Note, tags as Readwise's action tags (`.tag`). Location is an integer: a web
# highlight's offset, a paginated source's page (a PDF's, with a URL or without) or a book's
# Kindle location by its first number ("1041" of "1041-1044", "1" of "Chapter 1"), none where
# the label has no number. Date is
# `YYYY-MM-DD HH:MM:SS`, as written by every such tool. After them, columns Margin reads back:
# "Location Type", as Readwise's API and its own export name it ("page" for a book's page,
# "order" for anything else that places it), "Margin Location Type" (what the locator counts for
# Margin: "page", "location" for a Kindle location, "chapter", "offset" in the text), "Margin
# Location" (the locator whole: "1041-1044", "Chapter 1") and, for a highlight on a page with a
# URL, "Margin Offset" (its offset in the text, where a re-import places it even when Location
# gives its printed page), so the round trip is exact.
READWISE_COLUMNS = (
    "Highlight", "Title", "Author", "URL", "Note", "Location", "Date",
    "Location Type", "Margin Location Type", "Margin Location", "Margin Offset",
)  # fmt: skip

# Cells starting with these are formulas in Excel, LibreOffice and Google Sheets (OWASP's list,
# plus the full-width forms some spreadsheets also accept).
_FORMULA_START = tuple("=+-@\t\r\uff1d\uff0b\uff0d\uff20")


def _neutralise(cell: str) -> str:
    """A cell a spreadsheet shows as text: a leading formula character gets an apostrophe."""
    if cell.startswith(_FORMULA_START) or cell.lstrip().startswith(_FORMULA_START):
        return "'" + cell
    return cell


def _action_tag(value: str) -> str:
    """A Readwise action tag: .name, with spaces as hyphens."""
    return "." + re.sub(r"\s+", "-", clean(value)).lstrip(".")


def _readwise_date(value: str) -> str:
    found = re.match(r"(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}:\d{2})", value or "")
    return f"{found.group(1)} {found.group(2)}" if found else clean(value)


def _location(
    meta: ArticleMeta, ann: Annotation, pages: Mapping[str, tuple[str, str]]
) -> tuple[str, str]:
    """A highlight's Location and what it counts (Margin's kind): in a paginated source (a PDF,
    with a URL or not; a book) the page, Kindle location or chapter it is on, as printed or
    imported ("12", "1041-1044"); else on a web page its offset in the text (where a re-import
    places it, the page fetched or found by its URL); else nothing (an offset in Margin's text
    of a book is no place a reader can find)."""
    found = pages.get(ann.id)
    if found is not None and found[0]:
        return clean(found[0]), found[1]
    if meta.url:
        return str(ann.start), "offset"
    return "", ""


def _readwise_location(location: str, kind: str) -> tuple[str, str]:
    """The Location and Location Type Readwise accepts for a locator Margin counts as kind: its
    first number, and "page" or "order" ("", "" when it has no number)."""
    number = label_number(location)
    if number is None:
        return "", ""
    return str(number), "page" if kind == "page" else "order"


def render(groups: Sequence[ExportGroup], options: ExportOptions) -> str:
    """The CSV, RFC 4180 with CRLF line ends."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(READWISE_COLUMNS)
    pages = options.pages or {}
    for meta, ann in all_highlights(groups):
        tags = [ann.stance] if ann.stance else []
        tags += ann.tags
        note = " ".join([*(_action_tag(t) for t in tags if clean(t)), clean(ann.note)]).strip()
        if ann.speaker:
            # Readwise has no speaker column; a last line of the note keeps it with the highlight.
            note = f"{note}\nSpeaker: {clean(ann.speaker)}".strip()
        authors = ", ".join(clean(a) for a in meta.authors) or clean(meta.publication)
        location, kind = _location(meta, ann, pages)
        readwise_location, readwise_kind = _readwise_location(location, kind)
        row = [
            strip_controls(ann.quote),
            clean(meta.title),
            authors,
            clean(meta.url),
            note,
            readwise_location,
            _readwise_date(ann.created),
            readwise_kind,
            kind,
            location,
            str(ann.start) if meta.url else "",
        ]
        writer.writerow([_neutralise(cell) for cell in row])
    return buffer.getvalue()
