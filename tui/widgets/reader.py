"""The reader: an article drawn with Textual's Line API, with a cursor, selection and highlights.

Only visible lines are rendered. The Layout maps every screen line to a span of the canonical text,
so the cursor, the selection, find matches and highlights are all drawn from offsets.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from itertools import pairwise
from typing import ClassVar

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding, BindingType
from textual.color import Color
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from annotations.model import Annotation
from library.config import Stance
from library.display import for_display_cells
from library.model import Article
from library.text import clean_inline, is_number
from tui.layout import PREFIX_CELLS, Layout, ScreenLine
from tui.position import ReadingPosition
from tui.units import Unit, Units
from tui.widgets.held_keys import HeldKeys
from tui.widgets.typeahead import TypeAhead

SCROLL_OFF = 2  # lines kept visible above and below the cursor
NO_STANCE_COLOR = "#d7b600"
UNKNOWN_STANCE_COLOR = "#8a8a8a"
HOLD_SECONDS = 3.0  # keys held for an article that is loading are let go after this at the latest
PLACE_TRIES = 100  # refreshes a newly shown article waits for the reader's size, at most
NO_PAGES = "This article has no pages (only PDFs and EPUBs do)."


@dataclass(frozen=True, slots=True)
class Palette:
    """Rich styles for everything the reader draws, resolved from the theme and the stances."""

    base: Style
    title: Style
    subtitle: Style
    byline: Style
    url: Style
    rule: Style
    heading: Style
    quote: Style
    quote_bar: Style
    bullet: Style
    sentence: Style
    cursor: Style
    selection: Style
    find: Style
    find_current: Style
    focus_ring: Style
    stances: dict[str | None, Style]
    unknown_stance: Style
    page: Style


class ArticleView(TypeAhead, ScrollView, can_focus=True):
    """Shows one article; owns the cursor and the selection, and reports them with messages."""

    ALLOW_SELECT = False  # selection is ours, kept in text offsets
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "article-view--title",
        "article-view--byline",
        "article-view--url",
        "article-view--heading",
        "article-view--quote",
        "article-view--quote-bar",
        "article-view--cursor",
        "article-view--selection",
        "article-view--find",
        "article-view--find-current",
        "article-view--page",
    }
    DEFAULT_CSS = """
    ArticleView {
        background: $surface;
        color: $foreground;
        overflow-x: hidden;
        overflow-y: auto;
        scrollbar-gutter: stable;
    }
    ArticleView > .article-view--title { text-style: bold; color: $foreground; }
    ArticleView > .article-view--byline { color: $foreground-muted; }
    ArticleView > .article-view--url { color: $text-accent; text-style: italic; }
    ArticleView > .article-view--heading { text-style: bold; color: $text-primary; }
    ArticleView > .article-view--quote { text-style: italic; }
    ArticleView > .article-view--quote-bar { color: $accent; }
    ArticleView > .article-view--cursor { text-style: reverse; }
    ArticleView > .article-view--selection { background: $accent 45%; }
    ArticleView > .article-view--find { background: $warning 35%; }
    ArticleView > .article-view--find-current { background: $warning 75%; color: $background; }
    ArticleView > .article-view--page { color: $foreground-muted 60%; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down,j", "line_down", "Line down", show=False, id="reader.line-down"),
        Binding("up,k", "line_up", "Line up", show=False, id="reader.line-up"),
        Binding("pagedown,space", "page_down", "Page down", show=False, id="reader.page-down"),
        Binding("pageup", "page_up", "Page up", show=False, id="reader.page-up"),
        Binding("g,home", "top", "Top", show=False, id="reader.top"),
        Binding("G,end", "bottom", "Bottom", show=False, id="reader.bottom"),
        Binding(
            "right_square_bracket",
            "next('sentence')",
            "Next sentence",
            show=False,
            key_display="]",
            id="reader.next-sentence",
        ),
        Binding(
            "left_square_bracket",
            "prev('sentence')",
            "Previous sentence",
            show=False,
            key_display="[",
            id="reader.prev-sentence",
        ),
        Binding(
            "right_curly_bracket",
            "next('paragraph')",
            "Next paragraph",
            show=False,
            key_display="}",
            id="reader.next-paragraph",
        ),
        Binding(
            "left_curly_bracket",
            "prev('paragraph')",
            "Previous paragraph",
            show=False,
            key_display="{",
            id="reader.prev-paragraph",
        ),
        Binding("w,right", "next('word')", "Next word", show=False, id="reader.next-word"),
        Binding("b,left", "prev('word')", "Previous word", show=False, id="reader.prev-word"),
        Binding(
            "v",
            "toggle_select",
            "Select",
            tooltip="select from the word under the cursor; motions extend it, h highlights it",
            id="reader.select",
        ),
        Binding(
            "escape",
            "cancel",
            "Cancel",
            show=False,
            tooltip="cancel the selection",
            id="reader.cancel",
        ),
        Binding(
            "colon",
            "go_to_page",
            "Go to page",
            show=False,
            key_display=":",
            tooltip=(
                "go to a page by its printed label (xii, 12) in a PDF or EPUB with a page list, "
                "or to a chapter by name or number"
            ),
            id="reader.go-to-page",
        ),
    ]

    @dataclass
    class CursorMoved(Message):
        """The cursor or the selection changed."""

        view: ArticleView
        offset: int
        selection: tuple[int, int] | None

        @property
        def control(self) -> ArticleView:
            return self.view

    @dataclass
    class HighlightClicked(Message):
        """The user clicked a highlight."""

        view: ArticleView
        annotation_id: str

        @property
        def control(self) -> ArticleView:
            return self.view

    def __init__(
        self,
        *,
        position: ReadingPosition | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes)
        # The cursor, selection and layout live in position, the open article's own (handed in
        # by the screen, see tui/position.py); the properties below read and write it.
        self.position = position if position is not None else ReadingPosition()
        self.article: Article | None = None
        self.units: Units | None = None
        self.measure_limit = 76
        self.annotations: list[Annotation] = []
        self.stances: tuple[Stance, ...] = ()
        self.find_matches: list[tuple[int, int]] = []
        self.find_current = -1
        self._ann_starts: list[int] = []
        self._ann_max_end: list[int] = []
        self._page_starts: list[int] = []  # where each page of the open article starts
        self._goal_column: int | None = None
        self._palette: Palette | None = None
        self._drag_from: int | None = None
        self._dragged = False
        self._strip_cache: dict[int, Strip] = {}
        self._message: list[tuple[str, str]] = []
        self._held = HeldKeys(self, HOLD_SECONDS)
        # Where the view of a newly shown article must start (offset, exact), until the widget
        # has its real size and the view could be placed there; see `_place_view`.
        self._pending_view: tuple[int, bool] | None = None
        self._place_tries = 0  # refreshes waited for the size; placed as is after PLACE_TRIES
        self._release_when_placed = False

    # -- the reading position (kept in `position`, not here) -----------------------------------
    @property
    def cursor(self) -> int:
        """The cursor's offset in the text."""
        return self.position.cursor

    @cursor.setter
    def cursor(self, offset: int) -> None:
        self.position.cursor = offset

    @property
    def selection(self) -> tuple[int, int] | None:
        """The selected span of the text, if any."""
        return self.position.selection

    @selection.setter
    def selection(self, span: tuple[int, int] | None) -> None:
        self.position.selection = span

    @property
    def select_anchor(self) -> tuple[int, int] | None:
        """The span `v` started from, while selecting."""
        return self.position.select_anchor

    @select_anchor.setter
    def select_anchor(self, span: tuple[int, int] | None) -> None:
        self.position.select_anchor = span

    @property
    def layout_(self) -> Layout | None:
        """The article wrapped to the measure (None until wrapped)."""
        return self.position.layout

    @layout_.setter
    def layout_(self, layout: Layout | None) -> None:
        self.position.layout = layout

    # -- keys typed while an article loads -------------------------------------------------------
    def hold_keys(self) -> None:
        """Keep the keys that arrive from now on until `release_keys`.

        An article is loading: keys typed meanwhile (`G`, `]`, `h`) are meant for it, not for the
        article still on screen. Let go after a few seconds at the latest, so a load that never
        reports back cannot swallow the keyboard.
        """
        self._held.hold(lambda: self.release_keys(force=True))

    def release_keys(self, *, force: bool = False) -> None:
        """Act on the held keys, in the order they were typed (once the view is placed: a key
        must act on what the user sees; force, after HOLD_SECONDS, lets them go regardless)."""
        if self._pending_view is not None and self._held.holding and not force:
            self._release_when_placed = True
            return
        self._release_when_placed = False
        self._held.release()

    async def _on_key(self, event: events.Key) -> None:
        if self.app.focused is self and self._held.keep(event):
            return
        await super()._on_key(event)

    # -- content ---------------------------------------------------------------------------------
    def show(
        self,
        article: Article,
        cursor: int = 0,
        top_offset: int | None = None,
        layout: Layout | None = None,
    ) -> None:
        """Display article with the cursor at an offset (and the view starting at top_offset).

        A layout built ahead (in a worker) is used when it was wrapped to the current measure.
        """
        self._message = []
        self.article = article
        self.units = Units(article)
        self._page_starts = [p.start for p in article.pages]
        self.selection = None
        self.select_anchor = None
        self.find_matches = []
        self.find_current = -1
        self.cursor = max(0, min(cursor, max(0, len(article.text) - 1)))
        if layout is not None and layout.article is article and layout.measure == self.measure:
            self.layout_ = layout
            self.virtual_size = Size(self.scrollable_content_region.width, layout.height)
            self._invalidate()
        else:
            self.layout_ = None
            self._relayout()
        anchor = top_offset if top_offset is not None else self.cursor
        self._view_from(anchor, exact=top_offset is not None)
        self._post_cursor()

    def _view_from(self, anchor: int, *, exact: bool) -> None:
        """Scroll so offset anchor is the first line shown (exact) or near the top, as soon as
        the reader has its size (see `_place_view`)."""
        self._pending_view = (anchor, exact)
        self._place_tries = 0
        self._place_view()

    def _place_view(self) -> None:
        """Scroll a newly shown article to its saved place once that can be done.

        Until the widget has its size from a layout, its scroll range is unknown and a scroll
        is clamped to the top; on a busy machine the article can arrive before that layout.
        So the place is kept pending (and reported by `top_offset`, so it is never saved as 0)
        and tried again after each refresh and resize until it holds.
        """
        pending, article, layout = self._pending_view, self.article, self.layout_
        if pending is None or article is None:
            self._pending_view = None
            return
        self._place_tries += 1
        unsized = not self.size or not self.container_size
        if unsized or self.scrollable_content_region.height < 1:
            if self._place_tries < PLACE_TRIES:
                self.call_after_refresh(self._place_view)  # no layout yet: after the next one
            else:  # hidden, or no room at all: placed at the next resize; free the keys
                self.release_keys(force=True)
            return
        if layout is None or layout.measure != self.measure:
            layout = self.layout_ = Layout.for_article(article, self.measure)
            self._invalidate()
        height = Size(self.scrollable_content_region.width, layout.height)
        if self.virtual_size != height:
            self.virtual_size = height
        anchor, exact = pending
        y = layout.y_of_offset(anchor) if anchor > 0 else 0
        y = max(0, y - (0 if exact else SCROLL_OFF))
        y = min(y, self.max_scroll_y)
        if int(self.scroll_y) != y:
            self.scroll_to(y=y, animate=False)
        if int(self.scroll_y) != y and self._place_tries < PLACE_TRIES:
            self.call_after_refresh(self._place_view)  # the scroll range is not applied yet
            return
        self._pending_view = None
        # A smaller terminal than last time: keep the cursor in view, so no key acts unseen.
        self.scroll_cursor_visible()
        self._post_cursor()  # the status line's percentage follows the view
        if self._release_when_placed:
            self.release_keys()

    def show_message(self, title: str, lines: list[str]) -> None:
        """With no article open, show a short message (a welcome, or how to import)."""
        self.clear()
        self._message = [("title", title), ("blank", ""), *(("line", line) for line in lines)]
        self._invalidate()

    def clear(self) -> None:
        """Show nothing."""
        self._message = []
        self.article = None
        self.units = None
        self.layout_ = None
        self._pending_view = None
        self.virtual_size = Size(0, 0)
        self._invalidate()

    def set_annotations(self, annotations: list[Annotation]) -> None:
        """Replace the highlights drawn (orphaned ones are not drawn)."""
        live = sorted((a for a in annotations if not a.orphaned), key=lambda a: (a.start, a.end))
        self.annotations = live
        self._ann_starts = [a.start for a in live]
        running = -1
        self._ann_max_end = []
        for a in live:
            running = max(running, a.end)
            self._ann_max_end.append(running)
        self._invalidate()

    def set_stances(self, stances: tuple[Stance, ...]) -> None:
        """Use a stance vocabulary for highlight colours."""
        self.stances = stances
        self._palette = None
        self._invalidate()

    def set_measure(self, measure: int) -> None:
        """Change the reading measure (columns) and re-wrap."""
        self.measure_limit = measure
        self._relayout()

    def set_find(self, matches: list[tuple[int, int]], current: int = -1) -> None:
        """Mark find matches (and which one is current)."""
        self.find_matches = matches
        self.find_current = current
        self._invalidate()

    @property
    def top_offset(self) -> int:
        """The offset of the first text line in view (the reading position)."""
        layout = self.layout_
        if self._pending_view is not None and self.article is not None:
            anchor, exact = self._pending_view  # not placed yet: where it will be
            return anchor if exact else self.cursor
        if layout is None or not layout.text_lines:
            return 0
        y = int(self.scroll_y)
        while y < layout.height:
            index = layout.text_index_at(y)
            if index is not None:
                return layout.span_of_text_index(index)[0]
            y += 1
        return 0

    def highlight_at(self, offset: int) -> Annotation | None:
        """The innermost highlight containing offset."""
        found = [a for a in self._annotations_over(offset, offset + 1)]
        if not found:
            return None
        return min(found, key=lambda a: (a.end - a.start, -a.start))

    # -- layout ----------------------------------------------------------------------------------
    @property
    def measure(self) -> int:
        """The text column width for the current size."""
        available = max(20, self.scrollable_content_region.width - 2)
        return min(self.measure_limit, available)

    @property
    def margin(self) -> int:
        """Left margin that centres the text column."""
        return max(1, (self.scrollable_content_region.width - self.measure) // 2)

    def _relayout(self) -> None:
        if self.article is None:
            return
        old = self.layout_
        keep_row = None
        if old is not None and self._pending_view is None:
            keep_row = old.y_of_offset(self.cursor) - int(self.scroll_y)
        self.layout_ = Layout.for_article(self.article, self.measure)
        self.virtual_size = Size(self.scrollable_content_region.width, self.layout_.height)
        if keep_row is not None:
            self._keep_row(self.article, keep_row)
            # The new scroll range applies after the next refresh: scroll again then.
            self.call_after_refresh(self._keep_row, self.article, keep_row)
        self._invalidate()

    def _keep_row(self, article: Article, row: int) -> None:
        """Keep the cursor's line on screen row `row` (or at least in view) after a re-wrap."""
        if self.article is not article or self.layout_ is None:
            return
        y = self.layout_.y_of_offset(self.cursor) - row
        if int(self.scroll_y) != max(0, y):
            self.scroll_to(y=max(0, y), animate=False)
        self.scroll_cursor_visible()

    def on_resize(self, event: events.Resize) -> None:
        """Re-wrap to the new width, keeping the cursor where it was on screen."""
        if self._pending_view is not None:
            self._place_view()
            return
        if self.article is not None and (
            self.layout_ is None or self.layout_.measure != self.measure
        ):
            self._relayout()
        else:
            self._invalidate()

    def _invalidate(self) -> None:
        self._strip_cache.clear()
        self.refresh()

    # -- palette ---------------------------------------------------------------------------------
    def on_mount(self) -> None:
        self.app.theme_changed_signal.subscribe(self, lambda _theme: self._reset_palette())

    def on_focus(self) -> None:
        self._invalidate()

    def on_blur(self) -> None:
        self._invalidate()

    def _reset_palette(self) -> None:
        self._palette = None
        self._invalidate()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._palette = None
        self._strip_cache.clear()

    def palette(self) -> Palette:
        """The styles for the current theme, built once per theme change."""
        if self._palette is not None:
            return self._palette
        component = self.get_component_rich_style
        background = self.background_colors[1]
        foreground = self.styles.color
        base = Style(color=foreground.rich_color, bgcolor=background.rich_color)
        strength = 0.42 if self.app.current_theme.dark else 0.32

        def tint(color: str) -> Style:
            try:
                parsed = Color.parse(color)
            except Exception:  # a colour Textual cannot parse: fall back to grey
                parsed = Color.parse(UNKNOWN_STANCE_COLOR)
            return Style(bgcolor=background.blend(parsed, strength).rich_color)

        stances: dict[str | None, Style] = {s.name.casefold(): tint(s.color) for s in self.stances}
        stances[None] = tint(NO_STANCE_COLOR)
        self._palette = Palette(
            base=base,
            title=component("article-view--title"),
            subtitle=Style(italic=True),
            byline=component("article-view--byline"),
            url=component("article-view--url"),
            rule=component("article-view--byline"),
            heading=component("article-view--heading"),
            quote=component("article-view--quote"),
            quote_bar=component("article-view--quote-bar"),
            bullet=component("article-view--quote-bar"),
            sentence=Style(bgcolor=background.blend(foreground, 0.09).rich_color),
            cursor=component("article-view--cursor"),
            selection=component("article-view--selection"),
            find=component("article-view--find"),
            find_current=component("article-view--find-current"),
            focus_ring=Style(underline=True),
            stances=stances,
            unknown_stance=tint(UNKNOWN_STANCE_COLOR) + Style(underline=True),
            page=component("article-view--page"),
        )
        return self._palette

    # -- rendering -------------------------------------------------------------------------------
    def render_line(self, y: int) -> Strip:
        """Draw screen line y of the view."""
        width = self.scrollable_content_region.width
        layout = self.layout_
        document_y = int(self.scroll_y) + y
        palette = self.palette()
        if layout is None and self._message:
            return self._message_line(y, palette, width)
        if layout is None or document_y >= layout.height:
            return Strip.blank(width, palette.base)
        strip = self._strip_cache.get(document_y)
        if strip is None:
            line = layout.line(document_y)
            strip = self._draw(line, palette, width)
            if self._page_starts:
                strip = self._with_page_marker(strip, line, document_y, palette, width)
            self._strip_cache[document_y] = strip
        return strip.apply_offsets(0, document_y)

    def _message_line(self, y: int, palette: Palette, width: int) -> Strip:
        top = max(1, self.scrollable_content_region.height // 3)
        index = y - top
        if not 0 <= index < len(self._message):
            return Strip.blank(width, palette.base)
        kind, value = self._message[index]
        style = palette.base + (palette.title if kind == "title" else palette.byline)
        left = max(1, (width - max(len(v) for _, v in self._message)) // 2)
        return (
            Strip([Segment(" " * left, palette.base), Segment(value, style)])
            .extend_cell_length(width, palette.base)
            .crop(0, width)
        )

    def _draw(self, line: ScreenLine, palette: Palette, width: int) -> Strip:
        margin = self.margin
        segments: list[Segment] = [Segment(" " * margin, palette.base)]
        if line.kind == "header":
            style = {
                "section": palette.byline + Style(bold=True),
                "title": palette.title,
                "subtitle": palette.subtitle,
                "byline": palette.byline,
                "url": palette.url,
            }.get(line.header_style, Style())
            segments.append(Segment(for_display_cells(line.header_text), palette.base + style))
        elif line.kind == "rule":
            segments.append(Segment("─" * self.measure, palette.base + palette.rule))
        elif line.kind == "text":
            segments.extend(self._text_segments(line, palette))
        return Strip(segments).extend_cell_length(width, palette.base).crop(0, width)

    def _with_page_marker(
        self, strip: Strip, line: ScreenLine, y: int, palette: Palette, width: int
    ) -> Strip:
        """The line with a quiet "p. 12" where printed page 12 starts: on the blank line above a
        paragraph that starts the page, else in the right margin or after the line's words."""
        marker = self._page_marker(line, y)
        if not marker:
            return strip
        end = self.margin + self.measure  # right-aligned to the text column
        if line.kind == "text" and width - end - 1 >= len(marker):
            end = width - 1  # in the right margin, where there is room for it
        start = end - len(marker)
        if start <= cell_len(strip.text.rstrip()):  # never over the line's own words
            return strip
        mark = Strip([Segment(marker, palette.base + palette.page)])
        return Strip.join([strip.crop(0, start), mark, strip.crop(end, width)])

    def _page_marker(self, line: ScreenLine, y: int) -> str:
        """ "p. 12" for the screen line that marks printed page 12's start, else "" (chapters
        have their headings and get none)."""
        article = self.article
        layout = self.layout_
        starts = self._page_starts
        if article is None or layout is None or article.locator != "page":
            return ""
        if line.kind == "blank":  # above a paragraph that starts a page
            following = layout.line(y + 1) if y + 1 < layout.height else None
            if following is None or following.kind != "text" or not following.first:
                return ""
            index = bisect_left(starts, following.start)
            hit = index < len(starts) and starts[index] == following.start
        elif line.kind == "text" and line.start < line.end:
            index = bisect_left(starts, line.start)
            hit = index < len(starts) and starts[index] < line.end
            if hit and starts[index] == line.start and line.first and y > 0:
                hit = layout.line(y - 1).kind != "blank"  # else the blank line above has it
        else:
            return ""
        return f"p. {for_display_cells(article.pages[index].label)}" if hit else ""

    # -- pages -----------------------------------------------------------------------------------
    def page_label(self) -> str | None:
        """Where the cursor is, as the status line says it: "p. 12", or the chapter's name;
        None for an article without pages."""
        article = self.article
        if article is None or not article.pages:
            return None
        page = article.page_at(self.cursor)
        if page is None:
            return None
        label = clean_inline(page.label)
        return f"p. {label}" if article.locator == "page" else label[:40]

    def find_page(self, wanted: str) -> int | None:
        """The start of the page whose printed label is wanted ("xii", "12"; any case), or of
        the chapter with that name or number."""
        article = self.article
        if article is None or not wanted.strip():
            return None
        wanted = wanted.strip().casefold().removeprefix("p.").strip()
        for page in article.pages:
            if page.label.casefold() == wanted:
                return page.start
        if (
            article.locator == "chapter"
            and is_number(wanted)
            and 0 < int(wanted) <= len(article.pages)
        ):
            return article.pages[int(wanted) - 1].start
        return None

    def action_go_to_page(self) -> None:
        """Ask for a printed page label and put the cursor at that page's start."""
        article = self.article
        if article is None:
            return
        from tui.dialogs.prompt import PromptDialog

        if not article.pages:
            # The prompt opens all the same, saying so: what is typed after `:` goes into it,
            # never to the reader's keys (`:3⏎` typed ahead set the stance of a highlight).
            dialog = PromptDialog("Go to page", hint=NO_PAGES)
        elif article.locator == "page":
            first, last = article.pages[0].label, article.pages[-1].label
            dialog = PromptDialog("Go to page", hint=f"as printed: {first} … {last}")
        else:
            dialog = PromptDialog("Go to chapter", hint="a chapter's name or number")
        self.app.push_screen(dialog, self._go_to_page)

    def _go_to_page(self, wanted: str | None) -> None:
        if wanted is None or self.article is None:
            return
        if not self.article.pages:
            self.notify(NO_PAGES, severity="warning")
            return
        offset = self.find_page(wanted)
        if offset is None:
            self.notify(
                f"No page “{clean_inline(wanted)[:40]}” in this article.", severity="warning"
            )
            return
        self.move_cursor(offset, scroll=False)
        self._view_from(offset, exact=True)

    def _text_segments(self, line: ScreenLine, palette: Palette) -> list[Segment]:
        assert self.article is not None and self.layout_ is not None
        kind = self.layout_.block_kind(line.block)
        out: list[Segment] = []
        base = palette.base
        if kind == "blockquote":
            out.append(Segment("  ▎ ", base + palette.quote_bar))
            base = base + palette.quote
        elif kind == "list_item":
            out.append(
                Segment("• " if line.first else " " * PREFIX_CELLS[kind], base + palette.bullet)
            )
        elif kind == "heading":
            base = base + palette.heading
        start, end = line.start, line.end
        text = self.article.text
        if start == end:  # an empty line cannot hold text, but may hold the cursor
            if self.has_focus and start == self.cursor:
                out.append(Segment(" ", base + palette.cursor))
            return out
        runs = self._style_runs(start, end, palette)
        cuts = sorted({start, end, *(p for s, e, _ in runs for p in (s, e) if start < p < end)})
        for lo, hi in pairwise(cuts):
            style = base
            for s, e, extra in runs:
                if s <= lo and hi <= e:
                    style = style + extra
            # One placeholder per bidi control or invisible character: the same length, so the
            # columns the layout counted stay true.
            out.append(Segment(for_display_cells(text, lo, hi), style))
        return out

    def _style_runs(self, start: int, end: int, palette: Palette) -> list[tuple[int, int, Style]]:
        """Styled spans overlapping [start, end), in drawing order (later wins)."""
        runs: list[tuple[int, int, Style]] = []
        units = self.units
        if units is not None and self.selection is None:
            sentence = units.at("sentence", self.cursor)
            if sentence and sentence[0] < end and sentence[1] > start:
                runs.append((sentence[0], sentence[1], palette.sentence))
        under_cursor = self.highlight_at(self.cursor)
        for annotation in self._annotations_over(start, end):
            key = annotation.stance.casefold() if annotation.stance else None
            style = palette.stances.get(key, palette.unknown_stance)
            if annotation is under_cursor:
                style = style + palette.focus_ring
            runs.append((annotation.start, annotation.end, style))
        lo = bisect_left(self.find_matches, (start - 10_000, 0))
        for i in range(lo, len(self.find_matches)):
            s, e = self.find_matches[i]
            if s >= end:
                break
            if e > start:
                runs.append(
                    (s, e, palette.find_current if i == self.find_current else palette.find)
                )
        if self.selection is not None:
            s, e = self.selection
            if s < end and e > start:
                runs.append((s, e, palette.selection))
        if self.has_focus and start <= self.cursor < end:
            runs.append((self.cursor, self.cursor + 1, palette.cursor))
        return [(max(s, start), min(e, end), style) for s, e, style in runs]

    def _annotations_over(self, start: int, end: int) -> list[Annotation]:
        """Highlights overlapping [start, end), using the running maximum of ends to stop early."""
        i = bisect_right(self._ann_starts, end - 1) - 1
        found: list[Annotation] = []
        while i >= 0 and self._ann_max_end[i] > start:
            annotation = self.annotations[i]
            if annotation.end > start and annotation.start < end:
                found.append(annotation)
            i -= 1
        found.reverse()
        return found

    # -- cursor ----------------------------------------------------------------------------------
    def move_cursor(self, offset: int, *, keep_goal: bool = False, scroll: bool = True) -> None:
        """Put the cursor at offset, extend the selection when selecting, keep it in view."""
        if self.article is None:
            return
        size = len(self.article.text)
        # The selection may reach the end of the text; the drawn cursor stays on a character.
        head = max(0, min(offset, size))
        self.cursor = min(head, max(0, size - 1))
        if not keep_goal:
            self._goal_column = None
        if self.select_anchor is not None:
            lo = min(self.select_anchor[0], head)
            hi = max(self.select_anchor[1], head)
            self.selection = self._trim(lo, hi)
        if scroll:
            self.scroll_cursor_visible()
        self._invalidate()
        self._post_cursor()

    def select(self, start: int, end: int, *, cursor: int | None = None) -> None:
        """Make [start, end) the selection (as find does) with the cursor at its start."""
        self.select_anchor = None
        self.selection = (start, end) if end > start else None
        self.move_cursor(start if cursor is None else cursor)

    def clear_selection(self) -> None:
        """Drop the selection and leave selection mode."""
        self.select_anchor = None
        self.selection = None
        self._invalidate()
        self._post_cursor()

    def _trim(self, start: int, end: int) -> tuple[int, int] | None:
        assert self.article is not None
        text = self.article.text
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        return (start, end) if end > start else None

    def scroll_cursor_visible(self) -> None:
        """Scroll just enough that the cursor line is in view with a little context."""
        self.reveal(self.cursor)

    def reveal(self, offset: int) -> None:
        """Scroll just enough that the line of offset is in view with a little context."""
        if self.layout_ is None or self._pending_view is not None:
            return
        y = self.layout_.y_of_offset(offset)
        height = self.scrollable_content_region.height
        top = int(self.scroll_y)
        margin = min(SCROLL_OFF, max(0, (height - 1) // 2))
        if y < top + margin:
            self.scroll_to(y=max(0, y - margin), animate=False)
        elif y > top + height - 1 - margin:
            self.scroll_to(y=y - height + 1 + margin, animate=False)

    def _post_cursor(self) -> None:
        self.post_message(self.CursorMoved(self, self.cursor, self.selection))

    def watch_scroll_y(self, old: float, new: float) -> None:
        """After a wheel or scrollbar scroll, bring the cursor into view (readers expect it)."""
        super().watch_scroll_y(old, new)
        layout = self.layout_
        if layout is None or not layout.text_lines or self._drag_from is not None:
            return
        if self._pending_view is not None:
            return  # the view is still being placed: the cursor is where it was left
        top = int(new)
        height = self.scrollable_content_region.height
        y = layout.y_of_offset(self.cursor)
        if top <= y < top + height:
            return
        target_y = top if y < top else top + height - 1
        step = 1 if y < top else -1
        while 0 <= target_y < layout.height and layout.text_index_at(target_y) is None:
            target_y += step
        index = layout.text_index_at(target_y) if 0 <= target_y < layout.height else None
        if index is not None:
            self.cursor = layout.span_of_text_index(index)[0]
            if self.select_anchor is not None:
                self.selection = self._trim(
                    min(self.select_anchor[0], self.cursor), max(self.select_anchor[1], self.cursor)
                )
            self._post_cursor()

    # -- actions ---------------------------------------------------------------------------------
    def _vertical(self, lines: int) -> None:
        layout = self.layout_
        if layout is None or not layout.text_lines:
            return
        index = layout.text_index_of_offset(self.cursor)
        if self._goal_column is None:
            self._goal_column = layout.column_of_offset(self.cursor)
        target = max(0, min(layout.text_lines - 1, index + lines))
        self.move_cursor(layout.offset_in_line(target, self._goal_column), keep_goal=True)

    def action_line_down(self) -> None:
        self._vertical(1)

    def action_line_up(self) -> None:
        self._vertical(-1)

    def _page(self, direction: int) -> None:
        layout = self.layout_
        if layout is None or not layout.text_lines:
            return
        height = max(1, self.scrollable_content_region.height - 2)
        row = layout.y_of_offset(self.cursor) - int(self.scroll_y)
        self.scroll_to(y=max(0, int(self.scroll_y) + direction * height), animate=False)
        target_y = min(layout.height - 1, max(0, int(self.scroll_y) + row))
        # Land on a text line near the same screen row.
        for delta in range(0, layout.height):
            for candidate in (target_y + delta, target_y - delta):
                if 0 <= candidate < layout.height and layout.text_index_at(candidate) is not None:
                    index = layout.text_index_at(candidate)
                    assert index is not None
                    self.move_cursor(layout.span_of_text_index(index)[0])
                    return

    def action_page_down(self) -> None:
        if self.layout_ is not None:
            bottom = self.layout_.height - self.scrollable_content_region.height
            if int(self.scroll_y) >= bottom:
                self.action_bottom()
                return
        self._page(1)

    def action_page_up(self) -> None:
        if int(self.scroll_y) <= 0:
            self.action_top()
            return
        self._page(-1)

    def action_top(self) -> None:
        self.scroll_to(y=0, animate=False)
        self.move_cursor(0, scroll=False)

    def action_bottom(self) -> None:
        if self.article is None or self.layout_ is None:
            return
        last = self.layout_.text_lines - 1
        self.scroll_to(y=self.layout_.height, animate=False)
        self.move_cursor(self.layout_.span_of_text_index(max(0, last))[0])

    def action_next(self, unit: Unit) -> None:
        if self.units is None:
            return
        if self.select_anchor is not None:
            self.move_cursor(self.units.next_end(unit, self.cursor))
        else:
            self.move_cursor(self.units.next_start(unit, self.cursor))

    def action_prev(self, unit: Unit) -> None:
        if self.units is None:
            return
        self.move_cursor(self.units.prev_start(unit, self.cursor))

    def action_toggle_select(self) -> None:
        """Start a selection at the word under the cursor, or end selection mode."""
        if self.units is None:
            return
        if self.select_anchor is not None:
            self.select_anchor = None
            self._invalidate()
            self._post_cursor()
            return
        word = self.units.at("word", self.cursor) or (self.cursor, self.cursor + 1)
        self.select_anchor = word
        self.selection = self._trim(*word)
        self._invalidate()
        self._post_cursor()

    def action_cancel(self) -> None:
        if self.selection is not None or self.select_anchor is not None:
            self.clear_selection()
        elif self.find_matches:
            self.set_find([])
            self._post_cursor()  # the screen drops the find status

    # -- mouse -----------------------------------------------------------------------------------
    def _offset_at_event(self, x: int, y: int) -> int | None:
        layout = self.layout_
        if layout is None or not layout.text_lines:
            return None
        document_y = int(self.scroll_y) + y
        index = layout.text_index_at(document_y)
        if index is None:
            # Between paragraphs or in the header: the nearest text line below (or above).
            nearest = layout.text_index_of_offset(0)
            for candidate in range(document_y, layout.height):
                found = layout.text_index_at(candidate)
                if found is not None:
                    nearest = found
                    break
            else:
                nearest = layout.text_lines - 1
            return layout.span_of_text_index(nearest)[0]
        block_kind = layout.block_kind(layout.line(document_y).block)
        column = x - self.margin - PREFIX_CELLS[block_kind]
        return layout.offset_in_line(index, column)

    def on_mouse_down(self, event: events.MouseDown) -> None:
        offset = self._offset_at_event(event.x, event.y)
        if offset is None:
            return
        self.focus()
        self._drag_from = offset
        self._dragged = False
        self.capture_mouse()
        self.select_anchor = None
        self.selection = None
        self.move_cursor(offset, scroll=False)

    def on_mouse_move(self, event: events.MouseMove) -> None:
        if self._drag_from is None or self.units is None:
            return
        offset = self._offset_at_event(event.x, event.y)
        if offset is None or (offset == self._drag_from and not self._dragged):
            return
        self._dragged = True
        lo, hi = sorted((self._drag_from, offset))
        self.selection = self._trim(*self.units.snap(lo, hi + 1))
        self.cursor = offset
        self._invalidate()
        self._post_cursor()

    def on_mouse_up(self, event: events.MouseUp) -> None:
        if self._drag_from is None:
            return
        self.release_mouse()
        dragged = self._dragged
        self._drag_from = None
        self._dragged = False
        if not dragged:
            found = self.highlight_at(self.cursor)
            if found is not None:
                self.post_message(self.HighlightClicked(self, found.id))
