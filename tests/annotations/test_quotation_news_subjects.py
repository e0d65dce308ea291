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


def test_a_role_cited_with_in_the_words_of_gives_way_to_the_name_set_after_it() -> None:
    text = (
        "The trial opened in Sydney.\n\n"
        "The boy grew weaker and, in the words of the Crown prosecutor, Dana Whitfield, SC, "
        '"he could no longer stand without help."'
    )
    [quote] = find_quotations(text)
    assert (quote.speaker, quote.role) == ("Dana Whitfield", "Crown prosecutor")


def test_according_to_a_spokesman_named_between_commas_gives_the_name() -> None:
    text = (
        "Sales fell in May.\n\n"
        'According to the company spokesman, Omar Reyes, demand "dropped faster than anyone '
        'expected."'
    )
    [quote] = find_quotations(text)
    assert quote.speaker == "Omar Reyes"


def test_the_agent_of_described_by_speaks_a_quotation_after_what_she_is_described_as() -> None:
    text = (
        "The museum opened in 2003.\n\n"
        "She was described by The Observer as a builder who "
        '"gave concrete a lightness nobody thought it could have."'
    )
    [quote] = find_quotations(text)
    assert quote.speaker == "The Observer"


def test_an_untagged_paragraph_goes_to_whoever_spoke_after_the_last_quotation_before_it() -> None:
    text = (
        "The choir toured Europe.\n\n"
        'Its conductor, Paul Wren, called the tour "a triumph." '
        "Hana Ito described it as the hardest month of her career.\n\n"
        '"We sang every night and slept on buses. I lost my voice twice."'
    )
    quotes = find_quotations(text)
    assert [q.speaker for q in quotes] == ["Paul Wren", "Hana Ito"]


def test_a_statement_split_by_a_photo_caption_keeps_its_speaker_after_the_caption() -> None:
    text = (
        "The shuttle will go to Florida.\n\n"
        'Governor Ruth Olsen said, "Our museum worked hard for this. We are disappointed.\n\n'
        "The orbiter on its launchpad in 2008. Image: NASA.\n\n"
        '"Still, the trainer will come to us, and children will climb aboard it."'
    )
    quotes = find_quotations(text)
    assert [q.speaker for q in quotes] == ["Ruth Olsen", "Ruth Olsen"]


def test_a_pull_quote_signed_with_a_dash_and_what_it_was_said_on_names_the_signer() -> None:
    text = (
        "The minister spoke for an hour.\n\n"
        '"Water is the oil of this century, and we have very little of it." — Farah Nasser, '
        "on whether the dams will be finished in time.\n\n"
        "What comes next?"
    )
    [quote] = find_quotations(text)
    assert quote.speaker == "Farah Nasser"


def test_a_quote_from_someone_names_its_author() -> None:
    text = (
        "The graduates filled the stadium.\n\n"
        "The dean ended with a quote from Rosa Alvarez — "
        '"Nobody hands you the map; you draw it while you walk."'
    )
    [quote] = find_quotations(text)
    assert quote.speaker == "Rosa Alvarez"


def test_a_name_given_an_age_after_according_to_a_role_is_whom_the_role_speaks_of() -> None:
    text = (
        "The hearing was put off again.\n\n"
        "According to his lawyer, Niko Santos, 41, “was never shown the evidence against him.”"
    )
    [quote] = find_quotations(text)
    assert quote.speaker == "his lawyer"
