"""The library pane's list: a Line API list that stays fast with tens of thousands of articles."""

from __future__ import annotations

from array import array
from bisect import bisect_right
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import ClassVar, Literal, overload

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding, BindingType
from textual.color import Color, ColorParseError
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from library.catalogfile import Listing, date_order, title_order
from library.config import Stance
from library.display import display_line
from library.model import ArticleMeta
from tui.layout import wrap_spans
from tui.widgets.typeahead import TypeAhead

SortKey = Literal["date", "title", "recent"]
SORT_KEYS: tuple[SortKey, ...] = ("date", "title", "recent")
TITLE_LINES = 3  # a longer title is cut with an ellipsis on its third line
ROWS_GUESS = 3  # the height assumed for rows not measured yet (title lines + details)
MEASURE_AHEAD = 64  # rows measured at a time: a screenful or two, never all 10,000 at once


@dataclass(slots=True)
class LibraryItem:
    """One article as the list shows it."""

    meta: ArticleMeta
    # Highlights by stance, None until counted (ten thousand empty Counters cost 10 ms).
    counts: Mapping[str | None, int] | None = None
    last_read: str = ""
    _haystack: str | None = None
    _title: str | None = None
    _lines_width: int = 0  # the title width _lines was counted for
    _lines: int = 1

    @property
    def title(self) -> str:
        """The title as shown: one line, controls removed."""
        if self._title is None:
            self._title = display_line(self.meta.title)
        return self._title

    def title_lines(self, width: int) -> int:
        """How many lines the title takes when wrapped to width cells (at most TITLE_LINES)."""
        if self._lines_width != width:
            title = self.title
            if len(title) <= width and title.isascii():
                self._lines = 1
            else:
                self._lines = min(TITLE_LINES, len(wrap_spans(title, width)))
            self._lines_width = width
        return self._lines

    @property
    def haystack(self) -> str:
        """What filtering searches: title, authors, publication, tags and id, case-folded."""
        if self._haystack is None:
            meta = self.meta
            self._haystack = " ".join(
                [meta.title, *meta.authors, meta.publication or "", *meta.tags, meta.id]
            ).casefold()
        return self._haystack


class ListedItems(Sequence[LibraryItem]):
    """The list's items over the catalog saved last time, each built when first shown.

    The first screen shows the saved catalog before the article files are checked; building
    10,000 items and sorting them would cost ~45 ms before the first paint, so only the rows on
    screen are built, in the orders the catalog saved (the checked catalog replaces this at once).
    """

    def __init__(self, listing: Listing, recent: Mapping[str, str]) -> None:
        self._listing = listing
        self._recent = recent
        self._items: list[LibraryItem | None] = [None] * len(listing)

    def __len__(self) -> int:
        return len(self._items)

    @overload
    def __getitem__(self, index: int) -> LibraryItem: ...
    @overload
    def __getitem__(self, index: slice) -> list[LibraryItem]: ...
    def __getitem__(self, index: int | slice) -> LibraryItem | list[LibraryItem]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        item = self._items[index]
        if item is None:
            meta = self._listing[index]
            item = self._items[index] = LibraryItem(meta, last_read=self._recent.get(meta.id, ""))
        return item

    def __iter__(self) -> Iterator[LibraryItem]:
        for index in range(len(self)):
            yield self[index]

    def position(self, article_id: str) -> int | None:
        """Where an article is (in catalog order), or None."""
        return self._listing.position(article_id)

    def sorted_by(self, sort: SortKey) -> Ordered:
        """The items in a sort order, as `LibraryList` sorts them, without building them."""
        if sort == "recent":
            # Read articles by when (newest first, ties by import), then the rest as listed.
            read = sorted(p for a in self._recent if (p := self.position(a)) is not None)
            read.sort(key=lambda p: (self[p].last_read, self[p].meta.imported), reverse=True)
            chosen = set(read)
            order = read + [p for p in range(len(self)) if p not in chosen]
        else:
            found = self._listing.order("title" if sort == "title" else "date")
            order = found if found is not None else list(range(len(self)))
        return Ordered(self, order)


class Ordered(Sequence[LibraryItem]):
    """Listed items in an order given as positions."""

    def __init__(self, items: ListedItems, order: list[int]) -> None:
        self._base = items
        self._order = order

    def __len__(self) -> int:
        return len(self._order)

    @overload
    def __getitem__(self, index: int) -> LibraryItem: ...
    @overload
    def __getitem__(self, index: slice) -> list[LibraryItem]: ...
    def __getitem__(self, index: int | slice) -> LibraryItem | list[LibraryItem]:
        if isinstance(index, slice):
            return [self._base[p] for p in self._order[index]]
        return self._base[self._order[index]]

    def __iter__(self) -> Iterator[LibraryItem]:
        for position in self._order:
            yield self._base[position]

    def index_of(self, article_id: str) -> int | None:
        """Where an article is in this order, without building the items before it."""
        position = self._base.position(article_id)
        return None if position is None else self._order.index(position)


def index_of(items: Sequence[LibraryItem], article_id: str) -> int | None:
    """Where an article is among items, or None."""
    if isinstance(items, Ordered):
        return items.index_of(article_id)
    if isinstance(items, ListedItems):
        return items.position(article_id)
    for index, item in enumerate(items):
        if item.meta.id == article_id:
            return index
    return None


def fit_words(text: str, cells: int) -> str:
    """text within cells, cut after a whole word with … when it is longer; "" when not even
    its first word fits."""
    if cell_len(text) <= cells:
        return text
    words = text.split(" ")
    while words and cell_len(" ".join(words) + "…") > cells:
        words.pop()
    return " ".join(words) + "…" if words else ""


def title_rows(title: str, width: int) -> list[str]:
    """A title wrapped to width cells, on at most TITLE_LINES lines (the last one cut with …)."""
    spans = wrap_spans(title, width)
    rows = [title[start:end] for start, end in spans[:TITLE_LINES]]
    if len(spans) > TITLE_LINES:
        last = rows[-1]
        while last and cell_len(last) > width - 1:
            last = last[:-1]
        rows[-1] = last.rstrip() + "…"
    return rows


class LibraryList(TypeAhead, ScrollView, can_focus=True):
    """Articles: the title on up to three lines, then date · highlights · publication.

    Rows differ in height, so the list keeps the top line of each row; it measures rows only as
    far as the screen needs (a filter keystroke or the first paint never wraps 10,000 titles).
    """

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
        Binding("enter", "choose", "Open", tooltip="open the article", id="library.open"),
        Binding(
            "o",
            "cycle_sort",
            "Sort",
            tooltip="sort by publication date, title or when last read",
            id="library.sort",
        ),
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
        self.items: Sequence[LibraryItem] = []
        self._sorted: Sequence[LibraryItem] | None = None
        self.shown: Sequence[LibraryItem] = []
        self.filter_text = ""
        self.sort: SortKey = "date"
        self.cursor = 0
        self.open_id: str | None = None
        self.stances: tuple[Stance, ...] = ()
        self._tops = array("l", [0])  # the top line of each measured row, then the next free line
        self._tops_width = 0

    # -- data ------------------------------------------------------------------------------------
    def set_items(self, items: Sequence[LibraryItem]) -> None:
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

    def _all_sorted(self) -> Sequence[LibraryItem]:
        """Every article in the current order (sorted once per sort key and item set)."""
        if self._sorted is None:
            items = self.items
            if isinstance(items, ListedItems):
                self._sorted = items.sorted_by(self.sort)
            elif self.sort == "recent":
                self._sorted = sorted(
                    items, key=lambda i: (i.last_read, i.meta.imported), reverse=True
                )
            else:
                metas = [i.meta for i in items]
                order = title_order(metas) if self.sort == "title" else date_order(metas)
                self._sorted = [items[p] for p in order]
        return self._sorted

    def _apply(self, keep: str | None, within: Sequence[LibraryItem] | None = None) -> None:
        words = self.filter_text.casefold().split()
        items = within if within is not None else self._all_sorted()
        if words:
            items = [i for i in items if all(w in i.haystack for w in words)]
        self.shown = items
        self.cursor = 0
        if keep is not None:
            self.cursor = index_of(items, keep) or 0
        self._reset_rows()
        self._scroll_cursor_visible()
        self.refresh()

    # -- row geometry ----------------------------------------------------------------------------
    @property
    def _title_width(self) -> int:
        return max(8, self.scrollable_content_region.width - 2)

    def _reset_rows(self) -> None:
        """Forget the measured rows (the items or the width changed) and re-estimate the height."""
        self._tops = array("l", [0])
        self._tops_width = self._title_width
        self._update_virtual_size()

    def _measure_rows(self, upto: int) -> None:
        """Measure rows 0..upto (and a screenful more) if they are not measured yet."""
        if self._tops_width != self._title_width:
            self._tops = array("l", [0])
            self._tops_width = self._title_width
        tops = self._tops
        measured = len(tops) - 1
        if upto < measured:
            return
        stop = min(len(self.shown), upto + MEASURE_AHEAD)
        width = self._tops_width
        top = tops[-1]
        for item in self.shown[measured:stop]:
            top += item.title_lines(width) + 1
            tops.append(top)
        self._update_virtual_size()

    def _update_virtual_size(self) -> None:
        measured = len(self._tops) - 1
        height = self._tops[-1] + (len(self.shown) - measured) * ROWS_GUESS
        size = Size(self.scrollable_content_region.width, height)
        if size != self.virtual_size:
            self.virtual_size = size

    def row_top(self, index: int) -> int:
        """The first screen line of row index (in list coordinates)."""
        self._measure_rows(index)
        return self._tops[index]

    def row_height(self, index: int) -> int:
        """How many lines row index takes."""
        self._measure_rows(index)
        return self._tops[index + 1] - self._tops[index]

    def row_at(self, y: int) -> tuple[int, int]:
        """The row drawn at list line y and the line within it; index len(shown) past the end."""
        tops = self._tops
        while tops[-1] <= y and len(tops) - 1 < len(self.shown):
            self._measure_rows(len(tops) - 1)
            tops = self._tops
        index = bisect_right(tops, y) - 1
        if index >= len(self.shown):
            return len(self.shown), 0
        return index, y - tops[index]

    @property
    def current(self) -> LibraryItem | None:
        """The article under the cursor."""
        if 0 <= self.cursor < len(self.shown):
            return self.shown[self.cursor]
        return None

    def select_id(self, article_id: str) -> None:
        """Move the cursor to an article if it is shown."""
        index = index_of(self.shown, article_id)
        if index is not None:
            self.cursor = index
            self._scroll_cursor_visible()
            self.refresh()

    # -- rendering -------------------------------------------------------------------------------
    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        if self._tops_width != self._title_width:
            # Measured before the first layout gave the list its width (the resize event comes
            # after the first frame): wrap the titles to the width they are drawn at.
            self._reset_rows()
        index, part = self.row_at(int(self.scroll_y) + y)
        base = self.rich_style
        if index >= len(self.shown):
            if not self.shown and y == 1:
                message = "No articles match." if self.filter_text else "No articles yet."
                dim = base + self.get_component_rich_style("library-list--dim", partial=True)
                return Strip([Segment(f"  {message}", dim)]).extend_cell_length(width, base)
            return Strip.blank(width, base)
        item = self.shown[index]
        style = base
        if index == self.cursor:
            style = base + self.get_component_rich_style("library-list--cursor")
        lines = item.title_lines(self._tops_width)
        if part < lines:
            title_style = style
            if item.meta.id == self.open_id:
                title_style = style + self.get_component_rich_style(
                    "library-list--open", partial=True
                )
            rows = title_rows(item.title, self._tops_width)
            segments = [Segment(" "), Segment(rows[part] if part < len(rows) else "", title_style)]
        else:
            dim = style + self.get_component_rich_style("library-list--dim", partial=True)
            segments = [Segment(" "), *self._details(item, dim)]
        return (
            Strip([Segment(s.text, s.style or style) for s in segments])
            .extend_cell_length(width, style)
            .crop(0, width)
        )

    def _details(self, item: LibraryItem, dim: Style) -> list[Segment]:
        # Date, then the highlight tally, then the publication or else the first author (cut by
        # the pane's width).
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
        source = meta.publication or (_plain_author(meta.authors[0]) if meta.authors else "")
        if source:
            # What is left of the pane's width, less the leading space: the source is cut
            # between words with …, or left out, never cut mid-word.
            room = (
                self.scrollable_content_region.width - 1 - sum(cell_len(s.text) for s in segments)
            )
            shown = fit_words(display_line(source), room - 2)
            if shown:
                segments.append(Segment(f"  {shown}", dim))
        return segments

    # -- movement --------------------------------------------------------------------------------
    def _move(self, index: int) -> None:
        if not self.shown:
            return
        self.cursor = max(0, min(len(self.shown) - 1, index))
        self._scroll_cursor_visible()
        self.refresh()

    def _scroll_cursor_visible(self) -> None:
        if not self.shown:
            return
        height = self.scrollable_content_region.height
        top = self.row_top(self.cursor)
        bottom = top + self.row_height(self.cursor)
        if top < self.scroll_y:
            self.scroll_to(y=top, animate=False)
        elif bottom > self.scroll_y + height:
            self.scroll_to(y=bottom - height, animate=False)

    def _rows_per_page(self) -> int:
        """About how many rows a page holds (rows differ in height)."""
        return max(1, self.scrollable_content_region.height // ROWS_GUESS - 1)

    def on_resize(self, event: events.Resize) -> None:
        """Titles re-wrap to the new width, the cursor's row stays in view."""
        if self._tops_width != self._title_width:
            self._reset_rows()
            self._scroll_cursor_visible()

    def action_cursor_down(self) -> None:
        self._move(self.cursor + 1)

    def action_cursor_up(self) -> None:
        self._move(self.cursor - 1)

    def action_page_down(self) -> None:
        self._move(self.cursor + self._rows_per_page())

    def action_page_up(self) -> None:
        self._move(self.cursor - self._rows_per_page())

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
        index, _ = self.row_at(int(self.scroll_y) + event.y)
        if 0 <= index < len(self.shown):
            self.cursor = index
            self.refresh()
            self.post_message(self.Chosen(self.shown[index].meta.id))


def _plain_author(raw: str) -> str:
    """An author as people read it ("Gretchen Rubin" for a Kindle's "Rubin, Gretchen")."""
    from annotations.citation.names import plain_author  # the citation package: on first use

    return plain_author(raw)
