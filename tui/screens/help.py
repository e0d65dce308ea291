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

from tui.keydocs import sections


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


CLOSE_HINT = "escape, q or ? closes this help · j k space b g G pgup pgdn scroll it"


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
        workspace = getattr(self.app, "workspace", None)  # the MarginContext, when there is one
        stances = workspace.config.stances if workspace is not None else ()
        with VerticalScroll(classes="dialog dialog-wide", id="help"):
            yield Static(Text("Margin — keys", style="bold"), classes="dialog-title")
            yield Static(Text(CLOSE_HINT), classes="dialog-hint", id="help-close-hint")
            for title, rows in sections(stances):  # the README's key tables are these too
                yield Static(keys_table(title, rows))
