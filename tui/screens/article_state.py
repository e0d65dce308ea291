"""The open article as one plain object, and what the reading helpers may ask of its screen.

`MainScreen` owns one `OpenArticle` and hands it, with itself typed as `ReaderHost`, to the
helpers (`editing`, `finding`, `quoting`, `watching`, `library_loading`). They read and change
the state, and ask the host for what only a screen can do (notify, push a dialog, run in the
background, redraw a pane); they never import the screen, so the screen imports them and
nothing imports back.

Where the reader is within the text (cursor, selection, the wrapped layout) is the state's
`position`, a `ReadingPosition` (tui/position.py) that the screen hands to its `ArticleView`:
the widget's `cursor`, `selection` and `layout_` read and write that same object, so helpers read
the position here and there is no copy to keep in step. To change what is on screen, helpers go
through the widget (`host.reader`: `move_cursor`, `select`, `show`), which redraws; the scroll
offset and what is drawn (find marks, units, palette) stay with the widget.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from tui.position import ReadingPosition

if TYPE_CHECKING:
    from textual.message import Message
    from textual.notifications import SeverityLevel
    from textual.screen import Screen

    from annotations.model import Annotation
    from annotations.quotations import Quotation
    from library.model import Article, ArticleMeta
    from tui.context import MarginContext
    from tui.widgets.library_list import LibraryList
    from tui.widgets.reader import ArticleView

T = TypeVar("T")


@dataclass(slots=True)
class OpenArticle:
    """The article on screen and what is known of it; changed only on the UI thread."""

    article: Article | None = None
    annotations: list[Annotation] = field(default_factory=list)  # its highlights, as shown
    version: int = 0  # bumped by every change shown before the store confirms it
    quotations: list[Quotation] | None = None  # None until found (quoting.py)
    # Highlights made here before the quotations were found, so with no speaker from them, and
    # whose speaker the user has not set or cleared since: filled in when they come (editing.py).
    unattributed: set[str] = field(default_factory=set)
    find_query: str = ""  # the last text looked for with `/` (finding.py)
    loading: str | None = None  # the id of the article being opened, until it is shown
    # Where the reader is: cursor, selection, layout. The same object is the `ArticleView`'s
    # (handed to it by the screen), so there is one copy; change it through the widget's
    # methods so the screen is redrawn.
    position: ReadingPosition = field(default_factory=ReadingPosition)

    @property
    def text(self) -> str:
        """The open article's text ("" with none open)."""
        return self.article.text if self.article is not None else ""

    @property
    def article_id(self) -> str | None:
        """The open article's id (None with none open)."""
        return self.article.id if self.article is not None else None

    def is_open(self, article: Article | str) -> bool:
        """Whether this article (the object, or an id) is the one on screen."""
        if isinstance(article, str):
            return self.article is not None and self.article.id == article
        return self.article is article

    def find(self, annotation_id: str) -> Annotation | None:
        """The shown highlight with this id."""
        return next((a for a in self.annotations if a.id == annotation_id), None)

    def shown(self, annotations: list[Annotation]) -> None:
        """A new list of highlights is on screen (newer than anything the store said before)."""
        self.annotations = annotations
        self.version += 1


class ReaderHost(Protocol):
    """What the reading helpers may ask of the screen that owns them, and nothing more."""

    @property
    def context(self) -> MarginContext:
        """The app: workspace, persister, error reports, clipboard."""
        ...

    @property
    def reader(self) -> ArticleView:
        """The article view: moving the cursor, scrolling and what is drawn on the text."""
        ...

    @property
    def library_list(self) -> LibraryList:
        """The library pane's list of articles."""
        ...

    @property
    def known_tags(self) -> list[str]:
        """The library's tags, for completion."""
        ...

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """Show a toast."""
        ...

    def push_dialog(self, dialog: Screen[T], done: Callable[[T | None], Any] | None = None) -> None:
        """Show a dialog; done gets its result."""
        ...

    def run_in_background(self, work: Callable[[], None], group: str) -> None:
        """Run work on a thread (the newest of a group replaces an older one still running);
        it reports back with `post_message`."""
        ...

    def post_message(self, message: Message) -> bool:
        """Deliver a result to the screen (from any thread); see tui/messages.py."""
        ...

    def focused_highlight_id(self) -> str | None:
        """The highlight picked in the highlights pane, when that pane has the focus."""
        ...

    def focus_reader(self) -> None:
        """Give the keys to the article view."""
        ...

    def focus_library(self) -> None:
        """Give the keys to the library list."""
        ...

    def show_welcome(self, *, empty: bool) -> None:
        """With no article open, say how to begin (empty: the library has none)."""
        ...

    def open_find_bar(self, query: str, closed: Callable[[bool, str], None]) -> None:
        """Open the find bar with query; closed(cancelled, query) when it closes."""
        ...

    def update_status(self) -> None:
        """Redraw the status line."""
        ...

    def highlights_changed(self) -> None:
        """Redraw every pane from the open article's highlights (the state's list), now."""
        ...

    def copy_to_clipboard(self, text: str) -> None:
        """Put text on the terminal's clipboard (OSC 52) at once."""
        ...

    def refresh_counts(self, article_id: str, annotations: list[Annotation]) -> None:
        """Update an article's stance tallies in the library pane."""
        ...

    def show_counts(self, counts: dict[str, Counter[str | None]]) -> None:
        """New highlight tallies for the whole library pane."""
        ...

    def relist(self, catalog: list[ArticleMeta]) -> None:
        """Show a new catalog in the library pane."""
        ...

    def remember_tags(self, tags: list[str]) -> None:
        """Add tags to the ones offered for completion."""
        ...

    def own_write(self, *article_ids: str) -> None:
        """This process just saved these articles' highlights: not an outside change."""
        ...

    def open_article(
        self, article_id: str, *, focus: bool = False, cursor: int | None = None
    ) -> None:
        """Load an article and show it."""
        ...

    def importing(self) -> bool:
        """Whether an import started from the reader is still running."""
        ...

    def outside_change_seen(self) -> None:
        """Tell other open screens (the board) that the library changed under them."""
        ...
