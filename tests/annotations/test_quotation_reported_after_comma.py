"""Reported speech closed by an inverted tag ("…, said Ann Lee, an astronomer."): the one
named after the verb said it, and a he or she after it stands for that person."""

from __future__ import annotations

from annotations.quotations import find_quotations


def test_she_after_reported_speech_with_an_inverted_tag_is_the_one_named_there() -> None:
    text = (
        "The field changed.\n\n"
        "“We would all be co-authors now,” Daniel Ross said.\n\n"
        "Many coders leave science not because their work is unvalued, but because industry "
        "pays more, said Alyssa Ferrant, an astronomer at a university. “There was no such "
        "thing as a data scientist,” she said."
    )
    assert [q.speaker for q in find_quotations(text)] == ["Daniel Ross", "Alyssa Ferrant"]


def test_a_clause_said_about_someone_after_an_appositive_keeps_its_subject() -> None:
    text = (
        "The vote failed.\n\n"
        "“Leave office early,” Han Dorr said.\n\n"
        "Dorr, the party leader, said Park’s “illegal declaration” had caused chaos.\n\n"
        "“The democracy of this nation is being wrecked,” he said."
    )
    assert [q.speaker for q in find_quotations(text)][-1] == "Han Dorr"
