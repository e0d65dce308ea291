"""A bracket may say who or what the speaker meant, never whether, how many, how much, how often
or how sure (issue 23, h31h: "We hired [nine] officers" was exact for "We hired officers"). A
name a bracket gives in full is a clarification too ("[Mayor Thomas M. Menino]" for "Menino",
was altered); another name in its place is not."""

from __future__ import annotations

import pytest

from annotations.quotations.verify import best_alignment, pattern

HIRED = "“We hired officers for the new station downtown this spring,” he said."
MENINO = "“Menino will sign the bill before the summer recess,” the aide said."
SHE = "“She will sign the bill before the summer recess,” the aide said."
HE = "“He will sign the bill before the summer recess,” the aide said."
GATES = "“Gates will fund the new station before the summer recess,” the aide said."
SAFE = "“It is safe to close the station downtown this spring,” he said."
PLAN = "“Menino’s plan will close the station downtown this spring,” he said."
NINE = "“Nine officers were hired for the station downtown this spring,” he said."
AGREED = "“They agreed to meet again next spring in Geneva,” the aide said."
OPEN = "“It will open to the public next spring,” the developer said."
TOLD = "“We told them that it would close the station downtown this spring,” he said."


@pytest.mark.parametrize(
    ("text", "quote", "shown"),
    [
        (HIRED, "We hired [nine] officers for the new station downtown", "{+[nine]+}"),
        (HIRED, "We hired [40] officers for the new station downtown", "{+[40]+}"),
        (HIRED, "We hired [only] officers for the new station downtown", "{+[only]+}"),
        (HIRED, "We [always] hired officers for the new station downtown", "{+[always]+}"),
        (HIRED, "We [happily] hired officers for the new station downtown", "{+[happily]+}"),
        (HIRED, "We hired [all the] officers for the new station downtown", "{+[all the]+}"),
        (HIRED, "We [must have] hired officers for the new station downtown", "{+[must have]+}"),
        (HIRED, "We hired officers for the new station downtown [twice]", "{+[twice]+}"),
        # beside an elision, which leaves words out but adds none
        (HIRED, "We hired officers … [more than a hundred] this spring", "[more than a hundred]"),
        # another name in place of the source's, or more people than it names
        (MENINO, "[Flynn] will sign the bill before the summer recess", "[-Menino-]{+[Flynn]+}"),
        (
            MENINO,
            "[Flynn and Menino] will sign the bill before the summer",
            "{+[Flynn and Menino]+}",
        ),
        # one more person, by a comma, an ampersand or a slash (h32r6: each was exact)
        (MENINO, "[Menino, Flynn] will sign the bill before the summer", "{+[Menino, Flynn]+}"),
        (MENINO, "[Menino & Flynn] will sign the bill before the summer", "{+[Menino & Flynn]+}"),
        (MENINO, "[Menino/Flynn] will sign the bill before the summer", "{+[Menino/Flynn]+}"),
        # a negation with a typographic apostrophe, as a word processor writes it (h32y3: exact
        # since the bracket rule; "n't" was caught, "n’t" not)
        (HIRED, "We hired officers [who didn’t] for the new station", "{+[who didn’t]+}"),
        (SAFE, "It is[n’t] safe to close the station downtown this spring", "{+[n’t]+}"),
        # a pronoun that says how many, as "[all]" does (h32y3: "[Everyone]" for "It" was a
        # pronoun made clear)
        (SAFE, "[Everyone] is safe to close the station downtown", "[-It-]{+[Everyone]+}"),
        (SAFE, "[Anything] is safe to close the station downtown", "[-It-]{+[Anything]+}"),
        # in place of words that say how many too, but saying more (h32y3: exact, as a name in
        # full: each of the source's capitalised words was in the bracket)
        (NINE, "[Nine Hundred] officers were hired for the station", "[-Nine-]{+[Nine Hundred]+}"),
        # a modal in lower case ("May", "Will" are a month and a name) and "zero" (h32y3: exact)
        (HIRED, "We [may have] hired officers for the new station downtown", "{+[may have]+}"),
        (HIRED, "We [would have] hired officers for the new station", "{+[would have]+}"),
        (HIRED, "We [will have] hired officers for the new station", "{+[will have]+}"),
        (HIRED, "We hired [zero] officers for the new station downtown", "{+[zero]+}"),
        # an organisation's arm is another speaker than the bare name, as the index holds
        # (h32y3: "[Gates Foundation]" for "Gates" was exact, a name given in full)
        (GATES, "[Gates Foundation] will fund the new station before", "[Gates Foundation]+}"),
        # a letter that makes another person of the pronoun, not a change of case
        (HE, "[s]he will sign the bill before the summer recess", "[-He-]{+[s]he+}"),
        # a manner word added where a sentence starts, its capital no name's (h33g, note 32:
        # "[Happily]" was exact while "[happily]" was altered)
        (HIRED, "[Happily] we hired officers for the new station downtown", "{+[Happily]+}"),
        (HIRED, "[Happily,] we hired officers for the new station downtown", "{+[Happily,]+}"),
        (HIRED, "[Happily, we] hired officers for the new station", "[-We-]{+[Happily, we]+}"),
        (HIRED, "“[Reportedly] we hired officers for the new station", "{+[Reportedly]+}"),
        (
            HIRED.replace("“We", "“We did. We"),
            "We did. [Frankly] we hired officers for the new station downtown",
            "{+[Frankly]+}",
        ),
        # a sentence the draft opens after an elision, a colon or a dash (h33r2: each was exact)
        *(
            (
                HIRED.replace("“We", "“We did. We"),
                f"We did{mark}[Frankly] we hired officers for the new station downtown",
                "{+[Frankly]+}",
            )
            for mark in (" … ", "... ", ": ", " — ")
        ),
        # a count put before a noun the source has: "these" is no one described (h33g)
        (
            HIRED.replace("hired", "hired these"),
            "We hired [the two] officers for the new station downtown",
            "[-these-]{+[the two]+}",
        ),
        (HIRED, "We hired [the two] officers for the new station downtown", "{+[the two]+}"),
        (OPEN, "[One Hundred] will open to the public next spring", "{+[One Hundred]+}"),
        # a bracket standing for a description may keep its head only, and no name in it, nor
        # stand for more than a few words: it shows them (h33g)
        (
            AGREED.replace("They", "The governor"),
            "[the mayor] agreed to meet again next spring",
            "[-The governor-]{+[the mayor]+}",
        ),
        (
            AGREED.replace("They", "The Menino plan"),
            "[the Flynn plan] agreed to meet again next spring",
            "[-The Menino plan-]{+[the Flynn plan]+}",
        ),
        (
            AGREED.replace("They", "The plan that the council passed"),
            "[the program] agreed to meet again next spring",
            "[-The plan that the council passed-]{+[the program]+}",
        ),
        (AGREED, "[the leaders who did not] agreed to meet again next spring", "[the leaders"),
        # a description that keeps the head but drops or swaps the source's words before it
        # says another thing (h33r2: each was exact)
        *(
            (
                AGREED.replace("They", source),
                f"{bracket} agreed to meet again next spring",
                f"[-{source}-]{{+{bracket}+}}",
            )
            for source, bracket in (
                ("The proposed rules", "[the approved rules]"),
                ("His former aides", "[his current aides]"),
                ("Its first reactor", "[the last reactor]"),
            )
        ),
        # a bracket standing for two pronouns or three eats a clause's subject: "[the
        # residents] would close" for "them that it would close" (h33r2: each was exact)
        (
            TOLD,
            "We told [the residents] would close the station downtown",
            "[-them that it-]{+[the residents]+}",
        ),
        (
            TOLD.replace("them that it", "her it"),
            "We told [the mayor] would close the station downtown",
            "[-her it-]{+[the mayor]+}",
        ),
    ],
)
def test_a_bracket_saying_how_many_or_whether_or_another_name_is_altered(
    text: str, quote: str, shown: str
) -> None:
    found = best_alignment(pattern(quote), text)
    assert found is not None and not found.exact, found
    assert shown in found.diff


@pytest.mark.parametrize(
    ("text", "quote"),
    [
        (HIRED, "We hired officers for the new station [in 2019] downtown"),
        (HIRED, "We hired officers for the new [Fifth Avenue] station downtown"),
        (HIRED, "[The police] hired officers for the new station downtown"),
        (HIRED, "We hired officers for the new station downtown [in Kimberly]"),
        (MENINO, "[Mayor Thomas M. Menino] will sign the bill before the summer recess"),
        (HE, "[The mayor] will sign the bill before the summer recess"),
        (SHE, "[s]he will sign the bill before the summer recess"),  # a change of case
        (HE, "[h]e will sign the bill before the summer recess"),
        (NINE, "[Nine] officers were hired for the station downtown this spring"),
        # the name in full with another apostrophe, a change of punctuation (h32y3: altered)
        (PLAN, "[Mayor Menino's] plan will close the station downtown this spring"),
        (HIRED, "We hired officers for the new station downtown [in May]"),
        (HIRED, "[Will Smith] hired officers for the new station downtown"),
        (GATES, "[Bill Gates] will fund the new station before the summer recess"),
        # a count in a description of who a pronoun means, or opening a name (h33g, note 32:
        # each was altered), and a description kept whole with its head
        (AGREED, "[the two leaders] agreed to meet again next spring"),
        (AGREED, "[The two leaders] agreed to meet again next spring"),
        (AGREED, "[the 12 jurors] agreed to meet again next spring"),
        (OPEN, "[One World Trade Center] will open to the public next spring"),
        (
            AGREED.replace("They", "The program"),
            "[The Secure Communities program] agreed to meet again next spring",
        ),
        # a capitalised word in -ly that is the source's own word (a change of case) or a name
        (
            HIRED.replace("“We", "“Happily, we"),
            "[Happily] we hired officers for the new station downtown",
        ),
        (
            HIRED.replace("officers", "officers, happily,"),
            "We hired officers [Happily] for the new station downtown",
        ),
        (HE, "[Donnelly] will sign the bill before the summer recess"),
    ],
)
def test_a_bracket_saying_who_or_what_or_a_name_in_full_is_exact(text: str, quote: str) -> None:
    found = best_alignment(pattern(quote), text)
    assert found is not None and found.exact, found.diff if found else None
    assert found.matched == len(pattern(quote).words)


SPREAD = "“It spread through the station downtown this spring,” he said."


@pytest.mark.parametrize(
    ("text", "quote"),
    [
        # a number that is part of a name, a place or a date says which, not how many (h32r6:
        # each was altered, and "[COVID-19]" for "It" was exact before the bracket rule)
        (SPREAD, "[COVID-19] spread through the station downtown this spring"),
        (SPREAD, "It spread through the [F-35] station downtown this spring"),
        (SPREAD, "It spread through the station [in Ward 7] downtown this spring"),
        (SPREAD, "It spread through the station [on Route 9] downtown this spring"),
        (SPREAD, "It spread through the station [from Local 26] downtown this spring"),
        (SPREAD, "It spread through the station [after 9/11] downtown this spring"),
        (SPREAD, "It spread through the station [on May 5, 2019] downtown this spring"),
        (SPREAD, "It spread through the [4th Precinct] station downtown this spring"),
        (SPREAD, "It spread through the station [in the G7] downtown this spring"),
    ],
)
def test_a_number_in_a_name_or_a_date_is_a_clarification(text: str, quote: str) -> None:
    found = best_alignment(pattern(quote), text)
    assert found is not None and found.exact, found.diff if found else None


@pytest.mark.parametrize(
    "quote",
    [
        "It spread through [About 40] stations downtown this spring",
        "It spread through the station [over 40 times] downtown this spring",
        "It spread through the station [2.5 times faster] downtown this spring",
        "It spread through the station [to 40%] downtown this spring",
        "It spread through the station [at 1,000 homes] downtown this spring",
        "It spread through the [40-year-old] station downtown this spring",
    ],
)
def test_a_count_after_a_capital_or_with_a_mark_still_weighs(quote: str) -> None:
    found = best_alignment(pattern(quote), SPREAD)
    assert found is not None and not found.exact, found


@pytest.mark.parametrize("word", ["Exactly", "Precisely"])
def test_a_count_after_a_capitalised_word_of_how_many_opening_the_quotation_weighs(
    word: str,
) -> None:
    # at the start of a quotation the word before the number is capitalised; "Exactly 40" says
    # how many, as "About 40" does, not a name as "Ward 7" does (h32y3: each was exact)
    text = "“Officers were hired for the station downtown this spring,” he said."
    found = best_alignment(pattern(f"[{word} 40] officers were hired for the station"), text)
    assert found is not None and not found.exact, found
