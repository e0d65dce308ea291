"""Turn a source (file, URL, stdin bytes) into an Article: read, check, detect format, parse."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from library import importers
from library.errors import ImportFailed
from library.importers import Format
from library.limits import DEFAULT_FRONT_MATTER_VALUES, Limits
from library.model import ITEM_TYPES, Article, Block, BlockKind, Page
from library.parsers import Parsed
from library.text import build_text, clean_block, clean_inline, count_words

# Bytes that say what a file is, for the refusal of a format Margin does not import. The
# formats it does import declare their own magic in library/importers/.
_MAGIC = {
    b"PK\x03\x04": "a ZIP archive (DOCX, ODT…)",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"\x7fELF": "a program",
    b"\x1f\x8b": "a gzip archive",
    b"{\\rtf": "an RTF document",
    b"\xd0\xcf\x11\xe0": "an old Office document",
}
_SLUG_DROP = re.compile(r"[^a-z0-9]+")


@dataclass(slots=True)
class RawSource:
    """Bytes read from a source, with what is known of them before parsing."""

    name: str  # what to call it in messages and in `source`
    data: bytes
    suffix: str = ""
    content_type: str | None = None  # from HTTP headers
    url: str | None = None


def slugify(title: str, limit: int = 60) -> str:
    """A readable ASCII slug: lower case, words joined by hyphens, cut at a word boundary."""
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    slug = _SLUG_DROP.sub("-", ascii_title.lower()).strip("-")
    if len(slug) > limit:
        slug = slug[:limit].rsplit("-", 1)[0] or slug[:limit]
    return slug or "article"


def content_hash(title: str, text: str) -> str:
    """The sha256 of title and canonical text; equal content gives an equal hash."""
    return hashlib.sha256(f"{title}\n\n{text}".encode()).hexdigest()


def article_id(title: str, digest: str) -> str:
    """The id of new content: the title's slug plus six hex digits of its content hash."""
    return f"{slugify(title)}-{digest[:6]}"


def read_file(path: Path, max_bytes: int) -> RawSource:
    """Read a file, refusing what is missing, unreadable, a folder, empty or too large."""
    name = str(path)
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise ImportFailed(name, "no such file", "check the path") from None
    except OSError as exc:
        raise ImportFailed(name, f"cannot read ({exc.strerror})", "check permissions") from None
    if size > max_bytes:
        raise ImportFailed(
            name,
            f"file is {size / 1e6:.1f} MB, over the {max_bytes / 1e6:g} MB limit",
            "raise [import] max_size_mb in the config",
        )
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ImportFailed(name, f"cannot read ({exc.strerror})", "check permissions") from None
    return RawSource(name, data, suffix=path.suffix.lower())


def decode(raw: RawSource) -> str:
    """Text from bytes: UTF-8 (with or without BOM) first, then the detected charset."""
    data = raw.data
    for bom, codec in ((b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if data.startswith(bom):
            try:
                return data.decode(codec, errors="strict")
            except UnicodeDecodeError:
                raise ImportFailed(
                    raw.name,
                    "cannot decode the text (it starts like UTF-16 but is not valid UTF-16)",
                    "save it as UTF-8",
                ) from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise ImportFailed(
            raw.name, "cannot decode the text (unknown encoding)", "save it as UTF-8"
        )
    return str(best)


def _imports_hint() -> str:
    return f"Margin imports {importers.labels()} files and URLs"


def check_binary(raw: RawSource) -> None:
    """Refuse empty and binary content with a reason naming what it looks like."""
    if not raw.data.strip():
        raise ImportFailed(raw.name, "file is empty", "nothing to import")
    for magic, what in _MAGIC.items():
        if raw.data.startswith(magic):
            raise ImportFailed(raw.name, f"unsupported format: this is {what}", _imports_hint())
    head = raw.data[:8192]
    if b"\x00" in head and not raw.data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ImportFailed(raw.name, "binary file", _imports_hint())


def binary_format(raw: RawSource) -> Format | None:
    """The binary format of raw: by its magic bytes, else by its suffix or content type when the
    bytes are not text (a damaged PDF is still refused as a PDF, with the PDF's reason)."""
    found = importers.by_magic(raw.data)
    if found is not None:
        return found
    named = importers.by_suffix(raw.suffix) or importers.by_content_type(raw.content_type)
    if named is not None and named.binary:
        return named
    return None


def detect_format(raw: RawSource, text: str) -> Format:
    """The text format that is surest decoded text is its own (content first, then suffix or
    content type)."""
    best: tuple[float, Format] | None = None
    for fmt in importers.formats():
        if fmt.binary or fmt.sniff is None:
            continue
        score = fmt.sniff(raw, text)
        if score > 0 and (best is None or score > best[0]):
            best = (score, fmt)
    if best is None:  # pragma: no cover - plain text always answers
        raise ImportFailed(raw.name, "unrecognised text", _imports_hint())
    return best[1]


def parse_all(raw: RawSource, limits: Limits | None = None) -> list[Parsed]:
    """Parse bytes with the format that fits them: every article they hold (one, mostly)."""
    limits = limits or Limits()
    if not raw.data.strip():
        raise ImportFailed(raw.name, "file is empty", "nothing to import")
    fmt = binary_format(raw)
    if fmt is not None:
        result = fmt.parse(raw, "", limits)
    else:
        check_binary(raw)
        text = decode(raw)
        if not text.strip():
            raise ImportFailed(raw.name, "file is empty", "nothing to import")
        result = detect_format(raw, text).parse(raw, text, limits)
    return result if isinstance(result, list) else [result]


def parse_source(
    raw: RawSource,
    *,
    max_values: int = DEFAULT_FRONT_MATTER_VALUES,
    limits: Limits | None = None,
) -> Parsed:
    """Parse checked bytes holding one article with the format that fits them.

    max_values caps what Markdown front matter may expand to (`[import] max_front_matter_values`);
    limits, when given, carries it and every other cap.
    """
    limits = limits or Limits(front_matter_values=max_values)
    found = parse_all(raw, limits)
    if len(found) != 1:
        raise ImportFailed(
            raw.name,
            f"the file holds {len(found)} articles; this import takes one",
            "import them one at a time",
        )
    return found[0]


def build_article(parsed: Parsed, source: str, imported: str = "") -> Article:
    """An Article with canonical text, id, word count and page map from parsed content;
    imported is its import time (the store sets it when it stores the article)."""
    kept: list[tuple[BlockKind, str]] = []
    index: dict[int, int] = {}  # parsed block → kept block
    for i, (kind, raw) in enumerate(parsed.blocks):
        body = clean_block(raw)
        if body:
            index[i] = len(kept)
            kept.append((kind, body))
    text, blocks = build_text(kept, clean=False)
    title = clean_inline(parsed.title) or (clean_inline(text[:80]) if text else "")
    if not text:
        raise ImportFailed(source, "no article text found", "the file has a title but no body")
    digest = content_hash(title, text)

    def one(value: str | None) -> str | None:
        return clean_inline(value) or None

    def many(values: list[str]) -> list[str]:
        return [v for v in (clean_inline(v) for v in values) if v]

    return Article(
        id=article_id(title, digest),
        title=title,
        subtitle=one(parsed.subtitle),
        authors=many(parsed.authors),
        publication=one(parsed.publication),
        section=one(parsed.section),
        published=parsed.published,
        url=one(parsed.url),
        source=source,
        imported=imported,
        tags=many(parsed.tags),
        words=count_words(text),
        content_hash=digest,
        item_type=parsed.item_type if parsed.item_type in ITEM_TYPES else None,
        language=one(parsed.language),
        publisher=one(parsed.publisher),
        number=one(parsed.number),
        volume=one(parsed.volume),
        issue=one(parsed.issue),
        page_range=one(parsed.page_range),
        doi=one(parsed.doi),
        isbn=one(parsed.isbn),
        editors=many(parsed.editors),
        text=text,
        blocks=blocks,
        pages=page_map(parsed, index, blocks, len(text)),
        locator=parsed.locator,
        labels=parsed.labels,
        saved=parsed.saved or None,
    )


def page_map(parsed: Parsed, index: dict[int, int], blocks: list[Block], length: int) -> list[Page]:
    """The page spans of the canonical text from the parser's page starts.

    A start in a block that cleaned to nothing moves to the next block; a page left with no
    text (a blank page) is dropped, so every offset lies on exactly one page.
    """
    starts: list[tuple[int, str]] = []
    for block_index, within, label in parsed.page_starts:
        at = next((index[i] for i in range(block_index, len(parsed.blocks)) if i in index), None)
        if at is None:
            continue
        block = blocks[at]
        offset = block.start + (within if at == index.get(block_index) else 0)
        offset = max(min(offset, block.end), starts[-1][0] if starts else 0)
        starts.append((offset, clean_inline(label) or "?"))
    pages: list[Page] = []
    for n, (start, label) in enumerate(starts):
        start = 0 if n == 0 else start
        end = starts[n + 1][0] if n + 1 < len(starts) else length
        if end > start:
            pages.append(Page(start, end, label))
        elif pages and n + 1 == len(starts):  # a last page with no text of its own
            break
    # Spans must chain: a page dropped in the middle gives its text to the page before.
    chained: list[Page] = []
    for page in pages:
        if chained and chained[-1].end != page.start:
            last = chained.pop()
            chained.append(Page(last.start, page.start, last.label))
        chained.append(page)
    if chained and chained[-1].end != length:
        last = chained.pop()
        chained.append(Page(last.start, length, last.label))
    return chained
