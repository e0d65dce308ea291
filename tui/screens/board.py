"""The brief board (B): one band per tag, one column per stance, each cell's highlights in order.

The grid is one Line API widget: only visible lines are drawn, and a cursor move repaints the
two items it leaves and enters, so moving stays instant with 10,000 highlights. Reordering
(J/K) changes the cell on screen at once and saves through the workspace on the app's
persister, in the order the keys were pressed.
"""

from __future__ import annotations

import shlex
import textwrap
from bisect import bisect_right
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar, cast

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.geometry import Region, Size
from textual.message import Message
from textual.screen import Screen
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.widgets import Static

from annotations.model import Annotation
from annotations.quotemarks import framed
from library.display import display_line
from library.errors import LibraryError
from tui.messages import Failed
from tui.widgets.footer import MarginFooter

if TYPE_CHECKING:
    from annotations.workspace import Board, BoardFilter, BoardItem, Cell, Exported
    from tui.context import MarginContext

ITEM_HEIGHT = 3  # the quote on two lines, then speaker · short cite
HEAD_HEIGHT = 2  # the tag, then each column's stance and count
GAP = 1  # blank line after each band
QUOTE_CHARS = 200  # of a quote kept for display (a line shows less)
Cursor = tuple[int, int, int]  # (row, column, item)


def _fit(text: str, width: int) -> str:
    """text cut or padded to width cells, with an ellipsis when cut."""
    if width <= 0:
        return ""
    if cell_len(text) > width:
        return set_cell_size(text, width - 1) + "…"
    return set_cell_size(text, width)


class BoardGrid(ScrollView, can_focus=True):
    """The board's cells as bands of columns; the cursor is on one item of one cell."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "board-grid--cursor",
        "board-grid--tag",
        "board-grid--label",
        "board-grid--dim",
    }
    DEFAULT_CSS = """
    BoardGrid { background: $surface; overflow-x: hidden; height: 1fr; }
    BoardGrid > .board-grid--cursor { background: $block-cursor-blurred-background; }
    BoardGrid:focus > .board-grid--cursor {
        background: $block-cursor-background; color: $block-cursor-foreground;
    }
    BoardGrid > .board-grid--tag { text-style: bold; color: $text-accent; }
    BoardGrid > .board-grid--label { color: $text-muted; text-style: bold; }
    BoardGrid > .board-grid--dim { color: $foreground-muted; }
    """

    @dataclass
    class Moved(Message):
        """The cursor is on another item (or cell)."""

        grid: BoardGrid

    def __init__(self, board: Board | None = None, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.board: Board | None = None
        self.cursor: Cursor = (0, 0, 0)
        self._tops: list[int] = []
        self._lines: dict[tuple[str, int], list[str]] = {}  # an item's lines by (id, width)
        if board is not None:
            self.set_board(board)

    # -- data ------------------------------------------------------------------------------------
    def set_board(self, board: Board, keep: str | None = None) -> None:
        """Show a board; the cursor goes to the highlight keep where it still is, else home."""
        self.board = board
        self._lines = {}
        self._layout()
        self.cursor = self._find(keep)
        self._scroll_visible()
        self.refresh()
        self.post_message(self.Moved(self))

    def _find(self, keep: str | None) -> Cursor:
        """Where the highlight keep stands first, else the first cell with anything in it."""
        for r, row in enumerate(self.board.grid if self.board else []):
            for c, cell in enumerate(row):
                if keep is None and cell.items:
                    return (r, c, 0)
                if keep is not None and keep in cell.ids:
                    return (r, c, cell.ids.index(keep))
        return (0, 0, 0) if keep is None else self._find(None)

    def _layout(self) -> None:
        tops: list[int] = []
        y = 0
        for row in self.board.grid if self.board else []:
            tops.append(y)
            y += HEAD_HEIGHT + ITEM_HEIGHT * max(1, max(len(c.items) for c in row)) + GAP
        self._tops = tops
        self.virtual_size = Size(self.scrollable_content_region.width, y)

    @property
    def cell(self) -> Cell | None:
        """The cell under the cursor."""
        if self.board is None or not self.board.grid:
            return None
        r, c, _i = self.cursor
        return self.board.grid[r][c]

    @property
    def current(self) -> BoardItem | None:
        """The highlight under the cursor, if its cell has any."""
        cell = self.cell
        index = self.cursor[2]
        return cell.items[index] if cell is not None and index < len(cell.items) else None

    # -- rendering -------------------------------------------------------------------------------
    def _widths(self, width: int, columns: int) -> list[int]:
        base, extra = divmod(width, max(1, columns))
        return [base + (1 if n < extra else 0) for n in range(columns)]

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        base = self.rich_style
        board = self.board
        line = int(self.scroll_y) + y
        if board is None or not self._tops:
            if y == 1:
                message = "Building the board…" if board is None else "No highlights to show."
                dim = base + self.get_component_rich_style("board-grid--dim")
                return Strip([Segment(f"  {message}", dim)]).extend_cell_length(width, base)
            return Strip.blank(width, base)
        r = bisect_right(self._tops, line) - 1
        offset = line - self._tops[r]
        row = board.grid[r]
        widths = self._widths(width, len(row))
        if offset == 0:
            tag = board.row_label(board.rows[r])
            total = len({i for cell in row for i in cell.ids})
            style = base + self.get_component_rich_style("board-grid--tag")
            dim = base + self.get_component_rich_style("board-grid--dim")
            segments = [Segment(" " + display_line(tag), style), Segment(f"  {total}", dim)]
            return Strip(segments).extend_cell_length(width, base).crop(0, width)
        if offset == 1:
            label = base + self.get_component_rich_style("board-grid--label")
            segments = [
                Segment(
                    _fit(
                        f" {display_line(board.column_label(cell.stance))} · {len(cell.items)}", w
                    ),
                    label,
                )
                for cell, w in zip(row, widths, strict=True)
            ]
            return Strip(segments, width)
        index, part = divmod(offset - HEAD_HEIGHT, ITEM_HEIGHT)
        segments = []
        cr, cc, ci = self.cursor
        for c, (cell, w) in enumerate(zip(row, widths, strict=True)):
            if index >= len(cell.items):
                segments.append(Segment(" " * w, base))
                continue
            text = self._texts(cell.items[index], w - 2)[part]
            style = base
            if (r, c, index) == (cr, cc, ci):
                style = base + self.get_component_rich_style("board-grid--cursor")
            if part == ITEM_HEIGHT - 1:
                style = style + self.get_component_rich_style("board-grid--dim")
            segments += [Segment(" ", base), Segment(_fit(text, w - 2), style), Segment(" ", base)]
        return Strip(segments, width)

    def _texts(self, item: BoardItem, width: int) -> list[str]:
        """The lines of an item: “quote” wrapped on two lines (cut with an ellipsis), then
        speaker · short cite; cached by highlight and width."""
        ann = item.annotation
        key = (ann.id, width)
        found = self._lines.get(key)
        if found is None:
            words = display_line(ann.quote[:QUOTE_CHARS])
            quote = framed(words) + (" (orphaned)" if ann.orphaned else "")
            lines = textwrap.wrap(quote, max(4, width), max_lines=ITEM_HEIGHT - 1, placeholder="…")
            lines += [""] * (ITEM_HEIGHT - 1 - len(lines))
            parts = [display_line(item.speaker), display_line(item.cite)]
            byline = " · ".join(p for p in parts if p) or display_line(item.title)
            found = self._lines[key] = [*lines, byline]
        return found

    # -- movement --------------------------------------------------------------------------------
    def item_line(self, cursor: Cursor) -> int:
        """The document line of an item's first line."""
        r, _c, i = cursor
        return self._tops[r] + HEAD_HEIGHT + i * ITEM_HEIGHT

    def move_to(self, cursor: Cursor) -> None:
        """Put the cursor on an item, repainting only what changed."""
        if cursor == self.cursor:
            return
        old = self.cursor
        self.cursor = cursor
        if not self._scroll_visible():
            self._refresh_item(old)
            self._refresh_item(cursor)
        self.post_message(self.Moved(self))

    def _refresh_item(self, cursor: Cursor) -> None:
        top = self.item_line(cursor) - int(self.scroll_y)
        self.refresh(Region(0, top, self.scrollable_content_region.width, ITEM_HEIGHT))

    def refresh_cell(self) -> None:
        """Repaint the cursor's band (after its cell was reordered)."""
        r = self.cursor[0]
        end = self._tops[r + 1] if r + 1 < len(self._tops) else self.virtual_size.height
        top = self._tops[r] - int(self.scroll_y)
        self.refresh(Region(0, top, self.scrollable_content_region.width, end - self._tops[r]))

    def _scroll_visible(self) -> bool:
        """Scroll so the cursor's item (and its band's heading, when it fits) shows; whether
        it scrolled."""
        if not self._tops:
            return False
        height = self.scrollable_content_region.height
        top = self.item_line(self.cursor)
        head = self._tops[self.cursor[0]]
        if self.cursor[2] == 0 or top - head + ITEM_HEIGHT <= height:
            top = head if top + ITEM_HEIGHT - head <= height else top
        if top < self.scroll_y:
            self.scroll_to(y=top, animate=False, immediate=True)
            return True
        bottom = self.item_line(self.cursor) + ITEM_HEIGHT
        if bottom > self.scroll_y + height:
            self.scroll_to(y=bottom - height, animate=False, immediate=True)
            return True
        return False

    def step(self, dr: int, dc: int, di: int) -> None:
        """Move by one cell across (dc), or one item down or up (di), into the next band's cell
        past a cell's end (dr is for bands: page through them)."""
        board = self.board
        if board is None or not board.grid:
            return
        r, c, i = self.cursor
        rows, columns = len(board.grid), len(board.columns)
        if dc:
            c = max(0, min(columns - 1, c + dc))
            i = min(i, max(0, len(board.grid[r][c].items) - 1))
        elif di > 0:
            if i + 1 < len(board.grid[r][c].items):
                i += 1
            elif r + 1 < rows:
                r, i = r + 1, 0
        elif di < 0:
            if i > 0:
                i -= 1
            elif r > 0:
                r -= 1
                i = max(0, len(board.grid[r][c].items) - 1)
        elif dr:
            r = max(0, min(rows - 1, r + dr))
            i = 0
        self.move_to((r, c, i))


class BoardScreen(Screen[Annotation | None]):
    """The brief board; dismisses with the highlight chosen with enter (None: closed)."""

    DEFAULT_CSS = """
    BoardScreen { layout: vertical; }
    BoardScreen #board-title { height: 1; padding: 0 1; background: $panel; text-style: bold; }
    BoardScreen #board-detail { height: 3; padding: 0 1; background: $panel; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q", "close", "Close", tooltip="close the board", id="board.close"),
        Binding(
            "left,h",
            "cursor_left",
            "Left",
            show=False,
            tooltip="the cell to the left",
            id="board.left",
        ),
        Binding(
            "right,l",
            "cursor_right",
            "Right",
            show=False,
            tooltip="the cell to the right",
            id="board.right",
        ),
        Binding(
            "down,j",
            "cursor_down",
            "Down",
            show=False,
            tooltip="the next highlight; past a cell's end, the next tag's cell",
            id="board.down",
        ),
        Binding(
            "up,k", "cursor_up", "Up", show=False, tooltip="the previous highlight", id="board.up"
        ),
        Binding(
            "pagedown",
            "next_band",
            "Next tag",
            show=False,
            tooltip="the next tag",
            id="board.next-tag",
        ),
        Binding(
            "pageup",
            "previous_band",
            "Previous tag",
            show=False,
            tooltip="the previous tag",
            id="board.previous-tag",
        ),
        Binding(
            "enter",
            "open_highlight",
            "Open",
            tooltip="open the article at the highlight",
            id="board.open",
        ),
        Binding(
            "y",
            "copy_quote",
            "Copy",
            tooltip="copy it as a quote with its citation",
            id="board.copy",
        ),
        Binding(
            "J",
            "move_item(1)",
            "Move down",
            tooltip="move it down in its cell (the order is saved in briefs.json at once)",
            id="board.move-down",
        ),
        Binding(
            "K", "move_item(-1)", "Move up", tooltip="move it up in its cell", id="board.move-up"
        ),
        Binding(
            "f",
            "filter",
            "Filter",
            tooltip="filter: tag:T article:A stance:S since:DATE until:DATE (a bare word is a tag)",
            id="board.filter",
        ),
        Binding(
            "x",
            "export",
            "Export",
            tooltip="export the board in its order (.md, .html, .docx or .txt, by the file name)",
            id="board.export",
        ),
    ]

    @dataclass
    class Built(Message):
        """A board built on the worker."""

        board: Board
        keep: str | None

    def __init__(self, board: Board | None = None, *, wanted: BoardFilter | None = None) -> None:
        super().__init__()
        self.wanted = wanted if wanted is not None else (board.filter if board else None)
        self.grid = BoardGrid(board, id="board-grid")
        self.detail = Static(id="board-detail")
        self.heading = Static(id="board-title")
        self._given = board is not None

    @property
    def margin(self) -> MarginContext:
        """The app, as screens see it."""
        return cast("MarginContext", self.app)

    @property
    def cursor(self) -> Cursor:
        """(row, column, item) of the cursor."""
        return self.grid.cursor

    def compose(self) -> ComposeResult:
        yield self.heading
        yield self.grid
        yield self.detail
        yield MarginFooter(pinned=("help", "close"))

    def on_mount(self) -> None:
        self.grid.focus()
        if self._given and self.grid.board is not None:
            self._show_heading(self.grid.board)
            self._show_detail()
        else:
            self.heading.update(Text("Brief board"))
            self.build()

    # -- building --------------------------------------------------------------------------------
    @work(thread=True, exclusive=True, exit_on_error=False, group="board-build")
    def build(self, keep: str | None = None) -> None:
        """Build the board for the filter on a worker."""
        from annotations.workspace import BoardFilter

        wanted = self.wanted or BoardFilter()
        try:
            board = self.margin.workspace.briefs.board(
                wanted.tags, wanted.stances, wanted.articles, wanted.since, wanted.until
            )
        except LibraryError as exc:
            self.post_message(Failed(exc))
            return
        self.post_message(self.Built(board, keep))

    @on(Failed)
    def _failed(self, message: Failed) -> None:
        self.margin.report(message.error)

    def outside_change(self) -> None:
        """Another process changed articles or highlights: build the board again (on a worker,
        the cursor kept on its highlight), so no card shows words its article no longer has."""
        item = self.grid.current
        self.build(item.annotation.id if item is not None else None)

    @on(Built)
    def _built(self, message: Built) -> None:
        self.grid.set_board(message.board, message.keep)
        self._show_heading(message.board)
        self._show_detail()

    def _show_heading(self, board: Board) -> None:
        wanted = board.filter
        count = board.highlights
        parts = [f"Brief board · {count} highlight{'s' * (count != 1)}"]
        if filters := _describe(wanted):
            parts.append(filters)
        self.heading.update(Text(" · ".join(parts)))

    @on(BoardGrid.Moved)
    def _moved(self, _message: BoardGrid.Moved) -> None:
        self._show_detail()

    def _show_detail(self) -> None:
        item = self.grid.current
        if item is None:
            self.detail.update(Text("Nothing in this cell.", style="dim"))
            return
        ann = item.annotation
        head = Text()
        if item.speaker:
            head.append(display_line(item.speaker), style="bold")
            head.append(" — ")
        head.append(display_line(item.title), style="italic")
        if item.cite:
            head.append(f" ({display_line(item.cite)})", style="dim")
        words = display_line(ann.quote)
        if len(words) > 2 * QUOTE_CHARS:
            words = words[: 2 * QUOTE_CHARS - 1].rstrip() + "…"
        self.detail.update(Text.assemble(head, "\n", Text(framed(words))))

    # -- keys ------------------------------------------------------------------------------------
    def action_cursor_left(self) -> None:
        """One column left."""
        self.grid.step(0, -1, 0)

    def action_cursor_right(self) -> None:
        """One column right."""
        self.grid.step(0, 1, 0)

    def action_cursor_down(self) -> None:
        """The next item, or the next tag's cell."""
        self.grid.step(0, 0, 1)

    def action_cursor_up(self) -> None:
        """The previous item, or the previous tag's cell."""
        self.grid.step(0, 0, -1)

    def action_next_band(self) -> None:
        """The next tag."""
        self.grid.step(1, 0, 0)

    def action_previous_band(self) -> None:
        """The previous tag."""
        self.grid.step(-1, 0, 0)

    def action_close(self) -> None:
        """Close the board."""
        self.dismiss(None)

    def action_open_highlight(self) -> None:
        """Close the board with the highlight, for the reader to open its article at it."""
        item = self.grid.current
        if item is not None:
            self.dismiss(item.annotation)

    def action_copy_quote(self) -> None:
        """Copy the highlight as a quote with its citation."""
        item = self.grid.current
        if item is None:
            return
        app = self.margin
        quotes = app.workspace.quotes
        annotation = item.annotation
        app.persister.submit(
            lambda: quotes.format(annotation).text,
            lambda text: app.copy_text(text, "Copied the quote with its citation."),
            app.report,
        )

    def action_move_item(self, delta: int) -> None:
        """Move the highlight down (1) or up (-1) in its cell, and save the cell's order."""
        cell, item = self.grid.cell, self.grid.current
        if cell is None or item is None:
            return
        r, c, i = self.grid.cursor
        target = i + delta
        if not 0 <= target < len(cell.items):
            return
        before = cell.ids
        cell.items.insert(target, cell.items.pop(i))
        self.grid.cursor = (r, c, target)
        if not self.grid._scroll_visible():
            self.grid.refresh_cell()
        briefs = self.margin.workspace.briefs
        tag, stance, ident = cell.tag, cell.stance, item.annotation.id
        self.margin.persister.submit(
            lambda: briefs.move(tag, stance, ident, delta, among=before),
            None,
            self.margin.report,
        )

    def action_filter(self) -> None:
        """Ask for filters: tag:T article:A stance:S since:DATE until:DATE."""
        from tui.dialogs.prompt import PromptDialog

        current = _describe(self.wanted) if self.wanted else ""
        dialog = PromptDialog(
            "Filter the board",
            current,
            hint="tag:economy article:boston stance:oppose since:2024-01-01 until:2024-12-31",
        )
        self.app.push_screen(dialog, self._filtered)

    def _filtered(self, value: str | None) -> None:
        if value is None:
            return
        try:
            self.wanted = parse_filter(value)
        except ValueError as exc:
            self.margin.report(exc)
            return
        current = self.grid.current
        self.build(current.annotation.id if current else None)

    def action_export(self) -> None:
        """Export the board in its order; the format follows the file's suffix."""
        from tui.dialogs.prompt import PromptDialog

        if self.grid.board is None:
            return
        default = self.margin.workspace.briefs.default_path("md")
        dialog = PromptDialog("Export the brief to", str(default), hint=".md, .html, .docx or .txt")
        self.app.push_screen(dialog, self._export_to)

    def _export_to(self, value: str | None) -> None:
        board = self.grid.board
        if not value or not value.strip() or board is None:
            return
        path = Path(value.strip()).expanduser()
        fmt = {".md": "md", ".html": "html", ".htm": "html", ".docx": "docx", ".txt": "txt"}.get(
            path.suffix.casefold()
        )
        if fmt is None:
            self.margin.report(
                ValueError(f"{path.name}: end the name in .md, .html, .docx or .txt")
            )
            return
        app = self.margin
        briefs = app.workspace.briefs

        def done(result: Exported) -> None:
            count = f"{result.count} highlight{'s' * (result.count != 1)}"
            self.app.notify(f"Wrote a brief of {count} to {result.where}", timeout=6, markup=False)

        app.persister.submit(lambda: briefs.export(board, fmt, path), done, app.report)


def _column(board: Board, cell: Cell) -> str:
    return display_line(board.column_label(cell.stance))


def parse_filter(value: str) -> BoardFilter:
    """`tag:T article:A stance:S since:D until:D` (quote values with spaces); ValueError names
    what cannot be read. A bare word is a tag."""
    from annotations.workspace import BoardFilter

    try:
        words = shlex.split(value)
    except ValueError as exc:
        raise ValueError(f"cannot read the filter ({exc}); close the quotes") from None
    found: dict[str, list[str]] = {"tag": [], "article": [], "stance": []}
    dates: dict[str, str | None] = {"since": None, "until": None}
    for word in words:
        name, sep, rest = word.partition(":")
        key = name.casefold() if sep else "tag"
        rest = rest if sep else word
        if key in found and rest:
            found[key].append(rest)
        elif key in dates and rest:
            dates[key] = rest
        else:
            raise ValueError(
                f"{word!r}: use tag:, article:, stance:, since: or until: before a value"
            )
    return BoardFilter(
        tuple(found["tag"]),
        tuple(found["stance"]),
        tuple(found["article"]),
        dates["since"],
        dates["until"],
    )


def _describe(wanted: BoardFilter | None) -> str:
    """A filter as the prompt reads it."""
    if wanted is None:
        return ""
    parts = [f"tag:{shlex.quote(t)}" for t in wanted.tags]
    parts += [f"article:{shlex.quote(a)}" for a in wanted.articles]
    parts += [f"stance:{shlex.quote(s)}" for s in wanted.stances]
    parts += [f"since:{shlex.quote(wanted.since)}"] if wanted.since else []
    parts += [f"until:{shlex.quote(wanted.until)}"] if wanted.until else []
    return " ".join(parts)
