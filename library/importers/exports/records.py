"""What another tool's export holds, read into plain records: highlights (clips) and links."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

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
    order: tuple[int, int] = (0, 0)  # sorts a book's passages into reading order


@dataclass(slots=True)
class Link:
    """One saved page of a read-later export: its address, and its content when carried."""

    url: str
    title: str = ""
    tags: list[str] = field(default_factory=list)
    saved: str | None = None  # ISO 8601 date and time it was saved
    content: bytes | None = None  # the page itself, when the export carries it
    content_type: Literal["html", "markdown"] = "html"
    authors: list[str] = field(default_factory=list)
    published: str | None = None
    clips: list[Clip] = field(default_factory=list)  # highlights made on this page


@dataclass(slots=True)
class ExportFile:
    """An export read whole: its highlights, its links, and the parts that could not be read."""

    format: str  # the format's name, e.g. "kindle"
    clips: list[Clip] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # one line each, naming where
