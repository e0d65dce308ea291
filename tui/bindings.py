"""The app's and the main screen's keys, each a table: the app and the screen bind them; the
footer, the help screen, the palette and the README's key tables (tui/keydocs.py) list them."""

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

# The main screen's keys. The footer shows these in this order and drops them from the end on a
# narrow terminal.
MAIN_BINDINGS: list[BindingType] = [
    Binding(
        "h",
        "highlight",
        "Highlight",
        tooltip="highlight the selection (two characters at least), or the sentence at the cursor",
        id="main.highlight",
    ),
    Binding("1", "stance('1')", "Stance", key_display="1-9", id="main.stance-1"),
    *[
        Binding(str(n), f"stance('{n}')", f"Stance {n}", show=False, id=f"main.stance-{n}")
        for n in range(2, 10)
    ],
    Binding("0", "stance('0')", "No stance", show=False, id="main.stance-0"),
    # The footer shows these in this order and cuts from the end on a narrow terminal.
    Binding(
        "e",
        "edit_note",
        "Note",
        tooltip=(
            "edit the note of the highlight under the cursor (ctrl+s saves, escape asks "
            "before discarding)"
        ),
        id="main.note",
    ),
    Binding(
        "t",
        "edit_tags",
        "Tags",
        tooltip="its tags (→ completes from your tags)",
        id="main.tags",
    ),
    Binding(
        "s",
        "edit_speaker",
        "Speaker",
        tooltip="its speaker (filled in when the highlight is inside a detected quotation)",
        id="main.speaker",
    ),
    Binding(
        "d",
        "delete_highlight",
        "Delete",
        tooltip="delete it (recoverable: u undoes it, margin unhighlight --restore too)",
        id="main.delete",
    ),
    Binding(
        "y",
        "copy_quote",
        "Copy",
        tooltip="copy it (or the selection) as a quote with its citation, in the default style",
        id="main.copy",
    ),
    Binding("u", "undo", "Undo", tooltip="undo the last change to a highlight", id="main.undo"),
    Binding(
        "slash",
        "find",
        "Find",
        key_display="/",
        tooltip=(
            "find in the article as you type (every match shown, the view follows the first one "
            "after the cursor); in the library pane, filter it"
        ),
        id="main.find",
    ),
    Binding(
        "x",
        "export",
        "Export",
        tooltip="export dialog: the article, the current tag or stance, or everything",
        id="main.export",
    ),
    Binding(
        "Y",
        "copy_quote_as",
        "Copy as…",
        tooltip="pick a citation style, then copy",
        id="main.copy-as",
    ),
    Binding("n", "find_next", "Next match", tooltip="next match", id="main.find-next"),
    Binding("N", "find_prev", "Previous match", tooltip="previous match", id="main.find-prev"),
    Binding("ctrl+r", "redo", "Redo", tooltip="redo", id="main.redo"),
    Binding(
        "Q",
        "show_quotes",
        "Quotes",
        show=False,
        tooltip=(
            "the article's quotations with their speakers: enter jumps to one, h "
            "highlights it with the speaker filled in"
        ),
        id="main.quotes",
    ),
    Binding(
        "B",
        "show_board",
        "Brief board",
        show=False,
        tooltip="the brief board: highlights by tag and stance across the library",
        id="main.board",
    ),
    Binding(
        "W",
        "show_speakers",
        "Speakers",
        show=False,
        tooltip=(
            "who is quoted across the library: moving through the speakers lists what each said "
            "(date, article, stance); tab or enter goes to the quotations, enter opens the "
            "article at one, h highlights it there with the speaker filled in"
        ),
        id="main.speakers",
    ),
    Binding(
        "i",
        "import_articles",
        "Import",
        show=False,
        tooltip=("import a file, folder or URL (→ completes paths; a folder shows a progress bar)"),
        id="main.import",
    ),
    Binding(
        "alt+down",
        "next_highlight",
        "Next highlight",
        show=False,
        tooltip="next highlight",
        id="main.next-hl",
    ),
    Binding(
        "alt+up",
        "prev_highlight",
        "Previous highlight",
        show=False,
        tooltip="previous highlight",
        id="main.prev-hl",
    ),
    Binding(
        "L",
        "toggle_pane('library-pane')",
        "Library pane",
        show=False,
        tooltip="show or hide the library pane",
        id="main.toggle-library",
    ),
    Binding(
        "A",
        "toggle_pane('annotations-pane')",
        "Highlights pane",
        show=False,
        tooltip="show or hide the highlights pane",
        id="main.toggle-annotations",
    ),
    Binding(
        "z",
        "reading_mode",
        "Reading mode",
        show=False,
        tooltip="reading mode: the reader alone (again: both panes back)",
        id="main.reading-mode",
    ),
]
