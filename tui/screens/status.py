"""The status line under the article: where the reader is, what it is on, what was found."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.cells import cell_len

if TYPE_CHECKING:
    from tui.widgets.reader import ArticleView


def fit_status(parts: list[tuple[str, str]], width: int) -> str:
    """The status line from (long, short) parts joined by " · ", within width cells: short
    forms from the last part back, then without the empty short forms; cut at a word with …
    only if even that does not fit."""
    chosen = [long for long, _short in parts]
    for index in range(len(parts) - 1, -1, -1):
        if cell_len(" · ".join(p for p in chosen if p)) <= width:
            break
        chosen[index] = parts[index][1]
    line = " · ".join(p for p in chosen if p)
    if cell_len(line) > width > 1:
        line = line[: width - 1].rsplit(" ", 1)[0] + "…"
    return line


def status_parts(reader: ArticleView, query: str, *, find_open: bool) -> list[tuple[str, str]]:
    """The status line's parts, each as (long, short) for `fit_status`: where the reader is,
    what the cursor is on, and how many matches the find query has."""
    # Each part in a long and a short form: the line uses the short ones, then drops the
    # percentage, as the pane narrows; a part is never cut mid-word.
    parts: list[tuple[str, str]] = []
    if page := reader.page_label():  # the printed page, in a PDF or EPUB with a page list
        parts.append((page, page))
    if reader.layout_ is not None and reader.layout_.height:
        done = min(100, round(100 * (reader.scroll_y + reader.size.height) / reader.layout_.height))
        parts.append((f"{done}%", ""))
    if reader.select_anchor is not None:
        long_form = "SELECT (motions extend, h highlights, esc cancels)"
        parts.append((long_form, "SELECT (h highlights, esc cancels)"))
    elif reader.selection is not None:
        parts.append(("selection", "selection"))
    highlight = reader.highlight_at(reader.cursor)
    if highlight is not None:
        stance = " · " + highlight.stance if highlight.stance else ""
        parts.append((f"on highlight{stance}", f"on highlight{stance}"))
        if highlight.needs_review:
            parts.append(("re-anchored: review it", "re-anchored"))
    if query and (reader.find_matches or find_open):
        count = len(reader.find_matches)
        matches = f"{count} match{'' if count == 1 else 'es'}"
        parts.append((f"{matches} for “{query}”", matches))
    return parts
