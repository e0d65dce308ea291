"""What `margin verify` got wrong on real news in a user's trial (issue 23): an elision whose
next word also stands before the words it leaves out, a changed number, and a quotation the
source interrupts with its tag."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from annotations.quotations.verify import best_alignment, pattern

OBAMA = (
    "\"If you look at the number of Americans killed since 9/11 by terrorism, it's less than 100. "
    "If you look at the number that have been killed by gun violence, it's in the tens of "
    'thousands," Mr Obama said.'
)
BASSI = (
    "“Whole Foods is one of the better ones, to be honest with you,” Bassi said. “But you know, "
    "Whole Foods, whole paycheck.”\n\n"
    "“It’s a big range that we fish,” Bassi said.\n\n"
    "“We fish as far away as Attu Island,” he added."
)


def test_an_elision_leaves_out_the_words_between_even_where_a_word_repeats() -> None:
    # "it's" follows "terrorism" in the source too: the words left out are those before the
    # second "it's", at the elision, not those after the first.
    draft = pattern("killed since 9/11 by terrorism … it's in the tens of thousands")
    found = best_alignment(draft, OBAMA)
    assert found is not None and found.exact, found
    assert OBAMA[found.start : found.end].endswith("it's in the tens of thousands")


def test_a_bracketed_insertion_after_a_repeated_word_is_allowed_too() -> None:
    # An elision beside the bracket leaves the words out; a bracket alone would replace them,
    # which is altered (test_verify_brackets_and_tags). The bracket says what is meant; one
    # saying how many ("[more than a hundred times]") is altered (test_verify_weighing_brackets).
    draft = pattern("killed since 9/11 by terrorism, it's … [the toll of guns] in the tens")
    found = best_alignment(draft, OBAMA)
    assert found is not None and found.exact, found


def test_a_changed_number_is_shown_as_the_draft_writes_it() -> None:
    draft = pattern("killed since 9/11 by terrorism, it's less than 1,000")
    found = best_alignment(draft, OBAMA)
    assert found is not None and not found.exact
    assert found.diff.endswith("less than [-100-]{+1,000+}")  # was {+1 000+}


def test_a_quotation_the_source_breaks_with_its_tag_is_one_quotation() -> None:
    draft = pattern("to be honest with you. But you know, Whole Foods, whole paycheck")
    found = best_alignment(draft, BASSI)
    assert found is not None and found.exact, found.diff  # was altered: [-Bassi said-]


def test_only_the_speakers_words_left_out_are_shown() -> None:
    draft = pattern("to be honest with you, whole paycheck")
    found = best_alignment(draft, BASSI)
    assert found is not None and not found.exact
    # was [-Bassi said. “But you know, Whole Foods-]
    assert found.diff == "to be honest with you [-But you know, Whole Foods-] whole paycheck"


def test_quotations_of_two_paragraphs_joined_are_altered() -> None:
    draft = pattern("It’s a big range that we fish, we fish as far away as Attu Island")
    found = best_alignment(draft, BASSI)
    assert found is not None and not found.exact
    assert "[-Bassi said-]" in found.diff


# Few words, each repeating often: the words around an elision stand elsewhere too.
REPEATING = ("it's", "the", "less", "than", "in", "of", "tens", "number", "look", "you", "if")


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.sampled_from(REPEATING),
        min_size=30,
        max_size=60,
    ),
    st.data(),
)
def test_an_elided_passage_of_repeating_words_is_exact(
    words: list[str], data: st.DataObject
) -> None:
    text = " ".join(words) + "."
    at = data.draw(st.integers(min_value=0, max_value=len(words) - 14))
    kept = data.draw(st.integers(min_value=4, max_value=6))
    left_out = data.draw(st.integers(min_value=1, max_value=6))
    draft = (
        " ".join(words[at : at + kept]) + " … " + " ".join(words[at + kept + left_out : at + 14])
    )
    found = best_alignment(pattern(draft), text)
    assert found is not None and found.exact, (draft, found.diff if found else None)
