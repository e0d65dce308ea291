"""The library pane: titles wrap, not cut; the pane takes the width the reader leaves."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len
from textual.pilot import Pilot

from library.config import Config
from library.store import Library
from tui.app import MarginApp
from tui.screens.main import MainScreen
from tui.widgets.library_list import TITLE_LINES, LibraryList, title_rows


@pytest.fixture
def samples_library(tmp_path: Path) -> Path:
    """A library holding the bundled samples, as a new user's first run has."""
    root = tmp_path / "lib"
    Library(root).seed_samples()
    return root


def _rows(listing: LibraryList) -> list[str]:
    """What the list shows, one string per screen line."""
    return [listing.render_line(y).text for y in range(listing.scrollable_content_region.height)]


async def _listed(app: MarginApp, pilot: Pilot[None]) -> MainScreen:
    """The reader's screen once its library pane lists the articles."""
    await app.settle()
    screen = app.screen
    assert isinstance(screen, MainScreen)
    for _ in range(100):
        if screen.library_list.shown:
            break
        await pilot.pause(0.05)
    await pilot.pause()
    return screen


async def _shown(root: Path, size: tuple[int, int]) -> tuple[int, list[str], list[str]]:
    """The library pane's width, the titles listed and the pane's screen lines at a size."""
    app = MarginApp(root, Config())
    async with app.run_test(size=size) as pilot:
        screen = await _listed(app, pilot)
        listing = screen.library_list
        titles = [item.meta.title for item in listing.shown]
        return screen.query_one("#library-pane").outer_size.width, titles, _rows(listing)


@pytest.mark.parametrize("size", [(140, 45), (200, 60)], ids=lambda s: f"{s[0]}x{s[1]}")
async def test_sample_titles_show_in_full(samples_library: Path, size: tuple[int, int]) -> None:
    _, titles, rows = await _shown(samples_library, size)
    text = " ".join(row.strip() for row in rows)
    assert "…" not in text
    for title in titles:
        assert title in text, title


async def test_the_library_takes_the_width_the_reader_leaves(samples_library: Path) -> None:
    # At 200 columns the reader keeps its measure and the library gets most of the rest.
    app = MarginApp(samples_library, Config())
    async with app.run_test(size=(200, 60)) as pilot:
        await app.settle()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, MainScreen)
        library = screen.query_one("#library-pane").size.width
        reader = screen.query_one("#reader-pane").size.width
        assert library >= 50
        assert reader >= screen.reader.measure_limit + 4
        assert screen.reader.measure == screen.reader.measure_limit


async def test_small_terminal_still_fits(samples_library: Path) -> None:
    # 80×24: the library keeps 24 columns, the reader the rest; long titles end with an ellipsis.
    width, _, rows = await _shown(samples_library, (80, 24))
    assert width == 24
    assert any(row.rstrip().endswith("…") for row in rows)
    assert all(cell_len(row) < width for row in rows)  # the border takes one column


async def test_clicks_and_moves_follow_rows_of_different_heights(samples_library: Path) -> None:
    app = MarginApp(samples_library, Config())
    async with app.run_test(size=(140, 45)) as pilot:
        await app.settle()
        screen = app.screen
        assert isinstance(screen, MainScreen)
        listing = screen.library_list
        for _ in range(100):
            if listing.shown:
                break
            await pilot.pause(0.05)
        listing.focus()
        await pilot.pause()
        await pilot.press("G")  # the last row starts below rows of two and three lines
        last = len(listing.shown) - 1
        assert listing.cursor == last
        top = listing.row_top(last)
        assert top == sum(listing.row_height(i) for i in range(last))
        height = listing.row_height(last)
        assert listing.row_at(top + height - 1) == (last, height - 1)
        await pilot.press("g")
        assert listing.cursor == 0
        # A click on the details line of the second row chooses the second article.
        second_details = listing.row_top(1) + listing.row_height(1) - 1
        await pilot.click(LibraryList, offset=(3, second_details))
        await app.settle()
        await pilot.pause()
        assert screen.article is not None and screen.article.id == listing.shown[1].meta.id


titles = st.lists(
    st.text(alphabet=st.sampled_from([*"abcdefgh ", "—", "漢", "🙂"]), min_size=1, max_size=12),
    min_size=1,
    max_size=20,
).map(" ".join)


@settings(max_examples=200, deadline=None)
@given(titles, st.integers(min_value=8, max_value=60))
def test_title_rows_fit_and_keep_every_word_they_can(title: str, width: int) -> None:
    rows = title_rows(title, width)
    assert 1 <= len(rows) <= TITLE_LINES
    for row in rows:
        # A row fits, unless it is (part of) one word wider than the line.
        assert cell_len(row) <= width or " " not in row
    if not rows[-1].endswith("…"):
        assert "".join(rows).replace(" ", "") == title.replace(" ", "")


@pytest.mark.parametrize("theme", ["textual-dark", "textual-light"])
async def test_the_selected_row_has_one_background_title_and_date(
    tui_library: Path, theme: str
) -> None:
    """The cursor's row is one block: its date line has the cursor's background, as its
    title lines do, across the whole width (focused or not)."""
    config = Config()
    config.theme = theme
    app = MarginApp(tui_library, config)
    async with app.run_test(size=(120, 40)) as pilot:
        await app.settle()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, MainScreen)
        listing = screen.library_list
        for focused in (True, False):
            if focused:
                listing.focus()
            else:
                screen.reader.focus()
            await pilot.pause()
            top, height = listing.row_top(listing.cursor), listing.row_height(listing.cursor)
            backgrounds = {
                segment.style.bgcolor
                for y in range(top, top + height)
                for segment in listing.render_line(y - int(listing.scroll_y))
                if segment.style is not None and segment.text.strip()
            }
            assert len(backgrounds) == 1, (focused, backgrounds)
            other = listing.render_line(top + height - int(listing.scroll_y))  # the next row
            assert {s.style.bgcolor for s in other if s.style} != backgrounds


async def test_a_source_too_long_for_the_pane_is_cut_between_words(tui_library: Path) -> None:
    """At 80 columns "Maria Sacchetti" does not fit beside the date: the line keeps the whole
    first name and says it is cut, never "Maria Sacch"."""
    from tui.widgets.library_list import fit_words

    app = MarginApp(tui_library, Config())
    async with app.run_test(size=(80, 24)) as pilot:
        await app.settle()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, MainScreen)
        listing = screen.library_list
        lines = [listing.render_line(y).text.strip() for y in range(listing.size.height)]
        assert "2011-07-13  Maria…" in lines, lines
        assert "2024-05-02  Ann Lee" in lines, lines
    assert fit_words("The Riverton Courier", 12) == "The…"
    assert fit_words("Riverton", 5) == ""


async def test_a_kindle_author_is_shown_in_natural_order(tmp_path: Path) -> None:
    """A Kindle's clippings give "Rubin, Gretchen": the library pane and the reader's byline
    showed it so; both show "Gretchen Rubin" (the stored form stays, for citations)."""
    from annotations.workspace import Workspace

    clippings = tmp_path / "My Clippings.txt"
    clippings.write_text(
        "Better Than Before (Rubin, Gretchen)\n"
        "- Your Highlight on Location 1041-1044 | Added on Monday, 4 January 2021 09:15:00\n\n"
        "Outer disorder may act as a broken window.\n"
        "==========\n",
        encoding="utf-8",
    )
    root = tmp_path / "lib"
    Workspace(root).imports.run(clippings)
    app = MarginApp(root, Config())
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await _listed(app, pilot)
        (book,) = screen.library_list.shown
        assert book.meta.authors == ["Rubin, Gretchen"]  # stored as the device gave it
        rows = " ".join(_rows(screen.library_list))
        assert "Gretchen Rubin" in rows and "Rubin, Gretchen" not in rows, rows
        screen.open_article(book.meta.id, focus=True)
        for _ in range(100):
            await app.settle()
            if screen.article is not None:
                break
            await pilot.pause(0.05)
        from tui.layout import article_header

        assert screen.article is not None
        assert ("byline", "Gretchen Rubin") in article_header(screen.article)
