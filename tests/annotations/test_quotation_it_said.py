"""An "it" never stands for a person: after a sentence whose subject is capitalised words that
show no person (no given name, no title), "it said" gives that subject, however it is spelt."""

from __future__ import annotations

from annotations.quotations import find_quotations


def _speakers(text: str) -> list[str | None]:
    return [q.speaker for q in find_quotations(text)]


def test_a_firm_named_like_a_person_is_what_it_stands_for() -> None:
    text = "Markets.\n\nHollis Sachs raised its forecast. “Demand is strong,” it said."
    assert _speakers(text) == ["Hollis Sachs"]


def test_a_firm_joined_by_an_ampersand() -> None:
    text = "Markets.\n\nBarton & Barton reported earnings. “Sales grew everywhere,” it said."
    assert _speakers(text) == ["Barton & Barton"]


def test_a_person_with_a_given_name_is_never_an_it() -> None:
    text = "Markets.\n\nAnn Lee raised her forecast. “Demand is strong,” it said."
    assert _speakers(text) == [None]
