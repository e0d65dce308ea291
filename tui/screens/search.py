"""Library search (ctrl+f): words, "phrases", tag:, stance:, author:; enter opens the hit."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.timer import Timer
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from library.display import display_line
from library.errors import LibraryError
from tui.messages import SearchAnswered
from tui.widgets.held_keys import HeldKeys, HoldsKeys
from tui.widgets.typeahead import TypeAheadInput, pass_on

if TYPE_CHECKING:
    from annotations.workspace import Workspace
    from annotations.workspace.searching import SearchResults
    from library.searchtext import Hit

DEBOUNCE = 0.12
LIMIT = 50
HOLD_SECONDS = 15.0  # keys typed after enter wait this long at most for the search's answer


class SearchField(HoldsKeys, TypeAheadInput):
    """The query: keys typed after enter wait for the answer, so they act where the best hit
    opens (or, when nothing matched, here again) instead of changing the query."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.held = HeldKeys(self, HOLD_SECONDS, passing=frozenset({"escape"}))

    async def action_submit(self) -> None:
        self.hold_keys()
        await super().action_submit()


def hit_prompt(hit: Hit) -> Text:
    """A result: the title, then the snippet with the matched words emphasised."""
    prompt = Text()
    prompt.append(display_line(hit.title), style="bold")
    where = {"note": "note", "tags": "tags", "quote": "highlight", "title": "title"}.get(hit.field)
    if where:
        prompt.append(f"  ({where})", style="dim")
    snippet = Text(display_line(hit.snippet))
    for start, end in hit.marks:
        snippet.stylize("bold reverse", start, end)
    prompt.append("\n")
    prompt.append_text(snippet)
    return prompt


class SearchScreen(ModalScreen[tuple[str, int] | None]):
    """Search every article, note and tag; dismisses with (article id, offset) of the chosen hit."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close", id="search.close"),
        Binding("down", "results", "Results", show=False, id="search.results"),
    ]

    def __init__(self, workspace: Workspace) -> None:
        super().__init__()
        self.workspace = workspace
        # Made here, not found by a query: keys may arrive before the screen is mounted.
        self.field = SearchField(
            placeholder='words, "a phrase", tag:housing stance:oppose author:okafor',
            id="search-input",
        )
        self.hits: list[Hit] = []
        self._hits_query = ""
        self._open_first = False
        self._timer: Timer | None = None

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog dialog-wide", id="search"):
            yield Static(Text("Search the library", style="bold"), classes="dialog-title")
            yield self.field
            yield Static(id="search-status", classes="dialog-hint")
            yield OptionList(id="search-results")

    def on_key(self, event: events.Key) -> None:
        pass_on(self, self.field, event)

    def on_mount(self) -> None:
        self.call_after_refresh(self.field.focus)  # after keys typed ahead (see on_key)
        if self.workspace.search.needs_build():
            self._status("The first search builds the index; this takes a moment.")

    def _status(self, message: str) -> None:
        self.query_one("#search-status", Static).update(Text(message))

    @on(Input.Changed, "#search-input")
    def _changed(self, event: Input.Changed) -> None:
        self._open_first = False  # typing again: enter has not been pressed for this query
        if self._timer is not None:
            self._timer.stop()
        query = event.value
        self._timer = self.set_timer(DEBOUNCE, lambda: self._search(query))

    @on(Input.Submitted, "#search-input")
    def _submitted(self, event: Input.Submitted) -> None:
        if self.hits and self._hits_query == event.value:
            self._open(0)
            return
        # Typed faster than the debounce: search now and open the best hit when it arrives.
        if self._timer is not None:
            self._timer.stop()
        self._open_first = True
        self._search(event.value)

    @work(thread=True, exclusive=True, group="search", exit_on_error=False)
    def _search(self, query: str) -> None:
        if not query.strip():
            self.post_message(SearchAnswered(query, None, ""))
            return
        try:
            results = self.workspace.search.run(query, limit=LIMIT)
        except LibraryError as error:
            self.post_message(SearchAnswered(query, None, str(error)))
            return
        except Exception as error:  # said, and the keys held for the answer let go at once
            self.post_message(SearchAnswered(query, None, f"The search failed: {error}"))
            return
        self.post_message(SearchAnswered(query, results, ""))

    @on(SearchAnswered)
    def _answered(self, message: SearchAnswered) -> None:
        self._show(message.query, message.results, message.error)
        if message.query == self.field.value:  # the answer keys typed after enter wait for
            self.field.release_keys()  # where the hit opened, or here when none matched

    def _show(self, query: str, results: SearchResults | None, error: str) -> None:
        if query != self.query_one(Input).value:
            return  # a newer query is on its way
        options = self.query_one(OptionList)
        options.clear_options()
        self.hits = results.hits if results else []
        self._hits_query = query
        if self._open_first and self.hits:
            self._open(0)
            return
        self._open_first = False
        if error:
            self._status(error)
            return
        if results is None:
            self._status("")
            return
        entries: list[Option | None] = []
        for index, hit in enumerate(self.hits):
            if index:
                entries.append(None)  # a separator line between results
            entries.append(Option(hit_prompt(hit), id=str(index)))
        options.add_options(entries)
        shown = len(self.hits)
        if not shown:
            self._status("No matches.")
        elif results.total > shown:
            self._status(f"Best {shown} of {results.total} matches · enter opens · ↓ to the list")
        else:
            found = "1 match" if shown == 1 else f"{shown} matches"
            self._status(f"{found} · enter opens · ↓ to the list")

    def action_results(self) -> None:
        options = self.query_one(OptionList)
        if self.hits:
            options.focus()
            if options.highlighted is None:
                options.highlighted = 0

    @on(OptionList.OptionSelected, "#search-results")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        self._open(int(event.option.id or 0))

    def _open(self, index: int) -> None:
        """Open a hit, and let the keys typed after enter act there (a hit clicked while they
        wait for the answer too). Once only: a hit clicked as the answer to enter comes would
        open a second hit, and close the reader under this screen."""
        if not self.is_current:
            return
        hit = self.hits[index]
        self.dismiss((hit.article, hit.offset))
        self.field.release_keys()

    def action_close(self) -> None:
        self.dismiss(None)
        self.field.release_keys()  # typed after enter: to the reader
