"""The list of an article's highlights shows a note written on no words by its place."""

from __future__ import annotations

from annotations.model import Annotation
from tui.widgets.annotation_list import annotation_prompt


def test_a_note_on_no_words_is_listed_by_its_place_not_as_empty_quotes() -> None:
    note = Annotation("walden", 58, 58, "", note="A thought of my own.", place="300")
    shown = annotation_prompt(note, ()).plain
    assert shown.splitlines()[0] == "note at 300"
    assert "“”" not in shown and "A thought of my own." in shown
