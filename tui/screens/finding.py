"""Find in the open article (`/`, `n`, `N`): matches as you type, then the match selected."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tui.screens.article_state import OpenArticle, ReaderHost

MAX_FIND_MATCHES = 20_000


class Finder:
    """Finding in the open article: the query (kept in the state), and moving between matches."""

    def __init__(self, state: OpenArticle, host: ReaderHost) -> None:
        self.state = state
        self.host = host
        self._origin = 0  # the cursor when the bar opened: matches are counted from there
        self._origin_top = 0  # and the first line in view then (escape goes back to both)

    def open(self) -> None:
        """Open the find bar on the article (the last query filled in)."""
        if self.state.article is not None:
            reader = self.host.reader
            self._origin = reader.cursor
            self._origin_top = int(reader.scroll_y)
            self.host.open_find_bar(self.query, self._closed)

    def changed(self, value: str) -> None:
        """The bar's text changed: mark every match as the user types, and bring the first one
        after where the cursor was into view (the cursor moves there on enter)."""
        self.query = value
        reader = self.host.reader
        matches = self.matches(value)
        index = self._first_from(matches, self._origin, inclusive=True)
        reader.set_find(matches, index)
        if matches:
            reader.reveal(matches[index][0])
        self.host.update_status()

    @staticmethod
    def _first_from(matches: list[tuple[int, int]], offset: int, *, inclusive: bool) -> int:
        """The first match starting after offset (or at it), wrapping to the first."""
        return next(
            (i for i, (s, _) in enumerate(matches) if s > offset or (inclusive and s >= offset)),
            0,
        )

    @property
    def query(self) -> str:
        """The text looked for last ("" for none)."""
        return self.state.find_query

    @query.setter
    def query(self, value: str) -> None:
        self.state.find_query = value

    def reset(self) -> None:
        """A new article: no query, no find status."""
        self.query = ""

    def matches(self, query: str) -> list[tuple[int, int]]:
        """Where query occurs in the article, case-insensitively (at most MAX_FIND_MATCHES)."""
        article = self.state.article
        if not query.strip() or article is None:
            return []
        pattern = re.compile(re.escape(query), re.IGNORECASE)
        found: list[tuple[int, int]] = []
        for match in pattern.finditer(article.text):
            found.append(match.span())
            if len(found) >= MAX_FIND_MATCHES:
                break
        return found

    def _closed(self, cancelled: bool, query: str) -> None:
        """The bar has closed itself (and given the focus back): move to the match, or not."""
        reader = self.host.reader
        if cancelled:  # escape: close without moving (back to the cursor, if the view moved)
            self.query = ""
            reader.set_find([])
            if int(reader.scroll_y) != self._origin_top:  # the view followed the matches
                reader.scroll_to(y=self._origin_top, animate=False)
                reader.move_cursor(self._origin, scroll=False)
            self.host.update_status()
            return
        if query != self.query:  # typed faster than the find-as-you-type updates
            self.query = query
            reader.set_find(self.matches(query))
        self.goto(forward=True, inclusive=True, origin=self._origin)

    def goto(self, *, forward: bool, inclusive: bool = False, origin: int | None = None) -> None:
        """Select the next (or previous) match from the cursor (or origin), wrapping around."""
        reader = self.host.reader
        matches = reader.find_matches
        if not matches:
            if self.query:
                self.host.notify(f"Not found: {self.query}", severity="warning", markup=False)
            return
        cursor = reader.cursor if origin is None else origin
        if forward:
            index = self._first_from(matches, cursor, inclusive=inclusive)
        else:
            index = next((i for i in range(len(matches) - 1, -1, -1) if matches[i][0] < cursor), -1)
            index = index if index >= 0 else len(matches) - 1
        start, end = matches[index]
        reader.set_find(matches, index)
        reader.select(start, end)
