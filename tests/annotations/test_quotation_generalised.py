"""Speakers and spans for patterns seen across sources (issue 23, session 30): each test is one
class of error, written in new words."""

from __future__ import annotations

import pytest

from annotations.quotations import find_quotations


def _found(text: str) -> list[tuple[str, str | None, str | None]]:
    return [(q.text, q.speaker, q.role) for q in find_quotations(text)]


@pytest.mark.parametrize(
    ("tag", "speaker", "role"),
    [
        ("Lt. Dana Moss of the Coastal Patrol said:", "Dana Moss", "Lt."),
        ("Inspector in Charge Omar Vance of the Postal Service said:", "Omar Vance", None),
        ("Dana Moss of the Coastal Patrol told us:", "Dana Moss", None),
    ],
)
def test_person_of_a_body_before_the_quotation(tag: str, speaker: str, role: str | None) -> None:
    found = _found(f'{tag} "The boats were checked twice before dawn."')
    assert found[0][1] == speaker
    if role is not None:
        assert found[0][2] == role


def test_person_of_a_body_after_an_inverted_verb() -> None:
    text = (
        '"We looked at every ledger," said Chairwoman Ruth Ames of the Lake Band of River People.'
    )
    assert _found(text) == [("We looked at every ledger", "Ruth Ames", "Chairwoman")]


@pytest.mark.parametrize(
    ("title", "name"),
    [
        ("the Chief Justice of Lower Fenwick", "Ingrid Salo"),
        ("Port Works and Harbour Safety Director", "Ingrid Salo"),
        ("Fenwick Academy’s Principal", "Dr. Ingrid Salo"),
    ],
)
def test_name_after_a_whole_title_and_a_comma(title: str, name: str) -> None:
    found = _found(f'"The ferry will run again," said {title}, {name}.')
    assert found[0][1] == "Ingrid Salo"
