"""EPUB import: two real books (EPUB 2 and 3), and books built here around real text for the
page list, DRM, zip bombs and paths leaving the archive."""

from __future__ import annotations

import html
import io
import re
import zipfile
from pathlib import Path

import pytest

from library.errors import ImportFailed
from library.importer import RawSource, build_article, parse_source, read_file
from library.limits import Limits
from library.model import Article
from tests.library.corpus import CORPUS


def _article(name: str) -> Article:
    path = CORPUS[name].require()
    return build_article(parse_source(read_file(path, 100_000_000)), str(path), "")


def test_epub2_metadata_and_chapters() -> None:
    book = _article("epub2")
    assert book.title == "Live Systems Manual"
    assert book.authors == ["Live Systems Project"]  # the e-mail address dropped
    assert (book.published, book.language, book.item_type) == ("2015-09-22", "en", "book")
    assert book.locator == "chapter"
    labels = [p.label for p in book.pages]
    assert labels[:6] == [
        "Table of Contents",  # a chapter of the spine like any other (its guide does not say)
        "Live Systems Manual",
        "About",
        "About this manual",
        "1. About this manual",
        "About the Live Systems Project",
    ]
    chapter = next(p for p in book.pages if p.label == "1. About this manual")
    assert book.text[chapter.start : chapter.end].startswith(
        "1. About this manual\n\nThis manual serves as a single access point to all documentation "
        "related to the Live Systems Project"
    )


def test_epub3_chapters_without_their_navigation_bars() -> None:
    book = _article("epub3")
    assert (book.title, book.authors, book.publisher) == (
        "Ubuntu Packaging Guide",
        ["Ubuntu Developers"],
        "Ubuntu Developers",
    )
    assert book.locator == "chapter"
    chapter = next(p for p in book.pages if p.label == "3. Fixing a bug in Ubuntu")
    assert book.text[chapter.start : chapter.end].startswith(
        "3. Fixing a bug in Ubuntu\n\n3.1. Introduction\n\nIf you followed the instructions to get "
        "set up with Ubuntu Development, you should be all set and ready to go."
    )
    assert "previous |" not in book.text and "\n\nNavigation\n\n" not in book.text


# -- books built around real text -----------------------------------------------------------------


def _real_paragraphs() -> list[str]:
    """Paragraphs of the Live Systems Manual (Debian live-manual-epub, GPL-3+)."""
    path = CORPUS["epub2"].require()
    with zipfile.ZipFile(path) as book:
        page = book.read("OEBPS/about-manual.xhtml").decode()
    found = [
        " ".join(html.unescape(re.sub(r"<[^>]+>", "", p)).split())
        for p in re.findall(r"<p[^>]*>(.*?)</p>", page, re.S)
    ]
    return [p for p in found if len(p) > 80][:6]


def make_epub(
    paragraphs: list[str],
    *,
    page_list: bool,
    extra: dict[str, bytes] | None = None,
    bodies: tuple[str, str] | None = None,
) -> bytes:
    """An EPUB 3 of two chapters, three paragraphs each, with a page break before paragraphs 0,
    2 and 4 (labelled xi, xii, 1) when page_list; or of the two chapter bodies given (XHTML)."""

    def chapter(n: int, paras: list[str]) -> str:
        body = (
            bodies[n]
            if bodies
            else "".join(
                (
                    f'<span epub:type="pagebreak" id="p{n * 3 + i}"/>'
                    if page_list and (n * 3 + i) % 2 == 0
                    else ""
                )
                + f"<p>{html.escape(p)}</p>"
                for i, p in enumerate(paras)
            )
        )
        return (
            '<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops">'
            f"<body><h1>Chapter {n + 1}</h1>{body}</body></html>"
        )

    pages = "".join(
        f'<li><a href="c{i // 3}.xhtml#p{i}">{label}</a></li>'
        for i, label in ((0, "xi"), (2, "xii"), (4, "1"))
    )
    nav = (
        '<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops"><body>'
        '<nav epub:type="toc"><ol><li><a href="c0.xhtml">One</a></li><li><a href="c1.xhtml">Two</a>'
        "</li></ol></nav>"
        + (f'<nav epub:type="page-list"><ol>{pages}</ol></nav>' if page_list else "")
        + "</body></html>"
    )
    opf = (
        '<package xmlns="http://www.idpf.org/2007/opf" version="3.0"><metadata '
        'xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>A Built Book</dc:title>'
        "<dc:creator>Ann Author</dc:creator><dc:language>en</dc:language>"
        "<dc:identifier>urn:isbn:9780000000002</dc:identifier><dc:publisher>Press</dc:publisher>"
        "<dc:date>2020-05-01</dc:date></metadata><manifest>"
        '<item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>'
        '<item id="c0" href="c0.xhtml" media-type="application/xhtml+xml"/>'
        '<item id="c1" href="c1.xhtml" media-type="application/xhtml+xml"/></manifest>'
        '<spine><itemref idref="nav"/><itemref idref="c0"/><itemref idref="c1"/></spine></package>'
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as book:
        book.writestr("mimetype", "application/epub+zip", compress_type=zipfile.ZIP_STORED)
        book.writestr(
            "META-INF/container.xml",
            '<container xmlns="urn:oasis:names:tc:opendocument:xmlns:container" version="1.0">'
            '<rootfiles><rootfile full-path="OPS/book.opf"/></rootfiles></container>',
        )
        book.writestr("OPS/book.opf", opf)
        book.writestr("OPS/nav.xhtml", nav)
        book.writestr("OPS/c0.xhtml", chapter(0, paragraphs[:3]))
        book.writestr("OPS/c1.xhtml", chapter(1, paragraphs[3:6]))
        for name, data in (extra or {}).items():
            book.writestr(name, data, compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


def _import(data: bytes, limits: Limits | None = None) -> Article:
    return build_article(
        parse_source(RawSource("book.epub", data, ".epub"), limits=limits), "b", ""
    )


def test_page_list_gives_the_printed_pages() -> None:
    paras = _real_paragraphs()
    book = _import(make_epub(paras, page_list=True))
    assert (book.title, book.authors, book.isbn, book.publisher, book.published) == (
        "A Built Book",
        ["Ann Author"],
        "9780000000002",
        "Press",
        "2020-05-01",
    )
    assert book.locator == "page"
    assert [p.label for p in book.pages] == ["front", "xi", "xii", "1"]
    assert book.text[book.pages[1].start :].startswith(paras[0])
    assert book.text[book.pages[2].start :].startswith(paras[2])
    assert book.text[book.pages[3].start :].startswith(paras[4])


def test_without_a_page_list_the_chapters_are_the_locator() -> None:
    book = _import(make_epub(_real_paragraphs(), page_list=False))
    assert book.locator == "chapter"
    assert [p.label for p in book.pages] == ["One", "Two"]


def test_footnote_markers_are_no_words_and_the_notes_are_kept() -> None:
    # A book's footnote markers were glued into its words ("to cars.1 Traders", "overdue[2]
    # and"), so `margin verify` called a draft quoting the sentence word for word altered; an
    # EPUB 3 footnote (<aside epub:type="footnote">) was dropped with the book's sidebars.
    one = (
        '<p>The council voted to close the street to cars.<a epub:type="noteref" href="#n1">'
        "<sup>1</sup></a> Traders were furious.</p>"
        '<p>The mayor said the plan was overdue<sup><a href="#n2" id="r2">[2]</a></sup> and '
        'would be finished<a href="notes.xhtml#n3"><sup>*</sup></a> by 2027.</p>'
        '<aside epub:type="footnote" id="n1"><p>1. Minutes of the council, 14 March.</p></aside>'
        '<aside class="sidebar"><p>A box of trivia beside the text.</p></aside>'
        '<div class="footnotes"><p id="n2"><a href="#r2">[2]</a> Interview, 15 March.</p></div>'
    )
    two = (
        "<p>Its 2<sup>nd</sup> vote came in 1<sup>st</sup> place; see "
        '<a href="#t">table 3</a> and E = mc<sup>2</sup>.</p>'
    )
    book = _import(make_epub([], page_list=False, bodies=(one, two)))
    paragraphs = book.text.split("\n\n")
    assert "The council voted to close the street to cars. Traders were furious." in paragraphs
    assert "The mayor said the plan was overdue and would be finished by 2027." in paragraphs
    assert "1. Minutes of the council, 14 March." in paragraphs
    assert "[2] Interview, 15 March." in paragraphs  # a note's own number leads it
    assert "A box of trivia beside the text." not in book.text  # a sidebar is no footnote
    # Superscripts that are no note's link stay: ordinals, powers, a link to a table.
    assert "Its 2nd vote came in 1st place; see table 3 and E = mc2." in paragraphs


def test_a_note_link_that_reads_as_words_keeps_them() -> None:
    # A link typed a note's reference whose text is the sentence's own word (a glossary's term,
    # "the entry") was dropped with the markers: "He spoke of often.", so a quotation of the
    # sentence as the book prints it was no longer in the article.
    one = (
        '<p>He spoke of <a epub:type="noteref" href="#n1">Lebensraum</a> often.</p>'
        '<p>See the <a role="doc-noteref" href="#g">glossary entry</a> for more.</p>'
        '<p>A marker typed so still goes.<a role="doc-noteref" href="#n2">2</a></p>'
    )
    paragraphs = _import(make_epub([], page_list=False, bodies=(one, "<p>Two.</p>"))).text
    assert "He spoke of Lebensraum often." in paragraphs.split("\n\n")
    assert "See the glossary entry for more." in paragraphs.split("\n\n")
    assert "A marker typed so still goes." in paragraphs.split("\n\n")


@pytest.mark.parametrize(
    ("extra", "reason"),
    [
        ({"META-INF/rights.xml": b"<rights/>"}, "the EPUB is DRM-protected (rights.xml)"),
        (
            {
                "META-INF/encryption.xml": b'<encryption xmlns="urn:oasis:names:tc:opendocument:'
                b'xmlns:container" xmlns:enc="http://www.w3.org/2001/04/xmlenc#"><enc:EncryptedData>'
                b'<enc:EncryptionMethod Algorithm="http://www.w3.org/2001/04/xmlenc#aes128-cbc"/>'
                b"</enc:EncryptedData></encryption>"
            },
            "the EPUB is DRM-protected (its text is encrypted)",
        ),
        ({"../../etc/evil": b"x"}, "the EPUB has a path leaving the archive"),
        ({"OPS/bomb.bin": b"\0" * 20_000_000}, "inflates"),
    ],
)
def test_refusals(extra: dict[str, bytes], reason: str) -> None:
    with pytest.raises(ImportFailed) as caught:
        _import(make_epub(_real_paragraphs(), page_list=False, extra=extra))
    assert reason in str(caught.value) and "\n" not in str(caught.value)


def test_font_obfuscation_is_not_drm() -> None:
    font_only = {
        "META-INF/encryption.xml": b'<encryption xmlns="urn:oasis:names:tc:opendocument:xmlns:'
        b'container" xmlns:enc="http://www.w3.org/2001/04/xmlenc#"><enc:EncryptedData>'
        b'<enc:EncryptionMethod Algorithm="http://www.idpf.org/2008/embedding"/>'
        b"</enc:EncryptedData></encryption>"
    }
    assert _import(make_epub(_real_paragraphs(), page_list=False, extra=font_only)).text


def test_unpacked_size_limit() -> None:
    with pytest.raises(ImportFailed, match=r"over the 0\.001 MB limit"):
        _import(make_epub(_real_paragraphs(), page_list=False), Limits(max_unpacked=1_000))


def test_folder_import_picks_up_pdfs_and_epubs(margin, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from tests.library.pdfmaker import make_pdf

    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "book.epub").write_bytes(make_epub(_real_paragraphs(), page_list=True))
    (folder / "paper.pdf").write_bytes(
        make_pdf([[(72, 700, 10, "A page of a paper that has a text layer.")]])
    )
    (folder / "notes.docx").write_bytes(b"PK\x03\x04 not imported")
    result = margin("import", str(folder))
    assert result.exit_code == 0, result.output
    assert "2 articles imported" in result.output and "1 file skipped" in result.output
