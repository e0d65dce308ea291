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
