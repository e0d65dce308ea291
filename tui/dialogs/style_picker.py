"""Pick a citation style for one copy."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option


class StylePickerDialog(ModalScreen[str | None]):
    """A list of styles; enter copies with the chosen one, escape cancels."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="style.cancel"),
    ]

    def __init__(self, styles: list[str]) -> None:
        super().__init__()
        self.choices = styles

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(Text("Copy quote as…", style="bold"), classes="dialog-title")
            yield OptionList(*[Option(Text(name), id=name) for name in self.choices])

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)
