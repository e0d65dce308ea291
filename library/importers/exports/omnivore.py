"""Omnivore's export: a zip of `metadata_<from>_to_<to>.json` (a list of items: `slug`, `title`,
`author`, `url`, `state` (`Archived`, `Active`), `labels` (names), `savedAt`, `publishedAt`),
each item's content in `content/<slug>.html` (`.pdf` for an uploaded PDF; `.md` is read too)
and its highlights in `highlights/<slug>.md`. The content is carried, so nothing is fetched; an
item without content is fetched.

The highlights file, as Omnivore's exporter writes it (`highlightToMarkdown` in its
`packages/api/src/utils/parser.ts`), joins its highlights with a blank line, each one:
`> <quote> ` (a blank line inside the quote written `> `, the quote's other lines as they are),
then, when it has any, a blank line and its labels `#one #two`, then a blank line and its note
(which may run to several paragraphs). A page note is its text alone, and goes with nothing.
"""

from __future__ import annotations

import hashlib
import re
from typing import Any, Literal

from library.importers.exports.records import Clip, ExportFile, Link, json_document
from library.importers.exports.zipped import ZIP_MAGIC, ZipRefused, members, names
from library.text import clean_inline

NAME = "omnivore"
LABEL = "Omnivore export (zip of JSON and Markdown)"
BRINGS = (
    "each item's content as an article (an uploaded PDF too; fetched only when missing); labels "
    "as tags, archived as a tag, date saved, author; its highlights placed on the text, with "
    "their labels as tags and their notes"
)
MAX_TOTAL = 500_000_000
_METADATA = re.compile(r"(?:^|/)metadata_\d+_to_\d+\.json$")
_CONTENT: tuple[tuple[str, Literal["html", "markdown", "pdf"]], ...] = (
    (".html", "html"),
    (".pdf", "pdf"),
    (".md", "markdown"),
)
_BLANK = re.compile(r"\n[ \t]*\n")
_QUOTE_LINE = re.compile(r"^>[ \t]?")
_BACKLINK = re.compile(r"\s*\[⤴️?\]\([^)]*\)\s*$")
_LABELS = re.compile(r"#[^\s#][^#\n]*(?: #[^\s#][^#\n]*)*")


def detect(head: bytes, data: bytes | None = None) -> bool:
    """A zip archive holding Omnivore's metadata files."""
    if not head.startswith(ZIP_MAGIC) or data is None:
        return False
    return any(_METADATA.search(n) for n in names(data))


def parse(data: bytes, name: str, max_total: int = MAX_TOTAL) -> ExportFile:
    """Every item of every metadata file, with its content and highlights from the archive."""
    found = ExportFile(NAME)
    try:
        files = members(data, max_total)
    except ZipRefused as exc:
        found.problems.append(f"{name}: {exc}; nothing imported")
        return found
    for member in sorted(n for n in files if _METADATA.search(n)):
        items = json_document(files[member], f"{name}: {member}", found.problems, "skipped")
        prefix = member.rsplit("/", 1)[0] + "/" if "/" in member else ""
        for item in items if isinstance(items, list) else []:
            if isinstance(item, dict) and isinstance(item.get("url"), str):
                found.links.append(_link(item, files, prefix))
    return found


def _link(item: dict[str, Any], files: dict[str, bytes], prefix: str) -> Link:
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
    if notes:
        read = _highlights(notes.decode("utf-8", "replace"))
        for number, (quote, note, labels) in enumerate(read):
            digest = hashlib.sha256(f"{url}\x1f{number}\x1f{quote}".encode()).hexdigest()[:32]
            link.clips.append(
                Clip(
                    quote=quote, key=f"omnivore:{digest}", note=note, tags=labels, url=url,
                    title=title,
                )
            )  # fmt: skip
    return link


def _highlights(markdown: str) -> list[tuple[str, str, list[str]]]:
    """(quote, note, labels) of each highlight of a highlights file (see the module's text).

    A paragraph opening with `>` is a highlight: its `> ` lines and the lines that continue it
    unmarked are its quote (a link back to the page, `[⤴️](…)`, as other Omnivore exports end
    a quote with, dropped). A paragraph of `#label`s right after it gives its labels, and the
    paragraphs after those, up to the next highlight, its note.
    """
    found: list[tuple[str, list[str], list[str]]] = []
    for paragraph in _BLANK.split(markdown.replace("\r\n", "\n")):
        text = paragraph.strip()
        if not text:
            continue
        if text.startswith(">"):
            lines = [_QUOTE_LINE.sub("", line) for line in text.split("\n")]
            quote = clean_inline(_BACKLINK.sub("", " ".join(lines)))
            if quote:
                found.append((quote, [], []))
            continue
        if not found:
            continue  # a page note before any highlight: it belongs to none
        _, notes, labels = found[-1]
        if not notes and not labels and _LABELS.fullmatch(text):
            labels.extend(n for n in (clean_inline(t) for t in text[1:].split(" #")) if n)
        else:
            notes.append(text)
    return [(quote, "\n\n".join(notes), labels) for quote, notes, labels in found]
