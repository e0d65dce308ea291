"""Who is quoted across the library (W): speakers, then what one of them said; enter opens it,
h highlights it with the speaker.

The speaker list and each speaker's quotations are read on workers through
`workspace.quotes` (the same calls as `margin speakers` and `margin quotes --speaker`), so a
large library opens the screen at once and fills it when the cache answers.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar, NamedTuple, cast

from rich.cells import cell_len
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import DataTable, Static
from textual.worker import get_current_worker

from annotations.quotemarks import framed
from library.display import display_line
from library.errors import LibraryError
from tui.messages import Failed
from tui.screens.quotes import (
    CELL_PADDING,
    MIN_QUOTE_WIDTH,
    QuoteAction,
    fitted_width,
    list_rows,
    shorten,
)
from tui.widgets.held_keys import HeldKeys, HoldsKeys
from tui.widgets.typeahead import TypeAhead

if TYPE_CHECKING:
    from annotations.workspace import Speaker, SpokenQuote
    from tui.context import MarginContext

QUOTE_WIDTH = 70  # columns of a quote shown in its row, at most
NAME_WIDTH = 20  # columns of a speaker's name at most (fewer where the view is narrow)
MIN_NAME_WIDTH = 8  # and at least: below this the view scrolls sideways instead
DATE_WIDTH = 10  # 2011-07-13
PANES_CHROME = 10  # the view's border and padding around its two lists (before it is laid out)
# Keys typed in a list wait this long at most for its rows: reading a speaker's quotations
# took 5.6 s at a load of 13 on two cores (0.34 s of CPU), so the reader's
# 3 s let them go onto an empty list. Escape never waits.
HOLD_SECONDS = 15.0
SPEAKER_COLUMNS = ("speaker", "quoted")
QUOTE_COLUMNS = ("date", "quote · article · stance")


class WaitingTable(HoldsKeys, TypeAhead, DataTable[Text]):
    """A list whose rows are being read: keys typed here meanwhile (down, enter, h) are held,
    then act on the rows once listed. Its bindings act in the order keys are typed, and keys
    that reach it after the focus moved on go where the focus is (TypeAhead)."""

    def __init__(self, *, id: str) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)
        self.held = HeldKeys(self, HOLD_SECONDS, passing=frozenset({"escape"}))


class SpeakerTable(WaitingTable):
    """The speakers: enter goes to the quotations at once, in order with the keys typed after
    it (a selected-row message would move the focus only after they reached this list)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "screen.switch_pane", "Quotations", show=False, id="speakers.choose"),
    ]


class SpokenChoice(NamedTuple):
    """A quotation chosen in the list, and what to do with it: open its article there, or
    highlight it with its speaker."""

    quote: SpokenQuote
    action: QuoteAction


class SpeakersScreen(ModalScreen[SpokenChoice | None]):
    """Every speaker of the library, and the quotations of the one under the cursor; dismisses
    with the quotation chosen and what to do with it, or None."""

    DEFAULT_CSS = """
    SpeakersScreen #speakers-panes { height: auto; }
    SpeakersScreen #speakers-table { width: auto; max-width: 50%; height: auto; }
    SpeakersScreen #spoken-table { width: 1fr; height: auto; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close", id="speakers.close"),
        # Run by the focused list in key order (TypeAhead): the downs typed before tab move
        # among the speakers, the keys after it go to the quotations, held while they load.
        Binding("tab", "switch_pane", "Other list", id="speakers.switch"),
        Binding("h", "highlight", "Highlight", id="speakers.highlight"),
    ]

    @dataclass
    class Listed(Message):
        """The speakers, read on a worker."""

        speakers: list[Speaker]

    @dataclass
    class Said(Message):
        """One speaker's quotations, read on a worker."""

        name: str
        quotes: list[SpokenQuote]

    def __init__(self) -> None:
        super().__init__()
        self.speakers: list[Speaker] = []
        self.quotes: list[SpokenQuote] = []
        self.shown: str | None = None  # the speaker whose quotations are listed
        self._quote_width = QUOTE_WIDTH  # fitted to the pane's width by `_fill`
        self._name_width = NAME_WIDTH  # fitted to the view's width by `_list_speakers`
        self._names_column = 0  # the columns of the longest name listed (or of its heading)
        self.speaker_table = SpeakerTable(id="speakers-table")
        self.quote_table = WaitingTable(id="spoken-table")

    @property
    def margin(self) -> MarginContext:
        """The app, as screens see it."""
        return cast("MarginContext", self.app)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog dialog-wide", id="speakers"):
            yield Static(Text("Speakers across the library", style="bold"), classes="dialog-title")
            yield Static(id="speakers-status", classes="dialog-hint")
            with Horizontal(id="speakers-panes"):
                yield self.speaker_table
                yield self.quote_table
            yield Static(
                # One line at 80 columns (h fills in the speaker, as in the article's list).
                Text("↑↓ speakers · tab quotations · enter open · h highlight · escape close"),
                classes="dialog-hint",
            )

    def on_mount(self) -> None:
        self.on_resize()
        self.speaker_table.add_columns(*SPEAKER_COLUMNS)
        self.quote_table.add_columns(*QUOTE_COLUMNS)
        self._status("Reading the library's quotations…")
        self.speaker_table.focus()
        self.speaker_table.hold_keys()  # keys typed in a list wait for its rows
        self.quote_table.hold_keys()
        self._list()

    # -- workers ---------------------------------------------------------------------------------
    @work(thread=True, exclusive=True, exit_on_error=False, group="speakers-list")
    def _list(self) -> None:
        try:
            found = self.margin.workspace.quotes.speakers()
        except Exception as exc:  # said (`_failed`), and the keys held for the rows let go
            self.post_message(Failed(exc))
            return
        self.post_message(self.Listed(found))

    @work(thread=True, exclusive=True, exit_on_error=False, group="speakers-said")
    def _said(self, name: str) -> None:
        try:
            _, quotes = self.margin.workspace.quotes.by_speaker(name)
        except Exception as exc:  # said (`_failed`), and the keys held for the rows let go
            self.post_message(Failed(exc))
            return
        # A cancelled thread worker still runs to the end: the cursor moved on, and a newer
        # worker lists the current speaker (this one's answer could arrive after it).
        if not get_current_worker().is_cancelled:
            self.post_message(self.Said(name, quotes))

    # -- showing ---------------------------------------------------------------------------------
    @on(Failed)
    def _failed(self, message: Failed) -> None:
        error = message.error
        if not isinstance(error, LibraryError):  # unexpected: say what broke, in one line
            error = RuntimeError(f"Could not read the quotations: {error}")
        self.margin.report(error)
        self.speaker_table.release_keys()
        self.quote_table.release_keys()

    @on(Listed)
    def _listed(self, message: Listed) -> None:
        self.speakers = message.speakers
        self._list_speakers()
        count = len(message.speakers)
        self._status(
            f"{count} speaker{'s' if count != 1 else ''} · quoted: quotations in articles"
            if count
            else "Nobody is quoted yet."
        )
        if count:
            self._said(message.speakers[0].name)
        else:
            self.quote_table.release_keys()
        self.speaker_table.release_keys()  # typed while they were read: they move among them

    def _list_speakers(self) -> None:
        """List the speakers, their names cut to leave the quotations beside them their
        narrowest width (the cursor stays on its row)."""
        table = self.speaker_table
        row = table.cursor_row
        counts = self._counts()
        width = self._name_width = self._fitted_name_width()
        # The cursor passes the first row on its way back to its own: not a move to announce
        # (the quotations under it would be read again, their cursor back on the first).
        names = [shorten(display_line(speaker.name), width) for speaker in self.speakers]
        with self.prevent(DataTable.RowHighlighted):
            table.clear(columns=True)  # columns keep the width of the widest row they held
            table.add_columns(*SPEAKER_COLUMNS)
            for index, (name, count) in enumerate(zip(names, counts, strict=True)):
                table.add_row(Text(name, style="bold"), Text(count), key=str(index))
            if 0 < row < len(self.speakers):
                table.move_cursor(row=row)
        self._names_column = max(cell_len(name) for name in [*names, SPEAKER_COLUMNS[0]])

    def _counts(self) -> list[str]:
        """How often each speaker is quoted, as listed beside the name."""
        return [f"{s.quotations} in {s.articles}" for s in self.speakers]

    def _panes_width(self) -> int:
        """The columns of the two lists side by side."""
        return self.query_one("#speakers-panes").size.width or self.app.size.width - PANES_CHROME

    def _beside_names(self, *, scrolls: bool) -> int:
        """The columns the speakers' list takes beside its names: their padding, the counts
        with theirs and, if it scrolls, its scroll bar."""
        counts = max(len(c) for c in [*self._counts(), SPEAKER_COLUMNS[1]]) + CELL_PADDING
        scrollbar = self.speaker_table.styles.scrollbar_size_vertical if scrolls else 0
        return CELL_PADDING + counts + scrollbar

    def _beside_quotes(self) -> int:
        """The columns the quotations' list takes beside its quotes: the dates, both columns'
        padding and its scroll bar."""
        return DATE_WIDTH + 2 * CELL_PADDING + self.quote_table.styles.scrollbar_size_vertical

    def _speakers_width(self) -> int:
        """The columns the speakers' list takes, as listed: names, counts and, when the
        speakers below its heading are more than it shows at once, its scroll bar."""
        scrolls = len(self.speakers) + 1 > list_rows(self.app.size.height)
        return self._names_column + self._beside_names(scrolls=scrolls)

    def _fitted_name_width(self) -> int:
        """The columns of a name that fit beside its count (and a scroll bar), with the
        quotations' narrowest width (date, quote and their scroll bar) left beside the list."""
        quotations = MIN_QUOTE_WIDTH + self._beside_quotes()
        room = self._panes_width() - quotations - self._beside_names(scrolls=True)
        return max(MIN_NAME_WIDTH, min(NAME_WIDTH, room))

    def on_resize(self) -> None:
        rows = list_rows(self.app.size.height)
        for table in (self.speaker_table, self.quote_table):
            table.styles.max_height = rows
        self.call_after_refresh(self._refit)

    def _current(self) -> str | None:
        """The name of the speaker under the cursor."""
        row = self.speaker_table.cursor_row
        return self.speakers[row].name if 0 <= row < len(self.speakers) else None

    @on(Said)
    def _shown(self, message: Said) -> None:
        if message.name != self._current():
            return  # an older speaker's answer, arriving late: not the row under the cursor
        self.shown = message.name
        self.quotes = message.quotes
        self._fill()
        self.quote_table.release_keys()  # typed while they were read: they act on them now

    def _fill(self, row: int = 0) -> None:
        """List the quotations, each in two lines as wide as the pane: the quote, then its
        article and stance (columns of their own would stand past the pane's right edge); the
        cursor on row."""
        table = self.quote_table
        table.clear(columns=True)  # columns keep the width of the widest row they ever held
        width = self._quote_width = self._fitted_width()
        # Widths given, not measured: a DataTable measures its rows when idle and keeps the
        # lines drawn before that while its size stays, so quotations listed again and drawn at
        # once kept the widths of the headings ("2011" for a date) until the cursor moved.
        table.add_column(QUOTE_COLUMNS[0], width=DATE_WIDTH)
        table.add_column(QUOTE_COLUMNS[1], width=width)
        for index, quote in enumerate(self.quotes):
            words = shorten(display_line(quote.text), width - 2)
            source = display_line(quote.article.title)
            stance = display_line(quote.stance or "")
            room = width - cell_len(stance) - 3 if stance else width  # " · " and the stance
            where = Text(shorten(source, room), style="dim")
            if stance:
                where.append(" · ").append(stance, style="bold")
            table.add_row(
                Text(quote.date or "—", style="dim"),
                Text(framed(words) + "\n").append_text(where),
                height=2,
                key=str(index),
            )
        if 0 < row < len(self.quotes):
            table.move_cursor(row=row)
        self.call_after_refresh(self._refit)

    def _fitted_width(self) -> int:
        """The width of the quote cell that fits beside the date in what the speakers' list, as
        listed, leaves of the view, less the scroll bars of both lists.

        Counted, not read from the laid-out pane: the pane is laid out after the speakers are
        listed, and then again without the scroll bar its rows had at the first width, so the
        quotations fitted to the pane as it was were listed two or three times."""
        pane = self._panes_width() - self._speakers_width()
        return fitted_width(pane, self._beside_quotes(), QUOTE_WIDTH)

    def _refit(self) -> None:
        """Once laid out (or resized): list the speakers or the quotations again if their width
        changed."""
        if not self.is_attached:
            return
        if self.speakers and self._fitted_name_width() != self._name_width:
            self._list_speakers()
        if self.quotes and self._fitted_width() != self._quote_width:
            self._fill(self.quote_table.cursor_row)

    @on(DataTable.RowHighlighted, "#speakers-table")
    def _speaker_moved(self, event: DataTable.RowHighlighted) -> None:
        row = event.cursor_row
        if 0 <= row < len(self.speakers) and self.speakers[row].name != self.shown:
            # The rows listed are the previous speaker's: gone at once, and keys typed in the
            # list before the answer wait for it, so enter or h acts on this speaker's words.
            self.shown, self.quotes = None, []
            self.quote_table.clear()
            self.quote_table.hold_keys()
            self._said(self.speakers[row].name)

    @on(DataTable.RowSelected, "#speakers-table")
    def _speaker_chosen(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.set_focus(self.quote_table)

    @on(DataTable.RowSelected, "#spoken-table")
    def _quote_chosen(self, event: DataTable.RowSelected) -> None:
        event.stop()
        row = event.cursor_row
        if 0 <= row < len(self.quotes):
            self.dismiss(SpokenChoice(self.quotes[row], "jump"))

    def _status(self, message: str) -> None:
        self.query_one("#speakers-status", Static).update(Text(message))

    # -- actions ---------------------------------------------------------------------------------
    def action_switch_pane(self) -> None:
        """Move between the speakers and the quotations, at once: the keys typed right after
        tab are for the list it moves to (Widget.focus would move only after them). Keys for
        the quotations of a speaker just moved to wait for them (the move is announced to this
        screen only after the keys typed behind it)."""
        if self.speaker_table.has_focus:
            if self.shown != self._current():
                self.quote_table.hold_keys()
            self.set_focus(self.quote_table)
        else:
            self.set_focus(self.speaker_table)

    def action_highlight(self) -> None:
        """Highlight the quotation under the cursor, with its speaker, in its article."""
        row = self.quote_table.cursor_row
        if self.quote_table.has_focus and 0 <= row < len(self.quotes):
            self.dismiss(SpokenChoice(self.quotes[row], "highlight"))

    def action_close(self) -> None:
        """Close without choosing."""
        self.dismiss(None)
