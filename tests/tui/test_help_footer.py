"""Help, footer, palette and the highlights pane's empty state: what a newcomer reads first."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import ClassVar

import pytest
from rich.console import Console
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.pilot import Pilot
from textual.widgets import Static
from textual.widgets._footer import FooterKey

from library.config import Config, Stance
from tui.app import MarginApp
from tui.commands import binding_commands
from tui.screens.help import CLOSE_HINT, HelpScreen
from tui.screens.main import MainScreen
from tui.widgets.annotation_list import EMPTY_HINT
from tui.widgets.footer import MarginFooter

AppFactory = Callable[..., MarginApp]


def _help_text(screen: HelpScreen) -> str:
    console = Console(width=100, record=True, file=open("/dev/null", "w"))  # noqa: SIM115
    for static in screen.query(Static):
        console.print(static.content)
    return console.export_text()


async def test_help_names_the_stances_and_says_how_to_close(make_app: AppFactory) -> None:
    config = Config()
    config.stances = (Stance("agree", "1", "green", "I agree"), Stance("doubt", "4", "red"))
    app = make_app(config=config)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.settle()
        await pilot.press("question_mark")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, HelpScreen)
        text = _help_text(screen)
        assert "Stance 2" not in text and "Stance 9" not in text  # no phantom stances
        assert "agree — I agree" in text and "doubt" in text
        assert CLOSE_HINT in " ".join(text.split())
        assert "highlights pane" in text.lower() and "annotations pane" not in text.lower()
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)


async def test_help_scrolls_with_the_readers_keys(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await app.settle()
        await pilot.press("question_mark")
        await pilot.pause()
        scroll = app.screen.query_one("#help", VerticalScroll)
        assert scroll.max_scroll_y > 0  # 80×24 cannot show every key at once
        await pilot.press("G")  # to the end
        await pilot.pause()
        assert scroll.scroll_y == scroll.max_scroll_y
        await pilot.press("g")  # back to the top
        await pilot.pause()
        assert scroll.scroll_y == 0
        await pilot.press("space")  # a page down
        await pilot.pause()
        assert scroll.scroll_y > 1
        await pilot.press("b")  # and back up
        await pilot.pause()
        assert scroll.scroll_y == 0
        await pilot.press("j")
        await pilot.pause()
        assert scroll.scroll_y == 1
        await pilot.press("q")  # q closes help, it does not quit
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)


class _Crowded(App[None]):
    """More keys than 80 columns hold, declared before quit and help, as the reader's are."""

    BINDINGS: ClassVar[list[BindingType]] = [
        *[Binding(c, f"notify('{c}')", f"Action {c}") for c in "abcdefghijklmnop"],
        Binding("q", "quit", "Quit"),
        Binding("question_mark", "help", "Help", key_display="?"),
    ]

    def compose(self) -> ComposeResult:
        yield MarginFooter()


async def test_quit_and_help_stay_in_the_footer_at_80_columns() -> None:
    app = _Crowded()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.pause()
        keys = {key.action: key for key in app.screen.query(FooterKey)}
        for action in ("quit", "help"):
            region = keys[action].region
            assert region.width > 0 and region.x >= 0 and region.right <= 80, action
        assert keys["quit"].region.x > keys["help"].region.right - 1  # side by side, not overlaid
        assert keys["notify('a')"].region.x < keys["help"].region.x  # contextual keys first


async def test_palette_lists_actions_not_motions(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await app.settle()
        await pilot.pause()
        names = [str(command.title) for command in binding_commands(app, app.screen)]
        for motion in ("Down", "Up", "Cancel", "Bottom", "Top", "Line down", "Next word"):
            assert motion not in names
        assert "Highlights pane" in names and "Annotations pane" not in names
        assert "Stance: support" in names and "Stance 2" not in names
        assert "Export" in names and "Select" in names


async def test_palette_leaves_out_textuals_keys_and_maximize(make_app: AppFactory) -> None:
    """Margin's help (`?`) and reading mode (`z`) stand in for Textual's own panel and
    maximize: the palette lists only Margin's, with Textual's theme and quit."""
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await app.settle()
        screen = app.screen
        assert isinstance(screen, MainScreen)
        for focused in (screen.library_list, screen.reader):
            focused.focus()
            await pilot.pause()
            titles = [str(c.title) for c in app.get_system_commands(app.screen)]
            assert "Keys" not in titles and "Maximize" not in titles, titles
            assert "Theme" in titles and "Help" in titles and titles.count("Quit") == 1, titles


async def test_empty_highlights_pane_says_what_to_do(make_app: AppFactory, tmp_path: Path) -> None:
    app = make_app()
    async with app.run_test(size=(140, 40)) as pilot:
        await app.settle()
        screen = app.screen
        assert isinstance(screen, MainScreen)
        boston = next(i for i in screen.library_list.shown if i.meta.title.startswith("Boston"))
        screen.open_article(boston.meta.id, focus=True)
        await app.settle()
        await pilot.pause()
        listing = screen.annotation_list
        assert listing.option_count == 1
        prompt = listing.get_option_at_index(0).prompt
        assert str(prompt) == EMPTY_HINT
        assert listing.current_id is None
        await pilot.press("h")  # the first highlight replaces the hint
        await app.settle()
        await pilot.pause()
        assert listing.option_count == 1
        assert listing.get_option_at_index(0).id is not None


def _footer_line(app: MarginApp) -> str:
    """The footer as painted: the screen's last line."""
    update = app.screen._compositor.render_update(full=True)
    strips = getattr(update, "strips", None)
    assert strips is not None
    return "".join(s.text for s in strips[-1])


def _labels(app: MarginApp) -> list[str]:
    """Every label the footer could show on this screen (`key Description`)."""
    labels = []
    for key, (_node, binding, _enabled, _tip) in app.screen.active_bindings.items():
        if binding.show or key == app.COMMAND_PALETTE_BINDING:
            labels.append(f"{app.get_key_display(binding)} {binding.description}")
    return labels


async def _assert_no_cut_word(app: MarginApp, pilot: Pilot[None], where: str) -> None:
    for _ in range(20):  # the footer is composed a refresh after the bindings change
        await pilot.pause()
        line = _footer_line(app)
        if "Help" in line:
            break
    rest = line
    for label in sorted(_labels(app), key=len, reverse=True):
        rest = rest.replace(label, " ")
    assert not rest.replace("▏", "").strip(), (where, line)
    assert "Help" in line, (where, line)


@pytest.mark.parametrize("width", [80, 100, 120, 160])
async def test_no_footer_word_is_cut(make_app: AppFactory, tui_library: Path, width: int) -> None:
    """Keys that do not fit drop out whole, on the main screen (on and off a highlight) and on
    the board, at every common width."""
    from annotations.workspace import Workspace
    from tui.screens.board import BoardScreen

    workspace = Workspace(tui_library)
    boston = next(m for m in workspace.articles.listing() if m.title.startswith("Boston"))
    workspace.highlights.create(boston.id, quote="eroding trust", stance="oppose", tags=["x"])
    app = make_app()
    async with app.run_test(size=(width, 30)) as pilot:
        await app.settle()
        screen = app.screen
        assert isinstance(screen, MainScreen)
        await _assert_no_cut_word(app, pilot, "library")
        screen.open_article(boston.id, focus=True)
        await app.settle()
        await pilot.pause()
        await _assert_no_cut_word(app, pilot, "article")
        await pilot.press("h")  # on a highlight: note, tags, speaker and delete join in
        await app.settle()
        await pilot.pause()
        await _assert_no_cut_word(app, pilot, "on a highlight")
        app.push_screen(BoardScreen())
        await app.settle()
        await pilot.pause()
        await _assert_no_cut_word(app, pilot, "board")
        assert "Close" in _footer_line(app)
