"""Filling the library pane: the saved catalog before the first paint, then the checked one.

`LibraryLoader` is a plain object owned by the main screen, given the screen's `OpenArticle` and
`ReaderHost`. Before the first paint it lists the catalog saved last time (one file read, no
file checks); the screen's `load_library` worker then calls `read`, which checks the files and
counts the highlights, posting `CatalogRead`, `UnreadableFiles`, `TalliesCounted` or `Failed`;
the screen hands those back here on the UI thread. The first list shown opens the article read
last, or says how to begin.
"""

from __future__ import annotations

import gc
import operator
from collections.abc import Sequence
from typing import TYPE_CHECKING

from library.errors import LibraryError
from tui import messages
from tui.widgets.library_list import LibraryItem, ListedItems, index_of

if TYPE_CHECKING:
    from collections import Counter

    from library.model import ArticleMeta
    from tui.screens.article_state import OpenArticle, ReaderHost
    from tui.screens.watching import OutsideChanges

MAX_PROBLEMS_SHOWN = 3  # unreadable files named one by one; the rest are counted


def items_of(metas: list[ArticleMeta], recent: dict[str, str]) -> list[LibraryItem]:
    """The library list's items for metadata, with when each article was last read."""
    return [LibraryItem(meta, last_read=recent.get(meta.id, "")) for meta in metas]


class LibraryLoader:
    """What the library pane lists, read off the UI thread and shown on it."""

    def __init__(self, state: OpenArticle, host: ReaderHost, outside: OutsideChanges) -> None:
        self.state = state
        self.host = host
        self.outside = outside  # started once the checked catalog is known

    def list_saved_catalog(self) -> ListedItems | None:
        """Fill the list from the catalog saved last time, before the first paint.

        One file read, no file checks (`read` checks them next), and only the rows on screen
        are built; None when there is no saved catalog, and `read` then reads the library from
        scratch.
        """
        workspace = self.host.context.workspace
        gc.freeze()  # what is loaded so far lives as long as the app: no collection rescans it
        try:
            saved = workspace.articles.saved_listing()
            if saved is None:
                return None
            recent = workspace.reading.recently_read()
            last = workspace.reading.last_article()
        except Exception:  # never fail the first paint: the worker reads again
            return None  # and reports what went wrong
        items = ListedItems(saved, recent)
        self.listed(items, last, [])
        return items

    def read(self, open_last: bool, listed: ListedItems | None) -> None:
        """On a worker: read the catalog, check the files, then count the highlights.

        The list is shown as soon as the catalog is read (or was shown already, `listed`, from
        the catalog saved last time); the files are then checked against it, and counting
        highlights across the library fills in the tallies a moment later.
        """
        host = self.host
        workspace = host.context.workspace
        try:
            recent = workspace.reading.recently_read()
            shown: list[ArticleMeta] | None = None
            if listed is None:
                # First what the library looked like last time (no file checks), then the truth.
                shown = workspace.articles.cached_catalog()
                last = workspace.reading.last_article() if open_last else None
                items = items_of(shown, recent)
                host.post_message(messages.CatalogRead(items, last, first=True))
            metas = workspace.articles.listing()
        except LibraryError as error:
            host.post_message(messages.Failed(error))
            return
        # The saved catalog's lazily built items give way to the checked catalog's.
        if shown is None or len(metas) != len(shown) or any(map(operator.is_not, metas, shown)):
            items = items_of(metas, recent)
            host.post_message(messages.CatalogRead(items))
        self.outside.start(metas)  # from now on, outside changes are noticed
        problems = workspace.articles.problems
        if problems:
            host.post_message(messages.UnreadableFiles(problems))
        try:
            counts, tags = workspace.highlights.overview()  # one look at the highlight files
        except LibraryError as error:
            host.post_message(messages.Failed(error))
            return
        host.post_message(messages.TalliesCounted(counts, tags))
        for item in items:  # ready for the first keystroke of filtering
            _ = item.haystack

    # -- shown on the UI thread ----------------------------------------------------------------
    def catalog_read(self, message: messages.CatalogRead) -> None:
        """A catalog was read: the first one may open the article read last."""
        if message.first:
            self.listed(message.items, message.last, [])
        else:
            self.host.library_list.set_items(message.items)

    def tallies_counted(self, message: messages.TalliesCounted) -> None:
        """The highlight tallies, and the library's tags for completion."""
        self.show_counts(message.counts)
        self.host.remember_tags(message.tags)

    def relist(self, catalog: list[ArticleMeta]) -> None:
        """Show a new catalog in the library pane, keeping what is known of each item."""
        library_list = self.host.library_list
        recent = {item.meta.id: item.last_read for item in library_list.items}
        tallies = {item.meta.id: item.counts for item in library_list.items}
        items = items_of(catalog, recent)
        for item in items:
            if item.meta.id in tallies:
                item.counts = tallies[item.meta.id]
        library_list.set_items(items)

    def show_counts(self, counts: dict[str, Counter[str | None]]) -> None:
        """New highlight tallies for the library pane."""
        library_list = self.host.library_list
        for item in library_list.items:
            found = counts.get(item.meta.id)
            if found is not None:
                item.counts = found
        library_list.refresh()
        # The library's objects live as long as the app: keep the collector from rescanning
        # hundreds of thousands of them in the middle of a key press.
        gc.freeze()

    def report_problems(self, problems: list[str]) -> None:
        """Name the first unreadable article files, and count the rest."""
        for problem in problems[:MAX_PROBLEMS_SHOWN]:
            self.host.notify(problem, severity="warning", markup=False)
        if len(problems) > MAX_PROBLEMS_SHOWN:
            more = len(problems) - MAX_PROBLEMS_SHOWN
            self.host.notify(f"… and {more} more unreadable article files.", markup=False)

    def listed(self, items: Sequence[LibraryItem], last: str | None, problems: list[str]) -> None:
        """The first list: show it, then open the article read last (or say how to begin)."""
        host = self.host
        host.library_list.set_items(items)
        self.report_problems(problems)
        if self.state.article is None:
            if last and index_of(items, last) is not None:
                host.open_article(last, focus=True)
            elif items:
                host.focus_library()
                host.show_welcome(empty=False)
            else:
                host.show_welcome(empty=True)
