"""A Kindle note written where nothing was highlighted is a note at its location, on no words:
never a highlight whose words were lost."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from pathlib import Path

from click.testing import Result

from annotations.citation import format_quote
from annotations.workspace import ExportRequest, Workspace
from tests.exports.conftest import clipping


def _entry(kind: str, where: str, body: str) -> str:
    return clipping("Walden (Thoreau, Henry David)", kind, where, body)


WOODS = _entry("Highlight", "100-102", "I went to the woods because I wished to live deliberately.")
EARLY = _entry("Note", "50", "Before anything was marked.")
LATE = _entry("Note", "300", "A thought of my own.")
BETWEEN = _entry("Highlight", "200-204", "Simplify, simplify.")


def _import(tmp_path: Path, text: str) -> Workspace:
    clippings = tmp_path / "My Clippings.txt"
    clippings.write_text(text, encoding="utf-8")
    workspace = Workspace(tmp_path / "lib")
    workspace.imports.run(clippings)
    return workspace


def test_a_note_on_no_highlight_is_a_note_at_its_location(tmp_path: Path) -> None:
    clippings = tmp_path / "My Clippings.txt"
    clippings.write_text(WOODS + LATE + EARLY, encoding="utf-8")
    workspace = Workspace(tmp_path / "lib")
    report = workspace.imports.run(clippings)
    # Before: two orphans with an empty quote, "kept as orphans (words not found)".
    assert report.highlights == {"added": 3}
    assert not any("orphan" in line for line in report.summary())
    (meta,) = workspace.articles.listing()
    book = workspace.articles.get(meta.id)
    assert book.text == "I went to the woods because I wished to live deliberately."  # no note
    marks = workspace.highlights.in_article(meta.id)  # in the order of the text
    assert [(m.quote, m.note, m.place, m.orphaned) for m in marks] == [
        ("", "Before anything was marked.", "50", False),
        ("I went to the woods because I wished to live deliberately.", "", None, False),
        ("", "A thought of my own.", "300", False),
    ]
    early, _, late = marks
    assert (early.start, early.end) == (0, 0)
    assert (late.start, late.end) == (len(book.text), len(book.text))
    assert "loc. 300" in format_quote(late, book, "plain")
    assert "loc. 50" in format_quote(early, book, "plain")
    # Margin's csv: the note's own location, and no words as its highlight.
    out = tmp_path / "notes.csv"
    workspace.exports.export(ExportRequest(format="csv", output=out))
    rows = {r["Note"]: r for r in csv.DictReader(io.StringIO(out.read_text("utf-8")))}
    row = rows["A thought of my own."]
    assert (row["Highlight"], row["Location"], row["Margin Location"]) == ("", "300", "300")


def test_a_note_keeps_its_place_when_the_book_gains_passages(tmp_path: Path) -> None:
    workspace = _import(tmp_path, WOODS + LATE)
    again = _import(tmp_path, WOODS + LATE + BETWEEN)
    assert again.imports.run(tmp_path / "My Clippings.txt").highlights == {"present": 3}
    (meta,) = again.articles.listing()
    book = again.articles.get(meta.id)
    marks = again.highlights.in_article(meta.id)
    assert [(m.quote[:8], m.place, m.orphaned) for m in marks] == [
        ("I went t", None, False),
        ("Simplify", None, False),
        ("", "300", False),  # still after the passage at 200, at the end
    ]
    assert marks[-1].start == len(book.text)
    assert "loc. 300" in format_quote(marks[-1], book, "plain")
    assert workspace.highlights.get(marks[-1].id).note == "A thought of my own."


def test_margin_annotations_lists_a_note_on_no_words_by_its_place(
    margin: Callable[..., Result], tmp_path: Path
) -> None:
    clippings = tmp_path / "My Clippings.txt"
    clippings.write_text(WOODS + LATE, encoding="utf-8")
    assert margin("import", str(clippings)).exit_code == 0
    shown = margin("annotations").output
    assert "note at 300" in shown and "“”" not in shown


def test_a_note_on_no_words_in_a_book_of_pages_gives_its_own_page_in_w3c(
    tmp_path: Path,
) -> None:
    # A note written on page 12 stands after page 12's passage, at the start of page 14's:
    # the w3c export counted it on page 14.
    rows = (
        "Highlight,Title,Author,URL,Note,Location,Date,Location Type\r\n"
        "The first passage.,A Paged Book,Ann Author,,,12,,page\r\n"
        "The second passage.,A Paged Book,Ann Author,,,14,,page\r\n"
        ",A Paged Book,Ann Author,,Written on page twelve.,12,,page\r\n"
    )
    source = tmp_path / "book.csv"
    source.write_text(rows, encoding="utf-8")
    workspace = Workspace(tmp_path / "lib")
    workspace.imports.run(source)
    out = tmp_path / "book.jsonld"
    workspace.exports.export(ExportRequest(format="w3c", output=out))
    exported = out.read_text(encoding="utf-8")
    after = exported[exported.index("Written on page twelve.") :]
    found = re.search(r'"page=(\d+)"', after)
    assert found is not None and found.group(1) == "1"


def test_a_note_on_no_words_is_exported_and_cited_by_its_place_never_as_an_empty_quotation(
    tmp_path: Path,
) -> None:
    # Before: md, txt and html printed "“” — Henry David Thoreau, “Walden,” loc. 300." and
    # every prose style cited an empty quotation.
    workspace = _import(tmp_path, WOODS + LATE)
    (meta,) = workspace.articles.listing()
    book = workspace.articles.get(meta.id)
    note = workspace.highlights.in_article(meta.id)[-1]
    for style in ("plain", "mla", "apa", "chicago"):
        cited = format_quote(note, book, style)
        assert "“”" not in cited and cited.startswith("note at 300"), style
    for fmt in ("md", "txt", "html"):
        out = tmp_path / f"notes.{fmt}"
        workspace.exports.export(ExportRequest(format=fmt, output=out))
        shown = out.read_text(encoding="utf-8")
        assert "“”" not in shown and "note at 300 — Henry David Thoreau" in shown, fmt


def test_two_notes_of_the_same_words_at_two_places_are_two(tmp_path: Path) -> None:
    # "Yes!" written at location 50 and again at 300: two notes. Before, the second was taken
    # for the first (a note on no words was told from another by its words alone) and dropped.
    twice = _entry("Note", "50", "Yes!") + WOODS + _entry("Note", "300", "Yes!")
    workspace = _import(tmp_path, twice)
    (meta,) = workspace.articles.listing()
    marks = workspace.highlights.in_article(meta.id)
    assert [(m.note, m.place) for m in marks if not m.quote] == [("Yes!", "50"), ("Yes!", "300")]
    # Read again, still two.
    again = Workspace(tmp_path / "lib").imports.run(tmp_path / "My Clippings.txt")
    assert again.highlights == {"present": 3}
