"""Every screen draws a title's, a quotation's and a note's bidi controls as placeholders: the
quotes list, the speakers view, the board, search results, the export dialog and the palette
printed them raw, and a title with U+202E reordered what the terminal showed."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot

from annotations.workspace import Workspace
from library.config import Config
from tui.app import MarginApp
from tui.screens.main import MainScreen

RAW = ("\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069")
TEXT = (
    "Council backs \u202ethe plan\u202c in a \u2066late\u2069 vote\n\n"
    "By Jo Park\n"
    "Published 3 March 2025\n\n"
    "The council voted on Monday to close the street. "
    "\u201cWe will never \u202eturn back\u202c on this,\u201d said Mayor Ana Ruiz. "
    "\u201cThe street is for people \u2066now\u2069 and always,\u201d Ruiz said.\n"
)


@pytest.fixture
def hostile_app(tmp_path: Path) -> MarginApp:
    """A library of one article whose title, quotations and highlight carry bidi controls."""
    root = tmp_path / "lib"
    workspace = Workspace(root)
    done = workspace.articles.import_bytes(TEXT.encode("utf-8"), "council.txt")
    assert done.article is not None
    workspace.highlights.create(
        done.article.id,
        quote="close the street",
        tags=["\u202elocal"],
        note="see \u2066this\u2069",
        speaker="\u202eAna Ruiz",
        stance="oppose",
    )
    config = Config()
    return MarginApp(root, config)


def _drawn(app: MarginApp, *, top: bool = False) -> str:
    """What every screen in the stack draws now (a dialog over the reader: both), or the top
    one alone."""
    screens = app.screen_stack[-1:] if top else app.screen_stack
    return "\n".join(strip.text for s in screens for strip in s._compositor.render_strips())


def _raw_on_screen(app: MarginApp) -> list[str]:
    """The bidi controls the screens would send to the terminal, as they are drawn now."""
    shown = _drawn(app)
    return [f"U+{ord(c):04X}" for c in RAW if c in shown]


async def _open(app: MarginApp, pilot: Pilot[None]) -> MainScreen:
    await app.settle()
    screen = app.screen
    assert isinstance(screen, MainScreen)
    screen.library_list.focus()
    await pilot.press("enter")
    for _ in range(200):
        await app.settle()
        if screen.article is not None and screen.quotations is not None:
            break
        await pilot.pause(0.05)
    assert screen.article is not None and screen.quotations
    return screen


@pytest.mark.parametrize(
    ("keys", "shows"),
    [
        (("A",), "Highlights (1)"),  # the reader, the library pane and the highlights pane
        (("Q",), "Quotations in"),
        (("W",), "Ruiz"),
        (("B",), "local"),
        (("x",), "This article"),
        (("ctrl+f", *"council"), "1 match"),
        (("ctrl+p", *"Council"), "Open: Council"),
    ],
    ids=["reader", "quotes", "speakers", "board", "export", "search", "palette"],
)
async def test_no_screen_draws_a_raw_bidi_control(
    hostile_app: MarginApp, keys: tuple[str, ...], shows: str
) -> None:
    app = hostile_app
    async with app.run_test(size=(120, 40)) as pilot:
        await _open(app, pilot)
        await pilot.press(*keys)
        for _ in range(200):  # lists are read on workers; results come a round later
            await app.settle()
            if shows in _drawn(app, top=True):
                break
            await pilot.pause(0.05)
        assert shows in _drawn(app, top=True)
        assert _raw_on_screen(app) == []
