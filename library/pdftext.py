"""A PDF's text in reading order, page by page, from the positions of its lines.

The layout rules work on plain `Line` values, so they are tested without a PDF: columns, running
headers and footers, bare page numbers, footnotes, paragraphs, headings, list markers drawn apart
from their items, words hyphenated across line ends, ligatures. `library.pdfworker` reads the
lines with pypdfium2 in a child process.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import chain, pairwise, repeat
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the reading process imports nothing else of Margin's
    from library.model import BlockKind, LabelKind


@dataclass(slots=True)
class Line:
    """One line of text on a page: its box in PDF points (y grows upwards), text and font size."""

    x0: float
    y0: float
    x1: float
    y1: float
    text: str
    size: float
    short: bool = False  # ends well before its column's right edge (set by `mark_short`)
    # Where the text lies in the page's text as pdfium reads it ([start, end); -1: not known).
    start: int = -1
    end: int = -1
    marker: bool = False  # starts with a list marker drawn apart, left of the item's text

    @property
    def middle(self) -> float:
        return (self.y0 + self.y1) / 2


@dataclass(slots=True)
class PageLines:
    """The lines of one page as read from the PDF, with the page's size and printed label."""

    width: float
    height: float
    label: str
    lines: list[Line] = field(default_factory=list)
    stated: bool = True  # whether the label is the PDF's own (else the page's number in it)


@dataclass(slots=True)
class PageText:
    """One page's blocks in reading order: body first, then its footnotes."""

    label: str
    blocks: list[tuple[BlockKind, str]] = field(default_factory=list)
    # Whether the page's last block may go on over the page (no footnotes come between).
    open_end: bool = False


_LIGATURES = str.maketrans(
    {
        "ﬀ": "ff",
        "ﬁ": "fi",
        "ﬂ": "fl",
        "ﬃ": "ffi",
        "ﬄ": "ffl",
        "ﬅ": "st",
        "ﬆ": "st",
        "\u0002": "-",  # pdfium's mark for a hyphen the typesetter put at a line end
        "\u00ad": "-",
        "\ufffe": "-",  # … and in pdfium 6, where it also drops the line break after it
        "\uffff": "",
        "\r": " ",
        "\n": " ",
    }
)
# The characters `normalise` changes besides line breaks (most pages have none: no translation).
_SPECIAL = re.compile("[\ufb00-\ufb06\u0002\u00ad\ufffe\uffff]")
_PAGE_NUMBER = re.compile(
    r"^(?:page\s+)?[-–—]?\s*(?:\d{1,5}|[ivxlcdm]{1,8})\s*[-–—]?(?:\s*(?:of|/)\s*\d{1,5})?$",
    re.I,
)
_DIGITS = re.compile(r"\d+")
_FOOTNOTE_MARK = re.compile(r"^(?:\d{1,3}|[*†‡§¶]|[¹²³⁴⁵⁶⁷⁸⁹⁰]+)(?:\s|[.)]\s|[A-Z(“\"])")
_BULLET = re.compile(r"^[•◦▪‣●○■□➢►–]\s+")
# A list marker standing on its own: a symbol or two (a bullet font's glyph may read as any
# character, e.g. "!"), a number or letter with "." or ")", or one in parentheses.
_MARKER = re.compile(r"^(?:[^\w\s]{1,2}|\d{1,3}[.)]|[a-z][.)]|\((?:\d{1,3}|[a-z]|[ivx]{1,4})\))$")
_RULE = re.compile(r"^[-_—–―─━]{3,}$")  # a line drawn as dashes or underscores
_SENTENCE_END = re.compile(r"[.!?:;…][\"'”’)\]]*$")
_WORD_END = re.compile(r"(\w+)-$")
_WORD_START = re.compile(r"^(\w+)")
_COMPOUND_END = re.compile(r"(?<![\w-])(\w+(?:-\w+)*)-$")  # "out-of-" at a line end
# A word (or hyphenated word) of a page's lines joined by line breaks, whole (not starting inside
# a word), and not the broken word that ends a line in a hyphen.
_WORDS = re.compile(r"(?<![^\W\d_])(?>[^\W\d_]+(?:-[^\W\d_]+)*)(?!-\n)")
# Prefixes written with a hyphen that a line end does not create: "self-|evident" stays.
_HYPHEN_PREFIXES = {
    "self", "non", "ex", "well", "cross", "quasi", "so", "all", "half", "e", "x", "anti", "co",
    "post", "pre", "multi", "semi", "long", "short", "high", "low", "mid", "full", "part", "one",
    "two", "three", "four", "five", "first", "second", "third", "end", "open",
}  # fmt: skip
EDGE = 0.11  # the top and bottom share of a page where running headers and footers sit
NUMBER_EDGE = 0.15  # … and where a bare page number may sit
MIN_REPEATS = 3  # a header or footer is the same line (numbers aside) on this many pages


def normalise(text: str) -> str:
    """A line's characters as the reader should see them: ligatures spelled out, soft and
    line-end hyphens as hyphens."""
    return text.translate(_LIGATURES)


def merge_segments(segments: Iterable[Line]) -> list[Line]:
    """Join the pieces of each printed line (a font change or an OCR word box makes one) into
    lines: pieces that share a row join left to right, unless a column gap parts them. The
    pieces are taken over: a line of one piece is that piece, its text normalised."""
    pieces = [s for s in segments if s.text and not s.text.isspace()]
    pieces.sort(key=_minus_middle)
    rows: list[list[Line]] = []
    low = high = 0.0
    for seg in pieces:
        y0, y1 = seg.y0, seg.y1
        height = max(y1 - y0, 0.1)
        if rows and min(high, y1) - max(low, y0) > 0.5 * min(height, high - low or height):
            rows[-1].append(seg)
            low, high = min(low, y0), max(high, y1)
        else:
            rows.append([seg])
            low, high = y0, y1
    merged: list[Line] = []
    for row in rows:
        if len(row) == 1:  # most rows: a line drawn in one piece
            merged.append(row[0])
            continue
        line: Line | None = None
        ordered = sorted(row, key=_left)
        for seg in ordered:
            if line is not None:
                size = max(seg.size, line.size, 1.0)
                gap = seg.x0 - line.x1
                marker = line is ordered[0] and _hangs(line, seg, gap, size)
                # Pieces that overlap along the row are two lines whose boxes share a band (a
                # paragraph's indented first line beside the line below it): never joined.
                if -2 * size < gap < 1.2 * size or marker:
                    line.text = line.text + _joiner(line, seg, gap, size) + seg.text
                    line.x1 = max(line.x1, seg.x1)
                    line.y0, line.y1 = min(line.y0, seg.y0), max(line.y1, seg.y1)
                    line.end = seg.end
                    if marker:
                        line.size, line.marker = seg.size, True
                    elif len(seg.text) > len(line.text) / 2:
                        line.size = seg.size
                    continue
            line = seg
            merged.append(line)
    special = _SPECIAL.search("".join([line.text for line in merged])) is not None
    out: list[Line] = []
    for line in merged:  # str.translate looks up every character: only the few that change
        text = " ".join((_SPECIAL.sub(_spelled, line.text) if special else line.text).split())
        if text:
            line.text = text
            out.append(line)
    return out


def _joiner(line: Line, seg: Line, gap: float, size: float) -> str:
    """What goes between two pieces of a row: where they follow each other in pdfium's text,
    nothing (pdfium's text already has the space it finds between them, or none: a larger
    first capital, a quote whose glyph is narrower than its advance); elsewhere a space, unless
    the gap is narrower than one."""
    if line.end >= 0 and line.end == seg.start:
        return ""
    return "" if gap < 0.12 * size or line.text.endswith(" ") else " "


def _hangs(line: Line, seg: Line, gap: float, size: float) -> bool:
    """Whether a row's first piece is a list marker set apart before the item's text (a bullet
    glyph, "–", "1.", "(a)"), in the item's band, further from it than a space (an opening
    quote is not one) and within a hanging indent."""
    return (
        0.5 * size <= gap < 4 * size
        and line.x1 - line.x0 < 1.5 * size
        and seg.y0 <= line.middle <= seg.y1
        and _MARKER.match(line.text.strip()) is not None
    )


def _minus_middle(line: Line) -> float:
    return -(line.y0 + line.y1)  # top first: the middle's order, without halving


def _left(line: Line) -> float:
    return line.x0


def _spelled(found: re.Match[str]) -> str:
    return found.group().translate(_LIGATURES)


def reading_order(
    lines: Sequence[Line], width: float, start: float = 0.0, depth: int = 0
) -> list[Line]:
    """Lines in the order they are read: top to bottom, and on a page of two columns the left
    column before the right between the lines that span both (title, abstract, wide figures).
    A side may hold two columns itself (a page of three): it is read the same way, within the
    stretch [start, start + width] its lines take."""
    ordered = sorted(lines, key=lambda ln: (-ln.y1, ln.x0))
    split = _gutter(ordered, width, start)
    if split is None:
        return ordered

    def side(part: list[Line]) -> list[Line]:
        if depth >= 2 or len(part) < 12 or not _prose(part):
            return part
        low, high = min(ln.x0 for ln in part), max(ln.x1 for ln in part)
        return reading_order(part, high - low, low, depth + 1)

    out: list[Line] = []
    left: list[Line] = []
    right: list[Line] = []
    for line in ordered:
        if line.x1 <= split + 1:
            left.append(line)
        elif line.x0 >= split - 1:
            right.append(line)
        else:  # spans the gutter: the columns above it are read first
            out.extend(_columns(side(left), side(right)))
            left, right = [], []
            out.append(line)
    out.extend(side(left))
    out.extend(side(right))
    return out


def _prose(lines: Sequence[Line]) -> bool:
    """Whether lines read as running text (most of four words or more), not a table's cells,
    which are read row by row rather than split into columns."""
    return sum(1 for ln in lines if ln.text.count(" ") >= 3) * 2 >= len(lines)


def _columns(left: list[Line], right: list[Line]) -> list[Line]:
    """A band of two columns above a line that spans them, in reading order: the left column,
    the right, then any left-hand lines below the right column's end (a heading that opens what
    the spanning line goes on with)."""
    if not right:
        return left
    bottom = min(ln.y0 for ln in right)
    beside = [ln for ln in left if ln.y1 >= bottom]
    return beside + right + [ln for ln in left if ln.y1 < bottom]


def _gutter(lines: Sequence[Line], width: float, start: float = 0.0) -> float | None:
    """The x of a column gutter in the middle of the page (or of the stretch [start, start +
    width]), if it has two columns."""
    if len(lines) < 6:
        return None
    narrow = sum(1 for ln in lines if ln.x1 - ln.x0 < 0.55 * width)
    if narrow < max(6, 0.4 * len(lines)):  # most lines span the page: one column
        return None
    # How many lines cross each candidate x (35 % to 65 % of the width): each line crosses a run
    # of them, found by bisection, counted in one pass over the lines.
    xs = [start + width * step / 100 for step in range(35, 66)]
    lows, highs = [x - 1 for x in xs], [x + 1 for x in xs]
    starts = [0] * (len(xs) + 1)
    for ln in lines:
        first, stop = bisect_right(lows, ln.x0), bisect_left(highs, ln.x1)
        if first < stop:
            starts[first] += 1
            starts[stop] -= 1
    crossing, x, running = len(lines) + 1, xs[0], 0
    for n, candidate in enumerate(xs):
        running += starts[n]
        if running < crossing:
            crossing, x = running, candidate
    left = [ln for ln in lines if ln.x1 <= x + 1]
    right = [ln for ln in lines if ln.x0 >= x - 1]
    enough = max(3, 0.2 * len(lines))
    throughout = len(left) >= enough and len(right) >= enough and crossing <= 0.25 * len(lines)
    if not throughout and not _band(lines, left, right, x):
        return None
    # Widen to the middle of the empty band around x, so ragged lines do not cross it.
    lo = max((ln.x1 for ln in left), default=x)
    hi = min((ln.x0 for ln in right), default=x)
    return (lo + hi) / 2 if lo <= hi else x


def _band(lines: Sequence[Line], left: list[Line], right: list[Line], x: float) -> bool:
    """Whether a page that is not two columns throughout has a band of two (a brochure's
    columns between a list above and one below): between two lines that cross x (in reading
    order), at least six lines on each side of it, neither side under half the other."""
    if len(right) < 6 or len(left) < 6:
        return False
    on_left = on_right = 0
    for ln in lines:  # top to bottom
        if ln.x1 <= x + 1:
            on_left += 1
        elif ln.x0 >= x - 1:
            on_right += 1
        else:
            on_left = on_right = 0
        if min(on_left, on_right) >= 6 and 2 * min(on_left, on_right) >= max(on_left, on_right):
            return True
    return False


def furniture_keys(pages: Sequence[PageLines]) -> set[str]:
    """The running headers and footers of a document: lines at a page's top or bottom edge that
    repeat (page numbers aside) on several pages."""
    return repeated(edge_counts(pages))


def edge_counts(pages: Iterable[PageLines], frame: Frame | None = None) -> Counter[str]:
    """On how many pages each line at a page's edge (numbers aside) is printed (frame: the
    whole document's `text_frame`, when these pages are some of it)."""
    seen: Counter[str] = Counter()
    pages = list(pages)
    frame = text_frame(pages) if frame is None else frame
    for page in pages:
        low, high = _edge_limits(page, EDGE, frame)
        inner_low, inner_high = low != page.height * EDGE, high != page.height * (1 - EDGE)
        seen.update(
            {_inner_key(ln) if inner_high else _key(ln) for ln in page.lines if ln.y0 > high}
            | {_inner_key(ln) if inner_low else _key(ln) for ln in page.lines if ln.y1 < low}
        )
    return seen


def repeated(seen: Counter[str]) -> set[str]:
    """The edge lines that are running heads: printed on several pages."""
    # A chapter's running head repeats only over its chapter's pages: a few pages suffice.
    return {key for key, n in seen.items() if n >= MIN_REPEATS and key}


def _key(line: Line) -> str:
    return _DIGITS.sub("#", line.text).strip()  # as printed: a title in capitals is not its head


def _inner_key(line: Line) -> str:
    """A line's key at the edge of a text set inside the paper: as printed, numbers too (the
    running head of a slip opinion repeats whole, a chapter's "Chapter 2" is no head), but for
    a bare number."""
    return _key(line) if is_page_number(line.text) else line.text.strip()


Frame = tuple[float, float]  # the lowest and highest points the pages' text reaches


def text_frame(pages: Iterable[PageLines]) -> Frame:
    """How low and how high the text of any of these pages reaches."""
    low, high = float("inf"), float("-inf")
    for page in pages:
        for ln in page.lines:
            low, high = min(low, ln.y0), max(high, ln.y1)
    return low, high


def _edge_limits(page: PageLines, share: float, frame: Frame) -> tuple[float, float]:
    """Below which a line is at the page's bottom edge, and above which at its top: a share of
    the page's height from the paper's edge; or, where no page prints anything that near the
    edge, from the edge of the text (a slip opinion set on a smaller sheet centred on letter
    paper has its running head an inch and a half below the paper's top)."""
    low, high = page.height * share, page.height * (1 - share)
    if frame[1] < high:
        high = frame[1] - page.height * share
    if frame[0] > low:
        low = frame[0] + page.height * share
    return low, high


def is_page_number(text: str) -> bool:
    """Whether a line is a bare page number ("12", "xii", "- 3 -", "Page 4 of 20")."""
    return bool(_PAGE_NUMBER.match(text.strip()))


def drop_furniture(
    page: PageLines, keys: set[str], frame: Frame | None = None, size: float = 0.0
) -> list[Line]:
    """The page's lines without running headers, footers and bare page numbers at its edges.

    Where no page of the document prints anything near the paper's edge, its edges are those
    of its text (frame): there only lines printed whole on several pages in a size smaller
    than the body's (size) go, and bare numbers in the first or last row, since a title page's
    title, a chapter's first heading or a paragraph's repeated line may stand where its head
    would."""
    low, high = page.height * EDGE, page.height * (1 - EDGE)
    number_low, number_high = page.height * NUMBER_EDGE, page.height * (1 - NUMBER_EDGE)
    inner_low, inner_high = _edge_limits(page, EDGE, frame or text_frame([page]))
    # A number there is the page's only in the first or last row (a part's "3" below the
    # first line is a heading).
    top, bottom = _outer_rows(page)
    kept = []
    for ln in page.lines:
        if (ln.y0 > high or ln.y1 < low) and (
            _key(ln) in keys or _carries_label(ln.text, page.label)
        ):
            continue
        if (ln.y0 > number_high or ln.y1 < number_low) and is_page_number(ln.text):
            continue
        if (
            (ln.y0 > inner_high or ln.y1 < inner_low)
            and _inner_key(ln) in keys
            and (
                (ln.y1 > top or ln.y0 < bottom)
                if is_page_number(ln.text)
                else ln.size < 0.95 * size
            )
        ):
            continue
        kept.append(ln)
    return kept


def _outer_rows(page: PageLines) -> tuple[float, float]:
    """Above which a line shares the page's first row, and below which its last."""
    top = max((ln.y0 for ln in page.lines), default=0.0)
    bottom = min((ln.y1 for ln in page.lines), default=0.0)
    return top, bottom


def _carries_label(text: str, label: str) -> bool:
    """Whether a short line starts or ends with the page's own printed number: a running head
    ("Chapter 2: Handling 3", "12 Journal of Things")."""
    words = text.split()
    return len(text) < 120 and len(words) > 1 and label in (words[0], words[-1])


def body_size(pages: Iterable[PageLines]) -> float:
    """The font size most of the text is set in."""
    return most_common_size(size_counts(pages))


def size_counts(pages: Iterable[PageLines]) -> Counter[float]:
    """How many characters are set in each font size (to the half point)."""
    sizes: Counter[float] = Counter()
    for page in pages:
        for ln in page.lines:
            sizes[round(ln.size * 2) / 2] += len(ln.text)
    return sizes


def most_common_size(sizes: Counter[float]) -> float:
    """The size of the most characters (10 pt when there are none)."""
    return sizes.most_common(1)[0][0] if sizes else 10.0


def printed_labels(pages: Sequence[PageLines], frame: Frame) -> list[str]:
    """The pages' labels: the PDF's own where it states them; else the numbers the pages print
    (see `count_labels`); else their numbers in the file."""
    return count_labels(
        [page.label for page in pages],
        any(page.stated for page in pages),
        printed_numbers(pages, frame),
        sum(1 for page in pages if page.lines),
    )


def printed_numbers(pages: Sequence[PageLines], frame: Frame) -> list[int | None]:
    """The number each page prints alone in its first or last row, at its edge; None where it
    prints none (or several)."""
    numbers: list[int | None] = []
    for page in pages:
        low, high = _edge_limits(page, EDGE, frame)
        top, bottom = _outer_rows(page)
        found = [
            int(ln.text)
            for ln in page.lines
            if (ln.y1 > max(high, top) or ln.y0 < min(low, bottom))
            and ln.text.isascii()  # str.isdigit passes "²", which int() refuses
            and ln.text.isdigit()
            and len(ln.text) <= 4
        ]
        numbers.append(found[0] if len(found) == 1 else None)
    return numbers


def count_labels(
    labels: Sequence[str], stated: bool, numbers: Sequence[int | None], with_text: int
) -> list[str]:
    """The labels of a document's pages (labels: the file's; stated: whether the PDF states
    them) from the numbers they print (`printed_numbers`) where most of its pages with text
    print one and they count up page by page, or start again at 1 (a slip opinion's syllabus,
    then its opinion)."""
    labels = list(labels)
    if stated or not reads_numbers(numbers, with_text):
        return labels
    held = [(n, number) for n, number in enumerate(numbers) if number is not None]
    k, v = held[0]  # the pages before the first printed number count back from it
    following = iter(held)
    ahead = next(following, None)
    for n in range(len(labels)):
        if ahead is not None and ahead[0] <= n:
            k, v = ahead
            ahead = next(following, None)
        counted = v + (n - k)
        if counted >= 1:
            labels[n] = str(counted)
    return labels


def reads_numbers(numbers: Sequence[int | None], with_text: int) -> bool:
    """Whether the numbers the pages print (`printed_numbers`) label them: most pages with text
    print one, and they count up page by page or start again at 1."""
    held = [(n, number) for n, number in enumerate(numbers) if number is not None]
    if not with_text or 5 * len(held) < 3 * with_text:
        return False
    return all(then in (number + (after - n), 1) for (n, number), (after, then) in pairwise(held))


def label_kind(stated: bool, numbers: Sequence[int | None], with_text: int) -> LabelKind:
    """Where `count_labels` takes a document's labels from."""
    if stated:
        return "stated"
    return "printed" if reads_numbers(numbers, with_text) else "counted"


def split_footnotes(
    lines: Sequence[Line], height: float, size: float
) -> tuple[list[Line], list[Line]]:
    """Body lines and footnote lines: from a small line in the page's lower part that starts
    with a note mark, the small lines after it."""
    body: list[Line] = []
    notes: list[Line] = []
    small = 0.9 * size
    for ln in lines:
        in_notes = bool(notes) and ln.size <= small
        if in_notes or (
            ln.size <= small and ln.y1 < 0.5 * height and _FOOTNOTE_MARK.match(ln.text)
        ):
            notes.append(ln)
        else:
            body.append(ln)
    return body, notes


def paragraphs(
    lines: Sequence[Line], size: float, words: set[str], *, notes: bool = False
) -> list[tuple[BlockKind, str]]:
    """Lines in reading order joined into paragraphs and headings."""
    blocks: list[tuple[BlockKind, list[str]]] = []
    prev: Line | None = None
    left = min((ln.x0 for ln in lines), default=0.0)
    alone = {n for n in (set() if notes else _centred(lines, size, left)) if _alone(lines, n)}
    # Notes whose first lines are indented: a line at the notes' margin goes on with its note,
    # even where it starts with a number ("5 and 40 percent of…").
    hanging = notes and bool(lines) and lines[0].x0 > left + 0.5 * size
    spacing = _spacing(lines, size)
    margin = _margin(lines)
    for n, ln in enumerate(lines):
        first = bool(blocks) and len(blocks[-1][1]) == 1  # prev opens its block
        heading = not notes and ln.size >= 1.15 * size and len(ln.text) < 200
        bullet = None if notes or heading else _BULLET.match(ln.text)
        item = bool(bullet) or (not notes and not heading and _starts_item(ln, prev, blocks))
        kind: BlockKind = "heading" if heading else "list_item" if item else "paragraph"
        if item:  # a known bullet goes; any other marker ("1.", a glyph read as "!") stays
            blocks.append((kind, [ln.text[bullet.end() :] if bullet else ln.text]))
        elif prev is not None and blocks[-1][0] == "list_item" and not heading:
            # A list item's hanging lines go on until a gap or a line back at the margin.
            if (
                prev.y0 - ln.y1 > 0.8 * size
                or ln.x0 < prev.x0 - 0.5 * size
                or _ends_short(prev, size)
            ):
                blocks.append(("paragraph", [ln.text]))
            else:
                blocks[-1][1].append(ln.text)
        elif hanging and prev is not None and ln.x0 < left + 0.5 * size:
            blocks[-1][1].append(ln.text)
        elif (
            prev is None
            or n in alone
            or n - 1 in alone
            or _breaks(prev, ln, kind, blocks[-1][0], size, margin, notes, first, spacing)
        ):
            blocks.append((kind, [ln.text]))
        else:
            blocks[-1][1].append(ln.text)
        prev = ln
    return [(kind, join_lines(texts, words)) for kind, texts in blocks]


# A part's number standing alone ("I", "A", "2."), and a short heading in the body's size.
_PART = re.compile(r"^(?:[IVX]{1,5}|[A-Z]|\d{1,2})\.?$")
_HEAD_WORD = re.compile(r"^(?:[A-Z][\w’'-]*|of|and|the|for|in|on|to|a|an|&)$")


def _centred(lines: Sequence[Line], size: float, left: float) -> set[int]:
    """Which lines are centred between the text's edges, alone (a block quote's lines, indented
    on both sides, share their left edge with the line before or after them)."""
    if not lines:
        return set()
    right = max(ln.x1 for ln in lines)
    found = set()
    for n, ln in enumerate(lines):
        inset = ln.x0 - left
        if inset < 3 * size or abs(inset - (right - ln.x1)) > 1.5 * size:
            continue
        near = [lines[k] for k in (n - 1, n + 1) if 0 <= k < len(lines)]
        if all(abs(other.x0 - ln.x0) > 1 for other in near):
            found.add(n)
    return found


def _alone(lines: Sequence[Line], n: int) -> bool:
    """Whether a centred line stands alone as a part's number ("I", "A") or a heading of a few
    capitalised words in the body's size between a sentence's end and a line of running text
    ("Background"); a caption's or a poem's lines and a form's boxes do not."""
    ln = lines[n]
    words = ln.text.split()
    return bool(_PART.match(ln.text)) or (
        len(words) <= 4
        and all(_HEAD_WORD.match(word) for word in words)
        and 0 < n < len(lines) - 1
        and _SENTENCE_END.search(lines[n - 1].text) is not None
        and lines[n + 1].text.count(" ") >= 5
    )


def _spacing(lines: Sequence[Line], size: float) -> float:
    """The gap that parts paragraphs where running text is double-spaced (most gaps between
    two lines of running text alike, and wider than the gap that parts paragraphs elsewhere):
    the usual gap and half a line more; else 0. A table's rows and a list of contents, whose
    lines are not running text, never count."""
    gaps = sorted(
        a.y0 - b.y1
        for a, b in pairwise(lines)
        if 0 < a.y0 - b.y1 < 3 * size and a.text.count(" ") >= 9 and b.text.count(" ") >= 9
    )
    if len(gaps) < 6:
        return 0.0
    usual = gaps[len(gaps) // 2]
    regular = sum(1 for gap in gaps if abs(gap - usual) <= 0.15 * usual)
    return usual + 0.5 * size if usual > 0.8 * size and 5 * regular >= 3 * len(gaps) else 0.0


def _margin(lines: Sequence[Line]) -> float:
    """Where most of the lines start (to 2 points)."""
    seen = Counter(int(ln.x0 // 2) for ln in lines)
    return 2.0 * seen.most_common(1)[0][0] if seen else 0.0


def _starts_item(ln: Line, prev: Line | None, blocks: list[tuple[BlockKind, list[str]]]) -> bool:
    """Whether a line led by a marker drawn apart opens a list item: it comes first, or after a
    sentence's or a list item's end. Mid-sentence it is a sign in the margin (a form's "!"
    caution icon beside its paragraph), and the paragraph goes on."""
    if not ln.marker:
        return False
    return prev is None or blocks[-1][0] == "list_item" or bool(_SENTENCE_END.search(prev.text))


def _breaks(
    prev: Line,
    ln: Line,
    kind: BlockKind,
    current: BlockKind,
    size: float,
    margin: float,
    notes: bool,
    first: bool = False,
    spacing: float = 0.0,
) -> bool:
    """Whether ln starts a new block after prev (margin: where most lines start; first: prev
    opens its block; spacing: the gap that parts paragraphs of double-spaced text)."""
    if kind != current:
        return True
    if notes:
        return bool(_FOOTNOTE_MARK.match(ln.text))
    same_column = ln.y1 < prev.y1 and abs(ln.x0 - prev.x0) < 0.5 * prev.x1
    if not same_column:  # the text moved to the next column: the paragraph goes on
        return kind == "heading" or _ends_short(prev, size)
    gap = prev.y0 - ln.y1
    if gap > max(0.8 * max(ln.size, size), spacing):
        return True
    if kind == "heading":
        return False
    indent = ln.x0 - prev.x0
    if first and abs(indent) <= 1 and 0.5 * size < ln.x0 - margin < 1.6 * size:
        # Two first lines in a row, each indented from the margin as a paragraph's first line
        # is: a one-line paragraph ("JUSTICE SOTOMAYOR delivered the opinion of the Court.")
        # and the next.
        return bool(_SENTENCE_END.search(prev.text))
    if (
        first
        and prev.x0 < margin - 0.5 * size
        and abs(ln.x0 - margin) < 0.5 * size
        and not prev.short
    ):
        return False  # a hanging indent: the paragraph's first line stands out to the left
    indented = 0.8 * size < indent < 5 * size and not prev.text.endswith("-")
    return indented or _ends_short(prev, size)


def _ends_short(prev: Line, size: float) -> bool:
    """A line ending a sentence well before its column's right edge ends its paragraph."""
    return prev.short and bool(_SENTENCE_END.search(prev.text))


def mark_short(lines: Sequence[Line], size: float) -> None:
    """Mark the lines that end well before the right edge of their column."""
    step = 3 * max(size, 1.0)
    right: dict[int, float] = {}
    for ln in lines:
        key = int(ln.x0 // step)
        right[key] = max(right.get(key, ln.x1), ln.x1)
    # A column's right edge: the furthest right a line starting near its left edge reaches.
    edges = {
        key: max(edge, right.get(key - 1, edge), right.get(key + 1, edge))
        for key, edge in right.items()
    }
    for ln in lines:
        ln.short = ln.x1 < edges[int(ln.x0 // step)] - 4 * size


def join_lines(texts: Sequence[str], words: set[str]) -> str:
    """Lines of a paragraph as one string: a word hyphenated at a line end joined ("exam-" +
    "ple" → "example") unless the document writes it with a hyphen or it is a prefix
    ("self-" + "evident" stays "self-evident")."""
    if not texts:
        return ""
    parts = [texts[0]]
    for text in texts[1:]:
        last = parts[-1]
        # Only a line ending in a hyphen needs the word rules (most do not: no regex for them).
        before = _tail(parts) if last.endswith("-") else ""
        end = _WORD_END.search(before) if before else None
        start = _WORD_START.match(text) if end else None
        if end and start and not end.group(1).isdigit():
            head, tail = end.group(1), start.group(1)
            compound = _COMPOUND_END.search(before)
            whole = compound.group(1) if compound else head
            parts[-1] = last[:-1] if join_hyphen(head, tail, words, whole) else last
            parts.append(text)
        elif last.endswith("—") and last[-2:-1].isalnum() and text[:1].isalpha():
            # An em dash set closed ends a line ("the Compact—"), the next word goes on closed.
            parts.append(text)
        else:
            parts.append(" ")
            parts.append(text)
    return "".join(parts)


def _tail(parts: list[str]) -> str:
    """The last 64 characters of the joined parts (a word may span parts joined at a hyphen)."""
    tail = ""
    for part in reversed(parts):
        tail = part + tail
        if len(tail) >= 64 or part == " ":
            break
    return tail[-64:]


def join_hyphen(head: str, tail: str, words: set[str], compound: str = "") -> bool:
    """Whether "head-" at a line end and "tail" on the next line are one word broken in two.

    A compound broken at one of its own hyphens ("out-of-" + "state") keeps it, unless the
    document prints the word whole; a prefix ("self-") keeps it, unless the document prints a
    form of the word whole ("short-" + "ages" where it has "shortage")."""
    if not tail[:1].islower() or any(c.isdigit() for c in head + tail):
        return False
    whole = (head + tail).lower()
    if whole in words:
        return True
    if "-" in compound:
        # Broken at its own hyphen where the document prints it so, or where what ends the line
        # is a word it prints ("out-of-" + "state"); else inside its last word ("anti-inflam-").
        if f"{compound}{tail}".lower() in words:
            return True
        return not (f"{compound}-{tail}".lower() in words or head.lower() in words)
    if f"{head}-{tail}".lower() in words:
        return False
    if any(form in words for form in _forms(whole)):
        return True
    return head.lower() not in _HYPHEN_PREFIXES


def _forms(word: str) -> Iterable[str]:
    """Other forms of a word: its plural, and the word without an ending."""
    yield word + "s"
    for ending in ("s", "es", "ed", "d", "ing", "ly"):
        if word.endswith(ending) and len(word) > len(ending) + 3:
            yield word[: -len(ending)]


def vocabulary(pages: Iterable[PageLines]) -> set[str]:
    """Every word (and hyphenated word) the document prints inside a line, lower case: a page's
    lines read as one string, not line by line."""
    # A word never spans whitespace, and only a line's last token sees the line break after
    # it: the pattern runs once per distinct token (a third of the time of a run over every
    # page), each with the character that follows it.
    inside: set[str] = set()
    last: set[str] = set()
    for page in pages:
        for line in "\n".join([ln.text for ln in page.lines]).lower().split("\n"):
            tokens = line.split()
            if tokens and not line[-1].isspace():
                last.add(tokens.pop())
            inside.update(tokens)
    found: set[str] = set()
    words = _WORDS.findall
    for token, after in chain(zip(inside, repeat(" ")), zip(last, repeat("\n"))):
        if token.isalpha():  # most tokens: letters only, the word itself
            found.add(token)
        else:
            found.update(words(token + after))
    return found


def page_texts(
    pages: Sequence[PageLines],
    words: set[str] | None = None,
    *,
    keys: set[str] | None = None,
    size: float | None = None,
    frame: Frame | None = None,
    labels: Sequence[str] | None = None,
) -> list[PageText]:
    """Every page's blocks in reading order: headers, footers and page numbers dropped,
    footnotes after the page's body. The document's running heads (keys), body size, words,
    text frame and page labels are worked out from these pages unless given (from all pages,
    when these are some)."""
    keys = furniture_keys(pages) if keys is None else keys
    size = body_size(pages) if size is None else size
    words = vocabulary(pages) if words is None else words
    frame = text_frame(pages) if frame is None else frame
    printed = printed_labels(pages, frame) if labels is None else labels
    out: list[PageText] = []
    for page, label in zip(pages, printed, strict=True):
        page.label = label
        kept = drop_furniture(page, keys, frame, size)
        ordered = reading_order(kept, page.width)
        body, notes = split_footnotes(ordered, page.height, size)
        if notes and body and _RULE.match(body[-1].text):  # the rule drawn above the notes
            body.pop()
        mark_short(body, size)
        blocks = paragraphs(body, size, words)
        blocks += paragraphs(notes, size, words, notes=True)
        out.append(PageText(page.label, blocks, open_end=bool(body) and not notes))
    return out


def assemble(
    texts: Sequence[PageText], words: set[str]
) -> tuple[list[tuple[BlockKind, str]], list[tuple[int, int, str]]]:
    """All pages as one list of clean blocks, and where each page starts in them: (block index,
    offset in that block, label). A paragraph running over a page break stays one block, the
    next page starting inside it, unless footnotes come between."""
    from library.text import clean_block

    blocks: list[tuple[BlockKind, str]] = []
    starts: list[tuple[int, int, str]] = []
    open_end = False
    for page in texts:
        own = [(kind, body) for kind, body in ((k, clean_block(t)) for k, t in page.blocks) if body]
        if own and open_end and blocks and _flows(blocks[-1], own[0]):
            kind, before = blocks[-1]
            after = own[0][1]
            end = _WORD_END.search(before[-64:])  # the end alone: a paragraph is long
            start = _WORD_START.match(after)
            if end and start and join_hyphen(end.group(1), start.group(1), words):
                joined, at = before[:-1] + after, len(before) - 1
            elif before.endswith("-") and start:
                joined, at = before + after, len(before)
            else:
                joined, at = f"{before} {after}", len(before) + 1
            if clean_block(joined) == joined:  # offsets hold only if joining changed nothing
                blocks[-1] = (kind, joined)
                starts.append((len(blocks) - 1, at, page.label))
                blocks.extend(own[1:])
                open_end = page.open_end
                continue
        starts.append((len(blocks), 0, page.label))
        blocks.extend(own)
        open_end = page.open_end and bool(own)
    return blocks, starts


def _flows(last: tuple[BlockKind, str], first: tuple[BlockKind, str]) -> bool:
    """Whether a page's first paragraph goes on with the last paragraph of the page before."""
    if last[0] != "paragraph" or first[0] != "paragraph":
        return False
    return not _SENTENCE_END.search(last[1][-16:]) or first[1][:1].islower()
