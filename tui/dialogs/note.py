"""The note editor: a multi-line Markdown note for one highlight."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, TextArea

from annotations.quotemarks import framed
from tui.dialogs.confirm import ConfirmDialog
from tui.widgets.typeahead import TypeAhead, pass_on


class NoteText(TypeAhead, TextArea):
    """The note's text area: ctrl+s and escape act in order with the letters typed before."""


class NoteEditorDialog(ModalScreen[str | None]):
    """Edit a note; ctrl+s saves, escape cancels (asking first when there are unsaved changes)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        # Not priority bindings: they must wait behind the letters typed before them.
        Binding("ctrl+s", "save", "Save", id="note.save"),
        Binding("escape", "cancel", "Cancel", id="note.cancel"),
    ]

    def __init__(self, note: str, quote: str) -> None:
        super().__init__()
        self.original = note
        self.quote = quote
        # Made here, not found by a query: keys may arrive before the dialog is mounted.
        self.editor = NoteText(note, id="note-text", soft_wrap=True, tab_behavior="indent")
        self.editor.cursor_blink = False

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog dialog-wide"):
            yield Label(Text("Note", style="bold"), classes="dialog-title")
            excerpt = self.quote if len(self.quote) <= 240 else self.quote[:239] + "…"
            yield Label(Text(framed(excerpt), style="italic"), classes="dialog-quote")
            yield self.editor
            yield Label(
                Text("ctrl+s save · escape cancel · Markdown", style="dim"), classes="dialog-hint"
            )

    def on_key(self, event: events.Key) -> None:
        pass_on(self, self.editor, event)

    def on_mount(self) -> None:
        self.editor.move_cursor(self.editor.document.end)
        # Focus after the keys typed ahead of the dialog have been passed on (see on_key), so
        # they reach the editor in the order they were typed.
        self.call_after_refresh(self.editor.focus)

    @property
    def text(self) -> str:
        """The note as typed."""
        return self.editor.text

    @property
    def dirty(self) -> bool:
        """Whether the note differs from the saved one."""
        return self.text != self.original

    def action_save(self) -> None:
        self.dismiss(self.text)

    def action_cancel(self) -> None:
        if not self.dirty:
            self.dismiss(None)
            return

        def answered(discard: bool | None) -> None:
            if discard:
                self.dismiss(None)

        self.app.push_screen(
            ConfirmDialog("Discard your changes to this note?", "Discard", "Keep editing"),
            answered,
        )
