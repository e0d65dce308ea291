"""Brackets as legal writers (Bluebook rule 5.2) and editors use them: a visible change of form
(a spelling, a letter's case, `[sic]`) or a clarification is allowed; a bracket that changes what
was said, by another word or by adding a negation, still shows (issue 23, note 30:
`organi[z]ation` for "organisation" was altered, `[not]` added was exact)."""

from __future__ import annotations

import pytest

from annotations.quotations.verify import best_alignment, pattern

ACCOUNTS = "“The organisation will publish its accounts next year,” the treasurer said."
BILL = "“We will sign the bill before the summer recess,” the senator said."


@pytest.mark.parametrize(
    ("text", "quote"),
    [
        # British spelling respelt American in the word, and back (both were altered).
        (ACCOUNTS, "The organi[z]ation will publish its accounts next year"),
        (
            "“The organization will publish its accounts next year,” she said.",
            "The organi[s]ation will publish its accounts next year",
        ),
        (
            "“The colour of the new centre is for the council to choose,” she said.",
            "The colo[]r of the new cent[er] is for the council to choose",
        ),
        # The whole word in brackets, spelled the other way.
        (ACCOUNTS, "The [organization] will publish its accounts next year"),
        (
            "“We have travelled to every harbour on the coast this year,” he said.",
            "We have travel[]ed to every harb[or] on the coast this year",
        ),
        # A writer's note and a bracketed capital, as before.
        (
            "“Their goverment will sign the bill this year,” he said.",
            "Their goverment [sic] will sign the bill this year",
        ),
        ("He said the board will sign the bill this year.", "[T]he board will sign the bill"),
        # A bracket repeating the source's "never" (was altered: read as an elision of it).
        ("“We will never sign the bill this year,” he said.", "We will [never] sign the bill"),
    ],
)
def test_an_editorial_bracket_is_an_allowed_change(text: str, quote: str) -> None:
    found = best_alignment(pattern(quote), text)
    assert found is not None
    assert found.exact, found.diff
    assert found.matched == len(pattern(quote).words)


@pytest.mark.parametrize(
    ("quote", "shown"),
    [
        # A negation added in brackets says the opposite (all three were exact).
        ("We will [not] sign the bill before the summer recess", "We will {+[not]+} sign"),
        ("[Never] will we sign the bill before the summer recess", "[-We-]{+[Never]+} will"),
        ("We will sign the bill before the summer recess [not]", "recess {+[not]+}"),
        # Letters bracketed in that make another word.
        ("We will [re]sign the bill before the summer recess", "[-sign-]{+[re]sign+}"),
    ],
)
def test_a_bracket_that_changes_what_was_said_still_shows(quote: str, shown: str) -> None:
    found = best_alignment(pattern(quote), BILL)
    assert found is not None and not found.exact
    assert shown in found.diff


def test_a_spelling_changed_without_a_bracket_is_a_change() -> None:
    found = best_alignment(
        pattern("The organization will publish its accounts next year"), ACCOUNTS
    )
    assert found is not None and not found.exact
    assert "[-organisation-]{+organization+}" in found.diff
