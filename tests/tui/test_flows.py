"""User flows in the reader, driven through the Pilot: open, find, select, highlight, annotate."""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import pytest
from textual import events
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import Input, Static
from textual.worker import WorkerFailed

from annotations.edits import Edit
from annotations.workspace import Workspace
from library.catalogfile import STAMP_WIDTH
from library.errors import LibraryError
from library.model import Article, ArticleMeta
from library.store import Library
from tui.app import MarginApp
from tui.screens.main import MainScreen

AppFactory = Callable[..., MarginApp]
SIZE = (120, 40)
S = TypeVar("S", bound=Screen[Any])


async def press_for(app: MarginApp, pilot: Pilot[None], shown: type[S], *keys: str) -> S:
    """Press keys as a user would, wait for what they start, and return the screen then on top
    (which must be a shown)."""
    await pilot.press(*keys)
    await app.settle()
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, shown)
    return screen


async def open_boston(app: MarginApp, pilot: Pilot[None]) -> MainScreen:
    """Open the Boston article from the library pane, as a user would."""
    await app.settle()
    screen = app.screen
    assert isinstance(screen, MainScreen)
    titles = [item.meta.title for item in screen.library_list.shown]
    index = next(i for i, t in enumerate(titles) if t.startswith("Boston"))
    screen.library_list.focus()
    await pilot.pause()
    await pilot.press(*["down"] * index, "enter")
    await app.settle()
    await pilot.pause()
    assert screen.article is not None and screen.article.title.startswith("Boston")
    assert app.focused is screen.reader
    return screen


async def test_open_article_from_library(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_boston(app, pilot)
        assert screen.reader.cursor == 0
        assert "Highlights" in str(screen.query_one("#annotations-title").render())


async def test_find_highlight_stance_note_is_stored(
    make_app: AppFactory, tui_library: Path
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_boston(app, pilot)
        await pilot.press("slash", *"eroding trust", "enter")  # find, then close on the match
        reader = screen.reader
        assert reader.selection is not None
        start, end = reader.selection
        assert screen.article is not None
        assert screen.article.text[start:end] == "eroding trust"
        await pilot.press("h")  # highlight the selection
        await app.settle()
        await pilot.press("2")  # oppose
        await app.settle()
        await pilot.press("e")  # note editor
        await pilot.pause()
        await pilot.press(*"Mayor says trust is eroding", "ctrl+s")
        await app.settle()
        await pilot.press("q")
    stored = app.workspace.store.query()
    assert [(a.quote, a.stance, a.note) for a in stored] == [
        ("eroding trust", "oppose", "Mayor says trust is eroding")
    ]


async def test_h_without_selection_highlights_the_sentence(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_boston(app, pilot)
        await pilot.press("right_square_bracket")  # next sentence
        await pilot.press("h")
        await app.settle()
        assert len(screen.annotations) == 1
        quote = screen.annotations[0].quote
        assert quote.endswith(".") and quote[0].isupper()
        assert "\n" not in quote
        # Stance by digit on the same spot, then clear it with 0.
        await pilot.press("1")
        await app.settle()
        assert screen.annotations[0].stance == "support"
        await pilot.press("0")
        await app.settle()
        assert screen.annotations[0].stance is None


async def test_digit_without_highlight_creates_one_with_that_stance(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_boston(app, pilot)
        await pilot.press("3")
        await app.settle()
        assert [a.stance for a in screen.annotations] == ["neutral"]


async def test_motions_and_selection(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_boston(app, pilot)
        reader = screen.reader
        text = screen.article.text if screen.article else ""
        await pilot.press("w")
        assert text[reader.cursor - 1] == " " and reader.cursor > 0
        await pilot.press("b")
        assert reader.cursor == 0
        await pilot.press("right_curly_bracket")  # next paragraph
        assert text[reader.cursor - 2 : reader.cursor] == "\n\n"
        await pilot.press("left_curly_bracket")
        assert reader.cursor == 0
        await pilot.press("v", "right_square_bracket")  # select to the end of the sentence
        assert reader.selection is not None
        start, end = reader.selection
        assert start == 0 and text[end - 1] in ".”’"
        await pilot.press("w")  # extend by a word
        assert reader.selection[1] > end
        await pilot.press("escape")
        assert reader.selection is None


async def test_tags_speaker_delete_undo_redo(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_boston(app, pilot)
        await pilot.press("h")
        await app.settle()
        await pilot.press("t")
        await pilot.pause()
        await pilot.press(*"immigration, Policing", "enter")
        await app.settle()
        assert screen.annotations[0].tags == ["immigration", "Policing"]
        await pilot.press("s")
        await pilot.pause()
        await pilot.press(*"Thomas Menino", "enter")
        await app.settle()
        assert screen.annotations[0].speaker == "Thomas Menino"
        await pilot.press("d")
        await app.settle()
        assert screen.annotations == []
        await pilot.press("u")
        await app.settle()
        assert len(screen.annotations) == 1
        assert screen.annotations[0].tags == ["immigration", "Policing"]
        await pilot.press("ctrl+r")
        await app.settle()
        assert screen.annotations == []
        # Deleting keeps a way back: the store still has it among the deleted.
        assert len(app.workspace.store.deleted()) == 1


async def test_tag_completion_from_library_tags(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_boston(app, pilot)
        await pilot.press("h")
        await app.settle()
        await pilot.press("t")
        await pilot.pause()
        await pilot.press(*"immigration", "enter")
        await app.settle()
        await pilot.press("right_curly_bracket", "h")
        await app.settle()
        await pilot.press("t")
        await pilot.pause()
        await pilot.press(*"imm", "right", "enter")  # → accepts the completion
        await app.settle()
        tags = sorted(tuple(a.tags) for a in screen.annotations)
        assert tags == [("immigration",), ("immigration",)]


async def test_note_editor_asks_before_discarding(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_boston(app, pilot)
        await pilot.press("h")
        await app.settle()
        await pilot.press("e")
        await pilot.pause()
        await pilot.press(*"draft", "escape")
        await pilot.pause()
        await pilot.press("n")  # keep editing
        await pilot.pause()
        await pilot.press(*" more", "escape")
        await pilot.pause()
        await pilot.press("y")  # discard
        await app.settle()
        assert screen.annotations[0].note == ""


async def test_ctrl_q_with_an_unsaved_note_asks_first(make_app: AppFactory) -> None:
    from tui.dialogs.confirm import ConfirmDialog
    from tui.dialogs.note import NoteEditorDialog

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_boston(app, pilot)
        await pilot.press("h")
        await app.settle()
        await pilot.press("e")
        await pilot.pause()
        await pilot.press(*"a draft worth keeping", "ctrl+q")
        await pilot.pause()
        assert app.is_running
        assert isinstance(app.screen, ConfirmDialog)
        assert app.screen.question == "Quit and discard the note you are editing?"
        await pilot.press("ctrl+q")  # asked already: still one question
        await pilot.pause()
        assert sum(isinstance(s, ConfirmDialog) for s in app.screen_stack) == 1
        await pilot.press("n")  # keep editing
        await pilot.pause()
        assert isinstance(app.screen, NoteEditorDialog)
        assert app.screen.text == "a draft worth keeping"
        await pilot.press("ctrl+s")
        await app.settle()
        assert screen.annotations[0].note == "a draft worth keeping"
        await pilot.press("e")
        await pilot.pause()
        await pilot.press(*" and more", "ctrl+q")
        await pilot.pause()
        await pilot.press("y")  # quit, discarding
        await pilot.pause()
        assert not app.is_running
        article_id = screen.article.id if screen.article else ""
    saved = Workspace(app.workspace.root).highlights.in_article(article_id)
    assert [a.note for a in saved] == ["a draft worth keeping"]


async def test_copy_puts_a_formatted_quote_on_the_clipboard(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_boston(app, pilot)
        await pilot.press("slash", *"eroding trust", "enter", "h", "y")
        await app.settle()
        assert app.clipboard.startswith("“eroding trust” — ")
        assert "Boston threatens to withdraw from Secure Communities" in app.clipboard
        assert "13 July 2011" in app.clipboard


async def test_copy_as_picks_a_style(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_boston(app, pilot)
        await pilot.press("slash", *"eroding trust", "enter", "h", "Y")
        await pilot.pause()
        await pilot.press("down", "enter")  # the second style: mla
        await app.settle()
        assert "Sacchetti, Maria." in app.clipboard


async def test_find_next_previous_and_escape(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_boston(app, pilot)
        reader = screen.reader
        await pilot.press("slash", *"program", "escape")
        assert reader.cursor == 0 and reader.selection is None  # escape does not move
        await pilot.press("slash", *"program", "enter")
        first = reader.selection
        assert first is not None
        await pilot.press("n")
        second = reader.selection
        assert second is not None and second[0] > first[0]
        await pilot.press("N")
        assert reader.selection == first


async def test_switch_article_and_position_restored_after_restart(
    make_app: AppFactory, tui_library: Path
) -> None:
    app = make_app()
    async with app.run_test(size=(100, 24)) as pilot:
        screen = await open_boston(app, pilot)
        await pilot.press("right_curly_bracket", "right_curly_bracket", "w")
        cursor = screen.reader.cursor
        assert cursor > 0
        screen.library_list.focus()
        await pilot.pause()
        await pilot.press("up", "enter")  # another article
        await app.settle()
        assert screen.article is not None and not screen.article.title.startswith("Boston")
        await pilot.press("q")
    # Reopening the app opens the last article; Boston remembers its cursor.
    again = make_app()
    async with again.run_test(size=(100, 24)) as pilot:
        await again.settle()
        await pilot.pause()
        screen = again.screen
        assert isinstance(screen, MainScreen)
        assert screen.article is not None and not screen.article.title.startswith("Boston")
        boston = next(m.id for m in Library(tui_library).catalog() if m.title.startswith("Boston"))
        screen.open_article(boston)
        await again.settle()
        await pilot.pause()
        assert screen.reader.cursor == cursor


async def test_annotation_list_selects_and_scrolls(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_boston(app, pilot)
        await pilot.press("h", "right_curly_bracket", "right_curly_bracket", "h")
        await app.settle()
        assert len(screen.annotations) == 2
        await pilot.press("g")
        screen.annotation_list.focus()
        await pilot.pause()
        await pilot.press("down")  # the second highlight (the first is under the cursor)
        await pilot.pause()
        assert screen.reader.cursor == screen.annotations[1].start
        await pilot.press("up", "enter")
        await pilot.pause()
        assert app.focused is screen.reader
        assert screen.reader.cursor == screen.annotations[0].start
        await pilot.press("alt+down")
        assert screen.reader.cursor == screen.annotations[1].start
        await pilot.press("alt+up")
        assert screen.reader.cursor == screen.annotations[0].start


async def test_library_filter_as_you_type(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await app.settle()
        screen = app.screen
        assert isinstance(screen, MainScreen)
        screen.library_list.focus()
        await pilot.pause()
        await pilot.press("slash", *"bus")
        assert [i.meta.title for i in screen.library_list.shown] == [
            "Council backs bus lanes on three roads"
        ]
        await pilot.press("enter")
        await app.settle()
        assert screen.article is not None and screen.article.title.startswith("Council")
        screen.library_list.focus()
        await pilot.pause()
        await pilot.press("slash", "x", "escape")  # escape clears the filter
        assert len(screen.library_list.shown) == 2


async def test_mouse_click_and_drag(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_boston(app, pilot)
        reader = screen.reader
        layout = reader.layout_
        assert layout is not None
        y = layout.y_of_text_index(0)
        x = reader.margin + 7  # inside "Boston"
        await pilot.click(reader, offset=(x, y))
        assert 0 < reader.cursor < 10
        await pilot.mouse_down(reader, offset=(reader.margin, y))
        await pilot.hover(reader, offset=(reader.margin + 20, y))
        await pilot.mouse_up(reader, offset=(reader.margin + 20, y))
        assert reader.selection is not None and reader.selection[0] == 0


async def test_resize_rewraps_and_keeps_the_cursor(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(160, 50)) as pilot:
        screen = await open_boston(app, pilot)
        await pilot.press("right_curly_bracket", "right_curly_bracket", "w", "w")
        cursor = screen.reader.cursor
        wide = screen.reader.layout_
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert screen.reader.cursor == cursor
        assert screen.reader.layout_ is not wide
        region = screen.reader.scrollable_content_region
        y = screen.reader.layout_.y_of_offset(cursor) if screen.reader.layout_ else -1
        assert screen.reader.scroll_y <= y < screen.reader.scroll_y + region.height


async def test_help_and_reading_mode(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_boston(app, pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert type(app.screen).__name__ == "HelpScreen"
        await pilot.press("escape")
        await pilot.press("z")
        assert not screen.query_one("#library-pane").display
        assert not screen.query_one("#annotations-pane").display
        await pilot.press("z")
        assert screen.query_one("#library-pane").display


async def test_search_screen_opens_the_hit(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await app.settle()
        await pilot.press("ctrl+f")
        await pilot.pause()
        await pilot.press(*"cheapest buses")
        await pilot.pause(0.4)
        await app.settle()
        screen = await press_for(app, pilot, MainScreen, "enter")
        assert screen.article is not None and screen.article.title.startswith("Council")
        text = screen.article.text
        assert text[screen.reader.cursor :].lower().startswith(("cheapest", "buses"))


async def test_keys_typed_after_enter_in_search_act_on_the_opened_hit(
    make_app: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """ctrl+f, a query, enter and h typed in one burst, faster than the search answers: the
    best hit opens and h highlights there (h was typed into the query, which then found
    nothing and opened nothing)."""
    from annotations.workspace.searching import Search

    original = Search.run

    def slow(self: Search, *args: Any, **kwargs: Any) -> Any:
        time.sleep(0.3)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(Search, "run", slow)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await app.settle()
        screen = app.screen
        assert isinstance(screen, MainScreen)
        keys = [("ctrl+f", None), *[(c, c) if c != " " else ("space", c) for c in "cheapest buses"]]
        for key, character in [*keys, ("enter", "\r"), ("h", "h")]:
            app.post_message(events.Key(key, character))  # one burst from the terminal
        for _ in range(40):
            await app.settle()
            if app.screen is screen and screen.annotations:
                break
            await pilot.pause(0.05)
        assert app.screen is screen
        assert screen.article is not None and screen.article.title.startswith("Council")
        assert len(screen.annotations) == 1


async def _search_listed(app: MarginApp, pilot: Pilot[None]) -> tuple[MainScreen, Any]:
    """ctrl+f and "cheapest buses" typed: the reader, and the search screen once its hits are
    listed as typed."""
    from tui.screens.search import SearchScreen

    await app.settle()
    main = app.screen
    assert isinstance(main, MainScreen)
    search = await press_for(app, pilot, SearchScreen, "ctrl+f", *"cheapest buses")
    for _ in range(40):  # the debounce, then the search on a worker (settle waits for it)
        await app.settle()
        await pilot.pause(0.05)
        if search.hits:
            break
    assert search.hits
    return main, search


async def test_keys_held_for_a_search_act_where_a_clicked_hit_opens(
    make_app: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A hit clicked while the keys typed after enter wait for the search's answer opens, and
    those keys act there: h highlights at the hit (the keys were dropped with the search)."""
    import threading

    from annotations.workspace.searching import Search

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        main, search = await _search_listed(app, pilot)
        gate = threading.Event()
        original = Search.run

        def waiting(self: Search, *args: Any, **kwargs: Any) -> Any:
            gate.wait(10)
            return original(self, *args, **kwargs)

        monkeypatch.setattr(Search, "run", waiting)
        await pilot.press("space", "enter", "h")  # a new query: h waits for its answer
        await pilot.pause()
        assert search.field.held.holding and search.field.value == "cheapest buses "
        await pilot.click("#search-results", offset=(2, 0))  # the hit listed before
        for _ in range(40):
            await app.settle()
            await pilot.pause(0.05)
            if app.screen is main and main.annotations:
                break
        gate.set()
        assert app.screen is main
        assert main.article is not None and main.article.title.startswith("Council")
        assert len(main.annotations) == 1


async def test_a_hit_clicked_as_the_answer_to_enter_comes_opens_once(
    make_app: AppFactory,
) -> None:
    """A hit clicked as the answer to enter came (both waiting for the search screen at once):
    the click opened its hit and closed the screen, then the answer opened the best hit and
    closed a screen again, the reader under it, and the app stopped on a ScreenStackError."""
    from textual.widgets import OptionList

    from tui.messages import SearchAnswered

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        main, search = await _search_listed(app, pilot)
        results = app.workspace.search.run(search.field.value)
        listed = search.query_one(OptionList)
        search._open_first = True  # enter pressed, its answer on its way
        search.post_message(OptionList.OptionSelected(listed, listed.get_option_at_index(0), 0))
        search.post_message(SearchAnswered(search.field.value, results))  # and the answer
        for _ in range(5):
            await pilot.pause()
        if not app.is_running:
            app.persister.close()  # its thread would keep the test's loop from closing
        assert app.is_running, "the app stopped"
        assert app.screen is main and app.screen_stack == [main]
        assert main.article is not None and main.article.title.startswith("Council")


async def test_a_search_that_breaks_says_so_and_lets_go_of_the_keys(
    make_app: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A search that raised what it was not expected to sent no answer: the status said
    nothing, and the keys typed after enter were held for 15 seconds."""
    from annotations.workspace.searching import Search
    from tui.screens.search import SearchScreen

    def broken(self: Search, *args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("the index broke")

    monkeypatch.setattr(Search, "run", broken)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await app.settle()
        for key, character in [("ctrl+f", None), ("b", "b"), ("enter", "\r"), ("z", "z")]:
            app.post_message(events.Key(key, character))  # one burst from the terminal
        await pilot.pause()
        for _ in range(3):
            for worker in [w for w in app.workers if w.group == "search"]:
                with contextlib.suppress(WorkerFailed):
                    await worker.wait()
            await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        status = screen.query_one("#search-status", Static).render()
        assert "the index broke" in str(status)
        assert not screen.field.held.holding


async def test_export_dialog_writes_the_file(make_app: AppFactory, tmp_path: Path) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_boston(app, pilot)
        await pilot.press("h", "2")
        await app.settle()
        await pilot.press("x")
        await pilot.pause()
        target = tmp_path / "brief.md"
        app.screen.query_one("#export-path").value = str(target)  # type: ignore[attr-defined]
        await pilot.press("ctrl+s")
        await app.settle()
        await pilot.pause()
        assert target.exists()
        assert "[!quote]" in target.read_text(encoding="utf-8")
        assert type(app.screen).__name__ == "MainScreen"


async def test_command_palette_switches_article(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_boston(app, pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"bus lanes")
        await pilot.pause(0.5)
        screen = await press_for(app, pilot, MainScreen, "enter")
        assert screen.article is not None and screen.article.title.startswith("Council")


@pytest.fixture
def slow_store(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every highlight write takes a while, as on a slow disk."""
    from annotations.store import AnnotationStore

    for name in ("add", "change", "delete"):
        original = getattr(AnnotationStore, name)

        def slow(self: AnnotationStore, *args: object, _original=original, **kwargs: object):  # type: ignore[no-untyped-def]
            time.sleep(0.15)
            return _original(self, *args, **kwargs)

        monkeypatch.setattr(AnnotationStore, name, slow)


async def test_quick_keys_act_on_what_the_screen_shows(
    make_app: AppFactory, slow_store: None
) -> None:
    """h, 2, e typed faster than the disk: one highlight, with the stance and the note."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_boston(app, pilot)
        await pilot.press("slash", *"eroding trust", "enter", "h", "2", "e")
        await pilot.pause()
        await pilot.press(*"Quick note", "ctrl+s")
        await pilot.press("q")
    stored = app.workspace.store.query()
    assert [(a.quote, a.stance, a.note) for a in stored] == [
        ("eroding trust", "oppose", "Quick note")
    ]
    assert screen.annotations[0].note == "Quick note"


async def test_an_edit_made_in_the_cli_meanwhile_is_kept(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_boston(app, pilot)
        await pilot.press("h")
        await app.settle()
        highlight = screen.annotations[0]
        # Another process (the CLI) adds a note and a tag while the reader is open.
        from annotations.store import AnnotationStore

        other = AnnotationStore(app.workspace.root / "annotations")
        other.change(highlight.id, Edit.set(note="from the CLI").then(Edit.tags(add=["cli"])))
        await pilot.press("2")
        await app.settle()
    stored = app.workspace.store.get(highlight.id)
    assert (stored.stance, stored.note, stored.tags) == ("oppose", "from the CLI", ["cli"])


async def test_undo_in_another_article_opens_it(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_boston(app, pilot)
        await pilot.press("h")
        await app.settle()
        boston = screen.article
        assert boston is not None
        screen.library_list.focus()
        await pilot.pause()
        await pilot.press("up", "enter")
        await app.settle()
        assert screen.article is not None and screen.article.id != boston.id
        await pilot.press("u")
        await app.settle()
        await pilot.pause()
        assert screen.article is not None and screen.article.id == boston.id
        assert screen.annotations == []


async def test_a_failing_callback_does_not_stop_saving(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_boston(app, pilot)

        def broken(_: object) -> None:
            raise ValueError("boom")

        app.persister.submit(lambda: None, broken)
        await app.settle()
        await pilot.press("h")
        await app.settle()
        assert len(app.workspace.store.query()) == 1


async def test_off_a_highlight_the_keys_say_what_to_do(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_boston(app, pilot)
        await pilot.press("e")
        await pilot.pause()
        messages = [n.message for n in app._notifications]
        assert any("Put the cursor on a highlight" in m for m in messages)


async def test_selection_can_reach_the_last_character(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_boston(app, pilot)
        await pilot.press("G", "v", "right_curly_bracket", "h")
        await app.settle()
        assert screen.article is not None
        assert screen.annotations[-1].quote.endswith("would continue.")


async def test_a_one_character_highlight_is_refused(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_boston(app, pilot)
        assert screen.article is not None
        start = screen.article.text.index("Menino said")
        for span in ((start, start + 1), (start - 1, start + 1)):  # one letter, or and a space
            screen.reader.select(*span)
            await pilot.press("h")
            await app.settle()
            assert screen.annotations == []
            assert "at least two characters" in [n.message for n in app._notifications][-1]
        screen.reader.select(start, start + 2)
        await pilot.press("h")
        await app.settle()
        assert [a.quote for a in screen.annotations] == ["Me"]


async def test_highlights_saved_by_the_cli_appear(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_boston(app, pilot)
        assert screen.article is not None
        other = Workspace(app.workspace.root)  # another process: the CLI
        other.highlights.create(screen.article.id, quote="eroding trust")
        screen._poll_changes()  # what the timer does every second
        await app.settle()
        await pilot.pause()
        assert [a.quote for a in screen.annotations] == ["eroding trust"]


async def open_export_dialog(app: MarginApp, pilot: Pilot[None]) -> None:
    """Open the Boston article, highlight the sentence under the cursor, and press x."""
    await open_boston(app, pilot)
    await pilot.press("h")
    await app.settle()
    await pilot.press("x")
    await pilot.pause()


async def export_to(
    app: MarginApp, pilot: Pilot[None], target: Path, then: str | None = None
) -> None:
    """Open the Boston article, highlight the sentence under the cursor, and export it to target
    from the export dialog (ctrl+s pressed; the export not waited for). then is a key typed
    right behind ctrl+s, in one burst from the terminal."""
    await open_export_dialog(app, pilot)
    app.screen.query_one("#export-path").value = str(target)  # type: ignore[attr-defined]
    if then is None:
        await pilot.press("ctrl+s")
        return
    app.post_message(events.Key("ctrl+s", None))
    app.post_message(events.Key(then, then))
    await app.settle()


async def test_the_export_dialog_suggests_the_desktop_s_documents_folder(
    make_app: AppFactory,
) -> None:
    """The exports folder is in the documents folder user-dirs.dirs names (group-writable, as a
    umask of 002 leaves it), as for the CLI: one home, library.paths.documents_dir."""
    import os

    home = Path(os.environ["HOME"])
    user_dirs = Path(os.environ["XDG_CONFIG_HOME"]) / "user-dirs.dirs"
    user_dirs.parent.mkdir(parents=True, exist_ok=True)
    user_dirs.write_text('XDG_DOCUMENTS_DIR="$HOME/Dokumente"\n', encoding="utf-8")
    user_dirs.chmod(0o664)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_export_dialog(app, pilot)
        suggested = Path(app.screen.query_one("#export-path", Input).value)
        assert suggested.parent == home / "Dokumente" / "Margin exports"


async def exports_ended(app: MarginApp, pilot: Pilot[None]) -> None:
    """Wait for the exports running, and what their outcomes start, to end."""
    for _ in range(3):
        for worker in [w for w in app.workers if w.group == "export"]:
            await worker.wait()
        await app.settle()
        await pilot.pause()


async def test_export_dialog_asks_before_replacing_a_file(
    make_app: AppFactory, tmp_path: Path
) -> None:
    target = tmp_path / "brief.md"
    target.write_text("my edited brief", encoding="utf-8")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await export_to(app, pilot, target)
        await app.settle()
        await pilot.pause()
        assert type(app.screen).__name__ == "ConfirmDialog"
        await pilot.press("n")  # keep it
        await pilot.pause()
        assert target.read_text(encoding="utf-8") == "my edited brief"
        await pilot.press("ctrl+s")
        await app.settle()
        await pilot.pause()
        await pilot.press("y")  # replace it
        await app.settle()
        await pilot.pause()
        assert "[!quote]" in target.read_text(encoding="utf-8")


@pytest.fixture
def slow_export(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every export takes a while, as on a slow disk."""
    from annotations.workspace.exporting import Exports

    original = Exports.export

    def slow(self: Exports, *args: Any, **kwargs: Any) -> Any:
        time.sleep(0.3)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(Exports, "export", slow)


async def test_q_typed_right_after_exporting_quits_once_written(
    make_app: AppFactory, tmp_path: Path, slow_export: None
) -> None:
    """ctrl+s then q in one burst: the export is written, then the reader quits (q reached the
    export dialog while it waited for the export, and a modal dialog ignores the app's q)."""
    target = tmp_path / "brief.md"
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await export_to(app, pilot, target, then="q")
        for _ in range(600):  # the export's wait, then the quit (a busy machine takes longer)
            if app.return_code is not None:
                break
            await pilot.pause(0.05)
        assert app.return_code == 0
    assert "[!quote]" in target.read_text(encoding="utf-8")


async def test_a_key_typed_right_after_exporting_answers_the_replace_question(
    make_app: AppFactory, tmp_path: Path, slow_export: None
) -> None:
    target = tmp_path / "brief.md"
    target.write_text("my edited brief", encoding="utf-8")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await export_to(app, pilot, target, then="y")  # export, and replace it
        for _ in range(20):
            await pilot.pause(0.05)
            await app.settle()
        assert "[!quote]" in target.read_text(encoding="utf-8")
        assert type(app.screen).__name__ == "MainScreen"


async def test_an_export_that_breaks_says_so_and_lets_go_of_the_keys(
    make_app: AppFactory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An export that raised what it was not expected to posted no outcome: nothing said it
    failed, and the dialog held the keys typed behind ctrl+s (ctrl+s too) for 15 seconds."""
    from annotations.workspace.exporting import Exports

    def broken(self: Exports, *args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("the exporter broke")

    monkeypatch.setattr(Exports, "export", broken)
    target = tmp_path / "brief.md"
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_export_dialog(app, pilot)
        app.screen.query_one("#export-path", Input).value = str(target)
        app.post_message(events.Key("ctrl+s", None))
        app.post_message(events.Key("z", "z"))
        await pilot.pause()
        for worker in [w for w in app.workers if w.group == "export"]:
            with contextlib.suppress(WorkerFailed):
                await worker.wait()
        await app.settle()
        await pilot.pause()
        assert any("the exporter broke" in n.message for n in app._notifications)
        dialog = app.screen
        assert type(dialog).__name__ == "ExportDialog"
        assert not dialog._held.holding  # type: ignore[attr-defined]
        assert not target.exists()


@pytest.mark.parametrize("past_the_wait", [True, False], ids=["past-the-wait", "held"])
async def test_ctrl_s_while_a_long_export_runs_starts_no_second_one(
    make_app: AppFactory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, past_the_wait: bool
) -> None:
    """Past the keys' wait (15 s), a dialog still exporting took ctrl+s as a new export of the
    same file: the first wrote it, and the second said it "exists and was not replaced".

    Held: ctrl+s was a priority binding, checked before the dialog holds the keys typed while
    its export runs, so a second ctrl+s went ahead of them and was refused ("an export is still
    running"). It waits with them, typed again where the outcome leaves the focus."""
    import threading

    import tui.dialogs.export as export_dialog
    from annotations.workspace.exporting import Exports

    gate = threading.Event()
    started: list[object] = []
    original = Exports.export

    def long(self: Exports, *args: Any, **kwargs: Any) -> Any:
        started.append(args)
        gate.wait(10)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(Exports, "export", long)
    if past_the_wait:
        monkeypatch.setattr(export_dialog, "HOLD_SECONDS", 0.05)
    target = tmp_path / "brief.md"
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await export_to(app, pilot, target)
        dialog = app.screen
        for _ in range(100):  # the export running; past the keys' wait, or not
            await pilot.pause(0.02)
            if started and dialog._held.holding != past_the_wait:  # type: ignore[attr-defined]
                break
        await pilot.press("ctrl+s")
        await pilot.pause()
        if not past_the_wait:
            assert dialog._held.count == 1  # type: ignore[attr-defined]
        gate.set()
        await exports_ended(app, pilot)
        assert len(started) == 1
        assert not any("not replaced" in n.message for n in app._notifications)
        assert "[!quote]" in target.read_text(encoding="utf-8")
        if not past_the_wait:
            assert not any("still running" in n.message for n in app._notifications)
            assert type(app.screen).__name__ == "MainScreen"


async def test_an_exports_folder_that_cannot_be_made_is_said(
    make_app: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The default exports folder is made before the export, outside what the export's errors
    are caught in: a file in its place (or a read-only Documents) said nothing, and the dialog
    took ctrl+s no more."""
    from annotations.workspace.exporting import Exports

    def blocked(self: Exports) -> Path:
        raise FileExistsError(17, "File exists", str(self.folder()))

    monkeypatch.setattr(Exports, "ensure_folder", blocked)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_export_dialog(app, pilot)
        dialog = app.screen
        for _ in range(2):  # the second ctrl+s exports again, and is said again
            await pilot.press("ctrl+s")
            for worker in [w for w in app.workers if w.group == "export"]:
                with contextlib.suppress(WorkerFailed):
                    await worker.wait()
            await app.settle()
            await pilot.pause()
        said = [n.message for n in app._notifications if "File exists" in n.message]
        assert len(said) == 2, said
        assert app.screen is dialog


async def test_after_highlighting_a_selection_the_keys_act_on_it(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_boston(app, pilot)
        await pilot.press("v", "right_square_bracket", "h", "2")  # select a sentence forwards
        await app.settle()
        assert [a.stance for a in screen.annotations] == ["oppose"]


async def test_tags_typed_right_after_t_go_into_the_prompt(
    make_app: AppFactory, slow_store: None
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_boston(app, pilot)
        await pilot.press("h", "t", *"defence", "enter")  # no waiting for the slow disk
        await app.settle()
        await pilot.pause()
        assert [a.tags for a in screen.annotations] == [["defence"]]
        assert not app.screen.query("PromptDialog")


async def test_undo_right_after_highlighting_in_another_article_stays_there(
    make_app: AppFactory, slow_store: None
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_boston(app, pilot)
        await pilot.press("h")
        await app.settle()
        screen.set_focus(screen.library_list)
        await pilot.press("up", "enter")
        await app.settle()
        await pilot.pause()
        other = screen.article
        assert other is not None and not other.title.startswith("Boston")
        await pilot.press("h", "u")  # undo before the slow save of the highlight has finished
        await app.settle()
        await pilot.pause()
        assert screen.article is not None and screen.article.id == other.id
        assert app.workspace.store.for_article(other.id) == []
        assert len(app.workspace.store.query()) == 1  # Boston's highlight is still there


async def test_a_highlight_saved_elsewhere_just_after_opening_appears(
    make_app: AppFactory,
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_boston(app, pilot)
        assert screen.article is not None
        other = Workspace(app.workspace.root)  # another process: the CLI
        other.highlights.create(screen.article.id, quote="eroding trust")
        await app.settle()
        screen._poll_changes()  # the first check after opening
        await app.settle()
        await pilot.pause()
        assert [a.quote for a in screen.annotations] == ["eroding trust"]


async def test_our_own_saves_do_not_make_the_watch_reload(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_boston(app, pilot)
        await pilot.press("h", "2")
        await app.settle()
        reloads: list[int] = []
        screen.editor.reload = lambda: reloads.append(1)  # type: ignore[method-assign]
        screen._poll_changes()
        await app.settle()
        assert reloads == []


async def test_confirm_dialogs_default_to_the_safe_answer(
    make_app: AppFactory, tmp_path: Path
) -> None:
    target = tmp_path / "brief.md"
    target.write_text("my edited brief", encoding="utf-8")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await export_to(app, pilot, target)
        await app.settle()
        await pilot.pause()
        await pilot.press("enter")  # habit: enter on the confirm dialog
        await app.settle()
        await pilot.pause()
        assert target.read_text(encoding="utf-8") == "my edited brief"


async def test_the_list_from_the_saved_catalog_is_corrected_by_the_files(
    make_app: AppFactory, tui_library: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The first paint lists the catalog saved last time; the file check then fixes it."""
    library = Library(tui_library)
    boston = next(m for m in library.catalog() if m.title.startswith("Boston"))
    library.path_of(boston.id).unlink()  # removed while Margin was closed
    checking = Library.catalog

    def slow_check(self: Library, **kwargs: bool) -> list[ArticleMeta]:
        time.sleep(0.2)  # a cold disk: the check waits on I/O, and settle() must wait for it
        return checking(self, **kwargs)

    monkeypatch.setattr(Library, "catalog", slow_check)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        assert isinstance(screen, MainScreen)
        assert len(screen.library_list.shown) == 2  # listed before the first paint, unchecked
        await app.settle()
        await pilot.pause()
        assert [i.meta.title for i in screen.library_list.shown] == [
            "Council backs bus lanes on three roads"
        ]


async def open_another_then_g(screen: MainScreen, pilot: Pilot[None], opened: Article) -> None:
    """From the library, open an article other than `opened` and press G at once."""
    screen.library_list.focus()
    await pilot.pause()
    screen.library_list.cursor = next(
        i for i, item in enumerate(screen.library_list.shown) if item.meta.id != opened.id
    )
    await pilot.press("enter", "G")


async def test_keys_typed_while_an_article_loads_act_on_it(make_app: AppFactory) -> None:
    """`enter` then `G` at once: the G is for the article being opened, not the one on screen."""
    import threading

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_boston(app, pilot)
        boston = screen.article
        assert boston is not None
        library = app.workspace.library
        loading = threading.Event()
        original = library.get

        def slow_get(article_id: str):  # type: ignore[no-untyped-def]
            loading.wait(5)
            return original(article_id)

        library.get = slow_get  # type: ignore[method-assign]
        await open_another_then_g(screen, pilot, boston)
        await pilot.pause()
        assert screen.article is boston and screen.reader.cursor == 0  # Boston left alone
        loading.set()
        await app.settle()
        await pilot.pause()
        assert screen.article is not None and screen.article.id != boston.id
        assert screen.reader.cursor > 0  # G went to the bottom of the new article
        assert screen.reader.scroll_y == screen.reader.max_scroll_y


@pytest.mark.parametrize(
    ("error", "told"),
    [
        (LibraryError("x: cannot read the article file"), "cannot read the article file"),
        (RuntimeError("disk on fire"), "could not open the article: disk on fire"),  # unexpected
    ],
)
async def test_a_failed_open_is_reported_and_the_held_keys_are_let_go(
    make_app: AppFactory, error: Exception, told: str
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_boston(app, pilot)
        boston = screen.article
        assert boston is not None

        def broken_get(article_id: str):  # type: ignore[no-untyped-def]
            raise error

        app.workspace.library.get = broken_get  # type: ignore[method-assign]
        await open_another_then_g(screen, pilot, boston)
        await app.settle()
        await pilot.pause()
        assert any(told in n.message for n in app._notifications)
        assert screen.article is boston
        assert screen.reader.cursor > 0  # the G was not swallowed
        assert app.is_running


async def test_a_hand_edited_blank_import_date_does_not_stop_the_app(
    make_app: AppFactory, tui_library: Path
) -> None:
    """A catalog saved by an older Margin with a null `imported` still opens (files re-read)."""
    from tests.conftest import read_saved_catalog, write_saved_catalog

    library = Library(tui_library)
    catalog = library.index_dir / "catalog.json"
    library.catalog()
    data = read_saved_catalog(catalog)
    for row in data["rows"]:
        row[STAMP_WIDTH + data["fields"].index("imported")] = None
    write_saved_catalog(catalog, data)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await app.settle()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, MainScreen)
        assert len(screen.library_list.shown) == 2


def test_export_options_fit_on_one_line() -> None:
    from rich.cells import cell_len

    from tui.dialogs.export import OPTION_CELLS, _one_line

    long = _one_line("This article: Riverton council votes to make Harbour Street car-free by 2027")
    assert long.plain == "This article: Riverton council votes to make…"
    assert cell_len(long.plain) <= OPTION_CELLS
    assert _one_line("Whole library").plain == "Whole library"
    wide = _one_line("Tag: " + "東京" * 40)  # wide characters count two cells
    assert cell_len(wide.plain) <= OPTION_CELLS and wide.plain.endswith("…")


async def test_settle_waits_for_a_dialog_s_result_the_reader_gets_to_late(
    make_app: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Textual hands a dialog's result to the widget that opened it, to run once that widget is
    done with its current message: settle() returned when the note editor had gone, before a
    busy reader got to it, and a test read the note a round early (CI on a loaded machine)."""
    from tui.dialogs.note import NoteEditorDialog

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        main = await open_boston(app, pilot)
        await pilot.press("h", "e")
        await app.settle()
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, NoteEditorDialog)
        reader = main.reader
        prompt = reader.check_idle  # how the reader is told it has callbacks to run
        monkeypatch.setattr(reader, "check_idle", lambda: reader.set_timer(0.2, prompt))
        for key, character in [("a", "a"), ("b", "b"), ("ctrl+s", None)]:
            app.post_message(events.Key(key, character))
        await app.settle()
        assert app.screen is not dialog
        assert main.annotations[0].note == "ab"
