"""Runs of capitalised words cut by full stops: each sentence's part is read once, so a run of
many one-word sentences costs its length, not its length times its stops."""

from __future__ import annotations

import random

import pytest

from annotations.quotations import find_quotations, speakers


def _words(count: int, seed: int = 5) -> list[str]:
    rng = random.Random(seed)
    return [
        "".join(rng.choice("bcdfghklmnprstvz") + rng.choice("aeiou") for _ in range(3)).title()
        for _ in range(count)
    ]


def test_a_run_of_many_one_word_sentences_is_read_once_and_its_speaker_kept(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A list of 3,000 capitalised one-word sentences is one run of capitals with 3,000 stops;
    # each stop searched the rest of the run again and read it as a new run: 36 M characters
    # read for 24,000.
    listing = " ".join(f"{word}." for word in _words(3_000))
    text = f"“We sail at dawn,” said Ana Ruiz. {listing} “The wind is good,” she said."
    read: list[str] = []
    real = speakers._name_run.__wrapped__

    def recording(found: str) -> tuple[int, str | None, str, str, str, tuple[str, ...]]:
        read.append(found)
        return real(found)

    monkeypatch.setattr(speakers, "_name_run", recording)
    assert [q.speaker for q in find_quotations(text)] == ["Ana Ruiz", "Ana Ruiz"]
    assert "Ana Ruiz." in read
    assert sum(len(found) for found in read) <= len(text)


def test_a_long_word_before_a_stop_is_read_as_one_word() -> None:
    # The word before a stop was searched for from every character of the run before it.
    long = "Q" + "x" * 5_000
    assert speakers._within_sentence(f"{long} Porter. She Said") == f"{long} Porter."
    assert speakers._within_sentence(f"Ann {long}. She") == f"Ann {long}."
    assert speakers._within_sentence("Mr. Lee Went. Home") == "Mr. Lee Went."
