"""The layout rules a court opinion showed wanting, on plain `Line` values (no PDF): running
heads of a page set inside the paper, printed page numbers as labels, paragraphs of double-spaced
text, hanging indents, one-line indented paragraphs, centred part numbers, footnotes under a
rule, and words broken at a compound's own hyphen."""

from __future__ import annotations

from library.importers.pdf import case_name, choose_authors, choose_date, choose_title
from library.pdftext import Line, PageLines, join_lines, page_texts, paragraphs


def _slip_page(label: str, number: str, head: str, body: list[str]) -> PageLines:
    """A page of a slip opinion: set on a sheet smaller than the letter paper it is printed on,
    so its running head (and number) stands 116 pt below the paper's top."""
    lines = [
        Line(245, 667, 367, 676, head, 9),
        Line(452, 669, 455, 675, number, 9),
        Line(263, 644, 349, 652, "Opinion of the Court", 9),
    ]
    lines += [Line(157, 620 - 13 * n, 459, 630 - 13 * n, text, 11) for n, text in enumerate(body)]
    return PageLines(612, 792, label, lines, stated=False)


def _slip(numbers: list[int]) -> list[PageLines]:
    return [
        _slip_page(
            str(n + 1),
            str(number),
            "Cite as: 569 U. S. ____ (2013)" if number % 2 else "TARRANT v. HERRMANN",
            [f"Body line {n} of the page, set at the body's size and running on"] * 12,
        )
        for n, number in enumerate(numbers)
    ]


def test_running_heads_inside_the_paper_are_dropped_and_printed_numbers_label_the_pages() -> None:
    texts = page_texts(_slip([1, 2, 3, 4, 1, 2, 3, 4, 5]))
    assert [t.label for t in texts] == ["1", "2", "3", "4", "1", "2", "3", "4", "5"]
    for text in texts:
        joined = " ".join(body for _, body in text.blocks)
        assert "Cite as" not in joined and "TARRANT" not in joined
        assert "Opinion of the Court" not in joined
        assert joined.startswith("Body line")


def test_printed_numbers_that_do_not_count_up_leave_the_files_labels() -> None:
    texts = page_texts(_slip([1, 2, 7, 4, 5]))
    assert [t.label for t in texts] == ["1", "2", "3", "4", "5"]


def _double_spaced(texts: list[tuple[float, str]]) -> list[Line]:
    return [Line(x, 700 - 27.6 * n, 543, 710.8 - 27.6 * n, t, 12) for n, (x, t) in enumerate(texts)]


def test_double_spaced_lines_are_read_as_paragraphs() -> None:
    lines = _double_spaced(
        [
            (108, "Appellant Nichole M. Jagels appeals the judgment denying her Rule 24.035 for"),
            (
                72,
                "post-conviction relief after an evidentiary hearing. Finding no error, we affirm",
            ),
            (72, "the motion court’s judgment that plea counsel was not ineffective because her"),
            (72, "pleas were knowing, intelligent, and voluntary and plea counsel did not coerce"),
            (
                72,
                "her or give her an ultimatum to enter her guilty pleas. Nevertheless, a clerical",
            ),
            (72, "error in the written judgment requires that we remand the matter to the court."),
            (108, "Jagels was charged with numerous crimes occurring from May to December 2015 in"),
            (72, "which she sexually victimized and abused three underage girls including her own"),
        ]
    )
    blocks = paragraphs(lines, 12, set())
    assert [text.split()[0] for _, text in blocks] == ["Appellant", "Jagels"]


def test_a_hanging_indent_keeps_its_paragraph_together() -> None:
    # The Supreme Court's syllabus: a paragraph's first line at the left, the rest indented.
    lines = [
        Line(156.5, 437, 455.6, 445.4, "The Red River Compact (or Compact) is a sanctioned", 9),
        Line(165.7, 426, 455.6, 434.5, "agreement that allocates water rights within the basin", 9),
        Line(165.7, 415, 455.0, 423.8, "among the States of Oklahoma, Texas, and Louisiana,", 9),
        Line(165.5, 404, 455.5, 413.0, "each of which is further divided into smaller parts.", 9),
    ]
    assert len(paragraphs(lines, 9, set())) == 1


def test_a_one_line_paragraph_indented_as_the_next_one_ends_at_its_line() -> None:
    lines = [
        Line(167.3, 424, 453.7, 434, "JUSTICE SOTOMAYOR delivered the opinion of the Court.", 11),
        Line(167.5, 408, 454.8, 418, "The Red River Compact, (or Compact), 94 Stat. 3305,", 11),
        Line(156.8, 394, 455.5, 405, "allocates water rights among the States within the", 11),
        Line(156.5, 381, 455.0, 391, "Red River basin as it winds through Texas, Oklahoma,", 11),
        Line(156.8, 368, 458.9, 378, "Arkansas, and Louisiana. Petitioner Tarrant Regional", 11),
    ]
    blocks = paragraphs(lines, 11, set())
    assert [text.split()[0] for _, text in blocks] == ["JUSTICE", "The"]


def test_a_centred_part_number_stands_alone() -> None:
    lines = [
        Line(
            156.8, 277, 458.0, 286, "state commerce. We hold that Tarrant’s claims lack merit.", 11
        ),
        Line(304.1, 258, 311.2, 266, "I", 11),
        Line(302.0, 245, 313.0, 253, "A", 11),
        Line(167.5, 227, 455.3, 237, "The Red River (or River) begins in the Llano Estacado", 11),
        Line(156.4, 215, 458.8, 224, "Mesa on the border between New Mexico and Texas and", 11),
        Line(156.8, 200, 458.8, 210, "from this broad plain, it first runs through the Texas", 11),
    ]
    blocks = paragraphs(lines, 11, set())
    assert [text.split()[0] for _, text in blocks] == ["state", "I", "A", "The"]


def test_the_rule_over_the_notes_goes_and_a_notes_line_at_its_margin_stays_in_its_note() -> None:
    body = [
        Line(157, 600 - 13 * n, 459, 610 - 13 * n, f"Body line {n} runs on", 11) for n in range(8)
    ]
    notes = [
        Line(156, 390, 210, 391, "——————", 9),
        Line(165.6, 318, 421, 327, "4 In such circumstances, the paragraphs provide:", 9),
        Line(156.6, 307, 455.5, 316, "runoff originating in subbasin", 9),
        Line(156.9, 296, 454.9, 305, "5 and 40 percent of undesignated water flowing in.", 9),
        Line(165.6, 285, 455.6, 294, "5 Another note.", 9),
    ]
    page = PageLines(612, 792, "1", body + notes)
    [text] = page_texts([page], size=11)
    assert text.blocks[-2:] == [
        (
            "paragraph",
            "4 In such circumstances, the paragraphs provide: runoff originating in subbasin 5 "
            "and 40 percent of undesignated water flowing in.",
        ),
        ("paragraph", "5 Another note."),
    ]
    assert all("——" not in block for _, block in text.blocks)


def test_a_compound_broken_at_its_own_hyphen_keeps_it() -> None:
    words = {"out-of-state", "shortage"}
    assert join_lines(["restrict out-of-", "state diversions"], words) == (
        "restrict out-of-state diversions"
    )
    assert (
        join_lines(["water short-", "ages in the State"], words) == "water shortages in the State"
    )
    # A compound the document prints whole is joined.
    assert join_lines(["a long-", "standing rule"], {"long-standing"}) == "a long-standing rule"


_SLIP_FIRST = [
    ("(Slip Opinion)", 7.0, 674.3),
    ("OCTOBER TERM, 2012", 9.0, 675.8),
    ("SUPREME COURT OF THE UNITED STATES", 14.6, 587.4),
    ("Syllabus", 9.0, 553.5),
    ("TARRANT REGIONAL WATER DISTRICT v.", 11.0, 529.2),
    ("HERRMANN ET AL.", 11.0, 516.0),
    ("CERTIORARI TO THE UNITED STATES COURT OF APPEALS FOR", 9.0, 492.3),
    ("THE TENTH CIRCUIT", 9.0, 481.3),
    ("No. 11–889. Argued April 23, 2013—Decided June 13, 2013", 9.0, 462.2),
    ("The Red River Compact (or Compact) is a congressionally sanctioned", 9.0, 445.4),
]


def test_a_slip_opinions_title_date_and_no_party_as_author() -> None:
    stated = "11-889 Tarrant Regional Water Dist. v. Herrmann (06/13/2013)"
    assert (
        choose_title(stated, None, _SLIP_FIRST, 792) == "Tarrant Regional Water Dist. v. Herrmann"
    )
    assert choose_date(_SLIP_FIRST, None, "D:20130611211651Z", 792) == "2013-06-13"
    assert choose_authors(None, None, _SLIP_FIRST, 792) == []


def test_a_case_name_from_a_caption() -> None:
    missouri = [
        ("In the Missouri Court of Appeals", 20.0, 642.5),
        ("NICHOLE MARIE JAGELS, ) No. ED108783", 12.0, 554.7),
        (")", 12.0, 540.9),
        ("Appellant, ) Appeal from the Circuit Court of", 12.0, 527.1),
        ("vs. ) No. 1711-CC00064", 12.0, 499.5),
        (")", 12.0, 485.7),
        ("STATE OF MISSOURI, ) Honorable Deborah J. Alessi", 12.0, 472.0),
        ("Respondent. ) Filed: January 19, 2021", 12.0, 444.4),
    ]
    assert case_name(missouri) == "Nichole Marie Jagels v. State of Missouri"
    assert choose_title(None, None, missouri, 792) == "Nichole Marie Jagels v. State of Missouri"
    assert choose_date(missouri, None, "D:20210114153512Z", 792) == "2021-01-19"
    circuit = [
        ("United States Court of Appeals", 24.0, 713.6),
        ("Vanessa St. Pierre", 13.0, 580.3),
        (",", 13.0, 572.6),
        ("Plaintiff—Appellant,", 13.0, 549.2),
        ("versus", 13.0, 514.5),
        ("Standard Insurance Company; Dearborn National Life", 13.0, 486.4),
        ("Insurance Company,", 13.0, 470.7),
        ("Defendants—Appellees.", 13.0, 439.6),
    ]
    assert case_name(circuit) == "Vanessa St. Pierre v. Standard Insurance Company"


def test_a_closed_em_dash_at_a_line_end_stays_closed() -> None:
    assert join_lines(["In Reach II, the Compact—", "recognizing that"], set()) == (
        "In Reach II, the Compact—recognizing that"
    )
    # A dash set open (a space before it) stays open.
    assert join_lines(["accurate “hit” information —", "information about"], set()) == (
        "accurate “hit” information — information about"
    )


def test_a_compound_broken_inside_its_last_word_is_joined() -> None:
    # "inflam" is no word the document prints: the break is inside "inflammatory", not at a
    # hyphen of the compound's own.
    words = {"the", "drug", "of"}
    assert join_lines(["the anti-inflam-", "matory drug"], words) == "the anti-inflammatory drug"
    assert join_lines(["the out-of-", "state drug"], words) == "the out-of-state drug"


def test_numbered_chapter_headings_inside_the_text_frame_are_kept() -> None:
    # A report with page numbers at the foot and no running heads, its text starting two inches
    # below the paper's top: each chapter opens a page with "Chapter N". The headings differ
    # only in their numbers; they are no running head.
    pages = []
    for n in range(6):
        lines = [Line(72, 650, 200, 664, f"Chapter {n // 2 + 1}", 14)] if n % 2 == 0 else []
        lines += [
            Line(72, 620 - 14 * k, 540, 631 - 14 * k, f"{_PROSE[(n + k) % 7]} on page {n}.", 11)
            for k in range(30)
        ]
        lines.append(Line(300, 40, 310, 50, str(n + 1), 10))
        pages.append(PageLines(612, 792, str(n + 1), lines))
    texts = page_texts(pages, set())
    assert [t.blocks[0][1] for t in texts[::2]] == ["Chapter 1", "Chapter 2", "Chapter 3"]
    assert all(not any(body == str(n + 1) for _, body in t.blocks) for n, t in enumerate(texts))


_PROSE = [
    "The committee met three times over the winter and heard from residents",
    "Several witnesses described the flooding of the lower fields in detail",
    "Its members then visited the reservoir and the pumping station together",
    "Most of the costs fell on the county rather than on the water district",
    "A second survey of the wells was ordered before any permit was issued",
    "The minutes of each meeting were kept by the clerk and read aloud later",
    "No vote was taken until the engineers had reported on the dam's repair",
]


def test_a_paper_about_a_court_is_no_caption() -> None:
    # The Supreme Court and defendants are named, and a line ends in "Gideon v.", but no line
    # stands as a caption's: the printed authors and title stay.
    first = [
        ("The Supreme Court and the Rights of Criminal Defendants", 18.0, 700.0),
        ("Jane Roe and John Doe", 12.0, 670.0),
        ("Abstract", 11.0, 640.0),
        ("We study how the Supreme Court has treated the claims of defendants in", 10.0, 620.0),
        ("cases such as Gideon v.", 10.0, 606.0),
        ("Wainwright and Miranda v. Arizona over fifty years of decisions.", 10.0, 592.0),
    ]
    assert choose_authors(None, None, first, 792) == ["Jane Roe", "John Doe"]
    assert choose_title(None, None, first, 792) == (
        "The Supreme Court and the Rights of Criminal Defendants"
    )


def test_a_patents_filing_date_is_not_its_date() -> None:
    first = [
        ("(12) United States Patent", 12.0, 740.0),
        ("(45) Date of Patent: Oct. 4, 2011", 10.0, 728.0),
        ("(54) METHOD FOR COOLING A REACTOR", 9.0, 700.0),
        ("(22) Filed: Jun. 12, 2008", 9.0, 640.0),
    ]
    assert choose_date(first, None, "D:20111004000000Z", 792) == "2011-10-04"


def test_only_a_cases_stated_title_loses_its_courts_date() -> None:
    # A court's site adds the decision's date to a case's title; a board's minutes print theirs.
    title = "Minutes of the Board Meeting (03/12/2019)"
    first = [(title, 16.0, 700.0), ("Present: all members", 11.0, 670.0)]
    assert choose_title(title, None, first, 792) == title


def test_a_line_of_the_body_repeated_where_the_text_ends_is_kept() -> None:
    # Short pages whose text ends halfway down the paper (nothing near its foot), three
    # paragraphs each; every paragraph's second line is the same words at the same place on
    # every page, in the body's size: no running footer.
    pages = []
    for n in range(6):
        lines = []
        for para in range(3):
            top = 700 - 60 * para
            lines += [
                Line(72, top, 400, top + 10, f"Page {n} paragraph {para} opens with words", 10),
                Line(72, top - 14, 300, top - 4, "runs on to a second line and ends here.", 10),
            ]
        pages.append(PageLines(612, 792, str(n + 1), lines))
    texts = page_texts(pages, set())
    for n, text in enumerate(texts):
        assert [body for _, body in text.blocks] == [
            f"Page {n} paragraph {para} opens with words runs on to a second line and ends here."
            for para in range(3)
        ]


def test_a_page_number_of_digits_int_refuses_is_no_number_not_a_crash() -> None:
    # "²" (a footnote mark alone at the page's edge) is a digit to str.isdigit but not to int():
    # the PDF's import raised ValueError.
    pages = _slip([1, 2, 3])
    pages[1] = _slip_page("2", "²", "TARRANT v. HERRMANN", ["Body line of the page"] * 12)
    assert [t.label for t in page_texts(pages)] == ["1", "2", "3"]
