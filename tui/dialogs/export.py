"""The export dialog: scope, format, style and destination; reports the written path."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar
from weakref import WeakKeyDictionary

from rich.cells import cell_len
from rich.text import Text
from textual import events, on
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select

from library.display import display_line
from library.errors import LibraryError
from tui.dialogs.confirm import ConfirmDialog
from tui.messages import ExportFinished
from tui.widgets.held_keys import HeldKeys

if TYPE_CHECKING:
    from textual.widget import Widget

    from annotations.workspace import Workspace
    from library.model import Article


OPTION_CELLS = 50  # what a select of the 64-column dialog shows on one line
HOLD_SECONDS = 15.0  # keys typed while an export runs wait this long at most for its outcome
EXPORT_GROUP = "export"  # the app's worker group of the export running, if one is
# Per app, the exports started whose outcome is not shown yet: one at a time across dialogs. A
# worker's state would not do: it ends a moment after its outcome is shown.
_OUTCOMES_DUE: WeakKeyDictionary[App[Any], int] = WeakKeyDictionary()


def _one_line(value: str) -> Text:
    """An option label that fits the field on one line: cut after a word, with an ellipsis
    (plain text, never markup; bidi controls and invisible characters shown as placeholders)."""
    value = display_line(value)
    if cell_len(value) > OPTION_CELLS:
        cut, cells = "", 0
        for char in value:  # by cells: wide characters take two
            cells += cell_len(char)
            if cells > OPTION_CELLS - 1:
                break
            cut += char
        space = cut.rfind(" ")
        value = (cut[:space] if space > OPTION_CELLS // 2 else cut).rstrip(" ,:;—-") + "…"
    return Text(value, no_wrap=True, overflow="ellipsis")


class ExportDialog(ModalScreen[str | None]):
    """Export highlights of this article, a tag, a stance or the whole library."""

    # Below 30 rows the dialog drops its spacing, so all of it (buttons too) fits 80×24.
    VERTICAL_BREAKPOINTS = [(0, "-short"), (30, "-tall")]  # noqa: RUF012 - as Textual declares it

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="export.cancel"),
        # A priority binding: run as the app reads it, in order with the keys typed after it (q
        # right behind ctrl+s must come after the hold it starts), not after the field has
        # passed it up. While keys are held it stands aside (check_action) and is held too.
        Binding("ctrl+s", "export", "Export", priority=True, id="export.go"),
    ]

    def __init__(
        self,
        workspace: Workspace,
        *,
        article: Article | None,
        tag: str | None = None,
        stance: str | None = None,
    ) -> None:
        super().__init__()
        self.workspace = workspace
        self.article = article
        self.tag = tag
        self.stance = stance
        # Keys typed while the export runs (q to quit, y to replace the file) wait for its
        # outcome: they are meant for what comes next, not for this dialog's fields.
        self._held = HeldKeys(self, HOLD_SECONDS, passing=frozenset({"escape"}))
        self._focus_back: Widget | None = None

    def compose(self) -> ComposeResult:
        config = self.workspace.config
        formats = self.workspace.exports.formats
        # Prompts are Text, never markup: titles and tags are untrusted.
        scopes: list[tuple[Text, str]] = []
        if self.article is not None:
            scopes.append((_one_line(f"This article: {self.article.title}"), "article"))
        if self.tag:
            scopes.append((_one_line(f"Tag: {self.tag}"), "tag"))
        if self.stance:
            scopes.append((_one_line(f"Stance: {self.stance}"), "stance"))
        scopes.append((_one_line("Whole library"), "all"))
        with Vertical(classes="dialog", id="export"):
            yield Label(Text("Export highlights", style="bold"), classes="dialog-title")
            yield Label("Scope")
            yield Select(scopes, value=scopes[0][1], allow_blank=False, id="export-scope")
            yield Label("Format")
            yield Select(
                [(_one_line(f"{name} — {f.description}"), name) for name, f in formats.items()],
                value="md",
                allow_blank=False,
                id="export-format",
            )
            yield Label("Quote style (md, txt, html)")
            styles = self.workspace.quotes.styles()
            default_style = config.quote_style if config.quote_style in styles else styles[0]
            yield Select(
                [(Text(s), s) for s in styles],
                value=default_style,
                allow_blank=False,
                id="export-style",
            )
            yield Label("Save to")
            yield Input(
                self._default_path("article" if self.article else "all", "md"), id="export-path"
            )
            with Horizontal(classes="dialog-buttons"):
                yield Button("Export (ctrl+s)", variant="primary", id="export-go")
                yield Button("Cancel (esc)", id="export-cancel")

    def _default_path(self, scope: str, fmt: str) -> str:
        path = self.workspace.exports.default_path(
            fmt,
            scope,  # type: ignore[arg-type]
            article=self.article,
            tag=self.tag,
            stance=self.stance,
        )
        return str(path)

    @on(Select.Changed, "#export-scope")
    @on(Select.Changed, "#export-format")
    def _choices_changed(self) -> None:
        scope = str(self.query_one("#export-scope", Select).value)
        fmt = str(self.query_one("#export-format", Select).value)
        self.query_one("#export-path", Input).value = self._default_path(scope, fmt)

    @on(Button.Pressed, "#export-go")
    def action_export(self) -> None:
        # One export at a time, this dialog's or one a dialog closed before it ended left
        # running (its keys may be let go before its outcome, after HOLD_SECONDS).
        if _OUTCOMES_DUE.get(self.app):
            self.notify("An export is still running; its outcome comes first.", severity="warning")
            return
        scope = str(self.query_one("#export-scope", Select).value)
        fmt = str(self.query_one("#export-format", Select).value)
        style = str(self.query_one("#export-style", Select).value)
        path = self.query_one("#export-path", Input).value.strip()
        if not path or path == "-":
            self.notify("Give a file to save to.", severity="warning")
            return
        self._write(scope, fmt, style, path, overwrite=False)

    def _write(self, scope: str, fmt: str, style: str, path: str, *, overwrite: bool) -> None:
        """Export on a worker of the app's: closing the dialog neither cancels the export nor
        loses its outcome, which the app hands back to `_finished`."""
        app = self.app  # found on this thread: the worker may outlive the dialog's place in it
        _OUTCOMES_DUE[app] = _OUTCOMES_DUE.get(app, 0) + 1
        self._hold_keys()
        app.run_worker(
            partial(self._export, app, scope, fmt, style, path, overwrite=overwrite),
            name="export",
            group=EXPORT_GROUP,
            thread=True,
            exit_on_error=False,
        )

    def _export(
        self, app: App[Any], scope: str, fmt: str, style: str, path: str, *, overwrite: bool
    ) -> None:
        """Write the export (on the worker) and post its outcome to the app."""
        from annotations.export import ExportExists, NothingToExport
        from annotations.workspace import ExportRequest

        exports = self.workspace.exports
        outcome = ExportFinished(self._finished, path)
        try:
            target = Path(path).expanduser()
            request = ExportRequest(
                articles=(self.article.id,) if scope == "article" and self.article else (),
                tags=(self.tag,) if scope == "tag" and self.tag else (),
                stance=self.stance if scope == "stance" else None,
                format=fmt,
                style=style,
                output=target,
                overwrite=overwrite,
            )
            done = exports.export(request)
        except ExportExists:
            outcome.replace = partial(self._write, scope, fmt, style, path, overwrite=True)
        except NothingToExport:
            outcome.notices.append(("No highlights in that scope; nothing written.", "warning"))
        except (LibraryError, OSError) as error:
            outcome.notices.append((str(error), "error"))
        except Exception as error:  # said, and the keys held for the outcome let go at once
            outcome.notices.append((f"Could not export to {path}: {error}", "error"))
        else:
            outcome.notices += [(line, "warning") for line in [*done.skipped, *done.missing[:3]]]
            outcome.written = done.line()
        with contextlib.suppress(RuntimeError):  # the app's loop closed meanwhile (it quit)
            app.post_message(outcome)

    def _finished(self, outcome: ExportFinished) -> None:
        """Show an export's outcome (on the UI thread): while the dialog is the screen shown, it
        asks before replacing a file and closes once written; closed or covered, the outcome
        is the app's notifications alone, and an existing file is kept."""
        _OUTCOMES_DUE[self.app] = max(_OUTCOMES_DUE.get(self.app, 0) - 1, 0)
        shown = self.app.screen is self
        for text, severity in outcome.notices:
            self.app.notify(text, severity=severity, markup=False)
        if outcome.replace is not None:
            if shown:
                self._ask_overwrite(outcome.path, outcome.replace)
            else:
                self.app.notify(
                    f"{outcome.path} exists and was not replaced; export again to replace it.",
                    severity="warning",
                    timeout=8,
                    markup=False,
                )
        if outcome.written is not None:
            self.app.notify(outcome.written, timeout=8, markup=False)
            if shown:
                self.dismiss(outcome.written)
        self._release_keys()

    def _hold_keys(self) -> None:
        """Until the export's outcome, keys come to this dialog (nothing in it has the focus)
        and are kept, then typed again where the outcome leaves the focus: the reader once the
        dialog closed, the replace question, or this dialog's field again."""
        if not self._held.holding:
            self._focus_back = self.focused
        self.set_focus(None)
        self._held.hold(self._release_keys)

    def _release_keys(self) -> None:
        if self.is_current and self.focused is None and self._focus_back is not None:
            self.set_focus(self._focus_back)
        self._held.release()

    def on_key(self, event: events.Key) -> None:
        self._held.keep(event)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """ctrl+s while the export's outcome is awaited is not run ahead of the keys held
        before it: it goes on to `on_key`, which keeps it in order with them."""
        return not (action == "export" and self._held.holding)

    def _ask_overwrite(self, path: str, replace: Callable[[], None]) -> None:
        def answered(yes: bool | None) -> None:
            if yes:
                replace()

        self.app.push_screen(
            ConfirmDialog(f"{path} exists. Replace it?", "Replace", "Keep it"), answered
        )

    @on(Button.Pressed, "#export-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
        self._release_keys()
