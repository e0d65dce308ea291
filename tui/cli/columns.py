"""Tables for people that stay cheap at any size, and never break an id.

rich's `Table` measures every cell of every row to lay out the columns, which takes seconds at
10,000 rows (`margin list` took 6 s where `--json` took 0.75 s). Here the widths are computed
once, each cell is wrapped at spaces to its column, and lines are written as plain strings with
the terminal's styles around them (none into a pipe).

A paragraph marked `whole` (an id) is never wrapped or cut: where it is wider than its column it
runs on into the (blank) columns beside it, so an id can always be copied, from a terminal or a
pipe alike.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import IO, Literal

from rich.cells import cell_len
from rich.color import ColorSystem
from rich.style import Style

from library.display import for_display
from library.text import strip_controls

GAP = "  "
MIN_FLEX = 12  # the narrowest a wrapping column gets, however narrow the terminal

Run = tuple[str, str]  # (text, style)


# Text of these characters takes one cell each and needs no cleaning: printable Latin (not the
# soft hyphen), general punctuation (curly quotes, dashes, `…`; no bidi or invisible characters)
# and the `⟨ ⟩` of placeholders. Anything else is cleaned and measured the long way.
_NARROW = re.compile("[\x20-\x7e\xa0-\xac\xae-\u02ff\u2010-\u2027\u2030-\u205e\u27e8\u27e9]*")


def clean(value: object) -> str:
    """Untrusted text for one line: no control characters, no newlines, bidi controls and
    invisible characters shown as `⟨U+202E⟩` (as `output.safe` does for rich text)."""
    text = "" if value is None else str(value)
    if (text.isascii() and text.isprintable()) or _NARROW.fullmatch(text):
        return text
    return for_display(strip_controls(text).replace("\n", " ").replace("\t", " "))


def is_narrow(text: str) -> bool:
    """Whether text takes one cell a character (the plain layout's condition)."""
    return text.isascii() or _NARROW.fullmatch(text) is not None


def width_of(text: str) -> int:
    """Terminal cells text takes."""
    if text.isascii() or _NARROW.fullmatch(text):
        return len(text)
    return cell_len(text)


class Para:
    """A paragraph of a cell, starting on a line of its own: runs of (text, style)."""

    __slots__ = ("narrow", "runs", "whole", "width")

    def __init__(self, runs: list[Run], whole: bool = False) -> None:
        self.runs = runs
        self.whole = whole  # never wrapped or cut (ids)
        if len(runs) == 1:  # most cells: no generators
            text = runs[0][0]
            self.narrow = text.isascii() or _NARROW.fullmatch(text) is not None
            self.width = len(text) if self.narrow else cell_len(text)
            return
        self.narrow = all(t.isascii() or _NARROW.fullmatch(t) for t, _ in runs)  # 1 cell a char
        measure = len if self.narrow else cell_len
        self.width = sum(measure(t) for t, _ in runs)  # on one line


def para(text: object, style: str = "", *, whole: bool = False) -> Para:
    """One paragraph of untrusted text in one style."""
    return Para([(clean(text), style)], whole)


Cell = list[Para]


@dataclass(frozen=True, slots=True)
class Column:
    """A column: fixed columns take their widest cell (at most max_width, cut with `…`); flex
    columns (ratio > 0) share the rest of the width and wrap their text at spaces."""

    header: str = ""
    justify: Literal["left", "right"] = "left"
    ratio: int = 0
    max_width: int | None = None
    # A flex column's paragraph wraps to at most this many lines, the last cut with `…` (0: no
    # limit), so one article titled by its whole text does not fill the screen.
    max_lines: int = 0


@dataclass(slots=True)
class Styler:
    """Escape sequences around styled text, made once per style; none without colour."""

    color_system: ColorSystem | None
    _codes: dict[str, tuple[str, str]] = field(default_factory=dict)

    def __call__(self, text: str, style: str) -> str:
        if not style or self.color_system is None or not text:
            return text
        codes = self._codes.get(style)
        if codes is None:
            rendered = Style.parse(style).render("\x00", color_system=self.color_system)
            before, _, after = rendered.partition("\x00")
            codes = self._codes[style] = (before, after)
        return f"{codes[0]}{text}{codes[1]}"


def styler_for(console_color_system: str | None) -> Styler:
    """A styler for a rich console's `color_system` name (None: no colour, e.g. a pipe)."""
    systems = {
        "standard": ColorSystem.STANDARD,
        "256": ColorSystem.EIGHT_BIT,
        "truecolor": ColorSystem.TRUECOLOR,
        "windows": ColorSystem.WINDOWS,
    }
    return Styler(systems.get(console_color_system or ""))


Line = tuple[list[Run], int]  # runs and their width in cells


def wrap(p: Para, width: int) -> list[Line]:
    """A paragraph as lines of at most width cells, broken at spaces; a word wider than the
    line is folded; a whole paragraph is one line, however wide."""
    if p.whole or p.width <= width:
        return [(p.runs, p.width)]
    if p.narrow:
        return _wrap_narrow(p.runs, width)
    tokens: list[tuple[str, str, int]] = []  # word, style, spaces before it
    spaces = 0  # before the next word (a run that follows a word directly joins it)
    for text, style in p.runs:
        for n, word in enumerate(text.split(" ")):
            spaces += n > 0
            if word:
                tokens.append((word, style, spaces))
                spaces = 0
    lines: list[Line] = []
    line: list[Run] = []
    used = 0

    def put(text: str, style: str) -> None:
        if line and line[-1][1] == style:
            line[-1] = (line[-1][0] + text, style)
        else:
            line.append((text, style))

    measure = len if p.narrow else width_of
    for word, style, sep in tokens:
        size = measure(word)
        if line and used + sep + size <= width:
            put(" " * sep + word, style)
            used += sep + size
            continue
        if line:
            lines.append((line, used))
            line, used = [], 0
        while size > width:  # a word longer than the line: folded
            head = _fit(word, width)
            lines.append(([(head, style)], width_of(head)))
            word = word[len(head) :]
            size = width_of(word)
        if word:
            line, used = [(word, style)], size
    if line:
        lines.append((line, used))
    return lines or [([], 0)]


def _fit(word: str, width: int) -> str:
    """The longest start of word within width cells, and never less than one character."""
    used = 0
    for n, char in enumerate(word):
        used += width_of(char)
        if used > width:
            return word[: max(1, n)]
    return word


def _spans(text: str, width: int) -> list[tuple[int, int]]:
    """Where text of one cell a character breaks into lines of width: (start, end) of each,
    at spaces (dropped), a word longer than the line folded."""
    spans: list[tuple[int, int]] = []
    pos, end = 0, len(text)
    while pos < end and text[pos] == " ":
        pos += 1
    while end - pos > width:
        cut = text.rfind(" ", pos, pos + width + 1)
        if cut <= pos:  # a word longer than the line: folded
            spans.append((pos, pos + width))
            pos += width
            continue
        stop = cut
        while stop > pos and text[stop - 1] == " ":
            stop -= 1
        spans.append((pos, stop))
        pos = cut + 1
        while pos < end and text[pos] == " ":
            pos += 1
    if pos < end:
        spans.append((pos, end))
    return spans


def _wrap_narrow(runs: list[Run], width: int) -> list[Line]:
    """wrap for text of one cell a character: breaks found on the joined text, runs cut there."""
    text = "".join(t for t, _ in runs)
    spans = _spans(text, width)
    if len(runs) == 1:
        style = runs[0][1]
        return [([(text[a:b], style)], b - a) for a, b in spans] or [([], 0)]
    bounds = []
    at = 0
    for t, style in runs:
        bounds.append((at, at + len(t), style))
        at += len(t)
    lines: list[Line] = []
    for a, b in spans:
        pieces = [(text[max(a, s) : min(b, e)], style) for s, e, style in bounds if s < b and e > a]
        lines.append((pieces, b - a))
    return lines or [([], 0)]


def _wrap_plain(text: str, width: int) -> list[str]:
    """`_wrap_narrow` of one unstyled run: the lines' texts."""
    return [text[a:b] for a, b in _spans(text, width)] or [""]


def ellipsis(p: Para, width: int) -> Line:
    """A paragraph cut to width cells, ending in `…` when something was cut."""
    if p.width <= width:
        return p.runs, p.width
    out: list[Run] = []
    room = max(0, width - 1)
    for text, style in p.runs:
        size = width_of(text)
        if size <= room:
            out.append((text, style))
            room -= size
            continue
        cut = (_fit(text, room) if room else "").rstrip()
        cut = (cut if width_of(cut) <= room else "") + "…"
        out.append((cut, style))
        break
    return out, sum(width_of(t) for t, _ in out)


class Grid:
    """Columns laid out once for a given total width, then rows rendered line by line."""

    def __init__(
        self,
        columns: Sequence[Column],
        width: int,
        rows_for_widths: Iterable[Sequence[Cell]],
        *,
        expand: bool = False,
    ) -> None:
        self.columns = list(columns)
        natural = [width_of(c.header) for c in self.columns]
        for row in rows_for_widths:
            for i, cell in enumerate(row):
                for p in cell:
                    if not p.whole or self.columns[i].ratio == 0:
                        natural[i] = max(natural[i], p.width)
        widths = [
            (min(n, c.max_width) if c.max_width else n) if c.ratio == 0 else 0
            for n, c in zip(natural, self.columns, strict=True)
        ]
        flex = [i for i, c in enumerate(self.columns) if c.ratio]
        room = width - sum(widths) - len(GAP) * (len(self.columns) - 1)
        ratios = sum(self.columns[i].ratio for i in flex)
        for i in flex:
            share = max(MIN_FLEX, room * self.columns[i].ratio // ratios) if ratios else MIN_FLEX
            widths[i] = share if expand else max(1, min(share, natural[i]))
        self.widths = widths

    def header(self, styler: Styler, style: str = "bold") -> str:
        """The header line (a heading wider than its column is cut with `…`)."""
        pairs = zip(self.columns, self.widths, strict=True)
        cells = [ellipsis(para(c.header, style), w) for c, w in pairs]
        return self.render([[Para(runs)] for runs, _size in cells], styler)[0]

    def render(self, row: Sequence[Cell], styler: Styler) -> list[str]:
        """A row as lines of text (styled by styler), trailing spaces removed."""
        blocks: list[list[Line]] = []
        height = 0
        overflow = False
        for cell, column, width in zip(row, self.columns, self.widths, strict=True):
            if len(cell) == 1 and cell[0].width <= width:
                lines = [(cell[0].runs, cell[0].width)]
            else:
                lines = []
                for p in cell:
                    if column.ratio == 0 and not p.whole:
                        lines.append(ellipsis(p, width))
                    else:
                        wrapped = wrap(p, width)
                        if column.max_lines and not p.whole and len(wrapped) > column.max_lines:
                            wrapped = wrapped[: column.max_lines]
                            runs = wrapped[-1][0]
                            more = [*runs, ("…", runs[-1][1] if runs else "")]
                            wrapped[-1] = ellipsis(Para(more), width)
                        lines.extend(wrapped)
                        overflow = overflow or (p.width > width and p.whole)
            blocks.append(lines)
            height = max(height, len(lines))
        if overflow:
            return self._render_overflowing(blocks, height, styler)
        padded: list[list[str]] = []
        for lines, column, width in zip(blocks, self.columns, self.widths, strict=True):
            right = column.justify == "right"
            cells = []
            for runs, size in lines:
                text = "".join([styler(t, s) for t, s in runs])
                pad = " " * (width - size)
                cells.append(pad + text if right else text + pad)
            padded.append(cells)
        blank = [" " * w for w in self.widths]
        if height == 1:
            return [GAP.join([c[0] if c else blank[i] for i, c in enumerate(padded)]).rstrip()]
        return [
            GAP.join([c[n] if n < len(c) else blank[i] for i, c in enumerate(padded)]).rstrip()
            for n in range(height)
        ]

    def render_plain(self, row: Sequence[Sequence[str]], whole: Sequence[bool]) -> list[str] | None:
        """`render`'s lines, with no styles (output without colour), for a row whose cells are
        lists of paragraphs of clean text one cell a character (`is_narrow`); whole[i] marks
        column i's paragraphs as never wrapped. None when a whole paragraph is wider than its
        column: `render` lays that row out. Several times cheaper than `render` with `Para`s:
        a listing of 25,000 highlights builds no objects per paragraph."""
        widths = self.widths
        blocks: list[Sequence[str]] = []
        height = 0
        for cell, column, width, kept in zip(row, self.columns, widths, whole, strict=True):
            if not cell or (len(cell) == 1 and len(cell[0]) <= width):
                lines = cell
            else:
                lines = []
                for text in cell:
                    if len(text) <= width:
                        lines.append(text)
                    elif kept:
                        return None
                    elif column.ratio == 0:  # cut with `…`, as `ellipsis`
                        lines.append((text[: width - 1].rstrip() if width > 1 else "") + "…")
                    else:
                        wrapped = _wrap_plain(text, width)
                        if column.max_lines and len(wrapped) > column.max_lines:
                            wrapped = wrapped[: column.max_lines]
                            last = wrapped[-1]
                            cut = last if len(last) < width else last[: width - 1].rstrip()
                            wrapped[-1] = cut + "…"
                        lines.extend(wrapped)
            blocks.append(lines)
            if len(lines) > height:
                height = len(lines)
        right = [c.justify == "right" for c in self.columns]
        out = []
        for n in range(height):
            parts = []
            for i, lines in enumerate(blocks):
                if n >= len(lines):
                    parts.append(" " * widths[i])
                elif right[i]:
                    parts.append(lines[n].rjust(widths[i]))
                else:
                    parts.append(lines[n].ljust(widths[i]))
            out.append(GAP.join(parts).rstrip())
        return out

    def _render_overflowing(
        self, blocks: list[list[Line]], height: int, styler: Styler
    ) -> list[str]:
        """The lines of a row where a whole paragraph is wider than its column: it runs on into
        the blank cells beside it, shifting what follows on that line (never cut)."""
        out: list[str] = []
        gap = len(GAP)
        for n in range(height):
            parts: list[str] = []
            pending = 0  # spaces owed before the next non-blank cell
            overflow = 0  # cells an earlier cell ran past its column
            for lines, column, width in zip(blocks, self.columns, self.widths, strict=True):
                runs, size = lines[n] if n < len(lines) else ([], 0)
                if not size:
                    pending += width + gap
                    continue
                pad = width - size
                lead = pad if column.justify == "right" and pad > 0 else 0
                skip = min(overflow, pending + lead)
                if pending + lead - skip:
                    parts.append(" " * (pending + lead - skip))
                overflow -= skip
                parts.extend(styler(t, s) for t, s in runs)
                pending = (0 if lead or pad < 0 else pad) + gap
                overflow += max(0, -pad)
            out.append("".join(parts))
        return out


def write_lines(lines: Iterable[str], file: IO[str], chunk: int = 512) -> None:
    """Lines to file, a chunk at a time (big listings stream instead of building one string)."""
    batch: list[str] = []
    for line in lines:
        batch.append(line)
        if len(batch) >= chunk:
            file.write("\n".join(batch) + "\n")
            batch.clear()
    if batch:
        file.write("\n".join(batch) + "\n")
    file.flush()


def rows_lines(grid: Grid, rows: Iterable[Sequence[Cell]], styler: Styler) -> Iterator[str]:
    """Every line of the rows."""
    for row in rows:
        yield from grid.render(row, styler)
