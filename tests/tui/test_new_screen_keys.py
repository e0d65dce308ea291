"""Keys typed right after a key that opens a screen, arriving before that screen has the focus
(a burst from the terminal, a busy machine), act in the new screen in the order typed."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from textual import events
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import Input, TextArea

from tests.tui.test_flows import SIZE, AppFactory, open_boston
from tui.app import MarginApp
from tui.dialogs.importing import ImportDialog

CHARACTERS = {"colon": ":", "ctrl+f": None}


async def _type_into_opening_screen(app: MarginApp, opener: str, text: str) -> Screen[object]:
    """Press opener, then, the moment its screen is on top (pushed, not yet focused), type text,
    as keys arriving from the terminal then would."""
    before = app.screen
    app.post_message(events.Key(opener, CHARACTERS.get(opener, opener)))
    for _ in range(10_000):
        await asyncio.sleep(0)
        if app.screen is not before:
            break
    screen = app.screen
    assert screen is not before and screen.focused is None  # the window the keys fall into
    for character in text:
        app.post_message(events.Key(character, character))
    return screen


@pytest.mark.parametrize(
    ("opener", "field_type"),
    [("t", Input), ("e", TextArea), ("ctrl+f", Input), ("colon", Input), ("s", Input)],
    ids=["tags", "note", "search", "go-to", "speaker"],
)
async def test_keys_typed_before_a_new_screen_has_the_focus_reach_it_in_order(
    make_app: AppFactory, opener: str, field_type: type[Input | TextArea]
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        main = await open_boston(app, pilot)
        await pilot.press("h")  # a highlight for t, e and s to edit
        await app.settle()
        screen = await _type_into_opening_screen(app, opener, "abc")
        for _ in range(100):
            await app.settle()
            await pilot.pause(0.02)
            if isinstance(app.focused, field_type) and app.focused.screen is screen:
                field = app.focused
                if (field.text if isinstance(field, TextArea) else field.value).endswith("abc"):
                    break
        assert app.screen is screen
        field = app.focused
        assert isinstance(field, field_type)
        typed = field.text if isinstance(field, TextArea) else field.value
        assert typed.endswith("abc"), f"typed {typed!r}: a key was lost or out of order"
        assert len(main.state.annotations) == 1  # none of the letters acted in the reader


async def _import_dialog_unfocused(app: MarginApp, pilot: Pilot[object]) -> ImportDialog:
    """The import dialog opened with i, its field not focused yet (past the app's wait)."""
    await app.settle()
    await pilot.press("i")
    dialog = app.screen
    assert isinstance(dialog, ImportDialog)
    dialog.set_focus(None)
    return dialog


def _startup_imported(app: MarginApp) -> bool:
    """Whether the article `_path_typed_then` types the path of is in the library."""
    return any(m.title == "Startup test" for m in app.workspace.articles.listing())


async def _path_typed_then(
    app: MarginApp, pilot: Pilot[None], folder: Path, last: events.Key
) -> Path:
    """Type the path of a new article file in folder, then last, in one burst; wait (a while at
    most) for its import. The path is returned."""
    from textual.keys import _character_to_key

    source = folder / "startup.txt"
    source.write_text("Startup test\n\n“We will fix it,” said Bo Diaz.\n", encoding="utf-8")
    for character in str(source):
        app.post_message(events.Key(_character_to_key(character), character))
    app.post_message(last)
    for _ in range(100):
        await app.settle()
        await pilot.pause(0.02)
        if _startup_imported(app):
            break
    return source


async def test_enter_typed_past_the_wait_for_a_dialog_s_focus_still_submits(
    make_app: AppFactory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """i, a path and enter typed as the reader started on a loaded machine: the import dialog
    took longer than the app waits for its focus, the dialog passed the keys on to its field,
    and the letters were typed there but enter, a binding, found nothing focused and was lost."""
    import tui.app

    monkeypatch.setattr(tui.app, "NEW_SCREEN_SECONDS", 0.05)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        dialog = await _import_dialog_unfocused(app, pilot)
        source = await _path_typed_then(app, pilot, tmp_path, events.Key("enter", "\r"))
        assert dialog.field.value == str(source)
        assert _startup_imported(app)


async def test_a_newline_is_enter(make_app: AppFactory, tmp_path: Path) -> None:
    """Enter typed as the reader starts, before the terminal is made raw, arrives as a newline
    (the terminal turns CR into LF), which Textual reads as ctrl+j: i, a path and enter typed
    then left the import dialog open with the path in it. ctrl+j sends that byte too."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await app.settle()
        await pilot.press("i")
        await pilot.pause()
        assert isinstance(app.screen, ImportDialog)
        newline = events.Key("ctrl+j", "\n")  # as Textual reads a newline
        await _path_typed_then(app, pilot, tmp_path, newline)
        assert _startup_imported(app)


async def test_a_dialog_s_own_binding_typed_past_the_wait_for_its_focus_still_acts(
    make_app: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """e, a note and ctrl+s typed on a loaded machine: the editor took longer than the app waits
    for its focus and passed the keys on to its text area, where ctrl+s, the dialog's binding
    and not the text area's, was looked up among the text area's own bindings only and lost."""
    import tui.app
    from tui.dialogs.note import NoteEditorDialog

    monkeypatch.setattr(tui.app, "NEW_SCREEN_SECONDS", 0.05)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        main = await open_boston(app, pilot)
        await pilot.press("h", "e")
        await app.settle()
        dialog = app.screen
        assert isinstance(dialog, NoteEditorDialog)
        dialog.set_focus(None)  # its text area not focused yet, past the app's wait
        for key, character in [("a", "a"), ("b", "b"), ("ctrl+s", None)]:
            app.post_message(events.Key(key, character))
        for _ in range(100):
            await app.settle()
            await pilot.pause(0.02)
            # The dialog's result reaches the reader after the dialog has gone (Textual queues
            # its callback on the reader), so a loaded machine may show the note a round later.
            if app.screen is not dialog and main.annotations[0].note == "ab":
                break
        assert app.screen is not dialog, "ctrl+s was lost: the note editor is still open"
        assert main.annotations[0].note == "ab"


async def test_keys_typed_behind_enter_past_the_wait_for_the_import_dialog_act_after_it(
    make_app: AppFactory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """i, a path, enter, h and 2 typed as the reader started on a loaded machine: past the
    app's wait for the dialog's focus, the dialog passed them all on to its field, where h and
    2 reached the field before enter's import began (and were lost). They wait for the import
    and act on the article it opens."""
    from textual.keys import _character_to_key

    import tui.app

    monkeypatch.setattr(tui.app, "NEW_SCREEN_SECONDS", 0.05)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        dialog = await _import_dialog_unfocused(app, pilot)

        def stances() -> list[str | None]:
            opened = [m for m in app.workspace.articles.listing() if m.title == "Startup test"]
            return [a.stance for m in opened for a in app.workspace.store.for_article(m.id)]

        source = tmp_path / "startup.txt"
        source.write_text("Startup test\n\n“We will fix it,” said Bo Diaz.\n", encoding="utf-8")
        burst = [events.Key(_character_to_key(c), c) for c in str(source)]
        burst += [events.Key("enter", "\r"), events.Key("h", "h"), events.Key("2", "2")]
        for key in burst:  # h and 2 right behind enter, before the import has begun
            app.post_message(key)
        for _ in range(200):
            await app.settle()
            if stances() == ["oppose"]:
                break
            await pilot.pause(0.05)
        assert stances() == ["oppose"]
        assert not dialog.field.value.endswith("h2")
