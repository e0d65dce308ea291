"""The article's blocks: trafilatura's main text, with readability-lxml as a second opinion.

Readability replaces trafilatura's text when the two disagree wildly about the article's length,
and otherwise trims the leading and trailing blocks it never saw (datelines, newsletter prompts,
related links). It is asked only when trafilatura's text looks doubtful (`needs_second_opinion`):
it costs twice to three times what trafilatura does.
"""

from __future__ import annotations

import copy
import functools
import re
from collections.abc import Callable
from typing import Any, cast

from library.html.compare import same, size, tokens
from library.html.decode import Node
from library.model import BlockKind

Blocks = list[tuple[BlockKind, str]]

# The second opinion replaces trafilatura's text when trafilatura is this many times longer (it
# swept in a gallery or a list of teasers) or this many times shorter (it lost half the article).
_TOO_LONG = 2.0
_TOO_SHORT = 0.5
_SEEN_SHARE = 0.5  # an edge block is page furniture when the other extractor has < half of it
_LEAD_WORDS = 12  # leading blocks longer than this are never trimmed
_TITLE_WINDOW = 3  # the repeated headline is looked for among this many leading blocks
_KICKER_WORDS = 6  # blocks above the repeated headline are dropped with it when this short
_PROSE_WORDS = 10  # an article has at least one paragraph this long
_TAIL_BLOCKS = 4  # the last blocks looked at for furniture (a heading, a list)
_BODY_KINDS = ("paragraph", "blockquote")

# Roles of tags when turning a tree into blocks. Unlisted tags are inline: their text joins the
# paragraph being built. "block" tags end the paragraph before and after them.
_HTML_ROLES: dict[str, str] = {
    **dict.fromkeys(("h1", "h2", "h3", "h4", "h5", "h6"), "heading"),
    "blockquote": "blockquote",
    **dict.fromkeys(("li", "dt", "dd"), "list_item"),
    **dict.fromkeys(
        (
            "p", "div", "section", "article", "main", "header", "footer", "aside", "nav", "ul",
            "ol", "dl", "table", "thead", "tbody", "tfoot", "tr", "figure", "figcaption", "pre",
            "address", "details", "summary", "form", "fieldset", "hr", "center", "body", "html",
        ),
        "block",
    ),
    **dict.fromkeys(
        (
            "script", "style", "noscript", "template", "svg", "button", "select", "textarea",
            "iframe", "object", "embed", "img", "head", "title", "meta", "link", "input", "math",
        ),
        "skip",
    ),
    "br": "break",
    **dict.fromkeys(("td", "th"), "cell"),
}  # fmt: skip
_ROLE_KINDS: dict[str, BlockKind] = {
    "heading": "heading",
    "blockquote": "blockquote",
    "list_item": "list_item",
}
# Trafilatura's XML (a TEI subset): <head>, <quote>, <list>/<item>, <table>/<row>/<cell>, <lb/>.
_TEI_ROLES: dict[str, str] = {
    "head": "heading",
    "quote": "blockquote",
    "item": "list_item",
    **dict.fromkeys(("p", "list", "table", "row", "code", "body", "doc", "main", "div"), "block"),
    "graphic": "skip",
    "lb": "break",
    "cell": "cell",
}


def trafilatura_blocks(tree: Node, url: str | None) -> Blocks:
    """Trafilatura's main text as blocks; empty when it found none."""
    import trafilatura

    # fast: without trafilatura's own fallback (its copy of readability and jusText, compared
    # with its text): readability-lxml's second opinion here does that comparison, and the
    # corpus's 28 pages score the same F1 either way, at a third less time a page.
    # Given a tree, trafilatura works on its own copy: the tree is left as it was.
    options = copy.copy(_trafilatura_options())
    options.url = options.source = url
    try:
        document = trafilatura.bare_extraction(tree, options=options)
    except RecursionError:  # a page nested deeper than its recursive walks go
        return []
    if document is None or isinstance(document, dict) or document.body is None:
        return []
    return BlockWriter(_TEI_ROLES).run(document.body)


@functools.cache
def _trafilatura_options() -> Any:
    """Trafilatura's options, built once a process (it reads its config file's values each time)."""
    from trafilatura.settings import Extractor

    # Any format but "python": with it, bare_extraction also renders the body as plain text
    # (xmltotxt, a tenth of its time), which is never read here; the body tree is the same.
    return Extractor(output_format="xml", fast=True, comments=False, tables=True)


def readability_blocks(tree: Node, url: str | None) -> Blocks:
    """Readability-lxml's main text as blocks; empty when it cannot read the page. It changes
    the tree."""
    from lxml import etree
    from lxml import html as lxml_html
    from readability import Document
    from readability.readability import Unparseable

    _quicken_readability()
    try:
        summary = Document(tree, url=url).summary(html_partial=True)
        parser = lxml_html.HTMLParser(encoding="utf-8", huge_tree=True)
        fragment = lxml_html.fragment_fromstring(
            summary.encode("utf-8"), create_parent="div", parser=parser
        )
    except (Unparseable, etree.ParserError, ValueError, AssertionError, RecursionError):
        # lxml checks fragments with assert: a summary without a <body> fails one.
        return []
    return BlockWriter(_HTML_ROLES).run(fragment)


# readability-lxml's `clean` (0.8.1 to 0.9 at least): its three substitutions, in order, and
# what its code holds besides (the constants and the names it reads).
_READABILITY_PATTERNS = (r"\s{255,}", r"\s*\n\s*", r"\t|[ \t]{2,}")
_LONG, _BREAK, _TAB = _READABILITY_PATTERNS
_READABILITY_CLEAN = ((None, _LONG, " " * 255, _BREAK, "\n", _TAB, " "), ("re", "sub", "strip"))
_LONG_SPACE, _LINE_BREAK, _TABS = re.compile(_LONG), re.compile(_BREAK), re.compile(_TAB)


def quick_clean(text: str) -> str:
    """readability-lxml's `clean` (whitespace folded before a text is measured), without the
    substitutions that cannot match: the same result. It cleans the text of each candidate
    element and of its ancestors, the whole article's each time: on a page whose text has no
    line breaks, half of readability's time went to the line-break substitution. The first two
    are looked for, or made, with string methods (in C): starting with a repeat, each pattern is
    tried at every character (a third of readability's time on the shared corpus's pages)."""
    if len(text) >= _LONG_RUN and _long_space(text):
        text = _LONG_SPACE.sub(" " * _LONG_RUN, text)
    if "\n" in text:
        text = _fold_line_breaks(text)
    if "\t" in text or "  " in text:
        text = _TABS.sub(" ", text)
    return text.strip()


# What `\s` matches in each ASCII character, marked as a space (anything else an "x"): a run of
# _LONG_RUN of them is looked for in C.
_LONG_RUN = 255
_ASCII_SPACE_MARKS = bytes(ord(" ") if chr(n).isspace() else ord("x") for n in range(256))
_OTHER_SPACE = re.compile(r"[^\S\x00-\x7f]")  # whitespace beyond ASCII (no-break, ideographic)


def _long_space(text: str) -> bool:
    """Whether text holds a run of _LONG_RUN whitespace characters (`_LONG`'s match). Its
    whitespace beyond ASCII reads as a space, its other characters beyond ASCII as "?"."""
    if not text.isascii():
        for space in set(_OTHER_SPACE.findall(text)):
            text = text.replace(space, " ")
    return b" " * _LONG_RUN in text.encode("ascii", "replace").translate(_ASCII_SPACE_MARKS)


def _fold_line_breaks(text: str) -> str:
    """`_BREAK`'s substitution: each run of whitespace with a line break in it becomes one line
    break, i.e. each line stripped where it meets one, and the lines left empty dropped."""
    lines = text.split("\n")
    kept = [lines[0].rstrip()]
    kept.extend(line for line in (middle.strip() for middle in lines[1:-1]) if line)
    kept.append(lines[-1].lstrip())
    return "\n".join(kept)


@functools.cache
def _quicken_readability() -> Callable[[str], str] | None:
    """Put `quick_clean` in place of readability's `clean` when it is the one it stands for
    (its code holds the same constants and names, in the same order); the function replaced,
    None when it was left."""
    from readability import readability

    clean = getattr(readability, "clean", None)
    code = getattr(clean, "__code__", None)
    if clean is None or code is None or (code.co_consts, code.co_names) != _READABILITY_CLEAN:
        return None
    readability.clean = quick_clean
    return cast("Callable[[str], str]", clean)


def needs_second_opinion(blocks: Blocks, paragraph_letters: int) -> bool:
    """Whether trafilatura's blocks (its repeated headline dropped) look doubtful enough to ask
    readability: nothing or the whole page found, a length far from that of the page's own
    paragraphs (or a page without any), a short opening block (a dateline or a byline that
    `trim_edges` could cut), or a heading or list among the last blocks (related links, other
    stories, prompts).

    Measured on the Readability corpus's 26 news pages: the second opinion changed the text of 7,
    each of which shows one of these signs; 15 of the other 19 show none. A short last line
    ("Follow us on …") is not a sign: on the 6 pages where it would have been the only one,
    readability changed nothing.
    """
    if not blocks or (len(blocks) == 1 and "\n" in blocks[0][1]):
        return True
    # Lengths compared in letters, not words: the same ratio in any script, without a word
    # count of the whole page.
    # A page without <p> text gives no measure: asked.
    found = sum(letters(body) for _, body in blocks)
    if not paragraph_letters or not _TOO_SHORT <= found / paragraph_letters <= _TOO_LONG:
        return True
    if size(blocks[0][1]) <= _LEAD_WORDS:
        return True
    return any(kind not in _BODY_KINDS for kind, _ in blocks[-_TAIL_BLOCKS:])


_UNREAD_TAGS = frozenset(("p", "script", "style", "noscript", "template"))
_PIECE_CHARS = 2 * _PROSE_WORDS - 1  # a piece of _PROSE_WORDS words has at least this many


def paragraph_letters(tree: Node) -> int:
    """The length of the page's prose, in letters: the text of its <p> elements, all of them,
    and the sentence-long (_PROSE_WORDS) pieces of text outside them and outside scripts and
    styles (an article body of <br>-separated lines or bare <div>s, which trafilatura may leave
    out while keeping a <p> lead as long)."""
    found = sum(letters(node.text_content()) for node in tree.iter("p"))
    for node in tree.iter():
        # A comment's or an instruction's own text is no prose; the text after it (its tail)
        # is the page's, like any element's.
        own = node.text if isinstance(node.tag, str) else None
        for piece, is_tail in ((own, False), (node.tail, True)):
            if piece is None or len(piece) < _PIECE_CHARS or len(piece.strip()) < _PIECE_CHARS:
                continue  # most are a page's indentation
            holder = node.getparent() if is_tail else node
            if holder is None or not _read_outside_p(holder) or size(piece) < _PROSE_WORDS:
                continue  # scripts and styles are long: their words are never counted
            found += letters(piece)
    return found


def _read_outside_p(node: Node) -> bool:
    """Whether the text directly in node is neither in a <p> nor in a script or a style."""
    while node is not None:
        if isinstance(node.tag, str) and node.tag.lower() in _UNREAD_TAGS:
            return False
        node = node.getparent()
    return True


def letters(text: str) -> int:
    """The length of text without its whitespace."""
    if text.isascii() and not _other_ascii_space(text):  # most blocks: spaces only
        return len(text) - text.count(" ")
    return len("".join(text.split()))


def _other_ascii_space(text: str) -> bool:
    """Whether text holds ASCII whitespace besides the space (str.split's, each found in C)."""
    return (
        "\n" in text or "\t" in text or "\r" in text or "\x0b" in text or "\x0c" in text
        or "\x1c" in text or "\x1d" in text or "\x1e" in text or "\x1f" in text
    )  # fmt: skip


def choose_blocks(first: Blocks, second: Blocks) -> tuple[Blocks, Blocks]:
    """Trafilatura's blocks unless their length is implausible next to readability's.

    Returns the chosen blocks and the other extractor's, which serve as a second opinion.
    """
    first_words, second_words = blocks_size(first), blocks_size(second)
    if not first_words:
        return second, first
    if len(first) == 1 and "\n" in first[0][1] and len(second) > 1:
        # Trafilatura's last-resort baseline: the whole page as one paragraph of lines.
        return second, first
    if second_words and not (_TOO_SHORT <= first_words / second_words <= _TOO_LONG):
        return second, first
    return first, second


def drop_title(blocks: Blocks, titles: list[str]) -> Blocks:
    """Blocks without the headline that pages repeat at the top, and the kicker above it."""
    for index, (_, body) in enumerate(blocks[:_TITLE_WINDOW]):
        if any(same(body, title) for title in titles):
            above = blocks[:index]
            if all(size(text) <= _KICKER_WORDS for _, text in above):
                return blocks[index + 1 :]
            break
    return blocks


def trim_edges(blocks: Blocks, other: Blocks) -> Blocks:
    """Blocks without leading and trailing ones that the other extractor did not see at all.

    What one extractor keeps at the edges and the other leaves out is nearly always page furniture:
    datelines, share counts, newsletter prompts, related links, comment widgets. Leading blocks are
    only dropped when short, since a lede is where extractors most often disagree.
    """
    if not other or not blocks:
        return blocks
    # Most edge blocks stand word for word in the other's text: found there, casefolded, they
    # are seen without the other's words and trigrams, which are made only for the rest. Its
    # words are in one run: its trigrams span blocks. Its text (the blocks' `norm`s joined) is
    # made only for a block of fewer than three words.
    other_folded = "\n".join(body for _, body in other).casefold()
    other_words: list[list[str]] = []
    seen: set[tuple[str, str, str]] = set()
    seen_text = ""

    def unseen(body: str) -> bool:
        nonlocal seen_text
        words = tokens(body)
        if len(words) >= 3 and _stands_in(body.casefold(), other_folded):
            return False  # every trigram of the block is one of the other's
        if not other_words:
            other_words.extend(tokens(body) for _, body in other)
            seen.update(_trigrams([word for words in other_words for word in words]))
        if len(words) < 3:
            seen_text = seen_text or " " + " ".join(" ".join(w) for w in other_words) + " "
            return f" {' '.join(words)} " not in seen_text
        grams = _trigrams(words)
        return len(grams & seen) < _SEEN_SHARE * len(grams)

    start, end = 0, len(blocks)
    while end > start and unseen(blocks[end - 1][1]):
        end -= 1
    while start < end and size(blocks[start][1]) <= _LEAD_WORDS and unseen(blocks[start][1]):
        start += 1
    if start == 0 and end == len(blocks):
        return blocks
    trimmed = blocks[start:end]
    # A second opinion that disagrees about most of the text is not trusted to cut it.
    return trimmed if blocks_size(trimmed) * 2 >= blocks_size(blocks) else blocks


def _trigrams(words: list[str]) -> set[tuple[str, str, str]]:
    return set(zip(words, words[1:], words[2:], strict=False))


_WORD_CHAR = re.compile(r"\w")


def _stands_in(needle: str, text: str) -> bool:
    """Whether needle occurs in text cutting no word at either end: its tokens are then a run of
    text's own (both casefolded), whatever the script."""
    at = text.find(needle)
    while at >= 0:
        end = at + len(needle)
        if (at == 0 or not _WORD_CHAR.match(text[at - 1]) or not _WORD_CHAR.match(needle[0])) and (
            end == len(text) or not _WORD_CHAR.match(text[end]) or not _WORD_CHAR.match(needle[-1])
        ):
            return True
        at = text.find(needle, at + 1)
    return False


def has_prose(blocks: Blocks) -> bool:
    """Whether some paragraph has a sentence-long line, which list and login pages lack."""
    return any(
        size(line) >= _PROSE_WORDS
        for kind, body in blocks
        if kind in ("paragraph", "blockquote")
        for line in body.split("\n")
    )


def blocks_size(blocks: Blocks) -> float:
    """The length of blocks in words (see `size`)."""
    return sum(size(body) for _, body in blocks)


class BlockWriter:
    """Turns an element tree into (kind, text) blocks, keeping headings, quotes and list items."""

    def __init__(self, roles: dict[str, str]) -> None:
        self.roles = roles
        self.blocks: Blocks = []
        self.parts: list[str] = []
        self.kind: BlockKind = "paragraph"

    def run(self, root: Node) -> Blocks:
        """All blocks under root, in document order.

        The walk keeps its own stack: pages nest thousands of levels deep, past Python's
        recursion limit.
        """
        # Entries: (node, kind of its text, None) to enter a node, (node, kind, separate) to
        # leave it once its children are done.
        stack: list[tuple[Node, BlockKind, bool | None]] = [(root, "paragraph", None)]
        while stack:
            node, kind, leaving = stack.pop()
            if leaving is not None:
                if leaving:
                    self._flush()
                self._add(node.tail, kind)
                continue
            tag = node.tag if isinstance(node.tag, str) else ""  # comments and PIs: no str tag
            role = self.roles.get(tag.lower(), "inline") if tag else "skip"
            if role == "skip":
                self._add(node.tail, kind)
                continue
            if role == "break":
                self._add("\n", kind)
                self._add(node.tail, kind)
                continue
            own = _ROLE_KINDS.get(role, kind)
            separate = role not in ("inline", "cell")
            if separate:
                self._flush()
            if role == "cell" and "".join(self.parts).strip():
                self._add(" | ", own)  # a table row reads as one line of cells
            self._add(node.text, own)
            stack.append((node, kind, separate))
            stack.extend((child, own, None) for child in reversed(node))
        self._flush()
        return self.blocks

    def _add(self, text: str | None, kind: BlockKind) -> None:
        """Append text to the block being built, starting a new one when the kind changes."""
        if not text:
            return
        if self.parts and kind != self.kind and text.strip():
            self._flush()
        if not self.parts:
            self.kind = kind
        self.parts.append(text)

    def _flush(self) -> None:
        """End the block being built; a blank line inside it (two line breaks) splits it."""
        if not self.parts:  # most calls: a block element's edge right after another's
            return
        joined = "".join(self.parts)
        self.parts = []
        for piece in re.split(r"\n\s*\n", joined) if "\n" in joined else (joined,):
            piece = piece.strip()
            if piece:
                self.blocks.append((self.kind, piece))
