"""Speakers a rule used to take from the wrong words: a clause's subject, a place, a rank, a
quantifier's "of", a person for an "it"."""

from __future__ import annotations

from annotations.quotations import find_quotations


def _speakers(text: str) -> list[str | None]:
    return [q.speaker for q in find_quotations(text)]


def test_a_shout_after_a_clause_about_a_thing_is_the_sentence_subjects() -> None:
    # The -ing verb follows a clause whose subject is a thing ("the power failed"): the thing
    # cannot shout, so the one who ran out did.
    text = "Marta Quinn hurried downstairs when the power failed shouting “Everybody stay calm!”"
    assert _speakers(text) == ["Marta Quinn"]
    text = "The caretaker rushed outside after the boiler exploded screaming “Call the fire crew!”"
    assert _speakers(text) == ["The caretaker"]
    # a clause whose subject is someone keeps that someone
    text = "A clerk phoned police after the suspect walked in yelling “Nobody move!”"
    assert _speakers(text) == ["the suspect"]


def test_said_after_and_in_what_someone_told_police_is_the_reported_persons() -> None:
    # The teller's sentence reports a second clause ("the intruder climbed … and said"): the
    # "and said" continues that clause, so its subject spoke, not the one telling.
    text = (
        "The homeowner told deputies the intruder climbed through a window and said "
        "“Stay on the floor.”"
    )
    assert _speakers(text) == ["the intruder"]
    text = "A cashier reported that the robber had a knife and shouted “Open the drawer!”"
    assert _speakers(text) == ["the robber"]
    # what was told about a thing leaves the teller as the one who said it
    text = "The neighbour told officers the gate was locked and said “Nobody came past me.”"
    assert _speakers(text) == ["The neighbour"]


def test_a_place_named_after_a_description_ending_in_its_kind_is_not_the_speaker() -> None:
    # "the premier of the province, Nova Scotia": the capitals after the comma say which
    # province, so the description speaks.
    text = "“The bridge will reopen in May,” said the premier of the province, Nova Scotia."
    assert _speakers(text) == ["the premier of the province"]
    # a person's name there is still the person's
    text = "“The bridge will reopen in May,” said the mayor of the town, Helen Brooks."
    assert _speakers(text) == ["Helen Brooks"]


def test_a_rank_with_a_full_stop_before_a_name_is_a_title_not_the_speaker() -> None:
    # A police rank abbreviated with a full stop opens the name it belongs to; it neither names
    # anyone nor ends the sentence.
    text = "“Two lanes are closed,” said a spokeswoman for Ridge Police, Lt. Omar Haddad."
    assert _speakers(text) == ["Omar Haddad"]
    found = find_quotations("“The driver fled on foot,” Det. Rosa Vance said.")
    assert [(q.speaker, q.role) for q in found] == [("Rosa Vance", "Det.")]
    found = find_quotations("“The driver fled on foot,” said Cpl. Rosa Vance.")
    assert [(q.speaker, q.role) for q in found] == [("Rosa Vance", "Cpl.")]


def test_part_of_a_group_after_the_quotation_is_the_speaker_whole() -> None:
    # "several of the tenants": a quantifier and "of" open the group; the quantifier is no word
    # to drop from a name's front, and "many" opens one as "some" does.
    assert _speakers("“The heating has been off for weeks,” several of the tenants said.") == [
        "several of the tenants"
    ]
    assert _speakers("“Nobody warned us,” many of the parents told the board.") == [
        "many of the parents"
    ]


def test_it_never_stands_for_a_person_described() -> None:
    # An "it" after a person described ("the site foreman", "a spokeswoman for the agency")
    # is not that person: it stands for the body named before, or stays unknown.
    text = "“The crane was inspected,” the site foreman said. “No one was hurt,” it added."
    assert _speakers(text) == ["the site foreman", None]
    text = (
        "“Rates will rise,” Northbank said. “Savers will gain,” a spokeswoman for the bank "
        "said. “Borrowers will pay more,” it added."
    )
    assert _speakers(text) == ["Northbank", "a spokeswoman for the bank", "Northbank"]
    # nor for the one-word name of someone with a common given name
    text = "“The crane was inspected,” Gregory said. “No one was hurt,” it added."
    assert _speakers(text) == ["Gregory", None]


def test_a_person_named_after_a_description_ending_in_a_place_noun_still_speaks() -> None:
    # "the governor of the state, Kristi Noem": a given name the lists lack, or a surname alone,
    # is still the person; only a name that reads as a place ("New Mexico") says which state.
    text = "“Taxes will fall,” said the governor of the state, Kristi Noem."
    assert _speakers(text) == ["Kristi Noem"]
    text = "“Taxes will fall,” said the president of the country, Macron."
    assert _speakers(text) == ["Macron"]
    text = "“Taxes will fall,” said the governor of the state, New Mexico."
    assert _speakers(text) == ["the governor of the state"]


def test_what_was_told_about_two_descriptions_reports_the_second_only() -> None:
    # "told the jury the defendant lied": the hearers are "the jury", never part of the one
    # reported on
    text = "The prosecutor told the jury the defendant lied and said “He knew what he did.”"
    assert _speakers(text) == ["the defendant"]


def test_said_after_what_someone_told_reporters_is_the_tellers() -> None:
    # Told to the press, the "and said" goes on with the teller's own statement.
    text = "The sheriff told reporters the suspect fled on foot and said “We will find him.”"
    assert _speakers(text) == ["The sheriff"]
    text = "The chief told local journalists the officers acted well and said “They did well.”"
    assert _speakers(text) == ["The chief"]


def test_a_shout_after_a_clause_about_a_thing_goes_back_to_a_pronoun_opening_the_sentence() -> None:
    # "She ran outside when the shooting started screaming": a shooting does not scream; the
    # sentence's "She" does, and stands for the woman named before.
    text = (
        "Ann Lee was at the mall. She ran outside after the shooting started screaming "
        "“Get down now, everyone!”"
    )
    assert _speakers(text) == ["Ann Lee"]


def test_a_text_or_a_body_that_reports_says_what_follows_its_and_said() -> None:
    # A complaint or a report does not see anyone do anything: what it "stated … and said" is
    # its own words, even about a person.
    text = "The complaint stated the defendant had no license and said “He lied to investigators.”"
    assert _speakers(text) == ["The complaint"]
    text = "The agency reported the inspector had quit and said “Her post will be filled soon.”"
    assert _speakers(text) == ["The agency"]
