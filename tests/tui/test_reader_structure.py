"""The main screen's helpers see it only through `ReaderHost`, and results come back as messages.

Read from the source (no app is run): the helpers never import the screen, ask of the host only
what the protocol names, and the screen offers all of it.
"""

from __future__ import annotations

import ast
import asyncio
import inspect
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import cast

import pytest

from annotations.workspace import Changes, Imported
from library.model import Article
from tui import messages
from tui.app import MarginApp
from tui.layout import Layout
from tui.screens.article_state import OpenArticle, ReaderHost
from tui.screens.main import MainScreen

SCREENS = Path(__file__).resolve().parents[2] / "tui" / "screens"
HELPERS = ["editing", "finding", "library_loading", "quoting", "watching", "article_state"]


def _protocol_members() -> set[str]:
    return {
        name
        for name, value in vars(ReaderHost).items()
        if not name.startswith("_") and (callable(value) or isinstance(value, property))
    }


def _imports(tree: ast.AST) -> set[str]:
    """Every module a source imports, type-checking imports included."""
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found


def _asked_of_host(tree: ast.AST) -> set[str]:
    """The attributes a helper reads from `self.host` or a local `host`."""
    asked: set[str] = set()
    for node in ast.walk(tree):
        if not isinstance(node, ast.Attribute):
            continue
        owner = node.value
        via_self = (
            isinstance(owner, ast.Attribute)
            and owner.attr == "host"
            and isinstance(owner.value, ast.Name)
            and owner.value.id == "self"
        )
        if via_self or (isinstance(owner, ast.Name) and owner.id == "host"):
            asked.add(node.attr)
    return asked


@pytest.mark.parametrize("name", HELPERS)
def test_a_helper_never_imports_the_main_screen(name: str) -> None:
    tree = ast.parse((SCREENS / f"{name}.py").read_text(encoding="utf-8"))
    assert "tui.screens.main" not in _imports(tree)
    assert "screen" not in {
        a.arg for f in ast.walk(tree) if isinstance(f, ast.arguments) for a in f.args
    }


@pytest.mark.parametrize("name", ["editing", "finding", "library_loading", "quoting", "watching"])
def test_a_helper_asks_the_host_only_what_the_protocol_offers(name: str) -> None:
    tree = ast.parse((SCREENS / f"{name}.py").read_text(encoding="utf-8"))
    asked = _asked_of_host(tree)
    assert asked, f"{name} asks nothing of its host: the check reads the wrong names"
    assert asked <= _protocol_members(), asked - _protocol_members()


def test_the_main_screen_offers_everything_the_protocol_names() -> None:
    missing = {name for name in _protocol_members() if not hasattr(MainScreen, name)}
    missing -= {"known_tags"}  # an attribute set in __init__
    assert not missing
    assert "known_tags" in inspect.getsource(MainScreen.__init__)


def test_the_main_screen_calls_no_helper_with_itself_as_the_screen() -> None:
    source = inspect.getsource(MainScreen)
    assert "call_from_thread" not in source
    for helper in (
        "HighlightEditor",
        "Finder",
        "ArticleQuotations",
        "OutsideChanges",
        "LibraryLoader",
    ):
        assert f"{helper}(state, self" in source


def test_the_open_article_state_is_plain_data() -> None:
    state = OpenArticle()
    assert state.text == "" and state.article_id is None and state.find("x") is None
    before = state.version
    state.shown([])
    assert state.version == before + 1


async def test_the_reading_position_has_one_home_shared_by_state_and_reader(
    make_app: Callable[..., MarginApp],
) -> None:
    """Cursor, selection and layout live once, in the state; the reader reads and writes that
    same object, so a move made through the widget is the state's, and no copy can drift."""
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await app.settle()
        screen = app.screen
        assert isinstance(screen, MainScreen)
        screen.open_article(screen.library_list.items[0].meta.id, focus=True)
        await app.settle()
        position, reader = screen.state.position, screen.reader
        assert reader.position is position
        assert position.layout is not None and reader.layout_ is position.layout
        before = position.cursor
        await pilot.press("w", "w")  # two words on, through the widget's keys
        await app.settle()
        assert position.cursor > before
        assert position.cursor == reader.cursor
        await pilot.press("v", "w")  # select: the selection is the state's too
        await app.settle()
        assert reader.selection is not None and position.selection == reader.selection
        assert position.select_anchor is not None
        await pilot.press("escape")
        await app.settle()
        assert position.selection is None and position.select_anchor is None
        position.cursor = 3  # a write through the state is what the reader draws from
        assert reader.cursor == 3


# -- results as messages ------------------------------------------------------------------------
def _article(article_id: str, text: str = "Some words.") -> Article:
    return Article(id=article_id, title=article_id, text=text)


def _loaded(article: Article) -> messages.ArticleLoaded:
    return messages.ArticleLoaded(article, [], 0, None, Layout.for_article(article, 60), None)


def test_a_result_is_replaced_only_by_one_that_supersedes_it() -> None:
    one, other = _article("one"), _article("other")
    # Another article's load may be an older worker finishing late: both are kept.
    assert not _loaded(one).can_replace(_loaded(other))
    assert _loaded(one).can_replace(_loaded(one))
    assert not messages.QuotationsFound(one, []).can_replace(messages.QuotationsFound(other, []))
    assert messages.QuotationsFound(one, []).can_replace(messages.QuotationsFound(one, []))
    assert not messages.SearchAnswered("a", None).can_replace(messages.SearchAnswered("ab", None))
    # Whole tallies supersede whole tallies; the first one also carries the tags to remember.
    assert messages.TalliesCounted({}).can_replace(messages.TalliesCounted({"x": Counter()}))
    assert not messages.TalliesCounted({}, ["tag"]).can_replace(messages.TalliesCounted({}))
    # The first catalog says which article to open: never skipped.
    assert not messages.CatalogRead([], "one", first=True).can_replace(messages.CatalogRead([]))
    assert messages.CatalogRead([]).can_replace(messages.CatalogRead([]))


def test_a_load_that_re_anchored_is_not_replaced_by_a_later_reading() -> None:
    """The article opened twice in a row (enter pressed twice): the first load re-anchored its
    highlights (a write to acknowledge, a warning to show); the second finds nothing to repair.
    Skipping the first would lose both: the user never learns the text changed under the
    highlights, and the repair reads as another process's change."""
    one = _article("one")
    repaired = messages.ArticleLoaded(one, [], 0, None, Layout.for_article(one, 60), "1 moved")
    assert not repaired.can_replace(_loaded(one))


def test_no_worker_calls_into_the_ui_thread_directly() -> None:
    """Results come back as messages (tui/messages.py), not as closures run on the UI thread."""
    tui = SCREENS.parent
    callers = [
        str(path.relative_to(tui))
        for path in sorted(tui.rglob("*.py"))
        if "call_from_thread" in path.read_text(encoding="utf-8")
    ]
    assert callers == []


def test_import_progress_collapses_to_the_newest_count() -> None:
    older = messages.ImportAdvanced(1, cast(Imported, None))
    assert older.can_replace(messages.ImportAdvanced(2, cast(Imported, None)))
    assert not older.can_replace(messages.ImportFinished(None, "stopped"))


def test_outside_changes_collapse_only_when_the_newer_batch_carries_everything() -> None:
    quiet = messages.OutsideChanged(Changes(highlights={"a"}), None, None, 1)
    assert quiet.can_replace(messages.OutsideChanged(Changes(highlights={"a", "b"}), {}, None, 2))
    assert not quiet.can_replace(messages.OutsideChanged(Changes(highlights={"b"}), {}, None, 2))
    added = messages.OutsideChanged(Changes(added=[], removed=["a"]), None, None, 1)
    assert not added.can_replace(messages.OutsideChanged(Changes(highlights={"a"}), {}, None, 2))


async def test_workers_report_back_with_messages(make_app: Callable[..., MarginApp]) -> None:
    app = make_app()
    seen: list[str] = []
    hook = lambda m: seen.append(type(m).__name__)  # noqa: E731
    async with app.run_test(size=(120, 40), message_hook=hook) as pilot:
        await app.settle()
        screen = app.screen
        assert isinstance(screen, MainScreen)
        screen.open_article(screen.library_list.items[0].meta.id, focus=True)
        await app.settle()
        assert screen.article is not None
        await pilot.press("h")  # a highlight, saved on the persister
        await app.settle()
        assert len(screen.annotations) == 1
    for name in ("CatalogRead", "TalliesCounted", "ArticleLoaded", "QuotationsFound"):
        assert name in seen
    assert "JobFinished" in seen


async def test_a_save_counts_as_pending_until_its_outcome_is_shown(
    make_app: Callable[..., MarginApp],
) -> None:
    """The change feed waits for pending saves; a save whose `JobFinished` has not been handled
    yet has not acknowledged its write, so it must still count (else it reads as an outside
    change)."""
    app = make_app()
    async with app.run_test(size=(120, 40)):
        await app.settle()
        persister = app.persister
        seen: list[tuple[int, int]] = []
        persister.submit(
            lambda: None,
            lambda _: seen.append((persister.pending, persister.highlight_jobs)),
            highlights=True,
        )
        await app.settle()
        # Still counted while its continuation runs (another save, such as the reading
        # position's on its timer, may be pending too on a slow machine).
        assert len(seen) == 1 and seen[0][1] == 1 and seen[0][0] >= 1
        assert (persister.pending, persister.highlight_jobs) == (0, 0)


def test_a_job_is_never_counted_twice_while_its_outcome_is_posted() -> None:
    """The worker moves a job from the queue's count to the unshown count in one step: a
    continuation run before the worker thread goes on sees the job once, not twice (it saw
    `pending == 2` for one job under load)."""
    from tui.persist import Persister

    posted: list[object] = []
    counts: list[int] = []

    class App:
        def post_message(self, message: object) -> bool:
            counts.append(persister.pending)  # what the UI thread could see at this moment
            posted.append(message)
            return True

    persister = Persister(cast(MarginApp, App()))
    # `_run` played by hand (no worker): a highlight job queued, then taken off to run.
    persister._highlight_jobs = 1
    persister._queue.put(None)
    persister._queue.get()
    persister._report(lambda _: None, None, True)
    assert counts == [1]
    assert persister.pending == 1 and persister.wait_idle(0.1) is True
    persister.finished(cast(messages.JobFinished, posted[0]))
    assert persister.pending == 0 and persister.highlight_jobs == 0


async def test_a_save_submitted_while_quitting_runs_and_leaves_no_worker_behind(
    make_app: Callable[..., MarginApp],
) -> None:
    """Quitting closes the persister: a continuation handled after the exit began (undo in
    another article opens it and saves the position) used to start a fresh worker after Textual
    had cancelled its workers, and the process never ended. The save now runs at once and
    no persister thread is left."""
    import threading

    app = make_app()
    ran: list[str] = []
    async with app.run_test(size=(120, 40)):
        await app.settle()
        persister = app.persister
        assert await persister.drain()
        persister.close()
        persister.submit(lambda: ran.append(threading.current_thread().name))
        assert ran == [threading.current_thread().name]  # here and now, not on a worker
        for _ in range(3000):  # the worker ends on the close's sentinel (seconds when busy)
            if all(w.is_finished for w in app.workers if w.group == "persist"):
                break
            await asyncio.sleep(0.01)
        assert all(w.is_finished for w in app.workers if w.group == "persist")
        persister.submit(lambda: ran.append("again"))  # never a new worker once closed
        assert ran[-1] == "again"
        assert all(w.is_finished for w in app.workers if w.group == "persist")
