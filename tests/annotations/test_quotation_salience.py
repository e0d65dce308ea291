"""Who a he or she stands for when people of one gender take turns, and essays' own examples."""

from __future__ import annotations

from annotations.quotations import find_quotations


def _found(text: str) -> list[tuple[str, str | None]]:
    return [(q.text, q.speaker) for q in find_quotations(text)]


def test_she_after_a_new_woman_opens_the_sentence_is_her() -> None:
    # Two women, both known to be women; the second is introduced as the subject of her own
    # sentence after the first has spoken. Her "she said" is hers, not the last speaker's.
    text = (
        "Ms. Ann Whitfield, the harbour master, said the pier would close in May.\n"
        "“We have no choice,” Ms. Whitfield said.\n"
        "Ms. Maria Okafor, who runs the café at the end of the pier, has traded there for ten "
        "years.\n"
        "“It will cost me my whole summer,” she said."
    )
    assert _found(text) == [
        ("We have no choice", "Ann Whitfield"),
        ("It will cost me my whole summer", "Maria Okafor"),
    ]


def test_she_stays_with_the_speaker_when_the_new_woman_is_not_a_subject() -> None:
    # Named in passing (an object, not the sentence's subject): the speaker keeps the pronoun.
    text = (
        "“We have no choice,” said Ms. Ann Whitfield, the harbour master.\n"
        "The decision worries traders such as Ms. Maria Okafor.\n"
        "“The pier has stood for a century,” she said."
    )
    assert _found(text)[1] == ("The pier has stood for a century", "Ann Whitfield")


def test_she_after_a_man_spoke_goes_back_to_the_woman_who_spoke_before() -> None:
    # The last speaker is a man; a woman is named after him only in passing. "She replied"
    # answers him: the speaker before him who is known to be a woman.
    text = (
        "“The budget is balanced,” Ms. Rosa Ortiz said.\n"
        "“It is not,” said Mr. Tom Hale. He pointed to the overspending of Ms. Jo Lane's office.\n"
        "“Every figure is public,” she replied."
    )
    assert _found(text) == [
        ("The budget is balanced", "Rosa Ortiz"),
        ("It is not", "Tom Hale"),
        ("Every figure is public", "Rosa Ortiz"),
    ]


def test_she_goes_to_the_woman_just_named_not_an_earlier_subject_of_unknown_gender() -> None:
    # Wolde's gender is not shown; Meron Alemu, the subject of the sentence before the pronoun
    # and named after him, is shown a woman by her appositive ("his wife"). "She" is her.
    text = (
        "Journalist Tamrat Wolde won the Golden Pen Award this year. Tamrat Wolde is still in "
        "prison.\n\n"
        "At the ceremony, Meron Alemu, his wife, accepted the prize. She said: “The prize "
        "belongs to every writer in prison.”"
    )
    assert _found(text) == [("The prize belongs to every writer in prison.", "Meron Alemu")]


def test_an_appositive_with_a_gendered_noun_shows_the_gender() -> None:
    # ", the skipper’s mother", ", her husband": the noun after the determiner is the person's
    # (not its owner's), so a pronoun of the other gender is not theirs.
    for appositive, pronoun in (("the skipper’s mother", "he"), ("her husband", "she")):
        text = (
            f"Kai Moreno, {appositive}, thanked the crews at the harbour. “We waited three "
            f"nights for news,” {pronoun} said."
        )
        assert _found(text) == [("We waited three nights for news", None)]


def test_a_gendered_noun_in_a_list_after_a_name_shows_no_gender() -> None:
    # "Ana Park, his wife and their son": a list of people, not an appositive; "his wife" is
    # someone else, so the man named first is not shown a woman ("she" is not his).
    for listed in (
        "his wife and their two children",
        "his mother, and a neighbor",
        "his son and daughter",  # "daughter" is no noun of an appositive after "son and"
    ):
        text = (
            f"Firefighters rescued Tom Park, {listed} from the flat. “We lost everything,” she "
            "said."
        )
        assert _found(text) == [("We lost everything", None)]


ESSAY = (
    "Most of us have said “I'll start on Monday” at least once.\n\n"
    "We tell ourselves “this time is different” and believe it.\n\n"
    "The inner voice asks “why bother?” when the alarm rings at six.\n\n"
    "Then comes “just five more minutes,” which is never five minutes.\n\n"
    "A friend of mine put it best. “Habits are votes for the person you want to be,” Dana "
    "Reyes told me."
)


def test_an_essay_keeps_only_the_quotation_attributed_in_its_own_sentence() -> None:
    # Four example phrases of the writer's own and one real quotation with its speaker.
    assert _found(ESSAY) == [("Habits are votes for the person you want to be", "Dana Reyes")]


def test_news_keeps_a_paragraph_that_continues_a_speakers_quotation() -> None:
    # The same unattributed shapes in news, where most quotations name their speaker in their
    # own sentence: a quotation running on over paragraphs keeps its speaker and stays.
    text = (
        "“The river rose two metres overnight,” said Chief Olu Bakare of the fire service.\n\n"
        "“We moved forty families before dawn,” he added.\n\n"
        "“Nobody was hurt, and the school gym is open for anyone who needs a bed.\n\n"
        "“We will stay until the water goes down.”\n\n"
        "“The levee held where it was rebuilt,” the mayor, Jo Park, said."
    )
    assert _found(text) == [
        ("The river rose two metres overnight", "Olu Bakare"),
        ("We moved forty families before dawn", "Olu Bakare"),
        (
            "Nobody was hurt, and the school gym is open for anyone who needs a bed.\n\n"
            "“We will stay until the water goes down.",
            "Olu Bakare",
        ),
        ("The levee held where it was rebuilt", "Jo Park"),
    ]


def test_we_and_you_are_nobody_s_name() -> None:
    text = "We tell ourselves “this time the diet will hold” every January, and we mean it."
    assert _found(text) == [("this time the diet will hold", None)]


def test_a_description_then_a_name_gives_the_name_and_the_description_as_role() -> None:
    # Found in use: an essay's one real quotation was attributed to "the writer James Clear",
    # a description, and dropped with the essay's own examples.
    found = find_quotations(
        "“Habits are votes for the person you want to be,” the writer James Clear says."
    )
    assert [(q.speaker, q.role) for q in found] == [("James Clear", "writer")]


def test_the_gender_a_naming_shows_before_the_name_in_its_role_or_after_it() -> None:
    from annotations.quotations import speakers as S
    from annotations.quotations.spans import find_spans, paragraphs

    text = (
        "Council spokeswoman Pat Lee met reporters.\n"
        "Her husband, Sam Ortiz, waited.\n"
        "Mr. Ray Diaz, the chairwoman's deputy, left.\n"
        "Jo Kim said his plan was ready.\n"
        "Lu Chen and Jo Kim said she was late.\n"
        "“Ann Wu is here,” a guard said."
    )
    paras = paragraphs(text)
    context = S._Context(text)
    context.masked = S._mask(text, find_spans(text, paras), context.hidden)
    S._collect_names(context, paras)
    genders = {name: context.gender(name) for name in context.by_name}
    assert genders == {
        "Pat Lee": "she",  # a gendered role word
        "Sam Ortiz": "he",  # a gendered word before the name, its comma aside
        "Ray Diaz": "he",  # the honorific wins over a role word of the other gender
        "Jo Kim": "he",  # a he/his later in the sentence the name opens
        "Lu Chen": None,  # someone else named in that sentence: no evidence
    }


def test_a_surname_spelled_as_a_pronoun_is_a_name() -> None:
    # "Victim Lin He wrote": "He" after a capitalised word in its sentence is a surname, not the
    # pronoun (which would go to the man who spoke before).
    text = (
        "Mr. Tom Reyes said he found the car at dawn.\n\n"
        "At sentencing, Victim Lin He wrote in part, “I cannot drive past that corner any more.”"
    )
    assert _found(text)[-1] == ("I cannot drive past that corner any more.", "Lin He")
