"""The library pane's list: a Line API list that stays fast with tens of thousands of articles."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import ClassVar, Literal

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding, BindingType
from textual.color import Color, ColorParseError
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from library.config import Stance
from library.display import for_display_cells
from library.model import ArticleMeta
from library.text import clean_inline
from tui.widgets.typeahead import TypeAhead

SortKey = Literal["date", "title", "recent"]
SORT_KEYS: tuple[SortKey, ...] = ("date", "title", "recent")
ROW_HEIGHT = 2


@dataclass(slots=True)
class LibraryItem:
    """One article as the list shows it."""

    meta: ArticleMeta
    # Highlights by stance, None until counted (ten thousand empty Counters cost 10 ms).
    counts: Mapping[str | None, int] | None = None
    last_read: str = ""
    _haystack: str | None = None

    @property
    def haystack(self) -> str:
        """What filtering searches: title, authors, publication, tags and id, case-folded."""
        if self._haystack is None:
            meta = self.meta
            self._haystack = " ".join(
                [meta.title, *meta.authors, meta.publication or "", *meta.tags, meta.id]
            ).casefold()
        return self._haystack


class LibraryList(TypeAhead, ScrollView, can_focus=True):
    """Articles, two lines each: title, then date · publication · highlights with a stance tally."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "library-list--cursor",
        "library-list--dim",
        "library-list--open",
    }
    DEFAULT_CSS = """
    LibraryList { background: $surface; overflow-x: hidden; }
    LibraryList > .library-list--cursor { background: $block-cursor-blurred-background; }
    LibraryList:focus > .library-list--cursor {
        background: $block-cursor-background; color: $block-cursor-foreground;
    }
    LibraryList > .library-list--dim { color: $foreground-muted; }
    LibraryList > .library-list--open { text-style: bold; color: $text-accent; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down,j", "cursor_down", "Down", show=False, id="library.down"),
        Binding("up,k", "cursor_up", "Up", show=False, id="library.up"),
        Binding("pagedown,space", "page_down", "Page down", show=False, id="library.page-down"),
        Binding("pageup", "page_up", "Page up", show=False, id="library.page-up"),
        Binding("g,home", "first", "First", show=False, id="library.first"),
        Binding("G,end", "last", "Last", show=False, id="library.last"),
        Binding("enter", "choose", "Open", id="library.open"),
        Binding("o", "cycle_sort", "Sort", id="library.sort"),
    ]

    @dataclass
    class Chosen(Message):
        """The user opened an article from the list."""

        article_id: str

    @dataclass
    class SortChanged(Message):
        """The sort order changed."""

        sort: SortKey

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.items: list[LibraryItem] = []
        self._sorted: list[LibraryItem] | None = None
        self.shown: list[LibraryItem] = []
        self.filter_text = ""
        self.sort: SortKey = "date"
        self.cursor = 0
        self.open_id: str | None = None
        self.stances: tuple[Stance, ...] = ()

    # -- data ------------------------------------------------------------------------------------
    def set_items(self, items: list[LibraryItem]) -> None:
        """Replace the articles, keeping the cursor on the same article when it is still there."""
        keep = self.current.meta.id if self.current else None
        self.items = items
        self._sorted = None
        self._apply(keep)

    def set_filter(self, query: str) -> None:
        """Show only articles whose title, authors, publication or tags contain every word."""
        narrowing = query.casefold().startswith(self.filter_text.casefold())
        self.filter_text = query
        # Typing one more letter can only narrow the matches: look only at those.
        self._apply(None, within=self.shown if narrowing and self.filter_text else None)

    def set_sort(self, sort: SortKey) -> None:
        """Order by publication date, title or when last read."""
        keep = self.current.meta.id if self.current else None
        self.sort = sort
        self._sorted = None
        self._apply(keep)

    def _all_sorted(self) -> list[LibraryItem]:
        """Every article in the current order (sorted once per sort key and item set)."""
        if self._sorted is None:
            items = self.items
            if self.sort == "title":
                self._sorted = sorted(items, key=lambda i: i.meta.title.casefold())
            elif self.sort == "recent":
                self._sorted = sorted(
                    items, key=lambda i: (i.last_read, i.meta.imported), reverse=True
                )
            else:
                self._sorted = sorted(
                    items, key=lambda i: (i.meta.published or "", i.meta.imported), reverse=True
                )
        return self._sorted

    def _apply(self, keep: str | None, within: list[LibraryItem] | None = None) -> None:
        words = self.filter_text.casefold().split()
        items = within if within is not None else self._all_sorted()
        if words:
            items = [i for i in items if all(w in i.haystack for w in words)]
        self.shown = items
        self.cursor = 0
        if keep is not None:
            for index, item in enumerate(items):
                if item.meta.id == keep:
                    self.cursor = index
                    break
        self.virtual_size = Size(self.scrollable_content_region.width, len(items) * ROW_HEIGHT)
        self._scroll_cursor_visible()
        self.refresh()

    @property
    def current(self) -> LibraryItem | None:
        """The article under the cursor."""
        if 0 <= self.cursor < len(self.shown):
            return self.shown[self.cursor]
        return None

    def select_id(self, article_id: str) -> None:
        """Move the cursor to an article if it is shown."""
        for index, item in enumerate(self.shown):
            if item.meta.id == article_id:
                self.cursor = index
                self._scroll_cursor_visible()
                self.refresh()
                return

    # -- rendering -------------------------------------------------------------------------------
    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        row_y = int(self.scroll_y) + y
        index, part = divmod(row_y, ROW_HEIGHT)
        base = self.rich_style
        if index >= len(self.shown):
            if not self.shown and y == 1:
                message = "No articles match." if self.filter_text else "No articles yet."
                dim = base + self.get_component_rich_style("library-list--dim")
                return Strip([Segment(f"  {message}", dim)]).extend_cell_length(width, base)
            return Strip.blank(width, base)
        item = self.shown[index]
        style = base
        if index == self.cursor:
            style = base + self.get_component_rich_style("library-list--cursor")
        if part == 0:
            title_style = style
            if item.meta.id == self.open_id:
                title_style = style + self.get_component_rich_style("library-list--open")
            title = for_display_cells(clean_inline(item.meta.title))
            if len(title) > width - 2:
                title = title[: max(1, width - 3)].rstrip() + "…"
            segments = [Segment(" "), Segment(title, title_style)]
        else:
            dim = style + self.get_component_rich_style("library-list--dim")
            segments = [Segment(" "), *self._details(item, dim)]
        return (
            Strip([Segment(s.text, s.style or style) for s in segments])
            .extend_cell_length(width, style)
            .crop(0, width)
        )

    def _details(self, item: LibraryItem, dim: Style) -> list[Segment]:
        # Date, then the highlight tally, then the publication (cut by the pane's width).
        meta = item.meta
        segments = [Segment(meta.published or "undated", dim)]
        counts = item.counts or {}
        total = sum(counts.values())
        if total:
            segments.append(Segment(f"  ✎{total} ", dim))
            for stance in self.stances:
                count = counts.get(stance.name.casefold(), 0)
                if count:
                    try:
                        color = Color.parse(stance.color).rich_color
                    except ColorParseError:
                        color = None
                    segments.append(
                        Segment("●" * min(count, 5), Style(color=color, bgcolor=dim.bgcolor))
                    )
        if meta.publication:
            segments.append(Segment(f"  {for_display_cells(clean_inline(meta.publication))}", dim))
        return segments

    # -- movement --------------------------------------------------------------------------------
    def _move(self, index: int) -> None:
        if not self.shown:
            return
        self.cursor = max(0, min(len(self.shown) - 1, index))
        self._scroll_cursor_visible()
        self.refresh()

    def _scroll_cursor_visible(self) -> None:
        height = self.scrollable_content_region.height
        top = self.cursor * ROW_HEIGHT
        if top < self.scroll_y:
            self.scroll_to(y=top, animate=False)
        elif top + ROW_HEIGHT > self.scroll_y + height:
            self.scroll_to(y=top + ROW_HEIGHT - height, animate=False)

    def action_cursor_down(self) -> None:
        self._move(self.cursor + 1)

    def action_cursor_up(self) -> None:
        self._move(self.cursor - 1)

    def action_page_down(self) -> None:
        self._move(self.cursor + max(1, self.scrollable_content_region.height // ROW_HEIGHT - 1))

    def action_page_up(self) -> None:
        self._move(self.cursor - max(1, self.scrollable_content_region.height // ROW_HEIGHT - 1))

    def action_first(self) -> None:
        self._move(0)

    def action_last(self) -> None:
        self._move(len(self.shown) - 1)

    def action_choose(self) -> None:
        if self.current is not None:
            self.post_message(self.Chosen(self.current.meta.id))

    def action_cycle_sort(self) -> None:
        self.set_sort(SORT_KEYS[(SORT_KEYS.index(self.sort) + 1) % len(SORT_KEYS)])
        self.post_message(self.SortChanged(self.sort))

    def on_click(self, event: events.Click) -> None:
        index = (int(self.scroll_y) + event.y) // ROW_HEIGHT
        if 0 <= index < len(self.shown):
            self.cursor = index
            self.refresh()
            self.post_message(self.Chosen(self.shown[index].meta.id))
