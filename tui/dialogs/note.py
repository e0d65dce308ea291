"""The note editor: a multi-line Markdown note for one highlight."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, TextArea

from tui.dialogs.confirm import ConfirmDialog


class NoteEditorDialog(ModalScreen[str | None]):
    """Edit a note; ctrl+s saves, escape cancels (asking first when there are unsaved changes)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save", priority=True, id="note.save"),
        Binding("escape", "cancel", "Cancel", priority=True, id="note.cancel"),
    ]

    def __init__(self, note: str, quote: str) -> None:
        super().__init__()
        self.original = note
        self.quote = quote

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog dialog-wide"):
            yield Label(Text("Note", style="bold"), classes="dialog-title")
            excerpt = self.quote if len(self.quote) <= 240 else self.quote[:239] + "…"
            yield Label(Text(f"“{excerpt}”", style="italic"), classes="dialog-quote")
            editor = TextArea(self.original, id="note-text", soft_wrap=True, tab_behavior="indent")
            editor.cursor_blink = False
            yield editor
            yield Label(
                Text("ctrl+s save · escape cancel · Markdown", style="dim"), classes="dialog-hint"
            )

    def on_mount(self) -> None:
        editor = self.query_one(TextArea)
        editor.focus()
        editor.move_cursor(editor.document.end)

    @property
    def text(self) -> str:
        """The note as typed."""
        return self.query_one(TextArea).text

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
