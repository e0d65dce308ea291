"""Live updates and import from the reader: what other processes change shows within a poll,
and `i` imports a file from inside the reader."""

from __future__ import annotations

import asyncio
import threading
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Label

from annotations.model import Annotation
from annotations.workspace import Changes, Opened, Workspace
from library.errors import LibraryError
from tests.tui.test_flows import SIZE, AppFactory, open_boston
from tui.app import MarginApp
from tui.dialogs.importing import ImportDialog, PathSuggester
from tui.screens.main import MainScreen

THIRD = """\
Harbour ferry returns after a winter away

Published 3 March 2025
By Jo Park

The ferry across the harbour runs again from Monday, the port said.
"""


async def poll(app: object, screen: MainScreen) -> None:
    """What the timer does every second, then wait for the worker and the screen."""
    screen._poll_changes()
    await app.settle()  # type: ignore[attr-defined]


def recorded_polls(screen: MainScreen, monkeypatch: pytest.MonkeyPatch) -> list[Changes]:
    """What each later poll of the screen's change feed reports (see `no_timer`)."""
    feed = screen.outside.feed
    assert feed is not None
    seen: list[Changes] = []
    real = feed.poll

    def recording(open_article: str | None = None) -> Changes:
        changes = real(open_article)
        seen.append(changes)
        return changes

    monkeypatch.setattr(feed, "poll", recording)
    return seen


@pytest.fixture
def no_timer(monkeypatch: pytest.MonkeyPatch) -> None:
    """Only the test polls: a poll of the once-a-second timer could take a change first."""
    monkeypatch.setattr("tui.screens.main.WATCH_SECONDS", 3600)


@pytest.mark.usefixtures("no_timer")
async def import_in_reader(app: MarginApp, pilot: Pilot[None], source: Path) -> None:
    """Press i, give source to the import dialog, press enter and wait for the import."""
    await pilot.press("i")
    await pilot.pause()
    app.screen.field.value = str(source)  # type: ignore[attr-defined]
    await pilot.press("enter")
    await app.settle()
    await pilot.pause()


async def test_undo_and_redo_are_not_reported_back_as_outside_changes(
    make_app: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_boston(app, pilot)
        await pilot.press("h")
        await app.settle()
        await poll(app, screen)
        seen = recorded_polls(screen, monkeypatch)
        for key, count in (("u", 0), ("ctrl+r", 1)):
            await pilot.press(key)
            await app.settle()
            assert len(screen.annotations) == count
            await poll(app, screen)
            assert seen[-1].empty, seen[-1]


@pytest.mark.usefixtures("no_timer")
async def test_highlights_re_anchored_by_opening_are_not_reported_back(
    make_app: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app()
    other = Workspace(app.workspace.root)
    (boston,) = [m for m in other.articles.listing() if m.title.startswith("Boston")]
    other.highlights.create(boston.id, quote="eroding trust")
    path = other.library.path_of(boston.id)
    path.write_text(path.read_text(encoding="utf-8").replace("Boston Mayor", "Mayor", 1))
    async with app.run_test(size=SIZE) as pilot:
        await app.settle()
        main = app.screen
        assert isinstance(main, MainScreen)
        seen = recorded_polls(main, monkeypatch)
        screen = await open_boston(app, pilot)  # re-anchors the highlight: a write
        assert any("re-anchored" in n.message for n in app._notifications)
        await poll(app, screen)
        assert seen[-1].empty, seen[-1]


@pytest.mark.usefixtures("no_timer")
async def test_a_reimport_from_the_reader_is_not_reported_back(
    make_app: AppFactory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Importing a new version of the open article re-anchors its highlights: our writes."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_boston(app, pilot)
        await pilot.press("h")
        await app.settle()
        await poll(app, screen)
        seen = recorded_polls(screen, monkeypatch)
        source = tmp_path / "boston.txt"  # where the library was imported from
        source.write_text(
            source.read_text(encoding="utf-8").replace("Boston Mayor", "Mayor", 1),
            encoding="utf-8",
        )
        await import_in_reader(app, pilot, source)
        await app.settle()
        assert any("1 updated" in n.message for n in app._notifications)
        await poll(app, screen)
        assert seen[-1].empty, seen[-1]
        assert not any("changed on disk" in n.message for n in app._notifications)


async def test_an_article_imported_from_outside_appears_in_the_library_pane(
    make_app: AppFactory, tmp_path: Path
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_boston(app, pilot)
        assert len(screen.library_list.items) == 2
        source = tmp_path / "ferry.txt"
        source.write_text(THIRD, encoding="utf-8")
        other = Workspace(app.workspace.root)  # `margin import` in another terminal
        other.articles.run(other.articles.plan([str(source)]))
        await poll(app, screen)
        await pilot.pause()
        titles = [item.meta.title for item in screen.library_list.items]
        assert "Harbour ferry returns after a winter away" in titles
        assert screen.article is not None and screen.article.title.startswith("Boston")


async def test_an_idle_poll_looks_no_further_than_the_folders(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_boston(app, pilot)
        await poll(app, screen)
        feed = screen.outside.feed
        assert feed is not None
        scans = feed.scans
        for _ in range(5):
            await poll(app, screen)
        assert feed.scans == scans  # nothing changed: no catalog or highlights listing


async def test_the_open_article_changed_on_disk_is_reloaded_in_place(
    make_app: AppFactory,
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_boston(app, pilot)
        assert screen.article is not None
        article_id = screen.article.id
        await pilot.press("h")  # the first sentence
        await app.settle()
        (mine,) = screen.annotations
        await poll(app, screen)
        other = Workspace(app.workspace.root)
        path = other.library.path_of(article_id)
        path.write_text(
            path.read_text(encoding="utf-8").replace("Boston Mayor", "Boston’s Mayor", 1),
            encoding="utf-8",
        )
        await poll(app, screen)
        await pilot.pause()
        assert "Boston’s Mayor" in screen.article.text
        (now,) = screen.annotations
        assert screen.article.text[now.start : now.end].startswith("Boston’s Mayor")
        assert now.id == mine.id


async def test_a_highlight_made_while_a_poll_reads_the_article_stays_on_screen(
    make_app: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The poll reads the changed article and its highlights on a worker; the user highlights
    before it shows them. What it read is older than the screen: the new highlight stays."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_boston(app, pilot)
        assert screen.article is not None
        article_id = screen.article.id
        await poll(app, screen)
        other = Workspace(app.workspace.root)
        path = other.library.path_of(article_id)
        path.write_text(
            path.read_text(encoding="utf-8").replace("Boston Mayor", "Boston’s Mayor", 1),
            encoding="utf-8",
        )
        reading = app.workspace.reading
        real_open = reading.open
        read, proceed = threading.Event(), threading.Event()

        def open_then_wait(article: str) -> Opened:
            opened = real_open(article)  # the snapshot, taken before the highlight below
            read.set()
            proceed.wait(30)
            return opened

        monkeypatch.setattr(reading, "open", open_then_wait)
        screen._poll_changes()
        assert await asyncio.to_thread(read.wait, 30)
        await pilot.press("h")  # while the poll is out
        (mine,) = screen.annotations
        proceed.set()
        await app.settle()
        await pilot.pause()
        await app.settle()
        assert "Boston’s Mayor" in screen.article.text
        (now,) = screen.annotations
        assert now.id == mine.id
        assert screen.article.text[now.start : now.end].startswith("Boston’s Mayor")


async def test_an_open_article_that_cannot_be_read_again_is_said_and_the_rest_shown(
    make_app: AppFactory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_boston(app, pilot)
        assert screen.article is not None
        article_id = screen.article.id
        await poll(app, screen)
        other = Workspace(app.workspace.root)
        path = other.library.path_of(article_id)
        path.write_text(path.read_text(encoding="utf-8").replace("Boston Mayor", "Mayor", 1))
        source = tmp_path / "ferry.txt"
        source.write_text(THIRD, encoding="utf-8")
        other.articles.run(other.articles.plan([str(source)]))

        def unreadable(article: str) -> Opened:
            raise LibraryError(f"{path}: cannot read the article (permission denied)")

        monkeypatch.setattr(app.workspace.reading, "open", unreadable)
        await poll(app, screen)
        await pilot.pause()
        messages = [n.message for n in app._notifications]
        assert any("could not be reloaded" in m and "permission denied" in m for m in messages)
        titles = [item.meta.title for item in screen.library_list.items]
        assert "Harbour ferry returns after a winter away" in titles
        assert screen.article.id == article_id


async def test_i_imports_a_file_from_inside_the_reader(
    make_app: AppFactory, tmp_path: Path
) -> None:
    source = tmp_path / "ferry.txt"
    source.write_text(THIRD, encoding="utf-8")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_boston(app, pilot)
        await pilot.press("i")
        await pilot.pause()
        assert isinstance(app.screen, ImportDialog)
        dialog = app.screen
        dialog.field.value = str(source)
        await pilot.press("enter")
        await app.settle()
        await pilot.pause()
        assert app.screen is screen
        titles = [item.meta.title for item in screen.library_list.items]
        assert "Harbour ferry returns after a winter away" in titles
        # One file imported: it is opened.
        assert screen.article is not None and screen.article.title.startswith("Harbour ferry")


async def test_a_folder_import_shows_progress_and_a_summary(
    make_app: AppFactory, tmp_path: Path
) -> None:
    folder = tmp_path / "inbox"
    folder.mkdir()
    for n in range(3):
        (folder / f"story-{n}.txt").write_text(
            THIRD.replace("Harbour ferry", f"Ferry {n}"), encoding="utf-8"
        )
    (folder / "notes.docx").write_bytes(b"PK\x03\x04")  # not a format Margin reads
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_boston(app, pilot)
        await import_in_reader(app, pilot, folder)
        messages = [n.message for n in app._notifications]
        summary = "Summary: 3 articles imported, 0 failed, 1 file skipped"
        assert summary in messages, messages
        assert len(screen.library_list.items) == 5


async def test_a_folder_with_nothing_to_import_says_so_and_frees_the_field(
    make_app: AppFactory, tmp_path: Path
) -> None:
    """The dialog lost its handler of the import's plan: a folder with no file Margin reads
    left it on "Looking…", its field disabled and the keys held, until esc."""
    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "notes.docx").write_bytes(b"PK\x03\x04")  # not a format Margin reads
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_boston(app, pilot)
        await import_in_reader(app, pilot, folder)
        dialog = app.screen
        assert isinstance(dialog, ImportDialog)
        status = str(dialog.query_one("#import-status", Label).render())
        assert status.startswith(f"Nothing to import in {folder}"), status
        assert not dialog.running and not dialog.field.disabled


async def test_an_export_imported_from_the_reader_says_what_it_brought_as_the_cli_does(
    make_app: AppFactory, tmp_path: Path
) -> None:
    clippings = tmp_path / "My Clippings.txt"
    clippings.write_text(
        "Walden (Thoreau, Henry David)\n"
        "- Your Highlight on Location 100-102 | Added on Monday, 4 January 2021 09:15:00\n\n"
        "I went to the woods because I wished to live deliberately.\n"
        "==========\n"
        "Walden (Thoreau, Henry David)\n"
        "- Your Note on Location 300 | Added on Tuesday, 5 January 2021 10:00:00\n\n"
        "A thought of my own.\n"
        "==========\n",
        encoding="utf-8",
    )
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_boston(app, pilot)
        await import_in_reader(app, pilot, clippings)
        shown = "\n".join(n.message for n in app._notifications)
    # The lines `margin import` prints for the same file, from the same report.
    cli = Workspace(tmp_path / "cli").imports.run(clippings).summary()[1:]
    assert cli == [
        "Articles: 1 imported",
        "Highlights: 2 added, 0 already there",  # the note: at its location, no orphan
    ]
    assert "; ".join(cli) in shown, shown
    # The book and its highlights are counted, not the file: one export brought them.
    assert "Summary: 1 article imported (1 from 1 export), 2 highlights added, 0 failed" in shown


@pytest.mark.usefixtures("no_timer")
async def test_a_folder_import_from_the_reader_is_not_announced_while_it_runs(
    make_app: AppFactory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The timer keeps ticking during a long import: the files already imported are ours."""
    from annotations.workspace.articles import Articles

    folder = tmp_path / "inbox"
    folder.mkdir()
    for n in range(2):
        (folder / f"story-{n}.txt").write_text(
            THIRD.replace("Harbour ferry", f"Ferry {n}"), encoding="utf-8"
        )
    second, go_on = threading.Event(), threading.Event()
    real = Articles.import_one
    calls: list[int] = []

    def gated(self: Articles, *args: object, **kwargs: object) -> object:
        calls.append(1)
        if len(calls) == 2:  # the first file is in the library: hold the second
            second.set()
            go_on.wait(10)
        return real(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Articles, "import_one", gated)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_boston(app, pilot)
        await poll(app, screen)
        seen = recorded_polls(screen, monkeypatch)
        await pilot.press("i")
        await pilot.pause()
        app.screen.field.value = str(folder)  # type: ignore[attr-defined]
        await pilot.press("enter")
        await asyncio.get_running_loop().run_in_executor(None, second.wait, 10)
        screen._poll_changes()  # a tick mid-import
        await pilot.pause()
        assert not [w for w in app.workers if w.group == "changes"]
        go_on.set()
        await app.settle()
        await pilot.pause()
        await poll(app, screen)
        assert all(c.empty for c in seen), seen
        assert not any("added to the library" in n.message for n in app._notifications)
        assert len(screen.library_list.items) == 4


@pytest.mark.parametrize(
    ("error", "shown"),
    [
        (LibraryError("/lib: cannot create the library (Read-only file system)"), "/lib: cannot"),
        (PermissionError(13, "Permission denied", "/inbox"), "/inbox: cannot read (permission"),
        (RuntimeError("boom"), "RuntimeError: boom"),
    ],
)
async def test_an_import_that_fails_before_its_files_leaves_the_dialog_usable(
    make_app: AppFactory,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    error: Exception,
    shown: str,
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_boston(app, pilot)

        def fail(*args: object, **options: object) -> None:
            raise error

        monkeypatch.setattr(app.workspace.articles, "plan", fail)
        await pilot.press("i")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ImportDialog)
        dialog.field.value = str(tmp_path)
        await pilot.press("enter")
        await app.settle()
        await pilot.pause()
        assert not dialog.running and not dialog.field.disabled
        assert app.screen is dialog
        status = str(dialog.query_one("#import-status", Label).render())
        assert shown in status and "\n" not in status
        assert any(shown in n.message for n in app._notifications)
        await pilot.press("escape")  # not running: esc closes it
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)


async def test_path_completion(tmp_path: Path) -> None:
    (tmp_path / "inbox").mkdir()
    (tmp_path / "interview.html").write_text("<p>x</p>")
    (tmp_path / ".hidden").write_text("")
    suggest = PathSuggester()
    assert await suggest.get_suggestion(f"{tmp_path}/inb") == f"{tmp_path}/inbox/"
    assert await suggest.get_suggestion(f"{tmp_path}/inte") == f"{tmp_path}/interview.html"
    assert await suggest.get_suggestion(f"{tmp_path}/.h") == f"{tmp_path}/.hidden"
    assert await suggest.get_suggestion(f"{tmp_path}/zz") is None
    assert await suggest.get_suggestion("https://exam") is None


async def test_notifications_never_carry_bidi_controls(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_boston(app, pilot)
        screen.notify("Imported “\u202egnp.exe\u202c” \x1b[31m", markup=False)
        await pilot.pause()
        (shown,) = [n.message for n in app._notifications if "Imported" in n.message]
        assert "\u202e" not in shown and "\x1b" not in shown
        assert "⟨U+202E⟩" in shown


@pytest.mark.usefixtures("no_timer")
async def test_a_highlight_on_an_article_another_process_trashed_says_how_to_restore_it(
    make_app: AppFactory,
) -> None:
    """The highlight is kept and joins the article when it is restored; the reader says so
    at once, before any poll has seen the removal."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_boston(app, pilot)
        assert screen.article is not None
        article_id = screen.article.id
        Workspace(app.workspace.root).articles.remove(article_id)
        app.clear_notifications()
        await pilot.press("h")
        await app.settle()
        await pilot.pause()
        warnings = [n.message for n in app._notifications if n.severity == "warning"]
        assert any("in the trash" in m and f"margin restore {article_id}" in m for m in warnings), (
            warnings
        )
        other = Workspace(app.workspace.root)
        other.articles.restore(article_id)
        assert len(other.highlights.in_article(article_id)) == 1


def gate_imports(app: MarginApp, monkeypatch: pytest.MonkeyPatch) -> threading.Event:
    """Make app's imports wait, once their files are found, until the event returned is set."""
    go = threading.Event()
    run = app.workspace.articles.run

    def held(*args: object, **kwargs: object) -> object:
        assert go.wait(30), "the test never let the import go on"
        return run(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(app.workspace.articles, "run", held)
    return go


async def import_dialog(app: MarginApp, pilot: Pilot[None], source: Path) -> ImportDialog:
    """Press i and give source to the import dialog (enter not pressed yet)."""
    await pilot.press("i")
    await pilot.pause()
    dialog = app.screen
    assert isinstance(dialog, ImportDialog)
    dialog.field.value = str(source)
    return dialog


def ferry_highlights(app: MarginApp, screen: MainScreen) -> list[Annotation]:
    """The highlights of the ferry article (THIRD) once an import has opened it, else none."""
    article = screen.article
    if article is None or not article.title.startswith("Harbour ferry"):
        return []
    return app.workspace.store.for_article(article.id)


@pytest.mark.parametrize("case", ["import", "past-the-wait", "past-the-cap"])
async def test_keys_typed_while_an_import_runs_act_once_it_is_done(
    make_app: AppFactory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, case: str
) -> None:
    """i, a path, enter, then h and 2 typed at once (the import slow on a loaded machine): the
    dialog, its field disabled while it imports, dropped the keys, so no highlight was made.
    They wait for the import and act on the reader it leaves, here on the article imported.

    Longer: the keys waited 15 s; past that they were typed again into the dialog, still
    importing, which dropped them without a word. They wait however long it takes, and the
    dialog says they do (here the wait is cut to 0.1 s; the import takes longer).

    Past the cap: keys past MAX_HELD_KEYS are not kept, and the dialog says so once (here
    the cap is cut to the two keys that matter)."""
    longer = case == "past-the-wait"
    if longer:
        monkeypatch.setattr("tui.dialogs.importing.HOLD_SECONDS", 0.1)
    if case == "past-the-cap":
        monkeypatch.setattr("tui.widgets.held_keys.MAX_HELD_KEYS", 2)
    source = tmp_path / "ferry.txt"
    source.write_text(THIRD, encoding="utf-8")
    app = make_app()
    go = gate_imports(app, monkeypatch)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_boston(app, pilot)
        dialog = await import_dialog(app, pilot, source)
        await pilot.press("enter", "h", "2")  # the import running, held
        await pilot.pause()
        if case == "past-the-cap":
            await pilot.press("j", "j")  # not kept: said once
            await pilot.pause()
            said = [n.message for n in app._notifications if "not kept" in n.message]
            assert said == [
                "2 keys are waiting for the import; the ones typed after them are not kept."
            ]
        if longer:
            for _ in range(100):  # past the wait, more than once
                await pilot.pause(0.05)
                said = [n.message for n in app._notifications if "Still importing" in n.message]
                if said:
                    break
            assert said[:1] == [
                "Still importing: the 2 keys typed meanwhile will act when it is done (esc "
                "stops it after the current file)."
            ]
            await pilot.pause(0.3)
            assert app.screen is dialog and dialog.running
        go.set()

        def stanced() -> list[str | None]:
            return [a.stance for a in ferry_highlights(app, screen)]

        for _ in range(200):  # the import done, the article opened, the keys acted on it
            await app.settle()
            if stanced() == ["oppose"]:
                break
            await pilot.pause(0.05)
        assert app.screen is screen
        assert stanced() == ["oppose"]


async def test_a_key_typed_as_an_import_ends_acts_after_the_keys_held_for_it(
    make_app: AppFactory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """i, a path, enter, then `/must change`, enter and h in one burst (a loaded machine): the
    import ended as h was typed, and h, reaching the reader between the dialog closing and its
    held keys being typed again, acted first: it highlighted the first sentence of the article
    opened, not the words found. The app keeps such a key behind the held ones."""
    from textual import events

    source = tmp_path / "ferry.txt"
    source.write_text(THIRD, encoding="utf-8")
    app = make_app()
    go = gate_imports(app, monkeypatch)
    dismiss = ImportDialog.dismiss

    def dismissed_as_h_comes(dialog: ImportDialog, result: object = None) -> object:
        done = dismiss(dialog, result)  # type: ignore[arg-type]
        app.post_message(events.Key("h", "h"))  # from the terminal, as the dialog closes
        return done

    monkeypatch.setattr(ImportDialog, "dismiss", dismissed_as_h_comes)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_boston(app, pilot)
        await import_dialog(app, pilot, source)
        await pilot.press("enter", "/", *"port said", "enter")  # the import running: held
        await pilot.pause()
        go.set()

        def made() -> list[str]:
            return [a.quote for a in ferry_highlights(app, screen)]

        for _ in range(200):  # the import done, the article opened, the keys acted on it
            await app.settle()
            if made():
                break
            await pilot.pause(0.05)
        assert made() == ["port said"]
        boston = next(m for m in screen.library_list.shown if m.meta.title.startswith("Boston"))
        assert app.workspace.store.for_article(boston.meta.id) == []
