"""Wallabag's JSON export: a list of entries, each with `url`, `title`, `content` (the page's
HTML), `tags`, `is_archived`, `is_starred`, `created_at`, `published_by` and `annotations`
(`quote`, `text`, `created_at`). The content is carried, so nothing is fetched; annotations
become highlights on it."""

from __future__ import annotations

import hashlib
from typing import Any

from library.importers.exports.records import Clip, ExportFile, Link, json_document
from library.text import clean_inline

NAME = "wallabag"
LABEL = "Wallabag JSON"
BRINGS = (
    "each entry's content as an article (nothing fetched); tags, archived and favorite as tags, "
    "date saved, authors; its annotations as highlights with their notes"
)


def detect(head: bytes) -> bool:
    """A JSON list whose entries carry Wallabag's flags."""
    stripped = head.lstrip(b" \t\r\n")
    return stripped.startswith(b"[") and b'"is_archived"' in head and b'"url"' in head


def parse(data: bytes, name: str) -> ExportFile:
    """Every entry with an address and its annotations."""
    found = ExportFile(NAME)
    entries = json_document(data, name, found.problems)
    for index, entry in enumerate(entries if isinstance(entries, list) else []):
        if not isinstance(entry, dict) or not isinstance(entry.get("url"), str):
            found.problems.append(f"{name}: entry {index + 1} has no url; skipped")
            continue
        found.links.append(_link(entry))
    return found


def _flag(value: Any) -> bool:
    return value in (1, True, "1", "true")


def _link(entry: dict[str, Any]) -> Link:
    tags = []
    for tag in entry.get("tags") or []:
        label = tag.get("label") if isinstance(tag, dict) else tag
        if clean_inline(str(label or "")):
            tags.append(clean_inline(str(label)))
    if _flag(entry.get("is_archived")):
        tags.append("archived")
    if _flag(entry.get("is_starred")):
        tags.append("favorite")
    content = entry.get("content")
    url = entry["url"].strip()
    title = clean_inline(str(entry.get("title") or ""))
    authors = [
        clean_inline(str(a)) for a in entry.get("published_by") or [] if clean_inline(str(a))
    ]
    link = Link(
        url,
        title,
        tags,
        _iso(entry.get("created_at")),
        content.encode() if isinstance(content, str) and content.strip() else None,
        authors=authors,
        published=(_iso(entry.get("published_at")) or "")[:10] or None,
    )
    for note in entry.get("annotations") or []:
        if not isinstance(note, dict) or not str(note.get("quote") or "").strip():
            continue
        quote = clean_inline(str(note["quote"]))
        digest = hashlib.sha256(f"{url}\x1f{note.get('id')}\x1f{quote}".encode()).hexdigest()[:32]
        link.clips.append(
            Clip(
                quote=quote,
                key=f"wallabag:{digest}",
                note=str(note.get("text") or "").strip(),
                created=_iso(note.get("created_at")),
                url=url,
                title=title,
            )
        )
    return link


def _iso(value: Any) -> str | None:
    text = str(value or "").strip()
    return text.replace(" ", "T", 1) if len(text) >= 10 and text[4:5] == "-" else None
