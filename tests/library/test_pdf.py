"""PDF import: layout rules on PDFs made for each rule, refusals, and the page map's properties.

The real-file (golden) tests are in test_pdf_corpus.py.
"""

from __future__ import annotations

import io
import itertools
import string
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from library.errors import ImportFailed
from library.importer import RawSource, build_article, parse_source
from library.limits import Limits
from library.pdftext import (
    Line,
    PageText,
    assemble,
    join_lines,
    merge_segments,
    normalise,
    paragraphs,
    reading_order,
)
from tests.library.pdfmaker import make_pdf


def _import(data: bytes, limits: Limits | None = None):  # type: ignore[no-untyped-def]
    return build_article(
        parse_source(RawSource("doc.pdf", data, ".pdf"), limits=limits), "doc.pdf", ""
    )


def _column(
    x: float, top: float, lines: list[str], size: float = 10
) -> list[tuple[float, float, float, str]]:
    return [(x, top - 14 * i, size, line) for i, line in enumerate(lines)]


LEFT = [
    "The left column begins here and",
    "it goes on for a while with",
    "words that are hyphen-",
    "ated across the line end, and a",
    "self-",
    "evident claim stays hyphenated.",
]
RIGHT = [
    "The right column is read after",
    "the whole left column has",
    "been read by anyone at all.",
]


def test_two_columns_drawn_line_by_line_are_read_column_by_column() -> None:
    texts = sorted(_column(72, 700, LEFT) + _column(320, 700, RIGHT), key=lambda t: -t[1])
    article = _import(make_pdf([texts]))
    assert article.text == (
        "The left column begins here and it goes on for a while with words that are "
        "hyphenated across the line end, and a self-evident claim stays hyphenated. "
        "The right column is read after the whole left column has been read by anyone at all."
    )


def test_title_page_labels_headers_footers_and_footnotes() -> None:
    pages = []
    for n in range(4):
        body = _column(72, 700, [f"Body text of page {n + 1} runs across the line", "and stops."])
        pages.append(
            [
                (72, 760, 8, "Journal of Careful Reading"),  # running header
                (300, 30, 9, str(n + 1)),  # bare page number
                *body,
                (72, 90, 7, f"{n + 1} A footnote of page {n + 1}."),
            ]
        )
    pages[0].insert(0, (72, 730, 20, "The Real Title"))
    data = make_pdf(
        pages,
        labels="0 << /S /r >> 2 << /S /D /St 341 >>",
        info="/Title (Microsoft Word - draft3.docx) /Author (Jane Roe; John Doe) "
        "/CreationDate (D:20200314120000Z)",
    )
    article = _import(data)
    assert article.title == "The Real Title"
    assert article.authors == ["Jane Roe", "John Doe"]
    assert article.published == "2020-03-14"
    assert [p.label for p in article.pages] == ["i", "ii", "341", "342"]
    assert "Journal of Careful Reading" not in article.text
    second = article.text[article.pages[1].start : article.pages[1].end]
    assert (
        second
        == "Body text of page 2 runs across the line and stops.\n\n2 A footnote of page 2.\n\n"
    )
    assert article.locator == "page"


def test_ligatures_and_soft_hyphens_are_normalised() -> None:
    assert normalise("ﬁrst ﬂoor e\u00adﬀort") == "first floor e-ffort"


def test_a_paragraph_over_a_page_break_stays_one_block_with_the_page_inside_it() -> None:
    first = _column(72, 700, ["A sentence that starts on one page and"])
    second = _column(72, 700, ["ends on the next one."])
    article = _import(make_pdf([first, second]))
    assert article.text == "A sentence that starts on one page and ends on the next one."
    assert len(article.blocks) == 1
    assert article.text[article.pages[1].start :] == "ends on the next one."


def test_a_doi_in_the_text_is_stored() -> None:
    page = _column(72, 700, ["Some paper text here.", "https://doi.org/10.1234/abc.5678."])
    assert _import(make_pdf([page])).doi == "10.1234/abc.5678"


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (make_pdf([[]]), "no text layer (a scanned PDF?) (run OCR first, e.g. ocrmypdf)"),
        (b"%PDF-1.7\n garbage", "the PDF is damaged"),
        (make_pdf([[(72, 700, 10, "x")]] * 12), "the PDF has 12 pages, over the 10 page limit"),
    ],
)
def test_refusals_are_one_line(data: bytes, reason: str) -> None:
    with pytest.raises(ImportFailed) as caught:
        _import(data, Limits(max_pages=10))
    assert reason in str(caught.value) and "\n" not in str(caught.value)


def test_an_encrypted_pdf_is_refused_with_its_own_line() -> None:
    pypdf = pytest.importorskip("pypdf", reason="pypdf (a test extra) makes the encrypted copy")
    writer = pypdf.PdfWriter(clone_from=io.BytesIO(make_pdf([_column(72, 700, ["Secret."])])))
    writer.encrypt(user_password="open sesame", owner_password="owner")
    out = io.BytesIO()
    writer.write(out)
    with pytest.raises(ImportFailed, match="the PDF is encrypted and needs a password"):
        _import(out.getvalue())


def test_reading_is_held_to_its_time_limit() -> None:
    with pytest.raises(ImportFailed, match=r"reading the PDF took over 0\.001 s"):
        _import(make_pdf([_column(72, 700, ["Text."])]), Limits(parse_seconds=0.001))


_WORD = st.text(string.ascii_lowercase, min_size=1, max_size=8)
_BLOCK = st.lists(_WORD, min_size=1, max_size=6).map(" ".join)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(st.lists(_BLOCK, max_size=4), st.booleans()),
        min_size=1,
        max_size=8,
    )
)
def test_the_page_map_partitions_the_text_in_page_order(
    pages: list[tuple[list[str], bool]],
) -> None:
    from library.parsers import Parsed

    texts = [
        PageText(str(n + 1), [("paragraph", b) for b in blocks], open_end)
        for n, (blocks, open_end) in enumerate(pages)
    ]
    blocks, starts = assemble(texts, set())
    if not blocks:
        return
    article = build_article(Parsed(title="t", blocks=blocks, page_starts=starts), "s", "")
    spans = article.pages
    assert spans[0].start == 0 and spans[-1].end == len(article.text)
    assert all(a.end == b.start for a, b in itertools.pairwise(spans))
    assert all(p.start < p.end for p in spans)
    labels = [int(p.label) for p in spans]
    assert labels == sorted(labels)
    for offset in range(len(article.text)):
        assert sum(p.start <= offset < p.end for p in spans) == 1
    # every page with text has it on its own page: its first word is where the map says
    with_text = [str(n + 1) for n, (blocks, _) in enumerate(pages) if blocks]
    assert [p.label for p in spans] == with_text
    for page in spans:
        first = next(b for b in pages[int(page.label) - 1][0])
        assert article.text[page.start :].startswith(first)


@settings(max_examples=100, deadline=None)
@given(_WORD, _WORD, st.booleans())
def test_hyphen_joining(head: str, tail: str, hyphenated_in_text: bool) -> None:
    words = {f"{head}-{tail}"} if hyphenated_in_text else {head + tail}
    joined = join_lines([f"one {head}-", f"{tail} two"], words)
    if hyphenated_in_text and head + tail not in words:
        assert joined == f"one {head}-{tail} two"
    else:
        assert joined == f"one {head}{tail} two"


@pytest.mark.parametrize("content_type", ["application/pdf", "application/octet-stream"])
def test_url_import_of_a_pdf(margin, content_type: str) -> None:  # type: ignore[no-untyped-def]
    from tests.conftest import serving

    body = make_pdf([_column(72, 700, ["A report served over HTTP, with a text layer."])])
    with serving(body, content_type) as base:
        result = margin("import", f"{base}/report")
    assert result.exit_code == 0, result.output
    import json

    listed = json.loads(margin("list", "--json").output)
    shown = json.loads(margin("show", listed[0]["id"], "--json").output)
    assert shown["text"] == "A report served over HTTP, with a text layer."
    assert shown["pages"] == [{"start": 0, "end": 45, "label": "1"}]


def test_reimporting_a_newer_pdf_keeps_highlights_on_their_words(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """A newer version of the report (a paragraph added on page 1, a running header added)
    re-anchors the highlight on page 2 to the same words, on the same printed page."""
    from annotations.workspace import Workspace

    def report(newer: bool) -> bytes:
        first = ["The first page says what the report is about, briefly."]
        if newer:
            first.append("A paragraph added in the second edition moves everything after it.")
        pages = [
            [(72, 700 - 40 * i, 10, line) for i, line in enumerate(first)],
            [(72, 700, 10, "Spending on roads rose by a third between 2019 and 2023.")],
            [(72, 700, 10, "The third page compares the regions with each other.")],
            [(72, 700, 10, "The last page lists the sources of every figure given.")],
        ]
        if newer:  # a running header the first import did not have
            for page in pages:
                page.append((72, 760, 8, "Second edition"))
        return make_pdf(pages, labels="0 << /S /D /St 11 >>")

    source = tmp_path / "report.pdf"
    source.write_bytes(report(False))
    workspace = Workspace(tmp_path / "lib")
    imported = workspace.articles.run(workspace.articles.plan([str(source)])).results[0]
    assert imported.article is not None
    created = workspace.highlights.create(imported.article.id, quote="rose by a third")
    source.write_bytes(report(True))
    again = workspace.articles.run(workspace.articles.plan([str(source)])).results[0]
    assert again.status == "updated"
    article = workspace.articles.get(imported.article.id)
    kept = workspace.highlights.get(created.annotation.id)
    assert article.text[kept.start : kept.end] == "rose by a third"
    assert article.page_at(kept.start).label == "12"  # type: ignore[union-attr]


def _halves_pdf() -> bytes:
    """64 pages; a running head on two pages each side of the middle (page 32), and a word
    printed with its hyphen in one half and broken at a line end in the other."""
    pages = [
        _column(72, 700, [f"Page {n} holds a sentence that goes on to", "the next line."])
        for n in range(64)
    ]
    for n in (30, 31, 32, 33):
        pages[n].append((72, 760, 8, "Interim Findings"))
    pages[3] += _column(72, 500, ["A data-driven method is used."])
    pages[40] += _column(72, 500, ["The method is data-", "driven and it works."])
    pages[45] += _column(72, 500, ["A cost-effective method is used."])
    pages[5] += _column(72, 500, ["The method is cost-", "effective and it works."])
    return make_pdf(pages)


def test_a_long_pdf_read_in_two_halves_reads_the_same(monkeypatch: pytest.MonkeyPatch) -> None:
    # Each half lays out its own pages with what the whole document shows: the running head
    # (printed twice in each half, so neither half alone knows it) and the words.
    from library import pdfworker

    data = _halves_pdf()
    monkeypatch.setattr(pdfworker, "PARALLEL_PAGES", 10_000)
    alone = pdfworker.read(data, 5_000)
    monkeypatch.setattr(pdfworker, "PARALLEL_PAGES", 2)
    monkeypatch.setattr(pdfworker, "_core_free", lambda: True)  # however busy the machine
    halves = pdfworker.read(data, 5_000)
    assert halves == alone
    assert len(alone["starts"]) == 64
    text = " ".join(body for _, body in halves["blocks"])
    assert "Interim Findings" not in text
    assert "The method is data-driven and it works." in text
    assert "The method is cost-effective and it works." in text


def test_halves_share_the_text_frame_and_the_printed_numbers(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # 64 pages without stated labels. Only the first half prints page numbers ("5" on), so the
    # whole document prints too few to label its pages by them; only the first page prints near
    # the paper's top, so a line repeated at the top of the text is no running head. A half
    # alone saw neither: the second one dropped that line, the first one labelled its pages
    # 5-36 and the second 33-64.
    from library import pdfworker

    pages = [
        [
            (72, 650, 10, "Draft for discussion"),
            *_column(72, 620, [f"Page {n} holds a sentence that goes on to", "the next line."]),
        ]
        for n in range(64)
    ]
    pages[0].append((72, 760, 14, "A Report"))
    for n in range(32):
        pages[n].append((300, 60, 10, str(n + 5)))
    data = make_pdf(pages)
    monkeypatch.setattr(pdfworker, "PARALLEL_PAGES", 10_000)
    alone = pdfworker.read(data, 5_000)
    monkeypatch.setattr(pdfworker, "PARALLEL_PAGES", 2)
    monkeypatch.setattr(pdfworker, "_core_free", lambda: True)
    halves = pdfworker.read(data, 5_000)
    assert [label for _, _, label in alone["starts"]] == [str(n) for n in range(1, 65)]
    assert alone["labels"] == "counted"  # so verify does not check a page cited of it
    assert halves == alone
    assert sum(body == "Draft for discussion" for _, body in halves["blocks"]) == 64


@pytest.mark.parametrize(("printed", "kind"), [(True, "printed"), (False, "counted")])
def test_labels_read_from_a_reprint_s_pages_or_counted_say_so(printed: bool, kind: str) -> None:
    # A journal reprint without /PageLabels: its pages print 213-216, or nothing at all.
    pages = [
        [
            *_column(72, 700, [f"Page {n} of the reprint holds a sentence that", "goes on."]),
            *([(300, 30, 9, str(213 + n))] if printed else []),
        ]
        for n in range(4)
    ]
    article = _import(make_pdf(pages))
    assert article.labels == kind
    numbers = range(213, 217) if printed else range(1, 5)
    assert [p.label for p in article.pages] == [str(n) for n in numbers]


def test_a_half_that_fails_refuses_the_pdf(monkeypatch: pytest.MonkeyPatch) -> None:
    # The forked half cannot read its pages: the PDF is refused in one line, nothing hangs.
    from library import pdfworker

    read_pages = pdfworker._pages

    def second_half_fails(lib: Any, pdf: Any, start: int, stop: int) -> Any:
        if start > 0:
            raise RuntimeError("page tree broken")
        return read_pages(lib, pdf, start, stop)

    monkeypatch.setattr(pdfworker, "PARALLEL_PAGES", 2)
    monkeypatch.setattr(pdfworker, "_core_free", lambda: True)
    monkeypatch.setattr(pdfworker, "_pages", second_half_fails)
    with pytest.raises(pdfworker.Refused, match="damaged"):
        pdfworker.read(_halves_pdf(), 5_000)


def _with_stream(stream_dict: bytes, stream: bytes) -> bytes:
    """A one-page PDF whose page content is the given (already encoded) stream."""
    body = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
        stream_dict + b"\nstream\n" + stream + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.7\n")
    for n, obj in enumerate(body, 1):
        out += b"%d 0 obj\n" % n + obj + b"\nendobj\n"
    out += b"trailer\n<< /Size 5 /Root 1 0 R >>\n%%EOF\n"
    return bytes(out)


def test_an_enormous_stream_is_refused_in_bounded_memory(monkeypatch: pytest.MonkeyPatch) -> None:
    """A content stream that inflates to 160 MB, read under an 80 MB cap (the real one is 1 GB):
    refused in one line, never the importer's memory."""
    import time
    import zlib

    from library.importers import pdf

    packer = zlib.compressobj(1)
    chunk = b"\0" * 4_000_000
    stream = b"".join(packer.compress(chunk) for _ in range(40)) + packer.flush()
    data = _with_stream(b"<< /Length %d /Filter /FlateDecode >>" % len(stream), stream)
    monkeypatch.setattr(pdf, "MEMORY_LIMIT_MB", 80)
    began = time.monotonic()
    with pytest.raises(ImportFailed, match="within the 80 MB memory limit") as caught:
        _import(data, Limits(parse_seconds=60))
    assert "\n" not in str(caught.value)
    assert time.monotonic() - began < 60


def test_deeply_nested_objects_are_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    depth = 200_000
    stream = b"BT /F1 10 Tf 72 700 Td (x) Tj ET"
    data = _with_stream(
        b"<< /Length %d /Deep " % len(stream) + b"[" * depth + b"]" * depth + b" >>", stream
    )
    with pytest.raises(ImportFailed) as caught:
        _import(data, Limits(parse_seconds=60))
    assert "\n" not in str(caught.value)


def test_a_pdf_on_stdin(margin) -> None:  # type: ignore[no-untyped-def]
    data = make_pdf([_column(72, 700, ["A report piped in on standard input, with text."])])
    result = margin("import", "-", input=data)
    assert result.exit_code == 0, result.output


def test_the_import_limits_come_from_the_config() -> None:
    from library.config import parse_config
    from library.errors import ConfigError

    limits = parse_config(
        {"import": {"max_pages": 2, "parse_seconds": 5, "max_unpacked_mb": 1.5}}
    ).limits
    assert (limits.max_pages, limits.parse_seconds, limits.max_unpacked) == (2, 5.0, 1_500_000)
    for bad in ({"max_pages": 0}, {"parse_seconds": "soon"}, {"max_unpacked_mb": -1}):
        with pytest.raises(ConfigError, match="import\\."):
            parse_config({"import": bad})


def _title_page(info: str) -> bytes:
    """A paper whose first page prints its title, authors, affiliation, e-mail and date."""
    body = _column(
        72, 560, [f"Body line {n} of the paper, set in the body size." for n in range(12)]
    )
    first = [
        (72, 720, 22, "Reading Slowly"),
        (72, 694, 22, "in a Fast World"),
        (72, 660, 12, "Jane Roe, John K. Doe and Ann Lee"),
        (72, 644, 11, "University of Somewhere"),
        (72, 630, 10, "jane@example.org"),
        (72, 612, 11, "March 3, 2021"),
        (72, 585, 12, "Abstract"),
        *body,
    ]
    second = _column(72, 700, [f"Second page line {n}." for n in range(10)])
    return make_pdf([first, second], info=info)


def test_title_authors_and_date_come_from_the_first_page() -> None:
    article = _import(
        _title_page(
            "/Title (Microsoft Word - draft3.docx) /Author (jroe) /CreationDate (D:20240101120000Z)"
        )
    )
    assert article.title == "Reading Slowly in a Fast World"
    assert article.authors == ["Jane Roe", "John K. Doe", "Ann Lee"]
    assert article.published == "2021-03-03"


def test_the_first_pages_authors_are_trusted_over_the_documents_stated_ones() -> None:
    article = _import(_title_page("/Title (draft3.docx) /Author (Someone Else)"))
    assert article.authors == ["Jane Roe", "John K. Doe", "Ann Lee"]
    # The stated names, when the page prints them, are kept as stated (their order, spelling).
    article = _import(_title_page("/Author (Ann Lee; Jane Roe; John K. Doe)"))
    assert article.authors == ["Ann Lee", "Jane Roe", "John K. Doe"]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Jane Roe", True),
        ("J. R. R. Tolkien", True),
        ("Ludwig van Beethoven", True),
        ("Jean-Paul Sartre", True),
        ("Ann-Marie O’Neil", True),
        ("X Desktop Group", False),
        ("University of Somewhere", False),
        ("THE SIEGE OF VICKSBURG.", False),
        ("for version 4.19.0", False),
        ("Abstract Syntax Notation One", False),
        ("March 3", False),
        ("Jane", False),
    ],
)
def test_is_person_name(text: str, name: bool) -> None:
    from library.importers.pdf import is_person_name

    assert is_person_name(text) is name


def test_a_band_of_two_columns_between_lists_across_the_page() -> None:
    # A brochure: a list across the whole page, two columns, a heading and a list across the
    # page again. Too many lines cross the middle for the page to be two columns throughout;
    # the band between the lists still is, and its left column is read before its right.
    def row(y: float, x0: float, x1: float, text: str) -> Line:
        return Line(x0, y, x1, y + 8, text, 8)

    lines = [row(700 - 12 * n, 72, 540, f"across above {n}") for n in range(10)]
    lines += [row(560 - 10 * n, 72, 300, f"left {n}") for n in range(8)]
    lines += [row(561 - 10 * n, 312, 540, f"right {n}") for n in range(8)]
    lines.append(row(460, 72, 160, "Heading below"))  # beside nothing on the right
    lines += [row(440 - 12 * n, 72, 540, f"across below {n}") for n in range(10)]
    order = [ln.text for ln in reading_order(lines, 612)]
    columns = [t for t in order if t.startswith(("left", "right"))]
    assert columns == [f"left {n}" for n in range(8)] + [f"right {n}" for n in range(8)]
    assert order.index("across above 9") < order.index("left 0")
    assert order.index("right 7") < order.index("Heading below") < order.index("across below 0")


def test_a_page_of_one_column_with_short_lines_stays_in_line_order() -> None:
    # Short lines all start at the left margin (a list, verse): nothing stands on the right,
    # so there is no band of columns to read apart.
    lines = [
        Line(72, 700 - 12 * n, 72 + 40 + 20 * (n % 5), 708 - 12 * n, f"l{n}", 8) for n in range(30)
    ]
    lines += [Line(72, 300 - 12 * n, 540, 308 - 12 * n, f"w{n}", 8) for n in range(12)]
    assert reading_order(lines, 612) == lines


def test_three_columns_are_read_one_after_another() -> None:
    # A page of three columns (the IRS's instructions): the gutter found first splits it in two,
    # and the side holding two columns is read as two columns in turn.
    def column(x: float, name: str) -> list[Line]:
        return [
            Line(x, 700 - 10 * n, x + 160, 708 - 10 * n, f"{name} line {n} of running text", 9)
            for n in range(20)
        ]

    lines = column(42, "a") + column(222, "b") + column(402, "c")
    order = [ln.text.split()[0] for ln in reading_order(lines, 612)]
    assert order == ["a"] * 20 + ["b"] * 20 + ["c"] * 20


def test_a_side_of_short_cells_is_not_split_again() -> None:
    # A table of five columns of one-word cells: the page's gutter parts it once (as before),
    # but a side of cells is not running text, so it is read row by row, not cell column by
    # cell column.
    lines = [
        Line(x, 700 - 10 * n, x + 40, 708 - 10 * n, f"r{n}c{c}", 9)
        for n in range(20)
        for c, x in enumerate((42, 142, 242, 342, 442))
    ]
    order = [ln.text for ln in reading_order(lines, 612)]
    assert order[:4] == ["r0c0", "r0c1", "r1c0", "r1c1"]


def test_pieces_that_overlap_along_a_row_are_not_joined() -> None:
    # An indented first line whose box shares a band with the line below it (their baselines
    # 9 pt apart, boxes taller than that) stays a line of its own.
    below = Line(42, 617, 183, 627, "stay a resident until you leave the", 9.5)
    first = Line(55, 621, 199, 631, "If you become a U.S. resident, you", 9.5)
    merged = merge_segments([below, first])
    assert sorted(ln.text for ln in merged) == [
        "If you become a U.S. resident, you",
        "stay a resident until you leave the",
    ]
    # Pieces of one printed line (a font change) still join.
    word = merge_segments(
        [Line(42, 619, 80, 628, "stay a", 9.5), Line(82, 619, 183, 628, "resident", 9.5)]
    )
    assert [ln.text for ln in word] == ["stay a resident"]


def test_pieces_next_to_each_other_in_pdfiums_text_keep_its_spacing() -> None:
    # A larger first capital ("I" of small capitals) and an opening quote whose glyph is
    # narrower than its advance leave a gap wider than the geometric rule's; where the pieces
    # follow each other in pdfium's text, its text (no space there) decides.
    capital = Line(72, 687, 221.4, 697, "TITLE I: WIPO TREATY I", 13.9, start=100, end=115)
    rest = Line(222.8, 687, 325, 695, "MPLEMENTATION", 11.0, start=115, end=128)
    assert [ln.text for ln in merge_segments([capital, rest])] == [
        "TITLE I: WIPO TREATY IMPLEMENTATION"
    ]
    quote = Line(180, 404, 239.5, 416, "Title II, the “", 12, start=748, end=763)
    word = Line(241.5, 404, 504, 416, "Online Copyright", 12, start=763, end=779)
    assert [ln.text for ln in merge_segments([quote, word])] == ["Title II, the “Online Copyright"]
    # Pieces not known to follow each other (an OCR layer's word boxes) get the gap's space.
    apart = [Line(222.8, 687, 250, 695, "rather", 11.0), Line(251.5, 687, 280, 695, "rare", 11.0)]
    assert [ln.text for ln in merge_segments(apart)] == ["rather rare"]


def _item(top: float, first: str, *rest: str) -> list[Line]:
    """A list item as pdfium gives it: a bullet glyph (read as "!") 30 pt left of the first
    line's text, a little lower than its box, and the item's hanging lines."""
    lines = [Line(145, top + 4, 151, top + 10, "!", 12), Line(180, top, 505, top + 12, first, 12)]
    lines += [Line(180, top - 13.5 * (n + 1), 505, top - 13.5 * n - 1.5, text, 12)
              for n, text in enumerate(rest)]  # fmt: skip
    return lines


def test_a_bullet_drawn_apart_leads_its_item_and_the_item_is_one_block() -> None:
    lines = merge_segments(
        [
            Line(144, 474, 320, 483, "The DMCA is divided into five titles:", 12),
            *_item(444, "Title I, the WIPO Copyright and Performances", "Treaties Act,”"),
            *_item(404, "Title II, the Online Copyright Infringement", "Liability Act."),
        ]
    )
    ordered = reading_order(lines, 612)
    assert [ln.text for ln in ordered] == [
        "The DMCA is divided into five titles:",
        "! Title I, the WIPO Copyright and Performances",
        "Treaties Act,”",
        "! Title II, the Online Copyright Infringement",
        "Liability Act.",
    ]
    assert paragraphs(ordered, 12, set()) == [
        ("paragraph", "The DMCA is divided into five titles:"),
        ("list_item", "! Title I, the WIPO Copyright and Performances Treaties Act,”"),
        ("list_item", "! Title II, the Online Copyright Infringement Liability Act."),
    ]


def test_a_sign_in_the_margin_mid_sentence_is_not_a_list_item() -> None:
    # A form's caution icon ("!") beside the second line of a paragraph.
    lines = merge_segments(
        [
            Line(80, 410, 190, 419, "At the time these instructions", 9.5),
            Line(55, 401, 60, 409, "!", 9.5),
            Line(80, 399, 190, 408, "went to print, Congress was", 9.5),
        ]
    )
    blocks = paragraphs(reading_order(lines, 612), 9.5, set())
    assert blocks == [("paragraph", "At the time these instructions ! went to print, Congress was")]
    # An opening quote just before a line's first word is no marker.
    quoted = merge_segments(
        [Line(180, 283, 184, 295, "“", 12), Line(187, 283, 505, 295, "webcasting” of sound", 12)]
    )
    assert [(ln.text, ln.marker) for ln in quoted] == [("“ webcasting” of sound", False)]


def test_a_cover_year_in_the_largest_type_is_not_the_title() -> None:
    from library.importers.pdf import choose_title

    cover = [
        ("2007", 38.9, 761.0),
        ("Department of the Treasury", 10.0, 756.0),
        ("Instructions for Form 1040NR", 24.0, 700.0),
        ("U.S. Nonresident Alien Income Tax Return", 14.0, 670.0),
        *[(f"Body line {n} of the page", 9.5, 600.0 - 10 * n) for n in range(10)],
    ]
    assert choose_title("2007 Instruction 1040-NR", None, cover, 792.0) == (
        "Instructions for Form 1040NR"
    )


def test_the_date_a_form_expires_on_is_not_its_date() -> None:
    from library.importers.pdf import choose_date

    form = [
        ("APPLICATION FOR THE REVIEW OF DISCHARGE", 10.0, 764.0),
        ("OMB approval expires:", 8.0, 752.0),
        ("FROM THE ARMED FORCES OF THE UNITED STATES", 10.0, 752.0),
        ("2026-02-28", 8.0, 742.0),
    ]
    assert choose_date(form, None, "D:20210607200757Z") == "2021-06-07"
    assert choose_date(form[2:], None, None) == "2026-02-28"  # no label: the printed date


def test_lines_after_a_line_end_hyphen_are_found_without_a_search_by_position(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # pdfium marks a hyphen at a line end (U+FFFE) and writes no line break after it: the next
    # line's run starts right after the mark, found from the text, not by a search by position
    # (which walks every character of the page: a tenth of the reading time of a long report).
    import pypdfium2_raw

    from library import pdfworker

    def no_search(*args: Any) -> int:
        raise AssertionError("a run's first character was searched for by position")

    monkeypatch.setattr(pypdfium2_raw, "FPDFText_GetCharIndexAtPos", no_search)
    record = pdfworker.read(make_pdf([_column(72, 700, LEFT)]), 10)
    assert [body for _, body in record["blocks"]] == [
        "The left column begins here and it goes on for a while with words that are "
        "hyphenated across the line end, and a self-evident claim stays hyphenated."
    ]


@given(st.lists(st.text(alphabet="ab-\n \u00a0É1_ΣςΟ.\x1c²Ⅰ٣", max_size=12), max_size=5))
def test_the_vocabulary_is_the_words_of_the_pages_lines_read_as_one_string(
    lines: list[str],
) -> None:
    # The vocabulary is gathered token by token; it holds what the pattern finds in the lines
    # joined by line breaks (a word broken by a hyphen at a line end is not a word).
    from library.pdftext import _WORDS, PageLines, vocabulary

    page = PageLines(612, 792, "1", [Line(0, 0, 1, 1, text, 10) for text in lines])
    assert vocabulary([page]) == set(_WORDS.findall("\n".join(lines).lower() + "\n"))


@pytest.mark.parametrize(
    ("cores", "load", "split"),
    [(2, 1.1, True), (2, 3.5, True), (2, 4.5, False), (1, 0.0, False), (8, 12.0, True)],
)
def test_a_long_pdf_is_split_only_where_a_core_is_free(
    monkeypatch: pytest.MonkeyPatch, cores: int, load: float, split: bool
) -> None:
    # Where the load is twice the cores, the halves would take turns: one process reads all.
    import os

    from library import pdfworker

    monkeypatch.setattr(os, "cpu_count", lambda: cores)
    monkeypatch.setattr(os, "getloadavg", lambda: (load, load, load))
    forks: list[int] = []
    fork = os.fork
    monkeypatch.setattr(os, "fork", lambda: forks.append(1) or fork())
    monkeypatch.setattr(pdfworker, "PARALLEL_PAGES", 2)
    record = pdfworker.read(_halves_pdf(), 5_000)
    assert len(record["starts"]) == 64
    assert bool(forks) is split
