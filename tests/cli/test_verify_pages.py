"""`margin verify` checks the page a draft cites beside a quotation against a real PDF's printed
pages: a quotation found word for word but cited on the wrong page is flagged and fails the run;
a range, or a quotation running over a page break, is right where they overlap."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result
from hypothesis import given
from hypothesis import strategies as st

from annotations.pinpoint import CitedPages, cited_pages, on_cited_pages
from library.model import Page
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
