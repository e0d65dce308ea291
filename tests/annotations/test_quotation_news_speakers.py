"""Speakers as news names them: groups without a determiner, initials inside descriptions."""

from __future__ import annotations

from annotations.quotations import find_quotations


def _speakers(text: str) -> list[str | None]:
    return [q.speaker for q in find_quotations(text)]


def test_a_group_named_without_a_determiner_after_the_quotation_is_the_speaker() -> None:
    # Wire copy drops the article before a group: "state police said", "federal prosecutors
    # said". The group is the source, as "the police" would be.
    assert _speakers("“The road will stay closed until Friday,” state police said.") == [
        "state police"
    ]
    assert _speakers("“He is a danger to the public,” federal prosecutors said.") == [
        "federal prosecutors"
    ]


def test_initials_inside_a_description_do_not_end_it() -> None:
    # "U.N." and "U.S." end in a dot without ending the sentence; the description runs on to
    # its noun.
    assert _speakers("“The convoy reached the city at dawn,” a U.N. spokesman said.") == [
        "a U.N. spokesman"
    ]
    assert _speakers("“We expect the talks to resume,” U.S. officials told reporters.") == [
        "U.S. officials"
    ]
    assert _speakers("“We expect progress,” said the U.S. ambassador.") == ["the U.S. ambassador"]


def test_a_group_named_first_in_its_sentence_is_the_speaker_before_the_verb() -> None:
    text = "“We were not told,” he said. Local officials said the plan was “a costly mistake.”"
    assert _speakers(text)[1] == "Local officials"


def test_a_tag_broken_onto_the_next_line_names_the_speaker() -> None:
    # A quotation that closes on a comma has not finished its sentence: its tag is on the next
    # line, verb first or name first (line-wrapped copy and feeds break it so).
    text = (
        "“The offer is an insult to every nurse on the ward,”\nsaid Linda Park, the union's chair."
    )
    assert _speakers(text) == ["Linda Park"]
    text = "“We will strike on Monday if nothing changes,”\nthe union said in a statement."
    assert _speakers(text) == ["the union"]


def test_a_tag_broken_over_two_lines_names_the_person_at_its_end() -> None:
    # A release's tag broken once more inside the title: the name ends the second line.
    text = (
        "“The settlement shows the company understands its duty to the public,”\n\n"
        "said San Joaquin County\n\nDistrict Attorney Ron Freitas.\n\n"
        "“We value the work of every agency that took part in the case.”"
    )
    # The untagged quotation after the tag's lines goes on with the same speaker.
    assert _speakers(text) == ["Ron Freitas", "Ron Freitas"]


def test_a_quotation_closed_on_a_full_stop_does_not_take_the_next_line_as_its_tag() -> None:
    text = (
        "Tom Ross spoke first.\n"
        "“The offer is an insult to every nurse on the ward.”\n"
        "Linda Park said the union would vote on Monday."
    )
    assert _speakers(text) == ["Tom Ross"]


def test_they_is_the_group_whose_sentence_comes_before_past_a_clause_in_commas() -> None:
    # "They" after a person spoke: the group that opens the sentence before, even with a
    # relative clause between it and its verb, not the last person.
    text = (
        "“We are ready to sign today,” said Tom Hale, the hospital's director.\n\n"
        "The union, which represents 4,000 nurses, rejected the offer. "
        "“It is an insult to every nurse on the ward,” they said."
    )
    assert _speakers(text)[1] == "The union"


def test_it_is_the_body_whose_one_word_verb_ends_the_sentence_before() -> None:
    text = (
        "“We are ready to sign today,” said Tom Hale, the hospital's director.\n\n"
        "The Red Cross disagreed. “Nobody has asked the patients,” it said."
    )
    assert _speakers(text)[1] == "The Red Cross"


def test_a_spokesman_for_a_body_is_the_speaker_not_the_body() -> None:
    # The one who speaks for another is described before them; the description speaks, in
    # every order of tag, and the person spoken for is not made the speaker.
    assert _speakers(
        "“The convoy reached the city at dawn,” said a spokesman for the Red Cross."
    ) == ["a spokesman for the Red Cross"]
    assert _speakers("A lawyer for Ann Lee said the charges were “baseless and political.”") == [
        "A lawyer for Ann Lee"
    ]
    text = "“The campaign is in disarray,” a spokesperson for House Speaker Paul Ryan said."
    assert _speakers(text) == ["a spokesperson for House Speaker Paul Ryan"]


def test_a_named_spokesman_is_still_named() -> None:
    text = "“The convoy reached the city at dawn,” said Tom Ross, a spokesman for the Red Cross."
    assert _speakers(text) == ["Tom Ross"]


def test_a_person_named_before_a_spokesman_for_a_body_is_the_speaker() -> None:
    # "Ana Ruiz, a spokeswoman for the … Division said": the appositive's closing comma left
    # out (as press releases do), the person named before the description speaks, with it as
    # her role; not the description alone.
    found = find_quotations(
        "Ana Ruiz, a spokeswoman for the Harbor Fraud Division said, “We traced every payment.”"
    )
    assert [(q.speaker, q.role) for q in found] == [
        ("Ana Ruiz", "spokeswoman for the Harbor Fraud Division")
    ]
    text = "On Monday, a spokeswoman for the Harbor Fraud Division said, “We traced it.”"
    assert _speakers(text) == ["a spokeswoman for the Harbor Fraud Division"]


def test_a_group_after_an_inverted_verb_is_the_speaker_not_the_one_before() -> None:
    # "said two aides", "said people familiar with the talks": a group (counted or not) after
    # the verb speaks; before, the quotation fell back on the previous speaker.
    first = "“We will cut taxes for every family,” said Mark Evans.\n\n"
    assert _speakers(first + "“The numbers do not add up at all,” said two senior aides.") == [
        "Mark Evans",
        "two senior aides",
    ]
    text = first + "“The plan was never costed,” said people familiar with the talks."
    assert _speakers(text)[1] == "people familiar with the talks"
    text = first + "“The plan was never costed,” said officials at the Treasury, who declined."
    assert _speakers(text)[1] == "officials at the Treasury"
    assert _speakers("“The plan was never costed,” said U.S. officials on Monday.") == [
        "U.S. officials"
    ]


def test_a_bare_group_after_the_quotation_is_the_speaker() -> None:
    text = "Officers arrested two men on Monday. “Both were armed and dangerous,” police said."
    assert _speakers(text) == ["police"]
    assert _speakers("“Both men were armed and dangerous,” prosecutors said.") == ["prosecutors"]


def test_they_reads_past_an_adverb_set_off_after_the_subject() -> None:
    text = (
        "“We will cut taxes for every family,” said Mark Evans.\n\n"
        "The Democrats, however, were unconvinced. “This is a fantasy budget,” they said."
    )
    assert _speakers(text)[1] == "The Democrats"


def test_any_plural_of_a_trade_is_a_group_that_speaks() -> None:
    # Wire copy's unnamed groups are people by trade: bankers, traders, physicians.
    assert _speakers('"The loan is a major step forward for the country," bankers said.') == [
        "bankers"
    ]
    text = '"We see no reason to change our position," said Western diplomats in the capital.'
    assert _speakers(text) == ["Western diplomats"]


def test_a_preposition_after_said_does_not_open_a_group() -> None:
    # "said to reporters", "said of the protesters": whom it was said to or about, not a group
    # that said it; nothing in the tag names a speaker.
    assert _speakers("Ann Lee spoke. “We will fight this,” said to reporters at the scene.") != [
        "to reporters"
    ]
    assert _speakers("“We will fight this,” said of the protesters.") == [None]
    assert _speakers("“We will fight this,” said two aides to the mayor.") == ["two aides"]


def test_a_description_after_said_does_not_end_on_its_article() -> None:
    # "family" ends in -ly without being an adverb: the description runs to it, not to "the".
    assert _speakers("“It is unfair,” said a lawyer for the family.") == ["a lawyer for the family"]
    assert _speakers("“Go home,” said the old sailor quietly.") == ["the old sailor"]
