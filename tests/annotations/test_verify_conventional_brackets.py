"""The bracketed alterations legal and news writing allow by convention (Bluebook rule 5.2): a
letter's case changed (`[t]he`), a word's ending changed to fit the writer's sentence
(`fail[s]`, `appl[ied]`), an ending left out (`judgment[]`). `margin verify` calls them exact;
a bracket that puts another word in place of the source's stays altered."""

from __future__ import annotations

import pytest

from annotations.quotations.verify import best_alignment, pattern

CLOSE = "“The shelter program must end before the winter,” the mayor said."


@pytest.mark.parametrize(
    ("text", "quote"),
    [
        (CLOSE, "[t]he shelter program must end before the winter"),
        ("“We will sign the bill this year,” he said.", "[W]e will sign the bill this year"),
        (
            "She said that we will sign the bill this year.",
            "[W]e will sign the bill this year",
        ),
        ("“Such rules fail the tenants they serve,” she said.", "rules fail[s] the tenants"),
        (
            "“Such rules fail the tenants they serve,” she said.",
            "Such rules fail[ed] the tenants they serve",
        ),
        ("“Judges apply the rule to every lease,” she said.", "Judges appl[ied] the rule to every"),
        ("“The judgments of the court stand,” she said.", "The judgment[] of the court stand"),
        ("“They stop the trains at noon,” she said.", "They stop[ped] the trains at noon"),
    ],
)
def test_a_bracket_changing_case_or_ending_within_a_word_is_exact(text: str, quote: str) -> None:
    found = best_alignment(pattern(quote), text)
    assert found is not None
    assert found.exact, found.diff  # was altered: "[-The-]{+[t]he+}", "[-fail-]{+fail[s]+}"
    assert found.matched == len(pattern(quote).words)


@pytest.mark.parametrize(
    ("text", "quote", "shown"),
    [
        # A whole word in place of another is a substitution, not an inflection.
        (
            "“Such rules always help the tenants they serve,” she said.",
            "Such rules [never] help the tenants they serve",
            "[-always-]{+[never]+}",
        ),
        (
            "“Secure Communities must change the way it works with police,” the mayor said.",
            "[Boston] must change the way it works with police",
            "[-Secure Communities-]{+[Boston]+}",
        ),
        (
            "“The tenants are safe in the new building,” she said.",
            "The tenants [is] safe in the new building",
            "[-are-]{+[is]+}",
        ),
        # A case change cannot hide another word.
        (
            "“A shelter program must end before the winter,” the mayor said.",
            "[T]he shelter program must end before the winter",
            "[-A-]{+[T]he+}",
        ),
        # A bracketed ending makes another word of a stem, not another form of the same one.
        (
            "“There is a failure of the tenants they serve,” she said.",
            "There is a fail[ed] of the tenants they serve",
            "[-failure-]{+fail[ed]+}",
        ),
    ],
)
def test_a_bracket_putting_another_word_in_place_stays_altered(
    text: str, quote: str, shown: str
) -> None:
    found = best_alignment(pattern(quote), text)
    assert found is not None and not found.exact
    assert shown in found.diff
