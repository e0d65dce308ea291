"""The Annotation model cleans the text it is given, whichever way it is built."""

from __future__ import annotations

import pytest

from annotations.model import Annotation

HOSTILE_STANCE = "\x1b]2;PWNED\x07x"
HOSTILE_SPEAKER = "\x1b[31mAnn\n  Lee\x9b"
HOSTILE_NOTE = "first line\n\x1b]52;c;aGk=\x07second\tline\r\nthird\x00"


def has_controls(value: str, keep: str = "") -> bool:
    """Whether value holds a C0/C1 control or DEL other than those in keep."""
    return any((ord(c) < 32 or 0x7F <= ord(c) <= 0x9F) and c not in keep for c in value)


def test_stance_speaker_and_note_are_cleaned() -> None:
    ann = Annotation(
        "a", 0, 5, "quote", stance=HOSTILE_STANCE, speaker=HOSTILE_SPEAKER, note=HOSTILE_NOTE
    )
    assert ann.stance == "]2;PWNEDx"
    assert ann.speaker == "[31mAnn Lee"
    assert ann.note == "first line\n]52;c;aGk=second\tline\nthird"  # newlines and tabs kept
    assert not has_controls(ann.stance) and not has_controls(ann.speaker)
    assert not has_controls(ann.note, keep="\n\t")


@pytest.mark.parametrize("empty", ["", "   ", "\x1b\x07", "\n\t"])
def test_a_stance_or_speaker_of_nothing_is_none(empty: str) -> None:
    ann = Annotation("a", 0, 5, "quote", stance=empty, speaker=empty)
    assert ann.stance is None and ann.speaker is None


def test_none_stays_none_and_clean_values_are_kept() -> None:
    ann = Annotation("a", 0, 5, "quote", stance="support", speaker="Ann Lee", note="a\n\tb")
    assert (ann.stance, ann.speaker, ann.note) == ("support", "Ann Lee", "a\n\tb")
    plain = Annotation("a", 0, 5, "quote")
    assert (plain.stance, plain.speaker, plain.note) == (None, None, "")


def test_every_way_of_building_cleans() -> None:
    data = Annotation("a", 0, 5, "quote").to_dict()
    loaded = Annotation.from_dict({**data, "stance": HOSTILE_STANCE, "note": HOSTILE_NOTE})
    assert loaded.stance == "]2;PWNEDx" and not has_controls(loaded.note, keep="\n\t")
    changed = loaded.changed(speaker=HOSTILE_SPEAKER, stance="\x1b")
    assert changed.speaker == "[31mAnn Lee" and changed.stance is None
    made = Annotation.from_span("a", "some text here", 5, 9, stance=HOSTILE_STANCE)
    assert made.stance == "]2;PWNEDx"
