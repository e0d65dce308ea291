"""KOReader's highlights: the exporter plugin's JSON (one book, or `documents` for several) and a
book's sidecar `<book>.sdr/metadata.<ext>.lua`, read with a table reader that runs nothing.

The JSON (plugins/exporter.koplugin/target/json.lua): `{"title", "author", "entries": [{"text",
"note", "chapter", "page", "time", "sort", "drawer", "color"}], "number_of_pages", "created_on",
"version"}`. The sidecar: `return { ["doc_props"] = {["title"], ["authors"]}, ["annotations"] =
{ {["text"], ["note"], ["pageno"], ["chapter"], ["datetime"], ["pos0"]}, … } }`, or in files
written before 2024 `["highlight"] = { [page] = { {["text"], ["datetime"], …} } }` with notes in
`["bookmarks"]`.
"""

from __future__ import annotations

import hashlib
import re
from typing import Any

from library.importers.exports.luatable import LuaSyntaxError, loads
from library.importers.exports.records import (
    Clip,
    ExportFile,
    date_time,
    epoch_time,
    json_document,
)
from library.text import clean_inline

NAME = "koreader"
LABEL = "KOReader highlights (JSON export, .sdr/metadata.*.lua)"
BRINGS = (
    "highlights and notes of each book (a book not in the library becomes an article of its "
    "passages, by page); title, author and date"
)
_LUA_HEAD = re.compile(rb"^\s*(?:--[^\n]*\n\s*)*return\s*\{", re.S)


def detect(head: bytes) -> bool:
    """A sidecar (`-- …` then `return {` with KOReader's keys) or the exporter's JSON."""
    if _LUA_HEAD.match(head):
        return (
            any(key in head for key in (b'["doc_props"]', b'["annotations"]', b'["highlight"]'))
            or b'["bookmarks"]' in head
            or b'["cre_dom_version"]' in head
        )
    stripped = head.lstrip()
    if not stripped.startswith(b"{"):
        return False
    return (b'"entries"' in head and b'"number_of_pages"' in head) or (
        b'"documents"' in head and b'"created_on"' in head
    )


def parse(data: bytes, name: str) -> ExportFile:
    """Every highlight of every book in the file."""
    found = ExportFile(NAME)
    text = data.decode("utf-8", "replace")
    if text.lstrip(" \t\r\n").startswith("{"):
        document = json_document(data, name, found.problems)
        books = document.get("documents") if isinstance(document, dict) else None
        for book in books if isinstance(books, list) else [document]:
            if isinstance(book, dict):
                _json_book(book, found)
        return found
    try:
        table = loads(text)
    except LuaSyntaxError as exc:
        found.problems.append(f"{name}: not a KOReader metadata table ({exc}); nothing imported")
        return found
    if isinstance(table, dict):
        _lua_book(table, found)
    return found


def _json_book(book: dict[str, Any], found: ExportFile) -> None:
    title = clean_inline(str(book.get("title") or "")) or "Untitled"
    authors = _authors(book.get("author"))
    for entry in book.get("entries") or []:
        if not isinstance(entry, dict) or entry.get("sort", "highlight") != "highlight":
            continue
        created = epoch_time(entry.get("time"))
        _add(found, title, authors, entry.get("text"), entry.get("note"), entry.get("page"),
             created, entry.get("chapter"))  # fmt: skip


def _lua_book(table: dict[Any, Any], found: ExportFile) -> None:
    found_props = table.get("doc_props")
    props: dict[Any, Any] = found_props if isinstance(found_props, dict) else {}
    title = clean_inline(str(props.get("title") or "")) or "Untitled"
    authors = _authors(props.get("authors"))
    annotations = table.get("annotations")
    if isinstance(annotations, dict):
        annotations = [annotations[k] for k in sorted(annotations, key=_sort_key)]
    if isinstance(annotations, list):
        for item in annotations:
            if isinstance(item, dict) and item.get("text") and item.get("drawer", "x"):
                _add(found, title, authors, item.get("text"), item.get("note"),
                     item.get("pageno") or item.get("page"), date_time(item.get("datetime")),
                     item.get("chapter"))  # fmt: skip
        return
    notes = {}
    bookmarks = table.get("bookmarks")
    for mark in bookmarks.values() if isinstance(bookmarks, dict) else bookmarks or []:
        if isinstance(mark, dict) and mark.get("highlighted") and mark.get("notes"):
            note = str(mark.get("text") or "")
            if note and note != mark["notes"] and not re.match(r"^Page \d+ ", note):
                notes[clean_inline(str(mark["notes"]))] = note
    highlight = table.get("highlight")
    if isinstance(highlight, dict):
        pages = highlight.items()
    elif isinstance(highlight, list):
        pages = enumerate(highlight, 1)  # type: ignore[assignment]
    else:
        return
    for page, items in sorted(pages, key=lambda kv: _sort_key(kv[0])):
        for item in items.values() if isinstance(items, dict) else items or []:
            if isinstance(item, dict) and item.get("text"):
                quote = clean_inline(str(item["text"]))
                _add(found, title, authors, quote, notes.get(quote), page,
                     date_time(item.get("datetime")), item.get("chapter"))  # fmt: skip


def _add(
    found: ExportFile,
    title: str,
    authors: list[str],
    text: Any,
    note: Any,
    page: Any,
    created: str | None,
    chapter: Any,
) -> None:
    quote = clean_inline(str(text or ""))
    if not quote:
        return
    label = str(page) if isinstance(page, int) and not isinstance(page, bool) else None
    number = page if isinstance(page, int) and not isinstance(page, bool) else 0
    digest = hashlib.sha256(
        "\x1f".join([title, ";".join(authors), label or "", quote]).encode()
    ).hexdigest()[:32]
    found.clips.append(
        Clip(
            quote=quote,
            kind="book",
            key=f"koreader:{digest}",
            note=str(note or "").strip(),
            created=created,
            title=title,
            authors=authors,
            label=label,
            locator="page" if label else None,
            order=(number, len(found.clips)),
        )
    )
    del chapter  # the chapter is not kept: the page locates the passage


def _authors(value: Any) -> list[str]:
    return [a for a in (clean_inline(s) for s in re.split(r"\n|;", str(value or ""))) if a]


def _sort_key(value: Any) -> tuple[int, str]:
    return (value, "") if isinstance(value, int) else (1 << 30, str(value))
