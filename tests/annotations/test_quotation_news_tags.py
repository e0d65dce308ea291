"""Which of several names near a news quotation said it: the speaker, not the agency that
reported the speaker's words nor a place or a name inside the reported clause; and a tag after
a question that belongs to the next quotation."""

from __future__ import annotations

from annotations.quotations import find_quotations


def _found(text: str) -> list[tuple[str, str | None]]:
    return [(q.text, q.speaker) for q in find_quotations(text)]


def test_a_name_after_an_ing_verb_that_follows_a_quotation_is_not_its_speaker() -> None:
    text = "The mayor, Ana Ruiz, said the dam is “safe for now”, adding Norway will send pumps."
    assert _found(text) == [("safe for now", "Ana Ruiz")]


def test_the_speaker_named_after_according_to_s_source_said_it() -> None:
    text = (
        "According to the Harbour Gazette, the port's chief engineer, Ivo Marsh, said the "
        "crane is “beyond repair”. According to Dora Lind, a pilot who advised the board, "
        "the channel is “far too shallow”."
    )
    assert _found(text) == [("beyond repair", "Ivo Marsh"), ("far too shallow", "Dora Lind")]


def test_a_source_after_per_is_not_the_speaker_s_role() -> None:
    text = "“Nobody buys umbrellas in May,” said Ana Ruiz per Radio Central."
    assert _found(text) == [("Nobody buys umbrellas in May", "Ana Ruiz")]


def test_a_tag_after_a_question_opens_the_next_quotation_when_one_came_before() -> None:
    text = (
        "Bishop Ivo Marsh said, “Why should we be exempt?” Dora Lind said, “Nobody is above "
        "it.”\n\n“Why not?” asked Dan Lee."
    )
    assert _found(text) == [
        ("Why should we be exempt?", "Ivo Marsh"),
        ("Nobody is above it.", "Dora Lind"),
        ("Why not?", "Dan Lee"),
    ]


def test_a_day_after_on_is_no_place_where_it_was_said() -> None:
    text = "The report says that on Tuesday Ana Ruiz told officers “the car was red and fast.”"
    assert _found(text) == [("the car was red and fast.", "Ana Ruiz")]


def test_a_name_with_an_age_then_who_is_the_relative_clause_s_subject() -> None:
    text = (
        "One of the helpers was ferry mate Dan Lee, 31, who cited his years at sea: “You "
        "never leave a swimmer behind.”"
    )
    assert _found(text) == [("You never leave a swimmer behind.", "Dan Lee")]


def test_the_second_part_of_a_statement_after_an_inverted_tag_is_the_tag_s() -> None:
    text = (
        'Although the word is old, the agency noted a need to act: "Every town can still '
        'prepare. If towns act now," said Ana Ruiz, the head of the agency. "We are worried '
        'by how little is done."'
    )
    assert [speaker for _, speaker in _found(text)] == ["Ana Ruiz", "Ana Ruiz"]


def test_a_speech_verb_after_went_on_to_or_wanted_to_keeps_the_subject_before() -> None:
    text = (
        "Ana Ruiz went on to ask the judge “to think of the children in this town.” Her "
        "brother, Dan Ruiz, wanted to tell the jury “that she was never alone.”"
    )
    assert _found(text) == [
        ("to think of the children in this town.", "Ana Ruiz"),
        ("that she was never alone.", "Dan Ruiz"),
    ]
