"""A book whose clippings name no author is one with a book of the same title only on evidence:
its passages or its highlights. The title alone ("Notes") names many books."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotations.workspace import ImportJob, Workspace
from annotations.workspace.importing import ForeignImports
from tests.exports.conftest import books, clipping, written


def _clip(title: str, location: str, words: str) -> str:
    return clipping(title, "Highlight", location, words)


FIRST = _clip("Notes", "10-12", "The harbour freezes over in the first week of January.")
SECOND = _clip("Notes", "40-41", "Bring the blue folder to the meeting on Thursday.")


def test_two_books_called_notes_with_no_author_stay_two(tmp_path: Path) -> None:
    # Before, the second file's "Notes" was taken for the first's: its passage joined that book.
    Workspace(tmp_path / "lib").imports.run(written(tmp_path / "a.txt", FIRST))
    workspace = Workspace(tmp_path / "lib")
    report = workspace.imports.run(written(tmp_path / "b.txt", SECOND))
    assert report.articles == {"imported": 1}
    assert sorted(books(workspace).values()) == [
        ["Bring the blue folder to the meeting on Thursday."],
        ["The harbour freezes over in the first week of January."],
    ]
    # Each file again is its own book again: nothing new, no third book.
    for name, text in (("a.txt", FIRST), ("b.txt", SECOND)):
        again = Workspace(tmp_path / "lib").imports.run(written(tmp_path / name, text))
        assert (again.articles, again.highlights) == ({"unchanged": 1}, {"present": 1})
    assert len(Workspace(tmp_path / "lib").articles.listing()) == 2


def test_a_grown_clippings_file_adds_to_its_own_authorless_book(tmp_path: Path) -> None:
    workspace = Workspace(tmp_path / "lib")
    workspace.imports.run(written(tmp_path / "a.txt", FIRST))
    workspace.imports.run(written(tmp_path / "b.txt", SECOND))
    later = _clip("Notes", "90", "Short.")  # too short to tell a book by: the file's own tells
    report = Workspace(tmp_path / "lib").imports.run(written(tmp_path / "a.txt", FIRST + later))
    assert report.articles == {"updated": 1}
    assert sorted(books(Workspace(tmp_path / "lib")).values()) == [
        ["Bring the blue folder to the meeting on Thursday."],
        ["Short.", "The harbour freezes over in the first week of January."],
    ]


def test_short_words_under_another_location_are_no_evidence(tmp_path: Path) -> None:
    workspace = Workspace(tmp_path / "lib")
    workspace.imports.run(written(tmp_path / "a.txt", _clip("Notes", "5", "Yes.")))
    report = workspace.imports.run(written(tmp_path / "b.txt", _clip("Notes", "700", "Yes.")))
    assert report.articles == {"imported": 1}
    assert len(workspace.articles.listing()) == 2


def test_clippings_with_no_author_do_not_land_on_an_article_of_the_same_title(
    tmp_path: Path,
) -> None:
    # A page called "Notes" holding none of the book's words is not the book: before, the
    # clippings were placed on it, every one an orphan.
    page = tmp_path / "notes.md"
    page.write_text("# Notes\n\nMilk, eggs and the paper on the way home.\n", encoding="utf-8")
    workspace = Workspace(tmp_path / "lib")
    assert workspace.articles.import_one(ImportJob(str(page), "file", page)).status == "imported"
    report = workspace.imports.run(written(tmp_path / "a.txt", FIRST))
    assert report.articles == {"imported": 1}
    assert "orphaned" not in report.highlights
    (book,) = [m for m in workspace.articles.listing() if m.item_type == "book"]
    assert books(workspace)[book.id] == ["The harbour freezes over in the first week of January."]


def test_clippings_with_no_author_land_on_the_full_text_that_holds_their_words(
    tmp_path: Path,
) -> None:
    page = tmp_path / "notes.md"
    page.write_text(
        "# Notes\n\nAt the lake. The harbour freezes over in the first week of January. Then "
        "the boats stay in.\n",
        encoding="utf-8",
    )
    workspace = Workspace(tmp_path / "lib")
    workspace.articles.import_one(ImportJob(str(page), "file", page))
    report = workspace.imports.run(written(tmp_path / "a.txt", FIRST))
    assert report.highlights == {"added": 1}
    assert "articles" not in report.articles or not report.articles
    assert len(workspace.articles.listing()) == 1


def test_a_page_of_the_same_title_is_offered_the_passages_only_when_it_holds_them(
    tmp_path: Path,
) -> None:
    # Importing a page called "Notes" offered to move an authorless book's highlights onto it
    # by its title alone.
    workspace = Workspace(tmp_path / "lib")
    workspace.imports.run(written(tmp_path / "a.txt", FIRST))
    other = written(tmp_path / "other.md", "# Notes\n\nMilk, eggs and the paper.\n")
    done = workspace.articles.import_one(ImportJob(str(other), "file", other))
    assert done.article is not None
    assert workspace.imports.offers([done.article]) == []
    page = written(
        tmp_path / "notes.md",
        "# Notes\n\nAt the lake. The harbour freezes over in the first week of January.\n",
    )
    done = workspace.articles.import_one(ImportJob(str(page), "file", page))
    assert done.article is not None
    assert [full.id for _, full in workspace.imports.offers([done.article])] == [done.article.id]


RESERVED = "All rights reserved."  # 20 characters: a line many books share


def _noted(location: str, words: str, note: str) -> str:
    return _clip("Notes", location, words) + clipping("Notes", "Note", location, note)


def _notes(workspace: Workspace) -> list[str]:
    return sorted(
        h.note
        for m in workspace.articles.listing()
        for h in workspace.highlights.in_article(m.id)
        if h.note
    )


def test_boilerplate_two_books_share_does_not_make_them_one(tmp_path: Path) -> None:
    # Before, "All rights reserved." in both was taken for the same book: the second book's
    # passages joined the first's, and its note on those words was dropped (the first
    # book's highlight on them had a note already).
    first = _noted("10", RESERVED, "Template header: ask Jo.") + FIRST
    second = _noted("50", RESERVED, "Copied from the draft.") + SECOND
    workspace = Workspace(tmp_path / "lib")
    workspace.imports.run(written(tmp_path / "a.txt", first))
    report = workspace.imports.run(written(tmp_path / "b.txt", second))
    assert report.articles == {"imported": 1}
    assert len(workspace.articles.listing()) == 2
    assert _notes(workspace) == ["Copied from the draft.", "Template header: ask Jo."]


def test_one_shared_passage_of_two_is_no_evidence_even_at_the_same_place(
    tmp_path: Path,
) -> None:
    workspace = Workspace(tmp_path / "lib")
    workspace.imports.run(written(tmp_path / "a.txt", _clip("Notes", "10", RESERVED) + FIRST))
    report = workspace.imports.run(
        written(tmp_path / "b.txt", _clip("Notes", "10", RESERVED) + SECOND)
    )
    assert report.articles == {"imported": 1}
    assert len(workspace.articles.listing()) == 2


def test_another_export_of_the_book_with_two_of_its_passages_is_the_book(tmp_path: Path) -> None:
    # A Readwise-style location (the range's first number) is the same place.
    workspace = Workspace(tmp_path / "lib")
    workspace.imports.run(written(tmp_path / "a.txt", FIRST + SECOND))
    again = _clip("Notes", "10", FIRST.split("\n\n")[1].split("\n")[0]) + _clip(
        "Notes", "40", "Bring the blue folder to the meeting on Thursday."
    )
    report = workspace.imports.run(written(tmp_path / "b.txt", again))
    assert report.articles == {"unchanged": 1}
    assert len(workspace.articles.listing()) == 1


def test_a_merge_keeps_a_second_note_on_the_same_words(tmp_path: Path) -> None:
    # A book of one passage whose words another "Notes" has at the same location (a range in
    # one file, its first number in the other) is taken for it: that may be wrong, so its note
    # on those words, under its own id, is a highlight of its own there, never dropped.
    workspace = Workspace(tmp_path / "lib")
    workspace.imports.run(written(tmp_path / "a.txt", _noted("10-11", RESERVED, "First.")))
    report = workspace.imports.run(written(tmp_path / "b.txt", _noted("10", RESERVED, "Second.")))
    assert (report.articles, report.highlights) == ({"unchanged": 1}, {"added": 1})
    assert _notes(workspace) == ["First.", "Second."]
    again = workspace.imports.run(written(tmp_path / "b.txt", _noted("10", RESERVED, "Second.")))
    assert again.highlights == {"present": 1}
    assert _notes(workspace) == ["First.", "Second."]


def _notes_only(tmp_path: Path) -> Path:
    return written(
        tmp_path / "a.txt",
        clipping("Notes", "Note", "300", "Call the harbour master about the ice.")
        + clipping("Notes", "Note", "410", "Ask Jo."),
    )


def test_a_book_of_notes_only_imported_again_is_itself(tmp_path: Path) -> None:
    workspace = Workspace(tmp_path / "lib")
    workspace.imports.run(_notes_only(tmp_path))
    again = Workspace(tmp_path / "lib").imports.run(_notes_only(tmp_path))
    assert (again.articles, again.highlights) == ({"unchanged": 1}, {"present": 2})
    assert len(Workspace(tmp_path / "lib").articles.listing()) == 1


def test_a_book_of_notes_only_stopped_after_its_article_is_itself_next_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Killed after the book's article was stored, before its notes: nothing in it tells it is
    # the book, but the article made again is the one stored (the same title alone), never a
    # "Notes #2" beside an empty "Notes".
    def killed(*_: object, **__: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(ForeignImports, "_place", killed)
    with pytest.raises(KeyboardInterrupt):
        Workspace(tmp_path / "lib").imports.run(_notes_only(tmp_path))
    monkeypatch.undo()
    report = Workspace(tmp_path / "lib").imports.run(_notes_only(tmp_path))
    assert report.highlights == {"added": 2}
    (meta,) = Workspace(tmp_path / "lib").articles.listing()
    assert meta.source is not None and "#" not in meta.source
