"""Speakers in U.S. political news as it is written: given names show gender, titled surnames,
pronouns after attributions, organisations named by one word."""

from __future__ import annotations

import pytest

from annotations.quotations import find_quotations


def _found(text: str) -> list[tuple[str, str | None]]:
    return [(q.text, q.speaker) for q in find_quotations(text)]


def test_mr_and_a_surname_two_people_share_goes_to_the_man_by_his_given_name() -> None:
    # Nothing in the text says who is a man, but a reader knows Bill from Hillary; before, the
    # Clinton named last took "Mr. Clinton".
    text = (
        "Bill Clinton spoke first. Then Hillary Clinton took the stage.\n"
        "“Thank you all for coming,” Mr. Clinton said."
    )
    assert _found(text) == [("Thank you all for coming", "Bill Clinton")]


def test_she_after_a_man_spoke_is_the_woman_named_by_her_given_name() -> None:
    text = (
        "Donald Trump attacked Hillary Clinton on Monday.\n"
        "“She is a liar,” he said. “He is unfit to serve,” she said."
    )
    assert _found(text) == [
        ("She is a liar", "Donald Trump"),
        ("He is unfit to serve", "Hillary Clinton"),
    ]


def test_she_after_a_speaker_of_unknown_gender_is_not_a_woman_named_before_that_speaker() -> None:
    # The speaker, "Fiona", shows no gender; a woman named only before she spoke is not likelier.
    text = (
        "Fiona Parry has nursed for thirty years. Her daughter, Eloise Parry, died in April.\n\n"
        "“There was no antidote,” her mother, Fiona, said.\n\n"
        "She added: “They never stood a chance.”"
    )
    assert _found(text)[1] == ("They never stood a chance.", "Fiona")


def test_he_is_not_a_plural_description_that_spoke_since() -> None:
    # "His aides said …" is the last attribution, but a he stands for one person.
    text = (
        "Senator John Smith arrived late on Tuesday.\n\n"
        "His aides said the flight had been delayed.\n\n"
        "“I am sorry to keep you waiting,” he said."
    )
    assert _found(text) == [("I am sorry to keep you waiting", "John Smith")]


def test_it_after_a_company_named_by_one_word_is_the_company() -> None:
    text = "“Search is our business,” Google said. “We will appeal the ruling,” it said."
    assert _found(text) == [
        ("Search is our business", "Google"),
        ("We will appeal the ruling", "Google"),
    ]


def test_he_is_not_a_company_the_text_writes_with_a_suffix() -> None:
    # "Google Inc." shows that "Google said" is the company's statement: a he is someone else.
    text = (
        "Google Inc. lost its case in Brussels on Monday.\n\n"
        "“We will appeal,” Google said. “We are confident,” he said."
    )
    assert _found(text) == [("We will appeal", "Google"), ("We are confident", None)]


def test_it_is_never_a_surname_the_text_gives_in_full() -> None:
    text = "John Smith spoke. “We will appeal,” Smith said. “We are confident,” it said."
    assert _found(text)[1] == ("We are confident", None)


def test_attributed_to_her_by_a_paper_is_the_woman_not_the_paper() -> None:
    text = (
        "Senator Jane Doe denied the report on Friday.\n\n"
        "A remark attributed to her by the paper, “I never wanted this job,” was widely shared."
    )
    assert _found(text) == [("I never wanted this job", "Jane Doe")]


def test_said_a_names_aide_then_the_aides_name_is_the_aide() -> None:
    text = "“It is over,” said Mr. Romney's campaign manager, Matt Rhoades."
    assert find_quotations(text)[0].speaker == "Matt Rhoades"
    assert find_quotations(text)[0].role == "Mr. Romney's campaign manager"


def test_a_names_role_may_run_on_after_of() -> None:
    # "chief of staff": the role stopped at "of", so the name after the comma was not reached
    # and the speaker was "Mr. Obama's chief"
    (quote,) = find_quotations("“It works,” said Mr. Obama's chief of staff, Rahm Emanuel.")
    assert (quote.speaker, quote.role) == ("Rahm Emanuel", "Mr. Obama's chief of staff")
    assert _found("“It works,” said Mr. Obama's chief of staff.") == [
        ("It works", "Mr. Obama's chief of staff")
    ]


def test_an_unnamed_aide_is_the_aide_not_the_one_they_work_for() -> None:
    # Before, the first gave Romney and the second lost its quotation (three words, no speaker).
    assert _found("“It is over,” said Mr. Romney's spokesman.") == [
        ("It is over", "Mr. Romney's spokesman")
    ]
    assert _found("“It is over,” Mr. Romney’s spokesman said.") == [
        ("It is over", "Mr. Romney’s spokesman")
    ]


def test_short_quotations_after_news_verbs_of_saying_keep_their_speaker() -> None:
    text = (
        "Senator Marco Rubio of Florida sharpened his attacks on Sunday, calling his rival "
        "“a con artist” and warning that the party risked “being taken over.”"
    )
    assert _found(text) == [
        ("a con artist", "Marco Rubio"),
        ("being taken over.", "Marco Rubio"),
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "Gov. Rick Scott accused Democrats of “gutting the schools.”",
        "Gov. Rick Scott slammed the bill as “a giveaway.”",
        "Gov. Rick Scott blasted the ruling as “judicial activism.”",
    ],
)
def test_news_verbs_of_attack_attribute_a_short_quotation(sentence: str) -> None:
    assert [q.speaker for q in find_quotations(sentence)] == ["Rick Scott"]


def test_a_term_a_company_is_calling_something_is_no_quotation() -> None:
    text = "The ability to take what Apple is calling “spatial” photos was not enabled."
    assert _found(text) == []


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        (
            "Sen. Bernie Sanders (I-Vt.) on Tuesday accused the party of “rigging” it.",
            "Bernie Sanders",
        ),
        ("House Speaker Paul Ryan late Friday said the bill was “dead.”", "Paul Ryan"),
        ("Mitch McConnell this morning said the vote was “final.”", "Mitch McConnell"),
        ("“We will see,” Mitch McConnell on Monday told reporters.", "Mitch McConnell"),
    ],
)
def test_a_time_between_the_subject_and_its_verb_is_not_part_of_the_name(
    sentence: str, speaker: str
) -> None:
    # Before, the speaker was "Mitch McConnell on Monday", or none and the short quotation lost.
    assert [q.speaker for q in find_quotations(sentence)] == [speaker]


def test_according_to_a_description_keeps_its_noun() -> None:
    text = "According to a senior Clinton aide, the senator has “a problem with the truth.”"
    assert _found(text) == [("a problem with the truth.", "senior Clinton aide")]


def test_a_long_description_with_a_relative_clause_is_the_subject() -> None:
    text = (
        "The New York Times editorial board, which endorsed Clinton last month, wrote that "
        "Trump “has no business” being president."
    )
    assert _found(text) == [("has no business", "The New York Times editorial board")]


def test_verbs_of_judging_attribute_a_characterisation() -> None:
    text = (
        "Speaking to reporters after the rally, Donald Trump dismissed the governor as "
        "“a very bad leader.” Democrats condemned the remark as “petty.”"
    )
    assert _found(text) == [("a very bad leader.", "Donald Trump"), ("petty.", "Democrats")]


@pytest.mark.parametrize(
    "sentence",
    [
        "“That's a lie,” Mr. Trump interjected.",
        "“We have been clear,” Mr. Trump reiterated.",
        "“Not a chance,” Mr. Trump deadpanned.",
        "“Sit down,” Mr. Trump barked.",
    ],
)
def test_more_verbs_of_saying_keep_a_short_quotation_and_its_speaker(sentence: str) -> None:
    assert [q.speaker for q in find_quotations(sentence)] == ["Trump"]


def test_an_office_owned_by_a_name_ending_in_s_is_the_speaker() -> None:
    text = "Gov. Ron DeSantis' office said that the law was “working as intended.”"
    assert _found(text) == [("working as intended.", "Gov. Ron DeSantis' office")]


def test_what_a_report_found_is_its_quotation() -> None:
    text = "The inspector general's report found the agency's response was “inadequate.”"
    assert _found(text) == [("inadequate.", "The inspector general's report")]


def test_he_after_a_rival_is_mentioned_again_in_reported_speech_is_the_speaker() -> None:
    # Senator Lee is named again inside what Mr. Ortiz said; he is not brought into the story
    # anew (no role written), so the he stays with the one who is talking.
    text = (
        "Senator Mike Lee of Utah attacked Senator Ruben Ortiz on Tuesday.\n\n"
        "“Ruben has no plan,” Mr. Lee said.\n\n"
        "Mr. Ortiz, campaigning in Nevada, dismissed the attack. He said Mr. Lee had backed "
        "the same bill himself.\n\n"
        "“Mike is not being honest,” he said."
    )
    assert _found(text)[-1] == ("Mike is not being honest", "Ruben Ortiz")


def test_it_after_the_white_house_spoke_is_the_white_house() -> None:
    # "The White House" is an institution's name, not a person's; and "the claims were" is a
    # noun, not a verb whose subject is "the".
    text = (
        "“The president has acted within the law,” the White House said. It added that the "
        "claims were “politically motivated.”"
    )
    assert _found(text)[1] == ("politically motivated.", "the White House")


def test_an_institution_opening_a_sentence_is_no_person_for_it() -> None:
    text = (
        "The White House on Friday rejected the report as “false and misleading.” It added "
        "that the story was “a smear.”"
    )
    assert _found(text) == [
        ("false and misleading.", "The White House"),
        ("a smear.", "The White House"),
    ]


def test_a_criminal_charge_in_marks_is_no_quotation() -> None:
    assert _found("He was charged with “reckless endangerment.”") == []


def test_a_his_in_an_appositive_does_not_make_a_woman_a_he() -> None:
    text = (
        "Bernie Sanders spoke first. Hillary Clinton, his rival, did not attend.\n"
        "“We will win this,” he said."
    )
    assert _found(text) == [("We will win this", "Bernie Sanders")]


@pytest.mark.parametrize(
    "between",
    [
        "Fox News carried the speech live.",
        "Wall Street Journal reporters were there.",
        "New Hampshire Republicans cheered.",
        "Nevada Democrats booed.",
    ],
)
def test_a_news_outlet_or_a_party_opening_a_sentence_is_no_he(between: str) -> None:
    text = f"Gov. John Kasich spoke in Des Moines. {between} “We need a grown-up,” he said."
    assert _found(text) == [("We need a grown-up", "John Kasich")]


def test_a_sentence_opened_by_said_names_the_speaker_without_it() -> None:
    assert _found("Said Newsom: “We will not back down.”") == [("We will not back down.", "Newsom")]
    found = find_quotations("Said Gov. Gavin Newsom: “We will not back down.”")
    assert (found[0].speaker, found[0].role) == ("Gavin Newsom", "Gov.")


def test_as_someone_put_it_attributes_the_quotation() -> None:
    assert _found("As Gov. Gavin Newsom put it, “We will not back down.”") == [
        ("We will not back down.", "Gavin Newsom")
    ]


@pytest.mark.parametrize(
    ("tag", "speaker"),
    [("one aide said", "one aide"), ("another aide said", "another aide")],
)
def test_a_description_opened_by_a_number_word_is_the_speaker(tag: str, speaker: str) -> None:
    assert _found(f"''Nobody listens,'' {tag}.") == [("Nobody listens", speaker)]


@pytest.mark.parametrize(
    ("tag", "speaker"),
    [
        ("a source close to the campaign told Politico", "a source close to the campaign"),
        ("a person familiar with the matter said", "a person familiar with the matter"),
        ("people familiar with the talks said", "people familiar with the talks"),
        (
            "one Republican senator, who asked not to be named, told The Hill",
            "one Republican senator",
        ),
    ],
)
def test_anonymous_sources_are_the_speaker_not_the_outlet_told(tag: str, speaker: str) -> None:
    assert _found(f"“It's a mess,” {tag}.") == [("It's a mess", speaker)]


def test_a_name_in_commas_after_a_description_is_the_speaker() -> None:
    text = "“There was no antidote,” her mother, Fiona, said in a statement."
    assert _found(text) == [("There was no antidote", "Fiona")]


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        (
            "A source close to the campaign told Politico that the plan was “dead.”",
            "A source close to the campaign",
        ),
        (
            "People familiar with the talks said the deal was “close.”",
            "People familiar with the talks",
        ),
        (
            "Two people briefed on the plan said it was “ambitious.”",
            "Two people briefed on the plan",
        ),
    ],
)
def test_an_anonymous_source_before_the_verb_is_not_what_it_is_close_to(
    sentence: str, speaker: str
) -> None:
    assert [q.speaker for q in find_quotations(sentence)] == [speaker]


@pytest.mark.parametrize(
    ("tag", "role"),
    [
        ("said Republican strategist Ford O'Connell", "Republican strategist"),
        ("said Clinton campaign manager Ford O'Connell", "Clinton campaign manager"),
    ],
)
def test_an_inverted_tag_with_a_capitalised_role_names_the_person_after_it(
    tag: str, role: str
) -> None:
    found = find_quotations(f"“It's a disaster,” {tag}.")
    assert [(q.speaker, q.role) for q in found] == [("Ford O'Connell", role)]


def test_an_inverted_tag_then_a_place_keeps_the_speaker() -> None:
    assert _found("“It's a disaster,” said Clinton in Des Moines.") == [
        ("It's a disaster", "Clinton")
    ]


def test_mr_and_ms_before_one_surname_still_find_the_man_named_in_full() -> None:
    # "Ms. Clinton" and "Mr. Clinton" are two people (as Mr. and Mrs. Bennet are), but the text
    # names one man Clinton in full: Mr. Clinton is he.
    text = (
        "Ms. Clinton said her rival was “temperamentally unfit.”\n\n"
        "Her husband, former President Bill Clinton, made a similar case in Ohio. “You cannot "
        "trust him,” Mr. Clinton said."
    )
    assert _found(text)[1] == ("You cannot trust him", "Bill Clinton")


def test_an_embedded_post_is_signed_by_its_author() -> None:
    text = (
        "The senator answered within minutes.\n\n"
        "“We will not be intimidated.” — Ann Whitlow (@annwhitlow) March 5, 2016"
    )
    assert _found(text) == [("We will not be intimidated.", "Ann Whitlow")]


@pytest.mark.parametrize(
    ("before", "pronoun", "speaker"),
    [
        ("The campaign released a statement on Monday.", "it", "The campaign"),
        ("Google released a statement on Monday.", "it", "Google"),
        ("House Democrats unveiled their plan on Monday.", "they", "House Democrats"),
    ],
)
def test_it_or_they_after_a_sentence_whose_subject_fits_is_that_subject(
    before: str, pronoun: str, speaker: str
) -> None:
    assert _found(f"{before} “We are confident,” {pronoun} said.") == [
        ("We are confident", speaker)
    ]


def test_it_is_never_a_person_opening_the_sentence_before() -> None:
    text = "John Smith released a statement on Monday. “We are confident,” it said."
    assert _found(text) == [("We are confident", None)]


@pytest.mark.parametrize(
    ("tag", "speaker", "role"),
    [
        ("said Secretary of State John Kerry", "John Kerry", "Secretary of State"),
        ("said Speaker of the House Paul Ryan", "Paul Ryan", "Speaker of the House"),
        ("said SDPD Chief of Police Scott Wahl", "Scott Wahl", "SDPD Chief of Police"),
        (
            "said FBI Special Agent in Charge John Brown",
            "John Brown",
            "FBI Special Agent in Charge",
        ),
    ],
)
def test_a_title_joined_by_of_or_in_before_a_name_is_the_role(
    tag: str, speaker: str, role: str
) -> None:
    found = find_quotations(f"“It is a good day,” {tag}.")
    assert [(q.speaker, q.role) for q in found] == [(speaker, role)]


def test_a_surname_after_a_title_with_of_is_the_person_not_the_title_words() -> None:
    text = (
        "Secretary of State John Kerry said the deal was “historic.”\n\n"
        "“It is a good day,” Kerry said."
    )
    assert _found(text) == [("historic.", "John Kerry"), ("It is a good day", "John Kerry")]


def test_a_quotation_opened_by_a_lone_mark_is_tagged_where_it_ends() -> None:
    # A web page's links split the paragraph: the opening mark stands alone on its line.
    text = (
        "Three men were arraigned last week.\n\n“\n\n"
        "Those who prey on the elderly will be prosecuted. The defendants were caught,” said "
        "District Attorney Summer Stephan."
    )
    assert [q.speaker for q in find_quotations(text)] == ["Summer Stephan"]


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        (
            "The group's web site quotes Ann Whitlow, a student, as saying “We will be back.”",
            "Ann Whitlow",
        ),
        ("The Post quoted Mr. Smith as saying the plan was “dead on arrival.”", "Smith"),
    ],
)
def test_quoted_as_saying_is_the_one_quoted_not_the_one_quoting(
    sentence: str, speaker: str
) -> None:
    assert [q.speaker for q in find_quotations(sentence)] == [speaker]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "Glenn Close told reporters her next film would open next spring.\n"
            "“It is a strange little story,” she said.",
            "Glenn Close",
        ),
        (
            "Sean Young, who lost her part in the film, sued the studio.\n"
            "“They wanted me gone,” she said.",
            "Sean Young",
        ),
    ],
)
def test_a_pronoun_in_the_naming_sentence_outranks_the_given_name(text: str, speaker: str) -> None:
    # The text's own he or she beats the list's guess (Glenn and Sean were read as he);
    # a his or her opening an appositive (", his rival,") is someone else's and shows nothing.
    assert _found(text) == [(text[text.index("“") + 1 : text.index(",”")], speaker)]


@pytest.mark.parametrize(
    "name", ["Andrea Bocelli", "Tracy Morgan", "Evelyn Waugh", "Dale Evans", "Vivian Blake"]
)
def test_a_given_name_borne_by_men_and_women_shows_no_gender(name: str) -> None:
    # Andrea is a man's name in Italy, Tracy and Evelyn are men's too: a he or she after the
    # speaker continues the speaker, as before the list.
    pronoun = "she" if name in {"Dale Evans"} else "he"
    text = (
        f"“It was a long night,” {name} said after the show. “I slept on the bus,” {pronoun} added."
    )
    assert _found(text) == [("It was a long night", name), ("I slept on the bus", name)]


def test_it_is_the_subject_just_named_before_a_one_word_speaker_long_ago() -> None:
    # "Jones" is a surname here: the it is the county, opening the sentence before
    text = (
        "“We will appeal,” Jones said.\n\n"
        "The county issued a warning on Friday. “Residents should stay home,” it said."
    )
    assert _found(text) == [
        ("We will appeal", "Jones"),
        ("Residents should stay home", "The county"),
    ]


def test_an_it_after_a_verb_is_its_object_not_an_inverted_speaker() -> None:
    # ", denied it": Jones denied the charge, he did not say the prosecutors' words
    text = "Jones, who was accused by prosecutors of “a pattern of deceit,” denied it."
    assert [q.speaker for q in find_quotations(text)] == [None]


def test_an_institution_after_said_the_has_no_role_the() -> None:
    # the article before the name was left as its role ("the")
    (quote,) = find_quotations("“It is over,” said the New York Times.")
    assert (quote.speaker, quote.role) == ("New York Times", None)


@pytest.mark.parametrize(
    "text",
    [
        "“Nobody is above the law,” as Senator Ted Cruz put it.",
        "Ted Cruz spoke for an hour. “Nobody is above the law,” as he put it.",
    ],
)
def test_as_someone_put_it_after_the_quotation(text: str) -> None:
    # before the quotation it was read ("As Gov. Gavin Newsom put it, “…”"), after it not
    assert _found(text) == [("Nobody is above the law", "Ted Cruz")]


@pytest.mark.parametrize(
    "text",
    [
        "“The suspect is in custody,” said Special Agent in Charge John Brown of the FBI.",
        "“The suspect is in custody,” said Secretary of State John Kerry of Massachusetts.",
    ],
)
def test_a_long_title_then_a_name_then_its_place(text: str) -> None:
    # the "of the FBI" after the name hid the name (the speaker was "Special Agent")
    (quote,) = find_quotations(text)
    assert quote.speaker in {"John Brown", "John Kerry"}
    assert quote.role in {"Special Agent in Charge", "Secretary of State"}


@pytest.mark.parametrize(
    ("text", "speaker", "role"),
    [
        ("“It is a sad day,” said Bank of America spokesman Bill Halldin.", "Bill Halldin",
         "Bank of America spokesman"),
        ("“Prices will rise,” said University of Chicago economist Austan Goolsbee.",
         "Austan Goolsbee", "University of Chicago economist"),
    ],
)  # fmt: skip
def test_an_institution_with_of_then_a_role_then_a_name(text: str, speaker: str, role: str) -> None:
    # the speaker was the institution's first word ("Bank", "University")
    (quote,) = find_quotations(text)
    assert (quote.speaker, quote.role) == (speaker, role)
