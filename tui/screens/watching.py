"""What other processes change while the reader is open: polled once a second on a worker.

`OutsideChanges` is a plain object owned by the main screen, given the screen's `OpenArticle`
and `ReaderHost`. It asks the workspace's change feed what moved (a few `stat` calls when nothing
did) on a worker, which posts an `OutsideChanged` message; shown on the UI thread: the library
pane and its tallies, the open article's highlights, and the open article itself, in place.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from library.errors import LibraryError
from tui.layout import Layout
from tui.messages import OutsideChanged

if TYPE_CHECKING:
    from annotations.workspace import ChangeFeed, Opened
    from library.model import ArticleMeta
    from tui.screens.article_state import OpenArticle, ReaderHost
    from tui.screens.editing import HighlightEditor
    from tui.screens.quoting import ArticleQuotations


class OutsideChanges:
    """The main screen's view of changes made by other processes (the CLI, another reader)."""

    def __init__(
        self,
        state: OpenArticle,
        host: ReaderHost,
        editor: HighlightEditor,
        quotes: ArticleQuotations,
    ) -> None:
        self.state = state
        self.host = host
        self.editor = editor  # the open article's highlights are shown (and reloaded) by it
        self.quotes = quotes  # and its quotations found again when its text changes
        self.feed: ChangeFeed | None = None  # started once the library is loaded

    def start(self, catalog: list[ArticleMeta]) -> None:
        """From the library loading worker: from now on, outside changes are noticed."""
        if self.feed is None:
            feed = self.host.context.workspace.changes()
            feed.start(catalog=catalog)
            self.feed = feed

    def acknowledge(self, *article_ids: str, articles: bool = False) -> None:
        """This process just saved these articles' highlights (or imported): the feed need not
        report it back."""
        if self.feed is not None:
            self.feed.acknowledge(*article_ids, articles=articles)

    def poll(self) -> None:
        """Once a second: ask the feed, on a worker, what other processes changed."""
        host = self.host
        if self.feed is None or host.context.persister.pending:
            return  # still loading; or our own saves first: they would show as changes
        if host.importing():
            return  # an import from the reader: its articles are ours, acknowledged at its end
        open_id = self.state.article_id
        version = self.state.version  # what is on screen now: the snapshot read is as new
        host.run_in_background(lambda: self._check(open_id, version), group="changes")

    def _check(self, open_id: str | None, version: int) -> None:
        feed = self.feed
        assert feed is not None
        workspace = self.host.context.workspace
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
        self.host.post_message(OutsideChanged(changes, counts, opened, version, problems))

    def show(self, message: OutsideChanged) -> None:
        """Show what changed: the library pane, the tallies, and the open article in place.

        The message's version is the editor's when the poll began: if the user changed a
        highlight since (or a save is still on its way), the highlights read by the poll are
        older than the screen's.
        """
        host = self.host
        changes, counts, opened = message.changes, message.counts, message.opened
        for problem in message.problems:
            host.notify(problem, severity="error", timeout=8, markup=False)
        host.outside_change_seen()
        if changes.catalog is not None:
            host.relist(changes.catalog)
            if changes.added:
                n = len(changes.added)
                host.notify(f"{n} article{'s' * (n != 1)} added to the library.", timeout=3)
        if counts is not None:
            host.show_counts(counts)
        article = self.state.article
        if article is None:
            return
        if article.id in changes.removed:
            host.notify(
                "This article was removed from the library (margin restore brings it back).",
                severity="warning",
                markup=False,
            )
        elif opened is not None and opened.article.id == article.id:
            self._reload_article(opened, message.version)
        elif article.id in changes.highlights:
            self.editor.reload()

    def _reload_article(self, opened: Opened, version: int) -> None:
        """The open article's file changed: show the new text where the reader was."""
        host, editor = self.host, self.editor
        reader = host.reader
        text_changed = opened.article.text != self.state.text
        cursor = min(reader.cursor, max(len(opened.article.text) - 1, 0))
        top = min(reader.top_offset, cursor)
        self.state.article = opened.article
        if opened.repaired is not None:  # re-anchored by the poll: our own write
            host.own_write(opened.article.id)
        if editor.version == version and not host.context.persister.highlight_jobs:
            editor.show(opened.annotations)
        else:  # a local change is newer than what the poll read: the store's list, after it
            editor.reload()
        self.quotes.article_opened(opened.article)
        if text_changed:
            layout = Layout.for_article(opened.article, reader.measure)
            reader.show(opened.article, cursor, top, layout)
            message = "This article changed on disk; it was reloaded"
            if opened.repaired is not None and opened.repaired.total:
                message += f" and its highlights re-anchored ({opened.repaired.describe()})"
            host.notify(message + ".", severity="warning", timeout=8, markup=False)
