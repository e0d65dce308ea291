"""A he or she that no named person fits, and speakers given as descriptions ("the woman who
said"): never a capitalised word that is nobody's name."""

from __future__ import annotations

import pytest

from annotations.quotations import find_quotations


def _found(text: str) -> list[tuple[str, str | None]]:
    return [(q.text, q.speaker) for q in find_quotations(text)]


@pytest.mark.parametrize(
    "opening",
    [
        # The clause before has a capitalised subject that is no one: a contraction of "I", a
        # common noun written with a capital, a sentence's first word.
        "Last spring I’ve added two more stops to the tour.",
        "Our fight against a second Drought has added another cost to every farm.",
        "So added the clerk to the list.",
    ],
)
def test_he_never_stands_for_a_capitalised_word_that_names_nobody(opening: str) -> None:
    text = f"{opening}\nA cold winter came, and the stalls closed early.\n“We hold on,” he said."
    assert _found(text) == [("We hold on", None)]


def test_he_takes_the_description_the_sentence_gave_when_no_person_fits() -> None:
    # Nobody is named; the man is described, then "he said".
    text = (
        "Our fight against a second Drought has added another cost to every farm.\n"
        "It shows in the baker who wrote to me about his shop, “We are still open,” he said."
    )
    assert _found(text) == [("We are still open", "the baker")]


def test_he_still_takes_a_one_word_name_of_someone_named_in_full() -> None:
    # "Yoon" is a word of a person's full name: a person, though never named alone before.
    text = (
        "Yoon Suk Yeol addressed the nation on Tuesday night.\n"
        "Later Yoon added a line to his statement.\n"
        "“I deeply regret this,” he said."
    )
    assert _found(text) == [("I deeply regret this", "Yoon")]


def test_a_relative_clause_gives_its_description_as_the_speaker() -> None:
    text = "It lives on in the nurse who said that the ward was full, “We are not giving up.”"
    assert _found(text) == [("We are not giving up.", "the nurse")]


def test_a_relative_clause_after_a_name_and_comma_is_the_name_s() -> None:
    text = "It lives on in Ada Brennan, who wrote to the council, “We are not giving up.”"
    assert _found(text) == [("We are not giving up.", "Ada Brennan")]


def test_a_relative_clause_of_an_appositive_leaves_the_name_before_it() -> None:
    # "an Oklahoma Republican who warned" describes the senator named before the comma.
    text = (
        "Senator Jo Lang, an Oklahoma Republican who warned of the deficit, voted yes.\n\n"
        "“It is an appropriate risk,” she said."
    )
    assert _found(text) == [("It is an appropriate risk", "Jo Lang")]


def test_a_speech_of_described_citizens_is_not_read_as_an_essay() -> None:
    # Most quotations name their speakers only by description: a woman, the owner, a nurse.
    # They are someone's words, not the writer's own examples, and are all kept.
    text = (
        "One woman wrote to me, “We are tired but hopeful.”\n\n"
        "It lives on in the small business owner who wrote to me of his company, "
        "“None of us,” he said, “will quit now.”\n\n"
        "It lives on in the woman who said that her street had flooded twice, “We are strong.”\n\n"
        "And the crowd chanted “Home! Home! Home!” at the end."
    )
    assert _found(text) == [
        ("We are tired but hopeful.", "One woman"),
        ("None of us", "the small business owner"),
        ("will quit now.", "the small business owner"),
        ("We are strong.", "the woman"),
        ("Home! Home! Home!", "the crowd"),
    ]


def test_quotations_of_a_named_document_are_not_read_as_an_essay() -> None:
    # A wire story (or a draft) quoting a statement or a report throughout: every quotation
    # was dropped as an essay's own example, so `margin verify` checked none of them.
    text = "\n\n".join(
        f"Harbour traffic fell again in the {quarter} quarter. “Cargo volumes at the east quay "
        f"were {share} per cent lower than a year earlier,” the {document} said."
        for quarter, share, document in [
            ("first", 4, "report"),
            ("second", 6, "statement"),
            ("third", 9, "report"),
            ("fourth", 11, "port authority's annual review"),
        ]
    )
    assert [speaker for _, speaker in _found(text)] == [
        "the report",
        "the statement",
        "the report",
        "the port authority's annual review",
    ]
