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


def test_a_signature_line_under_a_quotation_names_its_speaker() -> None:
    text = (
        "See support from outside groups below:\n\n"
        "“Parents are hurt by these rules.”\n\n"
        "-- Carla Lunde, President, Parents First\n\n"
        "“The costs are the highest in the nation.”\n\n"
        "– District Attorney Tom Rask"
    )
    assert [(q.speaker, q.role) for q in find_quotations(text)] == [
        ("Carla Lunde", "President, Parents First"),
        ("Tom Rask", "District Attorney"),
    ]


def test_a_list_under_a_quoted_phrase_signs_nothing() -> None:
    # the dashed lines are a list's items (a title, then its author), not a signature, and the
    # quoted words are a phrase of the sentence above, not a quotation of their own
    text = (
        "The jury's shortlist for “novel of the year”\n\n"
        "- Salt Marsh, Greta Holm\n\n"
        "- Iron Rain, Piet Osei"
    )
    assert [q.speaker for q in find_quotations(text)] == [None]
    listed = "“Rent is too high.”\n\n- Rita Vale, Tenants Union\n\n- Omar Sy, Renters Now"
    assert [q.speaker for q in find_quotations(listed)] == [None]


def test_a_title_with_for_and_a_body_then_a_comma_and_the_name() -> None:
    text = "“We are encouraged,” said Senior Counsel for FairPlay, Natalia Ora Bannon."
    assert [(q.speaker, q.role) for q in find_quotations(text)] == [
        ("Natalia Ora Bannon", "Senior Counsel for FairPlay")
    ]
