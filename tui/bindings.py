"""The app's own keys, in one table: the app binds them, the help screen lists them."""

from __future__ import annotations

from textual.binding import Binding, BindingType

APP_BINDINGS: list[BindingType] = [
    Binding(
        "q",
        "quit",
        "Quit",
        tooltip="quit, saving the reading place (asks first when a note being edited is unsaved)",
        id="app.quit",
    ),
    Binding(
        "question_mark",
        "help",
        "Help",
        key_display="?",
        tooltip="every key (this list)",
        id="app.help",
    ),
    Binding(
        "ctrl+f",
        "search",
        "Search library",
        tooltip=(
            'search every article, note and tag: words, "phrases", tag:, stance:, author:, title:'
        ),
        id="app.search",
    ),
]
