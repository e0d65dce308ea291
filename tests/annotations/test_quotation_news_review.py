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
