"""What a pair of marks holds: a quotation closed with an opening mark by mistake ends there (the
narration after it is no quotation); a writer's term of four words is no one's words."""

from __future__ import annotations

from annotations.quotations import find_quotations


def test_an_opening_mark_typed_after_the_last_stop_closes_the_quotation() -> None:
    text = (
        "The vote failed.\n\n"
        "Senator Ann Lee said, “We lost the vote, and I am disappointed.“ The council will "
        "meet again in May to take up the bill."
    )
    assert [q.text for q in find_quotations(text)] == ["We lost the vote, and I am disappointed."]


def test_a_four_word_term_after_a_determiner_with_no_one_saying_it_is_no_quotation() -> None:
    text = (
        "The two linguists met in Berkeley in 1990.\n\n"
        'They planned the "atlas of spoken words", a map of every dialect.\n\n'
        'Ann Lee called the plan "a map of every voice."\n\n'
        'Critics heard from its backers that "it would cost little" to print.'
    )
    assert [(q.text, q.speaker) for q in find_quotations(text)] == [
        ("a map of every voice.", "Ann Lee"),
        ("it would cost little", None),
    ]


def test_titles_in_a_list_of_sources_with_publisher_and_date_are_not_quotations() -> None:
    text = (
        "The files were returned to the ministry on Friday.\n\n"
        '"We are glad they were found," a spokesman said.\n\n'
        "Sources\n\n"
        '"Secret files left at a bus stop" — Daily Courier, March 4, 2011\n\n'
        'Jo Park. "Minister orders review of records" — The Evening Post, March 5, 2011'
    )
    assert [q.text for q in find_quotations(text)] == ["We are glad they were found"]


def test_a_saying_named_as_an_adage_or_a_motto_is_nobody_s_quotation() -> None:
    text = (
        "The academy graduated its first class.\n\n"
        "Their motto was “learn first and lead after, in every post we hold.”\n\n"
        "What about the old adage, “A stitch in time saves nine, and a good plan saves more”?"
    )
    assert find_quotations(text) == []


def test_a_maxim_with_its_author_s_name_stays_a_quotation() -> None:
    text = "The speech ended on Rivka Adler's maxim: “Build the road while you walk on it.”"
    assert [q.text for q in find_quotations(text)] == ["Build the road while you walk on it."]


def test_a_saying_someone_in_its_sentence_is_said_to_voice_stays_their_quotation() -> None:
    text = (
        "The club lost its fifth match in a row.\n\n"
        "Its slogan is “Play hard and go home proud,” captain Idris Varga told the press.\n\n"
        "Manager Lena Holt, tired of losing, repeated her favourite maxim: “Nobody wins a game "
        "by waiting for the other side to lose it.”"
    )
    assert [(q.text, q.speaker) for q in find_quotations(text)] == [
        ("Play hard and go home proud", "Idris Varga"),
        ("Nobody wins a game by waiting for the other side to lose it.", "Lena Holt"),
    ]


def test_a_sentence_signed_with_a_name_and_a_date_is_a_quotation_not_a_cited_title() -> None:
    text = (
        "The dam was finished a year late.\n\n"
        "“We built it for our grandchildren, not for ourselves.” — Tomas Rybak, June 2, 2019"
    )
    [quote] = find_quotations(text)
    assert (quote.text, quote.speaker) == (
        "We built it for our grandchildren, not for ourselves.",
        "Tomas Rybak",
    )
