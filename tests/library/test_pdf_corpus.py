"""Golden tests on real PDFs (tests/library/corpus.py says where each comes from). The expected
texts were checked by eye against the rendered pages and pdftotext's output."""

from __future__ import annotations

from pathlib import Path

import pytest

from library.errors import ImportFailed
from library.importer import build_article, parse_source, read_file
from library.model import Article
from tests.library.corpus import CORPUS


def _article(name: str) -> Article:
    path = CORPUS[name].require()
    return build_article(parse_source(read_file(path, 100_000_000)), str(path), "")


def _page(article: Article, label: str) -> str:
    page = next(p for p in article.pages if p.label == label)
    return article.text[page.start : page.end]


@pytest.fixture(scope="module")
def report() -> Article:
    return _article("report")


def test_report_printed_labels_with_roman_front_matter(report: Article) -> None:
    labels = [p.label for p in report.pages]
    assert labels[:6] == ["T-1", "T-2", "i", "1", "2", "3"]
    assert labels[-1] == "33" and len(labels) == 36
    assert report.locator == "page"


def test_report_metadata_from_its_first_page(report: Article) -> None:
    assert report.title == "Libtasn1"
    assert report.published == "2022-08-18"  # printed on the title page; not the build date
    # The names at the foot of the title page; the document's info states no author.
    assert report.authors == ["Fabio Fiorina", "Simon Josefsson", "Nikos Mavrogiannopoulos"]


def test_report_page_text(report: Article) -> None:
    page = _page(report, "1")
    assert page.startswith(
        "1 Introduction\n\nThis document describes the Libtasn1 library that provides Abstract "
        "Syntax Notation One (ASN.1, as specified by the X.680 ITU-T recommendation) parsing and "
        "structures management, and Distinguished Encoding Rules (DER, as per X.690) encoding "
        "and decoding functions.\n\nThe main features of this library are:\n\n"
        "On-line ASN.1 structure management that doesn’t require any C code file generation."
    )
    assert (
        "It’s Free Software. Anybody can use, modify, and redistribute the library under the "
        "terms of the GNU Lesser General Public License version 2.1 or later." in page
    )
    assert "Chapter 2: ASN.1 structure handling" not in report.text  # its running head
    kinds = {b.kind for b in report.blocks if report.page_at(b.start) == report.pages[3]}
    assert {"heading", "paragraph", "list_item"} <= kinds


def test_spec_running_header_dropped_and_page_text() -> None:
    spec = _article("spec")
    assert spec.title == "Shared MIME-info Database"
    assert spec.authors == ["Thomas Leonard"]  # not "X Desktop Group", nor the e-mail under it
    assert [p.label for p in spec.pages] == [str(n) for n in range(1, 18)]
    # The header printed at the top of pages 2–17 is gone; the title page keeps its title.
    assert spec.text.startswith("Shared MIME-info Database\n\n")
    for page in spec.pages[1:]:
        assert not spec.text[page.start : page.end].startswith("Shared MIME-info Database")
    assert _page(spec, "5").startswith(
        "A magic-deleteall element, which indicates that magic matches from previously parsed "
        "directories must be discarded. The magic defined in this file (if any) is used instead."
        "\n\nalias elements indicate that the type is also sometimes known by another name, given "
        "by the type attribute."
    )


def test_ocr_layer_lines_rebuilt_and_hyphens_joined() -> None:
    book = _article("ocr")
    first = _page(book, "1")
    assert first.startswith(
        "however, did not last long; it became too conspicuous and dangerous for use.\n\n"
        "A report creeps into camp that Johnston is coming with fifty thousand men to raise the "
        "siege, but I do not believe it."
    )
    assert "THE SIEGE OF VICKSBURG" not in book.text  # the running header, with its number
    assert "Last night I sat on the top of a hill awhile, watching the mortar shells" in first
    # Two word boxes set close, with no space between them in pdfium's text: an OCR layer's
    # words are spaced by their boxes' gap.
    assert "However, they are rather rare, while" in book.text


def test_two_columns_between_lists_read_column_by_column() -> None:
    # The LinnSequencer brochure page: a list across the page, two columns, a list across the
    # page. Checked by eye against the page and pdftotext -layout: the left column (Recording,
    # Editing) is read before the right (Creating a Song, Composition Without Compromise), and
    # the sentence the left column ends on goes on at the top of the right one.
    page = _article("two-column")
    assert [p.label for p in page.pages] == ["1"]
    text = page.text
    order = [
        "To record a sequence, simply press RECORD and PLAY, then play your MIDI keyboard in "
        "time to the Sequencer’s click track.",
        "To erase a wrong note, simply hold ERASE and press the note to be erased just before "
        "it plays in the sequence—when played back, it will be gone.",
        "Notes may also be added, erased, or changed using the SINGLE STEP function. To overdub "
        "notes at specific points within a sequence, simply use LOCATE, FAST FORWARD, or REWIND "
        "to find the desired bar number, then start recording.",
        "The INSERT/COPY function allows you to move bars from one location to another—in the "
        "same sequence or a different one.",
        "Creating a Song\n\nOne way to create a song is to record each track all the way "
        "through (up to 999 bars). Another way is to record each basic section (verse, chorus, "
        "etc.) in individual sequences, then use the CREATE SONG function to “chain” them "
        "together. CREATE SONG will then automatically copy all the parts into a new sequence. "
        "If desired, you can even set the last few bars to repeat infinitely, for a fadeout.",
        "Composition Without Compromise\n\nThe technology you use should never be so complex",
        "Additional Features",
        "0 Simple, easy to learn operation—the 32 character LCD display clearly guides you "
        "through all operations.",
    ]
    found = [text.find(part) for part in order]
    assert -1 not in found, [part for part, at in zip(order, found, strict=True) if at < 0]
    assert found == sorted(found)


def test_a_two_column_paper() -> None:
    # NAACL 2006, page 1: title and authors across the page, then two columns. Checked by eye
    # against the page and pdftotext -layout: the abstract and section 1 in the left column
    # before the right one, a word broken at the foot of the left column ("arti-") joined with
    # its end at the top of the right one, "semi-" + "automatically" keeping its hyphen.
    paper = _article("paper")
    assert paper.title == (
        "Preemptive Information Extraction using Unrestricted Relation Discovery"
    )
    assert paper.authors == ["Yusuke Shinyama", "Satoshi Sekine"]
    assert [p.label for p in paper.pages] == [str(n) for n in range(1, 9)]
    page = _page(paper, "1")
    order = [
        "Abstract\n\nWe are trying to extend the boundary of Information Extraction (IE) systems.",
        "We propose a technique called Unrestricted Relation Discovery that discovers all "
        "possible relations from texts and presents them as tables.",
        "1 Background\n\nEvery day, a large number of news articles are created and reported, "
        "many of which are unique. But certain types of events, such as hurricanes or murders, "
        "are reported again and again throughout a year.",
        "Then, you have to analyze the articles and manually craft a set of patterns to capture "
        "these events.",
        "you need to repeat the whole process: specify articles and adjust its patterns, either "
        "manually or semi-automatically. There is a bit of a dangerous pitfall here.",
        "For example, in the MUC-6 management succession scenario, one seeks a relation "
        "between COMPANY, PERSON and POST involved with hiring/firing events.",
        "Unrestricted Relation Discovery is a technique to automatically discover such "
        "relations that repeatedly appear in a corpus",
    ]
    found = [page.find(part) for part in order]
    assert -1 not in found, [part for part, at in zip(order, found, strict=True) if at < 0]
    assert found == sorted(found)


def test_a_government_form_its_language_labels_and_title() -> None:
    form = _article("government")
    assert form.language == "en"  # the catalog's /Lang
    assert form.published == "2021-06-07"  # not the OMB approval's expiry printed on page 1
    assert [p.label for p in form.pages] == ["1", "2", "3", "4"]
    assert form.title == (
        'DD Form 293, "APPLICATION FOR THE REVIEW OF DISCHARGE FROM THE ARMED FORCES OF THE '
        'UNITED STATES"'
    )
    assert (
        "The public reporting burden for this collection of information is estimated to average "
        "30 minutes per response, including the time for reviewing instructions, searching "
        "existing data sources, gathering and maintaining" in _page(form, "1")
    )
    assert _page(form, "3").startswith("PRIVACY ACT STATEMENT")


def test_three_columns_of_the_irs_instructions() -> None:
    # Page 5 of the 1040NR instructions: three columns, text set at size 1 and scaled by its
    # matrix, lines of two columns drawn as one run. Checked by eye against the page: each
    # column read top to bottom, the first before the second before the third, a paragraph
    # going on from the foot of one column to the top of the next.
    book = _article("three-column")
    assert book.title == "Instructions for Form 1040NR"  # not the cover's "2007"
    labels = [p.label for p in book.pages]
    assert labels[:3] == ["1", "2", "3"] and labels[-1] == "50"  # blank pages have no text
    page = _page(book, "5")
    assert page.startswith(
        "Dual-Status Tax Year\n\nA dual-status year is one in which you change status between "
        "nonresident and resident alien. Different U.S. income tax rules apply to each status."
        "\n\nMost dual-status years are the years of arrival or departure."
    )
    order = [
        # the first column
        "If you become a U.S. resident, you stay a resident until you leave the United States.",
        "Former U.S. long-term residents are required to file Form 8854 with their dual-status "
        "return for the last year of U.S. residency.",
        # its last paragraph goes on at the top of the second
        "Income Subject to Tax for Dual-Status Year\n\nAs a dual-status taxpayer not filing a "
        "joint return, you are taxed on income from all sources for the part of the year you "
        "were a resident alien.",
        "Income you received as a dual-status taxpayer from sources outside the United States "
        "while a resident alien is taxable even if you became a nonresident alien after "
        "receiving it and before the close of the tax year.",
        "You cannot use exemptions (other than your own) to reduce taxable income to below zero "
        "for that period.",
        # the third column
        "Special rules apply for exemptions for the part of the tax year a dual-status taxpayer "
        "is a nonresident alien",
        "Tax credits. You cannot take the earned income credit, the credit for the elderly or "
        "disabled, or an education credit",
        "How To Figure Tax for Dual-Status Year",
    ]
    found = [page.find(part) for part in order]
    assert -1 not in found, [part for part, at in zip(order, found, strict=True) if at < 0]
    assert found == sorted(found)
    assert "Page 5 of 48" not in page  # the running head


def test_legal_summary_heads_footnotes_and_kerned_letters() -> None:
    # The Copyright Office's DMCA summary, checked by eye against pdftotext: its running head
    # and foot are dropped (the title page keeps its title, printed in capitals), a line that
    # starts with a kerned letter or carries a note mark is read once, a paragraph runs on over
    # a page break, and a footnote ends its page.
    dmca = _article("legal")
    assert dmca.title == "The Digital Millennium Copyright Act of 1998"
    assert [p.label for p in dmca.pages] == [str(n) for n in range(1, 19)]
    assert dmca.text.startswith("THE DIGITAL MILLENNIUM COPYRIGHT ACT OF 1998")
    assert "Copyright Office Summary December 1998" not in dmca.text
    for page in dmca.pages[1:]:
        assert (
            "The Digital Millennium Copyright Act of 1998" not in dmca.text[page.start : page.end]
        )
    assert (
        "The Digital Millennium Copyright Act (DMCA) 1 was signed into law by President Clinton "
        "on October 28, 1998." in _page(dmca, "1")
    )
    assert (
        "in order to provide appropriate references and links to the treaties. Second, it "
        "creates two new prohibitions in Title 17 of the U.S. Code" in _page(dmca, "2")
    )
    assert (
        "measures that prevent unauthorized access to a copyrighted work and measures that "
        "prevent unauthorized copying2 of a copyrighted work." in dmca.text
    )
    assert _page(dmca, "4").endswith(
        "2 “Copying” is used in this context as a short-hand for the exercise of any of the "
        "exclusive rights of an author under section 106 of the Copyright Act. Consequently, a "
        "technological measure that prevents unauthorized distribution or public performance "
        "of a work would fall in this second category.\n\n"
    )


def test_legal_summary_date_from_its_title_page_and_its_office_as_author() -> None:
    # Its info states CreationDate D:00000101000000Z (a placeholder) and the author "United
    # States Copyright Office - jmf" (a typist's initials); its title page prints "December
    # 1998" under the title, above the body, whose "October 28, 1998" is the day it was signed.
    dmca = _article("legal")
    assert dmca.published == "1998-12"
    assert dmca.authors == ["United States Copyright Office"]


def test_legal_summary_list_items_quotes_and_small_capitals() -> None:
    # Page 1's list of the five titles: each bullet glyph (pdfium and pdftotext read it as
    # "!") is drawn 30 pt left of its item's first line; the item reads after its marker, as
    # one block. A space after an opening quote and inside a word set in small capitals with
    # a larger first letter are pdfium's own spacing, as pdftotext prints them.
    dmca = _article("legal")
    page = _page(dmca, "1")
    assert (
        "The DMCA is divided into five titles:\n\n! Title I, the “WIPO Copyright and "
        "Performances and Phonograms Treaties Implementation Act of 1998,” implements the WIPO "
        "treaties.\n\n! Title II, the “Online Copyright Infringement Liability Limitation Act,” "
        "creates limitations on the liability of online service providers for copyright "
        "infringement when engaging in certain types of activities.\n\n! Title III," in page
    )
    assert "“ " not in dmca.text
    assert "TITLE I: WIPO TREATY IMPLEMENTATION\n\nTitle I implements the WIPO treaties." in (
        _page(dmca, "2")
    )
    items = [b for b in dmca.blocks if b.kind == "list_item" and dmca.page_at(b.start).label == "1"]
    assert [dmca.text[b.start : b.end].split(",")[0] for b in items] == [
        "! Title I",
        "! Title II",
        "! Title III",
        "! Title IV contains six miscellaneous provisions",
        "! Title V",
    ]


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("scanned", "no text layer (a scanned PDF?) (run OCR first, e.g. ocrmypdf)"),
        ("encrypted", "the PDF is encrypted and needs a password"),
    ],
)
def test_refused_in_one_line(name: str, reason: str) -> None:
    with pytest.raises(ImportFailed) as caught:
        _article(name)
    assert reason in str(caught.value) and "\n" not in str(caught.value)


def test_an_empty_user_password_opens() -> None:
    assert _article("empty-password").text == "pdf encryption test password: asdfzxcv"


def test_cli_refuses_a_scan_and_leaves_the_library_untouched(margin, library_dir: Path) -> None:  # type: ignore[no-untyped-def]
    path = CORPUS["scanned"].require()
    result = margin("import", str(path))
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "run OCR first, e.g. ocrmypdf" in lines[0]
    assert "Traceback" not in result.output
    assert (
        not list((library_dir / "articles").glob("*.md"))
        if (library_dir / "articles").exists()
        else True
    )


def test_show_json_carries_the_page_map(margin) -> None:  # type: ignore[no-untyped-def]
    import json

    path = CORPUS["report"].require()
    assert margin("import", str(path)).exit_code == 0
    listed = json.loads(margin("list", "--json").output)
    shown = json.loads(margin("show", listed[0]["id"], "--json").output)
    assert shown["locator"] == "page"
    assert [p["label"] for p in shown["pages"][:4]] == ["T-1", "T-2", "i", "1"]


def test_legal_summary_cites_its_office_and_its_month(margin) -> None:  # type: ignore[no-untyped-def]
    # Before: "(United States Copyright Office - jmf, n.d., p. 1)" in every style.
    import json

    assert margin("import", str(CORPUS["legal"].require())).exit_code == 0
    article = json.loads(margin("list", "--json").output)[0]["id"]
    quote = "was signed into law by President Clinton on October 28, 1998"
    highlight = margin("highlight", article, "--quote", quote).output.strip()
    apa = margin("copy", highlight, "--print", "--style", "apa").stdout
    assert f"“{quote}” (United States Copyright Office, 1998, p. 1)." in apa
    assert (
        "United States Copyright Office. (1998, December). The Digital Millennium Copyright Act "
        "of 1998." in apa
    )
    mla = margin("copy", highlight, "--print", "--style", "mla").stdout
    assert f"“{quote}” (United States Copyright Office 1)." in mla


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("spec", "stated"),  # its /PageLabels
        ("supreme-court", "printed"),  # no /PageLabels; each page prints its number
        ("paper", "counted"),  # neither: only the pages' places in the file
    ],
)
def test_where_a_pdf_s_page_labels_come_from_is_recorded_and_kept(name: str, kind: str) -> None:
    from library.articlefile import dumps, loads

    article = _article(name)
    assert article.labels == kind
    assert loads(dumps(article))[0].labels == kind  # in the article file's front matter
