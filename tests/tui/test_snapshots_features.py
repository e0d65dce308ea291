"""Snapshots by feature at 80×24 and 120×40 (dark theme): the brief board, the quotations list,
library search, the import dialog, the speaker dialog and an article reopened where it was left.

Each test says what every key press does. Regenerate deliberately with
`pytest tests/tui/test_snapshots_features.py --snapshot-update` and review the report.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot

from annotations.workspace import Workspace
from tests.tui.test_snapshots import _app, _open_boston, annotated  # noqa: F401 - a fixture
from tui.app import MarginApp

SIZES = [(80, 24), (120, 40)]
THEME = "textual-dark"
sizes = pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
Snap = Callable[..., bool]


async def _settled(pilot: Pilot[None]) -> None:
    """Wait for workers and writes; a text field's cursor stops blinking (shown, steadily) and
    toasts are cleared, so the picture does not depend on when it is taken."""
    from textual.widgets import Input

    app = pilot.app
    assert isinstance(app, MarginApp)
    await app.settle()
    for field in app.screen.query(Input):
        field.cursor_blink = False
    app.clear_notifications()  # a toast's timeout runs on the wall clock: gone or not
    await pilot.pause()


# -- the brief board ---------------------------------------------------------------------------
@sizes
def test_board(snap_compare: Snap, annotated: Path, size: tuple[int, int]) -> None:  # noqa: F811
    async def run_before(pilot: Pilot[None]) -> None:
        await _open_boston(pilot)
        await pilot.press("B")  # the brief board: tags down, stances across
        await _settled(pilot)
        await pilot.press("down")  # the second highlight of the first cell
        await _settled(pilot)

    assert snap_compare(_app(annotated, THEME), terminal_size=size, run_before=run_before)


# -- quotations --------------------------------------------------------------------------------
@sizes
def test_quotations(snap_compare: Snap, annotated: Path, size: tuple[int, int]) -> None:  # noqa: F811
    async def run_before(pilot: Pilot[None]) -> None:
        await _open_boston(pilot)
        await pilot.press("Q")  # the article's quotations with their speakers
        await _settled(pilot)
        await pilot.press("down")  # the second quotation
        await _settled(pilot)

    assert snap_compare(_app(annotated, THEME), terminal_size=size, run_before=run_before)


# -- library search ----------------------------------------------------------------------------
@sizes
def test_search(snap_compare: Snap, annotated: Path, size: tuple[int, int]) -> None:  # noqa: F811
    async def run_before(pilot: Pilot[None]) -> None:
        await _open_boston(pilot)
        await pilot.press("ctrl+f")  # search every article, note and tag
        await _settled(pilot)
        await pilot.press(*"trust")  # results as you type: an article and a highlight
        await _settled(pilot)
        await pilot.pause(0.3)  # the search waits for a pause in the typing
        await _settled(pilot)

    assert snap_compare(_app(annotated, THEME), terminal_size=size, run_before=run_before)


# -- import --------------------------------------------------------------------------------------
@sizes
def test_import_dialog(snap_compare: Snap, annotated: Path, size: tuple[int, int]) -> None:  # noqa: F811
    async def run_before(pilot: Pilot[None]) -> None:
        await _open_boston(pilot)
        await pilot.press("i")  # the import dialog: a file, a folder or a URL
        await _settled(pilot)

    assert snap_compare(_app(annotated, THEME), terminal_size=size, run_before=run_before)


# -- the speaker of a highlight --------------------------------------------------------------------
@sizes
def test_speaker_dialog(snap_compare: Snap, annotated: Path, size: tuple[int, int]) -> None:  # noqa: F811
    async def run_before(pilot: Pilot[None]) -> None:
        await _open_boston(pilot)
        await pilot.press("Q")  # the article's quotations
        await _settled(pilot)
        await pilot.press("down")  # “The program has been a disaster”, Thomas M. Menino's
        await pilot.press("h")  # highlighted with the speaker filled in
        await _settled(pilot)
        await pilot.press("s")  # the speaker dialog, pre-filled with that speaker
        await _settled(pilot)

    assert snap_compare(_app(annotated, THEME), terminal_size=size, run_before=run_before)


# -- reopening -----------------------------------------------------------------------------------
@pytest.fixture
def left_at_the_end(tmp_path: Path) -> Path:
    """A long article left at its end (`G`, then `q`), the last one open."""
    from tests.tui.test_reopen import _at_the_end

    root, _ = _at_the_end(tmp_path)
    Workspace(root).close()
    return root


@sizes
def test_reopened_article(snap_compare: Snap, left_at_the_end: Path, size: tuple[int, int]) -> None:
    # No key: the app opens the last article where it was left, the cursor in view.
    assert snap_compare(_app(left_at_the_end, THEME), terminal_size=size, run_before=_settled)
