"""Quotation detection: the seed article, the samples, the forms of issue 13 and hostile text."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from annotations.quotations import Quotation, find_quotations, quotation_at
from library.importer import build_article, parse_source, read_file
from library.model import Article

REPO = Path(__file__).resolve().parents[2]
SEED = REPO / "tests" / "fixtures" / "news" / "boston-secure-communities.txt"


def _article(path: Path) -> Article:
    return build_article(parse_source(read_file(path, 10_000_000)), str(path), "")


def _quotes(text: str) -> list[tuple[str, str | None]]:
    return [(q.text, q.speaker) for q in find_quotations(text)]


def test_seed_article_quotations_and_speakers() -> None:
    article = _article(SEED)
    found = find_quotations(article.text, article.blocks)
    by_start = {q.text.split()[0]: q for q in found}
    typewriter = next(q for q in found if q.text.startswith("We want the federal government"))
    assert typewriter.speaker == "Thomas M. Menino"
    assert typewriter.role == "Boston Mayor"
    assert typewriter.text.endswith("broken tail light")
    block = [q for q in found if q.kind == "block"]
    assert [q.text for q in block] == [
        "The program has been a disaster for the trust we built in our neighborhoods",
        "It should be fixed, or it should be scrapped.",
    ]
    assert {q.speaker for q in block} == {"Thomas M. Menino"}
    ice = by_start["uses"]
    assert ice.speaker == "U.S. Immigration and Customs Enforcement (ICE)"
    assert ice.kind == "partial"
    davis = by_start["Public"]
    assert (davis.speaker, davis.role) == ("Edward F. Davis", "Police Commissioner")
    for quote in found:
        assert article.text[quote.start : quote.end] == quote.text


def test_samples_attribute_every_quotation() -> None:
    for path in sorted((REPO / "library" / "samples").iterdir()):
        article = _article(path)
        found = find_quotations(article.text, article.blocks)
        assert found, path.name
        assert all(q.speaker for q in found), [(q.text, q.speaker) for q in found]
    petition = _article(REPO / "library" / "samples" / "harbour-street-traders-petition.md")
    found = find_quotations(petition.text, petition.blocks)
    statement = next(q for q in found if q.kind == "block")
    assert statement.speaker == "Riverton City Council"
    assert "— Statement" not in statement.text


def test_apostrophes_are_not_quote_marks() -> None:
    text = "Menino’s aides don’t recall the ’90s, and the Traders’ Association agreed."
    assert find_quotations(text) == []
    assert find_quotations("It's the '80s again, isn't it? Rock 'n' roll.") == []


def test_straight_curly_and_single_quotes() -> None:
    text = (
        'Aisha Rahman, the council leader, said: "We will act." '
        "The mayor replied: ‘Not yet,’ and left."
    )
    assert _quotes(text) == [("We will act.", "Aisha Rahman"), ("Not yet", "The mayor")]


def test_quote_over_paragraphs_keeps_its_speaker() -> None:
    text = (
        "Police Chief Marisol Vega spoke after the vote.\n\n"
        "“We heard the residents. We will change the patrols.\n\n"
        "“And we will report back in a month,” she said."
    )
    [quote] = find_quotations(text)
    assert quote.text.startswith("We heard the residents.")
    assert quote.text.endswith("report back in a month")
    assert (quote.speaker, quote.role) == ("Marisol Vega", None) or quote.speaker == "Marisol Vega"


def test_surname_pronoun_role_and_unattributed() -> None:
    text = (
        "Police Chief Marisol Vega and councillor Aisha Rahman met on Monday.\n"
        "“The street is safe,” Vega said.\n"
        "“We disagree,” Rahman said. “It is not.”\n"
        "Later she told the council that “nothing has changed since March.”\n"
        "A crowd waited outside.\n"
        "“Nobody knows what happens next.”"
    )
    found = find_quotations(text)
    assert [(q.text, q.speaker) for q in found] == [
        ("The street is safe", "Marisol Vega"),
        ("We disagree", "Aisha Rahman"),
        ("It is not.", "Aisha Rahman"),
        ("nothing has changed since March.", "Aisha Rahman"),
        ("Nobody knows what happens next.", None),
    ]
    assert found[0].role == "Police Chief"


def test_according_to_an_organisation() -> None:
    text = "According to the Food Standards Agency website, the pills are “not fit to eat.”"
    [quote] = find_quotations(text)
    assert quote.speaker == "Food Standards Agency"


def test_scare_quotes_titles_and_headings_are_not_quotations() -> None:
    text = (
        "The so-called “metadata” rules were buoyed by a string of “wins”. "
        "She loved “The Kiss Was Beautiful” and the “Blue House” garden."
    )
    assert find_quotations(text) == []


def test_quotation_at_finds_the_quote_around_a_selection() -> None:
    text = "“We will act,” said Aisha Rahman. Then nothing."
    found = find_quotations(text)
    start = text.index("will")
    assert quotation_at(found, start, start + 4) == found[0]
    assert quotation_at(found, text.index("Then"), text.index("Then") + 4) is None


_PIECES = st.sampled_from(
    [*"ab .,\n“”\"'‘’>—:A", "’’", "‘‘", "''", "``", " said X", "Mr. Y", " he ", "according to "]
)


@given(st.lists(_PIECES, max_size=60).map("".join))
def test_spans_in_bounds_ordered_and_exact(text: str) -> None:
    found = find_quotations(text)
    previous_end = 0
    for quote in found:
        assert isinstance(quote, Quotation)
        assert 0 <= quote.start < quote.end <= len(text)
        assert quote.start >= previous_end
        assert text[quote.start : quote.end] == quote.text
        assert quote.speaker is None or any(c.isalnum() for c in quote.speaker)
        previous_end = quote.end


def test_according_to_nothing_but_marks_names_nobody() -> None:
    # The words after "according to" are only quote marks: no speaker, and no crash (the
    # empty name once raised IndexError while the article was weighed as an essay). The "l"
    # is no one's word (no speech verb beside it) and is not kept; "said" keeps it.
    (quote,) = find_quotations("according to ''”\"l\" said")
    assert (quote.text, quote.speaker) == ("l", None)


@given(st.text())
def test_never_raises_on_arbitrary_text(text: str) -> None:
    for quote in find_quotations(text):
        assert text[quote.start : quote.end] == quote.text


def test_a_name_after_a_sentence_end_inside_a_run_of_capitals_is_read() -> None:
    # "Jason Beghe. Tom Rathbun" is one run of capitalised words; the sentence end cuts it and
    # the search starts again after the cut, so "Tom Rathbun" gives the surname its full name.
    text = (
        "The film starred actor Jason Beghe. Tom Rathbun requested a meeting with him.\n\n"
        "“We will not win this one,” Rathbun said."
    )
    (quote,) = find_quotations(text)
    assert quote.speaker == "Tom Rathbun"
