"""A draft quotation that runs past the source's quotation into the reporter's narration is
altered, not exact: the narration words are shown as added (issue 23, review of verify)."""

from __future__ import annotations

from collections.abc import Callable

from annotations.quotations import find_quotations
from annotations.quotations.verify import best_alignment, pattern

SOURCE = (
    "The mayor promised to “cut the deficit over ten years” and said that work would start in "
    "May. Officials declined to comment."
)


def _spans(text: str) -> Callable[[int, int], str | None]:
    """Who the detector says speaks the quoted words at [start, end), if anyone."""
    found = find_quotations(text)
    return lambda start, end: next(
        (q.speaker for q in found if q.speaker and q.start < end and start < q.end), None
    )


def test_running_on_into_narration_is_altered_and_the_narration_shown_as_added() -> None:
    draft = pattern("cut the deficit over ten years and said that work would start")
    found = best_alignment(draft, SOURCE, speaker_of=_spans(SOURCE))
    assert found is not None and not found.exact
    assert "{+and said that work would start+}" in found.diff
    assert "[-" not in found.diff  # nothing of the speaker's was changed
    # The source words are the speaker's only.
    assert SOURCE[found.start : found.end] == "cut the deficit over ten years"


def test_starting_in_narration_is_altered_too() -> None:
    draft = pattern("promised to cut the deficit over ten years")
    found = best_alignment(draft, SOURCE, speaker_of=_spans(SOURCE))
    assert found is not None and not found.exact
    assert found.diff.startswith("{+promised to+}")
    assert SOURCE[found.start : found.end] == "cut the deficit over ten years"


def test_the_words_inside_the_quotation_stay_exact() -> None:
    draft = pattern("cut the deficit over ten years")
    found = best_alignment(draft, SOURCE, speaker_of=_spans(SOURCE))
    assert found is not None and found.exact


def test_narration_on_both_sides_of_a_speakers_words_is_altered() -> None:
    # The draft puts the reporter's sentence, the speaker's words and all, in quote marks of
    # its own, with no inner marks: all of it reads as the mayor's.
    draft = pattern("promised to cut the deficit over ten years and said")
    found = best_alignment(draft, SOURCE, speaker_of=_spans(SOURCE))
    assert found is not None and not found.exact
    assert found.diff == "{+promised to+} cut the deficit over ten years {+and said+}"


def test_narration_quoted_with_the_inner_marks_kept_is_the_reporters() -> None:
    draft = pattern("promised to ‘cut the deficit over ten years’ and said")
    found = best_alignment(draft, SOURCE, speaker_of=_spans(SOURCE))
    assert found is not None and found.exact


def test_prose_with_no_quotation_is_quoted_as_before() -> None:
    text = "The harbour council said traffic would fall by half next spring, shops said."
    draft = pattern("traffic would fall by half next spring")
    found = best_alignment(draft, text, speaker_of=_spans(text))
    assert found is not None and found.exact


def test_prose_holding_a_quotation_inside_it_is_quoted_as_before() -> None:
    # A book's (or a report's) own sentence, quoted whole with the scare quote it holds: the
    # draft quotes the author, not the one the author quotes.
    text = "The report called Iowa's “silver standard” a myth that nobody had ever tested."
    for quote in (
        "called Iowa's ‘silver standard’ a myth that nobody had ever tested",
        # Without the inner marks too: a phrase of one to three words is woven into the prose
        # (the detector even names "The report" as its speaker).
        "called Iowa's silver standard a myth that nobody had ever tested",
    ):
        found = best_alignment(pattern(quote), text, speaker_of=_spans(text))
        assert found is not None and found.exact, found


def test_the_narration_added_reads_as_one_run_even_where_a_word_differs() -> None:
    # "said" stands in the narration, "and" does not: still one run of added words.
    text = "“We will cut the deficit over ten years,” the mayor said, adding that work would start."
    draft = pattern("cut the deficit over ten years and said that work would start")
    found = best_alignment(draft, text, speaker_of=_spans(text))
    assert found is not None
    assert found.diff == "cut the deficit over ten years {+and said that work would start+}"


def test_a_sentence_opening_with_a_quotation_quoted_with_its_marks_kept_is_the_writers() -> None:
    # The draft quotes the writer's sentence and marks the slogan inside it where it ends:
    # nothing is run on into the narration, so nothing is added.
    text = (
        "Posters reading “Make the city work again for everyone” appeared on every bus shelter "
        "in town last week."
    )
    quote = "‘Make the city work again for everyone’ appeared on every bus shelter in town"
    found = best_alignment(pattern(quote), text, speaker_of=_spans(text))
    assert found is not None and found.exact, found


def test_a_mark_elsewhere_in_the_draft_does_not_excuse_running_on() -> None:
    # The draft's inner marks stand around "the plan", not where the speaker's words end.
    text = "He said “we call it ‘the plan’ and it will work” and left the room quickly that night."
    quote = "we call it ‘the plan’ and it will work and left the room"
    found = best_alignment(pattern(quote), text, speaker_of=_spans(text))
    assert found is not None and not found.exact
    assert found.diff.endswith("{+and left the room+}")
