"""Reopening the reader puts the last article back where it was left, cursor in view."""

from __future__ import annotations

from pathlib import Path

from annotations.workspace import Workspace
from library.config import Config
from tui.app import MarginApp
from tui.screens.main import MainScreen

LONG = "A long report\n\nPublished 2 May 2024\n\n" + "\n\n".join(
    f"Paragraph {n} says something worth reading about the harbour, at some length, "
    "so that it wraps over a couple of lines on any reasonable terminal."
    for n in range(80)
)


def _library(tmp_path: Path) -> tuple[Path, str]:
    root = tmp_path / "lib"
    workspace = Workspace(root)
    done = workspace.articles.import_bytes(LONG.encode(), "long.txt")
    assert done.article is not None
    text = workspace.articles.get(done.article.id).text
    top = text.index("Paragraph 40 ")
    cursor = text.index("Paragraph 42 ")
    workspace.reading.set_position(done.article.id, top, cursor)
    workspace.reading.set_last_article(done.article.id)
    return root, done.article.id


async def test_the_last_article_reopens_at_its_place(tmp_path: Path) -> None:
    root, _ = _library(tmp_path)
    app = MarginApp(root, Config())
    async with app.run_test(size=(120, 40)) as pilot:
        await app.settle()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, MainScreen) and screen.article is not None
        reader = screen.reader
        assert reader.layout_ is not None
        text = screen.article.text
        first_shown = reader.layout_.y_of_offset(text.index("Paragraph 40 "))
        assert int(reader.scroll_y) == first_shown
        assert reader.cursor == text.index("Paragraph 42 ")


async def test_on_a_smaller_terminal_the_cursor_stays_in_view(tmp_path: Path) -> None:
    root, _ = _library(tmp_path)
    app = MarginApp(root, Config())
    async with app.run_test(size=(80, 12)) as pilot:
        await app.settle()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, MainScreen) and screen.article is not None
        reader = screen.reader
        assert reader.layout_ is not None
        row = reader.layout_.y_of_offset(reader.cursor)
        top = int(reader.scroll_y)
        assert top <= row < top + reader.scrollable_content_region.height


async def test_theme_sort_and_panes_chosen_in_the_reader_stay(tmp_path: Path) -> None:
    root, _ = _library(tmp_path)
    app = MarginApp(root, Config())
    async with app.run_test(size=(120, 40)) as pilot:
        await app.settle()
        screen = app.screen
        assert isinstance(screen, MainScreen)
        app.theme = "nord"  # as picked in the command palette
        screen.library_list.focus()
        await pilot.press("o")  # sort: date → title
        await pilot.press("A")  # hide the highlights pane
        await app.settle()
        sort = screen.library_list.sort
    again = MarginApp(root, Config())
    async with again.run_test(size=(120, 40)) as pilot:
        await again.settle()
        screen = again.screen
        assert isinstance(screen, MainScreen)
        assert again.theme == "nord"
        assert screen.library_list.sort == sort != "date"
        assert not screen.query_one("#annotations-pane").display
        assert screen.query_one("#library-pane").display
