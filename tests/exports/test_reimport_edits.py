"""Importing a device's file again brings only what is new on the device: a note, stance or tag
the user changed in Margin since stays as the user left it, cleared ones included."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import orjson
import pytest

from annotations.bulkadd import GIVEN
from annotations.edits import Edit
from annotations.shards import LIVE
from annotations.store import AnnotationStore
from annotations.workspace import Workspace
from tests.exports.conftest import SAMPLES, written

_HIGHLIGHT = (
    "Walden (Thoreau, Henry David)\n"
    "- Your Highlight on Location 1041-1044 | Added on Sunday, 9 October 2016 12:13:14\n\n"
    "The mass of men lead lives of quiet desperation.\n"
    "==========\n"
)
_NOTE = (
    "Walden (Thoreau, Henry David)\n"
    "- Your Note on Location 1044 | Added on Sunday, 9 October 2016 12:14:00\n\n"
    "{note}\n"
    "==========\n"
)
_LATER = (
    "Walden (Thoreau, Henry David)\n"
    "- Your Highlight on Location 2210-2212 | Added on Sunday, 9 October 2016 12:20:00\n\n"
    "Simplify, simplify.\n"
    "==========\n"
)


def _only(workspace: Workspace, starting: str = "The mass") -> str:
    (meta,) = workspace.articles.listing()
    return next(
        h.id for h in workspace.highlights.in_article(meta.id) if h.quote.startswith(starting)
    )


def _cleared(tmp_path: Path) -> tuple[Path, Workspace, str]:
    """Clippings with a note imported, and the note cleared in Margin: the file, the library
    and the highlight's id."""
    clippings = written(tmp_path / "My Clippings.txt", _HIGHLIGHT + _NOTE.format(note="Thoreau!"))
    workspace = Workspace(tmp_path / "lib")
    workspace.imports.run(clippings)
    ident = _only(workspace)
    assert workspace.highlights.get(ident).note == "Thoreau!"
    workspace.highlights.change(ident, Edit.set(note=""))
    return clippings, workspace, ident


def test_a_note_cleared_in_margin_stays_cleared_when_the_clippings_come_again(
    tmp_path: Path,
) -> None:
    clippings, workspace, ident = _cleared(tmp_path)
    # Before, the device's note came back: the cleared note looked like one never given.
    again = Workspace(tmp_path / "lib").imports.run(clippings)
    assert again.highlights == {"present": 1}
    assert workspace.highlights.get(ident).note == ""
    # Nor when the file has grown: the new clipping comes, the note stays cleared.
    grown = written(clippings, _HIGHLIGHT + _NOTE.format(note="Thoreau!") + _LATER)
    third = Workspace(tmp_path / "lib").imports.run(grown)
    assert (third.highlights["added"], third.highlights["updated"]) == (1, 0)
    assert workspace.highlights.get(ident).note == ""


def test_a_note_reworded_on_the_device_comes_unless_margin_changed_it(tmp_path: Path) -> None:
    # Readwise's CSV carries the note as it stands now (a Kindle file keeps every wording).
    header = "Highlight,Title,Author,URL,Note,Location,Date\r\n"
    row = "The mass of men lead lives of quiet desperation.,Walden,Henry Thoreau,,{note},1041,\r\n"
    path = tmp_path / "readwise.csv"
    workspace = Workspace(tmp_path / "lib")
    workspace.imports.run(written(path, header + row.format(note=".quiet First thought")))
    ident = _only(workspace)
    report = workspace.imports.run(written(path, header + row.format(note=".quiet Second thought")))
    assert report.highlights == {"updated": 1}
    assert workspace.highlights.get(ident).note == "Second thought"
    # The user removes the tag and rewords the note in Margin: the device's next change to
    # either is not the user's to lose.
    workspace.highlights.change(ident, Edit.tags(remove=["quiet"]))
    workspace.highlights.change(ident, Edit.set(note="Mine."))
    report = workspace.imports.run(written(path, header + row.format(note=".quiet Third")))
    stored = workspace.highlights.get(ident)
    assert (stored.note, stored.tags) == ("Mine.", [])
    # A tag new on the device still comes.
    report = workspace.imports.run(written(path, header + row.format(note=".quiet .new Third")))
    assert workspace.highlights.get(ident).tags == ["new"]


def test_a_second_devices_note_cleared_in_margin_stays_cleared_whichever_is_imported(
    tmp_path: Path,
) -> None:
    # The Kindle highlighted the words without a note, KOReader with one: the KOReader's note
    # came to the one highlight. Cleared in Margin, neither device's file brings it back, in
    # any order (each device's gift is remembered apart).
    kindle = written(tmp_path / "My Clippings.txt", _HIGHLIGHT)
    export = json.loads((SAMPLES / "koreader-export.json").read_text(encoding="utf-8"))
    for entry in export["entries"]:
        if entry["text"].startswith("The mass of men"):
            entry["note"] = "Written on the KOReader."
    koreader = written(tmp_path / "koreader.json", json.dumps(export))
    workspace = Workspace(tmp_path / "lib")
    workspace.imports.run(kindle)
    workspace.imports.run(koreader)
    ident = _only(workspace)
    assert workspace.highlights.get(ident).note == "Written on the KOReader."
    workspace.highlights.change(ident, Edit.set(note=""))
    for path in (koreader, kindle, koreader, kindle):
        Workspace(tmp_path / "lib").imports.run(path)
        assert workspace.highlights.get(ident).note == ""


def test_importing_the_same_file_twice_writes_nothing(tmp_path: Path) -> None:
    clippings = written(tmp_path / "My Clippings.txt", _HIGHLIGHT + _NOTE.format(note="Thoreau!"))
    workspace = Workspace(tmp_path / "lib")
    workspace.imports.run(clippings)
    (meta,) = workspace.articles.listing()
    stored = workspace.store.shard_path(meta.id)
    before = (stored.read_bytes(), stored.stat().st_mtime_ns)
    again = Workspace(tmp_path / "lib").imports.run(clippings)
    assert (again.articles, again.highlights) == ({"unchanged": 1}, {"present": 1})
    assert (stored.read_bytes(), stored.stat().st_mtime_ns) == before


def _forget(path: Path) -> None:
    """The highlights file as a Margin that remembered nothing of exports wrote it."""
    data = orjson.loads(path.read_bytes())
    for table in data.values():
        for doc in table.values():
            doc.pop(GIVEN, None)
    path.write_bytes(orjson.dumps(data))


def test_a_highlight_stored_before_margin_remembered_is_filled_only_when_untouched(
    tmp_path: Path,
) -> None:
    clippings = written(tmp_path / "My Clippings.txt", _HIGHLIGHT + _LATER)
    workspace = Workspace(tmp_path / "lib")
    workspace.imports.run(clippings)
    (meta,) = workspace.articles.listing()
    mass, simplify = _only(workspace), _only(workspace, "Simplify")
    workspace.highlights.change(simplify, Edit.set(note="Mine."))
    workspace.highlights.change(simplify, Edit.set(note=""))
    _forget(workspace.store.shard_path(meta.id))
    both = _NOTE.format(note="Thoreau!") + _NOTE.replace("1044", "2212").format(note="Less.")
    Workspace(tmp_path / "lib").imports.run(written(clippings, _HIGHLIGHT + _LATER + both))
    fresh = Workspace(tmp_path / "lib")
    # Untouched since it was made: the device's new note fills it. Changed in Margin (a note
    # written, then cleared): nothing tells a cleared note from one never given, so it stays.
    assert fresh.highlights.get(mass).note == "Thoreau!"
    assert fresh.highlights.get(simplify).note == ""


_ROW_CSV = (
    "Highlight,Title,Author,URL,Note,Location,Date\r\n"
    "The mass of men lead lives of quiet desperation.,Walden,Henry Thoreau,,{note},1041,\r\n"
)


def _from_csv(tmp_path: Path, note: str) -> tuple[Path, str, Path]:
    """A Readwise CSV of one highlight with note imported: the file, the highlight's id and
    its highlights file."""
    path = tmp_path / "readwise.csv"
    workspace = Workspace(tmp_path / "lib")
    workspace.imports.run(written(path, _ROW_CSV.format(note=note)))
    ident = _only(workspace)
    return path, ident, workspace.store.shard_path(workspace.highlights.get(ident).article)


def test_a_highlight_stored_before_margin_remembered_and_untouched_takes_each_later_change(
    tmp_path: Path,
) -> None:
    # Untouched since its import made it, it holds what the export gave then: each change the
    # export makes later comes (before, it was only ever filled in where empty, so a note
    # reworded on the device never came, the second rewording neither).
    path, ident, shard = _from_csv(tmp_path, "First thought")
    _forget(shard)
    report = Workspace(tmp_path / "lib").imports.run(
        written(path, _ROW_CSV.format(note="Second thought"))
    )
    assert report.highlights == {"updated": 1}
    assert Workspace(tmp_path / "lib").highlights.get(ident).note == "Second thought"
    Workspace(tmp_path / "lib").imports.run(written(path, _ROW_CSV.format(note="Third")))
    assert Workspace(tmp_path / "lib").highlights.get(ident).note == "Third"
    # The same file again writes nothing.
    again = Workspace(tmp_path / "lib").imports.run(path)
    assert again.highlights == {"present": 1}


def test_a_note_cleared_in_margin_is_not_given_back_by_another_export_of_the_same_words(
    tmp_path: Path,
) -> None:
    # The Kindle gave the note; cleared in Margin. Readwise's CSV of the same book (other ids,
    # the same words and note) is imported for the first time: the note stays cleared (before,
    # an export new to the highlight filled in every empty field).
    _, _, ident = _cleared(tmp_path)
    csv = _ROW_CSV.replace("Henry Thoreau", '"Thoreau, Henry David"').format(note="Thoreau!")
    report = Workspace(tmp_path / "lib").imports.run(written(tmp_path / "readwise.csv", csv))
    assert report.highlights == {"present": 1}
    assert Workspace(tmp_path / "lib").highlights.get(ident).note == ""


def test_an_older_files_highlight_is_filled_in_under_the_lock_from_the_freshest_record(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A highlights file in the format before this one is read whole (not streamed). Another
    # process clears the note while the import runs: the import must decide on the record it
    # writes, not on a copy read before the lock (which said "untouched", so the cleared note
    # came back with the new tag).
    path, ident, shard = _from_csv(tmp_path, "Thoreau!")
    docs = orjson.loads(shard.read_bytes())[LIVE].values()
    older = {str(n): {k: v for k, v in d.items() if k != GIVEN} for n, d in enumerate(docs, 1)}
    shard.write_bytes(orjson.dumps({"_default": older}))
    other = Workspace(tmp_path / "lib")
    real_writing = AnnotationStore._writing
    entered: list[object] = []

    def writing(self: AnnotationStore, article_id: str) -> Any:
        if self is not other.store:
            entered.append(self)
            if len(entered) == 3:  # as the import takes the lock to fill in (its third time)
                other.highlights.change(ident, Edit.set(note=""))
        return real_writing(self, article_id)

    monkeypatch.setattr(AnnotationStore, "_writing", writing)
    Workspace(tmp_path / "lib").imports.run(written(path, _ROW_CSV.format(note=".quiet Thoreau!")))
    assert len(entered) >= 3
    monkeypatch.undo()
    assert Workspace(tmp_path / "lib").highlights.get(ident).note == ""


def test_a_note_edited_on_the_kindle_changes_the_note_on_reimport_not_a_second_note(
    tmp_path: Path,
) -> None:
    # The Kindle appends an edited note as a new entry at the same location, the old one left
    # in the file. Before, the new wording became a second note at location 1044.
    first = _HIGHLIGHT + _NOTE.format(note="First thought")
    clippings = written(tmp_path / "My Clippings.txt", first)
    workspace = Workspace(tmp_path / "lib")
    workspace.imports.run(clippings)
    ident = _only(workspace)
    report = Workspace(tmp_path / "lib").imports.run(
        written(clippings, first + _NOTE.format(note="Second thought"))
    )
    assert report.highlights == {"updated": 1}
    (meta,) = workspace.articles.listing()
    marks = workspace.highlights.in_article(meta.id)
    assert [(m.id, m.note) for m in marks] == [(ident, "Second thought")]
    # A note on no words edited on the device (most of its words kept), the same: one note,
    # its last wording. One rewritten whole may be a second note written beside it: two.
    lone = _NOTE.replace("1044", "3000")
    both = first + _NOTE.format(note="Second thought") + lone.format(note="Aside")
    Workspace(tmp_path / "lib").imports.run(written(clippings, both))
    report = Workspace(tmp_path / "lib").imports.run(
        written(clippings, both + lone.format(note="Aside, reworded"))
    )
    assert report.highlights == {"updated": 1, "present": 1}
    notes = [(m.note, m.place) for m in workspace.highlights.in_article(meta.id) if not m.quote]
    assert notes == [("Aside, reworded", "3000")]
    Workspace(tmp_path / "lib").imports.run(
        written(clippings, both + lone.format(note="Aside, reworded") + lone.format(note="No."))
    )
    notes = sorted(m.note for m in workspace.highlights.in_article(meta.id) if not m.quote)
    assert notes == ["Aside, reworded", "No."]
    # Read whole the first time, the same.
    fresh = Workspace(tmp_path / "fresh")
    fresh.imports.run(clippings)
    (book,) = fresh.articles.listing()
    assert sorted(m.note for m in fresh.highlights.in_article(book.id)) == [
        "Aside, reworded",
        "No.",
        "Second thought",
    ]


@pytest.mark.parametrize(
    "damaged",
    [{"": {"tags": 5}}, {"": {"note": ["x"]}}, {"": {"tags": [1]}}, {"": []}, ["x"], "x"],
)
def test_a_damaged_memory_of_what_exports_gave_is_taken_for_none(
    tmp_path: Path, damaged: object
) -> None:
    # Written by hand or by a broken tool: before, {"tags": 5} stopped the import with a
    # TypeError. It is read as no memory (the highlight untouched since: what it holds).
    path, ident, shard = _from_csv(tmp_path, "First thought")
    data = orjson.loads(shard.read_bytes())
    data[LIVE][ident][GIVEN] = damaged
    shard.write_bytes(orjson.dumps(data))
    report = Workspace(tmp_path / "lib").imports.run(
        written(path, _ROW_CSV.format(note="Second thought"))
    )
    assert report.highlights == {"updated": 1}
    assert Workspace(tmp_path / "lib").highlights.get(ident).note == "Second thought"


@pytest.mark.parametrize("older_file", [False, True])
def test_another_exports_other_note_on_the_same_words_is_kept_apart_not_dropped(
    tmp_path: Path, older_file: bool
) -> None:
    # Readwise gave the words a note; the Kindle's file gives the same words (another id) a
    # note of other words. Before, the Kindle's note was dropped (the highlight had a note
    # an export gave); an older highlights file (read whole) dropped it too, and any note of
    # another id on its words.
    _, ident, shard = _from_csv(tmp_path, "Thoreau!")
    if older_file:
        docs = orjson.loads(shard.read_bytes())[LIVE].values()
        older = {str(n): {k: v for k, v in d.items() if k != GIVEN} for n, d in enumerate(docs, 1)}
        shard.write_bytes(orjson.dumps({"_default": older}))
    kindle = written(tmp_path / "My Clippings.txt", _HIGHLIGHT + _NOTE.format(note="Quiet, how?"))
    report = Workspace(tmp_path / "lib").imports.run(kindle)
    assert report.highlights == {"added": 1}
    fresh = Workspace(tmp_path / "lib")
    assert fresh.highlights.get(ident).note == "Thoreau!"
    (meta,) = fresh.articles.listing()
    assert sorted(h.note for h in fresh.highlights.in_article(meta.id)) == [
        "Quiet, how?",
        "Thoreau!",
    ]
    assert Workspace(tmp_path / "lib").imports.run(kindle).highlights == {"present": 1}
