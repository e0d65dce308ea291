"""The find bar: an input that hands the focus back the moment it is submitted or dismissed."""

from __future__ import annotations

from collections.abc import Callable

from textual import events
from textual.widget import Widget
from textual.widgets import Input

from tui.widgets.typeahead import TypeAhead


class FindBar(TypeAhead, Input):
    """Typing finds as you go; enter or escape closes the bar and returns to the reader.

    Enter and escape are handled in the key handler itself and call back at once: the keys
    typed right after enter (a fast typist, a macro, tmux send-keys) are already queued, and the
    cursor must be on the match before they act.
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(placeholder="Find in article", id=id)
        self.return_to: Widget | None = None
        self.on_close: Callable[[bool, str], None] | None = None

    def open(self, value: str, return_to: Widget, on_close: Callable[[bool, str], None]) -> None:
        """Show the bar with value and take the focus.

        on_close(cancelled, value) runs when it closes, with the text as typed (the Changed
        messages of the last letters may still be on their way).
        """
        self.return_to = return_to
        self.on_close = on_close
        self.display = True
        self.value = value
        self.screen.set_focus(self)  # now, not later as focus() does: keys are queued behind

    async def _on_key(self, event: events.Key) -> None:
        if self.display and event.key in ("enter", "escape"):
            event.stop()
            event.prevent_default()
            self.display = False
            if self.return_to is not None:
                self.screen.set_focus(self.return_to)
            if self.on_close is not None:
                self.on_close(event.key == "escape", self.value)
            return
        await super()._on_key(event)
