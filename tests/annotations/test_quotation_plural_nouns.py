"""Speech verbs that are also plural nouns ("states", "reports", "claims"): before "whose", an
auxiliary or a verb of a plural subject they are the noun, and the word before them no speaker."""

from __future__ import annotations

import pytest

from annotations.quotations import find_quotations, speakers


def _speakers(text: str) -> list[str | None]:
    return [q.speaker for q in find_quotations(text)]


def test_states_before_whose_is_no_verb_and_its_adjective_no_speaker() -> None:
    # "Western" was the subject of a verb "states" and spoke the scare quote.
    text = (
        "Hackers sold the records of residents of Western states whose data leaked in past "
        "“data breaches” at hospitals."
    )
    at = text.index("states")
    assert all(start != at for start, _ in speakers.verbs_in(text))
    assert "Western" not in _speakers(text)


@pytest.mark.parametrize(
    ("text", "adjective"),
    [
        ("Several states say “the rule is unlawful and should go.”", "Several"),
        ("“The rule is unlawful,” Western states argued.", "Western"),
        ("News reports stated that the lawyer was “held without charge for weeks.”", "News"),
    ],
)
def test_a_plural_noun_before_its_verb_leaves_no_adjective_as_speaker(
    text: str, adjective: str
) -> None:
    # The noun's adjective was taken for a name speaking through the verb "states"/"reports".
    found = _speakers(text)
    assert found and adjective not in found
    assert all(s is None or s.endswith(("states", "reports")) for s in found)


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("Ana Ruiz states: “We will not pay for this wall.”", "Ana Ruiz"),
        ("Trump calls reports of his health “fake news from people who hate us.”", "Trump"),
        ("Ana Ruiz asks whose idea it was: “Who wanted this wall at all?”", "Ana Ruiz"),
        ("The report states that “the rule is unlawful and must go.”", "The report"),
        ("Mr. Lee claims would-be buyers “were never told the price.”", "Lee"),
    ],
)
def test_the_verb_reading_stays_where_no_verb_follows(text: str, speaker: str) -> None:
    assert _speakers(text) == [speaker]
