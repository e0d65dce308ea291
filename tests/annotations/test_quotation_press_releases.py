"""How press releases and news wires attribute speech: long titles written before a name,
tags set apart from their quotations by paragraph breaks, and terms that nobody says."""

from __future__ import annotations

import pytest

from annotations.quotations import find_quotations
from annotations.quotations.speakers import clean_name


def _found(text: str) -> list[tuple[str, str | None]]:
    return [(q.text, q.speaker) for q in find_quotations(text)]


def test_a_title_with_of_before_the_name_is_the_role_not_the_speaker() -> None:
    text = "“The harbour is safe again,” said Westport Chief of Police Dora Lindqvist."
    [quote] = find_quotations(text)
    assert (quote.speaker, quote.role) == ("Dora Lindqvist", "Westport Chief of Police")


def test_a_title_with_in_charge_and_an_agency_before_the_name() -> None:
    text = (
        "“We followed the money for two years,” said DEA Special Agent in Charge Rafe Okonjo. "
        "“It led to one warehouse,” he added."
    )
    assert _found(text) == [
        ("We followed the money for two years", "Rafe Okonjo"),
        ("It led to one warehouse", "Rafe Okonjo"),
    ]


def test_a_title_naming_a_city_then_a_role_before_the_name() -> None:
    text = "“Nobody was hurt,” said Town of Ashby Fire Chief Nils Barros."
    assert _found(text) == [("Nobody was hurt", "Nils Barros")]


def test_a_title_ending_in_an_organisation_s_name_before_a_surname() -> None:
    text = "“Trade will double,” argued Director General of the Pacific Forum Tamasese."
    assert _found(text) == [("Trade will double", "Tamasese")]


def test_a_long_title_before_the_name_and_the_verb() -> None:
    text = (
        "“Every call is answered,” President of the Northside Tenants Union for Seniors "
        "Greta Vogel said."
    )
    assert _found(text) == [("Every call is answered", "Greta Vogel")]


def test_a_doctor_after_a_long_title_keeps_only_the_name() -> None:
    text = "“Classes resume Monday,” said Lake County Superintendent of Schools Dr. Iris Mbeki."
    assert _found(text) == [("Classes resume Monday", "Iris Mbeki")]


def test_a_person_of_a_place_is_still_the_person() -> None:
    # "of the Red Cross" after a full name says where she works; it is no title.
    text = "“We need blankets,” said Hana Sato of the Red Cross."
    assert _found(text) == [("We need blankets", "Hana Sato")]


def test_an_opening_mark_alone_in_its_paragraph_still_gets_the_tag_after_the_close() -> None:
    # Some sites print a release's opening mark as a paragraph of its own.
    text = (
        "The fund opens in May.\n\n“\n\nNo family should wait a year for help,” said Mayor "
        "Ines Calder. “Applications are short,” she added, “and free.”"
    )
    assert [speaker for _, speaker in _found(text)] == ["Ines Calder"] * 3


def test_a_quotation_after_a_tag_in_the_closing_paragraph_of_a_broken_one() -> None:
    text = "Rents rose again.\n\n“\n\nWe cannot keep up,” said tenant Omar Feld. “Nobody can.”"
    assert _found(text)[1] == ("Nobody can.", "Omar Feld")


def test_a_tag_broken_after_its_verb_takes_the_name_in_the_next_paragraph() -> None:
    text = (
        "“The course fills up every spring,” said\n\nLena Marsh\n\n, who teaches it.\n\n"
        "Another course starts in June."
    )
    assert _found(text) == [("The course fills up every spring", "Lena Marsh")]


def test_an_opening_mark_that_ends_a_paragraph_opens_the_next_ones() -> None:
    text = "She runs the clinic on weekends. “\n\nMy work\n\nis to listen first,” said Ada Novak."
    assert _found(text) == [("My work\n\nis to listen first", "Ada Novak")]


def test_a_tag_between_two_quotations_attributes_the_second_in_its_own_sentence() -> None:
    # `“…” said X, “…”`: the verb comes first and no one stands before it. Both quotations
    # name their speaker in their sentence, so the article does not read as an essay whose
    # unattributed quotations are dropped.
    text = (
        'The council met on "the future of the ferry service" again.\n\n'
        '"We sold out on Monday." said Tomas Reyes, "and the shelves were empty by noon."\n\n'
        'The door had "closed until further notice for all our customers" painted on it.'
    )
    assert ("and the shelves were empty by noon.", "Tomas Reyes") in _found(text)


def test_a_day_word_between_subject_and_verb_is_skipped() -> None:
    text = (
        "Ines Varga, the union's envoy, yesterday told reporters she was "
        '"pushed aside" at the door.'
    )
    assert _found(text) == [("pushed aside", "Ines Varga")]


def test_a_place_that_qualifies_a_role_after_the_verb_is_not_the_speaker() -> None:
    text = '"The pitch was slow," said former South Africa captain and coach Piet Ndlovu.'
    assert _found(text) == [("The pitch was slow", "Piet Ndlovu")]


def test_quoted_as_saying_names_the_one_quoted() -> None:
    text = (
        "A local radio station quoted Marta Olsen, a nurse, as saying "
        '"We worked through the night."\n\n'
        'Her colleague Eli Brandt was quoted as saying "Nobody went home."'
    )
    assert [speaker for _, speaker in _found(text)] == ["Marta Olsen", "Eli Brandt"]


def test_a_borrowed_phrase_after_was_is_not_a_quotation() -> None:
    text = (
        "Judge Amaro founded the appeals unit in 1994. She was “there from day one” and "
        "trained every prosecutor who joined. A race this tight is considered “too near "
        "to tell” under the rules."
    )
    assert _found(text) == []


def test_a_borrowed_phrase_said_to_be_so_stays_a_quotation_without_speaker() -> None:
    text = 'His memory was said to be "famous among his peers" for years.'
    assert _found(text) == [("famous among his peers", None)]


def test_someone_s_spokesman_is_the_speaker() -> None:
    text = (
        "The mayor asked for a second vote.\n\n"
        '"This is not a game," Ana Ruiz\'s spokesman said. "There are no second tries."'
    )
    assert _found(text) == [
        ("This is not a game", "Ana Ruiz's spokesman"),
        ("There are no second tries.", "Ana Ruiz's spokesman"),
    ]


def test_criticising_or_dismissing_something_as_a_phrase_quotes_the_critic() -> None:
    text = (
        "The Harbour Gazette criticised the new bridge as a “costly mistake”.\n\n"
        "Councillor Amir Haddad dismissed the report as “pure fiction”."
    )
    assert _found(text) == [
        ("costly mistake", "The Harbour Gazette"),
        ("pure fiction", "Amir Haddad"),
    ]


def test_citing_words_quotes_the_one_who_cites_them() -> None:
    text = "The prize jury cited “his patient work on river pollution” in its decision."
    assert _found(text) == [("his patient work on river pollution", "The prize jury")]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "Defendants Maria Ortega, 41, and Paul Nguyen, 38, were sentenced on Friday in Santa "
            "Ana. Ortega referred to the victim as “the boss of the whole street.”",
            "Maria Ortega",
        ),
        (
            "Victim Richard Woodhead was shot twice. “I still cannot lift my left arm,” Woodhead "
            "told the jury.",
            "Richard Woodhead",
        ),
        (
            "Officers Dana Reyes and Luis Park arrived first. “We found the door open and the "
            "lights on,” Reyes said.",
            "Dana Reyes",
        ),
    ],
)
def test_a_part_in_the_case_or_a_plural_role_before_a_name_is_not_the_name(
    text: str, speaker: str
) -> None:
    # Were "Defendants Maria Ortega", "Victim Richard Woodhead", "Officers Dana Reyes".
    assert [q.speaker for q in find_quotations(text)] == [speaker]


def test_the_names_cleaner_drops_a_part_in_a_case_but_keeps_a_title_and_a_name() -> None:
    assert clean_name("Defendants Victor Medrano") == "Victor Medrano"
    assert clean_name("Co-defendant Ana Ruiz") == "Ana Ruiz"
    assert clean_name("Mayor Thomas Menino") == "Mayor Thomas Menino"  # a title: split_role's
    assert clean_name("James Smith") == "James Smith"  # a name ending in s is no plural role
    assert clean_name("Victim Ana") == "Victim Ana"  # no full name follows: left as it is
    assert clean_name("Doctors Without Borders") == "Doctors Without Borders"  # a body's name
    assert clean_name("Teachers College Columbia") == "Teachers College Columbia"


def test_a_role_written_in_capitals_before_a_name_is_the_role() -> None:
    # "DA", "ADA": the role, not part of the name, while "Da" in a name stays the name's.
    text = (
        "“The verdict brings closure to the family,” said DA Mira Castell.\n\n"
        "ADA Tom Ruiz said, “The jury saw every piece of evidence.”\n\n"
        "“We will appeal,” defense attorney Luiz Da Silva said."
    )
    found = find_quotations(text)
    assert [(q.speaker, q.role) for q in found] == [
        ("Mira Castell", "DA"),
        ("Tom Ruiz", "ADA"),
        ("Luiz Da Silva", "defense attorney"),
    ]


def test_a_tag_before_the_quotation_wins_over_according_to_after_it() -> None:
    # "according to the investigation" says where the account comes from; the words are those
    # of whoever the sentence has say them before the marks.
    text = (
        "The neighbour then heard the defendant’s brother saying, “Open the door,” according "
        "to the investigation.\n\n"
        "Pelosi called the plan a “breach of trust,” according to the network."
    )
    assert _found(text) == [
        ("Open the door", "the defendant’s brother"),
        ("breach of trust", "Pelosi"),
    ]


def test_a_participle_of_shouting_after_accused_of_is_the_accused_s() -> None:
    # "is accused of yelling “…”": the accused yelled it; "ran back to the car yelling": the
    # car is where the runner went, not who yelled; "The defendant is accused of telling":
    # the description, without its auxiliary.
    text = (
        "Ivo Marsh is accused of yelling “Get out of my shop!” at the clerk.\n\n"
        "The victim ran back to the car screaming “Drive, drive!” as the man chased him.\n\n"
        "The defendant is accused of telling the victim that the price was “not negotiable.”"
    )
    assert _found(text) == [
        ("Get out of my shop!", "Ivo Marsh"),
        ("Drive, drive!", "The victim"),
        ("not negotiable.", "The defendant"),
    ]


def test_a_name_then_a_title_of_a_body_without_its_closing_comma_gives_the_person() -> None:
    # "Ana Ruiz, Chief of the Fraud Division said": the appositive's closing comma left out,
    # the body's name stands right before the verb; the person before the comma speaks.
    text = (
        "Ana Ruiz, Chief of the Harbor Fraud Division said, “We traced every payment.”\n\n"
        "ADA Tom Vik, Director of the Bright Path Foundation said, “The program works.”"
    )
    found = find_quotations(text)
    assert [(q.speaker, q.role) for q in found] == [
        ("Ana Ruiz", "Chief of the Harbor Fraud Division"),
        ("Tom Vik", "ADA, Director of the Bright Path Foundation"),
    ]


def test_a_description_opening_the_sentence_is_the_subject_of_a_verb_after_and() -> None:
    # "The defendant opened …, pointed … and said": the description the sentence opens with
    # said it, when no person is named as a clause's subject; not "The clerk then" (an adverb
    # is no part of a description).
    text = (
        "The defendant opened the door, pointed a gun at the clerk and said, “Give me the cash.”"
        "\n\nThe clerk then froze and said, “Take it all.”"
    )
    found = _found(text)
    assert found[0] == ("Give me the cash.", "The defendant")
    assert all(speaker != "The clerk then" for _, speaker in found)


def test_a_verb_after_and_in_a_relative_clause_is_not_the_opening_description_s() -> None:
    # "…, who read it and said": the "and" joins the relative clause's verbs, so the one the
    # relative stands for said it, never the description the sentence opens with; a relative
    # closed by its comma leaves the description the subject.
    text = (
        "The letter was sent to Dale Hurst, who read it and said, “This is a forgery.”\n\n"
        "The defendant kicked the door, which was locked, and said, “Nobody move.”"
    )
    found = _found(text)
    assert found[0][1] != "The letter"
    assert found[1] == ("Nobody move.", "The defendant")


def test_a_participle_after_a_clause_a_conjunction_opens_is_that_clause_s_subject() -> None:
    # "A neighbour called 911 after the defendant banged on the door yelling, “…”": the one who
    # banged yelled, not the neighbour who called.
    text = (
        "A neighbour called 911 after the defendant banged on the door yelling, “Open up or I "
        "break it down.”"
    )
    assert _found(text) == [("Open up or I break it down.", "the defendant")]


def test_a_statement_resumed_after_its_tag_set_on_lines_of_its_own() -> None:
    # A page that sets names and verbs on lines of their own breaks "“…,” X said. “…”" into
    # paragraphs: the second part, after the tag's last line, is still X's.
    text = (
        "The county opened a new shelter on Monday.\n\n"
        "“We could not wait another winter,”\n\n"
        "County Executive Mara Voss said\n\n"
        ". “Every bed here is one more person off the street.”\n\n"
        "“It took two years to fund,”\n\n"
        "said Housing Director Omar Delacroix, who oversaw the build.\n\n"
        "“The doors open at six.”"
    )
    assert _found(text) == [
        ("We could not wait another winter", "Mara Voss"),
        ("Every bed here is one more person off the street.", "Mara Voss"),
        ("It took two years to fund", "Omar Delacroix"),
        ("The doors open at six.", "Omar Delacroix"),
    ]


def test_a_preposition_opening_a_sentence_is_not_part_of_the_name_after_it() -> None:
    # "Under Voss, …" names Voss; "Under Voss" is nobody's full name.
    text = (
        "Under Voss, the county has opened three shelters.\n\n"
        "“We could not wait another winter,” Voss said."
    )
    assert _found(text) == [("We could not wait another winter", "Voss")]


def test_a_statement_issued_over_several_closed_paragraphs_is_one_speaker_s() -> None:
    # "X issued the following statement:" then four paragraphs, each in marks of its own: one
    # statement of X's, not a conversation whose untagged turns answer each other.
    text = (
        "Harbour Commissioner Lena Ostrova issued the following statement on the closure:\n\n"
        '"The north pier closes on Monday for repairs."\n\n'
        '"Ferries will use the south pier until the work is done."\n\n'
        '"We expect the work to take six weeks."\n\n'
        '"We thank everyone for their patience."'
    )
    assert {speaker for _, speaker in _found(text)} == {"Lena Ostrova"}


def test_a_quotation_after_issued_a_statement_and_a_colon_is_the_issuer_s() -> None:
    text = "The port authority issued a statement: “No ship was damaged in the storm.”"
    assert _found(text) == [("No ship was damaged in the storm.", "The port authority")]


def test_an_agency_name_with_and_before_a_title_and_name_is_the_role() -> None:
    # "Fish and Wildlife Service Director …": the "and" joins the agency's words, not two
    # people; a plain pair of names after the verb stays as before.
    text = (
        "“The wetlands are recovering,” said Fish and Wildlife Service Director Ada Korhonen.\n\n"
        "“We saw it too,” said Ana Ruiz and Tom Lee."
    )
    [first, second] = find_quotations(text)
    assert (first.speaker, first.role) == ("Ada Korhonen", "Fish and Wildlife Service Director")
    assert second.speaker == "Ana Ruiz"


def test_an_admiral_s_abbreviated_rank_is_a_role_not_the_speaker() -> None:
    text = "“The hospital ships sail on Friday,” said Vice Adm. Noor Haddad."
    [quote] = find_quotations(text)
    assert (quote.speaker, quote.role) == ("Noor Haddad", "Vice Adm.")


def test_a_tag_on_the_next_line_with_a_post_and_a_relative_clause_before_its_verb() -> None:
    # “…,” / "Unit Chief, Senior Inspector Ana Ruiz, who runs the task force, said.": the
    # person named after the first post speaks, not the speaker of the paragraph before.
    text = (
        "The board said it would meet again in May.\n\n"
        "“We recovered every stolen pallet,”\n\n"
        "Freight Unit Chief, Senior Inspector Ana Ruiz, who runs the task force, said."
    )
    assert _found(text) == [("We recovered every stolen pallet", "Ana Ruiz")]


def test_degrees_after_a_name_are_not_the_speaker() -> None:
    # "Name, MD, FACS, post, added": the letters after the name are hers, not a speaker.
    text = (
        "Lucia Brandt, MD, FACS, chief of surgery at the county hospital, added, “The new "
        "wing halves the wait for an operation.”\n\n"
        "Omar Reyes, Ph.D., who led the study, said, “The data are clear.”"
    )
    assert [speaker for _, speaker in _found(text)] == ["Lucia Brandt", "Omar Reyes"]


def test_a_name_and_a_titled_person_after_the_verb_are_two_people_not_an_agency() -> None:
    # "and" before a role word joins a second person: the first one named still speaks.
    text = "“We will appeal the ruling,” said Ana Ruiz and Secretary Tom Lee."
    [quote] = find_quotations(text)
    assert (quote.speaker, quote.role) == ("Ana Ruiz", None)


@pytest.mark.parametrize(
    "text",
    [
        "Dr. Lucia Brandt, MD, said, “The new wing is open.”",
        "“The new wing is open,” Lucia Brandt, M.D., said.",
    ],
)
def test_a_degree_between_a_name_and_its_verb_keeps_the_name_the_speaker(text: str) -> None:
    assert [speaker for _, speaker in _found(text)] == ["Lucia Brandt"]


def test_md_as_a_state_after_a_town_in_an_aside_is_not_taken_for_a_degree() -> None:
    text = "Tom Lee, of Bethesda, MD, said, “The bridge is safe.”"
    assert _found(text) == [("The bridge is safe.", "Tom Lee")]


def test_a_colon_after_a_mention_of_a_statement_still_opens_a_conversation() -> None:
    # Only a paragraph that issues a statement makes the bare paragraphs after it one
    # statement; "about the statement:" introduces two people talking, whose turns answer
    # each other and are not the last speaker named.
    text = (
        "“We regret the delay,” Mayor Ana Ruiz said in a statement on Monday.\n\n"
        "Outside the hall, after the statement was read, two residents argued:\n\n"
        "“Are you angry?”\n\n“Very.”\n\n“Why?”\n\n“They promised us water.”\n\n“And now?”"
    )
    assert [speaker for _, speaker in _found(text)[2:]] == [None, None, None, None]


def test_a_dateline_over_a_quotation_is_no_caption_naming_its_speaker() -> None:
    text = "Port Ellis, March 3\n\n“The harbour reopens today.”"
    assert _found(text) == [("The harbour reopens today.", None)]


def test_under_before_a_role_word_is_part_of_the_rank() -> None:
    text = "Under Secretary Tom Lee said, “We will go ahead.”"
    [quote] = find_quotations(text)
    assert (quote.speaker, quote.role) == ("Tom Lee", "Under Secretary")
