"""What wire copy and press releases put in quote marks without anyone saying it (a nickname in
brackets, a short form, an alias), and who a pronoun stands for when the last capitalised words
name a place."""

from __future__ import annotations

from annotations.quotations import find_quotations
from annotations.quotations.spans import find_spans, paragraphs


def _found(text: str) -> list[tuple[str, str | None]]:
    return [(q.text, q.speaker) for q in find_quotations(text)]


def test_a_nickname_in_brackets_inside_a_name_is_no_quotation() -> None:
    text = (
        "According to the complaint, Ortega phoned Dwayne (“Slim”) Parker, 41, and asked him "
        "to hide the car."
    )
    assert _found(text) == []


def test_a_short_form_in_brackets_after_a_name_is_no_quotation() -> None:
    text = (
        "The money moved through Harbor Lending and Trust Partners (“HLTP”), according to "
        "the indictment."
    )
    assert _found(text) == []


def test_an_alias_after_aka_is_no_quotation() -> None:
    text = "Prosecutors said the crew was run by Marcus Bell, aka “Tiny,” who recruited teenagers."
    assert _found(text) == []


def test_a_thing_referred_to_as_a_name_is_no_quotation() -> None:
    text = "According to the indictment, the men shared a pistol referred to as “Lucy.”"
    assert _found(text) == []


def test_a_speaker_who_has_referred_to_something_is_still_quoted() -> None:
    text = "The mayor criticised the vote, which Hollis has referred to as “theatre.”"
    assert _found(text) == [("theatre.", "Hollis")]


def test_he_is_not_the_person_he_spoke_to() -> None:
    text = (
        "Senator Ruth Calloway opened the hearing. Governor Amos Drury defended the budget. "
        "Talking to Peter Lang of the Ledger, he said, “We cut what we could.”"
    )
    assert _found(text) == [("We cut what we could.", "Amos Drury")]


def test_she_is_not_the_place_named_last() -> None:
    text = (
        "The witness then told her sister, “Lock the door,” and hung up. An hour earlier, the "
        "witness had been jogging in Marlow Heights Park. She told a passer-by, “He follows me.”"
    )
    assert _found(text) == [
        ("Lock the door", "The witness"),
        ("He follows me.", "The witness"),
    ]


def test_whom_a_speaker_talks_to_before_the_verb_is_not_the_speaker() -> None:
    text = (
        "Irish foreign minister Nora Keane talking to the Brussels Press Club called the deal "
        "“a bad bargain” on Monday."
    )
    assert _found(text) == [("a bad bargain", "Nora Keane")]


def test_a_he_is_not_the_vehicle_he_spoke_on() -> None:
    text = (
        "The governor later took back his words. Speaking to reporters on Marine One, he said: "
        "“I was wrong.”"
    )
    assert [q.speaker for q in find_quotations(text)] != ["Marine One"]


def test_he_is_the_man_cited_since_the_last_speaker() -> None:
    text = (
        "“We lost the midfield,” coach Derek Holm said. “Nobody was fresh,” said winger Paul "
        "Ekwall. Coach Derek Holm praised the fans. “They were loud,” Holm said. Defence was the "
        "weak spot, according to Ekwall. “We leaked three goals in ten minutes,” he said."
    )
    assert [q.speaker for q in find_quotations(text)][-1] == "Paul Ekwall"


def test_the_object_of_an_ing_verb_is_not_its_speaker() -> None:
    # "claiming a say": the say is claimed, it speaks no words; the he, a one-word name that
    # the text never shows to be a person's, stays unnamed.
    text = (
        "Malian president Keïta opened the port, claiming a say in projects there. "
        "“No ship will pass us by,” he said."
    )
    assert _found(text) == [("No ship will pass us by", None)]


def test_a_short_quotation_from_groups_named_without_a_determiner_is_kept() -> None:
    text = "Tenant-rights groups called the new rules “a gift to landlords.”"
    assert _found(text) == [("a gift to landlords.", "Tenant-rights groups")]


def test_a_short_sentence_of_small_words_is_no_title() -> None:
    text = "“It is for her,” the chairwoman said of the award."
    assert _found(text) == [("It is for her", "the chairwoman")]


def test_titles_of_public_office_before_a_name_are_the_role() -> None:
    text = (
        "“The audit found gaps,” State Comptroller Vera Blum said. “The blaze was set,” said "
        "Fire Marshal Ike Dorn. “Nobody is above the rules,” Public Advocate Rosa Tell said."
    )
    assert [(q.speaker, q.role) for q in find_quotations(text)] == [
        ("Vera Blum", "State Comptroller"),
        ("Ike Dorn", "Fire Marshal"),
        ("Rosa Tell", "Public Advocate"),
    ]


def test_what_referring_to_points_at_does_not_speak() -> None:
    text = (
        "Before he was shot he sent a call for help, noting that there were “opps” in the "
        "area, referring to members of gangs from Ridgewood."
    )
    assert all(q.speaker != "Ridgewood" for q in find_quotations(text))


def test_a_plural_possessive_inside_single_marks_does_not_close_them() -> None:
    text = (
        "The head teacher told the paper: ‘It is the pupils’ exams we worry about, and the "
        "parents’ trust.’"
    )
    assert [q.text for q in find_quotations(text)] == [
        "It is the pupils’ exams we worry about, and the parents’ trust."
    ]


def test_single_marks_closed_before_a_noun_still_close() -> None:
    # a title's last word is capitalised; a lone candidate in its paragraph closes after all
    text = (
        "Fans queued for the ‘Night Owls’ tour. The review, titled ‘why small venues matter’ "
        "shows the trend."
    )
    found = find_spans(text, paragraphs(text, None))
    assert [text[s.start : s.end] for s in found] == ["Night Owls", "why small venues matter"]


def test_an_owner_named_before_an_ing_verb_is_not_its_subject() -> None:
    text = (
        "Governor Carla Mendes won the vote. Senator Hugo Brandt asked her to delay the bill. "
        "Mendes turned down Brandt's request, saying the bill was “ready to sign.”"
    )
    assert _found(text) == [("ready to sign.", "Carla Mendes")]


def test_who_put_out_a_statement_speaks_its_words() -> None:
    text = (
        "The port authority issued a statement that called the strike “unlawful.” "
        "Harbor Freight Lines released a statement which read, in part, “We will reroute.” "
        "The union put out a notice saying its members were “ready to talk.”"
    )
    assert [q.speaker for q in find_quotations(text)] == [
        "The port authority",
        "Harbor Freight Lines",
        "The union",
    ]


def test_an_in_charge_title_before_a_surname_alone() -> None:
    text = "Special Agent in Charge Okafor said, “The ring is closed.”"
    assert [(q.speaker, q.role) for q in find_quotations(text)] == [
        ("Okafor", "Special Agent in Charge")
    ]


def test_shared_is_a_verb_of_saying() -> None:
    text = (
        "“The new clinic will serve the whole valley,” shared Mayor Dana Ruiz. "
        "Nurse Ida Fell shared her experiences, “Every shift was different.”"
    )
    assert _found(text) == [
        ("The new clinic will serve the whole valley", "Dana Ruiz"),
        ("Every shift was different.", "Ida Fell"),
    ]


def test_a_name_then_who_said_after_by_is_the_speaker() -> None:
    text = (
        "The motion was tabled by Rhian Ellery who told the chamber, “Nobody should wait ten "
        "years for a hearing.” The plan was drafted by Colm Tierney, who said, “It is overdue.”"
    )
    assert [q.speaker for q in find_quotations(text)] == ["Rhian Ellery", "Colm Tierney"]


def test_he_is_the_described_speaker_just_quoted() -> None:
    text = (
        "Chancellor Greta Voss received President Anton Baer in Bonn. The Austrian leader said "
        "he was “moved” by the welcome. “We have no closer partner,” he said."
    )
    assert [q.speaker for q in find_quotations(text)] == [
        "The Austrian leader",
        "The Austrian leader",
    ]


def test_a_quotation_after_a_tag_broken_over_lines_keeps_its_speaker() -> None:
    # a release whose linked names became lines of their own: the stop after the tag opens
    # the line of the next quotation
    text = (
        "The fund opens in May.\n"
        "“Every family deserves a safe home,”\n"
        "Commissioner Nadia Osei said\n"
        ". “This money reaches them first.”\n"
        "“We are proud to help,” said\n"
        "Chief Omar Lund\n"
        ". “Our officers will refer families.”"
    )
    assert [q.speaker for q in find_quotations(text)] == [
        "Nadia Osei",
        "Nadia Osei",
        "Omar Lund",
        "Omar Lund",
    ]


def test_a_name_line_over_a_quotation_paragraph_is_its_speaker() -> None:
    text = (
        "What partners said:\n"
        "Ruth Abara, Director of the Westside Food Bank\n"
        "“The shelves were empty in March and full in June.”\n"
        "Tomas Ferreira\n"
        "“No family was turned away.”"
    )
    assert [(q.speaker, q.role) for q in find_quotations(text)] == [
        ("Ruth Abara", "Director of the Westside Food Bank"),
        ("Tomas Ferreira", None),
    ]


def test_a_short_sentence_quoted_in_brackets_is_still_a_quotation() -> None:
    # Only a name or a short form in brackets is dropped: words in lower case are someone's.
    text = 'Harlow told reporters the merger was finished ("It is over"), then left the room.'
    assert _found(text) == [("It is over", "Harlow")]
    text = "Critics called the parade a stunt (“pure theatre”), the council heard."
    assert [q for q, _ in _found(text)] == ["pure theatre"]


def test_one_cited_inside_the_speakers_own_sentence_is_not_he() -> None:
    # "according to" within what the speaker said names a source of his, not a new speaker.
    text = (
        "Council leader Tom Reed said the deficit, which doubled last year according to John "
        "Park, would be closed by spring. “We will close it,” he said."
    )
    assert _found(text) == [("We will close it", "Tom Reed")]


def test_a_byline_over_a_quotation_paragraph_is_not_its_speaker() -> None:
    # A story's byline names who wrote it, not who said the words it opens with.
    text = (
        "By Helen Marsh\n"
        "“Get out of the valley now.”\n"
        "That was the last message sent to residents of the valley before the dam gave way."
    )
    assert _found(text) == [("Get out of the valley now.", None)]


def test_a_name_line_over_a_paragraph_that_goes_on_past_its_quotation_gives_no_speaker() -> None:
    # The line names a speaker only over a statement of hers: a paragraph the quotation makes up.
    text = (
        "Helen Marsh, Staff Writer\n"
        "“Get out of the valley now.” That was the last message sent to residents before the "
        "dam gave way."
    )
    assert _found(text) == [("Get out of the valley now.", None)]


def test_she_is_the_named_subject_not_one_described_later_in_her_sentence() -> None:
    # The one described in a clause of the mayor's sentence spoke of her; she speaks on.
    text = (
        "The mayor, Ann Lee, apologised after a councillor criticised her. “I take full "
        "responsibility for the delay,” she said."
    )
    assert _found(text) == [("I take full responsibility for the delay", "Ann Lee")]


def test_a_plural_closing_a_single_quotation_does_not_run_into_the_next_one() -> None:
    # "villains’ yesterday" reads like a plural's possessive; the next ‘ shows it closed there.
    text = (
        "Smith called the bankers ‘the real villains’ yesterday, and Jones replied ‘nonsense, "
        "they kept the town afloat’."
    )
    assert [q for q, _ in _found(text)] == [
        "the real villains",
        "nonsense, they kept the town afloat",
    ]


def test_she_who_is_handed_something_is_not_taken_for_one_spoken_to() -> None:
    # Only one spoken to ("talking to", "met with") is passed over; a recipient may speak next.
    text = (
        "Councillor Robin Hale handed the award to Ms. Kim Park on Monday. “I did not expect "
        "it at all,” she said."
    )
    assert _found(text) == [("I did not expect it at all", "Kim Park")]
