"""The quotations of an article (Q): speaker, quote and position; enter jumps, h highlights."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar, Literal, NamedTuple

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import DataTable, Static

from library.text import clean_inline

if TYPE_CHECKING:
    from annotations.quotations import Quotation
    from library.model import Block

QuoteAction = Literal["jump", "highlight"]
QUOTE_WIDTH = 90  # characters of a quote shown in its row


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
    QuotesScreen #quotes-table { height: auto; max-height: 70vh; }
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
        self.heading = title
        self.table: DataTable[Text] = DataTable(
            id="quotes-table", cursor_type="row", zebra_stripes=True
        )

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog dialog-wide", id="quotes"):
            label = f"Quotations in {clean_inline(self.heading)}" if self.heading else "Quotations"
            yield Static(Text(label, style="bold"), classes="dialog-title")
            yield Static(id="quotes-status", classes="dialog-hint")
            yield self.table
            yield Static(
                Text("enter jump · h highlight with the speaker · escape close"),
                classes="dialog-hint",
            )

    def on_mount(self) -> None:
        self.table.add_columns("speaker", "quote", "where")
        if self._given:
            self._show(self.quotations)
        else:
            self._status("Finding quotations…")
            self._find()
        self.table.focus()

    @work(thread=True, exclusive=True, exit_on_error=False)
    def _find(self) -> None:
        from annotations.quotations import find_quotations

        self.post_message(self.Found(find_quotations(self.text, self.blocks)))

    @on(Found)
    def _found(self, message: Found) -> None:
        self.quotations = message.quotations
        self._show(message.quotations)

    def _show(self, quotations: Sequence[Quotation]) -> None:
        self.table.clear()
        for index, quote in enumerate(quotations):
            self.table.add_row(*self.row(quote), key=str(index))
        count = len(quotations)
        if count:
            self._status(f"{count} quotation{'s' if count != 1 else ''}")
        else:
            self._status("No quotations found in this article.")

    def row(self, quote: Quotation) -> tuple[Text, Text, Text]:
        """The cells of one quotation: speaker (dim when unknown), quote, position."""
        speaker = (
            Text(clean_inline(quote.speaker), style="bold")
            if quote.speaker
            else Text("unattributed", style="dim italic")
        )
        words = clean_inline(quote.text)
        if len(words) > QUOTE_WIDTH:
            words = words[: QUOTE_WIDTH - 1].rstrip() + "…"
        return speaker, Text(f"“{words}”"), Text(self.position(quote), style="dim")

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
