"""Merging a speaker's name variants across articles (issue 23)."""

from __future__ import annotations

from collections import Counter

from annotations.quotations.names import merge_names, name_key


def _shown(*names: str) -> dict[str, str]:
    return {name: speaker.name for name, speaker in merge_names(Counter(names)).items()}


def test_full_name_surname_and_role_are_one_person() -> None:
    shown = _shown("Thomas M. Menino", "Menino", "Mayor Menino", "Thomas Menino", "Mr. Menino")
    assert set(shown.values()) == {"Thomas M. Menino"}


def test_same_surname_different_given_names_stay_apart() -> None:
    shown = _shown("Bill Clinton", "Hillary Clinton", "Clinton", "H. Clinton")
    assert shown["Bill Clinton"] == "Bill Clinton"
    assert shown["Hillary Clinton"] == shown["H. Clinton"] == "Hillary Clinton"
    assert shown["Clinton"] == "Clinton"  # two people of that name: a lone surname is not guessed


def test_conflicting_middle_initials_stay_apart() -> None:
    shown = _shown("John A. Smith", "John B. Smith")
    assert shown["John A. Smith"] != shown["John B. Smith"]


def test_organisations_and_descriptions_merge_only_on_the_same_words() -> None:
    shown = _shown("the company", "The company", "Acme Corp", "the agency")
    assert shown["the company"] == shown["The company"]
    assert len(set(shown.values())) == 3


def test_name_key_drops_roles_honorifics_and_possessives() -> None:
    assert name_key("Mayor Menino") == ("menino",)
    assert name_key("Dr. Jane Roe’s") == ("jane", "roe")
    assert name_key("Police Commissioner Edward F. Davis") == ("edward", "f", "davis")
