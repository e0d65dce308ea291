"""EPUB 2 and 3 books, read with zipfile and lxml (never ebooklib, which is AGPL).

The OPF's spine gives the chapter order; each chapter goes through the HTML block extraction,
its title becoming a heading. The page map comes from the book's page list (EPUB 3 nav
`page-list`, EPUB 2 NCX `pageList`) where it has one, else from its chapters. DRM, zip bombs and
paths leaving the archive are refused in one line.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urldefrag

from library.errors import ImportFailed
from library.importers import Format
from library.limits import Limits
from library.model import BlockKind

if TYPE_CHECKING:
    from library.importer import RawSource
    from library.parsers import Parsed

MAX_ENTRIES = 10_000
MAX_RATIO = 200  # an entry inflating more than this many times its packed size is a bomb
_FONT_OBFUSCATION = {
    "http://www.idpf.org/2008/embedding",
    "http://ns.adobe.com/pdf/enc#RC",
}
_NS = {
    "opf": "http://www.idpf.org/2007/opf",
    "dc": "http://purl.org/dc/elements/1.1/",
    "c": "urn:oasis:names:tc:opendocument:xmlns:container",
    "ncx": "http://www.daisy.org/z3986/2005/ncx/",
    "x": "http://www.w3.org/1999/xhtml",
    "ops": "http://www.idpf.org/2007/ops",
    "enc": "http://www.w3.org/2001/04/xmlenc#",
}
_ISBN = re.compile(r"(?:97[89][- ]?)?(?:\d[- ]?){9}[\dXx]")
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_BLOCKS = {"p", "div", "li", "blockquote", "pre", "dd", "dt", "td", "th", "figcaption"}
_SKIP = {"script", "style", "head", "nav", "aside", "svg", "math", "table"}
# Parts of a chapter that are the book's navigation, not its text (a Sphinx build's "next |
# previous" bar, an EPUB 3 landmarks list).
_FURNITURE_ROLES = {"navigation", "banner", "search", "doc-toc", "doc-pagelist", "doc-index"}
_FURNITURE_TYPES = {"toc", "landmarks", "page-list", "index"}
_FURNITURE_CLASSES = {"related", "sphinxsidebar", "navigation", "nav", "breadcrumbs", "skip-link"}
# A note's text set aside from the running text (EPUB 3 structural semantics, DPUB-ARIA): kept,
# where the book puts it, though other asides (sidebars, pull quotes) are not.
_NOTE_TYPES = {"footnote", "endnote", "rearnote", "note"}
_NOTE_ROLES = {"doc-footnote", "doc-endnote"}
# What a footnote's marker reads: 1, [2], *, †, a; it is no word of the sentence it marks.
_NOTE_MARKER = re.compile(r"\[?(?:\d{1,3}|[*†‡§¶]{1,3}|[a-z])\]?")


def _confirm(data: bytes) -> bool:
    """A ZIP is an EPUB when its first entry is the `mimetype` file naming EPUB."""
    return data[30:38] == b"mimetype" and b"application/epub+zip" in data[38:100]


def parse(raw: RawSource, text: str, limits: Limits) -> Parsed:
    """The book's chapters in spine order, with its page map and metadata."""
    name = raw.name
    try:
        book = zipfile.ZipFile(io.BytesIO(raw.data))
    except (zipfile.BadZipFile, ValueError, OSError):
        raise ImportFailed(
            name, "the EPUB is damaged (not a readable ZIP)", "download it again"
        ) from None
    with book:
        reader = _Reader(book, name, limits)
        return reader.parse()


class _Reader:
    """One open EPUB: its checked entries, read on demand within the unpacked-size limit."""

    def __init__(self, book: zipfile.ZipFile, name: str, limits: Limits) -> None:
        self.book = book
        self.name = name
        self.budget = limits.max_unpacked
        self.entries = self._check(book.infolist(), limits)

    def _check(self, infos: list[zipfile.ZipInfo], limits: Limits) -> dict[str, zipfile.ZipInfo]:
        if len(infos) > MAX_ENTRIES:
            self._refuse(f"the EPUB holds {len(infos):,} files", "is it really a book?")
        total = 0
        entries: dict[str, zipfile.ZipInfo] = {}
        for info in infos:
            path = info.filename
            parts = path.replace("\\", "/").split("/")
            if path.startswith(("/", "\\")) or ".." in parts or ":" in parts[0]:
                self._refuse(
                    f"the EPUB has a path leaving the archive ({path!r})", "do not open it"
                )
            total += info.file_size
            if info.file_size > 1_000_000 and info.file_size > MAX_RATIO * max(
                info.compress_size, 1
            ):
                self._refuse(
                    f"the EPUB's {path} inflates {info.file_size // max(info.compress_size, 1):,} "
                    "times (a zip bomb)",
                    "do not open it",
                )
            entries[path] = info
        if total > limits.max_unpacked:
            self._refuse(
                f"the EPUB unpacks to {total / 1e6:.0f} MB, over the "
                f"{limits.max_unpacked / 1e6:g} MB limit",
                "raise [import] max_unpacked_mb in the config",
            )
        return entries

    def _refuse(self, reason: str, hint: str) -> None:
        raise ImportFailed(self.name, reason, hint)

    def read(self, path: str) -> bytes:
        """An entry's bytes, never more than it declared nor than the budget left."""
        info = self.entries.get(path)
        if info is None:
            self._refuse(f"the EPUB lacks {path}", "the book is incomplete; download it again")
        assert info is not None
        with self.book.open(info) as handle:
            data = handle.read(min(info.file_size, self.budget) + 1)
        if len(data) > info.file_size or len(data) > self.budget:
            self._refuse("the EPUB unpacks past its stated sizes (a zip bomb)", "do not open it")
        self.budget -= len(data)
        return data

    def xml(self, path: str) -> Any:
        from lxml import etree

        parser = etree.XMLParser(
            resolve_entities=False, no_network=True, recover=True, huge_tree=False
        )
        try:
            root = etree.fromstring(self.read(path), parser)
        except etree.XMLSyntaxError:
            root = None
        if root is None:
            self._refuse(f"the EPUB's {path} is not readable XML", "the book is damaged")
        return root

    def parse(self) -> Parsed:
        from library.parsers import Parsed

        self._refuse_drm()
        container = self.xml("META-INF/container.xml")
        rootfile = container.find(".//c:rootfile", _NS)
        if rootfile is None or not rootfile.get("full-path"):
            self._refuse("the EPUB names no package file", "the book is damaged")
        opf_path = rootfile.get("full-path")
        opf = self.xml(opf_path)
        base = posixpath.dirname(opf_path)
        manifest: dict[str, tuple[str, str, str]] = {}
        for item in opf.iterfind(".//opf:manifest/opf:item", _NS):
            href = unquote(item.get("href", ""))
            manifest[item.get("id", "")] = (
                posixpath.normpath(posixpath.join(base, href)) if href else "",
                item.get("media-type", ""),
                item.get("properties", ""),
            )
        spine = [
            manifest[ref.get("idref", "")][0]
            for ref in opf.iterfind(".//opf:spine/opf:itemref", _NS)
            if ref.get("idref", "") in manifest
            and ref.get("linear", "yes") != "no"
            and "nav" not in manifest[ref.get("idref", "")][2].split()  # the table of contents
            and manifest[ref.get("idref", "")][0] not in self._guide_tocs(opf, base)
        ]
        if not spine:
            self._refuse("the EPUB's spine lists no chapters", "the book is damaged")
        meta = _metadata(opf)
        titles = self._toc_titles(opf, manifest)
        page_list = self._page_list(opf, manifest)
        blocks: list[tuple[BlockKind, str]] = []
        starts: list[tuple[int, int, str]] = []
        page_marks: list[tuple[int, str]] = []  # (block index, label) from the page list
        for number, path in enumerate(spine, 1):
            if path not in self.entries:
                continue
            chapter_start = len(blocks)
            anchors = {anchor: label for (file, anchor), label in page_list.items() if file == path}
            chapter, marks = _chapter_blocks(self.xml(path), anchors)
            if not marks:  # furniture dropped only where no page mark would shift
                from library.html.clutter import drop_furniture

                chapter = drop_furniture(chapter)
            title = titles.get(path)
            if title and not (chapter and chapter[0][0] == "heading" and chapter[0][1] == title):
                chapter.insert(0, ("heading", title))
                marks = [(i + 1, label) for i, label in marks]
            if not chapter:
                continue
            blocks.extend(chapter)
            page_marks.extend((chapter_start + i, label) for i, label in marks)
            heading = next((t for k, t in chapter if k == "heading"), None)
            starts.append((chapter_start, 0, title or heading or f"Chapter {number}"))
        if not blocks:
            self._refuse("no text found in the EPUB", "is it a book of images?")
        parsed = Parsed(blocks=blocks, **meta)
        if page_marks:
            marks = sorted(page_marks, key=lambda m: m[0])
            parsed.page_starts = [(0, 0, marks[0][1])] + [(i, 0, label) for i, label in marks[1:]]
            if marks[0][0] > 0:  # text before the first printed page: the front matter
                parsed.page_starts = [(0, 0, "front")] + [(i, 0, label) for i, label in marks]
            parsed.locator = "page"
            parsed.labels = "stated"  # the book's own page list
        else:
            parsed.page_starts = starts
            parsed.locator = "chapter"
        return parsed

    def _guide_tocs(self, opf: Any, base: str) -> set[str]:
        """An EPUB 2 book's printed table of contents (its guide's "toc" reference)."""
        return {
            _target(base, ref.get("href", ""))[0]
            for ref in opf.iterfind(".//opf:guide/opf:reference", _NS)
            if ref.get("type") == "toc"
        }

    def _refuse_drm(self) -> None:
        if "META-INF/rights.xml" in self.entries:
            self._refuse(
                "the EPUB is DRM-protected (rights.xml)", "Margin reads only DRM-free books"
            )
        if "META-INF/encryption.xml" not in self.entries:
            return
        encryption = self.xml("META-INF/encryption.xml")
        for method in encryption.iterfind(".//enc:EncryptionMethod", _NS):
            if method.get("Algorithm") not in _FONT_OBFUSCATION:
                self._refuse(
                    "the EPUB is DRM-protected (its text is encrypted)",
                    "Margin reads only DRM-free books",
                )

    def _toc_titles(self, opf: Any, manifest: dict[str, tuple[str, str, str]]) -> dict[str, str]:
        """Chapter titles by file, from the EPUB 3 nav or the EPUB 2 NCX."""
        titles: dict[str, str] = {}
        for nav_file, kind in self._navs(opf, manifest):
            root = self.xml(nav_file)
            base = posixpath.dirname(nav_file)
            if kind == "nav":
                for nav in root.iter(_q("x", "nav")):
                    if nav.get(_q("ops", "type")) != "toc":
                        continue
                    for link in nav.iter(_q("x", "a")):
                        file, _ = _target(base, link.get("href", ""))
                        titles.setdefault(file, _text(link))
            else:
                for point in root.iterfind(".//ncx:navMap//ncx:navPoint", _NS):
                    label = point.find("ncx:navLabel/ncx:text", _NS)
                    content = point.find("ncx:content", _NS)
                    if label is not None and content is not None:
                        file, _ = _target(base, content.get("src", ""))
                        titles.setdefault(file, _text(label))
            if titles:
                break
        return {k: v for k, v in titles.items() if v}

    def _page_list(
        self, opf: Any, manifest: dict[str, tuple[str, str, str]]
    ) -> dict[tuple[str, str], str]:
        """The printed pages: (file, anchor) → label, from the nav's page-list or the NCX."""
        pages: dict[tuple[str, str], str] = {}
        for nav_file, kind in self._navs(opf, manifest):
            root = self.xml(nav_file)
            base = posixpath.dirname(nav_file)
            if kind == "nav":
                for nav in root.iter(_q("x", "nav")):
                    if nav.get(_q("ops", "type")) == "page-list":
                        for link in nav.iter(_q("x", "a")):
                            pages.setdefault(_target(base, link.get("href", "")), _text(link))
            else:
                for target in root.iterfind(".//ncx:pageList/ncx:pageTarget", _NS):
                    label = target.find("ncx:navLabel/ncx:text", _NS)
                    content = target.find("ncx:content", _NS)
                    if label is not None and content is not None:
                        pages.setdefault(_target(base, content.get("src", "")), _text(label))
            if pages:
                break
        return {k: v for k, v in pages.items() if v}

    def _navs(self, opf: Any, manifest: dict[str, tuple[str, str, str]]) -> list[tuple[str, str]]:
        """The book's navigation files: the EPUB 3 nav first, then the EPUB 2 NCX."""
        found: list[tuple[str, str]] = []
        for path, _media, properties in manifest.values():
            if "nav" in properties.split() and path in self.entries:
                found.append((path, "nav"))
        spine = opf.find(".//opf:spine", _NS)
        toc = spine.get("toc") if spine is not None else None
        for key, (path, media, _) in manifest.items():
            if (key == toc or media == "application/x-dtbncx+xml") and path in self.entries:
                found.append((path, "ncx"))
        return list(dict.fromkeys(found))


def _target(base: str, href: str) -> tuple[str, str]:
    path, anchor = urldefrag(unquote(href))
    return (posixpath.normpath(posixpath.join(base, path)) if path else "", anchor)


def _text(node: Any) -> str:
    return " ".join("".join(node.itertext()).split())


def _metadata(opf: Any) -> dict[str, Any]:
    """Title, creators, publisher, date, language and ISBN from the OPF."""
    meta = opf.find(".//opf:metadata", _NS)
    if meta is None:
        return {}

    def first(tag: str) -> str | None:
        node = meta.find(f"dc:{tag}", _NS)
        return _text(node) or None if node is not None else None

    authors = []
    editors = []
    refines: dict[str, str] = {}
    for node in meta.iterfind("opf:meta", _NS):
        if node.get("property") == "role" and node.get("refines"):
            refines[node.get("refines", "").lstrip("#")] = (node.text or "").strip()
    for node in meta.iterfind("dc:creator", _NS):
        role = node.get(_q("opf", "role")) or refines.get(node.get("id", ""), "aut")
        name = re.sub(r"\s*<[^<>]*@[^<>]*>\s*", " ", _text(node)).strip()  # no e-mail address
        if name and role in {"aut", ""}:
            authors.append(name)
        elif name and role == "edt":
            editors.append(name)
    isbn = None
    for node in meta.iterfind("dc:identifier", _NS):
        value = _text(node)
        scheme = (node.get(_q("opf", "scheme")) or "").lower()
        digits = value.lower().removeprefix("urn:isbn:").removeprefix("isbn:").strip()
        if (
            scheme == "isbn" or value.lower().startswith(("urn:isbn:", "isbn"))
        ) and _ISBN.fullmatch(digits):
            isbn = digits
            break
    from library.dates import parse_date

    date = first("date")
    published = None
    if date:
        published = parse_date(date) or (
            date[:10] if re.fullmatch(r"\d{4}-\d{2}-\d{2}.*", date) else None
        )
    return {
        "title": first("title"),
        "authors": authors,
        "editors": editors,
        "publisher": first("publisher"),
        "published": published,
        "language": first("language"),
        "isbn": isbn,
        "item_type": "book",
    }


def _chapter_blocks(
    root: Any, anchors: dict[str, str]
) -> tuple[list[tuple[BlockKind, str]], list[tuple[int, str]]]:
    """A chapter's blocks (headings, paragraphs, quotes, list items) in document order, and the
    block index each page anchor falls in."""
    from library.text import clean_block

    blocks: list[tuple[BlockKind, str]] = []
    marks: list[tuple[int, str]] = []
    body = next(
        (n for n in root.iter() if isinstance(n.tag, str) and _local(n.tag) == "body"), root
    )

    def walk(node: Any, quoted: bool) -> None:
        for child in node:
            if not isinstance(child.tag, str):
                continue
            tag = _local(child.tag)
            anchor = child.get("id")
            if anchor and anchor in anchors:
                marks.append((len(blocks), anchors.pop(anchor)))
            if (tag in _SKIP and not _is_note(child)) or _furniture(child):
                continue
            has_blocks = any(
                isinstance(c.tag, str)
                and _local(c.tag) in _BLOCKS | _HEADINGS | {"section", "ul", "ol"}
                for c in child
            )
            if tag in _HEADINGS or (tag in _BLOCKS and not has_blocks):
                _mark_inner(child, anchors, marks, len(blocks))
                text = clean_block("".join(_words_of(child)))
                if text:
                    kind: BlockKind = (
                        "heading"
                        if tag in _HEADINGS
                        else "blockquote"
                        if quoted or tag == "blockquote"
                        else "list_item"
                        if tag == "li"
                        else "paragraph"
                    )
                    blocks.append((kind, text))
            else:
                walk(child, quoted or tag == "blockquote")

    walk(body, False)
    return blocks, marks


def _is_note(node: Any) -> bool:
    """Whether an element is a footnote's or an endnote's text."""
    types = set((node.get(_q("ops", "type")) or "").split())
    return bool(types & _NOTE_TYPES) or node.get("role") in _NOTE_ROLES


def _is_note_marker(node: Any) -> bool:
    """Whether an inline element is a footnote's marker: reading 1, [2] or *, and typed a note's
    link, or a superscript link (`<sup><a href="#n2">2</a></sup>`, or the `<a>` round the
    `<sup>`). An ordinal's or a power's superscript links nowhere and stays; so does a link typed
    a note's that reads as words ("Lebensraum"), which are the sentence's."""
    if not _NOTE_MARKER.fullmatch("".join(node.itertext()).strip()):
        return False
    types = (node.get(_q("ops", "type")) or "").split()
    if "noteref" in types or node.get("role") == "doc-noteref":
        return True
    inner = [_local(n.tag) for n in node.iter() if isinstance(n.tag, str)]
    links = [n for n in node.iter() if isinstance(n.tag, str) and _local(n.tag) == "a"]
    return "sup" in inner and any("#" in (a.get("href") or "") for a in links)


def _words_of(node: Any) -> Iterator[str]:
    """An element's text, in order, without its footnote markers (their tails kept)."""
    yield node.text or ""
    for child in node:
        if isinstance(child.tag, str) and not _is_note_marker(child):
            yield from _words_of(child)
        yield child.tail or ""


def _furniture(node: Any) -> bool:
    """Whether an element is the book's navigation rather than its text."""
    return (
        node.get("role") in _FURNITURE_ROLES
        or node.get(_q("ops", "type")) in _FURNITURE_TYPES
        or bool(_FURNITURE_CLASSES & set((node.get("class") or "").split()))
    )


def _mark_inner(node: Any, anchors: dict[str, str], marks: list[tuple[int, str]], at: int) -> None:
    """Page anchors inside a paragraph (a `<span epub:type="pagebreak">`) mark that block."""
    for inner in node.iter():
        anchor = inner.get("id") if isinstance(inner.tag, str) else None
        if anchor and anchor in anchors:
            marks.append((at, anchors.pop(anchor)))


def _q(prefix: str, name: str) -> str:
    """A qualified name lxml understands: {namespace}name."""
    return f"{{{_NS[prefix]}}}{name}"


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1].lower()


FORMAT = Format(
    name="epub",
    label="EPUB",
    description=(
        "EPUB 2 and 3 books: chapters in spine order, the printed page list where the book has "
        "one (else chapters), footnotes where the book puts them (their markers are no words), "
        "title, authors, publisher, date, language and ISBN; DRM refused"
    ),
    suffixes=(".epub",),
    content_types=("application/epub+zip",),
    parse=parse,
    magic=(b"PK\x03\x04",),
    binary=True,
    confirm=_confirm,
)
