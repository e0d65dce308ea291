"""Page furniture that both extractors keep: jump links, trailing related-link lists, captions."""

from __future__ import annotations

import re

from library.html.blocks import Blocks
from library.html.compare import clean, norm, size
from library.html.decode import Node

# Whole blocks that are links or labels of the page, never the article's words (nytimes-1, -2).
_FURNITURE = re.compile(
    r"^(?:continue reading(?: the main story| below)?|story continues below(?: advertisement)?"
    r"|skip advertisement|advertisement|supported by)\W*$"
    # The editor's credit that closes Chinese news pages: "（责任编辑：陈明）".
    r"|^[(（]\s*(?:责任编辑|責任編輯|编辑|編輯)\s*[:：][^)）]{1,20}[)）]$",
    re.I,
)
# A label introducing links to other articles: "Read more:" on wapo-1, "You Might Also Like" on
# salon-1. Alone in its block, or leading a block with one linked headline ("Read more: …").
_LABEL = (
    r"(?:read more|related(?: stories| articles| coverage| content| reading| links)?"
    r"|more (?:on|about) this(?: story| topic)?|see also|also read|recommended(?: reading)?"
    r"|you (?:may|might) also like|more stories|most read)"
)
_BARE_LABEL = re.compile(rf"^{_LABEL}\s*:?$", re.I)
_LABELLED_LINK = re.compile(rf"^{_LABEL}\s*:\s*\S", re.I)
_LINK_WORDS = 20  # a related link is a headline, not a paragraph
_LAST_BLOCKS = 40  # labels are looked for among the article's last blocks


def drop_furniture(blocks: Blocks) -> Blocks:
    """Blocks without jump links and advertisement labels."""
    return [(kind, body) for kind, body in blocks if not _FURNITURE.match(body)]


def drop_related(blocks: Blocks) -> Blocks:
    """Blocks without a trailing "Read more:" label and the links to other articles after it."""

    def link(kind: str, body: str) -> bool:
        return size(body) <= _LINK_WORDS or kind != "paragraph"

    for index in range(max(0, len(blocks) - _LAST_BLOCKS), len(blocks)):
        body = blocks[index][1]
        tail = blocks[index + 1 :]
        if _BARE_LABEL.match(body) and all(link(k, b) for k, b in tail):
            return _drop_labelled_links(blocks[:index])
        if (
            _LABELLED_LINK.match(body)
            and size(body) <= _LINK_WORDS
            and all(size(b) <= _LINK_WORDS for _, b in tail)
        ):
            return _drop_labelled_links(blocks[:index])
    return blocks


def _drop_labelled_links(blocks: Blocks) -> Blocks:
    """Blocks without the "Read more: <headline>" blocks they end with."""
    while blocks and _LABELLED_LINK.match(blocks[-1][1]) and size(blocks[-1][1]) <= _LINK_WORDS:
        blocks = blocks[:-1]
    return blocks


def captions(tree: Node) -> set[str]:
    """The normalised texts of the page's photo captions: <figcaption>s and images' alt texts."""
    found = {clean(node.text_content()) for node in tree.iter("figcaption")}
    found |= {clean(node.get("alt")) for node in tree.iter("img")}
    return {norm(text) for text in found if size(text) >= 3}


def drop_captions(blocks: Blocks, known: set[str]) -> Blocks:
    """Blocks without the page's photo captions, which extractors turn into list items.

    Dropped rather than kept: the reader shows no pictures, and a caption between two paragraphs
    reads as a stray line of the article that a quote could be taken from by mistake.
    """
    if not known:
        return blocks
    return [(kind, body) for kind, body in blocks if norm(body) not in known]
