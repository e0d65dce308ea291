"""Speakers a rule used to take from the wrong words: a clause's subject, a place, a rank, a
quantifier's "of", a person for an "it"."""

from __future__ import annotations

from annotations.quotations import find_quotations


def _speakers(text: str) -> list[str | None]:
    return [q.speaker for q in find_quotations(text)]


def test_a_shout_after_a_clause_about_a_thing_is_the_sentence_subjects() -> None:
    # The -ing verb follows a clause whose subject is a thing ("the power failed"): the thing
    # cannot shout, so the one who ran out did.
    text = "Marta Quinn hurried downstairs when the power failed shouting “Everybody stay calm!”"
    assert _speakers(text) == ["Marta Quinn"]
    text = "The caretaker rushed outside after the boiler exploded screaming “Call the fire crew!”"
    assert _speakers(text) == ["The caretaker"]
    # a clause whose subject is someone keeps that someone
    text = "A clerk phoned police after the suspect walked in yelling “Nobody move!”"
    assert _speakers(text) == ["the suspect"]
