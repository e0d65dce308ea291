"""Snapshots of the main screen, help, the note editor and the export dialog: 80×24 and 200×60,
dark and light.

Regenerate deliberately with `pytest tests/tui/test_snapshots.py --snapshot-update` and review the
report; Textual is pinned so the snapshots only change when we change the app.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot

from annotations.workspace import Workspace
from tui.app import MarginApp

SIZES = [(80, 24), (200, 60)]
THEMES = ["textual-dark", "textual-light"]


@pytest.fixture
def annotated(tui_library: Path) -> Path:
    """The test library with three highlights in the Boston article, one per stance."""
    workspace = Workspace(tui_library)
    boston = next(m for m in workspace.library.catalog() if m.title.startswith("Boston"))
    for quote, stance, tags, note in [
        ("eroding trust", "oppose", ["immigration"], "Mayor: the program erodes trust."),
        ("shares fingerprints of everyone arrested", "neutral", ["immigration", "data"], ""),
        ("It should be scrapped.", "support", [], "Strongest line for the brief."),
    ]:
        workspace.highlights.create(boston.id, quote=quote, stance=stance, tags=tags, note=note)
    workspace.close()
    return tui_library


def _app(root: Path, theme: str) -> MarginApp:
    from library.config import Config

    config = Config()
    config.theme = theme
    return MarginApp(root, config)


async def _open_boston(pilot: Pilot[None]) -> None:
    app = pilot.app
    assert isinstance(app, MarginApp)
    await app.settle()
    screen = app.screen
    for _ in range(100):  # the library loads in a worker started on mount
        if screen.library_list.shown:  # type: ignore[attr-defined]
            break
        await pilot.pause(0.05)
        await app.settle()
    boston = next(i for i in screen.library_list.shown if i.meta.title.startswith("Boston"))  # type: ignore[attr-defined]
    screen.open_article(boston.meta.id, focus=True)  # type: ignore[attr-defined]
    await app.settle()
    await pilot.pause()
    # Put the cursor on the first highlight so the annotations pane shows a selection.
    await pilot.press("alt+down")
    await pilot.pause()


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_main_screen(
    snap_compare: Callable[..., bool], annotated: Path, size: tuple[int, int], theme: str
) -> None:
    # Library, reader on the Boston article with three coloured highlights, annotations pane.
    assert snap_compare(_app(annotated, theme), terminal_size=size, run_before=_open_boston)


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_help_screen(
    snap_compare: Callable[..., bool], annotated: Path, size: tuple[int, int], theme: str
) -> None:
    async def run_before(pilot: Pilot[None]) -> None:
        await _open_boston(pilot)
        await pilot.press("question_mark")  # the help screen
        await pilot.pause()

    assert snap_compare(_app(annotated, theme), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_note_editor(
    snap_compare: Callable[..., bool], annotated: Path, size: tuple[int, int], theme: str
) -> None:
    async def run_before(pilot: Pilot[None]) -> None:
        await _open_boston(pilot)
        await pilot.press("e")  # the note editor on the highlight under the cursor
        await pilot.pause()
        await pilot.press(*" Check the 2011 figures.")
        await pilot.pause()

    assert snap_compare(_app(annotated, theme), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_export_dialog(
    snap_compare: Callable[..., bool],
    annotated: Path,
    size: tuple[int, int],
    theme: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The exports folder and today's date are fixed: the suggested path is the same every day.
    import datetime as dt

    import annotations.workspace.exporting as exporting

    class FixedDate(dt.date):
        @classmethod
        def today(cls) -> FixedDate:
            return cls(2026, 4, 2)

    class FixedDatetime:
        date = FixedDate

    monkeypatch.setenv("MARGIN_EXPORT_DIR", "/home/reader/Documents/Margin exports")
    monkeypatch.setattr(exporting, "dt", FixedDatetime)

    async def run_before(pilot: Pilot[None]) -> None:
        await _open_boston(pilot)
        await pilot.press("x")  # the export dialog: scope, format, style, where; both buttons
        await pilot.pause()

    assert snap_compare(_app(annotated, theme), terminal_size=size, run_before=run_before)
