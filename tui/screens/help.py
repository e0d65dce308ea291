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


def bindings_table(title: str, bindings: list[BindingType]) -> Table:
    """A two-column table of keys and what they do."""
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
    for binding in bindings:
        if isinstance(binding, Binding) and binding.description:
            table.add_row(Text(_key(binding)), Text(binding.description))
    return table


class HelpScreen(ModalScreen[None]):
    """Keys by pane; escape, q or ? closes it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark", "dismiss", "Close", id="help.close"),
    ]

    def compose(self) -> ComposeResult:
        from tui.app import MarginApp
        from tui.screens.main import MainScreen

        stance_rows = Table(
            title="Stances (from your config)",
            title_justify="left",
            title_style="bold",
            box=None,
            show_header=False,
            expand=True,
        )
        stance_rows.add_column("key", style="bold", width=20)
        stance_rows.add_column("stance", ratio=1)
        app = self.app
        if isinstance(app, MarginApp):
            for stance in app.workspace.config.stances:
                stance_rows.add_row(Text(stance.key), Text(f"{stance.name} — {stance.description}"))
            stance_rows.add_row(Text("0"), Text("clear the stance"))
        others = Table(
            title="Also",
            title_justify="left",
            title_style="bold",
            box=None,
            show_header=False,
            expand=True,
        )
        others.add_column("key", style="bold", width=20)
        others.add_column("does", ratio=1)
        for key, does in EXTRA + MOUSE:
            others.add_row(Text(key), Text(does))
        with VerticalScroll(classes="dialog dialog-wide", id="help"):
            yield Static(Text("Margin — keys", style="bold"), classes="dialog-title")
            yield Static(bindings_table("Anywhere", list(MarginApp.BINDINGS)))
            yield Static(bindings_table("Reading and selecting", list(ArticleView.BINDINGS)))
            yield Static(bindings_table("Highlights, quotes, find", list(MainScreen.BINDINGS)))
            yield Static(stance_rows)
            yield Static(bindings_table("Library pane", list(LibraryList.BINDINGS)))
            yield Static(others)
