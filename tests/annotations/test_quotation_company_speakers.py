"""Companies named like people ("Morgan Stanley", "Wells Fargo"): "it said" and "the company
said" stand for the company named before, since "it" is never a person; a name given a role or
a title stays a person's, and a name the text gives no sign of being a company stays unread."""

from __future__ import annotations

import pytest

from annotations.quotations import find_quotations


def _speakers(text: str) -> list[str | None]:
    return [q.speaker for q in find_quotations(text)]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # "its" in the sentence that names it; "cut" is no verb in -ed
        (
            "Morgan Stanley cut its forecast on Monday. “Growth will slow next year,” it said.",
            "Morgan Stanley",
        ),
        # two words, the first no given name, and the next sentence's "it"
        (
            "Wells Fargo agreed to pay $3 billion. “We are committed to doing right,” it said.",
            "Wells Fargo",
        ),
        # a company's suffix
        ("Tiffany & Co. reported weaker sales. “Demand remains strong,” it said.", "Tiffany & Co."),
        # "the bank", "the company": the company named before, a few sentences back too
        ("Goldman Sachs raised its target. “Oil will rise,” the bank said.", "Goldman Sachs"),
        (
            "Morgan Stanley cut its forecast. Analysts were surprised. Markets fell in Asia. "
            "“Growth will slow next year,” the company said.",
            "Morgan Stanley",
        ),
    ],
)
def test_it_or_the_company_is_the_company_named_like_a_person(text: str, speaker: str) -> None:
    assert _speakers(text) == [speaker]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # a person by a role or a title: "it" is someone else, not named
        ("Mayor Ana Ruiz cut its budget on Monday. “The plan is sound,” it said.", None),
        ("Mr. Wells Fargo agreed to pay. “We are committed to doing right,” it said.", None),
        # a given name first, and no sign of a company: the description stays
        ("Ralph Lauren posted a loss. “We are confident in our plan,” the company said.", None),
        # words that open a sentence are no name ("We hire" is no company)
        ("We hire educated staff. “Nice people apply,” it said.", None),
    ],
)
def test_a_person_or_a_name_with_no_sign_of_a_company_is_not_taken(
    text: str, speaker: str | None
) -> None:
    found = _speakers(text)
    assert len(found) == 1
    assert found[0] is None or found[0][:1].islower(), found  # none, or "the company"
