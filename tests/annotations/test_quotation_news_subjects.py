"""Subjects written before a verb of saying in news: a surname that opens with a joined Arabic
article, a role run that holds an honorific before the name."""

from __future__ import annotations

from annotations.quotations import find_quotations


def test_a_surname_with_a_joined_article_is_the_subject_of_the_verb_after_it() -> None:
    text = (
        "The bridge closed at noon.\n\n"
        "Port director Karim al-Hassan, in remarks to state radio, said "
        '"Every ship has left the harbour."'
    )
    [quote] = find_quotations(text)
    assert quote.speaker == "Karim al-Hassan"


def test_an_undersecretary_with_a_long_title_is_a_role_not_part_of_the_name() -> None:
    text = (
        "The budget passed on Monday.\n\n"
        'Undersecretary for Transport Marco Bellini says "fares will rise in the spring."'
    )
    [quote] = find_quotations(text)
    assert (quote.speaker, quote.role) == ("Marco Bellini", "Undersecretary for Transport")
