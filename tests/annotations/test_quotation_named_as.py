"""Partial quotations in which someone names a thing in their own words ("referred to the plan
as “…”", "described it as “…”"), told apart from names the writer uses ("known as", "such as")
and from the passive, where nobody is named."""

from __future__ import annotations

from annotations.quotations import find_quotations


def _found(text: str) -> list[tuple[str, str | None]]:
    return [(q.text, q.speaker) for q in find_quotations(text)]


def test_a_short_quotation_after_referred_to_as_is_the_subject_s() -> None:
    text = "Dora Lind lost her show after she referred to the referees as “blind mice.”"
    assert _found(text) == [("blind mice.", "Dora Lind")]


def test_a_capitalised_name_for_something_after_as_is_still_the_speaker_s() -> None:
    text = "Ivo Marsh, the senator, referred to the audit as “The Great Witch Trial”."
    assert _found(text) == [("The Great Witch Trial", "Ivo Marsh")]


def test_a_title_after_such_as_is_no_quotation() -> None:
    text = "Ivo Marsh said he enjoys old films such as “The Long Goodbye”."
    assert _found(text) == []


def test_where_something_was_said_is_not_its_speaker() -> None:
    text = "Ivo Marsh denied it twice, and on Twitter called the audit “a farce”."
    assert _found(text) == [("a farce", "Ivo Marsh")]


def test_the_passive_with_an_adverb_names_nobody() -> None:
    text = "The new bridge was soon described as “a great steel eyesore” in the town."
    assert _found(text) == [("a great steel eyesore", None)]


def test_was_with_a_verb_in_ing_is_not_the_passive() -> None:
    text = (
        "Mr. Bell sat down. Aunt Clara was often remarking that the house was cold, and "
        'at last she said it aloud. "Will nobody mend the window?"'
    )
    assert _found(text) == [("Will nobody mend the window?", "Aunt Clara")]


def test_a_term_after_a_naming_word_in_any_case_and_spacing_is_no_quotation() -> None:
    # The naming words are matched in any case (a long s stands for an s), with any spaces
    # before an article and the mark: the check of their last letters must read them alike.
    for text in (
        "Ivo Marsh said the audit is what critics have DUBBED AN “iron dome” for the mayor.",
        "Ivo Marsh said the audit was, in the wordſ “a total farce” of the day.",
        "Ivo Marsh said it was what he CALLED  A “farce”.",
    ):
        assert _found(text) == []


def test_a_determiner_is_read_in_any_case_before_its_pattern_is_tried() -> None:
    # Its last letter is checked before the whole pattern, in every case IGNORECASE reads.
    assert _found("Ivo Marsh said the plan was THE “jobs machine”.") == []


def test_a_title_with_commas_after_titled_is_no_quotation() -> None:
    # A headline after "titled" or "entitled", in title case, is a title even with commas in it
    # and a speaker named in its sentence (commas spare only a short turn: “Come, Darcy,”).
    text = (
        "Ivo Marsh said the council would vote again, and pointed readers to the release "
        "titled “Council Votes to Close Piers, Beaches and Harbours at Night”."
    )
    assert _found(text) == []
