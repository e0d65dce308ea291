"""The quotations of an article (Q): speaker, quote and position; enter jumps, h highlights."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar, Literal, NamedTuple

from rich.cells import cell_len, chop_cells
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import DataTable, Static

from annotations.quotemarks import framed
from library.display import display_line

if TYPE_CHECKING:
    from annotations.quotations import Quotation
    from library.model import Block

QuoteAction = Literal["jump", "highlight"]
QUOTE_WIDTH = 90  # columns of a quote shown in its row, at most
SPEAKER_WIDTH = 24  # columns of a speaker's name, at most
MIN_QUOTE_WIDTH = 24  # below this the table scrolls sideways instead (and says so)
CELL_PADDING = 2  # a DataTable cell's padding, left and right
DIALOG_CHROME = 8  # the dialog's border and padding, and the table's scroll bar
# Rows of a list dialog around its table: border, padding, title, status and the key hint (each
# hint with its margin), and a sideways scroll bar.
DIALOG_ROWS = 10


def list_rows(screen_height: int) -> int:
    """The rows a list dialog's table may take: at most 70% of the screen, and never so many
    that the key hint below it is pushed off the bottom."""
    return max(3, min(screen_height * 7 // 10, screen_height - DIALOG_ROWS))


def fitted_width(available: int, beside: int, widest: int) -> int:
    """The width of a table's quote column: the table's available columns less the beside
    cells of its other columns, from MIN_QUOTE_WIDTH (below that the table scrolls sideways)
    to widest."""
    return max(MIN_QUOTE_WIDTH, min(widest, available - beside))


def shorten(words: str, width: int) -> str:
    """words cut to at most width columns at a word boundary, with … when cut (a wide
    character, as in Chinese or Japanese, takes two)."""
    if cell_len(words) <= width:
        return words
    cut = chop_cells(words, width - 1)[0] if width > 1 else ""
    if " " in cut and not words[len(cut)].isspace():
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip() + "…"


class QuoteChoice(NamedTuple):
    """What the user chose: a quotation and what to do with it."""

    quotation: Quotation
    action: QuoteAction


class QuotesScreen(ModalScreen[QuoteChoice | None]):
    """Every quotation of an article; dismisses with the chosen one and "jump" or "highlight".

    Give it the quotations, or only the text (and blocks) to have them found in a worker, so a
    long article opens its list without waiting.
    """

    DEFAULT_CSS = """
    QuotesScreen #quotes-table { height: auto; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close", id="quotes.close"),
        Binding("enter", "choose('jump')", "Jump", id="quotes.jump"),
        Binding("h", "choose('highlight')", "Highlight", id="quotes.highlight"),
    ]

    @dataclass
    class Found(Message):
        """The quotations found in the worker."""

        quotations: list[Quotation]

    def __init__(
        self,
        text: str,
        quotations: Sequence[Quotation] | None = None,
        *,
        blocks: Sequence[Block] | None = None,
        title: str = "",
    ) -> None:
        super().__init__()
        self.text = text
        self.blocks = list(blocks) if blocks is not None else None
        self.quotations: list[Quotation] = list(quotations) if quotations is not None else []
        self._given = quotations is not None
        self._chosen = False
        self._quote_width = QUOTE_WIDTH  # fitted to the table's width by `_show`
        self.heading = title
        self.table: DataTable[Text] = DataTable(
            id="quotes-table", cursor_type="row", zebra_stripes=True
        )

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog dialog-wide", id="quotes"):
            label = f"Quotations in {display_line(self.heading)}" if self.heading else "Quotations"
            yield Static(Text(label, style="bold"), classes="dialog-title")
            yield Static(id="quotes-status", classes="dialog-hint")
            yield self.table
            yield Static(
                Text("enter jump · h highlight with the speaker · escape close"),
                classes="dialog-hint",
            )

    def on_mount(self) -> None:
        self.table.styles.max_height = list_rows(self.app.size.height)
        self.table.add_columns("speaker", "quote", "where")
        if self._given:
            self._show(self.quotations)
        else:
            self.table.display = False  # no bare header while they are found
            self._status("Finding quotations…")
            self._find()

    @work(thread=True, exclusive=True, exit_on_error=False)
    def _find(self) -> None:
        from annotations.quotations import find_quotations

        self.post_message(self.Found(find_quotations(self.text, self.blocks)))

    @on(Found)
    def _found(self, message: Found) -> None:
        self.quotations = message.quotations
        self._show(message.quotations)

    def _fitted_width(self) -> int:
        """The quote column's width that fits the table beside the speaker and position."""
        speaker = max((self.speaker(q).cell_len for q in self.quotations), default=0)
        where = max((len(self.position(q)) for q in self.quotations), default=0)
        # Before the table is laid out, about the width it will have in the dialog.
        dialog = min(90, int(self.app.size.width * 0.95)) - DIALOG_CHROME
        available = self.table.scrollable_content_region.width
        beside = speaker + where + 3 * CELL_PADDING + 2  # and the quotation marks
        return fitted_width(available if available > 0 else dialog, beside, QUOTE_WIDTH)

    def _show(self, quotations: Sequence[Quotation]) -> None:
        row = self.table.cursor_row
        self.table.clear()
        self.table.display = bool(quotations)  # no bare header under "No quotations found"
        if quotations:
            self.table.focus()
        self._quote_width = self._fitted_width()
        for index, quote in enumerate(quotations):
            self.table.add_row(*self.row(quote), key=str(index))
        if 0 < row < len(quotations):
            self.table.move_cursor(row=row)
        self._say_count()
        self.call_after_refresh(self._refit)

    def _say_count(self) -> None:
        count = len(self.quotations)
        if not count:
            self._status("No quotations found in this article.")
            return
        line = f"{count} quotation{'s' if count != 1 else ''}"
        if self.table.max_scroll_x > 0:
            line += " · ← → scroll sideways"
        self._status(line)

    def _refit(self) -> None:
        """Once laid out (or resized): fit the quotes to the real width, say if it scrolls."""
        if not self.is_attached:
            return
        if self.quotations and self._fitted_width() != self._quote_width:
            self._show(self.quotations)
        else:
            self._say_count()

    def on_resize(self) -> None:
        self.table.styles.max_height = list_rows(self.app.size.height)
        self.call_after_refresh(self._refit)

    def speaker(self, quote: Quotation) -> Text:
        """The speaker's cell: the name (cut with … when long), or "unattributed" dimmed."""
        if quote.speaker:
            return Text(shorten(display_line(quote.speaker), SPEAKER_WIDTH), style="bold")
        return Text("unattributed", style="dim italic")

    def row(self, quote: Quotation) -> tuple[Text, Text, Text]:
        """The cells of one quotation: speaker (dim when unknown), quote, position."""
        words = shorten(display_line(quote.text), self._quote_width)
        return self.speaker(quote), Text(framed(words)), Text(self.position(quote), style="dim")

    def position(self, quote: Quotation) -> str:
        """Where the quote is: paragraph number when the blocks are known, and a percentage."""
        percent = round(100 * quote.start / len(self.text)) if self.text else 0
        if not self.blocks:
            return f"{percent}%"
        paragraph = bisect_right([b.start for b in self.blocks], quote.start)
        return f"¶{paragraph} · {percent}%"

    def _status(self, message: str) -> None:
        self.query_one("#quotes-status", Static).update(Text(message))

    def action_choose(self, action: QuoteAction) -> None:
        """Dismiss with the quotation under the cursor and the action."""
        if not self.quotations or self.table.row_count == 0:
            return
        row = self.table.cursor_row
        if 0 <= row < len(self.quotations) and not self._chosen:
            self._chosen = True  # enter reaches both the table and the screen's binding
            self.dismiss(QuoteChoice(self.quotations[row], action))

    @on(DataTable.RowSelected)
    def _selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_choose("jump")

    def action_close(self) -> None:
        """Close without choosing."""
        self.dismiss(None)
