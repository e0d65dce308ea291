"""HTML article extraction: the article's blocks plus the metadata the page states about itself.

One module a step: `decode` (bytes to text to tree), `blocks` (trafilatura's main text with
readability-lxml as a second opinion), `clutter` (furniture both keep), `metadata` (trafilatura's
metadata, corrected where it falls short). Heavy imports happen inside the functions so that
importing this package stays cheap.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass

from library.errors import ImportFailed
from library.html import blocks as _blocks
from library.html import clutter as _clutter
from library.html.compare import norm, same, size, tokens
from library.html.decode import MAX_DEPTH, TooDeep, decode_page, parse_page
from library.html.metadata import read_metadata
from library.model import BlockKind

__all__ = ["MAX_DEPTH", "Extracted", "extract_html"]

_STANDFIRST_WORDS = (4, 80)
_ELLIPSIS = ("…", "...")
# A description ending on one of these words was cut off by a length limit.
_DANGLING = {
    "a", "an", "the", "and", "or", "but", "of", "in", "on", "at", "to", "for", "with", "by",
    "from", "as", "that", "is", "was", "his", "her", "their", "its",
}  # fmt: skip


@dataclass(slots=True)
class Extracted:
    """An article pulled out of an HTML page: metadata and raw block texts."""

    title: str | None
    subtitle: str | None  # standfirst/description if it is clearly a standfirst, else None
    authors: list[str]
    publication: str | None  # site name / newspaper
    section: str | None
    published: str | None  # ISO date YYYY-MM-DD, from the page; never invented
    url: str | None  # canonical URL, else the URL the page was read from
    blocks: list[tuple[BlockKind, str]]
    item_type: str | None = None  # a CSL type the page states (schema.org, og:type, site)
    language: str | None = None  # BCP 47: <html lang>, Content-Language, og:locale


def extract_html(
    markup: str | bytes, url: str | None = None, *, name: str | None = None
) -> Extracted:
    """Extract the article of an HTML page; raise ImportFailed when it has no article text.

    Errors call the page name (the file it was read from), else its URL.
    """
    source = name or url or "<html>"
    text = decode_page(markup)
    try:
        tree = parse_page(text)
    except TooDeep:
        raise ImportFailed(
            source,
            f"the HTML nests elements more than {MAX_DEPTH:,} levels deep, past what the HTML "
            "parser reads (libxml2's fixed limit: no setting raises it)",
            "save the article's text as a .txt or .md file and import that",
        ) from None
    if tree is None:
        raise ImportFailed(source, "the HTML is empty", "is the file an HTML page?")
    page = read_metadata(tree, url)
    blocks = _blocks.trafilatura_blocks(tree, url)
    other: _blocks.Blocks = []
    if _blocks.needs_second_opinion(
        _blocks.drop_title(blocks, page.title_variants), _blocks.paragraph_letters(tree)
    ):
        # Readability changes the tree it is given.
        blocks, other = _blocks.choose_blocks(
            blocks, _blocks.readability_blocks(copy.deepcopy(tree), url)
        )
    blocks = _blocks.drop_title(blocks, page.title_variants)
    blocks = _blocks.trim_edges(blocks, other)
    blocks = _clutter.drop_furniture(blocks)
    blocks = _clutter.drop_captions(blocks, _clutter.captions(tree))
    blocks = _clutter.drop_related(blocks)
    if not _blocks.has_prose(blocks):
        raise ImportFailed(
            source, "no article text found in the HTML", "is this a list or login page?"
        )
    subtitle, blocks = _standfirst(blocks, page.title, page.descriptions)
    return Extracted(
        title=page.title,
        subtitle=subtitle,
        authors=page.authors,
        publication=page.publication,
        section=page.section,
        published=page.published,
        url=page.url or url,
        blocks=blocks,
        item_type=page.item_type,
        language=page.language,
    )


def _standfirst(
    blocks: _blocks.Blocks, title: str | None, descriptions: list[str]
) -> tuple[str | None, _blocks.Blocks]:
    """The description if it reads as a standfirst, and the blocks without it.

    A description the text opens with is the lede, not a standfirst, unless the page sets it
    apart as a heading (a "dek"); one cut off mid-sentence is a teaser.
    """
    opening = None  # the first blocks' words, read once a description needs them
    for text in descriptions:
        if title and same(text, title):
            continue
        words = tokens(text)
        if not words or not _STANDFIRST_WORDS[0] <= size(text) <= _STANDFIRST_WORDS[1]:
            continue
        if text.endswith(_ELLIPSIS) or words[-1] in _DANGLING:
            continue
        if blocks and blocks[0][0] == "heading" and same(blocks[0][1], text):
            return text, blocks[1:]
        if opening is None:
            opening = f" {norm(' '.join(body for _, body in blocks[:3]))} "
        if f" {' '.join(words)} " in opening:
            return None, blocks
        return text, blocks
    return None, blocks
