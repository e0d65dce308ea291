"""A one-line prompt (speaker, tags), with completion from known values."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.suggester import Suggester
from textual.widgets import Input, Label

from tui.widgets.typeahead import TypeAhead, pass_on


class LastItemSuggester(Suggester):
    """Completes the last comma-separated item from known values (for tag lists)."""

    def __init__(self, values: list[str], *, separator: str | None = ",") -> None:
        super().__init__(use_cache=False, case_sensitive=True)
        self.values = values
        self.separator = separator

    async def get_suggestion(self, value: str) -> str | None:
        head, _, last = value.rpartition(self.separator) if self.separator else ("", "", value)
        stem = last.lstrip()
        if not stem:
            return None
        folded = stem.casefold()
        taken = {v.strip().casefold() for v in head.split(self.separator or "\0")}
        for candidate in self.values:
            if candidate.casefold().startswith(folded) and candidate.casefold() not in taken:
                lead = last[: len(last) - len(stem)]
                prefix = f"{head}{self.separator}" if self.separator and head else ""
                return f"{prefix}{lead}{candidate}"
        return None


class PromptInput(TypeAhead, Input):
    """The prompt's field: enter closes the prompt in the key press itself, so keys typed right
    after it (already queued here) go on to the reader instead of into a closing prompt."""

    async def _on_key(self, event: events.Key) -> None:
        screen = self.screen
        if event.key == "enter" and isinstance(screen, PromptDialog) and screen is self.app.screen:
            event.stop()
            event.prevent_default()
            screen.dismiss(self.value)
            return
        await super()._on_key(event)


class PromptDialog(ModalScreen[str | None]):
    """Ask for one line of text; enter accepts, escape cancels, → accepts a completion."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="prompt.cancel"),
    ]

    def __init__(
        self,
        title: str,
        value: str = "",
        *,
        hint: str = "",
        suggestions: list[str] | None = None,
        separator: str | None = None,
    ) -> None:
        super().__init__()
        self.title_text = title
        self.value = value
        self.hint = hint
        self.suggestions = suggestions or []
        self.separator = separator
        suggester = (
            LastItemSuggester(self.suggestions, separator=separator) if self.suggestions else None
        )
        # Made here, not found by a query: keys may arrive before the dialog is mounted.
        self.field = PromptInput(value, suggester=suggester, id="prompt-input")

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(Text(self.title_text, style="bold"), classes="dialog-title")
            yield self.field
            if self.hint:
                yield Label(Text(self.hint, style="dim"), classes="dialog-hint")

    def on_mount(self) -> None:
        self.call_after_refresh(self.field.focus)  # after the keys typed ahead (see on_key)

    def on_key(self, event: events.Key) -> None:
        pass_on(self, self.field, event)

    def action_cancel(self) -> None:
        self.dismiss(None)
