"""General features of English news attribution: who an auxiliary, an "of" or a participle
leaves as the speaker. Every text here is made up."""

from __future__ import annotations

from itertools import pairwise

from hypothesis import given, settings
from hypothesis import strategies as st

from annotations.quotations import find_quotations


def _found(text: str) -> list[tuple[str, str | None]]:
    return [(q.text, q.speaker) for q in find_quotations(text)]


def test_an_auxiliary_before_a_negated_verb_is_no_part_of_the_name() -> None:
    # "did not say" names the firm as a speaker (what "it" then stands for), without "did";
    # "The company" is the company named before it.
    text = (
        "Kestrel Foods said in a statement: “We are recalling the batch.” The company did not "
        "say how many jars were sold. “Our testing found the fault,” it said."
    )
    assert _found(text)[1] == ("Our testing found the fault", "Kestrel Foods")


def test_a_person_of_a_body_described_in_lower_case_is_the_speaker() -> None:
    # "of [what the body is] Name" after a person's name says where they work: the person
    # speaks, whatever words describe the body.
    text = (
        "Dana Whitcombe of the tenants' rights group Fair Homes Now said, “The rent rise is "
        "unlawful.”\n\n"
        "“We will appeal,” said Luis Ferro of national charity Shelter Point."
    )
    assert _found(text) == [
        ("The rent rise is unlawful.", "Dana Whitcombe"),
        ("We will appeal", "Luis Ferro"),
    ]


def test_a_participle_after_a_body_s_clause_is_the_body_s() -> None:
    # "X did something, stating “…”": the clause's subject speaks, also when it is a body or
    # a description rather than a named person, and after a date set off by commas.
    text = (
        "On March 2, 2021, the Harbor Authority wrote to every tenant, stating in part, “The "
        "lease cannot be renewed.”\n\n"
        "The water board sent a notice to residents, warning that the supply was “unsafe to "
        "drink until further notice”."
    )
    assert _found(text) == [
        ("The lease cannot be renewed.", "the Harbor Authority"),
        ("unsafe to drink until further notice", "The water board"),
    ]


def test_a_short_quotation_after_said_that_is_kept() -> None:
    # The "that" a verb of saying takes opens the speaker's words; it is no determiner making
    # a term of them ("that “jobs machine”"), so a quotation of three words stays.
    text = (
        "Councillor Ruth Abara warned residents on Monday that “flooding is certain”.\n\n"
        "The mayor praised that “green corridor” in his speech."
    )
    assert _found(text) == [("flooding is certain", "Ruth Abara")]


def test_thanking_someone_in_marks_is_the_thanker_s_words() -> None:
    # "thanked “…”" quotes the words of thanks, as "welcomed “…”" does; a named person
    # thanks, so the partial quotation is theirs.
    text = (
        "The governor of the province, Imke Vos, thanked “every volunteer who filled a "
        "sandbag this week”."
    )
    assert _found(text) == [("every volunteer who filled a sandbag this week", "Imke Vos")]


def test_it_or_they_opening_a_sentence_is_the_body_before() -> None:
    # "They said …" opens its own sentence: the subject of the sentence before it ("The
    # police released …") is what "they" stands for, as for a "they said" after the marks.
    text = (
        "The coastguard service released a statement on Sunday. They said the two sailors were "
        "“cold but unhurt”."
    )
    assert _found(text) == [("cold but unhurt", "The coastguard service")]


def test_a_paragraph_ending_with_saying_and_a_colon_hands_on_its_subject() -> None:
    # "X did something, saying:" closes its paragraph; the quotation is the next paragraph,
    # with no tag of its own. The clause's subject is its speaker.
    text = (
        "Chancellor Ingrid Solberg opened the summit in Oslo on Monday, saying:\n\n"
        "“No country can cut these emissions alone. We start today.”"
    )
    assert _found(text) == [
        ("No country can cut these emissions alone. We start today.", "Ingrid Solberg")
    ]


def test_a_named_owner_s_document_is_the_owner_s_words() -> None:
    # "X's statement/tweet/letter said" quotes X through a document: the owner is the
    # speaker (a spokesman is someone else, and stays "X's spokesman").
    text = (
        "“The decision will be appealed,” Mayor Aiko Tanaka's statement said.\n\n"
        "Councillor Ben Okoro's tweet read: “A sad day for the city.”\n\n"
        "Mayor Tanaka's spokesman said: “No further comment.”"
    )
    assert _found(text) == [
        ("The decision will be appealed", "Aiko Tanaka"),
        ("A sad day for the city.", "Ben Okoro"),
        ("No further comment.", "Mayor Tanaka's spokesman"),
    ]


def test_a_paragraph_ending_her_reply_was_hands_on_its_owner() -> None:
    # "Her reply was:" / "X's response was --" closes a paragraph and introduces the next,
    # untagged one: the owner of the reply speaks.
    text = (
        "Finance minister Ana Ruiz was asked whether the cuts would go on. Her reply was "
        "blunt:\n\n"
        "“There is no money left.”\n\n"
        "Opposition leader Tomas Berg's response was--\n\n"
        "“Then find some.”"
    )
    assert _found(text) == [
        ("There is no money left.", "Ana Ruiz"),
        ("Then find some.", "Tomas Berg"),
    ]


def test_according_to_a_document_from_a_body_is_the_body() -> None:
    # "according to a statement from Y" / "a report issued by Y" / "Y's statement": the
    # document speaks for Y, who is the speaker.
    text = (
        "According to a statement from the Port Authority, the bridge is “safe for traffic "
        "again”.\n\n"
        "The tolls will rise to “cover the repairs”, according to a notice issued by Harbor "
        "Bridges Ltd."
    )
    assert _found(text) == [
        ("safe for traffic again", "the Port Authority"),
        ("cover the repairs", "Harbor Bridges Ltd"),
    ]


def test_the_widow_of_a_named_man_is_the_speaker_not_the_man() -> None:
    # "the widow of X", "a friend of X", "the head of the X": a person described through
    # someone or something named; the described person speaks, before or after the verb.
    text = (
        "“We can grieve now,” said the widow of Oskar Lind, a fisherman lost in March.\n\n"
        "A neighbour of Oskar Lind told the paper the harbour was “never safe in winter”.\n\n"
        "The head of the Coast Guard said: “The search was thorough.”"
    )
    assert _found(text) == [
        ("We can grieve now", "widow of Oskar Lind"),
        ("never safe in winter", "neighbour of Oskar Lind"),
        ("The search was thorough.", "head of the Coast Guard"),
    ]


def test_a_role_of_a_body_then_a_name_after_a_comma_gives_the_person() -> None:
    # "said the chair of Lindqvist Shipping, Mara Holt": the body says where the role is; the
    # person named after the comma speaks, the role and the body are her role.
    text = (
        "“Orders are up for the third month,” said the chair of Lindqvist Shipping, Mara Holt.\n\n"
        "“We hire in spring,” said a spokesman for the Tarrow Group, Idris Vane, on Monday."
    )
    found = find_quotations(text)
    assert [(q.speaker, q.role) for q in found] == [
        ("Mara Holt", "chair of Lindqvist Shipping"),
        ("Idris Vane", "spokesman for the Tarrow Group"),
    ]


def test_a_name_before_people_in_the_plural_is_no_speaker_of_its_own() -> None:
    # "Israeli officials", "Twitter users": the name qualifies a group, which speaks (as "they",
    # never as a "he" later); the name alone is nobody.
    text = (
        "“The border stays shut,” said Norwegian officials.\n\n"
        "Swedish fishermen said the quotas were “a death sentence for the coast”.\n\n"
        "Twitter users reacted: “Who decided this, and why now?”\n\n"
        "Ivar Holm, a skipper, was blunt. “We will sail anyway,” he said."
    )
    assert _found(text) == [
        ("The border stays shut", "Norwegian officials"),
        ("a death sentence for the coast", "Swedish fishermen"),
        ("Who decided this, and why now?", "Twitter users"),
        ("We will sail anyway", "Ivar Holm"),
    ]


def test_a_preposition_or_an_auxiliary_opening_a_sentence_is_no_part_of_a_name() -> None:
    # "During Mora’s speech", "To Ana Lund, …", "Had Elizabeth known": the capitalised word
    # opening the sentence is no part of the name after it.
    text = (
        "Tina Mora spoke at the rally for victims of crime. During Mora’s speech, she thanked "
        "the volunteers. “Time can help you heal,” Mora said.\n\n"
        "To Ana Lund, the day meant more. “I came for my brother,” Lund said."
    )
    assert _found(text) == [
        ("Time can help you heal", "Tina Mora"),
        ("I came for my brother", "Ana Lund"),
    ]


def test_a_thing_of_a_name_is_no_speaker() -> None:
    # "The name of Musgrove", "the history of Rome": "of" ties a thing, not a person, to the
    # name; a novel's narration says no "name of Musgrove" spoke.
    text = (
        "Anne Wells listened. The name of Musgrove told him: “You are welcome here at any "
        "hour.”\n\n"
        "“Nothing lasts for ever, my dear,” wrote the history of Rome."
    )
    speakers = [speaker for _, speaker in _found(text)]
    assert len(speakers) == 2
    assert not any(s and s.startswith(("name of", "history of")) for s in speakers), speakers


def test_a_participle_after_an_irregular_past_is_its_subject_s() -> None:
    # "went", "sent", "gave": a verb in the past without -ed opens the clause a participle
    # hangs on, as "wrote" does; its subject, a description, speaks.
    text = "The old woman went to the window, saying “It will rain again before the night is out.”"
    assert _found(text) == [("It will rain again before the night is out.", "The old woman")]


def test_according_to_a_document_of_a_time_or_a_thing_names_no_author() -> None:
    # "a report in March", "a statement of facts": "in" and "of" give when it was written or
    # what it is, not who wrote it; a month, a year or a word in lower case is no speaker.
    text = (
        "According to a report in March, “the river is failing faster than any model "
        "predicted”.\n\n"
        "According to a statement of facts, the defendant “fled the scene before the police "
        "arrived”.\n\n"
        "According to a report published in 2019, the river was “failing faster than any "
        "model predicted”.\n\n"
        "According to a letter in the Harbor Gazette, the river was “failing faster than "
        "anyone feared”."
    )
    speakers = [speaker for _, speaker in _found(text)]
    assert speakers[3] == "the Harbor Gazette"
    assert not {"March", "facts", "2019"} & set(speakers), speakers


def test_a_pronoun_after_the_speech_verb_takes_the_that_itself() -> None:
    # "said she liked that “green corridor”": "she liked" is a clause of its own, and its
    # "that" points at a term, as after "praised"; the term is no quotation.
    text = "Councillor Ruth Abara said she liked that “green corridor” along the river."
    assert _found(text) == []


def test_a_body_after_phrases_set_off_by_commas_outranks_a_noun_inside_them() -> None:
    # "In a letter, the council sent …, stating": "a letter" is where it was said; the body
    # that opens the clause after the commas speaks.
    text = (
        "In a letter, the council sent its reply, stating: “The budget will be balanced next "
        "year.”\n\n"
        "Last week, in Paris, the union gave its answer, saying: “We will strike in May.”"
    )
    assert _found(text) == [
        ("The budget will be balanced next year.", "the council"),
        ("We will strike in May.", "the union"),
    ]


# The words the rules above start from, and what stands between them
_TRIGGER_WORDS = (
    "widow of the his her their remark reply words was were said warned that thanked sent went "
    "according to a statement from in March Ann Lee's Ann Lee saying stating OCDA On Jan. 4"
)
_TRIGGERS = st.sampled_from(
    [*_TRIGGER_WORDS.split(" "), " ", " ", ", ", ":", "--", "\n\n", "“", "”", "."]
)


@settings(max_examples=60, deadline=None)
@given(st.lists(_TRIGGERS, min_size=1, max_size=120), st.integers(1, 40))
def test_long_runs_of_the_rules_trigger_words_finish(parts: list[str], times: int) -> None:
    # Hostile input: the trigger words of these rules over and over; detection finishes and
    # returns quotations in order, inside the text, never overlapping.
    text = " ".join(parts) * times
    found = find_quotations(text)
    assert all(0 <= q.start < q.end <= len(text) for q in found)
    assert all(a.end <= b.start for a, b in pairwise(found))
