"""Quotation detection across house styles (issue 23): one test for each cause that failed."""

from __future__ import annotations

import pytest

from annotations.quotations import find_quotations
from annotations.quotations.verbs import SPEECH_PHRASES, SPEECH_VERBS, SPEECH_WORDS
from library.importer import build_article, parse_source, read_file
from tests.conftest import SHARED


def _found(text: str) -> list[tuple[str, str | None]]:
    return [(q.text, q.speaker) for q in find_quotations(text)]


@pytest.mark.parametrize(
    ("opening", "closing"), [("''", "''"), ("``", "''"), ("‘‘", "’’"), ("’’", "’’")]
)
def test_typewriter_marks_pair_by_position(opening: str, closing: str) -> None:
    text = (
        f"{opening}The harbour needs dredging before winter,{closing} Ms. Okafor said. "
        f"Dock workers nodded along at the back of the hall. "
        f"{opening}We cannot wait for another storm,{closing} she added."
    )
    assert _found(text) == [
        ("The harbour needs dredging before winter", "Okafor"),
        ("We cannot wait for another storm", "Okafor"),
    ]


def test_narration_between_typewriter_quotations_is_not_a_quotation() -> None:
    text = (
        "''Prices went up,'' said Carl Jensen, a grocer.\n\n"
        "Shoppers on Main Street kept their lists short that week.\n\n"
        "''Nobody buys cherries now,'' Mr. Jensen said."
    )
    found = _found(text)
    assert [t for t, _ in found] == ["Prices went up", "Nobody buys cherries now"]
    assert {s for _, s in found} == {"Carl Jensen"}


def test_short_attributed_quotation_is_kept_with_its_speaker() -> None:
    text = "Governor Ellen Marsh called the protesters “paid agitators.” The crowd booed."
    assert _found(text) == [("paid agitators.", "Ellen Marsh")]


def test_scare_quotes_and_titles_get_no_invented_speaker() -> None:
    text = (
        "“We will rebuild the pier,” said Mayor Ravi Patel. "
        "He toured Dover's “golden mile,” a row of cafés. "
        "The town's “pier problem” is older than he is. "
        "He then watched “The Long Goodbye” at the cinema."
    )
    assert _found(text) == [("We will rebuild the pier", "Ravi Patel")]


def test_a_short_quotation_with_a_speech_verb_far_off_and_no_speaker_is_a_name() -> None:
    # "found" is a verb of saying ("the court found"), but here a passive one of the clause
    # before: no one's words are quoted, the brands are names.
    text = "When the boat was found, it carried a “Harbourline” brand radio and “SeaKing” rope."
    assert _found(text) == []


def test_a_short_quotation_right_after_a_passive_speech_verb_is_kept() -> None:
    text = "The closure, which was described as “unprecedented,” left the island cut off."
    assert _found(text) == [("unprecedented", None)]


def test_affirmed_is_a_verb_of_saying() -> None:
    text = "On the panel, Ana Ruiz affirmed that “the harbour will reopen before the winter.”"
    assert _found(text) == [("the harbour will reopen before the winter.", "Ana Ruiz")]


def test_a_word_in_marks_after_supposedly_is_a_scare_quote() -> None:
    text = "Ana Ruiz said skippers face fines for supposedly “reckless” mooring at the pier."
    assert _found(text) == []


def test_a_name_after_known_as_the_is_not_a_quotation() -> None:
    text = "Ana Ruiz said the pair ran a scheme known as the “cash for the keys” for a year."
    assert _found(text) == []


def test_a_slogan_is_not_a_quotation() -> None:
    text = "Under the slogan “bread and work now,” the march crossed the bridge at noon."
    assert _found(text) == []


def test_a_title_after_the_work_it_names_is_not_a_quotation() -> None:
    # Long, with a colon and words in lower case: the title-case rule alone does not catch it.
    text = (
        "In her book “Harbours at Night: What the Tide Leaves that Nobody Wants,” "
        "Ines Varga wrote of the docks she grew up beside."
    )
    assert _found(text) == []


def test_a_stray_straight_mark_does_not_pair_with_the_next_quotations_opening() -> None:
    text = (
        'The probe reached the comet (also known as "Tempel 9) in March. Ana Ruiz, who flew it, '
        'said "the landing was as clean as any we have flown" and went home.'
    )
    assert _found(text) == [("the landing was as clean as any we have flown", "Ana Ruiz")]


@pytest.mark.parametrize(
    "text",
    [
        "According to the investigation, the two crews, the Dockside “Six” and the Pier “Kings,” "
        "met at the ferry gate.",
        "The boys dared a friend to play a “knock and run,” so they drove to a house on Elm "
        "Street, according to an investigation by the county police.",
    ],
)
def test_a_term_in_a_sentence_sourced_to_an_inquiry_has_no_speaker(text: str) -> None:
    # "according to" names where the facts come from; nobody says the words in marks.
    assert _found(text) == []


def test_a_short_quotation_tagged_with_according_to_is_kept() -> None:
    text = "The new ferry timetable is “a shambles,” according to the harbour report."
    assert [quoted for quoted, _ in _found(text)] == ["a shambles"]


@pytest.mark.parametrize(
    "verb",
    ["groused", "quipped", "scoffed", "opined", "pressed", "tweeted", "wrote in a statement"],
)
def test_speech_verbs_outside_the_old_list(verb: str) -> None:
    text = f"“The ferry timetable is a joke,” Dana Whitfield {verb} on Tuesday."
    assert _found(text) == [("The ferry timetable is a joke", "Dana Whitfield")]


def test_speech_verb_list_is_documented_and_large() -> None:
    assert len(SPEECH_WORDS) >= 100
    assert {"according to", "in a statement", "wrote in a statement"} <= set(SPEECH_PHRASES)
    assert {"tweeted", "groused", "quipped", "scoffed", "opined", "pressed"} <= SPEECH_VERBS
    assert all(w == w.casefold() and w.strip() == w for w in SPEECH_WORDS)


def test_verb_followed_by_to_and_a_verb_is_not_speech() -> None:
    text = "Tensions between the unions continued to run hot over the “final offer” on wages."
    assert _found(text) == []


def test_partial_quotation_after_a_verb_of_saying_takes_its_subject() -> None:
    text = "Lena Hart groused to a crowd in Leeds that the council “never answers my letters”."
    assert _found(text) == [("never answers my letters", "Lena Hart")]


def test_party_and_state_are_not_the_speaker() -> None:
    text = (
        "“The bridge bill is dead on arrival,” Rep. John Mica (R-Fla.) said.\n\n"
        "“That is simply untrue,” said Sen. Claire McCaskill (D-Mo.), who sits on the panel."
    )
    assert _found(text) == [
        ("The bridge bill is dead on arrival", "John Mica"),
        ("That is simply untrue", "Claire McCaskill"),
    ]


def test_organisation_after_an_inverted_verb() -> None:
    text = "“The levy is a tax on breathing,” opined Cleveland's Plain Dealer."
    assert _found(text) == [("The levy is a tax on breathing", "Cleveland's Plain Dealer")]


def test_pronoun_takes_the_salient_subject_not_the_last_name() -> None:
    text = (
        "“We will win the vote,” said Mayor Ann Porter. She thanked her deputy, Tom Reed, for his "
        "work. “It was a team effort,” she said."
    )
    assert [s for _, s in _found(text)] == ["Ann Porter", "Ann Porter"]


def test_pronoun_uses_gender_where_the_text_gives_it() -> None:
    text = (
        "Hillary Clinton spoke first. Her husband Bill Clinton joined her later. "
        "“I am proud of her,” he said."
    )
    assert _found(text) == [("I am proud of her", "Bill Clinton")]


def test_pronoun_prefers_the_subject_over_a_name_in_the_object() -> None:
    text = "Mayor Jane Smith met the governor, Tom Brown, on Friday. “We talked roads,” she said."
    assert _found(text) == [("We talked roads", "Jane Smith")]


def test_nested_quotation_is_one_quotation() -> None:
    text = (
        "“Many of those elected from [Cruz's] “list” are firmly undecided,” said Bob Vander Plaats."
    )
    assert _found(text) == [
        ("Many of those elected from [Cruz's] “list” are firmly undecided", "Bob Vander Plaats")
    ]


def test_nested_straight_quotation_is_one_quotation() -> None:
    text = '"The word "sorry" never came up," said Ines Duarte.'
    assert _found(text) == [('The word "sorry" never came up', "Ines Duarte")]


def test_two_quotations_nested_in_one_leave_it_one() -> None:
    inner = (
        'She broke every "rule" of the trade, and this "one chance in a life" is the reward '
        "she earned."
    )
    text = f'Nora Blix said of her mentor: "{inner}"'
    assert [quoted for quoted, _ in _found(text)] == [inner]


def test_a_quotation_whose_words_a_page_set_on_lines_of_their_own_is_one() -> None:
    # Emphasised words of a speech, each on a line of its own, break the paragraph five times
    # before the closing mark; none of the pieces ends a sentence.
    pieces = [
        "Critics say any change to the ferry budget is a plot to close it. But what we all",
        "should",
        "want – and what",
        "I certainly do want",
        "– is not to close the ferry, but to",
        "make it run on time.",
    ]
    text = "Excerpts from the mayor's speech:\n\n“" + "\n\n".join(pieces) + "”\n"
    assert [quoted for quoted, _ in _found(text)] == ["\n\n".join(pieces)]


def test_role_drops_the_day_it_was_written_after() -> None:
    text = "On Monday Boston mayor Thomas M. Menino said the plan “must change.”"
    (quote,) = find_quotations(text)
    assert (quote.speaker, quote.role) == ("Thomas M. Menino", "Boston mayor")


def test_founding_seed_names_menino_and_the_agency() -> None:
    path = SHARED / "corpus" / "seed" / "boston-secure-communities-2011.txt"
    if not path.exists():
        pytest.skip(f"{path} is absent (shared corpus not laid out)")
    article = build_article(parse_source(read_file(path, 10_000_000)), str(path), "")
    found = find_quotations(article.text, article.blocks)
    menino = [q for q in found if q.speaker == "Thomas M. Menino"]
    assert len(menino) == 3
    assert {q.role for q in menino} == {"Boston mayor"}
    (agency,) = [q for q in found if q.text.startswith("prioritizes the removal")]
    assert agency.speaker == "U.S. Immigration and Customs Enforcement (ICE)"
    assert len(found) == 4


def test_a_time_before_the_clause_is_not_the_speaker() -> None:
    text = (
        "Earlier Tuesday, Premier Ana Ruiz defended the budget in a short address, saying it "
        "“keeps every promise we made.”"
    )
    assert _found(text) == [("keeps every promise we made.", "Ana Ruiz")]
