"""Reopening the reader puts the last article back where it was left, cursor in view."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.geometry import Size

from annotations.workspace import Workspace
from library.config import Config, load_config
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
    app = MarginApp(root, load_config())
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
    again = MarginApp(root, load_config())
    async with again.run_test(size=(120, 40)) as pilot:
        await again.settle()
        screen = again.screen
        assert isinstance(screen, MainScreen)
        assert again.theme == "nord"
        assert screen.library_list.sort == sort != "date"
        assert not screen.query_one("#annotations-pane").display
        assert screen.query_one("#library-pane").display


async def test_a_theme_picked_in_one_library_opens_every_library(tmp_path: Path) -> None:
    """The theme is the user's: kept in the config file (its comments too), not per library."""
    from library.paths import config_file

    first, _ = _library(tmp_path / "one")
    other, _ = _library(tmp_path / "two")
    load_config(create=True)  # the commented config written on first run
    app = MarginApp(first, load_config())
    async with app.run_test(size=(120, 40)) as pilot:
        await app.settle()
        app.theme = "gruvbox"  # as picked in the command palette
        await pilot.pause()  # the theme's signal reaches the app, which submits the save
        await app.settle()
    saved = config_file().read_text(encoding="utf-8")
    assert 'theme = "gruvbox"' in saved and "# Reading measure in columns" in saved
    assert load_config().theme == "gruvbox"
    again = MarginApp(other, load_config())
    async with again.run_test(size=(120, 40)):
        await again.settle()
        assert again.theme == "gruvbox"


def _at_the_end(tmp_path: Path) -> tuple[Path, str]:
    """A library whose long article was left at its end (`G`, then `q`)."""
    root = tmp_path / "lib"
    workspace = Workspace(root)
    done = workspace.articles.import_bytes(LONG.encode(), "long.txt")
    assert done.article is not None
    text = workspace.articles.get(done.article.id).text
    workspace.reading.set_position(
        done.article.id, text.index("Paragraph 74 "), text.index("Paragraph 79 ")
    )
    workspace.reading.set_last_article(done.article.id)
    return root, done.article.id


def _first_layout_after_the_article(monkeypatch: pytest.MonkeyPatch) -> None:
    """Hold back the main screen's first layout until the article is shown, as on a busy
    machine where the loading worker wins the race against the first layout."""
    original = MainScreen._refresh_layout

    def slow(self: MainScreen, size: Size | None = None, scroll: bool = False) -> None:
        if self.article is None:
            self.set_timer(0.05, lambda: slow(self, self.app.size))
            return
        original(self, size, scroll)

    monkeypatch.setattr(MainScreen, "_refresh_layout", slow)


@pytest.mark.parametrize("slow_layout", [False, True])
async def test_reopened_at_the_end_it_stays_there_and_h_acts_on_what_is_seen(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, slow_layout: bool
) -> None:
    await _reopen_and_highlight(tmp_path, monkeypatch, slow_layout, typed_ahead=False)


async def test_h_typed_before_the_view_is_placed_acts_on_the_placed_view(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    await _reopen_and_highlight(tmp_path, monkeypatch, True, typed_ahead=True)


async def _reopen_and_highlight(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, slow_layout: bool, *, typed_ahead: bool
) -> None:
    root, article_id = _at_the_end(tmp_path)
    if slow_layout:
        _first_layout_after_the_article(monkeypatch)
    saved = Workspace(root).reading.position(article_id)
    assert saved is not None
    app = MarginApp(root, Config())
    async with app.run_test(size=(120, 40)) as pilot:
        if typed_ahead:  # while the article loads and before the first layout
            await pilot.press("h")
        await app.settle()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, MainScreen) and screen.article is not None
        reader = screen.reader
        assert reader.layout_ is not None and reader.layout_.measure == reader.measure
        top, height = int(reader.scroll_y), reader.scrollable_content_region.height
        # At the end of the article: the view is as far down as it goes, the cursor in it.
        assert top == reader.max_scroll_y > 0
        assert reader.cursor == saved.cursor
        assert top <= reader.layout_.y_of_offset(reader.cursor) < top + height
        if not typed_ahead:
            await pilot.press("h")
            await app.settle()
        made = screen.annotations[-1]
        assert top <= reader.layout_.y_of_offset(made.start) < top + height
        assert "Paragraph 79 " in made.quote
        shown = reader.top_offset
        await pilot.press("q")
    position = Workspace(root).reading.position(article_id)
    assert position is not None
    assert position.offset == shown > 0
