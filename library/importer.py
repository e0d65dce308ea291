"""Turn a source (file, URL, stdin bytes) into an Article: read, check, detect format, parse."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from library.articlefile import FrontMatterTooLarge
from library.errors import ImportFailed
from library.limits import DEFAULT_FRONT_MATTER_VALUES
from library.model import Article
from library.parsers import Parsed, parse_markdown, parse_plain_text
from library.text import build_text, clean_inline, count_words

Format = Literal["text", "markdown", "html"]
TEXT_SUFFIXES = {".txt", ".text", ".news", ""}
MARKDOWN_SUFFIXES = {".md", ".markdown", ".mdown", ".mkd"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml", ".shtml"}
IMPORTABLE_SUFFIXES = TEXT_SUFFIXES | MARKDOWN_SUFFIXES | HTML_SUFFIXES
_MAGIC = {
    b"%PDF": "a PDF document",
    b"PK\x03\x04": "a ZIP archive (DOCX, EPUB, ODT…)",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"\x7fELF": "a program",
    b"\x1f\x8b": "a gzip archive",
    b"{\\rtf": "an RTF document",
    b"\xd0\xcf\x11\xe0": "an old Office document",
}
_HTML_START = re.compile(
    rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|article)\b", re.I | re.S
)
_HTML_TAGS = re.compile(rb"<(?:p|div|article|body|title)\b[^>]*>", re.I)
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


def check_binary(raw: RawSource) -> None:
    """Refuse empty and binary content with a reason naming what it looks like."""
    if not raw.data.strip():
        raise ImportFailed(raw.name, "file is empty", "nothing to import")
    for magic, what in _MAGIC.items():
        if raw.data.startswith(magic):
            raise ImportFailed(
                raw.name,
                f"unsupported format: this is {what}",
                "Margin imports plain text, Markdown, HTML and URLs",
            )
    head = raw.data[:8192]
    if b"\x00" in head and not raw.data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ImportFailed(
            raw.name, "binary file", "Margin imports plain text, Markdown, HTML and URLs"
        )


def detect_format(raw: RawSource, text: str) -> Format:
    """Choose a parser by content first, then by extension or content type."""
    head = raw.data[:4096]
    if _HTML_START.match(head) or (raw.content_type or "").startswith(
        ("text/html", "application/xhtml")
    ):
        return "html"
    if raw.suffix in HTML_SUFFIXES and _HTML_TAGS.search(raw.data[:65536]):
        return "html"
    if raw.suffix in MARKDOWN_SUFFIXES or text.startswith(("---\n", "---\r\n")):
        return "markdown"
    first = next((line for line in text.splitlines() if line.strip()), "")
    if first.startswith("# ") and raw.suffix not in {".txt", ".text"}:
        return "markdown"
    if raw.suffix not in IMPORTABLE_SUFFIXES and _HTML_TAGS.search(raw.data[:65536]):
        return "html"
    # Decodable text with no better clue is read as plain-text news.
    return "text"


def parse_source(raw: RawSource, *, max_values: int = DEFAULT_FRONT_MATTER_VALUES) -> Parsed:
    """Parse checked bytes with the parser that fits their content.

    max_values caps what Markdown front matter may expand to (`[import] max_front_matter_values`).
    """
    check_binary(raw)
    text = decode(raw)
    if not text.strip():
        raise ImportFailed(raw.name, "file is empty", "nothing to import")
    fmt = detect_format(raw, text)
    if fmt == "html":
        from library.html import extract_html

        # The raw bytes: the extractor honours the page's declared charset.
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
    if fmt == "markdown":
        try:
            return parse_markdown(text, max_values=max_values)
        except FrontMatterTooLarge as exc:
            raise ImportFailed(raw.name, exc.reason, exc.hint) from None
    return parse_plain_text(text)


def build_article(parsed: Parsed, source: str, imported: str) -> Article:
    """An Article with canonical text, id and word count from parsed content."""
    text, blocks = build_text(parsed.blocks)
    title = clean_inline(parsed.title) or (clean_inline(text[:80]) if text else "")
    if not text:
        raise ImportFailed(source, "no article text found", "the file has a title but no body")
    digest = content_hash(title, text)
    return Article(
        id=article_id(title, digest),
        title=title,
        subtitle=clean_inline(parsed.subtitle) or None,
        authors=[a for a in (clean_inline(a) for a in parsed.authors) if a],
        publication=clean_inline(parsed.publication) or None,
        section=clean_inline(parsed.section) or None,
        published=parsed.published,
        url=clean_inline(parsed.url) or None,
        source=source,
        imported=imported,
        tags=[t for t in (clean_inline(t) for t in parsed.tags) if t],
        item_type=parsed.item_type,
        language=parsed.language,
        words=count_words(text),
        content_hash=digest,
        text=text,
        blocks=blocks,
    )
