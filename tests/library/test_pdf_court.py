"""Golden tests on three U.S. court opinions (tests/library/corpus.py says where each comes from).
The expected texts were checked by eye against the rendered pages (pdftoppm) and pdftotext
-layout's output."""

from __future__ import annotations

import functools
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from library.importer import build_article, parse_source, read_file
from library.model import Article
from tests.library.corpus import CORPUS


@functools.cache
def _article(name: str) -> Article:
    path = CORPUS[name].require()
    return build_article(parse_source(read_file(path, 100_000_000)), str(path), "")


def _nth(article: Article, index: int) -> str:
    """The text of the page that is index-th in the map (labels repeat in a slip opinion)."""
    page = article.pages[index]
    return article.text[page.start : page.end]


# -- the Supreme Court's slip opinion: Tarrant Regional Water Dist. v. Herrmann, No. 11-889 --

SYLLABUS = ["1", "2", "3", "4"]
OPINION = [str(n) for n in range(1, 25)]


def test_slip_opinion_metadata_is_what_a_citation_needs() -> None:
    # The stated title is "11-889 Tarrant Regional Water Dist. v. Herrmann (06/13/2013)", the
    # PDF was made on 2013-06-11, and the caption's "HERRMANN ET AL." is a party.
    slip = _article("supreme-court")
    assert slip.title == "Tarrant Regional Water Dist. v. Herrmann"
    assert slip.published == "2013-06-13"  # "Argued April 23, 2013—Decided June 13, 2013"
    assert slip.authors == []


def test_slip_opinion_pages_carry_their_printed_numbers() -> None:
    # The file states no page labels; the syllabus is numbered 1-4 and the opinion 1-24, each
    # number printed in the running head. The two maps of the appendices hold no text.
    assert [p.label for p in _article("supreme-court").pages] == SYLLABUS + OPINION


def test_slip_opinion_running_heads_and_numbers_dropped() -> None:
    slip = _article("supreme-court")
    assert "Cite as" not in slip.text
    assert "TARRANT REGIONAL WATER DIST. v. HERRMANN" not in slip.text
    blocks = [slip.text[b.start : b.end] for b in slip.blocks]
    assert "Opinion of the Court" not in blocks
    assert blocks.count("Syllabus") == 1  # under the Court's name on the first page, not a head
    # The only numbers standing alone are the numbered subparts ("1" to "4"), centred;
    # the page numbers, printed in the heads, are gone.
    assert [b for b in blocks if b.isdigit()] == ["1", "2", "3", "4"]
    assert "——" not in slip.text  # the rule drawn over the footnotes


def test_slip_opinion_first_page_of_the_opinion() -> None:
    # Opinion, page 1: the caption's lines, the one-line paragraph that names the author, the
    # part numbers "I" and "A" centred on lines of their own.
    page = _nth(_article("supreme-court"), 4)
    assert page.startswith(
        "NOTICE: This opinion is subject to formal revision before publication in the "
        "preliminary print of the United States Reports."
    )
    assert (
        "[June 13, 2013]\n\nJUSTICE SOTOMAYOR delivered the opinion of the Court.\n\n"
        "The Red River Compact, (or Compact), 94 Stat. 3305, allocates water rights among the "
        "States within the Red River basin as it winds through Texas, Oklahoma, Arkansas, and "
        "Louisiana. Petitioner Tarrant Regional Water District (Tarrant), a Texas agency, claims "
        "that it is entitled to acquire water under the Compact from within Oklahoma and that "
        "therefore the Compact pre-empts several Oklahoma statutes that restrict out-of-state "
        "diversions of water." in page
    )
    assert "We hold that Tarrant’s claims lack merit.\n\nI\n\nA\n\nThe Red River (or River)" in page


def test_slip_opinion_page_with_a_footnote() -> None:
    # Opinion, page 4: the body, then footnote 2 at the end of the page's text; "§" and "U. S."
    # citations and en dashes as printed.
    page = _nth(_article("supreme-court"), 7)
    assert page.startswith(
        "Louisiana. Without any such release, there would be no guaranteed flow of water to "
        "Louisiana.\n\nThe provisions of the Compact relating to Reach II were crafted to "
        "address this problem."
    )
    assert (
        "For the most part, the Compact granted control over the water in these subbasins to "
        "the States in which each subbasin is located.2 The remaining subbasin, subbasin 5, "
        "instead requires that water be allowed to flow to Louisiana through the main stem of "
        "the River at certain minimum levels" in page
    )
    assert page.endswith(
        "“(1) The Signatory States shall have equal rights to the use of runoff originating in "
        "subbasin 5 and un-\n\n2Within subbasins 1, 2, and 4, water was fully apportioned to a "
        "single State. See Compact §5.01(b), id., at 22–23 (apportioning water of subbasin 1 "
        "and its “unrestricted use” to Oklahoma); §5.02(b), id., at 23 (same for Texas with "
        "respect to subbasin 2); §5.04(b), id., at 24 (same for Texas with respect to subbasin "
        "4). Only subbasin 3, which includes portions of Oklahoma and Arkansas, breaks from "
        "this pattern and was divided along the lines of a 60-to-40 split, with both States "
        "having “free and unrestricted use of the water of this subbasin within their "
        "respective states, subject, however, to the limitation that Oklahoma shall allow a "
        "quantity of water equal to the 40 percent of the total runoff originating below the "
        "following existing, authorized or proposed last major downstream damsites in Oklahoma "
        "to flow into Arkansas.” §5.03(b), id., at 23–24.\n\n"
    )


def test_slip_opinion_footnotes_end_their_page_each_one_block() -> None:
    # Opinion, page 5: footnote 4 quotes two paragraphs; a line of it that starts with "5"
    # (at the notes' margin, not indented as a note's first line is) stays in it.
    page = _nth(_article("supreme-court"), 8)
    body, notes = page.split("\n\n3The Compact defines")
    assert body.endswith(
        "the upstream States must permit more water to reach Louisiana.4 Subbasin 5’s "
        "allocation scheme allows up-"
    )
    assert notes.count("\n\n") == 2  # note 3, note 4, and the page's end
    assert (
        "4 In such circumstances, the two relevant paragraphs provide: “(2) Whenever the flow "
        "of the Red River at the Arkansas-Louisiana state boundary is less than 3,000 [CFS], "
        "but more than 1,000 [CFS]," in notes
    )
    assert "runoff originating in subbasin 5 and 40 percent of undesignated water" in notes


def test_slip_opinion_words_broken_at_line_ends() -> None:
    slip = _article("supreme-court")
    page = _nth(slip, 11)  # opinion, page 8
    assert "effectively prevent out-of-state applicants from taking or diverting water" in page
    assert "“could feasibly be transported to alleviate water shortages in the State of " in page
    assert "Arkan-sas" not in slip.text and "Arkansas, and Louisiana" in slip.text
    assert "No. 11–889. Argued April 23, 2013—Decided June 13, 2013" in slip.text
    assert "See United States v. Detroit Timber & Lumber Co., 200 U. S. 321, 337." in slip.text
    assert "§§2.12(a)–(e), id., at 13." in slip.text


@settings(max_examples=200, deadline=None)
@given(st.floats(0, 1, exclude_max=True))
def test_slip_opinion_every_offset_on_exactly_one_page(share: float) -> None:
    slip = _article("supreme-court")
    offset = int(share * len(slip.text))
    assert sum(p.start <= offset < p.end for p in slip.pages) == 1
    starts = [p.start for p in slip.pages]
    assert starts == sorted(starts) and starts[0] == 0 and slip.pages[-1].end == len(slip.text)


# -- the Fifth Circuit's opinion, under the CM/ECF stamp --


def test_circuit_opinion_stamp_and_heads_dropped_and_its_metadata() -> None:
    opinion = _article("circuit")
    assert "Case: 21-50498" not in opinion.text and "Date Filed" not in opinion.text
    assert [p.label for p in opinion.pages] == [str(n) for n in range(1, 11)]
    for index in range(1, 10):  # "No. 21-50498" heads pages 2-10
        assert not _nth(opinion, index).startswith("No. 21-50498")
    assert opinion.title == "Vanessa St. Pierre v. Standard Insurance Company"
    assert opinion.published == "2022-03-16"
    assert opinion.authors == []  # not the clerk, Lyle W. Cayce, nor the appellant


def test_circuit_opinion_pages() -> None:
    opinion = _article("circuit")
    first = _nth(opinion, 0)
    assert first.endswith(
        "This case arises from a dispute involving a life insurance policy. Appellant Vanessa "
        "St. Pierre claims that she properly acquired a dependent life insurance policy on "
        "behalf of her deceased husband. Standard Insurance Company (“Standard”) and Dearborn "
        "National Life Insurance Company\n\n* Pursuant to 5th Circuit Rule 47.5, the court has "
        "determined that this opinion should not be published and is not precedent except "
        "under the limited circumstances set forth in 5th Circuit Rule 47.5.4.\n\n"
    )
    assert _nth(opinion, 1).startswith(
        "(“Dearborn”) (collectively, “Appellees”) disagreed and moved to dismiss St. Pierre’s "
        "claims. The district court issued a judgment in favor of Appellees and dismissed St. "
        "Pierre’s suit. For the following reasons, we AFFIRM.\n\nI. Facts & Procedural "
        "Background\n\nIn June 2009, the City of El Paso"
    )
    assert _nth(opinion, 9).endswith(
        "IV. Conclusion\n\nFor the foregoing reasons, the district court’s judgment dismissing "
        "St. Pierre’s claims against Appellees is AFFIRMED."
    )


# -- the Missouri Court of Appeals' opinion: double-spaced, from Word --


def test_state_opinion_metadata() -> None:
    opinion = _article("state-court")
    assert opinion.title == "Nichole Marie Jagels v. State of Missouri"
    assert opinion.published == "2021-01-19"  # "Filed: January 19, 2021"; made on the 14th
    assert opinion.authors == []  # not "DIVISION THREE", nor "Atlee" (the info's author)
    assert [p.label for p in opinion.pages] == ["1", "2", "3", "4", "5"]


def test_state_opinion_double_spaced_paragraphs_and_centred_headings() -> None:
    opinion = _article("state-court")
    first = _nth(opinion, 0)
    assert (
        "Introduction\n\nAppellant Nichole M. Jagels appeals the judgment denying her Rule "
        "24.035 motion for post-conviction relief after an evidentiary hearing. Finding no "
        "error, we affirm the motion court’s judgment that plea counsel was not ineffective "
        "because Jagels’ pleas were knowing, intelligent, and voluntary and plea counsel did "
        "not coerce her or give her an ultimatum to enter her guilty pleas. Nevertheless, a "
        "clerical error in the written judgment’s description of one of Jagels’ convictions "
        "requires that we remand the matter for the sentencing court to correct the error "
        "pursuant to Rule 29.12(c) through an order nunc pro tunc.\n\nBackground\n\nJagels was "
        "charged" in first
    )
    second = _nth(opinion, 1)
    assert "The State recommended a 22-year aggregate sentence.\n\nAt the plea hearing" in second
    assert "Standard of Review\n\nAppellate review of the denial" in second


@pytest.mark.parametrize("name", ["supreme-court", "circuit", "state-court"])
def test_show_json_carries_the_printed_labels(margin, name: str) -> None:  # type: ignore[no-untyped-def]
    path = CORPUS[name].require()
    assert margin("import", str(path)).exit_code == 0
    article = json.loads(margin("list", "--json").output)[0]["id"]
    shown = json.loads(margin("show", article, "--json").output)
    assert [p["label"] for p in shown["pages"]] == [p.label for p in _article(name).pages]
