"""A speaker described, not named, after an inverted verb ("said the regional manager for one of
the oil companies who …"), and a he after it that stands for the one described."""

from __future__ import annotations

from annotations.quotations import find_quotations


def test_a_description_with_for_after_an_inverted_verb_is_the_speaker() -> None:
    text = "Prices fell.\n\n“Quotas cannot hold,” said the sales manager for a large refiner."
    assert [q.speaker for q in find_quotations(text)] == ["the sales manager"]


def test_he_after_a_described_speaker_passes_over_the_body_in_his_clause() -> None:
    text = (
        "Prices fell, said Paul Marsh, an analyst.\n\n"
        "“Quotas cannot hold,” said the sales manager for one of the large refiners who spoke "
        "on condition that he not be named. “The market is teaching them,” he added."
    )
    assert [q.speaker for q in find_quotations(text)] == ["the sales manager"] * 2


def test_one_of_someone_s_group_is_the_speaker_not_the_word_one() -> None:
    text = (
        "The miners were rescued.\n\n"
        'Later, one of his employees said of the rescue, "We are a little company, but we do '
        'big things."'
    )
    assert [q.speaker for q in find_quotations(text)] == ["one of his employees"]
