"""The app's own keys, in one table: the app binds them, the help screen lists them."""

from __future__ import annotations

from textual.binding import Binding, BindingType

APP_BINDINGS: list[BindingType] = [
    Binding("q", "quit", "Quit", id="app.quit"),
    Binding("question_mark", "help", "Help", key_display="?", id="app.help"),
    Binding("ctrl+f", "search", "Search library", id="app.search"),
]
