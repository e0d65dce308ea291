"""Dialogue (novels, interviews): untagged turns are quotations, tags after the quotation with a
description or a pronoun for subject, characters known only by title and surname."""

from __future__ import annotations

from annotations.quotations import find_quotations


def _found(text: str) -> list[tuple[str, str | None]]:
    return [(q.text, q.speaker) for q in find_quotations(text)]


# A conversation of four turns, only the first tagged: an essay-like share of unattributed
# quotations, but every one of them is a paragraph of its own.
CONVERSATION = (
    "The ferry was late again, and the two clerks waited on the quay.\n\n"
    '"Is it always like this in winter?" asked Tomas Berg.\n\n'
    '"Every week since the new timetable."\n\n'
    '"Then we should have taken the bridge."\n\n'
    '"The bridge is closed until March, and the bus takes three hours."\n\n'
    "Neither of them spoke again until the horn sounded."
)


def test_untagged_turns_of_a_conversation_are_kept() -> None:
    texts = [text for text, _ in _found(CONVERSATION)]
    assert texts == [
        "Is it always like this in winter?",
        "Every week since the new timetable.",
        "Then we should have taken the bridge.",
        "The bridge is closed until March, and the bus takes three hours.",
    ]


def test_a_tag_after_the_quotation_may_name_a_description() -> None:
    text = (
        '"The tide turns at four," said the old ferryman slowly, looking at the sky.\n\n'
        '"Have you eaten?" asked her brother.'
    )
    assert _found(text) == [
        ("The tide turns at four", "the old ferryman"),
        ("Have you eaten?", "her brother"),
    ]


def test_an_untagged_turn_answers_and_is_not_given_the_last_speaker() -> None:
    # Tomas asks; the three bare turns after him are not his (three in a row: a conversation).
    assert _found(CONVERSATION) == [
        ("Is it always like this in winter?", "Tomas Berg"),
        ("Every week since the new timetable.", None),
        ("Then we should have taken the bridge.", None),
        ("The bridge is closed until March, and the bus takes three hours.", None),
    ]


def test_a_turn_introduced_by_the_narration_before_it_is_that_speakers() -> None:
    text = (
        '"We leave at dawn," said Ilse Marten.\n\n'
        '"Before the rain?"\n\n'
        '"If it holds off."\n\n'
        '"It never does."\n\n'
        "Pavel Marten put down the map and answered them at last. Pavel Marten said:\n\n"
        '"Then we take the lower road and sleep at the mill."'
    )
    last = ("Then we take the lower road and sleep at the mill.", "Pavel Marten")
    assert _found(text)[-1] == last


def test_news_continuing_one_speaker_keeps_the_speaker() -> None:
    # Two bare paragraphs after a tagged one, no "said he": news, the speaker goes on.
    text = (
        "“The pier will close in May,” said Ann Whitfield, the harbour master.\n\n"
        "“We have no choice.”\n\n"
        "The council met on Monday.\n\n"
        "“The repairs cannot wait,” Ms. Whitfield said.\n\n"
        "“Nobody wants that.”\n\n"
        "“The ferry will use the north quay,” she said."
    )
    assert [who for _, who in _found(text)] == ["Ann Whitfield"] * 5


def test_a_title_tells_apart_people_of_one_surname() -> None:
    # Mr. and Mrs. Hale are two people, and neither is their daughter Margaret Hale.
    text = (
        "Margaret Hale came home at six.\n\n"
        '"You are late," said Mrs. Hale.\n\n'
        '"The train was slow," said Mr. Hale, "and so was I."'
    )
    assert [who for _, who in _found(text)] == ["Mrs. Hale", "Mr. Hale", "Mr. Hale"]


def test_one_title_and_a_full_name_are_one_person() -> None:
    text = 'Thomas Ward owns the mill.\n\n"It will reopen," said Mr. Ward.'
    assert _found(text) == [("It will reopen", "Thomas Ward")]


def test_sir_before_a_given_name_stays() -> None:
    text = '"A sailor is a very desirable tenant," said Sir Walter, coolly.'
    assert _found(text) == [("A sailor is a very desirable tenant", "Sir Walter")]


def test_a_word_opening_the_sentence_is_not_part_of_the_name() -> None:
    text = (
        "Here Ada spoke at last--\n\n"
        '"The bridge will hold for another winter, I think, if nobody drives a lorry over it."'
    )
    assert _found(text)[0][1] == "Ada"


def test_a_title_and_a_surname_alone_are_someone_for_he_and_she() -> None:
    text = (
        "Mr. Crane came in from the yard and sat down by the fire.\n\n"
        '"The north field is flooded," said he.'
    )
    assert _found(text) == [("The north field is flooded", "Crane")]


def test_a_tag_ends_before_the_next_quotation() -> None:
    # The name inside the second part of the quotation is not the tag's subject.
    text = (
        "Mr. Orme said nothing.\n\n"
        '"But it is," returned she; "for Mrs. Vale has just been here, and told me all."'
    )
    assert "Vale" not in {who for _, who in _found(text)}


def test_a_name_inside_a_quotation_is_not_who_he_or_she_is() -> None:
    # Nobody is named outside the quotation: "he" stays unknown, not Mr. Dunn.
    text = 'The shop was quiet.\n\n"Mr. Dunn was here at noon," said he.'
    assert _found(text) == [("Mr. Dunn was here at noon", None)]


def test_miss_is_a_title() -> None:
    text = '"I shall walk," said Miss Kitty Hart.'
    assert _found(text) == [("I shall walk", "Kitty Hart")]


def test_a_straight_double_mark_between_letters_is_an_apostrophe() -> None:
    # A wire that types " for ' : two possessives and one quotation in the paragraph.
    text = (
        '"Output will recover by June," the report says. It reviews the country"s mines and '
        'Kenya"s ports.'
    )
    assert _found(text) == [("Output will recover by June", "the report")]


def test_a_title_of_the_other_sex_is_not_the_full_name_of_that_surname() -> None:
    text = (
        "Sir Thomas Bertram read the letter twice.\n\n"
        '"Then she had better come to us," said Lady Bertram.'
    )
    assert _found(text) == [("Then she had better come to us", "Lady Bertram")]


def test_mrs_before_a_full_name_is_the_wife_not_the_husband() -> None:
    text = (
        "John Dashwood had promised his father.\n\n"
        '"Certainly," returned Mrs. John Dashwood. "But one thing must be considered."'
    )
    assert {who for _, who in _found(text)} == {"Mrs. John Dashwood"}


def test_mrs_and_a_surname_still_joins_her_full_name() -> None:
    text = 'Jane Smith runs the shop.\n\n"We open at nine," Mrs. Smith said.'
    assert _found(text) == [("We open at nine", "Jane Smith")]


def test_a_possessive_opening_the_sentence_is_nobody() -> None:
    text = (
        "Mrs. Morland knew little of the world. Her cautions were few. "
        '"I beg, Catherine, you will always wrap yourself up very warm about the throat."'
    )
    assert all(who != "Her" for _, who in _found(text))


def test_a_short_tagged_quotation_calling_someone_is_kept() -> None:
    # "Nay, Sir Walter" is capitalised like a title, but a tag and a comma make it speech.
    text = '"Nay, Sir Walter," cried Mrs Clay, "this is being severe indeed."'
    assert [t for t, _ in _found(text)] == ["Nay, Sir Walter", "this is being severe indeed."]


def test_a_short_turn_of_its_own_is_kept() -> None:
    # Nobody named: the one-word answer has no speaker to carry, and is still a quotation.
    text = (
        "The two sisters sat by the fire.\n\n"
        '"What is his name?"\n\n'
        '"Bingham."\n\n'
        '"Is he married or single?"\n\n'
        '"Oh! Single, my dear, to be sure!"'
    )
    assert "Bingham." in [t for t, _ in _found(text)]


def test_he_or_she_with_nobody_named_is_the_description_tagged_before() -> None:
    text = (
        '"We cannot afford the roof," said his wife.\n\n'
        "Nobody slept that night.\n\n"
        '"Then we sell the cart," returned he. "Then the roof," returned she.'
    )
    assert [who for _, who in _found(text)] == ["his wife", None, "his wife"]


def test_one_before_a_noun_is_a_description() -> None:
    text = 'As one farmer wrote me, "We lost the harvest but kept the farm."'
    assert _found(text) == [("We lost the harvest but kept the farm.", "one farmer")]


def test_words_that_are_someones_reply_are_theirs() -> None:
    text = (
        '"Very true," was Mr Orme\'s rejoinder, and "Oh! certainly," was his daughter\'s.\n\n'
        '"We shall do better another evening," was Mr. Vane\'s consolation.\n\n'
        'In reply to Lady Hart\'s calm inquiry of "Where shall the child sleep?" nobody spoke.'
    )
    assert [who for _, who in _found(text)] == [
        "Orme",
        "his daughter",
        "Vane",
        "Hart",
    ]


def test_a_quotation_in_straight_marks_runs_on_into_the_next_paragraph() -> None:
    # The first paragraph leaves its mark open; the second re-opens with a straight mark.
    text = (
        '"I promise you to make none for myself. All manner of nonsense was talked.\n\n'
        '"Ever since the day we met him, I made up my mind on the subject."'
    )
    assert [t for t, _ in _found(text)] == [
        "I promise you to make none for myself. All manner of nonsense was talked.\n\n"
        '"Ever since the day we met him, I made up my mind on the subject.'
    ]
