"""Aligning a draft's quotation with its source (issue 23): properties over any text."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from annotations.quotations.verify import best_alignment, pattern, same_speaker, tokens

VOCABULARY = (
    "the harbour council said traffic would fall by half next spring while shops "
    "argued that trade had already suffered since the trial began in March"
)
WORDS = st.lists(
    st.sampled_from(VOCABULARY.split(" ")),
    min_size=30,
    max_size=80,
)


@settings(max_examples=60, deadline=None)
@given(WORDS, st.data())
def test_a_passage_copied_word_for_word_is_exact_and_points_at_itself(
    words: list[str], data: st.DataObject
) -> None:
    text = " ".join(words) + "."
    size = data.draw(st.integers(min_value=4, max_value=12))
    at = data.draw(st.integers(min_value=0, max_value=len(words) - size))
    quote = " ".join(words[at : at + size])
    found = best_alignment(pattern(quote), text)
    assert found is not None and found.exact and found.matched == size
    assert [w for _, _, w in tokens(text[found.start : found.end])] == [
        w.casefold() for w in words[at : at + size]
    ]


@settings(max_examples=60, deadline=None)
@given(WORDS, st.data())
def test_one_changed_word_is_an_alteration_shown_in_the_diff(
    words: list[str], data: st.DataObject
) -> None:
    text = " ".join(words) + "."
    size = data.draw(st.integers(min_value=8, max_value=14))
    at = data.draw(st.integers(min_value=0, max_value=len(words) - size))
    changed = list(words[at : at + size])
    changed[size // 2] = "gloriously"
    found = best_alignment(pattern(" ".join(changed)), text)
    assert found is not None and not found.exact
    assert "{+gloriously+}" in found.diff


def test_elisions_brackets_and_marks_are_allowed() -> None:
    text = "“We will build the new pier before the winter storms arrive,” said Mayor Okafor."
    for quote in (
        "We will build the new pier … before the winter storms arrive",
        "[The city] will build the new pier before the winter storms arrive",
        "we will build the new pier before the winter storms arrive!",
    ):
        found = best_alignment(pattern(quote), text)
        assert found is not None and found.exact, quote


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=300), st.text(max_size=120))
def test_never_raises_on_hostile_text(text: str, quote: str) -> None:
    found = best_alignment(pattern(quote), text)
    if found is not None:
        assert 0 <= found.start <= found.end <= len(text)


def test_a_changed_last_word_shows_the_source_word_it_replaced() -> None:
    text = (
        "“If you look at the number killed by terrorism, it's less than 100,” Mr Obama said. "
        "“It is distressing.”"
    )
    found = best_alignment(
        pattern("If you look at the number killed by terrorism, it's less than 1,000"), text
    )
    assert found is not None and not found.exact
    assert "[-100-]" in found.diff
    assert text[found.start : found.end].endswith("less than 100")


def test_a_changed_first_word_shows_the_source_word_it_replaced() -> None:
    text = (
        "He paused. “If you look at the number killed by terrorism, it's less than 100,” he said."
    )
    found = best_alignment(
        pattern("When you look at the number killed by terrorism, it's less than 100"), text
    )
    assert found is not None and not found.exact
    assert found.diff.startswith("[-If-]{+When+}")
    assert text[found.start : found.end].startswith("If you look")


def test_the_source_span_stops_at_the_quotation_s_end() -> None:
    text = "“Secure Communities must change substantially or be scrapped,” he wrote. Then he left."
    found = best_alignment(
        pattern("Secure Communities must change substantially or be destroyed today"), text
    )
    assert found is not None
    assert found.diff.endswith("[-scrapped-]{+destroyed today+}")
    assert text[found.start : found.end].endswith("be scrapped")


def test_a_description_in_a_draft_can_be_any_named_speaker() -> None:
    # "The commissioner put it plainly:" names no one to compare with "Edward F. Davis".
    assert same_speaker("The commissioner", "Edward F. Davis")
    assert same_speaker("a spokesman", "Ann Lee")
    assert not same_speaker("Thomas Menino", "Edward F. Davis")


def test_a_description_or_title_that_contradicts_the_source_is_another_speaker() -> None:
    # a role the source gives its speaker another (the mayor for the commissioner's words)
    assert same_speaker("The commissioner", "Edward F. Davis", "Police Commissioner")
    assert not same_speaker("The mayor", "Edward F. Davis", "Police Commissioner")
    assert not same_speaker("a spokesman", "Edward F. Davis", "Police Commissioner")
    # or a sex the source's given name contradicts (Mr. Clinton for Hillary Clinton's words)
    assert not same_speaker("his wife", "Donald Trump")
    assert not same_speaker("Mr. Clinton", "Hillary Clinton")
    assert same_speaker("Mrs. Clinton", "Hillary Clinton")
    assert same_speaker("Mr. Clinton", "Bill Clinton")
