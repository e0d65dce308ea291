"""Dialogue (novels, interviews): untagged turns are quotations, tags after the quotation with a
description or a pronoun for subject, characters known only by title and surname."""

from __future__ import annotations

from annotations.quotations import find_quotations


def _found(text: str) -> list[tuple[str, str | None]]:
    return [(q.text, q.speaker) for q in find_quotations(text)]


# A conversation of four turns, only the first tagged: an essay-like share of unattributed
# quotations, but every one of them is a paragraph of its own.
CONVERSATION = (
    "The ferry was late again, and the two clerks waited on the quay.\n\n"
    '"Is it always like this in winter?" asked Tomas Berg.\n\n'
    '"Every week since the new timetable."\n\n'
    '"Then we should have taken the bridge."\n\n'
    '"The bridge is closed until March, and the bus takes three hours."\n\n'
    "Neither of them spoke again until the horn sounded."
)


def test_untagged_turns_of_a_conversation_are_kept() -> None:
    texts = [text for text, _ in _found(CONVERSATION)]
    assert texts == [
        "Is it always like this in winter?",
        "Every week since the new timetable.",
        "Then we should have taken the bridge.",
        "The bridge is closed until March, and the bus takes three hours.",
    ]
