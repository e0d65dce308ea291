"""The find bar: an input that hands the focus back the moment it is submitted or dismissed."""

from __future__ import annotations

from textual import events
from textual.widget import Widget
from textual.widgets import Input


class FindBar(Input):
    """Typing finds as you go; enter or escape closes the bar and returns to the reader.

    Enter and escape are handled in the key handler itself, not through bindings (which Textual
    checks only after the key has travelled up the DOM): keys typed right after enter (a fast
    typist, a macro, tmux send-keys) are already queued here, and must reach the reader instead.
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(placeholder="Find in article", id=id)
        self.return_to: Widget | None = None
        self.cancelled = False

    def open(self, value: str, return_to: Widget) -> None:
        """Show the bar with value and take the focus."""
        self.return_to = return_to
        self.cancelled = False
        self.display = True
        self.value = value
        self.focus()

    async def _on_key(self, event: events.Key) -> None:
        if not self.display and self.return_to is not None:
            # Queued here before the bar closed: send the key round again, to the new focus.
            event.stop()
            event.prevent_default()
            self.app.post_message(events.Key(event.key, event.character))
            return
        if event.key in ("enter", "escape"):
            event.stop()
            event.prevent_default()
            self.cancelled = event.key == "escape"
            self.display = False
            if self.return_to is not None:
                self.screen.set_focus(self.return_to)
            self.post_message(self.Submitted(self, self.value))
            return
        await super()._on_key(event)
