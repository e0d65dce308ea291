"""The Margin app: composes the main screen, owns the workspace, and routes global actions."""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar
from weakref import WeakKeyDictionary

from textual import events
from textual.app import App, SystemCommand
from textual.binding import BindingType
from textual.css.query import NoMatches
from textual.message_pump import MessagePump
from textual.notifications import Notifications, SeverityLevel
from textual.screen import ModalScreen, Screen
from textual.widgets._toast import ToastRack  # not re-exported by textual.widgets
from textual.worker import WorkerCancelled

from annotations.workspace import Workspace
from annotations.workspace.reading import ReaderSettings
from library.config import Config
from library.display import for_display
from library.errors import LibraryError
from library.text import strip_controls
from tui.bindings import APP_BINDINGS
from tui.commands import ArticleCommands, binding_commands
from tui.messages import ClipboardText, ExportFinished, JobFinished
from tui.persist import Persister
from tui.screens.main import MainScreen
from tui.widgets.held_keys import KeysForNewScreen

if TYPE_CHECKING:
    from annotations.clipboard import CopyResult


TEXTUAL_COMMANDS_LEFT_OUT = frozenset({"Keys", "Maximize", "Minimize"})
SETTLE_PAINT_WAIT = 10.0  # seconds `settle` waits at most for callbacks due after a paint
# Keys typed as a screen opens wait this long at most for it to take them; then they go where
# the focus is, as Textual would send them.
NEW_SCREEN_SECONDS = 3.0


class MarginApp(App[None]):
    """Read, highlight, annotate and quote articles from a local library."""

    TITLE = "Margin"
    CSS_PATH = "app.tcss"
    COMMANDS: ClassVar[set[Any]] = App.COMMANDS | {ArticleCommands}
    BINDINGS: ClassVar[list[BindingType]] = APP_BINDINGS

    def __init__(self, root: Path, config: Config | None = None) -> None:
        super().__init__()
        self.workspace = Workspace(root, config or Config())
        self.persister = Persister(self)
        self._scheduled = 0  # callbacks waiting for the next paint (see after_first_paint)
        self.keys_for_new_screen = KeysForNewScreen(self, NEW_SCREEN_SECONDS)
        # When each dialog open was pushed: its toasts are the notifications since then.
        self._dialogs_opened: WeakKeyDictionary[Screen[Any], float] = WeakKeyDictionary()
        try:
            self.settings = self.workspace.reading.settings()  # chosen in the reader last time
        except LibraryError:
            self.settings = ReaderSettings()  # the state file is reported when it is opened
        # The theme is the user's, in the config file (picked in the palette, or by hand). A
        # library where one was picked before it moved there keeps it until another is picked.
        configured = self.workspace.config.theme
        legacy = self.settings.theme
        if configured == Config().theme and legacy in self.available_themes:
            self.theme = legacy
        elif configured in self.available_themes:
            self.theme = configured

    def get_default_screen(self) -> Screen[Any]:
        return MainScreen()

    def on_mount(self) -> None:
        self.persister.start()
        self.theme_changed_signal.subscribe(self, self._theme_changed)
        if self.workspace.config.theme not in self.available_themes:
            self.notify(
                f"Unknown theme '{self.workspace.config.theme}' in the config; using the default.",
                severity="warning",
                markup=False,
            )
        self.after_first_paint(self._open_store)

    async def on_event(self, event: events.Event) -> None:
        """A key typed as a screen opens waits for that screen (see KeysForNewScreen); a newline
        is enter."""
        if isinstance(event, events.Key):
            if event.key == "ctrl+j":
                # Enter typed before the terminal was made raw (the reader starting on a busy
                # machine) comes as a newline, the terminal having turned its CR into LF; ctrl+j
                # sends that byte too. Both are enter, as in a shell.
                event = events.Key("enter", "\r")
            if self.keys_for_new_screen.keep(event):
                return
        await super().on_event(event)

    def on_job_finished(self, message: JobFinished) -> None:
        """A persister job ran: show its outcome."""
        self.persister.finished(message)

    def on_export_finished(self, message: ExportFinished) -> None:
        """An export ended: its dialog shows the outcome, whether it is still open or not."""
        message.show(message)

    def on_clipboard_text(self, message: ClipboardText) -> None:
        """Copied text from a worker: to the terminal's clipboard (OSC 52)."""
        self.copy_to_clipboard(message.text)

    def _theme_changed(self, theme: Any) -> None:
        """A theme picked in the palette is kept in the user's config file, for every library
        and the next session (and no longer in this library's state)."""
        from library.config import save_theme

        name = getattr(theme, "name", None)
        config = self.workspace.config
        if not isinstance(name, str) or (name == config.theme and self.settings.theme is None):
            return
        config.theme = name
        path = config.path
        self.persister.submit(lambda: save_theme(name, path), None, self.report)
        if self.settings.theme is not None:
            self.save_settings(theme=None)

    def save_settings(self, **values: str | bool | None) -> None:
        """Remember reader settings (theme, sort, panes) in the background."""
        from dataclasses import replace

        self.settings = replace(self.settings, **values)  # type: ignore[arg-type]
        reading = self.workspace.reading
        self.persister.submit(lambda: reading.save_settings(**values))

    def after_first_paint(self, callback: Callable[..., object], *args: Any, **kwargs: Any) -> None:
        """Run callback once the screen has been painted (work the first screen can do without).

        Counted until it has run, so that `settle` waits for it too.
        """
        self._scheduled += 1

        def run() -> None:
            self._scheduled -= 1
            callback(*args, **kwargs)

        if not self.call_after_refresh(run):
            self._scheduled -= 1  # never to run (the app is closing): nothing to wait for

    def _open_store(self) -> None:
        """Open the annotation store once, after the first paint, and report any repair."""
        for message in self.workspace.follow_repairs(self._recovered):
            self._recovered(message)

    def _recovered(self, message: str) -> None:
        """A damaged file was repaired from a backup: say what happened (from any thread)."""
        self.notify(message, title="Recovered", severity="warning", timeout=15, markup=False)

    async def settle(self) -> None:
        """Wait until loading workers, pending writes and the results they posted are done, and
        every part of the app has handled what was sent to it (for tests and benchmarks)."""
        waited = 0.0
        while self.is_running:  # an app that stopped (or failed) runs nothing more
            busy = [w for w in self.workers if w.group != "persist" and not w.is_finished]
            if busy:
                with contextlib.suppress(WorkerCancelled):  # superseded (exclusive): done too
                    await self.workers.wait_for_complete(busy)
                continue
            if self._scheduled and waited < SETTLE_PAINT_WAIT:
                # Work waiting for a paint (it may start more workers); a callback whose screen
                # went away never runs, hence the limit.
                await asyncio.sleep(0.005)
                waited += 0.005
                continue
            await self.persister.drain()
            await self._handle_posted()  # which may start more work
            idle = not any(w.group != "persist" and not w.is_finished for w in self.workers)
            if (
                idle
                and not self.persister.pending
                and not (self._scheduled and waited < SETTLE_PAINT_WAIT)
            ):
                break

    async def _handle_posted(self) -> None:
        """Wait until the app, every screen and every widget have handled the messages posted
        to them so far (workers' results: tui/messages.py), and those they passed on (a key goes
        from the app to the focused widget) or queued for after them (Textual hands a dialog's
        result to the widget that opened it so, once the dialog has gone)."""
        deadline = time.monotonic() + SETTLE_PAINT_WAIT  # a widget stuck in a handler
        waiting: list[MessagePump] = [self, *self.screen_stack]
        while waiting:
            for pump in waiting:
                handled = asyncio.Event()
                if pump.call_later(handled.set):  # queued behind what was posted before
                    with contextlib.suppress(TimeoutError):
                        await asyncio.wait_for(handled.wait(), deadline - time.monotonic())
            if time.monotonic() >= deadline:
                return
            waiting = [
                pump for pump in self._pumps() if pump.message_queue_size or pump._next_callbacks
            ]

    def _pumps(self) -> list[MessagePump]:
        """The app, its screens and the widgets on them, those running."""
        nodes = [n for screen in self.screen_stack for n in screen.walk_children(with_self=True)]
        return [p for p in [self, *nodes] if p.is_running and not (p._closing or p._closed)]

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """Textual's notification; plain-text ones (titles, paths, errors quoting untrusted
        text) show bidi controls and invisible characters as visible placeholders."""
        if not markup:
            message, title = for_display(strip_controls(message)), for_display(title)
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=markup)

    def push_screen(self, screen: Any, *args: Any, **kwargs: Any) -> Any:
        """Textual's; a dialog's opening time is taken now, so a notification raised before its
        first paint (the copy's answer, say) is shown on it, not on the screen below."""
        if isinstance(screen, ModalScreen):
            self._dialogs_opened.setdefault(screen, time.time())
        return super().push_screen(screen, *args, **kwargs)

    def _refresh_notifications(self) -> None:
        """Textual's, but a dialog shows only the notifications raised since it opened: those
        from before stay on the screen below, seen through the dialog's backdrop instead of
        over its buttons, and are there again when it closes, if their time is not up."""
        screen = self.screen_stack[-1] if self.screen_stack else None
        if not isinstance(screen, ModalScreen):
            super()._refresh_notifications()
            return
        try:
            rack = screen.get_child_by_type(ToastRack)
        except NoMatches:  # not composed yet: its resume refreshes them
            return
        opened = self._dialogs_opened.setdefault(screen, time.time())
        since = Notifications()
        for notification in self._notifications:
            if notification.raised_at >= opened:
                since.add(notification)
        self.call_later(rack.show, since)

    def report(self, error: Exception) -> None:
        """Show an error as a notification; the app keeps running."""
        self.notify(str(error), title="Margin", severity="error", markup=False, timeout=8)

    async def action_quit(self) -> None:
        """Save the reading position and any pending writes, then quit (asking first when a
        note being edited has unsaved changes)."""
        from tui.dialogs.confirm import ConfirmDialog
        from tui.dialogs.note import NoteEditorDialog

        editing = [s for s in self.screen_stack if isinstance(s, NoteEditorDialog) and s.dirty]
        if editing:
            if isinstance(self.screen, ConfirmDialog):
                return  # already asking

            async def answered(discard: bool | None) -> None:
                if discard:
                    await self._save_and_exit()

            self.push_screen(
                ConfirmDialog("Quit and discard the note you are editing?", "Quit", "Keep editing"),
                answered,
            )
            return
        await self._save_and_exit()

    async def _save_and_exit(self) -> None:
        for screen in self.screen_stack:
            if isinstance(screen, MainScreen):
                screen.save_position()
        if not await self.persister.drain():
            self.notify("Still saving; try again in a moment.", severity="warning")
            return
        self.persister.close()
        self.exit()

    def action_help(self) -> None:
        """Show every key."""
        from tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_search(self) -> None:
        """Search the whole library."""
        from tui.screens.search import SearchScreen

        if not isinstance(self.screen, SearchScreen):
            self.push_screen(SearchScreen(self.workspace), self._open_hit)

    def _open_hit(self, hit: tuple[str, int] | None) -> None:
        if hit is None:
            return
        screen = self.screen
        if isinstance(screen, MainScreen):
            screen.open_article(hit[0], focus=True, cursor=hit[1])

    def open_article(self, article_id: str) -> None:
        """Open an article in the main screen (the command palette's article switcher)."""
        for screen in self.screen_stack:
            if isinstance(screen, MainScreen):
                screen.open_article(article_id, focus=True)

    # -- quoting ---------------------------------------------------------------------------------
    def copy_text(self, text: str, what: str, note: str | None = None) -> None:
        """Copy on the worker (pyperclip may run a program); OSC 52 goes out on the UI thread.

        The result is one notification: what was copied, how, and `note` (a warning) after it.
        """

        def osc52(value: str) -> None:  # on the persister's thread: the UI thread writes it
            if not self.post_message(ClipboardText(value)):
                raise OSError("the reader is closing")

        def done(result: CopyResult) -> None:
            message = f"{result.summary} · {what}"
            if result.explanation:
                message += "\n" + result.explanation
            if result.caution:
                message += "\n" + result.caution
            if note:
                message += "\n" + note
            if result.ok and (note or result.caution):
                self.notify(message, severity="warning", timeout=8, markup=False)
            elif result.ok:
                self.notify(message, timeout=4, markup=False)
            else:
                self.notify(message, severity="error", timeout=8, markup=False)

        quotes = self.workspace.quotes
        self.persister.submit(lambda: quotes.copy(text, osc52_writer=osc52), done, self.report)

    # -- command palette -------------------------------------------------------------------------
    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """Every action with a binding, plus Textual's theme, quit and screenshot (its "Keys"
        panel and "Maximize" would stand beside Margin's own help and reading mode)."""
        own = list(binding_commands(self, screen))
        titles = {command.title for command in own}  # Margin's Quit, not Textual's beside it
        for command in super().get_system_commands(screen):
            if command.title not in TEXTUAL_COMMANDS_LEFT_OUT and command.title not in titles:
                yield command
        yield from own
