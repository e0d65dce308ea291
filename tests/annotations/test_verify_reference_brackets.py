"""A bracket standing in for a pronoun or a short description says who or what is meant, even
when the words it puts there hold a count that belongs to the description or to a name (note 32:
"[the two leaders]" for "they" and "[One World Trade Center]" for "it" were altered). It stands
for a few source words at most, keeps a description's head, and still may not say how many where
nothing is described, nor slip a manner word in at a sentence's start, where a capital says
nothing of a name ("[Happily]" passed while "[happily]" was altered)."""

from __future__ import annotations

import pytest

from annotations.quotations.verify import best_alignment, pattern

AGREED = "“They agreed to meet again next spring in Geneva,” the aide said."
OPEN = "“It will open to the public next spring,” the developer said."
HIRED = "“We hired officers for the new station downtown this spring,” he said."
PROGRAM = "“The program agreed to meet again next spring in Geneva,” the aide said."


@pytest.mark.parametrize(
    ("text", "quote"),
    [
        (AGREED, "[the two leaders] agreed to meet again next spring"),
        (AGREED, "[The two leaders] agreed to meet again next spring"),
        (AGREED, "[the 12 jurors] agreed to meet again next spring"),
        (OPEN, "[One World Trade Center] will open to the public next spring"),
        # a description kept whole, its head the same word
        (PROGRAM, "[The Secure Communities program] agreed to meet again next spring"),
    ],
)
def test_a_bracket_describing_who_a_reference_means_is_exact(text: str, quote: str) -> None:
    found = best_alignment(pattern(quote), text)
    assert found is not None and found.exact, found.diff if found else None


@pytest.mark.parametrize(
    ("text", "quote", "shown"),
    [
        # a count put before a noun the source already has: "these" is no one described
        (
            "“We hired these officers for the new station downtown this spring,” he said.",
            "We hired [the two] officers for the new station downtown",
            "[-these-]{+[the two]+}",
        ),
        (HIRED, "We hired [the two] officers for the new station downtown", "{+[the two]+}"),
        # a count in a capitalised bracket that names nothing
        (OPEN, "[One Hundred] will open to the public next spring", "{+[One Hundred]+}"),
        # another head, or another name in the description
        (
            "“The governor agreed to meet again next spring in Geneva,” the aide said.",
            "[the mayor] agreed to meet again next spring",
            "[-The governor-]{+[the mayor]+}",
        ),
        (
            "“The Menino plan agreed to meet again next spring in Geneva,” the aide said.",
            "[the Flynn plan] agreed to meet again next spring",
            "[-The Menino plan-]{+[the Flynn plan]+}",
        ),
        # more than a few words stood for: the bracket shows every one of them
        (
            "“The plan that the council passed is catching drivers on every road,” he said.",
            "[the program] is catching drivers on every road",
            "[-The plan that the council passed-]{+[the program]+}",
        ),
        # a negation stays a change, in a description too
        (AGREED, "[the leaders who did not] agreed to meet again next spring", "[the leaders"),
    ],
)
def test_a_bracket_that_could_hide_a_changed_claim_stays_altered(
    text: str, quote: str, shown: str
) -> None:
    found = best_alignment(pattern(quote), text)
    assert found is not None and not found.exact, found
    assert shown in found.diff


@pytest.mark.parametrize(
    "quote",
    [
        "[Happily] we hired officers for the new station downtown",
        "[Happily,] we hired officers for the new station downtown",
        "[Happily, we] hired officers for the new station downtown",
        "“[Reportedly] we hired officers for the new station downtown",
        "We did. [Frankly] we hired officers for the new station downtown",
    ],
)
def test_a_manner_word_added_at_a_sentences_start_is_altered_in_any_case(quote: str) -> None:
    text = HIRED.replace("“We", "“We did. We") if quote.startswith("We did") else HIRED
    found = best_alignment(pattern(quote), text)
    assert found is not None and not found.exact, found.diff if found else None
    assert "{+[" in found.diff


@pytest.mark.parametrize(
    ("text", "quote"),
    [
        # the source's own word, its case changed: the same word, not an insertion
        (
            "“Happily, we hired officers for the new station downtown this spring,” he said.",
            "[Happily] we hired officers for the new station downtown",
        ),
        (
            "“We hired officers, happily, for the new station downtown this spring,” he said.",
            "We hired officers [Happily] for the new station downtown",
        ),
        # a name in -ly standing for a pronoun at a sentence's start, or mid-sentence
        (
            "“He will sign the bill before the summer recess,” the aide said.",
            "[Donnelly] will sign the bill before the summer recess",
        ),
        (HIRED, "We hired officers for the new station downtown [in Kimberly]"),
    ],
)
def test_a_capitalised_word_in_ly_that_is_the_sources_or_a_name_is_exact(
    text: str, quote: str
) -> None:
    found = best_alignment(pattern(quote), text)
    assert found is not None and found.exact, found.diff if found else None
