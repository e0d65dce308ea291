"""Who speaks a quotation when a passive verb's agent follows the verb, and when the speech verb
before a short quotation does not govern it (a second verb, or "to", stands between)."""

from __future__ import annotations

from annotations.quotations import find_quotations


def _speakers(text: str) -> dict[str, str | None]:
    return {q.text: q.speaker for q in find_quotations(text)}


def test_the_agent_of_a_passive_verb_with_no_was_before_it_speaks_not_its_subject() -> None:
    text = (
        "The clerk was stopped outside the bank and told by Ivo Brandt “hand over the keys now”"
        " before the guards came. The boy was followed home and told by him “keep quiet or else”"
        " that night. Officials said the case was closed."
    )
    found = _speakers(text)
    assert found.get("hand over the keys now") == "Ivo Brandt"
    assert found.get("keep quiet or else") is None  # "him": someone, never the boy


def test_a_means_after_by_leaves_the_subject_the_speaker() -> None:
    text = "Mara Quist said by phone “we will reopen the mill in June” on Friday."
    assert _speakers(text) == {"we will reopen the mill in June": "Mara Quist"}


def test_a_short_quotation_after_a_second_verb_is_not_the_first_verb_s() -> None:
    text = (
        "The two men posted the ads on a forum and booked “sessions” at a motel in town."
        " Tomas Ferl said the plan was “a clear fraud” at the hearing."
    )
    found = _speakers(text)
    assert found.get("sessions") is None
    assert found["a clear fraud"] == "Tomas Ferl"


def test_a_short_quotation_after_to_names_an_act_not_the_subject_s_words() -> None:
    text = (
        "At arraignment the accused usually agrees to “waive time,” and a date is set."
        " Judge Nora Vell described the delay as “routine” in court."
    )
    found = _speakers(text)
    assert found.get("waive time") is None
    assert found["routine"] == "Nora Vell"


def test_words_after_one_mark_that_closes_and_reopens_are_quoted_not_a_tag() -> None:
    # a scrape lost the paragraph break between two paragraphs of one statement
    text = (
        "Rep. Dana Holt released the following statement today.\n\n"
        '"The levy hits every farm in the valley."Governor Alan Pike said the vote should wait. '
        'I agree, and so do the farmers."'
    )
    found = [(q.text, q.speaker) for q in find_quotations(text)]
    assert found == [
        ("The levy hits every farm in the valley.", "Dana Holt"),
        (
            "Governor Alan Pike said the vote should wait. I agree, and so do the farmers.",
            "Dana Holt",
        ),
    ]


def test_the_following_statement_before_an_ing_verb_is_its_writer_s_not_a_speaker() -> None:
    text = (
        "Councillor Ida Brandt released the following statement announcing her bill: "
        "“Every tenant deserves a working heater.”"
    )
    assert [q.speaker for q in find_quotations(text)] == ["Ida Brandt"]


def test_a_capitalised_verb_after_a_quotation_that_opens_a_sentence_with_its_own_verb() -> None:
    # "Noted" is an adjective here: the economist is the subject of "disagreed", no tag
    text = (
        "Mayor Ana Ruiz spoke on Monday. “We will win the vote.” Noted Economist Tom Berg "
        "disagreed with her. “We will also cut the levy.” Added Senator Ida Brandt: “Not so fast.”"
    )
    found = [(q.text, q.speaker) for q in find_quotations(text)]
    assert found[0] == ("We will win the vote.", "Ana Ruiz")
    assert found[1] == ("We will also cut the levy.", "Ana Ruiz")
    assert found[2] == ("Not so fast.", "Ida Brandt")


def test_told_and_a_name_inside_the_marks_is_the_quotation_s_own_words() -> None:
    text = "Ana Ruiz said, “I came home late that night, told Mom and Dad.”"
    assert [(q.text, q.speaker) for q in find_quotations(text)] == [
        ("I came home late that night, told Mom and Dad.", "Ana Ruiz")
    ]


def test_a_threat_s_act_after_to_is_still_the_speaker_s_word() -> None:
    text = "Ivo Brandt grabbed the guard by the arm and threatened to “gut” him."
    assert [q.speaker for q in find_quotations(text)] == ["Ivo Brandt"]


def test_a_second_verb_inside_the_reported_clause_keeps_the_speaker() -> None:
    text = (
        "The witness said that she was afraid of the man and feared he would hurt her, her son,"
        " or “another child.”"
    )
    assert [q.speaker for q in find_quotations(text)] == ["The witness"]


def test_a_set_apart_tag_ended_by_a_colon_introduces_the_next_quotation() -> None:
    text = (
        "“Flooding drove families from their homes,”Said Sen. Ana Ruiz."
        "“It has cost the valley millions of dollars.”Said Governor Tom Berg:"
        "“I thank the senator for holding this call tonight.”"
    )
    assert [q.speaker for q in find_quotations(text)] == ["Ana Ruiz", "Ana Ruiz", "Tom Berg"]
