"""Hypothesis, W3C and Readwise highlights land on their words; round trips; twice is once."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from annotations.edits import Edit
from annotations.workspace import ExportRequest, Workspace
from tests.exports.conftest import Served


def _shape(workspace: Workspace) -> list[tuple[object, ...]]:
    """Every highlight as the user sees it, in text order."""
    rows = []
    for meta in workspace.articles.listing():
        for h in workspace.highlights.in_article(meta.id):
            rows.append(
                (meta.url, h.quote, h.start, h.end, h.note, tuple(h.tags), h.stance, h.speaker,
                 h.orphaned)
            )  # fmt: skip
    return sorted(rows, key=repr)


def test_a_hypothesis_search_result_lands_on_its_words(
    workspace: Workspace, server: Served, tmp_path: Path
) -> None:
    path = server.sample("hypothesis-search.json", tmp_path / "search.json")
    report = workspace.imports.run(path)
    assert server.hits == ["/night-library"]  # the page was fetched once
    assert report.articles["imported"] == 1
    # Three annotations quote words (a page note has none); one of the quotes is not there.
    assert report.highlights == {"added": 3, "orphaned": 1}
    (meta,) = workspace.articles.listing()
    article = workspace.articles.get(meta.id)
    placed = {h.quote: h for h in workspace.highlights.in_article(meta.id)}
    cost = placed["The extra hours will cost the town about 80,000 crowns a year"]
    assert article.text[cost.start : cost.end] == cost.quote and not cost.orphaned
    assert cost.note == "The cost is the argument against."
    assert cost.tags == ["budget", "libraries"]
    assert cost.created == "2025-03-01T10:15:00.000000+00:00"
    bus = placed["A bus that stops once a fortnight is not a library"]
    assert article.text[bus.start : bus.end] == bus.quote and not bus.orphaned
    orphan = placed["The mayor promised a second reading room in the harbour district by spring"]
    assert orphan.orphaned and orphan.note == "This sentence was in an earlier version of the page."
    assert orphan.tags == ["edited"]
    # The page note lands on no words, but is kept, under its page, in the file the summary names.
    assert report.page_notes == 1 and report.page_notes_file is not None
    kept = report.page_notes_file.read_text()
    assert "A page note: it has no quote, so it lands on no words." in kept
    assert "Tidewater library opens its doors at night" in kept
    assert str(report.page_notes_file) in "\n".join(report.summary())


def test_a_user_export_lands_on_the_article_already_in_the_library(
    workspace: Workspace, server: Served, tmp_path: Path
) -> None:
    workspace.imports.run(server.sample("hypothesis-search.json", tmp_path / "search.json"))
    report = workspace.imports.run(server.sample("hypothesis-export.json", tmp_path / "ex.json"))
    assert server.hits == ["/night-library"]  # not fetched again
    assert report.highlights == {"added": 1}
    (meta,) = workspace.articles.listing()
    text = workspace.articles.get(meta.id).text
    found = next(h for h in workspace.highlights.in_article(meta.id) if h.tags == ["evidence"])
    assert text[found.start : found.end] == (
        "with figures on how many people use them and who they are"
    )


def test_importing_highlights_twice_changes_nothing(
    workspace: Workspace, server: Served, tmp_path: Path
) -> None:
    for name in ("hypothesis-search.json", "readwise-import.csv"):
        path = server.sample(name, tmp_path / name)
        workspace.imports.run(path)
        before = _shape(workspace)
        again = workspace.imports.run(path)
        assert again.highlights["added"] == 0
        assert _shape(workspace) == before


def test_readwise_rows_land_on_the_page_and_an_unfound_one_is_an_orphan(
    workspace: Workspace, server: Served, tmp_path: Path
) -> None:
    report = workspace.imports.run(server.sample("readwise-import.csv", tmp_path / "r.csv"))
    assert report.highlights == {"added": 3, "orphaned": 1}
    (meta,) = workspace.articles.listing()
    text = workspace.articles.get(meta.id).text
    rows = {h.quote: h for h in workspace.highlights.in_article(meta.id)}
    shift = rows["The night shift was full from the first week."]
    assert text[shift.start : shift.end] == shift.quote
    assert (shift.tags, shift.note) == (["evidence"], "Demand is real")
    assert rows["The reading room closed in 1998 and never reopened."].orphaned


def test_readwise_export_of_a_book_becomes_its_passages_with_tags(workspace: Workspace) -> None:
    from tests.exports.conftest import SAMPLES

    report = workspace.imports.run(SAMPLES / "readwise-export.csv")
    assert report.highlights["added"] == 3
    (meta,) = workspace.articles.listing()
    book = workspace.articles.get(meta.id)
    assert (book.title, book.authors) == ("Pride and Prejudice", ["Jane Austen"])
    assert [p.label for p in book.pages] == ["12", "2047", "2310"]
    irony = next(h for h in workspace.highlights.in_article(meta.id) if h.note)
    assert irony.tags == ["irony", "openings"]


def _annotated_library(workspace: Workspace, server: Served) -> str:
    done = workspace.articles.import_one(
        __import__("annotations.workspace", fromlist=["ImportJob"]).ImportJob(
            f"{server.base}/night-library", "url"
        )
    )
    assert done.article is not None
    article = done.article.id
    workspace.highlights.create(
        article, quote="The night shift was full from the first week", stance="support",
        tags=["demand"], note="In the librarian's words", speaker="Tomas Berg",
    )  # fmt: skip
    workspace.highlights.create(
        article, quote="A bus that stops once a fortnight is not a library", stance="oppose",
        speaker="Maja Holm",
    )  # fmt: skip
    made = workspace.highlights.create(article, quote="after twelve months")
    workspace.highlights.change(made.annotation.id, Edit.tags(add=["review", "dates"]))
    return article


def test_margins_readwise_csv_re_imports_to_the_same_highlights(
    tmp_path: Path, server: Served
) -> None:
    home = Workspace(tmp_path / "home")
    _annotated_library(home, server)
    csv_file = tmp_path / "highlights.csv"
    home.exports.export(ExportRequest(format="csv", output=csv_file))
    before = _shape(home)
    assert home.imports.run(csv_file).highlights == {"present": 3}
    assert _shape(home) == before
    away = Workspace(tmp_path / "away")
    report = away.imports.run(csv_file)  # fetches the page, then places each row on it
    assert report.highlights == {"added": 3}
    assert _shape(away) == before


def test_margins_w3c_export_imports_as_annotations_with_their_ids(
    tmp_path: Path, server: Served
) -> None:
    home = Workspace(tmp_path / "home")
    _annotated_library(home, server)
    w3c = tmp_path / "highlights.jsonld"
    home.exports.export(ExportRequest(format="w3c", output=w3c))
    before = _shape(home)
    assert home.imports.run(w3c).highlights == {"present": 3}
    away = Workspace(tmp_path / "away")
    assert away.imports.run(w3c).highlights == {"added": 3}
    assert _shape(away) == before
    ids = {h.id for m in home.articles.listing() for h in home.highlights.in_article(m.id)}
    assert ids == {h.id for m in away.articles.listing() for h in away.highlights.in_article(m.id)}


def test_margins_own_json_is_recognised_by_margin_import(tmp_path: Path, server: Served) -> None:
    home = Workspace(tmp_path / "home")
    _annotated_library(home, server)
    exported = tmp_path / "highlights.json"
    home.exports.export(ExportRequest(format="json", output=exported))
    assert home.imports.run(exported).highlights == {"present": 3}
    away = Workspace(tmp_path / "away")
    report = away.imports.run(exported)  # the article is not there: said, nothing lost
    assert report.highlights == {} and len(report.problems) == 1
    assert "not in the library" in report.problems[0]
    # Saved again by an editor that writes a UTF-8 byte order mark: still Margin's JSON, the
    # same highlights, through `margin import` and `margin import-annotations` alike.
    from annotations.interchange import import_annotations

    exported.write_bytes(b"\xef\xbb\xbf" + exported.read_bytes())
    assert home.imports.run(exported).highlights == {"present": 3}
    assert import_annotations(home, exported.read_bytes(), str(exported)).unchanged == 3


def test_a_readwise_note_and_tags_added_or_changed_later_come_and_margins_edits_stay(
    workspace: Workspace, tmp_path: Path
) -> None:
    from tests.exports.conftest import SAMPLES

    sample = (SAMPLES / "readwise-export.csv").read_text(encoding="utf-8")
    workspace.imports.run(SAMPLES / "readwise-export.csv")
    later = sample.replace(
        'bear to be frightened at the will of others.",Pride and Prejudice,Jane Austen,'
        "B008476HBM,,yellow,,",
        'bear to be frightened at the will of others.",Pride and Prejudice,Jane Austen,'
        "B008476HBM,Elizabeth in one line.,yellow,character,",
    ).replace("Irony from the first line.", "Reworded in Readwise.")
    assert later.count("Elizabeth in one line.") == 1 and "Reworded" in later
    again = tmp_path / "later.csv"
    again.write_text(later, encoding="utf-8")
    report = workspace.imports.run(again)
    # A note reworded in Readwise, never touched in Margin, is the newer one: it comes too.
    assert (report.highlights["added"], report.highlights["updated"]) == (0, 2)
    assert report.highlights["present"] == 1

    def notes() -> dict[str, tuple[str, list[str]]]:
        return {h.quote[:11]: (h.note, h.tags) for m in workspace.articles.listing()
                for h in workspace.highlights.in_article(m.id)}  # fmt: skip

    assert notes()["There is a "] == ("Elizabeth in one line.", ["character"])
    assert notes()["It is a tru"] == ("Reworded in Readwise.", ["irony", "openings"])
    # Reworded in Margin, then again in Readwise: Margin's words stay.
    stored = next(
        h for m in workspace.articles.listing() for h in workspace.highlights.in_article(m.id)
        if h.quote.startswith("It is a tru")
    )  # fmt: skip
    workspace.highlights.change(stored.id, Edit.set(note="My own words."))
    again.write_text(later.replace("Reworded in Readwise.", "Third wording."), encoding="utf-8")
    third = workspace.imports.run(again)
    assert third.highlights["updated"] == 0
    assert workspace.highlights.get(stored.id).note == "My own words."
    # Readwise's third wording is the user's too: kept on the same words, not dropped.
    assert sorted(
        h.note for h in workspace.highlights.in_article(stored.article) if h.quote == stored.quote
    ) == ["My own words.", "Third wording."]


def test_a_book_imported_again_is_not_read_whole_to_find_what_is_there(
    workspace: Workspace, whole_reads: list[Path]
) -> None:
    # A book of 100,000 clippings: the highlights file is read a document at a time for the
    # ids and spans it holds, never loaded whole (issue 24's memory).
    from tests.exports.conftest import SAMPLES

    workspace.imports.run(SAMPLES / "readwise-export.csv")
    whole_reads.clear()
    report = workspace.imports.run(SAMPLES / "readwise-export.csv")
    assert report.articles == {"unchanged": 1} and report.highlights == {"present": 3}
    assert [p for p in whole_reads if p.parent.name == "annotations"] == []


def test_a_book_imported_again_places_none_of_its_stored_highlights_again(
    workspace: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Issue 24's 100,000-row CSV again: a highlight stored already (or deleted) that its clip
    # gives nothing new is recognised by its id, never placed on the text again; one whose clip
    # brings a note the stored one lacks is still made, and given it.
    from annotations.workspace.importing import ForeignImports
    from tests.exports.conftest import SAMPLES

    sample = (SAMPLES / "readwise-export.csv").read_text(encoding="utf-8")
    workspace.imports.run(SAMPLES / "readwise-export.csv")
    (meta,) = workspace.articles.listing()
    gone = next(h for h in workspace.highlights.in_article(meta.id) if h.quote.startswith("It"))
    workspace.highlights.delete(gone.id)
    made: list[str] = []
    place = ForeignImports._annotation
    monkeypatch.setattr(
        ForeignImports,
        "_annotation",
        lambda self, article, clip, *rest: (
            made.append(clip.quote[:11]) or place(self, article, clip, *rest)
        ),
    )
    report = workspace.imports.run(SAMPLES / "readwise-export.csv")
    assert report.highlights == {"present": 3} and made == []
    later = tmp_path / "later.csv"
    later.write_text(
        sample.replace(",B008476HBM,,yellow,,", ",B008476HBM,Elizabeth in one line.,yellow,,"),
        encoding="utf-8",
    )
    report = workspace.imports.run(later)
    assert report.highlights == {"present": 2, "updated": 1} and made == ["There is a "]
    notes = {h.quote[:11]: h.note for h in workspace.highlights.in_article(meta.id)}
    assert notes["There is a "] == "Elizabeth in one line." and "It is a tru" not in notes


@pytest.mark.parametrize("key", ["readwise:0f3a", "kindle:Walden/1041-1044", "é ☃ 日本", ""])
def test_a_clips_highlight_id_is_the_uuid5_of_its_key(key: str) -> None:
    # Made from the hash's bytes, not by uuid.uuid5: the same id, or a reimport adds copies.
    import uuid

    from annotations.workspace.importing import _CLIP_NAMESPACE, _clip_id, _clip_key
    from library.importers.exports.records import Clip

    clip = Clip(quote="words", kind="book", key=key, title="Walden")
    assert _clip_id(clip) == str(uuid.uuid5(_CLIP_NAMESPACE, key or _clip_key(clip)))


def test_highlights_kept_on_a_page_that_could_not_be_fetched_are_not_counted_skipped(
    workspace: Workspace, server: Served, tmp_path: Path
) -> None:
    # The page is gone, its highlights are kept on an article of their passages: nothing of
    # the export was skipped, so the summary says no "Skipped"; the page is named on stderr.
    path = server.sample("readwise-import.csv", tmp_path / "r.csv")
    path.write_text(path.read_text().replace("/night-library", "/gone"))
    report = workspace.imports.run(path)
    assert report.highlights == {"added": 3, "standin": 3}
    assert not any(line.startswith("Skipped") for line in report.summary())
    assert any("could not be fetched" in line for line in report.warnings())


def test_a_readwise_location_of_superscript_digits_is_a_label_not_a_crash(
    workspace: Workspace, tmp_path: Path
) -> None:
    # "²" is a digit to str.isdigit but not to int(): the import raised ValueError.
    from tests.exports.conftest import SAMPLES

    sample = (SAMPLES / "readwise-export.csv").read_text(encoding="utf-8")
    odd = tmp_path / "odd.csv"
    odd.write_text(sample.replace("location,2310,", "location,²,"), encoding="utf-8")
    report = workspace.imports.run(odd)
    assert report.highlights["added"] == 3
    (meta,) = workspace.articles.listing()
    assert [p.label for p in workspace.articles.get(meta.id).pages] == ["12", "2047", "²"]


def test_a_reimport_keeps_the_users_edited_page_notes_and_adds_no_copy(
    workspace: Workspace, server: Served, tmp_path: Path
) -> None:
    path = server.sample("hypothesis-search.json", tmp_path / "search.json")
    notes = workspace.imports.run(path).page_notes_file
    assert notes is not None
    folder = notes.parent
    # The user edits the file: a thought of their own under the note.
    edited = notes.read_text(encoding="utf-8") + "\nMy own thought on it.\n"
    notes.write_text(edited, encoding="utf-8")
    again = workspace.imports.run(path)
    assert sorted(folder.iterdir()) == [notes]  # no second file with the export's text
    assert notes.read_text(encoding="utf-8") == edited  # the edit is kept
    assert again.page_notes_file == notes
    assert f"kept in {notes}" in "\n".join(again.summary())
    # The user deletes the note from the file: importing the export again brings it back, in a
    # file of its own (theirs untouched), and the summary says which is which.
    gone = "# My notes\n\nNothing from the export here any more.\n"
    notes.write_text(gone, encoding="utf-8")
    third = workspace.imports.run(path)
    assert notes.read_text(encoding="utf-8") == gone
    (added,) = set(folder.iterdir()) - {notes}
    assert third.page_notes_file == added
    assert "A page note: it has no quote" in added.read_text(encoding="utf-8")
    summary = "\n".join(third.summary())
    assert f"kept in {added} (1 of them not found in what an earlier import wrote" in summary
    assert summary.endswith(f"left as it is: {notes})")
    # And once more: every note is in one of the two files now, so nothing is written.
    assert workspace.imports.run(path).page_notes_file == added
    assert set(folder.iterdir()) == {notes, added}


def test_a_new_page_note_in_a_grown_export_is_kept_though_its_words_are_in_an_older_file(
    workspace: Workspace, server: Served, tmp_path: Path
) -> None:
    # The export, made again later under the same name, holds a new note on another page (and
    # a short one on the first page). Their words are in the file the first import wrote, in
    # another page's note or title, and in a longer word: they are new notes all the same.
    path = server.sample("hypothesis-search.json", tmp_path / "search.json")
    first = workspace.imports.run(path).page_notes_file
    assert first is not None
    other = f"{server.base}/other-page"

    def grown(rows: list[dict[str, Any]]) -> None:
        rows += [
            {**rows[-1], "id": "PageNote2", "uri": other, "text": "it has no quote",
             "target": [{"source": other}], "document": {"title": ["Another page"]}},
            {**rows[-1], "id": "PageNote3", "text": "Tide"},
        ]  # fmt: skip

    _edit_rows(path, grown)
    again = workspace.imports.run(path)
    assert again.page_notes == 3
    assert again.page_notes_file not in (None, first)
    added = again.page_notes_file.read_text(encoding="utf-8")
    assert f"<{other}>\n\nit has no quote\n" in added
    assert "\nTide\n" in added
    assert "A page note: it has no quote" not in added  # that one is in the first file still


def test_a_page_note_with_its_own_heading_and_link_is_found_kept_on_a_reimport(
    workspace: Workspace, server: Served, tmp_path: Path
) -> None:
    # A note in Markdown, with a heading and a link line of its own: the file holds it, under
    # its page, so importing the export again (the file edited since) writes no second file.
    path = server.sample("hypothesis-search.json", tmp_path / "search.json")
    note = "Why it matters\n\n## Sources\n\n<https://example.com/minutes>\n\nThe council's minutes."
    _edit_rows(path, lambda rows: rows[-1].update(text=note))
    first = workspace.imports.run(path).page_notes_file
    assert first is not None and "The council's minutes." in first.read_text(encoding="utf-8")
    with first.open("a", encoding="utf-8") as kept:
        kept.write("\nMy own thought.\n")
    assert workspace.imports.run(path).page_notes_file == first
    assert list(first.parent.iterdir()) == [first]


def _edit_rows(path: Path, edit: Callable[[list[dict[str, Any]]], object]) -> None:
    """Change the rows of the Hypothesis search result at path in place."""
    data = json.loads(path.read_text(encoding="utf-8"))
    edit(data["rows"])
    path.write_text(json.dumps(data), encoding="utf-8")


def test_two_kept_files_of_one_export_in_one_second_are_both_kept(
    workspace: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Two imports of exports of the same name write their page notes in the same second, the
    # second's check for a free name made before the first's file is there (another process):
    # the name is taken at once, so the second takes the next one and replaces nothing.
    import annotations.workspace.importing as importing

    monkeypatch.setattr(importing.time, "strftime", lambda _: "20260101-120000")
    monkeypatch.setattr(Path, "exists", lambda self, **_: False)  # the other's file not seen yet
    export = tmp_path / "search.json"
    first = workspace.imports._keep(export, "-page-notes.md", "# The first import's notes\n")
    second = workspace.imports._keep(export, "-page-notes.md", "# The second import's notes\n")
    assert first != second
    assert first.read_text(encoding="utf-8") == "# The first import's notes\n"
    assert second.read_text(encoding="utf-8") == "# The second import's notes\n"


def test_a_second_exports_highlights_of_a_page_not_to_be_had_join_its_passages(
    workspace: Workspace, tmp_path: Path
) -> None:
    # Hypothesis's highlights of a page that could not be fetched made an article of their
    # passages. Readwise's of the same page were then placed on that article as words it
    # lacked: every one an orphan. They join its passages now, none lost, and the first
    # export's highlights stay on their words.
    gone = "http://127.0.0.1:9/gone-page"  # nothing listens on port 9: refused at once
    hypothesis = [
        {
            "id": "h1",
            "uri": gone,
            "text": "",
            "tags": [],
            "created": "2025-03-04T10:00:00+00:00",
            "document": {"title": ["A page that is gone"]},
            "target": [
                {
                    "source": gone,
                    "selector": [{"type": "TextQuoteSelector", "exact": "The first words kept."}],
                }
            ],
        }
    ]
    first = tmp_path / "hypothesis.json"
    first.write_text(json.dumps({"rows": hypothesis}), encoding="utf-8")
    workspace.imports.run(first)
    second = tmp_path / "readwise.csv"
    second.write_text(
        "Highlight,Title,Author,URL,Note,Location,Date\r\n"
        f"Other words from the same page.,A page that is gone,,{gone},Mine,,\r\n",
        encoding="utf-8",
    )
    report = workspace.imports.run(second)
    assert "orphaned" not in report.highlights
    (meta,) = workspace.articles.listing()
    marks = workspace.highlights.in_article(meta.id)
    assert sorted((m.quote, m.orphaned) for m in marks) == [
        ("Other words from the same page.", False),
        ("The first words kept.", False),
    ]
    again = workspace.imports.run(second)
    assert again.highlights.get("added", 0) == 0 and "orphaned" not in again.highlights
