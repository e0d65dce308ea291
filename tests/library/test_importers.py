"""The importer registry: one module a format, and every list of formats read from it."""

from __future__ import annotations

import re
from pathlib import Path

from library import importers
from library.importer import RawSource, binary_format, detect_format

REPO = Path(__file__).resolve().parents[2]


def test_every_format_declares_how_it_is_recognised() -> None:
    names = [f.name for f in importers.formats()]
    assert names == ["text", "markdown", "html", "pdf", "epub"]
    seen: set[str] = set()
    for fmt in importers.formats():
        assert fmt.suffixes and fmt.content_types and fmt.label and fmt.description
        assert not seen & set(fmt.suffixes), f"{fmt.name} shares a suffix"
        seen |= set(fmt.suffixes)
        assert fmt.binary == bool(fmt.magic), "binary formats are found by their magic"
        assert fmt.binary or fmt.sniff is not None


def test_lookups() -> None:
    assert importers.by_suffix(".PDF") is importers.by_name("pdf")
    assert importers.by_content_type("application/epub+zip; x=y") is importers.by_name("epub")
    assert importers.by_magic(b"junk\n%PDF-1.4\n") is importers.by_name("pdf")
    assert importers.by_magic(b"PK\x03\x04 a docx") is None  # a ZIP that is not an EPUB
    assert {".txt", ".md", ".html", ".pdf", ".epub", ""} <= importers.suffixes()
    assert importers.labels() == "plain text, Markdown, HTML, PDF and EPUB"
    assert importers.suffix_list() == ".txt, .md, .html, .pdf or .epub"


def test_detection_keeps_its_order() -> None:
    def fmt(data: bytes, suffix: str = "", content_type: str | None = None) -> str:
        raw = RawSource("x", data, suffix, content_type)
        found = binary_format(raw)
        return (found or detect_format(raw, data.decode())).name

    assert fmt(b"<!doctype html><p>x</p>", ".txt") == "html"
    assert fmt(b"<p>x</p>", ".html") == "html"
    assert fmt(b"# Title\n\nBody", "") == "markdown"
    assert fmt(b"# Title\n\nBody", ".txt") == "text"
    assert fmt(b"---\ntitle: x\n---\nBody", ".txt") == "markdown"
    assert fmt(b"<div>x</div>", ".weird") == "html"
    assert fmt(b"Just words", "") == "text"
    assert fmt(b"not really a pdf", ".pdf") == "pdf"  # refused by the PDF reader as damaged
    assert fmt(b"%PDF-1.7 ...", ".txt") == "pdf"


def test_the_readme_table_is_the_registrys() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert importers.markdown_table() in readme


def test_no_hand_written_list_of_formats_remains() -> None:
    # The lists the import code once wrote out (suffixes, the refusal's hint, the help).
    listed = re.compile(
        r"\.txt, \.md|\.md or \.html|text, Markdown, HTML and URLs|Plain-text news, Markdown", re.I
    )
    for folder in ("library", "annotations", "tui"):
        for path in (REPO / folder).rglob("*.py"):
            if path.parent.name == "importers":
                continue
            assert not listed.search(path.read_text(encoding="utf-8")), path


def test_import_help_lists_the_formats(margin) -> None:  # type: ignore[no-untyped-def]
    out = margin("import", "--help").output
    assert "Plain text, Markdown, HTML, PDF and EPUB" in " ".join(out.split())


def test_an_html_page_with_a_byte_order_mark_is_html_without_a_name() -> None:
    # Read from stdin (no suffix, no content type): a UTF-8 BOM before `<!DOCTYPE html>` is not
    # text, so the page is still HTML, not plain text whose "body" is its markup.
    from library.importer import decode

    page = b"<!DOCTYPE html><html><head><title>T</title></head><body><p>Hi.</p></body></html>"
    raw = RawSource("-", b"\xef\xbb\xbf" + page)
    assert detect_format(raw, decode(raw)).name == "html"
