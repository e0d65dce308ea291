"""`margin verify` checks the page a draft cites beside a quotation against a real PDF's printed
pages: a quotation found word for word but cited on the wrong page is flagged and fails the run;
a range, or a quotation running over a page break, is right where they overlap."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result
from hypothesis import given
from hypothesis import strategies as st

from annotations.pinpoint import CitedPages, cited_pages, on_cited_pages, unchecked_pages
from library.model import LabelKind, Page
from tests.library.corpus import CORPUS

# On page 5 of the shared-mime-info specification.
ON_FIVE = "magic matches from previously parsed directories must be discarded"
# From the foot of page 2 over to the top of page 3.
OVER_TWO_THREE = "Information found in a directory is added to the information found in previous"


@pytest.fixture
def spec_library(margin: Callable[..., Result]) -> Callable[..., Result]:
    assert margin("import", str(CORPUS["spec"].require())).exit_code == 0
    return margin


def _verify(margin: Callable[..., Result], tmp_path: Path, draft: str) -> tuple[int, dict]:  # type: ignore[type-arg]
    path = tmp_path / "draft.md"
    path.write_text(draft, encoding="utf-8")
    result = margin("verify", "--json", str(path))
    (row,) = json.loads(result.stdout)
    return result.exit_code, row


def test_a_quotation_cited_on_the_wrong_page_is_flagged_and_fails(
    spec_library: Callable[..., Result], tmp_path: Path
) -> None:
    code, row = _verify(spec_library, tmp_path, f"Leonard insists that “{ON_FIVE}” (p. 7).\n")
    # Found word for word: still exact, with the page the words are on, and the wrong cite.
    assert (row["status"], row["page"], row["cited_page"]) == ("exact", "5", "p. 7")
    assert row["wrong_page"] is True
    assert (row["page_checked"], row["page_note"]) == (True, None)  # the PDF states its labels
    assert code == 1  # before, exact and exit 0: the draft sent its reader to page 7


def test_the_table_says_which_page_was_cited(
    spec_library: Callable[..., Result], tmp_path: Path
) -> None:
    path = tmp_path / "draft.md"
    path.write_text(f"We read that “{ON_FIVE}” (Leonard, 2022, p. 7).\n", encoding="utf-8")
    shown = spec_library("verify", str(path))
    assert shown.exit_code == 1
    words = " ".join(shown.stdout.split())  # as wrapped to the terminal's width
    assert "wrong page" in words and "cited p. 7" in words
    assert words.endswith("0 unsourced, 1 cited on a wrong page")


@pytest.mark.parametrize(
    "cite",
    ["(Leonard, 2022, p. 5)", "(p. 5)", "(pp. 4–5)", "(Leonard 2022, pp. 5-6)", "on page 5"],
)
def test_the_right_page_or_a_range_holding_it_passes(
    spec_library: Callable[..., Result], tmp_path: Path, cite: str
) -> None:
    code, row = _verify(spec_library, tmp_path, f"We read that “{ON_FIVE}” {cite}.\n")
    assert (row["status"], row["wrong_page"]) == ("exact", False)
    assert code == 0


@pytest.mark.parametrize(("cite", "wrong"), [("p. 3", False), ("pp. 2–3", False), ("p. 4", True)])
def test_a_quotation_over_a_page_break_is_right_on_either_page(
    spec_library: Callable[..., Result], tmp_path: Path, cite: str, wrong: bool
) -> None:
    code, row = _verify(spec_library, tmp_path, f"It says “{OVER_TWO_THREE}” ({cite}).\n")
    assert row["page"] == "2" and row["wrong_page"] is wrong
    assert code == (1 if wrong else 0)


def test_no_page_cited_is_not_checked(spec_library: Callable[..., Result], tmp_path: Path) -> None:
    code, row = _verify(spec_library, tmp_path, f"Leonard insists that “{ON_FIVE}”.\n")
    assert (row["cited_page"], row["wrong_page"], code) == (None, False, 0)


@pytest.mark.parametrize(("at", "wrong"), [("7", False), ("9", True)])
def test_an_opinion_is_cited_at_its_page(
    margin: Callable[..., Result], tmp_path: Path, at: str, wrong: bool
) -> None:
    # Tarrant Regional Water Dist. v. Herrmann, slip opinion: these words are on page 7.
    assert margin("import", str(CORPUS["supreme-court"].require())).exit_code == 0
    words = "need for water has been exacerbated in recent years by a long and costly drought"
    code, row = _verify(margin, tmp_path, f"As the opinion puts it, “{words}.” Id. at {at}.\n")
    assert (row["page"], row["cited_page"], row["wrong_page"]) == ("7", f"p. {at}", wrong)
    assert code == (1 if wrong else 0)


def _pages(*ranges: str) -> CitedPages:
    return CitedPages(tuple((r.split("-")[0], r.split("-")[-1]) for r in ranges))


@pytest.mark.parametrize(
    ("after", "cited"),
    [
        ("” (Ann Lee, 2020, p. 7).", _pages("7")),
        ("”, she wrote (pp. 123–24).", _pages("123-124")),
        ("” (p. xii)", _pages("xii")),
        ("” at 7 p.m. on Monday.", None),  # a time, and no opinion: no page
        ("” she said. “Another one” (p. 9).", None),  # the next quotation's page
        ("”\n\n(p. 9)", None),  # another paragraph
        # The next sentence's citation is not this quotation's.
        ("”, she said. Later work disagrees (Smith, 2021, p. 9).", None),
        ("” (Smith, 2020). Jones (2021, p. 9) found otherwise.", None),
        ("”, said Dr. Lee (p. 4).", _pages("4")),  # a title's stop ends no sentence
        # A Markdown or plain-text draft wraps its lines: one line break is the same paragraph.
        ("”\n(p. 7).", _pages("7")),
        # A quotation whose words a draft cites on two pages.
        ("” (pp. 3, 7).", _pages("3", "7")),
        ("” (Lee et al. 2020, pp. 12–14 and xii).", _pages("12-14", "xii")),
        # Words a roman numeral's letters spell are no page, nor is the pronoun I.
        ("” (the page did not say).", None),
        ("”, she wrote on the page I cite.", None),
        ("” (page mix).", None),
    ],
)
def test_the_page_beside_a_quotation_is_read_as_drafts_write_it(
    after: str, cited: CitedPages | None
) -> None:
    draft = "“The words quoted here" + after
    assert cited_pages(draft, draft.index("”")) == cited


@pytest.mark.parametrize(
    "after",
    [" Id. at 7.", " Roe v. Wade, 410 U.S. at 7.", " Smith v. Jones, 5 F. Supp. 3d at 7."],
)
def test_an_opinion_s_pinpoint_is_read_past_its_abbreviations(after: str) -> None:
    draft = "“Words an opinion holds.”" + after
    assert cited_pages(draft, draft.index("”"), court=True) == _pages("7")


@given(st.text(alphabet=st.sampled_from("“”\"' .,;()[]-–\n\tpPagesatvIdxiclm0123456789ABé")))
def test_any_draft_reads_without_failing(text: str) -> None:
    for end in range(len(text) + 1):
        found = cited_pages(text, end, court=True)
        assert found is None or (found.ranges and found.shown().startswith("p"))


def test_a_page_cited_in_a_list_is_right_where_the_words_are() -> None:
    pages = [Page(n * 10, n * 10 + 10, str(n)) for n in range(1, 10)]
    assert on_cited_pages(pages, [pages[6]], _pages("3", "7"))
    assert not on_cited_pages(pages, [pages[5]], _pages("3", "7"))


def test_the_specification_quoted_as_itself_says_its_own_words(
    spec_library: Callable[..., Result], tmp_path: Path
) -> None:
    code, row = _verify(spec_library, tmp_path, f"The specification warns that “{ON_FIVE}”.\n")
    assert (row["status"], row["narration"], code) == ("exact", False, 0)  # was misattributed


@pytest.mark.parametrize(("cite", "wrong"), [("p. 3", False), ("p. 11", False), ("p. 7", True)])
def test_words_printed_on_two_pages_are_right_cited_on_either(
    spec_library: Callable[..., Result], tmp_path: Path, cite: str, wrong: bool
) -> None:
    # These words stand on page 3 and again on page 11; the draft may cite either.
    words = "the same information as the globs2 magic subclasses aliases"
    code, row = _verify(spec_library, tmp_path, f"Leonard notes that “{words}” ({cite}).\n")
    assert (row["status"], row["wrong_page"], code) == ("exact", wrong, 1 if wrong else 0)


# On the third of the eight pages of Shinyama and Sekine's NAACL 2006 paper, which states no
# page labels and prints no page numbers: the proceedings' pages are 304–311, so a draft citing
# them rightly cites p. 306 for these words.
ON_THIRD = "we gradually extend a table while retaining a relation among its columns"


@pytest.mark.parametrize("cite", ["p. 306", "p. 3"])
def test_a_pdf_without_page_numbers_is_not_checked_against_its_places(
    margin: Callable[..., Result], library_dir: Path, tmp_path: Path, cite: str
) -> None:
    assert margin("import", str(CORPUS["paper"].require())).exit_code == 0
    code, row = _verify(margin, tmp_path, f"They note that “{ON_THIRD}” ({cite}).\n")
    # Before, p. 306 was a wrong page and the run failed: the labels only counted the file.
    assert (row["status"], row["cited_page"], row["wrong_page"]) == (
        "exact",
        f"p. {cite[3:]}",
        False,
    )
    assert (row["page_checked"], code) == (False, 0)
    assert row["page_note"] == "page not checked: the PDF gives no page numbers"
    path = tmp_path / "draft.md"
    shown = " ".join(margin("verify", str(path)).stdout.split())
    assert "page not checked: the PDF gives no page numbers" in shown
    assert shown.endswith("1 cited page(s) not checked")


def test_a_page_map_stored_without_its_kind_is_checked_only_where_it_cannot_be_a_count(
    margin: Callable[..., Result], library_dir: Path, tmp_path: Path
) -> None:
    # A library from before the kind was recorded: the same file, without its `page_labels`.
    assert margin("import", str(CORPUS["paper"].require())).exit_code == 0
    assert margin("import", str(CORPUS["spec"].require())).exit_code == 0
    for stored in library_dir.rglob("*.md"):
        text = stored.read_text(encoding="utf-8")
        stored.write_text(re.sub(r"(?m)^page_labels: .*\n", "", text), encoding="utf-8")
    code, row = _verify(margin, tmp_path, f"They note that “{ON_THIRD}” (p. 306).\n")
    assert (row["wrong_page"], row["page_checked"], code) == (False, False, 0)
    assert "import it again" in row["page_note"]
    # Labels numbered from 1 up might only count the file's pages: not checked either.
    code, row = _verify(margin, tmp_path, f"Leonard insists that “{ON_FIVE}” (p. 7).\n")
    assert (row["wrong_page"], row["page_checked"], code) == (False, False, 0)


def test_a_page_cited_from_a_source_without_pages_says_it_was_not_checked(
    margin: Callable[..., Result], tmp_path: Path
) -> None:
    source = tmp_path / "post.md"
    source.write_text(
        "# A web post\n\nThe council said the new library would open in the spring.\n",
        encoding="utf-8",
    )
    assert margin("import", str(source)).exit_code == 0
    words = "the new library would open in the spring"
    code, row = _verify(margin, tmp_path, f"We read that “{words}” (p. 4).\n")
    assert (row["cited_page"], row["wrong_page"], row["page_checked"], code) == (
        "p. 4",
        False,
        False,
        0,
    )
    assert row["page_note"] == "page not checked: the source has no page numbers"
    code, row = _verify(margin, tmp_path, f"We read that “{words}”.\n")
    assert (row["cited_page"], row["page_checked"], row["page_note"]) == (None, None, None)


@pytest.mark.parametrize(
    ("labels", "kind", "checked"),
    [
        (["213", "214", "215"], "printed", True),
        (["1", "2", "3"], "counted", False),
        (["1", "2", "3"], "stated", True),
        # Stored before the kind was recorded: checked unless a count of the file's pages.
        (["213", "214", "215"], None, True),
        (["i", "ii", "1"], None, True),
        (["2", "3", "5"], None, False),  # a blank cover and a blank page dropped
        (["1", "2", "1"], None, True),  # a slip opinion's syllabus, then its opinion
    ],
)
def test_which_page_maps_check_a_cited_page(
    labels: list[str], kind: LabelKind | None, checked: bool
) -> None:
    pages = [Page(n * 10, n * 10 + 10, label) for n, label in enumerate(labels)]
    assert (unchecked_pages(pages, "page", kind) == "") is checked
