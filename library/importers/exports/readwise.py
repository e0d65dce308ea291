"""Readwise CSV: the columns of Readwise's CSV import (`Highlight, Title, Author, URL, Note,
Location, Date`, which Margin's `csv` export writes, with `Location Type`, `Margin Location Type`,
`Margin Location`, the locator whole where Location holds Readwise's integer, and `Margin Offset`,
where a highlight on a page with a URL stands in the text) or of
Readwise's own export (`Highlight, Book Title, Book Author, Amazon Book ID, Note, Color, Tags,
Location Type, Location, Highlighted at, Document tags`).

A row with a URL is a highlight on that page; a row without one, a passage of a book. Readwise's
action tags at the start of a note (`.support .housing`) become tags; `Speaker: …` as the note's
last line (Margin's export) becomes the speaker.
"""

from __future__ import annotations

import hashlib
import re

from library.importers.exports.records import (
    Clip,
    ExportFile,
    csv_rows,
    date_time,
    label_number,
    label_order,
)
from library.model import LOCATOR_KINDS
from library.text import clean_inline, clean_label, is_number

NAME = "readwise"
LABEL = "Readwise CSV (Readwise's import or export columns; Margin's csv export)"
BRINGS = (
    "highlights placed on the page's words (fetched when not in the library) or on a book's "
    "passages; notes, tags (.tag), speaker and date"
)
_ACTION_TAG = re.compile(r"^\.([^\s.][^\s]*)\s*")
_SPEAKER = re.compile(r"\n?Speaker: ([^\n]+)\s*$")


def detect(head: bytes) -> bool:
    """A CSV whose header row names Readwise's columns."""
    first = head.split(b"\n", 1)[0].decode("utf-8", "ignore").lower()
    cells = [c.strip().strip('"').strip() for c in first.split(",")]
    return bool(cells) and cells[0] == "highlight" and ("title" in cells or "book title" in cells)


def parse(data: bytes, name: str) -> ExportFile:
    """Every row with a highlight or a note; rows that cannot be read are named and skipped."""
    found = ExportFile(NAME)
    rows = csv_rows(data, name, found.problems)
    first = next(rows, None)
    if first is None:
        found.problems.append(f"{name}: no header row; nothing imported")
        return found
    header = [h.strip().lower() for h in first[1]]
    column = {h: i for i, h in enumerate(header)}
    shared: dict[str, str] = {}  # a book's title and author, one string for all its rows
    authors: dict[str, list[str]] = {}  # and one list of its authors (clips never change it)
    no_tags: list[str] = []  # one empty list of tags for every row that has none
    for line, row in rows:
        if not any(cell.strip() for cell in row):
            continue
        if len(row) < len(header):
            # A file cut off in the middle of a row (its end lost): say so, keep the rest.
            found.problems.append(
                f"{name}:{line}: a row with {len(row)} of {len(header)} columns "
                "(the file may be cut short); skipped"
            )
            continue
        clip = _clip(row, column, shared, authors, no_tags)
        if clip is not None:
            found.clips.append(clip)
    return found


def _cell(row: list[str], column: dict[str, int], *names: str) -> str:
    for name in names:
        index = column.get(name)
        if index is not None and index < len(row):
            return row[index]
    return ""


def _clip(
    row: list[str],
    column: dict[str, int],
    shared: dict[str, str],
    authors: dict[str, list[str]],
    no_tags: list[str],
) -> Clip | None:
    quote = _cell(row, column, "highlight").strip()
    if quote.startswith("'") and quote[1:2] in ("=", "+", "-", "@"):
        quote = quote[1:]  # a cell Margin's export neutralised for spreadsheets
    note = _cell(row, column, "note").replace("\r\n", "\n").strip()
    if not quote and not note:
        return None  # a note without words is kept (at its Location, as a Kindle's is)
    title = clean_inline(_cell(row, column, "title", "book title"))
    title = shared.setdefault(title, title)
    author = clean_inline(_cell(row, column, "author", "book author"))
    author = shared.setdefault(author, author)
    url = clean_inline(_cell(row, column, "url")) or None
    if note.startswith("'") and note[1:2] in ("=", "+", "-", "@"):
        note = note[1:]
    tags: list[str] = []
    while True:
        found = _ACTION_TAG.match(note)
        if not found:
            break
        tags.append(found.group(1))
        note = note[found.end() :]
    speaker = None
    said = _SPEAKER.search(note)
    if said:
        speaker = said.group(1).strip()
        note = note[: said.start()].strip()
    tags += [t.strip() for t in _cell(row, column, "tags").split(",") if t.strip()]
    # The locator whole: Margin's own column (its Location is Readwise's integer), else Location.
    location = clean_label(_cell(row, column, "margin location") or _cell(row, column, "location"))
    # What Location counts: Margin's own column first (its Location Type holds only what
    # Readwise accepts), else, when it is missing or blank, Readwise's.
    kind = _cell(row, column, "margin location type").strip() or _cell(row, column, "location type")
    kind = kind.strip().lower()
    created = date_time(_cell(row, column, "date", "highlighted at"))
    offset = _cell(row, column, "margin offset").strip()
    if url and not is_number(offset) and kind in ("", "offset"):
        offset = location  # Margin's csvs before "Margin Offset": the offset was the Location
    # A highlight of a page with a URL is the same clip by its offset, whether Location gives
    # it (older csvs) or its printed page; a note without words (a Kindle note on no highlight)
    # is told apart by its note.
    where = offset if url and is_number(offset) else location
    identity = [url or "", title, author, where, quote] + ([] if quote else [note])
    digest = hashlib.sha256("\x1f".join(identity).encode()).hexdigest()[:32]
    clip = Clip(
        quote=quote,
        kind="web" if url else "book",
        key=f"readwise:{digest}",
        note=note,
        tags=tags or no_tags,
        speaker=speaker,
        created=created,
        url=url,
        title=title,
        authors=authors.setdefault(author, [author] if author else []),
    )
    if url and is_number(offset):
        # Where Margin's export had the highlight in the article (its Location may be a page).
        number = label_number(offset) or 0  # (None only where there is no digit)
        clip.start, clip.end = number, number + len(quote)
    elif not url:
        # An offset (older Margin csvs give one for a book's highlight on no page) is a place
        # in one library's text, not one a reader can find or cite: that passage has no label,
        # and says nothing of what the book counts (its pages stay pages).
        placed = bool(location) and kind != "offset"
        clip.label = location if placed else None
        clip.made_up = location if location and not placed else None
        # What the label counts, as the type says; a Kindle location when it is not one of
        # Margin's locators (none given, Readwise's "order" or "time").
        known = next((k for k in LOCATOR_KINDS if k == kind), None)
        clip.locator = known or "location" if placed else None
        clip.order = label_order(location)
    return clip
