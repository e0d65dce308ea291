"""Runs of capitalised words cut by full stops: each sentence's part is read once, so a run of
many one-word sentences costs its length, not its length times its stops."""

from __future__ import annotations

import random
import re
from collections.abc import Iterator

from hypothesis import given, settings
from hypothesis import strategies as st

from annotations.quotations import find_quotations, speakers


def _words(count: int, seed: int = 5) -> list[str]:
    rng = random.Random(seed)
    return [
        "".join(rng.choice("bcdfghklmnprstvz") + rng.choice("aeiou") for _ in range(3)).title()
        for _ in range(count)
    ]


def _runs(text: str) -> list[tuple[int, str]]:
    return [(m.start(), m.group()) for m in speakers._name_runs(text, 0, len(text), {}, set(), {})]


def test_a_run_of_many_one_word_sentences_is_read_once_and_its_speaker_kept() -> None:
    # A list of 3,000 capitalised one-word sentences is one run of capitals with 3,000 stops;
    # each stop searched the rest of the run again: 4.5 M characters read for 24,000.
    listing = " ".join(f"{word}." for word in _words(3_000))
    text = f"“We sail at dawn,” said Ana Ruiz. {listing} “The wind is good,” she said."
    runs = _runs(text)
    assert sum(len(run) for _, run in runs) <= len(text)
    assert runs[1] == (text.index("Ana"), "Ana Ruiz.")
    assert [q.speaker for q in find_quotations(text)] == ["Ana Ruiz", "Ana Ruiz"]


def test_a_long_word_before_a_stop_is_read_as_one_word() -> None:
    # The word before a stop was searched for from every character of the run before it.
    long = "Q" + "x" * 5_000
    assert speakers._within_sentence(f"{long} Porter. She Said") == f"{long} Porter."
    assert speakers._within_sentence(f"Ann {long}. She") == f"Ann {long}."
    assert speakers._within_sentence("Mr. Lee Went. Home") == "Mr. Lee Went."


def _runs_as_before(text: str) -> Iterator[tuple[int, str]]:
    """The runs as they were found before (each stop searched the rest of the run again), each
    cut to its first sentence: what _collect_names read of them."""
    at = 0
    while True:
        for match in speakers._NAME_SCAN.finditer(text, at):
            run = match.group()
            titled = (
                speakers._titled_name(text, match, len(text))
                if text.startswith(speakers._LINK_AFTER, match.end())
                else None
            )
            if titled is not None:
                yield titled.start(), titled.group()
                at = titled.end()
                break
            within = speakers._within_sentence(run)
            yield match.start(), within
            if len(within) < len(run):
                at = match.start() + len(within)
                break
        else:
            return


_PIECES = st.sampled_from(
    ["Ana", "Ruiz.", "Mr.", "U.S.", "Lee", "(DA)", "de", "of", "Police", "Chief", "the", "x.", "A."]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=30), st.lists(st.sampled_from([" ", "  ", "\n"]), max_size=30))
def test_runs_are_the_runs_read_before_cut_to_a_sentence(
    pieces: list[str], gaps: list[str]
) -> None:
    text = "".join(p + (gaps[i] if i < len(gaps) else " ") for i, p in enumerate(pieces))
    runs = _runs(text)
    assert runs == list(_runs_as_before(text))
    assert all(speakers._within_sentence(run) == run for _, run in runs)
    assert all(re.fullmatch(r"\S(.*\S)?", run, re.S) for _, run in runs)
