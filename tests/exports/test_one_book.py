"""One book from two devices: Kindle's and KOReader's highlights of it land in one article."""

from __future__ import annotations

import json
from pathlib import Path

from annotations.citation import format_quote
from annotations.workspace import Workspace
from tests.exports.conftest import SAMPLES, books

# Kindle writes the author "Last, First", accents and all; KOReader "First Last".
CLIPPINGS = (
    "Walden (Thoreau, Henry David)\n"
    "- Your Highlight on Location 1041-1044 | Added on Sunday, 9 October 2016 12:13:14\n\n"
    "The mass of men lead lives of quiet desperation.\n"
    "==========\n"
    "Walden (Thoreau, Henry David)\n"
    "- Your Highlight on Location 2210-2212 | Added on Sunday, 9 October 2016 12:20:00\n\n"
    "Simplify, simplify.\n"
    "==========\n"
)


def _kindle(tmp_path: Path, text: str = CLIPPINGS) -> Path:
    path = tmp_path / "My Clippings.txt"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_kindle_book_and_the_same_book_from_koreader_are_one_article(tmp_path: Path) -> None:
    # Before, "Thoreau, Henry David" and "Henry David Thoreau" made two "Walden" articles. Each
    # import is its own run, as two `margin import`s are: the book an earlier one made is found.
    Workspace(tmp_path / "lib").imports.run(_kindle(tmp_path))
    workspace = Workspace(tmp_path / "lib")
    workspace.imports.run(SAMPLES / "koreader-export.json")  # "The mass of men…" too, page 7
    (meta,) = workspace.articles.listing()
    book = workspace.articles.get(meta.id)
    # Named and counted as the first import named it: Kindle locations.
    assert (book.title, book.authors, book.locator) == (
        "Walden",
        ["Thoreau, Henry David"],
        "location",
    )
    quotes = books(workspace)[meta.id]
    # The words both devices highlighted are one highlight, on one passage.
    assert quotes.count("The mass of men lead lives of quiet desperation.") == 1
    assert "Simplify, simplify." in quotes
    assert any(q.startswith("I went to the woods") for q in quotes)
    # The passage both devices have is there once, at its Kindle location; KOReader's other
    # page is in no Kindle location, so it cites none (never "loc. 88").
    assert book.text.count("The mass of men") == 1
    assert [p.label for p in book.pages] == ["1041-1044", "2210-2212"]
    woods = next(
        h for h in workspace.highlights.in_article(meta.id) if h.quote.startswith("I went")
    )
    assert "88" not in format_quote(woods, book, "plain")
    # Either import again changes nothing.
    again = workspace.imports.run(SAMPLES / "koreader-export.json")
    assert (again.articles, again.highlights) == ({"unchanged": 1}, {"present": 2})
    again = workspace.imports.run(_kindle(tmp_path))
    assert (again.articles, again.highlights) == ({"unchanged": 1}, {"present": 2})
    assert workspace.articles.get(meta.id).text == book.text


def test_authors_are_compared_whatever_their_accents_case_and_punctuation(
    tmp_path: Path,
) -> None:
    workspace = Workspace(tmp_path / "lib")
    workspace.imports.run(
        _kindle(
            tmp_path,
            "Cien años de soledad (García Márquez, Gabriel)\n"
            "- Your Highlight on Location 12-13 | Added on Sunday, 9 October 2016 12:13:14\n\n"
            "Muchos años después, frente al pelotón de fusilamiento.\n==========\n",
        )
    )
    export = {
        "title": "Cien Años de Soledad",
        "author": "GABRIEL GARCIA MARQUEZ",
        "entries": [{"page": 1, "text": "El mundo era tan reciente.", "sort": "highlight"}],
        "number_of_pages": 400,
        "created_on": 1704189600,
    }
    path = tmp_path / "koreader.json"
    path.write_text(json.dumps(export), encoding="utf-8")
    workspace.imports.run(path)
    assert len(workspace.articles.listing()) == 1


def test_the_same_title_by_another_author_stays_another_book(tmp_path: Path) -> None:
    workspace = Workspace(tmp_path / "lib")
    workspace.imports.run(_kindle(tmp_path))
    export = json.loads((SAMPLES / "koreader-export.json").read_text(encoding="utf-8"))
    export["author"] = "Jane Walden Doe"
    path = tmp_path / "koreader.json"
    path.write_text(json.dumps(export), encoding="utf-8")
    workspace.imports.run(path)
    authors = sorted(m.authors[0] for m in workspace.articles.listing())
    assert authors == ["Jane Walden Doe", "Thoreau, Henry David"]
    # Nor does a second Thoreau, of a given name not Henry's, take his highlights.
    export["author"] = "Sophia Thoreau"
    export["entries"] = [{"page": 3, "text": "Words of Sophia's own.", "sort": "highlight"}]
    path.write_text(json.dumps(export), encoding="utf-8")
    workspace.imports.run(path)
    assert len(workspace.articles.listing()) == 3


def _clipping(location: str, words: str) -> str:
    return (
        "Walden (Thoreau, Henry David)\n"
        f"- Your Highlight on Location {location} | Added on Sunday, 9 October 2016 12:13:14\n\n"
        f"{words}\n==========\n"
    )


def test_the_same_words_at_two_locations_keep_their_own_places_when_the_book_grows(
    tmp_path: Path,
) -> None:
    # A refrain highlighted twice is two passages; a new clipping before both rebuilds the book
    # and moves them. Each highlight stays at its own location (the later one went onto the
    # first copy of its words: both cited "loc. 100-101").
    refrain = "Simplify, simplify."
    twice = _clipping("100-101", refrain) + _clipping("2000-2001", refrain)
    workspace = Workspace(tmp_path / "lib")
    workspace.imports.run(_kindle(tmp_path, twice))
    (meta,) = workspace.articles.listing()

    def cited() -> list[str]:
        book = workspace.articles.get(meta.id)
        marks = workspace.highlights.in_article(meta.id)
        return sorted(format_quote(h, book, "plain") for h in marks if h.quote == refrain)

    assert [c.rsplit("loc. ", 1)[1] for c in cited()] == ["100-101.", "2000-2001."]
    before = cited()
    new = _clipping("50", "Our life is frittered away by detail.")
    assert workspace.imports.run(_kindle(tmp_path, new + twice)).articles == {"updated": 1}
    assert cited() == before


def test_a_note_made_on_the_second_device_comes_to_the_words_both_highlighted(
    tmp_path: Path,
) -> None:
    # Both devices highlighted "The mass of men…", only KOReader with a note. Once the two
    # books became one, its highlight was the Kindle's (the same words, another id): the note
    # was counted "already there" and lost (two books kept it before).
    workspace = Workspace(tmp_path / "lib")
    workspace.imports.run(_kindle(tmp_path))
    export = json.loads((SAMPLES / "koreader-export.json").read_text(encoding="utf-8"))
    for entry in export["entries"]:
        if entry["text"].startswith("The mass of men"):
            entry["note"] = "Written on the KOReader."
    path = tmp_path / "koreader.json"
    path.write_text(json.dumps(export), encoding="utf-8")
    report = workspace.imports.run(path)
    assert report.highlights["updated"] == 1
    (meta,) = workspace.articles.listing()
    notes = {h.quote: h.note for h in workspace.highlights.in_article(meta.id)}
    assert notes["The mass of men lead lives of quiet desperation."] == "Written on the KOReader."
    # Given once: importing it again changes nothing.
    again = workspace.imports.run(path)
    assert (again.articles, again.highlights) == ({"unchanged": 1}, {"present": 2})
