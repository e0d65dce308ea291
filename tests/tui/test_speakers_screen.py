"""W lists who is quoted across the library; moving picks a speaker, enter opens a quotation."""

from __future__ import annotations

from tests.tui.test_flows import SIZE, AppFactory
from tui.screens.main import MainScreen
from tui.screens.speakers import SpeakersScreen


async def test_w_lists_speakers_and_enter_opens_the_quotation(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await app.settle()
        main = app.screen
        assert isinstance(main, MainScreen)
        await pilot.press("W")  # the speakers view
        await app.settle()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SpeakersScreen)
        names = [s.name for s in screen.speakers]
        assert "Thomas M. Menino" in names
        index = names.index("Thomas M. Menino")
        await pilot.press(*["down"] * index)  # moving the cursor lists that speaker's words
        await app.settle()
        await pilot.pause()
        assert screen.shown == "Thomas M. Menino"
        assert screen.quotes and all(q.article.title.startswith("Boston") for q in screen.quotes)
        first = screen.quotes[0]
        await pilot.press("enter", "enter")  # into the quotations, then open the first
        await app.settle()
        await pilot.pause()
        assert app.screen is main
        assert main.article is not None and main.article.id == first.article.id
        assert main.reader.cursor == first.start


async def test_speakers_view_is_in_the_palette(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await app.settle()
        commands = [str(c.title) for c in app.get_system_commands(app.screen)]
        assert "Speakers" in commands
        await pilot.press("W")
        await app.settle()
        await pilot.pause()
        assert isinstance(app.screen, SpeakersScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
