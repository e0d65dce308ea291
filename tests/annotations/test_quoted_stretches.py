"""What a source quotes, read from its quote marks alone (`margin verify`, issue 23)."""

from __future__ import annotations

from itertools import pairwise

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotations.quotations.marked import quoted_stretches
from annotations.quotations.verify import best_alignment, pattern

WORDS = "we will rebuild the harbour wall before the winter storms"


def _quoted(text: str) -> list[str]:
    return [text[start:end] for start, end in quoted_stretches(text)]


@pytest.mark.parametrize(
    ("opening", "closing"),
    [
        ("“", "”"),  # English
        ('"', '"'),  # straight
        ("„", "“"),  # German: the closing mark has the English opening shape
        ("»", "«"),  # German and Danish guillemets: pointing inwards
        ("«", "»"),  # French
        ("« ", " »"),  # French, spaced
        ("‚", "‘"),  # German single
        ("‘", "’"),  # British
        ("''", "''"),  # typewriter marks at both ends
        ("``", "''"),  # TeX
        ("‘‘", "’’"),  # the seed's typewriter pairs
        ("「", "」"),  # Japanese
    ],
)
def test_every_house_style_is_read_by_where_its_marks_stand(opening: str, closing: str) -> None:
    text = f"The mayor said: {opening}{WORDS}{closing} and left the hall."
    assert [q.strip() for q in _quoted(text)] == [WORDS]


def test_apostrophes_and_measures_quote_nothing() -> None:
    text = 'The Smiths’ house in the ’90s wasn’t big, and a 6" pipe ran past Kuwait"s door.'
    assert _quoted(text) == []


def test_a_quotation_inside_a_quotation_is_inside_the_outer_one() -> None:
    text = "He said “we call it ‘the plan’ and from [Cruz's] “list” it will work” and left."
    assert _quoted(text) == ["we call it ‘the plan’ and from [Cruz's] “list” it will work"]


def test_a_quotation_over_two_paragraphs() -> None:
    # The first paragraph leaves it open; the second re-opens it, or goes on without a mark.
    for second in ("“The money is there,” she said.", "the money is there,” she said."):
        text = f"She said: “We will rebuild the wall.\n\n{second}"
        assert [q.strip(",“") for q in _quoted(text)] == [
            "We will rebuild the wall.",
            second.split("”")[0].strip("“,"),
        ]


def test_running_on_past_a_quotation_over_a_paragraph_break_is_altered() -> None:
    text = (
        "The mayor spoke for an hour.\n\n"
        "“We will rebuild the harbour wall before the storms.\n\n"
        "“The money is there and the council will pay,” she said, and left the hall."
    )
    across = best_alignment(pattern("before the storms. The money is there and the council"), text)
    assert across is not None and across.exact
    run_on = best_alignment(pattern("the council will pay she said and left the hall"), text)
    assert run_on is not None and not run_on.exact
    assert run_on.diff == "the council will pay {+she said and left the hall+}"


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab \n.,“”„«»‚‘’'\"`「」—(")), max_size=200))
def test_stretches_are_in_order_inside_the_text_and_never_overlap(text: str) -> None:
    found = quoted_stretches(text)
    assert all(0 <= start <= end <= len(text) for start, end in found)
    assert all(a[1] <= b[0] for a, b in pairwise(found))


def test_a_plurals_apostrophe_inside_single_marks_does_not_end_the_quotation() -> None:
    # Read as a close, "house a great deal" became narration, and a draft leaving it out
    # joined the two stretches across what looked like a tag: exact (review of h30j).
    for opening, closing in (("'", "'"), ("‘", "’")):
        text = (
            f"{opening}We liked the Smiths{closing} house a great deal,{closing} she said, "
            f"{opening}and we will go back there next year.{closing}"
        )
        assert _quoted(text) == [
            f"We liked the Smiths{closing} house a great deal,",
            "and we will go back there next year.",
        ]
        draft = pattern("We liked the Smiths and we will go back there next year")
        found = best_alignment(draft, text)
        assert found is not None and not found.exact
        assert "[-house a great deal-]" in found.diff
    assert _quoted("He met ‘the Smiths’ and ‘the Joneses’ there.") == ["the Smiths", "the Joneses"]


def test_a_measure_inside_a_straight_quotation_does_not_close_it() -> None:
    text = '"The 6" pipe under the road was not safe to use," he said. "We shut it."'
    assert _quoted(text) == ['The 6" pipe under the road was not safe to use,', "We shut it."]


def test_a_single_quotation_opening_on_a_year_is_read_like_the_detector_reads_it() -> None:
    # One rule for what a single mark elides (spans.ELIDED): ’90s, not ‘2024 … ’.
    text = "He said ‘2024 will be the year of the harbour’ and left, as in the ’90s."
    assert _quoted(text) == ["2024 will be the year of the harbour"]
