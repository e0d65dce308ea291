"""What other processes change while the reader is open: polled once a second on a worker.

`OutsideChanges` is a plain object owned by the main screen. It asks the workspace's change
feed what moved (a few `stat` calls when nothing did), and shows it: the library pane and its
tallies, the open article's highlights, and the open article itself, reloaded in place.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from library.errors import LibraryError
from tui.layout import Layout

if TYPE_CHECKING:
    from annotations.workspace import ChangeFeed, Changes, Opened
    from library.model import ArticleMeta
    from tui.screens.main import MainScreen


class OutsideChanges:
    """The main screen's view of changes made by other processes (the CLI, another reader)."""

    def __init__(self, screen: MainScreen) -> None:
        self.screen = screen
        self.feed: ChangeFeed | None = None  # started once the library is loaded

    def start(self, catalog: list[ArticleMeta]) -> None:
        """From the library loading worker: from now on, outside changes are noticed."""
        if self.feed is None:
            feed = self.screen.context.workspace.changes()
            feed.start(catalog=catalog)
            self.feed = feed

    def acknowledge(self, *article_ids: str, articles: bool = False) -> None:
        """This process just saved these articles' highlights (or imported): the feed need not
        report it back."""
        if self.feed is not None:
            self.feed.acknowledge(*article_ids, articles=articles)

    def poll(self) -> None:
        """Once a second: ask the feed, on a worker, what other processes changed."""
        screen = self.screen
        if self.feed is None or screen.context.persister.pending:
            return  # still loading; or our own saves first: they would show as changes
        if any(w.group == "import" and not w.is_finished for w in screen.app.workers):
            return  # an import from the reader: its articles are ours, acknowledged at its end
        open_id = screen.article.id if screen.article else None
        version = screen.editor.version  # what is on screen now: the snapshot read is as new
        screen.run_worker(
            lambda: self._check(open_id, version),
            thread=True,
            exclusive=True,
            group="changes",
            exit_on_error=False,
        )

    def _check(self, open_id: str | None, version: int) -> None:
        feed = self.feed
        assert feed is not None
        workspace = self.screen.context.workspace
        changes = feed.poll(open_id)
        if changes.empty:
            return
        problems: list[str] = []  # what could not be read: said, and the rest still shown
        counts = None
        if changes.highlights - {open_id}:
            try:
                counts = workspace.highlights.overview()[0]
            except (LibraryError, OSError) as error:
                problems.append(f"The highlight tallies could not be updated: {error}")
        opened = None
        if open_id is not None and any(m.id == open_id for m in changes.changed):
            try:
                opened = workspace.reading.open(open_id)
            except (LibraryError, OSError) as error:
                problems.append(f"This article changed on disk but could not be reloaded: {error}")
        self.screen.app.call_from_thread(self._show, changes, counts, opened, version, problems)

    def _show(
        self,
        changes: Changes,
        counts: dict[str, Counter[str | None]] | None,
        opened: Opened | None,
        version: int,
        problems: list[str] | None = None,
    ) -> None:
        """Show what changed: the library pane, the tallies, and the open article in place.

        version is the editor's when the poll began: if the user changed a highlight since (or a
        save is still on its way), the highlights read by the poll are older than the screen's.
        problems are what could not be read, one line each.
        """
        screen = self.screen
        for problem in problems or []:
            screen.notify(problem, severity="error", timeout=8, markup=False)
        from tui.screens.board import BoardScreen

        for shown in screen.app.screen_stack:
            if isinstance(shown, BoardScreen):  # its cards: never words an article lost
                shown.outside_change()
        if changes.catalog is not None:
            screen.relist(changes.catalog)
            if changes.added:
                n = len(changes.added)
                screen.notify(f"{n} article{'s' * (n != 1)} added to the library.", timeout=3)
        if counts is not None:
            screen.show_counts(counts)
        article = screen.article
        if article is None:
            return
        if article.id in changes.removed:
            screen.notify(
                "This article was removed from the library (margin restore brings it back).",
                severity="warning",
                markup=False,
            )
        elif opened is not None and opened.article.id == article.id:
            self._reload_article(opened, version)
        elif article.id in changes.highlights:
            screen.editor.reload()

    def _reload_article(self, opened: Opened, version: int) -> None:
        """The open article's file changed: show the new text where the reader was."""
        screen = self.screen
        editor = screen.editor
        reader = screen.reader
        text_changed = opened.article.text != (screen.article.text if screen.article else "")
        cursor = min(reader.cursor, max(len(opened.article.text) - 1, 0))
        top = min(reader.top_offset, cursor)
        screen.article = opened.article
        if opened.repaired is not None:  # re-anchored by the poll: our own write
            screen.own_write(opened.article.id)
        if editor.version == version and not screen.context.persister.highlight_jobs:
            editor.show(opened.annotations)
        else:  # a local change is newer than what the poll read: the store's list, after it
            editor.reload()
        screen.quotes.article_opened(opened.article)
        if text_changed:
            layout = Layout.for_article(opened.article, reader.measure)
            reader.show(opened.article, cursor, top, layout)
            message = "This article changed on disk; it was reloaded"
            if opened.repaired is not None and opened.repaired.total:
                message += f" and its highlights re-anchored ({opened.repaired.describe()})"
            screen.notify(message + ".", severity="warning", timeout=8, markup=False)
