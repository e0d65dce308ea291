"""Speakers where h35-news's rules read too far: a quotation glued to the word before it, and a
person "on" an outlet who is only the object before a participle."""

from __future__ import annotations

from annotations.quotations import find_quotations


def _speakers(text: str) -> list[str | None]:
    return [q.speaker for q in find_quotations(text)]


def test_a_quotation_glued_to_an_of_phrase_is_no_quoted_body_name() -> None:
    # No space after "Labor.": the first quotation's opening mark sits on the last word of an
    # "X of Y" phrase. That is not "Ann Lee of “Body”", so the second quotation stays with the
    # chairman instead of going to "the Department".
    text = (
        "The nominee will lead the Department of Labor.“I back this nominee,” said Chair "
        "Rosa Delgado. “She has run the department well for two years.”"
    )
    assert _speakers(text) == ["Rosa Delgado", "Rosa Delgado"]


def test_a_person_on_an_outlet_before_a_participle_is_not_the_speaker() -> None:
    # "Ann Lee on Twitter wrote" names where she wrote; "an exchange with Ann Lee on Radio Four
    # criticizing the recount" makes her the object of "with": the untagged quotation in the
    # next paragraph is the representative's, not hers.
    text = (
        "Rep. Tom Hale called out Rep. Ben Ward during an exchange with Carla Mendes on Radio "
        "Four criticizing the recount.\n\n“I represent every one of those people.”"
    )
    assert _speakers(text) == ["Tom Hale"]


def test_a_body_named_with_the_after_a_preposition_is_not_a_participles_subject() -> None:
    # "to the Student Union Message Board" is where the email went, as "to the board" is: the
    # one who sent it announced the words.
    text = (
        "Omar Haddad is accused of sending an email to the Student Union Message Board "
        "announcing that “we will stage a walkout during the speech.”"
    )
    assert _speakers(text) == ["Omar Haddad"]


def test_the_same_day_after_a_subject_is_a_time_not_the_speaker() -> None:
    # "on the same day" sits between the subject and its verb as "on Tuesday" would: it is
    # no part of the speaker's name (nor, in a longer sentence, the speaker).
    text = (
        "The minister wrote to the board in May. A staff memo sent on the same day stated "
        "that “the plant must be closed by the end of the year.”"
    )
    # (the participle after the memo stays in its name, as with "on Tuesday")
    assert _speakers(text) == ["A staff memo sent"]
