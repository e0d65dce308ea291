"""Read a PDF with pypdfium2 in a child process: its lines page by page, its metadata.

Run as `python -m library.pdfworker MAX_PAGES MEMORY_MB` with the PDF's bytes on stdin; prints
one marshal record: ("ok", result) or ("refused", reason, hint). The parent
(library.importers.pdf) bounds the child's time; the child caps its own memory before reading,
so a hostile PDF (a huge stream, deep recursion) costs at most those, and nothing here has to
guard against them itself.
"""

from __future__ import annotations

import bisect
import contextlib
import itertools
import marshal
import os
import re
import sys
from collections import Counter
from typing import Any

from library.pdftext import (
    Frame,
    Line,
    PageLines,
    PageText,
    assemble,
    count_labels,
    edge_counts,
    label_kind,
    merge_segments,
    most_common_size,
    page_texts,
    printed_numbers,
    repeated,
    size_counts,
    text_frame,
    vocabulary,
)

_XMP = re.compile(rb"<x:xmpmeta.{0,200000}?</x:xmpmeta>", re.S)
_XMP_FIELD = {
    "title": re.compile(r"<dc:title>.*?<rdf:li[^>]*>(.*?)</rdf:li>", re.S),
    "creators": re.compile(r"<dc:creator>(.*?)</dc:creator>", re.S),
    "date": re.compile(
        r"<(?:xmp:CreateDate|dc:date|prism:publicationDate)[^>]*>\s*(?:<rdf:Seq>\s*<rdf:li>)?"
        r"\s*([0-9]{4}(?:-[0-9]{2}(?:-[0-9]{2})?)?)",
        re.S,
    ),
    "doi": re.compile(r"<(?:prism:doi|pdfx:doi|dc:identifier)[^>]*>\s*(?:doi:)?(10\.[^<\s]+)"),
}
_LI = re.compile(r"<rdf:li[^>]*>(.*?)</rdf:li>", re.S)
# Where pdfium ends a line: a line break, or a hyphen at a line end (U+FFFE), after which
# pdfium 6 writes no line break. Two patterns: a literal is found many times faster than
# either of two alternatives.
_LINE_BREAK = re.compile("\r\n")
_HYPHEN_END = re.compile("\ufffe(?!\r\n)")


_INVISIBLE = 3  # FPDF_TEXTRENDERMODE_INVISIBLE


class Refused(Exception):
    """The PDF cannot be imported; args: reason, hint."""


_initialised = False
_META_KEYS = ("Title", "Author", "Subject", "Keywords", "Creator", "Producer", "CreationDate")


class _Pdfium:
    """pdfium's C functions through pypdfium2's raw bindings, without pypdfium2's helper layer:
    the reading process starts ~50 ms sooner and pays no wrapper objects a page."""

    def __init__(self) -> None:
        import ctypes

        import pypdfium2_raw as c

        self.c = c
        self.ctypes = ctypes
        global _initialised
        helpers = sys.modules.get("pypdfium2.internal.bases")
        if not _initialised and not getattr(helpers, "LIBRARY_AVAILABLE", False):
            config = c.FPDF_LIBRARY_CONFIG(
                version=2, m_pUserFontPaths=None, m_pIsolate=None, m_v8EmbedderSlot=0
            )
            c.FPDF_InitLibraryWithConfig(config)  # once a process (the worker's, or a test's)
        _initialised = True
        # The calls made for every line, without pypdfium2's argument types: ctypes then
        # converts nothing and a call costs half (a 300-page report makes ~40,000 of them).
        # (pypdfium2's own functions where its library handle is not where this expects it.)
        try:
            library = sys.modules["pypdfium2_raw.bindings"]._libs["pdfium"]
            self.get_rect = library["FPDFText_GetRect"]
            self.char_box = library["FPDFText_GetCharBox"]
            self.font_size = library["FPDFText_GetFontSize"]
            self.font_size.restype = ctypes.c_double
        except (KeyError, AttributeError, TypeError):
            self.get_rect = c.FPDFText_GetRect
            self.char_box = c.FPDFText_GetCharBox
            self.font_size = c.FPDFText_GetFontSize

    def utf16(self, call: Any, *args: Any) -> str:
        """The string a pdfium getter writes as UTF-16 (asked twice: its length, then it)."""
        size = call(*args, None, 0)
        if size <= 2:
            return ""
        buffer = self.ctypes.create_string_buffer(size)
        call(*args, buffer, size)
        return buffer.raw[: size - 2].decode("utf-16-le", "ignore")


def read(data: bytes, max_pages: int) -> dict[str, Any]:
    """The PDF's pages as blocks in reading order, its page labels and its metadata."""
    lib = _Pdfium()
    c = lib.c
    buffer = lib.ctypes.create_string_buffer(data, len(data))  # pdfium reads it in place
    pdf = c.FPDF_LoadMemDocument64(buffer, len(data), None)
    if not pdf:
        code = c.FPDF_GetLastError()
        if code == c.FPDF_ERR_PASSWORD:
            raise Refused(
                "the PDF is encrypted and needs a password",
                "open it in a PDF reader, save an unencrypted copy, and import that",
            )
        if code == c.FPDF_ERR_SECURITY:
            raise Refused(
                "the PDF uses an encryption Margin cannot read", "save an unencrypted copy"
            )
        raise Refused("the PDF is damaged (cannot be read)", "download it again, or re-save it")
    count = c.FPDF_GetPageCount(pdf)
    if count <= 0:
        raise Refused("the PDF has no pages", "is the file complete?")
    if count > max_pages:
        raise Refused(
            f"the PDF has {count:,} pages, over the {max_pages:,} page limit",
            "raise [import] max_pages in the config",
        )
    texts, words, first, chars, with_text, labelled = _read_pages(lib, pdf, count)
    if chars < 20 or with_text < 0.2 * count:
        raise Refused("no text layer (a scanned PDF?)", "run OCR first, e.g. ocrmypdf")
    info = {}
    for key in _META_KEYS:
        value = lib.utf16(c.FPDF_GetMetaText, pdf, key.encode("ascii"))
        if value:
            info[key] = value
    language = _language(lib, pdf)
    c.FPDF_CloseDocument(pdf)
    blocks, starts = assemble(texts, words)
    return {
        "blocks": blocks,
        "starts": starts,
        "labels": labelled,
        "info": info,
        "xmp": xmp(data),
        "language": language,
        "first_page": [(ln.text, ln.size, ln.y1) for ln in first.lines[:60]],
        "height": first.height,
    }


def _language(lib: _Pdfium, pdf: Any) -> str:
    """The language the document's catalog states (/Lang, e.g. "en-US"), or ""."""
    get = getattr(lib.c, "FPDFCatalog_GetLanguage", None)  # pdfium since 2023
    if get is None:
        return ""
    size = get(pdf, None, 0)  # bytes of UTF-16 with the closing zero
    if size <= 2 or size > 512:
        return ""
    buffer = (lib.ctypes.c_ushort * (size // 2))()
    get(pdf, buffer, size)
    return bytes(memoryview(buffer).cast("B")[: size - 2]).decode("utf-16-le", "ignore").strip()


PARALLEL_PAGES = 60  # from this many pages on, a second process reads the second half


def _core_free() -> bool:
    """Whether a second process would get a core's time: the machine has two or more, and the
    last minute's load (this import's own process among it) is under twice their number. On
    a machine that busy the halves only take turns, and splitting costs CPU time (a fork, a
    second copy of pdfium's caches, the halves' exchange). A 300-page report on 2 cores: at a
    load of 1.1, 1.19× raw extraction's time in two halves against 1.74× in one; at 13, 1.99×
    against 1.78×; between 3 and 7 the two were within the noise of each other."""
    cores = os.cpu_count() or 1
    if cores < 2 or not hasattr(os, "fork"):
        return False
    try:
        load = os.getloadavg()[0]
    except (AttributeError, OSError):  # not reported here: assume the machine is free
        return True
    return load < 2 * cores


# What one half of a document tells the other before either lays out its pages, given the whole
# document's text frame: the lines at the pages' edges (with on how many pages each is printed),
# the characters of each font size, the words, each page's number of characters, the number it
# prints and its label in the file, and whether the PDF states its labels.
Summary = tuple[
    dict[str, int], dict[float, int], set[str], list[int], list[int | None], list[str], bool
]


def _summary(pages: list[PageLines], frame: Frame) -> Summary:
    chars = [sum(len(ln.text) for ln in page.lines) for page in pages]
    return (
        dict(edge_counts(pages, frame)),
        dict(size_counts(pages)),
        vocabulary(pages),
        chars,
        printed_numbers(pages, frame),
        [page.label for page in pages],
        any(page.stated for page in pages),
    )


def _read_pages(
    lib: _Pdfium, pdf: Any, count: int
) -> tuple[list[PageText], set[str], PageLines, int, int, str]:
    """Every page's text in reading order, the document's words, its first page's lines, its
    number of characters and of pages with text, and where its page labels come from.

    A long document's second half is read and laid out by a forked copy of this process on the
    other core (pdfium is not thread-safe; a fork after opening the document is): each half
    reads its pages' lines, the halves pool what the layout needs from the whole document
    (running heads, the body's font size, the words), then each lays out its own pages.
    """
    if count < PARALLEL_PAGES or not _core_free():
        return _finish(_pages(lib, pdf, 0, count), None)
    middle = count // 2
    up_read, up_write = os.pipe()  # the forked half to this one
    down_read, down_write = os.pipe()  # this half to the forked one
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the forked half
        code = 0
        try:
            os.close(up_read)
            os.close(down_write)
            with os.fdopen(up_write, "wb") as up, os.fdopen(down_read, "rb") as down:
                second = _pages(lib, pdf, middle, count)
                _send(up, text_frame(second))
                frame = _receive(down)
                _send(up, _summary(second, frame))
                keys, size, words, labels = _receive(down)
                texts = page_texts(second, words, keys=keys, size=size, frame=frame, labels=labels)
                _send(up, [(t.label, t.blocks, t.open_end) for t in texts])
        except BaseException:
            code = 1
        os._exit(code)
    os.close(up_write)
    os.close(down_read)
    try:
        with os.fdopen(up_read, "rb") as up, os.fdopen(down_write, "wb") as down:
            pages = _pages(lib, pdf, 0, middle)
            result = _finish(pages, (up, down))
    except (EOFError, ValueError, TypeError, OSError):
        raise Refused("the PDF is damaged (its pages cannot be read)", "re-save it") from None
    finally:
        with contextlib.suppress(OSError):
            os.kill(pid, 9)  # done already, unless this half gave up first
        os.waitpid(pid, 0)
    return result


def _finish(
    pages: list[PageLines], other: tuple[Any, Any] | None
) -> tuple[list[PageText], set[str], PageLines, int, int, str]:
    """Lay out pages (the first half, when other is the pipe pair to the forked second half,
    which lays out its own) with what the whole document shows: its text frame first, then
    the rest of each half's summary, so a long document reads alike in halves or whole."""
    frame = text_frame(pages)
    if other is not None:
        low, high = _receive(other[0])
        frame = (min(frame[0], low), max(frame[1], high))
        _send(other[1], frame)
    edges, sizes, words, chars, numbers, labels, stated = _summary(pages, frame)
    edge_seen, size_seen = Counter(edges), Counter(sizes)
    if other is not None:
        theirs = _receive(other[0])
        edge_seen.update(theirs[0])
        size_seen.update(theirs[1])
        words = words | theirs[2]
        chars = chars + theirs[3]
        numbers, labels, stated = numbers + theirs[4], labels + theirs[5], stated or theirs[6]
    keys, size = repeated(edge_seen), most_common_size(size_seen)
    labelled = label_kind(stated, numbers, sum(1 for n in chars if n))
    labels = count_labels(labels, stated, numbers, sum(1 for n in chars if n))
    if other is not None:
        _send(other[1], (keys, size, words, labels[len(pages) :]))
    texts = page_texts(pages, words, keys=keys, size=size, frame=frame, labels=labels[: len(pages)])
    if other is not None:
        texts += [PageText(label, blocks, end) for label, blocks, end in _receive(other[0])]
    with_text = sum(1 for n in chars if n >= 20)
    return texts, words, pages[0], sum(chars), with_text, labelled


def _send(out: Any, value: Any) -> None:
    data = marshal.dumps(value)
    out.write(len(data).to_bytes(8, "little"))
    out.write(data)
    out.flush()


def _receive(source: Any) -> Any:
    head = source.read(8)
    if len(head) < 8:
        raise EOFError("the other half stopped")
    size = int.from_bytes(head, "little")
    data = source.read(size)
    if len(data) < size:
        raise EOFError("the other half stopped")
    return marshal.loads(data)


def _pages(lib: _Pdfium, pdf: Any, start: int, stop: int) -> list[PageLines]:
    """The lines of pages [start, stop), with their sizes and printed labels."""
    c = lib.c
    pages: list[PageLines] = []
    for index in range(start, stop):
        page = c.FPDF_LoadPage(pdf, index)
        if not page:
            raise Refused(f"the PDF is damaged (page {index + 1} cannot be read)", "re-save it")
        width, height = c.FPDF_GetPageWidthF(page), c.FPDF_GetPageHeightF(page)
        stated = lib.utf16(c.FPDF_GetPageLabel, pdf, index)
        label = stated or str(index + 1)
        textpage = c.FPDFText_LoadPage(page)
        segments = _segments(lib, textpage) if textpage else []
        if textpage:
            c.FPDFText_ClosePage(textpage)
        c.FPDF_ClosePage(page)
        pages.append(PageLines(width, height, label, merge_segments(segments), bool(stated)))
    return pages


def _text(lib: _Pdfium, textpage: Any, count: int) -> str:
    """The text page's characters [0, count) as one string (UTF-16 from pdfium; a character
    outside the BMP takes two units, so the buffer has room for twice count)."""
    ctypes = lib.ctypes
    buffer = (ctypes.c_ushort * (2 * count + 2))()
    written = lib.c.FPDFText_GetText(textpage, 0, count, buffer)
    if written <= 1:
        return ""
    return bytes(memoryview(buffer).cast("B")[: 2 * (written - 1)]).decode("utf-16-le", "ignore")


def _bounded(lib: _Pdfium, textpage: Any, box: tuple[float, float, float, float]) -> str:
    """The text pdfium finds inside a box (x0, y0, x1, y1)."""
    ctypes = lib.ctypes
    x0, y0, x1, y1 = box
    get = lib.c.FPDFText_GetBoundedText
    size = get(textpage, x0, y1, x1, y0, None, 0)
    if size <= 0:
        return ""
    buffer = (ctypes.c_ushort * (size + 1))()
    written = get(textpage, x0, y1, x1, y0, buffer, size)
    return bytes(memoryview(buffer).cast("B")[: 2 * written]).decode("utf-16-le", "ignore")


def _segments(lib: _Pdfium, handle: Any) -> list[Line]:
    """The page's runs of text, each with its box and font size.

    pdfium's rects split a line where the text jumps (a column gutter) or its style changes,
    and follow the page's characters in order: each rect's first character is found by its
    position, and its text is the page's text from there to the next rect's first. A few calls
    a run, instead of a bounded-text read each (which costs ten times as much).
    """
    ctypes, raw = lib.ctypes, lib.c
    count = raw.FPDFText_CountChars(handle)
    if count <= 0:
        return []
    text = _text(lib, handle, count)
    exact = len(text) == count  # else characters outside the BMP shift the slices
    left, top, right, bottom = (ctypes.c_double() for _ in range(4))
    at_left, at_top, at_right, at_bottom = (ctypes.byref(v) for v in (left, top, right, bottom))
    boxes: list[tuple[float, float, float, float]] = []
    firsts: list[int] = []
    get_rect, index_at, char_box = lib.get_rect, raw.FPDFText_GetCharIndexAtPos, lib.char_box
    # Where pdfium's lines start: a rect there begins with that character, found by its box
    # (one cheap call) instead of a search by position (which walks the page's characters).
    line_starts = _line_starts(text) if exact else []
    at_line = 0
    latest = -1  # the furthest first character found so far
    for n in range(raw.FPDFText_CountRects(handle, 0, -1)):
        get_rect(handle, n, at_left, at_top, at_right, at_bottom)
        x0, y0, x1, y1 = left.value, bottom.value, right.value, top.value
        half = (y1 - y0) / 2
        boxes.append((x0, y0, x1, y1))
        first = -1
        if at_line < len(line_starts):
            start = line_starts[at_line]
            char_box(handle, start, at_left, at_right, at_bottom, at_top)
            middle = (bottom.value + top.value) / 2
            if x0 - 1 <= left.value <= x1 and y0 - 1 <= middle <= y1 + 1:
                first = start
                at_line += 1
        if first < 0 and exact:
            first = index_at(handle, x0 + 0.2, y0 + half, half, half)
            if first >= 0:  # the nearest character: this run's first if it starts in the run
                char_box(handle, first, at_left, at_right, at_bottom, at_top)
            if first <= latest or not x0 - 1 <= left.value <= x1:  # a neighbour's (a kerned
                # letter, a superscript): this run's first is the next one starting in it
                found = _first_at(lib, handle, latest + 1, (x0, y0, x1, y1), count)
                first = found if found >= 0 else first
        firsts.append(first)
        latest = max(latest, first)
    out: list[Line] = []
    font_size = lib.font_size
    starts = _column_starts(boxes) if exact else []
    # Where each run lies in the page's text, so that runs next to each other there are joined
    # with pdfium's own spacing; not on an OCR layer's page, whose spaces pdfium guesses from
    # word boxes (and misses where two words sit close).
    stream = exact and not _invisible(lib, handle, count)
    # A run's text goes on to the next first character of any run, so no two runs share a
    # character even where pdfium's runs are not in the order of the text.
    known = sorted({first for first in firsts if 0 <= first < count})
    taken: set[int] = set()
    for n, (x0, y0, x1, y1) in enumerate(boxes):
        first = firsts[n]
        if first in taken:  # two runs found one first character: the text is the other's
            continue
        taken.add(first)
        at = bisect.bisect_right(known, first)
        after = known[at] if at < len(known) else count
        if not 0 <= first < after <= count:  # the position missed its character
            piece = _bounded(lib, handle, (x0, y0, x1, y1))  # ask pdfium for the box's text
            out.append(Line(x0, y0, x1, y1, piece, _size(lib, handle, first) or (y1 - y0)))
            continue
        crossed = [x for x in starts if x0 + 12 < x < x1 - 12] if starts else None
        cuts = _cuts(lib, handle, text, crossed, first, after) if crossed else None
        if exact and text[first].isspace():  # a tab drawn as a space: the run starts at its text
            x0 = _text_left(lib, handle, text, first, after, x0)
        if not cuts:  # most runs: one line's piece
            size = font_size(handle, first)
            if 0 < size < 4:
                size *= _scale(lib, handle, first)
            line = Line(x0, y0, x1, y1, text[first:after], size or (y1 - y0))
            if stream:
                line.start, line.end = first, after
            out.append(line)
            continue
        edges = [(x0, x0, first), *cuts, (x1, x1, after)]
        for (_, left, begin), (right, _, end) in itertools.pairwise(edges):
            size = _size(lib, handle, begin)
            line = Line(left, y0, right, y1, text[begin:end], size or (y1 - y0))
            if stream:
                line.start, line.end = begin, end
            out.append(line)
    return out


def _text_left(lib: _Pdfium, handle: Any, text: str, first: int, after: int, x0: float) -> float:
    """Where a run that starts with a tab drawn as one wide space (as Word does) starts
    printing: its first other character's left edge, which shows the line's indent."""
    at = first
    while at < after and text[at].isspace():
        at += 1
    if at == after:
        return x0
    left, top, right, bottom = (lib.ctypes.c_double() for _ in range(4))
    lib.c.FPDFText_GetCharBox(handle, at, left, right, bottom, top)
    # A space's width is no indent (and a run may begin with the space between two words).
    wide = 2 * (_size(lib, handle, at) or (top.value - bottom.value))
    return float(left.value) if left.value - x0 >= wide else x0


def _invisible(lib: _Pdfium, handle: Any, count: int) -> bool:
    """Whether the page's text is drawn invisibly (render mode 3): an OCR layer over a scan.
    Eight characters spread over the page tell, by most of those drawn by a text object (a
    space pdfium adds has none); False where pdfium cannot say."""
    c = lib.c
    get_object = getattr(c, "FPDFText_GetTextObject", None)  # pdfium since 2023
    if get_object is None:
        return False
    modes = [
        c.FPDFTextObj_GetTextRenderMode(found)
        for found in (get_object(handle, count * k // 8) for k in range(8))
        if found
    ]
    return 2 * modes.count(_INVISIBLE) > len(modes)


def _line_starts(text: str) -> list[int]:
    """Where the lines of a text page's text start."""
    starts = [0, *(found.end() for found in _LINE_BREAK.finditer(text))]
    if "\ufffe" in text:
        starts += (found.end() for found in _HYPHEN_END.finditer(text))
        starts.sort()
    return starts


def _first_at(
    lib: _Pdfium, handle: Any, start: int, box: tuple[float, float, float, float], count: int
) -> int:
    """The first character from start on that starts inside box (-1 if none near)."""
    c = lib.c
    x0, y0, x1, y1 = box
    left, top, right, bottom = (lib.ctypes.c_double() for _ in range(4))
    for index in range(start, min(start + 200, count)):
        c.FPDFText_GetCharBox(handle, index, left, right, bottom, top)
        if x0 - 0.5 <= left.value <= x1 and y0 - 1 <= (bottom.value + top.value) / 2 <= y1 + 1:
            return index
    return -1


def _size(lib: _Pdfium, handle: Any, index: int) -> float:
    """The size a character is printed at (0 when pdfium cannot say)."""
    if index < 0:
        return 0.0
    size: float = lib.font_size(handle, index)
    if 0 < size < 4:  # set at size 1 (say) and scaled by the text matrix: the size printed
        size *= _scale(lib, handle, index)
    return size


def _column_starts(boxes: list[tuple[float, float, float, float]]) -> list[float]:
    """Where the page's columns other than the first start: an x where five runs or more
    start, well inside the text (a quarter of its width from its left edge)."""
    if len(boxes) < 10:
        return []
    left = min(b[0] for b in boxes)
    inside = left + 0.25 * (max(b[2] for b in boxes) - left)
    seen = Counter(round(b[0]) for b in boxes if b[0] > inside)
    found: list[float] = []
    for x in sorted(x for x, n in seen.items() if n >= 5):
        if not found or x - found[-1] > 6:
            found.append(x)
    return found


def _cuts(
    lib: _Pdfium, handle: Any, text: str, crossed: list[float], first: int, after: int
) -> list[tuple[float, float, int]]:
    """Where a run that crosses the start of a column (two columns' lines on one baseline,
    drawn as one piece of text) is cut: at the first space before a character at or beyond the
    column's start, when the gap there is wider than a space: (where the part before the cut
    ends, where the part after it starts, its first character)."""
    c = lib.c
    left, top, right, bottom = (lib.ctypes.c_double() for _ in range(4))

    def left_of(index: int) -> float:
        c.FPDFText_GetCharBox(handle, index, left, right, bottom, top)
        return float(left.value)

    spaces = [k for k in range(first + 1, after - 1) if text[k] == " "]
    cuts: list[tuple[float, float, int]] = []
    for x in crossed:
        low, high = 0, len(spaces)  # the first space whose next character is at x or beyond
        while low < high:
            middle = (low + high) // 2
            if left_of(spaces[middle] + 1) >= x - 2:
                high = middle
            else:
                low = middle + 1
        if low == len(spaces):
            continue
        at = spaces[low] + 1
        start = left_of(at)
        c.FPDFText_GetCharBox(handle, at - 2, left, right, bottom, top)
        if start - right.value > 0.8 * max(_size(lib, handle, at), 1.0) and (
            not cuts or at > cuts[-1][2]
        ):
            cuts.append((right.value, start, at))
    return cuts


def _scale(lib: _Pdfium, handle: Any, index: int) -> float:
    """How much the matrix a character is drawn with enlarges it (1 where pdfium cannot say)."""
    matrix = lib.c.FS_MATRIX()
    if not lib.c.FPDFText_GetMatrix(handle, index, matrix):
        return 1.0
    return abs(matrix.a * matrix.d - matrix.b * matrix.c) ** 0.5 or 1.0


def xmp(data: bytes) -> dict[str, Any]:
    """Title, creators, date and DOI from the PDF's XMP packet, where it is stored unpacked."""
    found = _XMP.search(data)
    if not found:
        return {}
    packet = found.group(0).decode("utf-8", "replace")
    out: dict[str, Any] = {}
    for key, pattern in _XMP_FIELD.items():
        hit = pattern.search(packet)
        if hit:
            out[key] = (
                [_plain(li) for li in _LI.findall(hit.group(1))]
                if key == "creators"
                else _plain(hit.group(1))
            )
    return out


def _plain(value: str) -> str:
    import html

    return html.unescape(re.sub(r"<[^>]+>", "", value)).strip()


def _cap_memory(megabytes: int) -> None:
    """Cap this process's address space before the PDF is read: a stream that inflates to
    gigabytes fails to allocate (set here, not by the parent between fork and exec, which is
    unsafe in a threaded program such as the reader)."""
    if megabytes <= 0:
        return
    try:
        import resource
    except ImportError:  # not POSIX: the time limit still holds
        return
    limit = megabytes * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def main() -> None:
    """Read the PDF on stdin and print the marshal record of what it holds."""
    max_pages = int(sys.argv[1])
    _cap_memory(int(sys.argv[2]) if len(sys.argv) > 2 else 0)
    data = sys.stdin.buffer.read()
    try:
        record: tuple[Any, ...] = ("ok", read(data, max_pages))
    except Refused as exc:
        record = ("refused", *exc.args)
    except RecursionError:
        record = ("refused", "the PDF nests its objects too deeply", "re-save it")
    sys.stdout.buffer.write(marshal.dumps(record))
    sys.stdout.buffer.flush()


if __name__ == "__main__":
    main()
