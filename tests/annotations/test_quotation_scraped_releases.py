"""Press releases as scrapers leave them: tags glued to the marks, tags set apart as sentences of
their own, and the long names of agencies written before an official's name."""

from __future__ import annotations

from annotations.quotations import find_quotations


def _found(text: str) -> list[tuple[str, str | None]]:
    return [(q.text, q.speaker) for q in find_quotations(text)]


def test_a_capitalised_verb_glued_to_the_closing_mark_is_the_tag() -> None:
    text = (
        "“We will pave every county road by autumn.”Stated Congresswoman Ines Marlow."
        "“The money is already set aside.”\n\n"
        "“Our crews start on Monday,”Said Tobias Renn, director of the Harlow Road Board."
        "“They will work nights.”\n\n"
        "The board meets in March."
    )
    assert _found(text) == [
        ("We will pave every county road by autumn.", "Congresswoman Ines Marlow"),
        ("The money is already set aside.", "Congresswoman Ines Marlow"),
        ("Our crews start on Monday", "Tobias Renn"),
        ("They will work nights.", "Tobias Renn"),
    ]


def test_a_capitalised_word_after_a_quotation_that_is_no_verb_stays_a_word() -> None:
    text = "She read “Tuesday Morning” Monday at the library, Pell said."
    assert [q for q in find_quotations(text) if q.speaker is not None] == []


def test_a_straight_mark_glued_to_the_tag_s_verb_closes_after_two_glued_marks() -> None:
    # the scrape joined two statements and lost the space before the second one's tag
    text = (
        '"Our duty requires no less,"said Rep. Ada Quill."The audit is late again."'
        '"The agency has spent freely for years,"said Congressman Omar Veld (R-AZ).'
        'The bill goes to committee next."'
    )
    assert _found(text) == [
        ("Our duty requires no less", "Ada Quill"),
        ("The audit is late again.", "Ada Quill"),
        ("The agency has spent freely for years", "Congressman Omar Veld"),
    ]


def test_an_agency_named_with_and_and_a_short_form_before_the_title_and_name() -> None:
    text = (
        "“Fraud preys on trust,” said United States Fisheries and Wildlife Service (USFWS) "
        "Great Lakes Region Director Maren T. Oduya. “We will pursue it.”"
    )
    assert _found(text) == [
        ("Fraud preys on trust", "Maren T. Oduya"),
        ("We will pursue it.", "Maren T. Oduya"),
    ]


def test_an_agency_named_with_for_and_and_before_the_title_and_name() -> None:
    text = "“Costs will fall” said Centers for River and Canal Services Administrator Lise Hargrove"
    assert _found(text) == [("Costs will fall", "Lise Hargrove")]


def test_a_document_that_highlights_words_is_their_source() -> None:
    text = "The audit highlights, “Nine of ten bridges need repair within five years.”"
    assert _found(text) == [("Nine of ten bridges need repair within five years.", "The audit")]


def test_a_name_line_ending_in_a_colon_introduces_the_statement_under_it() -> None:
    text = (
        "Sen. Della Varga (R-IA):\n\n"
        "“Families in my state cannot find formula on any shelf this month.”\n\n"
        "Sen. Amos Pike (D-MS):\n\n"
        "“The shortage will not end by itself.”"
    )
    assert [speaker for _, speaker in _found(text)] == ["Della Varga", "Amos Pike"]


def test_the_name_of_a_tag_broken_after_its_verb_speaks_the_quotation_after_it() -> None:
    text = (
        "“No one should fear for their safety at worship,” said\n\n"
        "Sen. Vance Orrey. “We condemn these attacks in the strongest terms.”\n\n"
        "The resolution was filed on Tuesday."
    )
    assert [speaker for _, speaker in _found(text)] == ["Vance Orrey", "Vance Orrey"]


def test_a_tag_left_inside_the_marks_ends_the_quotation_at_its_comma() -> None:
    text = (
        "“Few of these cases reach our town. But we plan ahead to keep it safe, stated Mayor "
        "Odile Ferrant. “Our parks belong to children.”\n\n"
        "“The county can confirm one arrest after a long inquiry by our office, said County of "
        "Lake Shore Sheriff Ruben T. Acosta.”"
    )
    assert _found(text) == [
        ("Few of these cases reach our town. But we plan ahead to keep it safe", "Odile Ferrant"),
        ("Our parks belong to children.", "Odile Ferrant"),
        ("The county can confirm one arrest after a long inquiry by our office", "Ruben T. Acosta"),
    ]


def test_a_name_then_its_role_with_no_comma_and_a_body_joined_by_and() -> None:
    # a house that drops commas: the name comes first, its role (with "for … and …") after it
    text = "“Help is near” said Dr. Mirela Haas Deputy Director for Rural Clinics and Dental Care."
    [quote] = find_quotations(text)
    assert (quote.speaker, quote.role) == ("Mirela Haas", "Deputy Director")


def test_a_body_s_possessive_before_its_role_is_no_name() -> None:
    text = "“Help is near” said FHRA’s Associate Director for Rural Clinics Tomas Lind."
    assert _found(text) == [("Help is near", "Tomas Lind")]


def test_a_state_and_district_in_brackets_is_not_part_of_the_name() -> None:
    text = (
        "Congresswoman Ines Marlow (WI-02) issued the following statement today: “The ruling "
        "will hurt every worker in the district.”"
    )
    assert [q.speaker for q in find_quotations(text)] == ["Congresswoman Ines Marlow"]


def test_quotations_of_a_defendant_and_an_eyewitness_are_attributed_ones() -> None:
    # a prosecutor's release quotes the parties of the case, each named by their part in it
    text = (
        "“This attack on a commuter will be met with a long sentence,” District Attorney Lena "
        "Marsh said.\n\n"
        "An eyewitness approached, asking: “What is happening here?” The defendant replied: "
        "“Stay out of this (expletive) business.”\n\n"
        "The defendant struck a second man and stated, “You are next on my list.”"
    )
    assert [speaker for _, speaker in _found(text)] == [
        "Lena Marsh",
        "An eyewitness",
        "The defendant",
        "The defendant",
    ]


def test_a_person_with_a_unit_before_the_verb_speaks_not_the_unit() -> None:
    text = "Orla Brandt with the DA’s Civil Rights Unit said, “We still do not know who fired.”"
    assert _found(text) == [("We still do not know who fired.", "Orla Brandt")]


def test_a_lower_case_role_of_a_nested_body_after_a_comma_left_open() -> None:
    # "Name, role of the X of the Y said": the appositive's closing comma left out
    text = (
        "Piet Laroux, president of the Board of the Exoneration Clinic of Ohio said, “This "
        "case is a model for every prosecutor.”"
    )
    assert _found(text) == [("This case is a model for every prosecutor.", "Piet Laroux")]


def test_a_he_after_the_victim_is_named_stays_the_man_named_before() -> None:
    # a part in the case makes a quotation attributed, but "he" still goes to the man named
    text = (
        "Rurik Dalby, 31, rode past the shop on his bicycle. He approached the victim asking "
        "“what are you looking at.” He stated in an angry manner, “I will hurt you” and “I hate "
        "you.” Mr. Lawson tried to calm the defendant down."
    )
    assert [speaker for _, speaker in _found(text)][1:] == ["Rurik Dalby", "Rurik Dalby"]


def test_a_heading_over_an_interview_answer_is_no_name_line() -> None:
    text = (
        "The congresswoman spoke with a radio host on Friday.\n\n"
        "On An Impeachment Inquiry:\n\n"
        "“Well, I have been forward leaning, so I support the inquiry.”\n\n"
        "Selected Excerpts:\n\n"
        "“The hardest thing about acting here is the fear of change.”"
    )
    assert [speaker for _, speaker in _found(text)] == [None, None]


def test_one_straight_mark_glued_between_two_statements_closes_and_opens() -> None:
    text = (
        '"Every vote must count,"said Rep. Ada Quill."Without it, people are left out. Each '
        'voice should be equal."Today, I am proud to join this effort,"said Reverend Amos Tate.'
    )
    assert _found(text) == [
        ("Every vote must count", "Ada Quill"),
        ("Without it, people are left out. Each voice should be equal.", "Ada Quill"),
        ("Today, I am proud to join this effort", "Amos Tate"),
    ]


def test_a_tag_broken_over_lines_before_its_quotation_gives_the_subject() -> None:
    # a scrape that set each link of a sentence on its own line
    text = (
        "The bill has wide support.\n\n"
        "Mira Castell, Director of Policy at Parents First\n\n,\n\nsaid in a letter\n\n,\n\n"
        "“Parents should not have to hunt for formula.”\n\n"
        "Jonah Petri, Executive Director of Open Shelves,\n\nsaid,\n\n"
        "“Supply is the whole problem.”"
    )
    assert [speaker for _, speaker in _found(text)] == ["Mira Castell", "Jonah Petri"]
