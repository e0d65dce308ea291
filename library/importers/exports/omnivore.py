"""Omnivore's export: a zip of `metadata_<from>_to_<to>.json` (a list of items: `slug`, `title`,
`author`, `url`, `state`, `labels`, `savedAt`, `publishedAt`), each item's content in
`content/<slug>.html` (or `.md`) and its highlights in `highlights/<slug>.md` (quoted lines
`> …`). The content is carried, so nothing is fetched; an item without content is fetched."""

from __future__ import annotations

import hashlib
import re
from typing import Any

from library.importers.exports.records import Clip, ExportFile, Link, json_document
from library.importers.exports.zipped import ZIP_MAGIC, ZipRefused, members, names
from library.text import clean_inline

NAME = "omnivore"
LABEL = "Omnivore export (zip of JSON and Markdown)"
BRINGS = (
    "each item's content as an article (fetched only when missing); labels as tags, archived "
    "as a tag, date saved, author; its highlights placed on the text"
)
MAX_TOTAL = 500_000_000
_METADATA = re.compile(r"(?:^|/)metadata_\d+_to_\d+\.json$")
_QUOTE_LINE = re.compile(r"^>\s?(.*)$")


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
    kind = "html"
    for suffix, what in ((".html", "html"), (".md", "markdown")):
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
        "markdown" if kind == "markdown" else "html",
        [author] if author else [],
        (str(item.get("publishedAt") or "")[:10]) or None,
    )
    notes = files.get(f"{prefix}highlights/{slug}.md")
    if notes:
        for number, quote in enumerate(_quotes(notes.decode("utf-8", "replace"))):
            digest = hashlib.sha256(f"{url}\x1f{number}\x1f{quote}".encode()).hexdigest()[:32]
            link.clips.append(Clip(quote=quote, key=f"omnivore:{digest}", url=url, title=title))
    return link


def _quotes(markdown: str) -> list[str]:
    """The quoted passages of a highlights file: runs of `> ` lines, links to the page dropped."""
    quotes: list[str] = []
    run: list[str] = []
    for line in [*markdown.splitlines(), ""]:
        found = _QUOTE_LINE.match(line)
        if found:
            run.append(re.sub(r"\s*\[⤴️?\]\([^)]*\)\s*$", "", found.group(1)))
            continue
        if run:
            quote = clean_inline(" ".join(run))
            if quote:
                quotes.append(quote)
            run = []
    return quotes
