"""HTML pages: the article's text and the metadata the page states about itself."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from library.importers import Format, suffixes
from library.limits import Limits

if TYPE_CHECKING:
    from library.importer import RawSource
    from library.parsers import Parsed

SUFFIXES = (".html", ".htm", ".xhtml", ".shtml")
CONTENT_TYPES = ("text/html", "application/xhtml+xml")
_START = re.compile(
    rb"^(?:\xef\xbb\xbf)?\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|article)\b",
    re.I | re.S,
)
_TAGS = re.compile(rb"<(?:p|div|article|body|title)\b[^>]*>", re.I)


def parse(raw: RawSource, text: str, limits: Limits) -> Parsed:
    """The article of an HTML page, read from the raw bytes (the page's declared charset wins)."""
    from library.html import extract_html
    from library.parsers import Parsed

    found = extract_html(raw.data, raw.url, name=raw.name)
    return Parsed(
        title=found.title,
        subtitle=found.subtitle,
        authors=list(found.authors),
        publication=found.publication,
        section=found.section,
        published=found.published,
        url=found.url or raw.url,
        blocks=list(found.blocks),
        item_type=found.item_type,
        language=found.language,
    )


def sniff(raw: RawSource, text: str) -> float:
    """A document that starts like HTML, or is served as HTML, is HTML; so is a .html file with
    tags, and a file of no known suffix with them."""
    head = raw.data[:4096]
    if _START.match(head) or (raw.content_type or "").startswith(
        ("text/html", "application/xhtml")
    ):
        return 3.0
    if raw.suffix in SUFFIXES and _TAGS.search(raw.data[:65536]):
        return 2.5
    if raw.suffix not in suffixes() and _TAGS.search(raw.data[:65536]):
        return 1.0
    return 0.0


FORMAT = Format(
    name="html",
    label="HTML",
    description="web pages: the article's text without the site's furniture, and its metadata",
    suffixes=SUFFIXES,
    content_types=CONTENT_TYPES,
    parse=parse,
    sniff=sniff,
)
