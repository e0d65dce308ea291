"""A bracket may say who or what is meant (a name, a neutral description, a pronoun's referent),
never characterise it: a word in lower case that neither the words it stands for nor the article
near the quotation gives is an alteration ("[the corrupt leaders]" for "they"), and so is a
short manner word ("[Sadly]"), which the manner check skipped under six letters (note 33)."""

from __future__ import annotations

import pytest

from annotations.quotations.verify import best_alignment, pattern

TALKS = "“They agreed to meet again next spring in Geneva,” the aide said."
HIRED = "“We hired officers for the new station downtown this spring,” he said."
WORKS = "“Secure Communities must change the way it works with local police,” the mayor said."
PLAN = "“My plan will close the station downtown this spring,” he said."


def _exact(text: str, quote: str) -> bool:
    found = best_alignment(pattern(quote), text)
    assert found is not None and found.matched == len(pattern(quote).words)
    return found.exact


@pytest.mark.parametrize(
    ("text", "quote", "shown"),
    [
        # a description that judges whom the pronoun means
        (TALKS, "[the corrupt leaders] agreed to meet again next spring", "[the corrupt leaders]"),
        (TALKS, "[The corrupt leaders] agreed to meet again next spring", "[The corrupt leaders]"),
        # a judgement added where the source has no words
        (HIRED, "We hired [corrupt] officers for the new station downtown", "{+[corrupt]+}"),
        (WORKS, "must change the way it [the shameful programme] works", "[the shameful"),
        # manner words of five letters (the check began at six)
        (HIRED, "[Sadly] we hired officers for the new station downtown", "{+[Sadly]+}"),
        (HIRED, "We [sadly] hired officers for the new station downtown", "{+[sadly]+}"),
        (HIRED, "We [badly] hired officers for the new station downtown", "{+[badly]+}"),
    ],
)
def test_a_bracket_that_characterises_is_altered(text: str, quote: str, shown: str) -> None:
    found = best_alignment(pattern(quote), text)
    assert found is not None and not found.exact
    assert shown in found.diff


@pytest.mark.parametrize(
    ("text", "quote"),
    [
        # a name, or a neutral description, for a pronoun (journalistic practice)
        ("Mayor Menino spoke. " + PLAN.replace("My", "He said his"), "[Menino] said his plan"),
        (TALKS, "[the two leaders] agreed to meet again next spring"),
        (TALKS, "[Ruiz and Lee] agreed to meet again next spring"),
        (WORKS, "must change the way it [the programme] works"),
        # a grammatical adjustment of the word replaced
        (PLAN, "[His] plan will close the station downtown this spring"),
        # the characterisation is the article's own, near the quotation
        (
            "Critics called the corrupt leaders a disgrace. " + TALKS,
            "[the corrupt leaders] agreed to meet again next spring",
        ),
        (
            "The officers were corrupt, the audit found. " + HIRED,
            "We hired [corrupt] officers for the new station downtown",
        ),
        # a word in -ly that says no manner, the article's own
        ("Hiring began early. " + HIRED, "We hired officers [early] for the new station downtown"),
    ],
)
def test_a_bracket_that_says_who_or_adjusts_the_grammar_is_exact(text: str, quote: str) -> None:
    assert _exact(text, quote)


def test_a_characterisation_far_from_the_quotation_is_not_the_articles_word_for_it() -> None:
    # The article says "corrupt" once, thousands of characters before: not of these leaders.
    far = "The old regime was corrupt. " + "The talks went on. " * 150 + TALKS
    quote = "[the corrupt leaders] agreed to meet again next spring"
    assert not _exact(far, quote)
    assert _exact("The corrupt leaders met. " + TALKS, quote)
