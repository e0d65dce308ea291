"""How court news and prosecutors' releases quote: pleas named in marks, statements a site
splits into paragraphs without re-opening them, speakers named with the body they work for,
and documents (a ruling, a letter) quoted as their author's words."""

from __future__ import annotations

from annotations.quotations import find_quotations


def _found(text: str) -> list[tuple[str, str | None]]:
    return [(q.text, q.speaker) for q in find_quotations(text)]


def test_a_plea_named_in_marks_is_no_quotation() -> None:
    text = (
        "The baker pleaded “not guilty by reason of insanity” at his arraignment. Earlier he "
        "had entered pleas of “no contest” and “guilty as charged to one count.” His lawyer "
        "said the plea “was the only honest choice he had left.”"
    )
    assert _found(text) == [("was the only honest choice he had left.", "His lawyer")]


def test_pleading_with_someone_in_marks_is_still_a_quotation() -> None:
    text = "The mother pleaded, “Not guilty people walk free every day, so help us find him.”"
    assert [quoted for quoted, _ in _found(text)] == [
        "Not guilty people walk free every day, so help us find him."
    ]


def test_a_statement_over_paragraphs_without_reopening_marks_is_one_quotation() -> None:
    text = (
        "At the hearing the victim's brother, Omar Feld, read a letter. He wrote, “I lost my "
        "only brother that night.\n\nEvery morning I set the table for two.\n\nNothing will "
        "bring him back.”\n\nThe judge thanked him."
    )
    assert _found(text) == [
        (
            "I lost my only brother that night.\n\nEvery morning I set the table for two.\n\n"
            "Nothing will bring him back.",
            "Omar Feld",
        )
    ]


def test_a_word_broken_over_paragraphs_inside_a_statement_stays_in_it() -> None:
    text = "Nadia Orr wrote, “Friday is my 12\n\nth\n\noperation. I cannot walk.”"
    assert _found(text) == [("Friday is my 12\n\nth\n\noperation. I cannot walk.", "Nadia Orr")]


def test_an_unclosed_quotation_does_not_swallow_paragraphs_that_quote_again() -> None:
    text = (
        "Dan Ruiz said, “We will appeal.\n\nThe court adjourned.\n\n“Nobody won today,” "
        "said Ana Lee."
    )
    assert _found(text) == [("We will appeal.", "Dan Ruiz"), ("Nobody won today", "Ana Lee")]


def test_a_titled_person_of_a_department_after_the_verb_is_the_person() -> None:
    text = (
        "“Our officers worked nights on this,” said Chief Rhea Moss of the Elmdale Police "
        "Department. “We did it,” said Captain Ivo Dahl of the Elmdale Fire Department."
    )
    assert _found(text) == [
        ("Our officers worked nights on this", "Rhea Moss"),
        ("We did it", "Ivo Dahl"),
    ]


def test_a_court_that_held_or_ruled_is_the_speaker_of_its_opinion() -> None:
    text = (
        "The appeal failed. The Court of Appeal held that “a warrant read aloud is a warrant "
        "served.” A year later the High Court ruled that “a warrant must be handed over.”"
    )
    assert _found(text) == [
        ("a warrant read aloud is a warrant served.", "The Court of Appeal"),
        ("a warrant must be handed over.", "the High Court"),
    ]


def test_as_held_by_a_court_names_the_court_not_the_word_as() -> None:
    text = (
        "Tipsters are protected. As held by the State Supreme Court, in a case about a "
        "bakery, “The tipster need not be named.” As noted by Judge Ula Brandt, “Names can "
        "wait for trial.”"
    )
    assert _found(text) == [
        ("The tipster need not be named.", "State Supreme Court"),
        ("Names can wait for trial.", "Ula Brandt"),
    ]


def test_a_reporter_of_a_newspaper_is_the_reporter() -> None:
    text = "Mira Holt of The Harbour Times told a radio show, “The ferry was late every day.”"
    assert _found(text) == [("The ferry was late every day.", "Mira Holt")]


def test_a_document_s_subject_matter_is_not_part_of_its_name() -> None:
    text = "The council's letter to the tenants said: “The bins will be collected on Friday.”"
    assert _found(text) == [("The bins will be collected on Friday.", "The council's letter")]


def test_an_office_s_short_form_after_the_title_is_part_of_the_role() -> None:
    text = "Westport District Attorney (WDA) Ana Ruiz met the judge. “We will appeal,” said Ruiz."
    [quote] = find_quotations(text)
    assert (quote.speaker, quote.role) == ("Ana Ruiz", "Westport District Attorney (WDA)")
