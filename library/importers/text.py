"""Plain-text news: a headline, a byline and a dateline read from the first lines."""

from __future__ import annotations

from typing import TYPE_CHECKING

from library.importers import Format
from library.limits import Limits

if TYPE_CHECKING:
    from library.importer import RawSource
    from library.parsers import Parsed


def parse(raw: RawSource, text: str, limits: Limits) -> Parsed:
    """Blocks and metadata of a plain-text article."""
    from library.parsers import parse_plain_text

    return parse_plain_text(text)


def sniff(raw: RawSource, text: str) -> float:
    """Decodable text with no better clue is read as plain-text news."""
    return 0.1


FORMAT = Format(
    name="text",
    label="plain text",
    description="news copy: headline, byline and dateline from its first lines",
    suffixes=(".txt", ".text", ".news", ""),
    content_types=("text/plain",),
    parse=parse,
    sniff=sniff,
)
