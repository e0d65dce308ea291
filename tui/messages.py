"""What work done off the UI thread reports back: one message per result, posted from the worker.

Workers never touch widgets (harlequin's rule); they post one of these to the screen that started
them, and its handler shows the result on the UI thread. A message whose newer twin makes it
pointless says so in `can_replace` (toolong's `messages.py`), and Textual then skips the older
one when both wait in the queue: a whole catalog or a whole set of tallies supersedes the last.
A result its handler may ignore as stale (another article's, another query's) is replaced only by
one for the same article or query: an older worker finishing late must not hide the newer one.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from textual.message import Message

if TYPE_CHECKING:
    from textual.notifications import SeverityLevel

    from annotations.model import Annotation
    from annotations.quotations import Quotation
    from annotations.workspace import Changes, Imported, ImportSummary, Opened
    from annotations.workspace.searching import SearchResults
    from library.model import Article
    from tui.layout import Layout
    from tui.widgets.library_list import LibraryItem


class Result(Message, bubble=False):
    """A worker's result, for the screen it was posted to (and no one above it)."""


@dataclass
class Failed(Result):
    """Background work failed with an error the user should read."""

    error: Exception


@dataclass
class CatalogRead(Result):
    """The library's catalog, read (or checked against the files): the library pane's items.

    On the first look at the library (first), last is the article to open.
    """

    items: Sequence[LibraryItem]
    last: str | None = None
    first: bool = False

    def can_replace(self, message: Message) -> bool:
        # A later catalog is the whole list again; the first read's article to open is kept.
        return isinstance(message, CatalogRead) and not self.first


@dataclass
class UnreadableFiles(Result):
    """Article files that could not be read, one line each."""

    problems: list[str]


@dataclass
class TalliesCounted(Result):
    """Every article's highlights counted by stance, and the tags in use."""

    counts: dict[str, Counter[str | None]]
    tags: list[str] = field(default_factory=list)

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, TalliesCounted) and not self.tags


@dataclass
class ArticleLoaded(Result):
    """An article read from disk with what the panes need, wrapped ahead for the reader."""

    article: Article
    annotations: list[Annotation]
    cursor: int
    top: int | None
    layout: Layout
    repaired: str | None  # what re-anchoring did, when highlights counted in another text
    focus: bool = False

    def can_replace(self, message: Message) -> bool:
        # The same article read again (opened twice in a row): the later reading is the truth.
        # Another article's may come from an older load finishing late, and is not a successor.
        # A reading that re-anchored is kept: the next one finds nothing left to repair, and
        # its warning and the acknowledgement of its write would be lost.
        return (
            isinstance(message, ArticleLoaded)
            and message.article.id == self.article.id
            and self.repaired is None
        )


@dataclass
class ArticleFailed(Result):
    """An article could not be opened."""

    article_id: str
    error: Exception


@dataclass
class QuotationsFound(Result):
    """The quotations in an article's text (the one it was, when they were looked for)."""

    article: Article
    quotations: list[Quotation]

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, QuotationsFound) and message.article is self.article


@dataclass
class OutsideChanged(Result):
    """What other processes changed, with what was read to show it.

    version is the editor's when the check began; problems are what could not be read.
    """

    changes: Changes
    counts: dict[str, Counter[str | None]] | None
    opened: Opened | None
    version: int
    problems: list[str] = field(default_factory=list)

    def can_replace(self, message: Message) -> bool:
        """A newer batch supersedes this one only when it carries everything this one would
        show: each is a difference from the one before, so most must be shown in turn."""
        if not isinstance(message, OutsideChanged) or self.problems:
            return False
        mine, newer = self.changes, message.changes
        return (
            not (mine.added or mine.removed or mine.changed)
            and mine.highlights <= newer.highlights
            and (self.counts is None or message.counts is not None)
        )


@dataclass
class SearchAnswered(Result):
    """The library searched for query: its results (None for an empty query), or an error."""

    query: str
    results: SearchResults | None
    error: str = ""

    def can_replace(self, message: Message) -> bool:
        # The same query answered again (typed, erased, typed): only the later answer is shown.
        return isinstance(message, SearchAnswered) and message.query == self.query


@dataclass
class ExportFinished(Message):
    """An export the dialog started has ended. Posted to the app, which outlives the dialog, so
    its outcome is shown even when the dialog was closed while the export ran; show is the
    dialog's method that shows it either way.

    written says what was written where; replace runs the export again over the existing file
    at path (the dialog asks first); notices are plain-text lines with their severity.
    """

    show: Callable[[ExportFinished], None]
    path: str
    written: str | None = None
    replace: Callable[[], None] | None = None
    notices: list[tuple[str, SeverityLevel]] = field(default_factory=list)


@dataclass
class ImportPlanned(Result):
    """An import found total files to import (none: nothing to import in source)."""

    source: str
    total: int


@dataclass
class ImportAdvanced(Result):
    """One more file imported: count so far, and the last one's outcome."""

    count: int
    last: Imported

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, ImportAdvanced)  # the bar shows the count: the newest will do


@dataclass
class ImportFinished(Result):
    """The import ran (or stopped): its summary, or the one line saying why it could not."""

    summary: ImportSummary | None
    failure: str = ""


@dataclass
class JobFinished(Message):
    """A persister job ran: its continuation, to run on the UI thread with the outcome."""

    callback: Callable[[Any], None]
    value: Any
    highlights: bool = False  # the job changed highlights (counted until this is handled)


@dataclass
class ClipboardText(Message):
    """Text a worker has copied, for the app to send to the terminal by OSC 52."""

    text: str
