"""What `margin verify` must never call exact (issue 23, review of h30j): a bracket that
replaces the source's words with others, and a draft that joins two quoted stretches across
narration that is not their speaker's tag (another speaker, "but not"). And what it must read:
a draft pasted from a terminal, and "the agency" for an organisation's words."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from annotations.quotations import find_quotations
from annotations.quotations.verify import best_alignment, pattern, read_draft, same_speaker

ICE = "“Secure Communities must change the way it works with local police,” the mayor said."


def _speaker_of(text: str) -> Callable[[int, int], str | None]:
    found = find_quotations(text)
    return lambda start, end: next(
        (q.speaker for q in found if q.speaker and q.start < end and start < q.end), None
    )


def test_a_bracket_replacing_the_source_words_is_altered_and_shows_them() -> None:
    found = best_alignment(pattern("[Boston] must change the way it works with local police"), ICE)
    assert found is not None and not found.exact  # was exact, "Secure Communities" unseen
    assert found.diff.startswith("[-Secure Communities-]{+[Boston]+} must change")


def test_a_bracket_replacing_a_word_inside_is_altered() -> None:
    text = "“We will never sign the bill this year,” he said."
    found = best_alignment(pattern("We will [definitely] sign the bill this year"), text)
    assert found is not None and not found.exact
    assert "[-never-]{+[definitely]+}" in found.diff


def test_a_bracket_making_a_pronoun_clear_or_repeating_the_words_is_exact() -> None:
    text = "“It must change the way it works with local police,” the mayor said."
    quote = "[Boston] must change the way it works with local police"
    clear = best_alignment(pattern(quote), text)
    same = best_alignment(pattern("[Secure Communities] must change the way it works"), ICE)
    inserted = best_alignment(pattern("must change the way it [the programme] works"), ICE)
    assert clear is not None and clear.exact
    assert same is not None and same.exact
    assert inserted is not None and inserted.exact


@pytest.mark.parametrize(
    ("text", "quote", "left_out"),
    [
        # Two speakers: was exact, Jones's words given to Smith.
        (
            "“We will win the vote next week,” Smith said. Jones replied: "
            "“We will lose our seats in the north.”",
            "We will win the vote next week, we will lose our seats in the north",
            "[-Smith said. Jones replied-]",
        ),
        # One speaker across the tag: one quotation, exact.
        (
            "“Whole Foods is one of the better ones, to be honest with you,” Bassi said. “But "
            "you know, Whole Foods, whole paycheck.”",
            "to be honest with you. But you know, Whole Foods, whole paycheck",
            None,
        ),
    ],
)
def test_stretches_joined_across_a_tag_are_one_quotation_only_of_one_speaker(
    text: str, quote: str, left_out: str | None
) -> None:
    found = best_alignment(pattern(quote), text, speaker_of=_speaker_of(text))
    assert found is not None and found.exact == (left_out is None), found.diff
    assert left_out is None or left_out in found.diff


def test_narration_that_turns_the_quotation_is_never_left_out_as_a_tag() -> None:
    text = "“We will sign the bill,” the governor said, but not “before the election next spring.”"
    draft = pattern("We will sign the bill before the election next spring")
    for speaker_of in (None, _speaker_of(text)):
        found = best_alignment(draft, text, speaker_of=speaker_of)
        assert found is not None and not found.exact  # was exact: the opposite of what was said
        assert "[-the governor said, but not-]" in found.diff


def test_a_draft_pasted_from_a_terminal_is_read_without_its_colour_codes(tmp_path: Path) -> None:
    draft = tmp_path / "draft.txt"
    draft.write_text(
        'The mayor said:\x1b[1m"We will rebuild the harbour wall this winter."\x1b[0m\n'
    )
    text = read_draft(draft)
    assert [q.text for q in find_quotations(text)] == [  # was none: the mark followed "m"
        "We will rebuild the harbour wall this winter."
    ]


def test_the_agency_is_the_organisation_the_source_names() -> None:
    assert same_speaker("The agency", "Immigration and Customs Enforcement")
    assert same_speaker("the agency", "ICE")
    assert not same_speaker("The agency", "Thomas M. Menino")


def test_a_bracket_opening_mid_sentence_stands_for_the_pronoun_before_it() -> None:
    text = "“We want them to go after the bad guys, but this is catching drivers,” he said."
    found = best_alignment(pattern("[the program] is catching drivers"), text)
    assert found is not None and found.exact, found.diff
    assert text[found.start : found.end] == "this is catching drivers"


def test_a_bracket_closing_the_quotation_in_place_of_its_words_is_altered() -> None:
    found = best_alignment(pattern("Secure Communities must change [its ways]"), ICE)
    assert found is not None and not found.exact
    assert found.diff.endswith("[-the way it works with local police-]{+[its ways]+}")


def test_a_bracket_in_place_of_a_reports_words_is_altered_too() -> None:
    # Prose with no quote marks: the bracket reaches back within its sentence.
    report = "The report says Secure Communities must change the way it works with local police."
    found = best_alignment(
        pattern("[Boston] must change the way it works with local police"), report
    )
    assert found is not None and not found.exact
    assert "{+[Boston]+}" in found.diff and "Secure Communities" in found.diff
    across = "The plan, officials said, failed badly in every district."
    found = best_alignment(pattern("[The scheme] failed badly in every district"), across)
    assert found is not None and not found.exact  # a clause's comma hid "The plan"


def test_an_elision_leaving_out_a_negation_within_a_sentence_is_altered() -> None:
    text = "“I will not, under any circumstances, sign this bill,” the governor said. “Never.”"
    found = best_alignment(pattern("I will … sign this bill"), text)
    assert found is not None and not found.exact  # was exact: the opposite of what was said
    assert "[-not, under any circumstances-]{+…+}" in found.diff
    kept = best_alignment(pattern("I will not … sign this bill"), text)
    assert kept is not None and kept.exact


def test_a_writers_note_in_brackets_stands_for_no_words() -> None:
    text = "“We was robbed at the game in the north last night, and we know it,” the coach said."
    for quote in (
        "We was robbed at the game in the north [sic]",  # was altered: the note "replaced" the rest
        "robbed at the game in the north last night [emphasis added]",
    ):
        found = best_alignment(pattern(quote), text)
        assert found is not None and found.exact, found.diff
    dropped = best_alignment(pattern("We was [sic] at the game in the north"), text)
    assert dropped is not None and not dropped.exact  # a note leaves nothing out: "robbed"
