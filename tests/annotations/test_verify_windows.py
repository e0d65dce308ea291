"""Each place of a draft quotation in a source is aligned once, in a window of whole words
(issue 23, review of verify): every anchor phrase of the quotation finds the same place, and
the window read around each find is cut by characters."""

from __future__ import annotations

import pytest

import annotations.quotations.verify as verify
from annotations.quotations.verify import Alignment, best_alignment, pattern

QUOTE = "the council would rebuild the harbour wall before the winter storms arrive in the north"


def _counting(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Record the origin of every alignment best_alignment makes."""
    origins: list[int] = []
    original = verify._align

    def counted(*args: object, **kwargs: object) -> Alignment | None:
        origins.append(args[4])  # type: ignore[arg-type]
        return original(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(verify, "_align", counted)
    return origins


def test_a_place_found_by_every_phrase_is_aligned_once(monkeypatch: pytest.MonkeyPatch) -> None:
    text = f"The mayor spoke at noon. He said {QUOTE} of the county, then he left the hall."
    draft = pattern(QUOTE)
    assert len(verify.anchor_phrases(draft)) == 3  # three phrases, each finding the same place
    origins = _counting(monkeypatch)
    found = best_alignment(draft, text)
    assert found is not None and found.exact
    assert len(origins) == 1


def test_a_quotation_whose_words_stand_far_apart_is_found_whole(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A rule of dots (a table's leader, a transcript's pause) between two words of the quotation:
    # hundreds of characters that are no words. Read by characters, the window around the
    # first phrase ended before "wall", and the one around the last began after "harbour".
    leader = " ·" * 400
    text = (
        "The mayor said the council would rebuild the harbour"
        f"{leader} wall before the winter storms arrive in the north of the county."
    )
    origins = _counting(monkeypatch)
    found = best_alignment(pattern(QUOTE), text)
    assert found is not None
    assert found.exact and found.matched == len(QUOTE.split())
    assert text[found.start : found.end].startswith("the council would")
    assert text[found.start : found.end].endswith("in the north")
    assert len(origins) == 1


def test_the_same_source_twice_gives_two_places_and_the_better_one_wins() -> None:
    # A window of whole words keeps the places apart: the exact one is chosen over the changed.
    changed = QUOTE.replace("rebuild", "repair")
    text = f"Last year: {changed}. This year, the mayor said {QUOTE}."
    found = best_alignment(pattern(QUOTE), text)
    assert found is not None and found.exact
    assert found.start == text.index(QUOTE)
