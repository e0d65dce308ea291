"""Speakers of news sentences whose subject sits away from the verb of saying: a title joined
to a place by "from", a sentence adverb before the subject, a noun after a preposition before
a participle."""

from __future__ import annotations

from annotations.quotations import find_quotations


def _speakers(text: str) -> list[str | None]:
    return [q.speaker for q in find_quotations(text)]


def test_a_title_joined_to_a_place_by_from_is_not_part_of_the_name() -> None:
    # "Senator from Ohio" is a title as "Senator of Ohio" would be: the place is no given name.
    text = (
        "On Monday, Senator from Ohio Laura Marsh left the race.\n\n"
        "Marsh called it “the hardest choice of my life” in a short speech."
    )
    assert _speakers(text) == ["Laura Marsh"]


def test_a_sentence_adverb_before_the_pronoun_is_not_the_subject() -> None:
    # "However, he …, saying": the adverb opens the sentence; "he" is its subject.
    text = (
        "Omar Haddad spoke to the paper on Friday. Haddad said no plan existed. "
        "However, he defended the idea, saying: “They would have welcomed it with relief.”"
    )
    assert _speakers(text) == ["Omar Haddad"]


def test_a_noun_after_a_preposition_is_not_the_subject_of_a_participle() -> None:
    # "the reasons for his departure stating": the departure does not speak; the sentence's
    # subject does.
    text = (
        "Carla Mendes stepped down on Tuesday. She named family matters as the reasons for her "
        "departure stating that, “After twenty years in office, it is time to go home.”"
    )
    assert _speakers(text) == ["Carla Mendes"]


def test_a_tag_whose_appositive_lost_its_closing_comma_names_the_person() -> None:
    # "Name, role for Body said": the comma that would close the appositive is left out, and
    # no earlier person may take the quotation.
    text = (
        "Mayor Tom Reyes opened the festival.\n\n"
        "“The plot never gives the audience a reason to care about anyone,” Jack Garner, film "
        "critic for Lakeside News Service said."
    )
    assert _speakers(text) == ["Jack Garner"]


def test_a_title_set_before_a_name_in_commas_does_not_end_in_a_person() -> None:
    # "Director of Lakeland Tourism Partnership, Ana Cole, …": the title's last words name the
    # body, not someone; the person is the name after the comma, who says both quotations.
    text = (
        "The owner and Director of Lakeland Tourism Partnership, Ana Cole, called the closure "
        "“a step back” and said “a town like this cannot lose its only hotel.”"
    )
    assert _speakers(text) == ["Ana Cole", "Ana Cole"]


def test_a_person_of_a_body_whose_name_is_quoted_is_the_speaker() -> None:
    # "Name of “Body”, a description, told": the body's quoted name is not the subject, and the
    # person named before it was not the last speaker.
    text = (
        "Bishop Piotr Nowak said, “I am sorry for every wound.” Maria Kowal of “Speak Up”, a "
        "victims' charity, told reporters “the apology came far too late for most of them.”"
    )
    assert _speakers(text) == ["Piotr Nowak", "Maria Kowal"]


def test_a_role_word_inside_a_body_after_a_title_does_not_make_it_a_name() -> None:
    # "Justice" is a role ("Justice Ann Lee") but here it names the department the title is
    # of; the person is the name after the comma.
    text = "“The case is closed,” said Senior Counsel for the Justice Department, Ana Ortiz."
    found = find_quotations(text)
    assert [(q.speaker, q.role) for q in found] == [
        ("Ana Ortiz", "Senior Counsel for the Justice Department")
    ]


def test_senior_ending_a_name_is_part_of_it_not_a_title() -> None:
    # "Senior" opens titles ("Senior Counsel"); alone at a name's end it tells father from son.
    assert _speakers("“It was a long war,” said Henry Ford Senior in a speech.") == [
        "Henry Ford Senior"
    ]


def test_a_surname_that_is_a_role_word_still_ends_a_name_before_a_title() -> None:
    # "King" is a role ("King Charles") but after a given name it is her surname; the title
    # written after it, with no comma, is her role.
    found = find_quotations(
        "“The museum will reopen in May,” said Kate King Director of the museum."
    )
    assert [(q.speaker, q.role) for q in found] == [("Kate King", "Director")]


def test_a_label_line_of_a_long_title_and_a_name_before_a_colon_names_the_person() -> None:
    # An exchange set out as "Title of the Body Name: “…”" lines: the name that ends the
    # title speaks, and the title is the role.
    text = (
        "The messages, in the order they were sent:\n\n"
        "Secretary of the Navy Rosa Vidal: “Keep it quiet until the vote.”\n\n"
        "Deputy Undersecretary of the Navy for Supply Omar Reed: “Understood, I will wait.”"
    )
    found = find_quotations(text)
    assert [(q.speaker, q.role) for q in found] == [
        ("Rosa Vidal", "Secretary of the Navy"),
        ("Omar Reed", "Deputy Undersecretary of the Navy for Supply"),
    ]


def test_where_a_person_wrote_is_not_part_of_their_name() -> None:
    # "Name on Outlet wrote": the outlet says where the words appeared.
    text = "Nadia Karim on TechWire wrote: “The ban was tested on a quiet Sunday on purpose.”"
    assert _speakers(text) == ["Nadia Karim"]


def test_a_body_named_with_its_article_counts_as_a_named_speaker() -> None:
    # News whose quotations come mostly from a body ("the Harbor Commission said") is not an
    # essay whose unattributed quotations are dropped: the body is named, not described.
    text = (
        "“The port will close at noon on Friday for the storm,” the Harbor Commission said on "
        "Tuesday.\n\n"
        "The Harbor Commission said the old pier was “unsafe for any vessel over ten tonnes "
        "until it is rebuilt.”\n\n"
        "Signs along the quay read “No mooring after dark” and “Keep clear of the crane tracks "
        "at all times”.\n\n"
        "A poster on the gate still promised “Fresh fish every morning from the boats.”"
    )
    found = [(q.text[:20], q.speaker) for q in find_quotations(text)][:2]
    assert found == [
        ("The port will close ", "the Harbor Commission"),
        ("unsafe for any vesse", "The Harbor Commission"),
    ]


def test_the_subject_opening_the_sentence_speaks_a_participle_after_its_clause() -> None:
    # "Acme did not comment, telling reporters the company “…”": the participle goes with the
    # sentence's subject; "the company" opens the reported clause and does not speak.
    text = (
        "Acme did not release any details, telling reporters the company “sends its deepest "
        "sympathy to the families of those on board.”"
    )
    assert _speakers(text) == ["Acme"]
