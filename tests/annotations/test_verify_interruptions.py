"""A draft may join the two parts of one speaker's quotation that the source breaks with a long
interruption ("…,” she said after the hearing, which ran late …, “…”): one paragraph, one
speaker, nothing in the narration that turns what follows. Joined, the quotation is exact, or
altered only where its words differ (issue 23, note 30: the second part was shown as added)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from annotations.quotations import find_quotations
from annotations.quotations.verify import best_alignment, pattern

OPENING = "Maria Lopez lost her case against the county on Friday. "
LONG = (
    OPENING + "“We will appeal,” she said after the hearing, which ran late into the evening in "
    "a packed courtroom, “and we will win.”"
)


def _speaker_of(text: str) -> Callable[[int, int], str | None]:
    found = find_quotations(text)
    return lambda start, end: next(
        (q.speaker for q in found if q.speaker and q.start < end and start < q.end), None
    )


def _check(text: str, quote: str) -> tuple[bool, str]:
    found = best_alignment(pattern(quote), text, speaker_of=_speaker_of(text))
    assert found is not None
    return found.exact, found.diff


@pytest.mark.parametrize(
    "text",
    [
        LONG,
        # An aside in the interruption holding a "not" turns nothing that is quoted.
        OPENING + "“We will appeal,” she said after the hearing, which was not open to the "
        "public or to the press, “and we will win.”",
        # Two sentences of narration between, in one paragraph.
        OPENING + "“We will appeal,” she said after the hearing. It had run late into the "
        "evening in a packed courtroom on the third floor. “And we will win,” she added.",
        # Thirty words.
        OPENING + "“We will appeal,” she told reporters on the steps of the courthouse after a "
        "hearing that ran late into the evening, with the gallery full and the jurors visibly "
        "tired by the end, “and we will win.”",
    ],
    ids=["fifteen-words", "an-aside-with-not", "two-sentences", "thirty-words"],
)
def test_one_speakers_quotation_joined_across_a_long_interruption_is_exact(text: str) -> None:
    exact, diff = _check(text, "We will appeal, and we will win.")
    assert exact, diff  # was altered, "{+and we will win+}", or not found at all


def test_joined_across_an_interruption_only_a_changed_word_shows() -> None:
    exact, diff = _check(LONG, "We will appeal, and we will prevail.")
    assert not exact
    assert diff == "We will appeal and we will [-win-]{+prevail+}"


@pytest.mark.parametrize(
    ("text", "dropped"),
    [
        # Another speaker's words after the interruption.
        (
            OPENING + "“We will appeal,” Lopez said after the hearing, which ran late into the "
            "evening in a packed courtroom. “And we will win,” her opponent Tom Baker said.",
            "[-Lopez said after the hearing",
        ),
        # Another paragraph.
        (
            OPENING + "“We will appeal,” she said after the hearing, which ran late into the "
            "evening.\n\n“And we will win,” she said on Saturday.",
            "[-she said after the hearing",
        ),
        # The narration leading into the second part turns it.
        (
            OPENING + "“We will appeal,” she said after the hearing, which ran late into the "
            "evening in a packed courtroom, though she would not say “and we will win.”",
            "though she would not say-]",
        ),
        # Over forty words of narration: not one quotation any more.
        (
            OPENING + "“We will appeal,” she said after the hearing, which ran late into the "
            "evening in a packed courtroom where the gallery had been full since the morning "
            "and where the jurors, tired by then, had listened to six hours of argument about "
            "the contract and the county's duties under it, “and we will win.”",
            "[-she said after the hearing",
        ),
    ],
    ids=["another-speaker", "another-paragraph", "a-turning-lead-in", "over-forty-words"],
)
def test_a_join_the_source_does_not_allow_shows_the_narration_dropped(
    text: str, dropped: str
) -> None:
    exact, diff = _check(text, "We will appeal, and we will win.")
    assert not exact
    assert dropped in diff


def test_an_interruption_that_names_someone_else_is_not_joined() -> None:
    # The detector gives both parts to Maria Lopez ("was more cautious:" is no tag it reads);
    # joined, the lawyer's words passed as hers, exact. A named person in between keeps it apart.
    text = (
        OPENING + "“We will appeal,” she said after the hearing. Her lawyer, Tom Baker, was "
        "more cautious: “and we will win.”"
    )
    exact, diff = _check(text, "We will appeal, and we will win.")
    assert not exact, diff


@pytest.mark.parametrize("lawyer", ["José Álvarez", "Zoë Öztürk", "Maria Baker"])
def test_an_interruption_that_names_someone_else_is_not_joined_whatever_the_name(
    lawyer: str,
) -> None:
    # An accented name ("José Álvarez") was no full name to the check, nor one that shares a
    # given name with the speaker's ("Maria Baker" for Maria Lopez): joined, exact.
    text = (
        OPENING + f"“We will appeal,” she said after the hearing. Her lawyer, {lawyer}, was "
        "more cautious: “and we will win.”"
    )
    exact, diff = _check(text, "We will appeal, and we will win.")
    assert not exact, diff
