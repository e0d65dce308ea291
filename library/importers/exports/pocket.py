"""Pocket's export: `ril_export.html` (lists under "Unread" and "Read Archive", each link with
`time_added` and `tags`) or the CSV of 2025 (`title,url,time_added,tags,status`, tags joined
by `|`). A list of links: each page is fetched."""

from __future__ import annotations

from html.parser import HTMLParser

from library.importers.exports.records import ExportFile, Link, csv_records, epoch_time
from library.text import clean_inline

NAME = "pocket"
LABEL = "Pocket export (ril_export.html, or its CSV)"
BRINGS = "each link fetched as an article; tags, `archived` for the read archive, date saved"


def detect(head: bytes) -> bool:
    """Pocket's HTML title, or its CSV header."""
    lowered = head[:4096].lower()
    if b"<title>pocket export</title>" in lowered:
        return True
    first = lowered.split(b"\n", 1)[0].strip()
    return first.startswith(b"title,url,time_added")


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[Link] = []
        self.section = ""
        self._in_heading = False
        self._open: Link | None = None
        self._title: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        if tag == "h1":
            self._in_heading, self.section = True, ""
        elif tag == "a" and values.get("href"):
            tags = [t for t in (clean_inline(t) for t in values.get("tags", "").split(",")) if t]
            if "archive" in self.section.lower():
                tags.append("archived")
            self._open = Link(
                values["href"].strip(), tags=tags, saved=epoch_time(values.get("time_added"))
            )
            self._title = []

    def handle_data(self, data: str) -> None:
        if self._in_heading:
            self.section += data
        elif self._open is not None:
            self._title.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "h1":
            self._in_heading = False
        elif tag == "a" and self._open is not None:
            self._open.title = clean_inline("".join(self._title))
            self.links.append(self._open)
            self._open = None


def parse(data: bytes, name: str) -> ExportFile:
    """Every link of the export, with its tags and the date it was saved."""
    found = ExportFile(NAME)
    text = data.decode("utf-8", "replace")
    if text.lower().startswith("title,url,time_added"):
        for _, row in csv_records(data, name, found.problems):
            url = (row.get("url") or "").strip()
            if not url:
                continue
            tags = [t for t in (clean_inline(t) for t in (row.get("tags") or "").split("|")) if t]
            if (row.get("status") or "").strip().lower() == "archive":
                tags.append("archived")
            saved = epoch_time(row.get("time_added"))
            found.links.append(Link(url, clean_inline(row.get("title")), tags, saved))
        return found
    parser = _Links()
    parser.feed(text)
    parser.close()
    found.links = parser.links
    return found
