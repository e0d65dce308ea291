"""Merging a speaker's name variants across articles (issue 23)."""

from __future__ import annotations

from collections import Counter

from annotations.quotations.names import merge_in_articles, merge_names, name_key
from annotations.quotations.verify import same_speaker


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


def _in_articles(**articles: list[str]) -> dict[tuple[str, str], str]:
    return {where: s.name for where, s in merge_in_articles(articles).items()}


def test_a_given_name_joins_the_one_full_name_of_its_article() -> None:
    shown = _in_articles(
        a=["Fiona"] * 3 + ["Fiona Parry"] * 2 + ["Tom Reed"],
        b=["Fiona"],  # another article, no full name: a given name alone is never carried over
    )
    assert shown[("a", "Fiona")] == shown[("a", "Fiona Parry")] == "Fiona Parry"
    assert shown[("b", "Fiona")] == "Fiona"
    speaker = merge_in_articles({"a": ["Fiona", "Fiona Parry"]})[("a", "Fiona")]
    assert speaker.variants == ("Fiona", "Fiona Parry")


def test_a_surname_written_first_joins_its_full_name() -> None:
    shown = _in_articles(a=["Lee", "Lee Jae-myung", "Lee", "Yoon Suk Yeol"])
    assert shown[("a", "Lee")] == shown[("a", "Lee Jae-myung")] == "Lee Jae-myung"


def test_a_short_form_two_people_of_its_article_share_stays_apart() -> None:
    shown = _in_articles(
        a=["Bill Clinton", "Hillary Clinton", "Clinton"],
        b=["Fiona Parry", "Fiona Hale", "Fiona"],
        c=["Clinton", "Bill Clinton"],  # one Clinton here: this article's Clinton is Bill
    )
    assert shown[("a", "Bill Clinton")] == "Bill Clinton"
    assert shown[("a", "Hillary Clinton")] == "Hillary Clinton"
    assert shown[("a", "Clinton")] == "Clinton"
    assert shown[("b", "Fiona")] == "Fiona"
    assert shown[("c", "Clinton")] == "Bill Clinton"


def test_a_short_form_two_people_of_its_article_can_stand_for_is_given_to_neither() -> None:
    # "Lee" begins Lee Jae-myung's name and ends Ann Lee's: in that article it is neither, even
    # though the library's only surname Lee (Ann Lee's) would take it in an article without him.
    shown = _in_articles(a=["Lee", "Lee Jae-myung", "Ann Lee"], b=["Lee", "Ann Lee"])
    assert shown[("a", "Lee")] == "Lee"
    assert shown[("b", "Lee")] == "Ann Lee"


def test_an_organisation_is_no_person_a_one_word_name_could_stand_for() -> None:
    shown = _in_articles(
        a=["Trump", "Donald Trump", "Trump Organization"], b=["Harvard", "Harvard University"]
    )
    assert shown[("a", "Trump")] == "Donald Trump"
    assert shown[("b", "Harvard")] == "Harvard"  # organisations merge only with the same words


def test_an_organisation_with_a_qualifier_is_not_the_bare_name() -> None:
    # "Reuters" was moved onto "Reuters Television" in an article quoting both.
    shown = _in_articles(
        a=["Reuters", "Reuters Television", "Reuters"],
        b=["Gates", "Bill Gates", "Gates Foundation"],
        c=["NBC", "NBC News"],
        d=["Thomas M. Menino", "Menino", "Mayor Menino"],
        e=["Bill Clinton", "Hillary Clinton"],
    )
    assert shown[("a", "Reuters")] == "Reuters"
    assert shown[("a", "Reuters Television")] == "Reuters Television"
    assert shown[("b", "Gates")] == "Bill Gates"  # the person, not the foundation
    assert shown[("b", "Gates Foundation")] == "Gates Foundation"
    assert shown[("c", "NBC")] != shown[("c", "NBC News")]
    assert {shown[("d", n)] for n in ("Thomas M. Menino", "Menino", "Mayor Menino")} == {
        "Thomas M. Menino"
    }
    assert shown[("e", "Bill Clinton")] != shown[("e", "Hillary Clinton")]
    across = _shown("Reuters", "Reuters Television", "Fox", "Fox News")
    assert len(set(across.values())) == 4


def test_verify_tells_a_qualified_organisation_from_the_bare_name() -> None:
    # A draft giving Reuters Television's words to "Reuters" was not misattributed.
    assert not same_speaker("Reuters", "Reuters Television")
    assert not same_speaker("Reuters Television", "Reuters")
    assert not same_speaker("Bill Clinton", "Hillary Clinton")
    assert same_speaker("Menino", "Thomas M. Menino")
    assert same_speaker("Mayor Menino", "Thomas M. Menino")
    # A qualifier inside a person's title is no organisation of theirs.
    assert same_speaker("Jen Psaki", "White House Press Secretary Jen Psaki")
    assert same_speaker("Boston Police", "Boston Police Department")
