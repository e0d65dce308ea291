"""Where the reader is within the open article: one plain object, shared, never copied.

`OpenArticle` (tui/screens/article_state.py) holds a `ReadingPosition` and hands the same object
to the `ArticleView` widget, whose `cursor`, `selection`, `select_anchor` and `layout_` read and
write its fields. So the reading helpers read the position from the state, the widget draws
from it, and there is nothing to keep in step. The scroll offset is not here: Textual owns it
(`scroll_y`, a reactive of the widget); `ArticleView.top_offset` turns it into a text offset.

Changing a field here does not redraw: go through the widget's methods (`move_cursor`,
`select`, `clear_selection`, `show`) to change what is on screen.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tui.layout import Layout


@dataclass(slots=True, eq=False)
class ReadingPosition:
    """The cursor, the selection and the wrapped layout of the open article."""

    cursor: int = 0  # an offset of the text, on a character (0 with no article)
    selection: tuple[int, int] | None = None  # [start, end) of the text, trimmed of spaces
    select_anchor: tuple[int, int] | None = None  # the span `v` started from (selecting)
    layout: Layout | None = None  # the text wrapped to the reader's measure (None until wrapped)
