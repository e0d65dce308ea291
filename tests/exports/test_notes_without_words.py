"""A Kindle note written where nothing was highlighted is a note at its location, on no words:
never a highlight whose words were lost."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from click.testing import Result
from hypothesis import given
from hypothesis import strategies as st

from annotations.citation import format_quote
from annotations.workspace import ExportRequest, Workspace
from library.importers.exports import hypothesis
from library.importers.exports.hypothesis import MARGIN_PLACE, place_fragment
from library.text import MAX_LABEL, clean_label
from tests.conftest import SHARED
from tests.exports.conftest import clipping

VALIDATOR = SHARED / "tools" / "w3c_validate.py"


def _entry(kind: str, where: str, body: str) -> str:
    return clipping("Walden (Thoreau, Henry David)", kind, where, body)


WOODS = _entry("Highlight", "100-102", "I went to the woods because I wished to live deliberately.")
EARLY = _entry("Note", "50", "Before anything was marked.")
LATE = _entry("Note", "300", "A thought of my own.")
BETWEEN = _entry("Highlight", "200-204", "Simplify, simplify.")


def _import(tmp_path: Path, text: str, name: str = "My Clippings.txt") -> Workspace:
    clippings = tmp_path / name
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
    workspace = _import(tmp_path, rows, "book.csv")
    out = tmp_path / "book.jsonld"
    workspace.exports.export(ExportRequest(format="w3c", output=out))
    exported = out.read_text(encoding="utf-8")
    after = exported[exported.index("Written on page twelve.") :]
    found = re.search(r'rfc8118",\s*"value": "page=(\d+)"', after)
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


def test_a_note_on_no_words_comes_back_to_its_place_from_margins_w3c(tmp_path: Path) -> None:
    # Before: the w3c export wrote no location for it, so its import put the note in the page
    # notes file, not back at location 300.
    workspace = _import(tmp_path, WOODS + LATE)
    out = tmp_path / "notes.jsonld"
    workspace.exports.export(ExportRequest(format="w3c", output=out))
    checked = subprocess.run(
        [sys.executable, str(VALIDATOR), str(out)], capture_output=True, text=True, check=False
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr
    # The same library: the note is there already, nothing goes to a page notes file.
    report = Workspace(tmp_path / "lib").imports.run(out)
    assert (report.highlights, report.page_notes) == ({"present": 2}, 0)
    # Another library: the note at its place, cited by it.
    away = Workspace(tmp_path / "away")
    report = away.imports.run(out)
    assert report.page_notes == 0
    (meta,) = away.articles.listing()
    (note,) = [m for m in away.highlights.in_article(meta.id) if not m.quote]
    assert (note.note, note.place, note.orphaned) == ("A thought of my own.", "300", False)
    assert "note at 300" in format_quote(note, away.articles.get(meta.id), "plain")
    again = Workspace(tmp_path / "away").imports.run(out).highlights
    assert (again["present"], again["added"]) == (2, 0)
    # A library that holds the book (the same clippings, read before the note was written).
    (tmp_path / "later").mkdir()
    other = _import(tmp_path / "later", WOODS)
    assert other.imports.run(out).highlights == {"added": 1, "present": 1}
    (meta,) = other.articles.listing()
    (note,) = [m for m in other.highlights.in_article(meta.id) if not m.quote]
    book = other.articles.get(meta.id)
    assert (note.place, note.orphaned, note.start) == ("300", False, len(book.text))


@given(st.sampled_from(["location", "page", "chapter"]), st.text(min_size=1, max_size=40))
def test_any_place_goes_through_margins_w3c_selector_and_back(kind: str, label: str) -> None:
    item = {
        "type": "Annotation",
        "body": [{"type": "TextualBody", "value": "A note.", "purpose": "commenting"}],
        "target": {
            "source": "urn:margin:article:walden",
            "selector": [
                {"type": "TextQuoteSelector", "exact": ""},
                {
                    "type": "FragmentSelector",
                    "conformsTo": MARGIN_PLACE,
                    "value": place_fragment(kind, label),
                },
            ],
        },
    }
    found = hypothesis.parse(json.dumps({"items": [item]}).encode(), "notes.jsonld")
    if not clean_label(label):
        assert not found.clips  # no place to put it: a page note
        return
    (clip,) = found.clips
    assert (clip.quote, clip.label, clip.locator) == ("", clean_label(label), kind)


def test_a_place_from_a_file_carries_no_terminal_controls_into_margins_exports(
    tmp_path: Path,
) -> None:
    # A csv's Margin Location is any text: before, an escape sequence in it reached the md and
    # html exports (and any terminal showing them) as it was.
    rows = (
        "Highlight,Title,Author,URL,Note,Location,Date,Location Type,Margin Location Type,"
        "Margin Location\r\n"
        ',Walden,Henry Thoreau,,A note.,300,,,location,"3\x1b[31m0\x070"\r\n'
        "The mass of men lead lives of quiet desperation.,Walden,Henry Thoreau,,,100,,,location,"
        "100\r\n"
    )
    workspace = _import(tmp_path, rows, "book.csv")
    (meta,) = workspace.articles.listing()
    (note,) = [m for m in workspace.highlights.in_article(meta.id) if not m.quote]
    assert note.place is not None and note.place.isprintable()
    for fmt in ("md", "html", "txt"):
        out = tmp_path / f"notes.{fmt}"
        workspace.exports.export(ExportRequest(format=fmt, output=out))
        shown = out.read_text(encoding="utf-8")
        assert "\x1b" not in shown and "\x07" not in shown, fmt


def test_a_place_of_a_megabyte_is_cut_to_a_labels_length(tmp_path: Path) -> None:
    # A broken csv's Location cell of a megabyte was every note's place and the book's page
    # label, carried whole into the page map, every export and every citation.
    rows = (
        "Highlight,Title,Author,URL,Note,Location,Date\r\n"
        f",Walden,Henry Thoreau,,A note.,{'3' * 1_000_000},\r\n"
        f"The mass of men lead lives of quiet desperation.,Walden,Henry Thoreau,,,{'1' * 500_000},"
        "\r\n"
    )
    workspace = _import(tmp_path, rows, "book.csv")
    (meta,) = workspace.articles.listing()
    article = workspace.articles.get(meta.id)
    assert article.pages and all(len(p.label) <= MAX_LABEL for p in article.pages)
    places = [h.place for h in workspace.highlights.in_article(meta.id)]
    assert places and all(p is not None and len(p) <= MAX_LABEL for p in places if p)
