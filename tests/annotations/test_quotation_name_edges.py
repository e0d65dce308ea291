"""Where a name starts and ends: an opener before it is not in it ("Once Brandt arrived"), a
particle joined to its surname is ("Bashar al-Assad")."""

from __future__ import annotations

from annotations.quotations import find_quotations


def test_once_opening_a_sentence_is_not_part_of_the_name_after_it() -> None:
    text = (
        "Ellen Brandt was hired in 1961.\n\n"
        "Once Brandt arrived in the lab, she learned fast. “He carried a lot in his head,” "
        "she said."
    )
    assert [q.speaker for q in find_quotations(text)] == ["Ellen Brandt"]


def test_an_arabic_article_joined_to_a_surname_stays_in_the_name() -> None:
    text = (
        "The talks ended.\n\n"
        "“We will win,” Syrian President Bashir al-Khatib said. “The war is over,” he added."
    )
    assert [q.speaker for q in find_quotations(text)] == ["Bashir al-Khatib"] * 2
