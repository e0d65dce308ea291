"""News patterns met in openly licensed wire copy and interviews: a quotation after an -ing verb,
nicknames inside names, a verb that only points, pull quotes signed with a dash, quotations that
run over paragraphs without re-opening, and straight marks set loose by their spaces."""

from __future__ import annotations

import re

import pytest

from annotations.quotations import find_quotations


def _found(text: str) -> list[tuple[str, str | None]]:
    return [(q.text, q.speaker) for q in find_quotations(text)]


def test_an_ing_verb_after_a_comma_takes_the_clause_s_subject() -> None:
    text = "Mayor Dana Ruiz apologized for the flooding, saying the city had “failed its people.”"
    assert _found(text) == [("failed its people.", "Dana Ruiz")]


def test_an_ing_verb_after_a_conjunction_takes_the_clause_s_subject() -> None:
    # "whilst promising": the words before the verb are the object of the clause, not a speaker.
    text = (
        "Treasurer Ola Brandt presented the budget.\n"
        "On Thursday, Brandt defended the council's record whilst promising a “full review” of it."
    )
    assert _found(text) == [("full review", "Ola Brandt")]


def test_an_ing_verb_right_after_its_subject_keeps_it() -> None:
    text = "Critics were harsh, with one reader writing “How can anyone defend this?”"
    assert _found(text) == [("How can anyone defend this?", "one reader")]


def test_stating_and_writing_are_verbs_of_saying() -> None:
    text = (
        "Visitors see a message stating, “The site is closed for repairs.”\n\n"
        "A volunteer posted on the forum, writing “We will be back by Friday.”"
    )
    assert [speaker for _, speaker in _found(text)] == ["a message", "A volunteer"]


def test_a_nickname_between_given_name_and_surname_is_not_a_quotation() -> None:
    text = "Jonah “Joe” Abara, arguing for the tenants, said the notice came too late."
    assert _found(text) == []


def test_pointing_to_something_is_not_saying_it() -> None:
    # Scare quotes in a sentence whose only verb points at things.
    text = "She pointed to the table of “electric” punch and bowls of sugar “pills”."
    assert _found(text) == []


def test_a_quotation_split_over_paragraphs_without_reopening_is_one() -> None:
    text = (
        "After the match the coach said, “We learned a lot today.\n\n"
        "The team was nervous at first but settled.” The next game is on Friday."
    )
    assert _found(text) == [
        ("We learned a lot today.\n\nThe team was nervous at first but settled.", "the coach")
    ]


def test_a_straight_mark_spaced_like_a_closing_one_opens_when_the_next_closes() -> None:
    text = 'Rhee said," [The mayor] wanted the vote moved". She said no more.'
    assert _found(text) == [("[The mayor] wanted the vote moved", "Rhee")]


def test_a_stray_closing_mark_in_a_plain_paragraph_quotes_nothing() -> None:
    text = 'As a young girl," the family moved south. "It was wonderful there", Moreau said.'
    assert _found(text) == [("It was wonderful there", "Moreau")]


def test_an_occupation_opening_the_sentence_is_a_role_not_part_of_the_name() -> None:
    found = find_quotations("Historian Mara Quist said, “The archive was never complete.”")
    assert [(q.speaker, q.role) for q in found] == [("Mara Quist", "Historian")]


def test_for_opening_a_sentence_is_not_part_of_the_name() -> None:
    text = (
        "For Tomas Brill, a teacher in town, the fair was a legend. "
        "“I thought it was magical,” Brill said."
    )
    assert _found(text) == [("I thought it was magical", "Tomas Brill")]


def test_a_place_run_into_a_full_name_gives_way_to_the_shorter_name() -> None:
    # "Ambassador to the United States Ana Sola": the run of capitals swallows the place.
    text = (
        "According to the Ambassador to the United States Ana Sola, the talks went well.\n\n"
        "Later, Ambassador Ana Sola spoke to reporters.\n\n"
        "“Ten years ago this was impossible,” said Ambassador Sola."
    )
    assert _found(text) == [("Ten years ago this was impossible", "Ana Sola")]


def test_a_place_closing_an_appositive_is_not_the_speaker() -> None:
    text = (
        "Ines Marr, curator of prints at the University of Iowa, Ames, said, "
        "“These pictures record his daily life.”"
    )
    assert _found(text) == [("These pictures record his daily life.", "Ines Marr")]


def test_a_pull_quote_signed_after_a_dash_is_the_signer_s() -> None:
    text = "“The river always wins in the end.” - Nora Vance\n\nThe flood came on Monday."
    assert _found(text) == [("The river always wins in the end.", "Nora Vance")]


def test_an_ing_verb_after_a_comma_takes_a_description_opening_the_sentence() -> None:
    text = "One reader admitted to joining the protest, writing in a post “We were all there.”"
    assert _found(text) == [("We were all there.", "One reader")]


def test_an_inverted_description_stops_before_by() -> None:
    text = "“The tool crashes any site,” said the post by an unknown author on the forum."
    assert _found(text) == [("The tool crashes any site", "the post")]


def test_he_after_a_website_spoke_is_the_man_named_as_the_subject_since() -> None:
    # The last speaker is a website (one word, nobody's name); the man who opens the sentence
    # before, his paper after his name, is who "He" is (not the paper).
    text = (
        "Other sites such as Blogster.com have said they will keep the video up.\n\n"
        "Writing on his blog, Matt Ortiz of The Daily Ledger dubbed the fight a farce. "
        "He described the dispute as “a war that has run for fifteen years.”"
    )
    assert _found(text) == [("a war that has run for fifteen years.", "Matt Ortiz")]


def test_a_name_used_as_a_modifier_is_not_who_he_is() -> None:
    # "the Reyes video" names the actor in passing; the writer who dubbed it is the subject.
    text = (
        "A video of actor Tom Reyes appeared online.\n\n"
        "Writing on his blog, Matt Ortiz of The Daily Ledger called the fight the latest round "
        "of the Reyes video saga. "
        "He described the dispute as “a war that has run for fifteen years.”"
    )
    assert _found(text) == [("a war that has run for fifteen years.", "Matt Ortiz")]


def test_a_name_right_after_a_sentence_ending_in_a_name_is_read() -> None:
    # "… actor Jon Beck. Ruiz requested …": two runs of capitals that touch across a full stop;
    # Ruiz, the subject of the sentence before "He", is who "He" is.
    text = (
        'Dan Mott, 19, was arrested. Mark Ruiz wrote, "They lied to him."\n\n'
        'Sam Hale, a sheriff\'s representative, said Mott "turned himself in".\n\n'
        "Mott has been helped by former members, including musician Tia Lugo and actor Jon "
        "Beck. Ruiz requested donations via a statement on his blog, to help Mott with his "
        'defence. He described Mott as a man, "facing prison for leaving."'
    )
    assert _found(text)[2] == ("facing prison for leaving.", "Mark Ruiz")


def test_only_opening_a_sentence_is_not_part_of_a_name() -> None:
    text = (
        "Only Lena was told of the plan. Dr. Mark Lena, her brother, wrote about it.\n\n"
        "“It was never safe,” Lena wrote."
    )
    assert _found(text) == [("It was never safe", "Mark Lena")]


def test_a_reflexive_after_the_subject_is_skipped() -> None:
    text = "His cousin spoke first. Brandt himself famously exclaimed: “I am the victim here.”"
    assert _found(text) == [("I am the victim here.", "Brandt")]


def test_a_role_in_lower_case_before_the_name_after_a_quotation() -> None:
    found = find_quotations("“We came to win,” team member Rada Noor told the press.")
    assert [(q.speaker, q.role) for q in found] == [("Rada Noor", "team member")]


def test_a_passive_verb_s_agent_before_the_quotation_is_the_speaker() -> None:
    text = "Vera Holm was described by Alan Reid as “the ablest of the younger painters”."
    assert _found(text) == [("the ablest of the younger painters", "Alan Reid")]


def test_proclaiming_ordering_and_complaining_are_verbs_of_saying() -> None:
    text = (
        "Ida Marsh ordered the council to meet in March to “mend the evils of the city”.\n\n"
        "Ida Marsh disliked the post, complaining that it left her “at her wits end”."
    )
    assert [speaker for _, speaker in _found(text)] == ["Ida Marsh", "Ida Marsh"]


def test_a_verb_joined_by_and_takes_the_clause_s_subject() -> None:
    text = (
        "Karl Ostby was a friend of the movement and wrote:\n\n"
        "“There is no denying that words feel right for what they mean.”"
    )
    assert _found(text) == [
        ("There is no denying that words feel right for what they mean.", "Karl Ostby")
    ]


def test_a_description_with_a_capitalised_name_in_it_is_the_speaker() -> None:
    text = "The Home Office letter reads “we may extend the scheme in due course”."
    assert _found(text) == [("we may extend the scheme in due course", "The Home Office letter")]


def test_attributed_to_names_the_speaker() -> None:
    text = "There is a fine quote attributed to Mark Twain — “Get your facts first.”"
    assert _found(text) == [("Get your facts first.", "Mark Twain")]


def test_said_to_be_reports_words_of_no_one_named() -> None:
    # The sentence before has a speaker ("he wrote"); "was said to be" names no one.
    text = (
        "Lin Hu was a friend of Ada Fenn, the leader of the New Culture Movement.\n\n"
        "In his memoir, he wrote of his ear for dialects. Hu had a gift for hearing sounds that "
        'was said to be "legendary for its acuity", enabling him to record them.'
    )
    assert _found(text) == [("legendary for its acuity", None)]


def test_said_to_be_is_searched_where_the_text_ends_with_its_last_words() -> None:
    # _local searches the pattern only in text ending with _SAID_TO_BE_ENDS: they must be its
    # last words, or a pattern that gains one ("said to mean") would be skipped without a sign.
    from annotations.quotations import speakers as S

    last = re.search(r"\(\?:([\w|]+)\)\\s\+\$$", S._SAID_TO_BE.pattern)
    assert last is not None and tuple(last.group(1).split("|")) == S._SAID_TO_BE_ENDS
    text = 'The mayor is said to have "no plans to run," and the paper was said to be "thriving."'
    assert _found(text) == [("no plans to run", None), ("thriving.", None)]


def test_a_title_with_these_or_his_in_it_is_still_a_title() -> None:
    text = 'In 1859 he sent letters to the papers, proclaiming himself "Regent of these Islands".'
    assert _found(text) == []


def test_a_pronunciation_is_a_word_as_word() -> None:
    text = "The comet is called Wild 2 (pronounced “Vilt-two”), its finder said."
    assert _found(text) == []


def test_a_document_seen_by_a_paper_is_the_speaker_not_the_paper() -> None:
    text = "A leaked memo seen by the Daily Post says “late forms may be refused”."
    assert _found(text) == [("late forms may be refused", "A leaked memo")]


def test_reporting_is_a_verb_of_saying() -> None:
    text = (
        "Officials tell the BBC every claim will be heard, with the paper reporting no one will "
        "be refused “based solely on the form”."
    )
    assert _found(text) == [("based solely on the form", "the paper")]


def test_a_paper_named_with_the_before_a_colon_is_the_speaker() -> None:
    text = "The Herald cited long questions, including: “Were you ever held against your will?”"
    assert _found(text) == [("Were you ever held against your will?", "The Herald")]


def test_of_its_own_completes_the_noun_phrase_before_it() -> None:
    text = (
        "The Daily Ledger's latest study of its own reader figures concluded, "
        "“Print is holding up better than expected.”"
    )
    assert _found(text) == [
        ("Print is holding up better than expected.", "The Daily Ledger's latest study")
    ]


def test_a_titled_surname_goes_to_the_person_of_that_surname_named_last() -> None:
    # Two people share a surname and the text gives neither a gender: "Mrs." is not the first
    # full name's by default, but the one named last (and "followed him" makes nobody a he).
    text = (
        "Former president Bill Clinton spoke first at the rally in Ohio.\n\n"
        "Hillary Clinton followed him on the stage an hour later.\n\n"
        "Later, Mrs. Clinton added: “This race is about the future.”"
    )
    assert _found(text) == [("This race is about the future.", "Hillary Clinton")]


def test_a_titled_surname_fits_the_gender_the_text_gives_not_the_last_named() -> None:
    text = (
        "Bill Clinton spoke in Denver on Monday.\n\n"
        "Hillary Clinton said she would campaign this week.\n\n"
        "Bill Clinton will stay in New York, aides said.\n\n"
        "“Iowa matters,” Mrs. Clinton told reporters."
    )
    assert _found(text) == [("Iowa matters", "Hillary Clinton")]


def test_an_object_pronoun_after_attributed_to_is_the_person_named_not_him() -> None:
    # "attributed to him" and "according to them" once named "him" and "them" as speakers.
    text = (
        "John Smith left the party in May.\n\n"
        "The line “I never said that” was attributed to him.\n\n"
        "The remark “we are ready to fight” was attributed to them.\n\n"
        "According to him, “it was fine.”"
    )
    first, they, third = (quote.speaker for quote in find_quotations(text))
    assert first == third == "John Smith"
    assert they != "them"  # resolved as "they" is (here the one person named)


@pytest.mark.parametrize("signer", ["Mr.", "Mayor", "President", "Monday"])
def test_a_pull_quote_signed_with_a_title_a_role_or_a_day_is_nobody_s(signer: str) -> None:
    # The dash's signer was taken as it stood: "- Mr." gave the speaker "Mr".
    text = f"“The river always wins in the end, whatever we build.” - {signer}\n\nThe flood came."
    assert [quote.speaker for quote in find_quotations(text)] == [None]


def test_he_after_a_quotation_tagged_with_a_bare_surname_is_that_person() -> None:
    # The text never gives Smith a full name, but Smith said the first quotation: "he added"
    # is Smith, as it was before "he" stopped standing for capitalised words nobody is named by.
    text = "“We will win,” Smith said. “It is close,” he added."
    assert _found(text) == [("We will win", "Smith"), ("It is close", "Smith")]


def test_names_opening_with_an_accented_capital_are_names() -> None:
    # A short quotation is kept only when its speaker is named: "Éric" and "Łukasz" must read as
    # the capitals they are, or the quotation is dropped with its speaker.
    text = "“We will win,” Éric Zemmour said.\n\n“It is over,” said Łukasz Ślęzak."
    assert _found(text) == [("We will win", "Éric Zemmour"), ("It is over", "Łukasz Ślęzak")]


@pytest.mark.parametrize("opener", ["Perhaps", "Maybe", "Many", "Like", "See"])
def test_an_adverb_or_quantifier_opening_a_sentence_is_not_the_first_name(opener: str) -> None:
    # "Perhaps Harriet thought so": the person is Harriet, and so is every later "Harriet".
    text = f"{opener} Harriet Vane thought so.\n\n“I shall go,” said Vane."
    assert _found(text) == [("I shall go", "Harriet Vane")]


def test_maybe_before_i_is_nobody_a_pronoun_points_back_to() -> None:
    # "Maybe I will go": no one is named, so "he" has nobody to stand for.
    text = "Maybe I will go. Maybe I won't.\n\n“We will see,” he said."
    assert _found(text) == [("We will see", None)]


@pytest.mark.parametrize("comparison", ["Like", "Unlike"])
def test_a_comparison_opening_a_sentence_is_not_part_of_the_name(comparison: str) -> None:
    # A Kindle passage (Gretchen Rubin's): "Like Dr. Johnson, I'm …" compares; it names nobody new.
    text = (
        "Dr. Johnson explained, “I can’t drink a little, child; therefore I never touch it.” "
        f"That’s exactly how I am. {comparison} Dr. Johnson, I’m an Abstainer."
    )
    speakers = {speaker for _, speaker in _found(text)}
    assert speakers == {"Johnson"}
