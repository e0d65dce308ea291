"""Markdown, with or without YAML front matter."""

from __future__ import annotations

from typing import TYPE_CHECKING

from library.errors import ImportFailed
from library.importers import Format
from library.limits import Limits

if TYPE_CHECKING:
    from library.importer import RawSource
    from library.parsers import Parsed

SUFFIXES = (".md", ".markdown", ".mdown", ".mkd")


def parse(raw: RawSource, text: str, limits: Limits) -> Parsed:
    """Blocks and metadata of a Markdown article; front matter capped by the limits."""
    from library.articlefile import FrontMatterTooLarge
    from library.parsers import parse_markdown

    try:
        return parse_markdown(text, max_values=limits.front_matter_values)
    except FrontMatterTooLarge as exc:
        raise ImportFailed(raw.name, exc.reason, exc.hint) from None


def sniff(raw: RawSource, text: str) -> float:
    """Its suffix or front matter is a strong clue; a "# " title line a weaker one (a .txt
    file is plain text whatever its first line)."""
    if raw.suffix in SUFFIXES or text.startswith(("---\n", "---\r\n")):
        return 2.0
    first = next((line for line in text.splitlines() if line.strip()), "")
    if first.startswith("# ") and raw.suffix not in {".txt", ".text"}:
        return 1.5
    return 0.0


FORMAT = Format(
    name="markdown",
    label="Markdown",
    description="with or without YAML front matter (title, authors, published, url, tags…)",
    suffixes=SUFFIXES,
    content_types=("text/markdown", "text/x-markdown"),
    parse=parse,
    sniff=sniff,
)
