"""Words that open a sentence before a name and are never part of it ("Once Brandt arrived")."""

from __future__ import annotations

from annotations.quotations import find_quotations


def test_once_opening_a_sentence_is_not_part_of_the_name_after_it() -> None:
    text = (
        "Ellen Brandt was hired in 1961.\n\n"
        "Once Brandt arrived in the lab, she learned fast. “He carried a lot in his head,” "
        "she said."
    )
    assert [q.speaker for q in find_quotations(text)] == ["Ellen Brandt"]
