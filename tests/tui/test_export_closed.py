"""The export dialog closed while its export is still running: the outcome is still shown (on
the app, as a notification) and the export is written whole."""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from annotations.workspace.exporting import Exported, Exports
from tests.tui.test_flows import SIZE, AppFactory, export_to, exports_ended
from tui.app import MarginApp


@pytest.fixture
def held_export(monkeypatch: pytest.MonkeyPatch) -> Iterator[threading.Event]:
    """Every export waits for the event before it starts writing (a long export)."""
    go = threading.Event()
    original = Exports.export

    def held(self: Exports, *args: object, **kwargs: object) -> Exported:
        assert go.wait(30), "the test never let the export go on"
        return original(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Exports, "export", held)
    yield go
    go.set()  # a failed test never leaves a thread waiting


async def _export_then_close(
    app: MarginApp, pilot: Pilot[None], target: Path, go: threading.Event
) -> None:
    """Highlight, start an export to target, close the dialog with escape, let the export end."""
    await export_to(app, pilot, target)
    await pilot.pause()
    await pilot.press("escape")  # closed before it ends
    await pilot.pause()
    assert type(app.screen).__name__ == "MainScreen"
    app.clear_notifications()
    go.set()
    await app.settle()
    await pilot.pause()


def _told(app: MarginApp) -> list[tuple[str, str]]:
    return [(n.message, n.severity) for n in app._notifications]


async def test_written_after_the_dialog_closed_is_still_told(
    make_app: AppFactory, tmp_path: Path, held_export: threading.Event
) -> None:
    target = tmp_path / "brief.md"
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await _export_then_close(app, pilot, target, held_export)
        assert "[!quote]" in target.read_text(encoding="utf-8")  # written whole
        assert (f"Exported 1 highlight to {target}", "information") in _told(app)
        assert type(app.screen).__name__ == "MainScreen"  # nothing else closed by it


async def test_a_failure_after_the_dialog_closed_is_still_told(
    make_app: AppFactory, tmp_path: Path, held_export: threading.Event
) -> None:
    target = tmp_path / "no such folder" / "brief.md"
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await _export_then_close(app, pilot, target, held_export)
        assert not target.exists()
        told = _told(app)
        assert [severity for _, severity in told] == ["error"], told
        assert "no such folder" in told[0][0]


async def test_an_existing_file_is_kept_and_said_when_the_dialog_closed(
    make_app: AppFactory, tmp_path: Path, held_export: threading.Event
) -> None:
    """With no dialog left to ask whether to replace it, the file is kept, and the user told."""
    target = tmp_path / "brief.md"
    target.write_text("my edited brief", encoding="utf-8")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await _export_then_close(app, pilot, target, held_export)
        assert target.read_text(encoding="utf-8") == "my edited brief"
        assert type(app.screen).__name__ == "MainScreen"  # no question left over
        told = _told(app)
        assert len(told) == 1 and told[0][1] == "warning", told
        assert str(target) in told[0][0] and "not replaced" in told[0][0]


async def test_quitting_while_it_runs_still_writes_it_whole(
    make_app: AppFactory, tmp_path: Path, held_export: threading.Event
) -> None:
    target = tmp_path / "brief.md"
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await export_to(app, pilot, target)
        await pilot.pause()
        await pilot.press("escape", "q")  # the dialog closed, then the app, before it ends
        await pilot.pause()
    held_export.set()  # its thread goes on after the app has stopped
    deadline = time.monotonic() + 60
    while not target.exists() and time.monotonic() < deadline:
        await asyncio.sleep(0.05)
    assert "[!quote]" in target.read_text(encoding="utf-8")  # whole: written atomically


async def test_a_dialog_opened_again_starts_no_second_export_while_one_runs(
    make_app: AppFactory,
    tmp_path: Path,
    held_export: threading.Event,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Closed while its export ran, then opened again, the dialog's ctrl+s started a second
    export of the same file beside the first (it then said the file the first wrote "exists");
    it says an export is running and starts none."""
    started: list[object] = []
    held = Exports.export

    def counted(self: Exports, *args: object, **kwargs: object) -> Exported:
        started.append(args)
        return held(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Exports, "export", counted)
    target = tmp_path / "brief.md"
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await export_to(app, pilot, target)
        await pilot.pause()
        await pilot.press("escape", "x")  # closed, and opened again, while it runs
        await pilot.pause()
        assert type(app.screen).__name__ == "ExportDialog"
        app.screen.query_one("#export-path").value = str(target)  # type: ignore[attr-defined]
        await pilot.press("ctrl+s")
        await pilot.pause()
        held_export.set()
        await exports_ended(app, pilot)
        assert len(started) == 1
        told = _told(app)
        assert any("still running" in message for message, _ in told), told
        assert not any("exists" in message for message, _ in told), told
        assert "[!quote]" in target.read_text(encoding="utf-8")


async def test_an_export_started_as_the_last_one_is_shown_is_not_refused(
    make_app: AppFactory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The running-export check read the worker's state, which ends a moment after its outcome
    is shown: ctrl+s typed in that moment (a failed export's folder fixed at once) was refused
    as "still running". Once an outcome is shown its export no longer counts as running."""
    from tui.dialogs.export import ExportDialog

    missing = tmp_path / "no such folder" / "brief.md"
    target = tmp_path / "brief.md"
    shown = ExportDialog._finished
    again: list[bool] = []

    def then_again(self: ExportDialog, outcome: Any) -> None:
        shown(self, outcome)
        if not again:  # ctrl+s in the instant the failure is shown, on the folder fixed
            again.append(True)
            self.query_one("#export-path", Input).value = str(target)
            self.action_export()

    monkeypatch.setattr(ExportDialog, "_finished", then_again)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await export_to(app, pilot, missing)
        told: list[tuple[str, str]] = []
        for _ in range(200):  # until the second export's outcome closed the dialog, or refused
            await exports_ended(app, pilot)
            told = _told(app)
            if any("still running" in message for message, _ in told):
                break
            if target.exists() and type(app.screen).__name__ == "MainScreen":
                break
            await pilot.pause(0.05)
        assert not any("still running" in message for message, _ in told), told
        assert "[!quote]" in target.read_text(encoding="utf-8")
        assert type(app.screen).__name__ == "MainScreen"
