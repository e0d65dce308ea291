"""The help screen: every key, generated from the same binding tables the footer uses."""

from __future__ import annotations

from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from tui.widgets.library_list import LibraryList
from tui.widgets.reader import ArticleView

MOUSE = [
    ("click", "place the cursor; on a highlight, select it"),
    ("drag", "select words"),
    ("wheel", "scroll"),
]
EXTRA = [
    ("tab / shift+tab", "move between panes"),
    ("enter (find bar)", "close it; select the first match at or after the cursor"),
    ("escape (find bar)", "close it without moving"),
    ("ctrl+s / escape", "save / cancel in the note editor"),
    ("ctrl+p", "command palette: every action, theme, and an article switcher"),
]


def _key(binding: Binding) -> str:
    if binding.key_display:
        return binding.key_display
    names = {
        "right_square_bracket": "]",
        "left_square_bracket": "[",
        "right_curly_bracket": "}",
        "left_curly_bracket": "{",
        "question_mark": "?",
        "slash": "/",
    }
    return " / ".join(names.get(k, k) for k in binding.key.split(","))


def keys_table(title: str, rows: list[tuple[str, str]]) -> Table:
    """A titled two-column table: keys, and what they do."""
    table = Table(
        title=title,
        title_justify="left",
        title_style="bold",
        box=None,
        expand=True,
        show_header=False,
        padding=(0, 2, 0, 0),
    )
    table.add_column("key", style="bold", no_wrap=True, width=20)
    table.add_column("does", ratio=1)
    for key, does in rows:
        table.add_row(Text(key), Text(does))
    return table


def bindings_table(title: str, bindings: list[BindingType]) -> Table:
    """The keys of a binding table (the same one the footer and the palette use)."""
    rows = [(_key(b), b.description) for b in bindings if isinstance(b, Binding) and b.description]
    return keys_table(title, rows)


class HelpScreen(ModalScreen[None]):
    """Keys by pane; escape, q or ? closes it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark", "dismiss", "Close", id="help.close"),
    ]

    def compose(self) -> ComposeResult:
        from tui.app import MarginApp
        from tui.screens.main import MainScreen

        stances: list[tuple[str, str]] = []
        app = self.app
        if isinstance(app, MarginApp):
            stances = [(s.key, f"{s.name} — {s.description}") for s in app.workspace.config.stances]
        stance_rows = keys_table(
            "Stances (from your config)", [*stances, ("0", "clear the stance")]
        )
        others = keys_table("Also", EXTRA + MOUSE)
        with VerticalScroll(classes="dialog dialog-wide", id="help"):
            yield Static(Text("Margin — keys", style="bold"), classes="dialog-title")
            yield Static(bindings_table("Anywhere", list(MarginApp.BINDINGS)))
            yield Static(bindings_table("Reading and selecting", list(ArticleView.BINDINGS)))
            yield Static(bindings_table("Highlights, quotes, find", list(MainScreen.BINDINGS)))
            yield Static(stance_rows)
            yield Static(bindings_table("Library pane", list(LibraryList.BINDINGS)))
            yield Static(others)
