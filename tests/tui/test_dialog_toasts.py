"""Notifications raised before a dialog opened never cover it: they stay on the screen below,
seen through the dialog's backdrop, and are there again when it closes."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.geometry import Region
from textual.pilot import Pilot
from textual.widget import Widget

from annotations.clipboard import reset_explanations
from tests.conftest import NEWS_TEXT
from tests.tui.test_small_terminal import _library, _open, screen_lines
from tui.app import MarginApp
from tui.dialogs.export import ExportDialog
from tui.screens.main import MainScreen


def _toasts(app: MarginApp) -> list[Widget]:
    """The toasts the screen on top shows, once laid out."""
    return [t for t in app.screen.query("Toast") if t.outer_size.height]


async def _until_toasts(app: MarginApp, pilot: Pilot[None], screen: type) -> list[Widget]:
    """Wait for screen to be on top with its toasts mounted and laid out (a pause or two, more
    when the CPU is busy)."""
    for _ in range(200):
        await app.settle()
        if isinstance(app.screen, screen) and _toasts(app):
            break
        await pilot.pause(0.02)
    return _toasts(app)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_the_copy_s_toast_leaves_the_export_dialog_s_buttons_in_view(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, size: tuple[int, int]
) -> None:
    """y (the copy's toast: what was sent where, and the citation's missing fields), then x: the
    toast stood over the export dialog's buttons at 120×40 (and over most of it at 80×24)."""
    monkeypatch.delenv("TMUX", raising=False)
    reset_explanations()  # the first copy of the session: OSC 52 is explained, a long toast
    # Without its author the copy's toast also says what the citation lacks: a long toast.
    app = MarginApp(_library(tmp_path, NEWS_TEXT.replace("By Maria Sacchetti\n", "")))
    notify = app.notify  # the toast stays while the test looks, however busy the machine
    monkeypatch.setattr(
        app, "notify", lambda message, **kw: notify(message, **kw | {"timeout": 60})
    )
    async with app.run_test(size=size, notifications=True) as pilot:
        await _open(app, pilot)
        await pilot.press("h")
        await app.settle()
        await pilot.press("y")
        copied = await _until_toasts(app, pilot, MainScreen)
        assert any("clipboard" in str(t.render()) for t in copied), copied
        app.screen.query_one("#reader").focus()
        await pilot.press("x")
        for _ in range(200):  # the dialog open and laid out
            await app.settle()
            if isinstance(app.screen, ExportDialog) and app.screen.query_one("#export").size:
                break
            await pilot.pause(0.02)
        dialog = app.screen
        assert isinstance(dialog, ExportDialog)
        box: Region = dialog.query_one("#export").region
        over = [t for t in _toasts(app) if t.region.overlaps(box)]
        assert not over, [str(t.render()) for t in over]
        painted = "\n".join(screen_lines(app))
        assert "Export (ctrl+s)" in painted and "Cancel (esc)" in painted, painted
        await pilot.press("escape")  # closed: the copy's toast is there again, its time not up
        back = await _until_toasts(app, pilot, MainScreen)
        assert any("clipboard" in str(t.render()) for t in back), back


async def test_a_notification_raised_as_a_dialog_opens_is_shown_on_it(tmp_path: Path) -> None:
    """A dialog's opening time was taken at its first notification refresh, after it was
    composed: one raised between the push and then (a copy's answer coming back) was counted as
    older and stayed on the reader, under the dialog's backdrop. It is taken at the push."""
    app = MarginApp(_library(tmp_path, NEWS_TEXT))
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await _open(app, pilot)
        screen = app.screen
        assert isinstance(screen, MainScreen)
        dialog = ExportDialog(app.workspace, article=screen.article)
        app.push_screen(dialog)
        app.notify("Copied: the answer came back", timeout=60)
        shown = await _until_toasts(app, pilot, ExportDialog)
        assert app.screen is dialog
        assert any("the answer came back" in str(t.render()) for t in shown), shown
