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

from tui.bindings import APP_BINDINGS
from tui.commands import describe
from tui.widgets.library_list import LibraryList
from tui.widgets.reader import ArticleView

MOUSE = [
    ("click", "place the cursor; on a highlight, select it"),
    ("drag", "select words"),
    ("wheel", "scroll"),
]
EXTRA = [
    ("tab / shift+tab", "move between the library, reader and highlights panes"),
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


# The stance keys are listed by name from the config, not as "Stance 2" … "Stance 9".
_STANCE_ACTION = "stance("
CLOSE_HINT = "escape, q or ? closes this help · j k space b g G pgup pgdn scroll it"


def bindings_table(title: str, bindings: list[BindingType]) -> Table:
    """The keys of a binding table (the same one the footer and the palette use)."""
    rows = [
        (_key(b), describe(b))
        for b in bindings
        if isinstance(b, Binding) and b.description and not b.action.startswith(_STANCE_ACTION)
    ]
    return keys_table(title, rows)


class HelpScreen(ModalScreen[None]):
    """Keys by pane; escape, q or ? closes it; the reader's scrolling keys scroll it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark", "dismiss", "Close", id="help.close"),
        Binding("down,j", "scroll('down')", "Scroll down", show=False, id="help.down"),
        Binding("up,k", "scroll('up')", "Scroll up", show=False, id="help.up"),
        Binding("pagedown,space", "scroll('page_down')", "Page down", show=False, id="help.pgdn"),
        Binding("pageup,b", "scroll('page_up')", "Page up", show=False, id="help.pgup"),
        Binding("g,home", "scroll('home')", "Top", show=False, id="help.top"),
        Binding("G,end", "scroll('end')", "Bottom", show=False, id="help.bottom"),
    ]

    def action_scroll(self, how: str) -> None:
        """Scroll the help like the reader scrolls an article."""
        help_text = self.query_one("#help", VerticalScroll)
        if how == "down":
            help_text.scroll_down(animate=False)
        elif how == "up":
            help_text.scroll_up(animate=False)
        elif how == "page_down":
            help_text.scroll_page_down(animate=False)
        elif how == "page_up":
            help_text.scroll_page_up(animate=False)
        elif how == "home":
            help_text.scroll_home(animate=False)
        else:
            help_text.scroll_end(animate=False)

    def compose(self) -> ComposeResult:
        from tui.screens.main import MainScreen

        workspace = getattr(self.app, "workspace", None)  # the MarginContext, when there is one
        stances = [
            (s.key, f"{s.name} — {s.description}" if s.description else s.name)
            for s in (workspace.config.stances if workspace is not None else ())
        ]
        stance_rows = keys_table(
            "Stances (from your config): set the stance of the highlight under the cursor",
            [*stances, ("0", "clear the stance")],
        )
        others = keys_table("Also", EXTRA + MOUSE)
        with VerticalScroll(classes="dialog dialog-wide", id="help"):
            yield Static(Text("Margin — keys", style="bold"), classes="dialog-title")
            yield Static(Text(CLOSE_HINT), classes="dialog-hint", id="help-close-hint")
            yield Static(bindings_table("Anywhere", list(APP_BINDINGS)))
            yield Static(bindings_table("Reading and selecting", list(ArticleView.BINDINGS)))
            yield Static(bindings_table("Highlights, quotes, find", list(MainScreen.BINDINGS)))
            yield Static(stance_rows)
            yield Static(bindings_table("Library pane", list(LibraryList.BINDINGS)))
            yield Static(others)
