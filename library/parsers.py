"""Parsers for plain-text news and Markdown; each gives metadata plus raw blocks."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from library.articlefile import (
    ArticleFileError,
    FrontMatterTooLarge,
    normalize_meta,
    split_front_matter,
    without_front_matter,
)
from library.dates import parse_date, parse_date_line, parse_partial_date
from library.itemtypes import detect_language, read_item_type, read_language
from library.limits import DEFAULT_FRONT_MATTER_VALUES
from library.model import BLOCK_SEPARATOR, BlockKind, LabelKind, LocatorKind
from library.text import clean_inline, repeats_opening


@dataclass(slots=True)
class Parsed:
    """What a parser found: metadata (None where unknown) and raw (kind, text) body blocks."""

    title: str | None = None
    subtitle: str | None = None
    authors: list[str] = field(default_factory=list)
    publication: str | None = None
    section: str | None = None
    published: str | None = None
    url: str | None = None
    tags: list[str] = field(default_factory=list)
    blocks: list[tuple[BlockKind, str]] = field(default_factory=list)
    saved: str | None = None  # when a read-later app saved it (set by an export's importer)
    # Bibliographic fields of a report, paper or book (see ArticleMeta).
    item_type: str | None = None
    language: str | None = None
    publisher: str | None = None
    number: str | None = None
    volume: str | None = None
    issue: str | None = None
    page_range: str | None = None
    doi: str | None = None
    isbn: str | None = None
    editors: list[str] = field(default_factory=list)
    # A paginated source's page starts, in order: (index of a block, offset in that block's
    # cleaned text, printed label). The first page starts the text; see build_article.
    page_starts: list[tuple[int, int, str]] = field(default_factory=list)
    locator: LocatorKind = "page"
    labels: LabelKind | None = None  # where a PDF's page labels come from


_DATE_LINE = re.compile(
    r"^(?:published|posted|updated|date|first published|last updated)\b"
    r"\s*(?:on|at)?\s*[:\-–—]?\s*(.+)$",
    re.I,
)
_BYLINE = re.compile(r"^(?:by|written by|words by)\s*[:\-–—]?\s+(.+)$", re.I)
_FIELD_LINE = re.compile(
    r"^(publication|source|section|url|link|tags|author|authors|subtitle|standfirst)\s*:\s*(.+)$",
    re.I,
)
_URL_LINE = re.compile(r"^https?://\S+$")
_LIST_ITEM = re.compile(r"^(?:[-*•‣◦]|\d{1,3}[.)])\s+")
_NAME_SPLIT = re.compile(r"\s*(?:,\s*and\s+|\s+and\s+|\s*&\s*|;\s*|,\s*)\s*", re.I)
_ROLE = re.compile(
    r"\b(?:staff|writer|reporter|correspondent|editor|columnist|contributor|globe|times|post|"
    r"news|press|service|bureau|associated)\b",
    re.I,
)
# A section kicker glued to the headline: "ImmigrationBoston threatens …" is a capitalised word
# of three or more lower-case letters, then a capitalised word, with no space between them.
# The second word has four letters or more, or is an acronym: brands' second syllables are short
# (WorldCom, FedEx, PayPal, LinkedIn, GitHub, TikTok).
_GLUED = re.compile(r"^([A-Z][a-z]{2,})([A-Z][a-z]{3,}|[A-Z]{2,})(?=[\s:,'’]|$)")
# Names and brands start the same way (MacBook, YouTube, PlayStation): a kicker is a section's
# name, or a word of the article that is long enough not to be a name's first syllable.
_SECTIONS = {
    "analysis", "arts", "books", "business", "climate", "comment", "courts", "crime", "culture",
    "economy", "education", "elections", "energy", "entertainment", "environment", "europe",
    "exclusive", "explainer", "fashion", "film", "food", "football", "health", "housing",
    "immigration", "interview", "investigation", "justice", "law", "lifestyle", "live", "local",
    "markets", "media", "metro", "money", "music", "nation", "national", "obituaries", "opinion",
    "politics", "religion", "review", "science", "society", "sport", "sports", "style", "tech",
    "technology", "television", "transport", "travel", "weather", "world",
}  # fmt: skip
_KICKER_MIN = 5  # an unlisted kicker must be a word of the body at least this long
_NAME_PREFIXES = {"Mac", "Van", "Von", "Del", "Della", "Des", "Fitz", "San", "Santa", "Las", "Los"}
_STANDFIRST_PARAGRAPHS = 3  # a standfirst repeats at most the body's first three paragraphs


def split_authors(value: str) -> list[str]:
    """Names from a byline: "Jane Doe and John Roe" → two names; roles and affiliations dropped."""
    value = clean_inline(value)
    value = re.split(r"\s+[|/]\s+", value)[0]
    names = []
    for part in _NAME_SPLIT.split(value):
        part = part.strip(" .,")
        if not part or _ROLE.search(part) or len(part.split()) > 5:
            continue
        names.append(part)
    return names


def _byline_date(byline: str) -> tuple[str, str | None]:
    """A byline without the date it ends in, and that date: "Ann Clerk, May 2, 2011" →
    ("Ann Clerk", "2011-05-02"); the byline whole and None when it ends in no date."""
    parts = byline.rstrip(" .*_").split(",")
    for last in (2, 1):
        if len(parts) > last and (date := parse_date_line(",".join(parts[-last:]).strip())):
            return ",".join(parts[:-last]), date
    return byline, None


def _paragraphs(body: str) -> list[list[str]]:
    """Chunks of consecutive non-blank lines."""
    chunks: list[list[str]] = []
    current: list[str] = []
    for line in body.split("\n"):
        if line.strip():
            current.append(line.rstrip())
        elif current:
            chunks.append(current)
            current = []
    if current:
        chunks.append(current)
    return chunks


def _chunk_blocks(lines: list[str]) -> list[tuple[BlockKind, str]]:
    """Blocks of one chunk: runs of '>' lines are block quotes, bullet lines list items."""
    blocks: list[tuple[BlockKind, str]] = []
    kind: BlockKind | None = None
    buffer: list[str] = []

    def flush() -> None:
        if kind and buffer:
            blocks.append((kind, " ".join(buffer)))
        buffer.clear()

    for raw in lines:
        line = raw.strip()
        if line.startswith(">"):
            if kind != "blockquote":
                flush()
                kind = "blockquote"
            inner = line.lstrip(">").strip()
            if inner:
                buffer.append(inner)
            else:  # a bare '>' separates paragraphs inside one quotation
                flush()
        elif _LIST_ITEM.match(line):
            flush()
            kind = "list_item"
            buffer.append(_LIST_ITEM.sub("", line, count=1))
        else:
            if kind not in ("paragraph", "list_item"):
                flush()
                kind = "paragraph"
            buffer.append(line)
    flush()
    return blocks


def _header_field(parsed: Parsed, line: str) -> bool:
    """Take a metadata line (date, byline, labelled field, URL) into parsed; False if it is text."""
    line = clean_inline(line)
    if len(line) > 200:
        return False
    found = _DATE_LINE.match(line)
    if found and (date := parse_partial_date(found.group(1))):
        parsed.published = parsed.published or date
        return True
    if parse_date(line) and len(line) < 40:
        parsed.published = parsed.published or parse_date(line)
        return True
    found = _BYLINE.match(line)
    if found and len(line) < 120:
        byline, date = _byline_date(found.group(1))
        names = split_authors(byline)
        if names:
            parsed.authors = parsed.authors or names
            parsed.published = parsed.published or date
            return True
    found = _FIELD_LINE.match(line)
    if found:
        key, value = found.group(1).lower(), found.group(2).strip()
        if key in {"publication", "source"}:
            parsed.publication = value
        elif key == "section":
            parsed.section = value
        elif key in {"url", "link"}:
            parsed.url = value
        elif key == "tags":
            parsed.tags = [t.strip() for t in value.split(",") if t.strip()]
        elif key in {"subtitle", "standfirst"}:
            parsed.subtitle = value  # declared by the user, so never taken from the body
        else:
            parsed.authors = split_authors(value)
        return True
    if _URL_LINE.match(line):
        parsed.url = parsed.url or line
        return True
    return False


def parse_plain_text(content: str) -> Parsed:
    """Plain-text news: title line, metadata lines, optional standfirst, paragraphs, '>' quotes.

    A section kicker glued to the headline goes into `section`; a first paragraph that repeats
    the body's opening is the standfirst (`subtitle`). Nothing else leaves the body.
    """
    parsed = Parsed()
    chunks = _paragraphs(content.replace("\r\n", "\n").replace("\r", "\n"))
    if not chunks:
        return parsed
    first = chunks[0]
    parsed.title = clean_inline(first[0].lstrip("#").strip())
    header_rest = first[1:]
    chunks = chunks[1:]
    # Metadata lines may follow the title in the same chunk or in the next short chunks.
    leftovers = [line for line in header_rest if not _header_field(parsed, line)]
    while chunks and all(_looks_like_field(line) for line in chunks[0]):
        for line in chunks.pop(0):
            _header_field(parsed, line)
    body_chunks = ([leftovers] if leftovers else []) + chunks
    blocks = [block for chunk in body_chunks for block in _chunk_blocks(chunk)]
    if _typewriter_convention(blocks):
        blocks = [(kind, _curly(kind, text)) for kind, text in blocks]
        parsed.title = parsed.title.replace(_TW_OPEN, "“").replace(_TW_CLOSE, "”")
        if parsed.subtitle:
            parsed.subtitle = parsed.subtitle.replace(_TW_OPEN, "“").replace(_TW_CLOSE, "”")
    parsed.blocks = _take_standfirst(parsed, blocks)
    _take_kicker(parsed)
    parsed.language = detect_language(" ".join(text for _, text in parsed.blocks))
    return parsed


# The typewriter convention of news wires: two single marks for a double one, ‘‘ opening and ’’
# closing a quotation. Where an article follows it, the canonical text has “ and ” instead.
_TW_OPEN, _TW_CLOSE = "‘‘", "’’"
_TW_MARK = re.compile("‘‘|’’")


def _typewriter_convention(blocks: list[tuple[BlockKind, str]]) -> bool:
    """Whether the article uses ‘‘ … ’’ for its quotations, and only as opening and closing.

    Within a paragraph the marks alternate, opening first; a quotation left open at the end of
    a paragraph may reopen at the start of the next (news style for a quotation running over
    several paragraphs). A block quote is itself the quotation, so it may begin with a closing
    mark and end with an opening one ("… trust,’’ Menino wrote. ‘‘It should be scrapped.").
    """
    seen = False
    for kind, text in blocks:
        is_open = kind == "blockquote"  # a block quote opens its quotation implicitly
        for index, mark in enumerate(_TW_MARK.finditer(text)):
            seen = True
            if mark.group() == _TW_OPEN:
                if is_open and not (kind == "blockquote" and index == 0):
                    return False
                is_open = True
            else:
                if not is_open:
                    return False
                is_open = False
    return seen


def _curly(kind: BlockKind, text: str) -> str:
    """Typewriter marks as curly double quotes; a block quote's implied marks written out.

    A block quote that continues a quotation ("… trust,’’ Menino wrote. ‘‘It should …") reads
    as a closing mark with no opening one: the quotation's opening and closing marks are added
    at its ends, so the passage opens and closes like the rest of the article.
    """
    marks = [mark.group() for mark in _TW_MARK.finditer(text)]
    text = text.replace(_TW_OPEN, "“").replace(_TW_CLOSE, "”")
    if kind == "blockquote" and marks:
        if marks[0] == _TW_CLOSE:
            text = "“" + text
        if marks[-1] == _TW_OPEN:
            text = text + "”"
    return text


def _looks_like_field(line: str) -> bool:
    probe = Parsed()
    return _header_field(probe, line)


def _take_standfirst(
    parsed: Parsed, blocks: list[tuple[BlockKind, str]]
) -> list[tuple[BlockKind, str]]:
    """Blocks without a first paragraph that the body's opening repeats (`repeats_opening`),
    which becomes the subtitle. A first paragraph that is not repeated is body text, however
    short: it stays highlightable."""
    if len(blocks) < 2 or blocks[0][0] != "paragraph" or blocks[1][0] != "paragraph":
        return blocks
    opening: list[str] = []
    for kind, text in blocks[1 : 1 + _STANDFIRST_PARAGRAPHS]:
        if kind != "paragraph":
            break
        opening.append(clean_inline(text))
    if not repeats_opening(blocks[0][1], BLOCK_SEPARATOR.join(opening)):
        return blocks
    parsed.subtitle = parsed.subtitle or clean_inline(blocks[0][1])
    return blocks[1:]


def _take_kicker(parsed: Parsed) -> None:
    """Move a section kicker glued to the headline ("ImmigrationBoston …") into `section`.

    Only where the split is corroborated: the glued word is nowhere else in the article (a brand
    such as PlayStation or YouTube recurs as written), the word after the kicker is a word of the
    body or of the rest of the title ("Boston"), and the kicker is a section's name or a word of
    the body. Names such as McDonald, DeSantis and LeBron have a prefix of two letters, and
    iPhone starts in lower case: the pattern never matches them.
    """
    title = parsed.title or ""
    glued = _GLUED.match(title)
    if glued is None:
        return
    kicker, rest_word = glued.group(1), glued.group(2)
    remainder = title[len(kicker) :]
    body = " ".join(text for _, text in parsed.blocks)
    words = set(re.findall(r"\w+", f"{body} {remainder[len(rest_word) :]}"))
    folded = {w.casefold() for w in words}
    section_like = kicker.casefold() in _SECTIONS or (
        len(kicker) >= _KICKER_MIN and kicker.casefold() in folded
    )
    if (
        kicker not in _NAME_PREFIXES
        and section_like
        and rest_word in words
        and (kicker + rest_word).casefold() not in folded
    ):
        parsed.section = parsed.section or kicker  # a labelled Section: line wins
        parsed.title = remainder


def parse_markdown(content: str, *, max_values: int = DEFAULT_FRONT_MATTER_VALUES) -> Parsed:
    """Markdown with optional YAML front matter; headings, quotes, lists and paragraphs kept.

    Front matter that expands past max_values values raises FrontMatterTooLarge; other broken
    front matter is read as text.
    """
    try:
        meta, body = split_front_matter(content, max_values=max_values)
    except FrontMatterTooLarge:
        raise
    except ArticleFileError:
        meta, body = None, content
    parsed = Parsed()
    if meta:
        _apply_front_matter(parsed, normalize_meta(meta))
    blocks = _markdown_blocks(body)
    title_key = (parsed.title or "").casefold()
    first = blocks[0] if blocks else None
    if (
        title_key
        and first
        and first[0] == "heading"
        and clean_inline(first[1]).casefold() == title_key
    ):
        del blocks[0]  # the title repeated as the first heading
    if not parsed.title:
        for i, (kind, text) in enumerate(blocks):
            if kind == "heading":
                parsed.title = clean_inline(text)
                del blocks[i]
                break
            if kind == "paragraph":
                break
    if not parsed.title and blocks:
        parsed.title = clean_inline(blocks.pop(0)[1])
    # Byline and date lines right under the title, as in plain-text news.
    while blocks and blocks[0][0] == "paragraph" and _header_field(parsed, blocks[0][1]):
        blocks.pop(0)
    parsed.blocks = blocks
    parsed.language = parsed.language or detect_language(" ".join(t for _, t in blocks))
    return parsed


def _apply_front_matter(parsed: Parsed, meta: dict[str, Any]) -> None:
    def text(*keys: str) -> str | None:
        for key in keys:
            value = meta.get(key)
            if isinstance(value, str) and value.strip():
                return clean_inline(value)
        return None

    parsed.title = text("title", "headline")
    parsed.subtitle = text("subtitle", "standfirst", "description", "summary", "dek")
    authors = meta.get("authors") or meta.get("author")
    if isinstance(authors, str):
        parsed.authors = split_authors(authors) or [clean_inline(authors)]
    elif isinstance(authors, list):
        parsed.authors = [clean_inline(str(a)) for a in authors if str(a).strip()]
    parsed.publication = text("publication", "site", "site_name", "publisher", "source", "journal")
    parsed.section = text("section", "category")
    parsed.published = parse_partial_date(text("published", "date", "pubdate", "created"))
    parsed.url = text("url", "link", "canonical", "source_url")
    parsed.item_type = read_item_type(text("item_type", "type"))
    parsed.language = read_language(text("language", "lang", "locale", "langid"))
    tags = meta.get("tags") or meta.get("keywords") or []
    if isinstance(tags, str):
        tags = [t for t in re.split(r"[,;]", tags)]
    parsed.tags = [clean_inline(str(t)) for t in tags if str(t).strip()]


def _markdown_blocks(body: str) -> list[tuple[BlockKind, str]]:
    """Blocks from Markdown using markdown-it (CommonMark), inline formatting reduced to text."""
    tokens = _commonmark().parse(body)
    blocks: list[tuple[BlockKind, str]] = []
    context: list[str] = []
    heading = False
    for token in tokens:
        if token.type in {"blockquote_open", "list_item_open"}:
            context.append(token.type)
        elif token.type in {"blockquote_close", "list_item_close"}:
            context.pop()
        elif token.type == "heading_open":
            heading = True
        elif token.type == "heading_close":
            heading = False
        elif token.type == "inline":
            text = _inline_text(token.children or [])
            kind: BlockKind = "paragraph"
            if heading:
                kind = "heading"
            elif "list_item_open" in context:
                kind = "list_item"
            elif "blockquote_open" in context:
                kind = "blockquote"
            if text.strip():
                blocks.append((kind, text))
        elif token.type in {"fence", "code_block"}:
            for line in token.content.split("\n\n"):
                blocks.append(("paragraph", line))
    return blocks


def markdown_as_read(text: str) -> str:
    """Markdown as its reader sees it, each block where it stands: a paragraph read whole, so a
    link or emphasis wrapped over two lines is its text (links, reference links too, as their
    text, emphasis, escapes and images gone, entities decoded), a heading after "# ", a block
    quote's paragraph after "> "; front matter (read or not), code blocks, HTML blocks and a
    link's definition, which a reader does not see as prose, blank. A backtick stays a backtick
    (``…'' is a quotation in typewriter marks, not code). As many lines as text, each block on
    its own lines."""
    env: dict[str, Any] = {}
    lines = [""] * (text.count("\n") + 1)
    body = without_front_matter(text)
    front = text.count("\n") - body.count("\n")  # the lines it stands on
    context: list[str] = []
    for token in _commonmark().parse(body, env):
        if token.type in {"blockquote_open", "heading_open"}:
            context.append(token.type)
        elif token.type in {"blockquote_close", "heading_close"}:
            context.pop()
        elif token.type == "inline" and token.map:
            inline = _commonmark().parseInline(token.content.replace("`", "\\`"), env)
            read = "".join(_inline_text(t.children or [], "\n") for t in inline).split("\n")
            mark = "# " if "heading_open" in context else "> " if context else ""
            read[0] = mark + read[0]
            start, span = front + token.map[0], max(token.map[1] - token.map[0], 1)
            read[span - 1 :] = [" ".join(read[span - 1 :])]  # never more lines than it stood on
            lines[start : start + len(read)] = read
    return "\n".join(lines)


@lru_cache(maxsize=1)
def _commonmark() -> Any:
    """The CommonMark parser, made once (making one costs more than parsing a short file)."""
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark")


def _inline_text(children: list[Any], line_break: str = " ") -> str:
    parts: list[str] = []
    for child in children:
        if child.type in {"text", "code_inline"}:
            parts.append(child.content)
        elif child.type in {"softbreak", "hardbreak"}:
            parts.append(line_break)
        elif child.type == "image":
            continue
    return "".join(parts)
