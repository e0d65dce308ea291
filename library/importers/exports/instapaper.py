"""Instapaper's CSV export: `URL,Title,Selection,Folder,Timestamp` (and `Tags` in newer files).
A list of links: each page is fetched; the folder becomes a tag (`Archive` → `archived`,
`Starred` → `favorite`, a folder of your own → its name)."""

from __future__ import annotations

import orjson

from library.importers.exports.records import ExportFile, Link, csv_records, epoch_time
from library.text import clean_inline

NAME = "instapaper"
LABEL = "Instapaper CSV"
BRINGS = "each link fetched as an article; folder and tags as tags (archived, favorite), date saved"
_FOLDERS = {"unread": None, "archive": "archived", "starred": "favorite"}


def detect(head: bytes) -> bool:
    """The header row Instapaper writes."""
    first = head.split(b"\n", 1)[0].strip().lower()
    return first.startswith(b"url,title,selection,folder")


def parse(data: bytes, name: str) -> ExportFile:
    """Every link, with its folder and tags as tags and its timestamp as the date saved."""
    found = ExportFile(NAME)
    for line, row in csv_records(data, name, found.problems):
        url = (row.get("URL") or "").strip()
        if not url.lower().startswith(("http://", "https://")):
            if url or any(row.values()):
                found.problems.append(f"{name}:{line}: no web address; skipped")
            continue
        tags: list[str] = []
        folder = clean_inline(row.get("Folder"))
        mapped = _FOLDERS.get(folder.lower(), folder)
        if mapped:
            tags.append(mapped)
        tags += _tags(row.get("Tags") or "")
        found.links.append(
            Link(url, clean_inline(row.get("Title")), tags, epoch_time(row.get("Timestamp")))
        )
    return found


def _tags(value: str) -> list[str]:
    value = value.strip()
    if value.startswith("["):
        try:
            listed = orjson.loads(value)
        except orjson.JSONDecodeError:
            listed = []
        return [clean_inline(str(t)) for t in listed if clean_inline(str(t))]
    return [t for t in (clean_inline(t) for t in value.split(",")) if t]
