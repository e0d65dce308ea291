"""A title written right after a person's name with no comma between, as some house styles,
captions and scrapes that lose their commas write it: the name ends where the title begins."""

from __future__ import annotations

from annotations.quotations import find_quotations


def _found(text: str) -> list[tuple[str | None, str | None]]:
    return [(q.speaker, q.role) for q in find_quotations(text)]


def test_a_title_after_the_name_is_not_part_of_the_name() -> None:
    text = (
        "The grants were announced on Monday.\n\n"
        "“These grants will reach every county” said Walter Quinby Chief Financial Officer at "
        "the agency. “Rural clinics come first.”"
    )
    assert _found(text) == [
        ("Walter Quinby", "Chief Financial Officer"),
        ("Walter Quinby", "Chief Financial Officer"),
    ]


def test_an_honorific_and_a_name_before_a_chair_of_a_committee() -> None:
    text = "“The review is finished” said Dr. Helen Oduya Chair of the Review Committee."
    assert _found(text) == [("Helen Oduya", "Chair")]


def test_the_body_s_initials_between_the_name_and_the_title_end_the_name() -> None:
    text = "“Applications open in May” said Victor Amsel NIH Program Director."
    assert _found(text) == [("Victor Amsel", "NIH Program Director")]


def test_a_rank_before_the_name_and_a_degree_after_it() -> None:
    text = "“We thank the panel” said Adm. Brett K. Lorimer M.D. assistant secretary for health."
    assert [speaker for speaker, _ in _found(text)] == ["Brett K. Lorimer"]


def test_a_name_without_a_given_name_shows_it_by_a_title_of_two_words_after_it() -> None:
    text = "“We will keep the schools open” said Odile Marchetti Executive Director."
    assert _found(text) == [("Odile Marchetti", "Executive Director")]


def test_a_role_before_a_name_still_makes_the_name_the_speaker() -> None:
    text = "“Earnings held up” said Goldman Sachs Chief Executive Lloyd Blankfein."
    assert _found(text) == [("Lloyd Blankfein", "Goldman Sachs Chief Executive")]


def test_a_body_s_title_of_one_word_stays_whole() -> None:
    text = "The paper was criticised. The Tory Shadow Health Secretary called it “gimmicks”."
    assert [speaker for speaker, _ in _found(text)] == ["The Tory Shadow Health Secretary"]


def test_a_role_in_lower_case_after_a_person_s_name_is_hers() -> None:
    text = "“The audit is closed” said Helen Ilves director of the state lab."
    assert [speaker for speaker, _ in _found(text)] == ["Helen Ilves"]


def test_a_body_s_initials_and_a_role_in_lower_case_after_a_name() -> None:
    text = "“Fees will fall” said Oona Brisk FDA administrator. “Reviews will be faster.”"
    assert [speaker for speaker, _ in _found(text)] == ["Oona Brisk", "Oona Brisk"]


def test_a_place_and_a_role_in_lower_case_before_a_name_still_qualify_the_role() -> None:
    text = "“We won,” said former New Zealand coach Tane Ruru."
    assert _found(text) == [("Tane Ruru", "former New Zealand coach")]


def test_a_name_a_role_in_lower_case_and_its_body_before_the_verb() -> None:
    text = (
        "The office wrote.\n\nRoger Tamm director of the State Crime Lab stated “We are pleased.”"
    )
    assert [speaker for speaker, _ in _found(text)] == ["Roger Tamm"]


def test_a_name_degrees_and_a_capitalised_title_of_a_body_before_the_verb() -> None:
    text = (
        "The society joined.\n\n"
        "Mark D. Ferrin MD FASN President of the Kidney Society added “We are honored.”"
    )
    assert [speaker for speaker, _ in _found(text)] == ["Mark D. Ferrin"]


def test_a_role_in_lower_case_after_the_named_person_does_not_pass_to_the_body_after_it() -> None:
    text = (
        "The group met.\n\n“This report is a first step” said Working Group Chair John N. Ormond "
        "M.D. associate professor Lakeside University School of Medicine."
    )
    assert _found(text) == [("John N. Ormond", "Working Group Chair")]


def test_a_name_a_comma_and_a_body_s_title_before_the_verb_without_its_closing_comma() -> None:
    text = (
        "The case went on.\n\n"
        "Paul Steen Whitby, Safe Streets Executive Director said, “We are relieved.”"
    )
    assert _found(text) == [("Paul Steen Whitby", "Safe Streets Executive Director")]


def test_a_plural_title_before_a_list_of_names_is_no_part_of_the_first_name() -> None:
    text = (
        "U.S. Senators Brian Scholl (D-Hawaii) and Ann Ruiz (R-Utah) introduced a bill.\n\n"
        "“It is long past time,” said Senator Scholl."
    )
    assert [speaker for speaker, _ in _found(text)] == ["Brian Scholl"]


def test_a_body_named_with_a_plural_and_a_link_stays_whole() -> None:
    text = "“We need access to the camps,” said Doctors Without Borders."
    assert [speaker for speaker, _ in _found(text)] == ["Doctors Without Borders"]


def test_a_plural_that_names_a_body_before_a_title_is_not_a_role() -> None:
    text = "“We will find him,” said U.S. Marshals Fugitive Task Force Commander."
    assert [speaker for speaker, _ in _found(text)] == [
        "U.S. Marshals Fugitive Task Force Commander"
    ]
