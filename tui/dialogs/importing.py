"""The import dialog (`i`): a path, folder or URL with path completion; a progress bar for
folders; dismisses with the import's summary."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.suggester import Suggester
from textual.widgets import Label, ProgressBar
from textual.worker import get_current_worker

from annotations.workspace import Imported, ImportSummary
from library import importers
from library.display import display_line
from library.errors import LibraryError, describe_os_error
from library.text import clean_inline
from tui.messages import ImportAdvanced, ImportFinished, ImportPlanned
from tui.widgets.held_keys import HeldKeys, KeysForNewScreen
from tui.widgets.typeahead import TypeAheadInput, pass_on

if TYPE_CHECKING:
    from annotations.workspace import Workspace

MAX_LISTED = 2_000  # entries of one folder looked at for a completion
# Keys typed while an import runs wait for its end; past this, the dialog says they still wait
# (and how many), and says it again each time this passes, until the import ends or esc stops it.
HOLD_SECONDS = 15.0


def _tools() -> str:
    """The tools whose exports Margin reads, from the registry: "Omnivore, … or Kindle"."""
    from library.importers.exports import formats

    names = [f.label.split()[0] for f in formats() if f.name != "margin"]
    return ", ".join(names[:-1]) + " or " + names[-1]


class PathSuggester(Suggester):
    """Completes a file or folder name from the disk (folders end with a slash)."""

    def __init__(self) -> None:
        super().__init__(use_cache=False, case_sensitive=True)

    async def get_suggestion(self, value: str) -> str | None:
        if not value or "://" in value or value.startswith(("http:", "https:")):
            return None
        folder, _, stem = value.rpartition("/")
        base = Path(os.path.expanduser(folder + "/" if folder or value.startswith("/") else "."))
        try:
            names = []
            with os.scandir(base) as entries:
                for n, entry in enumerate(entries):
                    if n >= MAX_LISTED:
                        break
                    if entry.name.startswith(stem) and (
                        stem.startswith(".") or entry.name[0] != "."
                    ):
                        names.append((entry.name, entry.is_dir()))
        except OSError:
            return None
        if not names:
            return None
        name, is_dir = sorted(names)[0]
        head = f"{folder}/" if folder or value.startswith("/") else ""
        return f"{head}{name}{'/' if is_dir else ''}"


class PathInput(TypeAheadInput):
    """The import dialog's field: its enter starts the import at once, in order with the keys
    typed before and after it, so those after it wait for the import (the dialog holds them)
    instead of reaching the field (a submitted message would start it only after them)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "screen.import", "Import", show=False, id="import.go"),
    ]


class ImportDialog(ModalScreen[ImportSummary | None]):
    """Ask for what to import, import it on a worker, and show the progress."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="import.cancel"),
    ]

    def __init__(self, workspace: Workspace) -> None:
        super().__init__()
        self.workspace = workspace
        # Made here, not found by a query: keys may arrive before the dialog is mounted.
        self.field = PathInput(
            placeholder="~/Downloads/article.html, a folder, or https://…",
            suggester=PathSuggester(),
            id="import-input",
        )
        self.running = False
        # Keys typed while the import runs are meant for the reader it leaves (the article it
        # opens): kept until the dialog's result is used, then typed again (`release_keys`).
        self._held = HeldKeys(self, HOLD_SECONDS, passing=frozenset({"escape"}))
        self._said_full = False  # told that keys past MAX_HELD_KEYS are not kept

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="import"):
            yield Label(Text("Import articles", style="bold"), classes="dialog-title")
            yield self.field
            yield Label(
                Text(
                    f"A file ({importers.suffix_list()}), a folder (with everything in it), a "
                    f"URL, or an export from {_tools()}. → completes.",
                    style="dim",
                ),
                classes="dialog-hint",
                id="import-status",
            )
            bar = ProgressBar(id="import-progress", show_eta=False)
            bar.display = False
            yield bar

    def on_mount(self) -> None:
        self.call_after_refresh(self.field.focus)

    def on_key(self, event: events.Key) -> None:
        if self._held.keep(event):
            return
        if self.running and event.key != "escape":  # MAX_HELD_KEYS kept: the field takes none
            event.stop()
            event.prevent_default()
            if not self._said_full:
                self._said_full = True
                self.notify(
                    f"{self._held.count} keys are waiting for the import; the ones typed after "
                    "them are not kept.",
                    title="Import",
                    severity="warning",
                    markup=False,
                )
            return
        pass_on(self, self.field, event)

    def release_keys(self) -> None:
        """Type the keys held while the import ran again, where the focus is now (the opener
        calls it once it has used the dialog's result)."""
        keys = _app_keys(self)
        if keys is not None:
            keys.let_go_taken()
        self._held.release()

    def _status(self, message: str) -> None:
        self.query_one("#import-status", Label).update(Text(display_line(message)))

    def action_import(self) -> None:
        """Import what the field names (its enter)."""
        if not self.running and self.field.value.strip():
            self._start(self.field.value)

    def _start(self, source: str) -> None:
        self.running = True
        self._said_full = False
        self._held.hold(self._still_running)
        self.set_focus(None)  # the keys that follow come to the dialog, to be held
        self.field.disabled = True
        self._status("Looking…")
        self._run(source.strip())

    @work(thread=True, exclusive=True, group="import", exit_on_error=False)
    def _run(self, source: str) -> None:
        try:
            self._import(source)
        except Exception as error:  # said in one line; the field is usable again
            self.post_message(ImportFinished(None, _one_line(error, source)))

    def _import(self, source: str) -> None:
        """Plan and run the import (on the worker); each file's failure is in the summary."""
        worker = get_current_worker()
        articles = self.workspace.articles
        plan = articles.plan([os.path.expanduser(source) if "://" not in source else source])
        self.post_message(ImportPlanned(source, len(plan.jobs)))
        if not plan.jobs:
            return
        count = 0

        def progress(done: Imported) -> None:
            nonlocal count
            count += 1
            self.post_message(ImportAdvanced(count, done))

        summary = articles.run(plan, progress=progress, stop=lambda: worker.is_cancelled)
        self.post_message(ImportFinished(summary))

    def _still_running(self) -> None:
        """HOLD_SECONDS passed and the import runs on: the keys typed meanwhile keep waiting
        for it (typed again once it is done); a notification says so, with how many."""
        if not self.running:
            self._held.release()
            return
        self._held.hold(self._still_running)
        if self._held.count:
            keys = f"{self._held.count} key{'s' * (self._held.count != 1)}"
            self.notify(
                f"Still importing: the {keys} typed meanwhile will act when it is done "
                "(esc stops it after the current file).",
                title="Import",
                timeout=HOLD_SECONDS,
                markup=False,
            )

    @on(ImportPlanned)
    def _planned(self, message: ImportPlanned) -> None:
        if message.total:
            self._started(message.total)
        else:
            self._nothing(message.source)

    @on(ImportAdvanced)
    def _advanced(self, message: ImportAdvanced) -> None:
        self.query_one(ProgressBar).update(progress=message.count)
        self._status(message.last.line()[:120])

    @on(ImportFinished)
    def _finished(self, message: ImportFinished) -> None:
        if message.summary is not None:
            keys = _app_keys(self)
            if keys is not None:  # the app keeps them, and those typed as the dialog closes
                keys.take(self._held, HOLD_SECONDS)
            self.dismiss(message.summary)
        else:
            self._failed(message.failure)

    def _nothing(self, source: str) -> None:
        self.running = False
        self.field.disabled = False
        self.field.focus()
        self._held.release()
        self._status(f"Nothing to import in {source}: no {importers.suffix_list()} files.")

    def _failed(self, message: str) -> None:
        self.running = False
        self.field.disabled = False
        self.field.focus()
        self._held.release()
        self.query_one(ProgressBar).display = False
        self._status(message)
        self.notify(message, title="Import", severity="error", timeout=8, markup=False)

    def _started(self, total: int) -> None:
        bar = self.query_one(ProgressBar)
        bar.update(total=total, progress=0)
        bar.display = total > 1
        self._status(f"Importing {total} file{'s' * (total != 1)}… (esc stops after this one)")

    def action_cancel(self) -> None:
        if self.running:
            self.workers.cancel_group(self, "import")
            self._status("Stopping after this file…")
            return
        self.dismiss(None)


def _app_keys(dialog: ImportDialog) -> KeysForNewScreen | None:
    """The app's holder of keys typed across screens (Margin's app has one)."""
    keys = getattr(dialog.app, "keys_for_new_screen", None)
    return keys if isinstance(keys, KeysForNewScreen) else None


def _one_line(error: Exception, source: str) -> str:
    """What stopped an import before its files, as one line naming the source."""
    if isinstance(error, LibraryError):
        message = str(error)
    elif isinstance(error, OSError):
        if error.filename is None:
            error.filename = source
        message = describe_os_error(error, "cannot read")
    else:  # a bug: still one line, naming what was being imported
        message = f"{source}: {error.__class__.__name__}: {error}"
    return clean_inline(message) or f"{source}: could not be imported"
