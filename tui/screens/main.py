"""The main screen: library, reader and annotations panes, and every reading and quoting action."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar, cast

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Input, Static
from textual.worker import Worker, WorkerState

from annotations.model import Annotation
from annotations.quotemarks import framed
from library.config import Stance
from library.errors import LibraryError
from library.model import Article, ArticleMeta
from tui import messages
from tui.bindings import MAIN_BINDINGS
from tui.context import MarginContext
from tui.layout import Layout
from tui.screens.article_state import OpenArticle
from tui.screens.editing import HighlightEditor
from tui.screens.finding import Finder
from tui.screens.library_loading import LibraryLoader
from tui.screens.quoting import ArticleQuotations
from tui.screens.status import fit_status, status_parts
from tui.screens.watching import OutsideChanges
from tui.widgets.annotation_list import AnnotationList
from tui.widgets.find_bar import FindBar
from tui.widgets.footer import MarginFooter
from tui.widgets.library_list import LibraryList, ListedItems
from tui.widgets.reader import ArticleView
from tui.widgets.typeahead import TypeAheadInput

if TYPE_CHECKING:
    from annotations.quotations import Quotation
    from annotations.workspace import ImportSummary
    from tui.screens.speakers import SpokenChoice

T = TypeVar("T")

WATCH_SECONDS = 1.0  # how often the library is checked for changes made by other processes
POSITION_SAVE_DELAY = 1.5


class MainScreen(Screen[None]):
    """Three panes; the screen coordinates them and calls the workspace's use cases.

    The open article's state is one `OpenArticle`; the helpers that read and change it
    (editing, finding, quoting, watching) see this screen only as a `ReaderHost`.
    """

    HORIZONTAL_BREAKPOINTS = [  # noqa: RUF012 - Textual declares it without ClassVar
        (0, "-narrow"),
        (100, "-medium"),
        (140, "-roomy"),
        (170, "-wide"),
    ]
    BINDINGS: ClassVar[list[BindingType]] = MAIN_BINDINGS

    def __init__(self) -> None:
        super().__init__()
        self.state = OpenArticle()  # the open article: what the helpers share
        self._position_timer: Timer | None = None
        self._open_worker: Worker[None] | None = None  # the load of state.loading
        # A span to highlight (start, end, speaker) once state.loading is shown (W, then h).
        self._highlight_on_open: tuple[int, int, str | None] | None = None
        self._binding_context: tuple[bool, bool] | None = None
        self.known_tags: list[str] = []  # the library's tags, for completion (loaded at start)
        state = self.state
        self.editor = HighlightEditor(state, self)  # highlighting and quoting (editing.py)
        self.finder = Finder(state, self)  # find in the article (finding.py)
        self.quotes = ArticleQuotations(state, self, self.editor.highlight_span)  # quoting.py
        self.outside = OutsideChanges(state, self, self.editor, self.quotes)  # watching.py
        self.library = LibraryLoader(state, self, self.outside)  # library_loading.py

    @property
    def article(self) -> Article | None:
        """The open article."""
        return self.state.article

    @property
    def annotations(self) -> list[Annotation]:
        """The open article's highlights, as shown."""
        return self.state.annotations

    @property
    def context(self) -> MarginContext:
        """The app, as this screen needs it."""
        return cast(MarginContext, self.app)

    # -- composition -----------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        # Textual sets the width class on its first resize event, after the first layout: set it
        # before the panes are styled, so the first frame has this width's layout (no highlights
        # pane drawn below 140 columns and hidden a frame later).
        width = self.app.size.width
        chosen = max((b for b in self.HORIZONTAL_BREAKPOINTS if width >= b[0]), default=None)
        for minimum, name in self.HORIZONTAL_BREAKPOINTS:
            self.set_class((minimum, name) == chosen, name)
        with Horizontal(id="panes"):
            with Vertical(id="library-pane", classes="pane"):
                library_filter = TypeAheadInput(
                    placeholder="/ filter articles", id="library-filter"
                )
                library_filter.can_focus = False  # reached with `/`, not tab
                yield library_filter
                yield LibraryList(id="library-list")
            with Vertical(id="reader-pane", classes="pane"):
                yield ArticleView(id="reader", position=self.state.position)
                yield FindBar(id="find-bar")
                yield Static(id="status")
            with Vertical(id="annotations-pane", classes="pane"):
                yield Static(Text("Highlights"), id="annotations-title")
                yield AnnotationList(id="annotation-list")
        yield MarginFooter()

    @property
    def reader(self) -> ArticleView:
        return self.query_one(ArticleView)

    @property
    def library_list(self) -> LibraryList:
        return self.query_one(LibraryList)

    @property
    def annotation_list(self) -> AnnotationList:
        return self.query_one(AnnotationList)

    def on_mount(self) -> None:
        app = self.context
        config = app.workspace.config
        self.reader.set_stances(config.stances)
        self.reader.set_measure(config.width)
        self.library_list.stances = config.stances
        settings = app.settings  # as chosen in the reader last time
        if settings.sort in ("date", "title", "recent"):
            self.library_list.set_sort(settings.sort)  # type: ignore[arg-type]
        # Only a pane the user hid is hidden again: shown ones keep the layout's own rules
        # (a narrow terminal starts without the highlights pane).
        if not settings.library_pane:
            self.query_one("#library-pane").display = False
        if not settings.highlights_pane:
            self.query_one("#annotations-pane").display = False
        self.query_one(FindBar).display = False
        self.update_status()
        listed = self.library.list_saved_catalog()
        if listed is None:
            self.load_library(open_last=True)
        else:  # checking the files can wait until the list is on screen
            app.after_first_paint(self.load_library, open_last=True, listed=listed)
        app.after_first_paint(self._preload)
        self.set_interval(WATCH_SECONDS, self._poll_changes)

    def _preload(self) -> None:
        """Import the editing dialogs after the first paint: the first `e` or `t` opens at once."""
        import tui.dialogs.note
        import tui.dialogs.prompt  # noqa: F401

    # -- other processes' changes, quotations (helpers: watching.py, quoting.py) ------------------
    def _poll_changes(self) -> None:
        """Once a second (the interval set on mount)."""
        self.outside.poll()

    def own_write(self, *article_ids: str) -> None:
        """This process just saved these articles' highlights: the change feed need not report
        it back."""
        self.outside.acknowledge(*article_ids)

    def relist(self, catalog: list[ArticleMeta]) -> None:
        """Show a new catalog in the library pane, keeping what is known of each item."""
        self.library.relist(catalog)

    def show_counts(self, counts: dict[str, Counter[str | None]]) -> None:
        """New highlight tallies for the library pane."""
        self.library.show_counts(counts)

    @property
    def quotations(self) -> list[Quotation] | None:
        """The open article's quotations, once found."""
        return self.state.quotations

    @on(messages.QuotationsFound)
    def _quotations_found(self, message: messages.QuotationsFound) -> None:
        if self.quotes.found_in(message):
            self.editor.fill_speakers()  # of highlights made before they were found

    @on(messages.OutsideChanged)
    def _outside_changed(self, message: messages.OutsideChanged) -> None:
        self.outside.show(message)

    def action_show_quotes(self) -> None:
        """List the article's quotations with their speakers; jump to one or highlight it."""
        self.quotes.show()

    def action_show_speakers(self) -> None:
        """List who is quoted across the library; a chosen quotation opens its article there
        (highlighted with its speaker, when chosen with h)."""
        from tui.screens.speakers import SpeakersScreen

        self.app.push_screen(SpeakersScreen(), self._spoken_chosen)

    def _spoken_chosen(self, choice: SpokenChoice | None) -> None:
        if choice is None:
            return
        quote = choice.quote
        span = (quote.start, quote.end, quote.named) if choice.action == "highlight" else None
        self.open_article(quote.article.id, focus=True, cursor=quote.start, highlight=span)

    # -- the brief board ---------------------------------------------------------------------------
    def action_show_board(self) -> None:
        """Open the brief board across the library (built on a worker)."""
        from tui.screens.board import BoardScreen

        self.app.push_screen(BoardScreen(), self._board_chosen)

    def _board_chosen(self, annotation: Annotation | None) -> None:
        if annotation is None:
            return
        cursor = None if annotation.orphaned else annotation.start
        self.open_article(annotation.article, focus=True, cursor=cursor)

    # -- library ---------------------------------------------------------------------------------
    @work(thread=True, exclusive=True, group="library", exit_on_error=False)
    def load_library(self, open_last: bool = False, listed: ListedItems | None = None) -> None:
        """Fill the library pane from the catalog, then the tallies (library_loading.py)."""
        self.library.read(open_last, listed)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """A loading worker failed unexpectedly: say so; the app keeps running."""
        worker = event.worker
        if event.state is not WorkerState.ERROR or worker.group not in {"library", "open"}:
            return
        what = "read the library" if worker.group == "library" else "open the article"
        self.notify(
            f"Margin could not {what}: {worker.error}", severity="error", markup=False, timeout=8
        )
        if worker is self._open_worker:  # not an older load the user has moved on from
            self._abandon_open()

    @on(messages.CatalogRead)
    def _catalog_read(self, message: messages.CatalogRead) -> None:
        self.library.catalog_read(message)

    @on(messages.UnreadableFiles)
    def _unreadable(self, message: messages.UnreadableFiles) -> None:
        self.library.report_problems(message.problems)

    @on(messages.TalliesCounted)
    def _tallies_counted(self, message: messages.TalliesCounted) -> None:
        self.library.tallies_counted(message)

    @on(messages.Failed)
    def _failed(self, message: messages.Failed) -> None:
        self.context.report(message.error)

    def remember_tags(self, tags: list[str]) -> None:
        """Add tags to the ones offered for completion (case-insensitively unique, sorted)."""
        known = {t.casefold(): t for t in self.known_tags}
        for tag in tags:
            known.setdefault(tag.casefold(), tag)
        self.known_tags = sorted(known.values(), key=str.casefold)

    def show_welcome(self, *, empty: bool) -> None:
        """With no article open, say how to begin (empty: the library has none)."""
        status = self.query_one("#status", Static)
        if empty:
            status.update(Text("The library is empty. i imports a file, folder or URL."))
        else:
            status.update(Text("Choose an article and press enter. ? shows every key."))
        self.reader.show_message(
            "Your library is empty."
            if empty
            else "Choose an article in the library and press enter.",
            [
                "i                        import a file, folder or URL",
                "tab                      next pane",
                "/                        filter or find",
                "ctrl+f                   search everything",
                "?                        every key",
            ],
        )

    @on(LibraryList.SortChanged)
    def _sorted(self, event: LibraryList.SortChanged) -> None:
        names = {"date": "publication date", "title": "title", "recent": "recently read"}
        self.notify(f"Library sorted by {names[event.sort]}.", timeout=2)
        self.context.save_settings(sort=event.sort)

    @on(LibraryList.Chosen)
    def _chosen(self, event: LibraryList.Chosen) -> None:
        self.open_article(event.article_id, focus=True)

    @on(Input.Changed, "#library-filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        self.library_list.set_filter(event.value)

    @on(Input.Submitted, "#library-filter")
    def _filter_submitted(self, event: Input.Submitted) -> None:
        self.library_list.action_choose()

    def _leave_filter(self, clear: bool) -> None:
        field = self.query_one("#library-filter", Input)
        if clear:
            field.value = ""
        field.can_focus = False
        self.set_focus(self.library_list)

    # -- opening articles ------------------------------------------------------------------------
    def open_article(
        self,
        article_id: str,
        *,
        focus: bool = False,
        cursor: int | None = None,
        highlight: tuple[int, int, str | None] | None = None,
    ) -> None:
        """Load an article in a worker and show it (saving the position in the one left);
        highlight (start, end, speaker) is made once it is shown, before any key typed ahead."""
        self.save_position()
        self.state.loading = article_id
        self._highlight_on_open = highlight
        if focus:  # now, so keys typed while it loads are the reader's, not the list's
            self.set_focus(self.reader)
            self.reader.hold_keys()  # and they act on the new article, once it is shown
        self._open_worker = self._load_article(article_id, focus, cursor)

    @work(thread=True, exclusive=True, group="open", exit_on_error=False)
    def _load_article(self, article_id: str, focus: bool, cursor: int | None) -> None:
        app = self.context
        # Highlights changed a moment ago may still be on their way to disk: read after them.
        app.persister.wait_idle(highlights_only=True)
        try:
            opened = app.workspace.reading.open(article_id)
        except LibraryError as error:
            self.post_message(messages.ArticleFailed(article_id, error))
            return
        article, position = opened.article, opened.position
        saved_cursor, top = (position.cursor, position.offset) if position else (0, None)
        if cursor is not None:
            saved_cursor, top = cursor, None
        # Wrapping a long article takes a while: do it here, off the UI thread.
        layout = Layout.for_article(article, self.reader.measure)
        repaired = opened.repaired.describe() if opened.repaired else None
        self.post_message(
            messages.ArticleLoaded(
                article, opened.annotations, saved_cursor, top, layout, repaired, focus
            )
        )

    @on(messages.ArticleFailed)
    def _load_failed(self, message: messages.ArticleFailed) -> None:
        self.context.report(message.error)
        if self.state.loading == message.article_id:
            self._abandon_open()

    def _abandon_open(self) -> None:
        """The article being opened will not come: keys held for it act on the one on screen."""
        self.state.loading = None
        self.reader.release_keys()

    @on(messages.ArticleLoaded)
    def _article_loaded(self, loaded: messages.ArticleLoaded) -> None:
        if self.state.loading != loaded.article.id:
            return  # the user has opened another article meanwhile
        self.state.article = loaded.article
        self.state.annotations = loaded.annotations
        self.finder.reset()
        self.update_status()  # no find status from the article left
        reader = self.reader
        reader.set_annotations(loaded.annotations)
        reader.show(loaded.article, loaded.cursor, loaded.top, loaded.layout)
        # The highlights pane can wait for the text's first paint.
        self.annotation_list.clear_options()
        self.call_after_refresh(self._fill_annotation_list, loaded.article.id)
        self.library_list.open_id = loaded.article.id
        self.library_list.select_id(loaded.article.id)
        self.library_list.refresh()
        if loaded.focus or self.focused is None:
            self.set_focus(reader)
        if self._highlight_on_open is not None:
            start, end, speaker = self._highlight_on_open
            self._highlight_on_open = None
            self.editor.highlight_span(start, end, speaker)
        reader.release_keys()
        app = self.context
        article_id = loaded.article.id
        reading = app.workspace.reading
        app.persister.submit(lambda: reading.set_last_article(article_id))
        self.quotes.article_opened(loaded.article)
        if loaded.repaired is not None:
            self.own_write(article_id)  # re-anchored on opening: not an outside change
            self.notify(
                "This article's text changed since its highlights were saved; they were "
                f"re-anchored ({loaded.repaired}).",
                severity="warning",
                timeout=8,
                markup=False,
            )
        self._update_title()
        self.refresh_bindings()

    def _fill_annotation_list(self, article_id: str) -> None:
        if self.article is not None and self.article.id == article_id:
            self.annotation_list.set_annotations(self.annotations, self._stances)
            found = self.reader.highlight_at(self.state.position.cursor)
            self.annotation_list.show_id(found.id if found else None)

    def _update_title(self) -> None:
        count = len(self.annotations)
        title = Text(f"Highlights ({count})" if count else "Highlights")
        self.query_one("#annotations-title", Static).update(title)

    @property
    def _stances(self) -> tuple[Stance, ...]:
        return self.context.workspace.config.stances

    # -- reading position ------------------------------------------------------------------------
    @on(ArticleView.CursorMoved)
    def _cursor_moved(self, event: ArticleView.CursorMoved) -> None:
        found = self.reader.highlight_at(event.offset)
        if not self.annotation_list.has_focus:
            self.annotation_list.show_id(found.id if found else None)
        self.update_status()
        # The footer depends on whether the cursor is on a highlight; redraw it only then.
        context = (found is not None, self.state.position.selection is not None)
        if context != self._binding_context:
            self._binding_context = context
            self.refresh_bindings()
        if self._position_timer is not None:
            self._position_timer.stop()
        self._position_timer = self.set_timer(POSITION_SAVE_DELAY, self.save_position)

    def save_position(self) -> None:
        """Remember where the reader is in the open article (in the background)."""
        if self.article is None:
            return
        app = self.context
        article_id, top = self.article.id, self.reader.top_offset
        cursor = self.state.position.cursor
        reading = app.workspace.reading
        app.persister.submit(lambda: reading.set_position(article_id, top, cursor))

    def update_status(self) -> None:
        """Redraw the status line under the article."""
        reader = self.reader
        if self.article is None:
            return
        find_open = bool(self.query_one(FindBar).display)
        parts = status_parts(reader, self.finder.query, find_open=find_open)
        status = self.query_one("#status", Static)
        width = status.content_region.width or self.app.size.width
        self.query_one("#status", Static).update(Text(fit_status(parts, width)))

    # -- panes -----------------------------------------------------------------------------------
    def action_toggle_pane(self, pane_id: str) -> None:
        """Show or hide a side pane."""
        pane = self.query_one(f"#{pane_id}")
        pane.display = not pane.display
        if not pane.display and self.focused is not None and pane in self.focused.ancestors:
            self.set_focus(self.reader)
        self._save_panes()

    def _save_panes(self) -> None:
        self.context.save_settings(
            library_pane=bool(self.query_one("#library-pane").display),
            highlights_pane=bool(self.query_one("#annotations-pane").display),
        )

    def action_reading_mode(self) -> None:
        """Show the reader alone, or bring both side panes back."""
        library = self.query_one("#library-pane")
        notes = self.query_one("#annotations-pane")
        alone = library.display or notes.display
        library.display = notes.display = not alone
        self.set_focus(self.reader)
        self._save_panes()

    # -- find ------------------------------------------------------------------------------------
    def action_find(self) -> None:
        """Find in the article, or filter the library when the library pane has focus."""
        focused = self.focused
        if focused is self.library_list or (focused is not None and focused.id == "library-filter"):
            field = self.query_one("#library-filter", Input)
            field.can_focus = True
            self.set_focus(field)
            return
        self.finder.open()

    @on(Input.Changed, "#find-bar")
    def _find_changed(self, event: Input.Changed) -> None:
        if not event.input.display or event.value != event.input.value:
            return  # late news: the bar has closed, or more has been typed since
        self.finder.changed(event.value)

    def action_find_next(self) -> None:
        self.finder.goto(forward=True)

    def action_find_prev(self) -> None:
        self.finder.goto(forward=False)

    def on_key(self, event: object) -> None:
        """Escape in the library filter clears it and returns to the list."""
        from textual.events import Key

        if not isinstance(event, Key) or event.key != "escape":
            return
        focused = self.focused
        if focused is not None and focused.id == "library-filter":
            event.stop()
            self._leave_filter(clear=True)

    # -- annotations pane ------------------------------------------------------------------------
    @on(AnnotationList.Picked)
    def _picked(self, event: AnnotationList.Picked) -> None:
        self._goto_annotation(event.annotation_id, focus_reader=event.chosen)

    @on(ArticleView.HighlightClicked)
    def _clicked(self, event: ArticleView.HighlightClicked) -> None:
        self.annotation_list.show_id(event.annotation_id)

    def _goto_annotation(self, annotation_id: str, *, focus_reader: bool) -> None:
        found = self.state.find(annotation_id)
        if found is None:
            return
        if found.orphaned:
            self.notify(
                "This highlight lost its place when the article changed: "
                + framed(found.quote[:80]),
                severity="warning",
                markup=False,
            )
            return
        self.reader.clear_selection()
        self.reader.move_cursor(found.start)
        if focus_reader:
            self.set_focus(self.reader)

    def action_next_highlight(self) -> None:
        cursor = self.state.position.cursor
        live = [a for a in self.reader.annotations if a.start > cursor]
        if live:
            self.reader.move_cursor(live[0].start)

    def action_prev_highlight(self) -> None:
        cursor = self.state.position.cursor
        current = self.reader.highlight_at(cursor)
        limit = current.start if current else cursor
        earlier = [a for a in self.reader.annotations if a.start < limit]
        if earlier:
            self.reader.move_cursor(earlier[-1].start)

    # -- highlighting: a key, one call (HighlightEditor), the result shown ------------------------
    def action_highlight(self) -> None:
        """Highlight the selection, or the sentence under the cursor."""
        self.editor.highlight()

    def action_stance(self, key: str) -> None:
        """Set the stance of the highlight under the cursor (creating one if there is none)."""
        self.editor.stance(key)

    def action_edit_note(self) -> None:
        self.editor.edit_note()

    def action_edit_tags(self) -> None:
        self.editor.edit_tags()

    def action_edit_speaker(self) -> None:
        self.editor.edit_speaker()

    def action_delete_highlight(self) -> None:
        self.editor.delete()

    def action_undo(self) -> None:
        self.editor.undo_redo(undo=True)

    def action_redo(self) -> None:
        self.editor.undo_redo(undo=False)

    def action_copy_quote(self) -> None:
        """Copy the highlight (or the selection) as a quote with citation, default style."""
        self.editor.copy()

    def action_copy_quote_as(self) -> None:
        """Pick a citation style, then copy."""
        self.editor.copy_as()

    def action_export(self) -> None:
        """Open the export dialog."""
        self.editor.export()

    def action_import_articles(self) -> None:
        """Import a file, folder or URL from inside the reader."""
        from tui.dialogs.importing import ImportDialog

        dialog = ImportDialog(self.context.workspace)

        def imported(summary: ImportSummary | None) -> None:
            try:
                shown(summary)
            finally:  # the keys typed while it ran act on what the reader shows now
                dialog.release_keys()

        def shown(summary: ImportSummary | None) -> None:
            if summary is None:
                return
            failures = summary.problems()
            for line in failures[:3]:
                self.notify(line, severity="error", timeout=10, markup=False)
            self.notify(
                "\n".join(summary.lines()),
                severity="warning" if failures else "information",
                timeout=6,
                markup=False,
            )
            # Ours, not outside changes: the articles, and the highlights re-anchored to them.
            ids = [r.article.id for r in summary.results if r.article is not None]
            self.outside.acknowledge(*ids, articles=True)
            self.load_library()
            fresh = [r.article.id for r in summary.results if r.article and r.status != "failed"]
            if len(fresh) == 1 and len(summary.results) == 1:
                self.open_article(fresh[0], focus=True)

        self.app.push_screen(dialog, imported)

    def highlights_changed(self) -> None:
        """Redraw every pane from the open article's highlights (the state's list), now."""
        annotations = self.state.annotations
        self.reader.set_annotations(annotations)
        self.annotation_list.set_annotations(annotations, self._stances)
        if self.article is not None:
            self.refresh_counts(self.article.id, annotations)
        self._update_title()
        self.update_status()
        self.refresh_bindings()

    def refresh_counts(self, article_id: str, annotations: list[Annotation]) -> None:
        """Update an article's stance tallies in the library pane."""
        counts: Counter[str | None] = Counter(
            a.stance.casefold() if a.stance else None for a in annotations
        )
        for item in self.library_list.items:
            if item.meta.id == article_id:
                item.counts = counts
        self.library_list.refresh()

    # -- what the helpers may ask (ReaderHost) ----------------------------------------------------
    def push_dialog(self, dialog: Screen[T], done: Callable[[T | None], Any] | None = None) -> None:
        """Show a dialog; done gets its result."""
        self.app.push_screen(dialog, done)

    def run_in_background(self, work: Callable[[], None], group: str) -> None:
        """Run work on a thread; the newest of a group replaces an older one still running."""
        self.run_worker(work, thread=True, exclusive=True, group=group, exit_on_error=False)

    def focused_highlight_id(self) -> str | None:
        """The highlight picked in the highlights pane, when that pane has the focus."""
        listing = self.annotation_list
        return listing.current_id if listing.has_focus else None

    def focus_library(self) -> None:
        """Give the keys to the library list."""
        self.set_focus(self.library_list)

    def focus_reader(self) -> None:
        """Give the keys to the article view."""
        self.set_focus(self.reader)

    def open_find_bar(self, query: str, closed: Callable[[bool, str], None]) -> None:
        """Open the find bar with query; closed(cancelled, query) when it closes."""
        self.query_one(FindBar).open(query, self.reader, closed)

    def copy_to_clipboard(self, text: str) -> None:
        """Put text on the terminal's clipboard (OSC 52) at once."""
        self.app.copy_to_clipboard(text)

    def importing(self) -> bool:
        """Whether an import started from the reader is still running."""
        return any(w.group == "import" and not w.is_finished for w in self.app.workers)

    def outside_change_seen(self) -> None:
        """Tell the board, if open, that the library changed under it."""
        from tui.screens.board import BoardScreen

        for shown in self.app.screen_stack:
            if isinstance(shown, BoardScreen):  # its cards: never words an article lost
                shown.outside_change()

    # -- contextual bindings ---------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Show only the keys that make sense where the user is."""
        on_highlight = {"edit_note", "edit_tags", "edit_speaker", "delete_highlight"}
        needs_article = {
            "highlight",
            "stance",
            "copy_quote",
            "copy_quote_as",
            "find_next",
            "find_prev",
            "next_highlight",
            "prev_highlight",
        } | on_highlight
        if action in needs_article and self.article is None:
            return False
        # Note, tags, speaker and delete stay available off a highlight: pressing one says how
        # to make a highlight first, rather than doing nothing.
        if action in {"find_next", "find_prev"}:
            return bool(self.reader.find_matches)
        if action in {"undo", "redo"}:
            app = self.context
            if app.persister.highlight_jobs:  # an edit still on its way can be undone after it
                return True
            history = app.workspace.highlights.history
            return history.can_undo if action == "undo" else history.can_redo
        return True
