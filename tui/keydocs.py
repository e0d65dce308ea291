"""Every key by where it acts, from the binding tables: the help screen shows these sections and
`scripts/keys.py` writes them into the README, so the two never differ from the keys bound.

A binding's `tooltip` (shown on hover in the footer) is its longer explanation; the help and
the README use it where there is one, else the description the footer shows.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual.binding import Binding, BindingType

from library.config import Stance

# Keys that are no binding of Margin's (Textual's focus keys, the find bar's and the note
# editor's own handling, the mouse); listed after the binding tables.
EXTRA: list[tuple[str, str]] = [
    ("tab / shift+tab", "move between the library, reader and highlights panes"),
    ("enter (find bar)", "close it; select the first match at or after the cursor"),
    ("escape (find bar)", "close it without moving"),
    ("ctrl+s / escape", "save / cancel in the note editor"),
    ("ctrl+p", "command palette: every action, theme, and an article switcher"),
    ("up / down (highlights pane)", "move between highlights; the reader follows"),
    ("enter (highlights pane)", "jump into the reader at that highlight"),
]
MOUSE: list[tuple[str, str]] = [
    ("click", "place the cursor; on a highlight, select it"),
    ("drag", "select words"),
    ("wheel", "scroll"),
]
KEY_NAMES = {
    "right_square_bracket": "]",
    "left_square_bracket": "[",
    "right_curly_bracket": "}",
    "left_curly_bracket": "{",
    "question_mark": "?",
    "slash": "/",
}
# The stance keys are listed by name from the config, not as "Stance 2" … "Stance 9".
STANCE_ACTION = "stance("

Section = tuple[str, list[tuple[str, str]]]


def key_names(binding: Binding) -> str:
    """The keys of a binding as the user types them (`down / j`), or its key_display."""
    if binding.key_display:
        return binding.key_display
    return " / ".join(KEY_NAMES.get(k, k) for k in binding.key.split(","))


def does(binding: Binding) -> str:
    """What a binding does, at length when it says more than its footer label."""
    return binding.tooltip or binding.description


def binding_rows(bindings: Sequence[BindingType]) -> list[tuple[str, str]]:
    """(keys, what they do) for every described binding but the stance digits."""
    return [
        (key_names(b), does(b))
        for b in bindings
        if isinstance(b, Binding) and b.description and not b.action.startswith(STANCE_ACTION)
    ]


def stance_rows(stances: Sequence[Stance]) -> list[tuple[str, str]]:
    """The stance keys by name (from the config), and 0 that clears the stance."""
    rows = [(s.key, f"{s.name} — {s.description}" if s.description else s.name) for s in stances]
    return [*rows, ("0", "clear the stance")]


def sections(stances: Sequence[Stance]) -> list[Section]:
    """Every key of the reader, by where it acts, in the order the help lists them."""
    from tui.bindings import APP_BINDINGS
    from tui.screens.main import MainScreen
    from tui.widgets.library_list import LibraryList
    from tui.widgets.reader import ArticleView

    return [
        ("Anywhere", binding_rows(APP_BINDINGS)),
        ("Reading and selecting", binding_rows(ArticleView.BINDINGS)),
        ("Highlights, quotes, find", binding_rows(MainScreen.BINDINGS)),
        (
            "Stances (from your config): set the stance of the highlight under the cursor",
            stance_rows(stances),
        ),
        ("Library pane", binding_rows(LibraryList.BINDINGS)),
        ("Also", EXTRA + MOUSE),
    ]


def board_section() -> Section:
    """The brief board's keys."""
    from tui.screens.board import BoardScreen

    return ("On the board", binding_rows(BoardScreen.BINDINGS))


def markdown(section: Section) -> str:
    """A section as a Markdown table (keys in code spans, pipes escaped)."""
    title, rows = section
    lines = [f"**{title}**", "", "| Keys | What they do |", "| --- | --- |"]
    for keys, what in rows:
        keys, _, where = keys.partition(" (")  # "enter (find bar)": the key, then where
        shown = " ".join(f"`{k.strip()}`" for k in keys.split(" / "))
        if where:
            shown += f" ({where}"
        cells = [cell.replace("|", "\\|") for cell in (shown, what)]
        lines.append(f"| {cells[0]} | {cells[1]} |")
    return "\n".join(lines)
