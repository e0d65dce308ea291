"""Omnivore's export: a zip of `metadata_<from>_to_<to>.json` (a list of items: `slug`, `title`,
`author`, `url`, `state` (`Archived`, `Active`), `labels` (names), `savedAt`, `publishedAt`),
each item's content in `content/<slug>.html` (`.pdf` for an uploaded PDF; `.md` is read too)
and its highlights in `highlights/<slug>.md`; the folder the zip unpacks to is read the same
way. The content is carried, so nothing is fetched; an item without content, or whose content is
too large to read (a zip bomb), is fetched.

The highlights file, as Omnivore's exporter writes it (`highlightToMarkdown` in its
`packages/api/src/utils/parser.ts`, the items joined by a blank line in
`packages/api/src/jobs/export.ts`): each highlight is `> <quote> ` (a blank line inside the quote
written `> `, the quote's other lines as they are), then, when it has any, a blank line and its
labels `#one #two`, then a blank line and its note (which may run to several paragraphs). A page
note is its text followed by a blank line of its own (`<note>\n\n`), so the join makes three
blank lines after it (or the file ends in a blank line): that tells it from a highlight's note,
which one blank line follows. Margin has no note on a whole page, so page notes are not
imported as highlights: the import keeps them, with their page's title and URL, in a Markdown
file beside its failures and names it in its summary. When a note and a page note both follow
a highlight and either runs to several paragraphs, where one ends and the other starts is not
written down: the page note is taken as the last paragraph alone, and the paragraphs before it
stay the highlight's note.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any, Literal

from library.importers.exports.records import Clip, ExportFile, Link, json_document
from library.importers.exports.zipped import (
    ZIP_MAGIC,
    ZipRefused,
    folder_members,
    members,
    names,
    too_large,
)
from library.text import clean_inline

NAME = "omnivore"
LABEL = "Omnivore export (zip of JSON and Markdown, or the folder it unpacks to)"
BRINGS = (
    "each item's content as an article (an uploaded PDF too; fetched only when missing or too "
    "large to read); labels as tags, archived as a tag, date saved, author; its highlights "
    "placed on the text, with their labels as tags and their notes"
)
MAX_TOTAL = 500_000_000
_METADATA = re.compile(r"(?:^|/)metadata_\d+_to_\d+\.json$")
_OWN = re.compile(r"(?:^|/)(?:metadata_\d+_to_\d+\.json|(?:content|highlights)/[^/]+)$")
_CONTENT: tuple[tuple[str, Literal["html", "markdown", "pdf"]], ...] = (
    (".html", "html"),
    (".pdf", "pdf"),
    (".md", "markdown"),
)
_GAP = re.compile(r"(\n(?:[ \t]*\n)+)")  # a paragraph break, kept to count its blank lines
_PAGE_NOTE_GAP = 4  # newlines after a page note: its own blank line, then the join's
_QUOTE_LINE = re.compile(r"^>[ \t]?")
_BACKLINK = re.compile(r"\s*\[⤴️?\]\([^)]*\)\s*$")
_LABELS = re.compile(r"#[^\s#][^#\n]*(?: #[^\s#][^#\n]*)*")


def detect(head: bytes, data: bytes | None = None) -> bool:
    """A zip archive holding Omnivore's metadata files."""
    if not head.startswith(ZIP_MAGIC) or data is None:
        return False
    return any(_METADATA.search(n) for n in names(data))


def detect_folder(folder: Path) -> bool:
    """A folder Omnivore's export was unpacked to: a metadata file (at its top, or in the one
    folder the archive held, when the folder holds nothing else) whose content is a JSON list."""
    listed = list(folder.glob("metadata_*_to_*.json"))
    inner = [p for p in folder.iterdir() if not p.name.startswith(".")] if not listed else []
    if len(inner) == 1 and inner[0].is_dir():
        listed = list(inner[0].glob("metadata_*_to_*.json"))
    for found in listed:
        if not _METADATA.search(found.as_posix()):
            continue
        try:
            with found.open("rb") as handle:
                head = handle.read(4096)
        except OSError:
            continue
        if head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"["):
            return True
    return False


def parse(
    data: bytes, name: str, max_total: int = MAX_TOTAL, max_member: int | None = None
) -> ExportFile:
    """Every item of every metadata file, with its content and highlights from the archive; an
    item whose content expands past max_member bytes (or past what is left of max_total) is
    fetched from its address (`Link.why_fetched` says why), and the rest imported."""
    return _items(partial(members, data), name, max_total, max_member)


def parse_folder(
    folder: Path, name: str, max_total: int = MAX_TOTAL, max_member: int | None = None
) -> ExportFile:
    """The export unpacked to folder, read as `parse` reads the archive; a file of the folder
    that is none of the export's (a user's own, saved beside it) is named as skipped."""
    others: list[str] = []
    outside: list[tuple[Path, str]] = []

    def read(total: int, member: int | None) -> tuple[dict[str, bytes], list[str]]:
        files, refused = folder_members(folder, total, member, outside)
        others.extend(n for n in [*files, *refused] if not _OWN.search(n))
        return files, [n for n in refused if _OWN.search(n)]

    found = _items(read, name, max_total, max_member)
    found.problems += [
        f"{name}: {other}: not part of the Omnivore export; skipped (import it on its own)"
        for other in others
    ]
    found.problems += [
        f"{name}: {link.relative_to(folder).as_posix()}: a link to outside the folder; skipped "
        "(copy what it leads to into the folder to import it)"
        for link, _ in outside
    ]
    return found


def _items(
    read: Callable[[int, int | None], tuple[dict[str, bytes], list[str]]],
    name: str,
    max_total: int,
    max_member: int | None,
) -> ExportFile:
    """Every item of every metadata file among the export's files (read within the limits: the
    files by name, and those too large to read), each with its content and highlights."""
    try:
        files, refused = read(max_total, max_member)
    except ZipRefused as exc:
        failed = ExportFile(NAME)
        failed.problems.append(f"{name}: {exc}; nothing imported")
        return failed
    found = ExportFile(NAME)
    fetched: set[str] = set()  # refused contents whose items are fetched from their addresses
    for member in sorted(n for n in files if _METADATA.search(n)):
        items = json_document(files[member], f"{name}: {member}", found.problems, "skipped")
        prefix = member.rsplit("/", 1)[0] + "/" if "/" in member else ""
        for item in items if isinstance(items, list) else []:
            if isinstance(item, dict) and isinstance(item.get("url"), str):
                slug = str(item.get("slug") or item.get("id") or "")
                link, page_notes = _link(item, files, prefix)
                content = (f"{prefix}content/{slug}{suffix}" for suffix, _ in _CONTENT)
                too_big = next((m for m in content if m in refused), None)
                if too_big is not None and link.content is None:
                    # Read as an item without its content: fetched, as a link-only item is.
                    link.why_fetched = f"its {too_large(too_big, max_total, max_member)}"
                    fetched.add(too_big)
                found.links.append(link)
                found.page_notes += [(link.url, link.title, note) for note in page_notes]
    found.problems[:0] = [
        f"{name}: {too_large(m, max_total, max_member)}; skipped"
        for m in refused
        if m not in fetched
    ]
    return found


def _link(item: dict[str, Any], files: dict[str, bytes], prefix: str) -> tuple[Link, list[str]]:
    """The item's link, with its content and highlights; and its page notes."""
    slug = str(item.get("slug") or item.get("id") or "")
    tags = []
    for label in item.get("labels") or []:
        shown = clean_inline(str(label.get("name") if isinstance(label, dict) else label))
        if shown:
            tags.append(shown)
    if str(item.get("state") or "").lower() == "archived":
        tags.append("archived")
    content: bytes | None = None
    kind: Literal["html", "markdown", "pdf"] = "html"
    for suffix, what in _CONTENT:
        body = files.get(f"{prefix}content/{slug}{suffix}")
        if body and body.strip():
            content, kind = body, what
            break
    url = item["url"].strip()
    title = clean_inline(str(item.get("title") or ""))
    author = clean_inline(str(item.get("author") or ""))
    link = Link(
        url,
        title,
        tags,
        str(item.get("savedAt") or "") or None,
        content,
        kind,
        [author] if author else [],
        (str(item.get("publishedAt") or "")[:10]) or None,
    )
    notes = files.get(f"{prefix}highlights/{slug}.md")
    page_notes: list[str] = []
    if notes:
        read, page_notes = _highlights(notes.decode("utf-8", "replace"))
        for number, (quote, note, labels) in enumerate(read):
            digest = hashlib.sha256(f"{url}\x1f{number}\x1f{quote}".encode()).hexdigest()[:32]
            link.clips.append(
                Clip(
                    quote=quote, key=f"omnivore:{digest}", note=note, tags=labels, url=url,
                    title=title,
                )
            )  # fmt: skip
    return link, page_notes


def _highlights(markdown: str) -> tuple[list[tuple[str, str, list[str]]], list[str]]:
    """(quote, note, labels) of each highlight of a highlights file, and the page notes it
    holds (see the module's text).

    A paragraph opening with `>` is a highlight: its `> ` lines and the lines that continue it
    unmarked are its quote (a link back to the page, `[⤴️](…)`, as other Omnivore exports end
    a quote with, dropped). A paragraph of `#label`s right after it gives its labels, and the
    paragraphs after those, up to the next highlight, its note, but for a page note: the
    paragraph that three blank lines (or the file's end after a blank line) follow.
    """
    found: list[tuple[str, list[str], list[str]]] = []
    page_notes: list[str] = []
    pieces = _GAP.split(markdown.replace("\r\n", "\n"))
    for at in range(0, len(pieces), 2):
        text = pieces[at].strip()
        if not text:
            continue
        gap = pieces[at + 1] if at + 1 < len(pieces) else ""
        last = at + 2 >= len(pieces) or not pieces[at + 2].strip()
        if text.startswith(">"):
            lines = [_QUOTE_LINE.sub("", line) for line in text.split("\n")]
            quote = clean_inline(_BACKLINK.sub("", " ".join(lines)))
            if quote:
                found.append((quote, [], []))
            continue
        if gap.count("\n") >= _PAGE_NOTE_GAP or (last and gap) or not found:
            page_notes.append(text)  # on the whole page (one before any highlight goes with none)
            continue
        _, notes, labels = found[-1]
        if not notes and not labels and _LABELS.fullmatch(text):
            labels.extend(n for n in (clean_inline(t) for t in text[1:].split(" #")) if n)
        else:
            notes.append(text)
    return [(quote, "\n\n".join(notes), labels) for quote, notes, labels in found], page_notes
